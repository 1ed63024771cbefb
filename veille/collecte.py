"""Fetching: one bounded HTTP GET (`telecharger`), a tipped page's title (`titre_de_page`), and
the collection tick that the scheduler calls (`tick`).

Each source has its own rhythm, kept in the database (so a restart loses nothing): after a
success it is due again one interval later, on a per-source phase that spreads the sources
over the interval; after a failure it waits interval x 2^(failures-1), at most a day; after
`veille_echecs_max` failures in a row it is deactivated and staff get one notice.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import re
import socket
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from typing import NoReturn
from urllib.parse import urlsplit

import httpcore
import httpx
from httpcore import SOCKET_OPTION
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import envois
from assemblee.db import FabriqueSessions
from assemblee.envois import Contenu, NouvelEnvoi
from assemblee.groupes import groupes_actifs
from assemblee.modeles import Groupe, Membre, Role, Source, StatutMembre
from assemblee.textes import Catalogue
from config.reglages import Reglages
from veille import analyse

journal = logging.getLogger(__name__)

AGENT = "assemblee-veille/0.1 (veille citoyenne ; +https://www.paris.fr/assemblee-citoyenne)"
ACCEPT_FLUX = (
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
ACCEPT_PAGE = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
SIMULTANEES = 4  # sources fetched at once by one tick
ATTENTE_MAX = timedelta(hours=24)  # the longest backoff after failures
LONGUEUR_ERREUR = 300  # Source.derniere_erreur
LONGUEUR_TITRE_PAGE = 300
TAILLE_MAX_PAGE = 256 * 1024  # bytes of a tipped page read, at most, to find its title
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.IGNORECASE)
# Golden-ratio phases spread any number of consecutive ids evenly over the interval.
_NOMBRE_OR = 0.6180339887498949


@dataclass(frozen=True)
class Telechargement:
    """One HTTP GET's outcome."""

    statut: int  # HTTP status (304 = not modified)
    contenu: bytes  # body, at most taille_max bytes
    etag: str | None
    derniere_modification: str | None  # Last-Modified header value
    url_finale: str  # after redirects
    type_contenu: str | None


class ErreurTelechargement(Exception):
    """A GET that gave nothing usable. `.code`: "url-invalide", "adresse-privee", "injoignable",
    "delai", "trop-gros" or "http"; `.detail`: a short French phrase for staff (stored on the
    source)."""

    def __init__(self, code: str, detail: str, statut: int | None = None) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail
        self.statut = statut  # the HTTP status, for code "http"


def _refus_http(statut: int) -> ErreurTelechargement:
    """An HTTP error, said as staff would: a missing page is not "a refusal"."""
    if statut == 404:
        detail = "introuvable (404)"
    elif statut == 410:
        detail = "n'existe plus (410)"
    elif statut in (401, 403):
        detail = f"accès refusé ({statut})"
    elif statut >= 500:
        detail = f"serveur en panne (erreur {statut})"
    else:
        detail = f"le serveur a répondu {statut}"
    return ErreurTelechargement("http", detail, statut)


# Resolves a host name to the IP addresses to try, in order (injectable: tests stub it).
Resolveur = Callable[[str, int], Awaitable[list[str]]]


