"""Polls: members vote with one tap per choice on their ballot (edited to show their current
choices); facilitators launch polls in a short conversation (/sondage) and follow them
(/resultats: live participation, CSV, close now)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import journal, membres, sondages, sujets
from assemblee.dates import date_longue
from assemblee.envois import est_heure_calme
from assemblee.groupes import groupes_actifs
from assemblee.horloge import Horloge
from assemblee.modeles import Membre, OptionSondage, Sondage, TypeSondage
from assemblee.seances import ErreurSeance
from assemblee.sondages import Brouillon, ErreurSondage
from assemblee.textes import Catalogue, Traducteur, echapper, heure, joindre
from commandes import claviers
from commandes.acces import SondageGere
from commandes.callbacks import (
    ActionSondage,
    AnonymeCb,
    DelaiCb,
    EnvoiChoix,
    EtapeCb,
    GroupeCb,
    NavigationCb,
    SondageCb,
    SujetChoixCb,
    TypeSondageCb,
    VoteCb,
)
from config.reglages import Reglages
from rappels.import_seances import lire_date_heure

# --- Voting (members) ----------------------------------------------------------------------------


async def _montrer(
    query: CallbackQuery,
    ouvert: sondages.Ouvert,
    position: int,
    reglages: Reglages,
    t: Traducteur,
) -> None:
    sondage, options, etat = ouvert.sondage, ouvert.options, ouvert.etat
    texte = sondages.texte_bulletin(sondage, options, etat, position, t, reglages.fuseau)
    textes = [o.texte for o in options]
    boutons = claviers.bulletin(sondage.id or 0, sondage.type, textes, t, etat, position)
    message = query.message
    # A second tap on the same choice changes nothing: Telegram refuses a no-op edit. The
    # comparison is not enough: a keyboard parsed back from Telegram's JSON can differ from
    # ours as a pydantic model while showing the same buttons.
    if isinstance(message, Message) and (
        texte != message.html_text or boutons != message.reply_markup
    ):
        await claviers.modifier(message, texte, boutons)


def _suivante(ouvert: sondages.Ouvert, option: int) -> int:
    """After grading an option, show the next one not graded yet (or stay on the last)."""
    if ouvert.sondage.type != TypeSondage.JUGEMENT:
        return 0
    restantes = [o.ordre for o in ouvert.options if o.ordre not in ouvert.etat]
    apres = [r for r in restantes if r > option]
    if apres:
        return apres[0]
    if restantes:
        return restantes[0]
    return len(ouvert.options) - 1


async def cb_vote(
    query: CallbackQuery,
    callback_data: VoteCb,
    session: AsyncSession,
    membre: Membre,
    horloge: Horloge,
    reglages: Reglages,
    t: Traducteur,
) -> None:
    try:
        ouvert = await sondages.voter(
            session,
            sondage_id=callback_data.sondage_id,
            membre=membre,
            option=callback_data.option,
            valeur=callback_data.valeur,
            maintenant=horloge.maintenant(),
            secret=reglages.cle_scrutins,
        )
    except ErreurSondage as erreur:
        await query.answer(t("sondage-erreur", raison=erreur.code), show_alert=True)
        return
    position = _suivante(ouvert, callback_data.option)
    await _montrer(query, ouvert, position, reglages, t)
    await query.answer(t("bulletin-vote-note"))


async def cb_navigation(
    query: CallbackQuery,
    callback_data: NavigationCb,
    session: AsyncSession,
    membre: Membre,
    horloge: Horloge,
    reglages: Reglages,
    t: Traducteur,
) -> None:
    try:
        ouvert = await sondages.consulter(
            session,
            sondage_id=callback_data.sondage_id,
            membre=membre,
            maintenant=horloge.maintenant(),
            secret=reglages.cle_scrutins,
        )
    except ErreurSondage as erreur:
        await query.answer(t("sondage-erreur", raison=erreur.code), show_alert=True)
        return
    await _montrer(query, ouvert, callback_data.option, reglages, t)
    await query.answer()


def routeur_membres() -> Router:
    routeur = Router(name="votes")
    routeur.callback_query.register(cb_vote, VoteCb.filter())
    routeur.callback_query.register(cb_navigation, NavigationCb.filter())
    return routeur


# --- Launching (facilitators, staff) -------------------------------------------------------------


class EtatSondage(StatesGroup):
    question = State()
    options = State()
    type = State()
    max_choix = State()
    audience = State()
    cloture = State()
    anonyme = State()
    confirmation = State()


async def _groupes(session: AsyncSession, membre: Membre) -> tuple[list[Any], bool]:
    """The groups this person may poll, and whether they may poll the whole assembly."""
    geres = await membres.groupes_geres(session, membre)
    if geres is None:
        return list(await groupes_actifs(session)), True
    return list(geres), False


async def cmd_sondage(message: Message, state: FSMContext, t: Traducteur) -> None:
    await state.clear()
    await state.set_state(EtatSondage.question)
    await message.answer(t("sondage-question"))


async def msg_question(
    message: Message, state: FSMContext, session: AsyncSession, membre: Membre, t: Traducteur
) -> None:
    question = " ".join((message.text or "").split())
    if not question or len(question) > sondages.LONGUEUR_MAX_QUESTION:
        await message.answer(
            t("sondage-erreur", raison="question-longue" if question else "question-vide")
        )
        return
    await state.update_data(question=question, sujets_choisis=[])
    await state.set_state(EtatSondage.options)
    groupes, _ = await _groupes(session, membre)
    disponibles = [s for g in groupes for s in await sujets.du_groupe(session, g.id or 0)]
    clavier = (
        claviers.clavier(
            claviers.rangee(t("bouton-depuis-sujets"), SujetChoixCb(sujet_id=0).pack())
        )
        if disponibles
        else None
    )
    await message.answer(t("sondage-options-question"), reply_markup=clavier)


async def msg_options(message: Message, state: FSMContext, t: Traducteur) -> None:
    options = [o for o in (message.text or "").splitlines() if o.strip()]
    await state.update_data(options=options, sujets=[None] * len(options))
    await _demander_type(message, state, t)


async def cb_sujet(
    query: CallbackQuery,
    callback_data: SujetChoixCb,
    state: FSMContext,
    session: AsyncSession,
    membre: Membre,
    t: Traducteur,
) -> None:
    """Pick topics as options: each tap toggles one; "✅" goes on."""
    donnees = await state.get_data()
    choisis: list[int] = list(donnees.get("sujets_choisis", []))
    groupes, _ = await _groupes(session, membre)
    disponibles = [s for g in groupes for s in await sujets.du_groupe(session, g.id or 0)][:20]
    if callback_data.sujet_id and callback_data.sujet_id in {s.id for s in disponibles}:
        if callback_data.sujet_id in choisis:
            choisis.remove(callback_data.sujet_id)
        else:
            choisis.append(callback_data.sujet_id)
    await state.update_data(sujets_choisis=choisis)
    rangees = [
        claviers.rangee(
            t("bouton-sujet-choisi", marque="☑" if s.id in choisis else "☐", texte=s.texte[:50]),
            SujetChoixCb(sujet_id=s.id or 0).pack(),
        )
        for s in disponibles
    ]
    rangees.append(
        claviers.rangee(t("bouton-options-ok"), EtapeCb(action=EnvoiChoix.ENVOYER).pack())
    )
    if isinstance(query.message, Message):
        await claviers.modifier(
            query.message, t("sondage-options-question"), claviers.clavier(*rangees)
        )
    await query.answer()


async def cb_sujets_ok(
    query: CallbackQuery, state: FSMContext, session: AsyncSession, t: Traducteur
) -> None:
    choisis: list[int] = list((await state.get_data()).get("sujets_choisis", []))
    textes = []
    for sujet_id in choisis:
        sujet = await sujets.par_id(session, sujet_id)
        if sujet is not None:
            textes.append(sujet.texte)
    await claviers.retirer(query.message)
    await state.update_data(options=textes, sujets=choisis[: len(textes)])
    if isinstance(query.message, Message):
        await _demander_type(query.message, state, t)
    await query.answer()


async def _demander_type(message: Message, state: FSMContext, t: Traducteur) -> None:
    options = (await state.get_data())["options"]
    if not sondages.OPTIONS_MIN <= len(options) <= sondages.OPTIONS_MAX:
        await message.answer(t("sondage-erreur", raison="options-nombre"))
        await state.set_state(EtatSondage.options)
        return
    await state.set_state(EtatSondage.type)
    ordre = (TypeSondage.JUGEMENT, TypeSondage.UNIQUE, TypeSondage.MULTIPLE)
    await message.answer(
        t("sondage-type-question"),
        reply_markup=claviers.clavier(
            *(
                claviers.rangee(t("type-sondage", type=ty.value), TypeSondageCb(type=ty).pack())
                for ty in ordre
            )
        ),
    )


async def cb_type(
    query: CallbackQuery,
    callback_data: TypeSondageCb,
    state: FSMContext,
    session: AsyncSession,
    membre: Membre,
    t: Traducteur,
) -> None:
    await claviers.retirer(query.message)
    await state.update_data(type=callback_data.type.value, max_choix=None)
    if isinstance(query.message, Message):
        if callback_data.type == TypeSondage.MULTIPLE:
            await state.set_state(EtatSondage.max_choix)
            await query.message.answer(t("sondage-max-question"))
        else:
            await _demander_audience(query.message, state, session, membre, t)
    await query.answer()


async def msg_max(
    message: Message, state: FSMContext, session: AsyncSession, membre: Membre, t: Traducteur
) -> None:
    texte = (message.text or "").strip()
    nombre = len((await state.get_data())["options"])
    if not texte.isdigit() or int(texte) > nombre:
        await message.answer(t("sondage-erreur", raison="max-choix"))
        return
    await state.update_data(max_choix=int(texte) or None)
    await _demander_audience(message, state, session, membre, t)


async def _demander_audience(
    message: Message, state: FSMContext, session: AsyncSession, membre: Membre, t: Traducteur
) -> None:
    groupes, tous = await _groupes(session, membre)
    choix = ([(0, t("carte-toute-assemblee"))] if tous else []) + [
        (g.id or 0, g.nom) for g in groupes
    ]
    if len(choix) == 1:
        await _choisir_audience(message, state, choix[0][0], t)
        return
    await state.set_state(EtatSondage.audience)
    await message.answer(
        t("sondage-audience-question"),
        reply_markup=claviers.clavier(
            *(claviers.rangee(nom, GroupeCb(groupe_id=gid).pack()) for gid, nom in choix)
        ),
    )


async def _choisir_audience(
    message: Message, state: FSMContext, groupe_id: int, t: Traducteur
) -> None:
    await state.update_data(groupe_id=groupe_id or None)
    await state.set_state(EtatSondage.cloture)
    await message.answer(
        t("sondage-cloture-question"),
        reply_markup=claviers.clavier(
            [
                InlineKeyboardButton(text=t(cle), callback_data=DelaiCb(jours=jours).pack())
                for cle, jours in (
                    ("bouton-dans-1-jour", 1),
                    ("bouton-dans-3-jours", 3),
                    ("bouton-dans-7-jours", 7),
                )
            ]
        ),
    )


async def cb_audience(
    query: CallbackQuery,
    callback_data: GroupeCb,
    state: FSMContext,
    session: AsyncSession,
    membre: Membre,
    t: Traducteur,
) -> None:
    if not await membres.peut_gerer(session, membre, callback_data.groupe_id or None):
        await query.answer(t("sondage-erreur", raison="interdit"), show_alert=True)
        return
    await claviers.retirer(query.message)
    if isinstance(query.message, Message):
        await _choisir_audience(query.message, state, callback_data.groupe_id, t)
    await query.answer()


async def _choisir_cloture(
    message: Message, state: FSMContext, ferme_le: datetime, t: Traducteur
) -> None:
    await state.update_data(ferme_le=ferme_le.isoformat())
    await state.set_state(EtatSondage.anonyme)
    await message.answer(
        t("sondage-anonyme-question"),
        reply_markup=claviers.clavier(
            [
                InlineKeyboardButton(
                    text=t("bouton-anonyme"), callback_data=AnonymeCb(anonyme=True).pack()
                ),
                InlineKeyboardButton(
                    text=t("bouton-nominatif"), callback_data=AnonymeCb(anonyme=False).pack()
                ),
            ]
        ),
    )


async def msg_cloture(
    message: Message, state: FSMContext, horloge: Horloge, reglages: Reglages, t: Traducteur
) -> None:
    try:
        ferme_le = lire_date_heure(
            message.text or "", reglages.fuseau, reference=horloge.maintenant()
        )
    except ErreurSeance as erreur:
        await message.answer(t("seance-erreur", raison=erreur.code))
        return
    if ferme_le <= horloge.maintenant():
        await message.answer(t("sondage-erreur", raison="ferme-passe"))
        return
    await _choisir_cloture(message, state, ferme_le, t)


async def cb_delai(
    query: CallbackQuery, callback_data: DelaiCb, state: FSMContext, horloge: Horloge, t: Traducteur
) -> None:
    await claviers.retirer(query.message)
    if isinstance(query.message, Message):
        ferme_le = horloge.maintenant() + timedelta(days=min(max(callback_data.jours, 1), 30))
        await _choisir_cloture(query.message, state, ferme_le, t)
    await query.answer()


def _brouillon(donnees: dict[str, Any]) -> Brouillon:
    return Brouillon(
        question=donnees["question"],
        type=TypeSondage(donnees["type"]),
        options=list(donnees["options"]),
        sujets=list(donnees.get("sujets", [])),
        ferme_le=datetime.fromisoformat(donnees["ferme_le"]),
        groupe_id=donnees.get("groupe_id"),
        anonyme=bool(donnees.get("anonyme", True)),
        max_choix=donnees.get("max_choix"),
    )


async def cb_anonyme(
    query: CallbackQuery,
    callback_data: AnonymeCb,
    state: FSMContext,
    session: AsyncSession,
    horloge: Horloge,
    reglages: Reglages,
    t: Traducteur,
) -> None:
    await claviers.retirer(query.message)
    await state.update_data(anonyme=callback_data.anonyme)
    brouillon = _brouillon(await state.get_data())
    if not isinstance(query.message, Message):
        await query.answer()
        return
    try:
        ok = sondages.verifier(brouillon, horloge.maintenant())
    except ErreurSondage as erreur:
        await state.clear()
        await query.message.answer(t("sondage-erreur", raison=erreur.code))
        await query.answer()
        return
    nombre = len(await sondages.inscrits(session, ok.groupe_id))
    apercu = Sondage(
        question=ok.question,
        type=ok.type,
        max_choix=ok.max_choix,
        groupe_id=ok.groupe_id,
        anonyme=ok.anonyme,
        cree_le=horloge.maintenant(),
        ferme_le=ok.ferme_le,
    )
    options = [OptionSondage(sondage_id=0, ordre=i, texte=o) for i, o in enumerate(ok.options)]
    texte = sondages.texte_bulletin(apercu, options, {}, 0, t, reglages.fuseau)
    await state.set_state(EtatSondage.confirmation)
    await query.message.answer(
        t(
            "sondage-apercu",
            entete=texte,
            # A majority judgment ballot already lists its options in its text.
            options=joindre(
                []
                if ok.type == TypeSondage.JUGEMENT
                else [echapper(f"{i + 1}. {o.texte}") for i, o in enumerate(options)]
            ),
            nombre=nombre,
        ),
        reply_markup=claviers.clavier(
            claviers.rangee(t("bouton-lancer"), EtapeCb(action=EnvoiChoix.URGENT).pack()),
            claviers.rangee(t("bouton-annuler"), EtapeCb(action=EnvoiChoix.ANNULER).pack()),
        ),
    )
    await query.answer()


async def cb_lancer(
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
    texte = t("sondage-abandon")
    if callback_data.action != EnvoiChoix.ANNULER:
        try:
            _, nombre = await sondages.lancer(
                session,
                _brouillon(donnees),
                auteur=journal.par_le_bot(membre),
                maintenant=horloge.maintenant(),
                catalogue=catalogue,
                fuseau=reglages.fuseau,
                secret=reglages.cle_scrutins,
            )
            reveiller_expediteur()
            maintenant = horloge.maintenant()
            calme = est_heure_calme(maintenant, reglages.heures_calmes, reglages.fuseau)
            texte = t(
                "sondage-lance",
                nombre=nombre,
                calme="oui" if calme else "non",
                fin=heure(reglages.heures_calmes.fin, t.langue),
            )
        except ErreurSondage as erreur:
            texte = t("sondage-erreur", raison=erreur.code)
    if isinstance(query.message, Message):
        await query.message.answer(texte)
    await query.answer()


async def cmd_annuler(message: Message, state: FSMContext, t: Traducteur) -> None:
    await state.clear()
    await message.answer(t("sondage-abandon"))


# --- Following (facilitators, staff) -------------------------------------------------------------


async def cmd_resultats(
    message: Message,
    session: AsyncSession,
    membre: Membre,
    horloge: Horloge,
    reglages: Reglages,
    t: Traducteur,
) -> None:
    geres = await membres.groupes_geres(session, membre)
    liste = await sondages.ouverts_et_recents(
        session, groupes=geres, maintenant=horloge.maintenant()
    )
    if not liste:
        await message.answer(t("resultats-vide"))
        return
    lignes = [t("resultats-titre")]
    rangees = []
    for numero, sondage in enumerate(liste, 1):
        lignes.append(
            t(
                "resultats-sondage",
                numero=numero,
                question=sondage.question,
                etat="clos" if sondage.clos_le else "ouvert",
                cloture=date_longue(sondage.ferme_le, reglages.fuseau, t.langue),
            )
        )
        rangees.append(
            [
                InlineKeyboardButton(
                    text=t(cle, numero=numero),
                    callback_data=SondageCb(sondage_id=sondage.id or 0, action=action).pack(),
                )
                for cle, action in (
                    ("bouton-voir-resultats", ActionSondage.VOIR),
                    ("bouton-exporter", ActionSondage.CSV),
                )
            ]
        )
    await message.answer(
        joindre(lignes), reply_markup=InlineKeyboardMarkup(inline_keyboard=rangees)
    )


async def cb_sondage(
    query: CallbackQuery,
    callback_data: SondageCb,
    sondage: Sondage,
    session: AsyncSession,
    membre: Membre,
    horloge: Horloge,
    reglages: Reglages,
    catalogue: Catalogue,
    reveiller_expediteur: Callable[[], None],
    t: Traducteur,
) -> None:
    if not isinstance(query.message, Message):
        await query.answer(t("bouton-perime"), show_alert=True)
        return
    if callback_data.action == ActionSondage.CSV:
        if not sondages.resultats_visibles(sondage):
            await query.answer(t("sondage-erreur", raison="anonyme-ouvert"), show_alert=True)
            return
        contenu = await sondages.exporter_csv(session, sondage, t)
        await query.message.answer_document(
            BufferedInputFile(contenu.encode("utf-8"), filename=f"sondage-{sondage.id}.csv")
        )
    elif callback_data.action == ActionSondage.CLORE:
        try:
            await sondages.clore(
                session,
                sondage,
                auteur=journal.par_le_bot(membre),
                maintenant=horloge.maintenant(),
                secret=reglages.cle_scrutins,
            )
        except ErreurSondage as erreur:
            await query.answer(t("sondage-erreur", raison=erreur.code), show_alert=True)
            return
        await sondages.publier_resultats(
            session, sondage, maintenant=horloge.maintenant(), catalogue=catalogue
        )
        reveiller_expediteur()
        await claviers.retirer(query.message)
        await query.message.answer(t("sondage-clos"))
    else:
        presence = await sondages.participation(session, sondage)
        if sondages.resultats_visibles(sondage):
            decompte = await sondages.resultats(session, sondage)
            classement = sondages.lignes_classement(decompte.options, decompte.resultat, t)
            if decompte.ecartes:
                classement.append(t("resultats-ecartes", nombre=decompte.ecartes))
        else:
            classement = [t("resultats-secret-jusqu-a-la-cloture")]
        texte = t(
            "resultats-en-cours" if sondage.clos_le is None else "resultats-clos",
            question=sondage.question,
            cloture=date_longue(sondage.ferme_le, reglages.fuseau, t.langue),
            votants=presence.votants,
            inscrits=presence.inscrits,
            taux=presence.taux,
            classement=joindre(classement),
        )
        clavier = None
        if sondage.clos_le is None:
            clavier = claviers.clavier(
                claviers.rangee(
                    t("bouton-clore"),
                    SondageCb(sondage_id=sondage.id or 0, action=ActionSondage.CLORE).pack(),
                )
            )
        await query.message.answer(texte, reply_markup=clavier)
    await query.answer()


def routeur_animateurs() -> Router:
    routeur = Router(name="sondages")
    texte = F.text & ~F.text.startswith("/")
    routeur.message.register(cmd_sondage, Command("sondage"))
    routeur.message.register(cmd_resultats, Command("resultats"))
    routeur.message.register(cmd_annuler, Command("annuler"), StateFilter(EtatSondage))
    routeur.message.register(msg_question, StateFilter(EtatSondage.question), texte)
    routeur.message.register(msg_options, StateFilter(EtatSondage.options), texte)
    routeur.message.register(msg_max, StateFilter(EtatSondage.max_choix), texte)
    routeur.message.register(msg_cloture, StateFilter(EtatSondage.cloture), texte)
    routeur.callback_query.register(
        cb_sujets_ok,
        EtapeCb.filter(F.action == EnvoiChoix.ENVOYER),
        StateFilter(EtatSondage.options),
    )
    routeur.callback_query.register(
        cb_sujet, SujetChoixCb.filter(), StateFilter(EtatSondage.options)
    )
    routeur.callback_query.register(cb_type, TypeSondageCb.filter(), StateFilter(EtatSondage.type))
    routeur.callback_query.register(
        cb_audience, GroupeCb.filter(), StateFilter(EtatSondage.audience)
    )
    routeur.callback_query.register(cb_delai, DelaiCb.filter(), StateFilter(EtatSondage.cloture))
    routeur.callback_query.register(
        cb_anonyme, AnonymeCb.filter(), StateFilter(EtatSondage.anonyme)
    )
    routeur.callback_query.register(
        cb_lancer,
        EtapeCb.filter(F.action != EnvoiChoix.ENVOYER),
        StateFilter(EtatSondage.confirmation),
    )
    routeur.callback_query.register(cb_sondage, SondageCb.filter(), SondageGere())
    return routeur
