"""/aide: the caller's own commands, nothing beyond their role."""

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from assemblee.modeles import Membre
from assemblee.textes import Traducteur
from commandes.menu import commandes_de
from config.reglages import Reglages


async def cmd_aide(message: Message, membre: Membre, reglages: Reglages, t: Traducteur) -> None:
    lignes = "\n".join(
        t("aide-ligne", commande=c.nom, description=c.description(t))
        for c in commandes_de(membre.role)
    )
    await message.answer(t("aide", commandes=lignes, contact=reglages.contact_equipe))


def routeur() -> Router:
    routeur = Router(name="aide")
    routeur.message.register(cmd_aide, Command("aide", "help"))
    return routeur
