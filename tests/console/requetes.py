"""Counting the SQL statements a console page issues: only those of the request's own task
(the one that read the visitor's session), not the bot's outbox or scheduler running beside."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa

from tests.outils.banc import Banc


@contextmanager
def requetes_des_pages(banc: Banc) -> Iterator[list[str]]:
    """The statements of the console requests made inside the block (filled at its end)."""
    vues: list[tuple[asyncio.Task[object] | None, str]] = []

    def noter(*args: object) -> None:
        vues.append((asyncio.current_task(), str(args[2])))

    moteur = banc.app.moteur.sync_engine
    resultat: list[str] = []
    sa.event.listen(moteur, "before_cursor_execute", noter)
    try:
        yield resultat
    finally:
        sa.event.remove(moteur, "before_cursor_execute", noter)
    taches = {tache for tache, sql in vues if "FROM session_console" in sql}
    resultat.extend(sql for tache, sql in vues if tache in taches)
