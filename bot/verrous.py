"""Several bot processes on one database: who is alive, and who leads the scheduler.

- PostgreSQL: each process holds, on a dedicated connection, a session advisory lock named by
  its own random id (`identite`): the database itself then says which processes are alive
  (a killed process's connection closes and its lock goes with it), so the outbox rows it had
  leased can be taken over at once. One more advisory lock makes the scheduler's leader: the
  process that holds it runs the ticks; the others try again every `REESSAI_MENEUR` seconds and
  take over when the leader dies. Long polling likewise: one process polls Telegram (it serves
  getUpdates to one client only), the others wait to take over; all of them send.
- SQLite: one process only. A lock file beside the database refuses a second one with one
  sentence (the operator's mistake: two `assemblee run` on the same file).
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import os
import secrets
from pathlib import Path
from typing import IO

import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool

from config.reglages import ErreurReglage

journal = logging.getLogger(__name__)

# Advisory lock keys (pg_advisory_lock(int, int)): the first number is this application's.
ESPACE_VIVANTS = 0x61737365  # "asse": one lock per live process, keyed by its id
ESPACE_MENEUR = 0x6D656E65  # "mene": the scheduler's leader
REESSAI_MENEUR = 5.0  # seconds between a follower's attempts to lead
ROLE_MENEUR = 0  # the scheduler's leader
ROLE_SONDEUR = 1  # the one process that long-polls Telegram


class BaseDejaUtilisee(ErreurReglage):
    """Another bot process already runs on this SQLite database."""


def chemin_verrou(url: str) -> Path | None:
    """The lock file of a SQLite database file (None: in memory, or not SQLite)."""
    adresse = make_url(url)
    if not adresse.drivername.startswith("sqlite") or adresse.database in (None, "", ":memory:"):
        return None
    return Path(adresse.database).with_name(Path(adresse.database).name + ".verrou")


class Verrous:
    def __init__(self, url: str) -> None:
        self.url = url
        self.postgresql = make_url(url).get_backend_name() == "postgresql"
        # 31 bits: fits the advisory lock's int4 key, and is its own name in pg_locks.
        self.identite = str(secrets.randbelow(2**31 - 1) + 1)
        self._fichier: IO[str] | None = None
        self._moteur: AsyncEngine | None = None
        self._connexion: AsyncConnection | None = None
        self._acces = asyncio.Lock()
        self._tenus: set[int] = set()  # roles held (ROLE_*)

    async def ouvrir(self) -> None:
        """Take this process's place: refused on SQLite when another process runs."""
        if self._fichier is not None or self._connexion is not None:
            return
        if self.postgresql:
            await self._connecter()
            return
        chemin = chemin_verrou(self.url)
        if chemin is None:
            return
        fichier = chemin.open("a+")  # held open for the life of the process
        try:
            fcntl.flock(fichier, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fichier.close()
            raise BaseDejaUtilisee(
                f"Un autre processus du bot utilise déjà la base {make_url(self.url).database} "
                f"(verrou {chemin}) : arrêtez-le avant d'en démarrer un second, ou passez à "
                "PostgreSQL (DATABASE_URL) pour en faire tourner plusieurs."
            ) from None
        fichier.seek(0)
        fichier.truncate()
        fichier.write(f"{os.getpid()}\n")
        fichier.flush()
        self._fichier = fichier

    async def _connecter(self) -> None:
        if self._moteur is None:
            # Its own engine: the locks must live on one connection that no pool recycles.
            self._moteur = create_async_engine(self.url, poolclass=NullPool)
        self._connexion = await self._moteur.connect()
        await self._connexion.execute(
            sa.text("SELECT pg_advisory_lock(:espace, :cle)"),
            {"espace": ESPACE_VIVANTS, "cle": int(self.identite)},
        )
        await self._connexion.commit()
        self._tenus.clear()

    async def vivants(self) -> set[str]:
        """The ids of the processes alive on this database (this one included)."""
        if not self.postgresql or self._moteur is None:
            return {self.identite}
        async with self._moteur.connect() as connexion:
            lignes = await connexion.execute(
                sa.text(
                    "SELECT objid FROM pg_locks WHERE locktype = 'advisory' AND granted "
                    "AND classid = :espace AND objsubid = 2 AND database = "
                    "(SELECT oid FROM pg_database WHERE datname = current_database())"
                ),
                {"espace": ESPACE_VIVANTS},
            )
            return {str(objid) for (objid,) in lignes} | {self.identite}

    async def mener(self) -> bool:
        """True while this process leads the scheduler (tries to become leader if not)."""
        return await self._tenir(ROLE_MENEUR)

    async def sonder(self) -> bool:
        """True while this process is the one that long-polls Telegram (tries to become it if
        not): Telegram serves getUpdates to one client at a time."""
        return await self._tenir(ROLE_SONDEUR)

    @property
    def meneur(self) -> bool:
        return ROLE_MENEUR in self._tenus

    async def _tenir(self, role: int) -> bool:
        if not self.postgresql:
            return True
        async with self._acces:  # one connection: one statement at a time
            try:
                if self._connexion is None or self._connexion.closed:
                    await self._connecter()
                assert self._connexion is not None
                if role in self._tenus:
                    await self._connexion.execute(sa.text("SELECT 1"))  # still connected?
                elif (
                    await self._connexion.execute(
                        sa.text("SELECT pg_try_advisory_lock(:espace, :role)"),
                        {"espace": ESPACE_MENEUR, "role": role},
                    )
                ).scalar():
                    self._tenus.add(role)
                    journal.warning("processus %s : rôle %s pris", self.identite, role)
                await self._connexion.commit()
            except Exception:
                # The connection (and with it the locks) is gone: hold nothing until re-taken.
                journal.exception("verrous PostgreSQL perdus ; nouvel essai bientôt")
                self._tenus.clear()
                if self._connexion is not None:
                    with contextlib.suppress(Exception):
                        await self._connexion.close()
                self._connexion = None
        return role in self._tenus

    async def fermer(self) -> None:
        self._tenus.clear()
        if self._connexion is not None:
            with contextlib.suppress(Exception):
                await self._connexion.close()
            self._connexion = None
        if self._moteur is not None:
            await self._moteur.dispose()
            self._moteur = None
        if self._fichier is not None:
            fcntl.flock(self._fichier, fcntl.LOCK_UN)
            self._fichier.close()
            self._fichier = None
