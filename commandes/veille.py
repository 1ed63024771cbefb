"""The citizen watch in Telegram: members tip articles (/signaler, or a link pasted alone);
facilitators and staff sort them (/veille: one message, numbered, a row of buttons per
article); staff manage the feeds (/sources)."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from datetime import timedelta

import httpx
from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command, CommandObject, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import journal, membres
from assemblee.dates import date_courte, date_longue
from assemblee.groupes import groupes_actifs
from assemblee.horloge import Horloge
from assemblee.modeles import Article, ArticleGroupe, Groupe, Membre, Role, Source, StatutArticle
from assemblee.textes import (
    Catalogue,
    Html,
    Traducteur,
    decouper,
    joindre,
    longueur_telegram,
    visible,
)
from commandes import claviers
from commandes.acces import ArticleGere
from commandes.callbacks import ActionCuration, ActionSource, CurationCb, RangerCb, SourceCb
from config.reglages import Reglages
from veille import analyse, curation, sources
from veille.curation import ACurer, ErreurCuration, ErreurSignalement
from veille.sources import ErreurSource

LIMITE_VEILLE = 10  # articles per /veille message
LIMITE_NON_CLASSES = 5  # articles in no group shown to staff at once (a row of buttons each)
LIMITE_MESSAGE = 4096
_LIEN_SEUL = re.compile(r"https?://\S+", re.IGNORECASE)
_DECISIONS = {
    ActionCuration.GARDER: StatutArticle.GARDE,
    ActionCuration.A_LA_UNE: StatutArticle.A_LA_UNE,
    ActionCuration.ECARTER: StatutArticle.ECARTE,
}
_BOUTONS = (
    ("bouton-veille-garder", ActionCuration.GARDER),
    ("bouton-veille-une", ActionCuration.A_LA_UNE),
    ("bouton-veille-ecarter", ActionCuration.ECARTER),
    ("bouton-veille-sujet", ActionCuration.SUJET),
    ("bouton-veille-note", ActionCuration.NOTE),
)


class EtatVeille(StatesGroup):
    note = State()


# --- members: tips --------------------------------------------------------------------------------


async def _signaler(
    message: Message,
    url: str,
    session: AsyncSession,
    membre: Membre,
    horloge: Horloge,
    reglages: Reglages,
    client_http: httpx.AsyncClient,
    t: Traducteur,
) -> None:
    try:
        article = await curation.signaler(
            session,
            membre=membre,
            url=url,
            client=client_http,
            maintenant=horloge.maintenant(),
            delai=reglages.veille_delai_secondes,
            taille_max=reglages.veille_taille_max_octets,
        )
    except ErreurSignalement as erreur:
        await message.answer(t("signaler-erreur", raison=erreur.code))
        return
    await message.answer(t("signaler-merci", titre=article.titre))


async def cmd_signaler(
    message: Message,
    command: CommandObject,
    session: AsyncSession,
    membre: Membre,
    horloge: Horloge,
    reglages: Reglages,
    client_http: httpx.AsyncClient,
    t: Traducteur,
) -> None:
    url = command.args or ""
    await _signaler(message, url, session, membre, horloge, reglages, client_http, t)


async def msg_lien(
    message: Message,
    session: AsyncSession,
    membre: Membre,
    horloge: Horloge,
    reglages: Reglages,
    client_http: httpx.AsyncClient,
    t: Traducteur,
) -> None:
    url = (message.text or "").strip()
    await _signaler(message, url, session, membre, horloge, reglages, client_http, t)


def _est_un_lien(message: Message) -> bool:
    """The whole message is one web address (what a member pastes from their browser)."""
    return bool(message.text and _LIEN_SEUL.fullmatch(message.text.strip()))


# --- facilitators: /veille ------------------------------------------------------------------------


def _lignes(
    numero: int,
    element: ACurer,
    t: Traducteur,
    reglages: Reglages,
    *,
    avec_groupe: bool,
    avec_resume: bool,
) -> list[Html]:
    article, lien = element.article, element.lien
    if element.source:
        origine = analyse.couper(element.source, 60)
    elif element.signale_par:
        origine = t("veille-signale-par", prenom=element.signale_par)
    else:
        origine = t("veille-signale")
    date = date_courte(article.publie_le or article.collecte_le, reglages.fuseau, t.langue)
    lignes = [
        t(
            "veille-article",
            numero=numero,
            url=article.url,
            titre=analyse.couper(article.titre, 150),
        )
    ]
    if avec_groupe:
        lignes.append(
            t("veille-details-groupe", groupe=element.groupe.nom, origine=origine, date=date)
        )
    else:
        lignes.append(t("veille-details", origine=origine, date=date))
    resume = analyse.couper(" ".join(article.resume.split()), 120)
    if avec_resume and resume:
        lignes.append(t("veille-resume", resume=resume))
    etat = []
    if lien.statut != StatutArticle.NOUVEAU:
        etat.append(t("veille-etat", statut=lien.statut.value))
    if lien.sujet_id is not None:
        etat.append(t("veille-etat-sujet"))
    if lien.note:
        etat.append(t("veille-etat-note", note=lien.note))
    if etat:
        lignes.append(joindre(etat, " · "))
    return lignes


def _liste(
    elements: Sequence[ACurer],
    total_nouveaux: int,
    t: Traducteur,
    reglages: Reglages,
    *,
    avec_groupe: bool,
) -> tuple[Html, InlineKeyboardMarkup]:
    """One message for up to LIMITE_VEILLE articles (one message, not ten: Telegram allows
    about one message a second per chat). Résumés, then articles, are left out when it would
    not fit in 4,096 characters."""
    for avec_resume in (True, False):
        for n in range(len(elements), 0, -1):
            montres = elements[:n]
            nouveaux = sum(1 for e in montres if e.lien.statut == StatutArticle.NOUVEAU)
            blocs = [t("veille-titre", nombre=total_nouveaux)]
            for numero, element in enumerate(montres, 1):
                blocs.append(
                    joindre(
                        _lignes(
                            numero,
                            element,
                            t,
                            reglages,
                            avec_groupe=avec_groupe,
                            avec_resume=avec_resume,
                        )
                    )
                )
            if total_nouveaux > nouveaux:
                blocs.append(t("veille-suite", nombre=total_nouveaux - nouveaux))
            blocs.append(t("veille-legende"))
            texte = joindre(blocs, "\n\n")
            if longueur_telegram(visible(texte)) <= LIMITE_MESSAGE or (n == 1 and not avec_resume):
                return texte, _clavier(montres, t)
    raise AssertionError("an empty list is not shown")


def _clavier(elements: Sequence[ACurer], t: Traducteur) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=t(cle, numero=numero),
                    callback_data=CurationCb(
                        article_id=e.lien.article_id, groupe_id=e.lien.groupe_id, action=action
                    ).pack(),
                )
                for cle, action in _BOUTONS
            ]
            for numero, e in enumerate(elements, 1)
        ]
    )


def _cles(clavier: InlineKeyboardMarkup | None) -> list[tuple[int, int]]:
    """The (article, group) pairs a curation message shows, read back from its buttons."""
    cles: list[tuple[int, int]] = []
    for rangee in clavier.inline_keyboard if clavier else []:
        for bouton in rangee:
            with contextlib.suppress(TypeError, ValueError):
                donnees = CurationCb.unpack(bouton.callback_data or "")
                cle = (donnees.article_id, donnees.groupe_id)
                if cle not in cles:
                    cles.append(cle)
    return cles


async def _vue(
    session: AsyncSession,
    membre: Membre,
    cles: Sequence[tuple[int, int]] | None,
    t: Traducteur,
    reglages: Reglages,
) -> tuple[Html, InlineKeyboardMarkup | None]:
    """The curation message: the next articles to sort (`cles` None), or the same articles as
    before with their decisions (`cles` from the message's buttons)."""
    groupes: list[Groupe] | None = await membres.groupes_geres(session, membre)
    if groupes == []:
        return t("veille-sans-groupe"), None
    if cles is None:
        elements = await curation.a_curer(session, groupes=groupes, limite=LIMITE_VEILLE)
    else:
        elements = await curation.par_cles(session, cles)
    if not elements:
        return t("veille-vide"), None
    total = await curation.nombre_a_curer(session, groupes=groupes)
    avec_groupe = groupes is None or len(groupes) > 1
    return _liste(elements, total, t, reglages, avec_groupe=avec_groupe)


async def _vue_non_classes(
    session: AsyncSession, t: Traducteur, reglages: Reglages
) -> tuple[Html, InlineKeyboardMarkup | None]:
    """For staff: the articles no group's keyword matched, each with a button per group to
    file it there in one tap."""
    elements = await curation.non_classes(session, limite=LIMITE_NON_CLASSES)
    if not elements:
        return t("veille-non-classes-vide"), None
    total = await curation.nombre_non_classes(session)
    groupes = await groupes_actifs(session)
    blocs = [t("veille-non-classes-titre", nombre=total)]
    for numero, element in enumerate(elements, 1):
        article = element.article
        origine = analyse.couper(element.source, 60) if element.source else t("veille-signale")
        date = date_courte(article.publie_le or article.collecte_le, reglages.fuseau, t.langue)
        blocs.append(
            joindre(
                [
                    t(
                        "veille-article",
                        numero=numero,
                        url=article.url,
                        titre=analyse.couper(article.titre, 150),
                    ),
                    t("veille-details", origine=origine, date=date),
                ]
            )
        )
    if total > len(elements):
        blocs.append(t("veille-suite", nombre=total - len(elements)))
    clavier = InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    # Button labels are plain text: the group's name as written.
                    text=visible(t("bouton-veille-ranger", numero=numero, groupe=groupe.nom)),
                    callback_data=RangerCb(
                        article_id=element.article.id or 0, groupe_id=groupe.id or 0
                    ).pack(),
                )
                for groupe in groupes
            ]
            for numero, element in enumerate(elements, 1)
        ]
    )
    return joindre(blocs, "\n\n"), clavier


