"""The secret ballot against someone who holds the database (assemblee/vote_secret.md): the row
versions PostgreSQL keeps (xmin), SQLite's row order and its write-ahead log. Each test plays
the reader: it uses only what the database holds, never the bot's secret, and must find
nothing that ties a member to a ballot."""

from __future__ import annotations

import asyncio
import sqlite3
import struct
from collections.abc import Iterable
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlmodel import SQLModel, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import journal, sondages
from assemblee.db import FabriqueSessions
from assemblee.horloge import HorlogeFigee
from assemblee.modeles import Bulletin, Groupe, Membre, Sondage, TypeSondage
from assemblee.sondages import Brouillon
from assemblee.textes import Catalogue
from tests.conftest import SECRET_SCRUTINS_TEST, reglages_test
from tests.outils.bases import MOTEUR
from tests.outils.fabriques import membres_actifs

PARIS = ZoneInfo("Europe/Paris")
SECRET = reglages_test(secret_scrutins=SECRET_SCRUTINS_TEST).cle_scrutins
NOMBRE = 12


async def _scrutin(
    sessions: FabriqueSessions, horloge: HorlogeFigee, groupe: Groupe
) -> tuple[Sondage, list[Membre]]:
    async with sessions() as session:
        membres = await membres_actifs(session, horloge.maintenant(), groupe, NOMBRE)
        sondage, _ = await sondages.lancer(
            session,
            Brouillon(
                question="Quel sujet en priorité ?",
                type=TypeSondage.JUGEMENT,
                options=["Des fontaines", "Des cours oasis", "Plus de bancs"],
                ferme_le=horloge.maintenant() + timedelta(days=3),
                groupe_id=groupe.id,
            ),
            auteur=journal.CLI,
            maintenant=horloge.maintenant(),
            catalogue=Catalogue(),
            fuseau=PARIS,
            secret=SECRET,
        )
    return sondage, membres


async def _voter_un_par_un(
    sessions: FabriqueSessions, horloge: HorlogeFigee, sondage: Sondage, qui: Iterable[Membre]
) -> None:
    """Members vote one after the other, each tap its own transaction (as in the bot)."""
    for i, membre in enumerate(qui):
        for option, note in ((0, i % 6), (1, (i + 3) % 6)):
            async with sessions() as session:
                await sondages.voter(
                    session,
                    sondage_id=sondage.id or 0,
                    membre=membre,
                    option=option,
                    valeur=note,
                    maintenant=horloge.maintenant(),
                    secret=SECRET,
                )


def _tables_qui_nomment_un_membre() -> list[tuple[str, str]]:
    """(table, column) for every column that names a member."""
    sortie = []
    for table in SQLModel.metadata.sorted_tables:
        for cle in table.foreign_keys:
            if cle.column.table.name == "membre":
                sortie.append((table.name, cle.parent.name))
    return [*sortie, ("membre", "id")]


async def _attaque_xmin(session: AsyncSession, sondage_id: int) -> dict[int, set[int]]:
    """For each member, the ballots (or votes' ballots) written by a transaction that also
    wrote a row naming that member: the join `votant.xmin = vote.xmin` and all its cousins."""
    connexion = await session.connection()
    ecrits_par: dict[str, set[int]] = {}
    for table, colonne in _tables_qui_nomment_un_membre():
        lignes = await connexion.exec_driver_sql(
            # Names from our own metadata, not from input.
            f'SELECT xmin::text, "{colonne}" FROM "{table}" WHERE "{colonne}" IS NOT NULL'  # noqa: S608
        )
        for xmin, membre_id in lignes.all():
            ecrits_par.setdefault(xmin, set()).add(int(membre_id))
    bulletins = await connexion.execute(
        sa.text(
            "SELECT xmin::text, id FROM bulletin WHERE sondage_id = :s "
            "UNION ALL SELECT v.xmin::text, v.bulletin_id FROM vote v "
            "JOIN bulletin b ON b.id = v.bulletin_id WHERE b.sondage_id = :s"
        ),
        {"s": sondage_id},
    )
    candidats: dict[int, set[int]] = {}
    for xmin, bulletin_id in bulletins.all():
        for membre_id in ecrits_par.get(xmin, set()):
            candidats.setdefault(membre_id, set()).add(int(bulletin_id))
    return candidats


