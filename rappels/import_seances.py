"""Séances typed by people or imported in bulk: dates and times as they are written, and the
calendar of a CSV spreadsheet or an .ics export, read all-or-nothing.

Every séance read is checked by `seances.verifier`, so an import obeys the same rules as the bot
and the command line; a refused file names every bad line (CSV) or event (.ics), and nothing is
written until the whole file is right.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import journal
from assemblee.dates import date_longue
from assemblee.groupes import groupes_actifs, normaliser
from assemblee.horloge import HorlogeSysteme
from assemblee.invitations import decoder
from assemblee.modeles import Groupe, Seance, TypeSeance
from assemblee.seances import DUREE_MAX, Champs, ErreurSeance, creer, verifier
from assemblee.textes import Catalogue, Traducteur, visible

LIGNES_MAX = 1000
_ANNEES_MAX = 8  # a 29 February written without a year: look this far ahead for one

# --- The catalogue's sentence for a refusal ----------------------------------------------------


@lru_cache(maxsize=1)
def _francais() -> Traducteur:
    # The texts never change while the process runs: read the .ftl files once.
    return Catalogue().pour("fr")


def phrase_erreur(code: str) -> str:
    """The French sentence (plain text) the catalogue gives for an `ErreurSeance` code."""
    return visible(_francais()("seance-erreur", raison=code))


# --- Dates and times as people type them --------------------------------------------------------

_JOURS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")

_DATE_HEURE = re.compile(
    r"""
    (?:le\s+)?
    (?:(?P<semaine>[a-z]+)\.?,?\s+)?                      # "jeudi 3/12", checked against the date
    (?:
        (?P<annee_iso>\d{4})-(?P<mois_iso>\d{1,2})-(?P<jour_iso>\d{1,2})
      | (?P<jour>\d{1,2})[/.-](?P<mois>\d{1,2})(?:[/.-](?P<annee>\d{4}|\d{2}))?
    )
    (?:\s*[t,]\s*|\s+(?:a\s+)?)                          # a space, "T", a comma or " à "
    (?P<heure>\d{1,2})
    (?::(?P<minute>\d{2})(?::(?P<seconde>\d{2}))?|\s*h\s*(?P<minute_h>\d{2})?)
    """,
    re.VERBOSE,
)
_HEURE_SEULE = re.compile(r"(?P<heure>\d{1,2}):(?P<minute>\d{2})(?::(?P<seconde>\d{2}))?")
_MOT_MINUTES = r"(?:min|mn|minutes?)"
_HEURES_MINUTES = re.compile(
    rf"(?P<heure>\d{{1,2}})\s*(?P<unite>h|heures?)\s*(?:(?P<minute>\d{{1,2}})\s*(?P<mot>{_MOT_MINUTES})?)?"
)
_MINUTES_SEULES = re.compile(rf"(?P<minute>\d{{1,4}})\s*{_MOT_MINUTES}")
_PREFIXE_DUREE = re.compile(r"(?:\+|pendant|duree\s*:?)\s*(?P<reste>.*)")


def _simplifier(texte: str) -> str:
    """Lower case, no accents, single spaces: "Jeudi 3/12 à 18H30" -> "jeudi 3/12 a 18h30"."""
    decompose = unicodedata.normalize("NFKD", texte)
    sans_accents = "".join(c for c in decompose if not unicodedata.combining(c))
    return " ".join(sans_accents.casefold().split())


def _localiser(jour: date, heure: int, minute: int, fuseau: ZoneInfo, code: str) -> datetime:
    """A wall-clock time in `fuseau`, as an aware UTC instant.

    The hour skipped when clocks go forward (02:30 on the last Sunday of March in Paris) does
    not exist: refused rather than silently moved. The hour repeated when they go back takes
    its first occurrence (fold=0), the one people reach first.
    """
    try:
        local = datetime(jour.year, jour.month, jour.day, heure, minute, tzinfo=fuseau)
    except ValueError:
        raise ErreurSeance(code) from None
    instant = local.astimezone(UTC)
    retour = instant.astimezone(fuseau)
    if (retour.date(), retour.time()) != (local.date(), local.time()):
        raise ErreurSeance(code)
    return instant


def _maintenant() -> datetime:
    return HorlogeSysteme().maintenant()


def lire_date_heure(texte: str, fuseau: ZoneInfo, *, reference: datetime | None = None) -> datetime:
    """A start date and time as people type it, in `fuseau`; an aware UTC instant.

    Accepted: "03/12/2026 18:30", "3/12/2026 18h30", "3/12/26 à 18h", "jeudi 3/12 18h30",
    "2026-12-03 18:30", "2026-12-03T18:30". Without a year, the next occurrence of that day
    from `reference` (now by default): today counts, so a time already past today is refused
    later as past rather than moved a year ahead. Raises `ErreurSeance("date-illisible")`.
    """
    trouve = _DATE_HEURE.fullmatch(_simplifier(texte))
    if trouve is None:
        raise ErreurSeance("date-illisible")
    g = trouve.groupdict()
    heure = int(g["heure"])
    minute = int(g["minute"] or g["minute_h"] or 0)
    if heure > 23 or minute > 59 or int(g["seconde"] or 0) > 59:
        raise ErreurSeance("date-illisible")
    try:
        if g["annee_iso"]:
            jour = date(int(g["annee_iso"]), int(g["mois_iso"]), int(g["jour_iso"]))
        elif g["annee"]:
            annee = int(g["annee"])
            jour = date(annee + 2000 if annee < 100 else annee, int(g["mois"]), int(g["jour"]))
        else:
            jour = _prochain(int(g["jour"]), int(g["mois"]), reference, fuseau)
    except ValueError:
        raise ErreurSeance("date-illisible") from None
    semaine = g["semaine"]
    if semaine and (len(semaine) < 3 or not _JOURS[jour.weekday()].startswith(semaine)):
        raise ErreurSeance("date-illisible")  # "mardi 3/12" when the 3rd is a Thursday
    return _localiser(jour, heure, minute, fuseau, "date-illisible")


def _prochain(jour: int, mois: int, reference: datetime | None, fuseau: ZoneInfo) -> date:
    aujourdhui = (reference or _maintenant()).astimezone(fuseau).date()
    for annee in range(aujourdhui.year, aujourdhui.year + _ANNEES_MAX + 1):
        try:
            candidat = date(annee, mois, jour)
        except ValueError:
            continue  # 29/02 in a common year: try the next one
        if candidat >= aujourdhui:
            return candidat
    raise ValueError("no such day")


def lire_fin(texte: str, debut: datetime, fuseau: ZoneInfo) -> datetime:
    """The end of a séance as people type it, from its start; an aware UTC instant.

    A clock time ("20:30", "20h30", "20h") falls on the start's day, or on the next one when
    it comes before the start and the séance would then last at most 12 hours (22:00 to 01:00).
    A duration ("2h", "1h30", "90 min", "2 heures", "+2h") counts from the start. A one-digit
    "9h30" is a clock time when that time comes after the start on the same day (8:00 to 9h30)
    and a duration otherwise (18:30 for 2h). A full date and time is read as `lire_date_heure`
    does. Raises `ErreurSeance("duree-illisible")`.
    """
    # In UTC, adding a duration adds elapsed time, not wall-clock time.
    debut = debut.astimezone(UTC)
    simple = _simplifier(texte)
    prefixe = _PREFIXE_DUREE.fullmatch(simple)
    if prefixe is not None:
        return debut + _duree(prefixe.group("reste"))
    if _MINUTES_SEULES.fullmatch(simple):
        return debut + _duree(simple)
    heure_seule = _HEURE_SEULE.fullmatch(simple)
    if heure_seule is not None:
        return _heure_de_fin(int(heure_seule["heure"]), int(heure_seule["minute"]), debut, fuseau)
    hm = _HEURES_MINUTES.fullmatch(simple)
    if hm is not None:
        if hm["unite"] != "h" or hm["mot"]:
            return debut + _duree(simple)
        heure, minute = int(hm["heure"]), int(hm["minute"] or 0)
        if len(hm["heure"]) == 2:
            return _heure_de_fin(heure, minute, debut, fuseau)
        try:
            fin = _heure_de_fin(heure, minute, debut, fuseau, lendemain=False)
        except ErreurSeance:
            fin = debut
        return fin if fin > debut else debut + _duree(simple)
    try:
        return lire_date_heure(texte, fuseau, reference=debut)
    except ErreurSeance:
        raise ErreurSeance("duree-illisible") from None


def _duree(texte: str) -> timedelta:
    minutes = _MINUTES_SEULES.fullmatch(texte)
    if minutes is not None:
        return timedelta(minutes=int(minutes["minute"]))
    hm = _HEURES_MINUTES.fullmatch(texte)
    if hm is None or int(hm["minute"] or 0) > 59:
        raise ErreurSeance("duree-illisible")
    return timedelta(hours=int(hm["heure"]), minutes=int(hm["minute"] or 0))


def _heure_de_fin(
    heure: int, minute: int, debut: datetime, fuseau: ZoneInfo, *, lendemain: bool = True
) -> datetime:
    if heure > 23 or minute > 59:
        raise ErreurSeance("duree-illisible")
    jour = debut.astimezone(fuseau).date()
    fin = _localiser(jour, heure, minute, fuseau, "duree-illisible")
    if fin <= debut and lendemain:
        suivante = _localiser(jour + timedelta(days=1), heure, minute, fuseau, "duree-illisible")
        if suivante - debut <= DUREE_MAX:
            return suivante  # a séance that ends after midnight
    return fin


# --- Reading a file of séances ------------------------------------------------------------------


class ErreurImport(Exception):
    """The file is refused whole; `erreurs` has one sentence per bad line or event.

    `passees` counts the events refused only for being past, so that the caller can suggest
    skipping them (an exported calendar holds its past events too).
    """

    def __init__(self, erreurs: list[str], *, passees: int = 0) -> None:
        super().__init__("\n".join(erreurs))
        self.erreurs = erreurs
        self.passees = passees


@dataclass(frozen=True)
class SeanceLue:
    """A checked séance of the file: `numero` is its line (CSV, as a spreadsheet numbers its
    rows) or the event's rank (.ics); `origine` says it in words for the operator."""

    numero: int
    origine: str
    champs: Champs


