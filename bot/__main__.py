"""The `assemblee` command: run the bot, manage the database, members and invitations,
séances, the compensation export, demo.

Errors an operator can fix print one sentence and exit non-zero without a traceback:
2 for a setting or configuration file, 1 for refused input (a CSV, an unknown member).
"""

from __future__ import annotations

import argparse
import asyncio
import errno
import logging
import os
import sys
from collections.abc import Callable, Coroutine, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy.exc
from aiogram.exceptions import TelegramAPIError, TelegramNetworkError, TelegramUnauthorizedError
from alembic import command
from sqlalchemy.engine import make_url
from sqlmodel import select

from assemblee import annonces, db, groupes, invitations, membres, seances, tableur
from assemblee.annonces import Audience, GenreAudience
from assemblee.dates import date_longue
from assemblee.envois import Contenu
from assemblee.groupes import ErreurGroupes
from assemblee.horloge import HorlogeSysteme
from assemblee.modeles import Groupe, Role, Seance, StatutMembre, TypeSeance
from assemblee.seances import Champs, ErreurSeance
from assemblee.textes import Catalogue, apercu, echapper, heure, html_verifie
from bot import journal
from bot.app import construire, creer_bot, executer, preparer_base
from bot.demo import jouer
from commandes import menu
from config.reglages import ErreurReglage, Reglages, charger_reglages
from rappels import import_seances, presences
from telegram_local import ErreurEntites, parser_html
from veille import collecte, sources
from veille.sources import ErreurSources

EXIT_ENTREE = 1
EXIT_REGLAGE = 2


class EntreeRefusee(Exception):
    """Input refused (exit 1); `str()` is for the operator."""


def _reglages() -> Reglages:
    reglages = charger_reglages()
    secrets = [s.get_secret_value() for s in (reglages.bot_token, reglages.webhook_secret) if s]
    journal.configurer(reglages.niveau_log, secrets)
    return reglages


async def _base(reglages: Reglages) -> tuple[Any, db.FabriqueSessions]:
    # The schema check runs on every command: its INFO lines would bury the one sentence an
    # operator needs on stderr. Still shown when NIVEAU_LOG=DEBUG.
    alembic = logging.getLogger("alembic")
    if alembic.getEffectiveLevel() == logging.INFO:
        alembic.setLevel(logging.WARNING)
    return await preparer_base(reglages)


# --- run ------------------------------------------------------------------------------------------


async def _run(reglages: Reglages, args: argparse.Namespace) -> None:
    # Fail with the operator's sentence before touching the database.
    reglages.jeton  # noqa: B018
    webhook = bool(getattr(args, "webhook", False)) or reglages.webhook
    if webhook:
        reglages.url_webhook_complete  # noqa: B018
    await _verifier_jeton(reglages)
    app = await construire(reglages)
    try:
        await executer(app, signaux=True, webhook=webhook)
    finally:
        await app.fermer()


async def _verifier_jeton(reglages: Reglages) -> None:
    """A revoked token is told before anything starts (TelegramUnauthorizedError, exit 2); if
    Telegram cannot be reached, the bot starts anyway and its polling keeps trying."""
    bot = creer_bot(reglages)
    try:
        await bot.get_me()
    except TelegramUnauthorizedError:
        raise
    except (TelegramAPIError, TelegramNetworkError) as exc:
        logging.getLogger(__name__).warning("Telegram ne répond pas au démarrage (%s)", exc)
    finally:
        await bot.session.close()


# --- db -------------------------------------------------------------------------------------------


async def _db(reglages: Reglages, args: argparse.Namespace) -> None:
    moteur = db.creer_moteur(reglages.database_url)
    try:
        if args.action == "upgrade":
            await db.mettre_a_jour_schema(moteur)
            print(f"Base à jour (révision {await db.revision_actuelle(moteur)}).")
        elif args.action == "downgrade":
            await db.revenir_schema(moteur, args.revision)
            print(f"Base ramenée à la révision {await db.revision_actuelle(moteur)}.")
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


# --- invitations ----------------------------------------------------------------------------------


