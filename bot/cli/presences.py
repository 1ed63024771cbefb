"""`assemblee presences exporter`: the month's compensation CSV from the attendance roll."""

from __future__ import annotations

import argparse
from datetime import timedelta
from pathlib import Path
from typing import Any

from bot.cli import commun, erreurs
from config.reglages import Reglages
from rappels import presences


def ajouter(sous: Any) -> None:
    p_p = sous.add_parser("presences", help="présences (émargement)")
    p_p.set_defaults(executer=_exporter)
    p_sous = p_p.add_subparsers(dest="action", required=True, metavar="action")
    p_pe = p_sous.add_parser("exporter", help="le CSV d'indemnisation d'un mois")
    p_pe.add_argument("--mois", required=True, help="AAAA-MM, par exemple 2026-11")
    p_pe.add_argument("--sortie", help="fichier écrit (défaut : indemnisation-AAAA-MM.csv)")


async def _exporter(reglages: Reglages, args: argparse.Namespace) -> None:
    try:
        mois = presences.lire_mois(args.mois)
    except ValueError as exc:
        raise erreurs.mois_illisible(exc) from None
    sortie = Path(args.sortie) if args.sortie else Path(f"indemnisation-{mois.code}.csv")
    async with commun.base(reglages) as session:
        lignes = await presences.presences_du_mois(session, mois=mois.code, fuseau=reglages.fuseau)
    contenu = presences.csv_indemnisation(lignes, mois=mois.code, fuseau=reglages.fuseau)
    try:
        # Names and attendance are personal data: the file is readable by its owner only.
        commun.ecrire_prive(sortie, contenu.encode("utf-8"))
    except OSError as exc:
        raise erreurs.ecriture_impossible(sortie, exc) from None
    nombre_membres = len({p.membre_id for p in lignes})
    nombre_seances = len({p.seance_id for p in lignes})
    total = sum((p.duree for p in lignes), timedelta())
    print(
        f"{sortie} écrit : {mois.libelle}, {nombre_membres} membre(s), {nombre_seances} "
        f"séance(s), {presences.duree_hmm(total)} heures de présence au total."
    )
    if mois.bornes(reglages.fuseau)[1] > commun.maintenant():
        print("Attention : ce mois n'est pas fini, d'autres présences peuvent encore être notées.")
