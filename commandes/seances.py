"""Séances for facilitators (their groups) and staff (all): /seance creates one in a short
guided conversation; /seances lists them with buttons to change or cancel one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import journal, membres, seances
from assemblee.acces import seance_geree
from assemblee.dates import date_courte
from assemblee.groupes import groupes_actifs
from assemblee.horloge import Horloge
from assemblee.modeles import Groupe, Membre, Seance, TypeSeance
from assemblee.seances import Champs, ErreurSeance
from assemblee.textes import Catalogue, Html, Traducteur, joindre
from commandes import claviers
from commandes.acces import SeanceGeree
from commandes.callbacks import (
    ActionSeance,
    ChampCb,
    ChampSeance,
    EnvoiChoix,
    EtapeCb,
    GestionCb,
    GroupeCb,
    TypeCb,
)
from config.reglages import Reglages
from rappels import taches
from rappels.import_seances import lire_date_heure, lire_fin
from rappels.messages import carte

LISTE_MAX = 8


class EtatSeance(StatesGroup):
    type = State()
    groupe = State()
    titre = State()
    debut = State()
    fin = State()
    lieu = State()
    lien = State()
    confirmation = State()


class EtatModification(StatesGroup):
    valeur = State()


def _passer(t: Traducteur) -> InlineKeyboardMarkup:
    return claviers.clavier(
        claviers.rangee(t("bouton-passer"), EtapeCb(action=EnvoiChoix.ENVOYER).pack())
    )


async def _groupe(session: AsyncSession, seance: Seance) -> Groupe | None:
    return await session.get(Groupe, seance.groupe_id) if seance.groupe_id else None


async def _apres_conversation(
    session: AsyncSession,
    horloge: Horloge,
    reglages: Reglages,
    catalogue: Catalogue,
    reveiller_expediteur: Callable[[], None],
) -> None:
    """Tell the convened members of a change at once, rather than at the next minute's tick."""
    await taches.tick(
        session, maintenant=horloge.maintenant(), reglages=reglages, catalogue=catalogue
    )
    reveiller_expediteur()


# --- Creating -------------------------------------------------------------------------------------


async def cmd_seance(message: Message, state: FSMContext, membre: Membre, t: Traducteur) -> None:
    types = seances.types_permis(membre)
    await state.set_state(EtatSeance.type)
    await message.answer(
        t("seance-type-question"),
        reply_markup=claviers.clavier(
            *(
                claviers.rangee(t("type-seance", type=ty.value), TypeCb(type=ty).pack())
                for ty in types
            )
        ),
    )


async def cb_type(
    query: CallbackQuery,
    callback_data: TypeCb,
    state: FSMContext,
    session: AsyncSession,
    membre: Membre,
    t: Traducteur,
) -> None:
    await claviers.retirer(query.message)
    await state.update_data(type=callback_data.type.value)
    geres = await membres.groupes_geres(session, membre)
    choix: list[tuple[int, str]] = []
    if geres is None:  # staff: any group, or the whole assembly
        choix = [(0, t("carte-toute-assemblee"))]
        geres = await groupes_actifs(session)
    choix += [(g.id or 0, g.nom) for g in geres]
    if callback_data.type == TypeSeance.PLENIERE:
        choix = [(0, t("carte-toute-assemblee"))]
    if isinstance(query.message, Message):
        if len(choix) == 1:
            await _choisir_groupe(query.message, state, choix[0][0], t)
        else:
            await state.set_state(EtatSeance.groupe)
            await query.message.answer(
                t("seance-groupe-question"),
                reply_markup=claviers.clavier(
                    *(claviers.rangee(nom, GroupeCb(groupe_id=gid).pack()) for gid, nom in choix)
                ),
            )
    await query.answer()


async def _choisir_groupe(
    message: Message, state: FSMContext, groupe_id: int, t: Traducteur
) -> None:
    await state.update_data(groupe_id=groupe_id or None)
    await state.set_state(EtatSeance.titre)
    await message.answer(t("seance-titre-question"))


