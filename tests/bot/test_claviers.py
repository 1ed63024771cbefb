"""`claviers.modifier` against the local Bot API stand-in: a replayed or impossible edit is
not an error, a real mistake still is."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import TelegramBadRequest

from bot.telegram_local import TelegramLocal
from commandes import claviers


@pytest.fixture
async def bot() -> AsyncIterator[tuple[Bot, TelegramLocal]]:
    async with TelegramLocal() as serveur:
        bot = Bot(
            serveur.jeton, session=AiohttpSession(api=TelegramAPIServer.from_base(serveur.url))
        )
        yield bot, serveur
        await bot.session.close()


async def test_modifier_deux_fois_pareil_n_est_pas_une_erreur(
    bot: tuple[Bot, TelegramLocal],
) -> None:
    robot, serveur = bot
    mia = serveur.utilisateur(42, "Mia")
    await mia.envoyer("bonjour", attendre=0)
    message = await robot.send_message(42, "Serez-vous là ?")
    clavier = claviers.clavier(claviers.rangee("Oui", "r:1"))

    await claviers.modifier(message, "Serez-vous là ? Oui", clavier)
    await claviers.modifier(message, "Serez-vous là ? Oui", clavier)  # the replayed tap

    assert mia.message(message.message_id).texte == "Serez-vous là ? Oui"
    with pytest.raises(TelegramBadRequest):  # a real mistake is still heard of
        await claviers.modifier(message, "x" * 5000, clavier)