async def _username(reglages: Reglages) -> str:
    """The bot's @username for t.me links: the setting, else asked to Telegram."""
    if reglages.bot_username:
        return reglages.bot_username
    if reglages.bot_token is None:
        raise ErreurReglage(
            "BOT_USERNAME manque : écrivez le nom du bot (sans @) dans .env, par exemple "
            "BOT_USERNAME=assemblee_paris_bot, ou renseignez BOT_TOKEN pour le demander à Telegram."
        )
    bot = creer_bot(reglages)
    try:
        moi = await bot.get_me()
    except TelegramUnauthorizedError:
        raise ErreurReglage(
            "BOT_TOKEN est refusé par Telegram : recopiez le jeton donné par @BotFather."
        ) from None
    except (TelegramAPIError, TelegramNetworkError):
        raise ErreurReglage(
            "Telegram ne répond pas pour donner le nom du bot : indiquez-le dans .env avec "
            "BOT_USERNAME=… (sans @)."
        ) from None
    finally:
        await bot.session.close()
    assert moi.username is not None
    return moi.username


def _date(reglages: Reglages, instant: Any) -> str:
    return str(instant.astimezone(reglages.fuseau).strftime("%Y-%m-%d %H:%M"))


async def _groupes(session: Any, designations: Sequence[str]) -> list[Groupe]:
    choisis = []
    for designation in designations:
        groupe = await groupes.trouver_groupe(session, designation)
        if groupe is None:
            connus = ", ".join(g.slug for g in await groupes.groupes_actifs(session))
            raise EntreeRefusee(f"Groupe « {designation} » inconnu. Groupes : {connus}.")
        choisis.append(groupe)
    return choisis


async def _invitation(reglages: Reglages, args: argparse.Namespace) -> None:
    username = await _username(reglages)
    validite = timedelta(days=reglages.invitation_validite_jours)
    maintenant = HorlogeSysteme().maintenant()
    moteur, sessions = await _base(reglages)
    try:
        async with sessions() as session:
            if args.action == "creer":
                role = Role(args.role)
                if role == Role.EQUIPE:
                    raise EntreeRefusee(
                        f"Pas d'invitation pour l'équipe : {_REFUS_DROITS['equipe-par-reglages']}."
                    )
                choisis = await _groupes(session, args.groupe or [])
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
                )
            else:
                trouve = await membres.par_id(session, args.membre)
                if trouve is None or trouve.statut == StatutMembre.PARTI:
                    raise EntreeRefusee(
                        f"Aucun membre n°{args.membre} (voir « assemblee membres lister »)."
                    )
                membre = trouve
                jeton = await invitations.renouveler(
                    session, membre=membre, maintenant=maintenant, validite=validite
                )
            print(invitations.lien_invitation(username, jeton))
            print(
                f"Lien à usage unique pour {membre.nom_complet or 'le membre n°' + str(membre.id)}"
                f", valable jusqu'au {_date(reglages, maintenant + validite)}."
            )
    finally:
        await moteur.dispose()


# --- membres --------------------------------------------------------------------------------------


def _sortie_import(fichier: Path, sortie: Path | None) -> Path:
    return sortie or fichier.with_name(f"{fichier.stem}-invitations.csv")


async def _membres(reglages: Reglages, args: argparse.Namespace) -> None:
    if args.action == "importer":
        await _importer(reglages, args)
        return
    if args.action in ("role", "groupes", "depart"):
        await _droits(reglages, args)
        return
    moteur, sessions = await _base(reglages)
    try:
        async with sessions() as session:
            statut = StatutMembre(args.statut) if args.statut else None
            fiches = await membres.lister(session, statut)
        lignes = [("n°", "nom", "prénom", "rôle", "groupe(s)", "état")]
        for f in fiches:
            m = f.membre
            groupes_ = ", ".join(g.slug for g in f.groupes) or "-"
            lignes.append((str(m.id), m.nom, m.prenom, m.role.value, groupes_, m.statut.value))
        largeurs = [max(len(ligne[i]) for ligne in lignes) for i in range(len(lignes[0]))]
        for ligne in lignes:
            print("  ".join(v.ljust(largeurs[i]) for i, v in enumerate(ligne)).rstrip())
        print(f"{len(fiches)} membre(s).")
    finally:
        await moteur.dispose()


