"""The console's HTTP tests: the real bot (bench) serving the console, people in Telegram
(the stand-in) and browsers (aiohttp clients with cookies)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

import pytest

from assemblee.modeles import Role
from telegram_local import Utilisateur
from tests.outils.banc import Banc
from tests.outils.console import Navigateur, entrer

SAM = 7  # staff, named in EQUIPE_TELEGRAM_IDS
ALEX = 2001  # facilitator of "environnement"
CAMILLE = 1001  # member of "environnement"


@dataclass
class Console:
    banc: Banc
    sam: Utilisateur
    alex: Utilisateur
    camille: Utilisateur
    navigateurs: list[Navigateur]

    async def entrer(self, utilisateur: Utilisateur) -> Navigateur:
        navigateur = await entrer(self.banc, utilisateur)
        self.navigateurs.append(navigateur)
        return navigateur

    def navigateur(self) -> Navigateur:
        navigateur = Navigateur(self.banc)
        self.navigateurs.append(navigateur)
        return navigateur


@pytest.fixture
async def console(
    fabrique_banc: Callable[..., Awaitable[Banc]],
) -> AsyncIterator[Console]:
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
