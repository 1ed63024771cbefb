"""Counting polls: majority judgment checked against its authors' and Mieux Voter's worked
examples, single and multiple choice counts, ballot validation, and a property check against a
naive implementation that materialises every ballot."""

import random
import statistics
import time
from fractions import Fraction

import pytest

from assemblee.modeles import TypeSondage
from assemblee.scrutins import (
    MENTIONS,
    MENTIONS_PAR_NOTE,
    BulletinInvalide,
    Mention,
    NonNote,
    Refus,
    depouiller_choix,
    depouiller_jugement,
    jugement_majoritaire,
    libelle_mention,
    verifier_bulletin,
)

UNIQUE, MULTIPLE, JUGEMENT = TypeSondage.UNIQUE, TypeSondage.MULTIPLE, TypeSondage.JUGEMENT
JAVA = "MieuxVoter/majority-judgment-library-java"


def _rangs(profils: list[list[int]]) -> list[int]:
    return [option.rang for option in jugement_majoritaire(profils).options]


def _bulletins(*notes_par_option: list[int]) -> list[dict[int, int]]:
    """Ballots from each option's list of grades: voter k gives option i notes_par_option[i][k],
    or nothing when that list is shorter (how the Java tests collect grades one at a time)."""
    nb_votants = max(len(notes) for notes in notes_par_option)
    return [
        {option: notes[k] for option, notes in enumerate(notes_par_option) if k < len(notes)}
        for k in range(nb_votants)
    ]


# --- the grade scale ----------------------------------------------------------------------------


def test_les_six_mentions_vont_d_excellent_a_insuffisant_et_5_est_excellent() -> None:
    assert MENTIONS == ("Excellent", "Très bien", "Bien", "Assez bien", "Passable", "Insuffisant")
    assert MENTIONS_PAR_NOTE[5] == libelle_mention(5) == Mention.EXCELLENT.libelle == "Excellent"
    assert libelle_mention(0) == Mention.INSUFFISANT.libelle == "Insuffisant"
    assert Mention.ASSEZ_BIEN == 2 and Mention(3).libelle == "Bien"
    with pytest.raises(ValueError):
        libelle_mention(6)


# --- majority judgment: Mieux Voter's reference library -----------------------------------------


def test_mieux_voter_few_judgments() -> None:
    """MieuxVoter/majority-judgment-library-java, src/test/resources/assertions.json,
    "Few judgments" (tallies worst grade first, rank 1 = best)."""
    tallies = [[1, 1, 1], [1, 0, 2], [3, 0, 0], [2, 0, 1], [0, 3, 0]]
    assert _rangs(tallies) == [3, 1, 5, 4, 2]


def test_mieux_voter_demo_usage_a_sept_mentions() -> None:
    """MieuxVoter/majority-judgment-library-java, MajorityJudgmentDeliberatorTest.java,
    testDemoUsage: same majority grade, decided deep in the majority-value sequence."""
    resultat = jugement_majoritaire([[4, 5, 2, 1, 3, 1, 2], [3, 6, 2, 1, 3, 1, 2]])
    assert [option.rang for option in resultat.options] == [2, 1]
    assert [option.mention_majoritaire for option in resultat.options] == [1, 1]
    assert [option.option for option in resultat.classement] == [1, 0]


def test_mieux_voter_collected_tally_a_quatre_mentions_depuis_les_bulletins() -> None:
    """MieuxVoter/majority-judgment-library-java, MajorityJudgmentDeliberatorTest.java,
    testDemoUsageCollectedTally (grades 0 Reject, 1 Passable, 2 Good, 3 Excellent)."""
    premiere = [0, 0, 1, 1, 1, 3, 3, 3]
    deuxieme = [0, 0, 2, 2, 2, 2, 3, 3]
    troisieme = [0, 0, 1, 2, 2, 2, 3, 3]
    resultat = depouiller_jugement(3, _bulletins(premiere, deuxieme, troisieme), nb_mentions=4)
    assert [option.profil for option in resultat.options] == [
        (2, 3, 0, 3),
        (2, 0, 4, 2),
        (2, 1, 3, 2),
    ]
    assert [option.rang for option in resultat.options] == [3, 1, 2]
    assert resultat.nb_votants == 8


