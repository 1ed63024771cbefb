"""`assemblee db upgrade|current|downgrade|revision`: the database schema."""

from __future__ import annotations

import argparse
from typing import Any

from alembic import command

from assemblee import db
from config.reglages import Reglages


def ajouter(sous: Any) -> None:
    p_db = sous.add_parser("db", help="base de données")
    p_db.set_defaults(executer=_db)
    db_sous = p_db.add_subparsers(dest="action", required=True, metavar="action")
    db_sous.add_parser("upgrade", help="créer ou mettre à jour le schéma")
    db_sous.add_parser("current", help="révision de la base et du code")
    p_down = db_sous.add_parser("downgrade", help="revenir à une révision")
    p_down.add_argument("revision")
    p_rev = db_sous.add_parser("revision", help="(développeurs) nouvelle migration")
    p_rev.add_argument("-m", "--message", required=True)


async def _db(reglages: Reglages, args: argparse.Namespace) -> None:
    # The engine alone: the schema is what these commands change, so it is not checked first.
    moteur = db.creer_moteur(reglages.database_url)
    try:
        if args.action == "upgrade":
            await db.mettre_a_jour_schema(moteur)
            print(f"Base à jour (révision {await db.revision_actuelle(moteur)}).")
        elif args.action == "downgrade":
            await db.revenir_schema(moteur, args.revision)
            actuelle = await db.revision_actuelle(moteur)
            print(f"Base ramenée à la révision {actuelle or 'aucune (base vide)'}.")
        elif args.action == "current":
            actuelle = await db.revision_actuelle(moteur)
            print(f"Révision de la base : {actuelle or 'aucune'} ; code : {db.revision_cible()}.")
        elif args.action == "revision":
            await db.mettre_a_jour_schema(moteur)
            await db.executer_alembic(
                moteur, lambda c: command.revision(c, message=args.message, autogenerate=True)
            )
    finally:
        await moteur.dispose()
