"""Seances, roll call and watch changes (issue 10, items 9, 17-18, 21)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 18:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # What members were last told of a séance's time and place, while a change waits to be
    # told: the change notice says "from what to what" (item 18).
    with op.batch_alter_table("seance", schema=None) as batch_op:
        batch_op.add_column(sa.Column("debut_annonce", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("fin_annonce", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("lieu_annonce", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("lien_annonce", sa.String(length=500), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("seance", schema=None) as batch_op:
        batch_op.drop_column("lien_annonce")
        batch_op.drop_column("lieu_annonce")
        batch_op.drop_column("fin_annonce")
        batch_op.drop_column("debut_annonce")
