"""The renewal draw in the bot: a resident volunteers through the campaign's link
(`/start candidater-<campagne>`), one question per message, buttons where the answer is a
choice, a summary to check, edit or withdraw (`/candidature`); a drawn volunteer is offered a
seat (accept / decline) and, accepting, becomes a member; staff follow it all with `/tirage`.

A volunteer is not a member: these handlers are open to anyone, and nothing here gives access
to the members' commands."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest, TelegramForbiddenError
from aiogram.filters import Command, CommandObject, CommandStart, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message, User
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import campagnes
from assemblee.dates import date_longue, jour_long
from assemblee.db import FabriqueSessions
from assemblee.horloge import Horloge
from assemblee.modeles import Campagne, EtatSiege, Langue, Siege, Volontaire
from assemblee.textes import Catalogue, Html, Traducteur, decouper, joindre
from commandes import claviers, menu
from commandes.accueil import texte_bienvenue
from commandes.callbacks import Entier
from config.reglages import Reglages

journal = logging.getLogger(__name__)

QUESTIONS = ("prenom", "nom", "genre", "naissance", "diplome", "arrondissement", "contact")
A_BOUTONS = ("genre", "diplome", "arrondissement")


class Candidature(StatesGroup):
    consentement = State()
    prenom = State()
    nom = State()
    genre = State()
    naissance = State()
    diplome = State()
    arrondissement = State()
    contact = State()
    recapitulatif = State()
    retrait = State()


class Champ(StrEnum):
    PRENOM = "prenom"
    NOM = "nom"
    GENRE = "genre"
    NAISSANCE = "naissance"
    DIPLOME = "diplome"
    ARRONDISSEMENT = "arrondissement"
    CONTACT = "contact"


class Geste(StrEnum):
    CONSENTIR = "consentir"
    REFUSER = "refuser"
    CONFIRMER = "confirmer"
    RETIRER = "retirer"
    RETRAIT_OUI = "retrait-oui"
    RETRAIT_NON = "retrait-non"
    TELEGRAM = "telegram"  # be reached here


class CandidatureCb(CallbackData, prefix="ca"):
    geste: Geste


class ValeurCb(CallbackData, prefix="cv"):
    champ: Champ
    valeur: str  # one of campagnes.VALEURS[champ]: checked by the handler


class ModifierCb(CallbackData, prefix="cm"):
    champ: Champ


class ChoixSiege(StrEnum):
    ACCEPTER = "accepter"
    DECLINER = "decliner"
    CONFIRMER_REFUS = "refus-oui"
    ANNULER_REFUS = "refus-non"


class SiegeCb(CallbackData, prefix="si"):
    siege: Entier
    choix: ChoixSiege


# --- Labels -------------------------------------------------------------------------------------


def libelle(t: Traducteur, champ: str, valeur: str) -> str:
    if champ == "arrondissement":
        return t("valeur-arrondissement", numero=int(valeur))
    return t(f"valeur-{champ}-{valeur.replace('+', '-plus-').rstrip('-')}")


def _clavier_valeurs(t: Traducteur, champ: str) -> InlineKeyboardMarkup:
    par_rangee = 4 if champ == "arrondissement" else 1
    valeurs = campagnes.VALEURS[champ]
    rangees = [
        [
            claviers.bouton(libelle(t, champ, v), ValeurCb(champ=Champ(champ), valeur=v).pack())
            for v in valeurs[i : i + par_rangee]
        ]
        for i in range(0, len(valeurs), par_rangee)
    ]
    return claviers.clavier(*rangees)


def _clavier_contact(t: Traducteur) -> InlineKeyboardMarkup:
    return claviers.clavier(
        claviers.rangee(t("candidature-contact-ici"), CandidatureCb(geste=Geste.TELEGRAM).pack())
    )


def _clavier_recapitulatif(t: Traducteur, inscrit: bool) -> InlineKeyboardMarkup:
    modifier = [
        claviers.bouton(t(f"candidature-modifier-{c}"), ModifierCb(champ=Champ(c)).pack())
        for c in QUESTIONS
    ]
    rangees = [modifier[i : i + 2] for i in range(0, len(modifier), 2)]
    if inscrit:
        rangees.append(
            claviers.rangee(t("candidature-retirer"), CandidatureCb(geste=Geste.RETIRER).pack())
        )
    else:
        rangees.insert(
            0,
            claviers.rangee(
                t("candidature-confirmer"), CandidatureCb(geste=Geste.CONFIRMER).pack()
            ),
        )
    return claviers.clavier(*rangees)


def _dernier_jour(campagne: Campagne, reglages: Reglages, t: Traducteur) -> str:
    """The last day to register or edit: a close at midnight is the day before's end."""
    return jour_long(campagne.cloture - timedelta(seconds=1), reglages.fuseau, t.langue)


