"""`assemblee run [--webhook]`: the bot itself (also what `assemblee` alone does)."""

from __future__ import annotations

import argparse
import logging
from typing import Any

from aiogram.exceptions import TelegramAPIError, TelegramNetworkError, TelegramUnauthorizedError

from bot.app import construire, creer_bot, executer
from config.reglages import Reglages


def ajouter(sous: Any) -> None:
    p_run = sous.add_parser("run", help="lancer le bot (par défaut)")
    p_run.add_argument(
        "--webhook", action="store_true", help="recevoir les messages par webhook (WEBHOOK_URL)"
    )
    p_run.set_defaults(executer=lancer)


async def lancer(reglages: Reglages, args: argparse.Namespace) -> None:
    # Fail with the operator's sentence before touching the database.
    reglages.jeton  # noqa: B018
    webhook = bool(getattr(args, "webhook", False)) or reglages.webhook
    if webhook:
        reglages.url_webhook_complete  # noqa: B018
    await _verifier_jeton(reglages)
    app = await construire(reglages)
    try:
        await executer(app, signaux=True, webhook=webhook)
    finally:
        await app.fermer()


async def _verifier_jeton(reglages: Reglages) -> None:
    """A revoked token is told before anything starts (TelegramUnauthorizedError, exit 2); if
    Telegram cannot be reached, the bot starts anyway and its polling keeps trying."""
    bot = creer_bot(reglages)
    try:
        await bot.get_me()
    except TelegramUnauthorizedError:
        raise
    except (TelegramAPIError, TelegramNetworkError) as exc:
        logging.getLogger(__name__).warning("Telegram ne répond pas au démarrage (%s)", exc)
    finally:
        await bot.session.close()
