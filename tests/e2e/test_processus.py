"""Several bot processes on one database: on SQLite a second one is refused with one sentence;
on PostgreSQL they share the work (one scheduler leader, outbox rows leased to one sender)."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from sqlmodel import select

from assemblee import annonces, groupes, journal, seances
from assemblee.annonces import Audience, GenreAudience
from assemblee.db import FabriqueSessions, creer_moteur, fabrique_sessions
from assemblee.envois import Contenu
from assemblee.horloge import HorlogeSysteme
from assemblee.modeles import (
    Article,
    ArticleGroupe,
    Envoi,
    FrequenceRevue,
    Membre,
    Role,
    StatutArticle,
    StatutEnvoi,
    TypeSeance,
)
from assemblee.seances import Champs
from bot.verrous import ESPACE_MENEUR, ESPACE_VIVANTS, Verrous
from telegram_local import TelegramLocal
from tests.conftest import reglages_test
from tests.outils.bases import MOTEUR
from tests.outils.fabriques import membres_actifs
from tests.outils.processus import RACINE, SOURCES_VIDES, lancer_bot
from veille import revue

sqlite_seulement = pytest.mark.skipif(
    MOTEUR != "sqlite", reason="the lock file is SQLite's: PostgreSQL runs several processes"
)
postgresql_seulement = pytest.mark.skipif(
    MOTEUR != "postgresql", reason="several processes on one database need PostgreSQL"
)


@sqlite_seulement
async def test_un_second_run_sur_la_meme_base_sqlite_est_refuse(
    url_base: str, tmp_path: Path
) -> None:
    async with TelegramLocal() as serveur:
        premier = await lancer_bot(serveur, url_base, tmp_path)
        try:
            second = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                "run",
                cwd=tmp_path,
                env={
                    "PATH": os.environ["PATH"],
                    "PYTHONPATH": str(RACINE),
                    "SOURCES_FICHIER": str(SOURCES_VIDES),
                    "BOT_TOKEN": serveur.jeton,
                    "BOT_USERNAME": serveur.username,
                    "TELEGRAM_API_URL": serveur.url,
                    "DATABASE_URL": url_base,
                    "CONSOLE_PORT": "0",
                },
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
            )
            sortie, erreurs = await asyncio.wait_for(second.communicate(), 60)
            assert second.returncode == 2
            lignes = erreurs.decode().strip().splitlines()
            assert len(lignes) == 1, lignes  # one sentence, no traceback
            assert lignes[0].startswith("Un autre processus du bot utilise déjà la base")
            assert "arrêtez-le" in lignes[0] and sortie == b""
            assert premier.returncode is None  # the first one serves on
        finally:
            premier.send_signal(signal.SIGTERM)
            await asyncio.wait_for(premier.wait(), 30)


@postgresql_seulement
async def test_un_seul_meneur_et_un_suivant_prend_la_releve(url_base: str) -> None:
    un, deux = Verrous(url_base), Verrous(url_base)
    await un.ouvrir()
    await deux.ouvrir()
    try:
        assert await un.mener() and not await deux.mener()
        assert await un.vivants() == await deux.vivants() == {un.identite, deux.identite}
        await un.fermer()  # the leader dies: its connection, and its locks, are gone
        assert await deux.vivants() == {deux.identite}
        assert await deux.mener()
    finally:
        await un.fermer()
        await deux.fermer()


NOMBRE = 500
SIMULTANES = 10
PROCESSUS = 3
# The real clock runs in the processes: no quiet hours, UTC. Telegram's overall limit is the
# bot's, not a process's: each of the three takes a third of it.
REGLAGES_PROCESSUS = {
    "ENVOIS_SIMULTANES": str(SIMULTANES),
    "ENVOIS_PAR_SECONDE": "10",
    "FUSEAU_HORAIRE": "UTC",
    "HEURES_CALMES": "00:00-00:00",
    "RAPPELS": "7j,1j,2h",
}


async def _verrous_tenus(sessions: FabriqueSessions, espace: int) -> list[int]:
    async with sessions() as session:
        lignes = await session.exec(  # type: ignore[call-overload]
            sa.text(
                "SELECT objid FROM pg_locks WHERE locktype = 'advisory' AND granted "
                "AND classid = :espace AND database = "
                "(SELECT oid FROM pg_database WHERE datname = current_database())"
            ),
            params={"espace": espace},
        )
        return [int(objid) for (objid,) in lignes]


async def _attendre_vivants(sessions: FabriqueSessions, nombre: int) -> None:
    """Until `nombre` processes are alive on the database (they start in a few seconds)."""
    async with asyncio.timeout(60):
        # Other processes' state, read from the database: nothing in this one to wait on.
        while len(await _verrous_tenus(sessions, ESPACE_VIVANTS)) < nombre:  # noqa: ASYNC110
            await asyncio.sleep(0.2)


def _recus(serveur: TelegramLocal, texte: str) -> dict[int, int]:
    compte: dict[int, int] = {}
    for chat_id in serveur.envois_par_chat():
        n = sum(1 for m in serveur.messages_du_bot(chat_id) if texte in (m.texte_visible or ""))
        if n:
            compte[chat_id] = n
    return compte


async def _preparer(sessions: FabriqueSessions) -> tuple[list[Membre], Membre]:
    """500 members of Environnement with a reminder due, a digest due, and one of staff."""
    maintenant = HorlogeSysteme().maintenant()
    async with sessions() as session:
        await groupes.synchroniser_groupes(
            session, groupes.lire_groupes(reglages_test().groupes_fichier)
        )
        env = await groupes.trouver_groupe(session, "environnement")
        social = await groupes.trouver_groupe(session, "social-education")
        assert env is not None and social is not None
        membres = await membres_actifs(session, maintenant, env, NOMBRE)
        (eva,) = await membres_actifs(
            session, maintenant, social, 1, premier_telegram_id=1, role=Role.EQUIPE
        )
        # Its 7-day reminder fell due two minutes ago: the leader's first tick queues it.
        await seances.creer(
            session,
            Champs(
                type=TypeSeance.ATELIER,
                titre="Audition oasis",
                groupe=env,
                debut=maintenant + timedelta(days=7, minutes=-2),
                fin=maintenant + timedelta(days=7, hours=2),
                lieu="5 rue Lobau, Paris",
            ),
            auteur=journal.CLI,
            maintenant=maintenant,
        )
        # One article kept in the digest period that ended last: the digest is due.
        echeance = revue.derniere_echeance(
            env, FrequenceRevue.HEBDOMADAIRE, maintenant, ZoneInfo("UTC")
        )
        article = Article(
            url="https://exemple.org/oasis",
            titre="Des cours oasis dans le 11e",
            titre_normalise="des cours oasis dans le 11e",
            collecte_le=echeance - timedelta(hours=2),
        )
        session.add(article)
        await session.flush()
        session.add(
            ArticleGroupe(
                article_id=article.id or 0,
                groupe_id=env.id or 0,
                statut=StatutArticle.GARDE,
                decide_le=echeance - timedelta(hours=1),
            )
        )
        await session.commit()
    return membres, eva


@postgresql_seulement
async def test_trois_processus_un_leader_tue_chacun_recoit_chaque_message_une_fois(
    url_base: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    moteur = creer_moteur(url_base)
    sessions = fabrique_sessions(moteur)
    membres, eva_fiche = await _preparer(sessions)
    chats = {m.telegram_id for m in membres}
    async with TelegramLocal() as serveur:
        for m in [*membres, eva_fiche]:
            assert m.telegram_id is not None
            serveur.utilisateur(m.telegram_id, m.prenom, connu=True)
        eva = serveur.utilisateur(1, eva_fiche.prenom)
        reglages = {**REGLAGES_PROCESSUS, "EQUIPE_TELEGRAM_IDS": "1"}
        # The first one leads the scheduler and polls; the two others send and wait.
        premier = await lancer_bot(serveur, url_base, tmp_path, reglages=reglages)
        autres = [
            await lancer_bot(
                serveur,
                url_base,
                tmp_path,
                reglages=reglages,
                attendre_le_polling=False,
                journal=tmp_path / f"bot-{numero}.log",
            )
            for numero in range(PROCESSUS - 1)
        ]
        tous = [premier, *autres]
        try:
            await _attendre_vivants(sessions, PROCESSUS)
            (demande,) = await eva.envoyer("/annonce", delai=30)
            assert "Envoyez-moi l'annonce" in (demande.texte_visible or "")
            async with sessions() as session:
                await annonces.publier(
                    session,
                    auteur=journal.CLI,
                    contenu=Contenu("Coupure de courant"),
                    audience=Audience(GenreAudience.TOUS),
                    urgent=True,
                    maintenant=HorlogeSysteme().maintenant(),
                )
            total = 3 * NOMBRE
            await serveur.attendre(lambda: serveur.nombre_envoyes() >= total * 2 // 5, 120)
            premier.send_signal(signal.SIGKILL)
            await premier.wait()
            envoyes_avant = serveur.nombre_envoyes()
            async with sessions() as session:
                en_vol = len(
                    (
                        await session.exec(
                            select(Envoi.id).where(Envoi.statut == StatutEnvoi.EN_COURS)
                        )
                    ).all()
                )
            # Another process takes the polling over, and continues Eva's conversation.
            await serveur.attendre(lambda: serveur.longs_polls_en_attente > 0, 60)
            (audiences,) = await eva.envoyer("Plénière jeudi 18 h", delai=30)
            assert "tout le monde" in str(audiences.boutons)
            for texte in ("Coupure de courant", "Audition oasis", "Des cours oasis"):
                await serveur.attendre(
                    lambda t=texte: chats <= set(_recus(serveur, t)),  # type: ignore[misc]
                    180,
                    description=f"every member's {texte!r}",
                )
            meneurs = await _verrous_tenus(sessions, ESPACE_MENEUR)
        finally:
            for processus in tous:
                if processus.returncode is None:
                    processus.send_signal(signal.SIGTERM)
            for processus in autres:
                assert await asyncio.wait_for(processus.wait(), 30) == 0

    doublons = {}
    for texte in ("Coupure de courant", "Audition oasis", "Des cours oasis"):
        recus = _recus(serveur, texte)
        doublons[texte] = sum(n - 1 for chat, n in recus.items() if chat in chats)
    await moteur.dispose()
    with capsys.disabled():
        print(
            f"\n[processus] {PROCESSUS} processus, {envoyes_avant} envois avant le SIGKILL du "
            f"meneur, {en_vol} en vol (tous processus), doublons : {doublons} "
            f"(borne : {SIMULTANES}, les envois en vol du processus tué)"
        )
    assert sum(doublons.values()) <= SIMULTANES
    assert 0 in meneurs  # a follower took the lead
