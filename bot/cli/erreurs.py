"""Every way the `assemblee` command can fail: its exit code and the one sentence it prints.

0 done; 1 input refused (a file, an unknown member, a séance the rules refuse): `EntreeRefusee`;
2 a setting, a configuration file, the database or Telegram refusing the token; 130 interrupted.
The commands raise; `main` hands what it catches to `code_de_sortie`; nothing else prints an
error or picks an exit code. The sentences name what to fix, never a secret.
"""

from __future__ import annotations

import errno
import sys
from collections.abc import Sequence
from pathlib import Path

import sqlalchemy.exc
from aiogram.exceptions import TelegramUnauthorizedError
from sqlalchemy.engine import make_url

from assemblee.groupes import ErreurGroupes
from assemblee.membres import ErreurDroits
from assemblee.modeles import Membre
from assemblee.seances import ErreurSeance
from config.reglages import ErreurReglage, Reglages
from rappels import import_seances
from veille.sources import ErreurSource, ErreurSources

EXIT_ENTREE = 1
EXIT_REGLAGE = 2
EXIT_INTERROMPU = 130


class EntreeRefusee(Exception):
    """Input refused (exit 1); `str()` is for the operator."""


# A setting or a configuration file at fault: their `str()` names it and what to fix.
_REGLAGES = (ErreurReglage, ErreurGroupes, ErreurSources)
# The database out of reach (or, with EADDRINUSE, the webhook's port taken).
_RESEAU = (OSError, sqlalchemy.exc.OperationalError, sqlalchemy.exc.InterfaceError)
# What `main` catches; anything else is a bug and keeps its traceback.
PREVUES: tuple[type[BaseException], ...] = (
    EntreeRefusee,
    *_REGLAGES,
    TelegramUnauthorizedError,
    *_RESEAU,
    KeyboardInterrupt,
)


def code_de_sortie(exc: BaseException, reglages: Reglages | None) -> int | None:
    """Print the operator's sentence for `exc` on stderr and return the exit code; None when
    `exc` is not the operator's to fix (the caller re-raises it)."""
    if isinstance(exc, KeyboardInterrupt):
        return EXIT_INTERROMPU
    if isinstance(exc, EntreeRefusee):
        return _dire(str(exc), EXIT_ENTREE)
    if isinstance(exc, _REGLAGES):
        return _dire(str(exc), EXIT_REGLAGE)
    if isinstance(exc, TelegramUnauthorizedError):
        return _dire(
            "BOT_TOKEN est refusé par Telegram (401 Unauthorized) : le jeton a été révoqué ou "
            "mal recopié ; demandez le jeton actuel à @BotFather (/token) et mettez-le dans .env.",
            EXIT_REGLAGE,
        )
    if reglages is None:
        # Without settings (the demo) there is no DATABASE_URL nor port of the operator's.
        return None
    if isinstance(exc, OSError) and exc.errno == errno.EADDRINUSE:
        return _dire(
            f"Le port {reglages.webhook_port} ({reglages.webhook_hote}) est déjà pris par un "
            "autre programme : arrêtez-le (un bot déjà lancé ?) ou choisissez un autre port avec "
            "WEBHOOK_PORT dans .env.",
            EXIT_REGLAGE,
        )
    if isinstance(exc, _RESEAU):
        adresse = make_url(reglages.database_url).render_as_string(hide_password=True)
        return _dire(
            f"La base de données DATABASE_URL={adresse} est injoignable ou refuse l'accès "
            f"({type(exc).__name__}) : vérifiez l'adresse, le mot de passe et que le serveur "
            "est démarré.",
            EXIT_REGLAGE,
        )
    return None


def _dire(phrase: str, code: int) -> int:
    print(phrase, file=sys.stderr)
    return code


# --- the bot's name, asked to Telegram (exit 2) ---------------------------------------------------