def test_mieux_voter_milliards_de_votants_exactement() -> None:
    """MieuxVoter/majority-judgment-library-java, MajorityJudgmentDeliberatorTest.java,
    testDemoUsageWithBigNumbers: ten votes moved between two grades out of 75 billion."""
    a = [11312415004, 21153652410, 24101523299, 18758623562]
    b = [11312415004, 21153652400, 24101523299, 18758623572]
    assert _rangs([a, b]) == [2, 1]


def test_mieux_voter_1337_options_identiques_toutes_premieres() -> None:
    """MieuxVoter/majority-judgment-library-java, MajorityJudgmentDeliberatorTest.java,
    testWithThousandsOfProposals (tally {0, 2, 1} for 3 participants, default grade 0)."""
    assert set(_rangs([[0, 2, 1]] * 1337)) == {1}


def test_mieux_voter_mention_par_defaut_insuffisant() -> None:
    """MieuxVoter/majority-judgment-library-java, MajorityJudgmentDeliberatorTest.java,
    testWithStaticDefaultGrade: 3 participants, the first option graded by only one of them
    (the top grade); its two missing grades count as the worst."""
    bulletins = [{0: 2, 1: 1}, {1: 1}, {1: 1}]
    resultat = depouiller_jugement(2, bulletins, nb_mentions=3)
    assert [option.profil for option in resultat.options] == [(2, 0, 1), (0, 3, 0)]
    assert [option.rang for option in resultat.options] == [2, 1]


def test_mieux_voter_normalized_tally_si_l_on_ignore_les_options_non_notees() -> None:
    """MieuxVoter/majority-judgment-library-java, MajorityJudgmentDeliberatorTest.java,
    testDemoUsageNormalizedCollectedTally: options judged by 6, 3, 1 and 1 voters compared
    on their shares: {2, 2, 2} and {1, 1, 1} tie."""
    bulletins = _bulletins([0, 0, 1, 1, 2, 2], [0, 1, 2], [1], [2])
    ignorees = depouiller_jugement(4, bulletins, nb_mentions=3, non_note=NonNote.IGNOREE)
    assert [option.profil for option in ignorees.options] == [
        (2, 2, 2),
        (1, 1, 1),
        (0, 1, 0),
        (0, 0, 1),
    ]
    assert [option.rang for option in ignorees.options] == [3, 3, 2, 1]
    # The default rule reads the same ballots differently: skipped options are Insuffisant.
    insuffisantes = depouiller_jugement(4, bulletins, nb_mentions=3)
    assert [option.profil for option in insuffisantes.options][3] == (5, 0, 1)
    assert [option.rang for option in insuffisantes.options] == [1, 2, 4, 3]


# --- majority judgment: Balinski and Laraki's own presentation ----------------------------------


def test_balinski_laraki_la_mention_majoritaire_de_cinq_juges() -> None:
    """Balinski & Laraki, "Le jugement majoritaire" (English translation at
    rangevoting.org/BalinskiL.html): five voters grade a candidate Good, Passable, Reject,
    Good, Mildly good; the majority grade is Mildly good. On the assembly's scale: Bien,
    Passable, Insuffisant, Bien, Assez bien."""
    notes = [Mention.BIEN, Mention.PASSABLE, Mention.INSUFFISANT, Mention.BIEN, Mention.ASSEZ_BIEN]
    resultat = depouiller_jugement(1, [{0: note} for note in notes])
    (candidat,) = resultat.options
    assert candidat.mention_majoritaire == Mention.ASSEZ_BIEN
    assert candidat.profil == (1, 1, 1, 2, 0, 0)
    assert (candidat.partisans, candidat.opposants) == (2, 2)


def test_balinski_laraki_departage_en_retirant_une_mention_majoritaire() -> None:
    """Balinski & Laraki, same text: when two candidates share a majority grade, remove one
    ballot giving that grade from each and recompute. Their candidate above (Bien, Passable,
    Insuffisant, Bien, Assez bien) against one graded Bien, Assez bien, Assez bien, Passable,
    Passable: both "Assez bien"; removing one leaves majority grades Passable and Passable;
    removing those leaves Bien against Assez bien, so the first candidate wins."""
    bulletins = _bulletins([3, 1, 0, 3, 2], [3, 2, 2, 1, 1])
    resultat = depouiller_jugement(2, bulletins)
    assert [option.mention_majoritaire for option in resultat.options] == [2, 2]
    assert [option.rang for option in resultat.options] == [1, 2]


