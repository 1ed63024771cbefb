"""The console's Séances page over HTTP, with the real bot behind it: the list and the month,
creating, changing and cancelling (members told as the bot tells them), who is convened
(seen in the bot), the answers and the nudge, the roll call tapped on a tablet while members
answer in Telegram, and the compensation file (the command line's)."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import aiohttp
import pytest
import sqlalchemy as sa
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import journal, membres, seances
from assemblee.groupes import trouver_groupe
from assemblee.modeles import (
    ChoixReponse,
    Convocation,
    Envoi,
    Langue,
    Membre,
    Presence,
    Reponse,
    Role,
    Seance,
    StatutEnvoi,
    TypeSeance,
)
from assemblee.seances import Champs
from bot import cli
from rappels.emargement import emarger
from telegram_local import MessageLocal, Utilisateur
from tests.console.conftest import ALEX, CAMILLE, SAM, Console
from tests.outils.banc import Banc
from tests.outils.console import Navigateur

PARIS = ZoneInfo("Europe/Paris")
DEBUT = datetime(2026, 12, 10, 17, 30, tzinfo=UTC)  # Thursday 10 December, 18:30 in Paris
HTMX = {"HX-Request": "true"}


async def _seance(
    banc: Banc,
    groupe: str | None = "environnement",
    *,
    debut: datetime = DEBUT,
    titre: str = "Audition sur les cours oasis",
    type_: TypeSeance = TypeSeance.ATELIER,
) -> Seance:
    async with banc.app.sessions() as session:
        cible = await trouver_groupe(session, groupe) if groupe else None
        return await seances.creer(
            session,
            Champs(
                type=type_,
                titre=titre,
                groupe=cible,
                debut=debut,
                fin=debut + timedelta(hours=2),
                lieu="5 rue Lobau, Paris",
            ),
            auteur=journal.CLI,
            maintenant=banc.horloge.maintenant(),
        )


async def _en_base(banc: Banc, seance_id: int | None) -> Seance:
    async with banc.app.sessions() as session:
        seance = await session.get(Seance, seance_id)
        assert seance is not None
        return seance


async def _toutes(banc: Banc) -> list[Seance]:
    async with banc.app.sessions() as session:
        return list((await session.exec(select(Seance).order_by(col(Seance.id)))).all())


async def _membre(banc: Banc, telegram_id: int) -> Membre:
    membre = await banc.membre(telegram_id)
    assert membre is not None and membre.id is not None
    return membre


async def _battre(banc: Banc, instant: datetime) -> None:
    banc.horloge.regler(instant)
    await banc.app.planificateur.battre()


async def _message(banc: Banc, utilisateur: Utilisateur, texte: str) -> MessageLocal:
    """The last bot message to this person containing `texte`, once it has arrived."""
    await banc.serveur.attendre(
        lambda: any(texte in (m.texte_visible or "") for m in utilisateur.messages_du_bot()),
        description=f"« {texte} » for {utilisateur.user_id}",
    )
    return [m for m in utilisateur.messages_du_bot() if texte in (m.texte_visible or "")][-1]


def _champs(*paires: tuple[str, object]) -> aiohttp.FormData:
    """A form with a field given more than once (checkboxes)."""
    formulaire = aiohttp.FormData()
    for nom, valeur in paires:
        formulaire.add_field(nom, str(valeur))
    return formulaire


def _formulaire(**valeurs: str) -> dict[str, str]:
    champs = {
        "type": "atelier",
        "groupe": "",
        "titre": "Visite de la ferme urbaine",
        "debut": "2026-12-03T18:30",
        "fin": "20:00",
        "lieu": "Ferme du Rail, 75019 Paris",
        "lien": "",
        "description": "",
    }
    champs.update(valeurs)
    return champs


async def _id_groupe(banc: Banc, slug: str) -> int:
    async with banc.app.sessions() as session:
        groupe = await trouver_groupe(session, slug)
        assert groupe is not None and groupe.id is not None
        return groupe.id


def _erreur_du_champ(page: str, champ: str) -> str:
    """The sentence under a field, checking the field points to it."""
    assert re.search(
        rf'id="{champ}"[^>]*aria-invalid="true" aria-describedby="{champ}-erreur"', page
    ), f"field {champ} not marked invalid"
    trouve = re.search(rf'<small id="{champ}-erreur"[^>]*>([^<]*)</small>', page)
    assert trouve, f"no message under {champ}"
    return trouve.group(1)


# --- Who sees what --------------------------------------------------------------------------


async def test_l_equipe_voit_tout_l_animateur_ses_groupes_seulement(console: Console) -> None:
    banc = console.banc
    atelier = await _seance(banc, titre="Atelier environnement")
    ailleurs = await _seance(banc, "espace-public", titre="Atelier espace public")
    pleniere = await _seance(banc, None, titre="Plénière de décembre", type_=TypeSeance.PLENIERE)

    sam = await console.entrer(console.sam)
    for chemin in ("/seances", "/seances/mois?mois=2026-12"):
        statut, page = await sam.get(chemin)
        assert statut == 200
        for titre in ("Atelier environnement", "Atelier espace public", "Plénière de décembre"):
            assert titre in page, (chemin, titre)

    alex = await console.entrer(console.alex)
    for chemin in ("/seances", "/seances/mois?mois=2026-12"):
        statut, page = await alex.get(chemin)
        assert statut == 200
        assert "Atelier environnement" in page
        # Not another group's, nor the whole assembly's: the bot's /seances shows them neither.
        assert "Atelier espace public" not in page and "Plénière de décembre" not in page
    assert (await alex.get(f"/seances/{atelier.id}"))[0] == 200
    for autre in (ailleurs, pleniere):
        for chemin in ("", "/modifier", "/annuler", "/convocation", "/emargement"):
            statut, page = await alex.get(f"/seances/{autre.id}{chemin}")
            assert statut == 404 and "Page introuvable" in page
            assert autre.titre not in page


async def test_un_animateur_qui_change_l_adresse_vers_une_autre_seance_ne_change_rien(
    console: Console,
) -> None:
    banc = console.banc
    await _seance(banc, titre="Atelier environnement")
    ailleurs = await _seance(banc, "espace-public", titre="Atelier espace public")
    avant = await _en_base(banc, ailleurs.id)
    essais = {
        "/modifier": _formulaire(titre="Piraté", debut="2026-12-17T18:30"),
        "/annuler": {},
        "/relancer": {},
        "/convocation": {"affiche": "1"},
        f"/emargement/{(await _membre(banc, CAMILLE)).id}": {"present": "1"},
    }
    banc.horloge.regler(DEBUT - timedelta(hours=1))  # roll call open, answers still taken
    alex = await console.entrer(console.alex)
    await alex.get("/seances")
    for chemin, donnees in essais.items():
        statut, _ = await alex.post(f"/seances/{ailleurs.id}{chemin}", donnees)
        assert statut == 404, chemin
    apres = await _en_base(banc, ailleurs.id)
    assert (apres.titre, apres.debut, apres.annulee_le) == (avant.titre, avant.debut, None)
    async with banc.app.sessions() as session:
        assert (await session.exec(select(Presence))).all() == []
        assert (await session.exec(select(Convocation))).all() == []


async def test_un_membre_n_atteint_pas_les_seances(console: Console) -> None:
    seance = await _seance(console.banc)
    alex = await console.entrer(console.alex)
    assert (await alex.get("/seances"))[0] == 200
    # Alex becomes a plain member: the next page is refused, and so is every action.
    async with console.banc.app.sessions() as session:
        membre = await membres.par_telegram_id(session, ALEX)
        assert membre is not None
        await membres.changer_role(
            session,
            membre,
            Role.MEMBRE,
            par=None,
            origine=membres.ORIGINE_CLI,
            equipe_ids=[SAM],
            maintenant=console.banc.horloge.maintenant(),
        )
    for chemin in ("/seances", f"/seances/{seance.id}", "/seances/mois", "/seances/nouvelle"):
        statut, page = await alex.get(chemin)
        assert statut == 403 and "réservée à l'équipe" in page
    statut, _ = await alex.post(f"/seances/{seance.id}/annuler")
    assert statut == 403
    assert (await _en_base(console.banc, seance.id)).annulee_le is None


async def test_la_liste_se_pagine_et_montre_les_seances_passees(console: Console) -> None:
    banc = console.banc
    for jour in range(60):
        await _seance(banc, debut=DEBUT + timedelta(days=jour), titre=f"Atelier n°{jour:02d}")
    passee = await _seance(banc, debut=banc.horloge.maintenant() + timedelta(hours=1))
    banc.horloge.avancer(timedelta(hours=4))  # that one is over
    sam = await console.entrer(console.sam)
    statut, page = await sam.get("/seances")
    assert statut == 200
    assert "Atelier n°00" in page and "Atelier n°49" in page and "Atelier n°50" not in page
    assert "60 en tout (page 1 sur 2)" in page
    assert passee.titre not in page.split("<table", 1)[1]
    statut, page = await sam.get("/seances?page=2")
    assert "Atelier n°50" in page and "Atelier n°59" in page and "Atelier n°49" not in page
    statut, page = await sam.get("/seances?quand=passees")
    assert statut == 200 and f'/seances/{passee.id}"' in page and "passée" in page
    assert "Atelier n°00" not in page


async def test_le_mois_en_grille_avec_ses_voisins(console: Console) -> None:
    banc = console.banc
    await _seance(banc, titre="Audition de décembre")
    annulee = await _seance(banc, debut=DEBUT + timedelta(days=1), titre="Visite annulée")
    await _seance(banc, debut=DEBUT + timedelta(days=40), titre="Atelier de janvier")
    async with banc.app.sessions() as session:
        await seances.annuler(
            session,
            await _en_base(banc, annulee.id),
            maintenant=banc.horloge.maintenant(),
            auteur=journal.CLI,
        )
    sam = await console.entrer(console.sam)
    statut, page = await sam.get("/seances/mois?mois=2026-12")
    assert statut == 200
    assert "<h1>Séances de décembre 2026</h1>" in page
    assert '<th scope="col">Lundi</th>' in page
    # The 10th is a Thursday: the fourth cell of its week holds the séance, at its local time.
    semaine = next(r for r in page.split("<tr>") if ">10</span>" in r)
    cellules = semaine.split("<td>")[1:]
    assert ">10</span>" in cellules[3] and "18 h 30 Audition de décembre" in cellules[3]
    assert "Visite annulée" in cellules[4] and "annulée" in cellules[4]
    assert "Atelier de janvier" not in page
    assert 'href="/console/seances/mois?mois=2026-11"' in page
    assert "Mois précédent : novembre 2026" in page
    statut, page = await sam.get("/seances/mois?mois=2027-01")
    assert "Atelier de janvier" in page and "Mois suivant : février 2027" in page
    statut, _ = await sam.get("/seances/mois?mois=janvier")
    assert statut == 400


# --- Creating, changing, cancelling -----------------------------------------------------------


async def test_l_animateur_cree_une_seance_de_son_groupe(console: Console) -> None:
    banc = console.banc
    alex = await console.entrer(console.alex)
    statut, page = await alex.get("/seances/nouvelle")
    assert statut == 200
    assert 'value="pleniere"' not in page  # a plenary is staff's, as in the bot
    assert "toute l'assemblée" not in page
    env = await _id_groupe(banc, "environnement")
    statut, page = await alex.post("/seances/nouvelle", _formulaire(groupe=str(env)))
    assert statut == 200
    assert "la séance est au calendrier" in page and "Visite de la ferme urbaine" in page
    (seance,) = await _toutes(banc)
    assert seance.groupe_id == env and seance.type == TypeSeance.ATELIER
    assert seance.debut == datetime(2026, 12, 3, 17, 30, tzinfo=UTC)
    assert seance.fin - seance.debut == timedelta(hours=1, minutes=30)
    assert (seance.lieu, seance.lien) == ("Ferme du Rail, 75019 Paris", None)
    assert seance.cree_par_id == (await _membre(banc, ALEX)).id


async def test_l_animateur_ne_cree_ni_pleniere_ni_seance_d_un_autre_groupe(
    console: Console,
) -> None:
    banc = console.banc
    alex = await console.entrer(console.alex)
    await alex.get("/seances/nouvelle")
    statut, page = await alex.post("/seances/nouvelle", _formulaire(type="pleniere"))
    assert statut == 400
    autre = await _id_groupe(banc, "espace-public")
    statut, page = await alex.post("/seances/nouvelle", _formulaire(groupe=str(autre)))
    assert statut == 400
    assert _erreur_du_champ(page, "groupe") == (
        "Vous ne pouvez gérer que les séances de vos groupes."
    )
    statut, page = await alex.post("/seances/nouvelle", _formulaire(groupe=""))
    assert statut == 400
    assert await _toutes(banc) == []


@pytest.mark.parametrize(
    ("valeurs", "champ", "message"),
    [
        ({"titre": "  "}, "titre", "Il manque le titre de la séance."),
        (
            {"debut": "2026-11-01T18:30"},
            "debut",
            "Cette date est déjà passée : choisissez une date à venir.",
        ),
        ({"debut": "demain"}, "debut", "Je n'ai pas compris cette date"),
        # 02:30 on the last Sunday of March does not exist in Paris.
        ({"debut": "2027-03-28T02:30"}, "debut", "Je n'ai pas compris cette date"),
        (
            {"debut": "2026-12-03T08:00", "fin": "21:00"},
            "fin",
            "Une séance dure au plus 12 heures",
        ),
        (
            {"lieu": "", "lien": ""},
            "lieu",
            "Indiquez un lieu (une adresse) ou un lien de visio, ou les deux.",
        ),
        ({"lien": "javascript:alert(1)"}, "lien", "Le lien doit commencer par https://"),
    ],
    ids=["titre", "passe", "illisible", "heure-d-ete", "trop-longue", "ni-lieu", "lien"],
)
async def test_un_champ_refuse_revient_avec_son_message_et_rien_n_est_cree(
    console: Console, valeurs: dict[str, str], champ: str, message: str
) -> None:
    banc = console.banc
    sam = await console.entrer(console.sam)
    await sam.get("/seances/nouvelle")
    statut, page = await sam.post("/seances/nouvelle", _formulaire(**valeurs))
    assert statut == 400
    assert _erreur_du_champ(page, champ).startswith(message)
    # What was typed is still there to correct.
    assert 'value="Ferme du Rail, 75019 Paris"' in page or valeurs.get("lieu") == ""
    assert await _toutes(banc) == []


async def test_une_seance_creee_100_minutes_avant_convoque_tout_de_suite(
    console: Console,
) -> None:
    """As from the bot's /seance: the convened members hear of it at once, not at the next
    minute's tick."""
    banc = console.banc
    sam = await console.entrer(console.sam)
    await sam.get("/seances/nouvelle")
    debut = (banc.horloge.maintenant() + timedelta(minutes=100)).astimezone(PARIS)
    env = await _id_groupe(banc, "environnement")
    statut, _ = await sam.post(
        "/seances/nouvelle",
        _formulaire(
            groupe=str(env),
            titre="Point d'étape urgent",
            debut=f"{debut:%Y-%m-%dT%H:%M}",
            fin=f"{debut + timedelta(hours=1):%H:%M}",
        ),
    )
    assert statut == 200
    convocation = await _message(banc, console.camille, "Point d'étape urgent")
    assert convocation.texte_visible.startswith("⏰ Dans 2 heures :")
    assert convocation.texte_visible.endswith("Serez-vous là ?") and convocation.boutons


