"""Where conversations stand (aiogram's FSM), kept outside the process: in the database by
default (table `etat_conversation`), in Redis when REDIS_URL is set. A restart loses no
conversation, and with several processes the next message of a conversation may be handled by
any of them.

Event isolation (one update at a time per person and chat, so a double tap is handled once,
after the first): in the process always; across processes on PostgreSQL with an advisory lock
per conversation, held on a connection of its own for the time of the update; with Redis, its
own lock."""

from __future__ import annotations

import json
import zlib
from collections.abc import AsyncGenerator, Mapping
from contextlib import asynccontextmanager
from typing import Any

import sqlalchemy as sa
from aiogram.fsm.state import State
from aiogram.fsm.storage.base import (
    BaseEventIsolation,
    BaseStorage,
    DefaultKeyBuilder,
    StateType,
    StorageKey,
)
from aiogram.fsm.storage.memory import SimpleEventIsolation
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlmodel import col, select

from assemblee.db import FabriqueSessions, reessayer_ecriture
from assemblee.modeles import EtatConversation
from config.reglages import ErreurReglage, Reglages

ESPACE_CONVERSATIONS = 0x636F6E76  # "conv": advisory locks of event isolation
_CLES = DefaultKeyBuilder(prefix="fsm", with_bot_id=True, with_destiny=True)


class StockageBase(BaseStorage):
    """aiogram's FSM storage on the `etat_conversation` table: one row per conversation."""

    def __init__(self, sessions: FabriqueSessions) -> None:
        self.sessions = sessions

    async def _ecrire(self, key: StorageKey, **valeurs: Any) -> None:
        cle = _CLES.build(key)

        async def une_fois() -> None:
            async with self.sessions() as session:
                connexion = await session.connection()
                dialecte = postgresql if connexion.dialect.name == "postgresql" else sqlite
                table = EtatConversation.__table__  # type: ignore[attr-defined]
                ligne = {"cle": cle, "etat": None, "donnees": "{}", **valeurs}
                await connexion.execute(
                    dialecte.insert(table)
                    .values(**ligne)
                    .on_conflict_do_update(index_elements=["cle"], set_=valeurs)
                )
                await session.commit()

        await reessayer_ecriture(une_fois)

    async def _lire(self, key: StorageKey) -> EtatConversation | None:
        async with self.sessions() as session:
            return (
                await session.exec(
                    select(EtatConversation).where(col(EtatConversation.cle) == _CLES.build(key))
                )
            ).first()

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        etat = state.state if isinstance(state, State) else state
        await self._ecrire(key, etat=etat)

    async def get_state(self, key: StorageKey) -> str | None:
        ligne = await self._lire(key)
        return ligne.etat if ligne else None

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        await self._ecrire(key, donnees=json.dumps(dict(data), ensure_ascii=False))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        ligne = await self._lire(key)
        donnees: dict[str, Any] = json.loads(ligne.donnees) if ligne else {}
        return donnees

    async def close(self) -> None:
        return None


class IsolationPostgres(BaseEventIsolation):
    """One update at a time per conversation across processes: a PostgreSQL advisory lock on
    the conversation's key, on a connection of its own (from a small engine of its own, so
    the updates' database sessions never wait for it), inside the process's own lock (so
    one process never takes two connections for one conversation)."""

    def __init__(self, url: str) -> None:
        self._locale = SimpleEventIsolation()
        # As many as updates handled at once (bot.app); a burst of updates waits its turn for a
        # connection here (no timeout) rather than failing, as it would at the turnstile.
        self._moteur: AsyncEngine = create_async_engine(
            url, pool_size=10, max_overflow=5, pool_timeout=None, pool_pre_ping=True
        )

    @asynccontextmanager
    async def lock(self, key: StorageKey) -> AsyncGenerator[None, None]:
        numero = zlib.crc32(_CLES.build(key).encode()) - 2**31  # an int4
        parametres = {"espace": ESPACE_CONVERSATIONS, "cle": numero}
        async with self._locale.lock(key), self._moteur.connect() as connexion:
            await connexion.execute(sa.text("SELECT pg_advisory_lock(:espace, :cle)"), parametres)
            try:
                yield
            finally:
                await connexion.execute(
                    sa.text("SELECT pg_advisory_unlock(:espace, :cle)"), parametres
                )

    async def close(self) -> None:
        await self._locale.close()
        await self._moteur.dispose()


def stockage_et_isolation(
    reglages: Reglages, sessions: FabriqueSessions
) -> tuple[BaseStorage, BaseEventIsolation]:
    """The FSM storage and event isolation these settings call for."""
    if reglages.redis_url:
        try:
            from aiogram.fsm.storage.redis import (  # noqa: PLC0415 - redis is optional
                RedisEventIsolation,
                RedisStorage,
            )
        except ImportError:
            raise ErreurReglage(
                "REDIS_URL est renseigné mais le paquet redis n'est pas installé : installez-le "
                "(pip install redis) ou videz REDIS_URL pour garder les conversations en base."
            ) from None
        stockage = RedisStorage.from_url(reglages.redis_url.get_secret_value())
        return stockage, RedisEventIsolation(stockage.redis)
    if make_url(reglages.database_url).get_backend_name() == "postgresql":
        return StockageBase(sessions), IsolationPostgres(reglages.database_url)
    return StockageBase(sessions), SimpleEventIsolation()