def nom_du_bot_manquant() -> ErreurReglage:
    return ErreurReglage(
        "BOT_USERNAME manque : écrivez le nom du bot (sans @) dans .env, par exemple "
        "BOT_USERNAME=assemblee_paris_bot, ou renseignez BOT_TOKEN pour le demander à Telegram."
    )


def nom_du_bot_jeton_refuse() -> ErreurReglage:
    return ErreurReglage(
        "BOT_TOKEN est refusé par Telegram : recopiez le jeton donné par @BotFather."
    )


def nom_du_bot_sans_reponse() -> ErreurReglage:
    return ErreurReglage(
        "Telegram ne répond pas pour donner le nom du bot : indiquez-le dans .env avec "
        "BOT_USERNAME=… (sans @)."
    )


# --- input refused (exit 1) -----------------------------------------------------------------------


def lecture_impossible(fichier: Path, exc: OSError) -> EntreeRefusee:
    return EntreeRefusee(f"{fichier} : lecture impossible ({exc.strerror}).")


def texte_illisible(fichier: Path, exc: OSError | UnicodeDecodeError) -> EntreeRefusee:
    return EntreeRefusee(f"{fichier} : lecture impossible en UTF-8 ({exc}).")


def html_refuse(fichier: Path, exc: Exception) -> EntreeRefusee:
    """`exc`: what Telegram's HTML parser says of the file (telegram_local.ErreurEntites)."""
    return EntreeRefusee(f"{fichier} : HTML refusé par Telegram ({exc}).")


def ecriture_impossible(fichier: Path, exc: OSError) -> EntreeRefusee:
    return EntreeRefusee(f"{fichier} : écriture impossible ({exc.strerror}).")


def import_refuse(fichier: Path, erreurs: Sequence[str], *conseils: str) -> EntreeRefusee:
    """A file imported all or nothing: one line per problem, then what to do."""
    lignes = [f"{fichier} refusé, rien n'a été importé :", *(f"  {e}" for e in erreurs)]
    return EntreeRefusee("\n".join([*lignes, *conseils]))


def import_seances_refuse(fichier: Path, exc: import_seances.ErreurImport) -> EntreeRefusee:
    conseil = "Pour n'importer que les événements à venir d'un agenda exporté, ajoutez --a-venir."
    return import_refuse(fichier, exc.erreurs, *([conseil] if exc.passees else []))


def mois_illisible(exc: ValueError) -> EntreeRefusee:
    return EntreeRefusee(str(exc))  # rappels.presences.lire_mois says what to write


def membre_inconnu(numero: int) -> EntreeRefusee:
    return EntreeRefusee(f"Aucun membre n°{numero} (voir « assemblee membres lister »).")


def groupe_inconnu(designation: str, connus: Sequence[str] | None = None) -> EntreeRefusee:
    liste = f" Groupes : {', '.join(connus)}." if connus is not None else ""
    return EntreeRefusee(f"Groupe « {designation} » inconnu.{liste}")


def seance_inconnue(numero: int) -> EntreeRefusee:
    return EntreeRefusee(f"Aucune séance n°{numero} (voir « assemblee seances lister --tout »).")


def refus_seance(exc: ErreurSeance, quoi: str = "") -> EntreeRefusee:
    """A séance the rules refuse; `quoi` names the option at fault."""
    phrase = import_seances.phrase_erreur(exc.code)
    return EntreeRefusee(f"{quoi} : {phrase}" if quoi else phrase)


def refus_source(exc: ErreurSource, numero: int | None) -> EntreeRefusee:
    if exc.code == "inconnue":
        return EntreeRefusee(f"Aucune source n°{numero} (voir « assemblee sources lister »).")
    return EntreeRefusee(f"Source refusée, rien n'est enregistré : {exc.detail}.")


# Why a change of rights was refused, for the operator (`ErreurDroits.code`).
REFUS_DROITS = {
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


def refus_droits(exc: ErreurDroits, membre: Membre) -> EntreeRefusee:
    return EntreeRefusee(
        f"Rien n'a changé : n°{membre.id} {membre.nom_complet} {REFUS_DROITS[exc.code]}."
    )
