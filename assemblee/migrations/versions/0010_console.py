"""Console: one audit log for every change (objet, objet_id), console sessions and one-time
login links (issue 11, items 2 and 3)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 10:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The audit log of rights becomes the audit log of every change: same table, so the
    # entries written since issue 10 stay in it.
    with op.batch_alter_table("journal", schema=None) as batch_op:
        batch_op.alter_column(
            "action",
            existing_type=sa.String(length=20),
            type_=sa.String(length=40),
            existing_nullable=False,
        )
        batch_op.add_column(
            sa.Column("objet", sa.String(length=20), nullable=False, server_default="membre")
        )
        batch_op.add_column(sa.Column("objet_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_journal_objet"), ["objet"], unique=False)
        batch_op.create_index(batch_op.f("ix_journal_par_id"), ["par_id"], unique=False)
    op.execute("UPDATE journal SET objet_id = membre_id")
    with op.batch_alter_table("journal", schema=None) as batch_op:
        batch_op.alter_column("objet", server_default=None, existing_type=sa.String(length=20))

    op.create_table(
        "session_console",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("jeton_hash", sa.String(length=64), nullable=False),
        sa.Column("membre_id", sa.Integer(), nullable=False),
        sa.Column("csrf", sa.String(length=64), nullable=False),
        sa.Column("origine", sa.String(length=20), nullable=False),
        sa.Column("cree_le", sa.DateTime(timezone=True), nullable=False),
        sa.Column("vue_le", sa.DateTime(timezone=True), nullable=False),
        sa.Column("terminee_le", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["membre_id"],
            ["membre.id"],
            name=op.f("fk_session_console_membre_id_membre"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_console")),
        sa.UniqueConstraint("jeton_hash", name=op.f("uq_session_console_jeton_hash")),
    )
    with op.batch_alter_table("session_console", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_session_console_membre_id"), ["membre_id"], unique=False
        )
    op.create_table(
        "lien_connexion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("jeton_hash", sa.String(length=64), nullable=False),
        sa.Column("membre_id", sa.Integer(), nullable=False),
        sa.Column("cree_le", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expire_le", sa.DateTime(timezone=True), nullable=False),
        sa.Column("utilise_le", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["membre_id"],
            ["membre.id"],
            name=op.f("fk_lien_connexion_membre_id_membre"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lien_connexion")),
        sa.UniqueConstraint("jeton_hash", name=op.f("uq_lien_connexion_jeton_hash")),
    )
    with op.batch_alter_table("lien_connexion", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_lien_connexion_membre_id"), ["membre_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("lien_connexion", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lien_connexion_membre_id"))
    op.drop_table("lien_connexion")
    with op.batch_alter_table("session_console", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_console_membre_id"))
    op.drop_table("session_console")
    # Entries about other things than rights did not exist before: they go.
    op.execute("DELETE FROM journal WHERE action NOT IN ('role', 'groupes', 'depart', 'equipe')")
    with op.batch_alter_table("journal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_journal_par_id"))
        batch_op.drop_index(batch_op.f("ix_journal_objet"))
        batch_op.drop_column("objet_id")
        batch_op.drop_column("objet")
        batch_op.alter_column(
            "action",
            existing_type=sa.String(length=40),
            type_=sa.String(length=20),
            existing_nullable=False,
        )