# --- The form -----------------------------------------------------------------------------------


async def _campagne(session: AsyncSession, state: FSMContext) -> Campagne | None:
    ident = (await state.get_data()).get("campagne_id")
    return await session.get(Campagne, ident) if isinstance(ident, int) else None


async def _demander(message: Message, state: FSMContext, champ: str, t: Traducteur) -> None:
    await state.set_state(getattr(Candidature, champ))
    clavier = None
    if champ in A_BOUTONS:
        clavier = _clavier_valeurs(t, champ)
    elif champ == "contact":
        clavier = _clavier_contact(t)
    await message.answer(t(f"candidature-question-{champ}"), reply_markup=clavier)


async def _recapitulatif(
    message: Message, state: FSMContext, campagne: Campagne, reglages: Reglages, t: Traducteur
) -> None:
    d = await state.get_data()
    await state.set_state(Candidature.recapitulatif)
    contact = d["contact"]
    await message.answer(
        t(
            "candidature-recapitulatif",
            campagne=campagne.nom,
            prenom=d["prenom"],
            nom=d["nom"],
            genre=libelle(t, "genre", d["genre"]),
            naissance=str(d["annee_naissance"]),
            diplome=libelle(t, "diplome", d["diplome"]),
            arrondissement=libelle(t, "arrondissement", d["arrondissement"]),
            contact=t("candidature-contact-telegram")
            if contact == campagnes.CONTACT_TELEGRAM
            else contact,
            inscrit="oui" if d.get("inscrit") else "non",
            cloture=_dernier_jour(campagne, reglages, t),
        ),
        reply_markup=_clavier_recapitulatif(t, bool(d.get("inscrit"))),
    )


async def _fiche(state: FSMContext, campagne: Campagne, fuseau: ZoneInfo) -> campagnes.Fiche:
    d = await state.get_data()
    return campagnes.Fiche(
        prenom=d["prenom"],
        nom=d["nom"],
        genre=d["genre"],
        age=campagnes.age_de(d["annee_naissance"], campagne.renouvellement_le, fuseau),
        diplome=d["diplome"],
        arrondissement=d["arrondissement"],
        contact=d["contact"],
        annee_naissance=d["annee_naissance"],
    )


async def _enregistrer(
    message: Message,
    state: FSMContext,
    session: AsyncSession,
    campagne: Campagne,
    personne: User,
    horloge: Horloge,
    reglages: Reglages,
    t: Traducteur,
) -> bool:
    try:
        await campagnes.inscrire(
            session,
            campagne,
            await _fiche(state, campagne, reglages.fuseau),
            telegram_id=personne.id,
            langue=Langue(t.langue),
            maintenant=horloge.maintenant(),
        )
    except campagnes.ErreurCampagne:
        await state.clear()
        await message.answer(t("candidature-fermee", campagne=campagne.nom))
        return False
    await state.update_data(inscrit=True)
    return True


