"""Middlewares inject, they don't decide: one database session per update, the member and the
texts in their language."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, User

from assemblee import envois, membres
from assemblee.db import FabriqueSessions
from assemblee.modeles import StatutMembre
from assemblee.textes import Catalogue, langue_telegram


class ContexteMiddleware(BaseMiddleware):
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
