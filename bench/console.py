"""Benchmark: the staff console's pages, as staff and as a facilitator, on a large assembly.

A fresh database (SQLite in a temp dir, or a PostgreSQL database created for the run) holds
M members spread over the groups, S séances (half past, with presences; answers to all),
P polls (half open, with ballots), A articles filed in the groups, topics, announcements
with their messages, audit-log entries, a staff person and a facilitator of one group. The
console (`console.application.creer`, the same aiohttp application the bot serves) runs in
this process on 127.0.0.1, on a frozen clock.

Every GET route of the console's router is requested, discovered at run time (pages added
later are measured without changing this script); a route with an id in its path gets a
real id of the facilitator's group (a route whose parameter names nothing known is listed
as skipped). Each page is requested N times as staff and N times as the facilitator, one
request at a time, after one warm-up request. For each: server time (a middleware around
the console, in this process: no client nor network in it), p50 and p95; SQL statements per
request (a `before_cursor_execute` listener on the engine). The same is run on a dataset
ten times smaller first: a page whose statement count grows with the data is flagged (a
query per row). Figures only, never pass/fail:

    .venv/bin/python bench/console.py                 # 1,000 members, 200 séances, SQLite
    .venv/bin/python bench/console.py --repetitions 5 --echelle 0.2
    .venv/bin/python bench/console.py --base postgresql+asyncpg://postgres@127.0.0.1:5432/postgres
"""

# The imports must follow the sys.path fix below, hence E402 off for this file only.
# ruff: noqa: E402

from __future__ import annotations

import sys
from pathlib import Path

# Run as `python bench/console.py`, this folder comes first on sys.path and this very file
# would shadow the `console` package it measures.
for _entree in [p for p in sys.path if Path(p or ".").resolve() == Path(__file__).parent.resolve()]:
    sys.path.remove(_entree)
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository: bench.commun

import argparse
import asyncio
import gc
import hashlib
import os
import platform
import re
import statistics
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import aiohttp
import sqlalchemy as sa
from aiohttp import web
from aiohttp.typedefs import Handler
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlmodel import SQLModel, col, select

from assemblee import connexions
from assemblee.db import FabriqueSessions
from assemblee.horloge import HorlogeFigee
from assemblee.modeles import (
    Annonce,
    Appartenance,
    Article,
    ArticleGroupe,
    Bulletin,
    ChoixReponse,
    EntreeJournal,
    Envoi,
    Groupe,
    Langue,
    Membre,
    OptionSondage,
    Presence,
    Reponse,
    Role,
    Seance,
    Sondage,
    Source,
    StatutArticle,
    StatutEnvoi,
    StatutMembre,
    StatutSujet,
    Sujet,
    TypeSeance,
    TypeSondage,
    Votant,
    Vote,
)
from assemblee.textes import Catalogue
from bench.commun import (
    base_fraiche,
    centile,
    journal,
    reglages_du_code,
    sans_interruption,
    tableau,
    version_base,
)
from bot.app import preparer_base
from config.reglages import Reglages
from console.application import creer
from console.web import COOKIE, PREFIXE, AnalyseurHtml
from telegram_local import parser_html

PARIS = ZoneInfo("Europe/Paris")
MAINTENANT = datetime(2026, 11, 30, 12, 0, tzinfo=PARIS)  # a Monday noon in Paris
TAILLE_LOT = 5_000  # rows per INSERT batch
CIBLE_P95_MS = 100.0
PLENIERE_TOUTES_LES = 20
# A path segment or a parameter's name -> what kind of object it names.
SORTES = {
    "seance": "seance",
    "seances": "seance",
    "presences": "seance",
    "sondage": "sondage",
    "sondages": "sondage",
    "membre": "membre",
    "membres": "membre",
    "article": "article",
    "articles": "article",
    "veille": "article",
    "source": "source",
    "sources": "source",
    "sujet": "sujet",
    "sujets": "sujet",
    "annonce": "annonce",
    "annonces": "annonce",
    "groupe": "groupe",
    "groupes": "groupe",
    "slug": "slug",
    "entree": "journal",
    "journal": "journal",
    "envoi": "envoi",
    "envois": "envoi",
}