async def test_deplacer_puis_annuler_previent_les_convoques_comme_le_bot(
    console: Console,
) -> None:
    banc = console.banc
    seance = await _seance(banc)
    sam = await console.entrer(console.sam)
    statut, page = await sam.get(f"/seances/{seance.id}/modifier")
    assert statut == 200 and 'value="2026-12-10T18:30"' in page and 'value="20:30"' in page
    statut, page = await sam.post(
        f"/seances/{seance.id}/modifier",
        {
            "titre": seance.titre,
            "debut": "2026-12-17T18:30",
            "fin": "20:30",
            "lieu": "5 rue Lobau, Paris",
            "lien": "",
            "description": "",
        },
    )
    assert statut == 200 and "Les membres convoqués sont prévenus tout de suite" in page
    notice = await _message(banc, console.camille, "Changement d'horaire")
    assert (
        "Horaire : jeudi 10 décembre à 18 h 30 – 20 h 30 → jeudi 17 décembre à 18 h 30 – 20 h 30"
        in notice.texte_visible
    )
    assert notice.boutons  # answer straight from the notice, as from the bot's
    apres = await _en_base(banc, seance.id)
    assert apres.debut == datetime(2026, 12, 17, 17, 30, tzinfo=UTC)
    assert not apres.changement_a_annoncer  # told, not waiting for the tick

    statut, page = await sam.get(f"/seances/{seance.id}/annuler")
    assert statut == 200 and "Annuler cette séance ?" in page
    statut, page = await sam.post(f"/seances/{seance.id}/annuler")
    assert statut == 200 and "La séance est annulée" in page
    annulation = await _message(banc, console.camille, "Séance annulée : Audition")
    assert annulation.texte_visible.startswith("❌ Séance annulée : Audition sur les cours oasis")
    assert (await _en_base(banc, seance.id)).annulee_le is not None
    # Once cancelled: nothing left to change or cancel.
    statut, page = await sam.post(f"/seances/{seance.id}/annuler")
    assert statut == 400 and "Cette séance est annulée." in page


