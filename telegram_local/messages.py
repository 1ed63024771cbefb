"""What the stand-in's chats hold and a member sees: messages, buttons, files, the answer
to a tap. Shared by the server and the member client."""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass, field
from typing import Any


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
