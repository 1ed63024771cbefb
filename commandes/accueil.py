"""/start with an invitation, the privacy notice and the welcome. Open to anyone: this is the
door, so it refuses politely and stores nothing about a stranger."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import CommandObject, CommandStart
from aiogram.types import CallbackQuery, Message, User
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import invitations, membres
from assemblee.horloge import Horloge
from assemblee.modeles import Langue, Membre
from assemblee.textes import Catalogue, Traducteur, heure, langue_telegram
from commandes import claviers, menu
from commandes.callbacks import Choix, ConsentementCb
from config.reglages import Reglages

TEXTES_REFUS = {
    invitations.Refus.SANS_INVITATION: "inconnu",
    invitations.Refus.INCONNUE: "invitation-inconnue",
    invitations.Refus.UTILISEE: "invitation-utilisee",
    invitations.Refus.EXPIREE: "invitation-expiree",
    invitations.Refus.COMPTE_DEJA_LIE: "compte-deja-lie",
    invitations.Refus.PARTI: "acces-termine",
}


async def cmd_start(
    message: Message,
    command: CommandObject,
    event_from_user: User,
    session: AsyncSession,
    membre: Membre | None,
    horloge: Horloge,
    reglages: Reglages,
    catalogue: Catalogue,
    t: Traducteur,
) -> None:
    personne = invitations.PersonneTelegram(
        telegram_id=event_from_user.id,
        prenom=event_from_user.first_name,
        nom=event_from_user.last_name or "",
        langue=Langue(langue_telegram(event_from_user.language_code, reglages.langue_defaut)),
    )
    resultat = await invitations.accueillir(
        session,
        jeton=(command.args or "").strip(),
        membre=membre,
        personne=personne,
        equipe_ids=reglages.equipe_telegram_ids,
        maintenant=horloge.maintenant(),
    )
    if resultat.membre is None:
        await message.answer(
            t(
                TEXTES_REFUS[resultat.refus or invitations.Refus.INCONNUE],
                contact=reglages.contact_equipe,
            )
        )
    elif resultat.membre.a_consenti:
        t = catalogue.pour(resultat.membre.langue)
        await message.answer(await texte_bienvenue(session, resultat.membre, reglages, t))
    else:
        await envoyer_notice(
            message, resultat.membre, reglages, catalogue.pour(resultat.membre.langue)
        )


async def envoyer_notice(
    message: Message, membre: Membre, reglages: Reglages, t: Traducteur
) -> None:
    await message.answer(
        t("confidentialite", prenom=membre.prenom, contact=reglages.contact_equipe),
        reply_markup=claviers.consentement(t),
    )


async def texte_bienvenue(
    session: AsyncSession, membre: Membre, reglages: Reglages, t: Traducteur
) -> str:
    groupes = ", ".join(g.nom for g in await membres.groupes_de(session, membre))
    return t(
        "bienvenue",
        prenom=membre.prenom,
        role=membre.role.value,
        groupes=groupes or t("aucun-groupe"),
        debut=heure(reglages.heures_calmes.debut, t.langue),
        fin=heure(reglages.heures_calmes.fin, t.langue),
        calme="oui" if reglages.heures_calmes.active else "non",
    )


async def cb_consentement(
    query: CallbackQuery,
    callback_data: ConsentementCb,
    bot: Bot,
    session: AsyncSession,
    membre: Membre | None,
    horloge: Horloge,
    reglages: Reglages,
    catalogue: Catalogue,
    t: Traducteur,
) -> None:
    if membre is None or not isinstance(query.message, Message):
        await query.answer(t("bouton-perime"), show_alert=True)
        return
    if membre.a_consenti:
        await query.answer(t("consentement-deja"), show_alert=True)
        return
    if callback_data.choix == Choix.OUI:
        await membres.accepter_consentement(session, membre, horloge.maintenant())
        await claviers.retirer(query.message)
        await query.message.answer(await texte_bienvenue(session, membre, reglages, t))
        await menu.installer(bot, membre, catalogue, console_url=reglages.console_url_publique)
        await query.answer(t("consentement-enregistre"))
    else:
        await membres.refuser_consentement(session, membre)
        await claviers.retirer(query.message)
        await query.message.answer(t("consentement-refuse", contact=reglages.contact_equipe))
        await query.answer()


def routeur() -> Router:
    routeur = Router(name="accueil")
    routeur.message.register(cmd_start, CommandStart())
    routeur.callback_query.register(cb_consentement, ConsentementCb.filter())
    return routeur
