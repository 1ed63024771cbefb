"""The renewal draw on synthetic pools (made here, never real people): the panel meets every
target, the same values give the same panel and other values another, the members who stay
lower the targets, what cannot be met is said before drawing, one person per address, and
the panels drawn follow the chances the distribution announces."""

from __future__ import annotations

import math
import random

import pytest

from assemblee import tirage
from assemblee.tirage import Bornes, Cibles, ErreurTirage, Volontaire

CATEGORIES = {
    "genre": {"femme": 0.53, "homme": 0.47},
    "age": {"16-29": 0.22, "30-44": 0.27, "45-59": 0.24, "60+": 0.27},
    "diplome": {"sans": 0.25, "bac": 0.25, "superieur": 0.5},
}
CIBLES_TOML = """
sieges = 20
tolerance = 10
algorithme = "maximin"

[categories.genre]
femme = 0.53
homme = 0.47

[categories.age]
16-29 = 0.22
30-44 = 0.27
45-59 = 0.24
"60+" = 0.27

[categories.diplome]
sans = { min = 3, max = 8 }
bac = { min = 3, max = 8 }
superieur = { min = 6, max = 12 }
"""


def _pool(nombre: int, *, graine: int = 7, adresses: bool = False) -> list[Volontaire]:
    """Volunteers whose categories follow the shares, some values rarer than others."""
    hasard = random.Random(graine)
    return [
        Volontaire(
            f"v{i:04d}",
            {
                nom: hasard.choices(list(parts), weights=list(parts.values()))[0]
                for nom, parts in CATEGORIES.items()
            },
            adresse=f"{i // 2} rue des Essais" if adresses else None,
        )
        for i in range(nombre)
    ]


def _cibles() -> Cibles:
    cibles, _ = tirage.lire_cibles(CIBLES_TOML)
    return cibles


@pytest.fixture(scope="module")
def distribution_120() -> tirage.Distribution:
    """The distribution of 120 volunteers for 20 seats: a few seconds of solver, once."""
    return tirage.distribution(_pool(120), _cibles())


def test_les_parts_donnent_des_bornes_avec_la_tolerance() -> None:
    cibles, algorithme = tirage.lire_cibles(CIBLES_TOML)
    assert algorithme == "maximin" and cibles.sieges == 20
    # 53 % of 20 seats, within 10 points: from 8.6 to 12.6 seats.
    assert cibles.categories["genre"]["femme"] == Bornes(8, 13)
    assert cibles.categories["age"]["16-29"] == Bornes(2, 7)
    assert cibles.categories["diplome"]["superieur"] == Bornes(6, 12)


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("sieges = 20\n[categories.genre]\nfemme = 0.5\nhomme = 0.4", "font 0.900 au lieu de 1"),
        ('sieges = "vingt"', "« sieges » doit être un nombre entier"),
        ("sieges = 20\n[categories.genre]\nfemme = { min = 9, max = 5 }", "ne pas dépasser"),
        (
            "sieges = 20\n[categories.genre]\nfemme = { min = 2, max = 5 }\n"
            "homme = { min = 2, max = 5 }",
            "ses minimums font 4 et ses maximums 10, pour 20 sièges",
        ),
        ('sieges = 20\nalgorithme = "leximin"', "Algorithme « leximin » inconnu"),
        ("sieges = 20", "Aucune catégorie"),
        ("sieges = 20\n[categories", "Fichier de cibles illisible"),
    ],
)
def test_des_cibles_fausses_sont_refusees_en_une_phrase(toml: str, message: str) -> None:
    with pytest.raises(ErreurTirage, match=message):
        tirage.lire_cibles(toml)


def test_le_panel_atteint_chaque_cible_et_chacun_a_sa_chance(
    distribution_120: tirage.Distribution,
) -> None:
    pool = _pool(120)
    resultat = tirage.tirer(
        pool,
        _cibles(),
        secret="s3cret",
        valeur_publique="7 12 23 34 45",
        deja_calculee=distribution_120,
    )

    assert len(resultat.panel) == 20 and len(set(resultat.panel)) == 20
    for compte in resultat.comptes:
        assert compte.bornes.min <= compte.tires <= compte.bornes.max, compte
    assert sorted(resultat.reserve) == sorted({v.id for v in pool} - set(resultat.panel))
    assert resultat.probabilite_min > 0  # maximin: nobody is left without a chance
    assert math.isclose(sum(resultat.probabilites.values()), 20, rel_tol=1e-6)


def test_memes_valeurs_meme_panel_autre_valeur_publique_autre_panel(
    distribution_120: tirage.Distribution,
) -> None:
    pool, cibles = _pool(120), _cibles()
    premier = tirage.tirer(pool, cibles, secret="s3cret", valeur_publique="7 12 23 34 45")
    # Anyone re-running it from the published pool and targets (here, the distribution
    # computed apart): the same chances, panel and reserve.
    d = distribution_120
    assert d.probabilites == premier.probabilites
    encore = tirage.tirer(
        pool, cibles, secret="s3cret", valeur_publique=" 7 12 23 34 45 ", deja_calculee=d
    )
    assert encore == premier
    autre = tirage.tirer(
        pool, cibles, secret="s3cret", valeur_publique="8 12 23 34 45", deja_calculee=d
    )
    assert autre.panel != premier.panel
    # What is published before the draw: the secret's SHA-256 (`sha256sum` gives it too).
    assert tirage.engagement("s3cret") == (
        "1ec1c26b50d5d3c58d9583181af8076655fe00756bf7285940ba3670f99fcba0"
    )
    assert tirage.graine("s3cret", "1") != tirage.graine("s3cret", "2")


