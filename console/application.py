"""The console as an aiohttp application: mounted under /console on the webhook's server, or
served alone on CONSOLE_HOTE:CONSOLE_PORT in long polling."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import aiohttp_jinja2
import jinja2
from aiohttp import web

from console import entree, pages
from console.web import (
    CLE_APP,
    DOSSIER,
    PREFIXE,
    TAILLE_MAX_REQUETE,
    Application,
    base_de_donnees,
    droits,
    erreurs,
    hote_url,
)


def creer(app: Application) -> web.Application:
    console = web.Application(
        middlewares=[erreurs, base_de_donnees, droits], client_max_size=TAILLE_MAX_REQUETE
    )
    console[CLE_APP] = app
    environnement = aiohttp_jinja2.setup(
        console,
        loader=jinja2.FileSystemLoader(DOSSIER / "gabarits"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    environnement.trim_blocks = True
    environnement.lstrip_blocks = True
    console.router.add_static("/statique", DOSSIER / "statique", name="statique")
    entree.installer(console.router)
    pages.installer(console.router)
    return console


@contextlib.asynccontextmanager
async def servir(app: Application) -> AsyncIterator[str]:
    """Serve the console alone (long polling) on CONSOLE_HOTE:CONSOLE_PORT; yields its URL."""
    serveur = web.Application()
    serveur.add_subapp(PREFIXE, creer(app))
    runner = web.AppRunner(serveur, access_log=None, shutdown_timeout=2.0)
    await runner.setup()
    site = web.TCPSite(runner, app.reglages.console_hote, app.reglages.console_port)
    try:
        await site.start()
        hote, port = runner.addresses[0][:2]
        yield f"http://{hote_url(hote)}:{port}{PREFIXE}"
    finally:
        await runner.cleanup()
