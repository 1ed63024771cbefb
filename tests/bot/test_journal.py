"""Secrets never reach a log record: masked when the record is made, whoever logs."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from bot import journal

SECRET_WEBHOOK = "secret-du-webhook-0123456789abcdef"


@pytest.fixture
def journal_configure(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    racine = logging.getLogger()
    monkeypatch.setattr(racine, "handlers", list(racine.handlers))
    monkeypatch.setattr(racine, "level", racine.level)
    fabrique = logging.getLogRecordFactory()
    journal.configurer(
        "DEBUG", ["123456:TEST-local-token-aaaaaaaaaaaaaaaaaaaaaaaa", SECRET_WEBHOOK]
    )
    yield
    logging.setLogRecordFactory(fabrique)


@pytest.mark.parametrize(
    ("message", "fuites"),
    [
        ("flux https://alice:motdepasse@flux.example.org/rss en échec", ["alice", "motdepasse"]),
        ("GET http://flux.example.org/rss?token=abc123def&lang=fr", ["abc123def"]),
        ("GET https://x.example.org/a?x=1&api_key=K3Y-9&access_token=T0K", ["K3Y-9", "T0K"]),
        ("webhook prêt, secret " + SECRET_WEBHOOK, [SECRET_WEBHOOK]),
        (
            "https://api.telegram.org/bot123456:TEST-local-token-aaaaaaaaaaaaaaaaaaaaaaaa/getMe",
            ["TEST-local-token"],
        ),
    ],
)
def test_aucun_secret_n_atteint_un_enregistrement(
    journal_configure: None, caplog: pytest.LogCaptureFixture, message: str, fuites: list[str]
) -> None:
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("veille.collecte").warning("%s", message)
        try:
            raise RuntimeError(message)
        except RuntimeError:
            logging.getLogger("aiogram").exception("échec")
    assert len(caplog.records) == 2
    for record in caplog.records:
        texte = record.getMessage() + (record.exc_text or "")
        assert "***" in texte
        for fuite in fuites:
            assert fuite not in texte


def test_le_reste_de_l_adresse_reste_lisible(
    journal_configure: None, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        logging.getLogger("x").info("flux https://u:p@flux.example.org/rss?page=2 relevé")
    assert caplog.records[0].getMessage() == "flux https://***@flux.example.org/rss?page=2 relevé"


def test_le_secret_tire_au_demarrage_est_masque_aussi(
    journal_configure: None, caplog: pytest.LogCaptureFixture
) -> None:
    journal.masquer_aussi("tire-au-hasard-XYZ")
    with caplog.at_level(logging.INFO):
        logging.getLogger("aiohttp").info("en-tête tire-au-hasard-XYZ reçu")
    assert caplog.records[0].getMessage() == "en-tête *** reçu"
