"""Benchmark: the reminders tick, and the delay from a reminder's due time to its delivery.

1. Tick time. A fresh database (SQLite in a temp dir, or a PostgreSQL database created for the
   run), M consenting active members spread over the groups of config/groupes.toml (bulk
   insert) and S séances (workshops of each group, one plenary in twenty) all starting two to
   six days after a frozen "now", so that every séance's 7-day reminder is due and not done:
   `rappels.taches.tick` then queues a reminder round for every séance (the worst case). The
   same tick run again right after, and at the next minutes, finds everything done (the
   steady state). Per-tick wall time and rows queued; min and median over a few runs.
2. Due time to delivery. 100 known chats in the local Bot API stand-in, the real bot built and
   run in this process (`construire`, `executer`, default limits), one plenary of those 100
   members; the bot's clock is set exactly at its 1-day reminder's due time, then one
   scheduler beat (`planificateur.battre()`) is timed, in real time, until each member has the
   reminder. Figures only, never pass/fail:

    .venv/bin/python bench/rappels.py                     # 1,000 members, 200 séances, SQLite
    .venv/bin/python bench/rappels.py --membres 300 --seances 50
    .venv/bin/python bench/rappels.py --base postgresql+asyncpg://postgres@127.0.0.1:5432/postgres
"""

# The imports must follow the sys.path fix below, hence E402 off for this file only.
# ruff: noqa: E402

from __future__ import annotations

import sys
from pathlib import Path

# Run as `python bench/rappels.py`, this folder comes first on sys.path and this very file
# would shadow the `rappels` package it measures (and that bot.planificateur imports).
for _entree in [p for p in sys.path if Path(p or ".").resolve() == Path(__file__).parent.resolve()]:
    sys.path.remove(_entree)
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository: bench.commun

import argparse
import asyncio
import contextlib
import gc
import os
import platform
import signal
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import aiogram
import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import col, func, select

from assemblee import seances
from assemblee.db import FabriqueSessions
from assemblee.horloge import HorlogeFigee
from assemblee.journal import CLI
from assemblee.modeles import (
    Appartenance,
    EcheanceRappel,
    Envoi,
    Groupe,
    Langue,
    Membre,
    Role,
    StatutMembre,
    TypeSeance,
)
from assemblee.seances import Champs
from assemblee.textes import Catalogue
from bench.commun import (
    base_fraiche,
    centile,
    journal,
    pic_memoire_mo,
    reglages_du_code,
    sans_interruption,
    tableau,
    version_base,
)
from bot.app import Application, construire, executer, preparer_base
from config.reglages import Reglages
from rappels import echeances
from rappels.taches import tick
from telegram_local import TelegramLocal

PARIS = ZoneInfo("Europe/Paris")
JOURS = ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim.")
# Part 1's frozen "now": a Monday noon in Paris, far from any daylight-saving change.
MAINTENANT_TICK = datetime(2026, 11, 30, 12, 0, tzinfo=PARIS)
# Séances start 2 to 6 days later, 09:00-20:30: past their 7j due time, before their 1j one.
JOURS_DES_SEANCES = (2, 3, 4, 5, 6)
PREMIERE_HEURE = 9
CRENEAUX_PAR_JOUR = 47  # quarter-hours from 09:00 to 20:30
PLENIERE_TOUTES_LES = 20  # one séance in twenty is for the whole assembly
# Part 2's séance: Thursday 18:30 in Paris, so the 1j reminder is due Wednesday 18:30,
# outside quiet hours; the bot starts a week before, when nothing is due yet.
DEBUT_LIVRAISON = datetime(2026, 12, 10, 18, 30, tzinfo=PARIS)
DEMARRAGE_LIVRAISON = DEBUT_LIVRAISON - timedelta(days=8)
MEMBRES_LIVRAISON = 100
PREMIER_TELEGRAM_ID = 1_000_000
TAILLE_LOT = 5_000  # rows per INSERT batch
LIVRAISON_MAX = 120.0  # seconds we wait for the 100 reminders before giving up
DEMARRAGE_MAX = 60.0  # seconds the bot may take to poll and beat once
ARRET_MAX = 10.0  # seconds the bot may take to stop
INTERVALLE_PLANIFICATEUR = 60  # seconds between two beats in production (bot/planificateur.py)


def quand(instant: datetime) -> str:
    """A Paris wall-clock time with a French weekday, whatever the machine's locale."""
    local = instant.astimezone(PARIS)
    return f"{JOURS[local.weekday()]} {local:%d/%m %H:%M}"


# --- database ---------------------------------------------------------------------------------