async def cmd_veille(
    message: Message, session: AsyncSession, membre: Membre, reglages: Reglages, t: Traducteur
) -> None:
    texte, clavier = await _vue(session, membre, None, t, reglages)
    await message.answer(texte, reply_markup=clavier)
    if membre.role == Role.EQUIPE and await curation.nombre_non_classes(session):
        texte, clavier = await _vue_non_classes(session, t, reglages)
        await message.answer(texte, reply_markup=clavier)


async def cb_ranger(
    query: CallbackQuery,
    callback_data: RangerCb,
    session: AsyncSession,
    membre: Membre,
    horloge: Horloge,
    reglages: Reglages,
    t: Traducteur,
) -> None:
    """File an article in a group, then show the next unfiled ones in the same message."""
    if not isinstance(query.message, Message):
        await query.answer(t("bouton-perime"), show_alert=True)
        return
    try:
        lien = await curation.ranger(
            session,
            article_id=callback_data.article_id,
            groupe_id=callback_data.groupe_id,
            auteur=journal.par_le_bot(membre),
            maintenant=horloge.maintenant(),
        )
    except ErreurCuration:
        await query.answer(t("bouton-perime"), show_alert=True)
        return
    groupe = await session.get(Groupe, lien.groupe_id)
    texte, clavier = await _vue_non_classes(session, t, reglages)
    await claviers.modifier(query.message, texte, clavier)
    await query.answer(t("veille-range-ok", groupe=groupe.nom if groupe else ""))


