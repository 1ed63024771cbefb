"""The bot as a real process against the local Bot API, for the crash tests: started like an
operator would (`python -m bot run`), killed with SIGKILL, started again."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from telegram_local import TelegramLocal

RACINE = Path(__file__).resolve().parents[2]
SOURCES_VIDES = Path(__file__).resolve().parent / "sources-vides.toml"


async def lancer_bot(
    serveur: TelegramLocal,
    url_base: str,
    dossier: Path,
    *,
    module: str = "bot",
    reglages: Mapping[str, str] | None = None,
    attendre_le_polling: bool = True,
    journal: Path | None = None,
) -> asyncio.subprocess.Process:
    """Start `python -m <module> run` on this database and stand-in (no feed, so no network);
    by default, return once the bot's first long poll is waiting. Its log (stderr) goes to
    `journal` when given."""
    env = {
        "PATH": os.environ["PATH"],
        "PYTHONPATH": str(RACINE),  # for a module of the tests
        "SOURCES_FICHIER": str(SOURCES_VIDES),
        "BOT_TOKEN": serveur.jeton,
        "BOT_USERNAME": serveur.username,
        "TELEGRAM_API_URL": serveur.url,
        "DATABASE_URL": url_base,
        "NIVEAU_LOG": "WARNING",
        "CONSOLE_PORT": "0",  # not 8081: other test runs on this machine may hold it
        **(reglages or {}),
    }
    sortie_erreurs = journal.open("ab") if journal else None
    processus = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        module,
        "run",
        cwd=dossier,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=sortie_erreurs or asyncio.subprocess.DEVNULL,
    )
    if sortie_erreurs is not None:
        sortie_erreurs.close()  # the process has its own copy
    if attendre_le_polling:
        await serveur.attendre(
            lambda: serveur.longs_polls_en_attente > 0, 30, description="the bot's long poll"
        )
    return processus
