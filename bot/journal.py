"""Logging that never writes a secret: the bot token, the webhook secret and invitation links
are replaced by *** in every record, whoever logs it (aiogram, aiohttp, us)."""

from __future__ import annotations

import logging
import re

_LIEN_INVITATION = re.compile(r"(start=)[A-Za-z0-9_-]{20,64}")
_JETON_BOT = re.compile(r"\b\d{3,20}:[A-Za-z0-9_-]{30,}\b")


class FiltreSecrets(logging.Filter):
    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def masquer(self, texte: str) -> str:
        for secret in self.secrets:
            texte = texte.replace(secret, "***")
        texte = _JETON_BOT.sub("***", texte)
        return _LIEN_INVITATION.sub(r"\1***", texte)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        propre = self.masquer(message)
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.masquer(record.exc_text)
        if propre != message:
            record.msg, record.args = propre, None
        return True


def configurer(niveau: str, secrets: list[str]) -> None:
    """Log to stderr, every handler filtered."""
    racine = logging.getLogger()
    for ancien in list(racine.handlers):
        racine.removeHandler(ancien)
    sortie = logging.StreamHandler()
    sortie.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    sortie.addFilter(FiltreSecrets(secrets))
    racine.addHandler(sortie)
    racine.setLevel(niveau)
    logging.getLogger("aiogram.event").setLevel(max(logging.getLevelName(niveau), logging.INFO))
    # httpx logs every request's URL at INFO: members' tipped links are theirs, not the log's.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    # aiosqlite logs every statement's two steps at DEBUG: thousands of lines a minute that
    # bury the bot's own debug lines.
    logging.getLogger("aiosqlite").setLevel(max(logging.getLevelName(niveau), logging.INFO))
