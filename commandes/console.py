"""/console: a personal one-time link to the web console, for facilitators and staff."""

from __future__ import annotations

from collections.abc import Callable

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import connexions
from assemblee.horloge import Horloge
from assemblee.modeles import Membre
from assemblee.textes import Traducteur, echapper


async def cmd_console(
    message: Message,
    session: AsyncSession,
    membre: Membre,
    horloge: Horloge,
    t: Traducteur,
    url_console: Callable[[], str | None],
) -> None:
    base = url_console()
    if not base:
        await message.answer(t("console-indisponible"))
        return
    jeton = await connexions.creer_lien(session, membre, maintenant=horloge.maintenant())
    lien = f"{base}/entrer/{jeton}"
    # Telegram opens only public https addresses from a button; a local address is written out.
    clavier = (
        InlineKeyboardMarkup(
            inline_keyboard=[[InlineKeyboardButton(text=t("console-lien-bouton"), url=lien)]]
        )
        if lien.startswith("https://")
        else None
    )
    await message.answer(t("console-lien-message", lien=echapper(lien)), reply_markup=clavier)


def routeur() -> Router:
    routeur = Router(name="console")
    routeur.message.register(cmd_console, Command("console"))
    return routeur