async def _rafraichir(
    bot: Bot,
    chat_id: int,
    message_id: int,
    cles: Sequence[tuple[int, int]],
    session: AsyncSession,
    membre: Membre,
    t: Traducteur,
    reglages: Reglages,
) -> None:
    """Show the decisions in the curation message; buttons stay, to change one's mind. An
    unchanged (replayed tap) or too old message is not worth an error."""
    texte, clavier = await _vue(session, membre, cles, t, reglages)
    with contextlib.suppress(TelegramBadRequest):
        await bot.edit_message_text(
            texte, chat_id=chat_id, message_id=message_id, reply_markup=clavier
        )


def _phrase(erreur: ErreurCuration, t: Traducteur) -> Html:
    """A forged or stale button says so; anything else says what to do."""
    if erreur.code in ("interdit", "introuvable"):
        return t("bouton-perime")
    return t("veille-erreur", raison=erreur.code)


async def _trier(
    action: ActionCuration,
    lien: ArticleGroupe,
    session: AsyncSession,
    membre: Membre,
    horloge: Horloge,
    catalogue: Catalogue,
    t: Traducteur,
) -> Html:
    """Apply a curation button; returns what the button's answer says."""
    cle = {"article_id": lien.article_id, "groupe_id": lien.groupe_id}
    auteur = journal.par_le_bot(membre)
    if action == ActionCuration.SUJET:
        sujet = await curation.proposer_comme_sujet(
            session, auteur=auteur, maintenant=horloge.maintenant(), catalogue=catalogue, **cle
        )
        groupe = await session.get(Groupe, sujet.groupe_id)
        return t("veille-sujet-ok", texte=sujet.texte, groupe=groupe.nom if groupe else "")
    decide = await curation.decider(
        session, statut=_DECISIONS[action], auteur=auteur, maintenant=horloge.maintenant(), **cle
    )
    return t("veille-decision", statut=decide.statut.value)


