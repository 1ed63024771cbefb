"""Several bot processes on one database: on SQLite a second one is refused with one sentence;
on PostgreSQL they share the work (one scheduler leader, outbox rows leased to one sender)."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest

from bot.telegram_local import TelegramLocal
from bot.verrous import Verrous
from tests.outils.bases import MOTEUR
from tests.outils.processus import RACINE, SOURCES_VIDES, lancer_bot

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