async def cb_groupe(
    query: CallbackQuery,
    callback_data: GroupeCb,
    state: FSMContext,
    session: AsyncSession,
    membre: Membre,
    t: Traducteur,
) -> None:
    groupe_id = callback_data.groupe_id or None
    if not await membres.peut_gerer(session, membre, groupe_id) or not isinstance(
        query.message, Message
    ):
        await query.answer(t("seance-erreur", raison="interdit"), show_alert=True)
        return
    await claviers.retirer(query.message)
    await _choisir_groupe(query.message, state, callback_data.groupe_id, t)
    await query.answer()


async def msg_titre(message: Message, state: FSMContext, t: Traducteur) -> None:
    titre = " ".join((message.text or "").split())
    if not titre or len(titre) > seances.LONGUEUR_MAX_TITRE:
        await message.answer(t("seance-erreur", raison="titre-long" if titre else "titre-vide"))
        return
    await state.update_data(titre=titre)
    await state.set_state(EtatSeance.debut)
    await message.answer(t("seance-debut-question"))


async def msg_debut(
    message: Message, state: FSMContext, horloge: Horloge, reglages: Reglages, t: Traducteur
) -> None:
    try:
        debut = lire_date_heure(message.text or "", reglages.fuseau, reference=horloge.maintenant())
        if debut <= horloge.maintenant():
            raise ErreurSeance("passe")
    except ErreurSeance as erreur:
        await message.answer(t("seance-erreur", raison=erreur.code))
        return
    await state.update_data(debut=debut.isoformat())
    await state.set_state(EtatSeance.fin)
    await message.answer(t("seance-fin-question"))


async def msg_fin(message: Message, state: FSMContext, reglages: Reglages, t: Traducteur) -> None:
    debut = datetime.fromisoformat((await state.get_data())["debut"])
    try:
        fin = lire_fin(message.text or "", debut, reglages.fuseau)
        if fin <= debut:
            raise ErreurSeance("fin-avant-debut")
        if fin - debut > seances.DUREE_MAX:
            raise ErreurSeance("trop-longue")
    except ErreurSeance as erreur:
        await message.answer(t("seance-erreur", raison=erreur.code))
        return
    await state.update_data(fin=fin.isoformat())
    await state.set_state(EtatSeance.lieu)
    await message.answer(t("seance-lieu-question"), reply_markup=_passer(t))


async def msg_lieu(message: Message, state: FSMContext, t: Traducteur) -> None:
    await _etape_lieu(message, state, message.text or "", t)


async def _etape_lieu(message: Message, state: FSMContext, lieu: str, t: Traducteur) -> None:
    lieu = " ".join(lieu.split())
    if len(lieu) > seances.LONGUEUR_MAX_LIEU:
        await message.answer(t("seance-erreur", raison="lieu-long"))
        return
    await state.update_data(lieu=lieu or None)
    await state.set_state(EtatSeance.lien)
    await message.answer(t("seance-lien-question"), reply_markup=_passer(t))


async def msg_lien(
    message: Message,
    state: FSMContext,
    session: AsyncSession,
    horloge: Horloge,
    reglages: Reglages,
    t: Traducteur,
) -> None:
    await _etape_lien(
        message, state, (message.text or "").strip() or None, session, horloge, reglages, t
    )


async def cb_passer(
    query: CallbackQuery,
    state: FSMContext,
    session: AsyncSession,
    horloge: Horloge,
    reglages: Reglages,
    t: Traducteur,
) -> None:
    etape = await state.get_state()
    await claviers.retirer(query.message)
    if isinstance(query.message, Message):
        if etape == EtatSeance.lieu.state:
            await _etape_lieu(query.message, state, "", t)
        else:
            await _etape_lien(query.message, state, None, session, horloge, reglages, t)
    await query.answer()


async def _champs(session: AsyncSession, donnees: dict[str, Any]) -> Champs:
    groupe = await session.get(Groupe, donnees["groupe_id"]) if donnees.get("groupe_id") else None
    return Champs(
        type=TypeSeance(donnees["type"]),
        titre=donnees["titre"],
        groupe=groupe,
        debut=datetime.fromisoformat(donnees["debut"]),
        fin=datetime.fromisoformat(donnees["fin"]),
        lieu=donnees.get("lieu"),
        lien=donnees.get("lien"),
    )


