"""Logging that never writes a secret: the bot token, the webhook secret, invitation links and
credentials in URLs (a feed's user:password@host, ?token=…) are replaced by *** in every record,
whoever logs it (aiogram, aiohttp, httpx, us). Masked when the record is made, so no handler,
filter or test capture ever sees them."""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Callable
from typing import Any

_LIEN_INVITATION = re.compile(r"(start=)[A-Za-z0-9_-]{20,64}")
# The console's one-time login links: …/console/entrer/<token>
_LIEN_CONSOLE = re.compile(r"(/entrer/)[A-Za-z0-9_-]{20,64}")
_JETON_BOT = re.compile(r"\b\d{3,20}:[A-Za-z0-9_-]{30,}\b")
# https://user:password@host/ -> https://***@host/ (whatever the scheme)
_IDENTIFIANTS_URL = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s@?#]+@")
# ?token=…, &api_key=…, &password=…: a query parameter that reads like a secret
_PARAMETRE_SECRET = re.compile(
    r"(?i)([?&;](?:[a-z0-9_.-]*(?:token|key|secret|password|passwd|pwd|auth|signature|sig|"
    r"session|code))=)[^&#\s]+"
)


class FiltreSecrets(logging.Filter):
    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def masquer(self, texte: str) -> str:
        for secret in self.secrets:
            texte = texte.replace(secret, "***")
        texte = _JETON_BOT.sub("***", texte)
        texte = _IDENTIFIANTS_URL.sub(r"\1***@", texte)
        texte = _PARAMETRE_SECRET.sub(r"\1***", texte)
        texte = _LIEN_CONSOLE.sub(r"\1***", texte)
        return _LIEN_INVITATION.sub(r"\1***", texte)

    def ajouter(self, secret: str) -> None:
        if secret and secret not in self.secrets:
            self.secrets.append(secret)

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


class FabriqueMasquee:
    """The record factory: each record's message is masked as it is made."""

    def __init__(self, base: Callable[..., logging.LogRecord], filtre: FiltreSecrets) -> None:
        self.base = base
        self.filtre = filtre

    def __call__(self, *args: Any, **kwargs: Any) -> logging.LogRecord:
        record = self.base(*args, **kwargs)
        # A record whose arguments do not fit its message is reported by logging at emit time.
        with contextlib.suppress(Exception):
            self.filtre.filter(record)
        return record


def masquer_aussi(secret: str) -> None:
    """A secret known only once running (the webhook secret drawn at start)."""
    fabrique = logging.getLogRecordFactory()
    if isinstance(fabrique, FabriqueMasquee):
        fabrique.filtre.ajouter(secret)


def configurer(niveau: str, secrets: list[str]) -> None:
    """Log to stderr; every record masked when made, and again by the handler (a formatted
    exception only exists there)."""
    racine = logging.getLogger()
    for ancien in list(racine.handlers):
        racine.removeHandler(ancien)
    filtre = FiltreSecrets(secrets)
    base = logging.getLogRecordFactory()
    if isinstance(base, FabriqueMasquee):  # configured again (tests, several commands)
        base = base.base
    logging.setLogRecordFactory(FabriqueMasquee(base, filtre))
    sortie = logging.StreamHandler()
    sortie.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    sortie.addFilter(filtre)
    racine.addHandler(sortie)
    racine.setLevel(niveau)
    logging.getLogger("aiogram.event").setLevel(max(logging.getLevelName(niveau), logging.INFO))
    # httpx logs every request's URL at INFO: members' tipped links are theirs, not the log's.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    # aiosqlite logs every statement's two steps at DEBUG: thousands of lines a minute that
    # bury the bot's own debug lines.
    logging.getLogger("aiosqlite").setLevel(max(logging.getLevelName(niveau), logging.INFO))
