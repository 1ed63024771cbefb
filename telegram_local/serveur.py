"""Local stand-in for the Telegram Bot API, served over real HTTP on 127.0.0.1.

The real aiogram bot talks to it through ``TelegramAPIServer.from_base(url)``; tests
play members with :class:`Utilisateur` and observe chats, calls and rate limits.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import mimetypes
import struct
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from aiohttp import web

__all__ = [
    "Appel",
    "Bouton",
    "DocumentLocal",
    "ErreurEntites",
    "LivraisonWebhook",
    "MessageLocal",
    "ReponseBouton",
    "TelegramLocal",
    "Utilisateur",
    "ViolationLimite",
    "Violations",
    "longueur_utf16",
    "parser_html",
    "rendre",
]

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


# --------------------------------------------------------------------------- HTML parsing


class ErreurEntites(ValueError):
    """Text could not be parsed with the requested parse_mode."""


def longueur_utf16(texte: str) -> int:
    """Length in UTF-16 code units, as Telegram counts it."""
    return len(texte.encode("utf-16-le")) // 2


_BALISES = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "tg-spoiler",
        "tg-emoji",
        "span",
        "pre",
        "code",
        "blockquote",
    }
)
_TYPE_ENTITE = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "a": "text_link",
    "tg-emoji": "custom_emoji",
}
_ENTITES_NOMMEES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ESPACES = frozenset(" \t\r\n\v\f\0")


def _octet(source: str, position: int) -> int:
    return len(source[:position].encode("utf-8"))


def _decoder_entite(source: str, i: int) -> tuple[str | None, int]:
    """Decode the HTML entity at ``source[i] == '&'``; (None, i) if it is a bare '&'."""
    n = len(source)
    j = i + 1
    if j < n and source[j] == "#":
        j += 1
        hexa = j < n and source[j] in "xX"
        if hexa:
            j += 1
        debut = j
        chiffres = "0123456789abcdefABCDEF" if hexa else "0123456789"
        while j < n and source[j] in chiffres:
            j += 1
        if j == debut or j - i >= 10:
            return None, i
        valeur = int(source[debut:j], 16 if hexa else 10)
        if valeur == 0 or valeur >= 0x10FFFF or 0xD800 <= valeur <= 0xDFFF:
            return None, i
        caractere = chr(valeur)
    else:
        while j < n and source[j].isascii() and source[j].isalpha():
            j += 1
        nom = source[i + 1 : j]
        if nom in _ENTITES_NOMMEES:
            caractere = _ENTITES_NOMMEES[nom]
        elif nom and j < n and source[j] == ";":
            raise ErreurEntites(
                f'Unsupported HTML entity "&{nom};" at byte offset {_octet(source, i)}'
            )
        else:
            return None, i
    if j < n and source[j] == ";":
        j += 1
    return caractere, j


def _decoder_chaine(valeur: str) -> str:
    morceaux: list[str] = []
    i = 0
    while i < len(valeur):
        if valeur[i] == "&":
            caractere, fin = _decoder_entite(valeur, i)
            if caractere is not None:
                morceaux.append(caractere)
                i = fin
                continue
        morceaux.append(valeur[i])
        i += 1
    return "".join(morceaux)


class _AnalyseurHtml:
    """Telegram-compatible HTML parser (mirrors TDLib's parse_html)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.n = len(source)
        self.i = 0
        self.sortie: list[str] = []
        self.u16 = 0
        self.pile: list[tuple[str, str, bool, int]] = []  # tag, argument, expandable, start
        self.entites: list[dict[str, Any]] = []

    def octet(self, position: int) -> int:
        return _octet(self.source, position)

    def analyser(self) -> tuple[str, list[dict[str, Any]]]:
        while self.i < self.n:
            c = self.source[self.i]
            if c == "&":
                caractere, fin = _decoder_entite(self.source, self.i)
                if caractere is None:
                    caractere, fin = "&", self.i + 1
                self.ajouter(caractere)
                self.i = fin
            elif c != "<":
                self.ajouter(c)
                self.i += 1
            elif self.i + 1 < self.n and self.source[self.i + 1] == "/":
                self.fermeture()
            else:
                self.ouverture()
        if self.pile:
            raise ErreurEntites(
                f'Can\'t find end tag corresponding to start tag "{self.pile[-1][0]}"'
            )
        self.entites.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.sortie), self.entites

    def ajouter(self, texte: str) -> None:
        self.sortie.append(texte)
        self.u16 += longueur_utf16(texte)

    def sauter_espaces(self) -> None:
        while self.i < self.n and self.source[self.i] in _ESPACES:
            self.i += 1

    def lire_nom(self, arrets: str) -> str:
        debut = self.i
        while self.i < self.n and self.source[self.i] not in _ESPACES:
            if self.source[self.i] in arrets:
                break
            self.i += 1
        return self.source[debut : self.i].lower()

    def fermeture(self) -> None:
        debut = self.i
        if not self.pile:
            raise ErreurEntites(f"Unexpected end tag at byte offset {self.octet(debut)}")
        self.i += 2
        nom_fin = self.lire_nom(">")
        self.sauter_espaces()
        if self.i >= self.n or self.source[self.i] != ">":
            raise ErreurEntites(f"Unclosed end tag at byte offset {self.octet(debut)}")
        self.i += 1
        balise, argument, depliable, depart = self.pile.pop()
        if nom_fin and nom_fin != balise:
            raise ErreurEntites(
                f"Unmatched end tag at byte offset {self.octet(debut)}, "
                f'expected "</{balise}>", found "</{nom_fin}>"'
            )
        _fermer_entite(self.entites, balise, argument, depliable, depart, self.u16 - depart)

    def ouverture(self) -> None:
        debut = self.i
        self.i += 1
        balise = self.lire_nom(">")
        if self.i >= self.n:
            raise ErreurEntites(f"Unclosed start tag at byte offset {self.octet(debut)}")
        if balise not in _BALISES:
            raise ErreurEntites(
                f'Unsupported start tag "{balise}" at byte offset {self.octet(debut)}'
            )
        argument, depliable = self.attributs(balise, debut)
        if balise == "span" and argument != "spoiler":
            raise ErreurEntites(
                f'Tag "span" must have class "tg-spoiler" at byte offset {self.octet(debut)}'
            )
        if balise == "tg-emoji" and not argument.isdigit():
            raise ErreurEntites("Invalid custom emoji identifier specified")
        self.pile.append((balise, argument, depliable, self.u16))

    def attributs(self, balise: str, debut: int) -> tuple[str, bool]:
        """Parse attributes up to '>'; returns (argument, expandable)."""
        argument = ""
        depliable = False
        while True:
            self.sauter_espaces()
            if self.i >= self.n:
                raise ErreurEntites(
                    f'Unclosed start tag "{balise}" at byte offset {self.octet(debut)}'
                )
            if self.source[self.i] == ">":
                self.i += 1
                return argument, depliable
            nom = self.lire_nom("=>")
            if not nom:
                raise ErreurEntites(
                    f'Empty attribute name in the tag "{balise}" at byte offset {self.octet(debut)}'
                )
            self.sauter_espaces()
            if self.i >= self.n or self.source[self.i] != "=":
                if balise == "blockquote" and nom == "expandable":
                    depliable = True
                    continue
                raise ErreurEntites(
                    "Expected equal sign in declaration of an attribute of the tag "
                    f'"{balise}" at byte offset {self.octet(debut)}'
                )
            self.i += 1
            self.sauter_espaces()
            if self.i >= self.n:
                raise ErreurEntites(
                    f'Unclosed start tag "{balise}" at byte offset {self.octet(debut)}'
                )
            valeur = self.valeur()
            argument = _argument(balise, nom, valeur, argument)

    def valeur(self) -> str:
        source = self.source
        if source[self.i] in "'\"":
            fin_car = source[self.i]
            self.i += 1
            fin = source.find(fin_car, self.i)
            if fin < 0:
                raise ErreurEntites(
                    f"Unclosed end of attribute value at byte offset {self.octet(self.i)}"
                )
            valeur = _decoder_chaine(source[self.i : fin])
            self.i = fin + 1
            return valeur
        debut = self.i
        while self.i < self.n and (source[self.i].isalnum() or source[self.i] in ".-"):
            self.i += 1
        if self.i >= self.n or (source[self.i] not in _ESPACES and source[self.i] != ">"):
            raise ErreurEntites(f"Unexpected end of name token at byte offset {self.octet(debut)}")
        return source[debut : self.i].lower()


