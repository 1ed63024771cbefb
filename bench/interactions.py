"""Benchmark: N members answer a reminder and vote, all at once, against the real bot process.

For each size N: a fresh database (SQLite in a temp dir, or a PostgreSQL database created for
the run), N consenting active members in one group (bulk insert), a workshop of that group in
three days and a single-choice poll of that group (`assemblee.seances.creer`,
`assemblee.sondages.lancer`). The local Bot API stand-in runs in this process; `python -m bot
run` runs as its own process, queues the reminders at its start-up beat (the real
`rappels.taches.tick`) and delivers them with the ballots through its outbox. Then every member
taps, at the same instant, "Je serai là" on the reminder and an option on the ballot
(`Utilisateur.cliquer`): 2N callback queries. Measured on the stand-in's clock: answered
updates per second, and each tap's delay until the bot's answerCallbackQuery.

The same taps are then answered by the floor: a bare aiogram bot (one callback_query handler
calling `query.answer()`), run as its own process by this very script (`--bot-minimal`).
Figures only, never pass/fail:

    .venv/bin/python bench/interactions.py                  # 100 then 1,000 members, SQLite
    .venv/bin/python bench/interactions.py --membres 50 --repetitions 1   # a quick run
    .venv/bin/python bench/interactions.py --base postgresql+asyncpg://postgres@127.0.0.1:5432/postgres
"""

# The floor bot below must run before the project's imports, hence E402 off for this file.
# ruff: noqa: E402

from __future__ import annotations

import sys
from pathlib import Path

# `python bench/interactions.py` puts bench/ first on sys.path, where a sibling bench script
# named like one of the project's packages (bench/rappels.py) would shadow it: take bench/ off.
_ICI = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _ICI]
sys.path.insert(0, str(_ICI.parent))  # the repository: bench.commun

import asyncio
import os

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import CallbackQuery

# --- the floor: a bare aiogram bot ------------------------------------------------------------
# What any aiogram bot pays for a button: long polling, parsing the update, dispatching it,
# one answerCallbackQuery. It runs as its own process, like ours, and is started (below)
# before the project's modules are imported: its heap holds aiogram alone.


async def bot_minimal() -> None:
    api = TelegramAPIServer.from_base(os.environ["TELEGRAM_API_URL"])
    bot = Bot(os.environ["BOT_TOKEN"], session=AiohttpSession(api=api))
    dp = Dispatcher()

    @dp.callback_query()
    async def repondre(query: CallbackQuery) -> None:
        await query.answer()

    # handle_signals (the default): SIGTERM stops the polling cleanly.
    await dp.start_polling(bot, allowed_updates=["callback_query"])


if __name__ == "__main__" and sys.argv[1:] == ["--bot-minimal"]:
    asyncio.run(bot_minimal())
    sys.exit(0)

import argparse
import contextlib
import gc
import platform
import re
import signal
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Coroutine, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import aiogram
import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import col

from assemblee import seances, sondages
from assemblee.db import FabriqueSessions
from assemblee.horloge import HorlogeSysteme
from assemblee.journal import CLI
from assemblee.modeles import (
    Appartenance,
    Groupe,
    Langue,
    Membre,
    Role,
    StatutMembre,
    TypeSeance,
    TypeSondage,
)
from assemblee.seances import Champs
from assemblee.sondages import Brouillon
from assemblee.textes import Catalogue
from bench.commun import (
    base_fraiche,
    centile,
    fin_du_journal,
    journal,
    pic_memoire_mo,
    processus_python,
    sans_interruption,
    tableau,
    version_base,
)
from bench.commun import reglages_du_code as reglages_communs
from bot.app import preparer_base
from commandes.callbacks import ReponseCb, VoteCb
from config.reglages import Reglages
from telegram_local import MessageLocal, ReponseBouton, TelegramLocal, Utilisateur

