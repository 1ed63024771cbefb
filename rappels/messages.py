"""What a reminder, a change notice or a nudge says, in the member's language."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import quote_plus
from zoneinfo import ZoneInfo

from assemblee.dates import date_longue
from assemblee.modeles import ChoixReponse, Seance
from assemblee.textes import Html, Traducteur, heure, joindre


def lien_plan(lieu: str) -> str:
    return f"https://www.openstreetmap.org/search?query={quote_plus(lieu)}"


def carte(seance: Seance, nom_groupe: str | None, t: Traducteur, fuseau: ZoneInfo) -> Html:
    """The séance as members see it: title, kind, group, when, where, the online link."""
    lignes = [
        t(
            "carte-titre",
            titre=seance.titre,
            type=seance.type.value,
            groupe=nom_groupe or t("carte-toute-assemblee"),
        ),
        t(
            "carte-quand",
            date=date_longue(seance.debut, fuseau, t.langue),
            fin=heure(seance.fin.astimezone(fuseau).time(), t.langue),
        ),
    ]
    if seance.lieu:
        lignes.append(t("carte-lieu", lieu=seance.lieu, plan=lien_plan(seance.lieu)))
    if seance.lien:
        lignes.append(t("carte-lien", lien=seance.lien))
    return joindre(lignes)


def creneau(debut: datetime, fin: datetime, t: Traducteur, fuseau: ZoneInfo) -> Html:
    """ "jeudi 10 décembre à 18 h 30 – 20 h 30"."""
    return t(
        "creneau",
        date=date_longue(debut, fuseau, t.langue),
        fin=heure(fin.astimezone(fuseau).time(), t.langue),
    )


def ligne_reponse(reponse: ChoixReponse | None, t: Traducteur) -> Html:
    """The last line of every message with answer buttons: the question, or the answer given."""
    return t("rappel-question") if reponse is None else t("reponse-actuelle", choix=reponse.value)


def texte_rappel(
    seance: Seance,
    nom_groupe: str | None,
    envoye_vers: datetime,
    reponse: ChoixReponse | None,
    t: Traducteur,
    fuseau: ZoneInfo,
) -> Html:
    """A reminder; its heading counts from when it goes out ("demain", "dans 3 jours", "dans
    2 heures"), not from the configured offset: a late or moved reminder tells the truth."""
    jours = (seance.debut.astimezone(fuseau).date() - envoye_vers.astimezone(fuseau).date()).days
    heures = max(1, round((seance.debut - envoye_vers).total_seconds() / 3600))
    entete = t("rappel-entete", jours=max(jours, 0), heures=heures)
    tete = joindre([entete, carte(seance, nom_groupe, t, fuseau)])
    return joindre([tete, ligne_reponse(reponse, t)], "\n\n")