@dataclass
class Lecture:
    seances: list[SeanceLue]
    ignorees: list[str] = field(default_factory=list)  # events skipped, with why


_TYPES = {t.value: t for t in TypeSeance}
_NOMS_TYPES = "pleniere, atelier, formation, visite ou autre"
_COLONNES = ("type", "titre", "groupe", "debut", "fin", "lieu", "lien", "description")
_OBLIGATOIRES = ("type", "titre", "debut", "fin")
_ALIAS = {"date": "debut", "date-debut": "debut", "adresse": "lieu", "url": "lien", "visio": "lien"}


def lire_type(texte: str) -> TypeSeance | None:
    """ "Plénière", "ateliers", "VISITE"… -> the type; None when it is none of them."""
    cle = normaliser(texte)
    return _TYPES.get(cle) or _TYPES.get(cle.removesuffix("s"))


@dataclass
class _Controle:
    """What every read séance is checked against: the clock, groups, the calendar so far."""

    maintenant: datetime
    fuseau: ZoneInfo
    existantes: dict[tuple[str, datetime, int | None], int]
    vues: dict[tuple[str, datetime, int | None], str] = field(default_factory=dict)

    def doublon(self, champs: Champs, origine: str) -> str | None:
        cle = (champs.titre.casefold(), champs.debut, champs.groupe.id if champs.groupe else None)
        if cle in self.vues:
            return f"même séance que {self.vues[cle]}."
        self.vues[cle] = origine
        if cle in self.existantes:
            quand = date_longue(champs.debut, self.fuseau, "fr")
            return (
                f"la séance « {champs.titre} » du {quand} existe déjà (n°{self.existantes[cle]})"
                " : le fichier a-t-il déjà été importé ?"
            )
        return None


