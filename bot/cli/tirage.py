"""`assemblee tirage verifier`: anyone (the guarantors' committee, a journalist) runs the
renewal draw again from what was published (the anonymised volunteers, the targets, the
commitment, the secret revealed after the draw and the public value) and checks the panel.
No settings, no database: the published files are enough."""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path
from typing import Any

from assemblee import tirage
from bot.cli.erreurs import EntreeRefusee


def ajouter(sous: Any) -> None:
    p_t = sous.add_parser("tirage", help="tirage au sort du renouvellement : vérifier un tirage")
    t_sous = p_t.add_subparsers(dest="action", required=True, metavar="action")
    p_v = t_sous.add_parser(
        "verifier",
        help="refaire un tirage publié et comparer son panel (sans réglages ni base)",
    )
    p_v.add_argument("--volontaires", required=True, type=Path, help="volontaires publiés (CSV)")
    p_v.add_argument("--cibles", required=True, type=Path, help="cibles publiées (TOML)")
    p_v.add_argument("--secret", required=True, help="le secret de l'équipe, révélé après")
    p_v.add_argument("--valeur-publique", required=True, help="la valeur publique (un loto…)")
    p_v.add_argument("--engagement", help="l'empreinte publiée avant le tirage (SHA-256)")
    p_v.add_argument("--panel", type=Path, help="le panel publié : un identifiant par ligne")
    p_v.set_defaults(executer=_verifier, sans_reglages=True)


def _lire(chemin: Path) -> str:
    try:
        return chemin.read_text(encoding="utf-8")
    except OSError as exc:
        raise EntreeRefusee(f"{chemin} : illisible ({exc.strerror or exc}).") from None
    except UnicodeDecodeError:
        raise EntreeRefusee(f"{chemin} : ce n'est pas un texte UTF-8.") from None


async def _verifier(_: object, args: argparse.Namespace) -> None:
    try:
        cibles, algorithme = tirage.lire_cibles(_lire(args.cibles))
        pool = tirage.lire_pool(_lire(args.volontaires), cibles)
        if args.engagement and tirage.engagement(args.secret) != args.engagement.strip().lower():
            raise EntreeRefusee(
                "Ce secret ne correspond pas à l'engagement publié : ce n'est pas celui que "
                "l'équipe a fixé avant le tirage."
            )
        # Seconds to minutes of solver: out of the event loop.
        resultat = await asyncio.to_thread(
            tirage.tirer,
            pool,
            cibles,
            secret=args.secret,
            valeur_publique=args.valeur_publique,
            algorithme=algorithme,
        )
    except tirage.ErreurTirage as exc:
        raise EntreeRefusee(str(exc)) from None
    print(
        f"Tirage refait ({resultat.algorithme}, {len(pool)} volontaires, "
        f"{len(resultat.panel)} sièges) ; chance la plus faible : "
        f"{resultat.probabilite_min:.1%}."
    )
    for ident in resultat.panel:
        print(ident)
    if args.panel is None:
        return
    publie = {ligne.strip() for ligne in _lire(args.panel).splitlines() if ligne.strip()}
    if publie == set(resultat.panel):
        print("Le panel publié est bien celui que donnent ces valeurs.")
        return
    en_trop = sorted(publie - set(resultat.panel))
    absents = sorted(set(resultat.panel) - publie)
    raise EntreeRefusee(
        "Le panel publié n'est PAS celui que donnent ces valeurs : "
        f"publiés mais pas tirés : {', '.join(en_trop) or 'aucun'} ; "
        f"tirés mais pas publiés : {', '.join(absents) or 'aucun'}."
    )
