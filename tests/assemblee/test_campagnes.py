"""Renewal campaigns on a real database, with synthetic volunteers made here (never real
people): each step refused out of order in one sentence, registration and its checks,
duplicates flagged, the CSV import all or nothing, the targets with the members who stay,
the commitment kept as its hash only, the draw once after the close and reproducible from
the published files (which name nobody), seats offered, declined, accepted or expired and
passed to the reserve without losing the targets, withdrawal, erasure on the announced
date, and the members who leave on the renewal date."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

import pytest
import sqlalchemy as sa
from sqlmodel import SQLModel, col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import campagnes, tirage
from assemblee.campagnes import ErreurCampagne, Fiche
from assemblee.db import FabriqueSessions
from assemblee.horloge import HorlogeFigee
from assemblee.membres import creer_membre
from assemblee.modeles import (
    Campagne,
    EtatSiege,
    Langue,
    Membre,
    Restant,
    Role,
    Siege,
    StatutMembre,
    Volontaire,
)

SECRET = "graine-des-tests-4f9c2e7a1b83"
VALEUR_PUBLIQUE = "Loto du 12 décembre 2026 : 7 12 23 34 45, numéro chance 3"
OUVERTURE = timedelta(days=-1)  # registration opened yesterday
CLOTURE = timedelta(days=14)
RENOUVELLEMENT = timedelta(days=60)  # 24 January 2027: ages are counted in 2027
SUPPRESSION = timedelta(days=180)
DELAI = 7
PREMIER_TELEGRAM = 9_100_000_000  # ten digits: never found by chance in a published file
ARRONDISSEMENTS = ("1", "2", "3", "4")

# Loose targets over the four categories of the form (four arrondissements only), 8 seats.
CIBLES = """
sieges = 8
algorithme = "maximin"

[categories.genre]
femme = { min = 3, max = 5 }
homme = { min = 3, max = 5 }
autre = { min = 0, max = 2 }

[categories.age]
"16-24" = { min = 1, max = 3 }
"25-39" = { min = 1, max = 3 }
"40-54" = { min = 1, max = 3 }
"55-64" = { min = 0, max = 3 }
"65+" = { min = 1, max = 3 }

[categories.diplome]
"sans-diplome" = { min = 0, max = 3 }
"cap-bep" = { min = 0, max = 3 }
"bac" = { min = 1, max = 3 }
"bac+2" = { min = 0, max = 3 }
"bac+3" = { min = 1, max = 4 }

[categories.arrondissement]
"1" = { min = 1, max = 3 }
"2" = { min = 1, max = 3 }
"3" = { min = 1, max = 3 }
"4" = { min = 1, max = 3 }
"""

# An age in each band in 2027 (a volunteer's birth year is 2027 minus it).
AGE_TYPE = {"16-24": 20, "25-39": 31, "40-54": 47, "55-64": 60, "65+": 72}


def _lettres(i: int) -> str:
    """Three letters for a number: names that differ in their letters (the duplicate check
    ignores digits and punctuation)."""
    a, reste = divmod(i, 26 * 26)
    b, c = divmod(reste, 26)
    return "".join(chr(ord("a") + x) for x in (a, b, c))


def _fiche(i: int, genre: str, age: str, diplome: str, arrondissement: str) -> Fiche:
    """Made-up volunteer n° i: even ones register in the bot (a phone, no address), odd ones
    on paper (an e-mail and an address)."""
    lettres = _lettres(i)
    papier = i % 2 == 1
    return Fiche(
        prenom=f"Prenom-{lettres}",
        nom=f"Fictif-{lettres}",
        genre=genre,
        age=age,
        diplome=diplome,
        arrondissement=arrondissement,
        contact=f"prenom.{lettres}@exemple.test"
        if papier
        else f"06 {10 + i // 100} {i % 100:02d} 47 58",
        annee_naissance=2027 - AGE_TYPE[age] - i % 3,
        adresse=f"{i} allée de l'Essai" if papier else None,
    )


def _fiches(nombre: int, *, graine: int = 1) -> list[Fiche]:
    """Volunteers in pairs of the same profile (two different people): whoever is drawn has
    someone in the pool who can take their place without moving any count."""
    hasard = random.Random(graine)
    profils = [
        (
            hasard.choices(campagnes.VALEURS["genre"], weights=(5, 5, 1))[0],
            hasard.choice(campagnes.VALEURS["age"]),
            hasard.choice(campagnes.VALEURS["diplome"]),
            hasard.choice(ARRONDISSEMENTS),
        )
        for _ in range(nombre // 2)
    ]
    return [_fiche(i, *profils[i % len(profils)]) for i in range(nombre)]


def _telegram(i: int) -> int | None:
    return PREMIER_TELEGRAM + i if i % 2 == 0 else None


async def _campagne(
    session: AsyncSession,
    horloge: HorlogeFigee,
    *,
    slug: str = "printemps-2027",
    ouverture: timedelta = OUVERTURE,
) -> Campagne:
    maintenant = horloge.maintenant()
    return await campagnes.creer(
        session,
        slug=slug,
        nom="Renouvellement du printemps 2027",
        ouverture=maintenant + ouverture,
        cloture=maintenant + CLOTURE,
        renouvellement_le=maintenant + RENOUVELLEMENT,
        suppression_le=maintenant + SUPPRESSION,
        delai_reponse_jours=DELAI,
        maintenant=maintenant,
    )


async def _inscrire(
    session: AsyncSession, horloge: HorlogeFigee, campagne: Campagne, fiches: Sequence[Fiche]
) -> list[Volontaire]:
    return [
        await campagnes.inscrire(
            session,
            campagne,
            fiche,
            telegram_id=_telegram(i),
            langue=Langue.FR,
            maintenant=horloge.maintenant(),
        )
        for i, fiche in enumerate(fiches)
    ]


async def _prete(
    session: AsyncSession,
    horloge: HorlogeFigee,
    *,
    fiches: Sequence[Fiche] | None = None,
    cibles: str = CIBLES,
    restants: bytes | None = None,
) -> Campagne:
    """A campaign with its volunteers (40 unless told), its targets and the commitment,
    before the close."""
    campagne = await _campagne(session, horloge)
    await _inscrire(session, horloge, campagne, _fiches(40) if fiches is None else fiches)
    await campagnes.fixer_cibles(
        session, campagne, cibles, restants=restants, maintenant=horloge.maintenant()
    )
    await campagnes.engager(session, campagne, secret=SECRET, maintenant=horloge.maintenant())
    return campagne


async def _tiree(
    session: AsyncSession,
    horloge: HorlogeFigee,
    *,
    fiches: Sequence[Fiche] | None = None,
    cibles: str = CIBLES,
    restants: bytes | None = None,
) -> tuple[Campagne, tirage.Resultat]:
    """The same, drawn an hour after the close (a few seconds of solver)."""
    campagne = await _prete(session, horloge, fiches=fiches, cibles=cibles, restants=restants)
    horloge.regler(campagne.cloture + timedelta(hours=1))
    resultat = await campagnes.tirer(
        session,
        campagne,
        secret=SECRET,
        valeur_publique=VALEUR_PUBLIQUE,
        maintenant=horloge.maintenant(),
    )
    return campagne, resultat


class EnBase(NamedTuple):
    campagne: Campagne
    volontaires: list[Volontaire]
    sieges: list[Siege]

    def volontaire(self, volontaire_id: int) -> Volontaire:
        return next(v for v in self.volontaires if v.id == volontaire_id)

    def panel(self) -> list[Volontaire]:
        """Whoever holds a seat: offered and waiting, or accepted."""
        occupes = (EtatSiege.PROPOSE, EtatSiege.ACCEPTE)
        return [self.volontaire(s.volontaire_id) for s in self.sieges if s.etat in occupes]


async def _en_base(sessions: FabriqueSessions, campagne: Campagne) -> EnBase:
    """What the database holds, read in a session of its own."""
    async with sessions() as s:
        relue = await s.get(Campagne, campagne.id)
        assert relue is not None
        return EnBase(
            relue, await campagnes.volontaires(s, relue), await campagnes.sieges(s, relue)
        )


def _profil(v: Volontaire) -> tuple[str, ...]:
    return tuple(getattr(v, c) for c in campagnes.CATEGORIES)


def _hors_cibles(panel: Sequence[Volontaire], cibles: tirage.Cibles) -> list[str]:
    """The targets a panel misses, counted here (not with the module's own arithmetic)."""
    fautes = []
    for nom, valeurs in cibles.categories.items():
        n = Counter(getattr(v, nom) for v in panel)
        for valeur, b in valeurs.items():
            if not b.min <= n[valeur] <= b.max:
                fautes.append(f"{nom}={valeur}: {n[valeur]} hors de {b.min}..{b.max}")
    return fautes


async def _nombre(session: AsyncSession, modele: type[SQLModel]) -> int:
    return (await session.exec(select(func.count()).select_from(modele))).one()


# --- Creating a campaign ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changement", "message"),
    [
        ({"slug": "Printemps 2027"}, "Nom court « Printemps 2027 » refusé"),
        ({"cloture": timedelta(days=-2)}, "Les dates doivent se suivre"),
        ({"renouvellement_le": timedelta(days=10)}, "Les dates doivent se suivre"),
        ({"suppression_le": timedelta(days=13)}, "effacement des données ne peut pas précéder"),
    ],
)
async def test_creer_refuse_une_campagne_mal_formee_en_une_phrase(
    session: AsyncSession,
    horloge: HorlogeFigee,
    changement: dict[str, str | timedelta],
    message: str,
) -> None:
    maintenant = horloge.maintenant()
    valeurs: dict[str, str | datetime] = {
        "slug": "printemps-2027",
        "ouverture": maintenant,
        "cloture": maintenant + CLOTURE,
        "renouvellement_le": maintenant + RENOUVELLEMENT,
        "suppression_le": maintenant + SUPPRESSION,
    }
    for cle, valeur in changement.items():
        valeurs[cle] = maintenant + valeur if isinstance(valeur, timedelta) else valeur
    with pytest.raises(ErreurCampagne, match=message):
        await campagnes.creer(
            session,
            nom="Renouvellement",
            delai_reponse_jours=DELAI,
            maintenant=maintenant,
            **valeurs,  # type: ignore[arg-type]
        )
    assert await _nombre(session, Campagne) == 0


