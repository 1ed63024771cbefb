"""The member's side: a person writing to the bot in their private chat and tapping its
buttons, as the tests play them."""

from __future__ import annotations

import mimetypes
from typing import TYPE_CHECKING, Any

from telegram_local.html import longueur_utf16, parser_html
from telegram_local.messages import DocumentLocal, MessageLocal, ReponseBouton, _Callback, _Chat

if TYPE_CHECKING:
    from telegram_local.serveur import TelegramLocal


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