async def _etape_lien(
    message: Message,
    state: FSMContext,
    lien: str | None,
    session: AsyncSession,
    horloge: Horloge,
    reglages: Reglages,
    t: Traducteur,
) -> None:
    await state.update_data(lien=lien)
    donnees = await state.get_data()
    try:
        champs = seances.verifier(await _champs(session, donnees), horloge.maintenant())
    except ErreurSeance as erreur:
        await message.answer(t("seance-erreur", raison=erreur.code))
        if erreur.code in ("ni-lieu-ni-lien", "lien-invalide"):
            await message.answer(t("seance-lien-question"), reply_markup=_passer(t))
        return
    brouillon = Seance(
        type=champs.type,
        titre=champs.titre,
        groupe_id=champs.groupe.id if champs.groupe else None,
        debut=champs.debut,
        fin=champs.fin,
        lieu=champs.lieu,
        lien=champs.lien,
        cree_le=horloge.maintenant(),
    )
    nombre = len(await seances.convoques(session, brouillon))
    await state.set_state(EtatSeance.confirmation)
    nom = champs.groupe.nom if champs.groupe else None
    await message.answer(
        t("seance-apercu", carte=carte(brouillon, nom, t, reglages.fuseau), nombre=nombre),
        reply_markup=claviers.clavier(
            claviers.rangee(t("bouton-creer"), EtapeCb(action=EnvoiChoix.URGENT).pack()),
            claviers.rangee(t("bouton-annuler"), EtapeCb(action=EnvoiChoix.ANNULER).pack()),
        ),
    )


async def cb_creer(
    query: CallbackQuery,
    callback_data: EtapeCb,
    state: FSMContext,
    session: AsyncSession,
    membre: Membre,
    horloge: Horloge,
    reglages: Reglages,
    catalogue: Catalogue,
    reveiller_expediteur: Callable[[], None],
    t: Traducteur,
) -> None:
    donnees = await state.get_data()
    await state.clear()
    await claviers.retirer(query.message)
    texte = t("seance-abandon")
    if callback_data.action != EnvoiChoix.ANNULER:
        try:
            await seances.creer(
                session,
                await _champs(session, donnees),
                auteur=journal.par_le_bot(membre),
                maintenant=horloge.maintenant(),
            )
            texte = t("seance-creee")
            await _apres_conversation(session, horloge, reglages, catalogue, reveiller_expediteur)
        except ErreurSeance as erreur:
            texte = t("seance-erreur", raison=erreur.code)
    if isinstance(query.message, Message):
        await query.message.answer(texte)
    await query.answer()


async def cmd_annuler(message: Message, state: FSMContext, t: Traducteur) -> None:
    await state.clear()
    await message.answer(t("seance-abandon"))


# --- Listing, changing, cancelling ----------------------------------------------------------------


async def seances_gerees(
    session: AsyncSession, membre: Membre, maintenant: datetime
) -> list[Seance]:
    geres = await membres.groupes_geres(session, membre)
    liste = await seances.lister(
        session, depuis=maintenant - timedelta(hours=24), groupes=geres, avec_annulees=True
    )
    return liste[:LISTE_MAX]


async def texte_liste(
    session: AsyncSession, liste: list[Seance], reglages: Reglages, t: Traducteur
) -> Html:
    lignes = [t("seances-titre")]
    for numero, seance in enumerate(liste, start=1):
        groupe = await _groupe(session, seance)
        lignes.append(
            t(
                "seances-ligne",
                numero=numero,
                date=date_courte(seance.debut, reglages.fuseau, t.langue),
                titre=seance.titre,
                groupe=groupe.nom if groupe else t("carte-toute-assemblee"),
                annulee="oui" if seance.annulee_le else "non",
            )
        )
    return joindre(lignes)


