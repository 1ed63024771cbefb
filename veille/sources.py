"""The watch's feeds: those of config/sources.toml (synchronised at start) and those staff add
or remove from the bot. A source is never deleted, only deactivated, so its articles stay.

Synchronising the file: a feed listed there is created, or reactivated if it was not a file
feed before (new in the file, or put back after being taken out). A file feed that failed
too often, or that staff removed, stays deactivated across restarts: a restart must not undo
a decision nor send staff the same notice again; staff turn it back on with `ajouter`. A file
feed gone from the file is deactivated; a feed staff added is never touched by the file.
"""

from __future__ import annotations

import asyncio
import logging
import tomllib
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import journal as journal_
from assemblee.groupes import groupes_actifs
from assemblee.modeles import Source
from veille import analyse, collecte

journal = logging.getLogger(__name__)

LONGUEUR_NOM = 200
LONGUEUR_URL = 1000
_PORTS_DEFAUT = {"http": 80, "https": 443}

_MESSAGES = {
    "url-invalide": "cette adresse n'est pas valable : donnez une adresse en http:// ou https://",
    "adresse-privee": "cette adresse est sur un réseau local ou privé : elle est refusée",
    "injoignable": "le site ne répond pas : vérifiez l'adresse ou réessayez plus tard",
    "delai": "le site met trop de temps à répondre : réessayez plus tard",
    "trop-gros": "ce flux est trop volumineux pour être relevé",
    "http": "le site a répondu par une erreur : vérifiez l'adresse",
    "introuvable": "cette adresse est introuvable sur le site (404) : vérifiez-la",
    "disparu": "cette adresse n'existe plus sur le site (410) : cherchez la nouvelle",
    "acces-refuse": "le site demande une connexion ou refuse l'accès (401, 403)",
    "panne": "le site est en panne (erreur 5xx) : réessayez plus tard",
    "pas-un-flux": "cette adresse n'est pas un flux RSS ou Atom : cherchez le lien « RSS » du site",
    "deja": "cette source est déjà suivie",
    "inconnue": "cette source n'existe pas",
}


class ErreurSources(Exception):
    """The sources file is wrong; `str()` names the file, the entry and what to fix."""


class ErreurSource(Exception):
    """A source could not be added or removed. `.code`: "url-invalide", "adresse-privee",
    "injoignable",
    "delai", "trop-gros", "http" (an HTTP error, or "introuvable" 404, "disparu" 410,
    "acces-refuse" 401/403, "panne" 5xx), "pas-un-flux", "deja" (already followed), or "inconnue"
    (`retirer` of an unknown id); `.detail`: what went wrong, for logs and staff."""

    def __init__(self, code: str, detail: str | None = None) -> None:
        self.code = code
        self.detail = detail or _MESSAGES.get(code, code)
        super().__init__(self.detail)


@dataclass(frozen=True)
class DefinitionSource:
    nom: str
    url: str


def _code_http(statut: int | None) -> str:
    if statut == 404:
        return "introuvable"
    if statut == 410:
        return "disparu"
    if statut in (401, 403):
        return "acces-refuse"
    if statut is not None and statut >= 500:
        return "panne"
    return "http"


def url_source(url: str) -> str:
    """How a feed's address is stored and compared: trimmed, scheme and host in lowercase,
    no default port, no fragment. The query stays as given (a feed may need it)."""
    morceaux = urlsplit(url.strip())
    schema = morceaux.scheme.lower()
    try:
        port = morceaux.port
    except ValueError:
        return url.strip()
    hote = (morceaux.hostname or "").rstrip(".")
    if ":" in hote:
        hote = f"[{hote}]"
    if port is not None and port != _PORTS_DEFAUT.get(schema):
        hote = f"{hote}:{port}"
    if morceaux.username:
        identite = morceaux.username + (f":{morceaux.password}" if morceaux.password else "")
        hote = f"{identite}@{hote}"
    return urlunsplit((schema, hote, morceaux.path or "/", morceaux.query, ""))


def url_valable(url: str) -> bool:
    try:
        morceaux = urlsplit(url)
        morceaux.port  # noqa: B018 (raises on a bad port)
    except ValueError:
        return False
    return (
        morceaux.scheme in _PORTS_DEFAUT
        and bool(morceaux.hostname)
        and len(url) <= LONGUEUR_URL
        and not any(c.isspace() for c in url)
    )