async def _apres_reponse(
    message: Message,
    state: FSMContext,
    session: AsyncSession,
    champ: str,
    personne: User,
    horloge: Horloge,
    reglages: Reglages,
    t: Traducteur,
) -> None:
    """The next question; or, when a single answer was being changed, back to the summary
    (saved at once for a volunteer already registered)."""
    campagne = await _campagne(session, state)
    if campagne is None:
        await state.clear()
        await message.answer(t("bouton-perime"))
        return
    d = await state.get_data()
    if d.get("edition"):
        await state.update_data(edition=False)
        if d.get("inscrit") and not await _enregistrer(
            message, state, session, campagne, personne, horloge, reglages, t
        ):
            return
        await _recapitulatif(message, state, campagne, reglages, t)
        return
    suivante = QUESTIONS.index(champ) + 1
    if suivante < len(QUESTIONS):
        await _demander(message, state, QUESTIONS[suivante], t)
    else:
        await _recapitulatif(message, state, campagne, reglages, t)


async def cmd_candidater(
    message: Message,
    command: CommandObject,
    state: FSMContext,
    event_from_user: User,
    session: AsyncSession,
    horloge: Horloge,
    reglages: Reglages,
    t: Traducteur,
) -> None:
    slug = (command.args or "").removeprefix(campagnes.PREFIXE_LIEN).strip()
    campagne = await campagnes.par_slug(session, slug)
    if campagne is None:
        await message.answer(t("candidature-inconnue", contact=reglages.contact_equipe))
        return
    deja = await campagnes.du_telegram(session, campagne, event_from_user.id)
    if deja is not None and deja.anonymise_le is None:
        await _montrer(message, state, campagne, deja, reglages, t)
        return
    maintenant = horloge.maintenant()
    if not campagnes.ouverte(campagne, maintenant):
        cle = "candidature-pas-encore" if maintenant < campagne.ouverture else "candidature-fermee"
        await message.answer(
            t(
                cle,
                campagne=campagne.nom,
                ouverture=jour_long(campagne.ouverture, reglages.fuseau, t.langue),
            )
        )
        return
    await state.clear()
    await state.set_state(Candidature.consentement)
    await state.update_data(campagne_id=campagne.id)
    await message.answer(
        t(
            "candidature-notice",
            campagne=campagne.nom,
            cloture=_dernier_jour(campagne, reglages, t),
            suppression=jour_long(campagne.suppression_le, reglages.fuseau, t.langue),
            contact=reglages.contact_equipe,
        ),
        reply_markup=claviers.clavier(
            [
                claviers.bouton(t("bouton-accepter"), CandidatureCb(geste=Geste.CONSENTIR).pack()),
                claviers.bouton(t("bouton-refuser"), CandidatureCb(geste=Geste.REFUSER).pack()),
            ]
        ),
    )


async def _montrer(
    message: Message,
    state: FSMContext,
    campagne: Campagne,
    v: Volontaire,
    reglages: Reglages,
    t: Traducteur,
) -> None:
    await state.clear()
    await state.update_data(
        campagne_id=campagne.id,
        prenom=v.prenom,
        nom=v.nom,
        genre=v.genre,
        annee_naissance=v.annee_naissance,
        diplome=v.diplome,
        arrondissement=v.arrondissement,
        contact=v.contact,
        inscrit=True,
    )
    await _recapitulatif(message, state, campagne, reglages, t)


async def cmd_candidature(
    message: Message,
    state: FSMContext,
    event_from_user: User,
    session: AsyncSession,
    reglages: Reglages,
    t: Traducteur,
) -> None:
    for v in await campagnes.de_telegram(session, event_from_user.id):
        campagne = await session.get(Campagne, v.campagne_id)
        if campagne is not None and v.anonymise_le is None:
            await _montrer(message, state, campagne, v, reglages, t)
            return
    await message.answer(t("candidature-aucune"))


