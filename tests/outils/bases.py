"""Test databases: a fresh one per test, on SQLite or on the PostgreSQL that TEST_DATABASE_URL
names (`.ci/run` runs the whole suite once on each).

A template database is migrated once per run; each test gets its own copy (a file copy on
SQLite, CREATE DATABASE … TEMPLATE on PostgreSQL), so no test sees another's rows.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

import asyncpg
from sqlalchemy.engine import make_url

from assemblee.db import creer_moteur, mettre_a_jour_schema

URL_PG = os.environ.get("TEST_DATABASE_URL", "")
MOTEUR = "postgresql" if URL_PG.startswith("postgresql") else "sqlite"


@dataclass
class FabriqueBases:
    """Makes test databases; `url_modele` is already migrated to the newest revision."""

    dossier: Path
    url_modele: str = ""
    _nom_modele: str = ""

    async def preparer(self) -> None:
        self._nom_modele = f"assemblee_modele_{uuid.uuid4().hex[:8]}"
        self.url_modele = await self.vide(self._nom_modele)
        moteur = creer_moteur(self.url_modele)
        await mettre_a_jour_schema(moteur)
        await moteur.dispose()

    async def vide(self, nom: str | None = None) -> str:
        """An empty database (no schema), for migration tests."""
        nom = nom or f"assemblee_test_{uuid.uuid4().hex[:12]}"
        if MOTEUR == "sqlite":
            return f"sqlite+aiosqlite:///{self.dossier / nom}.db"
        await self._admin(f'CREATE DATABASE "{nom}" TEMPLATE template0')
        return self._url(nom)

    async def copie(self) -> str:
        """A migrated database of its own."""
        nom = f"assemblee_test_{uuid.uuid4().hex[:12]}"
        if MOTEUR == "sqlite":
            source = Path(make_url(self.url_modele).database or "")
            shutil.copyfile(source, self.dossier / f"{nom}.db")
            return f"sqlite+aiosqlite:///{self.dossier / nom}.db"
        await self._admin(f'CREATE DATABASE "{nom}" TEMPLATE "{self._nom_modele}"')
        return self._url(nom)

    async def supprimer(self, url: str) -> None:
        if MOTEUR == "sqlite":
            for suffixe in ("", "-wal", "-shm"):
                chemin = Path(f"{make_url(url).database}{suffixe}")
                await asyncio.to_thread(chemin.unlink, missing_ok=True)
        else:
            await self._admin(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')

    async def nettoyer(self) -> None:
        if MOTEUR == "postgresql" and self._nom_modele:
            await self._admin(f'DROP DATABASE IF EXISTS "{self._nom_modele}" WITH (FORCE)')

    def _url(self, nom: str) -> str:
        return make_url(URL_PG).set(database=nom).render_as_string(hide_password=False)

    async def _admin(self, sql: str) -> None:
        url = make_url(URL_PG)
        connexion = await asyncpg.connect(
            host=url.host,
            port=url.port,
            user=url.username,
            password=url.password,
            database=url.database or "postgres",
        )
        try:
            await connexion.execute(sql)
        finally:
            await connexion.close()
