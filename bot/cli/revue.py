"""`assemblee revue apercu|envoyer`: a group's news digest (revue de presse) previewed as its
readers will get it, or sent now instead of waiting for its day (config/groupes.toml)."""

from __future__ import annotations

import argparse
from typing import Any

from assemblee import journal
from assemblee.envois import est_heure_calme
from assemblee.modeles import FrequenceRevue, Groupe, Langue
from assemblee.textes import Catalogue, heure, visible
from bot.cli import commun
from config.reglages import Reglages
from veille import revue

# Why nothing would go (veille.revue.RAISONS), after "Rien à envoyer pour <groupe> : ".
RIEN_A_ENVOYER = {
    revue.RAISON_INACTIF: "ce groupe n'est plus dans config/groupes.toml",
    revue.RAISON_RIEN: (
        "aucun article gardé depuis la dernière revue de presse (les animateurs gardent les "
        "articles avec /veille)"
    ),
    revue.RAISON_PERSONNE: (
        "aucun membre ne reçoit la revue de presse de ce groupe (chacun la choisit dans /moi)"
    ),
    revue.RAISON_DEJA: "cette revue de presse vient de partir",
}
FREQUENCES = {
    FrequenceRevue.HEBDOMADAIRE: "chaque semaine",
    FrequenceRevue.QUOTIDIENNE: "chaque jour",
}


def ajouter(sous: Any) -> None:
    p_r = sous.add_parser("revue", help="revue de presse d'un groupe : aperçu, envoi immédiat")
    r_sous = p_r.add_subparsers(dest="action", required=True, metavar="action")
    p_ap = r_sous.add_parser(
        "apercu", help="la prochaine revue d'un groupe, telle que ses membres la recevront"
    )
    p_ap.add_argument("--groupe", required=True, help="le groupe (slug ou nom)")
    p_ap.add_argument(
        "--langue",
        choices=[lg.value for lg in Langue],
        help="langue du texte (défaut : LANGUE_DEFAUT)",
    )
    p_ap.set_defaults(executer=_apercu)
    p_env = r_sous.add_parser(
        "envoyer", help="envoyer maintenant la revue d'un groupe (le bot en marche l'envoie)"
    )
    p_env.add_argument("--groupe", required=True, help="le groupe (slug ou nom)")
    p_env.set_defaults(executer=_envoyer)


def _rien(groupe: Groupe, raison: str | None) -> str:
    return f"Rien à envoyer pour {groupe.nom} : {RIEN_A_ENVOYER[raison or revue.RAISON_RIEN]}."


async def _apercu(reglages: Reglages, args: argparse.Namespace) -> None:
    catalogue = Catalogue(defaut=reglages.langue_defaut)
    async with commun.base(reglages) as session:
        (groupe,) = await commun.trouver_groupes(session, [args.groupe])
        vue = await revue.apercu(
            session,
            groupe=groupe,
            langue=args.langue or reglages.langue_defaut,
            maintenant=commun.maintenant(),
            catalogue=catalogue,
            fuseau=reglages.fuseau,
        )
    if not vue.parties:
        print(_rien(groupe, vue.raison))
        return
    print(
        f"Revue de presse de {groupe.nom} si elle partait maintenant : "
        f"{len(vue.articles)} article(s), pour {vue.destinataires} membre(s)."
    )
    for partie in vue.parties:
        print(f"\n--- {FREQUENCES[partie.frequence]} : {len(partie.destinataires)} membre(s) ---")
        for numero, message in enumerate(partie.messages):
            print(("\n" if numero else "") + visible(message))
    print("\nPour l'envoyer maintenant : assemblee revue envoyer --groupe " + groupe.slug)


async def _envoyer(reglages: Reglages, args: argparse.Namespace) -> None:
    maintenant = commun.maintenant()
    async with commun.base(reglages) as session:
        (groupe,) = await commun.trouver_groupes(session, [args.groupe])
        envoyee = await revue.envoyer_maintenant(
            session,
            groupe=groupe,
            auteur=journal.Auteur(journal.ORIGINE_CLI, None),
            maintenant=maintenant,
            catalogue=Catalogue(defaut=reglages.langue_defaut),
            fuseau=reglages.fuseau,
        )
    if envoyee.raison is not None:
        print(_rien(groupe, envoyee.raison))
        return
    calme = ""
    if est_heure_calme(maintenant, reglages.heures_calmes, reglages.fuseau):
        fin = heure(reglages.heures_calmes.fin, "fr")
        calme = f" Ce sont les heures calmes : l'envoi commencera à {fin}."
    print(
        f"Revue de presse de {groupe.nom} ({envoyee.articles} article(s)) mise en file pour "
        f"{envoyee.destinataires} membre(s) ; le bot en marche l'envoie.{calme}"
    )
