"""Alembic environment. Migrations run from code (`assemblee db upgrade`, or at start), which
hands over an open connection in `config.attributes["connection"]`."""

from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlmodel import SQLModel
from sqlmodel.sql.sqltypes import AutoString

import assemblee.modeles  # registers every table on the metadata

connexion = context.config.attributes.get("connection")
if connexion is None:
    raise RuntimeError("run migrations with `assemblee db upgrade`, not the alembic command")


def _rendre(type_: str, objet: Any, _autogen: AutogenContext) -> str | Literal[False]:
    """Write plain SQLAlchemy types into migrations, so they never import our models."""
    if type_ == "type" and isinstance(objet, assemblee.modeles.InstantUTC):
        return "sa.DateTime(timezone=True)"
    if type_ == "type" and isinstance(objet, AutoString):
        return f"sa.String(length={objet.length})" if objet.length else "sa.String()"
    return False


context.configure(
    connection=connexion,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,  # SQLite alters tables by rebuilding them
    compare_type=True,
    render_item=_rendre,
)
with context.begin_transaction():
    context.run_migrations()
