"""sondages: sujets, sondages, bulletins, pieces

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 19:18:24.292480
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "piece",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("nom", sa.String(length=100), nullable=False),
        sa.Column("mime", sa.String(length=100), nullable=False),
        sa.Column("contenu", sa.LargeBinary(), nullable=False),
        sa.Column("telegram_file_id", sa.String(length=255), nullable=True),
        sa.Column("cree_le", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_piece")),
    )
    op.create_table(
        "sondage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question", sa.String(length=300), nullable=False),
        sa.Column(
            "type",
            sa.Enum(
                "unique", "multiple", "jugement", name="typesondage", native_enum=False, length=16
            ),
            nullable=False,
        ),
        sa.Column("max_choix", sa.Integer(), nullable=True),
        sa.Column("groupe_id", sa.Integer(), nullable=True),
        sa.Column("anonyme", sa.Boolean(), nullable=False),
        sa.Column("auteur_id", sa.Integer(), nullable=True),
        sa.Column("cree_le", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ferme_le", sa.DateTime(timezone=True), nullable=False),
        sa.Column("clos_le", sa.DateTime(timezone=True), nullable=True),
        sa.Column("rappel_fait_le", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resultats_envoyes_le", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["auteur_id"],
            ["membre.id"],
            name=op.f("fk_sondage_auteur_id_membre"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["groupe_id"],
            ["groupe.id"],
            name=op.f("fk_sondage_groupe_id_groupe"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sondage")),
    )
    with op.batch_alter_table("sondage", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sondage_ferme_le"), ["ferme_le"], unique=False)

    op.create_table(
        "sujet",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("groupe_id", sa.Integer(), nullable=False),
        sa.Column("texte", sa.String(length=300), nullable=False),
        sa.Column(
            "statut",
            sa.Enum(
                "propose",
                "accepte",
                "fusionne",
                "decline",
                name="statutsujet",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("propose_par_id", sa.Integer(), nullable=True),
        sa.Column("propose_le", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decide_par_id", sa.Integer(), nullable=True),
        sa.Column("decide_le", sa.DateTime(timezone=True), nullable=True),
        sa.Column("raison", sa.String(length=300), nullable=True),
        sa.Column("fusionne_dans_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["decide_par_id"],
            ["membre.id"],
            name=op.f("fk_sujet_decide_par_id_membre"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["fusionne_dans_id"],
            ["sujet.id"],
            name=op.f("fk_sujet_fusionne_dans_id_sujet"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["groupe_id"],
            ["groupe.id"],
            name=op.f("fk_sujet_groupe_id_groupe"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["propose_par_id"],
            ["membre.id"],
            name=op.f("fk_sujet_propose_par_id_membre"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sujet")),
    )
    with op.batch_alter_table("sujet", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sujet_groupe_id"), ["groupe_id"], unique=False)

    op.create_table(
        "bulletin",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sondage_id", sa.Integer(), nullable=False),
        sa.Column("membre_id", sa.Integer(), nullable=True),
        sa.Column("jeton_hash", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["membre_id"],
            ["membre.id"],
            name=op.f("fk_bulletin_membre_id_membre"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["sondage_id"],
            ["sondage.id"],
            name=op.f("fk_bulletin_sondage_id_sondage"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bulletin")),
        sa.UniqueConstraint("jeton_hash", name=op.f("uq_bulletin_jeton_hash")),
    )
    with op.batch_alter_table("bulletin", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bulletin_sondage_id"), ["sondage_id"], unique=False)

    op.create_table(
        "option_sondage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sondage_id", sa.Integer(), nullable=False),
        sa.Column("ordre", sa.Integer(), nullable=False),
        sa.Column("texte", sa.String(length=200), nullable=False),
        sa.Column("sujet_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["sondage_id"],
            ["sondage.id"],
            name=op.f("fk_option_sondage_sondage_id_sondage"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["sujet_id"],
            ["sujet.id"],
            name=op.f("fk_option_sondage_sujet_id_sujet"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_option_sondage")),
    )
    with op.batch_alter_table("option_sondage", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_option_sondage_sondage_id"), ["sondage_id"], unique=False
        )

    op.create_table(
        "votant",
        sa.Column("sondage_id", sa.Integer(), nullable=False),
        sa.Column("membre_id", sa.Integer(), nullable=False),
        sa.Column("a_vote", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["membre_id"],
            ["membre.id"],
            name=op.f("fk_votant_membre_id_membre"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["sondage_id"],
            ["sondage.id"],
            name=op.f("fk_votant_sondage_id_sondage"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("sondage_id", "membre_id", name=op.f("pk_votant")),
    )
    op.create_table(
        "vote",
        sa.Column("bulletin_id", sa.Integer(), nullable=False),
        sa.Column("option_id", sa.Integer(), nullable=False),
        sa.Column("valeur", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["bulletin_id"],
            ["bulletin.id"],
            name=op.f("fk_vote_bulletin_id_bulletin"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["option_id"],
            ["option_sondage.id"],
            name=op.f("fk_vote_option_id_option_sondage"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("bulletin_id", "option_id", name=op.f("pk_vote")),
    )
    with op.batch_alter_table("envoi", schema=None) as batch_op:
        batch_op.add_column(sa.Column("piece_id", sa.Integer(), nullable=True))
        # Existing rows get false: a NOT NULL column added to a filled table needs a default.
        batch_op.add_column(
            sa.Column("ephemere", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_envoi_piece_id_piece"),
            "piece",
            ["piece_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("envoi", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_envoi_piece_id_piece"), type_="foreignkey")
        batch_op.drop_column("ephemere")
        batch_op.drop_column("piece_id")

    op.drop_table("vote")
    op.drop_table("votant")
    with op.batch_alter_table("option_sondage", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_option_sondage_sondage_id"))

    op.drop_table("option_sondage")
    with op.batch_alter_table("bulletin", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bulletin_sondage_id"))

    op.drop_table("bulletin")
    with op.batch_alter_table("sujet", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sujet_groupe_id"))

    op.drop_table("sujet")
    with op.batch_alter_table("sondage", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sondage_ferme_le"))

    op.drop_table("sondage")
    op.drop_table("piece")