def test_les_membres_qui_restent_comptent_dans_les_cibles() -> None:
    cibles = _cibles()
    restants = [
        Volontaire(f"m{i}", {"genre": "femme", "age": "60+", "diplome": "superieur"})
        for i in range(6)
    ]
    reduit = tirage.reduire(cibles, restants)
    assert reduit.sieges == 14
    assert reduit.categories["genre"]["femme"] == Bornes(2, 7)
    assert reduit.categories["genre"]["homme"] == cibles.categories["genre"]["homme"]
    assert reduit.categories["diplome"]["superieur"] == Bornes(0, 6)
    resultat = tirage.tirer(_pool(120), reduit, secret="s", valeur_publique="42")
    assert len(resultat.panel) == 14
    for compte in resultat.comptes:  # with those who stay, the whole assembly meets its targets
        total = compte.tires + sum(
            1 for r in restants if r.categories[compte.categorie] == compte.valeur
        )
        initiales = cibles.categories[compte.categorie][compte.valeur]
        assert initiales.min <= total <= initiales.max, compte
    with pytest.raises(ErreurTirage, match="6 membres qui restent, pour 5 au plus"):
        tirage.reduire(
            Cibles(20, {"genre": {"femme": Bornes(0, 5), "homme": Bornes(15, 20)}}), restants
        )


def test_ce_qui_manque_est_dit_avant_de_tirer() -> None:
    pool = [v for v in _pool(120) if v.categories["diplome"] != "sans"][:60]
    pool += [Volontaire("x1", {"genre": "homme", "age": "60+", "diplome": "sans"})]
    (manque,) = tirage.manques(_cibles(), pool)
    assert (manque.categorie, manque.valeur, manque.minimum, manque.volontaires) == (
        "diplome",
        "sans",
        3,
        1,
    )
    with pytest.raises(ErreurTirage, match="« diplome = sans » : 1 pour 3 sièges au moins"):
        tirage.tirer(pool, _cibles(), secret="s", valeur_publique="42")


def test_des_cibles_incompatibles_entre_elles_sont_dites() -> None:
    """Enough volunteers of every value, but targets that contradict each other with this
    pool (every woman is young, every man is old): one sentence, nothing drawn."""
    pool = [Volontaire(f"f{i}", {"genre": "femme", "age": "jeune"}) for i in range(15)]
    pool += [Volontaire(f"h{i}", {"genre": "homme", "age": "age"}) for i in range(15)]
    cibles = Cibles(
        20,
        {
            "genre": {"femme": Bornes(15, 20), "homme": Bornes(0, 5)},
            "age": {"jeune": Bornes(0, 5), "age": Bornes(15, 20)},
        },
    )
    assert tirage.manques(cibles, pool) == []
    with pytest.raises(ErreurTirage, match="ne peuvent pas être atteintes ensemble"):
        tirage.tirer(pool, cibles, secret="s", valeur_publique="1")


def test_une_valeur_inconnue_ou_un_identifiant_double_est_refuse() -> None:
    pool = _pool(60)
    intrus = Volontaire("v9999", {"genre": "autre", "age": "60+", "diplome": "bac"})
    with pytest.raises(ErreurTirage, match="v9999 a pour « genre » une valeur hors des cibles"):
        tirage.tirer([*pool, intrus], _cibles(), secret="s", valeur_publique="1")
    with pytest.raises(ErreurTirage, match="le même identifiant"):
        tirage.tirer([*pool, pool[0]], _cibles(), secret="s", valeur_publique="1")
    with pytest.raises(ErreurTirage, match="valeur publique"):
        tirage.tirer(pool, _cibles(), secret="s", valeur_publique="  ")


def test_une_personne_par_adresse() -> None:
    """Two volunteers per address: never both on the panel."""
    pool = _pool(120, adresses=True)
    d = tirage.distribution(pool, _cibles())
    for graine in ("1", "2", "3"):
        resultat = tirage.tirer(
            pool, _cibles(), secret="s", valeur_publique=graine, deja_calculee=d
        )
        adresses = [v.adresse for v in pool if v.id in resultat.panel]
        assert len(adresses) == len(set(adresses)) == 20


def test_les_panels_tires_suivent_les_chances_annoncees() -> None:
    """2,000 lotteries with different seeds over one distribution (300 volunteers, 40
    seats): each volunteer's frequency stays within a 5-sigma binomial bound of their
    announced chance (with 300 people, a false alarm has odds below one in 10,000), and
    nobody with a chance is never drawn."""
    pool = _pool(300, graine=11)
    cibles = Cibles(
        40,
        {
            "genre": {"femme": Bornes(19, 23), "homme": Bornes(17, 21)},
            "age": {
                "16-29": Bornes(7, 11),
                "30-44": Bornes(9, 13),
                "45-59": Bornes(8, 12),
                "60+": Bornes(9, 13),
            },
            "diplome": {"sans": Bornes(8, 12), "bac": Bornes(8, 12), "superieur": Bornes(18, 22)},
        },
    )
    d = tirage.distribution(pool, cibles)
    tirages = 2_000
    vus = dict.fromkeys(d.probabilites, 0)
    for i in range(tirages):
        for ident in tirage.loterie(d, i + 1):
            vus[ident] += 1
    for ident, p in d.probabilites.items():
        borne = 5 * math.sqrt(tirages * p * (1 - p)) + 1
        assert abs(vus[ident] - tirages * p) <= borne, (ident, p, vus[ident])
        if p > 0.01:
            assert vus[ident] > 0, ident
    assert min(d.probabilites.values()) > 0
