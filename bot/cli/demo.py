"""`assemblee demo`: the bot at work against a local stand-in, without a token nor Telegram."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from bot.demo import jouer
from config.reglages import Reglages


def ajouter(sous: Any) -> None:
    p_demo = sous.add_parser("demo", help="voir le bot fonctionner, sans jeton ni Telegram")
    p_demo.add_argument(
        "--console",
        action="store_true",
        help="ensuite, ouvrir la console de l'équipe sur 127.0.0.1 (CONSOLE_PORT, sinon un "
        "port libre) avec un lien de connexion, jusqu'à Ctrl-C",
    )
    # The demo brings its own settings: an operator's .env is neither needed nor read.
    p_demo.set_defaults(executer=_demo, sans_reglages=True)


async def _demo(_reglages: Reglages | None, args: argparse.Namespace) -> None:
    await jouer(sys.stdout, console=bool(args.console))
