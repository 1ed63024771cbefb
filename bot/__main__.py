"""The `assemblee` command: run the bot, manage the database, members and invitations, demo.

Errors an operator can fix print one sentence and exit non-zero without a traceback:
2 for a setting or configuration file, 1 for refused input (a CSV, an unknown member).
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import html
import io
import os
import sys
from collections.abc import Callable, Coroutine, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

import sqlalchemy.exc
from aiogram.exceptions import TelegramAPIError, TelegramNetworkError, TelegramUnauthorizedError
from alembic import command
from sqlalchemy.engine import make_url

from assemblee import annonces, db, groupes, invitations, membres
from assemblee.annonces import Audience, GenreAudience
from assemblee.envois import Contenu
from assemblee.groupes import ErreurGroupes
from assemblee.horloge import HorlogeSysteme
from assemblee.modeles import Groupe, Role, StatutMembre
from assemblee.textes import Catalogue, apercu
from bot import journal
from bot.app import construire, creer_bot, executer, preparer_base
from bot.demo import jouer
from bot.telegram_local import ErreurEntites, parser_html
from config.reglages import ErreurReglage, Reglages, charger_reglages

EXIT_ENTREE = 1
EXIT_REGLAGE = 2


class EntreeRefusee(Exception):
    """Input refused (exit 1); `str()` is for the operator."""


def _reglages() -> Reglages:
    reglages = charger_reglages()
    secret = reglages.bot_token.get_secret_value() if reglages.bot_token else ""
    journal.configurer(reglages.niveau_log, [secret])
    return reglages


async def _base(reglages: Reglages) -> tuple[Any, db.FabriqueSessions]:
    return await preparer_base(reglages)


# --- run ------------------------------------------------------------------------------------------


async def _run(reglages: Reglages, args: argparse.Namespace) -> None:
    # Fail with the operator's sentence before touching the database.
    reglages.jeton  # noqa: B018
    webhook = bool(getattr(args, "webhook", False)) or reglages.webhook
    if webhook:
        reglages.url_webhook_complete  # noqa: B018
    app = await construire(reglages)
    try:
        await executer(app, signaux=True, webhook=webhook)
    finally:
        await app.fermer()


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
            tampon = io.StringIO()
            ecrivain = csv.writer(tampon, delimiter=lecture.separateur, lineterminator="\r\n")
            ecrivain.writerow([*lecture.entetes, "lien_invitation", "valable_jusqu_au"])
            lignes = await invitations.enregistrer_import(
                session, lecture, maintenant=maintenant, validite=validite
            )
            for ligne in lignes:
                lien = invitations.lien_invitation(username, ligne.jeton)
                fin = _date(reglages, maintenant + validite)
                ecrivain.writerow([*ligne.valeurs.values(), lien, fin])
                print(f"{ligne.prenom} {ligne.nom} : {lien}")
    finally:
        await moteur.dispose()
    _ecrire_prive(sortie, tampon.getvalue().encode("utf-8-sig"))
    print(f"{len(lignes)} membre(s) importé(s). Liens écrits dans {sortie} (à garder secret).")


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
    texte = brut.strip() if args.html else html.escape(brut.strip(), quote=False)
    if args.html:
        try:
            parser_html(texte)
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


# --- demo -----------------------------------------------------------------------------------------


async def _demo(_reglages: Reglages | None, _args: argparse.Namespace) -> None:
    await jouer(sys.stdout)


# --- parser ---------------------------------------------------------------------------------------


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
    p_lis = m_sous.add_parser("lister", help="lister les membres et leur état")
    p_lis.add_argument("--statut", choices=[s.value for s in StatutMembre])

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
    return p


ACTIONS: dict[str, Callable[[Any, argparse.Namespace], Coroutine[Any, Any, None]]] = {
    "run": _run,
    "db": _db,
    "membres": _membres,
    "invitation": _invitation,
    "annonce": _annonce,
    "demo": _demo,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = _analyseur().parse_args(argv)
    commande = args.commande or "run"
    reglages = None
    try:
        reglages = None if commande == "demo" else _reglages()
        asyncio.run(ACTIONS[commande](reglages, args))
    except (ErreurReglage, ErreurGroupes) as exc:
        print(exc, file=sys.stderr)
        return EXIT_REGLAGE
    except EntreeRefusee as exc:
        print(exc, file=sys.stderr)
        return EXIT_ENTREE
    except (OSError, sqlalchemy.exc.OperationalError, sqlalchemy.exc.InterfaceError) as exc:
        if reglages is None:
            raise
        adresse = make_url(reglages.database_url).render_as_string(hide_password=True)
        print(
            f"La base de données DATABASE_URL={adresse} est injoignable ou refuse l'accès "
            f"({type(exc).__name__}) : vérifiez l'adresse, le mot de passe et que le serveur "
            "est démarré.",
            file=sys.stderr,
        )
        return EXIT_REGLAGE
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
