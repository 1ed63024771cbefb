"""Middlewares inject, they don't decide: one database session per update, the member and the
texts in their language. The one exception, flood control, only applies `bot.limiteur`'s
decision, before any database work."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.enums import ChatType
from aiogram.exceptions import TelegramAPIError, TelegramNetworkError
from aiogram.fsm.storage.base import BaseEventIsolation, StorageKey
from aiogram.types import Chat, TelegramObject, Update, User

from assemblee import envois, membres
from assemblee.db import FabriqueSessions, reessayer_ecriture
from assemblee.horloge import Horloge
from assemblee.modeles import StatutMembre
from assemblee.textes import Catalogue, langue_telegram
from bot.limiteur import Decision, Limiteur

journal = logging.getLogger(__name__)


class PortillonMiddleware(BaseMiddleware):
    """At most `simultanes` updates are handled at once. Each one holds a database connection
    for its whole handling: 2,000 button presses arriving together (bench/interactions.py)
    otherwise all waited for the pool at once and those waiting over 30 s failed. Waiting here
    costs nothing but the update's place in line."""

    def __init__(self, simultanes: int) -> None:
        self._places = asyncio.Semaphore(simultanes)

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        async with self._places:
            return await handler(event, data)


class AntiFloodMiddleware(BaseMiddleware):
    """Outer middleware on updates, registered before `ContexteMiddleware`: an update from a
    flooding user is dropped before it opens a database session, so a flood costs a dictionary
    lookup and other members keep being answered promptly.

    It calls the Bot API, which middlewares otherwise leave to handlers: a handler runs only
    after `ContexteMiddleware` has queried the database, which is what a flood must not reach.
    The calls are the cheapest possible: one answer to a button press (to stop its spinner),
    one notice per flood episode in the person's Telegram language (not their stored one: that
    is in the database)."""

    def __init__(
        self, limiteur: Limiteur, horloge: Horloge, catalogue: Catalogue, langue_defaut: str
    ) -> None:
        self.limiteur = limiteur
        self.horloge = horloge
        self.catalogue = catalogue
        self.langue_defaut = langue_defaut

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        utilisateur: User | None = data.get("event_from_user")
        if (
            not isinstance(event, Update)
            or utilisateur is None
            or (event.message is None and event.callback_query is None)
        ):
            return await handler(event, data)
        decision = self.limiteur.decider(utilisateur.id, self.horloge.maintenant())
        if decision is Decision.SERVIR:
            return await handler(event, data)
        texte = None
        if decision is Decision.PREVENIR:
            journal.warning("utilisateur %s : trop de messages, suivants ignorés", utilisateur.id)
            langue = langue_telegram(utilisateur.language_code, self.langue_defaut)
            texte = self.catalogue.pour(langue)("trop-vite")
        bot: Bot = data["bot"]
        try:
            if event.callback_query is not None:
                await event.callback_query.answer(texte)
            elif (
                texte is not None
                and event.message is not None
                and event.message.chat.type == ChatType.PRIVATE  # the bot is silent in groups
            ):
                await bot.send_message(event.message.chat.id, texte)
        except (TelegramAPIError, TelegramNetworkError) as exc:
            journal.warning("update %s : anti-flood sans réponse (%s)", event.update_id, exc)
        return None


class IsolationMiddleware(BaseMiddleware):
    """One update at a time per person and chat (bot/stockage.py): a double tap is handled
    after the first tap, which has already moved the conversation on. Registered after flood
    control, so a flooder's dropped updates never queue here."""

    def __init__(self, isolation: BaseEventIsolation) -> None:
        self.isolation = isolation

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        utilisateur: User | None = data.get("event_from_user")
        chat: Chat | None = data.get("event_chat")
        bot: Bot = data["bot"]
        if utilisateur is None:
            return await handler(event, data)
        cle = StorageKey(
            bot_id=bot.id, chat_id=chat.id if chat else utilisateur.id, user_id=utilisateur.id
        )
        async with self.isolation.lock(cle):
            return await handler(event, data)


class ContexteMiddleware(BaseMiddleware):
    """One database session per update. A write that fails for a passing reason (SQLite busy,
    a serialization failure, a connection lost) is handled again from the start, in a fresh
    session, after a short pause (assemblee.db.reessayer_ecriture); when it keeps failing,
    `EcritureImpossible` reaches bot/erreurs.py, which tells the person their answer was not
    saved. A handler writes before it replies, so a retried update is not answered twice."""

    def __init__(self, sessions: FabriqueSessions, catalogue: Catalogue, langue_defaut: str):
        self.sessions = sessions
        self.catalogue = catalogue
        self.langue_defaut = langue_defaut

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        return await reessayer_ecriture(lambda: self._traiter(handler, event, data))

    async def _traiter(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        utilisateur: User | None = data.get("event_from_user")
        async with self.sessions() as session:
            membre = None
            if utilisateur is not None:
                membre = await membres.par_telegram_id(session, utilisateur.id)
            if membre is not None and membre.statut == StatutMembre.INJOIGNABLE:
                # Writing to the bot proves Telegram delivers to them again.
                await envois.redevenir_joignable(session, membre)
            langue = (
                membre.langue
                if membre is not None
                else langue_telegram(
                    utilisateur.language_code if utilisateur else None, self.langue_defaut
                )
            )
            data["session"] = session
            data["membre"] = membre
            data["t"] = self.catalogue.pour(langue)
            return await handler(event, data)