async def inserer_membres(moteur: AsyncEngine, nombre: int, maintenant: datetime) -> list[int]:
    """N consenting active members, round-robin over the active groups, in a few bulk INSERTs
    (one ORM object per member would dominate the set-up). Returns their Telegram ids."""
    ids_telegram = list(range(PREMIER_TELEGRAM_ID, PREMIER_TELEGRAM_ID + nombre))
    membres = Membre.__table__  # type: ignore[attr-defined]
    appartenances = Appartenance.__table__  # type: ignore[attr-defined]
    async with moteur.begin() as connexion:
        requete = sa.select(col(Groupe.id)).where(col(Groupe.actif)).order_by(col(Groupe.ordre))
        groupes = list((await connexion.execute(requete)).scalars())
        if not groupes:
            raise RuntimeError("aucun groupe actif dans config/groupes.toml")
        for debut in range(0, nombre, TAILLE_LOT):
            lignes = [
                {
                    "nom": f"Membre{i:05d}",
                    "prenom": "Banc",
                    "role": Role.MEMBRE,
                    "statut": StatutMembre.ACTIF,
                    "telegram_id": telegram_id,
                    "langue": Langue.FR,
                    "cree_le": maintenant,
                    "lie_le": maintenant,
                    "consentement_le": maintenant,
                }
                for i, telegram_id in enumerate(ids_telegram[debut : debut + TAILLE_LOT], debut)
            ]
            await connexion.execute(sa.insert(membres), lignes)
        ids = list(
            (await connexion.execute(sa.select(membres.c.id).order_by(membres.c.id))).scalars()
        )
        liens = [
            {"membre_id": m, "groupe_id": groupes[i % len(groupes)]} for i, m in enumerate(ids)
        ]
        for debut in range(0, len(liens), TAILLE_LOT):
            await connexion.execute(sa.insert(appartenances), liens[debut : debut + TAILLE_LOT])
    return ids_telegram


