"""The console's aiohttp application: sessions, CSRF, the visitor's rights read at every
request, error pages, templates."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol
from zoneinfo import ZoneInfo

import aiohttp_jinja2
from aiohttp import web
from aiohttp.typedefs import Handler
from markupsafe import Markup
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import connexions, dates, membres
from assemblee import journal as journal_
from assemblee.db import FabriqueSessions
from assemblee.horloge import Horloge
from assemblee.modeles import Groupe, Membre, Role
from assemblee.textes import Catalogue, Traducteur
from config.reglages import Reglages


class Reveil(Protocol):
    def reveiller(self) -> None: ...


# Telegram's HTML parse mode: the plain text and its entities (UTF-16 offsets), or a ValueError
# saying what Telegram would refuse. The bot supplies the parser its CLI checks --html with.
AnalyseurHtml = Callable[[str], tuple[str, list[dict[str, Any]]]]


class Application(Protocol):
    """What the console needs of the running bot (bot.app.Application): the console depends
    on the domain, not on the bot's wiring."""

    @property
    def reglages(self) -> Reglages: ...
    @property
    def catalogue(self) -> Catalogue: ...
    @property
    def horloge(self) -> Horloge: ...
    @property
    def sessions(self) -> FabriqueSessions: ...
    @property
    def expediteur(self) -> Reveil: ...
    @property
    def console_url_locale(self) -> str | None: ...
    @property
    def html_telegram(self) -> AnalyseurHtml: ...
    async def nom_du_bot(self) -> str: ...
    async def installer_menu(self, membre: Membre) -> bool: ...


journal = logging.getLogger(__name__)

DOSSIER = Path(__file__).resolve().parent
PREFIXE = "/console"
COOKIE = "assemblee_console"
# Upload limit: a members' CSV of a few thousand lines is well under this.
TAILLE_MAX_REQUETE = 2 * 1024 * 1024

CLE_APP: web.AppKey[Application] = web.AppKey("application", Application)


@dataclass
class Visiteur:
    """Who is looking, as the database says at this request: a facilitator removed from a
    group loses it at the next page."""

    membre: Membre
    ouverte: connexions.Ouverte
    groupes: list[Groupe] | None  # None: every group (staff)
    t: Traducteur
    fuseau: ZoneInfo
    _ids: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        self._ids = {g.id for g in self.groupes or [] if g.id is not None}

    @property
    def est_equipe(self) -> bool:
        return self.membre.role == Role.EQUIPE

    @property
    def auteur(self) -> journal_.Auteur:
        """Who makes a change from the console, for the domain functions and the journal."""
        return journal_.Auteur(journal_.ORIGINE_CONSOLE, self.membre)

    @property
    def csrf(self) -> str:
        return self.ouverte.session.csrf

    def voit_groupe(self, groupe_id: int | None) -> bool:
        if self.groupes is None:
            return True
        return groupe_id is not None and groupe_id in self._ids

    def groupes_ids(self) -> set[int] | None:
        return None if self.groupes is None else set(self._ids)


CLE_VISITEUR: web.RequestKey[Visiteur] = web.RequestKey("visiteur", Visiteur)
CLE_SESSION: web.RequestKey[AsyncSession] = web.RequestKey("session_bd", AsyncSession)


def application(requete: web.Request) -> Application:
    return requete.app[CLE_APP]


def visiteur(requete: web.Request) -> Visiteur:
    return requete[CLE_VISITEUR]


def session_bd(requete: web.Request) -> AsyncSession:
    return requete[CLE_SESSION]


def maintenant(requete: web.Request) -> datetime:
    return application(requete).horloge.maintenant()


def exiger_equipe(requete: web.Request) -> Visiteur:
    """Staff only (a facilitator gets the 403 page)."""
    v = visiteur(requete)
    if not v.est_equipe:
        raise web.HTTPForbidden
    return v


# --- Templates ------------------------------------------------------------------------------


def _traduire(t: Traducteur) -> Callable[..., Markup]:
    def traduire(cle: str, **valeurs: object) -> Markup:
        # The catalogue escapes every value it is given (Telegram's HTML is HTML).
        return Markup(str(t(cle, **valeurs)))  # noqa: S704

    return traduire


def _contexte(requete: web.Request) -> dict[str, Any]:
    app = application(requete)
    v = requete.get(CLE_VISITEUR)
    t = v.t if v is not None else app.catalogue.pour(_langue_navigateur(requete, app))
    fuseau = app.reglages.fuseau
    langue = t.langue

    def date_longue(instant: datetime | None) -> str:
        return dates.date_longue(instant, fuseau, langue) if instant else ""

    def date_courte(instant: datetime | None) -> str:
        return dates.date_courte(instant, fuseau, langue) if instant else ""

    return {
        "t": _traduire(t),
        "langue": langue,
        "visiteur": v,
        "csrf": v.csrf if v is not None else "",
        "date_longue": date_longue,
        "date_courte": date_courte,
        "prefixe": PREFIXE,
        "chemin": requete.path,
    }


def _langue_navigateur(requete: web.Request, app: Application) -> str:
    for morceau in requete.headers.get("Accept-Language", "").split(","):
        code = morceau.split(";")[0].strip().split("-")[0].lower()
        if code in ("fr", "en"):
            return code
    return app.reglages.langue_defaut