async def cmd_seances(
    message: Message,
    session: AsyncSession,
    membre: Membre,
    horloge: Horloge,
    reglages: Reglages,
    t: Traducteur,
) -> None:
    liste = await seances_gerees(session, membre, horloge.maintenant())
    if not liste:
        await message.answer(t("seances-vide"))
        return
    rangees = []
    for numero, seance in enumerate(liste, start=1):
        sid = seance.id or 0
        rangee = [
            claviers.bouton(
                texte=t("bouton-presences", numero=numero),
                donnees=GestionCb(seance_id=sid, action=ActionSeance.PRESENCES).pack(),
            )
        ]
        if seance.annulee_le is None and seance.debut > horloge.maintenant():
            rangee += [
                claviers.bouton(
                    texte=t("bouton-modifier", numero=numero),
                    donnees=GestionCb(seance_id=sid, action=ActionSeance.MODIFIER).pack(),
                ),
                claviers.bouton(
                    texte=t("bouton-annuler-seance", numero=numero),
                    donnees=GestionCb(seance_id=sid, action=ActionSeance.ANNULER).pack(),
                ),
            ]
        rangees.append(rangee)
    await message.answer(
        await texte_liste(session, liste, reglages, t),
        reply_markup=InlineKeyboardMarkup(inline_keyboard=rangees),
    )


async def cb_modifier(query: CallbackQuery, seance: Seance, t: Traducteur) -> None:
    if not isinstance(query.message, Message):
        await query.answer(t("bouton-perime"), show_alert=True)
        return
    await query.message.answer(
        t("seance-champ-question"),
        reply_markup=claviers.clavier(
            *(
                claviers.rangee(
                    t("champ", champ=c.value), ChampCb(seance_id=seance.id or 0, champ=c).pack()
                )
                for c in ChampSeance
            )
        ),
    )
    await query.answer()


async def cb_champ(
    query: CallbackQuery,
    callback_data: ChampCb,
    seance: Seance,
    state: FSMContext,
    t: Traducteur,
) -> None:
    if not isinstance(query.message, Message):
        await query.answer(t("bouton-perime"), show_alert=True)
        return
    await claviers.retirer(query.message)
    await state.set_state(EtatModification.valeur)
    await state.update_data(seance_id=seance.id, champ=callback_data.champ.value)
    cles = {
        ChampSeance.TITRE: "seance-titre-question",
        ChampSeance.DEBUT: "seance-debut-question",
        ChampSeance.FIN: "seance-fin-question",
        ChampSeance.LIEU: "seance-lieu-question",
        ChampSeance.LIEN: "seance-lien-question",
    }
    await query.message.answer(t(cles[callback_data.champ]))
    await query.answer()


async def msg_valeur(
    message: Message,
    state: FSMContext,
    session: AsyncSession,
    membre: Membre,
    horloge: Horloge,
    reglages: Reglages,
    catalogue: Catalogue,
    reveiller_expediteur: Callable[[], None],
    t: Traducteur,
) -> None:
    donnees = await state.get_data()
    seance = await seance_geree(session, membre, int(donnees["seance_id"]))
    if seance is None:  # gone, or no longer theirs to manage, since the question
        await state.clear()
        await message.answer(t("seance-erreur", raison="interdit"))
        return
    texte = message.text or ""
    try:
        valeurs = _nouvelle_valeur(ChampSeance(donnees["champ"]), texte, seance, horloge, reglages)
        changement = await seances.modifier(
            session,
            seance,
            maintenant=horloge.maintenant(),
            auteur=journal.par_le_bot(membre),
            **valeurs,
        )
    except ErreurSeance as erreur:
        await message.answer(t("seance-erreur", raison=erreur.code))
        return
    await state.clear()
    await _apres_conversation(session, horloge, reglages, catalogue, reveiller_expediteur)
    await message.answer(t("seance-modifiee", annonce="oui" if changement.a_annoncer else "non"))


