"""A private PostgreSQL server for a test that stops and restarts it: the suite's server is
shared, and is never touched. Built from the binaries of /usr/lib/postgresql/*/bin (or the
PATH) in a temporary folder; as root, it runs as the `postgres` user (the server refuses root)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import pwd
import shutil
import socket
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg


def dossier_binaires() -> Path | None:
    """The newest installed PostgreSQL with initdb and pg_ctl, or None."""
    candidats = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda d: int(d.parent.name) if d.parent.name.isdigit() else 0,
        reverse=True,
    )
    trouve = shutil.which("pg_ctl")
    if trouve:
        candidats.append(Path(trouve).resolve().parent)
    for dossier in candidats:
        if (dossier / "initdb").is_file() and (dossier / "pg_ctl").is_file():
            return dossier
    return None


def raison_de_ne_pas_lancer() -> str | None:
    """Why a private server can't be started here, or None."""
    if dossier_binaires() is None:
        return "no PostgreSQL binaries (initdb, pg_ctl) in /usr/lib/postgresql/*/bin or PATH"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no 'postgres' user to run the server"
        if shutil.which("runuser") is None:
            return "running as root and runuser is missing"
    return None


def _port_libre() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PostgresPrive:
    binaires: Path
    racine: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="assemblee-pg-")))
    port: int = field(default_factory=_port_libre)

    @property
    def donnees(self) -> Path:
        return self.racine / "donnees"

    def url(self, base: str) -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/{base}"

    async def initialiser(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.racine, "postgres", "postgres")
        await self._executer(
            "initdb",
            "-D",
            str(self.donnees),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
            "--no-instructions",
        )

    async def demarrer(self) -> None:
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.racine} "
            "-c fsync=off -c full_page_writes=off -c synchronous_commit=off"
        )
        await self._executer(
            "pg_ctl",
            "-D",
            str(self.donnees),
            "-l",
            str(self.racine / "journal"),
            "-o",
            options,
            "-w",
            "-t",
            "30",
            "start",
        )

    async def arreter(self, mode: str = "fast") -> None:
        """Stop the server (`fast`: clients are disconnected, as in a restart)."""
        await self._executer("pg_ctl", "-D", str(self.donnees), "-m", mode, "-w", "stop")

    async def creer_base(self, nom: str) -> str:
        connexion = await asyncpg.connect(
            host="127.0.0.1", port=self.port, user="postgres", database="postgres"
        )
        try:
            await connexion.execute(f'CREATE DATABASE "{nom}"')
        finally:
            await connexion.close()
        return self.url(nom)

    async def detruire(self) -> None:
        if (self.donnees / "postmaster.pid").exists():
            with contextlib.suppress(RuntimeError):
                await self.arreter("immediate")
        await asyncio.to_thread(shutil.rmtree, self.racine, True)

    async def _executer(self, programme: str, *arguments: str) -> None:
        commande = [str(self.binaires / programme), *arguments]
        if os.geteuid() == 0:
            commande = ["runuser", "-u", "postgres", "--", *commande]
        processus = await asyncio.create_subprocess_exec(
            *commande,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
            env={"PATH": os.environ["PATH"], "LC_ALL": "C"},
            cwd=self.racine,
        )
        sortie, _ = await processus.communicate()
        if processus.returncode != 0:
            journal = self.racine / "journal"
            fin = journal.read_text(errors="replace")[-2000:] if journal.exists() else ""
            raise RuntimeError(
                f"{programme} failed ({processus.returncode}): {sortie.decode(errors='replace')}"
                f"\n{fin}"
            )