@dataclass
class Taille:
    nom: str
    membres: int
    seances: int
    sondages: int
    articles: int


@dataclass
class Reveil:
    def reveiller(self) -> None:
        """The console may wake the outbox after queueing messages: nobody sends here."""


@dataclass
class ApplicationBanc:
    """What the console needs of the bot (console.web.Application), without the bot."""

    reglages: Reglages
    catalogue: Catalogue
    horloge: HorlogeFigee
    sessions: FabriqueSessions
    expediteur: Reveil = field(default_factory=Reveil)
    console_url_locale: str | None = None
    html_telegram: AnalyseurHtml = parser_html

    async def nom_du_bot(self) -> str:
        return self.reglages.bot_username or "assemblee_bot"

    async def installer_menu(self, membre: Membre) -> bool:
        return True  # no Telegram here: GET pages never change anyone's rights


@dataclass
class Mesure:
    route: str  # the route's path pattern, e.g. /seances/{id}
    chemin: str  # what was requested
    qui: str  # "équipe" or "animation"
    statuts: set[int] = field(default_factory=set)
    durees_ms: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)
    requetes_sql: list[int] = field(default_factory=list)

    @property
    def sql(self) -> int:
        return int(statistics.median(self.requetes_sql))


@dataclass
class Compteur:
    """SQL statements on the engine, and the console's own time for the last request."""

    instructions: int = 0
    derniere_ms: float = 0.0
    derniere_cpu_ms: float = 0.0  # this process's CPU time meanwhile: what the machine's load
    # (other processes on shared cores) does not inflate


COMPTEUR = Compteur()


@web.middleware
async def chronometre(request: web.Request, handler: Handler) -> web.StreamResponse:
    """The console's time for one request, from the outermost middleware in."""
    debut, cpu = time.perf_counter(), time.process_time()
    try:
        return await handler(request)
    finally:
        COMPTEUR.derniere_ms = (time.perf_counter() - debut) * 1000
        COMPTEUR.derniere_cpu_ms = (time.process_time() - cpu) * 1000


# --- database ---------------------------------------------------------------------------------


def _jeton(*morceaux: object) -> str:
    return hashlib.sha256("/".join(map(str, morceaux)).encode()).hexdigest()


async def _inserer(
    connexion: AsyncConnection, modele: type[SQLModel], lignes: Sequence[dict[str, Any]]
) -> None:
    table = modele.__table__  # type: ignore[attr-defined]
    for debut in range(0, len(lignes), TAILLE_LOT):
        await connexion.execute(sa.insert(table), list(lignes[debut : debut + TAILLE_LOT]))


def _entier(valeur: object) -> int:
    assert isinstance(valeur, int)
    return valeur


async def _ids(connexion: AsyncConnection, colonne: Any) -> list[int]:
    return list((await connexion.execute(sa.select(colonne).order_by(colonne))).scalars())


Ligne = dict[str, Any]


@dataclass
class Assemblee:
    groupes: list[int]
    equipe: int
    animateur: int
    membres: list[int]
    par_groupe: dict[int, list[int]]

    def de(self, groupe: int | None) -> list[int]:
        """Who a séance or a poll of this group (None: everyone) is for."""
        return self.membres if groupe is None else self.par_groupe[groupe]


async def peupler(moteur: AsyncEngine, taille: Taille) -> None:
    """The assembly, in bulk INSERTs (one ORM object per row would dominate the set-up)."""
    async with moteur.begin() as c:
        a = await _personnes(c, taille)
        await _seances(c, a, taille)
        await _sondages(c, a, taille)
        await _veille(c, a, taille)
        await _annonces_et_journal(c, a, taille)


