"""veille: sources, articles, curation, revues

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 19:55:53.809995
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "revue",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("groupe_id", sa.Integer(), nullable=False),
        sa.Column(
            "frequence",
            sa.Enum(
                "hebdomadaire", "quotidienne", name="frequencerevue", native_enum=False, length=16
            ),
            nullable=False,
        ),
        sa.Column("jusqua", sa.DateTime(timezone=True), nullable=False),
        sa.Column("faite_le", sa.DateTime(timezone=True), nullable=False),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["groupe_id"], ["groupe.id"], name=op.f("fk_revue_groupe_id_groupe"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_revue")),
    )
    with op.batch_alter_table("revue", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_revue_groupe_id"), ["groupe_id"], unique=False)

    op.create_table(
        "source",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("nom", sa.String(length=200), nullable=False),
        sa.Column("url", sa.String(length=1000), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("depuis_config", sa.Boolean(), nullable=False),
        sa.Column("ajoutee_le", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ajoutee_par_id", sa.Integer(), nullable=True),
        sa.Column("etag", sa.String(length=300), nullable=True),
        sa.Column("derniere_modification", sa.String(length=100), nullable=True),
        sa.Column("collectee_le", sa.DateTime(timezone=True), nullable=True),
        sa.Column("prochaine_collecte_le", sa.DateTime(timezone=True), nullable=True),
        sa.Column("echecs", sa.Integer(), nullable=False),
        sa.Column("derniere_erreur", sa.String(length=300), nullable=True),
        sa.Column("desactivee_le", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["ajoutee_par_id"],
            ["membre.id"],
            name=op.f("fk_source_ajoutee_par_id_membre"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source")),
        sa.UniqueConstraint("url", name=op.f("uq_source_url")),
    )
    op.create_table(
        "article",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("url", sa.String(length=1000), nullable=False),
        sa.Column("guid_hash", sa.String(length=64), nullable=True),
        sa.Column("titre", sa.String(length=500), nullable=False),
        sa.Column("titre_normalise", sa.String(length=500), nullable=False),
        sa.Column("resume", sa.Text(), nullable=False),
        sa.Column("publie_le", sa.DateTime(timezone=True), nullable=True),
        sa.Column("collecte_le", sa.DateTime(timezone=True), nullable=False),
        sa.Column("propose_par_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["propose_par_id"],
            ["membre.id"],
            name=op.f("fk_article_propose_par_id_membre"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["source.id"],
            name=op.f("fk_article_source_id_source"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article")),
        sa.UniqueConstraint("guid_hash", name=op.f("uq_article_guid_hash")),
        sa.UniqueConstraint("url", name=op.f("uq_article_url")),
    )
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_article_collecte_le"), ["collecte_le"], unique=False)
        batch_op.create_index(batch_op.f("ix_article_source_id"), ["source_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_article_titre_normalise"), ["titre_normalise"], unique=False
        )

    op.create_table(
        "article_groupe",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("groupe_id", sa.Integer(), nullable=False),
        sa.Column(
            "statut",
            sa.Enum(
                "nouveau",
                "garde",
                "a_la_une",
                "ecarte",
                name="statutarticle",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.Column("decide_par_id", sa.Integer(), nullable=True),
        sa.Column("decide_le", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sujet_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["article.id"],
            name=op.f("fk_article_groupe_article_id_article"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["decide_par_id"],
            ["membre.id"],
            name=op.f("fk_article_groupe_decide_par_id_membre"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["groupe_id"],
            ["groupe.id"],
            name=op.f("fk_article_groupe_groupe_id_groupe"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["sujet_id"],
            ["sujet.id"],
            name=op.f("fk_article_groupe_sujet_id_sujet"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("article_id", "groupe_id", name=op.f("pk_article_groupe")),
    )
    with op.batch_alter_table("article_groupe", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_article_groupe_decide_le"), ["decide_le"], unique=False
        )

    with op.batch_alter_table("groupe", schema=None) as batch_op:
        # Existing rows need values: the defaults; the next start syncs the groups file in.
        batch_op.add_column(
            sa.Column("revue", sa.String(length=30), nullable=False, server_default="lundi 08:00")
        )
        batch_op.add_column(sa.Column("mots_cles", sa.Text(), nullable=False, server_default=""))

    with op.batch_alter_table("membre", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "revue",
                sa.Enum(
                    "groupe", "tous", "aucune", name="choixrevue", native_enum=False, length=16
                ),
                nullable=False,
                server_default="groupe",  # existing members: their group's digest
            )
        )
        batch_op.add_column(
            sa.Column(
                "revue_frequence",
                sa.Enum(
                    "hebdomadaire",
                    "quotidienne",
                    name="frequencerevue",
                    native_enum=False,
                    length=16,
                ),
                nullable=False,
                server_default="hebdomadaire",
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("membre", schema=None) as batch_op:
        batch_op.drop_column("revue_frequence")
        batch_op.drop_column("revue")

    with op.batch_alter_table("groupe", schema=None) as batch_op:
        batch_op.drop_column("mots_cles")
        batch_op.drop_column("revue")

    with op.batch_alter_table("article_groupe", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_article_groupe_decide_le"))

    op.drop_table("article_groupe")
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_article_titre_normalise"))
        batch_op.drop_index(batch_op.f("ix_article_source_id"))
        batch_op.drop_index(batch_op.f("ix_article_collecte_le"))

    op.drop_table("article")
    op.drop_table("source")
    with op.batch_alter_table("revue", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_revue_groupe_id"))

    op.drop_table("revue")
