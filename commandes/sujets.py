"""Topics: /proposer (members), /sujets (everyone: the kept topics; facilitators and staff also
review the proposed ones: keep, merge into a duplicate, or decline with a reason)."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import journal, membres, sujets
from assemblee.acces import sujet_gere
from assemblee.groupes import groupes_actifs
from assemblee.horloge import Horloge
from assemblee.modeles import Groupe, Membre, StatutSujet, Sujet
from assemblee.sujets import ErreurSujet
from assemblee.textes import Catalogue, Html, Traducteur, decouper, joindre
from commandes import claviers
from commandes.acces import SujetGere
from commandes.callbacks import DecisionSujet, FusionCb, SujetCb


class EtatSujet(StatesGroup):
    raison = State()


async def cmd_proposer(
    message: Message,
    command: CommandObject,
    session: AsyncSession,
    membre: Membre,
    horloge: Horloge,
    catalogue: Catalogue,
    t: Traducteur,
) -> None:
    try:
        sujet = await sujets.proposer(
            session,
            membre=membre,
            texte=command.args or "",
            maintenant=horloge.maintenant(),
            catalogue=catalogue,
        )
    except ErreurSujet as erreur:
        await message.answer(t("sujet-erreur", raison=erreur.code))
        return
    groupe = await session.get(Groupe, sujet.groupe_id)
    assert groupe is not None
    _, equipe = await sujets.destinataires(session, groupe)
    await message.answer(
        t(
            "sujet-merci",
            texte=sujet.texte,
            groupe=groupe.nom,
            a="equipe" if equipe else "animateurs",
        )
    )


async def _groupes_visibles(session: AsyncSession, membre: Membre) -> list[Groupe]:
    geres = await membres.groupes_geres(session, membre)
    if geres is None:
        return await groupes_actifs(session)
    return geres or await membres.groupes_de(session, membre)


async def cmd_sujets(
    message: Message, session: AsyncSession, membre: Membre, t: Traducteur
) -> None:
    for groupe in await _groupes_visibles(session, membre):
        acceptes = await sujets.du_groupe(session, groupe.id or 0)
        lignes = [t("sujets-titre", groupe=groupe.nom)]
        lignes += [t("sujets-ligne", numero=i, texte=s.texte) for i, s in enumerate(acceptes, 1)]
        if not acceptes:
            lignes.append(t("sujets-vide"))
        for morceau in decouper(lignes):
            await message.answer(morceau)
        if await membres.peut_gerer(session, membre, groupe.id):
            await _a_decider(message, session, groupe, t)


async def _rendu_a_decider(
    session: AsyncSession, groupe: Groupe, t: Traducteur
) -> tuple[Html, InlineKeyboardMarkup]:
    """The group's proposals awaiting a decision, with their buttons; decided ones are gone."""
    proposes = (await sujets.du_groupe(session, groupe.id or 0, (StatutSujet.PROPOSE,)))[:8]
    if not proposes:
        return t("sujets-tout-decide", groupe=groupe.nom), InlineKeyboardMarkup(inline_keyboard=[])
    lignes = [t("sujets-a-decider", groupe=groupe.nom, nombre=len(proposes))]
    rangees = []
    for numero, sujet in enumerate(proposes, 1):
        auteur = await session.get(Membre, sujet.propose_par_id) if sujet.propose_par_id else None
        lignes.append(
            t(
                "sujet-a-decider",
                numero=numero,
                texte=sujet.texte,
                auteur=auteur.nom_complet if auteur else "—",
            )
        )
        rangees.append(
            [
                InlineKeyboardButton(
                    text=t(cle, numero=numero),
                    callback_data=SujetCb(sujet_id=sujet.id or 0, decision=decision).pack(),
                )
                for cle, decision in (
                    ("bouton-accepter-sujet", DecisionSujet.ACCEPTER),
                    ("bouton-fusionner-sujet", DecisionSujet.FUSIONNER),
                    ("bouton-decliner-sujet", DecisionSujet.DECLINER),
                )
            ]
        )
    return joindre(lignes), InlineKeyboardMarkup(inline_keyboard=rangees)


async def _a_decider(
    message: Message, session: AsyncSession, groupe: Groupe, t: Traducteur
) -> None:
    if not await sujets.du_groupe(session, groupe.id or 0, (StatutSujet.PROPOSE,)):
        return
    texte, boutons = await _rendu_a_decider(session, groupe, t)
    await message.answer(texte, reply_markup=boutons)


async def _rafraichir(
    bot: Bot, session: AsyncSession, groupe_id: int, revue: list[int] | None, t: Traducteur
) -> None:
    """Redraw the review message after a decision, so its buttons are only the open ones."""
    groupe = await session.get(Groupe, groupe_id)
    if groupe is None or not revue:
        return
    texte, boutons = await _rendu_a_decider(session, groupe, t)
    await claviers.modifier_par_id(bot, revue[0], revue[1], texte, boutons)