RACINE = _ICI.parent
SOURCES_VIDES = RACINE / "tests" / "outils" / "sources-vides.toml"  # nothing reaches the Internet
TAILLES_PAR_DEFAUT = (100, 1_000)
CIBLE_MEMOIRE_MO = 200.0
TAILLE_CIBLE_MEMOIRE = 1_000
PREMIER_TELEGRAM_ID = 1_000_000
TAILLE_LOT = 5_000  # rows per INSERT batch
# No quiet hours (an empty range): run at night, the bench would otherwise wait until 8:00
# for the reminders and ballots. The answers measured here never wait for quiet hours.
SANS_HEURES_CALMES = "00:00-00:00"
# Each round changes every answer, so that each tap writes and edits, like the first one:
# odd rounds "Je serai là" and the first option, even rounds "Peut-être" and the second.
PRESENCES = ("Je serai là", "Peut-être")
OPTIONS = ("Des arbres", "Des fontaines", "Des bancs")
QUESTION = "Que voulez-vous d'abord dans le quartier ?"
PROGRES = 10.0  # seconds between two progress lines
DEMARRAGE_MAX = 60.0  # seconds a bot may take to reach its first long poll
PREFIXE_VOTE = f"{VoteCb.__prefix__}:"
# The bench and the bot it starts share the anonymous ballots' secret (a bench value).
SECRET_SCRUTINS = "banc-" + "0" * 40
PREFIXE_PRESENCE = f"{ReponseCb.__prefix__}:"


def reglages_du_code(**valeurs: Any) -> Reglages:
    """The code's defaults plus ours, never the shell's nor a `.env`."""
    return reglages_communs(
        **{
            "sources_fichier": SOURCES_VIDES,
            "heures_calmes": SANS_HEURES_CALMES,
            "secret_scrutins": SECRET_SCRUTINS,
            **valeurs,
        }
    )


# --- database ---------------------------------------------------------------------------------


async def inserer_membres(
    moteur: AsyncEngine, nombre: int, maintenant: datetime
) -> tuple[int, list[int]]:
    """N consenting active members, all in the first active group, in a few bulk INSERTs.
    Returns the group's id and the members' Telegram ids."""
    ids_telegram = list(range(PREMIER_TELEGRAM_ID, PREMIER_TELEGRAM_ID + nombre))
    membres = Membre.__table__  # type: ignore[attr-defined]
    appartenances = Appartenance.__table__  # type: ignore[attr-defined]
    async with moteur.begin() as connexion:
        requete = sa.select(col(Groupe.id)).where(col(Groupe.actif)).order_by(col(Groupe.ordre))
        groupe = (await connexion.execute(requete.limit(1))).scalar_one_or_none()
        if groupe is None:
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
        liens = [{"membre_id": m, "groupe_id": groupe} for m in ids]
        for debut in range(0, len(liens), TAILLE_LOT):
            await connexion.execute(sa.insert(appartenances), liens[debut : debut + TAILLE_LOT])
    return groupe, ids_telegram


async def creer_seance_et_sondage(
    sessions: FabriqueSessions, reglages: Reglages, groupe_id: int, maintenant: datetime
) -> int:
    """A workshop of the group in three days (its 7-day reminder is due and not done: the
    bot's start-up beat queues it), and a single-choice anonymous poll of the group, launched
    as a facilitator would (its ballots are queued at once). Returns the ballots queued."""
    async with sessions() as session:
        groupe = await session.get(Groupe, groupe_id)
        debut = (maintenant + timedelta(days=3)).replace(second=0, microsecond=0)
        await seances.creer(
            session,
            Champs(
                type=TypeSeance.ATELIER,
                titre="Atelier de banc",
                groupe=groupe,
                debut=debut,
                fin=debut + timedelta(hours=2),
                lieu="Hôtel de Ville, Paris",
            ),
            auteur=CLI,
            maintenant=maintenant,
        )
        _, bulletins = await sondages.lancer(
            session,
            Brouillon(
                question=QUESTION,
                type=TypeSondage.UNIQUE,
                options=list(OPTIONS),
                ferme_le=maintenant + timedelta(days=3),
                groupe_id=groupe_id,
            ),
            auteur=CLI,
            maintenant=maintenant,
            catalogue=Catalogue(defaut=reglages.langue_defaut),
            fuseau=reglages.fuseau,
            secret=reglages.cle_scrutins,
        )
    return bulletins


