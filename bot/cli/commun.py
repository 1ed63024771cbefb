"""What the commands share: settings, the database, the clock, the bot's name, files, tables."""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path

from aiogram.exceptions import TelegramAPIError, TelegramNetworkError, TelegramUnauthorizedError
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import groupes
from assemblee.horloge import HorlogeSysteme
from assemblee.modeles import Groupe
from bot import journal
from bot.app import creer_bot, preparer_base
from bot.cli import erreurs
from config.reglages import Reglages, charger_reglages


def reglages() -> Reglages:
    """The settings, and logging that masks the secrets among them."""
    lus = charger_reglages()
    secrets = [s.get_secret_value() for s in (lus.bot_token, lus.webhook_secret) if s]
    journal.configurer(lus.niveau_log, secrets)
    return lus


def maintenant() -> datetime:
    return HorlogeSysteme().maintenant()


def moins_bavard(journal_: str) -> None:
    """A library's INFO lines would bury the one sentence an operator needs on stderr; still
    shown when NIVEAU_LOG=DEBUG."""
    enregistreur = logging.getLogger(journal_)
    if enregistreur.getEffectiveLevel() == logging.INFO:
        enregistreur.setLevel(logging.WARNING)


@asynccontextmanager
async def base(reglages: Reglages) -> AsyncIterator[AsyncSession]:
    """One session on the database, its schema checked and the groups, feeds and staff synced
    first (as the bot does at start); the engine is closed on the way out."""
    moins_bavard("alembic")  # the schema check runs on every command
    moteur, sessions = await preparer_base(reglages)
    try:
        async with sessions() as session:
            yield session
    finally:
        await moteur.dispose()


async def username(reglages: Reglages) -> str:
    """The bot's @username for t.me links: the setting, else asked to Telegram."""
    if reglages.bot_username:
        return reglages.bot_username
    if reglages.bot_token is None:
        raise erreurs.nom_du_bot_manquant()
    bot = creer_bot(reglages)
    try:
        moi = await bot.get_me()
    except TelegramUnauthorizedError:
        raise erreurs.nom_du_bot_jeton_refuse() from None
    except (TelegramAPIError, TelegramNetworkError):
        raise erreurs.nom_du_bot_sans_reponse() from None
    finally:
        await bot.session.close()
    assert moi.username is not None
    return moi.username


async def trouver_groupes(session: AsyncSession, designations: Sequence[str]) -> list[Groupe]:
    """The groups named by slug or name; an unknown one refuses the command."""
    choisis = []
    for designation in designations:
        groupe = await groupes.trouver_groupe(session, designation)
        if groupe is None:
            connus = [g.slug for g in await groupes.groupes_actifs(session)]
            raise erreurs.groupe_inconnu(designation, connus)
        choisis.append(groupe)
    return choisis


async def lire(fichier: Path) -> bytes:
    try:
        return await asyncio.to_thread(fichier.read_bytes)
    except OSError as exc:
        raise erreurs.lecture_impossible(fichier, exc) from None


def ecrire_prive(chemin: Path, contenu: bytes) -> None:
    """Invitation links are keys, names and attendance personal data: the file is readable by
    its owner only."""
    descripteur = os.open(chemin, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descripteur, "wb") as sortie:
        sortie.write(contenu)
    os.chmod(chemin, 0o600)


def date(reglages: Reglages, instant: datetime) -> str:
    return instant.astimezone(reglages.fuseau).strftime("%Y-%m-%d %H:%M")


def court(texte: str, longueur: int) -> str:
    return texte if len(texte) <= longueur else texte[: longueur - 1].rstrip() + "…"


def tableau(lignes: Sequence[Sequence[str]]) -> None:
    """Print rows as columns, the first row being the header."""
    largeurs = [max(len(ligne[i]) for ligne in lignes) for i in range(len(lignes[0]))]
    for ligne in lignes:
        print("  ".join(v.ljust(largeurs[i]) for i, v in enumerate(ligne)).rstrip())
