"""Benchmark: the citizen watch's collection tick (fetch, parse, deduplicate, classify).

50 feeds of 100 items each (by default) are generated here, with realistic French titles and
summaries, some of them on the keywords of config/groupes.toml, and duplicates across feeds
(the same story under a URL with tracking parameters, or a near-identical title), then served
by a small web server on 127.0.0.1 that honours ETag / If-None-Match. On a fresh database
(SQLite in a temp dir, or a PostgreSQL database created for the run):

1. first tick: every source is new, every item is new (the worst case: a first start);
2. second tick, once every source is due again: the server answers 304 everywhere;
3. third tick with a server that ignores validators: every feed is read again, nothing new
   (what a feed without ETag nor Last-Modified costs at each collection);
4. the digests: some articles kept by facilitators, members, then `veille.revue.tick` at the
   groups' digest time (an optional step: skipped, "revue : à venir", without that module).

The whole thing is repeated on fresh databases for min and median. Figures only, never
pass/fail:

    .venv/bin/python bench/veille.py
    .venv/bin/python bench/veille.py --flux 10 --articles 50
    .venv/bin/python bench/veille.py --base postgresql+asyncpg://postgres@127.0.0.1:5432/postgres
"""

# The imports must follow the sys.path fix below, hence E402 off for this file only.
# ruff: noqa: E402

from __future__ import annotations

import sys
from pathlib import Path

# Run as `python bench/veille.py`, this folder comes first on sys.path and this very file
# would shadow the `veille` package it measures.
for _entree in [p for p in sys.path if Path(p or ".").resolve() == Path(__file__).parent.resolve()]:
    sys.path.remove(_entree)
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository: bench.commun

import argparse
import asyncio
import contextlib
import gc
import hashlib
import importlib
import os
import platform
import random
import signal
import statistics
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from types import ModuleType
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from aiohttp import web
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import col, func, select

from assemblee import groupes
from assemblee.db import FabriqueSessions, creer_moteur, fabrique_sessions, mettre_a_jour_schema
from assemblee.modeles import (
    Appartenance,
    Article,
    ArticleGroupe,
    Envoi,
    Groupe,
    Langue,
    Membre,
    Role,
    StatutArticle,
    StatutMembre,
)
from assemblee.textes import Catalogue
from bench.commun import (
    base_fraiche,
    journal,
    pic_memoire_mo,
    reglages_du_code,
    tableau,
    version_base,
)
from config.reglages import DOSSIER_CONFIG
from veille import analyse, collecte, sources

PARIS = ZoneInfo("Europe/Paris")
# A Sunday noon in Paris: the groups' weekly digests are due the next morning (Monday 08:00).
MAINTENANT = datetime(2026, 11, 29, 12, 0, tzinfo=PARIS).astimezone(UTC)
LUNDI_8H = datetime(2026, 11, 30, 8, 0, tzinfo=PARIS).astimezone(UTC)
GRAINE = 2026
PART_SYNDIQUEE = 0.08  # items that are another feed's story under a tracked URL
PART_REPRISE = 0.04  # items that are another feed's story with a near-identical title
GARDES_PAR_GROUPE = 15  # articles facilitators keep for each digest (3 of them highlighted)
MEMBRES = 100

