"""`assemblee membres role|groupes|depart` and `assemblee journal`: rights changed from the
command line, refused with one sentence when the settings decide, always in the audit log."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlmodel import select

from assemblee import groupes as groupes_domaine
from assemblee.db import creer_moteur, fabrique_sessions
from assemblee.horloge import HorlogeFigee
from assemblee.modeles import Appartenance, EntreeJournal, Membre, Role, StatutMembre
from bot.cli import main
from telegram_local import TelegramLocal
from tests.conftest import reglages_test
from tests.outils.fabriques import membres_actifs


async def assemblee(*args: str) -> int:
    return await asyncio.to_thread(main, list(args))


async def _preparer(url: str, horloge: HorlogeFigee) -> tuple[int, int]:
    """One active member (Telegram 10000) and one staff account (Telegram 10001)."""
    moteur = creer_moteur(url)
    try:
        async with fabrique_sessions(moteur)() as session:
            definitions = groupes_domaine.lire_groupes(reglages_test().groupes_fichier)
            await groupes_domaine.synchroniser_groupes(session, definitions)
            env = await groupes_domaine.trouver_groupe(session, "environnement")
            assert env is not None
            camille, sam = await membres_actifs(session, horloge.maintenant(), env, 2)
            sam.role = Role.EQUIPE
            session.add(sam)
            await session.commit()
            assert camille.id is not None and sam.id is not None
            return camille.id, sam.id
    finally:
        await moteur.dispose()


async def _lire(url: str, membre_id: int) -> tuple[Membre, list[int], list[EntreeJournal]]:
    moteur = creer_moteur(url)
    try:
        async with fabrique_sessions(moteur)() as session:
            membre = await session.get(Membre, membre_id)
            assert membre is not None
            groupes = (
                await session.exec(
                    select(Appartenance.groupe_id).where(Appartenance.membre_id == membre_id)
                )
            ).all()
            journal = (await session.exec(select(EntreeJournal).order_by(EntreeJournal.id))).all()
            return membre, sorted(groupes), list(journal)
    finally:
        await moteur.dispose()


async def test_role_groupes_depart_puis_journal(
    operateur: Path,
    url_base: str,
    horloge: HorlogeFigee,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    camille, _ = await _preparer(url_base, horloge)
    monkeypatch.setenv("EQUIPE_TELEGRAM_IDS", "10001")
    assert await assemblee("membres", "role", str(camille), "animateur") == 0
    assert "est maintenant animateur" in capsys.readouterr().out
    # By Telegram id as well as by number.
    assert await assemblee("membres", "groupes", "10000", "environnement", "espace-public") == 0
    assert "est dans : environnement, espace-public" in capsys.readouterr().out
    assert await assemblee("membres", "role", str(camille), "animateur") == 0
    assert "Rien à changer" in capsys.readouterr().out
    assert await assemblee("membres", "depart", str(camille)) == 0
    assert "a quitté l'assemblée ; ses présences sont gardées" in capsys.readouterr().out
    assert await assemblee("membres", "role", str(camille), "membre") == 1
    erreur = capsys.readouterr().err
    assert "Rien n'a changé" in erreur and "a quitté l'assemblée" in erreur

    membre, groupes, journal = await _lire(url_base, camille)
    assert (membre.role, membre.statut) == (Role.ANIMATEUR, StatutMembre.PARTI)
    assert len(groupes) == 2
    assert [(e.origine, e.action, e.avant, e.apres) for e in journal] == [
        ("cli", "role", "membre", "animateur"),
        ("cli", "groupes", "environnement", "environnement, espace-public"),
        ("cli", "depart", "actif", "parti"),
    ]
    assert all(e.le == horloge.maintenant() and e.par_id is None for e in journal)

    assert await assemblee("journal") == 0
    lignes = capsys.readouterr().out.splitlines()
    assert len(lignes) == 3
    assert lignes[0].endswith("depart : actif → parti  en ligne de commande")  # newest first
    assert f"n°{camille} Test Membre00000" in lignes[0]


async def test_l_equipe_se_donne_et_se_retire_par_les_reglages_seulement(
    operateur: Path,
    url_base: str,
    horloge: HorlogeFigee,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    camille, sam = await _preparer(url_base, horloge)
    monkeypatch.setenv("EQUIPE_TELEGRAM_IDS", "10001")
    assert await assemblee("membres", "role", str(camille), "equipe") == 1
    assert "seulement par le réglage EQUIPE_TELEGRAM_IDS" in capsys.readouterr().err
    assert await assemblee("membres", "depart", str(sam)) == 1
    erreur = capsys.readouterr().err
    assert "par le réglage EQUIPE_TELEGRAM_IDS : retirez son identifiant" in erreur
    assert erreur.count("\n") == 1
    membre, _, journal = await _lire(url_base, sam)
    assert (membre.role, membre.statut, journal) == (Role.EQUIPE, StatutMembre.ACTIF, [])

    # Named no more: the next start (any command reads the settings) takes the role away.
    monkeypatch.setenv("EQUIPE_TELEGRAM_IDS", "")
    assert await assemblee("membres", "lister") == 0
    membre, _, journal = await _lire(url_base, sam)
    assert membre.role == Role.MEMBRE
    assert [(e.origine, e.avant, e.apres) for e in journal] == [("reglages", "equipe", "membre")]


async def test_pas_d_invitation_pour_l_equipe(
    operateur: Path, url_base: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await assemblee("invitation", "creer", "--role", "equipe") == 1
    erreur = capsys.readouterr().err
    assert erreur.startswith("Pas d'invitation pour l'équipe : le rôle equipe se donne seulement")
    assert "EQUIPE_TELEGRAM_IDS" in erreur and erreur.count("\n") == 1


async def test_aucun_membre(operateur: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert await assemblee("membres", "depart", "999") == 1
    assert capsys.readouterr().err.startswith("Aucun membre n°999 ni compte Telegram 999")
    assert await assemblee("journal") == 0
    assert "Journal vide" in capsys.readouterr().out


async def test_le_menu_de_la_personne_suit_son_nouveau_role(
    operateur: Path,
    url_base: str,
    horloge: HorlogeFigee,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    camille, _ = await _preparer(url_base, horloge)
    async with TelegramLocal() as serveur:
        serveur.utilisateur(10000, "Test", "Membre00000", connu=True)  # she started the bot
        monkeypatch.setenv("BOT_TOKEN", serveur.jeton)
        monkeypatch.setenv("TELEGRAM_API_URL", serveur.url)
        assert await assemblee("membres", "role", str(camille), "animateur") == 0
        menu = serveur.commandes({"type": "chat", "chat_id": 10000})
        assert menu is not None and "seance" in {c["command"] for c in menu}
        assert await assemblee("membres", "depart", str(camille)) == 0
        assert serveur.commandes({"type": "chat", "chat_id": 10000}) is None
    capsys.readouterr()