async def _controle(session: AsyncSession, maintenant: datetime, fuseau: ZoneInfo) -> _Controle:
    requete = (
        select(Seance).where(col(Seance.debut) > maintenant).where(col(Seance.annulee_le).is_(None))
    )
    existantes = {
        (s.titre.casefold(), s.debut, s.groupe_id): s.id or 0
        for s in (await session.exec(requete)).all()
    }
    return _Controle(maintenant=maintenant, fuseau=fuseau, existantes=existantes)


def _index_groupes(groupes: Sequence[Groupe]) -> dict[str, Groupe]:
    index = {}
    for g in groupes:
        index[g.slug] = index[normaliser(g.nom)] = g
    return index


async def lire_csv(
    session: AsyncSession, contenu: bytes, *, maintenant: datetime, fuseau: ZoneInfo
) -> Lecture:
    """Read a spreadsheet of séances (columns type, titre, groupe, debut, fin, lieu, lien,
    description), UTF-8 or Windows-1252, separated by `,` `;` or tabs. Any bad line refuses
    the whole file with `ErreurImport`."""
    try:
        texte, _ = decoder(contenu)
    except UnicodeDecodeError:
        raise ErreurImport(["le fichier n'est pas un texte CSV lisible (UTF-8 attendu)."]) from None
    premiere = texte.split("\n", 1)[0]
    separateur = max(";,\t", key=premiere.count)
    lecteur = csv.reader(io.StringIO(texte, newline=""), delimiter=separateur)
    entetes, colonnes = _entetes(lecteur)
    groupes = _index_groupes(await groupes_actifs(session))
    controle = await _controle(session, maintenant, fuseau)
    erreurs: list[str] = []
    lues: list[SeanceLue] = []
    # Rows are counted rather than physical lines: a description with line breaks is still
    # one row in the spreadsheet the operator has open.
    numero = 1
    try:
        for numero, rangee in enumerate(lecteur, start=2):
            if not any(v.strip() for v in rangee):
                continue
            if len(lues) + len(erreurs) >= LIGNES_MAX:
                erreurs.append(f"ligne {numero} : plus de {LIGNES_MAX} séances, fichier refusé.")
                break
            origine = f"ligne {numero}"
            resultat = _ligne_csv(rangee, entetes, colonnes, groupes, controle)
            if isinstance(resultat, str):
                erreurs.append(f"{origine} : {resultat}")
                continue
            probleme = controle.doublon(resultat, origine)
            if probleme is not None:
                erreurs.append(f"{origine} : {probleme}")
            else:
                lues.append(SeanceLue(numero, origine, resultat))
    except csv.Error as exc:
        erreurs.append(f"ligne {numero + 1} : CSV illisible ({exc}).")
    if erreurs:
        raise ErreurImport(erreurs)
    if not lues:
        raise ErreurImport(["le fichier ne contient aucune séance (seulement les en-têtes)."])
    return Lecture(lues)


