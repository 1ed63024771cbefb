"""The Tirage au sort page: staff at a desk see the renewal campaign (its dates and link, the
volunteers per value against the targets and what is missing, the steps, after the draw its
report and the seats with their answers) and download each volunteer's chance; nothing shows
how to reach a volunteer; facilitators and members are refused. Volunteers are synthetic."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime

from assemblee import campagnes, membres
from assemblee.horloge import HorlogeFigee
from assemblee.modeles import Campagne, EtatSiege, Langue, Role
from tests.outils.console import ALEX, SAM, Console

OUVERTURE = datetime(2026, 11, 19, 23, 0, tzinfo=UTC)  # Friday 20 November, midnight in Paris
CLOTURE = datetime(2026, 12, 20, 23, 0, tzinfo=UTC)  # registration ends with Sunday 20 December
RENOUVELLEMENT = datetime(2027, 2, 1, 8, 0, tzinfo=UTC)
SUPPRESSION = datetime(2027, 6, 30, 8, 0, tzinfo=UTC)
TIRE_LE = datetime(2026, 12, 21, 9, 0, tzinfo=UTC)  # 10 h in Paris
CIBLES = """
sieges = 4

[categories.genre]
femme = { min = 1, max = 3 }
homme = { min = 1, max = 3 }
"""
SECRET = "x" * 16
# What must never reach the page: how to reach a volunteer.
TELEPHONE = "06 12 34 56 78"
COURRIEL = "zoe.durand@exemple.org"
TELEGRAM_ID = 4_242_424_242
ADRESSE = "rue des Lilas"  # each volunteer at their own number: one per household

_TABLE = re.compile(r"<table>(.*?)</table>", re.S)
_LIGNE = re.compile(r"<tr>(.*?)</tr>", re.S)
_CELLULE = re.compile(r"<t[hd][^>]*>(.*?)</t[hd]>", re.S)
_BALISE = re.compile(r"<[^>]+>")


def _texte(fragment: str) -> str:
    return " ".join(html.unescape(_BALISE.sub(" ", fragment)).split())


def _tableau(page: str, legende: str) -> list[list[str]]:
    """The body rows of the table whose caption starts with `legende`, as cell texts."""
    for table in _TABLE.findall(page):
        caption = re.search(r"<caption[^>]*>(.*?)</caption>", table, re.S)
        if caption and _texte(caption.group(1)).startswith(legende):
            corps = table.split("<tbody>", 1)[1]
            return [[_texte(c) for c in _CELLULE.findall(ligne)] for ligne in _LIGNE.findall(corps)]
    raise AssertionError(f"no table « {legende} » in the page")


def _fiche(i: int, genre: str, **autres: str) -> campagnes.Fiche:
    valeurs = {
        "prenom": f"Prénom{i}",
        "nom": f"Nom{i}",
        "genre": genre,
        "age": campagnes.VALEURS["age"][i % 5],
        "diplome": campagnes.VALEURS["diplome"][i % 5],
        "arrondissement": str(i + 1),
        "contact": TELEPHONE,
        "adresse": f"{i + 1} {ADRESSE}",
    }
    return campagnes.Fiche(**{**valeurs, **autres})


async def _campagne(console: Console, fiches: list[campagnes.Fiche]) -> Campagne:
    """A campaign with these volunteers (on paper), and one more registered in the bot."""
    banc = console.banc
    banc.serveur.utilisateur(TELEGRAM_ID, "Zoé", connu=True)
    async with banc.app.sessions() as session:
        campagne = await campagnes.creer(
            session,
            slug="r2027",
            nom="Renouvellement 2027",
            ouverture=OUVERTURE,
            cloture=CLOTURE,
            renouvellement_le=RENOUVELLEMENT,
            suppression_le=SUPPRESSION,
            delai_reponse_jours=7,
            maintenant=banc.horloge.maintenant(),
        )
        await campagnes.inscrire(
            session,
            campagne,
            _fiche(0, "femme", prenom="Zoé", nom="Durand", contact=COURRIEL),
            telegram_id=TELEGRAM_ID,
            langue=Langue.FR,
            maintenant=banc.horloge.maintenant(),
        )
        for fiche in fiches:
            await campagnes.inscrire(
                session,
                campagne,
                fiche,
                telegram_id=None,
                langue=Langue.FR,
                maintenant=banc.horloge.maintenant(),
            )
        await campagnes.fixer_cibles(
            session, campagne, CIBLES, restants=None, maintenant=banc.horloge.maintenant()
        )
    return campagne


async def _tirage(console: Console, horloge: HorlogeFigee) -> Campagne:
    """8 volunteers (4 women, 4 men) for 4 seats, drawn; the first seat accepted, the second
    declined (offered to the reserve)."""
    fiches = [_fiche(i, "femme" if i < 4 else "homme") for i in range(1, 8)]
    campagne = await _campagne(console, fiches)
    async with console.banc.app.sessions() as session:
        await campagnes.engager(session, campagne, secret=SECRET, maintenant=horloge.maintenant())
        horloge.regler(TIRE_LE)
        await campagnes.tirer(
            session,
            campagne,
            secret=SECRET,
            valeur_publique="Loto du 21/12/2026 : 5 12 23 34 45 / 7",
            maintenant=horloge.maintenant(),
        )
        premier, second, *_ = await campagnes.sieges(session, campagne)
        for siege, accepte in ((premier, True), (second, False)):
            await campagnes.repondre(
                session, siege, accepte=accepte, maintenant=horloge.maintenant(), telegram_id=None
            )
        await session.refresh(campagne)
    return campagne


def _rien_pour_joindre(page: str) -> None:
    for secret in (TELEPHONE, COURRIEL, str(TELEGRAM_ID), ADRESSE):
        assert secret not in page


async def test_sans_campagne_la_page_dit_comment_en_creer_une(console: Console) -> None:
    sam = await console.entrer(console.sam)
    statut, page = await sam.get("/tirage")
    assert statut == 200
    assert "Aucune campagne de tirage au sort en cours" in page
    assert "assemblee tirage campagne creer" in page
    assert '<a href="/console/tirage" aria-current="page">Tirage au sort</a>' in page


async def test_les_volontaires_face_aux_cibles_et_ce_qui_manque(console: Console) -> None:
    # Two women on paper, one of them twice (a duplicate to settle), and Zoé in the bot.
    await _campagne(console, [_fiche(1, "femme"), _fiche(2, "femme"), _fiche(2, "femme")])
    sam = await console.entrer(console.sam)
    statut, page = await sam.get("/tirage")
    assert statut == 200
    texte = _texte(page)
    assert "Renouvellement 2027" in texte
    # Paris dates: the opening is the 20th there (the 19th in UTC); the close is inclusive.
    assert "du vendredi 20 novembre 2026 au dimanche 20 décembre 2026 (inclus, ouvertes)" in texte
    lien = f"https://t.me/{console.banc.app.reglages.bot_username}?start=candidater-r2027"
    assert f'href="{lien}"' in page
    assert "4 volontaires inscrits." in texte
    assert "1 doublon possible à trancher" in texte
    assert "Fait · Cibles fixées : 4 sièges à tirer." in texte
    assert "À faire · S'engager sur le secret" in texte
    assert "À faire · Tirer au sort" in texte
    genre = _tableau(page, "Genre")
    assert genre[:2] == [["Femme", "4", "1 à 3"], ["Homme", "0 · il en manque 1", "1 à 3"]]
    assert genre[2] == ["Autre, ou je préfère ne pas dire", "0", "aucun siège"]
    assert "<mark>0 · il en manque 1</mark>" in page
    assert "Homme : 0 volontaire pour 1 siège au moins, il en manque 1." in texte
    # A category without targets: counted, no target, and no "drawn" column before the draw.
    assert _tableau(page, "Âge (sans cible)")[0] == ["16 à 24 ans", "1", "–"]
    assert ["3e", "2", "–"] in _tableau(page, "Arrondissement")
    assert "Rapport du tirage" not in texte and "Sièges proposés" not in texte
    _rien_pour_joindre(page)


async def test_avant_le_tirage_pas_de_fichier_des_chances(console: Console) -> None:
    await _campagne(console, [_fiche(1, "homme")])
    sam = await console.entrer(console.sam)
    statut, page = await sam.get("/tirage/probabilites.csv")
    assert statut == 404 and "Page introuvable" in page


async def test_apres_le_tirage_le_rapport_et_les_sieges(
    console: Console, horloge: HorlogeFigee
) -> None:
    campagne = await _tirage(console, horloge)
    sam = await console.entrer(console.sam)
    statut, page = await sam.get("/tirage")
    assert statut == 200
    texte = _texte(page)
    assert "(inclus, closes)" in texte
    assert f"Son empreinte (SHA-256) : {campagne.engagement}" in texte
    assert f'<code class="lien-invitation">{campagne.engagement}</code>' in page
    assert "Fait · Tirage fait le 21/12/2026 10 h" in texte
    # 8 volunteers, 4 seats, each gender 1 to 3: maximin gives everyone the same chance.
    assert "Plus petite chance 50 %" in texte
    assert "Écart des chances 0 % entre la plus grande et la plus petite" in texte
    assert "sortition-algorithms " in texte and "HiGHS (highspy) " in texte
    assert "4 tirés au sort, 4 en réserve" in texte
    assert "1 accepté, 3 en attente de réponse, 1 décliné, 0 sans réponse." in texte
    genre = _tableau(page, "Genre")
    assert genre[0][0] == "Femme" and genre[1][0] == "Homme"
    assert int(genre[0][3]) + int(genre[1][3]) == 4  # drawn, as the report counts them

    async with console.banc.app.sessions() as session:
        sieges = await campagnes.sieges(session, campagne)
        volontaires = {v.id: v for v in await campagnes.volontaires(session, campagne)}
    lignes = _tableau(page, "Sièges proposés")
    assert len(lignes) == 5  # four seats, the declined one offered again under its number
    for ligne, siege in zip(lignes, sieges, strict=True):
        v = volontaires[siege.volontaire_id]
        assert ligne[0] == str(siege.numero)
        assert ligne[2] == f"{v.pseudo} {v.prenom} {v.nom}"
        assert ligne[3] == ("bot" if v.telegram_id else "papier")
        assert ligne[4] == "28/12/2026 10 h"  # 7 days to answer
    etats = {s.etat: ligne for s, ligne in zip(sieges, lignes, strict=True)}
    assert etats[EtatSiege.ACCEPTE][1] == "accepté le 21/12/2026 10 h"
    assert etats[EtatSiege.DECLINE][1] == "décliné le 21/12/2026 10 h"
    assert etats[EtatSiege.PROPOSE][1] == "proposé"
    accepte = next(s for s in sieges if s.etat == EtatSiege.ACCEPTE)
    assert etats[EtatSiege.ACCEPTE][5] == f"membre n° {accepte.membre_id}"
    assert f'<a href="/console/membres/{accepte.membre_id}">' in page
    _rien_pour_joindre(page)


async def test_le_fichier_des_chances_par_identifiant_anonyme(
    console: Console, horloge: HorlogeFigee
) -> None:
    campagne = await _tirage(console, horloge)
    sam = await console.entrer(console.sam)
    statut, entetes, corps = await sam.telecharger("/tirage/probabilites.csv")
    assert statut == 200
    assert entetes["Content-Type"] == "text/csv; charset=utf-8"
    assert "tirage-r2027-probabilites.csv" in entetes["Content-Disposition"]
    lignes = corps.decode("utf-8-sig").splitlines()
    async with console.banc.app.sessions() as session:
        pseudos = sorted(v.pseudo for v in await campagnes.volontaires(session, campagne))
    assert lignes == ["id;probabilite", *(f"{p};0.500000" for p in pseudos)]


async def test_un_animateur_est_refuse(console: Console, horloge: HorlogeFigee) -> None:
    await _tirage(console, horloge)
    alex = await console.entrer(console.alex)
    for chemin in ("/tirage", "/tirage/probabilites.csv"):
        statut, page = await alex.get(chemin)
        assert statut == 403 and "Accès refusé" in page, chemin
        _rien_pour_joindre(page)
    statut, page = await alex.get("/")
    assert statut == 200 and 'href="/console/tirage"' not in page


async def test_un_membre_est_refuse(console: Console) -> None:
    await _campagne(console, [_fiche(1, "homme")])
    alex = await console.entrer(console.alex)
    membre = await console.banc.membre(ALEX)
    assert membre is not None
    async with console.banc.app.sessions() as session:
        await membres.changer_role(
            session,
            membre,
            Role.MEMBRE,
            par=None,
            origine=membres.ORIGINE_CLI,
            equipe_ids=[SAM],
            maintenant=console.banc.horloge.maintenant(),
        )
    statut, page = await alex.get("/tirage")
    assert statut == 403 and "réservée à l'équipe" in page
    assert "Renouvellement 2027" not in page