async def resoudre(hote: str, port: int) -> list[str]:
    """The system resolver (getaddrinfo), each address once, in the order given."""
    infos = await asyncio.get_running_loop().getaddrinfo(hote, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _adresses_incluses(texte: str) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """The address, and the IPv4 address an IPv6 form carries inside it (mapped
    `::ffff:a.b.c.d`, compatible `::a.b.c.d`, NAT64 `64:ff9b::/96`, 6to4 `2002::/16`): each
    one may lead to the machine or its private network."""
    adresse = ipaddress.ip_address(texte.split("%", 1)[0])  # an IPv6 zone ("fe80::1%eth0")
    adresses: list[ipaddress.IPv4Address | ipaddress.IPv6Address] = [adresse]
    if isinstance(adresse, ipaddress.IPv6Address):
        entier = int(adresse)
        if adresse.ipv4_mapped is not None:
            adresses.append(adresse.ipv4_mapped)
        elif adresse.sixtofour is not None:
            adresses.append(adresse.sixtofour)
        elif entier >> 32 == 0 or adresse in _NAT64:
            adresses.append(ipaddress.IPv4Address(entier & 0xFFFFFFFF))
        elif adresse.teredo is not None:
            adresses.extend(adresse.teredo)
    return adresses


_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def adresse_publique(texte: str) -> bool:
    """An address on the public Internet, and nothing private hidden in it."""
    return all(adresse.is_global for adresse in _adresses_incluses(texte))


def _refuser(hote: str) -> NoReturn:
    raise ErreurTelechargement("adresse-privee", "adresse d'un réseau local ou privé : refusée")


async def _refuser_adresses_privees(requete: httpx.Request) -> None:
    """Before every request, redirects included: an address written as an IP is checked here
    (a name is checked where it is resolved, at connection: see _ReseauVerifie)."""
    hote = requete.url.host
    try:
        publique = adresse_publique(hote)
    except ValueError:
        return  # a name
    if not publique:
        _refuser(hote)


class _ReseauVerifie(httpcore.AsyncNetworkBackend):
    """Connections for the watch: a link a member sends must not make the bot reach the
    machine it runs on or the private network behind it (loopback, private ranges, link-local
    cloud metadata...). The name is resolved once, every address checked, and the connection
    made to a checked address: a name that answers differently a moment later (DNS rebinding)
    changes nothing. TLS still names the host (SNI, certificate), and so does the Host header."""

    def __init__(self, resolveur: Resolveur) -> None:
        self._resolveur = resolveur
        self._reseau = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
        local_address: str | None = None,
        socket_options: Iterable[SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        try:
            adresses = await self._resolveur(host.strip("[]"), port)
        except OSError as exc:
            raise httpcore.ConnectError(f"nom inconnu ({exc})") from None
        if not adresses:
            raise httpcore.ConnectError("nom sans adresse")
        try:
            publiques = all(adresse_publique(adresse) for adresse in adresses)
        except ValueError:
            publiques = False
        if not publiques:
            _refuser(host)
        derniere: Exception = httpcore.ConnectError("aucune adresse joignable")
        for adresse in adresses:
            try:
                return await self._reseau.connect_tcp(
                    adresse,
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout, OSError) as exc:
                derniere = exc
        raise derniere

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
        socket_options: Iterable[SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("pas de socket Unix pour la veille")

    async def sleep(self, seconds: float) -> None:
        await self._reseau.sleep(seconds)


class _TransportVerifie(httpx.AsyncHTTPTransport):
    """httpx's transport, its connections made by _ReseauVerifie. No proxy from the
    environment: a proxy would resolve the names itself, out of our checks' reach."""

    def __init__(self, *, limits: httpx.Limits, resolveur: Resolveur) -> None:
        super().__init__(limits=limits, trust_env=False)
        # httpx takes no network backend: the pool is made again with ours (same TLS context).
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=self._pool._ssl_context,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=_ReseauVerifie(resolveur),
        )


def creer_client(
    *,
    adresses_privees: bool = False,
    transport: httpx.AsyncBaseTransport | None = None,
    resolveur: Resolveur | None = None,
) -> httpx.AsyncClient:
    """An HTTP client for the watch: redirects followed, our User-Agent. Deadlines are per call
    (`delai`), not the client's. Local and private addresses are refused, at connection and
    for every redirect, unless `adresses_privees` (the VEILLE_ADRESSES_PRIVEES setting: tests,
    a feed on the intranet). `resolveur`: how names are resolved (the system's by default)."""
    limites = httpx.Limits(max_connections=20, max_keepalive_connections=10)
    if transport is None and not adresses_privees:
        transport = _TransportVerifie(limits=limites, resolveur=resolveur or resoudre)
    return httpx.AsyncClient(
        follow_redirects=True,
        headers={"User-Agent": AGENT},
        timeout=httpx.Timeout(None),
        limits=limites,
        event_hooks={} if adresses_privees else {"request": [_refuser_adresses_privees]},
        transport=transport,
    )


def _verifier_url(url: str) -> None:
    morceaux = urlsplit(url)
    if morceaux.scheme not in ("http", "https") or not morceaux.hostname:
        raise ErreurTelechargement("url-invalide", "adresse invalide (http:// ou https:// attendu)")


def _en_octets(taille: int) -> str:
    return f"{taille:,} octets".replace(",", " ")


async def _corps(
    reponse: httpx.Response,
    *,
    taille_max: int,
    tronquer: bool,
    assez: Callable[[bytearray, int], bool] | None,
) -> bytes:
    annonce = reponse.headers.get("content-length", "")
    if not tronquer and annonce.isdigit() and int(annonce) > taille_max:
        raise ErreurTelechargement("trop-gros", f"plus de {_en_octets(taille_max)}")
    contenu = bytearray()
    # Streamed: a huge (or endless, or decompressing) body stops at the cap.
    async for morceau in reponse.aiter_bytes():
        debut = len(contenu)
        contenu += morceau
        if assez is not None and assez(contenu, debut):
            break
        if len(contenu) > taille_max:
            if tronquer:
                del contenu[taille_max:]
                break
            raise ErreurTelechargement("trop-gros", f"plus de {_en_octets(taille_max)}")
    return bytes(contenu)


async def _telecharger(
    client: httpx.AsyncClient,
    url: str,
    *,
    delai: float,
    taille_max: int,
    entetes: dict[str, str],
    tronquer: bool,
    assez: Callable[[bytearray, int], bool] | None = None,
) -> Telechargement:
    """`assez(contenu, debut)`, after each piece received (`debut`: where it starts in
    `contenu`): True when what was read is enough, the rest of the body is then left unread."""
    _verifier_url(url)
    try:
        async with (
            asyncio.timeout(delai),
            client.stream("GET", url, headers=entetes, follow_redirects=True) as reponse,
        ):
            statut = reponse.status_code
            if statut >= 300 and statut != 304:
                raise _refus_http(statut)
            contenu = b""
            if statut != 304:
                contenu = await _corps(
                    reponse, taille_max=taille_max, tronquer=tronquer, assez=assez
                )
            return Telechargement(
                statut=statut,
                contenu=contenu,
                etag=reponse.headers.get("etag"),
                derniere_modification=reponse.headers.get("last-modified"),
                url_finale=str(reponse.url),
                type_contenu=reponse.headers.get("content-type"),
            )
    except TimeoutError:
        raise ErreurTelechargement("delai", f"pas de réponse complète en {delai:g} s") from None
    except httpx.TimeoutException:
        raise ErreurTelechargement("delai", f"pas de réponse complète en {delai:g} s") from None
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
        raise ErreurTelechargement("url-invalide", f"adresse invalide ({exc})") from None
    except httpx.TooManyRedirects:
        raise ErreurTelechargement("http", "trop de redirections") from None
    except httpx.DecodingError:
        raise ErreurTelechargement("http", "réponse mal encodée par le serveur") from None
    except (httpx.TransportError, OSError) as exc:
        raise ErreurTelechargement(
            "injoignable", f"serveur injoignable ({type(exc).__name__})"
        ) from None


async def telecharger(
    client: httpx.AsyncClient,
    url: str,
    *,
    delai: float,
    taille_max: int,
    etag: str | None = None,
    derniere_modification: str | None = None,
) -> Telechargement:
    """GET a feed within `delai` seconds overall (connect, redirects and body together), at
    most `taille_max` bytes, conditionally when an ETag or Last-Modified is known (then a 304
    comes back with an empty body). Raises ErreurTelechargement."""
    entetes = {"Accept": ACCEPT_FLUX}
    if etag:
        entetes["If-None-Match"] = etag
    if derniere_modification:
        entetes["If-Modified-Since"] = derniere_modification
    return await _telecharger(
        client, url, delai=delai, taille_max=taille_max, entetes=entetes, tronquer=False
    )


class _Titres(HTMLParser):
    """og:title and <title> of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.og: str | None = None
        self.titre: list[str] = []
        self._dans_titre = False
        self._titre_vu = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            proprietes = {k.lower(): v or "" for k, v in attrs}
            nom = (proprietes.get("property") or proprietes.get("name") or "").lower()
            if nom == "og:title" and self.og is None and proprietes.get("content", "").strip():
                self.og = proprietes["content"]
        elif tag == "title" and not self._titre_vu:
            self._dans_titre = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._dans_titre:
            self._dans_titre = False
            self._titre_vu = True

    def handle_data(self, data: str) -> None:
        if self._dans_titre:
            self.titre.append(data)


def _decoder(contenu: bytes, type_contenu: str | None) -> str:
    """The page's text: the charset of the HTTP header, else of a <meta>, else UTF-8."""
    for source in (type_contenu or "", contenu[:2048].decode("ascii", "ignore")):
        trouve = _CHARSET.search(source)
        if trouve:
            try:
                return contenu.decode(trouve.group(1), errors="replace")
            except LookupError:
                pass
    return contenu.decode("utf-8", errors="replace")


def _fin_de_tete(contenu: bytearray, debut: int) -> bool:
    """The page's <head> is over (its title and og:title are in it): `</head` or `<body`
    among the bytes just received (or straddling the previous piece)."""
    fenetre = bytes(contenu[max(0, debut - 6) :]).lower()
    return b"</head" in fenetre or b"<body" in fenetre


def _lire_titre(contenu: bytes, type_contenu: str | None) -> tuple[str | None, str]:
    """(og:title, <title>) of the start of a page. CPU-bound: run in a worker thread."""
    analyseur = _Titres()
    type_ = (type_contenu or "").lower()
    if not type_ or "html" in type_ or "xml" in type_:
        analyseur.feed(_decoder(contenu, type_contenu))
    return analyseur.og, "".join(analyseur.titre)


async def titre_de_page(
    client: httpx.AsyncClient, url: str, *, delai: float, taille_max: int
) -> tuple[str, str]:
    """(final URL, title) of a page a member tips: its og:title, else its <title>, else the
    URL's host. Only the page's head is read (up to `</head>` or `<body>`), at most
    TAILLE_MAX_PAGE bytes (or `taille_max` if smaller), and parsed in a worker thread: a big
    page must not hold up every member's answers. Raises ErreurTelechargement on a dead link."""
    page = await _telecharger(
        client,
        url,
        delai=delai,
        taille_max=min(taille_max, TAILLE_MAX_PAGE),
        entetes={"Accept": ACCEPT_PAGE},
        tronquer=True,
        assez=_fin_de_tete,
    )
    og, titre_html = await asyncio.to_thread(_lire_titre, page.contenu, page.type_contenu)
    for candidat in (og, titre_html):
        titre = analyse.texte_brut(candidat or "", LONGUEUR_TITRE_PAGE)
        if titre:
            return page.url_finale, titre
    return page.url_finale, urlsplit(page.url_finale).hostname or page.url_finale


# --- the tick -----------------------------------------------------------------------------------


@dataclass
class BilanCollecte:
    """What one tick did."""

    dues: int = 0  # sources that were due
    collectees: int = 0  # fetched and read (a 304 included)
    inchangees: int = 0  # of which 304 Not Modified
    articles: int = 0  # new articles stored
    echecs: int = 0
    desactivees: int = 0


def _phase(source_id: int, intervalle: timedelta) -> timedelta:
    secondes = int(intervalle.total_seconds())
    return timedelta(seconds=int((source_id * _NOMBRE_OR) % 1 * secondes))


def prochaine_collecte(source_id: int, maintenant: datetime, intervalle: timedelta) -> datetime:
    """After a success: the source's next slot at least half an interval away. Slots are
    `phase + k x interval` from the epoch, the phase fixed per source, so that the sources keep
    out of each other's way (and a busy tick does not bunch them up for good)."""
    epoque = datetime(2000, 1, 1, tzinfo=UTC)
    au_plus_tot = maintenant + intervalle / 2
    depuis = au_plus_tot - epoque - _phase(source_id, intervalle)
    creneaux = -(-depuis // intervalle)  # ceil
    return epoque + _phase(source_id, intervalle) + creneaux * intervalle


def attente_apres_echec(echecs: int, intervalle: timedelta) -> timedelta:
    """interval x 2^(failures-1), at most a day."""
    if echecs <= 0:
        return intervalle
    return min(intervalle * (1 << min(echecs - 1, 20)), ATTENTE_MAX)


async def tick(
    sessions: FabriqueSessions,
    *,
    client: httpx.AsyncClient,
    maintenant: datetime,
    reglages: Reglages,
    catalogue: Catalogue,
) -> BilanCollecte:
    """Collect the due sources (never collected, or `prochaine_collecte_le` passed), a few at a
    time, each in its own transaction. Never raises: a failing source is recorded and logged,
    and the others go on."""
    bilan = BilanCollecte()
    try:
        async with sessions() as session:
            requete = (
                select(Source)
                .where(col(Source.active))
                .where(
                    col(Source.prochaine_collecte_le).is_(None)
                    | (col(Source.prochaine_collecte_le) <= maintenant)
                )
                .order_by(col(Source.prochaine_collecte_le).is_not(None), col(Source.id))
            )
            dues = list((await session.exec(requete)).all())
            groupes = await groupes_actifs(session)
            # The next attempt is written first, as if this one were to fail: a crash while
            # fetching or parsing (memory exhausted, the process killed) cannot bring a source
            # back at every tick. A success or a failure writes its own date afterwards.
            intervalle = timedelta(minutes=reglages.veille_intervalle_minutes)
            for source in dues:
                source.prochaine_collecte_le = maintenant + attente_apres_echec(
                    source.echecs + 1, intervalle
                )
                session.add(source)
            await session.commit()
    except Exception:
        journal.exception("veille : lecture des sources impossible")
        return bilan
    bilan.dues = len(dues)
    if not dues:
        return bilan
    limite = asyncio.Semaphore(SIMULTANEES)
    # Fetching and parsing run side by side; storing runs one source at a time, so that a
    # story two feeds carry, collected by the same tick, is seen as a duplicate by the second
    # (SQLite writes one transaction at a time anyway).
    ecriture = asyncio.Lock()

    async def une(source: Source) -> None:
        async with limite:
            try:
                await _collecter(
                    sessions,
                    source,
                    client=client,
                    maintenant=maintenant,
                    reglages=reglages,
                    catalogue=catalogue,
                    groupes=groupes,
                    bilan=bilan,
                    ecriture=ecriture,
                )
            except Exception:
                journal.exception("veille : collecte de la source %s en échec", source.id)

    await asyncio.gather(*(une(source) for source in dues))
    return bilan


async def _collecter(
    sessions: FabriqueSessions,
    source: Source,
    *,
    client: httpx.AsyncClient,
    maintenant: datetime,
    reglages: Reglages,
    catalogue: Catalogue,
    groupes: Sequence[Groupe],
    bilan: BilanCollecte,
    ecriture: asyncio.Lock,
) -> None:
    """One source: fetch and parse outside any transaction, then one short transaction."""
    assert source.id is not None
    telechargement: Telechargement | None = None
    flux: analyse.Flux | None = None
    erreur: str | None = None
    try:
        telechargement = await telecharger(
            client,
            source.url,
            delai=reglages.veille_delai_secondes,
            taille_max=reglages.veille_taille_max_octets,
            etag=source.etag,
            derniere_modification=source.derniere_modification,
        )
        if telechargement.statut != 304:
            # feedparser is CPU-bound: a big feed must not freeze the bot's event loop.
            flux = await asyncio.to_thread(
                analyse.lire_flux, telechargement.contenu, telechargement.url_finale
            )
    except ErreurTelechargement as exc:
        erreur = exc.detail
    except analyse.ErreurFlux as exc:
        erreur = exc.detail
    except Exception as exc:
        # A bug of ours or of a library on a strange feed: counted as a failure, so that the
        # source backs off instead of crashing again at every tick.
        journal.exception("veille : lecture de la source %s en échec", source.id)
        erreur = f"erreur interne ({type(exc).__name__})"

    async with ecriture, sessions() as session:
        actuelle = await session.get(Source, source.id)
        if actuelle is None or not actuelle.active:
            return  # removed by staff meanwhile
        if erreur is None:
            try:
                nouveaux = await _reussite(
                    session, actuelle, telechargement, flux, maintenant, reglages, groupes
                )
            except Exception as exc:
                # Our fault rather than the feed's, but counted all the same: backing off
                # keeps a failing source from being retried every minute, and staff hear of it.
                journal.exception("veille : enregistrement de la source %s en échec", source.id)
                await session.rollback()
                actuelle = await session.get(Source, source.id)
                if actuelle is None:
                    return
                erreur = f"erreur interne ({type(exc).__name__})"
            else:
                bilan.collectees += 1
                bilan.inchangees += flux is None
                bilan.articles += nouveaux
                return
        bilan.echecs += 1
        journal.warning("veille : source %s (%s) : %s", actuelle.id, actuelle.url, erreur)
        if await _echec(session, actuelle, erreur, maintenant, reglages, catalogue):
            bilan.desactivees += 1


async def _reussite(
    session: AsyncSession,
    source: Source,
    telechargement: Telechargement | None,
    flux: analyse.Flux | None,
    maintenant: datetime,
    reglages: Reglages,
    groupes: Sequence[Groupe],
) -> int:
    nouveaux = 0
    if flux is not None:
        ids = await analyse.inserer(
            session, source=source, entrees=flux.entrees, maintenant=maintenant, groupes=groupes
        )
        nouveaux = len(ids)
    if telechargement is not None and telechargement.statut != 304:
        # A validator too long for its column would never match again: better none.
        etag = telechargement.etag
        source.etag = etag if etag and len(etag) <= 300 else None
        modification = telechargement.derniere_modification
        source.derniere_modification = (
            modification if modification and len(modification) <= 100 else None
        )
    intervalle = timedelta(minutes=reglages.veille_intervalle_minutes)
    assert source.id is not None
    source.echecs = 0
    source.derniere_erreur = None
    source.collectee_le = maintenant
    source.prochaine_collecte_le = prochaine_collecte(source.id, maintenant, intervalle)
    session.add(source)
    await session.commit()
    return nouveaux


async def _echec(
    session: AsyncSession,
    source: Source,
    erreur: str,
    maintenant: datetime,
    reglages: Reglages,
    catalogue: Catalogue,
) -> bool:
    """Count a failure; back off, or deactivate and tell staff. True when deactivated."""
    intervalle = timedelta(minutes=reglages.veille_intervalle_minutes)
    source.echecs += 1
    source.derniere_erreur = erreur[:LONGUEUR_ERREUR]
    source.prochaine_collecte_le = maintenant + attente_apres_echec(source.echecs, intervalle)
    desactivee = source.echecs >= reglages.veille_echecs_max
    if desactivee:
        source.active = False
        source.desactivee_le = maintenant
        await _prevenir_equipe(session, source, maintenant, catalogue)
        journal.warning(
            "veille : source %s (%s) désactivée après %d échecs",
            source.id,
            source.url,
            source.echecs,
        )
    session.add(source)
    await session.commit()
    return desactivee


async def equipe_joignable(session: AsyncSession) -> list[Membre]:
    requete = (
        select(Membre)
        .where(Membre.role == Role.EQUIPE)
        .where(Membre.statut == StatutMembre.ACTIF)
        .where(col(Membre.telegram_id).is_not(None))
        .where(col(Membre.consentement_le).is_not(None))
    )
    return list((await session.exec(requete)).all())


async def _prevenir_equipe(
    session: AsyncSession, source: Source, maintenant: datetime, catalogue: Catalogue
) -> None:
    """One notice per active staff member. The outbox key must be unique per message, hence
    the member's id after the source and the deactivation instant: a replay adds nothing."""
    assert source.desactivee_le is not None
    horodatage = int(source.desactivee_le.timestamp())
    nouveaux = []
    for membre in await equipe_joignable(session):
        assert membre.id is not None
        texte = catalogue.pour(membre.langue)(
            "source-desactivee",
            nom=source.nom,
            url=source.url,
            erreur=source.derniere_erreur or "",
        )
        nouveaux.append(
            NouvelEnvoi(
                cle=f"source-desactivee:{source.id}:{horodatage}:{membre.id}",
                membre_id=membre.id,
                contenu=Contenu(texte=texte),
                du_le=maintenant,
            )
        )
    await envois.mettre_en_file_lot(session, nouveaux)
