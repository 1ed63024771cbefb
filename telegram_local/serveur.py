"""The Bot API server, over real HTTP on 127.0.0.1: the methods the bot uses, per-chat
histories, fault injection, flood limits, webhook delivery and files."""

from __future__ import annotations

import asyncio
import contextlib
import json
import mimetypes
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from aiohttp import web

from telegram_local.client import Utilisateur
from telegram_local.html import ErreurEntites, _rogner, longueur_utf16, parser_html
from telegram_local.limites import Violations, _Limiteur
from telegram_local.messages import (
    Bouton,
    DocumentLocal,
    MessageLocal,
    ReponseBouton,
    _Callback,
    _Chat,
)

LONGUEUR_MAX_TEXTE = 4096
LONGUEUR_MAX_LEGENDE = 1024
LONGUEUR_MAX_REPONSE_BOUTON = 200
TAILLE_MAX_FICHIER = 50 * 1024 * 1024

_NON_MODIFIE = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
_CONFLIT_WEBHOOK = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)
_REQUETE_TROP_VIEILLE = (
    "Bad Request: query is too old and response timeout expired or query ID is invalid"
)
_DESCRIPTIONS_PAR_CODE = {
    400: "Bad Request: injected failure",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict: terminated by other getUpdates request",
    413: "Request Entity Too Large",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}
# Update types delivered when allowed_updates is empty or never set.
_TYPES_PAR_DEFAUT = frozenset(
    {
        "message",
        "edited_message",
        "channel_post",
        "edited_channel_post",
        "business_connection",
        "business_message",
        "edited_business_message",
        "deleted_business_messages",
        "inline_query",
        "chosen_inline_result",
        "callback_query",
        "shipping_query",
        "pre_checkout_query",
        "purchased_paid_media",
        "poll",
        "poll_answer",
        "my_chat_member",
        "chat_join_request",
        "chat_boost",
        "removed_chat_boost",
    }
)
# Parameters that aiogram sends JSON-encoded inside form fields.
_CLES_JSON = frozenset(
    {
        "reply_markup",
        "scope",
        "commands",
        "allowed_updates",
        "entities",
        "caption_entities",
        "link_preview_options",
        "reply_parameters",
    }
)
# Message-sending methods: subject to rate limits and to retry_after windows.
_METHODES_ENVOI = frozenset({"sendMessage", "sendDocument", "sendPhoto", "copyMessage"})
# Pending connections the listening socket queues; aiohttp's default (128) makes a burst
# of a few hundred concurrent connections wait for SYN retransmits (1 s and more).
_FILE_CONNEXIONS = 1024
_ACTIONS_BOUTON = (
    "callback_data",
    "url",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)


# --------------------------------------------------------------------------- data classes


@dataclass
class Appel:
    methode: str
    params: dict[str, Any]
    code: int
    horodatage: float
    description: str | None = None


@dataclass
class LivraisonWebhook:
    update_id: int
    tentative: int
    statut: int | None
    erreur: str | None
    horodatage: float


# --------------------------------------------------------------------------- internals


class _ErreurApi(Exception):
    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after

    def corps(self) -> dict[str, Any]:
        corps: dict[str, Any] = {
            "ok": False,
            "error_code": self.code,
            "description": self.description,
        }
        if self.retry_after is not None:
            corps["parameters"] = {"retry_after": self.retry_after}
        return corps


def _requete_invalide(description: str) -> _ErreurApi:
    return _ErreurApi(400, f"Bad Request: {description}")


class _Signal:
    """Condition-variable-like change notification usable from sync code."""

    def __init__(self) -> None:
        self._evenement = asyncio.Event()

    def notifier(self) -> None:
        evenement, self._evenement = self._evenement, asyncio.Event()
        evenement.set()

    async def attendre(self, predicat: Callable[[], bool], delai: float | None) -> bool:
        """Wait until predicat() is true; False on timeout (real seconds).

        predicat() runs once per wake-up, not once per notification: notifications made
        while the waiter is not yet scheduled coalesce. One timer per wait (no task per
        wake-up), so long waits across thousands of API calls stay cheap."""
        if predicat():
            return True
        if delai is not None and delai <= 0:
            return False
        expire = False
        poignee: asyncio.TimerHandle | None = None
        if delai is not None:

            def expirer() -> None:
                nonlocal expire
                expire = True
                self.notifier()

            poignee = asyncio.get_running_loop().call_later(delai, expirer)
        try:
            while True:
                await self._evenement.wait()
                if predicat():
                    return True
                if expire:
                    return False
        finally:
            if poignee is not None:
                poignee.cancel()


@dataclass
class _Panne:
    code: int
    methode: str | None
    chat_id: int | None
    description: str
    retry_after: int | None
    restantes: int


@dataclass
class _Webhook:
    url: str = ""
    secret: str | None = None
    max_connections: int = 40
    derniere_erreur_date: int | None = None
    derniere_erreur: str | None = None


def _sans_none(valeur: Any) -> Any:
    if isinstance(valeur, dict):
        return {k: _sans_none(v) for k, v in valeur.items() if v is not None}
    if isinstance(valeur, list):
        return [_sans_none(v) for v in valeur]
    return valeur


def _type_update(update: dict[str, Any]) -> str:
    return next((k for k in update if k != "update_id"), "")


async def _lire_multipart(
    lecteur: aiohttp.MultipartReader,
) -> tuple[dict[str, Any], dict[str, DocumentLocal]]:
    params: dict[str, Any] = {}
    fichiers: dict[str, DocumentLocal] = {}
    while True:
        partie = await lecteur.next()
        if partie is None:
            break
        if not isinstance(partie, aiohttp.BodyPartReader):
            await partie.release()
            continue
        nom = partie.name or ""
        if partie.filename is not None:
            contenu = await partie.read(decode=True)
            mime = partie.headers.get(aiohttp.hdrs.CONTENT_TYPE, "application/octet-stream")
            if mime == "application/octet-stream":
                mime = mimetypes.guess_type(partie.filename)[0] or mime
            fichiers[nom] = DocumentLocal(partie.filename, mime, bytes(contenu))
        else:
            params[nom] = await partie.text()
    return params, fichiers


# --------------------------------------------------------------------------- server