async def test_une_modification_refusee_revient_avec_son_message(console: Console) -> None:
    banc = console.banc
    seance = await _seance(banc)
    alex = await console.entrer(console.alex)
    await alex.get(f"/seances/{seance.id}/modifier")
    statut, page = await alex.post(
        f"/seances/{seance.id}/modifier",
        {"titre": "Nouveau titre", "debut": "2026-12-10T18:30", "fin": "18:00", "lieu": "x"},
    )
    assert statut == 400
    assert _erreur_du_champ(page, "fin") == "La fin doit venir après le début."
    assert 'value="Nouveau titre"' in page
    apres = await _en_base(banc, seance.id)
    assert (apres.titre, apres.fin, apres.modifiee_le) == (seance.titre, seance.fin, None)
    assert console.camille.messages_du_bot() == [] or all(
        "Changement" not in (m.texte_visible or "") for m in console.camille.messages_du_bot()
    )


async def test_sans_jeton_csrf_rien_ne_change(console: Console) -> None:
    banc = console.banc
    seance = await _seance(banc)
    sam = await console.entrer(console.sam)
    await sam.get("/seances/nouvelle")
    for chemin, donnees in (
        ("/seances/nouvelle", _formulaire()),
        (f"/seances/{seance.id}/modifier", _formulaire(debut="2026-12-17T18:30")),
        (f"/seances/{seance.id}/annuler", {}),
        (f"/seances/{seance.id}/relancer", {}),
        (f"/seances/{seance.id}/convocation", {"affiche": "1"}),
    ):
        statut, page = await sam.post(chemin, donnees, csrf=False)
        assert statut == 403 and "Accès refusé" in page, chemin
    (seule,) = await _toutes(banc)
    assert (seule.debut, seule.annulee_le, seule.modifiee_le) == (DEBUT, None, None)