async def test_creer_refuse_un_nom_court_deja_pris(
    session: AsyncSession, horloge: HorlogeFigee
) -> None:
    await _campagne(session, horloge)
    with pytest.raises(ErreurCampagne, match="Une campagne « printemps-2027 » existe déjà"):
        await _campagne(session, horloge)
    assert await _nombre(session, Campagne) == 1


# --- Registering --------------------------------------------------------------------------------


async def test_inscription_refusee_avant_l_ouverture_et_apres_la_cloture(
    session: AsyncSession, horloge: HorlogeFigee
) -> None:
    campagne = await _campagne(session, horloge, ouverture=timedelta(days=1))
    fiche = _fiches(2)[0]
    with pytest.raises(ErreurCampagne, match="pas encore ouvertes"):
        await campagnes.inscrire(
            session,
            campagne,
            fiche,
            telegram_id=None,
            langue=Langue.FR,
            maintenant=horloge.maintenant(),
        )
    horloge.regler(campagne.cloture)
    with pytest.raises(ErreurCampagne, match="sont closes"):
        await campagnes.inscrire(
            session,
            campagne,
            fiche,
            telegram_id=None,
            langue=Langue.FR,
            maintenant=horloge.maintenant(),
        )
    assert await _nombre(session, Volontaire) == 0


async def test_un_volontaire_telegram_qui_s_inscrit_deux_fois_modifie_sa_fiche(
    session: AsyncSession, sessions: FabriqueSessions, horloge: HorlogeFigee
) -> None:
    campagne = await _campagne(session, horloge)
    fiche = _fiches(2)[0]
    premiere = await campagnes.inscrire(
        session,
        campagne,
        fiche,
        telegram_id=PREMIER_TELEGRAM,
        langue=Langue.FR,
        maintenant=horloge.maintenant(),
    )
    debut = horloge.maintenant()
    horloge.avancer(timedelta(days=2))
    corrigee = replace(fiche, arrondissement="4", diplome="bac+2", contact="corrige@exemple.test")
    seconde = await campagnes.inscrire(
        session,
        campagne,
        corrigee,
        telegram_id=PREMIER_TELEGRAM,
        langue=Langue.EN,
        maintenant=horloge.maintenant(),
    )
    assert seconde.id == premiere.id
    (v,) = (await _en_base(sessions, campagne)).volontaires
    assert (v.arrondissement, v.diplome, v.contact, v.langue) == (
        "4",
        "bac+2",
        "corrige@exemple.test",
        Langue.EN,
    )
    assert v.pseudo == premiere.pseudo and v.origine == "bot"
    assert (v.inscrit_le, v.modifie_le) == (debut, horloge.maintenant())


async def test_une_valeur_hors_du_formulaire_est_refusee(
    session: AsyncSession, horloge: HorlogeFigee
) -> None:
    campagne = await _campagne(session, horloge)
    with pytest.raises(ErreurCampagne, match="« genre » vaut « x » : attendu femme, homme, autre"):
        await campagnes.inscrire(
            session,
            campagne,
            replace(_fiches(2)[0], genre="x"),
            telegram_id=PREMIER_TELEGRAM,
            langue=Langue.FR,
            maintenant=horloge.maintenant(),
        )
    assert await _nombre(session, Volontaire) == 0