async def _importer(reglages: Reglages, args: argparse.Namespace) -> None:
    fichier = Path(args.fichier)
    try:
        contenu = await asyncio.to_thread(fichier.read_bytes)
    except OSError as exc:
        raise EntreeRefusee(f"{fichier} : lecture impossible ({exc.strerror}).") from None
    sortie = _sortie_import(fichier, Path(args.sortie) if args.sortie else None)
    username = await _username(reglages)
    validite = timedelta(days=reglages.invitation_validite_jours)
    maintenant = HorlogeSysteme().maintenant()
    moteur, sessions = await _base(reglages)
    try:
        async with sessions() as session:
            try:
                lecture = await invitations.lire_import(session, contenu)
            except invitations.ErreurImport as exc:
                raise EntreeRefusee(
                    f"{fichier} refusé, rien n'a été importé :\n"
                    + "\n".join(f"  {e}" for e in exc.erreurs)
                ) from None
            sortie_csv: list[list[str]] = [
                [*lecture.entetes, "lien_invitation", "valable_jusqu_au"]
            ]
            lignes = await invitations.enregistrer_import(
                session, lecture, maintenant=maintenant, validite=validite
            )
            for ligne in lignes:
                lien = invitations.lien_invitation(username, ligne.jeton)
                fin = _date(reglages, maintenant + validite)
                sortie_csv.append([*ligne.valeurs.values(), lien, fin])
                if args.afficher:  # the links are keys: on screen only when asked
                    print(f"{ligne.prenom} {ligne.nom} : {lien}")
    finally:
        await moteur.dispose()
    # The shared writer: no cell of the staff's file turns into a formula in the mail merge.
    texte = tableur.ecrire_csv(sortie_csv, separateur=lecture.separateur)
    _ecrire_prive(sortie, texte.encode("utf-8"))
    print(f"{len(lignes)} membre(s) importé(s). Liens écrits dans {sortie} (à garder secret).")


# Why a change of rights was refused, for the operator.
_REFUS_DROITS = {
    "parti": "a quitté l'assemblée : ses droits ne changent plus",
    "equipe-reglages": (
        "fait partie de l'équipe par le réglage EQUIPE_TELEGRAM_IDS : retirez son identifiant "
        "de ce réglage puis redémarrez le bot"
    ),
    "equipe-par-reglages": (
        "le rôle equipe se donne seulement par le réglage EQUIPE_TELEGRAM_IDS (identifiants "
        "Telegram), puis un redémarrage du bot"
    ),
    "un-groupe": "un membre appartient à un seul groupe",
    "au-moins-un-groupe": "un animateur anime au moins un groupe",
}


async def _droits(reglages: Reglages, args: argparse.Namespace) -> None:
    """Change someone's role or groups, or record their departure; written to the audit log,
    and their command menu updated when Telegram can be reached."""
    maintenant = HorlogeSysteme().maintenant()
    moteur, sessions = await _base(reglages)
    try:
        async with sessions() as session:
            membre = await membres.trouver(session, args.membre)
            if membre is None:
                raise EntreeRefusee(
                    f"Aucun membre n°{args.membre} ni compte Telegram {args.membre} "
                    "(voir « assemblee membres lister »)."
                )
            commun: dict[str, Any] = {
                "par": None,
                "origine": membres.ORIGINE_CLI,
                "equipe_ids": reglages.equipe_telegram_ids,
                "maintenant": maintenant,
            }
            try:
                if args.action == "role":
                    change = await membres.changer_role(session, membre, Role(args.role), **commun)
                    fait = f"est maintenant {args.role}"
                elif args.action == "groupes":
                    choisis = await _groupes(session, args.groupes)
                    change = await membres.changer_groupes(session, membre, choisis, **commun)
                    fait = "est dans : " + ", ".join(g.slug for g in choisis)
                else:
                    change = await membres.marquer_depart(session, membre, **commun)
                    fait = "a quitté l'assemblée ; ses présences sont gardées"
            except membres.ErreurDroits as exc:
                raise EntreeRefusee(
                    f"Rien n'a changé : n°{membre.id} {membre.nom_complet} "
                    f"{_REFUS_DROITS[exc.code]}."
                ) from None
            qui = f"n°{membre.id} {membre.nom_complet}".rstrip()
            if not change:
                print(f"Rien à changer : {qui} {fait.replace('est maintenant', 'est déjà')}.")
                return
            print(f"{qui} {fait}. C'est écrit dans le journal (assemblee journal).")
            await _menu(reglages, membre)
    finally:
        await moteur.dispose()


async def _menu(reglages: Reglages, membre: Any) -> None:
    """The person's command menu, straight away if Telegram answers; else the bot does it at
    its next start."""
    if reglages.bot_token is None or membre.telegram_id is None:
        return
    bot = creer_bot(reglages)
    try:
        installe = await menu.installer(bot, membre, Catalogue(defaut=reglages.langue_defaut))
    finally:
        await bot.session.close()
    if not installe:
        print("Son menu de commandes sera mis à jour au prochain démarrage du bot.")