# --- Who is convened ------------------------------------------------------------------------


async def test_la_convocation_cochee_dans_la_console_se_voit_dans_le_bot(
    console: Console,
) -> None:
    banc = console.banc
    leo = await banc.membre_actif(3001, "Léo", "Bernard", groupes=["espace-public"])
    mia = await banc.membre_actif(3002, "Mia", "Martin")
    seance = await _seance(banc)
    camille_id = (await _membre(banc, CAMILLE)).id
    mia_id = (await _membre(banc, 3002)).id
    leo_id = (await _membre(banc, 3001)).id

    sam = await console.entrer(console.sam)
    statut, page = await sam.get(f"/seances/{seance.id}/convocation")
    assert statut == 200 and "2 personnes convoquées." in page
    assert f'id="convoque-{camille_id}" name="convoque" value="{camille_id}" checked' in page
    assert f'<option value="{leo_id}">Léo Bernard (membre)</option>' in page
    # Camille unticked, Mia left ticked, Léo added.
    statut, page = await sam.post(
        f"/seances/{seance.id}/convocation",
        _champs(
            ("affiche", camille_id), ("affiche", mia_id), ("convoque", mia_id), ("ajouter", leo_id)
        ),
    )
    assert statut == 200 and "C'est enregistré" in page and "2 personnes convoquées." in page
    assert f'id="convoque-{camille_id}" name="convoque" value="{camille_id}">' in page

    (agenda,) = await console.camille.envoyer("/agenda")
    assert agenda.texte_visible.startswith("Aucune séance prévue pour vous")
    liste, _ = await leo.envoyer("/agenda", attendre=2)
    assert "Audition sur les cours oasis" in liste.texte_visible

    await _battre(banc, DEBUT - timedelta(days=7))
    await _message(banc, leo, "Rappel : dans 7 jours.")
    await _message(banc, mia, "Rappel : dans 7 jours.")
    await banc.attendre_que(_file_vide)
    assert all("Rappel" not in (m.texte_visible or "") for m in console.camille.messages_du_bot())


