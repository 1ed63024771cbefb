"""`assemblee invitation creer|renouveler`: single-use links that bring a person in."""

from __future__ import annotations

import argparse
from datetime import timedelta
from typing import Any

from assemblee import invitations, journal, membres
from assemblee.modeles import Role, StatutMembre
from bot.cli import commun, erreurs
from bot.cli.erreurs import EntreeRefusee
from config.reglages import Reglages


def ajouter(sous: Any) -> None:
    p_i = sous.add_parser("invitation", help="liens d'invitation")
    p_i.set_defaults(executer=_invitation)
    i_sous = p_i.add_subparsers(dest="action", required=True, metavar="action")
    p_cre = i_sous.add_parser("creer", help="créer un lien pour une nouvelle personne")
    p_cre.add_argument("--role", choices=[r.value for r in Role], default=Role.MEMBRE.value)
    p_cre.add_argument("--groupe", action="append", help="slug ou nom ; répétable")
    p_cre.add_argument("--nom", default="")
    p_cre.add_argument("--prenom", default="")
    p_ren = i_sous.add_parser("renouveler", help="nouveau lien pour un membre (l'ancien meurt)")
    p_ren.add_argument("membre", type=int, help="numéro du membre (assemblee membres lister)")


async def _invitation(reglages: Reglages, args: argparse.Namespace) -> None:
    username = await commun.username(reglages)
    validite = timedelta(days=reglages.invitation_validite_jours)
    maintenant = commun.maintenant()
    async with commun.base(reglages) as session:
        if args.action == "creer":
            role = Role(args.role)
            if role == Role.EQUIPE:
                raise EntreeRefusee(
                    "Pas d'invitation pour l'équipe : "
                    f"{erreurs.REFUS_DROITS['equipe-par-reglages']}."
                )
            choisis = await commun.trouver_groupes(session, args.groupe or [])
            if role == Role.MEMBRE and len(choisis) != 1:
                raise EntreeRefusee(
                    "Un membre appartient à un groupe : indiquez --groupe une fois."
                )
            if role == Role.ANIMATEUR and not choisis:
                raise EntreeRefusee("Indiquez le ou les groupes animés avec --groupe.")
            membre, jeton = await invitations.inviter(
                session,
                nom=args.nom,
                prenom=args.prenom,
                role=role,
                groupes=choisis,
                maintenant=maintenant,
                validite=validite,
                auteur=journal.CLI,
            )
        else:
            trouve = await membres.par_id(session, args.membre)
            if trouve is None or trouve.statut == StatutMembre.PARTI:
                raise erreurs.membre_inconnu(args.membre)
            membre = trouve
            jeton = await invitations.renouveler(
                session,
                membre=membre,
                maintenant=maintenant,
                validite=validite,
                auteur=journal.CLI,
            )
        # The link is the key to the account: printed for the operator, never logged.
        print(invitations.lien_invitation(username, jeton))
        print(
            f"Lien à usage unique pour {membre.nom_complet or 'le membre n°' + str(membre.id)}"
            f", valable jusqu'au {commun.date(reglages, maintenant + validite)}."
        )
