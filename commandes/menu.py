"""The commands each role has: one list drives /aide and Telegram's command menu.

The menu is a comfort, not a function: when Telegram refuses setMyCommands, the bot logs it
and carries on.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramNetworkError
from aiogram.types import (
    BotCommand,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    BotCommandScopeUnion,
)

from assemblee.membres import est_actif
from assemblee.modeles import RANG_ROLE, Langue, Membre, Role
from assemblee.textes import Catalogue, Traducteur

journal = logging.getLogger(__name__)


@dataclass(frozen=True)
class Commande:
    nom: str
    role: Role  # the least role that may use it

    def description(self, t: Traducteur) -> str:
        return t(f"commande-{self.nom}")


COMMANDES: tuple[Commande, ...] = (
    Commande("aide", Role.MEMBRE),
    Commande("agenda", Role.MEMBRE),
    Commande("proposer", Role.MEMBRE),
    Commande("sujets", Role.MEMBRE),
    Commande("signaler", Role.MEMBRE),
    Commande("moi", Role.MEMBRE),
    Commande("mesdonnees", Role.MEMBRE),
    Commande("supprimer", Role.MEMBRE),
    Commande("seance", Role.ANIMATEUR),
    Commande("seances", Role.ANIMATEUR),
    Commande("presences", Role.ANIMATEUR),
    Commande("sondage", Role.ANIMATEUR),
    Commande("resultats", Role.ANIMATEUR),
    Commande("veille", Role.ANIMATEUR),
    Commande("membres", Role.EQUIPE),
    Commande("role", Role.EQUIPE),
    Commande("indemnisation", Role.EQUIPE),
    Commande("annonce", Role.EQUIPE),
    Commande("envois", Role.EQUIPE),
    Commande("sources", Role.EQUIPE),
    Commande("revue", Role.EQUIPE),
)


def commande(nom: str) -> Commande | None:
    return next((c for c in COMMANDES if c.nom == nom), None)


def commandes_de(role: Role) -> list[Commande]:
    return [c for c in COMMANDES if RANG_ROLE[role] >= RANG_ROLE[c.role]]


def _liste(role: Role, t: Traducteur) -> list[BotCommand]:
    return [BotCommand(command=c.nom, description=c.description(t)) for c in commandes_de(role)]


async def _appeler(
    bot: Bot,
    commandes: list[BotCommand] | None,
    portee: BotCommandScopeUnion,
    langue: str | None = None,
) -> bool:
    try:
        if commandes is None:
            await bot.delete_my_commands(scope=portee, language_code=langue)
        else:
            await bot.set_my_commands(commandes, scope=portee, language_code=langue)
    except (TelegramAPIError, TelegramNetworkError) as exc:
        journal.warning(
            "menu des commandes non installé (%s) ; le bot continue", type(exc).__name__
        )
        return False
    return True


async def installer_defaut(bot: Bot, catalogue: Catalogue) -> None:
    """The members' menu for every private chat, in French and, for English clients, English."""
    portee = BotCommandScopeAllPrivateChats()
    await _appeler(bot, _liste(Role.MEMBRE, catalogue.pour("fr")), portee)
    await _appeler(bot, _liste(Role.MEMBRE, catalogue.pour("en")), portee, "en")


def a_menu_propre(membre: Membre) -> bool:
    """Whether this chat needs its own menu: the default one fits an active French member."""
    return est_actif(membre) and (membre.role != Role.MEMBRE or membre.langue != Langue.FR)


async def installer(bot: Bot, membre: Membre, catalogue: Catalogue) -> bool:
    """One chat's menu, for its role and language (or back to the default one); False when
    Telegram could not be told."""
    if membre.telegram_id is None:
        return True
    portee = BotCommandScopeChat(chat_id=membre.telegram_id)
    if a_menu_propre(membre):
        return await _appeler(bot, _liste(membre.role, catalogue.pour(membre.langue)), portee)
    return await _appeler(bot, None, portee)


async def retirer(bot: Bot, telegram_id: int) -> None:
    await _appeler(bot, None, BotCommandScopeChat(chat_id=telegram_id))