def _argument(balise: str, nom: str, valeur: str, actuel: str) -> str:
    """Keep the attribute value that matters for this tag."""
    if balise == "a" and nom == "href":
        return valeur
    if balise == "code" and nom == "class" and valeur.startswith("language-"):
        return valeur[len("language-") :]
    if balise == "span" and nom == "class" and valeur.startswith("tg-"):
        return valeur[len("tg-") :]
    if balise == "tg-emoji" and nom == "emoji-id":
        return valeur
    return actuel


def parser_html(source: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram HTML; returns (plain text, entities with UTF-16 offsets)."""
    return _AnalyseurHtml(source).analyser()


def _fermer_entite(
    entites: list[dict[str, Any]],
    balise: str,
    argument: str,
    depliable: bool,
    depart: int,
    longueur: int,
) -> None:
    if longueur <= 0:
        return
    entite: dict[str, Any] = {"type": _TYPE_ENTITE[balise], "offset": depart, "length": longueur}
    if balise == "a":
        if not argument:
            return
        entite["url"] = argument
    elif balise == "code" and argument:
        entite["language"] = argument
    elif balise == "tg-emoji":
        entite["custom_emoji_id"] = argument
    elif balise == "blockquote" and depliable:
        entite["type"] = "expandable_blockquote"
    elif balise == "pre" and entites:
        dernier = entites[-1]
        if (
            dernier["type"] == "code"
            and dernier["offset"] == depart
            and dernier["length"] == longueur
            and "language" in dernier
        ):
            dernier["type"] = "pre"
            return
    entites.append(entite)


def _rogner(texte: str, entites: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Strip surrounding whitespace like Telegram, shifting entities."""
    rogne = texte.strip()
    if rogne == texte:
        return texte, entites
    decalage = longueur_utf16(texte[: len(texte) - len(texte.lstrip())])
    total = longueur_utf16(rogne)
    resultat: list[dict[str, Any]] = []
    for entite in entites:
        debut = max(0, int(entite["offset"]) - decalage)
        fin = min(total, int(entite["offset"]) + int(entite["length"]) - decalage)
        if fin > debut:
            resultat.append({**entite, "offset": debut, "length": fin - debut})
    return rogne, resultat


# --------------------------------------------------------------------------- data classes


@dataclass
class Bouton:
    texte: str
    callback_data: str | None = None
    url: str | None = None


@dataclass
class DocumentLocal:
    nom: str
    mime: str
    contenu: bytes
    file_id: str = ""
    file_unique_id: str = ""


@dataclass
class ReponseBouton:
    texte: str | None
    show_alert: bool
    url: str | None = None
    # On the stand-in's clock: when the member tapped (the callback query was queued) and when
    # the bot answered it. Left out of comparisons: two answers are equal by what they say.
    appuye_le: float = field(default=0.0, compare=False)
    repondu_le: float = field(default=0.0, compare=False)

    @property
    def delai(self) -> float:
        """Seconds from the tap to the bot's answerCallbackQuery, on the stand-in's clock."""
        return self.repondu_le - self.appuye_le


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


@dataclass
class ViolationLimite:
    horodatage: float
    # "global" (30 msg/s), "chat" (private, 1 msg/s), "groupe" (20 msg/min) or "retry_after"
    # (a message sent while a 429's retry_after window was still running; bot-wide).
    genre: str
    chat_id: int  # 0 when the call's chat_id was not an integer


@dataclass
class Violations:
    evenements: list[ViolationLimite] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.evenements)

    @property
    def globales(self) -> int:
        return sum(1 for v in self.evenements if v.genre == "global")

    @property
    def retry_after(self) -> int:
        """Messages sent inside a retry_after window (flood wait not honoured)."""
        return sum(1 for v in self.evenements if v.genre == "retry_after")

    @property
    def par_chat(self) -> dict[int, int]:
        """Per-chat limit violations ("chat" and "groupe") by chat id."""
        compte: dict[int, int] = {}
        for v in self.evenements:
            if v.genre in ("chat", "groupe"):
                compte[v.chat_id] = compte.get(v.chat_id, 0) + 1
        return compte