def _campagne_en_memoire() -> Campagne:
    """Renewal on 24 January 2027 (the reading functions need nothing else)."""
    debut = datetime(2026, 11, 24, 9, tzinfo=UTC)
    return Campagne(
        slug="printemps-2027",
        nom="Renouvellement",
        ouverture=debut,
        cloture=debut + CLOTURE,
        renouvellement_le=datetime(2027, 1, 24, 9, tzinfo=UTC),
        suppression_le=debut + SUPPRESSION,
        cree_le=debut,
    )


def test_lire_annee_veut_quatre_chiffres_et_seize_ans_au_renouvellement() -> None:
    campagne = _campagne_en_memoire()
    with pytest.raises(ErreurCampagne, match="quatre chiffres"):
        campagnes.lire_annee("75", campagne)
    with pytest.raises(ErreurCampagne, match="Il faut avoir 16 ans en 2027"):
        campagnes.lire_annee("2012", campagne)
    assert campagnes.lire_annee("2011", campagne) == 2011
    assert campagnes.lire_annee(" 1975 ", campagne) == 1975


def test_lire_contact_veut_un_telephone_ou_un_courriel() -> None:
    with pytest.raises(ErreurCampagne, match="numéro de téléphone ou une adresse e-mail"):
        campagnes.lire_contact("demain")
    assert campagnes.lire_contact("06 12 34 56 78") == "06 12 34 56 78"
    assert campagnes.lire_contact("+33 6 12.34.56.78") == "+33 6 12.34.56.78"
    assert campagnes.lire_contact(" zoe.essai@exemple.test ") == "zoe.essai@exemple.test"


def test_lire_nom_refuse_le_vide_et_les_chiffres_seuls() -> None:
    with pytest.raises(ErreurCampagne, match="Le prénom est vide"):
        campagnes.lire_nom("   ")
    with pytest.raises(ErreurCampagne, match="Ce nom ne contient aucune lettre"):
        campagnes.lire_nom("12345", "nom")
    assert campagnes.lire_nom("  Zoé   Fictive ") == "Zoé Fictive"


@pytest.mark.parametrize(
    ("annee", "bande"),
    [(2011, "16-24"), (2003, "16-24"), (2002, "25-39"), (1963, "55-64"), (1962, "65+")],
)
def test_age_de_donne_la_bande_aux_limites(annee: int, bande: str) -> None:
    assert campagnes.age_de(annee, datetime(2027, 1, 24, tzinfo=UTC)) == bande


def test_age_de_refuse_moins_de_seize_ans() -> None:
    with pytest.raises(ErreurCampagne, match="16 ans au moins"):
        campagnes.age_de(2012, datetime(2027, 12, 31, tzinfo=UTC))


# --- Duplicates ---------------------------------------------------------------------------------

ZOE = Fiche(
    prenom="Zoé",
    nom="Fictive-Éssai",
    genre="femme",
    age="40-54",
    diplome="bac",
    arrondissement="3",
    contact="06 11 22 33 44",
    annee_naissance=1980,
)


async def test_meme_nom_annee_et_arrondissement_signale_un_doublon(
    session: AsyncSession, sessions: FabriqueSessions, horloge: HorlogeFigee
) -> None:
    campagne = await _campagne(session, horloge)
    maintenant = horloge.maintenant()
    premiere = await campagnes.inscrire(
        session,
        campagne,
        ZOE,
        telegram_id=PREMIER_TELEGRAM,
        langue=Langue.FR,
        maintenant=maintenant,
    )
    meme = replace(ZOE, prenom="zoe", nom="FICTIVE ESSAI", contact="zoe@exemple.test")
    doublon = await campagnes.inscrire(
        session, campagne, meme, telegram_id=None, langue=Langue.FR, maintenant=maintenant
    )
    ailleurs = await campagnes.inscrire(
        session,
        campagne,
        replace(meme, arrondissement="4"),
        telegram_id=None,
        langue=Langue.FR,
        maintenant=maintenant,
    )
    base = await _en_base(sessions, campagne)
    assert base.volontaire(premiere.id or 0).doublon_de is None
    assert base.volontaire(doublon.id or 0).doublon_de == premiere.id
    assert base.volontaire(ailleurs.id or 0).doublon_de is None
    assert (await campagnes.etat(session, campagne)).doublons == 1


async def _avec_doublon(
    session: AsyncSession, horloge: HorlogeFigee, campagne: Campagne
) -> tuple[Volontaire, Volontaire]:
    maintenant = horloge.maintenant()
    premiere = await campagnes.inscrire(
        session,
        campagne,
        ZOE,
        telegram_id=PREMIER_TELEGRAM,
        langue=Langue.FR,
        maintenant=maintenant,
    )
    doublon = await campagnes.inscrire(
        session,
        campagne,
        replace(ZOE, prenom="ZOE"),
        telegram_id=None,
        langue=Langue.FR,
        maintenant=maintenant,
    )
    assert doublon.doublon_de == premiere.id
    return premiere, doublon


async def test_trancher_garder_leve_le_signalement(
    session: AsyncSession, sessions: FabriqueSessions, horloge: HorlogeFigee
) -> None:
    campagne = await _campagne(session, horloge)
    _, doublon = await _avec_doublon(session, horloge, campagne)
    await campagnes.trancher_doublon(
        session, campagne, doublon.pseudo.lower(), garder=True, maintenant=horloge.maintenant()
    )
    base = await _en_base(sessions, campagne)
    assert len(base.volontaires) == 2
    assert base.volontaire(doublon.id or 0).doublon_de is None


async def test_trancher_retirer_supprime_la_fiche_en_double(
    session: AsyncSession, sessions: FabriqueSessions, horloge: HorlogeFigee
) -> None:
    campagne = await _campagne(session, horloge)
    premiere, doublon = await _avec_doublon(session, horloge, campagne)
    await campagnes.trancher_doublon(
        session, campagne, doublon.pseudo, garder=False, maintenant=horloge.maintenant()
    )
    assert [v.id for v in (await _en_base(sessions, campagne)).volontaires] == [premiere.id]


# --- CSV import ---------------------------------------------------------------------------------

ENTETE = "prenom;nom;genre;naissance;diplome;arrondissement;contact;adresse\n"


