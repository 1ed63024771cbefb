"""Secret ballot: sealed ballots, register without a voted flag (issue 10, items 1-2, 16)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 18:00:00

Before: `votant.a_vote` was set in the same transaction as the anonymous ballot's votes, so a
reader of row versions could join them. After: the register says only who may vote; an open
anonymous ballot holds its choices sealed under a key the database never holds.

Existing data: closed polls get their published participation frozen from the old register;
ballots already cast keep their votes. A ballot of an anonymous poll still open at the upgrade
keeps the votes already cast but cannot be changed any more (its key was a random token that
only the member's message held).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("bulletin", schema=None) as batch_op:
        batch_op.add_column(sa.Column("scelle", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("version", sa.Integer(), server_default="0", nullable=False))
    with op.batch_alter_table("sondage", schema=None) as batch_op:
        batch_op.add_column(sa.Column("inscrits", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("votants", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("bulletins_ecartes", sa.Integer(), server_default="0", nullable=False)
        )
    # A ballot with votes has been voted on.
    op.execute(
        "UPDATE bulletin SET version = 1 WHERE EXISTS "
        "(SELECT 1 FROM vote WHERE vote.bulletin_id = bulletin.id)"
    )
    op.execute(
        "UPDATE sondage SET "
        "inscrits = (SELECT count(*) FROM votant WHERE votant.sondage_id = sondage.id), "
        "votants = (SELECT count(*) FROM votant WHERE votant.sondage_id = sondage.id "
        "AND votant.a_vote) "
        "WHERE clos_le IS NOT NULL"
    )
    with op.batch_alter_table("votant", schema=None) as batch_op:
        batch_op.drop_column("a_vote")


def downgrade() -> None:
    with op.batch_alter_table("votant", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("a_vote", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    op.execute(
        "UPDATE votant SET a_vote = EXISTS (SELECT 1 FROM bulletin WHERE "
        "bulletin.sondage_id = votant.sondage_id AND bulletin.membre_id = votant.membre_id "
        "AND bulletin.version > 0)"
    )
    with op.batch_alter_table("sondage", schema=None) as batch_op:
        batch_op.drop_column("bulletins_ecartes")
        batch_op.drop_column("votants")
        batch_op.drop_column("inscrits")
    with op.batch_alter_table("bulletin", schema=None) as batch_op:
        batch_op.drop_column("version")
        batch_op.drop_column("scelle")
