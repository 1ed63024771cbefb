"""A small web server on 127.0.0.1 for the watch's tests: each test says what each path serves
(a feed file, a page, an error, a server that hangs, an endless body…) and reads back the
requests it received. Any path not configured answers 404."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from aiohttp import web

FLUX = Path(__file__).resolve().parent / "flux"
TYPE_RSS = "application/rss+xml; charset=utf-8"
TYPE_ATOM = "application/atom+xml"
TYPE_HTML = "text/html; charset=utf-8"
MORCEAU = 64 * 1024


@dataclass
class Route:
    corps: bytes = b""
    type_contenu: str | None = TYPE_RSS
    statut: int = 200
    etag: str | None = None
    derniere_modification: str | None = None
    suspendue: bool = False  # never answers
    taille_flux: int | None = None  # a generated body of this size, streamed without a length
    vers: str | None = None  # a redirection
    latence: float = 0.0


@dataclass(frozen=True)
class Requete:
    chemin: str
    entetes: Mapping[str, str]


@dataclass
class ServeurFlux:
    routes: dict[str, Route] = field(default_factory=dict)
    requetes: list[Requete] = field(default_factory=list)
    en_vol: int = 0
    en_vol_max: int = 0
    base: str = ""
    requete_recue: asyncio.Event = field(default_factory=asyncio.Event)
    _runner: web.AppRunner | None = None

    async def __aenter__(self) -> ServeurFlux:
        app = web.Application()
        app.router.add_route("GET", "/{chemin:.*}", self._servir)
        # handler_cancellation: a client that gives up (our deadline) ends a hanging handler.
        self._runner = web.AppRunner(
            app, access_log=None, handler_cancellation=True, shutdown_timeout=0.5
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.base = f"http://127.0.0.1:{self._runner.addresses[0][1]}"
        return self

    async def __aexit__(
        self,
        type_: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def url(self, chemin: str) -> str:
        return f"{self.base}/{chemin.lstrip('/')}"

    # --- what each path serves ---------------------------------------------------------------

    def servir(self, chemin: str, route: Route) -> str:
        self.routes["/" + chemin.lstrip("/")] = route
        return self.url(chemin)

    def fichier(
        self,
        chemin: str,
        nom: str,
        *,
        type_contenu: str | None = TYPE_RSS,
        etag: str | None = None,
        derniere_modification: str | None = None,
    ) -> str:
        """A file of tests/veille/flux/."""
        return self.contenu(
            chemin,
            (FLUX / nom).read_bytes(),
            type_contenu=type_contenu,
            etag=etag,
            derniere_modification=derniere_modification,
        )

    def contenu(
        self,
        chemin: str,
        corps: bytes | str,
        *,
        type_contenu: str | None = TYPE_RSS,
        etag: str | None = None,
        derniere_modification: str | None = None,
        latence: float = 0.0,
    ) -> str:
        return self.servir(
            chemin,
            Route(
                corps=corps.encode() if isinstance(corps, str) else corps,
                type_contenu=type_contenu,
                etag=etag,
                derniere_modification=derniere_modification,
                latence=latence,
            ),
        )

    def erreur(self, chemin: str, statut: int) -> str:
        return self.servir(chemin, Route(corps=b"erreur", type_contenu="text/plain", statut=statut))

    def suspendu(self, chemin: str) -> str:
        return self.servir(chemin, Route(suspendue=True))

    def enorme(self, chemin: str, taille: int) -> str:
        return self.servir(chemin, Route(taille_flux=taille))

    def redirection(self, chemin: str, vers: str) -> str:
        return self.servir(chemin, Route(statut=301, vers=vers))

    def requetes_vers(self, chemin: str) -> list[Requete]:
        chemin = "/" + chemin.lstrip("/")
        return [r for r in self.requetes if r.chemin == chemin]

    # --- serving -------------------------------------------------------------------------------

    async def _servir(self, requete: web.Request) -> web.StreamResponse:
        self.requetes.append(Requete(requete.path, dict(requete.headers)))
        self.requete_recue.set()
        route = self.routes.get(requete.path)
        if route is None:
            return web.Response(status=404, text="introuvable")
        self.en_vol += 1
        self.en_vol_max = max(self.en_vol_max, self.en_vol)
        try:
            return await self._repondre(requete, route)
        finally:
            self.en_vol -= 1

    async def _repondre(self, requete: web.Request, route: Route) -> web.StreamResponse:
        if route.latence:
            await asyncio.sleep(route.latence)
        if route.suspendue:
            await asyncio.Event().wait()  # cancelled when the client leaves
        if route.vers is not None:
            raise web.HTTPMovedPermanently(location=route.vers)
        entetes: dict[str, str] = {}
        if route.etag:
            entetes["ETag"] = route.etag
        if route.derniere_modification:
            entetes["Last-Modified"] = route.derniere_modification
        if (route.etag and requete.headers.get("If-None-Match") == route.etag) or (
            route.derniere_modification
            and requete.headers.get("If-Modified-Since") == route.derniere_modification
        ):
            return web.Response(status=304, headers=entetes)
        if route.type_contenu:
            entetes["Content-Type"] = route.type_contenu
        if route.taille_flux is not None:
            return await self._flot(requete, route.taille_flux, entetes)
        return web.Response(status=route.statut, body=route.corps, headers=entetes)

    async def _flot(
        self, requete: web.Request, taille: int, entetes: dict[str, str]
    ) -> web.StreamResponse:
        """An RSS document of `taille` bytes, chunked (no Content-Length to trust)."""
        reponse = web.StreamResponse(headers=entetes)
        reponse.enable_chunked_encoding()
        await reponse.prepare(requete)
        envoye = 0
        debut = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Enorme</title>'
        item = b"<item><title>Encore</title><link>https://exemple.org/x</link></item>"
        bloc = debut + item * (MORCEAU // len(item))
        try:
            while envoye < taille:
                await reponse.write(bloc)
                envoye += len(bloc)
                bloc = item * (MORCEAU // len(item))
        except (ConnectionError, RuntimeError):
            return reponse  # the client stopped reading: what we wanted
        await reponse.write_eof()
        return reponse
