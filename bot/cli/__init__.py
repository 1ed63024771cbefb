"""The `assemblee` command: run the bot, manage the database, members and invitations,
announcements, séances, the compensation export, the watch's feeds and digests, the demo,
the check of a renewal draw.

One module per command group, each adding its parsers (`ajouter`) with the coroutine that
runs them (`executer`); `commun` is what they share; `erreurs` is the one place that turns an
error into its sentence and exit code.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Callable, Coroutine, Sequence
from typing import Any

from bot.cli import (
    annonce,
    commun,
    db,
    demo,
    erreurs,
    invitation,
    membres,
    presences,
    revue,
    run,
    seances,
    sources,
    tirage,
)

# In the order `assemblee --help` lists them.
_GROUPES = (run, demo, db, membres, invitation, annonce, seances, presences, sources, revue, tirage)


def analyseur() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="assemblee",
        description="Assistant Telegram de l'assemblée citoyenne. Sans commande : lance le bot.",
    )
    sous = p.add_subparsers(dest="commande", metavar="commande")
    for groupe in _GROUPES:
        groupe.ajouter(sous)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = analyseur().parse_args(argv)
    # Each parser's coroutine, given the settings (None for the demo) and the arguments.
    executer: Callable[[Any, argparse.Namespace], Coroutine[Any, Any, None]]
    executer = getattr(args, "executer", run.lancer)  # no command: run the bot
    reglages = None
    try:
        if not getattr(args, "sans_reglages", False):
            reglages = commun.reglages()
        asyncio.run(executer(reglages, args))
    except erreurs.PREVUES as exc:
        code = erreurs.code_de_sortie(exc, reglages)
        if code is None:
            raise
        return code
    return 0