async def _journal(reglages: Reglages, args: argparse.Namespace) -> None:
    moteur, sessions = await _base(reglages)
    try:
        async with sessions() as session:
            lignes = await membres.journal(session, limite=args.nombre)
    finally:
        await moteur.dispose()
    if not lignes:
        print("Journal vide : aucun changement de rôle, de groupe ni départ.")
        return
    for ligne in lignes:
        e = ligne.entree
        qui = f"n°{e.membre_id} {ligne.membre}".rstrip() if e.membre_id else "(effacé)"
        if e.origine == membres.ORIGINE_BOT:
            par = f"par n°{e.par_id} {ligne.par}".rstrip() if e.par_id else "par (effacé)"
        else:
            par = {"cli": "en ligne de commande", "reglages": "par les réglages"}.get(
                e.origine, e.origine
            )
        changement = f"{e.action} : {e.avant or '-'} → {e.apres or '-'}"
        print(f"{_date(reglages, e.le)}  {qui}  {changement}  {par}")


def _ecrire_prive(chemin: Path, contenu: bytes) -> None:
    """The links are keys: the file is readable by its owner only."""
    descripteur = os.open(chemin, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descripteur, "wb") as sortie:
        sortie.write(contenu)
    os.chmod(chemin, 0o600)


# --- annonces ------------------------------------------------------------------------------------


async def _annonce(reglages: Reglages, args: argparse.Namespace) -> None:
    moteur, sessions = await _base(reglages)
    try:
        async with sessions() as session:
            if args.action == "lister":
                t = Catalogue(defaut=reglages.langue_defaut).pour(reglages.langue_defaut)
                for annonce, bilan in await annonces.dernieres(session, limite=args.nombre):
                    audience = await annonces.libelle_code(session, annonce.audience, t)
                    print(
                        f"n°{annonce.id}  {_date(reglages, annonce.cree_le)}  {audience}  "
                        f"« {apercu(annonce.texte, 40)} »  {bilan.envoyes}/{bilan.total} reçues, "
                        f"{bilan.en_attente} en attente, {bilan.injoignables} injoignables, "
                        f"{bilan.echecs} en échec"
                    )
                return
            await _annonce_envoyer(reglages, args, session)
    finally:
        await moteur.dispose()


async def _annonce_envoyer(reglages: Reglages, args: argparse.Namespace, session: Any) -> None:
    fichier = Path(args.fichier)
    try:
        brut = (await asyncio.to_thread(fichier.read_bytes)).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise EntreeRefusee(f"{fichier} : lecture impossible en UTF-8 ({exc}).") from None
    try:
        texte = html_verifie(brut.strip(), parser_html) if args.html else echapper(brut.strip())
    except ErreurEntites as exc:
        raise EntreeRefusee(f"{fichier} : HTML refusé par Telegram ({exc}).") from None
    contenu = Contenu(texte=texte)
    probleme = annonces.verifier_contenu(contenu)
    if probleme is not None:
        quoi = "vide" if probleme == "vide" else "de plus de 4 096 caractères"
        raise EntreeRefusee(f"{fichier} : annonce {quoi}.")
    if args.groupe:
        groupe = await groupes.trouver_groupe(session, args.groupe)
        if groupe is None:
            raise EntreeRefusee(f"Groupe « {args.groupe} » inconnu.")
        audience = Audience(GenreAudience.GROUPE, groupe.slug)
    elif args.role:
        audience = Audience(GenreAudience.ROLE, args.role)
    else:
        audience = Audience(GenreAudience.TOUS)
    annonce, nombre = await annonces.publier(
        session,
        auteur=None,
        contenu=contenu,
        audience=audience,
        urgent=args.urgent,
        maintenant=HorlogeSysteme().maintenant(),
    )
    print(
        f"Annonce n°{annonce.id} mise en file pour {nombre} destinataire(s) ; le bot en marche "
        "l'envoie. Suivi : assemblee annonce lister, ou /envois dans Telegram."
    )


# --- séances --------------------------------------------------------------------------------------

# The running bot tells members about a change: the command line only writes the database.
_PREVENUS = "Le bot en marche prévient les membres convoqués."


def _refus_seance(exc: ErreurSeance, quoi: str = "") -> EntreeRefusee:
    phrase = import_seances.phrase_erreur(exc.code)
    return EntreeRefusee(f"{quoi} : {phrase}" if quoi else phrase)


def _debut(reglages: Reglages, texte: str, maintenant: datetime) -> datetime:
    try:
        return import_seances.lire_date_heure(texte, reglages.fuseau, reference=maintenant)
    except ErreurSeance as exc:
        raise _refus_seance(exc, f"--debut « {texte} »") from None


def _fin(reglages: Reglages, texte: str, debut: datetime) -> datetime:
    try:
        return import_seances.lire_fin(texte, debut, reglages.fuseau)
    except ErreurSeance as exc:
        raise _refus_seance(exc, f"--fin « {texte} »") from None