def _entetes(lecteur: Any) -> tuple[list[str], dict[str, int]]:
    """The header row and where each known column is (names normalised, a few aliases)."""
    try:
        entetes = next(lecteur)
    except (StopIteration, csv.Error):
        raise ErreurImport(
            ["ligne 1 : le fichier est vide ; il faut une ligne d'en-têtes."]
        ) from None
    colonnes: dict[str, int] = {}
    for i, entete in enumerate(entetes):
        nom = normaliser(entete)
        colonnes.setdefault(_ALIAS.get(nom, nom), i)
    manquantes = [c for c in _OBLIGATOIRES if c not in colonnes]
    if manquantes:
        raise ErreurImport(
            [
                f"ligne 1 : colonne(s) {', '.join(manquantes)} absente(s) "
                f"(en-têtes trouvés : {', '.join(entetes) or 'aucun'} ; "
                f"colonnes possibles : {', '.join(_COLONNES)})."
            ]
        )
    return entetes, colonnes


def _ligne_csv(
    rangee: list[str],
    entetes: list[str],
    colonnes: dict[str, int],
    groupes: dict[str, Groupe],
    controle: _Controle,
) -> Champs | str:
    """The séance of one row, or the sentence that says what is wrong with it."""
    if len(rangee) > len(entetes):
        return f"{len(rangee)} colonnes au lieu de {len(entetes)} (séparateur en trop ?)."
    rangee = rangee + [""] * (len(entetes) - len(rangee))

    def cellule(nom: str) -> str:
        return rangee[colonnes[nom]].strip() if nom in colonnes else ""

    type_lu = cellule("type")
    type_ = lire_type(type_lu)
    if type_ is None:
        quoi = f"type « {type_lu} » inconnu" if type_lu else "type manquant"
        return f"{quoi} ({_NOMS_TYPES})."
    groupe = None
    if cellule("groupe"):
        groupe = groupes.get(normaliser(cellule("groupe")))
        if groupe is None:
            connus = ", ".join(sorted({g.slug for g in groupes.values()}))
            return f"groupe « {cellule('groupe')} » inconnu (groupes : {connus})."
    try:
        debut = lire_date_heure(cellule("debut"), controle.fuseau, reference=controle.maintenant)
    except ErreurSeance as exc:
        return f"début « {cellule('debut')} » : {phrase_erreur(exc.code)}"
    try:
        fin = lire_fin(cellule("fin"), debut, controle.fuseau)
    except ErreurSeance as exc:
        return f"fin « {cellule('fin')} » : {phrase_erreur(exc.code)}"
    brut = Champs(
        type=type_,
        titre=cellule("titre"),
        groupe=groupe,
        debut=debut,
        fin=fin,
        lieu=cellule("lieu"),
        lien=cellule("lien"),
        description=cellule("description"),
    )
    try:
        return verifier(brut, controle.maintenant)
    except ErreurSeance as exc:
        return phrase_erreur(exc.code)


