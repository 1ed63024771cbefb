"""Exactly once: outbox leases, unique keys of ticks, FSM storage (issue 10, items 7-8)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 18:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "etat_conversation",
        sa.Column("cle", sa.String(length=200), nullable=False),
        sa.Column("etat", sa.String(length=200), nullable=True),
        sa.Column("donnees", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("cle", name=op.f("pk_etat_conversation")),
    )
    with op.batch_alter_table("envoi", schema=None) as batch_op:
        batch_op.add_column(sa.Column("bail_jusqu_au", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("bail_proprietaire", sa.String(length=64), nullable=True))

    # Two processes may already have made the same digest twice: keep the first of each.
    op.execute(
        "DELETE FROM revue WHERE id NOT IN "
        "(SELECT MIN(id) FROM revue GROUP BY groupe_id, frequence, jusqua)"
    )
    with op.batch_alter_table("revue", schema=None) as batch_op:
        batch_op.create_unique_constraint(
            batch_op.f("uq_revue_groupe_id"), ["groupe_id", "frequence", "jusqua"]
        )


def downgrade() -> None:
    with op.batch_alter_table("revue", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_revue_groupe_id"), type_="unique")

    with op.batch_alter_table("envoi", schema=None) as batch_op:
        batch_op.drop_column("bail_proprietaire")
        batch_op.drop_column("bail_jusqu_au")

    op.drop_table("etat_conversation")
