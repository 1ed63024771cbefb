"""/annonce (staff): content → audience → preview exactly as members will see it → send or
cancel. /envois: the delivery reports of the latest announcements."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiogram import Bot, F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import annonces, journal
from assemblee.annonces import Audience
from assemblee.dates import date_courte
from assemblee.envois import Contenu, est_heure_calme
from assemblee.horloge import Horloge
from assemblee.modeles import Membre, NatureEnvoi
from assemblee.textes import LIGNE_VIDE, Traducteur, apercu, decouper, heure, relu
from commandes import claviers
from commandes.callbacks import AudienceCb, EnvoiAnnonceCb, EnvoiChoix
from config.reglages import Reglages


class EtatAnnonce(StatesGroup):
    contenu = State()
    audience = State()
    confirmation = State()


def contenu_du_message(message: Message) -> Contenu | None:
    """What staff sent, with its formatting kept as HTML; None for what we can't forward."""
    if message.photo:
        return Contenu(
            texte=relu(message.html_text) if message.caption else LIGNE_VIDE,
            nature=NatureEnvoi.PHOTO,
            fichier_id=message.photo[-1].file_id,
        )
    if message.document:
        return Contenu(
            texte=relu(message.html_text) if message.caption else LIGNE_VIDE,
            nature=NatureEnvoi.DOCUMENT,
            fichier_id=message.document.file_id,
        )
    if message.text:
        return Contenu(texte=relu(message.html_text))
    return None


async def envoyer_contenu(bot: Bot, chat_id: int, contenu: Contenu) -> None:
    """Send a content as the outbox will (the preview must not lie)."""
    if contenu.nature == NatureEnvoi.PHOTO:
        assert contenu.fichier_id is not None
        await bot.send_photo(chat_id, contenu.fichier_id, caption=contenu.texte or None)
    elif contenu.nature == NatureEnvoi.DOCUMENT:
        assert contenu.fichier_id is not None
        await bot.send_document(chat_id, contenu.fichier_id, caption=contenu.texte or None)
    else:
        await bot.send_message(chat_id, contenu.texte)


async def cmd_annonce(message: Message, state: FSMContext, t: Traducteur) -> None:
    await state.set_state(EtatAnnonce.contenu)
    await message.answer(t("annonce-demande"))


async def cmd_annuler(message: Message, state: FSMContext, t: Traducteur) -> None:
    await state.clear()
    await message.answer(t("annonce-annulee"))


async def msg_contenu(
    message: Message, state: FSMContext, session: AsyncSession, horloge: Horloge, t: Traducteur
) -> None:
    contenu = contenu_du_message(message)
    probleme = "type" if contenu is None else annonces.verifier_contenu(contenu)
    if contenu is None or probleme is not None:
        await message.answer(t("annonce-refusee", raison=probleme or "type"))
        return
    await state.update_data(contenu=_en_donnees(contenu))
    await state.set_state(EtatAnnonce.audience)
    choix = await annonces.audiences_possibles(session, horloge.maintenant())
    await message.answer(t("annonce-audience"), reply_markup=claviers.audiences(t, choix))


async def cb_audience(
    query: CallbackQuery,
    callback_data: AudienceCb,
    state: FSMContext,
    bot: Bot,
    session: AsyncSession,
    horloge: Horloge,
    t: Traducteur,
) -> None:
    audience = Audience(callback_data.genre, callback_data.valeur)
    choix = next(
        (
            c
            for c in await annonces.audiences_possibles(session, horloge.maintenant())
            if c.audience == audience
        ),
        None,
    )
    if choix is None or not isinstance(query.message, Message):
        await query.answer(t("bouton-perime"), show_alert=True)
        return
    await claviers.retirer(query.message)
    if choix.nombre == 0:
        await query.message.answer(
            t("annonce-personne", audience=annonces.libelle(audience, t, choix.nom_groupe))
        )
        await query.answer()
        return
    donnees = await state.get_data()
    await state.update_data(audience=audience.code)
    await state.set_state(EtatAnnonce.confirmation)
    await envoyer_contenu(bot, query.message.chat.id, _de_donnees(donnees["contenu"]))
    await query.message.answer(
        t(
            "annonce-apercu",
            audience=annonces.libelle(audience, t, choix.nom_groupe, cas="a"),
            nombre=choix.nombre,
        ),
        reply_markup=claviers.envoi_annonce(t),
    )
    await query.answer()