async def cb_curation(
    query: CallbackQuery,
    callback_data: CurationCb,
    lien: ArticleGroupe,
    bot: Bot,
    state: FSMContext,
    session: AsyncSession,
    membre: Membre,
    horloge: Horloge,
    catalogue: Catalogue,
    reglages: Reglages,
    t: Traducteur,
) -> None:
    message = query.message
    if not isinstance(message, Message):
        await query.answer(t("bouton-perime"), show_alert=True)
        return
    if callback_data.action == ActionCuration.NOTE:
        await _demander_note(query, message, callback_data, state, session, t)
        return
    try:
        reponse = await _trier(callback_data.action, lien, session, membre, horloge, catalogue, t)
    except ErreurCuration as erreur:
        await query.answer(_phrase(erreur, t), show_alert=True)
        return
    cles = _cles(message.reply_markup)
    await _rafraichir(bot, message.chat.id, message.message_id, cles, session, membre, t, reglages)
    await query.answer(reponse, show_alert=callback_data.action == ActionCuration.SUJET)


async def _demander_note(
    query: CallbackQuery,
    message: Message,
    donnees: CurationCb,
    state: FSMContext,
    session: AsyncSession,
    t: Traducteur,
) -> None:
    """Ask for the note in the next message; the article must still be in the group."""
    trouves = await curation.par_cles(session, [(donnees.article_id, donnees.groupe_id)])
    if not trouves:
        await query.answer(t("bouton-perime"), show_alert=True)
        return
    await state.set_state(EtatVeille.note)
    await state.update_data(
        article_id=donnees.article_id,
        groupe_id=donnees.groupe_id,
        message_id=message.message_id,
        cles=_cles(message.reply_markup),
    )
    await message.answer(t("veille-note-question", titre=trouves[0].article.titre))
    await query.answer()


async def msg_note(
    message: Message,
    bot: Bot,
    state: FSMContext,
    session: AsyncSession,
    membre: Membre,
    horloge: Horloge,
    reglages: Reglages,
    t: Traducteur,
) -> None:
    donnees = await state.get_data()
    try:
        lien = await curation.annoter(
            session,
            article_id=int(donnees.get("article_id", 0)),
            groupe_id=int(donnees.get("groupe_id", 0)),
            note=message.text or "",
            auteur=journal.par_le_bot(membre),
            maintenant=horloge.maintenant(),
        )
    except ErreurCuration as erreur:
        if erreur.code.startswith("note-"):  # they can write it again
            await message.answer(t("veille-erreur", raison=erreur.code))
            return
        await state.clear()
        await message.answer(t("bouton-perime"))
        return
    await state.clear()
    article = await session.get(Article, lien.article_id)
    await message.answer(t("veille-note-ok", titre=article.titre if article else ""))
    cles = [(int(a), int(g)) for a, g in donnees.get("cles", [])]
    if cles and "message_id" in donnees:
        message_id = int(donnees["message_id"])
        await _rafraichir(bot, message.chat.id, message_id, cles, session, membre, t, reglages)


async def cmd_annuler_note(message: Message, state: FSMContext, t: Traducteur) -> None:
    await state.clear()
    await message.answer(t("veille-note-abandon"))


# --- staff: /sources ------------------------------------------------------------------------------


def _ligne_source(numero: int, source: Source, t: Traducteur, reglages: Reglages) -> Html:
    valeurs = {"numero": numero, "nom": source.nom, "url": source.url}
    if source.active:
        if source.echecs:
            return t(
                "sources-active-echecs",
                echecs=source.echecs,
                erreur=source.derniere_erreur or "—",
                **valeurs,
            )
        return t("sources-active", **valeurs)
    date = date_longue(source.desactivee_le or source.ajoutee_le, reglages.fuseau, t.langue)
    if source.echecs:
        return t(
            "sources-desactivee",
            date=date,
            echecs=source.echecs,
            erreur=source.derniere_erreur or "—",
            **valeurs,
        )
    return t("sources-retiree", date=date, **valeurs)


async def _vue_sources(
    session: AsyncSession, t: Traducteur, reglages: Reglages
) -> list[tuple[Html, InlineKeyboardMarkup | None]]:
    liste = await sources.lister(session)
    if not liste:
        return [(joindre([t("sources-vide"), t("sources-aide")]), None)]
    lignes = [t("sources-titre", actifs=sum(s.active for s in liste), nombre=len(liste))]
    lignes += [_ligne_source(i, s, t, reglages) for i, s in enumerate(liste, 1)]
    lignes.append(t("sources-aide"))
    boutons = [
        InlineKeyboardButton(
            text=t("bouton-retirer-source" if s.active else "bouton-reactiver-source", numero=i),
            callback_data=SourceCb(
                source_id=s.id or 0,
                action=ActionSource.RETIRER if s.active else ActionSource.REACTIVER,
            ).pack(),
        )
        for i, s in enumerate(liste, 1)
    ]
    clavier = InlineKeyboardMarkup(
        inline_keyboard=[boutons[i : i + 3] for i in range(0, len(boutons), 3)]
    )
    morceaux = decouper(lignes)
    return [(m, clavier if i == len(morceaux) - 1 else None) for i, m in enumerate(morceaux)]