# --- majority judgment: hand-worked cases -------------------------------------------------------


def test_nombre_pair_de_votants_la_mediane_inferieure() -> None:
    """Four voters, two Excellent and two Passable: the majority grade is Passable (the lower
    of the two middle grades), not Excellent nor anything in between."""
    resultat = depouiller_jugement(1, _bulletins([5, 5, 1, 1]))
    (option,) = resultat.options
    assert option.mention_majoritaire == Mention.PASSABLE
    assert (option.partisans, option.opposants) == (2, 0)
    assert option.part_partisans == 0.5 and option.part_opposants == 0.0


def test_option_que_personne_n_a_notee() -> None:
    """Three voters graded the first option only: the second is Insuffisant three times over by
    default, and has no grade at all when skipped options are ignored; last either way."""
    bulletins = _bulletins([2, 3, 4])
    defaut = depouiller_jugement(2, bulletins)
    assert defaut.options[1].profil == (3, 0, 0, 0, 0, 0)
    assert defaut.options[1].mention_majoritaire == Mention.INSUFFISANT
    assert [option.rang for option in defaut.options] == [1, 2]

    ignoree = depouiller_jugement(2, bulletins, non_note=NonNote.IGNOREE)
    assert ignoree.options[1].nb_notes == 0
    assert ignoree.options[1].mention_majoritaire is None
    assert ignoree.options[1].parts == (0.0,) * 6
    assert [option.rang for option in ignoree.options] == [1, 2]


def test_egalite_departagee_a_la_deuxieme_valeur() -> None:
    """{Passable, Assez bien, Bien} against three Assez bien: both Assez bien; once one is
    removed, the first has Passable left as majority grade, the second Assez bien."""
    assert _rangs([[0, 1, 1, 1, 0, 0], [0, 0, 3, 0, 0, 0]]) == [2, 1]


def test_egalite_departagee_a_la_troisieme_valeur() -> None:
    """Sorted grades 0,2,2,3,3 against 1,2,2,2,3: sequences 2,2,3,… and 2,2,2,…: the first
    difference is the third value, and 3 beats 2."""
    a = [1, 0, 2, 2, 0, 0]
    b = [0, 1, 3, 1, 0, 0]
    resultat = jugement_majoritaire([b, a])
    assert [option.mention_majoritaire for option in resultat.options] == [2, 2]
    assert [option.rang for option in resultat.options] == [2, 1]
    assert _naif([b, a]) == [2, 1]


def test_egalite_parfaite_partage_le_rang_et_saute_le_suivant() -> None:
    """Two identical profiles tie for first; the next option is third ("1, 1, 3")."""
    assert _rangs([[0, 1, 2, 0, 1, 0], [3, 0, 0, 0, 0, 0], [0, 1, 2, 0, 1, 0]]) == [1, 3, 1]


def test_parts_par_mention_et_jauge() -> None:
    resultat = jugement_majoritaire([[1, 1, 2, 0, 0, 4]])
    (option,) = resultat.options
    assert option.parts == (0.125, 0.125, 0.25, 0.0, 0.0, 0.5)
    assert option.mention_majoritaire == 2  # 4th of 8 grades, worst first
    assert (option.part_partisans, option.part_opposants) == (0.5, 0.25)


def test_aucun_bulletin_toutes_les_options_ex_aequo_sans_mention() -> None:
    resultat = depouiller_jugement(3, [{}, {}])
    assert resultat.nb_votants == 0
    assert [(o.mention_majoritaire, o.rang) for o in resultat.options] == [(None, 1)] * 3


def test_profils_incoherents_refuses() -> None:
    with pytest.raises(ValueError):
        jugement_majoritaire([[1, 2, 3], [1, 2]])
    with pytest.raises(ValueError):
        jugement_majoritaire([[1, -1, 3]])


