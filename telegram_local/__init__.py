"""A local stand-in for the Telegram Bot API over HTTP, for the tests, the benchmarks and
`assemblee demo`. Stand-alone: it knows nothing of the assembly's code.

The real aiogram bot talks to it through ``TelegramAPIServer.from_base(url)``; tests
play members with :class:`Utilisateur` and observe chats, calls and rate limits.
"""

from telegram_local.client import Utilisateur
from telegram_local.html import ErreurEntites, longueur_utf16, parser_html
from telegram_local.limites import ViolationLimite, Violations
from telegram_local.messages import Bouton, DocumentLocal, MessageLocal, ReponseBouton, rendre
from telegram_local.serveur import Appel, LivraisonWebhook, TelegramLocal

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