@dataclass
class MessageLocal:
    message_id: int
    chat_id: int
    de_bot: bool
    texte: str | None = None
    parse_mode: str | None = None
    texte_visible: str | None = None
    boutons: list[list[Bouton]] = field(default_factory=list)
    document: DocumentLocal | None = None
    photo: bytes | None = None
    legende: str | None = None
    edite: int = 0
    supprime: bool = False
    date: int = 0
    entites: list[dict[str, Any]] = field(default_factory=list)
    legende_entites: list[dict[str, Any]] = field(default_factory=list)
    reply_markup: dict[str, Any] | None = None
    date_edition: int | None = None
    _chat: dict[str, Any] = field(default_factory=dict, repr=False)
    _de: dict[str, Any] | None = field(default=None, repr=False)
    _photo_id: tuple[str, str] | None = field(default=None, repr=False)

    def to_api(self) -> dict[str, Any]:
        """Telegram JSON Message."""
        donnees: dict[str, Any] = {
            "message_id": self.message_id,
            "date": self.date,
            "chat": dict(self._chat),
        }
        if self._de is not None:
            donnees["from"] = dict(self._de)
        if self.texte_visible is not None:
            donnees["text"] = self.texte_visible
            if self.entites:
                donnees["entities"] = [dict(e) for e in self.entites]
        if self.document is not None:
            donnees["document"] = {
                "file_id": self.document.file_id,
                "file_unique_id": self.document.file_unique_id,
                "file_name": self.document.nom,
                "mime_type": self.document.mime,
                "file_size": len(self.document.contenu),
            }
        if self.photo is not None and self._photo_id is not None:
            largeur, hauteur = _dimensions(self.photo)
            donnees["photo"] = [
                {
                    "file_id": self._photo_id[0],
                    "file_unique_id": self._photo_id[1],
                    "width": largeur,
                    "height": hauteur,
                    "file_size": len(self.photo),
                }
            ]
        if self.legende is not None:
            donnees["caption"] = self.legende
            if self.legende_entites:
                donnees["caption_entities"] = [dict(e) for e in self.legende_entites]
        if self.reply_markup is not None and "inline_keyboard" in self.reply_markup:
            donnees["reply_markup"] = json.loads(json.dumps(self.reply_markup))
        if self.date_edition is not None:
            donnees["edit_date"] = self.date_edition
        return donnees


