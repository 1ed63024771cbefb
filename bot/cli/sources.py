"""`assemblee sources lister|ajouter|retirer`: the feeds of the citizen watch."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from assemblee import journal
from assemblee.modeles import Source
from bot.cli import commun, erreurs
from config.reglages import Reglages
from veille import collecte, sources


def ajouter(sous: Any) -> None:
    p_f = sous.add_parser("sources", help="flux de la veille : lister, ajouter, retirer")
    p_f.set_defaults(executer=_sources)
    f_sous = p_f.add_subparsers(dest="action", required=True, metavar="action")
    f_sous.add_parser("lister", help="les flux suivis, actifs ou non, et leurs erreurs")
    p_fa = f_sous.add_parser("ajouter", help="suivre un flux RSS ou Atom (vérifié d'abord)")
    p_fa.add_argument("url", help="adresse du flux, http:// ou https://")
    p_fa.add_argument("--nom", help="nom affiché dans la revue (défaut : le titre du flux)")
    p_fr = f_sous.add_parser("retirer", help="ne plus suivre un flux (ses articles restent)")
    p_fr.add_argument("numero", type=int, help="numéro de la source (assemblee sources lister)")


async def _sources(reglages: Reglages, args: argparse.Namespace) -> None:
    commun.moins_bavard("httpx")  # a line per request
    maintenant = commun.maintenant()
    async with commun.base(reglages) as session:
        if args.action == "lister":
            _lister(reglages, await sources.lister(session))
            return
        try:
            if args.action == "ajouter":
                async with collecte.creer_client(
                    adresses_privees=reglages.veille_adresses_privees
                ) as client:
                    source = await sources.ajouter(
                        session,
                        url=args.url,
                        nom=args.nom,
                        auteur=journal.CLI,
                        client=client,
                        maintenant=maintenant,
                        delai=reglages.veille_delai_secondes,
                        taille_max=reglages.veille_taille_max_octets,
                    )
                print(
                    f"Source n°{source.id} « {source.nom} » suivie : {source.url}. "
                    "Le bot en marche la relèvera au prochain passage."
                )
            else:
                source = await sources.retirer(
                    session, source_id=args.numero, auteur=journal.CLI, maintenant=maintenant
                )
                print(
                    f"Source n°{source.id} « {source.nom} » retirée ; ses articles déjà "
                    "relevés restent."
                )
        except sources.ErreurSource as exc:
            raise erreurs.refus_source(exc, getattr(args, "numero", None)) from None


def _lister(reglages: Reglages, liste: Sequence[Source]) -> None:
    if not liste:
        print("Aucune source. Pour en ajouter une : assemblee sources ajouter URL --nom NOM")
        return
    lignes = [("n°", "état", "nom", "adresse", "échecs", "dernière erreur")]
    for s in liste:
        if s.active:
            etat = "active"
        else:
            quand = commun.date(reglages, s.desactivee_le or s.ajoutee_le)
            etat = f"{'désactivée' if s.echecs else 'retirée'} le {quand}"
        erreur = commun.court(s.derniere_erreur or "", 50) if s.echecs else ""
        lignes.append(
            (
                str(s.id),
                etat,
                commun.court(s.nom, 30),
                s.url,
                str(s.echecs) if s.echecs else "",
                erreur,
            )
        )
    commun.tableau(lignes)
    actives = sum(1 for s in liste if s.active)
    print(f"{len(liste)} source(s), dont {actives} active(s).")
