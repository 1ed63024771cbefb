"""Migrations: every step goes up, down and up again, and the last one matches the models."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import SQLModel

from assemblee import db
from tests.outils.bases import MOTEUR, FabriqueBases


def _revisions() -> list[str]:
    script = ScriptDirectory.from_config(db.config_alembic())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


async def _tables(moteur: AsyncEngine) -> set[str]:
    async with moteur.connect() as connexion:
        return set(await connexion.run_sync(lambda sync: sync.dialect.get_table_names(sync)))


async def test_escalier_chaque_migration_monte_descend_et_remonte(
    fabrique_bases: FabriqueBases,
) -> None:
    url = await fabrique_bases.vide()
    moteur = db.creer_moteur(url)
    try:
        precedente = "base"
        for revision in _revisions():
            await db.mettre_a_jour_schema(moteur, revision)
            assert await db.revision_actuelle(moteur) == revision
            await db.revenir_schema(moteur, precedente)
            assert await db.revision_actuelle(moteur) == (
                None if precedente == "base" else precedente
            )
            await db.mettre_a_jour_schema(moteur, revision)
            precedente = revision
        assert await db.revision_actuelle(moteur) == db.revision_cible()
        await db.revenir_schema(moteur, "base")
        assert await _tables(moteur) <= {"alembic_version"}
    finally:
        await moteur.dispose()
        await fabrique_bases.supprimer(url)


async def test_les_migrations_decrivent_exactement_les_modeles(moteur: AsyncEngine) -> None:
    async with moteur.connect() as connexion:
        ecarts = await connexion.run_sync(
            lambda sync: compare_metadata(MigrationContext.configure(sync), SQLModel.metadata)
        )
    assert ecarts == []


async def test_mise_a_jour_deja_faite_ne_change_rien(moteur: AsyncEngine) -> None:
    await db.mettre_a_jour_schema(moteur)
    assert await db.revision_actuelle(moteur) == db.revision_cible()
    assert {"membre", "groupe", "invitation", "appartenance"} <= await _tables(moteur)


@pytest.mark.skipif(MOTEUR != "sqlite", reason="SQLite pragmas")
async def test_sqlite_en_wal_avec_cles_etrangeres(moteur: AsyncEngine) -> None:
    async with moteur.connect() as connexion:
        mode = (await connexion.exec_driver_sql("PRAGMA journal_mode")).scalar()
        cles = (await connexion.exec_driver_sql("PRAGMA foreign_keys")).scalar()
    assert (mode, cles) == ("wal", 1)


async def test_les_donnees_existantes_traversent_les_migrations(
    fabrique_bases: FabriqueBases,
) -> None:
    """A column added to a filled table (envoi.ephemere) must not break an upgrade."""
    url = await fabrique_bases.vide()
    moteur = db.creer_moteur(url)
    try:
        await db.mettre_a_jour_schema(moteur, "0002")
        async with moteur.begin() as connexion:
            await connexion.exec_driver_sql(
                "INSERT INTO membre (nom, prenom, role, statut, langue, cree_le) "
                "VALUES ('Martin', 'Camille', 'membre', 'actif', 'fr', '2026-11-25 09:00:00')"
            )
            await connexion.exec_driver_sql(
                "INSERT INTO envoi (cle, membre_id, nature, texte, urgent, du_le, statut, "
                "tentatives) VALUES ('x', 1, 'texte', 'Bonjour', false, "
                "'2026-11-25 09:00:00', 'envoye', 1)"
            )
        await db.mettre_a_jour_schema(moteur)
        async with moteur.connect() as connexion:
            ligne = (await connexion.exec_driver_sql("SELECT texte, ephemere FROM envoi")).one()
        assert tuple(ligne) == ("Bonjour", False)
    finally:
        await moteur.dispose()
        await fabrique_bases.supprimer(url)


async def test_une_absence_pour_sante_devient_raison_personnelle(
    fabrique_bases: FabriqueBases,
) -> None:
    """Health is special-category data (GDPR art. 9): 0007 keeps none of it, and its
    downgrade does not make any up."""
    url = await fabrique_bases.vide()
    moteur = db.creer_moteur(url)
    try:
        await db.mettre_a_jour_schema(moteur, "0005")
        async with moteur.begin() as connexion:
            await connexion.exec_driver_sql(
                "INSERT INTO membre (nom, prenom, role, statut, langue, cree_le, revue, "
                "revue_frequence) VALUES ('Martin', 'Camille', 'membre', 'actif', 'fr', "
                "'2026-11-25 09:00:00', 'groupe', 'hebdomadaire')"
            )
            await connexion.exec_driver_sql(
                "INSERT INTO seance (type, titre, debut, fin, description, cree_le, "
                "changement_a_annoncer, version) VALUES ('atelier', 'A', '2026-12-01 17:00:00', "
                "'2026-12-01 19:00:00', '', '2026-11-25 09:00:00', false, 0)"
            )
            await connexion.exec_driver_sql(
                "INSERT INTO reponse (seance_id, membre_id, choix, raison, repondu_le) "
                "VALUES (1, 1, 'non', 'sante', '2026-11-25 09:00:00')"
            )
        await db.mettre_a_jour_schema(moteur, "0007")
        async with moteur.connect() as connexion:
            raisons = (await connexion.exec_driver_sql("SELECT raison FROM reponse")).all()
        assert [r[0] for r in raisons] == ["personnelle"]
        await db.revenir_schema(moteur, "0006")
        async with moteur.connect() as connexion:
            raisons = (await connexion.exec_driver_sql("SELECT raison FROM reponse")).all()
        assert [r[0] for r in raisons] == ["autre"]
    finally:
        await moteur.dispose()
        await fabrique_bases.supprimer(url)


async def test_chaque_revue_existante_suit_la_precedente_de_sa_serie(
    fabrique_bases: FabriqueBases,
) -> None:
    """0011 records where each digest's period started (the one before it, per group and
    frequency), so a digest sent on demand cannot follow the same one as the scheduler's."""
    url = await fabrique_bases.vide()
    moteur = db.creer_moteur(url)
    try:
        await db.mettre_a_jour_schema(moteur, "0010")
        async with moteur.begin() as connexion:
            await connexion.exec_driver_sql(
                "INSERT INTO groupe (slug, nom, ordre, actif, revue, mots_cles) "
                "VALUES ('environnement', 'Environnement', 0, true, 'lundi 08:00', '')"
            )
            await connexion.exec_driver_sql(
                "INSERT INTO revue (groupe_id, frequence, jusqua, faite_le, articles) VALUES "
                "(1, 'hebdomadaire', '2026-11-23 07:00:00', '2026-11-23 07:00:00', 0), "
                "(1, 'hebdomadaire', '2026-11-16 07:00:00', '2026-11-16 07:00:00', 0), "
                "(1, 'quotidienne', '2026-11-24 07:00:00', '2026-11-24 07:00:00', 0), "
                "(1, 'hebdomadaire', '2026-11-30 07:00:00', '2026-11-30 07:00:00', 0)"
            )
        await db.mettre_a_jour_schema(moteur)
        async with moteur.connect() as connexion:
            lignes = (
                await connexion.exec_driver_sql(
                    "SELECT frequence, jusqua, depuis FROM revue ORDER BY frequence, jusqua"
                )
            ).all()
        hebdo = [(jusqua, depuis) for frequence, jusqua, depuis in lignes if frequence[0] == "h"]
        assert [depuis for _, depuis in hebdo] == [None, hebdo[0][0], hebdo[1][0]]
        assert [depuis for frequence, _, depuis in lignes if frequence[0] == "q"] == [None]
    finally:
        await moteur.dispose()
        await fabrique_bases.supprimer(url)