async def cb_geste(
    query: CallbackQuery,
    callback_data: CandidatureCb,
    state: FSMContext,
    event_from_user: User,
    session: AsyncSession,
    horloge: Horloge,
    reglages: Reglages,
    t: Traducteur,
) -> None:
    etat = await state.get_state()
    campagne = await _campagne(session, state)
    attendu = {
        Geste.CONSENTIR: Candidature.consentement,
        Geste.REFUSER: Candidature.consentement,
        Geste.TELEGRAM: Candidature.contact,
        Geste.CONFIRMER: Candidature.recapitulatif,
        Geste.RETIRER: Candidature.recapitulatif,
        Geste.RETRAIT_OUI: Candidature.retrait,
        Geste.RETRAIT_NON: Candidature.retrait,
    }[callback_data.geste]
    if campagne is None or etat != attendu.state or not isinstance(query.message, Message):
        await query.answer(t("bouton-perime"), show_alert=True)
        return
    await claviers.retirer(query.message)
    message = query.message
    await _geste(
        message,
        callback_data.geste,
        state,
        event_from_user,
        campagne,
        session,
        horloge,
        reglages,
        t,
    )
    # Answered last: the tap's spinner stops once the reply is on screen.
    await query.answer()


async def _geste(
    message: Message,
    geste: Geste,
    state: FSMContext,
    event_from_user: User,
    campagne: Campagne,
    session: AsyncSession,
    horloge: Horloge,
    reglages: Reglages,
    t: Traducteur,
) -> None:
    match geste:
        case Geste.CONSENTIR:
            await _demander(message, state, "prenom", t)
        case Geste.REFUSER:
            await state.clear()
            await message.answer(t("candidature-refusee"))
        case Geste.TELEGRAM:
            await state.update_data(contact=campagnes.CONTACT_TELEGRAM)
            await _apres_reponse(
                message, state, session, "contact", event_from_user, horloge, reglages, t
            )
        case Geste.CONFIRMER:
            if await _enregistrer(
                message, state, session, campagne, event_from_user, horloge, reglages, t
            ):
                await state.clear()
                await message.answer(
                    t(
                        "candidature-enregistree",
                        campagne=campagne.nom,
                        cloture=_dernier_jour(campagne, reglages, t),
                    )
                )
        case Geste.RETIRER:
            await state.set_state(Candidature.retrait)
            await message.answer(
                t("candidature-retrait-question"),
                reply_markup=claviers.clavier(
                    [
                        claviers.bouton(
                            t("candidature-retrait-oui"),
                            CandidatureCb(geste=Geste.RETRAIT_OUI).pack(),
                        ),
                        claviers.bouton(
                            t("candidature-retrait-non"),
                            CandidatureCb(geste=Geste.RETRAIT_NON).pack(),
                        ),
                    ]
                ),
            )
        case Geste.RETRAIT_OUI:
            v = await campagnes.du_telegram(session, campagne, event_from_user.id)
            if v is not None:
                await campagnes.retirer(session, v, maintenant=horloge.maintenant())
            await state.clear()
            await message.answer(t("candidature-retiree"))
        case Geste.RETRAIT_NON:
            await _recapitulatif(message, state, campagne, reglages, t)


async def cb_valeur(
    query: CallbackQuery,
    callback_data: ValeurCb,
    state: FSMContext,
    event_from_user: User,
    session: AsyncSession,
    horloge: Horloge,
    reglages: Reglages,
    t: Traducteur,
) -> None:
    champ = callback_data.champ.value
    en_cours = getattr(Candidature, champ).state
    if (
        await state.get_state() != en_cours
        or callback_data.valeur not in campagnes.VALEURS[champ]
        or not isinstance(query.message, Message)
    ):
        await query.answer(t("bouton-perime"), show_alert=True)
        return
    await claviers.retirer(query.message)
    await state.update_data({champ: callback_data.valeur})
    await _apres_reponse(
        query.message, state, session, champ, event_from_user, horloge, reglages, t
    )
    await query.answer(libelle(t, champ, callback_data.valeur))


async def cb_modifier(
    query: CallbackQuery,
    callback_data: ModifierCb,
    state: FSMContext,
    session: AsyncSession,
    horloge: Horloge,
    t: Traducteur,
) -> None:
    campagne = await _campagne(session, state)
    if (
        campagne is None
        or await state.get_state() != Candidature.recapitulatif.state
        or not isinstance(query.message, Message)
    ):
        await query.answer(t("bouton-perime"), show_alert=True)
        return
    if not campagnes.ouverte(campagne, horloge.maintenant()):
        # Closed: the answers stay as they are (withdrawing is still possible).
        await query.answer(t("candidature-fermee", campagne=campagne.nom), show_alert=True)
        return
    await claviers.retirer(query.message)
    await state.update_data(edition=True)
    await _demander(query.message, state, callback_data.champ.value, t)
    await query.answer()