async def cb_confirmer(
    query: CallbackQuery,
    callback_data: EnvoiAnnonceCb,
    state: FSMContext,
    session: AsyncSession,
    membre: Membre,
    horloge: Horloge,
    reglages: Reglages,
    reveiller_expediteur: Callable[[], None],
    t: Traducteur,
) -> None:
    donnees = await state.get_data()
    await state.clear()
    await claviers.retirer(query.message)
    if callback_data.choix == EnvoiChoix.ANNULER or "audience" not in donnees:
        texte = t("annonce-annulee")
    else:
        urgent = callback_data.choix == EnvoiChoix.URGENT
        maintenant = horloge.maintenant()
        _, nombre = await annonces.publier(
            session,
            auteur=journal.par_le_bot(membre),
            contenu=_de_donnees(donnees["contenu"]),
            audience=Audience.lire(donnees["audience"]),
            urgent=urgent,
            maintenant=maintenant,
        )
        reveiller_expediteur()
        attend = not urgent and est_heure_calme(maintenant, reglages.heures_calmes, reglages.fuseau)
        texte = t(
            "annonce-partie",
            nombre=nombre,
            calme="oui" if attend else "non",
            fin=heure(reglages.heures_calmes.fin, t.langue),
        )
    if isinstance(query.message, Message):
        await query.message.answer(texte)
    await query.answer()


async def cmd_envois(
    message: Message, session: AsyncSession, reglages: Reglages, t: Traducteur
) -> None:
    dernieres = await annonces.dernieres(session)
    if not dernieres:
        await message.answer(t("envois-aucun"))
        return
    lignes = [t("envois-titre")]
    for annonce, bilan in dernieres:
        lignes.append(
            t(
                "envois-ligne",
                date=date_courte(annonce.cree_le, reglages.fuseau, t.langue),
                debut=apercu(annonce.texte, 50) or t("envois-sans-texte"),
                audience=await annonces.libelle_code(session, annonce.audience, t),
                envoyes=bilan.envoyes,
                total=bilan.total,
                en_attente=bilan.en_attente,
                injoignables=bilan.injoignables,
                echecs=bilan.echecs,
            )
        )
    for morceau in decouper(lignes):
        await message.answer(morceau)


def _en_donnees(contenu: Contenu) -> dict[str, Any]:
    return {
        "texte": contenu.texte,
        "nature": contenu.nature.value,
        "fichier_id": contenu.fichier_id,
    }


def _de_donnees(donnees: dict[str, Any]) -> Contenu:
    return Contenu(
        texte=donnees["texte"],
        nature=NatureEnvoi(donnees["nature"]),
        fichier_id=donnees["fichier_id"],
    )


def routeur() -> Router:
    routeur = Router(name="annonces")
    routeur.message.register(cmd_annonce, Command("annonce"))
    routeur.message.register(cmd_envois, Command("envois"))
    routeur.message.register(cmd_annuler, Command("annuler"), StateFilter(EtatAnnonce))
    routeur.message.register(msg_contenu, StateFilter(EtatAnnonce.contenu), ~F.text.startswith("/"))
    routeur.callback_query.register(
        cb_audience, AudienceCb.filter(), StateFilter(EtatAnnonce.audience)
    )
    routeur.callback_query.register(
        cb_confirmer, EnvoiAnnonceCb.filter(), StateFilter(EtatAnnonce.confirmation)
    )
    return routeur