LIEUX = [
    "Rue de Rivoli",
    "Place de la République",
    "Belleville",
    "La Goutte-d'Or",
    "Le 11e arrondissement",
    "Montmartre",
    "Le canal Saint-Martin",
    "Bercy",
    "Les Halles",
    "Le 13e arrondissement",
    "La Butte-aux-Cailles",
    "Le Marais",
    "Ménilmontant",
    "La porte de la Chapelle",
    "Le parc Montsouris",
    "Les Batignolles",
    "Le 20e arrondissement",
    "La Villette",
    "Denfert-Rochereau",
    "Le quartier Saint-Blaise",
    "La rue Oberkampf",
    "Le boulevard Voltaire",
    "La place d'Italie",
    "Le faubourg Saint-Antoine",
    "Le 18e arrondissement",
]
ACTIONS = [
    "la mairie lance une consultation sur",
    "les habitants se mobilisent pour",
    "le conseil de quartier débat de",
    "un nouveau chantier pour",
    "budget participatif : des projets pour",
    "enquête publique sur",
    "les travaux reprennent pour",
    "une pétition circule pour",
    "ce qui change pour",
    "la Ville annonce un plan pour",
    "les associations alertent sur",
    "réunion publique consacrée à",
]
HORS_SUJET = [
    "le marathon",
    "la fête de la musique",
    "les JO de 2024, deux ans après",
    "la Nuit Blanche",
    "le marché de Noël",
    "les soldes d'hiver",
    "le Salon de l'agriculture",
    "la saison culturelle",
]
PHRASES = [
    "Les riverains ont été invités à donner leur avis lors d'une réunion en mairie.",
    "Le projet doit être présenté au prochain Conseil de Paris.",
    "Selon l'adjointe au maire, les premiers effets sont attendus dès le printemps.",
    "Plusieurs associations de quartier demandent un calendrier plus précis.",
    "Le budget prévu s'élève à plusieurs millions d'euros sur la mandature.",
    "Une permanence d'information se tient chaque mercredi à la mairie d'arrondissement.",
    "L'opposition municipale critique un manque de concertation.",
    "Les travaux devraient durer une dizaine de mois.",
]
SUFFIXES_REPRISE = [" (vidéo)", " [photos]", " (direct)", " !"]


# --- the feeds ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    guid: str
    url: str
    titre: str
    resume: str
    publie_le: datetime


@dataclass
class Flux:
    numero: int
    nom: str
    items: list[Item] = field(default_factory=list)
    syndiques: int = 0  # items copied from another feed, URL with tracking parameters
    reprises: int = 0  # items copied from another feed, near-identical title

    def xml(self) -> bytes:
        items = "".join(
            f"<item><title>{escape(i.titre)}</title><link>{escape(i.url)}</link>"
            f'<guid isPermaLink="false">{escape(i.guid)}</guid>'
            f"<description>{escape(i.resume)}</description>"
            f"<pubDate>{format_datetime(i.publie_le)}</pubDate></item>"
            for i in self.items
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>{escape(self.nom)}</title><link>https://flux{self.numero}.example.org/</link>"
            f"<description>Actualités de Paris</description>{items}</channel></rss>"
        ).encode()


def mots_des_groupes() -> list[str]:
    """The groups' keywords, exclusions ("-en place") left out."""
    return [
        m
        for g in groupes.lire_groupes(DOSSIER_CONFIG / "groupes.toml")
        for m in g.mots_cles
        if not m.strip().startswith("-")
    ]