async def _file_vide(session: AsyncSession) -> bool:
    """Every queued message has gone out (or been given up)."""
    en_cours = await session.exec(
        select(Envoi).where(col(Envoi.statut).in_([StatutEnvoi.EN_ATTENTE, StatutEnvoi.EN_COURS]))
    )
    return en_cours.first() is None


async def test_l_animateur_lit_la_convocation_sans_pouvoir_la_changer(console: Console) -> None:
    banc = console.banc
    seance = await _seance(banc)
    camille_id = (await _membre(banc, CAMILLE)).id
    alex = await console.entrer(console.alex)
    statut, page = await alex.get(f"/seances/{seance.id}/convocation")
    assert statut == 200
    assert "Camille Martin" in page and "Seule l'équipe peut ajouter" in page
    assert 'name="convoque"' not in page
    statut, _ = await alex.post(f"/seances/{seance.id}/convocation", {"affiche": camille_id})
    assert statut == 403
    async with banc.app.sessions() as session:
        assert (await session.exec(select(Convocation))).all() == []


# --- Answers and the nudge ------------------------------------------------------------------


async def test_le_tableau_des_reponses_et_la_relance_du_bot(console: Console) -> None:
    banc = console.banc
    mia = await banc.membre_actif(3002, "Mia", "Martin")
    leo = await banc.membre_actif(3003, "Léo", "Bernard")
    seance = await _seance(banc)
    await _battre(banc, DEBUT - timedelta(days=7))
    await console.camille.cliquer(await _message(banc, console.camille, "Rappel"), "Je serai là")
    await mia.cliquer(await _message(banc, mia, "Rappel"), "Je ne pourrai pas")
    await mia.cliquer(await _message(banc, mia, "dites-nous pourquoi"), "Travail")
    await _message(banc, leo, "Rappel")

    alex = await console.entrer(console.alex)
    statut, page = await alex.get(f"/seances/{seance.id}")
    assert statut == 200
    for compte in ("Oui : 1", "Peut-être : 0", "Non : 1", "Sans réponse : 1"):
        assert compte in page
    lignes = {
        nom: f"{reponse}|{raison}"
        for nom, reponse, raison in re.findall(
            r'<th scope="row">([^<]+)</th>\s*<td>([^<]*)</td>\s*<td>([^<]*)</td>', page
        )
    }
    assert lignes == {
        "Camille Martin": "✅ oui|",
        "Mia Martin": "❌ non|Travail",
        "Léo Bernard": "⏳ pas de réponse|",
    }
    statut, page = await alex.post(f"/seances/{seance.id}/relancer")
    assert statut == 200 and "Relance envoyée à 1 personne." in page
    relance = await _message(banc, leo, "Vous n'avez pas encore répondu")
    assert relance.boutons
    assert all("pas encore répondu" not in (m.texte_visible or "") for m in mia.messages_du_bot())
    # Once a day, as from the bot.
    statut, page = await alex.post(f"/seances/{seance.id}/relancer")
    assert "Tout le monde a déjà été relancé aujourd'hui" in page
    # Answers close at the start: no nudge then.
    banc.horloge.regler(DEBUT + timedelta(minutes=1))
    alex = await console.entrer(console.alex)
    statut, page = await alex.get(f"/seances/{seance.id}")
    assert "Relancer" not in page
    statut, _ = await alex.post(f"/seances/{seance.id}/relancer")
    assert statut == 400