class TelegramLocal:
    """Local Bot API server with per-chat histories, fault injection and limits."""

    def __init__(
        self,
        *,
        jeton: str = "123456:TEST-local-token-aaaaaaaaaaaaaaaaaaaaaaaa",
        bot_id: int = 123456,
        username: str = "assemblee_test_bot",
        prenom: str = "Assemblée",
        horloge: Callable[[], float] = time.monotonic,
        imposer_limites: bool = False,
        pas_humain: float = 0.0,
        grace_retry_after: float = 0.0,
        grace_en_vol: int = 0,
    ) -> None:
        """`pas_humain`: seconds each injected user update advances the rate-limit clock.
        Simulated users act at machine speed; real people take at least a second between two
        taps, and Telegram's per-chat limit is about a bot's pace, not the user's.

        `grace_retry_after`: sends arriving this soon after a 429 are not counted as ignoring
        it: a client sending in parallel had them on the wire before the 429 reached it.
        `grace_en_vol`: nor are the first that many sends of a 429's window, whenever they
        arrive (the client's parallel sends, minus the one refused)."""
        self.jeton = jeton
        self.bot_id = bot_id
        self.username = username
        self.prenom = prenom
        self.imposer_limites = imposer_limites
        self.url = ""
        self.appels: list[Appel] = []
        self.livraisons_webhook: list[LivraisonWebhook] = []
        self.tentatives_webhook = 3
        self.pause_webhook = 0.05
        self.longs_polls_en_attente = 0
        self._horloge = horloge
        self.pas_humain = pas_humain
        self._decalage_humain = 0.0
        self._limiteur = _Limiteur(lambda: horloge() + self._decalage_humain)
        self._limiteur.grace_retry_after = grace_retry_after
        self._limiteur.grace_en_vol = grace_en_vol
        self._signal = _Signal()
        self._arret = False
        self._coupe = False
        self._evenement_arret = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None
        self._tache_webhook: asyncio.Task[None] | None = None
        self._webhook = _Webhook()
        self._updates: list[dict[str, Any]] = []
        self._prochain_update = 1
        self._types_autorises: frozenset[str] = _TYPES_PAR_DEFAUT
        self._chats: dict[int, _Chat] = {}
        self._utilisateurs: dict[int, Utilisateur] = {}
        self._bloques: set[int] = set()
        self._fichiers: dict[str, DocumentLocal] = {}
        self._chemins: dict[str, str] = {}
        self._chemin_par_fichier: dict[str, str] = {}
        self._envois = 0
        self._envois_par_chat: dict[int, int] = {}
        self._prochain_fichier = 1
        self._callbacks: dict[str, _Callback] = {}
        self._prochain_callback = 1
        self._commandes: dict[tuple[str, str], list[dict[str, str]]] = {}
        self._boutons_menu: dict[int | None, dict[str, Any]] = {}  # chat id (None: default)
        self._pannes: list[_Panne] = []
        self._coupures: dict[str | None, int] = {}  # method (None: any) -> connections to drop
        self._latences: dict[str | None, float] = {}
        gestionnaires: dict[
            str, Callable[[dict[str, Any], dict[str, DocumentLocal]], Awaitable[Any]]
        ] = {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "editMessageCaption": self._edit_message_caption,
            "deleteMessage": self._delete_message,
            "answerCallbackQuery": self._answer_callback_query,
            "sendDocument": self._send_document,
            "sendPhoto": self._send_photo,
            "copyMessage": self._copy_message,
            "getFile": self._get_file,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "getChat": self._get_chat,
            "sendChatAction": self._send_chat_action,
            "setChatMenuButton": self._set_chat_menu_button,
            "getChatMenuButton": self._get_chat_menu_button,
        }
        self._methodes = {nom.lower(): (nom, g) for nom, g in gestionnaires.items()}

    # ---------------------------------------------------------------- lifecycle

    async def demarrer(self, host: str = "127.0.0.1", port: int = 0) -> str:
        """Start serving; returns the base URL."""
        app = web.Application(client_max_size=TAILLE_MAX_FICHIER + 1024 * 1024)
        app.router.add_route("*", "/bot{jeton}/{methode}", self._traiter_http)
        app.router.add_get("/file/bot{jeton}/{chemin:.+}", self._servir_fichier)
        self._runner = web.AppRunner(
            app, access_log=None, handler_cancellation=True, shutdown_timeout=1.0
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port, backlog=_FILE_CONNEXIONS)
        await site.start()
        port_reel = self._runner.addresses[0][1]
        self.url = f"http://{host}:{port_reel}"
        return self.url

    async def arreter(self) -> None:
        """Release pending long polls and stop the server."""
        self._arret = True
        self._evenement_arret.set()
        self._signal.notifier()
        await self._arreter_webhook()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def couper(self) -> None:
        """Unreachable, as in a network outage: connections are refused until `retablir`, and
        those open are closed (pending long polls answered empty first). Chats, queued updates
        and counters are kept."""
        if self._runner is None:
            return
        self._coupe = True
        self._signal.notifier()
        try:
            await self._runner.cleanup()
        finally:
            self._runner = None
            self._coupe = False

    async def retablir(self) -> str:
        """Reachable again, at the same address; returns it."""
        if self._runner is not None:
            return self.url
        adresse = urlsplit(self.url)
        assert adresse.hostname is not None and adresse.port is not None, "never started"
        return await self.demarrer(adresse.hostname, adresse.port)

    async def __aenter__(self) -> TelegramLocal:
        await self.demarrer()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.arreter()

    # ---------------------------------------------------------------- test-side API

    def utilisateur(
        self,
        user_id: int,
        prenom: str,
        nom: str | None = None,
        langue: str = "fr",
        username: str | None = None,
        connu: bool = False,
    ) -> Utilisateur:
        """Member client; its private chat id equals user_id.

        `connu=True`: the member started the bot earlier, so the bot may write to them
        right away; otherwise the chat stays unknown ("chat not found") until they write."""
        utilisateur = self._utilisateurs.get(user_id)
        if utilisateur is None:
            utilisateur = Utilisateur(self, user_id, prenom, nom, langue, username)
            self._utilisateurs[user_id] = utilisateur
        chat = self._chats.get(user_id)
        if chat is None:
            chat = _Chat(id=user_id, type="private", utilisateur=utilisateur.to_api())
            self._chats[user_id] = chat
        if connu:
            chat.connu = True
            if chat.utilisateur is None:
                chat.utilisateur = utilisateur.to_api()
        return utilisateur

    def ajouter_groupe(self, chat_id: int, titre: str, type_: str | None = None) -> None:
        """Declare a group chat the bot is a member of (negative id)."""
        genre = type_ or ("supergroup" if str(chat_id).startswith("-100") else "group")
        self._chats[chat_id] = _Chat(id=chat_id, type=genre, titre=titre, connu=True)

    def patienter(self, secondes: float) -> None:
        """A person takes `secondes` before acting again (reading what arrived, say): the
        rate-limit clock moves on, nothing waits."""
        self._decalage_humain += secondes

    def injecter_update(self, update: dict[str, Any]) -> int:
        """Queue a raw update (update_id is assigned) and return its id."""
        update_id = self._prochain_update
        self._prochain_update += 1
        self._decalage_humain += self.pas_humain
        complet = {"update_id": update_id, **{k: v for k, v in update.items() if k != "update_id"}}
        message = complet.get("message")
        if isinstance(message, dict) and isinstance(message.get("chat"), dict):
            chat = message["chat"]
            if chat.get("id") not in self._chats:
                self._chats[chat["id"]] = _Chat(
                    id=chat["id"],
                    type=chat.get("type", "private"),
                    titre=chat.get("title"),
                    utilisateur=message.get("from") if chat.get("type") == "private" else None,
                )
            self._chats[chat["id"]].connu = True
        if _type_update(complet) in self._types_autorises:
            self._updates.append(complet)
        self._signal.notifier()
        return update_id

    def injecter_panne(
        self,
        *,
        code: int,
        methode: str | None = None,
        chat_id: int | None = None,
        description: str | None = None,
        retry_after: int | None = None,
        fois: int = 1,
    ) -> None:
        """The next `fois` matching calls fail with `code`."""
        if code == 429 and retry_after is None:
            retry_after = 1
        if description is None:
            if code == 429:
                description = f"Too Many Requests: retry after {retry_after}"
            else:
                description = _DESCRIPTIONS_PAR_CODE.get(code, f"Error {code}")
        self._pannes.append(
            _Panne(
                code, methode.lower() if methode else None, chat_id, description, retry_after, fois
            )
        )

    def couper_connexion(self, methode: str | None = None, *, fois: int = 1) -> None:
        """The next `fois` calls (of `methode`, or any) lose their connection before Telegram
        does anything: the client sees the connection dropped, and nothing was done."""
        cle = methode.lower() if methode else None
        self._coupures[cle] = self._coupures.get(cle, 0) + fois

    def _doit_couper(self, methode: str) -> bool:
        for cle in (methode.lower(), None):
            if self._coupures.get(cle, 0) > 0:
                self._coupures[cle] -= 1
                return True
        return False

    def latence(self, secondes: float, methode: str | None = None) -> None:
        """Delay answers (for one method or all); 0 removes the delay."""
        cle = methode.lower() if methode else None
        if secondes <= 0:
            self._latences.pop(cle, None)
        else:
            self._latences[cle] = secondes

    def bloquer(self, user_id: int) -> None:
        self._bloques.add(user_id)

    def debloquer(self, user_id: int) -> None:
        self._bloques.discard(user_id)

    @property
    def violations(self) -> Violations:
        return self._limiteur.violations

    @property
    def reste_retry_after(self) -> float:
        """Seconds (rate clock) left in the bot-wide retry_after window; 0 if none."""
        return self._limiteur.reste_penalite()

    def nombre_envoyes(self, chat_id: int | None = None) -> int:
        """Messages the bot sent successfully (overall or in one chat), deleted ones
        included. O(1): cheap enough for predicates polled after every API call."""
        if chat_id is None:
            return self._envois
        return self._envois_par_chat.get(chat_id, 0)

    def envois_par_chat(self) -> dict[int, int]:
        """Copy of the per-chat count of messages sent by the bot (chats with >= 1)."""
        return dict(self._envois_par_chat)

    @property
    def updates_en_attente(self) -> list[dict[str, Any]]:
        return list(self._updates)

    def historique(self, chat_id: int) -> list[MessageLocal]:
        chat = self._chats.get(chat_id)
        return list(chat.messages) if chat else []

    def messages_du_bot(
        self, chat_id: int, *, inclure_supprimes: bool = False
    ) -> list[MessageLocal]:
        return [
            m
            for m in self.historique(chat_id)
            if m.de_bot and (inclure_supprimes or not m.supprime)
        ]

    def commandes(
        self, scope: dict[str, Any] | None = None, langue: str | None = None
    ) -> list[dict[str, str]] | None:
        """Commands stored for (scope, language), None if never set."""
        liste = self._commandes.get((self._cle_scope(scope), langue or ""))
        return [dict(c) for c in liste] if liste is not None else None

    async def attendre(
        self,
        predicat: Callable[[], bool],
        delai: float = 60.0,
        *,
        description: str | None = None,
    ) -> None:
        """Return once predicat() holds; TimeoutError after `delai` real seconds."""
        if await self._signal.attendre(predicat, delai):
            return
        quoi = description or getattr(predicat, "__name__", "condition")
        raise TimeoutError(f"Timed out after {delai}s waiting for {quoi}; {self._resume_appels()}")

    def _resume_appels(self, nombre: int = 6) -> str:
        if not self.appels:
            return "the bot made no API call"
        recents = [
            f"{a.methode} -> {a.code}" + (f" ({a.description})" if a.description else "")
            for a in self.appels[-nombre:]
        ]
        return "last API calls: " + "; ".join(recents)

    # ---------------------------------------------------------------- HTTP plumbing

    async def _traiter_http(self, requete: web.Request) -> web.Response:
        try:
            params, fichiers = await self._lire_requete(requete)
        except _ErreurApi as erreur:
            return web.json_response(erreur.corps(), status=erreur.code)
        if self._doit_couper(requete.match_info["methode"]) and requete.transport is not None:
            requete.transport.close()  # dropped: no answer ever comes
            self.appels.append(
                Appel(requete.match_info["methode"], params, 0, self._horloge(), "coupée")
            )
            return web.Response()
        code, corps = await self._executer(
            requete.match_info["jeton"], requete.match_info["methode"], params, fichiers
        )
        return web.json_response(corps, status=code)

    async def _lire_requete(
        self, requete: web.Request
    ) -> tuple[dict[str, Any], dict[str, DocumentLocal]]:
        params: dict[str, Any] = dict(requete.query)
        fichiers: dict[str, DocumentLocal] = {}
        if not requete.can_read_body:
            return params, fichiers
        genre = requete.content_type
        if genre.startswith("multipart/"):
            lus, fichiers = await _lire_multipart(await requete.multipart())
            params.update(lus)
        elif genre == "application/x-www-form-urlencoded":
            formulaire = await requete.post()
            params.update({k: v for k, v in formulaire.items() if isinstance(v, str)})
        elif genre == "application/json":
            try:
                corps = await requete.json()
            except ValueError as exc:
                raise _requete_invalide("can't parse JSON encoded request") from exc
            if isinstance(corps, dict):
                params.update(corps)
        return params, fichiers

    async def _servir_fichier(self, requete: web.Request) -> web.Response:
        if requete.match_info["jeton"] != self.jeton:
            return web.json_response(_ErreurApi(401, "Unauthorized").corps(), status=401)
        file_id = self._chemins.get(requete.match_info["chemin"])
        if file_id is None:
            return web.json_response(_ErreurApi(404, "Not Found").corps(), status=404)
        fichier = self._fichiers[file_id]
        return web.Response(body=fichier.contenu, content_type=fichier.mime)

    async def _executer(
        self,
        jeton: str,
        methode: str,
        params: dict[str, Any],
        fichiers: dict[str, DocumentLocal],
    ) -> tuple[int, dict[str, Any]]:
        nom = methode
        try:
            if jeton != self.jeton:
                raise _ErreurApi(401, "Unauthorized")
            entree = self._methodes.get(methode.lower())
            if entree is None:
                raise _ErreurApi(404, "Not Found")
            nom, gestionnaire = entree
            await self._appliquer_latence(nom)
            if nom in _METHODES_ENVOI:
                self._verifier_retry_after(params)
            self._appliquer_panne(nom, params)
            params = self._decoder(params)
            resultat = await gestionnaire(params, fichiers)
            code, corps = 200, {"ok": True, "result": resultat}
        except _ErreurApi as erreur:
            code, corps = erreur.code, erreur.corps()
            if erreur.code == 429 and erreur.retry_after is not None:
                self._limiteur.penaliser(erreur.retry_after)
        enregistres = {**params, **fichiers}
        self.appels.append(Appel(nom, enregistres, code, self._horloge(), corps.get("description")))
        self._signal.notifier()
        return code, corps

    async def _appliquer_latence(self, nom: str) -> None:
        secondes = self._latences.get(nom.lower(), self._latences.get(None, 0.0))
        if secondes > 0:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._evenement_arret.wait(), secondes)

    def _verifier_retry_after(self, params: dict[str, Any]) -> None:
        """Flood wait: a message-sending call arriving while a 429's retry_after window
        runs is a violation (whatever its outcome would have been), refused if limits
        are imposed. The window is bot-wide, which is stricter than Telegram."""
        chat_id = self._entier_ou_none(params.get("chat_id")) or 0
        attente = self._limiteur.verifier_penalite(chat_id, self.imposer_limites)
        if attente is not None:
            raise _ErreurApi(429, f"Too Many Requests: retry after {attente}", attente)

    def _appliquer_panne(self, nom: str, params: dict[str, Any]) -> None:
        chat_id = self._entier_ou_none(params.get("chat_id"))
        for panne in self._pannes:
            if panne.methode is not None and panne.methode != nom.lower():
                continue
            if panne.chat_id is not None and panne.chat_id != chat_id:
                continue
            panne.restantes -= 1
            if panne.restantes <= 0:
                self._pannes.remove(panne)
            raise _ErreurApi(panne.code, panne.description, panne.retry_after)

    @staticmethod
    def _entier_ou_none(valeur: Any) -> int | None:
        if valeur is None or isinstance(valeur, bool):
            return None
        try:
            return int(valeur)
        except (TypeError, ValueError):
            return None

    @staticmethod
    def _decoder(params: dict[str, Any]) -> dict[str, Any]:
        decodes = dict(params)
        for cle in _CLES_JSON & params.keys():
            valeur = params[cle]
            if isinstance(valeur, str):
                try:
                    decodes[cle] = json.loads(valeur)
                except ValueError as exc:
                    if cle == "reply_markup":
                        raise _requete_invalide(
                            "can't parse reply keyboard markup JSON object"
                        ) from exc
                    raise _requete_invalide(f"can't parse {cle} JSON object") from exc
        return decodes

    # ---------------------------------------------------------------- helpers

    def _bot_api(self) -> dict[str, Any]:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.prenom,
            "username": self.username,
        }

    def _chat_cible(self, params: dict[str, Any], *, bloquage: bool = True) -> _Chat:
        valeur = params.get("chat_id")
        if valeur is None or valeur == "":
            raise _requete_invalide("chat_id is empty")
        chat_id = self._entier_ou_none(valeur)
        chat = self._chats.get(chat_id) if chat_id is not None else None
        if chat is None or not chat.connu:
            raise _requete_invalide("chat not found")
        if bloquage and chat.type == "private" and chat.id in self._bloques:
            raise _ErreurApi(403, "Forbidden: bot was blocked by the user")
        return chat

    def _message_cible(self, chat: _Chat, params: dict[str, Any], action: str) -> MessageLocal:
        message_id = self._entier_ou_none(params.get("message_id"))
        if message_id is None:
            raise _requete_invalide("message identifier is not specified")
        message = chat.par_id.get(message_id)
        if message is None or message.supprime:
            raise _requete_invalide(f"message to {action} not found")
        return message

    @staticmethod
    def _mettre_en_forme(
        brut: str, parse_mode: Any, entites: Any
    ) -> tuple[str, list[dict[str, Any]]]:
        if isinstance(entites, list) and entites:
            return _rogner(brut, [dict(e) for e in entites if isinstance(e, dict)])
        mode = str(parse_mode or "").lower()
        if not mode:
            return _rogner(brut, [])
        if mode == "html":
            try:
                texte, trouvees = parser_html(brut)
            except ErreurEntites as exc:
                raise _requete_invalide(f"can't parse entities: {exc}") from exc
            return _rogner(texte, trouvees)
        if mode in ("markdown", "markdownv2"):
            raise _requete_invalide(
                f"can't parse entities: parse_mode {parse_mode} is not supported "
                "by the local Telegram stand-in, use HTML"
            )
        raise _requete_invalide("unsupported parse_mode")

    def _legende(self, params: dict[str, Any]) -> tuple[str | None, list[dict[str, Any]]]:
        brut = params.get("caption")
        if brut is None or brut == "":
            return None, []
        texte, entites = self._mettre_en_forme(
            str(brut), params.get("parse_mode"), params.get("caption_entities")
        )
        if longueur_utf16(texte) > LONGUEUR_MAX_LEGENDE:
            raise _requete_invalide("message caption is too long")
        return texte, entites

    @staticmethod
    def _clavier(markup: Any) -> tuple[list[list[Bouton]], dict[str, Any] | None]:
        if markup is None or markup == "":
            return [], None
        erreur = _requete_invalide("can't parse reply keyboard markup JSON object")
        if not isinstance(markup, dict):
            raise erreur
        markup = _sans_none(markup)
        if "inline_keyboard" in markup:
            rangees = markup["inline_keyboard"]
            if not isinstance(rangees, list) or not all(isinstance(r, list) for r in rangees):
                raise erreur
            boutons: list[list[Bouton]] = []
            for rangee in rangees:
                ligne: list[Bouton] = []
                for bouton in rangee:
                    ligne.append(TelegramLocal._bouton_inline(bouton))
                boutons.append(ligne)
            return boutons, {"inline_keyboard": rangees}
        if "keyboard" in markup:
            rangees = markup["keyboard"]
            if not isinstance(rangees, list) or not all(isinstance(r, list) for r in rangees):
                raise erreur
            for rangee in rangees:
                for bouton in rangee:
                    texte = bouton.get("text") if isinstance(bouton, dict) else bouton
                    if not isinstance(texte, str) or not texte:
                        raise _requete_invalide("keyboard button text must be non-empty")
            return [], markup
        if markup.get("remove_keyboard") or markup.get("force_reply"):
            return [], markup
        raise erreur

    @staticmethod
    def _bouton_inline(bouton: Any) -> Bouton:
        prefixe = "can't parse inline keyboard button: "
        if not isinstance(bouton, dict):
            raise _requete_invalide(prefixe + "InlineKeyboardButton must be an Object")
        texte = bouton.get("text")
        if not isinstance(texte, str) or not texte:
            raise _requete_invalide(prefixe + "Text must be non-empty")
        actions = [cle for cle in _ACTIONS_BOUTON if cle in bouton]
        if not actions:
            raise _requete_invalide(prefixe + "Text buttons are unallowed in the inline keyboard")
        if len(actions) > 1:
            raise _requete_invalide(prefixe + "Exactly one of the optional fields must be used")
        donnees = bouton.get("callback_data")
        if "callback_data" in bouton and (
            not isinstance(donnees, str) or not 1 <= len(donnees.encode("utf-8")) <= 64
        ):
            raise _requete_invalide("BUTTON_DATA_INVALID")
        url = bouton.get("url")
        if "url" in bouton and (
            not isinstance(url, str) or not url.startswith(("http://", "https://", "tg://"))
        ):
            raise _requete_invalide("BUTTON_URL_INVALID")
        return Bouton(texte, donnees, url)

    def _ajouter_message(self, chat: _Chat, de_bot: bool, **champs: Any) -> MessageLocal:
        message = MessageLocal(
            message_id=chat.prochain_id,
            chat_id=chat.id,
            de_bot=de_bot,
            date=int(time.time()),
            _chat=chat.to_api(),
            _de=self._bot_api() if de_bot else chat.utilisateur,
            **champs,
        )
        chat.prochain_id += 1
        chat.messages.append(message)
        chat.par_id[message.message_id] = message
        if de_bot:
            self._envois += 1
            self._envois_par_chat[chat.id] = self._envois_par_chat.get(chat.id, 0) + 1
        return message

    def _limiter(self, chat: _Chat) -> None:
        attente = self._limiteur.envoi(chat.id, chat.type == "private", self.imposer_limites)
        if attente is not None:
            raise _ErreurApi(429, f"Too Many Requests: retry after {attente}", attente)

    def _enregistrer_fichier(self, fichier: DocumentLocal, dossier: str) -> DocumentLocal:
        numero = self._prochain_fichier
        self._prochain_fichier += 1
        fichier.file_id = f"BQACAgQAAxkBAAI{numero:08d}{self.bot_id}"
        fichier.file_unique_id = f"AgAD{numero:06d}"
        extension = mimetypes.guess_extension(fichier.mime) or ""
        chemin = f"{dossier}/file_{numero}{extension}"
        self._fichiers[fichier.file_id] = fichier
        self._chemins[chemin] = fichier.file_id
        self._chemin_par_fichier[fichier.file_id] = chemin
        return fichier

    def _fichier_recu(
        self, params: dict[str, Any], fichiers: dict[str, DocumentLocal], cle: str, dossier: str
    ) -> DocumentLocal:
        valeur = params.get(cle)
        if cle in fichiers:
            recu = fichiers[cle]
        elif isinstance(valeur, str) and valeur.startswith("attach://"):
            joint = fichiers.get(valeur[len("attach://") :])
            if joint is None:
                raise _requete_invalide(f"there is no {cle} in the request")
            recu = joint
        elif isinstance(valeur, str) and valeur:
            existant = self._fichiers.get(valeur)
            if existant is None:
                raise _requete_invalide("wrong file identifier/HTTP URL specified")
            return existant
        else:
            raise _requete_invalide(f"there is no {cle} in the request")
        if len(recu.contenu) > TAILLE_MAX_FICHIER:
            raise _ErreurApi(413, "Request Entity Too Large")
        if not recu.contenu:
            raise _requete_invalide("file must be non-empty")
        copie = DocumentLocal(recu.nom, recu.mime, recu.contenu)
        return self._enregistrer_fichier(copie, dossier)

    @staticmethod
    def _cle_scope(scope: Any) -> str:
        if not isinstance(scope, dict) or not scope:
            scope = {"type": "default"}
        normalise = dict(scope)
        for cle in ("chat_id", "user_id"):
            if isinstance(normalise.get(cle), str) and normalise[cle].lstrip("-").isdigit():
                normalise[cle] = int(normalise[cle])
        return json.dumps(normalise, sort_keys=True)

    # ---------------------------------------------------------------- methods

    async def _get_me(self, p: dict[str, Any], f: dict[str, DocumentLocal]) -> Any:
        return {
            **self._bot_api(),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _get_updates(self, p: dict[str, Any], f: dict[str, DocumentLocal]) -> Any:
        if self._webhook.url:
            raise _ErreurApi(409, _CONFLIT_WEBHOOK)
        offset = self._entier_ou_none(p.get("offset")) or 0
        limite = min(100, max(1, self._entier_ou_none(p.get("limit")) or 100))
        delai = max(0, self._entier_ou_none(p.get("timeout")) or 0)
        autorises = p.get("allowed_updates")
        if isinstance(autorises, list):
            self._types_autorises = frozenset(autorises) if autorises else _TYPES_PAR_DEFAUT
        if offset > 0:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        elif offset < 0:
            self._updates = self._updates[offset:]
        self._updates = [u for u in self._updates if _type_update(u) in self._types_autorises]
        if not self._updates and delai > 0 and not self._arret and not self._coupe:
            self.longs_polls_en_attente += 1
            self._signal.notifier()
            try:
                await self._signal.attendre(
                    lambda: (
                        bool(self._updates) or self._arret or self._coupe or bool(self._webhook.url)
                    ),
                    delai,
                )
            finally:
                self.longs_polls_en_attente -= 1
            if self._webhook.url:
                raise _ErreurApi(409, _CONFLIT_WEBHOOK)
        return [json.loads(json.dumps(u)) for u in self._updates[:limite]]

    async def _send_message(self, p: dict[str, Any], f: dict[str, DocumentLocal]) -> Any:
        chat = self._chat_cible(p)
        brut = "" if p.get("text") is None else str(p["text"])
        visible, entites = self._mettre_en_forme(brut, p.get("parse_mode"), p.get("entities"))
        if not visible:
            raise _requete_invalide("message text is empty")
        if longueur_utf16(visible) > LONGUEUR_MAX_TEXTE:
            raise _requete_invalide("message is too long")
        boutons, markup = self._clavier(p.get("reply_markup"))
        self._limiter(chat)
        message = self._ajouter_message(
            chat,
            True,
            texte=brut,
            parse_mode=p.get("parse_mode") or None,
            texte_visible=visible,
            entites=entites,
            boutons=boutons,
            reply_markup=markup,
        )
        return message.to_api()

    async def _send_document(self, p: dict[str, Any], f: dict[str, DocumentLocal]) -> Any:
        return self._envoyer_fichier(p, f, "document")

    async def _send_photo(self, p: dict[str, Any], f: dict[str, DocumentLocal]) -> Any:
        return self._envoyer_fichier(p, f, "photo")

    def _envoyer_fichier(
        self, p: dict[str, Any], f: dict[str, DocumentLocal], genre: str
    ) -> dict[str, Any]:
        chat = self._chat_cible(p)
        fichier = self._fichier_recu(p, f, genre, f"{genre}s")
        legende, entites = self._legende(p)
        boutons, markup = self._clavier(p.get("reply_markup"))
        self._limiter(chat)
        contenu: dict[str, Any] = (
            {"document": fichier}
            if genre == "document"
            else {"photo": fichier.contenu, "_photo_id": (fichier.file_id, fichier.file_unique_id)}
        )
        message = self._ajouter_message(
            chat,
            True,
            parse_mode=p.get("parse_mode") or None,
            legende=legende,
            legende_entites=entites,
            boutons=boutons,
            reply_markup=markup,
            **contenu,
        )
        return message.to_api()

    async def _copy_message(self, p: dict[str, Any], f: dict[str, DocumentLocal]) -> Any:
        """Copy without a link to the original; its inline keyboard is not copied."""
        chat = self._chat_cible(p)
        origine = self._chat_cible({"chat_id": p.get("from_chat_id")}, bloquage=False)
        source = self._message_cible(origine, p, "copy")
        champs: dict[str, Any]
        if source.texte_visible is not None:
            champs = {
                "texte": source.texte,
                "parse_mode": source.parse_mode,
                "texte_visible": source.texte_visible,
                "entites": [dict(e) for e in source.entites],
            }
        elif source.document is not None or source.photo is not None:
            legende, entites = source.legende, [dict(e) for e in source.legende_entites]
            if p.get("caption") is not None:
                legende, entites = self._legende(p)
            champs = {
                "document": source.document,
                "photo": source.photo,
                "_photo_id": source._photo_id,
                "legende": legende,
                "legende_entites": entites,
                "parse_mode": p.get("parse_mode") or source.parse_mode,
            }
        else:
            raise _requete_invalide("message can't be copied")
        boutons, markup = self._clavier(p.get("reply_markup"))
        self._limiter(chat)
        message = self._ajouter_message(chat, True, boutons=boutons, reply_markup=markup, **champs)
        return {"message_id": message.message_id}

    def _verifier_edition(self, p: dict[str, Any]) -> tuple[_Chat, MessageLocal]:
        if p.get("inline_message_id"):
            raise _requete_invalide("inline messages are not supported by the local stand-in")
        chat = self._chat_cible(p)
        message = self._message_cible(chat, p, "edit")
        if not message.de_bot:
            raise _requete_invalide("message can't be edited")
        return chat, message

    @staticmethod
    def _marquer_edite(message: MessageLocal) -> None:
        message.edite += 1
        message.date_edition = int(time.time())

    async def _edit_message_text(self, p: dict[str, Any], f: dict[str, DocumentLocal]) -> Any:
        _, message = self._verifier_edition(p)
        if message.texte_visible is None:
            raise _requete_invalide("there is no text in the message to edit")
        brut = "" if p.get("text") is None else str(p["text"])
        visible, entites = self._mettre_en_forme(brut, p.get("parse_mode"), p.get("entities"))
        if not visible:
            raise _requete_invalide("message text is empty")
        if longueur_utf16(visible) > LONGUEUR_MAX_TEXTE:
            raise _requete_invalide("message is too long")
        boutons, markup = self._clavier(p.get("reply_markup"))
        if (visible, entites, markup) == (
            message.texte_visible,
            message.entites,
            message.reply_markup,
        ):
            raise _requete_invalide(_NON_MODIFIE.removeprefix("Bad Request: "))
        message.texte, message.parse_mode = brut, p.get("parse_mode") or None
        message.texte_visible, message.entites = visible, entites
        message.boutons, message.reply_markup = boutons, markup
        self._marquer_edite(message)
        return message.to_api()

    async def _edit_message_caption(self, p: dict[str, Any], f: dict[str, DocumentLocal]) -> Any:
        _, message = self._verifier_edition(p)
        if message.document is None and message.photo is None:
            raise _requete_invalide("there is no caption in the message to edit")
        legende, entites = self._legende(p)
        boutons, markup = self._clavier(p.get("reply_markup"))
        if (legende, entites, markup) == (
            message.legende,
            message.legende_entites,
            message.reply_markup,
        ):
            raise _requete_invalide(_NON_MODIFIE.removeprefix("Bad Request: "))
        message.legende, message.legende_entites = legende, entites
        message.boutons, message.reply_markup = boutons, markup
        self._marquer_edite(message)
        return message.to_api()

    async def _edit_message_reply_markup(
        self, p: dict[str, Any], f: dict[str, DocumentLocal]
    ) -> Any:
        _, message = self._verifier_edition(p)
        boutons, markup = self._clavier(p.get("reply_markup"))
        if markup == message.reply_markup:
            raise _requete_invalide(_NON_MODIFIE.removeprefix("Bad Request: "))
        message.boutons, message.reply_markup = boutons, markup
        self._marquer_edite(message)
        return message.to_api()

    async def _delete_message(self, p: dict[str, Any], f: dict[str, DocumentLocal]) -> Any:
        chat = self._chat_cible(p, bloquage=False)
        message = self._message_cible(chat, p, "delete")
        message.supprime = True
        return True

    async def _answer_callback_query(self, p: dict[str, Any], f: dict[str, DocumentLocal]) -> Any:
        requete = self._callbacks.get(str(p.get("callback_query_id", "")))
        if requete is None or requete.reponse is not None:
            raise _requete_invalide(_REQUETE_TROP_VIEILLE.removeprefix("Bad Request: "))
        texte = p.get("text")
        if texte is not None and len(str(texte)) > LONGUEUR_MAX_REPONSE_BOUTON:
            raise _requete_invalide("MESSAGE_TOO_LONG")
        alerte = p.get("show_alert") in (True, "true", "True", "1", 1)
        requete.reponse = ReponseBouton(
            str(texte) if texte is not None else None,
            alerte,
            p.get("url") or None,
            appuye_le=requete.appuye_le,
            repondu_le=self._horloge(),
        )
        return True

    async def _get_file(self, p: dict[str, Any], f: dict[str, DocumentLocal]) -> Any:
        file_id = str(p.get("file_id", ""))
        fichier = self._fichiers.get(file_id)
        if fichier is None:
            raise _requete_invalide("invalid file_id")
        chemin = self._chemin_par_fichier[file_id]
        return {
            "file_id": fichier.file_id,
            "file_unique_id": fichier.file_unique_id,
            "file_size": len(fichier.contenu),
            "file_path": chemin,
        }

    async def _set_my_commands(self, p: dict[str, Any], f: dict[str, DocumentLocal]) -> Any:
        commandes = p.get("commands")
        if not isinstance(commandes, list) or len(commandes) > 100:
            raise _requete_invalide("can't parse commands JSON object")
        propres: list[dict[str, str]] = []
        for commande in commandes:
            if not isinstance(commande, dict):
                raise _requete_invalide("can't parse commands JSON object")
            nom = str(commande.get("command", ""))
            description = str(commande.get("description", ""))
            if not 1 <= len(nom) <= 32 or not all(
                c.isascii() and (c.isalnum() or c == "_") for c in nom
            ):
                raise _requete_invalide("BOT_COMMAND_INVALID")
            if not 1 <= len(description) <= 256:
                raise _requete_invalide("BOT_COMMAND_DESCRIPTION_INVALID")
            propres.append({"command": nom.lower(), "description": description})
        cle = self._cle_portee(p)
        if propres:
            self._commandes[cle] = propres
        else:
            self._commandes.pop(cle, None)
        return True

    def _cle_portee(self, p: dict[str, Any]) -> tuple[str, str]:
        scope = p.get("scope")
        if isinstance(scope, dict) and "chat_id" in scope:
            self._chat_cible({"chat_id": scope["chat_id"]}, bloquage=False)
        return self._cle_scope(scope), str(p.get("language_code") or "")

    async def _get_my_commands(self, p: dict[str, Any], f: dict[str, DocumentLocal]) -> Any:
        return [dict(c) for c in self._commandes.get(self._cle_portee(p), [])]

    async def _delete_my_commands(self, p: dict[str, Any], f: dict[str, DocumentLocal]) -> Any:
        self._commandes.pop(self._cle_portee(p), None)
        return True

    async def _set_chat_menu_button(self, p: dict[str, Any], f: dict[str, DocumentLocal]) -> Any:
        """Telegram's checks: a web_app button needs a text and an https URL."""
        bouton = p.get("menu_button") or {"type": "default"}
        if isinstance(bouton, str):
            bouton = json.loads(bouton)
        if not isinstance(bouton, dict) or bouton.get("type") not in (
            "default",
            "commands",
            "web_app",
        ):
            raise _requete_invalide("can't parse menu button JSON object")
        if bouton["type"] == "web_app":
            texte = str(bouton.get("text") or "")
            url = str((bouton.get("web_app") or {}).get("url") or "")
            if not 1 <= len(texte) <= 64:
                raise _requete_invalide("BUTTON_TEXT_INVALID")
            if not url.startswith("https://"):
                raise _requete_invalide("BUTTON_URL_INVALID")
        chat_id = p.get("chat_id")
        cle = None if chat_id is None else self._chat_cible({"chat_id": chat_id}, bloquage=False).id
        if bouton["type"] == "default":
            self._boutons_menu.pop(cle, None)
        else:
            self._boutons_menu[cle] = dict(bouton)
        return True

    async def _get_chat_menu_button(self, p: dict[str, Any], f: dict[str, DocumentLocal]) -> Any:
        chat_id = p.get("chat_id")
        cle = None if chat_id is None else self._chat_cible({"chat_id": chat_id}, bloquage=False).id
        return self.bouton_menu(cle)

    def bouton_menu(self, chat_id: int | None) -> dict[str, Any]:
        """The menu button a chat shows (its own, else the default one)."""
        return dict(
            self._boutons_menu.get(chat_id) or self._boutons_menu.get(None) or {"type": "commands"}
        )

    async def _set_webhook(self, p: dict[str, Any], f: dict[str, DocumentLocal]) -> Any:
        url = str(p.get("url") or "")
        if not url:
            return await self._delete_webhook(p, f)
        if not url.startswith(("http://", "https://")):
            raise _requete_invalide("bad webhook: An HTTPS URL must be provided for webhook")
        secret = p.get("secret_token") or None
        if secret is not None and (
            len(str(secret)) > 256
            or not all(c.isascii() and (c.isalnum() or c in "_-") for c in str(secret))
        ):
            raise _requete_invalide("secret token contains unallowed characters")
        if p.get("drop_pending_updates") in (True, "true", "True", "1", 1):
            self._updates.clear()
        autorises = p.get("allowed_updates")
        if isinstance(autorises, list):
            self._types_autorises = frozenset(autorises) if autorises else _TYPES_PAR_DEFAUT
        self._webhook.url = url
        self._webhook.secret = str(secret) if secret is not None else None
        self._webhook.max_connections = self._entier_ou_none(p.get("max_connections")) or 40
        if self._tache_webhook is None or self._tache_webhook.done():
            self._tache_webhook = asyncio.create_task(self._boucle_webhook())
        return True

    async def _delete_webhook(self, p: dict[str, Any], f: dict[str, DocumentLocal]) -> Any:
        if p.get("drop_pending_updates") in (True, "true", "True", "1", 1):
            self._updates.clear()
        self._webhook = _Webhook()
        await self._arreter_webhook()
        return True

    async def _get_webhook_info(self, p: dict[str, Any], f: dict[str, DocumentLocal]) -> Any:
        info: dict[str, Any] = {
            "url": self._webhook.url,
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
        if self._webhook.url:
            info["max_connections"] = self._webhook.max_connections
            if self._types_autorises != _TYPES_PAR_DEFAUT:
                info["allowed_updates"] = sorted(self._types_autorises)
        if self._webhook.derniere_erreur is not None:
            info["last_error_date"] = self._webhook.derniere_erreur_date
            info["last_error_message"] = self._webhook.derniere_erreur
        return info

    async def _get_chat(self, p: dict[str, Any], f: dict[str, DocumentLocal]) -> Any:
        chat = self._chat_cible(p, bloquage=False)
        return {
            **chat.to_api(),
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }

    async def _send_chat_action(self, p: dict[str, Any], f: dict[str, DocumentLocal]) -> Any:
        self._chat_cible(p)
        return True

    # ---------------------------------------------------------------- webhook delivery

    async def _arreter_webhook(self) -> None:
        tache = self._tache_webhook
        if tache is None or tache is asyncio.current_task():
            return
        self._tache_webhook = None
        tache.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await tache

    async def _boucle_webhook(self) -> None:
        while True:
            await self._signal.attendre(
                lambda: bool(self._updates) or self._arret or not self._webhook.url, None
            )
            if self._arret or not self._webhook.url:
                return
            update = self._updates[0]
            reponse = await self._livrer(update)
            if self._updates and self._updates[0] is update:
                self._updates.pop(0)
            self._signal.notifier()
            if reponse is not None:
                params, fichiers = reponse
                methode = str(params.pop("method", ""))
                if methode:
                    await self._executer(self.jeton, methode, params, fichiers)

    async def _livrer(
        self, update: dict[str, Any]
    ) -> tuple[dict[str, Any], dict[str, DocumentLocal]] | None:
        """POST one update, with retries; returns a method call found in the reply."""
        if self._session is None:
            self._session = aiohttp.ClientSession()
        entetes = {"Content-Type": "application/json"}
        if self._webhook.secret:
            entetes["X-Telegram-Bot-Api-Secret-Token"] = self._webhook.secret
        for tentative in range(1, self.tentatives_webhook + 1):
            statut: int | None = None
            erreur: str | None = None
            reponse: tuple[dict[str, Any], dict[str, DocumentLocal]] | None = None
            try:
                async with self._session.post(
                    self._webhook.url,
                    data=json.dumps(update),
                    headers=entetes,
                    timeout=aiohttp.ClientTimeout(total=10),
                ) as resp:
                    statut = resp.status
                    if 200 <= statut < 300:
                        reponse = await self._lire_reponse_webhook(resp)
                    else:
                        await resp.read()
                        erreur = f"Wrong response from the webhook: {statut} {resp.reason}"
            except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
                erreur = f"{type(exc).__name__}: {exc}"
            self.livraisons_webhook.append(
                LivraisonWebhook(update["update_id"], tentative, statut, erreur, self._horloge())
            )
            if erreur is None:
                return reponse
            self._webhook.derniere_erreur = erreur
            self._webhook.derniere_erreur_date = int(time.time())
            self._signal.notifier()
            if tentative < self.tentatives_webhook:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(
                        self._evenement_arret.wait(), self.pause_webhook * tentative
                    )
                if self._arret:
                    break
        return None

    @staticmethod
    async def _lire_reponse_webhook(
        resp: aiohttp.ClientResponse,
    ) -> tuple[dict[str, Any], dict[str, DocumentLocal]] | None:
        if resp.content_type == "application/json":
            corps = await resp.json()
            if isinstance(corps, dict) and corps.get("method"):
                return dict(corps), {}
            return None
        if resp.content_type.startswith("multipart/"):
            params, fichiers = await _lire_multipart(
                aiohttp.MultipartReader(resp.headers, resp.content)
            )
            return (params, fichiers) if params.get("method") else None
        await resp.read()
        return None
