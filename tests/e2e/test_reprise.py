"""Crash safety: the bot process is SIGKILLed in the middle of an announcement to 500 members,
then restarted. Every member gets it; the only possible duplicates are the messages that were
in flight at the kill, and a message recorded as sent is never sent again."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest
from sqlmodel import select

from assemblee import annonces, groupes, journal
from assemblee.annonces import Audience, GenreAudience
from assemblee.db import creer_moteur, fabrique_sessions
from assemblee.envois import Contenu
from assemblee.horloge import HorlogeSysteme
from assemblee.modeles import Envoi, StatutEnvoi
from telegram_local import TelegramLocal
from tests.conftest import reglages_test
from tests.outils.fabriques import membres_actifs

NOMBRE = 500
SIMULTANES = 10


async def _lancer(
    serveur: TelegramLocal, url_base: str, dossier: Path
) -> asyncio.subprocess.Process:
    env = {
        "PATH": os.environ["PATH"],
        "SOURCES_FICHIER": str(
            Path(__file__).resolve().parents[1] / "outils" / "sources-vides.toml"
        ),
        "BOT_TOKEN": serveur.jeton,
        "BOT_USERNAME": serveur.username,
        "TELEGRAM_API_URL": serveur.url,
        "DATABASE_URL": url_base,
        "ENVOIS_SIMULTANES": str(SIMULTANES),
        "NIVEAU_LOG": "WARNING",
        "CONSOLE_PORT": "0",  # not 8081: other test runs on this machine may hold it
    }
    processus = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=dossier,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    await serveur.attendre(lambda: serveur.longs_polls_en_attente > 0)
    return processus


async def test_sigkill_pendant_une_annonce_a_500_membres(
    url_base: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    moteur = creer_moteur(url_base)
    sessions = fabrique_sessions(moteur)
    horloge = HorlogeSysteme()
    async with sessions() as session:
        await groupes.synchroniser_groupes(
            session, groupes.lire_groupes(reglages_test().groupes_fichier)
        )
        groupe = await groupes.trouver_groupe(session, "environnement")
        assert groupe is not None
        membres = await membres_actifs(session, horloge.maintenant(), groupe, NOMBRE)
    ids_telegram = {m.id: m.telegram_id for m in membres}

    async with TelegramLocal() as serveur:
        for m in membres:
            assert m.telegram_id is not None
            serveur.utilisateur(m.telegram_id, m.prenom, connu=True)
        premier = await _lancer(serveur, url_base, tmp_path)
        try:
            async with sessions() as session:
                # Urgent, so that the real clock's quiet hours never hold it back.
                await annonces.publier(
                    session,
                    auteur=journal.CLI,
                    contenu=Contenu("Coupure de courant"),
                    audience=Audience(GenreAudience.TOUS),
                    urgent=True,
                    maintenant=horloge.maintenant(),
                )
            await serveur.attendre(lambda: serveur.nombre_envoyes() >= NOMBRE * 2 // 5, 60)
        finally:
            premier.send_signal(signal.SIGKILL)
            await premier.wait()
        envoyes_avant = serveur.nombre_envoyes()

        async with sessions() as session:
            lignes = (await session.exec(select(Envoi.membre_id, Envoi.statut))).all()
        deja_notes = {ids_telegram[mid] for mid, statut in lignes if statut == StatutEnvoi.ENVOYE}
        en_vol = sum(1 for _, statut in lignes if statut == StatutEnvoi.EN_COURS)
        assert 0 < len(deja_notes) < NOMBRE and en_vol <= SIMULTANES

        second = await _lancer(serveur, url_base, tmp_path)
        try:
            await serveur.attendre(lambda: len(serveur.envois_par_chat()) == NOMBRE, 90)
        finally:
            # A clean stop lets the messages in flight finish and their outcome be written.
            second.send_signal(signal.SIGTERM)
            assert await asyncio.wait_for(second.wait(), 60) == 0

    recus = serveur.envois_par_chat()
    doublons = {chat: n - 1 for chat, n in recus.items() if n > 1}
    with capsys.disabled():
        print(
            f"\n[reprise] {envoyes_avant} messages avant le SIGKILL, {en_vol} en vol, "
            f"{sum(doublons.values())} doublon(s) après la reprise (borne : {SIMULTANES})"
        )
    assert set(recus) == set(ids_telegram.values())  # every member got it
    assert sum(doublons.values()) <= en_vol <= SIMULTANES  # only the in-flight ones
    assert not set(doublons) & deja_notes  # recorded as sent: never sent again
    assert serveur.violations.total == 0
    async with sessions() as session:
        statuts = (await session.exec(select(Envoi.statut))).all()
    await moteur.dispose()
    assert len(statuts) == NOMBRE and set(statuts) == {StatutEnvoi.ENVOYE}