async def _personnes(c: AsyncConnection, taille: Taille) -> Assemblee:
    requete = sa.select(col(Groupe.id)).where(col(Groupe.actif)).order_by(col(Groupe.ordre))
    groupes = [_entier(g) for g in (await c.execute(requete)).scalars()]
    # Staff, then the facilitator of the first group, then the members: one in fifty
    # blocked the bot, one in a hundred left.
    personnes: list[Ligne] = [
        {"nom": "Équipe", "prenom": "Sam", "role": Role.EQUIPE, "telegram_id": 1},
        {"nom": "Anim", "prenom": "Alex", "role": Role.ANIMATEUR, "telegram_id": 2},
    ]
    for i in range(taille.membres):
        statut = StatutMembre.ACTIF
        if i % 50 == 7:
            statut = StatutMembre.INJOIGNABLE
        elif i % 100 == 3:
            statut = StatutMembre.PARTI
        personnes.append(
            {
                "nom": f"Membre{i:05d}",
                "prenom": "Banc",
                "role": Role.MEMBRE,
                "telegram_id": 1_000_000 + i,
                "statut": statut,
            }
        )
    for p in personnes:
        p.setdefault("statut", StatutMembre.ACTIF)
        p.update(langue=Langue.FR, cree_le=MAINTENANT, lie_le=MAINTENANT)
        p.update(consentement_le=MAINTENANT)
    await _inserer(c, Membre, personnes)
    tous = await _ids(c, col(Membre.id))
    a = Assemblee(groupes, tous[0], tous[1], tous[2:], {g: [] for g in groupes})
    for i, m in enumerate(a.membres):
        a.par_groupe[groupes[i % len(groupes)]].append(m)
    liens = [{"membre_id": m, "groupe_id": g} for g, ms in a.par_groupe.items() for m in ms]
    liens.append({"membre_id": a.animateur, "groupe_id": groupes[0]})
    await _inserer(c, Appartenance, liens)
    return a