def generer(nombre_flux: int, par_flux: int) -> list[Flux]:
    """Feeds of realistic items; a few items of each feed (but the first) are stories of an
    earlier feed, as outlets syndicate and rewrite each other."""
    hasard = random.Random(GRAINE)
    mots = mots_des_groupes()
    sujets = [f"le {m}" if m[0] not in "aeiouyéèh" else f"l'{m}" for m in mots]
    sujets += HORS_SUJET
    # Distinct (place, action, subject) triples, so that titles are not near-identical by
    # chance ("Rue de Rivoli : … pour la rue" left out: its words would all be in another's).
    base = [
        (lieu, action, s)
        for lieu in LIEUX
        for action in ACTIONS
        for s in sujets
        if not set(analyse.titre_normalise(s).split())
        & set(analyse.titre_normalise(lieu).split()) - {"le", "la", "l", "de", "d"}
    ]
    triplets = hasard.sample(base, len(base))
    episode = 1
    tous: list[Item] = []
    flux_liste = []
    for n in range(nombre_flux):
        flux = Flux(n, f"Gazette n° {n + 1}")
        anciens = list(tous)  # copies come from earlier feeds only
        for i in range(par_flux):
            publie = MAINTENANT - timedelta(minutes=hasard.randrange(3 * 24 * 60))
            tirage = hasard.random()
            if anciens and tirage < PART_SYNDIQUEE:
                autre = hasard.choice(anciens)
                url = f"{autre.url}?utm_source=flux{n}&utm_medium=rss&xtor=RSS-{n}"
                flux.items.append(Item(f"f{n}-{i}", url, autre.titre, autre.resume, publie))
                flux.syndiques += 1
                continue
            if anciens and tirage < PART_SYNDIQUEE + PART_REPRISE:
                autre = hasard.choice(anciens)
                titre = autre.titre + hasard.choice(SUFFIXES_REPRISE)
                url = f"https://flux{n}.example.org/articles/{i}"
                flux.items.append(Item(f"f{n}-{i}", url, titre, autre.resume, publie))
                flux.reprises += 1
                continue
            if not triplets:  # more items than triples: a second round, numbered
                episode += 1
                triplets = [(lieu, f"{a} (épisode {episode})", s) for lieu, a, s in base]
                hasard.shuffle(triplets)
            lieu, action, sujet = triplets.pop()
            titre = f"{lieu} : {action} {sujet}"
            resume = "<p>" + " ".join(hasard.sample(PHRASES, 3)) + "</p>"
            if hasard.random() < 0.5:  # a keyword in the summary only
                resume += f"<p>Il est aussi question de <strong>{hasard.choice(mots)}</strong>.</p>"
            item = Item(
                f"f{n}-{i}", f"https://flux{n}.example.org/articles/{i}", titre, resume, publie
            )
            flux.items.append(item)
            tous.append(item)
        flux_liste.append(flux)
    return flux_liste


