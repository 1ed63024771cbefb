"""envois: la file d'envoi et les annonces

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 18:13:26.891460
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "annonce",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("auteur_id", sa.Integer(), nullable=True),
        sa.Column(
            "nature",
            sa.Enum("texte", "photo", "document", name="natureenvoi", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("texte", sa.Text(), nullable=False),
        sa.Column("fichier_id", sa.String(length=255), nullable=True),
        sa.Column("audience", sa.String(length=60), nullable=False),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column("cree_le", sa.DateTime(timezone=True), nullable=False),
        sa.Column("bilan_le", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["auteur_id"],
            ["membre.id"],
            name=op.f("fk_annonce_auteur_id_membre"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_annonce")),
    )
    with op.batch_alter_table("annonce", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_annonce_auteur_id"), ["auteur_id"], unique=False)

    op.create_table(
        "envoi",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cle", sa.String(length=200), nullable=False),
        sa.Column("membre_id", sa.Integer(), nullable=False),
        sa.Column("annonce_id", sa.Integer(), nullable=True),
        sa.Column(
            "nature",
            sa.Enum("texte", "photo", "document", name="natureenvoi", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("texte", sa.Text(), nullable=False),
        sa.Column("fichier_id", sa.String(length=255), nullable=True),
        sa.Column("clavier", sa.Text(), nullable=True),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column("du_le", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "statut",
            sa.Enum(
                "en_attente",
                "en_cours",
                "envoye",
                "injoignable",
                "echec",
                name="statutenvoi",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("tentatives", sa.Integer(), nullable=False),
        sa.Column("prochain_essai_le", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reclame_le", sa.DateTime(timezone=True), nullable=True),
        sa.Column("envoye_le", sa.DateTime(timezone=True), nullable=True),
        sa.Column("telegram_message_id", sa.BigInteger(), nullable=True),
        sa.Column("erreur", sa.String(length=300), nullable=True),
        sa.ForeignKeyConstraint(
            ["annonce_id"],
            ["annonce.id"],
            name=op.f("fk_envoi_annonce_id_annonce"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["membre_id"], ["membre.id"], name=op.f("fk_envoi_membre_id_membre"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_envoi")),
        sa.UniqueConstraint("cle", name=op.f("uq_envoi_cle")),
    )
    with op.batch_alter_table("envoi", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_envoi_annonce_id"), ["annonce_id"], unique=False)
        batch_op.create_index("ix_envoi_file", ["statut", "du_le"], unique=False)
        batch_op.create_index(batch_op.f("ix_envoi_membre_id"), ["membre_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("envoi", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_envoi_membre_id"))
        batch_op.drop_index("ix_envoi_file")
        batch_op.drop_index(batch_op.f("ix_envoi_annonce_id"))

    op.drop_table("envoi")
    with op.batch_alter_table("annonce", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_annonce_auteur_id"))

    op.drop_table("annonce")
