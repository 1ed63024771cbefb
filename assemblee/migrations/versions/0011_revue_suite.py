"""Digest sent on demand: each digest records the one it follows (revue.depuis), once only
(issue 11, item 3)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 14:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("revue", schema=None) as batch_op:
        batch_op.add_column(sa.Column("depuis", sa.DateTime(timezone=True), nullable=True))
    # Until now each digest followed the latest one of its group and frequency: its period
    # started at that one's end. The first of each stays None (its start was not recorded).
    op.execute(
        "UPDATE revue SET depuis = (SELECT MAX(r.jusqua) FROM revue r "
        "WHERE r.groupe_id = revue.groupe_id AND r.frequence = revue.frequence "
        "AND r.jusqua < revue.jusqua)"
    )
    with op.batch_alter_table("revue", schema=None) as batch_op:
        batch_op.create_unique_constraint("uq_revue_suite", ["groupe_id", "frequence", "depuis"])


def downgrade() -> None:
    with op.batch_alter_table("revue", schema=None) as batch_op:
        batch_op.drop_constraint("uq_revue_suite", type_="unique")
        batch_op.drop_column("depuis")
