"""What the bench scripts share: settings from the code only, a fresh database, the database's
version, peak memory, percentiles, Markdown tables, progress on stderr, a bot process stopped
cleanly. Imported as `bench.commun` (each script puts the repository first on sys.path)."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sqlite3
import sys
import uuid
from collections.abc import AsyncIterator, Coroutine, Sequence
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from config.reglages import DOSSIER_CONFIG, Reglages

T = TypeVar("T")
ARRET_MAX = 30.0  # seconds a bot process gets to stop on SIGTERM before SIGKILL


def journal(message: str) -> None:
    """Progress goes to stderr: stdout carries only the tables."""
    print(message, file=sys.stderr, flush=True)


def reglages_du_code(**valeurs: Any) -> Reglages:
    """The code's defaults plus ours, never the shell's nor a `.env`: a stray
    ENVOIS_PAR_SECONDE or RAPPELS in the environment would skew the figures."""
    defauts = {
        nom: champ.get_default(call_default_factory=True)
        for nom, champ in Reglages.model_fields.items()
    }
    defauts.update(equipe_telegram_ids=[], groupes_fichier=DOSSIER_CONFIG / "groupes.toml")
    return Reglages(_env_file=None, **{**defauts, **valeurs})


@contextlib.asynccontextmanager
async def base_fraiche(admin: str | None, dossier: Path, nom: str) -> AsyncIterator[str]:
    """A new empty database, dropped afterwards: SQLite `<nom>.db` in `dossier`, or on the
    PostgreSQL server of the admin URL a database `assemblee_bench_<nom>_<random>`."""
    if admin is None:
        yield f"sqlite+aiosqlite:///{dossier / f'{nom}.db'}"
        return
    url = make_url(admin).set(drivername="postgresql+asyncpg")
    base = f"assemblee_bench_{nom}_{uuid.uuid4().hex[:8]}"
    # CREATE/DROP DATABASE cannot run inside a transaction.
    moteur = create_async_engine(url, isolation_level="AUTOCOMMIT")
    try:
        async with moteur.connect() as connexion:
            await connexion.exec_driver_sql(f'CREATE DATABASE "{base}"')
        try:
            yield url.set(database=base).render_as_string(hide_password=False)
        finally:
            # FORCE: a connection a bot left behind must not keep the database alive.
            async with moteur.connect() as connexion:
                await connexion.exec_driver_sql(f'DROP DATABASE IF EXISTS "{base}" WITH (FORCE)')
    finally:
        await moteur.dispose()


async def version_base(moteur: AsyncEngine) -> str:
    async with moteur.connect() as connexion:
        if connexion.dialect.name == "postgresql":
            version = (await connexion.exec_driver_sql("SHOW server_version")).scalar_one()
            return f"PostgreSQL {version}"
    return f"SQLite {sqlite3.sqlite_version}"


async def sans_interruption(etape: Coroutine[Any, Any, T]) -> T:
    """Let a database step end before Ctrl-C or SIGTERM takes effect: cancelled in the middle
    of a batched INSERT, asyncpg may wait forever for a reply the server never sends (seen
    here: the server sat in ClientRead), and the clean-up would never run."""
    tache = asyncio.ensure_future(etape)
    try:
        return await asyncio.shield(tache)
    except asyncio.CancelledError:
        journal("interruption : fin de l'étape en cours, puis nettoyage")
        with contextlib.suppress(Exception):
            await tache
        raise


def pic_memoire_mo(pid: int | str = "self") -> float | None:
    """A process's peak resident memory (VmHWM), in MiB (this one's by default); None off
    Linux."""
    try:
        lignes = Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines()
    except OSError:
        return None
    for ligne in lignes:
        if ligne.startswith("VmHWM:"):
            return int(ligne.split()[1]) / 1024  # reported in kB
    return None


def centile(valeurs: Sequence[float], p: float) -> float:
    """Nearest-rank percentile: a value that was actually measured."""
    tries = sorted(valeurs)
    rang = max(1, -(-len(tries) * p // 100))  # ceil without floats drifting
    return tries[int(rang) - 1]


def tableau(entetes: Sequence[str], rangees: Sequence[Sequence[str]]) -> str:
    """A Markdown table: it reads fine in a terminal and pastes as is into the README."""
    toutes = [list(entetes), *(list(r) for r in rangees)]
    largeurs = [max(len(r[i]) for r in toutes) for i in range(len(entetes))]

    def rendre(cellules: list[str]) -> str:
        return "| " + " | ".join(c.rjust(w) for c, w in zip(cellules, largeurs, strict=True)) + " |"

    separation = "|" + "|".join("-" * (w + 1) + ":" for w in largeurs) + "|"
    return "\n".join([rendre(toutes[0]), separation, *(rendre(r) for r in toutes[1:])])


@contextlib.asynccontextmanager
async def processus_python(
    arguments: Sequence[str], env: dict[str, str], dossier: Path, journal_bot: Path
) -> AsyncIterator[asyncio.subprocess.Process]:
    """`python <arguments>` with its output in `journal_bot`, stopped with SIGTERM (killed if
    it hangs) whatever happens. Its cwd is the temp dir, so no `.env` of the developer's is
    read."""
    with journal_bot.open("wb") as sortie:
        lance = await asyncio.create_subprocess_exec(
            sys.executable,
            *arguments,
            cwd=dossier,
            env=env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=sortie,
            stderr=sortie,
        )
    try:
        yield lance
    finally:
        await arreter(lance)


async def arreter(lance: asyncio.subprocess.Process) -> None:
    if lance.returncode is None:
        with contextlib.suppress(ProcessLookupError):
            lance.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(lance.wait(), ARRET_MAX)
        except TimeoutError:
            journal(f"le bot ne s'arrête pas après {ARRET_MAX:.0f} s : SIGKILL")
            with contextlib.suppress(ProcessLookupError):
                lance.kill()
            await lance.wait()


def fin_du_journal(chemin: Path, lignes: int = 15) -> None:
    """The bots log at WARNING: anything they wrote is worth a look."""
    with contextlib.suppress(OSError):
        texte = [
            ligne
            for ligne in chemin.read_text(encoding="utf-8", errors="replace").splitlines()
            if "Received SIGTERM signal" not in ligne  # our own way of stopping them
        ]
        if texte:
            journal(f"  journal de {chemin.name} ({len(texte)} ligne(s)), fin :")
            for ligne in texte[-lignes:]:
                journal(f"    {ligne}")