@dataclass
class ServeurBanc:
    """The generated feeds on 127.0.0.1, with an ETag each; `conditionnel=False` makes it
    ignore If-None-Match (a server without validators)."""

    corps: dict[str, bytes]
    conditionnel: bool = True
    requetes: int = 0
    reponses_304: int = 0
    base: str = ""
    _runner: web.AppRunner | None = None

    async def demarrer(self) -> None:
        app = web.Application()
        app.router.add_get("/{nom}", self._servir)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.base = f"http://127.0.0.1:{self._runner.addresses[0][1]}"

    async def arreter(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _servir(self, requete: web.Request) -> web.Response:
        self.requetes += 1
        corps = self.corps.get(requete.match_info["nom"])
        if corps is None:
            return web.Response(status=404)
        etag = f'"{hashlib.sha256(corps).hexdigest()[:16]}"'
        if self.conditionnel and requete.headers.get("If-None-Match") == etag:
            self.reponses_304 += 1
            return web.Response(status=304, headers={"ETag": etag})
        entetes = {"ETag": etag} if self.conditionnel else {}
        return web.Response(body=corps, content_type="application/rss+xml", headers=entetes)


# --- database -----------------------------------------------------------------------------------


async def compter(sessions: FabriqueSessions, modele: Any) -> int:
    async with sessions() as session:
        return int((await session.exec(select(func.count()).select_from(modele))).one())


# --- measures -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Boucle:
    """How long the event loop was held up, at worst, during one measured call (seconds)."""

    cpu: float = 0.0  # CPU time it could not run for (see `chronometrer`): what is judged
    mur: float = 0.0  # how late the 5 ms ticker woke, by the wall clock: information
    completes: int = 0  # full garbage collections meanwhile, in any thread


@dataclass
class Tick:
    duree: float
    bilan: collecte.BilanCollecte
    boucle: Boucle  # the event loop's worst hold-up during the tick


@dataclass
class Passage:
    premier: Tick
    conditionnel: Tick
    sans_validateur: Tick
    articles: int
    classements: int
    revue: float | None = None
    revue_messages: int = 0
    page: float = 0.0  # a tipped page's title (titre_de_page), seconds
    page_boucle: Boucle = Boucle()  # the event loop's worst hold-up meanwhile


async def chronometrer(appel: Callable[[], Any]) -> tuple[float, Any, Boucle]:
    """Wall time of one awaited call, and how long the event loop was held up meanwhile, at
    worst (how long the bot's other work would have waited). A task asks to wake every 5 ms;
    between two of its wake-ups it adds up the CPU time spent where the loop could not run:
    its own thread's (`time.thread_time`), and the garbage collections other threads ran
    meanwhile (a collection holds the GIL from start to end). CPU time, so that a machine busy
    with other work does not inflate it; how late the task woke by the wall clock is given too,
    for information (it counts the other processes' turns, and other threads' work)."""
    fil = threading.get_ident()  # the event loop's
    pire_cpu = pire_mur = 0.0
    completes = 0
    gc_ailleurs = 0.0  # CPU seconds of collections run by other threads
    debuts_gc: dict[int, float] = {}

    def collecte_gc(phase: str, info: dict[str, int]) -> None:
        nonlocal gc_ailleurs, completes
        autre = threading.get_ident()
        completes += phase == "start" and info["generation"] == 2
        if autre == fil:
            return  # already in the loop thread's CPU time
        if phase == "start":
            debuts_gc[autre] = time.thread_time()
        elif autre in debuts_gc:
            gc_ailleurs += time.thread_time() - debuts_gc.pop(autre)

    cpu_avant, gc_avant, mur_avant = time.thread_time(), 0.0, time.perf_counter()

    def noter() -> None:
        nonlocal pire_cpu, pire_mur
        cpu = time.thread_time() - cpu_avant + gc_ailleurs - gc_avant
        pire_cpu = max(pire_cpu, cpu)
        pire_mur = max(pire_mur, time.perf_counter() - mur_avant - 0.005)

    fini = asyncio.Event()

    async def sonde() -> None:
        nonlocal cpu_avant, gc_avant, mur_avant
        while not fini.is_set():
            cpu_avant, gc_avant, mur_avant = time.thread_time(), gc_ailleurs, time.perf_counter()
            await asyncio.sleep(0.005)
            noter()

    # A full collection scans every object of the process (here 125 000, about 0.1 s, the GIL
    # held): collected first, so that what came before (the bench's set-up, an earlier step)
    # does not set one off during the call, which is judged on the collections it causes.
    gc.collect()
    gc.callbacks.append(collecte_gc)
    tache = asyncio.create_task(sonde())
    await asyncio.sleep(0)
    debut = time.perf_counter()
    try:
        resultat = await appel()
    finally:
        duree = time.perf_counter() - debut
        noter()  # the ticker's pending wake-up has waited this long already
        gc.callbacks.remove(collecte_gc)
        fini.set()
        await tache
    return duree, resultat, Boucle(pire_cpu, pire_mur, completes)


def module_revue() -> ModuleType | None:
    """veille/revue.py, written by another change: the digest step runs only if it is there."""
    try:
        return importlib.import_module("veille.revue")
    except ImportError:
        return None


async def preparer_revue(
    moteur: AsyncEngine, sessions: FabriqueSessions, decide_le: datetime
) -> None:
    """Members in the groups, and articles kept by facilitators (a few highlighted)."""
    async with sessions() as session:
        ids_groupes = list((await session.exec(select(Groupe.id).where(col(Groupe.actif)))).all())
        for groupe_id in ids_groupes:
            liens = list(
                (
                    await session.exec(
                        select(ArticleGroupe)
                        .where(ArticleGroupe.groupe_id == groupe_id)
                        .order_by(col(ArticleGroupe.article_id))
                        .limit(GARDES_PAR_GROUPE)
                    )
                ).all()
            )
            for rang, lien in enumerate(liens):
                lien.statut = StatutArticle.A_LA_UNE if rang < 3 else StatutArticle.GARDE
                lien.decide_le = decide_le
                session.add(lien)
        await session.commit()
    membres = Membre.__table__  # type: ignore[attr-defined]
    async with moteur.begin() as connexion:
        await connexion.execute(
            sa.insert(membres),
            [
                {
                    "nom": f"Membre{i:03d}",
                    "prenom": "Banc",
                    "role": Role.MEMBRE,
                    "statut": StatutMembre.ACTIF,
                    "telegram_id": 1_000_000 + i,
                    "langue": Langue.FR,
                    "cree_le": decide_le,
                    "lie_le": decide_le,
                    "consentement_le": decide_le,
                }
                for i in range(MEMBRES)
            ],
        )
        ids = list((await connexion.execute(sa.select(membres.c.id))).scalars())
        await connexion.execute(
            sa.insert(Appartenance.__table__),  # type: ignore[attr-defined]
            [
                {"membre_id": m, "groupe_id": ids_groupes[i % len(ids_groupes)]}
                for i, m in enumerate(ids)
            ],
        )


async def un_passage(
    admin: str | None,
    dossier: Path,
    flux: list[Flux],
    numero: int,
    versions: list[str],
) -> Passage:
    async with contextlib.AsyncExitStack() as pile:
        url = await pile.enter_async_context(base_fraiche(admin, dossier, f"veille{numero}"))
        reglages = reglages_du_code(database_url=url)
        catalogue = Catalogue(defaut=reglages.langue_defaut)
        moteur = creer_moteur(url)
        pile.push_async_callback(moteur.dispose)
        await mettre_a_jour_schema(moteur)
        if not versions:
            versions.append(await version_base(moteur))
        sessions = fabrique_sessions(moteur)
        corps = {f"flux{f.numero}.xml": f.xml() for f in flux}
        corps["page.html"] = grosse_page(TAILLE_PAGE)
        serveur = ServeurBanc(corps)
        await serveur.demarrer()
        pile.push_async_callback(serveur.arreter)
        # The feeds are served on 127.0.0.1: local addresses allowed.
        client = await pile.enter_async_context(collecte.creer_client(adresses_privees=True))
        async with sessions() as session:
            await groupes.synchroniser_groupes(
                session, groupes.lire_groupes(DOSSIER_CONFIG / "groupes.toml")
            )
            definitions = [
                sources.DefinitionSource(f.nom, f"{serveur.base}/flux{f.numero}.xml") for f in flux
            ]
            await sources.synchroniser_sources(session, definitions, maintenant=MAINTENANT)

        async def relever(instant: datetime) -> Tick:
            duree, bilan, boucle = await chronometrer(
                lambda: collecte.tick(
                    sessions,
                    client=client,
                    maintenant=instant,
                    reglages=reglages,
                    catalogue=catalogue,
                )
            )
            journal(
                f"  passage {numero} : relevé en {duree:.3f} s — {bilan.collectees} flux lus, "
                f"{bilan.inchangees} en 304, {bilan.articles} articles, {bilan.echecs} échecs"
            )
            return Tick(duree, bilan, boucle)

        intervalle = timedelta(minutes=reglages.veille_intervalle_minutes)
        premier = await relever(MAINTENANT)
        articles = await compter(sessions, Article)
        classements = await compter(sessions, ArticleGroupe)
        # Every source is due again one and a half intervals later (its slot is within).
        conditionnel = await relever(MAINTENANT + intervalle * 1.5)
        serveur.conditionnel = False
        sans_validateur = await relever(MAINTENANT + intervalle * 3)
        passage = Passage(premier, conditionnel, sans_validateur, articles, classements)
        # A member tips a big page: only its head is read, and parsed off the event loop.
        passage.page, _, passage.page_boucle = await chronometrer(
            lambda: collecte.titre_de_page(
                client,
                f"{serveur.base}/page.html",
                delai=reglages.veille_delai_secondes,
                taille_max=reglages.veille_taille_max_octets,
            )
        )

        # --- optional step: the digests (veille/revue.py, another change's work) ---------------
        revue = module_revue()
        if revue is not None and hasattr(revue, "tick"):
            await preparer_revue(moteur, sessions, MAINTENANT + timedelta(hours=1))

            async def revues() -> int:
                async with sessions() as session:
                    await revue.tick(
                        session, maintenant=LUNDI_8H, catalogue=catalogue, fuseau=reglages.fuseau
                    )
                return 0

            passage.revue, _, _ = await chronometrer(revues)
            # Counted in the database: the tick's own count relies on the driver's rowcount.
            passage.revue_messages = await compter(sessions, Envoi)
            journal(
                f"  passage {numero} : revues en {passage.revue:.3f} s, "
                f"{passage.revue_messages} messages"
            )
        return passage
    raise AssertionError("unreachable: the exit stack never swallows an exception")


TAILLE_PAGE = 3_000_000
RETARD_MAX = 0.1  # the most the watch may hold up the event loop (issue 10, item 5)


def grosse_page(taille: int) -> bytes:
    """A page of `taille` bytes whose head never ends: every tag of it is work for a parser."""
    tete = (
        '<html><head><meta property="og:title" content="Budget participatif : les résultats">'
        "<title>Budget participatif</title>"
    )
    lien = '<link rel="preload" href="/style.css" as="style" data-v="1">'
    return (tete + lien * ((taille - len(tete)) // len(lien))).encode()


def temps_d_analyse(flux: list[Flux]) -> float:
    """feedparser alone, all feeds one after the other: the CPU share of the first tick."""
    debut = time.perf_counter()
    for f in flux:
        analyse.lire_flux(f.xml(), f"https://flux{f.numero}.example.org/flux.xml")
    return time.perf_counter() - debut


# --- report -------------------------------------------------------------------------------------


def pire(mesures: Iterable[Boucle]) -> Boucle:
    """The worst of each figure."""
    liste = list(mesures)
    return Boucle(
        max(m.cpu for m in liste), max(m.mur for m in liste), max(m.completes for m in liste)
    )


def resume(durees: Sequence[float]) -> str:
    return f"{min(durees):.3f} / {statistics.median(durees):.3f} / {max(durees):.3f} s"


def rapport(
    flux: list[Flux], passages: list[Passage], analyse_seule: float, versions: list[str]
) -> str:
    items = sum(len(f.items) for f in flux)
    syndiques = sum(f.syndiques for f in flux)
    reprises = sum(f.reprises for f in flux)
    dernier = passages[-1]
    ecartes = items - dernier.articles
    n = len(passages)
    rangees = [
        [
            f"1er relevé, tout neuf ({n} passages)",
            resume([p.premier.duree for p in passages]),
            f"{dernier.premier.bilan.collectees}/{len(flux)} flux lus, {dernier.articles} articles "
            f"gardés sur {items}, {dernier.classements} classements, "
            f"{dernier.premier.bilan.echecs} échec(s)",
        ],
        [
            "  dont doublons écartés",
            str(ecartes),
            f"semés : {syndiques} même URL avec suivi, {reprises} titre presque identique"
            + (
                " : tous, et rien d'autre"
                if ecartes == syndiques + reprises
                else f" ; écart : {ecartes - syndiques - reprises:+d}"
            ),
        ],
        [
            "  boucle asyncio bloquée au plus",
            f"{pire(p.premier.boucle for p in passages).cpu * 1000:.1f} ms",
            f"retard de la sonde {pire(p.premier.boucle for p in passages).mur * 1000:.1f} ms, "
            f"{pire(p.premier.boucle for p in passages).completes} collecte(s) complète(s) ; "
            f"feedparser seul, {len(flux)} flux à la suite : {analyse_seule:.3f} s (dans un fil)",
        ],
        [
            "2e relevé, tout en 304",
            resume([p.conditionnel.duree for p in passages]),
            f"{dernier.conditionnel.bilan.inchangees} flux inchangés, "
            f"{dernier.conditionnel.bilan.articles} article",
        ],
        [
            "relevé sans ETag (tout relu, rien de neuf)",
            resume([p.sans_validateur.duree for p in passages]),
            f"{dernier.sans_validateur.bilan.collectees} flux relus, "
            f"{dernier.sans_validateur.bilan.articles} article ; boucle bloquée au plus "
            f"{pire(p.sans_validateur.boucle for p in passages).cpu * 1000:.1f} ms",
        ],
    ]
    pire_page = pire(p.page_boucle for p in passages)
    pire_releves = pire(
        t.boucle for p in passages for t in (p.premier, p.conditionnel, p.sans_validateur)
    )
    rangees.append(
        [
            f"titre d'une page signalée de {TAILLE_PAGE // 1_000_000} Mo",
            resume([p.page for p in passages]),
            f"boucle bloquée au plus {pire_page.cpu * 1000:.1f} ms ; "
            f"limite {RETARD_MAX * 1000:.0f} ms (page et relevés) : "
            + ("tenue" if max(pire_page.cpu, pire_releves.cpu) <= RETARD_MAX else "DÉPASSÉE"),
        ]
    )
    if all(p.revue is not None for p in passages):
        rangees.append(
            [
                "revues de presse (veille.revue.tick)",
                resume([p.revue or 0.0 for p in passages]),
                f"{dernier.revue_messages} messages en file ({GARDES_PAR_GROUPE} articles "
                f"gardés par groupe, {MEMBRES} membres)",
            ]
        )
    else:
        rangees.append(["revue", "à venir", "veille/revue.py absent : étape sautée"])
    lignes = [
        f"{len(flux)} flux de {len(flux[0].items) if flux else 0} articles, servis sur 127.0.0.1 ; "
        f"`veille.collecte.tick` ({collecte.SIMULTANEES} flux à la fois), base neuve à chaque "
        "passage. Durées min / médiane / max :",
        "",
        tableau(["mesure", "valeur", "détail"], rangees),
        "",
        f"Python {platform.python_version()}, {', '.join(versions)}, SQLAlchemy {sa.__version__} ; "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPU.",
    ]
    return "\n".join(lignes)


# --- entry point --------------------------------------------------------------------------------


async def principal(args: argparse.Namespace) -> None:
    # SIGTERM cleans up like Ctrl-C does: cancel, and let every `finally` run.
    tache = asyncio.current_task()
    assert tache is not None
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, tache.cancel)
    flux = generer(args.flux, args.articles)
    journal(f"== {args.flux} flux de {args.articles} articles générés")
    analyse_seule = await asyncio.to_thread(temps_d_analyse, flux)
    versions: list[str] = []
    passages = []
    with tempfile.TemporaryDirectory(prefix="assemblee-bench-veille-") as dossier:
        for numero in range(1, args.repetitions + 1):
            passages.append(await un_passage(args.base, Path(dossier), flux, numero, versions))
    print(rapport(flux, passages, analyse_seule, versions), flush=True)
    print(
        f"Mémoire pic de ce processus (VmHWM, Mio) : {_mo(pic_memoire_mo())}. Pas de processus "
        "du bot ici : la collecte tourne dans le processus du banc, avec le serveur de flux.",
        flush=True,
    )


def _mo(valeur: float | None) -> str:
    return "—" if valeur is None else f"{valeur:.0f} Mo"


def analyseur() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        description="Chronomètre la collecte de la veille : relevé, dédoublonnage, classement."
    )
    p.add_argument("--flux", type=int, default=50, metavar="N", help="flux servis (défaut : 50)")
    p.add_argument(
        "--articles", type=int, default=100, metavar="N", help="articles par flux (défaut : 100)"
    )
    p.add_argument(
        "--base",
        metavar="URL",
        help="URL d'administration PostgreSQL (postgresql+asyncpg://utilisateur@127.0.0.1:port/"
        "base) : une base neuve est créée puis supprimée à chaque passage ; défaut : SQLite "
        "dans un dossier temporaire",
    )
    p.add_argument("--repetitions", type=int, default=3, metavar="N", help="passages (défaut : 3)")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parseur = analyseur()
    args = parseur.parse_args(argv)
    if min(args.flux, args.articles, args.repetitions) < 1:
        parseur.error("--flux, --articles, --repetitions : des nombres positifs")
    if args.base is not None and not make_url(args.base).drivername.startswith("postgresql"):
        parseur.error("--base : une URL postgresql://… ou postgresql+asyncpg://…")
    try:
        asyncio.run(principal(args))
    except KeyboardInterrupt:
        journal("interrompu : tout est nettoyé")
        return 130
    except asyncio.CancelledError:
        journal("arrêté (SIGTERM) : tout est nettoyé")
        return 143
    return 0


if __name__ == "__main__":
    sys.exit(main())