def _nouvelle_valeur(
    champ: ChampSeance, texte: str, seance: Seance, horloge: Horloge, reglages: Reglages
) -> dict[str, Any]:
    if champ == ChampSeance.DEBUT:
        debut = lire_date_heure(texte, reglages.fuseau, reference=horloge.maintenant())
        return {"debut": debut, "fin": debut + (seance.fin - seance.debut)}  # keeps the duration
    if champ == ChampSeance.FIN:
        return {"fin": lire_fin(texte, seance.debut, reglages.fuseau)}
    return {champ.value: texte}


async def cb_annuler(
    query: CallbackQuery, seance: Seance, session: AsyncSession, reglages: Reglages, t: Traducteur
) -> None:
    if not isinstance(query.message, Message):
        await query.answer(t("bouton-perime"), show_alert=True)
        return
    groupe = await _groupe(session, seance)
    await query.message.answer(
        t(
            "seance-annuler-question",
            carte=carte(seance, groupe.nom if groupe else None, t, reglages.fuseau),
        ),
        reply_markup=claviers.clavier(
            claviers.rangee(
                t("bouton-confirmer-annulation"),
                GestionCb(seance_id=seance.id or 0, action=ActionSeance.ANNULER_OK).pack(),
            )
        ),
    )
    await query.answer()


async def cb_annuler_ok(
    query: CallbackQuery,
    seance: Seance,
    session: AsyncSession,
    membre: Membre,
    horloge: Horloge,
    reglages: Reglages,
    catalogue: Catalogue,
    reveiller_expediteur: Callable[[], None],
    t: Traducteur,
) -> None:
    try:
        await seances.annuler(
            session, seance, maintenant=horloge.maintenant(), auteur=journal.par_le_bot(membre)
        )
    except ErreurSeance as erreur:
        await query.answer(t("seance-erreur", raison=erreur.code), show_alert=True)
        return
    await claviers.retirer(query.message)
    await _apres_conversation(session, horloge, reglages, catalogue, reveiller_expediteur)
    if isinstance(query.message, Message):
        await query.message.answer(t("seance-annulee-ok"))
    await query.answer()


def routeur() -> Router:
    routeur = Router(name="seances")
    routeur.message.register(cmd_seance, Command("seance"))
    routeur.message.register(cmd_seances, Command("seances"))
    routeur.message.register(
        cmd_annuler, Command("annuler"), StateFilter(EtatSeance, EtatModification)
    )
    texte = F.text & ~F.text.startswith("/")
    routeur.message.register(msg_titre, StateFilter(EtatSeance.titre), texte)
    routeur.message.register(msg_debut, StateFilter(EtatSeance.debut), texte)
    routeur.message.register(msg_fin, StateFilter(EtatSeance.fin), texte)
    routeur.message.register(msg_lieu, StateFilter(EtatSeance.lieu), texte)
    routeur.message.register(msg_lien, StateFilter(EtatSeance.lien), texte)
    routeur.message.register(msg_valeur, StateFilter(EtatModification.valeur), texte)
    routeur.callback_query.register(cb_type, TypeCb.filter(), StateFilter(EtatSeance.type))
    routeur.callback_query.register(cb_groupe, GroupeCb.filter(), StateFilter(EtatSeance.groupe))
    routeur.callback_query.register(
        cb_passer,
        EtapeCb.filter(F.action == EnvoiChoix.ENVOYER),
        StateFilter(EtatSeance.lieu, EtatSeance.lien),
    )
    routeur.callback_query.register(
        cb_creer,
        EtapeCb.filter(F.action != EnvoiChoix.ENVOYER),
        StateFilter(EtatSeance.confirmation),
    )
    # A séance named by a button reaches these only if this person may manage it.
    routeur.callback_query.register(
        cb_modifier, GestionCb.filter(F.action == ActionSeance.MODIFIER), SeanceGeree()
    )
    routeur.callback_query.register(cb_champ, ChampCb.filter(), SeanceGeree())
    routeur.callback_query.register(
        cb_annuler, GestionCb.filter(F.action == ActionSeance.ANNULER), SeanceGeree()
    )
    routeur.callback_query.register(
        cb_annuler_ok, GestionCb.filter(F.action == ActionSeance.ANNULER_OK), SeanceGeree()
    )
    return routeur