async def _texte(
    message: Message,
    state: FSMContext,
    session: AsyncSession,
    event_from_user: User,
    horloge: Horloge,
    reglages: Reglages,
    t: Traducteur,
) -> None:
    """A typed answer: first name, name, birth year or contact, checked; a wrong one is
    asked again with what is expected."""
    etat = await state.get_state()
    champ = (etat or "").rsplit(":", 1)[-1]
    campagne = await _campagne(session, state)
    if campagne is None:
        await state.clear()
        await message.answer(t("bouton-perime"))
        return
    if champ in A_BOUTONS:
        await message.answer(t("candidature-utiliser-boutons"))
        return
    texte = message.text or ""
    try:
        match champ:
            case "prenom":
                await state.update_data(prenom=campagnes.lire_nom(texte))
            case "nom":
                await state.update_data(nom=campagnes.lire_nom(texte, "nom"))
            case "naissance":
                await state.update_data(
                    annee_naissance=campagnes.lire_annee(texte, campagne, reglages.fuseau)
                )
            case _:
                await state.update_data(contact=campagnes.lire_contact(texte))
    except campagnes.ErreurCampagne:
        await message.answer(
            t(
                f"candidature-invalide-{champ}",
                age=campagnes.AGE_MIN,
                annee=str(campagnes.annee_de(campagne.renouvellement_le, reglages.fuseau)),
                longueur=campagnes.LONGUEUR_NOM,
            )
        )
        return
    await _apres_reponse(message, state, session, champ, event_from_user, horloge, reglages, t)


# --- Seats ----------------------------------------------------------------------------------------


def clavier_siege(t: Traducteur, siege_id: int) -> InlineKeyboardMarkup:
    return claviers.clavier(
        [
            claviers.bouton(
                t("siege-accepter"), SiegeCb(siege=siege_id, choix=ChoixSiege.ACCEPTER).pack()
            ),
            claviers.bouton(
                t("siege-decliner"), SiegeCb(siege=siege_id, choix=ChoixSiege.DECLINER).pack()
            ),
        ]
    )


PAR_PASSAGE = 300  # messages per run: about 10 s of Telegram's budget, the outbox's too


async def prevenir_sieges(
    bot: Bot,
    sessions: FabriqueSessions,
    *,
    catalogue: Catalogue,
    reglages: Reglages,
    maintenant: datetime,
    limite: int = PAR_PASSAGE,
) -> int:
    """Tell the volunteers offered a seat, then those not drawn that they are on the reserve
    list, each once: claimed first, so that with two processes only one tells. At most
    `limite` messages a run (thousands of volunteers go over several minutes). When Telegram
    cannot be reached the claim is let go and the run stops: the next one tries again. A
    volunteer who blocked the bot stays offered: staff see the seat pending."""
    faits = 0
    async with sessions() as session:
        for siege, v, campagne in (await campagnes.offres_a_prevenir(session))[:limite]:
            assert siege.id is not None and v.telegram_id is not None
            if not await campagnes.marquer_prevenu(session, siege.id, maintenant=maintenant):
                continue
            t = catalogue.pour(v.langue)
            texte = t(
                "siege-propose",
                prenom=v.prenom,
                campagne=campagne.nom,
                echeance=date_longue(siege.echeance, reglages.fuseau, t.langue),
                renouvellement=jour_long(campagne.renouvellement_le, reglages.fuseau, t.langue),
                notice=t("confidentialite", prenom=v.prenom, contact=reglages.contact_equipe),
            )
            if not await _envoyer(bot, v.telegram_id, texte, clavier_siege(t, siege.id)):
                await campagnes.relacher_prevenu(session, siege.id)
                return faits
            faits += 1
        for v, campagne in (await campagnes.reserves_a_prevenir(session))[: limite - faits]:
            assert v.id is not None and v.telegram_id is not None
            if not await campagnes.marquer_informe(session, v.id, maintenant=maintenant):
                continue
            t = catalogue.pour(v.langue)
            texte = t("tirage-pas-tire", prenom=v.prenom, campagne=campagne.nom)
            if not await _envoyer(bot, v.telegram_id, texte, None):
                await campagnes.relacher_informe(session, v.id)
                return faits
            faits += 1
    return faits