def rendre(
    requete: web.Request, gabarit: str, contexte: dict[str, Any], *, statut: int = 200
) -> web.Response:
    return aiohttp_jinja2.render_template(
        gabarit, requete, {**_contexte(requete), **contexte}, status=statut
    )


def rediriger(chemin: str) -> web.Response:
    """303 See Other: after a form, the browser GETs the next page (a reload resends nothing)."""
    return web.Response(status=303, headers={"Location": chemin})


def page_erreur(requete: web.Request, statut: int, cle: str) -> web.Response:
    return rendre(requete, "erreur.html", {"statut": statut, "cle": cle}, statut=statut)


# --- Middlewares ----------------------------------------------------------------------------

# Pages open without a session: signing in, the Mini App's launch page, static files.
PUBLIQUES = frozenset({"entrer", "entrer-confirmer", "mini-app", "mini-app-entrer", "statique"})
_METHODES_SURES = frozenset({"GET", "HEAD", "OPTIONS"})
_ERREURS = {400: "erreur-400", 403: "erreur-403", 404: "erreur-404", 405: "erreur-404"}


@web.middleware
async def erreurs(request: web.Request, handler: Handler) -> web.StreamResponse:
    """A 4xx is a page saying what happened; anything else a page saying it failed, never a
    stack trace (the log gets it, masked of secrets)."""
    try:
        reponse = await handler(request)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        cle = "erreur-trop-gros" if exc.status == 413 else _ERREURS.get(exc.status, "erreur-400")
        reponse = page_erreur(request, exc.status, cle)
    except Exception:
        # The route's name, not the path: a login link's path holds its token.
        journal.exception("console : erreur sur %s %s", request.method, _nom_route(request))
        reponse = page_erreur(request, 500, "erreur-500")
    _entetes(reponse)
    return reponse


def _entetes(reponse: web.StreamResponse) -> None:
    reponse.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "form-action 'self'; base-uri 'none'; "
        "frame-ancestors 'self' https://web.telegram.org https://*.telegram.org",
    )
    reponse.headers.setdefault("X-Content-Type-Options", "nosniff")
    reponse.headers.setdefault("Referrer-Policy", "no-referrer")
    reponse.headers.setdefault("Cache-Control", "no-store")


@web.middleware
async def base_de_donnees(request: web.Request, handler: Handler) -> web.StreamResponse:
    """One database session per request, like one per update in the bot."""
    if _nom_route(request) == "statique":
        return await handler(request)
    async with application(request).sessions() as session:
        request[CLE_SESSION] = session
        return await handler(request)


def _nom_route(requete: web.Request) -> str | None:
    route = requete.match_info.route
    return getattr(route, "name", None) or (
        "statique" if requete.path.startswith(f"{PREFIXE}/statique/") else None
    )


@web.middleware
async def droits(request: web.Request, handler: Handler) -> web.StreamResponse:
    """The visitor's session and rights, read from the database at every request; the CSRF
    token on every request that changes something."""
    if _nom_route(request) in PUBLIQUES:
        return await handler(request)
    app = application(request)
    session = session_bd(request)
    jeton = request.cookies.get(COOKIE)
    ouverte = (
        await connexions.session_ouverte(session, jeton, maintenant=app.horloge.maintenant())
        if jeton
        else None
    )
    if ouverte is None:
        return rendre(request, "connexion.html", {}, statut=401)
    if not connexions.peut_entrer(ouverte.membre):
        return page_erreur(request, 403, "erreur-reserve-equipe")
    request[CLE_VISITEUR] = Visiteur(
        membre=ouverte.membre,
        ouverte=ouverte,
        groupes=await membres.groupes_geres(session, ouverte.membre),
        t=app.catalogue.pour(ouverte.membre.langue),
        fuseau=app.reglages.fuseau,
    )
    if request.method not in _METHODES_SURES:
        recu = request.headers.get("X-CSRF-Token")
        if recu is None and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            formulaire = await request.post()
            valeur = formulaire.get("csrf")
            recu = valeur if isinstance(valeur, str) else None
        if not connexions.csrf_valide(ouverte, recu):
            journal.warning(
                "console : jeton CSRF absent ou faux sur %s %s (membre %s)",
                request.method,
                _nom_route(request),
                ouverte.membre.id,
            )
            raise web.HTTPForbidden
    return await handler(request)


def poser_cookie(requete: web.Request, reponse: web.StreamResponse, jeton: str) -> None:
    app = application(requete)
    reponse.set_cookie(
        COOKIE,
        jeton,
        path=PREFIXE,
        httponly=True,
        secure=app.reglages.console_en_https,
        samesite="Lax",
        max_age=int(connexions.INACTIVITE_MAX.total_seconds()),
    )


def effacer_cookie(reponse: web.StreamResponse) -> None:
    reponse.del_cookie(COOKIE, path=PREFIXE)


# --- The application ------------------------------------------------------------------------


def url_console(app: Application) -> str:
    """The console's address for links: the public one, else where it listens here."""
    return app.reglages.console_url_publique or app.console_url_locale or ""


def hote_url(hote: str) -> str:
    return f"[{hote}]" if ":" in hote else hote


def groupes_visibles(v: Visiteur, groupes: Iterable[Groupe]) -> list[Groupe]:
    return [g for g in groupes if v.voit_groupe(g.id)]
