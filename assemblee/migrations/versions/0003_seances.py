"""seances: convocations, reponses, presences, calendriers

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 18:53:19.504166
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "calendrier",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("membre_id", sa.Integer(), nullable=False),
        sa.Column("jeton_hash", sa.String(length=64), nullable=False),
        sa.Column("cree_le", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoque_le", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["membre_id"],
            ["membre.id"],
            name=op.f("fk_calendrier_membre_id_membre"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendrier")),
        sa.UniqueConstraint("jeton_hash", name=op.f("uq_calendrier_jeton_hash")),
    )
    with op.batch_alter_table("calendrier", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_calendrier_membre_id"), ["membre_id"], unique=False)

    op.create_table(
        "seance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "type",
            sa.Enum(
                "pleniere",
                "atelier",
                "formation",
                "visite",
                "autre",
                name="typeseance",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("titre", sa.String(length=200), nullable=False),
        sa.Column("groupe_id", sa.Integer(), nullable=True),
        sa.Column("debut", sa.DateTime(timezone=True), nullable=False),
        sa.Column("fin", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lieu", sa.String(length=300), nullable=True),
        sa.Column("lien", sa.String(length=500), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("cree_par_id", sa.Integer(), nullable=True),
        sa.Column("cree_le", sa.DateTime(timezone=True), nullable=False),
        sa.Column("modifiee_le", sa.DateTime(timezone=True), nullable=True),
        sa.Column("annulee_le", sa.DateTime(timezone=True), nullable=True),
        sa.Column("changement_a_annoncer", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cree_par_id"],
            ["membre.id"],
            name=op.f("fk_seance_cree_par_id_membre"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["groupe_id"],
            ["groupe.id"],
            name=op.f("fk_seance_groupe_id_groupe"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seance")),
    )
    with op.batch_alter_table("seance", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_seance_debut"), ["debut"], unique=False)

    op.create_table(
        "convocation",
        sa.Column("seance_id", sa.Integer(), nullable=False),
        sa.Column("membre_id", sa.Integer(), nullable=False),
        sa.Column("convoque", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["membre_id"],
            ["membre.id"],
            name=op.f("fk_convocation_membre_id_membre"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["seance_id"],
            ["seance.id"],
            name=op.f("fk_convocation_seance_id_seance"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("seance_id", "membre_id", name=op.f("pk_convocation")),
    )
    op.create_table(
        "echeance_rappel",
        sa.Column("seance_id", sa.Integer(), nullable=False),
        sa.Column("decalage", sa.String(length=10), nullable=False),
        sa.Column("debut", sa.DateTime(timezone=True), nullable=False),
        sa.Column("faite_le", sa.DateTime(timezone=True), nullable=False),
        sa.Column("rappels", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["seance_id"],
            ["seance.id"],
            name=op.f("fk_echeance_rappel_seance_id_seance"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("seance_id", "decalage", "debut", name=op.f("pk_echeance_rappel")),
    )
    op.create_table(
        "presence",
        sa.Column("seance_id", sa.Integer(), nullable=False),
        sa.Column("membre_id", sa.Integer(), nullable=False),
        sa.Column("present", sa.Boolean(), nullable=False),
        sa.Column("note_par_id", sa.Integer(), nullable=True),
        sa.Column("note_le", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["membre_id"],
            ["membre.id"],
            name=op.f("fk_presence_membre_id_membre"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["note_par_id"],
            ["membre.id"],
            name=op.f("fk_presence_note_par_id_membre"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["seance_id"],
            ["seance.id"],
            name=op.f("fk_presence_seance_id_seance"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("seance_id", "membre_id", name=op.f("pk_presence")),
    )
    op.create_table(
        "reponse",
        sa.Column("seance_id", sa.Integer(), nullable=False),
        sa.Column("membre_id", sa.Integer(), nullable=False),
        sa.Column(
            "choix",
            sa.Enum("oui", "non", "peut_etre", name="choixreponse", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column(
            "raison",
            sa.Enum(
                "travail",
                "sante",
                "famille",
                "autre",
                name="raisonabsence",
                native_enum=False,
                length=16,
            ),
            nullable=True,
        ),
        sa.Column("repondu_le", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["membre_id"],
            ["membre.id"],
            name=op.f("fk_reponse_membre_id_membre"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["seance_id"],
            ["seance.id"],
            name=op.f("fk_reponse_seance_id_seance"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("seance_id", "membre_id", name=op.f("pk_reponse")),
    )
    with op.batch_alter_table("envoi", schema=None) as batch_op:
        batch_op.add_column(sa.Column("expire_le", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("envoi", schema=None) as batch_op:
        batch_op.drop_column("expire_le")

    op.drop_table("reponse")
    op.drop_table("presence")
    op.drop_table("echeance_rappel")
    op.drop_table("convocation")
    with op.batch_alter_table("seance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_seance_debut"))

    op.drop_table("seance")
    with op.batch_alter_table("calendrier", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_calendrier_membre_id"))

    op.drop_table("calendrier")