async def test_importer_ajoute_les_inscriptions_papier(
    session: AsyncSession, sessions: FabriqueSessions, horloge: HorlogeFigee
) -> None:
    campagne = await _campagne(session, horloge)
    contenu = (
        ENTETE
        + "Zoé;Fictive;femme;1975;bac;05;06 11 22 33 44;3 allée de l'Essai\n"
        + "Noé;Synthé;Homme;65+;cap-bep;12;noe@exemple.test;\n"
        + "Léa;Inventée;autre;2001;bac+3;20;+33 6 55 44 33 22;\n"
    ).encode()
    fait = await campagnes.importer(session, campagne, contenu, maintenant=horloge.maintenant())
    assert fait == campagnes.Import(ajoutes=3, doublons=0)
    zoe, noe, lea = (await _en_base(sessions, campagne)).volontaires
    assert (zoe.annee_naissance, zoe.age, zoe.arrondissement, zoe.adresse) == (
        1975,
        "40-54",
        "5",
        "3 allée de l'Essai",
    )
    assert (noe.annee_naissance, noe.age, noe.genre, noe.adresse) == (None, "65+", "homme", None)
    assert (lea.age, lea.arrondissement, lea.contact) == ("25-39", "20", "+33 6 55 44 33 22")
    assert {(v.origine, v.telegram_id) for v in (zoe, noe, lea)} == {("papier", None)}


async def test_importer_refuse_tout_le_fichier_pour_une_ligne_fausse_et_la_nomme(
    session: AsyncSession, horloge: HorlogeFigee
) -> None:
    campagne = await _campagne(session, horloge)
    contenu = (
        ENTETE
        + "Zoé;Fictive;femme;1975;bac;5;06 11 22 33 44;\n"
        + "Noé;Synthé;homme;65+;cap-bep;12;noe@exemple.test;\n"
        + "Léa;Inventée;autre;2001;master;20;lea@exemple.test;\n"
    ).encode()
    with pytest.raises(ErreurCampagne, match=r"^Ligne 4 : « diplome » vaut « master »"):
        await campagnes.importer(session, campagne, contenu, maintenant=horloge.maintenant())
    assert await _nombre(session, Volontaire) == 0


async def test_importer_nomme_la_vraie_ligne_apres_une_ligne_vide(
    session: AsyncSession, horloge: HorlogeFigee
) -> None:
    campagne = await _campagne(session, horloge)
    contenu = (
        ENTETE
        + "Zoé;Fictive;femme;1975;bac;5;06 11 22 33 44;\n"
        + "\n"
        + "Léa;Inventée;autre;2001;master;20;lea@exemple.test;\n"
    ).encode()
    with pytest.raises(ErreurCampagne, match=r"^Ligne 4 : « diplome » vaut « master »"):
        await campagnes.importer(session, campagne, contenu, maintenant=horloge.maintenant())


async def test_importer_nomme_la_colonne_absente(
    session: AsyncSession, horloge: HorlogeFigee
) -> None:
    campagne = await _campagne(session, horloge)
    contenu = b"prenom;nom;genre;naissance;diplome;arrondissement\nZoe;Fictive;femme;1975;bac;5\n"
    with pytest.raises(ErreurCampagne, match="Colonnes absentes : contact"):
        await campagnes.importer(session, campagne, contenu, maintenant=horloge.maintenant())
    assert await _nombre(session, Volontaire) == 0


async def test_importer_refuse_apres_le_tirage(
    session: AsyncSession, horloge: HorlogeFigee
) -> None:
    campagne, _ = await _tiree(session, horloge)
    contenu = (ENTETE + "Zoé;Fictive;femme;1975;bac;1;06 11 22 33 44;\n").encode()
    with pytest.raises(ErreurCampagne, match="Le tirage est fait"):
        await campagnes.importer(session, campagne, contenu, maintenant=horloge.maintenant())
    assert await _nombre(session, Volontaire) == 40


# --- Targets ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        (
            "sieges = 8\n[categories.genre]\nfemme = 0.5\nhomme = 0.4\n",
            "« genre » font 0.900 au lieu de 1",
        ),
        (
            "sieges = 8\n[categories.revenu]\nbas = { min = 0, max = 8 }\n",
            "Catégorie « revenu » inconnue du formulaire",
        ),
    ],
)
async def test_des_cibles_fausses_sont_refusees_et_les_cibles_restent(
    session: AsyncSession,
    sessions: FabriqueSessions,
    horloge: HorlogeFigee,
    toml: str,
    message: str,
) -> None:
    campagne = await _campagne(session, horloge)
    await campagnes.fixer_cibles(
        session, campagne, CIBLES, restants=None, maintenant=horloge.maintenant()
    )
    with pytest.raises(ErreurCampagne, match=message):
        await campagnes.fixer_cibles(
            session, campagne, toml, restants=None, maintenant=horloge.maintenant()
        )
    assert (await _en_base(sessions, campagne)).campagne.cibles == CIBLES


async def test_les_membres_qui_restent_reduisent_les_sieges_et_les_bornes(
    session: AsyncSession, sessions: FabriqueSessions, horloge: HorlogeFigee
) -> None:
    campagne = await _campagne(session, horloge)
    maintenant = horloge.maintenant()
    une, un = [
        await creer_membre(
            session, nom=nom, prenom="Membre", role=Role.MEMBRE, groupes=[], maintenant=maintenant
        )
        for nom in ("Restante", "Restant")
    ]
    await session.commit()
    restants = (
        "membre;genre;age;diplome;arrondissement\n"
        f"{une.id};Femme;25-39;bac;01\n"
        f"{un.id};homme;65+;bac+3;2\n"
    ).encode()
    await campagnes.fixer_cibles(
        session, campagne, CIBLES, restants=restants, maintenant=maintenant
    )

    cibles, _ = await campagnes.cibles_du_tirage(session, campagne)
    b = tirage.Bornes
    assert cibles.sieges == 6
    assert cibles.categories["genre"] == {"femme": b(2, 4), "homme": b(2, 4), "autre": b(0, 2)}
    assert cibles.categories["age"]["25-39"] == b(0, 2)
    assert cibles.categories["age"]["65+"] == b(0, 2)
    assert cibles.categories["age"]["16-24"] == b(1, 3)  # nobody who stays: unchanged
    assert cibles.categories["diplome"]["bac"] == b(0, 2)
    assert cibles.categories["diplome"]["bac+3"] == b(0, 3)
    assert cibles.categories["arrondissement"]["1"] == b(0, 2)
    assert cibles.categories["arrondissement"]["3"] == b(1, 3)
    async with sessions() as s:
        lignes = (await s.exec(select(Restant).order_by(col(Restant.membre_id)))).all()
    assert [(r.membre_id, r.genre, r.arrondissement) for r in lignes] == [
        (une.id, "femme", "1"),
        (un.id, "homme", "2"),
    ]


