"""The console in a real browser: Debian's Chromium driven by Playwright, and axe-core.

Chromium is started once per test session (DevTools on 127.0.0.1); each test connects to it
with its own Playwright, because Playwright's objects belong to the event loop that made
them and every test here runs in its own loop (as the `console` fixture does). Each window
is a fresh browser context: its own cookies, as another device would have."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

import pytest
from playwright.async_api import Browser, BrowserContext, Page, async_playwright

from telegram_local import Utilisateur
from tests.outils.console import Console, init_data, lien_de_connexion

CHROMIUM_DEFAUT = "/usr/bin/chromium"
ARGUMENTS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-proxy-server",  # the console is on 127.0.0.1: never through a proxy
]
AXE = Path(__file__).parent / "vendor" / "axe-core-4.14.1" / "axe.min.js"
IMPACTS_BLOQUANTS = ("serious", "critical")
DELAI_MS = 20_000  # a loaded 2-core machine runs the bot, the stand-in and Chromium at once


def _introuvable(raison: str) -> None:
    # CI must never skip the browser tests silently: it sets EXIGER_NAVIGATEUR=1.
    if os.environ.get("EXIGER_NAVIGATEUR") == "1":
        pytest.fail(f"{raison} (EXIGER_NAVIGATEUR=1)", pytrace=False)
    pytest.skip(raison)


@pytest.fixture(scope="session")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Chromium for the whole session, with a fresh profile; yields its DevTools endpoint."""
    executable = os.environ.get("CHROMIUM", CHROMIUM_DEFAUT)
    if not (Path(executable).is_file() and os.access(executable, os.X_OK)):
        _introuvable(
            f"Chromium introuvable ({executable}) : `apt-get install chromium`, "
            "ou CHROMIUM=/chemin/vers/chromium"
        )
    profil = tmp_path_factory.mktemp("chromium-profil")
    journal = tmp_path_factory.mktemp("chromium-journal") / "chromium.log"
    with journal.open("wb") as sortie:
        processus = subprocess.Popen(
            [
                executable,
                *ARGUMENTS,
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                f"--user-data-dir={profil}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=sortie,
            stderr=subprocess.STDOUT,
        )
    try:
        # Chromium writes the port it chose in its profile once DevTools listens.
        fichier = profil / "DevToolsActivePort"
        limite = time.monotonic() + 60
        while not fichier.is_file() or not fichier.read_text().strip():
            if processus.poll() is not None or time.monotonic() > limite:
                _introuvable(
                    f"Chromium ({executable}) n'a pas démarré : "
                    + journal.read_text(errors="replace")[-2000:]
                )
            time.sleep(0.05)
        port = int(fichier.read_text().split()[0])
        yield f"http://127.0.0.1:{port}"
    finally:
        processus.terminate()
        try:
            processus.wait(10)
        except subprocess.TimeoutExpired:
            processus.kill()
            processus.wait()


class Fenetres:
    """Browser windows on the test's console; each window is a new device (own cookies)."""

    def __init__(self, navigateur: Browser, console: Console) -> None:
        self.navigateur = navigateur
        self.console = console
        assert console.banc.app.console_url_locale, "the console is not served"
        self.base = console.banc.app.console_url_locale
        self.contextes: list[BrowserContext] = []

    async def ouvrir(self) -> Page:
        # bypass_csp: axe-core is injected as an inline script, which the console's CSP
        # (rightly) refuses; the console's own scripts are still served from 'self'.
        contexte = await self.navigateur.new_context(
            bypass_csp=True, locale="fr-FR", viewport={"width": 1280, "height": 900}
        )
        contexte.set_default_timeout(DELAI_MS)
        self.contextes.append(contexte)
        return await contexte.new_page()

    def url(self, chemin: str) -> str:
        return chemin if chemin.startswith("http") else f"{self.base}{chemin}"

    async def entrer_par_lien(self, utilisateur: Utilisateur) -> Page:
        """/console in the bot, open the link, press "Entrer"."""
        lien = await lien_de_connexion(utilisateur)
        page = await self.ouvrir()
        await page.goto(lien)
        await page.get_by_role("button", name="Entrer").click()
        await page.wait_for_url(f"{self.base}/")
        return page

    async def entrer_par_mini_app(self, utilisateur: Utilisateur) -> Page:
        """The Mini App as Telegram opens it: initData in the URL's fragment, which the page's
        script posts to the server before going to the dashboard."""
        page = await self.ouvrir()
        await page.goto(self.url_mini_app(utilisateur))
        await page.wait_for_url(f"{self.base}/")
        return page

    def url_mini_app(self, utilisateur: Utilisateur) -> str:
        banc = self.console.banc
        donnees = init_data(
            banc.app.reglages.jeton,
            user_id=utilisateur.user_id,
            prenom=utilisateur.prenom,
            quand=banc.horloge.maintenant(),
        )
        return f"{self.base}/mini-app#tgWebAppData={quote(donnees, safe='')}"

    async def entrer(
        self, utilisateur: Utilisateur, *, par: Literal["lien", "mini-app"] = "lien"
    ) -> Page:
        if par == "lien":
            return await self.entrer_par_lien(utilisateur)
        return await self.entrer_par_mini_app(utilisateur)

    async def fermer(self) -> None:
        for contexte in self.contextes:
            with contextlib.suppress(Exception):  # already gone with the browser
                await contexte.close()


@pytest.fixture
async def fenetres(chromium: str, console: Console) -> AsyncIterator[Fenetres]:
    """Windows of the session's Chromium on this test's console (see `Fenetres.entrer`)."""
    async with async_playwright() as playwright:
        navigateur = await playwright.chromium.connect_over_cdp(chromium)
        fenetres = Fenetres(navigateur, console)
        try:
            yield fenetres
        finally:
            await fenetres.fermer()


async def verifier_accessibilite(page: Page) -> list[dict[str, Any]]:
    """axe-core on the page as it is: fails on a serious or critical violation, prints the
    others; returns every violation."""
    await page.add_script_tag(path=AXE)
    resultat = await page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    violations: list[dict[str, Any]] = resultat["violations"]
    for v in violations:
        cibles = [n["target"] for n in v["nodes"]][:5]
        print(f"axe {page.url} [{v['impact']}] {v['id']}: {v['help']} {json.dumps(cibles)}")
    graves = [v for v in violations if v["impact"] in IMPACTS_BLOQUANTS]
    assert not graves, "\n".join(
        f"{v['impact']} {v['id']}: {v['help']} ({v['helpUrl']})\n"
        + "\n".join(f"  {n['target']}: {n['failureSummary']}" for n in v["nodes"][:5])
        for v in graves
    )
    return violations
