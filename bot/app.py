"""Build the bot: database, catalogue, Bot, Dispatcher with its role-filtered routers."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import signal
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

import httpx
from aiogram import Bot, Dispatcher, F, Router
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ChatType, ParseMode
from aiogram.exceptions import TelegramAPIError, TelegramNetworkError
from sqlalchemy.ext.asyncio import AsyncEngine

import commandes
import console
from assemblee import groupes, membres
from assemblee.db import FabriqueSessions, creer_moteur, fabrique_sessions, mettre_a_jour_schema
from assemblee.horloge import Horloge, HorlogeSysteme
from assemblee.modeles import Membre, Role
from assemblee.textes import Catalogue
from bot.erreurs import gerer_erreur
from bot.expediteur import Expediteur
from bot.filtres import RoleFiltre
from bot.limiteur import Limiteur
from bot.middlewares import (
    AntiFloodMiddleware,
    ContexteMiddleware,
    IsolationMiddleware,
    PortillonMiddleware,
)
from bot.planificateur import Planificateur
from bot.stockage import stockage_et_isolation
from bot.verrous import REESSAI_MENEUR, Verrous
from bot.webhook import servir as servir_webhook
from commandes import menu
from config.reglages import Reglages
from telegram_local import parser_html
from veille import collecte, sources

journal = logging.getLogger(__name__)

# Updates handled at once (each holds one database connection while it is handled).
TRAITEMENTS_SIMULTANES = 10


@dataclass
class Application:
    reglages: Reglages
    horloge: Horloge
    moteur: AsyncEngine
    sessions: FabriqueSessions
    catalogue: Catalogue
    bot: Bot
    dp: Dispatcher
    expediteur: Expediteur
    planificateur: Planificateur
    client_http: httpx.AsyncClient
    verrous: Verrous
    arret: asyncio.Event = field(default_factory=asyncio.Event)
    # Where the console listens on this machine, once served (its links use the public
    # address when there is one: console.web.url_console).
    console_url_locale: str | None = None
    taches: set[asyncio.Task[None]] = field(default_factory=set)
    # Telegram's HTML rules, for what staff write in HTML (the console's announcements; the
    # CLI's --html uses the same parser).
    html_telegram: Callable[[str], tuple[str, list[dict[str, Any]]]] = parser_html

    async def arreter(self) -> None:
        """Stop serving (polling or webhook); `executer` then stops the sender and scheduler."""
        self.arret.set()
        with contextlib.suppress(RuntimeError):  # polling was not running
            await self.dp.stop_polling()

    async def nom_du_bot(self) -> str:
        """The bot's @username for t.me links: the setting, else Telegram's answer (aiogram
        keeps it after the first call)."""
        if self.reglages.bot_username:
            return self.reglages.bot_username
        moi = await self.bot.me()
        assert moi.username is not None
        return moi.username

    async def installer_menu(self, membre: Membre) -> bool:
        """One person's command menu after a change of their rights, as /role does; False
        when Telegram could not be told (the bot redoes it at its next start)."""
        return await menu.installer(
            self.bot, membre, self.catalogue, console_url=self.reglages.console_url_publique
        )

    async def fermer(self) -> None:
        for tache in self.taches:
            tache.cancel()
        await asyncio.gather(*self.taches, return_exceptions=True)
        await self.bot.session.close()
        await self.client_http.aclose()
        await self.verrous.fermer()
        await self.dp.storage.close()
        await self.dp["isolation"].close()
        await self.moteur.dispose()


async def preparer_base(reglages: Reglages) -> tuple[AsyncEngine, FabriqueSessions]:
    """Create or upgrade the schema, then sync the groups and feeds files and the staff ids
    into it."""
    definitions = groupes.lire_groupes(reglages.groupes_fichier)
    flux = sources.lire_sources(reglages.sources_fichier)
    moteur = creer_moteur(reglages.database_url)
    try:
        await mettre_a_jour_schema(moteur)
        sessions = fabrique_sessions(moteur)
        async with sessions() as session:
            await groupes.synchroniser_groupes(session, definitions)
            maintenant = HorlogeSysteme().maintenant()
            await membres.synchroniser_equipe(
                session, reglages.equipe_telegram_ids, maintenant=maintenant
            )
            await sources.synchroniser_sources(session, flux, maintenant=maintenant)
    except BaseException:
        await moteur.dispose()
        raise
    return moteur, sessions


def creer_bot(reglages: Reglages) -> Bot:
    serveur = TelegramAPIServer.from_base(reglages.telegram_api_url)
    return Bot(
        reglages.jeton,
        session=AiohttpSession(api=serveur),
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )


def _parent(nom: str, role: Role, enfants: list[Router]) -> Router:
    parent = Router(name=nom)
    parent.message.filter(RoleFiltre(role))
    parent.callback_query.filter(RoleFiltre(role))
    parent.include_routers(*enfants)
    return parent


def construire_dispatcher(
    *,
    sessions: FabriqueSessions,
    catalogue: Catalogue,
    reglages: Reglages,
    horloge: Horloge,
    reveiller_expediteur: Callable[[], None],
    client_http: httpx.AsyncClient,
) -> Dispatcher:
    stockage, isolation = stockage_et_isolation(reglages, sessions)
    dp = Dispatcher(
        storage=stockage,
        isolation=isolation,  # applied by IsolationMiddleware, after flood control
        catalogue=catalogue,
        reglages=reglages,
        horloge=horloge,
        reveiller_expediteur=reveiller_expediteur,
        client_http=client_http,
        mode_webhook=False,  # set by executer(): the calendar URL is served in webhook mode only
        url_console=lambda: None,  # set by construire(): where the console is served
    )
    # Flood control first: a flooder's updates are dropped before any database work.
    limiteur = Limiteur(
        rafale=reglages.anti_flood_rafale, par_seconde=reglages.anti_flood_par_minute / 60
    )
    dp.update.outer_middleware(
        AntiFloodMiddleware(limiteur, horloge, catalogue, reglages.langue_defaut)
    )
    # Then one update at a time per person (a double tap is handled once)...
    dp.update.outer_middleware(IsolationMiddleware(isolation))
    # aiogram reads the conversation's state in its FSM middleware, first by default: it must
    # read it inside the isolation, or a double tap's second update reads the state the first
    # one is about to change.
    dp.update.outer_middleware.unregister(dp.fsm)
    dp.update.outer_middleware(dp.fsm)
    # ...and a bounded number at a time, within the database pool (assemblee.db), the rest of
    # which serves the outbox and the scheduler.
    dp.update.outer_middleware(PortillonMiddleware(TRAITEMENTS_SIMULTANES))
    dp.update.outer_middleware(ContexteMiddleware(sessions, catalogue, reglages.langue_defaut))
    # The bot speaks in private chats only: in a group it would leak members' data.
    dp.message.filter(F.chat.type == ChatType.PRIVATE)
    dp.errors.register(gerer_erreur)
    routeurs = commandes.get_routers()
    equipe = _parent("equipe", Role.EQUIPE, routeurs.equipe)
    animateurs = _parent("animateurs", Role.ANIMATEUR, [*routeurs.animateurs, equipe])
    membres_ = _parent("membres", Role.MEMBRE, [*routeurs.membres, animateurs])
    dp.include_routers(*routeurs.publics, membres_, *routeurs.repli)
    return dp


async def construire(reglages: Reglages, horloge: Horloge | None = None) -> Application:
    # A second process on a SQLite database is refused before it touches the database (one
    # sentence, exit 2); on PostgreSQL this process joins the others (bot/verrous.py).
    verrous = Verrous(reglages.database_url)
    await verrous.ouvrir()
    try:
        moteur, sessions = await preparer_base(reglages)
    except BaseException:
        await verrous.fermer()
        raise
    catalogue = Catalogue(defaut=reglages.langue_defaut)
    horloge = horloge or HorlogeSysteme()
    bot = creer_bot(reglages)
    expediteur = Expediteur(
        bot=bot,
        sessions=sessions,
        horloge=horloge,
        reglages=reglages,
        catalogue=catalogue,
        verrous=verrous,
    )
    # One HTTP client for the watch's feeds and links.
    client_http = collecte.creer_client(adresses_privees=reglages.veille_adresses_privees)
    planificateur = Planificateur(
        sessions=sessions,
        horloge=horloge,
        catalogue=catalogue,
        expediteur=expediteur,
        reglages=reglages,
        client_http=client_http,
        verrous=verrous,
    )
    dp = construire_dispatcher(
        sessions=sessions,
        catalogue=catalogue,
        reglages=reglages,
        horloge=horloge,
        reveiller_expediteur=expediteur.reveiller,
        client_http=client_http,
    )
    app = Application(
        reglages,
        horloge,
        moteur,
        sessions,
        catalogue,
        bot,
        dp,
        expediteur,
        planificateur,
        client_http,
        verrous,
    )
    dp["url_console"] = lambda: console.url_console(app) if reglages.console else None
    return app


async def installer_menus(app: Application) -> None:
    """Telegram's command menus: the default one, then one per chat that differs from it, and
    the chats whose rights changed (a menu left from a former role is removed)."""
    await menu.installer_defaut(app.bot, app.catalogue)
    async with app.sessions() as session:
        fiches = await membres.lister(session)
        changes = {m.id for m in await membres.droits_changes(session)}
    for fiche in fiches:
        if menu.a_menu_propre(fiche.membre) or fiche.membre.id in changes:
            await menu.installer(
                app.bot, fiche.membre, app.catalogue, console_url=app.reglages.console_url_publique
            )


def _en_fond(app: Application, coroutine: Coroutine[Any, Any, None], nom: str) -> None:
    tache = asyncio.create_task(coroutine, name=nom)
    app.taches.add(tache)
    tache.add_done_callback(app.taches.discard)


async def _attendre_son_tour(app: Application) -> bool:
    """Several processes on PostgreSQL: one long-polls Telegram, the others send and wait to
    take over from it (bot/verrous.py). False when stopped while waiting."""
    while not await app.verrous.sonder():
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(app.arret.wait(), REESSAI_MENEUR)
            return False
    return True


async def executer(app: Application, *, signaux: bool = False, webhook: bool = False) -> None:
    """Serve updates (long polling, or webhook) with the sender and the scheduler alongside,
    until stopped. The command menus are installed in the background: their failure is
    harmless."""
    app.dp["mode_webhook"] = webhook
    await app.verrous.ouvrir()  # taken by `construire`; again if released since
    # Everything built so far lives as long as the process: keep it out of the garbage
    # collector's way, so its pauses stay short while the outbox paces messages.
    gc.collect()
    gc.freeze()
    _en_fond(app, installer_menus(app), "menus")
    expediteur = asyncio.create_task(app.expediteur.tourner(), name="expediteur")
    await app.verrous.mener()  # before the first ticks: lead now if nobody does
    app.planificateur.demarrer()
    try:
        if webhook:
            await servir_webhook(app, signaux=signaux)
        else:
            async with contextlib.AsyncExitStack() as pile:
                if app.reglages.console:
                    app.console_url_locale = await pile.enter_async_context(console.servir(app))
                await _sonder_et_interroger(app, signaux=signaux)
    finally:
        app.expediteur.arreter()
        await app.planificateur.arreter()
        await expediteur


async def _sonder_et_interroger(app: Application, *, signaux: bool) -> None:
    """Long polling, once this process leads (bot/verrous.py)."""
    if signaux:  # until polling (aiogram's handlers then), a stop is a clean stop
        for signal_ in (signal.SIGTERM, signal.SIGINT):
            asyncio.get_running_loop().add_signal_handler(signal_, app.arret.set)
    if not await _attendre_son_tour(app):
        return
    try:  # a webhook left from webhook mode would make polling fail with 409
        await app.bot.delete_webhook()
    except (TelegramAPIError, TelegramNetworkError) as exc:
        journal.warning("deleteWebhook en échec (%s) ; le polling réessaiera", exc)
    await app.dp.start_polling(
        app.bot, handle_signals=signaux, allowed_updates=app.dp.resolve_used_update_types()
    )
