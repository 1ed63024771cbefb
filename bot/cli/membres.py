"""`assemblee membres importer|lister|role|groupes|depart|journal` (and `assemblee journal`):
who is in the assembly, their rights, and the audit log of every change staff make."""

from __future__ import annotations

import argparse
from datetime import timedelta
from pathlib import Path
from typing import Any

from assemblee import invitations, journal, membres, tableur
from assemblee.modeles import Membre, Role, StatutMembre
from assemblee.textes import Catalogue
from bot.app import creer_bot
from bot.cli import commun, erreurs
from bot.cli.erreurs import EntreeRefusee
from commandes import menu
from config.reglages import Reglages


def ajouter(sous: Any) -> None:
    p_m = sous.add_parser("membres", help="membres")
    m_sous = p_m.add_subparsers(dest="action", required=True, metavar="action")
    p_imp = m_sous.add_parser("importer", help="importer un CSV (nom, prénom, groupe, rôle)")
    p_imp.add_argument("fichier")
    p_imp.add_argument("--sortie", help="CSV des liens (défaut : <fichier>-invitations.csv)")
    p_imp.add_argument(
        "--afficher", action="store_true", help="aussi écrire les liens à l'écran (secrets)"
    )
    p_imp.set_defaults(executer=_importer)
    p_lis = m_sous.add_parser("lister", help="lister les membres et leur état")
    p_lis.add_argument("--statut", choices=[s.value for s in StatutMembre])
    p_lis.set_defaults(executer=_lister)

    qui = "n° du membre (assemblee membres lister) ou identifiant Telegram"
    p_role = m_sous.add_parser("role", help="changer le rôle (membre ou animateur)")
    p_role.add_argument("membre", type=int, help=qui)
    p_role.add_argument("role", choices=[r.value for r in Role])
    p_grp = m_sous.add_parser("groupes", help="les groupes d'un membre ou d'un animateur")
    p_grp.add_argument("membre", type=int, help=qui)
    p_grp.add_argument("groupes", nargs="+", help="slug ou nom de chaque groupe")
    p_dep = m_sous.add_parser("depart", help="départ de l'assemblée (présences gardées)")
    p_dep.add_argument("membre", type=int, help=qui)
    for p_droits in (p_role, p_grp, p_dep):
        p_droits.set_defaults(executer=_droits)

    # "assemblee membres journal", and "assemblee journal" as before.
    for parent in (m_sous, sous):
        p_jou = parent.add_parser(
            "journal", help="le journal des changements : qui, quoi, quand, sur quoi"
        )
        p_jou.add_argument("--nombre", type=int, default=50)
        p_jou.add_argument("--objet", choices=sorted(journal.OBJETS), help="sur quoi")
        p_jou.add_argument(
            "--action", dest="action_journal", help="l'action (seance-annulee, presence, role…)"
        )
        p_jou.add_argument("--origine", choices=journal.ORIGINES, help="d'où vient le changement")
        p_jou.set_defaults(executer=_journal)


async def _lister(reglages: Reglages, args: argparse.Namespace) -> None:
    async with commun.base(reglages) as session:
        statut = StatutMembre(args.statut) if args.statut else None
        fiches = await membres.lister(session, statut)
    lignes = [("n°", "nom", "prénom", "rôle", "groupe(s)", "état")]
    for f in fiches:
        m = f.membre
        groupes_ = ", ".join(g.slug for g in f.groupes) or "-"
        lignes.append((str(m.id), m.nom, m.prenom, m.role.value, groupes_, m.statut.value))
    commun.tableau(lignes)
    print(f"{len(fiches)} membre(s).")


def _sortie_import(fichier: Path, sortie: Path | None) -> Path:
    return sortie or fichier.with_name(f"{fichier.stem}-invitations.csv")


async def _importer(reglages: Reglages, args: argparse.Namespace) -> None:
    fichier = Path(args.fichier)
    contenu = await commun.lire(fichier)
    sortie = _sortie_import(fichier, Path(args.sortie) if args.sortie else None)
    username = await commun.username(reglages)
    validite = timedelta(days=reglages.invitation_validite_jours)
    maintenant = commun.maintenant()
    async with commun.base(reglages) as session:
        try:
            lecture = await invitations.lire_import(session, contenu)
        except invitations.ErreurImport as exc:
            raise erreurs.import_refuse(fichier, exc.erreurs) from None
        sortie_csv: list[list[str]] = [[*lecture.entetes, "lien_invitation", "valable_jusqu_au"]]
        lignes = await invitations.enregistrer_import(
            session, lecture, maintenant=maintenant, validite=validite, auteur=journal.CLI
        )
        for ligne in lignes:
            lien = invitations.lien_invitation(username, ligne.jeton)
            fin = commun.date(reglages, maintenant + validite)
            sortie_csv.append([*ligne.valeurs.values(), lien, fin])
            if args.afficher:  # the links are keys: on screen only when asked
                print(f"{ligne.prenom} {ligne.nom} : {lien}")
    # The shared writer: no cell of the staff's file turns into a formula in the mail merge.
    texte = tableur.ecrire_csv(sortie_csv, separateur=lecture.separateur)
    commun.ecrire_prive(sortie, texte.encode("utf-8"))
    print(f"{len(lignes)} membre(s) importé(s). Liens écrits dans {sortie} (à garder secret).")


