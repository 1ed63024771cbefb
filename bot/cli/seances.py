"""`assemblee seances creer|lister|modifier|annuler|convoques|importer`: the calendar. The
command line only writes the database; the running bot tells the members."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import journal, membres, seances
from assemblee.dates import date_longue
from assemblee.modeles import Groupe, Seance, StatutMembre, TypeSeance
from assemblee.seances import Champs, ErreurSeance
from assemblee.textes import heure
from bot.cli import commun, erreurs
from bot.cli.erreurs import EntreeRefusee
from config.reglages import Reglages
from rappels import import_seances, presences

_PREVENUS = "Le bot en marche prévient les membres convoqués."


def ajouter(sous: Any) -> None:
    p_s = sous.add_parser("seances", help="séances : créer, lister, modifier, annuler, importer")
    s_sous = p_s.add_subparsers(dest="action", required=True, metavar="action")
    p_sc = s_sous.add_parser("creer", help="créer une séance")
    p_sc.add_argument("--type", required=True, help="pleniere, atelier, formation, visite, autre")
    p_sc.add_argument("--groupe", help="slug ou nom du groupe (sans : toute l'assemblée)")
    p_sc.add_argument("--titre", required=True)
    p_sc.add_argument("--debut", required=True, help="date et heure locales, ex. 03/12/2026 18:30")
    p_sc.add_argument("--fin", required=True, help="heure de fin (20:30) ou durée (2h, 1h30)")
    p_sc.add_argument("--lieu", help="adresse")
    p_sc.add_argument("--lien", help="lien de visio (https://…)")
    p_sc.add_argument("--description", default="")
    p_sl = s_sous.add_parser("lister", help="les séances à venir")
    p_sl.add_argument("--tout", action="store_true", help="aussi les passées et les annulées")
    p_sm = s_sous.add_parser("modifier", help="changer une séance (le bot prévient les membres)")
    p_sm.add_argument("numero", type=int, help="numéro de la séance (assemblee seances lister)")
    p_sm.add_argument("--titre")
    p_sm.add_argument("--debut", help="nouvelle date et heure ; la durée est gardée sans --fin")
    p_sm.add_argument("--fin", help="heure de fin (20:30) ou durée (2h, 1h30)")
    p_sm.add_argument("--lieu", help="adresse ; --lieu '' pour l'enlever")
    p_sm.add_argument("--lien", help="lien de visio ; --lien '' pour l'enlever")
    p_sm.add_argument("--description")
    p_sa = s_sous.add_parser("annuler", help="annuler une séance (le bot prévient les membres)")
    p_sa.add_argument("numero", type=int, help="numéro de la séance (assemblee seances lister)")
    p_sv = s_sous.add_parser(
        "convoques", help="qui est convoqué ; --ajouter / --retirer un membre (n°)"
    )
    p_sv.add_argument("numero", type=int, help="numéro de la séance (assemblee seances lister)")
    p_sv.add_argument("--ajouter", type=int, action="append", help="n° de membre ; répétable")
    p_sv.add_argument("--retirer", type=int, action="append", help="n° de membre ; répétable")
    p_si = s_sous.add_parser("importer", help="importer un CSV ou un agenda .ics (tout ou rien)")
    p_si.add_argument(
        "fichier", help="CSV (type, titre, groupe, debut, fin, lieu, lien, description) ou .ics"
    )
    p_si.add_argument("--groupe", help="(.ics) le groupe de toutes les séances du fichier")
    p_si.add_argument(
        "--a-venir", action="store_true", help="(.ics) ignorer les événements déjà passés"
    )
    p_si.set_defaults(executer=_importer)
    for p_action in (p_sc, p_sl, p_sm, p_sa, p_sv):
        p_action.set_defaults(executer=_seances)


async def _seances(reglages: Reglages, args: argparse.Namespace) -> None:
    maintenant = commun.maintenant()
    try:
        async with commun.base(reglages) as session:
            if args.action == "lister":
                await _lister(reglages, args, session, maintenant)
            elif args.action == "creer":
                await _creer(reglages, args, session, maintenant)
            elif args.action == "modifier":
                await _modifier(reglages, args, session, maintenant)
            elif args.action == "convoques":
                await _convoques(args, session)
            else:
                seance = await _seance(session, args.numero)
                await seances.annuler(session, seance, maintenant=maintenant, auteur=journal.CLI)
                print(*await _decrire(reglages, session, seance), sep="\n")
                print(f"Séance annulée. {_PREVENUS}")
    except ErreurSeance as exc:
        raise erreurs.refus_seance(exc) from None


def _debut(reglages: Reglages, texte: str, maintenant: datetime) -> datetime:
    try:
        return import_seances.lire_date_heure(texte, reglages.fuseau, reference=maintenant)
    except ErreurSeance as exc:
        raise erreurs.refus_seance(exc, f"--debut « {texte} »") from None


def _fin(reglages: Reglages, texte: str, debut: datetime) -> datetime:
    try:
        return import_seances.lire_fin(texte, debut, reglages.fuseau)
    except ErreurSeance as exc:
        raise erreurs.refus_seance(exc, f"--fin « {texte} »") from None


def _type(texte: str) -> TypeSeance:
    type_ = import_seances.lire_type(texte)
    if type_ is None:
        raise EntreeRefusee(
            f"Type « {texte} » inconnu : pleniere, atelier, formation, visite ou autre."
        )
    return type_


async def _seance(session: AsyncSession, numero: int) -> Seance:
    seance = await seances.par_id(session, numero)
    if seance is None:
        raise erreurs.seance_inconnue(numero)
    return seance


async def _nom_groupe(session: AsyncSession, groupe_id: int | None) -> str:
    groupe = await session.get(Groupe, groupe_id) if groupe_id is not None else None
    return groupe.nom if groupe is not None else "toute l'assemblée"


async def _decrire(reglages: Reglages, session: AsyncSession, seance: Seance) -> list[str]:
    fuseau = reglages.fuseau
    fin = seance.fin.astimezone(fuseau)
    jusqua = heure(fin.time(), "fr")
    if fin.date() != seance.debut.astimezone(fuseau).date():
        jusqua = date_longue(seance.fin, fuseau, "fr")
    type_ = presences.libelle_type(seance.type)
    lignes = [
        f"Séance n°{seance.id} : {type_} « {seance.titre} » "
        f"({await _nom_groupe(session, seance.groupe_id)})",
        f"  {date_longue(seance.debut, fuseau, 'fr')}, jusqu'à {jusqua}",
    ]
    if seance.lieu:
        lignes.append(f"  Lieu : {seance.lieu}")
    if seance.lien:
        lignes.append(f"  Lien : {seance.lien}")
    if seance.annulee_le is not None:
        lignes.append("  ANNULÉE")
    return lignes


async def _convoques(args: argparse.Namespace, session: AsyncSession) -> None:
    """Show, and let staff adjust, who is convened to a séance."""
    seance = await _seance(session, args.numero)
    for numero, convoque in [(n, True) for n in args.ajouter or []] + [
        (n, False) for n in args.retirer or []
    ]:
        membre = await membres.par_id(session, numero)
        if membre is None or membre.statut == StatutMembre.PARTI:
            raise erreurs.membre_inconnu(numero)
        await seances.ajuster(
            session,
            seance,
            membre,
            convoque=convoque,
            auteur=journal.CLI,
            maintenant=commun.maintenant(),
        )
    liste = await seances.convoques(session, seance)
    for membre in liste:
        print(f"n°{membre.id}  {membre.nom_complet}  ({membre.statut.value})")
    print(f"{len(liste)} membre(s) convoqué(s) à la séance n°{seance.id}.")


async def _creer(
    reglages: Reglages, args: argparse.Namespace, session: AsyncSession, maintenant: datetime
) -> None:
    type_ = _type(args.type)
    groupe = (await commun.trouver_groupes(session, [args.groupe]))[0] if args.groupe else None
    debut = _debut(reglages, args.debut, maintenant)
    champs = Champs(
        type=type_,
        titre=args.titre,
        groupe=groupe,
        debut=debut,
        fin=_fin(reglages, args.fin, debut),
        lieu=args.lieu,
        lien=args.lien,
        description=args.description,
    )
    seance = await seances.creer(session, champs, auteur=journal.CLI, maintenant=maintenant)
    convoques = len(await seances.convoques(session, seance))
    print(*await _decrire(reglages, session, seance), sep="\n")
    print(
        f"Séance créée, {convoques} membre(s) convoqué(s) : le bot en marche leur enverra "
        "les rappels."
    )


async def _modifier(
    reglages: Reglages, args: argparse.Namespace, session: AsyncSession, maintenant: datetime
) -> None:
    seance = await _seance(session, args.numero)
    nouveaux: dict[str, Any] = {
        nom: getattr(args, nom)
        for nom in ("titre", "lieu", "lien", "description")
        if getattr(args, nom) is not None
    }
    if args.debut is not None:
        nouveaux["debut"] = _debut(reglages, args.debut, maintenant)
        # A séance moved to another day keeps its length unless a new end is given.
        nouveaux["fin"] = nouveaux["debut"] + (seance.fin - seance.debut)
    if args.fin is not None:
        nouveaux["fin"] = _fin(reglages, args.fin, nouveaux.get("debut", seance.debut))
    if not nouveaux:
        raise EntreeRefusee(
            "Rien à modifier : indiquez au moins une option parmi --titre, --debut, --fin, "
            "--lieu, --lien, --description."
        )
    changement = await seances.modifier(
        session, seance, maintenant=maintenant, auteur=journal.CLI, **nouveaux
    )
    print(*await _decrire(reglages, session, seance), sep="\n")
    if changement.a_annoncer:
        print(f"Séance modifiée. {_PREVENUS}")
    else:
        print(
            "Séance modifiée ; ni l'horaire ni le lieu n'ont changé : pas de message aux membres."
        )


async def _lister(
    reglages: Reglages, args: argparse.Namespace, session: AsyncSession, maintenant: datetime
) -> None:
    depuis = datetime(2000, 1, 1, tzinfo=UTC) if args.tout else maintenant
    liste = await seances.lister(session, depuis=depuis, avec_annulees=args.tout)
    if not liste:
        quoi = "Aucune séance." if args.tout else "Aucune séance à venir."
        print(f"{quoi} Pour en créer une : assemblee seances creer --help")
        return
    slugs = {g.id: g.slug for g in (await session.exec(select(Groupe))).all()}
    fuseau = reglages.fuseau
    lignes = [("n°", "date", "heure", "type", "groupe", "titre", "lieu ou lien", "état")]
    for s in liste:
        debut, fin = s.debut.astimezone(fuseau), s.fin.astimezone(fuseau)
        if s.annulee_le is not None:
            etat = "annulée"
        elif s.fin <= maintenant:
            etat = "passée"
        else:
            etat = "en cours" if s.debut <= maintenant else "à venir"
        lignes.append(
            (
                str(s.id),
                f"{debut:%d/%m/%Y}",
                f"{debut:%H:%M}-{fin:%H:%M}",
                s.type.value,
                slugs.get(s.groupe_id, "?") if s.groupe_id else "tous",
                commun.court(s.titre, 40),
                commun.court(s.lieu or s.lien or "", 30),
                etat,
            )
        )
    commun.tableau(lignes)
    print(f"{len(liste)} séance(s).")


def _est_ics(fichier: Path, contenu: bytes) -> bool:
    debut = contenu.lstrip(b"\xef\xbb\xbf \t\r\n")[:15].upper()
    return fichier.suffix.lower() in {".ics", ".ical", ".ifb"} or debut == b"BEGIN:VCALENDAR"


async def _importer(reglages: Reglages, args: argparse.Namespace) -> None:
    fichier = Path(args.fichier)
    contenu = await commun.lire(fichier)
    ics = _est_ics(fichier, contenu)
    if not ics and (args.groupe or args.a_venir):
        raise EntreeRefusee(
            "--groupe et --a-venir ne servent qu'aux agendas .ics : dans un CSV, remplissez "
            "la colonne groupe de chaque ligne."
        )
    maintenant = commun.maintenant()
    async with commun.base(reglages) as session:
        groupe = (await commun.trouver_groupes(session, [args.groupe]))[0] if args.groupe else None
        try:
            if ics:
                lecture = await import_seances.lire_ics(
                    session,
                    contenu,
                    maintenant=maintenant,
                    fuseau=reglages.fuseau,
                    groupe=groupe,
                    a_venir_seulement=args.a_venir,
                )
            else:
                lecture = await import_seances.lire_csv(
                    session, contenu, maintenant=maintenant, fuseau=reglages.fuseau
                )
        except import_seances.ErreurImport as exc:
            raise erreurs.import_seances_refuse(fichier, exc) from None
        creees = await import_seances.enregistrer(
            session, lecture, maintenant=maintenant, auteur=journal.CLI
        )
        for seance in creees:  # one line each: a file may hold a whole year
            titre = (await _decrire(reglages, session, seance))[0]
            print(f"{titre}, {date_longue(seance.debut, reglages.fuseau, 'fr')}")
    for ignoree in lecture.ignorees:
        print(f"Ignoré : {ignoree}")
    print(
        f"{len(creees)} séance(s) importée(s) depuis {fichier} : le bot en marche enverra les "
        "rappels aux membres convoqués."
    )