def _type(texte: str) -> TypeSeance:
    type_ = import_seances.lire_type(texte)
    if type_ is None:
        raise EntreeRefusee(
            f"Type « {texte} » inconnu : pleniere, atelier, formation, visite ou autre."
        )
    return type_


def _court(texte: str, longueur: int) -> str:
    return texte if len(texte) <= longueur else texte[: longueur - 1].rstrip() + "…"


async def _seance(session: Any, numero: int) -> Seance:
    seance = await seances.par_id(session, numero)
    if seance is None:
        raise EntreeRefusee(f"Aucune séance n°{numero} (voir « assemblee seances lister --tout »).")
    return seance


async def _nom_groupe(session: Any, groupe_id: int | None) -> str:
    groupe = await session.get(Groupe, groupe_id) if groupe_id is not None else None
    return groupe.nom if groupe is not None else "toute l'assemblée"


async def _decrire(reglages: Reglages, session: Any, seance: Seance) -> list[str]:
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


async def _seances(reglages: Reglages, args: argparse.Namespace) -> None:
    if args.action == "importer":
        await _seances_importer(reglages, args)
        return
    maintenant = HorlogeSysteme().maintenant()
    moteur, sessions = await _base(reglages)
    try:
        async with sessions() as session:
            if args.action == "lister":
                await _seances_lister(reglages, args, session, maintenant)
            elif args.action == "creer":
                await _seances_creer(reglages, args, session, maintenant)
            elif args.action == "modifier":
                await _seances_modifier(reglages, args, session, maintenant)
            elif args.action == "convoques":
                await _seances_convoques(args, session)
            else:
                seance = await _seance(session, args.numero)
                await seances.annuler(session, seance, maintenant=maintenant, auteur=None)
                print(*await _decrire(reglages, session, seance), sep="\n")
                print(f"Séance annulée. {_PREVENUS}")
    except ErreurSeance as exc:
        raise _refus_seance(exc) from None
    finally:
        await moteur.dispose()


async def _seances_convoques(args: argparse.Namespace, session: Any) -> None:
    """Show, and let staff adjust, who is convened to a séance."""
    seance = await _seance(session, args.numero)
    for numero, convoque in [(n, True) for n in args.ajouter or []] + [
        (n, False) for n in args.retirer or []
    ]:
        membre = await membres.par_id(session, numero)
        if membre is None or membre.statut == StatutMembre.PARTI:
            raise EntreeRefusee(f"Aucun membre n°{numero} (voir « assemblee membres lister »).")
        await seances.ajuster(session, seance, membre, convoque=convoque, auteur=None)
    liste = await seances.convoques(session, seance)
    for membre in liste:
        print(f"n°{membre.id}  {membre.nom_complet}  ({membre.statut.value})")
    print(f"{len(liste)} membre(s) convoqué(s) à la séance n°{seance.id}.")


async def _seances_creer(
    reglages: Reglages, args: argparse.Namespace, session: Any, maintenant: datetime
) -> None:
    type_ = _type(args.type)
    groupe = (await _groupes(session, [args.groupe]))[0] if args.groupe else None
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
    seance = await seances.creer(session, champs, auteur=None, maintenant=maintenant)
    convoques = len(await seances.convoques(session, seance))
    print(*await _decrire(reglages, session, seance), sep="\n")
    print(
        f"Séance créée, {convoques} membre(s) convoqué(s) : le bot en marche leur enverra "
        "les rappels."
    )


async def _seances_modifier(
    reglages: Reglages, args: argparse.Namespace, session: Any, maintenant: datetime
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
        session, seance, maintenant=maintenant, auteur=None, **nouveaux
    )
    print(*await _decrire(reglages, session, seance), sep="\n")
    if changement.a_annoncer:
        print(f"Séance modifiée. {_PREVENUS}")
    else:
        print(
            "Séance modifiée ; ni l'horaire ni le lieu n'ont changé : pas de message aux membres."
        )


async def _seances_lister(
    reglages: Reglages, args: argparse.Namespace, session: Any, maintenant: datetime
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
                _court(s.titre, 40),
                _court(s.lieu or s.lien or "", 30),
                etat,
            )
        )
    largeurs = [max(len(ligne[i]) for ligne in lignes) for i in range(len(lignes[0]))]
    for ligne in lignes:
        print("  ".join(v.ljust(largeurs[i]) for i, v in enumerate(ligne)).rstrip())
    print(f"{len(liste)} séance(s).")