async def _ajouter(
    session: AsyncSession,
    *,
    url: str,
    nom: str | None,
    membre: Membre,
    horloge: Horloge,
    reglages: Reglages,
    client_http: httpx.AsyncClient,
) -> Source:
    """Add (or reactivate) a feed, checked first with the watch's deadline and size cap."""
    return await sources.ajouter(
        session,
        url=url,
        nom=nom,
        auteur=journal.par_le_bot(membre),
        client=client_http,
        maintenant=horloge.maintenant(),
        delai=reglages.veille_delai_secondes,
        taille_max=reglages.veille_taille_max_octets,
        intervalle=timedelta(minutes=reglages.veille_intervalle_minutes),
    )


async def cmd_sources(
    message: Message,
    command: CommandObject,
    session: AsyncSession,
    membre: Membre,
    horloge: Horloge,
    reglages: Reglages,
    client_http: httpx.AsyncClient,
    t: Traducteur,
) -> None:
    mots = (command.args or "").split(maxsplit=2)
    if not mots:
        for texte, clavier in (await _vue_sources(session, t, reglages))[:3]:
            await message.answer(texte, reply_markup=clavier)
        return
    if mots[0].lower() != "ajouter" or len(mots) < 2:
        await message.answer(t("source-erreur", raison="url-invalide"))
        return
    try:
        source = await _ajouter(
            session,
            url=mots[1],
            nom=mots[2] if len(mots) > 2 else None,
            membre=membre,
            horloge=horloge,
            reglages=reglages,
            client_http=client_http,
        )
    except ErreurSource as erreur:
        await message.answer(t("source-erreur", raison=erreur.code))
        return
    await message.answer(t("source-ajoutee", nom=source.nom, url=source.url))


async def cb_source(
    query: CallbackQuery,
    callback_data: SourceCb,
    session: AsyncSession,
    membre: Membre,
    horloge: Horloge,
    reglages: Reglages,
    client_http: httpx.AsyncClient,
    t: Traducteur,
) -> None:
    source = await session.get(Source, callback_data.source_id)
    if source is None or not isinstance(query.message, Message):
        await query.answer(t("bouton-perime"), show_alert=True)
        return
    try:
        if callback_data.action == ActionSource.RETIRER:
            source = await sources.retirer(
                session,
                source_id=source.id or 0,
                auteur=journal.par_le_bot(membre),
                maintenant=horloge.maintenant(),
            )
            reponse = t("source-retiree", nom=source.nom)
        else:
            source = await _ajouter(
                session,
                url=source.url,
                nom=source.nom,
                membre=membre,
                horloge=horloge,
                reglages=reglages,
                client_http=client_http,
            )
            reponse = t("source-reactivee", nom=source.nom)
    except ErreurSource as erreur:
        await query.answer(t("source-erreur", raison=erreur.code), show_alert=True)
        return
    vues = await _vue_sources(session, t, reglages)
    if len(vues) == 1:  # a list split over several messages is not edited in place
        await claviers.modifier(query.message, vues[0][0], vues[0][1])
    await query.answer(reponse, show_alert=True)


# --- routers --------------------------------------------------------------------------------------


def routeur_membres() -> Router:
    routeur = Router(name="veille")
    routeur.message.register(cmd_signaler, Command("signaler"))
    return routeur


def routeur_lien() -> Router:
    """A link pasted alone: a tip. Last among the members' handlers, never inside a
    conversation (any FSM state), and only when the whole message is one web address."""
    routeur = Router(name="veille-lien")
    routeur.message.register(msg_lien, StateFilter(None), F.text, _est_un_lien)
    return routeur


def routeur_animateurs() -> Router:
    routeur = Router(name="veille-animateurs")
    routeur.message.register(cmd_veille, Command("veille"))
    routeur.message.register(cmd_annuler_note, Command("annuler"), StateFilter(EtatVeille.note))
    routeur.message.register(
        msg_note, StateFilter(EtatVeille.note), F.text & ~F.text.startswith("/")
    )
    routeur.callback_query.register(cb_curation, CurationCb.filter(), ArticleGere())
    return routeur


def routeur_equipe() -> Router:
    routeur = Router(name="veille-equipe")
    routeur.message.register(cmd_sources, Command("sources"))
    routeur.callback_query.register(cb_source, SourceCb.filter())
    routeur.callback_query.register(cb_ranger, RangerCb.filter())
    return routeur