async def test_des_cibles_que_les_membres_qui_restent_rendent_impossibles_sont_refusees(
    session: AsyncSession, sessions: FabriqueSessions, horloge: HorlogeFigee
) -> None:
    campagne = await _campagne(session, horloge)
    maintenant = horloge.maintenant()
    restent = [
        await creer_membre(
            session, nom=nom, prenom="Membre", role=Role.MEMBRE, groupes=[], maintenant=maintenant
        )
        for nom in ("Restant", "Restante")
    ]
    await session.commit()
    fichier = "membre;genre;age;diplome;arrondissement\n" + "".join(
        f"{m.id};autre;40-54;bac;3\n" for m in restent
    )
    await campagnes.fixer_cibles(
        session, campagne, CIBLES, restants=fichier.encode(), maintenant=maintenant
    )
    # New targets, the members who stay kept: two "autre" stay, the new targets allow one.
    moins = CIBLES.replace("autre = { min = 0, max = 2 }", "autre = { min = 0, max = 1 }")
    with pytest.raises(ErreurCampagne, match="2 membres qui restent, pour 1 au plus"):
        await campagnes.fixer_cibles(session, campagne, moins, restants=None, maintenant=maintenant)
    assert (await _en_base(sessions, campagne)).campagne.cibles == CIBLES


async def test_etat_dit_les_valeurs_qui_manquent_avant_le_tirage(
    session: AsyncSession, horloge: HorlogeFigee
) -> None:
    campagne = await _campagne(session, horloge)
    sans_autre = [replace(f, genre="femme") if f.genre == "autre" else f for f in _fiches(40)]
    await _inscrire(session, horloge, campagne, sans_autre)
    exigeantes = CIBLES.replace("autre = { min = 0, max = 2 }", "autre = { min = 1, max = 2 }")
    await campagnes.fixer_cibles(
        session, campagne, exigeantes, restants=None, maintenant=horloge.maintenant()
    )

    etat = await campagnes.etat(session, campagne)
    assert etat.manques == (tirage.Manque("genre", "autre", 1, 0),)
    assert etat.volontaires == 40 and etat.erreur_cibles is None
    assert "autre" not in etat.par_valeur["genre"]


# --- Commitment and draw ------------------------------------------------------------------------


async def test_engager_ne_garde_que_l_empreinte_du_secret(
    session: AsyncSession, sessions: FabriqueSessions, horloge: HorlogeFigee
) -> None:
    campagne = await _campagne(session, horloge)
    empreinte = await campagnes.engager(
        session, campagne, secret=f"  {SECRET}\n", maintenant=horloge.maintenant()
    )
    assert empreinte == tirage.engagement(SECRET)
    relue = (await _en_base(sessions, campagne)).campagne
    assert relue.engagement == empreinte and relue.secret is None
    # Nobody reading the database learns the seed before the draw: not in any column of
    # the campaign, nor anywhere else (the journal keeps the hash).
    async with sessions() as s:
        connexion = await s.connection()
        for table in SQLModel.metadata.sorted_tables:
            for ligne in (await connexion.execute(sa.select(table))).all():
                assert not any(SECRET in str(valeur) for valeur in ligne), table.name


async def test_un_second_engagement_est_refuse(
    session: AsyncSession, sessions: FabriqueSessions, horloge: HorlogeFigee
) -> None:
    campagne = await _campagne(session, horloge)
    await campagnes.engager(session, campagne, secret=SECRET, maintenant=horloge.maintenant())
    with pytest.raises(ErreurCampagne, match="déjà engagée le 25/11/2026"):
        await campagnes.engager(
            session, campagne, secret="un-autre-secret-bien-long", maintenant=horloge.maintenant()
        )
    assert (await _en_base(sessions, campagne)).campagne.engagement == tirage.engagement(SECRET)


async def test_pas_de_tirage_avant_la_cloture(
    session: AsyncSession, sessions: FabriqueSessions, horloge: HorlogeFigee
) -> None:
    campagne = await _prete(session, horloge)
    horloge.regler(campagne.cloture - timedelta(minutes=1))
    with pytest.raises(ErreurCampagne, match="Les inscriptions ne sont pas closes"):
        await campagnes.tirer(
            session,
            campagne,
            secret=SECRET,
            valeur_publique=VALEUR_PUBLIQUE,
            maintenant=horloge.maintenant(),
        )
    base = await _en_base(sessions, campagne)
    assert base.campagne.tire_le is None and base.sieges == []


async def test_un_secret_qui_ne_correspond_pas_a_l_engagement_est_refuse(
    session: AsyncSession, sessions: FabriqueSessions, horloge: HorlogeFigee
) -> None:
    campagne = await _prete(session, horloge)
    horloge.regler(campagne.cloture + timedelta(hours=1))
    with pytest.raises(ErreurCampagne, match="ne correspond pas à l'engagement"):
        await campagnes.tirer(
            session,
            campagne,
            secret="un-autre-secret-bien-long",
            valeur_publique=VALEUR_PUBLIQUE,
            maintenant=horloge.maintenant(),
        )
    base = await _en_base(sessions, campagne)
    assert (base.campagne.tire_le, base.campagne.secret, base.sieges) == (None, None, [])


async def test_pas_de_tirage_tant_qu_un_doublon_reste_a_trancher(
    session: AsyncSession, sessions: FabriqueSessions, horloge: HorlogeFigee
) -> None:
    fiches = _fiches(40)
    campagne = await _prete(session, horloge, fiches=fiches)
    (doublon,) = await _inscrire(
        session, horloge, campagne, [replace(fiches[1], prenom=fiches[1].prenom.upper())]
    )
    horloge.regler(campagne.cloture + timedelta(hours=1))
    with pytest.raises(
        ErreurCampagne, match=f"1 doublon\\(s\\) à trancher avant le tirage : {doublon.pseudo}"
    ):
        await campagnes.tirer(
            session,
            campagne,
            secret=SECRET,
            valeur_publique=VALEUR_PUBLIQUE,
            maintenant=horloge.maintenant(),
        )
    base = await _en_base(sessions, campagne)
    assert (base.campagne.tire_le, base.sieges) == (None, [])


TROP_LONG = "x" * 201  # the columns that keep the secret and the public value: 200


async def test_un_secret_trop_long_est_refuse_a_l_engagement(
    session: AsyncSession, sessions: FabriqueSessions, horloge: HorlogeFigee
) -> None:
    campagne = await _campagne(session, horloge)
    await _inscrire(session, horloge, campagne, _fiches(40))
    await campagnes.fixer_cibles(
        session, campagne, CIBLES, restants=None, maintenant=horloge.maintenant()
    )
    with pytest.raises(ErreurCampagne, match="de 16 à 200 caractères"):
        await campagnes.engager(
            session, campagne, secret=TROP_LONG, maintenant=horloge.maintenant()
        )
    assert (await _en_base(sessions, campagne)).campagne.engagement is None


async def test_une_valeur_publique_trop_longue_est_refusee_avant_le_tirage(
    session: AsyncSession, sessions: FabriqueSessions, horloge: HorlogeFigee
) -> None:
    campagne = await _prete(session, horloge)
    horloge.regler(campagne.cloture + timedelta(hours=1))
    with pytest.raises(ErreurCampagne, match="trop longue"):
        await campagnes.tirer(
            session,
            campagne,
            secret=SECRET,
            valeur_publique=TROP_LONG,
            maintenant=horloge.maintenant(),
        )
    base = await _en_base(sessions, campagne)
    assert (base.campagne.tire_le, base.sieges) == (None, [])


