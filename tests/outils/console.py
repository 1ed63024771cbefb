"""The console seen from outside: a browser-like HTTP client (cookies, forms, CSRF) on the
console the bench's bot serves, Telegram Mini App launch data signed as Telegram would, and
the cast of the `console` fixture (tests/conftest.py)."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

import aiohttp

from telegram_local import Utilisateur
from tests.outils.banc import Banc

SAM = 7  # staff, named in EQUIPE_TELEGRAM_IDS
ALEX = 2001  # facilitator of "environnement"
CAMILLE = 1001  # member of "environnement"

_LIEN = re.compile(r"(https?://\S+/console/entrer/[A-Za-z0-9_-]+)")
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def init_data(
    jeton_bot: str,
    *,
    user_id: int,
    prenom: str,
    quand: datetime,
    alterer: bool = False,
) -> str:
    """A Mini App's initData as Telegram signs it: HMAC-SHA256 of the sorted fields, with the
    key HMAC-SHA256("WebAppData", bot token)."""
    champs = {
        "auth_date": str(int(quand.timestamp())),
        "query_id": "AAHdF6IQAAAAAN0XohDhrOrc",
        "user": json.dumps(
            {"id": user_id, "first_name": prenom, "language_code": "fr"}, separators=(",", ":")
        ),
    }
    a_verifier = "\n".join(f"{k}={v}" for k, v in sorted(champs.items()))
    cle = hmac.new(b"WebAppData", jeton_bot.encode(), hashlib.sha256).digest()
    signature = hmac.new(cle, a_verifier.encode(), hashlib.sha256).hexdigest()
    if alterer:
        signature = ("0" if signature[0] != "0" else "1") + signature[1:]
    return urlencode({**champs, "hash": signature})


class Navigateur:
    """One browser: its own cookies; remembers the CSRF token of the last page it read."""

    def __init__(self, banc: Banc) -> None:
        self.banc = banc
        assert banc.app.console_url_locale, "the console is not served"
        self.base = banc.app.console_url_locale
        self.session = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        self.csrf: str | None = None

    async def fermer(self) -> None:
        await self.session.close()

    def url(self, chemin: str) -> str:
        return chemin if chemin.startswith("http") else f"{self.base}{chemin}"

    async def get(self, chemin: str, **kwargs: Any) -> tuple[int, str]:
        async with self.session.get(self.url(chemin), **kwargs) as reponse:
            texte = await reponse.text()
        trouve = _CSRF.search(texte)
        if trouve:
            self.csrf = trouve.group(1)
        return reponse.status, texte

    async def post(
        self,
        chemin: str,
        donnees: Mapping[str, Any] | aiohttp.FormData | None = None,
        *,
        csrf: bool = True,
        **kwargs: Any,
    ) -> tuple[int, str]:
        if isinstance(donnees, aiohttp.FormData):
            if csrf and self.csrf:
                donnees.add_field("csrf", self.csrf)
            corps: Any = donnees
        else:
            corps = dict(donnees or {})
            if csrf and self.csrf and "csrf" not in corps:
                corps["csrf"] = self.csrf
        async with self.session.post(self.url(chemin), data=corps, **kwargs) as reponse:
            texte = await reponse.text()
        trouve = _CSRF.search(texte)
        if trouve:
            self.csrf = trouve.group(1)
        return reponse.status, texte

    async def telecharger(self, chemin: str) -> tuple[int, dict[str, str], bytes]:
        async with self.session.get(self.url(chemin)) as reponse:
            corps = await reponse.read()
            return reponse.status, dict(reponse.headers), corps

    async def entrer_par_lien(self, lien: str) -> tuple[int, str]:
        statut, page = await self.get(lien)
        if statut != 200:
            return statut, page
        jeton = lien.rsplit("/", 1)[1]
        return await self.post("/entrer", {"jeton": jeton}, csrf=False)

    async def entrer_par_mini_app(self, donnees: str) -> tuple[int, dict[str, Any]]:
        async with self.session.post(self.url("/mini-app"), data={"init_data": donnees}) as reponse:
            return reponse.status, await reponse.json()


async def lien_de_connexion(utilisateur: Utilisateur) -> str:
    """Send /console in the bot and return the link it answers with."""
    (reponse,) = await utilisateur.envoyer("/console")
    trouve = _LIEN.search(reponse.texte_visible or "")
    assert trouve, f"no login link in {reponse.texte_visible!r}"
    return trouve.group(1)


async def entrer(banc: Banc, utilisateur: Utilisateur) -> Navigateur:
    """A browser signed in as this person, through /console and the link."""
    navigateur = Navigateur(banc)
    statut, page = await navigateur.entrer_par_lien(await lien_de_connexion(utilisateur))
    assert statut == 200, page
    return navigateur


@dataclass
class Console:
    """The `console` fixture: the bench's bot serving the console, and its people."""

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
