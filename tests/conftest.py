"""Shared fixtures: no network beyond 127.0.0.1, a fresh database per test, a frozen clock,
the bench (`banc`): the real bot polling the local Bot API stand-in over HTTP, and the
console it serves with its staff, facilitator and member (`console`)."""

from __future__ import annotations

import asyncio
import errno
import ipaddress
import logging
import os
import socket
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import groupes
from assemblee.db import FabriqueSessions, creer_moteur, fabrique_sessions
from assemblee.horloge import HorlogeFigee
from assemblee.modeles import Groupe, Role
from bot.cli import commun as cli
from config.reglages import Reglages
from tests.outils.banc import Banc
from tests.outils.bases import FabriqueBases
from tests.outils.console import ALEX, CAMILLE, SAM, Console

LOCAUX = {"localhost"}
SECRET_SCRUTINS_TEST = "secret-des-tests-" + "x" * 32

# Hypothesis is derandomized by default (CI and developers alike: a failure is reproduced by
# re-running); `HYPOTHESIS_PROFILE=aleatoire` explores new examples (see README, "Tests").
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("aleatoire", derandomize=False, database=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "hors_ligne: the test plays an offline machine on purpose (refused network attempts "
        "are expected and do not fail it)",
    )


def _hote(adresse: Any) -> str:
    return str(adresse[0]) if isinstance(adresse, tuple) else str(adresse)


def _local(hote: str) -> bool:
    """This machine: localhost, a loopback address, or the unspecified one (0.0.0.0, "0")."""
    if hote in LOCAUX:
        return True
    try:
        ip = ipaddress.ip_address(hote.split("%", maxsplit=1)[0])
    except ValueError:
        try:
            ip = ipaddress.ip_address(socket.inet_aton(hote))  # "0", "127.1", "0x7f.1"
        except OSError:
            return False
    return ip.is_loopback or ip.is_unspecified


def _numerique(hote: str) -> bool:
    """An address written as numbers: resolving it needs no network."""
    try:
        ipaddress.ip_address(hote.split("%", maxsplit=1)[0])
    except ValueError:
        try:
            socket.inet_aton(hote)
        except OSError:
            return False
    return True


@pytest.fixture(autouse=True)
def sans_internet(
    monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> Iterator[list[str]]:
    """Nothing beyond this machine: an attempt fails as it would on an offline machine (the
    error code under test must handle anyway: a name that does not resolve, an unreachable
    network), and is recorded, so the test fails at teardown even if the code swallowed it.
    Yields the record of attempts."""
    connecter = socket.socket.connect
    connecter_ex = socket.socket.connect_ex
    resoudre = socket.getaddrinfo
    tentatives: list[str] = []

    def refuser(self: socket.socket, adresse: Any) -> bool:
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _local(_hote(adresse)):
            tentatives.append(f"connect {adresse!r}")
            return True
        return False

    def connect(self: socket.socket, adresse: Any) -> Any:
        if refuser(self, adresse):
            raise OSError(errno.ENETUNREACH, f"Network is unreachable (tests): {adresse!r}")
        return connecter(self, adresse)

    def connect_ex(self: socket.socket, adresse: Any) -> Any:
        if refuser(self, adresse):
            return errno.ENETUNREACH
        return connecter_ex(self, adresse)

    def getaddrinfo(hote: Any, *args: Any, **kwargs: Any) -> Any:
        nom = str(hote.decode() if isinstance(hote, bytes) else hote)
        if hote is None or nom in LOCAUX or nom.startswith("/") or _numerique(nom):
            return resoudre(hote, *args, **kwargs)
        tentatives.append(f"getaddrinfo {nom!r}")
        raise socket.gaierror(
            socket.EAI_AGAIN, f"Temporary failure in name resolution (tests): {nom!r}"
        )

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield tentatives
    if tentatives and request.node.get_closest_marker("hors_ligne") is None:
        pytest.fail(f"network access attempted in this test: {tentatives[:5]}", pytrace=False)


@pytest.fixture(scope="session")
def fabrique_bases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FabriqueBases]:
    fabrique = FabriqueBases(tmp_path_factory.mktemp("bases"))
    asyncio.run(fabrique.preparer())
    yield fabrique
    asyncio.run(fabrique.nettoyer())


@pytest.fixture
async def url_base(fabrique_bases: FabriqueBases) -> AsyncIterator[str]:
    url = await fabrique_bases.copie()
    yield url
    await fabrique_bases.supprimer(url)


@pytest.fixture
async def moteur(url_base: str) -> AsyncIterator[AsyncEngine]:
    moteur = creer_moteur(url_base)
    yield moteur
    await moteur.dispose()


@pytest.fixture
def sessions(moteur: AsyncEngine) -> FabriqueSessions:
    return fabrique_sessions(moteur)


@pytest.fixture
async def session(sessions: FabriqueSessions) -> AsyncIterator[AsyncSession]:
    async with sessions() as session:
        yield session