async def test_le_tirage_atteint_chaque_cible_propose_les_sieges_et_classe_la_reserve(
    session: AsyncSession, sessions: FabriqueSessions, horloge: HorlogeFigee
) -> None:
    campagne, resultat = await _tiree(session, horloge)
    maintenant = horloge.maintenant()
    cibles, _ = await campagnes.cibles_du_tirage(session, campagne)
    base = await _en_base(sessions, campagne)

    assert len(base.sieges) == len(resultat.panel) == cibles.sieges == 8
    assert sorted(s.numero for s in base.sieges) == list(range(1, 9))
    assert {(s.etat, s.propose_le, s.echeance) for s in base.sieges} == {
        (EtatSiege.PROPOSE, maintenant, maintenant + timedelta(days=DELAI))
    }
    panel = base.panel()
    assert sorted(v.pseudo for v in panel) == list(resultat.panel)
    assert _hors_cibles(panel, cibles) == []
    assert all(v.rang_reserve is None for v in panel)
    reserve = sorted(
        (v for v in base.volontaires if v not in panel), key=lambda v: v.rang_reserve or 0
    )
    assert [v.rang_reserve for v in reserve] == list(range(1, 33))
    assert tuple(v.pseudo for v in reserve) == resultat.reserve
    assert (base.campagne.tire_le, base.campagne.secret, base.campagne.valeur_publique) == (
        maintenant,
        SECRET,
        VALEUR_PUBLIQUE,
    )


async def test_un_second_tirage_est_refuse_et_ne_change_rien(
    session: AsyncSession, sessions: FabriqueSessions, horloge: HorlogeFigee
) -> None:
    campagne, _ = await _tiree(session, horloge)
    avant = await _en_base(sessions, campagne)
    horloge.avancer(timedelta(days=1))
    with pytest.raises(ErreurCampagne, match="Le tirage a déjà eu lieu le 09/12/2026") as refus:
        await campagnes.tirer(
            session,
            campagne,
            secret=SECRET,
            valeur_publique="Loto du 13 décembre 2026 : 1 2 3 4 5",
            maintenant=horloge.maintenant(),
        )
    assert "ne change rien à son résultat" in str(refus.value)
    apres = await _en_base(sessions, campagne)
    assert apres.campagne.rapport == avant.campagne.rapport
    assert (apres.campagne.tire_le, apres.campagne.valeur_publique) == (
        avant.campagne.tire_le,
        VALEUR_PUBLIQUE,
    )
    assert [(s.id, s.volontaire_id, s.etat) for s in apres.sieges] == [
        (s.id, s.volontaire_id, s.etat) for s in avant.sieges
    ]
    assert [v.rang_reserve for v in apres.volontaires] == [
        v.rang_reserve for v in avant.volontaires
    ]


async def test_les_fichiers_publies_refont_le_meme_panel_et_une_autre_valeur_un_autre(
    session: AsyncSession, horloge: HorlogeFigee
) -> None:
    campagne, _ = await _tiree(session, horloge)
    fichiers = await campagnes.publier(session, campagne)

    # A guarantor's run, from the published files only.
    cibles, algorithme = tirage.lire_cibles(fichiers["cibles.toml"])
    pool = tirage.lire_pool(fichiers["volontaires.csv"], cibles)
    secret = fichiers["secret.txt"].strip()
    valeur = fichiers["valeur-publique.txt"].strip()
    assert len(pool) == 40
    assert tirage.engagement(secret) == fichiers["engagement.txt"].strip()
    d = tirage.distribution(pool, cibles, algorithme)
    refait = tirage.tirer(
        pool, cibles, secret=secret, valeur_publique=valeur, algorithme=algorithme, deja_calculee=d
    )
    assert list(refait.panel) == fichiers["panel.txt"].split()
    assert list(refait.reserve) == fichiers["reserve.txt"].split()
    # Another public value, another panel. The distribution has a few dozen panels (it
    # varies with the random pseudonymous ids), so two values may meet on one by chance:
    # several values, and at least one must give another panel.
    autres = {
        tirage.tirer(
            pool,
            cibles,
            secret=secret,
            valeur_publique=f"Loto du {jour} décembre 2026",
            algorithme=algorithme,
            deja_calculee=d,
        ).panel
        for jour in range(13, 19)
    }
    assert autres - {refait.panel}


async def test_les_fichiers_publies_ne_nomment_personne(
    session: AsyncSession, sessions: FabriqueSessions, horloge: HorlogeFigee
) -> None:
    campagne, _ = await _tiree(session, horloge)
    fichiers = await campagnes.publier(session, campagne)
    assert {"volontaires.csv", "panel.txt", "reserve.txt", "rapport.csv"} <= set(fichiers)
    volontaires = (await _en_base(sessions, campagne)).volontaires
    assert len(volontaires) == 40
    for v in volontaires:
        personnel = [v.prenom, v.nom, v.contact, *([str(v.telegram_id)] if v.telegram_id else [])]
        personnel += [v.adresse] if v.adresse else []
        for nom, texte in fichiers.items():
            for donnee in personnel:
                assert donnee not in texte, (v.pseudo, nom, donnee)
        assert v.pseudo in fichiers["volontaires.csv"]


# --- Seats --------------------------------------------------------------------------------------


async def test_un_siege_decline_passe_a_la_reserve_sans_perdre_les_cibles(
    session: AsyncSession, sessions: FabriqueSessions, horloge: HorlogeFigee
) -> None:
    campagne, _ = await _tiree(session, horloge)
    cibles, _ = await campagnes.cibles_du_tirage(session, campagne)
    avant = await _en_base(sessions, campagne)
    assis = {s.volontaire_id for s in avant.sieges}
    # A seat whose holder has a twin (same profile) in the reserve: someone can keep the targets.
    numero = next(
        s.numero
        for s in avant.sieges
        if any(
            _profil(v) == _profil(avant.volontaire(s.volontaire_id))
            for v in avant.volontaires
            if v.id not in assis
        )
    )
    siege = next(s for s in await campagnes.sieges(session, campagne) if s.numero == numero)
    maintenant = horloge.avancer(timedelta(days=2))

    membre = await campagnes.repondre(
        session, siege, accepte=False, maintenant=maintenant, telegram_id=None
    )

    assert membre is None
    apres = await _en_base(sessions, campagne)
    ancien, nouveau = [s for s in apres.sieges if s.numero == numero]
    assert (ancien.id, ancien.etat, ancien.repondu_le) == (siege.id, EtatSiege.DECLINE, maintenant)
    assert (nouveau.etat, nouveau.propose_le, nouveau.echeance) == (
        EtatSiege.PROPOSE,
        maintenant,
        maintenant + timedelta(days=DELAI),
    )
    remplacant = apres.volontaire(nouveau.volontaire_id)
    assert remplacant.rang_reserve is not None
    panel = apres.panel()
    assert len(panel) == 8 and _hors_cibles(panel, cibles) == []
    # ... and nobody called before them in the reserve would have kept the targets.
    sans = [v for v in panel if v.id != remplacant.id]
    for v in apres.volontaires:
        if v.rang_reserve is not None and v.rang_reserve < remplacant.rang_reserve:
            assert _hors_cibles([*sans, v], cibles), v.pseudo