def _est_ics(fichier: Path, contenu: bytes) -> bool:
    debut = contenu.lstrip(b"\xef\xbb\xbf \t\r\n")[:15].upper()
    return fichier.suffix.lower() in {".ics", ".ical", ".ifb"} or debut == b"BEGIN:VCALENDAR"


async def _seances_importer(reglages: Reglages, args: argparse.Namespace) -> None:
    fichier = Path(args.fichier)
    try:
        contenu = await asyncio.to_thread(fichier.read_bytes)
    except OSError as exc:
        raise EntreeRefusee(f"{fichier} : lecture impossible ({exc.strerror}).") from None
    ics = _est_ics(fichier, contenu)
    if not ics and (args.groupe or args.a_venir):
        raise EntreeRefusee(
            "--groupe et --a-venir ne servent qu'aux agendas .ics : dans un CSV, remplissez "
            "la colonne groupe de chaque ligne."
        )
    maintenant = HorlogeSysteme().maintenant()
    moteur, sessions = await _base(reglages)
    try:
        async with sessions() as session:
            groupe = (await _groupes(session, [args.groupe]))[0] if args.groupe else None
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
                lignes = [f"{fichier} refusé, rien n'a été importé :"]
                lignes += [f"  {e}" for e in exc.erreurs]
                if exc.passees:
                    lignes.append(
                        "Pour n'importer que les événements à venir d'un agenda exporté, "
                        "ajoutez --a-venir."
                    )
                raise EntreeRefusee("\n".join(lignes)) from None
            creees = await import_seances.enregistrer(session, lecture, maintenant=maintenant)
            for seance in creees:  # one line each: a file may hold a whole year
                titre = (await _decrire(reglages, session, seance))[0]
                print(f"{titre}, {date_longue(seance.debut, reglages.fuseau, 'fr')}")
    finally:
        await moteur.dispose()
    for ignoree in lecture.ignorees:
        print(f"Ignoré : {ignoree}")
    print(
        f"{len(creees)} séance(s) importée(s) depuis {fichier} : le bot en marche enverra les "
        "rappels aux membres convoqués."
    )


# --- présences ------------------------------------------------------------------------------------


async def _presences(reglages: Reglages, args: argparse.Namespace) -> None:
    try:
        mois = presences.lire_mois(args.mois)
    except ValueError as exc:
        raise EntreeRefusee(str(exc)) from None
    sortie = Path(args.sortie) if args.sortie else Path(f"indemnisation-{mois.code}.csv")
    moteur, sessions = await _base(reglages)
    try:
        async with sessions() as session:
            lignes = await presences.presences_du_mois(
                session, mois=mois.code, fuseau=reglages.fuseau
            )
    finally:
        await moteur.dispose()
    contenu = presences.csv_indemnisation(lignes, mois=mois.code, fuseau=reglages.fuseau)
    try:
        # Names and attendance are personal data: the file is readable by its owner only.
        _ecrire_prive(sortie, contenu.encode("utf-8"))
    except OSError as exc:
        raise EntreeRefusee(f"{sortie} : écriture impossible ({exc.strerror}).") from None
    nombre_membres = len({p.membre_id for p in lignes})
    nombre_seances = len({p.seance_id for p in lignes})
    total = sum((p.duree for p in lignes), timedelta())
    print(
        f"{sortie} écrit : {mois.libelle}, {nombre_membres} membre(s), {nombre_seances} "
        f"séance(s), {presences.duree_hmm(total)} heures de présence au total."
    )
    if mois.bornes(reglages.fuseau)[1] > HorlogeSysteme().maintenant():
        print("Attention : ce mois n'est pas fini, d'autres présences peuvent encore être notées.")


# --- sources (veille) ----------------------------------------------------------------------------


async def _sources(reglages: Reglages, args: argparse.Namespace) -> None:
    # httpx logs each request at INFO: it would bury the one sentence on stderr.
    requetes = logging.getLogger("httpx")
    if requetes.getEffectiveLevel() == logging.INFO:
        requetes.setLevel(logging.WARNING)
    maintenant = HorlogeSysteme().maintenant()
    moteur, sessions = await _base(reglages)
    try:
        async with sessions() as session:
            if args.action == "lister":
                _sources_lister(reglages, await sources.lister(session))
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
                            par=None,
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
                        session, source_id=args.numero, par=None, maintenant=maintenant
                    )
                    print(
                        f"Source n°{source.id} « {source.nom} » retirée ; ses articles déjà "
                        "relevés restent."
                    )
            except sources.ErreurSource as exc:
                if exc.code == "inconnue":
                    raise EntreeRefusee(
                        f"Aucune source n°{args.numero} (voir « assemblee sources lister »)."
                    ) from None
                raise EntreeRefusee(
                    f"Source refusée, rien n'est enregistré : {exc.detail}."
                ) from None
    finally:
        await moteur.dispose()


