"""Database engine, sessions and schema migrations (Alembic, run from code)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import event, exc
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

DOSSIER_MIGRATIONS = Path(__file__).resolve().parent / "migrations"

FabriqueSessions = async_sessionmaker[AsyncSession]

journal = logging.getLogger(__name__)
T = TypeVar("T")

# A write that fails for a passing reason is tried again after these pauses (seconds): long
# enough to outlast a busy SQLite writer or a PostgreSQL failover blip, short enough that a
# member is still answered within a few seconds.
PAUSES_REESSAI: tuple[float, ...] = (0.05, 0.2, 0.5, 1.0, 2.0)
# PostgreSQL: serialization failure, deadlock, the server shutting down or restarting,
# connection exceptions (class 08).
_SQLSTATES_TRANSITOIRES = ("40001", "40P01", "57P01", "57P02", "57P03", "08")
_MESSAGES_TRANSITOIRES = ("database is locked", "database is busy", "disk i/o error")


class EcritureImpossible(Exception):
    """A write kept failing for a passing reason (busy, full or unreachable database): what
    the person asked was not saved, and they may try again later."""


def est_transitoire(erreur: BaseException) -> bool:
    """A failure that a later attempt may not meet: busy or locked SQLite, a serialization
    failure or deadlock, a lost connection. Never a constraint violation (the same write
    would fail again)."""
    if isinstance(erreur, exc.DBAPIError) and erreur.connection_invalidated:
        return True
    if not isinstance(erreur, exc.OperationalError | exc.InterfaceError | exc.DBAPIError):
        return isinstance(erreur, ConnectionError | OSError)
    if isinstance(erreur, exc.IntegrityError):
        return False
    etat = getattr(erreur.orig, "sqlstate", None) or getattr(erreur.orig, "pgcode", None)
    if isinstance(etat, str) and etat.startswith(_SQLSTATES_TRANSITOIRES):
        return True
    if isinstance(erreur, exc.InterfaceError):
        return True  # the driver lost its connection
    texte = str(erreur.orig).lower()
    return isinstance(erreur, exc.OperationalError) and (
        any(m in texte for m in _MESSAGES_TRANSITOIRES) or "full" in texte
    )


async def reessayer_ecriture(
    action: Callable[[], Awaitable[T]], *, pauses: tuple[float, ...] | None = None
) -> T:
    """Run `action` (which opens its own session and commits), again after a short pause
    while it fails for a passing reason; then raise `EcritureImpossible`. Anything else is
    raised at once."""
    pauses = PAUSES_REESSAI if pauses is None else pauses
    for essai in range(len(pauses) + 1):
        try:
            return await action()
        except Exception as erreur:
            if not est_transitoire(erreur):
                raise
            if essai == len(pauses):
                raise EcritureImpossible(str(erreur)) from erreur
            journal.warning(
                "écriture en échec (%s), nouvel essai dans %s s",
                type(erreur).__name__,
                pauses[essai],
            )
            await asyncio.sleep(pauses[essai])
    raise AssertionError("unreachable")


def creer_moteur(url: str, *, echo: bool = False) -> AsyncEngine:
    """An engine; SQLite gets WAL (readers never wait for the writer) and foreign keys on."""
    # Room for the updates handled at once (10, bot.app), the outbox's sends in flight (10)
    # and the scheduler's jobs, with some to spare.
    pool = {"pool_size": 10, "max_overflow": 15}
    if url.startswith("sqlite"):
        if make_url(url).database in (None, "", ":memory:"):
            pool = {}  # one connection, shared: the only way an in-memory database is one
        moteur = create_async_engine(url, echo=echo, connect_args={"timeout": 30}, **pool)

        @event.listens_for(moteur.sync_engine, "connect")
        def _pragmas(connexion_dbapi: Any, _record: Any) -> None:
            curseur = connexion_dbapi.cursor()
            curseur.execute("PRAGMA journal_mode=WAL")
            curseur.execute("PRAGMA foreign_keys=ON")
            curseur.execute("PRAGMA busy_timeout=30000")
            curseur.execute("PRAGMA synchronous=NORMAL")
            curseur.close()

        return moteur
    return create_async_engine(url, echo=echo, pool_pre_ping=True, **pool)


def fabrique_sessions(moteur: AsyncEngine) -> FabriqueSessions:
    return async_sessionmaker(moteur, class_=AsyncSession, expire_on_commit=False)


def config_alembic() -> Config:
    config = Config()
    config.set_main_option("script_location", str(DOSSIER_MIGRATIONS))
    return config


def revision_cible() -> str:
    """The newest migration this code knows."""
    tete = ScriptDirectory.from_config(config_alembic()).get_current_head()
    if tete is None:
        raise RuntimeError("no migration found")
    return tete


async def executer_alembic(moteur: AsyncEngine, action: Callable[[Config], object]) -> None:
    config = config_alembic()
    async with moteur.connect() as connexion:
        sqlite = connexion.dialect.name == "sqlite"
        if sqlite:
            # Table rebuilds (batch mode) must not cascade deletes through foreign keys.
            await connexion.exec_driver_sql("PRAGMA foreign_keys=OFF")

        def _lancer(sync: Connection) -> None:
            config.attributes["connection"] = sync
            action(config)

        await connexion.run_sync(_lancer)
        await connexion.commit()
        if sqlite:
            await connexion.exec_driver_sql("PRAGMA foreign_keys=ON")
            defauts = (await connexion.exec_driver_sql("PRAGMA foreign_key_check")).fetchall()
            if defauts:
                raise RuntimeError(f"foreign keys broken by the migration: {defauts[:5]}")


async def mettre_a_jour_schema(moteur: AsyncEngine, cible: str = "head") -> None:
    """Create or upgrade the schema to `cible`; does nothing when it is already there."""
    await executer_alembic(moteur, lambda config: command.upgrade(config, cible))


async def revenir_schema(moteur: AsyncEngine, cible: str) -> None:
    await executer_alembic(moteur, lambda config: command.downgrade(config, cible))


async def revision_actuelle(moteur: AsyncEngine) -> str | None:
    async with moteur.connect() as connexion:
        return await connexion.run_sync(
            lambda sync: MigrationContext.configure(sync).get_current_revision()
        )