async def _envoyer(
    bot: Bot, chat_id: int, texte: str, clavier: InlineKeyboardMarkup | None
) -> bool:
    """False when Telegram could not be reached (try again later); a chat that refuses the
    message (bot blocked, account deleted) counts as done: it would refuse it again."""
    try:
        await bot.send_message(chat_id, texte, reply_markup=clavier)
    except (TelegramForbiddenError, TelegramBadRequest) as exc:
        journal.warning("volontaire (chat %d) : message refusé par Telegram (%s)", chat_id, exc)
    except TelegramAPIError as exc:
        journal.warning("Telegram injoignable pour le tirage (%s) : nouvel essai plus tard", exc)
        return False
    return True


async def cb_siege(
    query: CallbackQuery,
    callback_data: SiegeCb,
    bot: Bot,
    event_from_user: User,
    session: AsyncSession,
    horloge: Horloge,
    reglages: Reglages,
    catalogue: Catalogue,
    t: Traducteur,
) -> None:
    trouve = await campagnes.siege_de(session, callback_data.siege)
    # Someone else's seat (a forged button) reads as a stale one: nothing is said about it.
    if (
        trouve is None
        or trouve[1].telegram_id != event_from_user.id
        or not isinstance(query.message, Message)
    ):
        await query.answer(t("bouton-perime"), show_alert=True)
        return
    siege, v = trouve
    t = catalogue.pour(v.langue)
    if siege.etat != EtatSiege.PROPOSE:
        await query.answer(t("siege-deja-repondu"), show_alert=True)
        await claviers.retirer(query.message)
        return
    match callback_data.choix:
        case ChoixSiege.DECLINER:
            await query.message.edit_reply_markup(
                reply_markup=claviers.clavier(
                    [
                        claviers.bouton(
                            t("siege-refus-oui"),
                            SiegeCb(
                                siege=callback_data.siege, choix=ChoixSiege.CONFIRMER_REFUS
                            ).pack(),
                        ),
                        claviers.bouton(
                            t("siege-refus-non"),
                            SiegeCb(
                                siege=callback_data.siege, choix=ChoixSiege.ANNULER_REFUS
                            ).pack(),
                        ),
                    ]
                )
            )
            await query.answer()
            return
        case ChoixSiege.ANNULER_REFUS:
            await query.message.edit_reply_markup(
                reply_markup=clavier_siege(t, callback_data.siege)
            )
            await query.answer()
            return
    try:
        nouveau = await campagnes.repondre(
            session,
            siege,
            accepte=callback_data.choix == ChoixSiege.ACCEPTER,
            maintenant=horloge.maintenant(),
            telegram_id=event_from_user.id,
        )
    except campagnes.ErreurCampagne:
        if horloge.maintenant() >= siege.echeance:
            cle = "siege-trop-tard"
        elif (await session.get(Siege, siege.id)) is not None and siege.etat != EtatSiege.PROPOSE:
            cle = "siege-deja-repondu"
        else:  # this Telegram account is already a member's
            cle = "siege-compte-membre"
        await query.answer(t(cle, contact=reglages.contact_equipe), show_alert=True)
        await claviers.retirer(query.message)
        return
    await claviers.retirer(query.message)
    if nouveau is None:
        await query.message.answer(t("siege-decline"))
    else:
        await query.message.answer(await texte_bienvenue(session, nouveau, reglages, t))
        await menu.installer(bot, nouveau, catalogue, console_url=reglages.console_url_publique)
    await query.answer()


# --- Staff --------------------------------------------------------------------------------------

NOMS_ETATS = {
    EtatSiege.PROPOSE: "propose",
    EtatSiege.ACCEPTE: "accepte",
    EtatSiege.DECLINE: "decline",
    EtatSiege.EXPIRE: "expire",
}


