"""A local stand-in for the Telegram Bot API over HTTP, for the tests, the benchmarks and
`assemblee demo`. Stand-alone: it knows nothing of the assembly's code."""

from telegram_local.serveur import (
    Appel,
    Bouton,
    DocumentLocal,
    ErreurEntites,
    LivraisonWebhook,
    MessageLocal,
    ReponseBouton,
    TelegramLocal,
    Utilisateur,
    ViolationLimite,
    Violations,
    longueur_utf16,
    parser_html,
    rendre,
)

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