async def creer_seances(
    sessions: FabriqueSessions, nombre: int, maintenant: datetime
) -> Counter[str]:
    """S séances through the domain's own `creer` (checked like staff's), 2 to 6 days ahead.
    Returns how many of each kind."""
    genres: Counter[str] = Counter()
    async with sessions() as session:
        requete = select(Groupe).where(col(Groupe.actif)).order_by(col(Groupe.ordre))
        groupes = list((await session.exec(requete)).all())
        for i in range(nombre):
            jour = JOURS_DES_SEANCES[i % len(JOURS_DES_SEANCES)]
            creneau = (i // len(JOURS_DES_SEANCES)) % CRENEAUX_PAR_JOUR
            debut = datetime.combine(
                (maintenant.astimezone(PARIS) + timedelta(days=jour)).date(),
                datetime.min.time(),
                tzinfo=PARIS,
            ) + timedelta(hours=PREMIERE_HEURE, minutes=15 * creneau)
            pleniere = i % PLENIERE_TOUTES_LES == 0
            groupe = None if pleniere else groupes[i % len(groupes)]
            await seances.creer(
                session,
                Champs(
                    type=TypeSeance.PLENIERE if pleniere else TypeSeance.ATELIER,
                    titre=f"Séance de banc n° {i + 1}",
                    groupe=groupe,
                    debut=debut,
                    fin=debut + timedelta(hours=2),
                    lieu="Hôtel de Ville, Paris",
                ),
                auteur=CLI,
                maintenant=maintenant,
            )
            genres["plénières" if pleniere else "ateliers"] += 1
    return genres


async def compter_envois(sessions: FabriqueSessions) -> int:
    async with sessions() as session:
        return (await session.exec(select(func.count()).select_from(Envoi))).one()


async def oublier_rappels(sessions: FabriqueSessions) -> None:
    """Back to the worst case: no reminder queued, no round done."""
    async with sessions() as session:
        await session.exec(sa.delete(Envoi))
        await session.exec(sa.delete(EcheanceRappel))
        await session.commit()


# --- part 1: the tick -------------------------------------------------------------------------


@dataclass
class Tick:
    cas: str  # "pire cas" or "régime établi"
    instant: datetime
    duree: float  # seconds, wall time
    rappels: int  # what the tick says it queued
    lignes: int  # Envoi rows actually added


@dataclass
class MesureTick:
    membres: int
    genres: Counter[str]
    preparation: float
    ticks: list[Tick] = field(default_factory=list)

    def durees(self, cas: str) -> list[float]:
        return [t.duree for t in self.ticks if t.cas == cas]


async def chronometrer_tick(
    sessions: FabriqueSessions,
    reglages: Reglages,
    catalogue: Catalogue,
    instant: datetime,
    cas: str,
) -> Tick:
    """One tick as the scheduler runs it: a fresh session, the commit included."""
    avant = await compter_envois(sessions)
    debut = time.perf_counter()
    async with sessions() as session:
        bilan = await tick(session, maintenant=instant, reglages=reglages, catalogue=catalogue)
    duree = time.perf_counter() - debut
    ajoutees = await compter_envois(sessions) - avant
    resultat = Tick(cas, instant, duree, bilan.rappels, ajoutees)
    journal(
        f"  tick {cas:<13} à {quand(instant)} : {duree:7.3f} s, "
        f"{bilan.rappels} rappels, {ajoutees} lignes envoi"
    )
    return resultat


async def mesurer_tick(
    admin: str | None,
    dossier: Path,
    membres: int,
    nombre_seances: int,
    pires: int,
    etablis: int,
    versions: list[str],
) -> MesureTick:
    journal(f"== tick : {membres} membres, {nombre_seances} séances")
    async with contextlib.AsyncExitStack() as pile:
        url = await pile.enter_async_context(base_fraiche(admin, dossier, "tick"))
        reglages = reglages_du_code(database_url=url)
        catalogue = Catalogue(defaut=reglages.langue_defaut)
        debut = time.perf_counter()
        moteur, sessions = await preparer_base(reglages)
        pile.push_async_callback(moteur.dispose)
        versions.append(await version_base(moteur))
        await sans_interruption(inserer_membres(moteur, membres, MAINTENANT_TICK))
        genres = await sans_interruption(creer_seances(sessions, nombre_seances, MAINTENANT_TICK))
        mesure = MesureTick(membres, genres, time.perf_counter() - debut)
        journal(f"  base prête en {mesure.preparation:.1f} s ({dict(genres)})")

        # Worst case, then the steady state (the same instant right after, then the next
        # minutes' beats), then the worst case again from scratch for min and median.
        plan = [(MAINTENANT_TICK, "pire cas")]
        plan += [(MAINTENANT_TICK + timedelta(minutes=m), "régime établi") for m in range(etablis)]
        plan += [(MAINTENANT_TICK, "pire cas")] * (pires - 1)
        for n, (instant, cas) in enumerate(plan):
            if n and cas == "pire cas":
                await sans_interruption(oublier_rappels(sessions))
            mesure.ticks.append(
                await sans_interruption(
                    chronometrer_tick(sessions, reglages, catalogue, instant, cas)
                )
            )
        return mesure
    raise AssertionError("unreachable: the exit stack never swallows an exception")


# --- part 2: due time to delivery -------------------------------------------------------------


@dataclass
class MesureLivraison:
    membres: int
    du_le: datetime
    mise_en_file: float  # the beat itself (tick + commit), seconds
    delais: list[float]  # per member: beat called -> stand-in accepted the message, seconds
    doublons: int
    violations: int


@contextlib.asynccontextmanager
async def bot_en_marche(reglages: Reglages, horloge: HorlogeFigee) -> AsyncIterator[Application]:
    """The real bot in this process, stopped and closed whatever happens."""
    app = await construire(reglages, horloge)
    tache = asyncio.create_task(executer(app), name="bot")
    try:
        yield app
    finally:
        await app.arreter()
        try:
            await asyncio.wait_for(asyncio.shield(tache), ARRET_MAX)
        except TimeoutError:
            journal(f"le bot ne s'arrête pas en {ARRET_MAX:.0f} s : annulation")
            tache.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await tache
        except Exception as exc:  # report it, but the clean-up goes on
            journal(f"le bot s'est arrêté sur une erreur : {exc!r}")
        await app.fermer()


async def attendre_demarrage(app: Application, serveur: TelegramLocal) -> None:
    """Until the bot long-polls and the scheduler's first beat (at start) is over: the beat we
    time must not run alongside it."""
    fin = time.monotonic() + DEMARRAGE_MAX
    await serveur.attendre(lambda: serveur.longs_polls_en_attente > 0, DEMARRAGE_MAX)
    while app.planificateur.dernier_battement is None:
        if time.monotonic() > fin:
            raise RuntimeError(
                f"pas de premier battement du planificateur en {DEMARRAGE_MAX:.0f} s"
            )
        await asyncio.sleep(0.05)


async def mesurer_livraison(admin: str | None, dossier: Path) -> MesureLivraison:
    journal(f"== livraison : {MEMBRES_LIVRAISON} membres, bot dans ce processus")
    async with contextlib.AsyncExitStack() as pile:
        url = await pile.enter_async_context(base_fraiche(admin, dossier, "livraison"))
        serveur = TelegramLocal()
        url_api = await serveur.demarrer()
        pile.push_async_callback(serveur.arreter)
        reglages = reglages_du_code(
            database_url=url,
            bot_token=serveur.jeton,
            bot_username=serveur.username,
            telegram_api_url=url_api,
        )
        moteur, sessions = await preparer_base(reglages)
        try:
            ids = await sans_interruption(
                inserer_membres(moteur, MEMBRES_LIVRAISON, DEMARRAGE_LIVRAISON)
            )
            async with sessions() as session:
                seance = await seances.creer(
                    session,
                    Champs(
                        type=TypeSeance.PLENIERE,
                        titre="Plénière de banc",
                        groupe=None,
                        debut=DEBUT_LIVRAISON,
                        fin=DEBUT_LIVRAISON + timedelta(hours=2),
                        lieu="Hôtel de Ville, Paris",
                    ),
                    auteur=CLI,
                    maintenant=DEMARRAGE_LIVRAISON,
                )
        finally:
            await moteur.dispose()
        for telegram_id in ids:
            serveur.utilisateur(telegram_id, "Banc", connu=True)

        decalages = echeances.lire_decalages(reglages.rappels, reglages.rappels_si_confirme)
        un_jour = next(d for d in decalages if d.code == "1j")
        du_le = echeances.echeance(seance.debut, un_jour, reglages.heures_calmes, reglages.fuseau)

        # A week before: the bot's start-up beat finds nothing due.
        horloge = HorlogeFigee(DEMARRAGE_LIVRAISON)
        app = await pile.enter_async_context(bot_en_marche(reglages, horloge))
        await attendre_demarrage(app, serveur)
        envoyes_avant = serveur.nombre_envoyes()
        appels_avant = len(serveur.appels)

        # The stand-in stamps each message when this process handles it: a full collection in
        # the middle would delay the stamps, not the bot.
        gc.collect()
        gc.disable()
        pile.callback(gc.enable)
        horloge.regler(du_le)
        depart = time.monotonic()  # the stand-in's clock (time.monotonic) too
        await app.planificateur.battre()
        mise_en_file = time.monotonic() - depart
        with contextlib.suppress(TimeoutError):
            await serveur.attendre(
                lambda: serveur.nombre_envoyes() - envoyes_avant >= MEMBRES_LIVRAISON,
                LIVRAISON_MAX,
            )

        premiers: dict[int, float] = {}
        par_chat: Counter[int] = Counter()
        for appel in serveur.appels[appels_avant:]:
            if appel.methode == "sendMessage" and appel.code == 200:
                chat = int(str(appel.params.get("chat_id")))
                par_chat[chat] += 1
                premiers.setdefault(chat, appel.horodatage - depart)
        return MesureLivraison(
            membres=MEMBRES_LIVRAISON,
            du_le=du_le,
            mise_en_file=mise_en_file,
            delais=[premiers[i] for i in ids if i in premiers],
            doublons=sum(1 for n in par_chat.values() if n > 1),
            violations=serveur.violations.total,
        )
    raise AssertionError("unreachable: the exit stack never swallows an exception")


# --- report -----------------------------------------------------------------------------------


def _s(secondes: float) -> str:
    return f"{secondes:.3f}"


def resume_durees(durees: Sequence[float]) -> str:
    if not durees:
        return "—"
    return f"{_s(min(durees))} / {_s(statistics.median(durees))} / {_s(max(durees))}"


def rapport(tick_: MesureTick, livraison: MesureLivraison, versions: Sequence[str]) -> str:
    ticks = tableau(
        ["n°", "cas", "instant (Paris)", "durée (s)", "rappels", "lignes envoi ajoutées"],
        [
            [
                str(n),
                t.cas,
                quand(t.instant),
                _s(t.duree),
                str(t.rappels),
                str(t.lignes),
            ]
            for n, t in enumerate(tick_.ticks, 1)
        ],
    )
    pires = [t for t in tick_.ticks if t.cas == "pire cas"]
    etablis = [t for t in tick_.ticks if t.cas == "régime établi"]
    delais = livraison.delais
    livres = len(delais)
    rangees = [
        [
            f"tick, pire cas ({len(pires)} exécutions)",
            f"{resume_durees([t.duree for t in pires])} s",
            f"{pires[0].rappels} rappels ({tick_.genres['ateliers']} ateliers, "
            f"{tick_.genres['plénières']} plénière(s), {tick_.membres} membres)"
            if pires
            else "—",
        ],
        [
            f"tick, régime établi ({len(etablis)} exécutions)",
            f"{resume_durees([t.duree for t in etablis])} s",
            f"{sum(t.rappels for t in etablis)} rappels",
        ],
        [
            "battement au moment dû (mise en file)",
            f"{_s(livraison.mise_en_file)} s",
            f"{livraison.membres} membres",
        ],
        [
            "dû → livré, par membre : p50 / p95 / max",
            f"{_s(centile(delais, 50))} / {_s(centile(delais, 95))} / {_s(max(delais))} s"
            if delais
            else "—",
            f"{livres}/{livraison.membres} livrés, {livraison.doublons} doublons, "
            f"{livraison.violations} violations",
        ],
        [
            "dû → tous livrés",
            f"{_s(max(delais))} s" if livres == livraison.membres else "incomplet",
            f"1er livré à {_s(min(delais))} s" if delais else "—",
        ],
    ]
    lignes = [
        "Ticks des rappels (chaque exécution dans une session neuve, commit compris, "
        "time.perf_counter) :",
        "",
        ticks,
        "",
        "Synthèse (durées min / médiane / max) :",
        "",
        tableau(["mesure", "valeur", "détail"], rangees),
        "",
        f"Rappel 1j dû le {livraison.du_le.astimezone(PARIS):%d/%m %H:%M} (Paris), horloge du bot "
        "réglée sur cet instant, puis `planificateur.battre()` chronométré jusqu'à chaque "
        "livraison au Telegram local (limites par défaut, 30 msg/s).",
        f"En production le battement a lieu toutes les {INTERVALLE_PLANIFICATEUR} s : ajoutez "
        f"jusqu'à {INTERVALLE_PLANIFICATEUR} s d'attente du planificateur ; le chiffre ci-dessus "
        "est le délai propre de la chaîne (tick, file, expéditeur, API).",
        f"Python {platform.python_version()}, {', '.join(versions)}, "
        f"aiogram {aiogram.__version__}, SQLAlchemy {sa.__version__} ; "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPU.",
    ]
    return "\n".join(lignes)


# --- entry point ------------------------------------------------------------------------------


async def principal(args: argparse.Namespace) -> None:
    # SIGTERM cleans up like Ctrl-C does: cancel, and let every `finally` run.
    tache = asyncio.current_task()
    assert tache is not None
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, tache.cancel)
    versions: list[str] = []
    with tempfile.TemporaryDirectory(prefix="assemblee-bench-rappels-") as dossier:
        mesure_tick = await mesurer_tick(
            args.base,
            Path(dossier),
            args.membres,
            args.seances,
            args.repetitions,
            args.etablis,
            versions,
        )
        apres_tick = pic_memoire_mo()
        livraison = await mesurer_livraison(args.base, Path(dossier))
    print(rapport(mesure_tick, livraison, versions), flush=True)
    print(
        "Mémoire pic de ce processus (VmHWM, Mio) : "
        f"{_mo(apres_tick)} après la mesure 1, {_mo(pic_memoire_mo())} à la fin. "
        "Pas de processus du bot ici : le tick, puis le bot (mesure 2), tournent dans le "
        "processus du banc, avec le Telegram local.",
        flush=True,
    )