# --- The roll call --------------------------------------------------------------------------


def _bouton(fragment: str, membre_id: int | None) -> str:
    trouve = re.search(
        rf'<button type="submit" id="appel-{membre_id}"[^>]*>(.*?)</button>', fragment, re.S
    )
    assert trouve, fragment
    return trouve.group(0)


async def test_l_emargement_un_geste_par_personne_sans_recharger(console: Console) -> None:
    banc = console.banc
    seance = await _seance(banc)
    camille_id = (await _membre(banc, CAMILLE)).id
    alex = await console.entrer(console.alex)
    statut, page = await alex.get(f"/seances/{seance.id}/emargement")
    assert statut == 200 and "L'émargement s'ouvre le jour de la séance" in page
    assert "aria-pressed" not in page

    banc.horloge.regler(DEBUT - timedelta(minutes=30))
    alex = await console.entrer(console.alex)
    statut, page = await alex.get(f"/seances/{seance.id}/emargement")
    assert statut == 200 and "Présents : 0 sur 1." in page
    assert 'aria-pressed="false"' in _bouton(page, camille_id)
    assert "htmx.min.js" in page
    chemin = f"/seances/{seance.id}/emargement/{camille_id}"

    statut, fragment = await alex.post(chemin, {"present": "1"}, headers=HTMX)
    assert statut == 200 and "<html" not in fragment  # the button, not the page
    bouton = _bouton(fragment, camille_id)
    assert 'aria-pressed="true"' in bouton and "présent·e · marqué par Alex" in bouton
    assert 'name="present" value="0"' in fragment  # the next tap marks absent
    assert 'id="appel-compte" role="status" hx-swap-oob="true">Présents : 1 sur 1.' in fragment
    # A second screen still showing "not marked" taps the same name: still present.
    statut, fragment = await alex.post(chemin, {"present": "1"}, headers=HTMX)
    assert 'aria-pressed="true"' in _bouton(fragment, camille_id)
    statut, fragment = await alex.post(chemin, {"present": "0"}, headers=HTMX)
    assert 'aria-pressed="false"' in _bouton(fragment, camille_id)
    assert "absent·e · marqué par Alex" in fragment
    async with banc.app.sessions() as session:
        (presence,) = (await session.exec(select(Presence))).all()
    assert (presence.membre_id, presence.present) == (camille_id, False)
    # Without JavaScript, the form comes back to the page.
    statut, page = await alex.post(chemin, {"present": "1"})
    assert statut == 200 and "Présents : 1 sur 1." in page
    # Someone not convened: refused, said in the page's message area, nothing written.
    sam_id = (await _membre(banc, SAM)).id
    statut, fragment = await alex.post(
        f"/seances/{seance.id}/emargement/{sam_id}", {"present": "1"}, headers=HTMX
    )
    assert statut == 200 and "Cette personne n'est pas convoquée à cette séance." in fragment
    assert "<button" not in fragment
    async with banc.app.sessions() as session:
        assert len((await session.exec(select(Presence))).all()) == 1


async def _vingt_rappeles(
    banc: Banc,
) -> tuple[list[Membre], Seance, list[Utilisateur], list[MessageLocal]]:
    """Twenty members convened, each with the 7-day reminder in their chat; then the day of
    the séance, an hour before: the roll call is open, and they may still answer."""
    vingt = await banc.peupler(20)
    seance = await _seance(banc)
    await _battre(banc, DEBUT - timedelta(days=7))
    personnes = [banc.utilisateur(m.telegram_id or 0, m.prenom, m.nom) for m in vingt]
    rappels = [await _message(banc, p, "Rappel : dans 7 jours.") for p in personnes]
    banc.horloge.regler(DEBUT - timedelta(hours=1))  # the roll call is open, answers too
    return vingt, seance, personnes, rappels