# --- .ics --------------------------------------------------------------------------------------

_LIEN = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)


async def lire_ics(
    session: AsyncSession,
    contenu: bytes,
    *,
    maintenant: datetime,
    fuseau: ZoneInfo,
    groupe: Groupe | None = None,
    a_venir_seulement: bool = False,
) -> Lecture:
    """Read the events (VEVENT) of an iCalendar file as séances, all for `groupe` (or the whole
    assembly). Cancelled events are skipped, and past ones too with `a_venir_seulement`; any
    other bad event refuses the whole file with `ErreurImport`."""
    try:
        texte, _ = decoder(contenu)
        calendriers = icalendar.Calendar.from_ical(texte, multiple=True)
    except (UnicodeDecodeError, ValueError) as exc:
        raise ErreurImport([f"le fichier n'est pas un agenda .ics lisible ({exc})."]) from None
    evenements = [e for c in calendriers for e in c.walk("VEVENT")]
    if not evenements:
        raise ErreurImport(["le fichier ne contient aucun événement (VEVENT)."])
    controle = await _controle(session, maintenant, fuseau)
    erreurs: list[str] = []
    ignorees: list[str] = []
    passees = 0
    lues: list[SeanceLue] = []
    for numero, evenement in enumerate(evenements, start=1):
        titre = " ".join(str(evenement.get("SUMMARY", "")).split())
        origine = f"événement n°{numero}" + (f" « {titre} »" if titre else "")
        if str(evenement.get("STATUS", "")).upper() == "CANCELLED":
            ignorees.append(f"{origine} : annulé dans l'agenda, pas importé.")
            continue
        try:
            champs = _evenement_verifie(evenement, titre, groupe, controle)
        except _Refus as refus:
            if refus.passe and a_venir_seulement:
                ignorees.append(f"{origine} : déjà passé, pas importé.")
            else:
                passees += refus.passe
                erreurs.append(f"{origine} : {refus}")
            continue
        probleme = controle.doublon(champs, origine)
        if probleme is not None:
            erreurs.append(f"{origine} : {probleme}")
        else:
            lues.append(SeanceLue(numero, origine, champs))
        if len(lues) > LIGNES_MAX:
            erreurs.append(f"plus de {LIGNES_MAX} séances, fichier refusé.")
            break
    if erreurs:
        raise ErreurImport(erreurs, passees=passees)
    if not lues:
        raise ErreurImport([*ignorees, "aucun événement à importer."])
    return Lecture(lues, ignorees)


class _Refus(Exception):
    """An event that cannot be a séance; `str()` is the reason, for the operator."""

    def __init__(self, raison: str, *, passe: bool = False) -> None:
        super().__init__(raison)
        self.passe = passe