def _mo(valeur: float | None) -> str:
    return "—" if valeur is None else f"{valeur:.0f} Mo"


def analyseur() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        description="Chronomètre le tick des rappels, et le délai entre l'échéance d'un rappel "
        "et sa livraison par le bot au Telegram local."
    )
    p.add_argument(
        "--membres",
        type=int,
        default=1_000,
        metavar="N",
        help="membres actifs pour le tick (défaut : 1000)",
    )
    p.add_argument(
        "--seances", type=int, default=200, metavar="N", help="séances pour le tick (défaut : 200)"
    )
    p.add_argument(
        "--base",
        metavar="URL",
        help="URL d'administration PostgreSQL (postgresql+asyncpg://utilisateur@127.0.0.1:port/"
        "base) : une base neuve est créée puis supprimée pour chaque mesure ; défaut : SQLite "
        "dans un dossier temporaire",
    )
    p.add_argument(
        "--repetitions",
        type=int,
        default=3,
        metavar="N",
        help="exécutions du tick dans le pire cas (défaut : 3)",
    )
    p.add_argument(
        "--etablis",
        type=int,
        default=5,
        metavar="N",
        help="exécutions du tick en régime établi (défaut : 5)",
    )
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parseur = analyseur()
    args = parseur.parse_args(argv)
    if min(args.membres, args.seances, args.repetitions, args.etablis) < 1:
        parseur.error("--membres, --seances, --repetitions, --etablis : des nombres positifs")
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
