"""The watch's tests: a feed server on 127.0.0.1 and an HTTP client allowed to reach it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from tests.veille.serveur import ServeurFlux
from veille import collecte


@pytest.fixture
async def serveur() -> AsyncIterator[ServeurFlux]:
    async with ServeurFlux() as serveur:
        yield serveur


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    # Local addresses allowed: the feed server is on 127.0.0.1.
    async with collecte.creer_client(adresses_privees=True) as client:
        yield client