@pytest.fixture
def horloge() -> HorlogeFigee:
    # A Wednesday morning in Paris.
    return HorlogeFigee(datetime(2026, 11, 25, 9, 0, tzinfo=UTC))


def reglages_test(**valeurs: Any) -> Reglages:
    """Settings for a test, independent of the developer's .env and environment."""
    defauts: dict[str, Any] = {
        "_env_file": None,
        "bot_token": "123456:TEST-local-token-aaaaaaaaaaaaaaaaaaaaaaaa",
        "bot_username": "assemblee_test_bot",
        "database_url": "sqlite+aiosqlite:///:memory:",
        "telegram_api_url": "http://127.0.0.1:9",
        "fuseau_horaire": "Europe/Paris",
        "equipe_telegram_ids": [],
        "heures_calmes": "21:00-08:00",
        "invitation_validite_jours": 30,
        "contact_equipe": "l'équipe (equipe@example.org)",
        "langue_defaut": "fr",
        "niveau_log": "INFO",
        "groupes_fichier": Path(__file__).resolve().parent.parent / "config" / "groupes.toml",
        "sources_fichier": Path(__file__).resolve().parent / "outils" / "sources-vides.toml",
        "veille_adresses_privees": True,  # the tests' feeds and pages are on 127.0.0.1
        "secret_scrutins": SECRET_SCRUTINS_TEST,
        "console_port": 0,  # any free port: tests run side by side
    }
    defauts.update(valeurs)
    return Reglages(**defauts)


@pytest.fixture
async def groupes_config(session: AsyncSession) -> dict[str, Groupe]:
    """The default groups of config/groupes.toml, in the database, by slug."""
    definitions = groupes.lire_groupes(reglages_test().groupes_fichier)
    await groupes.synchroniser_groupes(session, definitions)
    return {g.slug: g for g in await groupes.groupes_actifs(session)}


@pytest.fixture
async def fabrique_banc(
    url_base: str, horloge: HorlogeFigee
) -> AsyncIterator[Callable[..., Awaitable[Banc]]]:
    """Start a bench with some settings changed: `await fabrique_banc(equipe_telegram_ids=[7])`."""
    bancs: list[Banc] = []

    async def fabriquer(**reglages: Any) -> Banc:
        banc = Banc(horloge)
        bancs.append(banc)
        await banc.demarrer(url_base, reglages_test, **reglages)
        return banc

    yield fabriquer
    for banc in bancs:
        await banc.arreter()


@pytest.fixture
async def banc(fabrique_banc: Callable[..., Awaitable[Banc]]) -> Banc:
    return await fabrique_banc()


@pytest.fixture
async def console(
    fabrique_banc: Callable[..., Awaitable[Banc]],
) -> AsyncIterator[Console]:
    """The console (tests/console, tests/navigateur): Sam is staff, Alex facilitates
    "environnement", Camille is a member of it."""
    banc = await fabrique_banc(equipe_telegram_ids=[SAM])
    sam = banc.utilisateur(SAM, "Sam", "Équipe")
    (notice,) = await sam.envoyer("/start")
    await sam.cliquer(notice, "J'accepte")
    alex = await banc.membre_actif(ALEX, "Alex", "Anim", role=Role.ANIMATEUR)
    camille = await banc.membre_actif(CAMILLE, "Camille", "Martin")
    c = Console(banc, sam, alex, camille, [])
    yield c
    for navigateur in c.navigateurs:
        await navigateur.fermer()


@pytest.fixture
def operateur(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, url_base: str, horloge: HorlogeFigee
) -> Path:
    """For CLI tests: a clean working folder and environment on this test's database; the
    command's clock is the tests' frozen one."""
    prefixes = ("BOT_", "EQUIPE_", "TELEGRAM_", "HEURES_", "FUSEAU_", "GROUPES_", "VEILLE_")
    for variable in list(os.environ):
        if variable.startswith(prefixes):
            monkeypatch.delenv(variable)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", url_base)
    monkeypatch.setenv("BOT_USERNAME", "assemblee_paris_bot")
    monkeypatch.setenv(
        "SOURCES_FICHIER", str(Path(__file__).parent / "outils" / "sources-vides.toml")
    )
    monkeypatch.setenv("VEILLE_ADRESSES_PRIVEES", "true")  # the tests' feeds are on 127.0.0.1
    monkeypatch.setattr(cli, "HorlogeSysteme", lambda: horloge)
    # The command sets up logging for a process; in a test, put the previous handlers back
    # afterwards, or later tests would log to this test's closed output.
    racine = logging.getLogger()
    monkeypatch.setattr(racine, "handlers", list(racine.handlers))
    monkeypatch.setattr(racine, "level", racine.level)
    # ... and the record factory that masks secrets (bot.journal).
    monkeypatch.setattr(logging, "_logRecordFactory", logging.getLogRecordFactory())
    return tmp_path