async def test_accepter_un_siege_fait_un_membre_lie_a_son_compte(
    session: AsyncSession, sessions: FabriqueSessions, horloge: HorlogeFigee
) -> None:
    campagne, _ = await _tiree(session, horloge)
    # A seat offered to someone registered in the bot (or, should the draw hold none, to
    # someone from paper who answers from a Telegram account).
    offerts = {s.volontaire_id: s for s in await campagnes.sieges(session, campagne)}
    tenants = [await session.get(Volontaire, i) for i in offerts]
    v = next((t for t in tenants if t and t.telegram_id), tenants[0])
    assert v is not None and v.id is not None
    siege = offerts[v.id]
    compte = v.telegram_id or PREMIER_TELEGRAM + 1_000
    maintenant = horloge.avancer(timedelta(days=1))

    fait = await campagnes.repondre(
        session, siege, accepte=True, maintenant=maintenant, telegram_id=compte
    )

    assert fait is not None
    async with sessions() as s:
        membre = await s.get(Membre, fait.id)
        relu = await s.get(Siege, siege.id)
    assert membre is not None and relu is not None
    assert (membre.telegram_id, membre.role, membre.statut) == (
        compte,
        Role.MEMBRE,
        StatutMembre.ACTIF,
    )
    assert (membre.consentement_le, membre.lie_le) == (maintenant, maintenant)
    assert (membre.prenom, membre.nom) == (v.prenom, v.nom)
    assert (relu.etat, relu.membre_id, relu.repondu_le) == (
        EtatSiege.ACCEPTE,
        membre.id,
        maintenant,
    )
    assert len((await _en_base(sessions, campagne)).sieges) == 8  # nobody else called


async def test_on_ne_repond_pas_deux_fois_a_un_siege(
    session: AsyncSession, sessions: FabriqueSessions, horloge: HorlogeFigee
) -> None:
    campagne, _ = await _tiree(session, horloge)
    siege = (await campagnes.sieges(session, campagne))[0]
    await campagnes.repondre(
        session, siege, accepte=True, maintenant=horloge.maintenant(), telegram_id=None
    )
    with pytest.raises(ErreurCampagne, match="déjà reçu sa réponse"):
        await campagnes.repondre(
            session, siege, accepte=False, maintenant=horloge.maintenant(), telegram_id=None
        )
    base = await _en_base(sessions, campagne)
    assert len(base.sieges) == 8
    assert next(s for s in base.sieges if s.id == siege.id).etat == EtatSiege.ACCEPTE
    assert await _nombre(session, Membre) == 1


async def test_on_ne_repond_plus_apres_l_echeance(
    session: AsyncSession, sessions: FabriqueSessions, horloge: HorlogeFigee
) -> None:
    campagne, _ = await _tiree(session, horloge)
    siege = (await campagnes.sieges(session, campagne))[0]
    horloge.regler(siege.echeance)
    with pytest.raises(ErreurCampagne, match="Le délai pour répondre est passé"):
        await campagnes.repondre(
            session,
            siege,
            accepte=True,
            maintenant=horloge.maintenant(),
            telegram_id=PREMIER_TELEGRAM,
        )
    base = await _en_base(sessions, campagne)
    assert {s.etat for s in base.sieges} == {EtatSiege.PROPOSE} and len(base.sieges) == 8
    assert await _nombre(session, Membre) == 0


async def test_un_siege_sans_reponse_expire_et_passe_a_la_reserve_une_seule_fois(
    session: AsyncSession, sessions: FabriqueSessions, horloge: HorlogeFigee
) -> None:
    campagne, _ = await _tiree(session, horloge)
    premier = (await campagnes.sieges(session, campagne))[0]
    await campagnes.repondre(
        session, premier, accepte=True, maintenant=horloge.maintenant(), telegram_id=None
    )
    maintenant = horloge.avancer(premier.echeance - horloge.maintenant() + timedelta(minutes=1))

    assert await campagnes.echeances(session, maintenant=maintenant) == 7

    base = await _en_base(sessions, campagne)
    assert Counter(s.etat for s in base.sieges) == {
        EtatSiege.ACCEPTE: 1,
        EtatSiege.EXPIRE: 7,
        EtatSiege.PROPOSE: 7,
    }
    for numero in range(2, 9):
        expire, nouveau = [s for s in base.sieges if s.numero == numero]
        assert (expire.etat, expire.repondu_le) == (EtatSiege.EXPIRE, maintenant)
        assert (nouveau.etat, nouveau.echeance) == (
            EtatSiege.PROPOSE,
            maintenant + timedelta(days=DELAI),
        )
        assert base.volontaire(nouveau.volontaire_id).rang_reserve is not None

    horloge.avancer(timedelta(hours=1))
    assert await campagnes.echeances(session, maintenant=horloge.maintenant()) == 0
    assert len((await _en_base(sessions, campagne)).sieges) == 15


