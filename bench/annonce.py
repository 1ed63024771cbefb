"""Benchmark: one announcement to N members, sent by the real bot running as its own process.

For each size N: a fresh database (SQLite in a temp dir, or a PostgreSQL database created for
the run), N consenting active members inserted in bulk, the local Bot API stand-in started in
this process with N known chats, and `python -m bot run` started against both. Once the bot
long-polls, an urgent announcement to everyone is queued in the database; we time it until the
stand-in has accepted N messages and print figures (never pass/fail):

    .venv/bin/python bench/annonce.py                    # 1,000 then 10,000 members, SQLite
    .venv/bin/python bench/annonce.py --membres 200      # a quick run
    .venv/bin/python bench/annonce.py --base postgresql+asyncpg://postgres@127.0.0.1:5432/postgres
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import os
import platform
import signal
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

# `python bench/annonce.py` puts bench/ first on sys.path, where a sibling bench script named
# like one of the project's packages (bench/rappels.py) would shadow it: take bench/ off.
_ICI = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _ICI]
sys.path.insert(0, str(_ICI.parent))  # the repository: bench.commun

import aiogram  # noqa: E402
import sqlalchemy as sa  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlalchemy.ext.asyncio import AsyncEngine  # noqa: E402
from sqlmodel import col  # noqa: E402

from assemblee import annonces  # noqa: E402
from assemblee.annonces import Audience, GenreAudience  # noqa: E402
from assemblee.db import FabriqueSessions  # noqa: E402
from assemblee.envois import Contenu  # noqa: E402
from assemblee.horloge import HorlogeSysteme  # noqa: E402
from assemblee.journal import CLI  # noqa: E402
from assemblee.modeles import Appartenance, Groupe, Langue, Membre, Role, StatutMembre  # noqa: E402
from assemblee.textes import html_verifie  # noqa: E402
from bench.commun import (  # noqa: E402
    arreter,
    base_fraiche,
    fin_du_journal,
    journal,
    pic_memoire_mo,
    processus_python,
    version_base,
)
from bot.app import preparer_base  # noqa: E402
from config.reglages import DOSSIER_CONFIG, Reglages  # noqa: E402
from telegram_local import TelegramLocal, parser_html  # noqa: E402

TAILLES_PAR_DEFAUT = (1_000, 10_000)
# The bot runs with its default limits: the figures are measured against these.
LIMITE = float(Reglages.model_fields["envois_par_seconde"].default)
CIBLE_PART = 0.9
PREMIER_TELEGRAM_ID = 1_000_000
TEXTE = "<b>Plénière</b> jeudi 19 h à l'Hôtel de Ville : venez nombreux !"
PROGRES = 10.0  # seconds between two progress lines
DEMARRAGE_MAX = 60.0  # seconds the bot may take to reach its first long poll
TAILLE_LOT = 5_000  # rows per INSERT batch (SQLite's limit on bound parameters stays far)


@dataclass
class Mesure:
    membres: int
    preparation: float  # schema, groups and members, seconds
    mise_en_file: float  # `publier` (one transaction), seconds
    premier_envoi: float | None  # queueing -> first delivery, seconds
    duree: float | None  # queueing -> last delivery, seconds
    livres: int  # messages the stand-in accepted
    violations: Counter[str]
    doublons: int
    sans_message: int
    memoire_mo: float | None
    code_sortie: int | None

    @property
    def debit(self) -> float | None:
        if not self.duree or not self.livres:
            return None
        return self.livres / self.duree


# --- database ---------------------------------------------------------------------------------


async def inserer_membres(moteur: AsyncEngine, nombre: int) -> list[int]:
    """N consenting active members spread over the active groups, in a few bulk INSERTs
    (one ORM object per member would take minutes at 10,000). Returns their Telegram ids."""
    maintenant = HorlogeSysteme().maintenant()
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
        # Round-robin over the groups, by member id: like a real assembly, not one big group.
        ids = list(
            (await connexion.execute(sa.select(membres.c.id).order_by(membres.c.id))).scalars()
        )
        liens = [
            {"membre_id": m, "groupe_id": groupes[i % len(groupes)]} for i, m in enumerate(ids)
        ]
        for debut in range(0, len(liens), TAILLE_LOT):
            await connexion.execute(sa.insert(appartenances), liens[debut : debut + TAILLE_LOT])
    return ids_telegram


async def publier(sessions: FabriqueSessions) -> int:
    """Queue the announcement exactly as staff would; urgent so that quiet hours never hold
    it back whatever the time of day. Returns how many members it goes to."""
    async with sessions() as session:
        _, nombre = await annonces.publier(
            session,
            auteur=CLI,
            contenu=Contenu(html_verifie(TEXTE, parser_html)),
            audience=Audience(GenreAudience.TOUS),
            urgent=True,
            maintenant=HorlogeSysteme().maintenant(),
        )
    return nombre


# --- the bot process --------------------------------------------------------------------------


def environnement_bot(url_base: str, serveur: TelegramLocal) -> dict[str, str]:
    """The parent's environment without any bot setting (a stray ENVOIS_PAR_SECONDE would skew
    the figures), then ours: the bot gets its default limits."""
    reglages = {nom.upper() for nom in Reglages.model_fields}
    env = {cle: valeur for cle, valeur in os.environ.items() if cle.upper() not in reglages}
    env.update(
        BOT_TOKEN=serveur.jeton,
        BOT_USERNAME=serveur.username,
        DATABASE_URL=url_base,
        TELEGRAM_API_URL=serveur.url,
        NIVEAU_LOG="WARNING",
        CONSOLE_PORT="0",  # any free port: the bench measures the bot, not the console
    )
    return env


async def attendre_polling(serveur: TelegramLocal, processus: asyncio.subprocess.Process) -> None:
    """Until the bot long-polls (so its sender runs too); fails early if the bot died."""
    fin = time.monotonic() + DEMARRAGE_MAX
    while serveur.longs_polls_en_attente == 0:
        if processus.returncode is not None:
            raise RuntimeError(f"le bot s'est arrêté au démarrage (code {processus.returncode})")
        if time.monotonic() > fin:
            raise RuntimeError(f"le bot n'a pas lancé son long polling en {DEMARRAGE_MAX:.0f} s")
        with contextlib.suppress(TimeoutError):
            await serveur.attendre(lambda: serveur.longs_polls_en_attente > 0, 0.5)


async def attendre_livraisons(
    serveur: TelegramLocal,
    processus: asyncio.subprocess.Process,
    nombre: int,
    depart: float,
    patience: float,
) -> None:
    """Until the stand-in accepted `nombre` messages, printing progress; gives up when nothing
    is delivered for `patience` seconds or the bot died (the figures then show the shortfall)."""
    dernier, depuis = serveur.nombre_envoyes(), time.monotonic()
    while serveur.nombre_envoyes() < nombre:
        with contextlib.suppress(TimeoutError):
            await serveur.attendre(lambda: serveur.nombre_envoyes() >= nombre, PROGRES)
        livres, maintenant = serveur.nombre_envoyes(), time.monotonic()
        ecoule = maintenant - depart
        journal(f"  {ecoule:6.0f} s : {livres}/{nombre} livrés ({livres / ecoule:.1f}/s)")
        if livres > dernier:
            dernier, depuis = livres, maintenant
        elif maintenant - depuis > patience:
            journal(f"  plus rien de livré depuis {patience:.0f} s : abandon de l'attente")
            return
        if processus.returncode is not None:
            journal(f"  le bot s'est arrêté (code {processus.returncode}) : abandon de l'attente")
            return


def bilan_envois(serveur: TelegramLocal, ids: Sequence[int]) -> tuple[list[float], int, int]:
    """Times of the accepted messages (stand-in's monotonic clock), members who got the
    announcement more than once, members who got nothing."""
    instants = [
        a.horodatage for a in serveur.appels if a.methode == "sendMessage" and a.code == 200
    ]
    par_chat = serveur.envois_par_chat()
    doublons = sum(1 for i in ids if par_chat.get(i, 0) > 1)
    rien = sum(1 for i in ids if par_chat.get(i, 0) == 0)
    return instants, doublons, rien


# --- one run ----------------------------------------------------------------------------------


async def mesurer(
    taille: int, admin: str | None, dossier: Path, patience: float, versions: list[str]
) -> Mesure:
    journal(f"== {taille} membres")
    async with contextlib.AsyncExitStack() as pile:
        url = await pile.enter_async_context(base_fraiche(admin, dossier, f"annonce{taille}"))
        debut = time.monotonic()
        reglages = Reglages(
            database_url=url,
            equipe_telegram_ids=[],
            groupes_fichier=DOSSIER_CONFIG / "groupes.toml",
            _env_file=None,
        )
        moteur, sessions = await preparer_base(reglages)
        pile.push_async_callback(moteur.dispose)
        if not versions:
            versions.append(await version_base(moteur))
        ids = await inserer_membres(moteur, taille)
        preparation = time.monotonic() - debut
        journal(f"  base prête en {preparation:.1f} s")

        serveur = TelegramLocal()
        await serveur.demarrer()
        pile.push_async_callback(serveur.arreter)
        for telegram_id in ids:
            serveur.utilisateur(telegram_id, "Banc", connu=True)

        journal_bot = dossier / f"bot-{taille}.log"
        pile.callback(fin_du_journal, journal_bot)  # runs after the bot stopped
        env = environnement_bot(url, serveur)
        processus = await pile.enter_async_context(
            processus_python(["-m", "bot", "run"], env, dossier, journal_bot)
        )
        await attendre_polling(serveur, processus)

        # The stand-in stamps each message when this process handles it: a full collection
        # here (0.2 s once it holds thousands of messages) bunches the arrivals it then stamps
        # and counts violations the bot never made. Reference counting frees the rest.
        gc.disable()
        pile.callback(gc.enable)
        debut = time.monotonic()
        destinataires = await publier(sessions)
        depart = time.monotonic()  # the rows are visible to the bot from the commit on
        journal(f"  annonce en file pour {destinataires} membres en {depart - debut:.1f} s")
        await attendre_livraisons(serveur, processus, taille, depart, patience)

        memoire = pic_memoire_mo(processus.pid) if processus.returncode is None else None
        await arreter(processus)
        instants, doublons, rien = bilan_envois(serveur, ids)
        return Mesure(
            membres=taille,
            preparation=preparation,
            mise_en_file=depart - debut,
            premier_envoi=min(instants) - depart if instants else None,
            duree=max(instants) - depart if instants else None,
            livres=len(instants),
            violations=Counter(v.genre for v in serveur.violations.evenements),
            doublons=doublons,
            sans_message=rien,
            memoire_mo=memoire,
            code_sortie=processus.returncode,
        )
    raise AssertionError("unreachable: the exit stack never swallows an exception")


# --- report -----------------------------------------------------------------------------------

COLONNES = (
    "membres",
    "préparation (s)",
    "mise en file (s)",
    "1er envoi (s)",
    "durée (s)",
    "msg/s",
    f"part de {LIMITE:g}/s",
    "violations",
    "doublons",
    "sans message",
    "mémoire pic (Mo)",
)


def _nombre(valeur: float | None, format_: str) -> str:
    return "—" if valeur is None else format(valeur, format_)


def ligne(m: Mesure) -> list[str]:
    debit = m.debit
    return [
        str(m.membres),
        f"{m.preparation:.1f}",
        f"{m.mise_en_file:.2f}",
        _nombre(m.premier_envoi, ".2f"),
        _nombre(m.duree, ".1f"),
        _nombre(debit, ".1f"),
        _nombre(None if debit is None else debit / LIMITE, ".3f"),
        str(sum(m.violations.values())),
        str(m.doublons),
        str(m.sans_message),
        _nombre(m.memoire_mo, ".0f"),
    ]


def tableau(mesures: Sequence[Mesure]) -> str:
    """A Markdown table: it reads fine in a terminal and pastes as is into the README."""
    rangees = [list(COLONNES), *(ligne(m) for m in mesures)]
    largeurs = [max(len(r[i]) for r in rangees) for i in range(len(COLONNES))]

    def rendre(cellules: list[str]) -> str:
        return "| " + " | ".join(c.rjust(w) for c, w in zip(cellules, largeurs, strict=True)) + " |"

    separation = "|" + "|".join("-" * (w + 1) + ":" for w in largeurs) + "|"
    return "\n".join([rendre(rangees[0]), separation, *(rendre(r) for r in rangees[1:])])


def rapport(mesures: Sequence[Mesure], versions: Sequence[str]) -> str:
    lignes = [
        tableau(mesures),
        "",
        f"Cibles : part de {LIMITE:g}/s ≥ {CIBLE_PART} (soit ≥ {CIBLE_PART * LIMITE:g} msg/s), "
        "violations 0, doublons 0, sans message 0.",
    ]
    for m in mesures:
        if m.violations:
            detail = ", ".join(f"{genre} {n}" for genre, n in sorted(m.violations.items()))
            lignes.append(f"Violations à {m.membres} membres : {detail}.")
        if m.code_sortie not in (0, None):
            lignes.append(f"Le bot à {m.membres} membres est sorti avec le code {m.code_sortie}.")
    lignes.append(
        f"Python {platform.python_version()}, {', '.join(versions)}, "
        f"aiogram {aiogram.__version__}, SQLAlchemy {sa.__version__} ; "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPU."
    )
    return "\n".join(lignes)


# --- entry point ------------------------------------------------------------------------------


async def principal(args: argparse.Namespace) -> list[Mesure]:
    # SIGTERM cleans up like Ctrl-C does: cancel, and let every `finally` run.
    tache = asyncio.current_task()
    assert tache is not None
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, tache.cancel)
    mesures: list[Mesure] = []
    versions: list[str] = []
    with tempfile.TemporaryDirectory(prefix="assemblee-bench-") as dossier:
        for taille in args.membres:
            mesure = await mesurer(taille, args.base, Path(dossier), args.patience, versions)
            mesures.append(mesure)
            journal(tableau([mesure]))
    print(rapport(mesures, versions), flush=True)
    return mesures


def analyseur() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        description="Chronomètre une annonce à N membres envoyée par le bot (processus séparé) "
        "au Telegram local."
    )
    p.add_argument(
        "--membres",
        type=int,
        nargs="+",
        default=list(TAILLES_PAR_DEFAUT),
        metavar="N",
        help="tailles à mesurer, dans l'ordre (défaut : 1000 10000)",
    )
    p.add_argument(
        "--base",
        metavar="URL",
        help="URL d'administration PostgreSQL (postgresql+asyncpg://utilisateur@127.0.0.1:port/"
        "base) : une base neuve est créée puis supprimée à chaque taille ; défaut : SQLite "
        "dans un dossier temporaire",
    )
    p.add_argument(
        "--patience",
        type=float,
        default=60.0,
        metavar="S",
        help="abandonner l'attente après S secondes sans livraison (défaut : 60)",
    )
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = analyseur().parse_args(argv)
    if any(n < 1 for n in args.membres):
        analyseur().error("--membres : des nombres positifs")
    if args.base is not None and not make_url(args.base).drivername.startswith("postgresql"):
        analyseur().error("--base : une URL postgresql://… ou postgresql+asyncpg://…")
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
