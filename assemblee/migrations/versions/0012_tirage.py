"""Renewal draw: campaigns, volunteers, seats offered, members who stay (issue 12)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 18:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "campagne",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=30), nullable=False),
        sa.Column("nom", sa.String(length=100), nullable=False),
        sa.Column("ouverture", sa.DateTime(timezone=True), nullable=False),
        sa.Column("cloture", sa.DateTime(timezone=True), nullable=False),
        sa.Column("renouvellement_le", sa.DateTime(timezone=True), nullable=False),
        sa.Column("suppression_le", sa.DateTime(timezone=True), nullable=False),
        sa.Column("delai_reponse_jours", sa.Integer(), nullable=False),
        sa.Column("cibles", sa.Text(), nullable=True),
        sa.Column("engagement", sa.String(length=64), nullable=True),
        sa.Column("engage_le", sa.DateTime(timezone=True), nullable=True),
        sa.Column("valeur_publique", sa.String(length=200), nullable=True),
        sa.Column("secret", sa.String(length=200), nullable=True),
        sa.Column("tire_le", sa.DateTime(timezone=True), nullable=True),
        sa.Column("rapport", sa.Text(), nullable=True),
        sa.Column("sortants_partis_le", sa.DateTime(timezone=True), nullable=True),
        sa.Column("effacee_le", sa.DateTime(timezone=True), nullable=True),
        sa.Column("cree_le", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campagne")),
        sa.UniqueConstraint("slug", name=op.f("uq_campagne_slug")),
    )
    op.create_table(
        "restant",
        sa.Column("campagne_id", sa.Integer(), nullable=False),
        sa.Column("membre_id", sa.Integer(), nullable=False),
        sa.Column("genre", sa.String(length=16), nullable=False),
        sa.Column("age", sa.String(length=16), nullable=False),
        sa.Column("diplome", sa.String(length=16), nullable=False),
        sa.Column("arrondissement", sa.String(length=2), nullable=False),
        sa.ForeignKeyConstraint(
            ["campagne_id"],
            ["campagne.id"],
            name=op.f("fk_restant_campagne_id_campagne"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["membre_id"],
            ["membre.id"],
            name=op.f("fk_restant_membre_id_membre"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("campagne_id", "membre_id", name=op.f("pk_restant")),
    )
    op.create_table(
        "volontaire",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campagne_id", sa.Integer(), nullable=False),
        sa.Column("pseudo", sa.String(length=12), nullable=False),
        sa.Column("telegram_id", sa.BigInteger(), nullable=True),
        sa.Column(
            "langue",
            sa.Enum("fr", "en", name="langue", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("prenom", sa.String(length=100), nullable=False),
        sa.Column("nom", sa.String(length=100), nullable=False),
        sa.Column("genre", sa.String(length=16), nullable=False),
        sa.Column("annee_naissance", sa.Integer(), nullable=True),
        sa.Column("age", sa.String(length=16), nullable=False),
        sa.Column("diplome", sa.String(length=16), nullable=False),
        sa.Column("arrondissement", sa.String(length=2), nullable=False),
        sa.Column("contact", sa.String(length=200), nullable=False),
        sa.Column("adresse", sa.String(length=200), nullable=True),
        sa.Column("origine", sa.String(length=10), nullable=False),
        sa.Column("consentement_le", sa.DateTime(timezone=True), nullable=False),
        sa.Column("inscrit_le", sa.DateTime(timezone=True), nullable=False),
        sa.Column("modifie_le", sa.DateTime(timezone=True), nullable=False),
        sa.Column("doublon_de", sa.Integer(), nullable=True),
        sa.Column("rang_reserve", sa.Integer(), nullable=True),
        sa.Column("informe_le", sa.DateTime(timezone=True), nullable=True),
        sa.Column("anonymise_le", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["campagne_id"],
            ["campagne.id"],
            name=op.f("fk_volontaire_campagne_id_campagne"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_volontaire")),
        sa.UniqueConstraint("campagne_id", "pseudo", name="uq_volontaire_pseudo"),
        sa.UniqueConstraint("campagne_id", "telegram_id", name="uq_volontaire_telegram"),
    )
    with op.batch_alter_table("volontaire", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_volontaire_campagne_id"), ["campagne_id"], unique=False
        )

    op.create_table(
        "siege",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campagne_id", sa.Integer(), nullable=False),
        sa.Column("volontaire_id", sa.Integer(), nullable=False),
        sa.Column("numero", sa.Integer(), nullable=False),
        sa.Column(
            "etat",
            sa.Enum(
                "propose",
                "accepte",
                "decline",
                "expire",
                name="etatsiege",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("propose_le", sa.DateTime(timezone=True), nullable=False),
        sa.Column("echeance", sa.DateTime(timezone=True), nullable=False),
        sa.Column("prevenu_le", sa.DateTime(timezone=True), nullable=True),
        sa.Column("repondu_le", sa.DateTime(timezone=True), nullable=True),
        sa.Column("membre_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["campagne_id"],
            ["campagne.id"],
            name=op.f("fk_siege_campagne_id_campagne"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["membre_id"],
            ["membre.id"],
            name=op.f("fk_siege_membre_id_membre"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["volontaire_id"],
            ["volontaire.id"],
            name=op.f("fk_siege_volontaire_id_volontaire"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_siege")),
        sa.UniqueConstraint("volontaire_id", name=op.f("uq_siege_volontaire_id")),
    )
    with op.batch_alter_table("siege", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_siege_campagne_id"), ["campagne_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_siege_membre_id"), ["membre_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("siege", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_siege_membre_id"))
        batch_op.drop_index(batch_op.f("ix_siege_campagne_id"))

    op.drop_table("siege")
    with op.batch_alter_table("volontaire", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_volontaire_campagne_id"))

    op.drop_table("volontaire")
    op.drop_table("restant")
    op.drop_table("campagne")