async def _seances(c: AsyncConnection, a: Assemblee, taille: Taille) -> None:
    """One a day around now (half past, with presences), plenaries now and then; four in
    five convened members answered."""
    seances: list[Ligne] = []
    for i in range(taille.seances):
        debut = MAINTENANT + timedelta(days=i - taille.seances // 2, hours=6)
        pleniere = i % PLENIERE_TOUTES_LES == 0
        seances.append(
            {
                "type": TypeSeance.PLENIERE if pleniere else TypeSeance.ATELIER,
                "titre": f"Séance de banc n° {i + 1}",
                "groupe_id": None if pleniere else a.groupes[i % len(a.groupes)],
                "debut": debut,
                "fin": debut + timedelta(hours=2),
                "lieu": "Hôtel de Ville, Paris",
                "description": "",
                "cree_par_id": a.equipe,
                "cree_le": MAINTENANT - timedelta(days=taille.seances),
            }
        )
    await _inserer(c, Seance, seances)
    reponses: list[Ligne] = []
    presences: list[Ligne] = []
    choix = (ChoixReponse.OUI, ChoixReponse.OUI, ChoixReponse.NON, ChoixReponse.PEUT_ETRE)
    for seance_id, s in zip(await _ids(c, col(Seance.id)), seances, strict=True):
        for j, m in enumerate(a.de(s["groupe_id"])):
            if j % 5 != 4:
                reponses.append(
                    {
                        "seance_id": seance_id,
                        "membre_id": m,
                        "choix": choix[j % len(choix)],
                        "repondu_le": s["cree_le"],
                    }
                )
            if s["fin"] < MAINTENANT:
                presences.append(
                    {
                        "seance_id": seance_id,
                        "membre_id": m,
                        "present": j % 3 != 0,
                        "note_par_id": a.animateur,
                        "note_le": s["fin"],
                    }
                )
    await _inserer(c, Reponse, reponses)
    await _inserer(c, Presence, presences)


async def _sondages(c: AsyncConnection, a: Assemblee, taille: Taille) -> None:
    """Topics; polls, half closed, half open, one in ten for everyone; half the voters
    voted (anonymous polls: keyless ballots)."""
    sujets: list[Ligne] = [
        {
            "groupe_id": a.groupes[i % len(a.groupes)],
            "texte": f"Sujet de banc n° {i + 1}",
            "statut": (StatutSujet.PROPOSE, StatutSujet.ACCEPTE, StatutSujet.DECLINE)[i % 3],
            "propose_par_id": a.membres[i % len(a.membres)],
            "propose_le": MAINTENANT - timedelta(days=i),
        }
        for i in range(max(10, taille.sondages))
    ]
    await _inserer(c, Sujet, sujets)
    sondages: list[Ligne] = []
    for i in range(taille.sondages):
        ouvert = i % 2 == 0
        groupe = None if i % 10 == 9 else a.groupes[i % len(a.groupes)]
        ferme = MAINTENANT + timedelta(days=2) if ouvert else MAINTENANT - timedelta(days=i + 1)
        sondages.append(
            {
                "question": f"Question de banc n° {i + 1} ?",
                "type": (TypeSondage.UNIQUE, TypeSondage.MULTIPLE, TypeSondage.JUGEMENT)[i % 3],
                "groupe_id": groupe,
                "anonyme": i % 4 < 2,
                "auteur_id": a.animateur,
                "cree_le": MAINTENANT - timedelta(days=i + 3),
                "ferme_le": ferme,
                "clos_le": None if ouvert else ferme,
                "inscrits": None if ouvert else len(a.de(groupe)),
                "votants": None if ouvert else len(a.de(groupe)) // 2,
            }
        )
    await _inserer(c, Sondage, sondages)
    ids_sondages = await _ids(c, col(Sondage.id))
    options = [
        {"sondage_id": s, "ordre": k, "texte": f"Option {k + 1}"}
        for s in ids_sondages
        for k in range(3)
    ]
    await _inserer(c, OptionSondage, options)
    options_de: dict[int, list[int]] = {}
    options_l = sa.select(col(OptionSondage.sondage_id), col(OptionSondage.id))
    for sondage_id, option_id in (await c.execute(options_l)).all():
        options_de.setdefault(sondage_id, []).append(_entier(option_id))
    votants: list[Ligne] = []
    bulletins: list[Ligne] = []
    for sondage_id, s in zip(ids_sondages, sondages, strict=True):
        for j, m in enumerate(a.de(s["groupe_id"])):
            votants.append({"sondage_id": sondage_id, "membre_id": m})
            if j % 2 == 0:
                bulletins.append(
                    {
                        "sondage_id": sondage_id,
                        "membre_id": None if s["anonyme"] else m,
                        "jeton_hash": _jeton(sondage_id, m) if s["anonyme"] else None,
                        "version": 1,
                    }
                )
    await _inserer(c, Votant, votants)
    await _inserer(c, Bulletin, bulletins)
    nominatifs = sa.select(col(Bulletin.id), col(Bulletin.sondage_id)).where(
        col(Bulletin.membre_id).is_not(None)
    )
    votes = [
        {"bulletin_id": b, "option_id": options_de[s][_entier(b) % 3], "valeur": 1}
        for b, s in (await c.execute(nominatifs)).all()
    ]
    await _inserer(c, Vote, votes)


async def _veille(c: AsyncConnection, a: Assemblee, taille: Taille) -> None:
    """A few feeds; articles filed in one group (one in ten in two), a fifth to sort."""
    sources = [
        {
            "nom": f"Journal de banc {k}",
            "url": f"https://journal-{k}.exemple.org/rss.xml",
            "ajoutee_le": MAINTENANT - timedelta(days=30),
        }
        for k in range(10)
    ]
    await _inserer(c, Source, sources)
    ids_sources = await _ids(c, col(Source.id))
    articles = [
        {
            "source_id": ids_sources[i % len(ids_sources)],
            "url": f"https://journal.exemple.org/article-{i}",
            "guid_hash": _jeton("article", i),
            "titre": f"Article de banc n° {i + 1} : la Ville plante des arbres",
            "titre_normalise": f"article de banc n {i + 1} la ville plante des arbres",
            "resume": "Un résumé de quelques phrases. " * 4,
            "publie_le": MAINTENANT - timedelta(minutes=10 * i),
            "collecte_le": MAINTENANT - timedelta(minutes=10 * i),
        }
        for i in range(taille.articles)
    ]
    await _inserer(c, Article, articles)
    statuts = (
        StatutArticle.NOUVEAU,
        StatutArticle.GARDE,
        StatutArticle.GARDE,
        StatutArticle.ECARTE,
        StatutArticle.A_LA_UNE,
    )
    classes: list[Ligne] = []
    for i, article_id in enumerate(await _ids(c, col(Article.id))):
        dans = [a.groupes[i % len(a.groupes)]]
        if i % 10 == 0:
            dans.append(a.groupes[(i + 1) % len(a.groupes)])
        statut = statuts[i % len(statuts)]
        trie = statut != StatutArticle.NOUVEAU
        classes.extend(
            {
                "article_id": article_id,
                "groupe_id": g,
                "statut": statut,
                "decide_par_id": a.animateur if trie else None,
                "decide_le": MAINTENANT - timedelta(minutes=5 * i) if trie else None,
            }
            for g in dans
        )
    await _inserer(c, ArticleGroupe, classes)


async def _annonces_et_journal(c: AsyncConnection, a: Assemblee, taille: Taille) -> None:
    """Ten announcements to everyone with their messages (a few failed); the audit log."""
    annonces = [
        {
            "auteur_id": a.equipe,
            "texte": f"Annonce de banc n° {k + 1}",
            "audience": "tous",
            "cree_le": MAINTENANT - timedelta(days=k + 1),
            "bilan_le": MAINTENANT - timedelta(days=k),
        }
        for k in range(10)
    ]
    await _inserer(c, Annonce, annonces)
    envois = [
        {
            "cle": f"annonce:{annonce_id}:{m}",
            "membre_id": m,
            "annonce_id": annonce_id,
            "texte": "Annonce",
            "du_le": MAINTENANT - timedelta(days=1),
            "statut": StatutEnvoi.ECHEC if j % 97 == 0 else StatutEnvoi.ENVOYE,
            "envoye_le": MAINTENANT - timedelta(days=1),
        }
        for annonce_id in await _ids(c, col(Annonce.id))
        for j, m in enumerate(a.membres)
    ]
    await _inserer(c, Envoi, envois)
    entrees = [
        {
            "le": MAINTENANT - timedelta(minutes=k),
            "origine": ("console", "bot", "cli")[k % 3],
            "par_id": (a.equipe, a.animateur)[k % 2],
            "membre_id": a.membres[k % len(a.membres)],
            "action": "role",
            "objet": "membre",
            "objet_id": a.membres[k % len(a.membres)],
            "avant": "membre",
            "apres": "animateur",
        }
        for k in range(taille.membres * 2)
    ]
    await _inserer(c, EntreeJournal, entrees)


async def ids_exemples(sessions: FabriqueSessions) -> tuple[dict[str, str], str, str]:
    """A real id of each kind, in the facilitator's group; and the cookies of staff and of
    the facilitator (sessions opened by one-time links, as /console does)."""
    async with sessions() as s:
        staff = (await s.exec(select(Membre).where(col(Membre.telegram_id) == 1))).one()
        anim = (await s.exec(select(Membre).where(col(Membre.telegram_id) == 2))).one()
        g = (
            await s.exec(
                select(Appartenance.groupe_id).where(col(Appartenance.membre_id) == anim.id)
            )
        ).one()
        slug = (await s.exec(select(Groupe.slug).where(col(Groupe.id) == g))).one()

        async def premier(requete: Any) -> str:
            valeur = (await s.exec(requete)).first()
            return "" if valeur is None else str(valeur)

        exemples = {
            "groupe": str(g),
            "slug": slug,
            # The last past séance of the group: answers and presences.
            "seance": await premier(
                select(Seance.id)
                .where(col(Seance.groupe_id) == g, col(Seance.fin) < MAINTENANT)
                .order_by(col(Seance.debut).desc())
            ),
            "sondage": await premier(
                select(Sondage.id)
                .where(col(Sondage.groupe_id) == g, col(Sondage.clos_le).is_(None))
                .order_by(col(Sondage.id))
            ),
            # A poll's results (picture, CSV) are shown once it is closed.
            "sondage-clos": await premier(
                select(Sondage.id)
                .where(col(Sondage.groupe_id) == g, col(Sondage.clos_le).is_not(None))
                .order_by(col(Sondage.id))
            ),
            "membre": await premier(
                select(Appartenance.membre_id)
                .where(col(Appartenance.groupe_id) == g, col(Appartenance.membre_id) > anim.id)
                .order_by(col(Appartenance.membre_id))
            ),
            "article": await premier(
                select(ArticleGroupe.article_id)
                .where(
                    col(ArticleGroupe.groupe_id) == g,
                    col(ArticleGroupe.statut) == StatutArticle.NOUVEAU,
                )
                .order_by(col(ArticleGroupe.article_id))
            ),
            "source": await premier(select(Source.id).order_by(col(Source.id))),
            "sujet": await premier(
                select(Sujet.id).where(col(Sujet.groupe_id) == g).order_by(col(Sujet.id))
            ),
            "annonce": await premier(select(Annonce.id).order_by(col(Annonce.id).desc())),
            "journal": await premier(
                select(EntreeJournal.id).order_by(col(EntreeJournal.id).desc())
            ),
            "envoi": await premier(select(Envoi.id).order_by(col(Envoi.id))),
        }
        cookies = []
        for personne in (staff, anim):
            jeton = await connexions.creer_lien(s, personne, maintenant=MAINTENANT)
            ouverture = await connexions.entrer_par_lien(s, jeton, maintenant=MAINTENANT)
            cookies.append(ouverture.jeton)
    return exemples, cookies[0], cookies[1]


# --- the console's routes ---------------------------------------------------------------------


def routes_get(application: web.Application) -> list[str]:
    """The path pattern of every GET route of the console, static files aside."""
    chemins = []
    for route in application.router.routes():
        if route.method != "GET" or isinstance(route.resource, web.StaticResource):
            continue
        if route.resource is None:
            continue
        # Mounted under /console, the resources carry the prefix: the page's own path.
        chemin = route.resource.canonical.removeprefix(PREFIXE) or "/"
        if chemin not in chemins:
            chemins.append(chemin)
    return chemins


def remplir(motif: str, exemples: dict[str, str]) -> str | None:
    """The pattern with a real id for each parameter; None when a parameter names nothing
    known (reported as skipped)."""
    if motif == "/":
        return motif
    segments = motif.strip("/").split("/")
    resultat = []
    for i, segment in enumerate(segments):
        trouve = re.fullmatch(r"\{(\w+)(?::[^}]*)?\}", segment)
        if not trouve:
            resultat.append(segment)
            continue
        nom = trouve.group(1).lower()
        indices = [re.sub(r"_?id$", "", nom), *(segments[i - 1 : i] if i else [])]
        sorte = next((SORTES[x] for x in indices if x in SORTES), None)
        if sorte == "sondage" and any(x.startswith("resultats") for x in segments[i + 1 :]):
            sorte = "sondage-clos"
        if sorte is None or not exemples.get(sorte):
            return None
        resultat.append(exemples[sorte])
    return "/" + "/".join(resultat)


# --- measure ----------------------------------------------------------------------------------


async def mesurer(
    admin: str | None,
    dossier: Path,
    taille: Taille,
    repetitions: int,
    versions: list[str],
    pages: Sequence[str] = (),
) -> tuple[list[Mesure], list[str]]:
    async with base_fraiche(admin, dossier, f"console{taille.nom}") as url:
        reglages = reglages_du_code(
            database_url=url,
            bot_token="123456:banc-de-la-console-sans-telegram",  # noqa: S106
            bot_username="banc_bot",
        )
        debut = time.perf_counter()
        moteur, sessions = await sans_interruption(preparer_base(reglages))
        try:
            await sans_interruption(peupler(moteur, taille))
            journal(
                f"{taille.nom} : {taille.membres} membres, {taille.seances} séances, "
                f"{taille.sondages} sondages, {taille.articles} articles, "
                f"préparés en {time.perf_counter() - debut:.1f} s"
            )
            if not versions:
                versions.append(await version_base(moteur))
            exemples, cookie_equipe, cookie_anim = await ids_exemples(sessions)
            # As the bot does once started (bot/app.py): what exists by now lives as long as
            # the process, out of the collector's way; a full collection over the dataset just
            # built would otherwise land in some page's time.
            gc.collect()
            gc.freeze()
            return await _servir_et_mesurer(
                moteur, sessions, reglages, exemples, cookie_equipe, cookie_anim, repetitions, pages
            )
        finally:
            gc.unfreeze()  # the next dataset's run starts from this one's garbage collected
            await moteur.dispose()


async def _servir_et_mesurer(
    moteur: AsyncEngine,
    sessions: FabriqueSessions,
    reglages: Reglages,
    exemples: dict[str, str],
    cookie_equipe: str,
    cookie_anim: str,
    repetitions: int,
    pages: Sequence[str],
) -> tuple[list[Mesure], list[str]]:
    compteur = COMPTEUR

    def compter(*_: Any) -> None:
        compteur.instructions += 1

    event.listen(moteur.sync_engine, "before_cursor_execute", compter)
    app = ApplicationBanc(
        reglages=reglages,
        catalogue=Catalogue(defaut=reglages.langue_defaut),
        horloge=HorlogeFigee(MAINTENANT),
        sessions=sessions,
    )
    console = creer(app)
    racine = web.Application(middlewares=[chronometre])
    racine.add_subapp(PREFIXE, console)
    runner = web.AppRunner(racine, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    base = f"http://127.0.0.1:{runner.addresses[0][1]}{PREFIXE}"
    mesures: list[Mesure] = []
    sautees: list[str] = []
    try:
        async with aiohttp.ClientSession() as client:
            for motif in routes_get(console):
                if pages and motif not in pages:
                    continue
                chemin = remplir(motif, exemples)
                if chemin is None:
                    sautees.append(motif)
                    continue
                for qui, cookie in (("équipe", cookie_equipe), ("animation", cookie_anim)):
                    mesure = Mesure(motif, chemin, qui)
                    entetes = {"Cookie": f"{COOKIE}={cookie}", "Accept-Language": "fr"}
                    for essai in range(repetitions + 1):
                        avant = compteur.instructions
                        async with client.get(
                            base + chemin, headers=entetes, allow_redirects=False
                        ) as reponse:
                            await reponse.read()
                        if essai == 0:
                            continue  # warm-up: templates compiled, caches filled
                        mesure.statuts.add(reponse.status)
                        mesure.durees_ms.append(compteur.derniere_ms)
                        mesure.cpu_ms.append(compteur.derniere_cpu_ms)
                        mesure.requetes_sql.append(compteur.instructions - avant)
                    mesures.append(mesure)
                    journal(
                        f"  {chemin:<40} {qui:<9} {sorted(mesure.statuts)} "
                        f"p95 {centile(mesure.durees_ms, 95):6.1f} ms, {mesure.sql} requêtes"
                    )
    finally:
        await runner.cleanup()
        event.remove(moteur.sync_engine, "before_cursor_execute", compter)
    return mesures, sautees


def afficher(
    taille: Taille, mesures: list[Mesure], petites: dict[tuple[str, str], int] | None
) -> str:
    entetes = ["page", "qui", "statut", "p50 (ms)", "p95 (ms)", "CPU p50 (ms)", "requêtes SQL"]
    if petites is not None:
        entetes.append("à 1/10")
    rangees = []
    for m in mesures:
        sql = str(m.sql)
        if min(m.requetes_sql) != max(m.requetes_sql):
            sql = f"{min(m.requetes_sql)}–{max(m.requetes_sql)}"
        p95 = centile(m.durees_ms, 95)
        rangee = [
            m.chemin,
            m.qui,
            "/".join(str(s) for s in sorted(m.statuts)),
            f"{centile(m.durees_ms, 50):.1f}",
            f"{p95:.1f}" + (" ⚠" if p95 > CIBLE_P95_MS else ""),
            f"{centile(m.cpu_ms, 50):.1f}",
            sql,
        ]
        if petites is not None:
            petit = petites.get((m.route, m.qui))
            croit = petit is not None and m.sql > petit
            rangee.append("—" if petit is None else f"{petit}" + (" ⚠ croît" if croit else ""))
        rangees.append(rangee)
    titre = (
        f"{taille.nom} : {taille.membres} membres, {taille.seances} séances, "
        f"{taille.sondages} sondages, {taille.articles} articles"
    )
    return f"{titre}\n\n{tableau(entetes, rangees)}"


async def principal(args: argparse.Namespace) -> None:
    complete = Taille(
        "complet",
        membres=round(1000 * args.echelle),
        seances=round(200 * args.echelle),
        sondages=round(50 * args.echelle),
        articles=round(5000 * args.echelle),
    )
    petite = Taille(
        "petit",
        membres=max(20, complete.membres // 10),
        seances=max(4, complete.seances // 10),
        sondages=max(4, complete.sondages // 10),
        articles=max(20, complete.articles // 10),
    )
    versions: list[str] = []
    with tempfile.TemporaryDirectory(prefix="assemblee-bench-console-") as dossier:
        mesures_petit, _ = await mesurer(
            args.base, Path(dossier), petite, args.repetitions, versions, args.pages
        )
        mesures, sautees = await mesurer(
            args.base, Path(dossier), complete, args.repetitions, versions, args.pages
        )
    petites = {(m.route, m.qui): m.sql for m in mesures_petit}
    print(afficher(complete, mesures, petites))
    print()
    print("```")
    print(
        f"Cible : p95 ≤ {CIBLE_P95_MS:.0f} ms par page ; un nombre de requêtes qui ne croît pas "
        "avec les données. ⚠ : au-dessus de la cible, ou plus de requêtes qu'à 1/10."
    )
    print(
        f"{args.repetitions} requêtes par page et par personne, une à la fois, après une "
        "requête de mise en route ; temps du serveur (middleware autour de la console) ; CPU : "
        "temps processeur du processus pendant la requête (sans la charge des autres)."
    )
    if sautees:
        print(f"Routes sans identifiant connu, non mesurées : {', '.join(sautees)}.")
    print(
        f"Python {platform.python_version()}, {versions[0]}, SQLAlchemy {sa.__version__}, "
        f"aiohttp {aiohttp.__version__} ; {platform.system()} {platform.machine()}, "
        f"{_processeurs()} CPU."
    )
    print("```")


def _processeurs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--base", help="URL PostgreSQL d'administration (droit CREATEDB)")
    p.add_argument("--repetitions", type=int, default=20, help="requêtes par page (défaut 20)")
    p.add_argument(
        "--pages",
        nargs="*",
        default=[],
        metavar="CHEMIN",
        help="ne mesurer que ces routes (ex. /veille/revue) ; défaut : toutes",
    )
    p.add_argument(
        "--echelle",
        type=float,
        default=1.0,
        help="taille de l'assemblée, 1 = 1 000 membres, 200 séances, 50 sondages, 5 000 articles",
    )
    asyncio.run(principal(p.parse_args()))


if __name__ == "__main__":
    main()