async def test_vingt_gestes_a_la_console_pendant_que_les_membres_repondent_au_bot(
    console: Console,
) -> None:
    banc = console.banc
    vingt, seance, personnes, rappels = await _vingt_rappeles(banc)
    sam = await console.entrer(console.sam)
    statut, _ = await sam.get(f"/seances/{seance.id}/emargement")
    assert statut == 200

    async def taper(membre: Membre) -> tuple[int, str]:
        return await sam.post(
            f"/seances/{seance.id}/emargement/{membre.id}", {"present": "1"}, headers=HTMX
        )

    resultats = await asyncio.gather(
        *(taper(m) for m in vingt),
        *(p.cliquer(r, "Je serai là") for p, r in zip(personnes, rappels, strict=True)),
    )
    for (statut, fragment), membre in zip(resultats[:20], vingt, strict=True):
        assert statut == 200 and 'aria-pressed="true"' in _bouton(fragment, membre.id)
    assert all(r.texte == "C'est noté, merci !" for r in resultats[20:])  # type: ignore[union-attr]
    ids = {m.id for m in vingt}
    async with banc.app.sessions() as session:
        presences = (await session.exec(select(Presence))).all()
        reponses = (await session.exec(select(Reponse))).all()
    assert {p.membre_id for p in presences} == ids and len(presences) == 20
    assert all(p.present for p in presences)
    assert {r.membre_id: r.choix for r in reponses} == dict.fromkeys(ids, ChoixReponse.OUI)
    statut, page = await sam.get(f"/seances/{seance.id}/emargement")
    assert "Présents : 20 sur 21." in page  # Camille is convened too, not yet marked


async def test_deux_ecrans_qui_marquent_la_meme_personne_au_meme_instant(
    console: Console,
) -> None:
    """The second of two first marks of one name finds the row the first created, and sets
    it: no error page, one row."""
    banc = console.banc
    seance = await _seance(banc)
    camille_id = (await _membre(banc, CAMILLE)).id
    banc.horloge.regler(DEBUT - timedelta(minutes=30))
    tablette = await console.entrer(console.sam)
    telephone = await console.entrer(console.alex)
    for navigateur in (tablette, telephone):
        await navigateur.get(f"/seances/{seance.id}/emargement")
    chemin = f"/seances/{seance.id}/emargement/{camille_id}"
    resultats = await asyncio.gather(
        *(n.post(chemin, {"present": "1"}, headers=HTMX) for n in (tablette, telephone) * 3)
    )
    assert all(statut == 200 for statut, _ in resultats)
    assert all('aria-pressed="true"' in _bouton(f, camille_id) for _, f in resultats)
    async with banc.app.sessions() as session:
        (presence,) = (await session.exec(select(Presence))).all()
    assert presence.present and presence.membre_id == camille_id


# --- Compensation -------------------------------------------------------------------------


async def _camille_presente(banc: Banc) -> None:
    """December's only presence: Camille at the séance, marked by staff."""
    seance = await _seance(banc)
    camille = await _membre(banc, CAMILLE)
    equipe = await _membre(banc, SAM)
    async with banc.app.sessions() as session:
        await emarger(
            session,
            seance=await _en_base(banc, seance.id),
            membre_id=camille.id or 0,
            present=True,
            auteur=journal.par_le_bot(equipe),
            maintenant=DEBUT,
        )