@pytest.mark.skipif(MOTEUR != "postgresql", reason="xmin is PostgreSQL's row version")
async def test_les_versions_de_lignes_postgresql_ne_relient_aucun_bulletin_a_un_membre(
    sessions: FabriqueSessions, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    sondage, membres = await _scrutin(sessions, horloge, groupes_config["environnement"])
    await _voter_un_par_un(sessions, horloge, sondage, membres[:8])
    async with sessions() as session:
        tous = {
            b.id or 0
            for b in (
                await session.exec(select(Bulletin).where(Bulletin.sondage_id == sondage.id))
            ).all()
        }
        votes = await session.exec(
            select(Bulletin.id).where(Bulletin.sondage_id == sondage.id, Bulletin.version > 0)
        )
        assert len(votes.all()) == 8  # the reader had material: 8 ballots were written to
        # Only the launch wrote ballots and rows naming members together: every member's
        # candidates are the same ballots (those still as launched), so none is told apart.
        candidats = await _attaque_xmin(session, sondage.id or 0)
        assert set(candidats) == {m.id for m in membres}
        (commun,) = {frozenset(c) for c in candidats.values()}
        assert commun <= tous and len(commun) == NOMBRE - 8
    # At the close the box is opened: new ballots, all written by one transaction.
    async with sessions() as session:
        ferme = await session.get(Sondage, sondage.id)
        assert ferme is not None
        await sondages.clore(
            session, ferme, auteur=journal.CLI, maintenant=horloge.maintenant(), secret=SECRET
        )
    async with sessions() as session:
        for membre_id, bulletins in (await _attaque_xmin(session, sondage.id or 0)).items():
            assert bulletins == set(), f"member {membre_id} tied to ballots {bulletins}"


def _pages_du_journal(chemin: Path) -> list[int]:
    """The page numbers of every frame in a SQLite WAL file, in the order they were written
    (https://www.sqlite.org/fileformat.html#the_write_ahead_log)."""
    donnees = chemin.read_bytes()
    if len(donnees) < 32:
        return []
    (taille_page,) = struct.unpack(">I", donnees[8:12])
    pages, position = [], 32
    while position + 24 + taille_page <= len(donnees):
        (numero,) = struct.unpack(">I", donnees[position : position + 4])
        pages.append(numero)
        position += 24 + taille_page
    return pages


def _proprietaires(chemin: Path) -> dict[int, str]:
    """Which table or index each page of the database belongs to (SQLite's dbstat)."""
    connexion = sqlite3.connect(chemin)
    try:
        lignes = connexion.execute("SELECT pageno, name FROM dbstat").fetchall()
    except sqlite3.OperationalError:
        pytest.skip("this SQLite has no dbstat table to map pages to tables")
    finally:
        connexion.close()
    return dict(lignes)


@pytest.mark.skipif(MOTEUR != "sqlite", reason="SQLite's row order and write-ahead log")
async def test_l_ordre_des_lignes_et_le_journal_wal_sqlite_ne_relient_aucun_bulletin_a_un_membre(
    url_base: str,
    sessions: FabriqueSessions,
    horloge: HorlogeFigee,
    groupes_config: dict[str, Groupe],
) -> None:
    fichier = Path(make_url(url_base).database or "")
    sondage, membres = await _scrutin(sessions, horloge, groupes_config["environnement"])
    # 1. Row order: the ballots were inserted in an order unrelated to the members'.
    async with sessions() as session:
        rang = {
            b.jeton_hash: b.id or 0
            for b in (
                await session.exec(select(Bulletin).where(Bulletin.sondage_id == sondage.id))
            ).all()
        }
        ordre = [rang[sondages.cle_bulletin(SECRET, sondage.id or 0, m.id or 0)] for m in membres]
        assert ordre != sorted(ordre)  # 1 chance in 12! of a false alarm
        # 2. The log: empty it, let members vote, then read every frame written since.
        connexion = await session.connection()
        await connexion.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        await session.commit()
    await _voter_un_par_un(sessions, horloge, sondage, membres[:8])
    pages = await asyncio.to_thread(_pages_du_journal, Path(f"{fichier}-wal"))
    proprietaires = await asyncio.to_thread(_proprietaires, fichier)
    assert len(pages) >= 8  # the reader had material: every tap wrote frames
    ecrites = {proprietaires.get(p, "?") for p in pages if p != 1}  # 1: the file's header
    # Only the anonymous ballots' own pages were written: no register, no timestamp, no
    # outbox row, nothing that names a member sits beside a ballot in the log.
    assert ecrites <= {"bulletin", "sqlite_autoindex_bulletin_1", "ix_bulletin_sondage_id"}