def rendre(message: MessageLocal) -> str:
    """Plain-text rendering of a message as the member sees it."""
    lignes: list[str] = []
    if message.supprime:
        lignes.append("🗑 (message supprimé)")
    if message.document is not None:
        lignes.append(f"📎 {message.document.nom}")
    if message.photo is not None:
        lignes.append("🖼 photo")
    if message.texte_visible is not None:
        lignes.append(message.texte_visible)
    if message.legende:
        lignes.append(message.legende)
    for rangee in message.boutons:
        lignes.append(" ".join(f"[ {b.texte} ]" for b in rangee))
    return "\n".join(lignes)


def _dimensions(contenu: bytes) -> tuple[int, int]:
    if contenu[:8] == b"\x89PNG\r\n\x1a\n" and len(contenu) >= 24:
        largeur, hauteur = struct.unpack(">II", contenu[16:24])
        return int(largeur), int(hauteur)
    return 1, 1


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
class _Chat:
    id: int
    type: str
    titre: str | None = None
    utilisateur: dict[str, Any] | None = None
    connu: bool = False
    messages: list[MessageLocal] = field(default_factory=list)
    prochain_id: int = 1
    par_id: dict[int, MessageLocal] = field(default_factory=dict, repr=False)

    def to_api(self) -> dict[str, Any]:
        if self.type == "private" and self.utilisateur is not None:
            donnees = {"id": self.id, "type": "private"}
            for cle in ("first_name", "last_name", "username"):
                if self.utilisateur.get(cle):
                    donnees[cle] = self.utilisateur[cle]
            return donnees
        return {"id": self.id, "type": self.type, "title": self.titre or str(self.id)}


