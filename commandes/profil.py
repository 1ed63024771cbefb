"""/moi (profile, language), /mesdonnees (right of access), /supprimer (right to erasure)."""

from __future__ import annotations

import json

from aiogram import Bot, Router
from aiogram.filters import Command
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import journal, membres
from assemblee.horloge import Horloge
from assemblee.modeles import ChoixRevue, Membre
from assemblee.textes import Catalogue, Html, Traducteur, joindre
from commandes import claviers, menu
from commandes.callbacks import Choix, FrequenceRevueCb, LangueCb, RevueCb, SuppressionCb
from config.reglages import Reglages
from veille import curation


async def texte_profil(session: AsyncSession, membre: Membre, t: Traducteur) -> Html:
    groupes = ", ".join(g.nom for g in await membres.groupes_de(session, membre))
    profil = t(
        "moi", nom=membre.nom_complet, role=membre.role.value, groupes=groupes or t("aucun-groupe")
    )
    if membre.revue == ChoixRevue.AUCUNE:
        revue = t("moi-revue-aucune")
    else:
        revue = t("moi-revue", revue=membre.revue.value, frequence=membre.revue_frequence.value)
    return joindre([profil, revue], "\n\n")


async def _afficher_profil(
    query: CallbackQuery, session: AsyncSession, membre: Membre, t: Traducteur
) -> None:
    """The profile message, edited to show the current choices (unless nothing changed)."""
    if isinstance(query.message, Message):
        texte = await texte_profil(session, membre, t)
        if texte != query.message.html_text:
            await claviers.modifier(query.message, texte, claviers.profil(t, membre))


async def cmd_moi(message: Message, session: AsyncSession, membre: Membre, t: Traducteur) -> None:
    await message.answer(
        await texte_profil(session, membre, t), reply_markup=claviers.profil(t, membre)
    )


async def cb_langue(
    query: CallbackQuery,
    callback_data: LangueCb,
    bot: Bot,
    session: AsyncSession,
    membre: Membre,
    catalogue: Catalogue,
    reglages: Reglages,
) -> None:
    await membres.changer_langue(session, membre, callback_data.langue)
    t = catalogue.pour(membre.langue)
    await _afficher_profil(query, session, membre, t)
    await menu.installer(bot, membre, catalogue, console_url=reglages.console_url_publique)
    await query.answer(t("langue-changee"))


async def cb_revue(
    query: CallbackQuery,
    callback_data: RevueCb,
    session: AsyncSession,
    membre: Membre,
    t: Traducteur,
) -> None:
    await curation.choisir_revue(session, membre, revue=callback_data.revue)
    await _afficher_profil(query, session, membre, t)
    await query.answer(t("revue-choisie"))


async def cb_frequence_revue(
    query: CallbackQuery,
    callback_data: FrequenceRevueCb,
    session: AsyncSession,
    membre: Membre,
    t: Traducteur,
) -> None:
    await curation.choisir_revue(session, membre, frequence=callback_data.frequence)
    await _afficher_profil(query, session, membre, t)
    await query.answer(t("revue-choisie"))


async def cmd_mesdonnees(
    message: Message, session: AsyncSession, membre: Membre, t: Traducteur
) -> None:
    donnees = await membres.exporter_donnees(session, membre)
    contenu = json.dumps(donnees, ensure_ascii=False, indent=2).encode()
    fichier = BufferedInputFile(contenu, filename=t("mesdonnees-fichier"))
    await message.answer_document(fichier, caption=t("mesdonnees-legende"))


async def cmd_supprimer(message: Message, t: Traducteur) -> None:
    await message.answer(t("supprimer-question"), reply_markup=claviers.suppression(t))


async def cb_supprimer(
    query: CallbackQuery,
    callback_data: SuppressionCb,
    bot: Bot,
    session: AsyncSession,
    membre: Membre,
    horloge: Horloge,
    t: Traducteur,
) -> None:
    if callback_data.choix == Choix.OUI:
        telegram_id = membre.telegram_id
        await membres.effacer_donnees(
            session, membre, horloge.maintenant(), auteur=journal.par_le_bot(membre)
        )
        if telegram_id is not None:
            await menu.retirer(bot, telegram_id)
        texte = t("supprimer-fait")
    else:
        texte = t("supprimer-annule")
    await claviers.retirer(query.message)
    if isinstance(query.message, Message):
        await query.message.answer(texte)
    await query.answer()


def routeur() -> Router:
    routeur = Router(name="profil")
    routeur.message.register(cmd_moi, Command("moi", "profil"))
    routeur.message.register(cmd_mesdonnees, Command("mesdonnees"))
    routeur.message.register(cmd_supprimer, Command("supprimer"))
    routeur.callback_query.register(cb_langue, LangueCb.filter())
    routeur.callback_query.register(cb_supprimer, SuppressionCb.filter())
    routeur.callback_query.register(cb_revue, RevueCb.filter())
    routeur.callback_query.register(cb_frequence_revue, FrequenceRevueCb.filter())
    return routeur