def _evenement_verifie(
    evenement: Any, titre: str, groupe: Groupe | None, controle: _Controle
) -> Champs:
    try:
        return verifier(_champs_ics(evenement, titre, groupe, controle.fuseau), controle.maintenant)
    except ErreurSeance as exc:
        phrase = phrase_erreur(exc.code)
        if exc.code == "atelier-sans-groupe":
            phrase = phrase.removesuffix(".") + " (option --groupe)."
        raise _Refus(phrase, passe=exc.code == "passe") from None


def _champs_ics(evenement: Any, titre: str, groupe: Groupe | None, fuseau: ZoneInfo) -> Champs:
    if evenement.errors:
        nom, detail = evenement.errors[0]
        raise _Refus(f"{nom} illisible ({detail}).")
    if "RRULE" in evenement or "RDATE" in evenement:
        raise _Refus(
            "événement répété (RRULE) : non pris en charge ; exportez ou écrivez chaque date "
            "séparément."
        )
    if "DTSTART" not in evenement:
        raise _Refus("pas de date de début (DTSTART).")
    debut = _instant_ics(evenement["DTSTART"], fuseau, "début")
    if "DTEND" in evenement:
        fin = _instant_ics(evenement["DTEND"], fuseau, "fin")
    elif "DURATION" in evenement and isinstance(evenement["DURATION"].dt, timedelta):
        fin = debut + evenement["DURATION"].dt
    else:
        raise _Refus("pas d'heure de fin (DTEND ou DURATION).")
    lieu = " ".join(str(evenement.get("LOCATION", "")).split())
    description = str(evenement.get("DESCRIPTION", "")).strip()
    lien = str(evenement.get("URL", "")).strip()
    if _LIEN.fullmatch(lieu):
        # Video calls often put their link as the place: it is a link, not an address.
        lien, lieu = lien or lieu, ""
    if not lien:
        trouve = _LIEN.search(description)
        lien = trouve.group(0).rstrip(".,;)") if trouve else ""
    return Champs(
        type=_type_ics(evenement),
        titre=titre,
        groupe=groupe,
        debut=debut,
        fin=fin,
        lieu=lieu,
        lien=lien,
        description=description,
    )


def _instant_ics(propriete: Any, fuseau: ZoneInfo, quoi: str) -> datetime:
    valeur = propriete.dt
    if not isinstance(valeur, datetime):
        raise _Refus(
            "événement sur une journée entière, sans heure : une séance a une heure de début "
            "et de fin, indiquez-les dans l'agenda."
        )
    tzid = propriete.params.get("TZID")
    if valeur.tzinfo is None and tzid:
        raise _Refus(f"fuseau horaire « {tzid} » inconnu pour le {quoi}.")
    zone = valeur.tzinfo or fuseau  # a floating time is the assembly's local time
    try:
        if not isinstance(zone, ZoneInfo):
            return valeur.astimezone(UTC)  # a fixed offset or a VTIMEZONE: no gap to check
        return _localiser(valeur.date(), valeur.hour, valeur.minute, zone, "date-illisible")
    except ErreurSeance:
        raise _Refus(
            f"l'heure de {quoi} n'existe pas ce jour-là (passage à l'heure d'été)."
        ) from None


def _type_ics(evenement: Any) -> TypeSeance:
    proprietes = evenement.get("CATEGORIES", [])
    if not isinstance(proprietes, list):
        proprietes = [proprietes]
    for propriete in proprietes:
        for categorie in getattr(propriete, "cats", []):
            type_ = lire_type(str(categorie))
            if type_ is not None:
                return type_
    return TypeSeance.AUTRE


# --- Writing -----------------------------------------------------------------------------------


async def enregistrer(
    session: AsyncSession, lecture: Lecture, *, maintenant: datetime, auteur: journal.Auteur
) -> list[Seance]:
    """Create every séance of a checked file, in one transaction (all or nothing)."""
    seances = [
        await creer(session, lue.champs, auteur=auteur, maintenant=maintenant, commit=False)
        for lue in lecture.seances
    ]
    journal.noter_par(
        session,
        auteur,
        action="import-seances",
        objet="seance",
        objet_id=None,
        apres=f"{len(seances)} séance(s) : " + ", ".join(str(s.id) for s in seances),
        maintenant=maintenant,
    )
    await session.commit()
    return seances
