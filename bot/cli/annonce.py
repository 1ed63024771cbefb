"""`assemblee annonce envoyer|lister`: the staff's announcements, queued for the running bot."""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import annonces, groupes, journal
from assemblee.annonces import Audience, GenreAudience
from assemblee.envois import Contenu
from assemblee.modeles import Role
from assemblee.textes import Catalogue, apercu, echapper, html_verifie
from bot.cli import commun, erreurs
from bot.cli.erreurs import EntreeRefusee
from config.reglages import Reglages
from telegram_local import ErreurEntites, parser_html


def ajouter(sous: Any) -> None:
    p_a = sous.add_parser("annonce", help="annonces de l'équipe")
    a_sous = p_a.add_subparsers(dest="action", required=True, metavar="action")
    p_env = a_sous.add_parser("envoyer", help="envoyer le texte d'un fichier à un public")
    p_env.add_argument("fichier", help="texte de l'annonce (UTF-8)")
    public = p_env.add_mutually_exclusive_group()
    public.add_argument("--tous", action="store_true", help="tout le monde (par défaut)")
    public.add_argument("--groupe", help="un groupe (slug ou nom)")
    public.add_argument("--role", choices=[r.value for r in Role], help="un rôle")
    p_env.add_argument(
        "--urgent", action="store_true", help="envoyer même pendant les heures calmes"
    )
    p_env.add_argument("--html", action="store_true", help="le fichier est du HTML de Telegram")
    p_env.set_defaults(executer=_envoyer)
    p_lst = a_sous.add_parser("lister", help="les dernières annonces et leur bilan")
    p_lst.add_argument("--nombre", type=int, default=10)
    p_lst.set_defaults(executer=_lister)


async def _lister(reglages: Reglages, args: argparse.Namespace) -> None:
    async with commun.base(reglages) as session:
        t = Catalogue(defaut=reglages.langue_defaut).pour(reglages.langue_defaut)
        for annonce, bilan in await annonces.dernieres(session, limite=args.nombre):
            audience = await annonces.libelle_code(session, annonce.audience, t)
            print(
                f"n°{annonce.id}  {commun.date(reglages, annonce.cree_le)}  {audience}  "
                f"« {apercu(annonce.texte, 40)} »  {bilan.envoyes}/{bilan.total} reçues, "
                f"{bilan.en_attente} en attente, {bilan.injoignables} injoignables, "
                f"{bilan.echecs} en échec"
            )


async def _envoyer(reglages: Reglages, args: argparse.Namespace) -> None:
    async with commun.base(reglages) as session:
        await _publier(args, session)


async def _publier(args: argparse.Namespace, session: AsyncSession) -> None:
    fichier = Path(args.fichier)
    try:
        brut = (await asyncio.to_thread(fichier.read_bytes)).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise erreurs.texte_illisible(fichier, exc) from None
    try:
        texte = html_verifie(brut.strip(), parser_html) if args.html else echapper(brut.strip())
    except ErreurEntites as exc:
        raise erreurs.html_refuse(fichier, exc) from None
    contenu = Contenu(texte=texte)
    probleme = annonces.verifier_contenu(contenu)
    if probleme is not None:
        quoi = "vide" if probleme == "vide" else "de plus de 4 096 caractères"
        raise EntreeRefusee(f"{fichier} : annonce {quoi}.")
    if args.groupe:
        groupe = await groupes.trouver_groupe(session, args.groupe)
        if groupe is None:
            raise erreurs.groupe_inconnu(args.groupe)
        audience = Audience(GenreAudience.GROUPE, groupe.slug)
    elif args.role:
        audience = Audience(GenreAudience.ROLE, args.role)
    else:
        audience = Audience(GenreAudience.TOUS)
    annonce, nombre = await annonces.publier(
        session,
        auteur=journal.CLI,
        contenu=contenu,
        audience=audience,
        urgent=args.urgent,
        maintenant=commun.maintenant(),
    )
    print(
        f"Annonce n°{annonce.id} mise en file pour {nombre} destinataire(s) ; le bot en marche "
        "l'envoie. Suivi : assemblee annonce lister, ou /envois dans Telegram."
    )