async def _droits(reglages: Reglages, args: argparse.Namespace) -> None:
    """Change someone's role or groups, or record their departure; written to the audit log,
    and their command menu updated when Telegram can be reached."""
    maintenant = commun.maintenant()
    async with commun.base(reglages) as session:
        membre = await membres.trouver(session, args.membre)
        if membre is None:
            raise EntreeRefusee(
                f"Aucun membre n°{args.membre} ni compte Telegram {args.membre} "
                "(voir « assemblee membres lister »)."
            )
        par_qui: dict[str, Any] = {
            "par": None,
            "origine": membres.ORIGINE_CLI,
            "equipe_ids": reglages.equipe_telegram_ids,
            "maintenant": maintenant,
        }
        try:
            if args.action == "role":
                change = await membres.changer_role(session, membre, Role(args.role), **par_qui)
                fait = f"est maintenant {args.role}"
            elif args.action == "groupes":
                choisis = await commun.trouver_groupes(session, args.groupes)
                change = await membres.changer_groupes(session, membre, choisis, **par_qui)
                fait = "est dans : " + ", ".join(g.slug for g in choisis)
            else:
                change = await membres.marquer_depart(session, membre, **par_qui)
                fait = "a quitté l'assemblée ; ses présences sont gardées"
        except membres.ErreurDroits as exc:
            raise erreurs.refus_droits(exc, membre) from None
        qui = f"n°{membre.id} {membre.nom_complet}".rstrip()
        if not change:
            print(f"Rien à changer : {qui} {fait.replace('est maintenant', 'est déjà')}.")
            return
        print(f"{qui} {fait}. C'est écrit dans le journal (assemblee journal).")
        await _menu(reglages, membre)


async def _menu(reglages: Reglages, membre: Membre) -> None:
    """The person's command menu, straight away if Telegram answers; else the bot does it at
    its next start."""
    if reglages.bot_token is None or membre.telegram_id is None:
        return
    bot = creer_bot(reglages)
    try:
        installe = await menu.installer(
            bot,
            membre,
            Catalogue(defaut=reglages.langue_defaut),
            console_url=reglages.console_url_publique,
        )
    finally:
        await bot.session.close()
    if not installe:
        print("Son menu de commandes sera mis à jour au prochain démarrage du bot.")


async def _journal(reglages: Reglages, args: argparse.Namespace) -> None:
    if args.action_journal is not None and args.action_journal not in journal.ACTIONS:
        raise EntreeRefusee(
            f"Action inconnue : {args.action_journal}. Actions possibles : "
            + ", ".join(sorted(journal.ACTIONS))
            + "."
        )
    filtre = journal.Filtre(origine=args.origine, action=args.action_journal, objet=args.objet)
    async with commun.base(reglages) as session:
        lignes = await journal.lire(session, filtre=filtre, limite=args.nombre)
    if not lignes:
        print(
            "Journal vide : aucun changement"
            + (" de ce genre." if filtre != journal.Filtre() else ".")
        )
        return
    for ligne in lignes:
        print(_ligne_journal(reglages, ligne))


def _ligne_journal(reglages: Reglages, ligne: journal.LigneJournal) -> str:
    """One entry: when, on what (and whom), what changed, who changed it and from where."""
    e = ligne.entree
    if e.origine in (journal.ORIGINE_BOT, journal.ORIGINE_CONSOLE):
        par = f"par n°{e.par_id} {ligne.par}".rstrip() if e.par_id else "par (effacé)"
        par += " dans le bot" if e.origine == journal.ORIGINE_BOT else " dans la console"
    else:
        par = {"cli": "en ligne de commande", "reglages": "par les réglages"}.get(
            e.origine, e.origine
        )
    qui = f"n°{e.membre_id} {ligne.membre}".rstrip() if e.membre_id else "(effacé)"
    if e.objet == "membre" and e.objet_id is not None:
        sur = qui  # a person's rights: the person is the object
    else:
        sur = f"{e.objet} n°{e.objet_id}" if e.objet_id is not None else e.objet
        if e.membre_id:
            sur = f"{sur} ({qui})"
    changement = e.action
    if e.avant or e.apres:
        changement = f"{e.action} : {e.avant or '-'} → {e.apres or '-'}"
    return f"{commun.date(reglages, e.le)}  {sur}  {changement}  {par}"
