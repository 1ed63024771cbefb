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
    MenuButtonDefault,
    MenuButtonWebApp,
    WebAppInfo,
)

from assemblee.membres import est_actif
from assemblee.modeles import RANG_ROLE, Langue, Membre, Role
from assemblee.textes import Catalogue, Traducteur, visible

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
    Commande("console", Role.ANIMATEUR),
    Commande("envois", Role.EQUIPE),
    Commande("sources", Role.EQUIPE),
    Commande("revue", Role.EQUIPE),
    Commande("tirage", Role.EQUIPE),
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


async def installer(
    bot: Bot, membre: Membre, catalogue: Catalogue, *, console_url: str | None = None
) -> bool:
    """One chat's menu, for its role and language (or back to the default one); False when
    Telegram could not be told. With the console's public https address, staff and
    facilitators get a "Console" menu button that opens it as a Mini App (others the default
    button back)."""
    if membre.telegram_id is None:
        return True
    portee = BotCommandScopeChat(chat_id=membre.telegram_id)
    if a_menu_propre(membre):
        fait = await _appeler(bot, _liste(membre.role, catalogue.pour(membre.langue)), portee)
    else:
        fait = await _appeler(bot, None, portee)
    if console_url and console_url.startswith("https://"):
        fait = await _bouton_console(bot, membre, catalogue, console_url) and fait
    return fait


async def _bouton_console(bot: Bot, membre: Membre, catalogue: Catalogue, url: str) -> bool:
    assert membre.telegram_id is not None
    bouton: MenuButtonWebApp | MenuButtonDefault
    if est_actif(membre) and RANG_ROLE[membre.role] >= RANG_ROLE[Role.ANIMATEUR]:
        texte = visible(catalogue.pour(membre.langue)("console-menu-bouton"))
        bouton = MenuButtonWebApp(text=texte, web_app=WebAppInfo(url=f"{url}/mini-app"))
    else:
        bouton = MenuButtonDefault()
    try:
        await bot.set_chat_menu_button(chat_id=membre.telegram_id, menu_button=bouton)
    except (TelegramAPIError, TelegramNetworkError) as exc:
        journal.warning("bouton Console non installé (%s) ; le bot continue", type(exc).__name__)
        return False
    return True


async def retirer(bot: Bot, telegram_id: int) -> None:
    await _appeler(bot, None, BotCommandScopeChat(chat_id=telegram_id))