def lire_sources(fichier: Path) -> list[DefinitionSource]:
    """Read config/sources.toml: `[[source]]` blocks with `nom` and `url`. No block at all is
    allowed (a watch without default feeds). Raises ErreurSources naming the file and entry."""
    try:
        donnees = tomllib.loads(fichier.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ErreurSources(f"{fichier} : lecture impossible ({exc.strerror}).") from None
    except UnicodeDecodeError:
        raise ErreurSources(f"{fichier} : le fichier doit être enregistré en UTF-8.") from None
    except tomllib.TOMLDecodeError as exc:
        raise ErreurSources(f"{fichier} : syntaxe TOML invalide ({exc}).") from None
    entrees = donnees.get("source", [])
    if not isinstance(entrees, list) or not all(isinstance(e, dict) for e in entrees):
        raise ErreurSources(f"{fichier} : les sources s'écrivent en blocs [[source]].")
    definitions: list[DefinitionSource] = []
    vues: dict[str, int] = {}
    for numero, entree in enumerate(entrees, start=1):
        ou = f"{fichier}, source n°{numero}"
        nom = entree.get("nom")
        if not isinstance(nom, str) or not nom.strip():
            raise ErreurSources(f"{ou} : « nom » manque (le nom affiché dans la revue).")
        if len(nom.strip()) > LONGUEUR_NOM:
            raise ErreurSources(f"{ou} : « nom » dépasse {LONGUEUR_NOM} caractères.")
        url = entree.get("url")
        if not isinstance(url, str) or not url.strip():
            raise ErreurSources(f"{ou} ({nom.strip()}) : « url » manque (l'adresse du flux).")
        url = url_source(url)
        if not url_valable(url):
            raise ErreurSources(
                f"{ou} ({nom.strip()}) : « url » doit être une adresse http:// ou https:// "
                "complète, sans espace."
            )
        if url in vues:
            raise ErreurSources(
                f"{ou} ({nom.strip()}) : la même « url » que la source n°{vues[url]}."
            )
        vues[url] = numero
        definitions.append(DefinitionSource(nom=nom.strip(), url=url))
    return definitions


async def synchroniser_sources(
    session: AsyncSession, definitions: list[DefinitionSource], *, maintenant: datetime
) -> None:
    """Make the database follow the file (see the module's docstring for the rules)."""
    existantes = {s.url: s for s in (await session.exec(select(Source))).all()}
    dans_fichier = set()
    for definition in definitions:
        dans_fichier.add(definition.url)
        source = existantes.get(definition.url)
        if source is None:
            source = Source(
                nom=definition.nom,
                url=definition.url,
                depuis_config=True,
                ajoutee_le=maintenant,
            )
        elif not source.depuis_config:
            source.depuis_config = True
            if not source.active:
                _reactiver(source)
        source.nom = definition.nom
        session.add(source)
    for url, source in existantes.items():
        if source.depuis_config and url not in dans_fichier:
            source.depuis_config = False
            if source.active:
                source.active = False
                source.desactivee_le = maintenant
            session.add(source)
    await session.commit()


def _reactiver(source: Source) -> None:
    """A fresh start: due at the next tick, no failure, no stale validators."""
    source.active = True
    source.desactivee_le = None
    source.echecs = 0
    source.derniere_erreur = None
    source.etag = None
    source.derniere_modification = None
    source.prochaine_collecte_le = None


async def _par_url(session: AsyncSession, url: str) -> Source | None:
    return (await session.exec(select(Source).where(Source.url == url))).first()


async def ajouter(
    session: AsyncSession,
    *,
    url: str,
    nom: str | None,
    auteur: journal_.Auteur,
    client: httpx.AsyncClient,
    maintenant: datetime,
    delai: float,
    taille_max: int,
    intervalle: timedelta | None = None,
) -> Source:
    """Follow a new feed, after fetching it once to check that it is one: nothing is saved
    when it is not. `nom` defaults to the feed's own title. A deactivated source with the same
    address is reactivated. Committed. The check counts as the first collection: its items
    are stored and its ETag / Last-Modified kept, so the next collection asks "changed
    since?" instead of downloading the feed again; with `intervalle` (the collection
    interval), that next collection is at the source's slot. Raises ErreurSource."""
    url = url_source(url)
    if not url_valable(url):
        raise ErreurSource("url-invalide")
    existante = await _par_url(session, url)
    if existante is not None and existante.active:
        raise ErreurSource("deja")
    try:
        page = await collecte.telecharger(client, url, delai=delai, taille_max=taille_max)
        flux = await asyncio.to_thread(analyse.lire_flux, page.contenu, page.url_finale)
    except collecte.ErreurTelechargement as exc:
        code = _code_http(exc.statut) if exc.code == "http" else exc.code
        raise ErreurSource(code, f"{_MESSAGES[code]} ({exc.detail})") from None
    except analyse.ErreurFlux as exc:
        raise ErreurSource(exc.code) from None
    # Redirected to a feed already followed under its other address.
    finale = url_source(page.url_finale)
    if finale != url:
        ailleurs = await _par_url(session, finale)
        if ailleurs is not None and ailleurs.active:
            raise ErreurSource("deja")
    nom_choisi = analyse.couper(" ".join((nom or "").split()), LONGUEUR_NOM)
    nom_flux = analyse.couper(flux.titre or "", LONGUEUR_NOM)
    if existante is not None:
        source = existante
        _reactiver(source)
        source.nom = nom_choisi or source.nom or nom_flux
        action = "source-reactivee"
    else:
        action = "source-ajoutee"
        source = Source(
            nom=nom_choisi or nom_flux or urlsplit(url).hostname or url,
            url=url,
            depuis_config=False,
            ajoutee_le=maintenant,
        )
    par = auteur.par
    if par is not None:
        source.ajoutee_par_id = par.id
    session.add(source)
    try:
        await session.flush()
        journal_.noter_par(
            session,
            auteur,
            action=action,
            objet="source",
            objet_id=source.id,
            apres=journal_.decrire(
                {"nom": source.nom, "url": journal_.url_sans_secret(source.url)}
            ),
            maintenant=maintenant,
        )
        await session.commit()
    except IntegrityError:  # added by someone else in the meantime
        await session.rollback()
        raise ErreurSource("deja") from None
    journal.info(
        "veille : source %s (%s) ajoutée par %s", source.id, url, par.id if par else auteur.origine
    )
    try:
        await _premiere_collecte(session, source, page, flux, maintenant, intervalle)
    except Exception:
        # The source is followed all the same: the next tick collects it in full.
        journal.exception("veille : premiers articles de la source %s non enregistrés", source.id)
        await session.rollback()
    return source


async def _premiere_collecte(
    session: AsyncSession,
    source: Source,
    page: collecte.Telechargement,
    flux: analyse.Flux,
    maintenant: datetime,
    intervalle: timedelta | None,
) -> None:
    """What the check fetched, kept as the source's first collection."""
    assert source.id is not None
    await analyse.inserer(
        session,
        source=source,
        entrees=flux.entrees,
        maintenant=maintenant,
        groupes=await groupes_actifs(session),
    )
    source.etag = page.etag if page.etag and len(page.etag) <= 300 else None
    modification = page.derniere_modification
    source.derniere_modification = (
        modification if modification and len(modification) <= 100 else None
    )
    source.collectee_le = maintenant
    if intervalle is not None:
        source.prochaine_collecte_le = collecte.prochaine_collecte(
            source.id, maintenant, intervalle
        )
    session.add(source)
    await session.commit()


async def retirer(
    session: AsyncSession, *, source_id: int, auteur: journal_.Auteur, maintenant: datetime
) -> Source:
    """Stop following a source (deactivated, its articles kept). Removing one already
    removed changes nothing. Raises ErreurSource("inconnue")."""
    source = await session.get(Source, source_id)
    if source is None:
        raise ErreurSource("inconnue")
    if source.active:
        source.active = False
        source.desactivee_le = maintenant
        session.add(source)
        journal_.noter_par(
            session,
            auteur,
            action="source-desactivee",
            objet="source",
            objet_id=source.id,
            avant=journal_.decrire(
                {"nom": source.nom, "url": journal_.url_sans_secret(source.url)}
            ),
            maintenant=maintenant,
        )
        await session.commit()
        journal.info(
            "veille : source %s (%s) retirée par %s",
            source.id,
            source.url,
            auteur.par.id if auteur.par else auteur.origine,
        )
    return source


async def lister(session: AsyncSession) -> list[Source]:
    """Every source, the active ones first, then by name."""
    sources = list((await session.exec(select(Source).order_by(col(Source.id)))).all())
    sources.sort(key=lambda s: (not s.active, s.nom.casefold()))
    return sources