def _sources_lister(reglages: Reglages, liste: Sequence[Any]) -> None:
    if not liste:
        print("Aucune source. Pour en ajouter une : assemblee sources ajouter URL --nom NOM")
        return
    lignes = [("n°", "état", "nom", "adresse", "échecs", "dernière erreur")]
    for s in liste:
        if s.active:
            etat = "active"
        else:
            quand = _date(reglages, s.desactivee_le or s.ajoutee_le)
            etat = f"{'désactivée' if s.echecs else 'retirée'} le {quand}"
        erreur = _court(s.derniere_erreur or "", 50) if s.echecs else ""
        lignes.append(
            (str(s.id), etat, _court(s.nom, 30), s.url, str(s.echecs) if s.echecs else "", erreur)
        )
    largeurs = [max(len(ligne[i]) for ligne in lignes) for i in range(len(lignes[0]))]
    for ligne in lignes:
        print("  ".join(v.ljust(largeurs[i]) for i, v in enumerate(ligne)).rstrip())
    actives = sum(1 for s in liste if s.active)
    print(f"{len(liste)} source(s), dont {actives} active(s).")


def _analyseur_sources(sous: Any) -> None:
    p_f = sous.add_parser("sources", help="flux de la veille : lister, ajouter, retirer")
    f_sous = p_f.add_subparsers(dest="action", required=True, metavar="action")
    f_sous.add_parser("lister", help="les flux suivis, actifs ou non, et leurs erreurs")
    p_fa = f_sous.add_parser("ajouter", help="suivre un flux RSS ou Atom (vérifié d'abord)")
    p_fa.add_argument("url", help="adresse du flux, http:// ou https://")
    p_fa.add_argument("--nom", help="nom affiché dans la revue (défaut : le titre du flux)")
    p_fr = f_sous.add_parser("retirer", help="ne plus suivre un flux (ses articles restent)")
    p_fr.add_argument("numero", type=int, help="numéro de la source (assemblee sources lister)")


# --- demo -----------------------------------------------------------------------------------------


async def _demo(_reglages: Reglages | None, _args: argparse.Namespace) -> None:
    await jouer(sys.stdout)


# --- parser ---------------------------------------------------------------------------------------


def _analyseur_seances(sous: Any) -> None:
    """The `seances` and `presences` commands."""
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

    p_p = sous.add_parser("presences", help="présences (émargement)")
    p_sous = p_p.add_subparsers(dest="action", required=True, metavar="action")
    p_pe = p_sous.add_parser("exporter", help="le CSV d'indemnisation d'un mois")
    p_pe.add_argument("--mois", required=True, help="AAAA-MM, par exemple 2026-11")
    p_pe.add_argument("--sortie", help="fichier écrit (défaut : indemnisation-AAAA-MM.csv)")


def _analyseur_droits(sous: Any, m_sous: Any) -> None:
    """`membres role|groupes|depart` and `journal`."""
    qui = "n° du membre (assemblee membres lister) ou identifiant Telegram"
    p_role = m_sous.add_parser("role", help="changer le rôle (membre ou animateur)")
    p_role.add_argument("membre", type=int, help=qui)
    p_role.add_argument("role", choices=[r.value for r in Role])
    p_grp = m_sous.add_parser("groupes", help="les groupes d'un membre ou d'un animateur")
    p_grp.add_argument("membre", type=int, help=qui)
    p_grp.add_argument("groupes", nargs="+", help="slug ou nom de chaque groupe")
    p_dep = m_sous.add_parser("depart", help="départ de l'assemblée (présences gardées)")
    p_dep.add_argument("membre", type=int, help=qui)
    p_jou = sous.add_parser("journal", help="les changements de rôle, de groupe et les départs")
    p_jou.add_argument("--nombre", type=int, default=50)