def test_mille_votants_dix_options_instantanement() -> None:
    alea = random.Random(1000)
    bulletins = [{option: alea.randrange(6) for option in range(10)} for _ in range(1000)]
    debut = time.perf_counter()
    resultat = depouiller_jugement(10, bulletins)
    duree = time.perf_counter() - debut
    profils = [list(option.profil) for option in resultat.options]
    assert [option.rang for option in resultat.options] == _naif(profils)
    assert duree < 1.0  # a few milliseconds in practice; generous for a loaded CI machine


# --- property check against a naive implementation ----------------------------------------------


def _suite_naive(notes: list[int]) -> list[int]:
    """Balinski and Laraki's definition, literally: take the lower median, remove one such
    grade, repeat until no grade is left."""
    restantes = sorted(notes)
    suite = []
    while restantes:
        mediane = statistics.median_low(restantes)
        suite.append(mediane)
        restantes.remove(mediane)
    return suite


def _naif(profils: list[list[int]]) -> list[int]:
    """Ranks from materialised ballots; unequal totals are compared on shares by repeating
    every grade to a common total; an option nobody graded comes last."""
    totaux = [sum(profil) for profil in profils]
    commun = 1
    for total in totaux:
        if total:
            commun = commun * total // _pgcd(commun, total)
    suites = []
    for profil, total in zip(profils, totaux, strict=True):
        notes = [note for note, nombre in enumerate(profil) for _ in range(nombre)]
        suites.append(_suite_naive(notes * (commun // total)) if total else None)
    cles = [(1, suite) if suite is not None else (0, []) for suite in suites]
    return [1 + sum(1 for autre in cles if autre > cle) for cle in cles]


def _pgcd(a: int, b: int) -> int:
    while b:
        a, b = b, a % b
    return a


def test_propriete_le_calcul_par_effectifs_egale_le_calcul_naif() -> None:
    alea = random.Random(20240611)
    for _ in range(400):
        nb_mentions = alea.randint(2, 6)
        nb_options = alea.randint(2, 5)
        nb_votants = alea.randint(1, 12)
        profils = []
        for _ in range(nb_options):
            profil = [0] * nb_mentions
            for _ in range(nb_votants):
                # Few distinct grades make ties and long common prefixes likely.
                profil[alea.choice([0, nb_mentions - 1, alea.randrange(nb_mentions)])] += 1
            profils.append(profil)
        if alea.random() < 0.3:
            profils.append(list(alea.choice(profils)))  # an exact tie
        resultat = jugement_majoritaire(profils)
        assert [option.rang for option in resultat.options] == _naif(profils), profils
        for option, profil in zip(resultat.options, profils, strict=True):
            notes = [note for note, nombre in enumerate(profil) for _ in range(nombre)]
            assert option.mention_majoritaire == statistics.median_low(notes)


def test_propriete_totaux_differents_compares_en_parts() -> None:
    alea = random.Random(7)
    for _ in range(200):
        profils = [[alea.randint(0, 4) for _ in range(4)] for _ in range(alea.randint(2, 4))]
        assert _rangs(profils) == _naif(profils), profils
        # Doubling every count changes no share, hence no rank.
        double = [[2 * nombre for nombre in profil] for profil in profils]
        assert _rangs(double) == _rangs(profils)


def test_la_mention_majoritaire_est_atteinte_par_au_moins_la_moitie() -> None:
    """The defining property: at least half the voters gave the majority grade or better, and
    at least half gave it or worse."""
    alea = random.Random(3)
    for _ in range(200):
        profil = [alea.randint(0, 9) for _ in range(6)]
        if not sum(profil):
            continue
        (option,) = jugement_majoritaire([profil]).options
        assert option.mention_majoritaire is not None
        total = Fraction(sum(profil))
        assert sum(profil[option.mention_majoritaire :]) / total >= Fraction(1, 2)
        assert sum(profil[: option.mention_majoritaire + 1]) / total >= Fraction(1, 2)


# --- single and multiple choice -----------------------------------------------------------------


def test_choix_unique_voix_parts_et_rangs_ex_aequo() -> None:
    bulletins = [{0: 1}, {1: 1}, {0: 1}, {2: 1}, {1: 1}, {}]
    resultat = depouiller_choix(UNIQUE, 4, bulletins)
    assert resultat.nb_votants == 5  # the empty ballot is not a vote
    assert [(o.voix, o.rang) for o in resultat.options] == [(2, 1), (2, 1), (1, 3), (0, 4)]
    assert [o.part for o in resultat.options] == [0.4, 0.4, 0.2, 0.0]
    assert [o.option for o in resultat.classement] == [0, 1, 2, 3]


def test_choix_multiple_parts_des_votants_et_non_des_voix() -> None:
    bulletins = [{0: 1, 1: 1}, {0: 1, 2: 1}, {0: 1}, {1: 1, 2: 1}]
    resultat = depouiller_choix(MULTIPLE, 3, bulletins, max_choix=2)
    assert resultat.nb_votants == 4
    assert [o.voix for o in resultat.options] == [3, 2, 2]
    assert [o.part for o in resultat.options] == [0.75, 0.5, 0.5]
    assert [o.rang for o in resultat.options] == [1, 2, 2]
    assert sum(o.part for o in resultat.options) > 1


def test_sans_aucun_vote_tout_le_monde_premier_a_zero() -> None:
    resultat = depouiller_choix(UNIQUE, 2, [])
    assert resultat.nb_votants == 0
    assert [(o.voix, o.part, o.rang) for o in resultat.options] == [(0, 0.0, 1), (0, 0.0, 1)]


def test_le_depouillement_refuse_un_bulletin_invalide() -> None:
    with pytest.raises(BulletinInvalide) as erreur:
        depouiller_choix(UNIQUE, 3, [{0: 1}, {0: 1, 1: 1}])
    assert (erreur.value.index, erreur.value.refus) == (1, Refus.PLUSIEURS_CHOIX)
    with pytest.raises(BulletinInvalide) as erreur:
        depouiller_jugement(2, [{0: 6}])
    assert erreur.value.refus is Refus.NOTE_HORS_BORNES
    with pytest.raises(ValueError):
        depouiller_choix(JUGEMENT, 2, [])


# --- ballot validation --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("type", "bulletin", "max_choix", "refus"),
    [
        (UNIQUE, {0: 1}, None, None),
        (UNIQUE, {}, None, Refus.BULLETIN_VIDE),
        (UNIQUE, {3: 1}, None, Refus.OPTION_INCONNUE),
        (UNIQUE, {-1: 1}, None, Refus.OPTION_INCONNUE),
        (UNIQUE, {0: 2}, None, Refus.VALEUR_INVALIDE),
        (UNIQUE, {0: 1, 2: 1}, None, Refus.PLUSIEURS_CHOIX),
        (MULTIPLE, {0: 1, 1: 1, 2: 1}, None, None),
        (MULTIPLE, {0: 1, 1: 1}, 2, None),
        (MULTIPLE, {0: 1, 1: 1, 2: 1}, 2, Refus.TROP_DE_CHOIX),
        (MULTIPLE, {0: 0}, None, Refus.VALEUR_INVALIDE),
        (JUGEMENT, {0: 0, 1: 5, 2: 3}, None, None),
        (JUGEMENT, {0: 4}, None, None),  # the others will count as Insuffisant
        (JUGEMENT, {0: 6}, None, Refus.NOTE_HORS_BORNES),
        (JUGEMENT, {0: -1}, None, Refus.NOTE_HORS_BORNES),
        (JUGEMENT, {5: 2}, None, Refus.OPTION_INCONNUE),
    ],
)
def test_verifier_bulletin(
    type: TypeSondage, bulletin: dict[int, int], max_choix: int | None, refus: Refus | None
) -> None:
    assert verifier_bulletin(type, 3, bulletin, max_choix) is refus


def test_verifier_bulletin_echelle_d_une_autre_taille() -> None:
    assert verifier_bulletin(JUGEMENT, 2, {0: 6}, nb_mentions=7) is None
    assert verifier_bulletin(JUGEMENT, 2, {0: 3}, nb_mentions=3) is Refus.NOTE_HORS_BORNES
