"""socle: groupes, membres, invitations

Revision ID: 0001
Revises:
Create Date: 2026-11-25 17:50:11.979002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "groupe",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=40), nullable=False),
        sa.Column("nom", sa.String(length=100), nullable=False),
        sa.Column("ordre", sa.Integer(), nullable=False),
        sa.Column("actif", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_groupe")),
        sa.UniqueConstraint("slug", name=op.f("uq_groupe_slug")),
    )
    op.create_table(
        "membre",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("nom", sa.String(length=100), nullable=False),
        sa.Column("prenom", sa.String(length=100), nullable=False),
        sa.Column(
            "role",
            sa.Enum("membre", "animateur", "equipe", name="role", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column(
            "statut",
            sa.Enum(
                "invite",
                "actif",
                "injoignable",
                "parti",
                name="statutmembre",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("telegram_id", sa.BigInteger(), nullable=True),
        sa.Column(
            "langue",
            sa.Enum("fr", "en", name="langue", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("cree_le", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lie_le", sa.DateTime(timezone=True), nullable=True),
        sa.Column("consentement_le", sa.DateTime(timezone=True), nullable=True),
        sa.Column("injoignable_depuis", sa.DateTime(timezone=True), nullable=True),
        sa.Column("parti_le", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_membre")),
        sa.UniqueConstraint("telegram_id", name=op.f("uq_membre_telegram_id")),
    )
    op.create_table(
        "appartenance",
        sa.Column("membre_id", sa.Integer(), nullable=False),
        sa.Column("groupe_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["groupe_id"],
            ["groupe.id"],
            name=op.f("fk_appartenance_groupe_id_groupe"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["membre_id"],
            ["membre.id"],
            name=op.f("fk_appartenance_membre_id_membre"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("membre_id", "groupe_id", name=op.f("pk_appartenance")),
    )
    op.create_table(
        "invitation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("membre_id", sa.Integer(), nullable=False),
        sa.Column("jeton_hash", sa.String(length=64), nullable=False),
        sa.Column("cree_le", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expire_le", sa.DateTime(timezone=True), nullable=False),
        sa.Column("utilisee_le", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoquee_le", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["membre_id"],
            ["membre.id"],
            name=op.f("fk_invitation_membre_id_membre"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitation")),
        sa.UniqueConstraint("jeton_hash", name=op.f("uq_invitation_jeton_hash")),
    )
    with op.batch_alter_table("invitation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_invitation_membre_id"), ["membre_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("invitation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invitation_membre_id"))

    op.drop_table("invitation")
    op.drop_table("appartenance")
    op.drop_table("membre")
    op.drop_table("groupe")