async def cb_decision(
    query: CallbackQuery,
    callback_data: SujetCb,
    sujet: Sujet,
    bot: Bot,
    state: FSMContext,
    session: AsyncSession,
    membre: Membre,
    horloge: Horloge,
    catalogue: Catalogue,
    t: Traducteur,
) -> None:
    if not isinstance(query.message, Message):
        await query.answer(t("bouton-perime"), show_alert=True)
        return
    if sujet.statut != StatutSujet.PROPOSE:
        await query.answer(t("sujet-erreur", raison="deja-decide"), show_alert=True)
        return
    revue = [query.message.chat.id, query.message.message_id]
    if callback_data.decision == DecisionSujet.ACCEPTER:
        await sujets.accepter(
            session,
            sujet,
            auteur=journal.par_le_bot(membre),
            maintenant=horloge.maintenant(),
            catalogue=catalogue,
        )
        await _rafraichir(bot, session, sujet.groupe_id, revue, t)
        await query.answer(t("sujet-traite"), show_alert=True)
    elif callback_data.decision == DecisionSujet.DECLINER:
        await state.set_state(EtatSujet.raison)
        await state.update_data(sujet_id=sujet.id, revue=revue)
        await query.message.answer(t("sujet-raison-question"))
        await query.answer()
    else:
        await state.update_data(revue=revue)
        cibles = await sujets.du_groupe(session, sujet.groupe_id)
        await query.message.answer(
            t("sujet-fusion-question"),
            reply_markup=InlineKeyboardMarkup(
                inline_keyboard=[
                    [
                        InlineKeyboardButton(
                            text=c.texte[:60],
                            callback_data=FusionCb(
                                sujet_id=sujet.id or 0, cible_id=c.id or 0
                            ).pack(),
                        )
                    ]
                    for c in cibles[:10]
                ]
            ),
        )
        await query.answer()


async def msg_raison(
    message: Message,
    bot: Bot,
    state: FSMContext,
    session: AsyncSession,
    membre: Membre,
    horloge: Horloge,
    catalogue: Catalogue,
    t: Traducteur,
) -> None:
    donnees = await state.get_data()
    sujet = await sujet_gere(session, membre, int(donnees["sujet_id"]))
    if sujet is None:
        await state.clear()
        await message.answer(t("bouton-perime"))
        return
    try:
        await sujets.decliner(
            session,
            sujet,
            auteur=journal.par_le_bot(membre),
            raison=message.text or "",
            maintenant=horloge.maintenant(),
            catalogue=catalogue,
        )
    except ErreurSujet as erreur:
        await message.answer(t("sujet-erreur", raison=erreur.code))
        if erreur.code in ("raison-vide", "raison-longue"):
            return
    await state.clear()
    await _rafraichir(bot, session, sujet.groupe_id, donnees.get("revue"), t)
    await message.answer(t("sujet-traite"))


async def cb_fusion(
    query: CallbackQuery,
    callback_data: FusionCb,
    sujet: Sujet,
    bot: Bot,
    state: FSMContext,
    session: AsyncSession,
    membre: Membre,
    horloge: Horloge,
    catalogue: Catalogue,
    t: Traducteur,
) -> None:
    cible = await sujets.par_id(session, callback_data.cible_id)
    if cible is None:
        await query.answer(t("bouton-perime"), show_alert=True)
        return
    try:
        await sujets.fusionner(
            session,
            sujet,
            cible,
            auteur=journal.par_le_bot(membre),
            maintenant=horloge.maintenant(),
            catalogue=catalogue,
        )
    except ErreurSujet as erreur:
        await query.answer(t("sujet-erreur", raison=erreur.code), show_alert=True)
        return
    await claviers.retirer(query.message)
    await _rafraichir(bot, session, sujet.groupe_id, (await state.get_data()).get("revue"), t)
    await query.answer(t("sujet-traite"), show_alert=True)


def routeur_membres() -> Router:
    routeur = Router(name="sujets")
    routeur.message.register(cmd_proposer, Command("proposer"))
    routeur.message.register(cmd_sujets, Command("sujets"))
    return routeur


def routeur_animateurs() -> Router:
    routeur = Router(name="sujets-animateurs")
    routeur.message.register(
        msg_raison, StateFilter(EtatSujet.raison), F.text & ~F.text.startswith("/")
    )
    routeur.callback_query.register(cb_decision, SujetCb.filter(), SujetGere())
    routeur.callback_query.register(cb_fusion, FusionCb.filter(), SujetGere())
    return routeur