# --- the bot processes ------------------------------------------------------------------------


def environnement(serveur: TelegramLocal, **valeurs: str) -> dict[str, str]:
    """The parent's environment without any bot setting (a stray ENVOIS_PAR_SECONDE would skew
    the figures), then ours."""
    reglages = {nom.upper() for nom in Reglages.model_fields}
    env = {cle: valeur for cle, valeur in os.environ.items() if cle.upper() not in reglages}
    env.update(
        BOT_TOKEN=serveur.jeton,
        BOT_USERNAME=serveur.username,
        TELEGRAM_API_URL=serveur.url,
        NIVEAU_LOG="WARNING",
        SECRET_SCRUTINS=SECRET_SCRUTINS,
        CONSOLE_PORT="0",  # any free port: the bench measures the bot, not the console
        **valeurs,
    )
    return env


def temps_cpu(pid: int) -> float | None:
    """CPU seconds (user + system) the process used so far; None off Linux."""
    try:
        champs = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(champs[11]) + int(champs[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


async def attendre_polling(serveur: TelegramLocal, lance: asyncio.subprocess.Process) -> None:
    """Until the bot long-polls; fails early if it died."""
    fin = time.monotonic() + DEMARRAGE_MAX
    while serveur.longs_polls_en_attente == 0:
        if lance.returncode is not None:
            raise RuntimeError(f"le bot s'est arrêté au démarrage (code {lance.returncode})")
        if time.monotonic() > fin:
            raise RuntimeError(f"le bot n'a pas lancé son long polling en {DEMARRAGE_MAX:.0f} s")
        with contextlib.suppress(TimeoutError):
            await serveur.attendre(lambda: serveur.longs_polls_en_attente > 0, 0.5)


async def attendre_livraisons(
    serveur: TelegramLocal, lance: asyncio.subprocess.Process, nombre: int, patience: float
) -> None:
    """Until the stand-in accepted `nombre` messages (reminders and ballots)."""
    depart = time.monotonic()
    dernier, depuis = serveur.nombre_envoyes(), depart
    while serveur.nombre_envoyes() < nombre:
        with contextlib.suppress(TimeoutError):
            await serveur.attendre(lambda: serveur.nombre_envoyes() >= nombre, PROGRES)
        livres, maintenant = serveur.nombre_envoyes(), time.monotonic()
        journal(f"  {maintenant - depart:6.0f} s : {livres}/{nombre} messages livrés")
        if livres > dernier:
            dernier, depuis = livres, maintenant
        elif maintenant - depuis > patience:
            raise RuntimeError(f"plus rien de livré depuis {patience:.0f} s ({livres}/{nombre})")
        if lance.returncode is not None:
            raise RuntimeError(f"le bot s'est arrêté (code {lance.returncode})")


_EXCEPTION = re.compile(r"^\s*(?:\w+\.)*(\w+(?:Error|Exception|BadRequest)): (.*)$")


def erreurs_du_journal(chemin: Path) -> Counter[str]:
    """The exceptions a bot logged (a traceback's last line), by class and the start of the
    message: what the members who got the "internal error" apology ran into."""
    erreurs: Counter[str] = Counter()
    with contextlib.suppress(OSError), chemin.open(encoding="utf-8", errors="replace") as lu:
        for ligne in lu:
            trouve = _EXCEPTION.match(ligne)
            if trouve:
                erreurs[f"{trouve.group(1)} ({trouve.group(2)[:70]}…)"] += 1
    return erreurs


# --- the taps ---------------------------------------------------------------------------------


@dataclass
class Joueur:
    """A member as the bench plays them: their client, their reminder and their ballot."""

    utilisateur: Utilisateur
    rappel: MessageLocal
    bulletin: MessageLocal


def trouver_messages(serveur: TelegramLocal, ids: Sequence[int]) -> list[Joueur]:
    """Each member's reminder and ballot, told apart by their buttons' callback data."""

    def avec_boutons(messages: list[MessageLocal], prefixe: str) -> MessageLocal | None:
        return next(
            (
                m
                for m in messages
                if any((b.callback_data or "").startswith(prefixe) for r in m.boutons for b in r)
            ),
            None,
        )

    trouves = []
    for telegram_id in ids:
        messages = serveur.messages_du_bot(telegram_id)
        rappel = avec_boutons(messages, PREFIXE_PRESENCE)
        bulletin = avec_boutons(messages, PREFIXE_VOTE)
        if rappel is None or bulletin is None:
            raise RuntimeError(f"le membre {telegram_id} n'a pas reçu son rappel et son bulletin")
        trouves.append(Joueur(serveur.utilisateur(telegram_id, "Banc"), rappel, bulletin))
    return trouves


@dataclass
class Tour:
    """One round: every member taps both buttons at once."""

    bot: str
    numero: int
    taps: int
    delais: list[float]  # tap -> answerCallbackQuery, seconds, answered taps only
    duree: float  # first tap -> last answer, seconds
    alertes: int  # answers shown as an alert: a refusal, or the "internal error" apology
    sans_reponse: int  # taps the bot did not answer in time
    cpu_bot: float | None  # the bot process's CPU time during the round, seconds
    cpu_banc: float  # this process's (the stand-in's) CPU time during the round, seconds

    @property
    def debit(self) -> float:
        return len(self.delais) / self.duree if self.duree > 0 else 0.0


async def tour(
    serveur: TelegramLocal,
    membres: Sequence[Joueur],
    numero: int,
    bot: str,
    pid: int,
    delai: float,
) -> Tour:
    """All members tap at once: the 2N taps are queued in the stand-in before the bot's long
    poll is even resumed (each `cliquer` queues its callback query before it first waits)."""
    presence = PRESENCES[(numero - 1) % len(PRESENCES)]
    option = OPTIONS[(numero - 1) % 2]
    taps: list[Coroutine[Any, Any, ReponseBouton]] = []
    for m in membres:
        u = m.utilisateur
        taps.append(u.cliquer(u.message(m.rappel.message_id), presence, delai=delai))
        taps.append(u.cliquer(u.message(m.bulletin.message_id), option, delai=delai))
    # The stand-in stamps each call when this process handles it: a full collection here
    # would delay the stamps, not the bot.
    gc.collect()
    gc.disable()
    try:
        cpu_bot, cpu_banc = temps_cpu(pid), time.process_time()
        resultats = await asyncio.gather(*taps, return_exceptions=True)
        cpu_banc = time.process_time() - cpu_banc
        fin_cpu = temps_cpu(pid)
        cpu_bot = None if cpu_bot is None or fin_cpu is None else fin_cpu - cpu_bot
    finally:
        gc.enable()
    reponses = [r for r in resultats if isinstance(r, ReponseBouton)]
    for erreur in [r for r in resultats if isinstance(r, BaseException)][:3]:
        journal(f"  tap sans réponse : {erreur!r}"[:300])
    debut = min((r.appuye_le for r in reponses), default=0.0)
    fin = max((r.repondu_le for r in reponses), default=0.0)
    return Tour(
        bot=bot,
        numero=numero,
        taps=len(taps),
        delais=[r.delai for r in reponses],
        duree=fin - debut,
        alertes=sum(1 for r in reponses if r.show_alert),
        sans_reponse=len(taps) - len(reponses),
        cpu_bot=cpu_bot,
        cpu_banc=cpu_banc,
    )


# --- one size ---------------------------------------------------------------------------------

NOTRE = "assemblée"
PLANCHER = "plancher (aiogram nu)"


@dataclass
class Mesure:
    membres: int
    tours: list[Tour] = field(default_factory=list)
    memoire_mo: dict[str, float | None] = field(default_factory=dict)
    erreurs: dict[str, Counter[str]] = field(default_factory=dict)  # from each bot's log
    livraison: float = 0.0  # seconds the bot took to deliver reminders and ballots

    def de(self, bot: str) -> list[Tour]:
        return [t for t in self.tours if t.bot == bot]


async def jouer_tours(
    serveur: TelegramLocal,
    membres: Sequence[Joueur],
    repetitions: int,
    bot: str,
    lance: asyncio.subprocess.Process,
    delai: float,
    mesure: Mesure,
) -> None:
    for numero in range(1, repetitions + 1):
        resultat = await tour(serveur, membres, numero, bot, lance.pid, delai)
        mesure.tours.append(resultat)
        journal(f"  {bot}, passage {numero} : {resume_tour(resultat)}")
        if lance.returncode is not None:
            raise RuntimeError(f"le bot s'est arrêté (code {lance.returncode})")
    mesure.memoire_mo[bot] = pic_memoire_mo(lance.pid) if lance.returncode is None else None


async def mesurer(
    taille: int, args: argparse.Namespace, dossier: Path, versions: list[str]
) -> Mesure:
    journal(f"== {taille} membres")
    mesure = Mesure(taille)
    async with contextlib.AsyncExitStack() as pile:
        url = await pile.enter_async_context(
            base_fraiche(args.base, dossier, f"interactions{taille}")
        )
        reglages = reglages_du_code(database_url=url)
        moteur, sessions = await preparer_base(reglages)
        pile.push_async_callback(moteur.dispose)
        if not versions:
            versions.append(await version_base(moteur))
        maintenant = HorlogeSysteme().maintenant()
        groupe, ids = await sans_interruption(inserer_membres(moteur, taille, maintenant))
        bulletins = await sans_interruption(
            creer_seance_et_sondage(sessions, reglages, groupe, maintenant)
        )
        journal(f"  base prête : {taille} membres, 1 atelier, {bulletins} bulletins en file")

        serveur = TelegramLocal()
        await serveur.demarrer()
        pile.push_async_callback(serveur.arreter)
        for telegram_id in ids:
            serveur.utilisateur(telegram_id, "Banc", connu=True)

        # Ours: it queues the reminders at its start-up beat and delivers them with the
        # ballots (default limits: about 30 messages a second), then answers the taps.
        journal_bot = dossier / f"bot-{taille}.log"
        pile.callback(fin_du_journal, journal_bot)  # runs after the bot stopped
        env = environnement(
            serveur,
            DATABASE_URL=url,
            SOURCES_FICHIER=str(SOURCES_VIDES),
            HEURES_CALMES=SANS_HEURES_CALMES,
        )
        async with processus_python(["-m", "bot", "run"], env, dossier, journal_bot) as lance:
            await attendre_polling(serveur, lance)
            debut = time.monotonic()
            await attendre_livraisons(serveur, lance, 2 * taille, args.patience)
            mesure.livraison = time.monotonic() - debut
            journal(f"  rappels et bulletins livrés en {mesure.livraison:.1f} s")
            membres = trouver_messages(serveur, ids)
            await jouer_tours(
                serveur, membres, args.repetitions, NOTRE, lance, args.patience, mesure
            )

        mesure.erreurs[NOTRE] = erreurs_du_journal(journal_bot)

        # The floor answers the very same buttons, on the same stand-in.
        journal_plancher = dossier / f"plancher-{taille}.log"
        pile.callback(fin_du_journal, journal_plancher)
        arguments = [str(_ICI / "interactions.py"), "--bot-minimal"]
        async with processus_python(
            arguments, environnement(serveur), dossier, journal_plancher
        ) as lance:
            await attendre_polling(serveur, lance)
            await jouer_tours(
                serveur, membres, args.repetitions, PLANCHER, lance, args.patience, mesure
            )
        mesure.erreurs[PLANCHER] = erreurs_du_journal(journal_plancher)
    return mesure


# --- report -----------------------------------------------------------------------------------


def _ms(secondes: float) -> str:
    return f"{secondes * 1000:.0f}"


def resume_tour(t: Tour) -> str:
    if not t.delais:
        return f"aucune réponse sur {t.taps}"
    return (
        f"{len(t.delais)}/{t.taps} réponses en {t.duree:.2f} s ({t.debit:.0f}/s), "
        f"p50 {_ms(centile(t.delais, 50))} ms, p95 {_ms(centile(t.delais, 95))} ms, "
        f"p99 {_ms(centile(t.delais, 99))} ms"
    )


@dataclass
class Synthese:
    """One bot at one size: the median of each figure over the rounds."""

    debit: float
    p50: float
    p95: float
    p99: float
    max: float
    sans_reponse: int
    alertes: int  # summed over the rounds, like sans_reponse


def synthese(tours: Sequence[Tour]) -> Synthese | None:
    pleins = [t for t in tours if t.delais]
    if not pleins:
        return None
    return Synthese(
        debit=statistics.median(t.debit for t in pleins),
        p50=statistics.median(centile(t.delais, 50) for t in pleins),
        p95=statistics.median(centile(t.delais, 95) for t in pleins),
        p99=statistics.median(centile(t.delais, 99) for t in pleins),
        max=statistics.median(max(t.delais) for t in pleins),
        sans_reponse=sum(t.sans_reponse for t in tours),
        alertes=sum(t.alertes for t in tours),
    )


def _memoire(mesure: Mesure, bot: str) -> str:
    valeur = mesure.memoire_mo.get(bot)
    if valeur is None:
        return "—"
    if bot == NOTRE and mesure.membres == TAILLE_CIBLE_MEMOIRE:
        return f"{valeur:.0f} (cible < {CIBLE_MEMOIRE_MO:.0f})"
    return f"{valeur:.0f}"


ENTETES = (
    "membres",
    "bot",
    "taps",
    "màj/s",
    "p50 (ms)",
    "p95 (ms)",
    "p99 (ms)",
    "max (ms)",
    "alertes",
    "sans réponse",
    "mémoire pic (Mo)",
)


def rangees(mesure: Mesure) -> list[list[str]]:
    resultat = []
    syntheses = {bot: synthese(mesure.de(bot)) for bot in (NOTRE, PLANCHER)}
    for bot, s in syntheses.items():
        if s is None:
            resultat.append([str(mesure.membres), bot, *["—"] * 8, _memoire(mesure, bot)])
            continue
        resultat.append(
            [
                str(mesure.membres),
                bot,
                str(2 * mesure.membres),
                f"{s.debit:.0f}",
                _ms(s.p50),
                _ms(s.p95),
                _ms(s.p99),
                _ms(s.max),
                str(s.alertes),
                str(s.sans_reponse),
                _memoire(mesure, bot),
            ]
        )
    notre, plancher = syntheses[NOTRE], syntheses[PLANCHER]
    if notre is not None and plancher is not None:

        def x(a: float, b: float) -> str:
            if b <= 0:
                return "—"
            return f"× {a / b:.2f}" if a < b else f"× {a / b:.1f}"

        notre_mo, plancher_mo = mesure.memoire_mo.get(NOTRE), mesure.memoire_mo.get(PLANCHER)
        resultat.append(
            [
                str(mesure.membres),
                "assemblée / plancher",
                "",
                x(notre.debit, plancher.debit),
                x(notre.p50, plancher.p50),
                x(notre.p95, plancher.p95),
                x(notre.p99, plancher.p99),
                x(notre.max, plancher.max),
                "",
                "",
                x(notre_mo, plancher_mo) if notre_mo and plancher_mo else "—",
            ]
        )
    return resultat


def detail(mesures: Sequence[Mesure]) -> str:
    lignes = []
    for m in mesures:
        for t in m.tours:
            cpu_bot = "—" if t.cpu_bot is None or t.duree <= 0 else f"{t.cpu_bot / t.duree:.0%}"
            cpu_banc = "—" if t.duree <= 0 else f"{t.cpu_banc / t.duree:.0%}"
            lignes.append(
                [
                    str(m.membres),
                    t.bot,
                    str(t.numero),
                    f"{t.duree:.2f}",
                    f"{t.debit:.0f}",
                    _ms(centile(t.delais, 50)) if t.delais else "—",
                    _ms(centile(t.delais, 95)) if t.delais else "—",
                    _ms(centile(t.delais, 99)) if t.delais else "—",
                    str(t.alertes),
                    str(t.sans_reponse),
                    cpu_bot,
                    cpu_banc,
                ]
            )
    return tableau(
        [
            "membres",
            "bot",
            "passage",
            "durée (s)",
            "màj/s",
            "p50 (ms)",
            "p95 (ms)",
            "p99 (ms)",
            "alertes",
            "sans réponse",
            "CPU bot",
            "CPU banc",
        ],
        lignes,
    )


def rapport(mesures: Sequence[Mesure], versions: Sequence[str], repetitions: int) -> str:
    lignes = [
        f"Médianes sur {repetitions} passage(s) ; chaque passage : chaque membre appuie en même "
        "temps sur « Je serai là » (ou « Peut-être ») et sur une option de son bulletin.",
        "",
        tableau(ENTETES, [r for m in mesures for r in rangees(m)]),
        "",
        "Détail par passage (CPU : temps processeur du processus ÷ durée du passage ; "
        "le banc fait tourner le Telegram local) :",
        "",
        detail(mesures),
        "",
        "Alertes : réponses affichées en alerte (un refus, ou l'excuse « erreur interne » du "
        "bot) ; attendu 0, le journal du bot dit pourquoi. Sans réponse : aucune réponse dans "
        "le délai (--patience).",
        *(
            f"Erreurs au journal, {bot} à {m.membres} membres : "
            + ", ".join(f"{n} × {quoi}" for quoi, n in erreurs.most_common(5))
            + "."
            for m in mesures
            for bot, erreurs in m.erreurs.items()
            if erreurs
        ),
        f"Cible mémoire : bot sous {CIBLE_MEMOIRE_MO:.0f} Mo à {TAILLE_CIBLE_MEMOIRE} membres. "
        "Livraison des rappels et bulletins avant les appuis : "
        + ", ".join(f"{m.livraison:.1f} s à {m.membres} membres" for m in mesures)
        + ".",
        f"Python {platform.python_version()}, {', '.join(versions)}, "
        f"aiogram {aiogram.__version__}, SQLAlchemy {sa.__version__} ; "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPU.",
    ]
    return "\n".join(lignes)


# --- entry point ------------------------------------------------------------------------------


async def principal(args: argparse.Namespace) -> list[Mesure]:
    # SIGTERM cleans up like Ctrl-C does: cancel, and let every `finally` run.
    tache = asyncio.current_task()
    assert tache is not None
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, tache.cancel)
    mesures: list[Mesure] = []
    versions: list[str] = []
    with tempfile.TemporaryDirectory(prefix="assemblee-bench-interactions-") as dossier:
        for taille in args.membres:
            mesures.append(await mesurer(taille, args, Path(dossier), versions))
    print(rapport(mesures, versions, args.repetitions), flush=True)
    return mesures


def _tailles(texte: str) -> list[int]:
    try:
        tailles = [int(t) for t in texte.replace(" ", "").split(",") if t]
    except ValueError as exc:
        raise argparse.ArgumentTypeError("des nombres séparés par des virgules") from exc
    if not tailles or min(tailles) < 1:
        raise argparse.ArgumentTypeError("des nombres positifs")
    return tailles


def analyseur() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        description="Chronomètre N membres qui répondent à un rappel et votent en même temps, "
        "face au bot (processus séparé) puis face à un bot aiogram nu, au Telegram local."
    )
    p.add_argument(
        "--membres",
        type=_tailles,
        default=list(TAILLES_PAR_DEFAUT),
        metavar="N,N…",
        help="tailles à mesurer, dans l'ordre (défaut : 100,1000)",
    )
    p.add_argument(
        "--base",
        metavar="URL",
        help="URL d'administration PostgreSQL (postgresql+asyncpg://utilisateur@127.0.0.1:port/"
        "base) : une base neuve est créée puis supprimée à chaque taille ; défaut : SQLite "
        "dans un dossier temporaire",
    )
    p.add_argument(
        "--repetitions",
        type=int,
        default=3,
        metavar="N",
        help="passages d'appuis par taille et par bot (défaut : 3)",
    )
    p.add_argument(
        "--patience",
        type=float,
        default=120.0,
        metavar="S",
        help="attente maximale d'une livraison ou d'une réponse, en secondes (défaut : 120)",
    )
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parseur = analyseur()
    args = parseur.parse_args(argv)
    if args.repetitions < 1:
        parseur.error("--repetitions : un nombre positif")
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
