"""What nobody else handled: strangers, a pending consent, a command beyond one's role, an
unknown command or text, and stale or forged buttons."""

from aiogram import Router
from aiogram.types import CallbackQuery, Message

from assemblee.membres import est_actif
from assemblee.modeles import Membre, StatutMembre
from assemblee.textes import Traducteur
from commandes.accueil import envoyer_notice
from commandes.menu import commande
from config.reglages import Reglages


async def repondre_message(
    message: Message, membre: Membre | None, reglages: Reglages, t: Traducteur
) -> None:
    if membre is None:
        await message.answer(t("inconnu", contact=reglages.contact_equipe))
    elif membre.statut == StatutMembre.PARTI:
        await message.answer(t("acces-termine", contact=reglages.contact_equipe))
    elif not est_actif(membre):
        await message.answer(t("consentement-attendu"))
        await envoyer_notice(message, membre, reglages, t)
    elif message.text and message.text.startswith("/"):
        mots = message.text[1:].split(maxsplit=1)  # none after "/ "
        nom = mots[0].split("@")[0].lower() if mots else ""
        connue = commande(nom)
        if connue is not None:
            await message.answer(t("commande-reservee", role=connue.role.value))
        else:
            await message.answer(t("commande-inconnue"))
    else:
        await message.answer(t("message-incompris"))


async def repondre_bouton(query: CallbackQuery, t: Traducteur) -> None:
    await query.answer(t("bouton-perime"), show_alert=True)


def routeur() -> Router:
    routeur = Router(name="repli")
    routeur.message.register(repondre_message)
    routeur.callback_query.register(repondre_bouton)
    return routeur
