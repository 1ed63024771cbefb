"""/revue (staff): a group's next news digest, shown exactly as its readers will get it, then
sent now or not, instead of waiting for its day (config/groupes.toml)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import journal
from assemblee.envois import est_heure_calme
from assemblee.groupes import groupes_actifs
from assemblee.horloge import Horloge
from assemblee.modeles import Groupe, Membre
from assemblee.textes import Catalogue, Traducteur, heure
from commandes import claviers
from commandes.callbacks import ApercuRevueCb, EnvoiRevueCb
from config.reglages import Reglages
from veille import revue


async def _groupe(session: AsyncSession, groupe_id: int) -> Groupe | None:
    """The group a button names, if it still takes part (a removed one is a stale button)."""
    groupe = await session.get(Groupe, groupe_id)
    return groupe if groupe is not None and groupe.actif else None


async def cmd_revue(message: Message, session: AsyncSession, t: Traducteur) -> None:
    groupes = await groupes_actifs(session)
    await message.answer(t("revue-choix"), reply_markup=claviers.groupes_revue(groupes))


async def cb_apercu(
    query: CallbackQuery,
    callback_data: ApercuRevueCb,
    session: AsyncSession,
    horloge: Horloge,
    catalogue: Catalogue,
    reglages: Reglages,
    t: Traducteur,
) -> None:
    """The digest's messages as the outbox will send them, then the choice. The list of
    groups stays, to look at another one."""
    groupe = await _groupe(session, callback_data.groupe_id)
    if groupe is None or not isinstance(query.message, Message):
        await query.answer(t("bouton-perime"), show_alert=True)
        return
    vue = await revue.apercu(
        session,
        groupe=groupe,
        langue=t.langue,
        maintenant=horloge.maintenant(),
        catalogue=catalogue,
        fuseau=reglages.fuseau,
    )
    if not vue.parties:
        await query.message.answer(t("revue-rien", groupe=groupe.nom, raison=vue.raison))
        await query.answer()
        return
    for texte in vue.messages:
        await query.message.answer(texte)
    await query.message.answer(
        t("revue-apercu", groupe=groupe.nom, articles=len(vue.articles), nombre=vue.destinataires),
        reply_markup=claviers.envoi_revue(t, groupe.id or 0, int(vue.jusqua.timestamp())),
    )
    await query.answer()


async def cb_envoyer(
    query: CallbackQuery,
    callback_data: EnvoiRevueCb,
    session: AsyncSession,
    membre: Membre,
    horloge: Horloge,
    catalogue: Catalogue,
    reglages: Reglages,
    reveiller_expediteur: Callable[[], None],
    t: Traducteur,
) -> None:
    groupe = await _groupe(session, callback_data.groupe_id)
    if groupe is None or not isinstance(query.message, Message):
        await query.answer(t("bouton-perime"), show_alert=True)
        return
    await claviers.retirer(query.message)
    if not callback_data.envoyer:
        await query.message.answer(t("revue-annulee"))
        await query.answer()
        return
    maintenant = horloge.maintenant()
    envoyee = await revue.envoyer_maintenant(
        session,
        groupe=groupe,
        auteur=journal.Auteur(journal.ORIGINE_BOT, membre),
        maintenant=maintenant,
        catalogue=catalogue,
        fuseau=reglages.fuseau,
        jusqua=datetime.fromtimestamp(callback_data.jusqua, UTC),
    )
    if envoyee.raison is not None:
        await query.message.answer(t("revue-rien", groupe=groupe.nom, raison=envoyee.raison))
    else:
        reveiller_expediteur()
        calme = est_heure_calme(maintenant, reglages.heures_calmes, reglages.fuseau)
        texte = t(
            "revue-partie",
            groupe=groupe.nom,
            nombre=envoyee.destinataires,
            calme="oui" if calme else "non",
            fin=heure(reglages.heures_calmes.fin, t.langue),
        )
        await query.message.answer(texte)
    await query.answer()


def routeur() -> Router:
    routeur = Router(name="revue")
    routeur.message.register(cmd_revue, Command("revue"))
    routeur.callback_query.register(cb_apercu, ApercuRevueCb.filter())
    routeur.callback_query.register(cb_envoyer, EnvoiRevueCb.filter())
    return routeur
