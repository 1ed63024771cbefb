"""The one sender: drains the outbox within Telegram's limits and records every outcome.

- Limits (real time): at most N messages/s overall, about 1/s per private chat with short
  bursts, M/min per group chat. A 429 pauses all sending for its retry_after, then the same
  message goes again. 5xx and timeouts are retried with exponential backoff (on the
  injected clock), then marked failed. 403 or "chat not found" marks the member unreachable.
  Telegram unreachable (no connection could be made: nothing was sent) is no message's
  fault: the message goes back untouched and all sending pauses briefly, however long the
  outage lasts.
- Crash safety: at most `envois_simultanes` rows are claimed at a time, each under a lease
  held by this process (bot/verrous.py); a row is marked sent right after Telegram accepts it.
  After a crash the claimed rows go back to the queue, so the only possible duplicates are the
  messages that were in flight. Rows another live process holds are never taken.
- A send Telegram accepted is sent, whatever the database says: when its outcome can't be
  written (database busy or gone), the message id is kept in memory and the write retried
  until it succeeds; the row is never sent again meanwhile.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import time
from collections import deque
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from aiogram import Bot
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
)
from aiogram.methods import (
    AnswerCallbackQuery,
    CopyMessage,
    DeleteMessage,
    DeleteMyCommands,
    DeleteWebhook,
    EditMessageCaption,
    EditMessageReplyMarkup,
    EditMessageText,
    GetChat,
    GetFile,
    GetMe,
    GetUpdates,
    Response,
    SendChatAction,
    SendDocument,
    SendMessage,
    SendPhoto,
    SetMyCommands,
    SetWebhook,
    TelegramMethod,
)
from aiogram.methods.base import TelegramType
from aiogram.types import BufferedInputFile, InlineKeyboardMarkup, Message
from aiohttp import ClientConnectorError
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import annonces, envois
from assemblee.db import FabriqueSessions, reessayer_ecriture
from assemblee.envois import EnvoiReclame
from assemblee.horloge import Horloge
from assemblee.modeles import NatureEnvoi, StatutEnvoi
from assemblee.textes import Catalogue
from bot.verrous import Verrous
from commandes import claviers
from config.reglages import Reglages

journal = logging.getLogger(__name__)

# Telegram's refusals of an edit that are no one's fault (as commandes.claviers knows them).
EDITIONS_SANS_SUITE = (
    "message is not modified",
    "message can't be edited",
    "message to edit not found",
)

# Measured rates run a little under the limits: timing jitter between our clock and
# Telegram's must not turn a message sent "exactly on time" into a violation.
MARGE = 1.05
INACTIF = 1.0  # seconds between two looks at an idle queue


@dataclass
class Debit:
    """Telegram's limits as token buckets and sliding windows, on a monotonic clock.

    A send holds its place in the global window from its launch until Telegram answers, and
    that place is then dated from the answer: a request delayed on its way (a slow network, a
    garbage-collection pause) can't arrive bunched with later ones and break the limit.
    """

    par_seconde: float
    par_chat: float
    rafale_chat: int
    groupe_par_minute: int
    horloge: Callable[[], float] = time.monotonic
    _global: deque[float] = field(default_factory=deque)
    _en_vol: int = 0
    _chats: dict[int, tuple[float, float]] = field(default_factory=dict)  # tokens, at
    _groupes: dict[int, deque[float]] = field(default_factory=dict)
    _pause_jusqua: float = 0.0

    def suspendre(self, secondes: float) -> None:
        self._pause_jusqua = max(self._pause_jusqua, self.horloge() + secondes)

    def delai(self, chat_id: int) -> float:
        """Seconds to wait before a message to this chat may go (0: now)."""
        t = self.horloge()
        attentes = [self._pause_jusqua - t]
        fenetre = MARGE
        # Same expression to expire and to wait: a float rounding must not let one through.
        while self._global and self._global[0] + fenetre <= t:
            self._global.popleft()
        if len(self._global) + self._en_vol >= math.floor(self.par_seconde):
            # Full: wait for the oldest answered send to leave the window, or for one in
            # flight to be answered (its completion wakes the sender up).
            attentes.append(self._global[0] + fenetre - t if self._global else INACTIF)
        if chat_id < 0:
            envoyes = self._groupes.setdefault(chat_id, deque())
            while envoyes and envoyes[0] + 60 * MARGE <= t:
                envoyes.popleft()
            if len(envoyes) >= self.groupe_par_minute:
                attentes.append(envoyes[0] + 60 * MARGE - t)
        else:
            jetons = self._jetons(chat_id, t)
            if jetons < 1:
                attentes.append((1 - jetons) * MARGE / self.par_chat)
        return max(0.0, *attentes)

    def consommer(self, chat_id: int) -> None:
        """A send is launched: it takes its place (call `liberer` once Telegram answered)."""
        t = self.horloge()
        self._en_vol += 1
        if chat_id < 0:
            self._groupes.setdefault(chat_id, deque()).append(t)
        else:
            # Never below zero: replies to a member can't be delayed, so they are not a debt.
            self._chats[chat_id] = (max(0.0, self._jetons(chat_id, t) - 1), t)

    def liberer(self) -> None:
        """Telegram answered a send: its place in the window now dates from this moment."""
        self._en_vol = max(0, self._en_vol - 1)
        self._global.append(self.horloge())

    def _jetons(self, chat_id: int, t: float) -> float:
        jetons, depuis = self._chats.get(chat_id, (float(self.rafale_chat), t))
        return min(float(self.rafale_chat), jetons + (t - depuis) * self.par_chat / MARGE)


# Set while the sender itself calls Telegram: its sends are already counted by the Debit.
_ENVOI_DE_LA_FILE: ContextVar[bool] = ContextVar("envoi_de_la_file", default=False)
METHODES_D_ENVOI = (SendMessage, SendPhoto, SendDocument, CopyMessage)


class PieceIntrouvable(Exception):
    """The file an Envoi points to was deleted: nothing to send, ever."""


class CompteurInteractif(BaseRequestMiddleware):
    """Direct replies to a member (outside the outbox) use the same per-chat and global
    budget: the outbox then waits a little in a chat that is busy with a conversation."""

    def __init__(self, debit: Debit) -> None:
        self.debit = debit

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        chat_id = getattr(method, "chat_id", None)
        envoi = type(method) in METHODES_D_ENVOI  # not isinstance: it would narrow `method`
        if not envoi or _ENVOI_DE_LA_FILE.get() or not isinstance(chat_id, int):
            return await make_request(bot, method)
        self.debit.consommer(chat_id)
        try:
            return await make_request(bot, method)
        finally:
            self.debit.liberer()


# Safe to send again after a dropped connection, whether or not Telegram acted on the first:
# doing them twice is doing them once (edits, deletions, answers to a button, reads, menus).
METHODES_IDEMPOTENTES = (
    EditMessageText,
    EditMessageReplyMarkup,
    EditMessageCaption,
    DeleteMessage,
    AnswerCallbackQuery,
    SendChatAction,
    SetMyCommands,
    DeleteMyCommands,
    GetMe,
    GetChat,
    GetFile,
)


# A direct reply that Telegram asks to wait for (429) waits this long at most, then goes once
# more: a person is waiting for it. Longer, the reply is dropped (the outbox keeps its own).
REPIT_MAX_INTERACTIF = 5


class ReessaiInteractif(BaseRequestMiddleware):
    """A direct reply lost to a dropped connection is tried once more, as the outbox does for
    its own messages (which this leaves to the outbox: it records and paces its retries).
    A reply refused with a short flood wait (429, nothing was done) waits it out, then goes
    once more: right after an outbox burst to the same chat, the reply to the person's next
    tap would otherwise be lost to "Une erreur est survenue".

    Retried: a method of METHODES_IDEMPOTENTES; a reply that sends (a preview, a
    confirmation), because a reply shown twice costs a glance while a lost one leaves the
    person without the button to go on; any method whose connection was never made (nothing
    reached Telegram). Never retried: getUpdates (the poller has its own loop) and the
    webhook's setup (the caller decides)."""

    def __init__(self, dormir: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        self.dormir = dormir  # tests move the stand-in's clock instead of waiting

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        if _ENVOI_DE_LA_FILE.get() or isinstance(method, GetUpdates | SetWebhook | DeleteWebhook):
            return await make_request(bot, method)
        try:
            return await make_request(bot, method)
        except TelegramRetryAfter as exc:
            if exc.retry_after > REPIT_MAX_INTERACTIF:
                raise
            journal.warning(
                "%s : Telegram demande %s s d'attente, nouvel essai",
                type(method).__name__,
                exc.retry_after,
            )
            await self.dormir(exc.retry_after)
            return await make_request(bot, method)
        except TelegramNetworkError as exc:
            jamais_parti = isinstance(exc.__cause__, ClientConnectorError)
            sure = isinstance(method, METHODES_D_ENVOI + METHODES_IDEMPOTENTES)
            if not (jamais_parti or sure):
                raise
            journal.warning("%s : connexion perdue, nouvel essai", type(method).__name__)
            return await make_request(bot, method)


class Expediteur:
    def __init__(
        self,
        *,
        bot: Bot,
        sessions: FabriqueSessions,
        horloge: Horloge,
        reglages: Reglages,
        catalogue: Catalogue,
        verrous: Verrous,
    ) -> None:
        self.verrous = verrous
        self.bot = bot
        self.sessions = sessions
        self.horloge = horloge
        self.reglages = reglages
        self.catalogue = catalogue
        self.debit = Debit(
            par_seconde=reglages.envois_par_seconde,
            par_chat=reglages.envois_par_chat_par_seconde,
            rafale_chat=reglages.envois_rafale_chat,
            groupe_par_minute=reglages.envois_groupe_par_minute,
        )
        # Outermost first: each attempt of a retried reply is counted in the budget.
        self.reessai = ReessaiInteractif()
        bot.session.middleware(self.reessai)
        bot.session.middleware(CompteurInteractif(self.debit))
        self.simultanes = reglages.envois_simultanes
        self._reveil = asyncio.Event()
        self._arret = asyncio.Event()
        self._en_vol: set[asyncio.Task[None]] = set()
        self._annonces: set[int] = set()
        self._premiers_envois: dict[int, asyncio.Lock] = {}
        self._progres = asyncio.Event()
        # Sends Telegram accepted whose outcome is not written yet: envoi id -> message id, at.
        self.a_noter: dict[int, tuple[int, datetime]] = {}
        # Telegram could not be reached: nothing is sent before this instant (injected clock).
        self.injoignable_jusqua: datetime | None = None

    def reveiller(self) -> None:
        """Something was queued or the clock moved: look at the queue now."""
        self._reveil.set()

    def arreter(self) -> None:
        self._arret.set()
        self._reveil.set()

    async def attendre_progres(self, delai: float) -> None:
        """Return after the next recorded outcome (or after `delai` seconds): lets a watcher
        re-read the database exactly when it may have changed."""
        evenement = self._progres
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(evenement.wait(), delai)

    async def tourner(self) -> None:
        vivants = await self.verrous.vivants()
        async with self.sessions() as session:
            repris = await envois.reprendre(
                session, maintenant=self.horloge.maintenant(), vivants=vivants
            )
        if repris:
            journal.warning("%d envoi(s) en vol lors de l'arrêt précédent : remis en file", repris)
        attente: list[EnvoiReclame] = []
        try:
            while not self._arret.is_set():
                pause = await self._pause()
                if pause > 0:
                    await self._dormir(min(pause, INACTIF))
                    continue
                place = self.simultanes - len(self._en_vol) - len(attente)
                if place > 0:
                    attente += await self._reclamer(place)
                if not attente:
                    if not self._en_vol:  # every outcome written: reports can be counted
                        await self._bilans()
                    await self._dormir(INACTIF)
                    continue
                choisi, delai = self._choisir(attente)
                if choisi is None or len(self._en_vol) >= self.simultanes:
                    await self._dormir(delai if choisi is None else INACTIF)
                    continue
                attente.remove(choisi)
                self._lancer(choisi)
        finally:
            if self._en_vol:
                await asyncio.gather(*self._en_vol, return_exceptions=True)
            if self.a_noter and not await self._noter_en_retard():
                journal.error(
                    "%d envoi(s) acceptés par Telegram mais non enregistrés à l'arrêt : %s",
                    len(self.a_noter),
                    sorted(self.a_noter),
                )
            if attente:
                async with self.sessions() as session:
                    for envoi in attente:
                        await envois.remettre(session, envoi.id)

    async def _reclamer(self, place: int) -> list[EnvoiReclame]:
        try:
            async with self.sessions() as session:
                return await envois.reclamer(
                    session,
                    maintenant=self.horloge.maintenant(),
                    limite=place,
                    heures_calmes=self.reglages.heures_calmes,
                    fuseau=self.reglages.fuseau,
                    proprietaire=self.verrous.identite,
                )
        except Exception:
            # The database may be restarting: keep the bot alive and look again shortly.
            journal.exception("file d'envoi illisible ; nouvel essai dans %s s", INACTIF)
            return []

    async def _pause(self) -> float:
        """Seconds to wait before claiming more: a send whose outcome is still unwritten
        (the database is failing) or Telegram unreachable."""
        if self.a_noter and not await self._noter_en_retard():
            return INACTIF
        return self._pause_injoignable()

    def _pause_injoignable(self) -> float:
        if self.injoignable_jusqua is None:
            return 0.0
        return (self.injoignable_jusqua - self.horloge.maintenant()).total_seconds()

    def _noter_injoignable(self, exc: TelegramAPIError) -> None:
        if self.injoignable_jusqua is None:
            journal.warning("Telegram injoignable (%s) : envois suspendus", exc.message)
        self.injoignable_jusqua = self.horloge.maintenant() + timedelta(
            seconds=self.reglages.envois_delai_reessai_secondes
        )

    def _choisir(self, attente: list[EnvoiReclame]) -> tuple[EnvoiReclame | None, float]:
        plus_court = INACTIF
        for envoi in attente:
            delai = 0.0 if envoi.chat_id is None else self.debit.delai(envoi.chat_id)
            if delai <= 0:
                return envoi, 0.0
            plus_court = min(plus_court, delai)
        return None, plus_court

    def _lancer(self, envoi: EnvoiReclame) -> None:
        if envoi.chat_id is not None:
            self.debit.consommer(envoi.chat_id)
        tache = asyncio.create_task(self._envoyer(envoi), name=f"envoi-{envoi.id}")
        self._en_vol.add(tache)

        def _fin(t: asyncio.Task[None]) -> None:
            self._en_vol.discard(t)
            self._reveil.set()

        tache.add_done_callback(_fin)

    async def _dormir(self, secondes: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._reveil.wait(), max(secondes, 0.001))
        self._reveil.clear()

    async def _envoyer(self, envoi: EnvoiReclame) -> None:
        _ENVOI_DE_LA_FILE.set(True)  # this task's own context
        if envoi.annonce_id is not None:
            self._annonces.add(envoi.annonce_id)
        try:
            await self._envoyer_et_noter(envoi)
        except Exception:
            # Recording failed (database down?): the row stays in flight until the next start
            # or the periodic sweep puts it back. Never let one message stop the sender.
            journal.exception("envoi %s : résultat non enregistré", envoi.id)
        finally:
            self._progres.set()
            self._progres = asyncio.Event()

    async def _noter(self, action: Callable[[AsyncSession], Awaitable[object]]) -> None:
        """Write an outcome in its own session, retried while the failure is transient."""

        async def une_fois() -> None:
            async with self.sessions() as session:
                await action(session)

        await reessayer_ecriture(une_fois)

    async def _noter_en_retard(self) -> bool:
        """Write the sends Telegram accepted whose outcome could not be written; True when
        none is left."""
        for envoi_id, (message_id, le) in list(self.a_noter.items()):
            try:
                async with self.sessions() as session:
                    await envois.marquer_envoye(
                        session, envoi_id, message_id=message_id, maintenant=le
                    )
            except Exception as exc:
                journal.warning("envoi %s : résultat toujours pas enregistré (%s)", envoi_id, exc)
                return False
            del self.a_noter[envoi_id]
            journal.warning("envoi %s : résultat enregistré en retard", envoi_id)
        return True

    async def _refus(self, envoi: EnvoiReclame, refus: str) -> None:
        """Telegram refused the request itself (400)."""
        maintenant = self.horloge.maintenant
        if "chat not found" in refus.lower():
            await self._noter(
                lambda s: envois.marquer_injoignable(
                    s, envoi.id, erreur=refus, maintenant=maintenant()
                )
            )
        elif envoi.contenu.modifie is not None and any(
            raison in refus for raison in EDITIONS_SANS_SUITE
        ):
            # An edit of a message gone, too old, or already as wanted: nothing to do.
            await self._noter(lambda s: envois.abandonner(s, envoi.id, erreur=refus))
        else:
            journal.error("envoi %s refusé par Telegram : %s", envoi.id, refus)
            await self._noter(lambda s: envois.abandonner(s, envoi.id, erreur=refus))

    async def _envoyer_et_noter(self, envoi: EnvoiReclame) -> None:
        maintenant = self.horloge.maintenant
        if envoi.chat_id is None:
            await self._noter(
                lambda s: envois.marquer_injoignable(
                    s, envoi.id, erreur="compte Telegram délié", maintenant=maintenant()
                )
            )
            return
        try:
            message = await self._appeler(envoi.chat_id, envoi.contenu)
        except PieceIntrouvable:
            await self._noter(lambda s: envois.abandonner(s, envoi.id, erreur="fichier supprimé"))
        except TelegramRetryAfter as exc:
            journal.warning("429 de Telegram : pause de %s s", exc.retry_after)
            self.debit.suspendre(exc.retry_after)
            await self._noter(lambda s: envois.remettre(s, envoi.id))
        except TelegramForbiddenError as exc:
            refus = exc.message
            await self._noter(
                lambda s: envois.marquer_injoignable(
                    s, envoi.id, erreur=refus, maintenant=maintenant()
                )
            )
        except TelegramBadRequest as exc:
            await self._refus(envoi, exc.message)
        except (TelegramNetworkError, TelegramAPIError) as exc:
            if isinstance(exc.__cause__, ClientConnectorError):
                # Never connected, so never sent: an outage must not use up its attempts.
                self._noter_injoignable(exc)
                await self._noter(lambda s: envois.remettre(s, envoi.id))
                return
            statuts: list[StatutEnvoi] = []
            panne = f"{type(exc).__name__}: {exc.message}"

            async def reessayer(s: AsyncSession) -> None:
                statuts.append(
                    await envois.reessayer_ou_abandonner(
                        s,
                        envoi.id,
                        erreur=panne,
                        maintenant=maintenant(),
                        tentatives_max=self.reglages.envois_tentatives_max,
                        delai_base=timedelta(seconds=self.reglages.envois_delai_reessai_secondes),
                    )
                )

            await self._noter(reessayer)
            journal.warning("envoi %s : %s (%s)", envoi.id, type(exc).__name__, statuts[-1:])
        else:
            if self.injoignable_jusqua is not None:
                journal.warning("Telegram de nouveau joignable : envois repris")
                self.injoignable_jusqua = None
            envoye_le = maintenant()
            try:
                await self._noter(
                    lambda s: envois.marquer_envoye(
                        s, envoi.id, message_id=message.message_id, maintenant=envoye_le
                    )
                )
            except Exception:
                # Telegram has it: never send it again. Written later by `_noter_en_retard`.
                self.a_noter[envoi.id] = (message.message_id, envoye_le)
                raise

    async def _appeler(self, chat_id: int, contenu: envois.Contenu) -> Message:
        """One send; its place in the global window is dated from Telegram's answer."""
        try:
            return await self._appeler_telegram(chat_id, contenu)
        finally:
            self.debit.liberer()

    async def _appeler_telegram(self, chat_id: int, contenu: envois.Contenu) -> Message:
        clavier = claviers.de_la_file(contenu.clavier, self.catalogue)
        if contenu.nature == NatureEnvoi.MODIFICATION:
            assert contenu.modifie is not None
            modifie = await self.bot.edit_message_text(
                text=contenu.texte,
                chat_id=chat_id,
                message_id=contenu.modifie,
                reply_markup=clavier,
            )
            assert isinstance(modifie, Message)
            return modifie
        if contenu.piece_id is not None:
            return await self._envoyer_piece(chat_id, contenu, clavier)
        if contenu.nature == NatureEnvoi.PHOTO:
            assert contenu.fichier_id is not None
            return await self.bot.send_photo(
                chat_id, contenu.fichier_id, caption=contenu.texte or None, reply_markup=clavier
            )
        if contenu.nature == NatureEnvoi.DOCUMENT:
            assert contenu.fichier_id is not None
            return await self.bot.send_document(
                chat_id, contenu.fichier_id, caption=contenu.texte or None, reply_markup=clavier
            )
        return await self.bot.send_message(chat_id, contenu.texte, reply_markup=clavier)

    async def _envoyer_piece(
        self, chat_id: int, contenu: envois.Contenu, clavier: InlineKeyboardMarkup | None
    ) -> Message:
        """Our own file: uploaded the first time, then re-sent by Telegram's file id. The
        first upload goes alone: the sends behind it wait for its file id instead of each
        uploading the same picture again."""
        assert contenu.piece_id is not None
        async with self.sessions() as session:
            piece = await envois.piece(session, contenu.piece_id)
        if piece is not None and piece.telegram_file_id:
            return await self._envoyer_piece_une_fois(chat_id, contenu, clavier)
        # One small lock per picture (a poll's results): a few a week.
        async with self._premiers_envois.setdefault(contenu.piece_id, asyncio.Lock()):
            return await self._envoyer_piece_une_fois(chat_id, contenu, clavier)

    async def _envoyer_piece_une_fois(
        self, chat_id: int, contenu: envois.Contenu, clavier: InlineKeyboardMarkup | None
    ) -> Message:
        assert contenu.piece_id is not None
        async with self.sessions() as session:
            piece = await envois.piece(session, contenu.piece_id)
        if piece is None:
            raise TelegramBadRequest(
                method=SendDocument(chat_id=chat_id, document=""), message="file gone"
            )
        fichier: str | BufferedInputFile = piece.telegram_file_id or BufferedInputFile(
            piece.contenu, filename=piece.nom
        )
        legende = contenu.texte or None
        if contenu.nature == NatureEnvoi.PHOTO:
            message = await self.bot.send_photo(
                chat_id, fichier, caption=legende, reply_markup=clavier
            )
            file_id = message.photo[-1].file_id if message.photo else None
        else:
            message = await self.bot.send_document(
                chat_id, fichier, caption=legende, reply_markup=clavier
            )
            file_id = message.document.file_id if message.document else None
        if piece.telegram_file_id is None and file_id:
            async with self.sessions() as session:
                await envois.retenir_fichier_telegram(session, piece.id or 0, file_id)
        return message

    async def _bilans(self) -> None:
        """When the queue is idle, report on the announcements whose sending has ended."""
        if not self._annonces:
            return
        touchees, self._annonces = self._annonces, set()
        try:
            async with self.sessions() as session:
                if await annonces.envoyer_bilans(
                    session,
                    maintenant=self.horloge.maintenant(),
                    catalogue=self.catalogue,
                    annonce_ids=touchees,
                ):
                    self._reveil.set()
            self._progres.set()
            self._progres = asyncio.Event()
        except Exception:
            self._annonces |= touchees
            journal.exception("bilans d'annonces non préparés")