@dataclass
class _Callback:
    user_id: int
    reponse: ReponseBouton | None = None
    appuye_le: float = 0.0


@dataclass
class _Webhook:
    url: str = ""
    secret: str | None = None
    max_connections: int = 40
    derniere_erreur_date: int | None = None
    derniere_erreur: str | None = None


class _Limiteur:
    """Counts Telegram flood-limit violations using an injected clock."""

    def __init__(self, horloge: Callable[[], float]) -> None:
        self._horloge = horloge
        self._global: deque[float] = deque()
        self._seaux: dict[int, tuple[float, float]] = {}
        self._groupes: dict[int, deque[float]] = {}
        self._fin_penalite = -math.inf
        self._debut_penalite = -math.inf
        self.grace_retry_after = 0.0
        self.violations = Violations()

    def penaliser(self, secondes: float) -> None:
        """A 429 with retry_after=`secondes` was answered now: open a bot-wide window."""
        t = self._horloge()
        if t >= self._fin_penalite:
            self._debut_penalite = t
        self._fin_penalite = max(self._fin_penalite, t + secondes)

    def reste_penalite(self) -> float:
        """Seconds left in the current retry_after window (0 if none)."""
        return max(0.0, self._fin_penalite - self._horloge())

    def verifier_penalite(self, chat_id: int, imposer: bool) -> int | None:
        """A message-sending call arrives: count it if inside the retry_after window;
        returns the seconds to announce (rounded up) if it must be refused."""
        t = self._horloge()
        if t >= self._fin_penalite:
            return None
        # Requests already on their way when the 429 went out are not the client's fault.
        if t - self._debut_penalite >= self.grace_retry_after:
            self.violations.evenements.append(ViolationLimite(t, "retry_after", chat_id))
        if not imposer:
            return None
        return max(1, math.ceil(self._fin_penalite - t - 1e-9))

    def envoi(self, chat_id: int, prive: bool, imposer: bool) -> int | None:
        """Account one sent message; returns retry_after if it must be refused."""
        t = self._horloge()
        attentes: list[tuple[str, float]] = []
        while self._global and self._global[0] <= t - 1.0:
            self._global.popleft()
        if len(self._global) + 1 > 30:
            attentes.append(("global", self._global[0] + 1.0 - t))
        jetons = 3.0
        if prive:
            jetons, derniere = self._seaux.get(chat_id, (3.0, t))
            jetons = min(3.0, jetons + max(0.0, t - derniere))
            if jetons < 1.0:
                attentes.append(("chat", 1.0 - jetons))
        fenetre = self._groupes.setdefault(chat_id, deque()) if not prive else None
        if fenetre is not None:
            while fenetre and fenetre[0] <= t - 60.0:
                fenetre.popleft()
            if len(fenetre) + 1 > 20:
                attentes.append(("groupe", fenetre[0] + 60.0 - t))
        for genre, _ in attentes:
            self.violations.evenements.append(ViolationLimite(t, genre, chat_id))
        if imposer and attentes:
            if prive:
                self._seaux[chat_id] = (jetons, t)
            return max(1, math.ceil(max(a for _, a in attentes)))
        self._global.append(t)
        if prive:
            self._seaux[chat_id] = (jetons - 1.0 if jetons >= 1.0 else jetons, t)
        if fenetre is not None:
            fenetre.append(t)
        return None


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
    ) -> None:
        """`pas_humain`: seconds each injected user update advances the rate-limit clock.
        Simulated users act at machine speed; real people take at least a second between two
        taps, and Telegram's per-chat limit is about a bot's pace, not the user's.

        `grace_retry_after`: sends arriving this soon after a 429 are not counted as ignoring
        it: a client sending in parallel had them on the wire before the 429 reached it."""
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