async def test_sans_remplacant_qui_tienne_les_cibles_le_plus_proche_est_appele(
    session: AsyncSession, sessions: FabriqueSessions, horloge: HorlogeFigee
) -> None:
    """Three women for three seats that must go to women, a reserve of men only: when a woman
    declines, nobody keeps the targets; the seat still goes to whoever leaves the panel
    closest to them."""
    femmes = [
        _fiche(i, "femme", age, "bac", str(i % 4 + 1))
        for i, age in enumerate(("16-24", "40-54", "65+"))
    ]
    hasard = random.Random(5)
    hommes = [
        _fiche(
            i,
            "homme",
            hasard.choice(campagnes.VALEURS["age"]),
            hasard.choice(campagnes.VALEURS["diplome"]),
            hasard.choice(ARRONDISSEMENTS),
        )
        for i in range(3, 20)
    ]
    cibles_toml = (
        "sieges = 6\n"
        "[categories.genre]\n"
        "femme = { min = 3, max = 3 }\n"
        "homme = { min = 3, max = 3 }\n"
        "[categories.age]\n"
        + "".join(f'"{a}" = {{ min = 0, max = 2 }}\n' for a in campagnes.VALEURS["age"])
        + "[categories.diplome]\n"
        + "".join(f'"{d}" = {{ min = 0, max = 4 }}\n' for d in campagnes.VALEURS["diplome"])
        + "[categories.arrondissement]\n"
        + "".join(f'"{a}" = {{ min = 0, max = 3 }}\n' for a in ARRONDISSEMENTS)
    )
    campagne, _ = await _tiree(session, horloge, fiches=[*femmes, *hommes], cibles=cibles_toml)
    cibles, _ = await campagnes.cibles_du_tirage(session, campagne)
    avant = await _en_base(sessions, campagne)
    assert sorted(v.genre for v in avant.panel()) == ["femme"] * 3 + ["homme"] * 3
    numero = next(
        s.numero for s in avant.sieges if avant.volontaire(s.volontaire_id).genre == "femme"
    )
    siege = next(s for s in await campagnes.sieges(session, campagne) if s.numero == numero)
    restent = [v for v in avant.panel() if v.id != siege.volontaire_id]
    reserve = sorted(
        (v for v in avant.volontaires if v.rang_reserve is not None),
        key=lambda v: v.rang_reserve or 0,
    )
    ecarts = [
        campagnes.ecart_cibles(
            Counter((c, getattr(p, c)) for p in [*restent, v] for c in campagnes.CATEGORIES),
            cibles,
        )
        for v in reserve
    ]
    assert min(ecarts) > 0  # the case is what it says: nobody keeps the targets

    await campagnes.repondre(
        session, siege, accepte=False, maintenant=horloge.maintenant(), telegram_id=None
    )

    apres = await _en_base(sessions, campagne)
    (nouveau,) = [s for s in apres.sieges if s.numero == numero and s.etat == EtatSiege.PROPOSE]
    assert nouveau.volontaire_id == reserve[ecarts.index(min(ecarts))].id
    assert len(apres.panel()) == 6


# --- Withdrawal and erasure ---------------------------------------------------------------------


async def test_retirer_avant_le_tirage_supprime_la_fiche(
    session: AsyncSession, sessions: FabriqueSessions, horloge: HorlogeFigee
) -> None:
    campagne = await _campagne(session, horloge)
    garde, parti = await _inscrire(session, horloge, campagne, _fiches(2))
    await campagnes.retirer(session, parti, maintenant=horloge.maintenant())
    assert [v.id for v in (await _en_base(sessions, campagne)).volontaires] == [garde.id]


async def test_retirer_apres_le_tirage_anonymise_et_libere_le_siege(
    session: AsyncSession, sessions: FabriqueSessions, horloge: HorlogeFigee
) -> None:
    campagne, _ = await _tiree(session, horloge)
    siege = (await campagnes.sieges(session, campagne))[0]
    v = await session.get(Volontaire, siege.volontaire_id)
    assert v is not None
    pseudo, profil = v.pseudo, _profil(v)
    maintenant = horloge.avancer(timedelta(days=1))

    await campagnes.retirer(session, v, maintenant=maintenant)

    apres = await _en_base(sessions, campagne)
    relu = apres.volontaire(siege.volontaire_id)
    assert (relu.prenom, relu.nom, relu.contact) == ("", "", "")
    assert (relu.telegram_id, relu.annee_naissance, relu.adresse) == (None, None, None)
    assert (relu.pseudo, _profil(relu), relu.anonymise_le) == (pseudo, profil, maintenant)
    ancien, nouveau = [s for s in apres.sieges if s.numero == siege.numero]
    assert (ancien.id, ancien.etat) == (siege.id, EtatSiege.DECLINE)
    assert nouveau.etat == EtatSiege.PROPOSE and nouveau.volontaire_id != relu.id


async def test_rien_n_est_efface_avant_la_date_annoncee(
    session: AsyncSession, sessions: FabriqueSessions, horloge: HorlogeFigee
) -> None:
    campagne = await _campagne(session, horloge)
    await _inscrire(session, horloge, campagne, _fiches(4))
    horloge.regler(campagne.suppression_le - timedelta(minutes=1))
    assert await campagnes.effacer_echues(session, maintenant=horloge.maintenant()) == 0
    base = await _en_base(sessions, campagne)
    assert base.campagne.effacee_le is None
    assert [(v.prenom, v.contact) for v in base.volontaires] == [
        (f.prenom, f.contact) for f in _fiches(4)
    ]


async def test_a_la_date_annoncee_les_donnees_des_volontaires_sont_effacees(
    session: AsyncSession, sessions: FabriqueSessions, horloge: HorlogeFigee
) -> None:
    campagne, _ = await _tiree(session, horloge)
    siege = (await campagnes.sieges(session, campagne))[0]
    await campagnes.repondre(
        session, siege, accepte=True, maintenant=horloge.maintenant(), telegram_id=None
    )
    avant = await _en_base(sessions, campagne)
    horloge.regler(campagne.suppression_le)

    assert await campagnes.effacer_echues(session, maintenant=horloge.maintenant()) == 1

    apres = await _en_base(sessions, campagne)
    assert apres.campagne.effacee_le == campagne.suppression_le
    for v, ancien in zip(apres.volontaires, avant.volontaires, strict=True):
        assert (v.prenom, v.nom, v.contact) == ("", "", "")
        assert (v.telegram_id, v.annee_naissance, v.adresse) == (None, None, None)
        assert (v.pseudo, _profil(v)) == (ancien.pseudo, _profil(ancien))
        assert v.anonymise_le == campagne.suppression_le
    assert Counter(s.etat for s in apres.sieges) == {EtatSiege.ACCEPTE: 1, EtatSiege.EXPIRE: 7}


# --- After the draw: the members who leave ------------------------------------------------------


async def test_les_sortants_partent_a_la_date_du_renouvellement(
    session: AsyncSession, horloge: HorlogeFigee
) -> None:
    maintenant = horloge.maintenant()
    restante, sortante, sortant, equipe = [
        await creer_membre(
            session, nom=nom, prenom="Membre", role=role, groupes=[], maintenant=maintenant
        )
        for nom, role in (
            ("Restante", Role.MEMBRE),
            ("Sortante", Role.MEMBRE),
            ("Sortant", Role.MEMBRE),
            ("Equipe", Role.EQUIPE),
        )
    ]
    await session.commit()
    restants = (
        f"membre;genre;age;diplome;arrondissement\n{restante.id};femme;40-54;bac;3\n".encode()
    )
    campagne, _ = await _tiree(session, horloge, restants=restants)

    horloge.regler(campagne.renouvellement_le - timedelta(minutes=1))
    assert await campagnes.sortants_a_faire_partir(session, maintenant=horloge.maintenant()) == []

    horloge.regler(campagne.renouvellement_le)
    ((due, membres),) = await campagnes.sortants_a_faire_partir(
        session, maintenant=horloge.maintenant()
    )
    assert due.id == campagne.id
    assert sorted(m.id or 0 for m in membres) == sorted([sortante.id or 0, sortant.id or 0])
    assert equipe.id not in {m.id for m in membres}