async def cmd_tirage(
    message: Message, session: AsyncSession, reglages: Reglages, t: Traducteur
) -> None:
    """Where the current campaign stands, live: volunteers per category against the
    targets, what is missing, the steps done, the seats."""
    campagne = await campagnes.courante(session)
    if campagne is None:
        await message.answer(t("tirage-aucune"))
        return
    e = await campagnes.etat(session, campagne)
    r = campagnes.rapport(campagne)
    tires = {(c.categorie, c.valeur): c.tires for c in r.comptes} if r else {}
    lignes: list[Html] = []
    for categorie in campagnes.CATEGORIES:
        lignes.append(t("tirage-categorie", categorie=categorie))
        bornes = e.cibles.categories.get(categorie, {}) if e.cibles else {}
        for valeur in campagnes.VALEURS[categorie]:
            n = e.par_valeur[categorie].get(valeur, 0)
            b = bornes.get(valeur)
            if b is None and not n:
                continue
            lignes.append(
                t(
                    "tirage-valeur",
                    valeur=libelle(t, categorie, valeur),
                    volontaires=n,
                    min=b.min if b else 0,
                    max=b.max if b else 0,
                    cible="oui" if b else "non",
                    apres="oui" if r else "non",
                    tires=tires.get((categorie, valeur), 0),
                )
            )
    manques = [
        t(
            "tirage-manque",
            valeur=libelle(t, m.categorie, m.valeur),
            volontaires=m.volontaires,
            minimum=m.minimum,
            manquants=m.manquants,
        )
        for m in e.manques
    ]
    comptes = {etat: sum(1 for s in e.sieges if s.etat == etat) for etat in EtatSiege}
    texte = t(
        "tirage-etat",
        campagne=campagne.nom,
        lien=campagnes.lien(reglages.bot_username or "bot", campagne),
        ouverture=jour_long(campagne.ouverture, reglages.fuseau, t.langue),
        cloture=_dernier_jour(campagne, reglages, t),
        volontaires=e.volontaires,
        doublons=e.doublons,
        cibles="oui" if campagne.cibles else "non",
        sieges=e.cibles.sieges if e.cibles else 0,
        erreur=e.erreur_cibles or "",
        engage="oui" if campagne.engagement else "non",
        engagement=campagne.engagement or "",
        tire="oui" if campagne.tire_le else "non",
        minimum=f"{r.probabilite_min:.1%}" if r else "",
        ecart=f"{r.ecart:.1%}" if r else "",
        proposes=comptes[EtatSiege.PROPOSE],
        acceptes=comptes[EtatSiege.ACCEPTE],
        declines=comptes[EtatSiege.DECLINE] + comptes[EtatSiege.EXPIRE],
        manques=joindre(manques),
    )
    for morceau in decouper([texte, *lignes]):
        await message.answer(morceau)


def routeur_public() -> Router:
    """Before the door's /start: the campaign's link and the form's answers."""
    routeur = Router(name="candidatures")
    routeur.message.register(
        cmd_candidater,
        CommandStart(deep_link=True, magic=F.args.startswith(campagnes.PREFIXE_LIEN)),
    )
    routeur.message.register(cmd_candidature, Command("candidature"))
    routeur.message.register(
        _texte,
        StateFilter(
            Candidature.prenom,
            Candidature.nom,
            Candidature.naissance,
            Candidature.contact,
            Candidature.genre,
            Candidature.diplome,
            Candidature.arrondissement,
        ),
        F.text,
        ~F.text.startswith("/"),
    )
    routeur.callback_query.register(cb_geste, CandidatureCb.filter())
    routeur.callback_query.register(cb_valeur, ValeurCb.filter())
    routeur.callback_query.register(cb_modifier, ModifierCb.filter())
    routeur.callback_query.register(cb_siege, SiegeCb.filter())
    return routeur


def routeur_equipe() -> Router:
    routeur = Router(name="tirage")
    routeur.message.register(cmd_tirage, Command("tirage"))
    return routeur