# --------------------------------------------------------------------------- member client


class Utilisateur:
    """A member talking to the bot in their private chat."""

    def __init__(
        self,
        serveur: TelegramLocal,
        user_id: int,
        prenom: str,
        nom: str | None,
        langue: str,
        username: str | None,
    ) -> None:
        self.serveur = serveur
        self.user_id = user_id
        self.prenom = prenom
        self.nom = nom
        self.langue = langue
        self.username = username

    @property
    def chat_id(self) -> int:
        return self.user_id

    def to_api(self) -> dict[str, Any]:
        donnees: dict[str, Any] = {
            "id": self.user_id,
            "is_bot": False,
            "first_name": self.prenom,
            "language_code": self.langue,
        }
        if self.nom:
            donnees["last_name"] = self.nom
        if self.username:
            donnees["username"] = self.username
        return donnees

    @property
    def _chat(self) -> _Chat:
        return self.serveur._chats[self.user_id]

    async def envoyer(
        self, texte: str, *, attendre: int = 1, delai: float = 60.0
    ) -> list[MessageLocal]:
        """Send a text; wait for `attendre` new bot messages and return them."""
        entites: list[dict[str, Any]] = []
        if texte.startswith("/"):
            commande = texte.split(maxsplit=1)[0]
            entites.append({"type": "bot_command", "offset": 0, "length": longueur_utf16(commande)})
        return await self._publier(
            {"texte": texte, "texte_visible": texte, "entites": entites}, attendre, delai
        )

    async def envoyer_mis_en_forme(
        self, texte_html: str, *, attendre: int = 1, delai: float = 60.0
    ) -> list[MessageLocal]:
        """Send a formatted text (bold, italics, links…) as typed in Telegram's editor,
        given as HTML: the bot receives plain text plus entities, like from Telegram."""
        visible, entites = parser_html(texte_html)
        return await self._publier(
            {"texte": visible, "texte_visible": visible, "entites": entites}, attendre, delai
        )

    async def envoyer_document(
        self,
        nom: str,
        contenu: bytes,
        *,
        mime: str | None = None,
        legende: str | None = None,
        attendre: int = 1,
        delai: float = 60.0,
    ) -> list[MessageLocal]:
        """Send a file to the bot (downloadable through getFile)."""
        type_mime = mime or mimetypes.guess_type(nom)[0] or "application/octet-stream"
        document = self.serveur._enregistrer_fichier(
            DocumentLocal(nom, type_mime, contenu), "documents"
        )
        return await self._publier({"document": document, "legende": legende}, attendre, delai)

    async def envoyer_photo(
        self,
        contenu: bytes,
        *,
        legende: str | None = None,
        attendre: int = 1,
        delai: float = 60.0,
    ) -> list[MessageLocal]:
        """Send a photo to the bot (the bot may then re-send it by its file_id)."""
        photo = self.serveur._enregistrer_fichier(
            DocumentLocal("photo.png", "image/png", contenu), "photos"
        )
        return await self._publier(
            {
                "photo": contenu,
                "_photo_id": (photo.file_id, photo.file_unique_id),
                "legende": legende,
            },
            attendre,
            delai,
        )

    async def _publier(
        self, champs: dict[str, Any], attendre: int, delai: float
    ) -> list[MessageLocal]:
        chat = self._chat
        chat.connu = True
        chat.utilisateur = self.to_api()
        message = self.serveur._ajouter_message(chat, False, **champs)
        self.serveur.injecter_update({"message": message.to_api()})
        return await self._attendre_reponses(message.message_id, attendre, delai)

    async def _attendre_reponses(self, apres: int, nombre: int, delai: float) -> list[MessageLocal]:
        chat = self._chat

        def nouveaux() -> list[MessageLocal]:
            return [m for m in chat.messages if m.de_bot and m.message_id > apres]

        if nombre > 0:
            await self.serveur.attendre(
                lambda: len(nouveaux()) >= nombre,
                delai,
                description=f"{nombre} bot message(s) in chat {self.user_id}",
            )
        return nouveaux()

    async def cliquer(
        self, message: MessageLocal, libelle: str, *, delai: float = 60.0
    ) -> ReponseBouton:
        """Press the inline button labelled `libelle` (exact, else unique substring)."""
        actuel = self.message(message.message_id)
        if actuel.supprime:
            raise LookupError(f"message {actuel.message_id} was deleted")
        boutons = [b for rangee in actuel.boutons for b in rangee]
        choix = [b for b in boutons if b.texte == libelle] or [
            b for b in boutons if libelle in b.texte
        ]
        libelles = [b.texte for b in boutons]
        if not choix:
            raise LookupError(
                f"no button {libelle!r} in message {actuel.message_id}; buttons: {libelles}"
            )
        if len(choix) > 1 and choix[0].texte != libelle:
            raise LookupError(f"ambiguous button {libelle!r}; buttons: {libelles}")
        bouton = choix[0]
        if bouton.callback_data is None:
            raise LookupError(f"button {bouton.texte!r} has no callback_data (url={bouton.url})")
        return await self.appuyer(actuel.message_id, bouton.callback_data, delai=delai)

    async def appuyer(
        self, message_id: int, callback_data: str, *, delai: float = 60.0
    ) -> ReponseBouton:
        """Send a callback_query with arbitrary data; wait for answerCallbackQuery."""
        serveur = self.serveur
        requete_id = str(4_000_000_000_000_000 + serveur._prochain_callback)
        serveur._prochain_callback += 1
        cible = self._chat.par_id.get(message_id)
        if cible is not None and not cible.supprime:
            message_api = cible.to_api()
        else:
            message_api = {"chat": self._chat.to_api(), "message_id": message_id, "date": 0}
        suivi = _Callback(self.user_id, appuye_le=serveur._horloge())
        serveur._callbacks[requete_id] = suivi
        serveur.injecter_update(
            {
                "callback_query": {
                    "id": requete_id,
                    "from": self.to_api(),
                    "message": message_api,
                    "chat_instance": str(-self.user_id),
                    "data": callback_data,
                }
            }
        )
        await serveur.attendre(
            lambda: suivi.reponse is not None,
            delai,
            description=f"answerCallbackQuery for {callback_data!r}",
        )
        assert suivi.reponse is not None
        return suivi.reponse

    def messages_du_bot(self) -> list[MessageLocal]:
        return self.serveur.messages_du_bot(self.user_id)

    @property
    def dernier_message(self) -> MessageLocal | None:
        messages = self.messages_du_bot()
        return messages[-1] if messages else None

    def message(self, message_id: int) -> MessageLocal:
        """Current state of a message of this chat (edits applied)."""
        message = self._chat.par_id.get(message_id)
        if message is None:
            raise LookupError(f"no message {message_id} in chat {self.user_id}")
        return message
