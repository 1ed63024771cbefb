"""Roles and rights: audit log, departures (issue 10, item 3); no health absence reason (item 14)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 18:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "journal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("le", sa.DateTime(timezone=True), nullable=False),
        sa.Column("origine", sa.String(length=20), nullable=False),
        sa.Column("par_id", sa.Integer(), nullable=True),
        sa.Column("membre_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("avant", sa.String(length=300), nullable=False),
        sa.Column("apres", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["membre_id"],
            ["membre.id"],
            name=op.f("fk_journal_membre_id_membre"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["par_id"],
            ["membre.id"],
            name=op.f("fk_journal_par_id_membre"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_journal")),
    )
    with op.batch_alter_table("journal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_journal_le"), ["le"], unique=False)
        batch_op.create_index(batch_op.f("ix_journal_membre_id"), ["membre_id"], unique=False)
    # A health reason is special-category data (GDPR art. 9): what was stored as such becomes
    # a mere "personal reason".
    op.execute("UPDATE reponse SET raison = 'personnelle' WHERE raison = 'sante'")


def downgrade() -> None:
    # Back to the old values without recreating health data: a personal reason becomes "other".
    op.execute("UPDATE reponse SET raison = 'autre' WHERE raison = 'personnelle'")
    with op.batch_alter_table("journal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_journal_membre_id"))
        batch_op.drop_index(batch_op.f("ix_journal_le"))
    op.drop_table("journal")