def _analyseur() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="assemblee",
        description="Assistant Telegram de l'assemblée citoyenne. Sans commande : lance le bot.",
    )
    sous = p.add_subparsers(dest="commande", metavar="commande")

    p_run = sous.add_parser("run", help="lancer le bot (par défaut)")
    p_run.add_argument(
        "--webhook", action="store_true", help="recevoir les messages par webhook (WEBHOOK_URL)"
    )
    sous.add_parser("demo", help="voir le bot fonctionner, sans jeton ni Telegram")

    p_db = sous.add_parser("db", help="base de données")
    db_sous = p_db.add_subparsers(dest="action", required=True, metavar="action")
    db_sous.add_parser("upgrade", help="créer ou mettre à jour le schéma")
    db_sous.add_parser("current", help="révision de la base et du code")
    p_down = db_sous.add_parser("downgrade", help="revenir à une révision")
    p_down.add_argument("revision")
    p_rev = db_sous.add_parser("revision", help="(développeurs) nouvelle migration")
    p_rev.add_argument("-m", "--message", required=True)

    p_m = sous.add_parser("membres", help="membres")
    m_sous = p_m.add_subparsers(dest="action", required=True, metavar="action")
    p_imp = m_sous.add_parser("importer", help="importer un CSV (nom, prénom, groupe, rôle)")
    p_imp.add_argument("fichier")
    p_imp.add_argument("--sortie", help="CSV des liens (défaut : <fichier>-invitations.csv)")
    p_imp.add_argument(
        "--afficher", action="store_true", help="aussi écrire les liens à l'écran (secrets)"
    )
    p_lis = m_sous.add_parser("lister", help="lister les membres et leur état")
    p_lis.add_argument("--statut", choices=[s.value for s in StatutMembre])
    _analyseur_droits(sous, m_sous)

    p_i = sous.add_parser("invitation", help="liens d'invitation")
    i_sous = p_i.add_subparsers(dest="action", required=True, metavar="action")
    p_cre = i_sous.add_parser("creer", help="créer un lien pour une nouvelle personne")
    p_cre.add_argument("--role", choices=[r.value for r in Role], default=Role.MEMBRE.value)
    p_cre.add_argument("--groupe", action="append", help="slug ou nom ; répétable")
    p_cre.add_argument("--nom", default="")
    p_cre.add_argument("--prenom", default="")
    p_ren = i_sous.add_parser("renouveler", help="nouveau lien pour un membre (l'ancien meurt)")
    p_ren.add_argument("membre", type=int, help="numéro du membre (assemblee membres lister)")
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
    p_lst = a_sous.add_parser("lister", help="les dernières annonces et leur bilan")
    p_lst.add_argument("--nombre", type=int, default=10)

    _analyseur_seances(sous)
    _analyseur_sources(sous)
    return p


ACTIONS: dict[str, Callable[[Any, argparse.Namespace], Coroutine[Any, Any, None]]] = {
    "run": _run,
    "db": _db,
    "membres": _membres,
    "journal": _journal,
    "invitation": _invitation,
    "annonce": _annonce,
    "seances": _seances,
    "presences": _presences,
    "sources": _sources,
    "demo": _demo,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = _analyseur().parse_args(argv)
    commande = args.commande or "run"
    reglages = None
    try:
        reglages = None if commande == "demo" else _reglages()
        asyncio.run(ACTIONS[commande](reglages, args))
    except (ErreurReglage, ErreurGroupes, ErreurSources) as exc:
        print(exc, file=sys.stderr)
        return EXIT_REGLAGE
    except EntreeRefusee as exc:
        print(exc, file=sys.stderr)
        return EXIT_ENTREE
    except TelegramUnauthorizedError:
        print(
            "BOT_TOKEN est refusé par Telegram (401 Unauthorized) : le jeton a été révoqué ou "
            "mal recopié ; demandez le jeton actuel à @BotFather (/token) et mettez-le dans .env.",
            file=sys.stderr,
        )
        return EXIT_REGLAGE
    except OSError as exc:
        if reglages is None or exc.errno != errno.EADDRINUSE:
            return _base_injoignable(reglages, exc)
        print(
            f"Le port {reglages.webhook_port} ({reglages.webhook_hote}) est déjà pris par un "
            "autre programme : arrêtez-le (un bot déjà lancé ?) ou choisissez un autre port avec "
            "WEBHOOK_PORT dans .env.",
            file=sys.stderr,
        )
        return EXIT_REGLAGE
    except (sqlalchemy.exc.OperationalError, sqlalchemy.exc.InterfaceError) as exc:
        return _base_injoignable(reglages, exc)
    except KeyboardInterrupt:
        return 130
    return 0


def _base_injoignable(reglages: Reglages | None, exc: Exception) -> int:
    if reglages is None:
        raise exc
    adresse = make_url(reglages.database_url).render_as_string(hide_password=True)
    print(
        f"La base de données DATABASE_URL={adresse} est injoignable ou refuse l'accès "
        f"({type(exc).__name__}) : vérifiez l'adresse, le mot de passe et que le serveur "
        "est démarré.",
        file=sys.stderr,
    )
    return EXIT_REGLAGE


if __name__ == "__main__":
    sys.exit(main())