async def test_l_export_d_indemnisation_est_celui_de_la_ligne_de_commande(
    console: Console, operateur: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    banc = console.banc
    monkeypatch.setenv("EQUIPE_TELEGRAM_IDS", str(SAM))  # the command line re-reads staff
    await _camille_presente(banc)
    sam = await console.entrer(console.sam)
    statut, page = await sam.get("/seances/indemnisation")
    assert statut == 200 and 'type="month"' in page and 'value="2026-10"' in page
    statut, entetes, corps = await sam.telecharger("/seances/indemnisation?mois=2026-12")
    assert statut == 200
    assert entetes["Content-Type"] == "text/csv; charset=utf-8"
    assert entetes["Content-Disposition"] == 'attachment; filename="indemnisation-2026-12.csv"'
    assert "Martin;Camille;Environnement" in corps.decode("utf-8-sig")
    assert await asyncio.to_thread(cli.main, ["presences", "exporter", "--mois", "2026-12"]) == 0
    assert corps == (operateur / "indemnisation-2026-12.csv").read_bytes()

    statut, page = await sam.get("/seances/indemnisation?mois=décembre")
    assert statut == 400
    assert _erreur_du_champ(page, "mois") == "Indiquez le mois ainsi : 2026-11."
    alex = await console.entrer(console.alex)
    statut, _, corps = await alex.telecharger("/seances/indemnisation?mois=2026-12")
    assert statut == 403 and b"Camille" not in corps
    assert "/seances/indemnisation" not in (await alex.get("/seances"))[1]


# --- Bounded work per page ------------------------------------------------------------------


@contextmanager
def _requetes(banc: Banc) -> Iterator[list[str]]:
    """The statements of one console request: those run by the task that looked up the
    visitor's session (the bot's sender and scheduler query the same engine meanwhile)."""
    vues: list[tuple[asyncio.Task[object] | None, str]] = []

    def noter(*args: object) -> None:
        vues.append((asyncio.current_task(), str(args[2])))

    moteur = banc.app.moteur.sync_engine
    sa.event.listen(moteur, "before_cursor_execute", noter)
    resultat: list[str] = []
    try:
        yield resultat
    finally:
        sa.event.remove(moteur, "before_cursor_execute", noter)
    taches = {tache for tache, sql in vues if "session_console" in sql}
    assert len(taches) == 1, "one request, one task"
    resultat.extend(sql for tache, sql in vues if tache in taches)


async def _compter(navigateur: Navigateur, banc: Banc, chemins: list[str]) -> list[int]:
    comptes = []
    for chemin in chemins:
        with _requetes(banc) as vues:
            statut, _ = await navigateur.get(chemin)
        assert statut == 200, chemin
        comptes.append(len(vues))
    return comptes


async def test_chaque_page_fait_autant_de_requetes_quel_que_soit_le_nombre(
    console: Console,
) -> None:
    banc = console.banc
    seance = await _seance(banc)
    async with banc.app.sessions() as session:
        equipe = await membres.par_telegram_id(session, SAM)
    banc.horloge.regler(DEBUT - timedelta(hours=1))
    sam = await console.entrer(console.sam)

    async def remplir(debut: int, nombre: int) -> None:
        ajoutes = await banc.peupler(nombre, premier_telegram_id=debut)
        autres = await banc.peupler(2, groupe="espace-public", premier_telegram_id=debut + 500)
        async with banc.app.sessions() as session:
            courante = await session.get(Seance, seance.id)
            assert courante is not None and equipe is not None
            for membre in ajoutes[:2]:
                await seances.ajuster(
                    session,
                    courante,
                    membre,
                    convoque=False,
                    auteur=journal.par_le_bot(equipe),
                    maintenant=banc.horloge.maintenant(),
                )
            for membre in autres:
                await seances.ajuster(
                    session,
                    courante,
                    membre,
                    convoque=True,
                    auteur=journal.par_le_bot(equipe),
                    maintenant=banc.horloge.maintenant(),
                )
            for membre in ajoutes[2:]:
                session.add(
                    Reponse(seance_id=seance.id or 0, membre_id=membre.id or 0,
                            choix=ChoixReponse.OUI, repondu_le=DEBUT - timedelta(days=1))
                )  # fmt: skip
            await session.commit()
        for jour in range(nombre):
            await _seance(banc, debut=DEBUT + timedelta(days=jour, hours=1))

    chemins = [
        "/seances",
        "/seances/mois?mois=2026-12",
        f"/seances/{seance.id}",
        f"/seances/{seance.id}/convocation",
        f"/seances/{seance.id}/emargement",
    ]
    await remplir(20_000, 5)
    peu = await _compter(sam, banc, chemins)
    await remplir(30_000, 40)
    beaucoup = await _compter(sam, banc, chemins)
    assert peu == beaucoup, dict(zip(chemins, zip(peu, beaucoup, strict=True), strict=True))


async def test_chaque_page_en_anglais(console: Console) -> None:
    """Every page renders in English for staff who chose it in /moi (no French left in the
    page's own texts)."""
    banc = console.banc
    seance = await _seance(banc)
    async with banc.app.sessions() as session:
        sam = await membres.par_telegram_id(session, SAM)
        assert sam is not None
        await membres.changer_langue(session, sam, Langue.EN)
    banc.horloge.regler(DEBUT - timedelta(hours=1))
    navigateur = await console.entrer(console.sam)
    attendus = {
        "/seances": "Upcoming sessions, soonest first",
        "/seances?quand=passees": "No past session.",
        "/seances/mois?mois=2026-12": "Sessions of December 2026",
        "/seances/nouvelle": "Create the session",
        "/seances/indemnisation": "Download the file",
        f"/seances/{seance.id}": "Answers of the convened members",
        f"/seances/{seance.id}/modifier": "Save the changes",
        f"/seances/{seance.id}/annuler": "Yes, cancel the session",
        f"/seances/{seance.id}/convocation": "The group's members are convened by default.",
        f"/seances/{seance.id}/emargement": "Present: 0 of 1.",
    }
    for chemin, texte in attendus.items():
        statut, page = await navigateur.get(chemin)
        assert statut == 200 and texte in page, chemin
        assert '<html lang="en">' in page
