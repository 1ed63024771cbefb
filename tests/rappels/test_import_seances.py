"""Séances as people type them and as files bring them: every date format, both daylight-saving
Sundays, and CSV or .ics files read all-or-nothing with every bad line named."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import journal
from assemblee.horloge import HorlogeFigee
from assemblee.modeles import Groupe, Seance, TypeSeance
from assemblee.seances import ErreurSeance
from rappels.import_seances import (
    ErreurImport,
    enregistrer,
    lire_csv,
    lire_date_heure,
    lire_fin,
    lire_ics,
    phrase_erreur,
)

PARIS = ZoneInfo("Europe/Paris")
# The frozen clock of the tests: Wednesday 25 November 2026, 10:00 in Paris.
REFERENCE = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def paris(annee: int, mois: int, jour: int, heure: int, minute: int = 0) -> datetime:
    return datetime(annee, mois, jour, heure, minute, tzinfo=PARIS)


# --- Dates and times as typed ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "texte",
    [
        "03/12/2026 18:30",
        "3/12/2026 18h30",
        "3/12/2026 18 h 30",
        "3/12/26 18H30",
        "3/12 18h30",
        "jeudi 3/12 à 18h30",
        "2026-12-03 18:30",
        "2026-12-03T18:30",
        "2026-12-03T18:30:00",
        "03.12.2026 18:30",
    ],
)
def test_les_formats_de_date_courants(texte: str) -> None:
    instant = lire_date_heure(texte, PARIS, reference=REFERENCE)
    assert instant == paris(2026, 12, 3, 18, 30)
    assert instant.tzinfo == UTC and instant.hour == 17  # stored in UTC: Paris is UTC+1 in winter


def test_une_heure_ronde() -> None:
    assert lire_date_heure("3/12/2026 18h", PARIS, reference=REFERENCE) == paris(2026, 12, 3, 18)


def test_sans_annee_la_prochaine_occurrence() -> None:
    assert lire_date_heure("24/11 18h", PARIS, reference=REFERENCE) == paris(2027, 11, 24, 18)
    # Today stays today, so that a time already past is refused as past, not moved a year on.
    assert lire_date_heure("25/11 08:00", PARIS, reference=REFERENCE) == paris(2026, 11, 25, 8)
    assert lire_date_heure("29/02 10h", PARIS, reference=REFERENCE) == paris(2028, 2, 29, 10)


@pytest.mark.parametrize(
    "texte",
    [
        "",
        "demain 18h",
        "3 décembre 18h30",
        "03/12/2026",
        "31/02/2027 10:00",
        "03/12/2026 24:00",
        "03/12/2026 18:75",
        "13/13/2026 18:30",
        "mardi 3/12/2026 18h",  # the 3rd is a Thursday
        "03/12/2026 18:",
    ],
)
def test_dates_illisibles(texte: str) -> None:
    with pytest.raises(ErreurSeance) as refus:
        lire_date_heure(texte, PARIS, reference=REFERENCE)
    assert refus.value.code == "date-illisible"
    assert phrase_erreur(refus.value.code).startswith("Je n'ai pas compris cette date")


def test_printemps_l_heure_sautee_n_existe_pas() -> None:
    # Sunday 29 March 2026: clocks jump from 02:00 to 03:00 in Paris.
    with pytest.raises(ErreurSeance, match="date-illisible"):
        lire_date_heure("29/03/2026 02:30", PARIS)
    avant = lire_date_heure("29/03/2026 01:59", PARIS)
    apres = lire_date_heure("29/03/2026 03:00", PARIS)
    assert avant == datetime(2026, 3, 29, 0, 59, tzinfo=UTC)
    assert apres == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)


def test_automne_l_heure_repetee_prend_la_premiere() -> None:
    # Sunday 25 October 2026: 02:00-03:00 happens twice in Paris; the first one (UTC+2) is taken.
    instant = lire_date_heure("25/10/2026 02:30", PARIS)
    assert instant == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("debut", "fin", "attendue"),
    [
        ("03/12/2026 18:30", "20:30", paris(2026, 12, 3, 20, 30)),
        ("03/12/2026 18:30", "20h30", paris(2026, 12, 3, 20, 30)),
        ("03/12/2026 18:30", "20h", paris(2026, 12, 3, 20)),
        ("03/12/2026 18:30", "2h", paris(2026, 12, 3, 20, 30)),
        ("03/12/2026 18:30", "1h30", paris(2026, 12, 3, 20)),
        ("03/12/2026 18:30", "90 min", paris(2026, 12, 3, 20)),
        ("03/12/2026 18:30", "2 heures", paris(2026, 12, 3, 20, 30)),
        ("03/12/2026 18:30", "+1h45", paris(2026, 12, 3, 20, 15)),
        ("03/12/2026 18:30", "04/12/2026 01:00", paris(2026, 12, 4, 1)),
        # A one-digit time after the start, on the same day, is a clock time.
        ("03/12/2026 08:00", "9h30", paris(2026, 12, 3, 9, 30)),
        # A clock time before the start: the séance ends after midnight.
        ("03/12/2026 22:00", "01:00", paris(2026, 12, 4, 1)),
    ],
)
def test_les_fins_courantes(debut: str, fin: str, attendue: datetime) -> None:
    depart = lire_date_heure(debut, PARIS, reference=REFERENCE)
    assert lire_fin(fin, depart, PARIS) == attendue


def test_une_fin_avant_le_debut_reste_le_meme_jour_pour_etre_refusee() -> None:
    # 17:00 for an 18:30 start is a typo, not a 22-hour séance: left for `verifier` to refuse.
    depart = lire_date_heure("03/12/2026 18:30", PARIS)
    assert lire_fin("17:00", depart, PARIS) == paris(2026, 12, 3, 17)


@pytest.mark.parametrize("fin", ["", "bientôt", "1h75", "25:00", "20h99", "deux heures"])
def test_fins_illisibles(fin: str) -> None:
    depart = lire_date_heure("03/12/2026 18:30", PARIS)
    with pytest.raises(ErreurSeance) as refus:
        lire_fin(fin, depart, PARIS)
    assert refus.value.code == "duree-illisible"


def test_printemps_une_fin_dans_l_heure_sautee_est_refusee() -> None:
    depart = lire_date_heure("29/03/2026 01:00", PARIS)
    with pytest.raises(ErreurSeance, match="duree-illisible"):
        lire_fin("02:30", depart, PARIS)
    # 01:00 to 04:00 on the clock is two hours lived.
    assert lire_fin("04:00", depart, PARIS) - depart == timedelta(hours=2)


def test_une_duree_s_ajoute_en_temps_vecu_meme_depuis_une_heure_de_paris() -> None:
    depart = datetime(2026, 10, 25, 1, 30, tzinfo=PARIS)  # not UTC: the caller's choice
    assert lire_fin("+2h", depart, PARIS) == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)


def test_automne_une_duree_compte_le_temps_vecu() -> None:
    depart = lire_date_heure("25/10/2026 01:30", PARIS)
    fin = lire_fin("120 min", depart, PARIS)
    assert fin - depart == timedelta(hours=2) and lire_fin("+2h", depart, PARIS) == fin
    assert fin.astimezone(PARIS).strftime("%H:%M %Z") == "02:30 CET"  # the second 02:30
    assert lire_fin("03:00", depart, PARIS) - depart == timedelta(hours=2, minutes=30)


# --- CSV ------------------------------------------------------------------------------------------

ENTETES_CSV = "Type;Titre;Groupe;Début;Fin;Lieu;Lien;Description\n"


async def _seances(session: AsyncSession) -> list[Seance]:
    return list((await session.exec(select(Seance).order_by(col(Seance.id)))).all())


async def test_csv_complet_importe_toutes_les_seances(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    contenu = (
        ENTETES_CSV
        + "Plénière;Plénière de décembre;;05/12/2026 09:30;12:30;Hôtel de Ville;;\n"
        + 'atelier;Audition : les cours Oasis;Environnement;3/12 18h30;2h;Mairie du 4e;;"Avec'
        + ' deux experts.\nPrévoir 10 minutes de retard."\n'
        + ";;;;;;;\n"
        + "formation;Prendre la parole;espace-public;2026-12-10 18:00;19:30;;"
        + "https://visio.example.org/parole;\n"
    ).encode()
    lecture = await lire_csv(session, contenu, maintenant=horloge.maintenant(), fuseau=PARIS)
    assert [s.numero for s in lecture.seances] == [2, 3, 5]  # rows as the spreadsheet shows
    pleniere, atelier, formation = (s.champs for s in lecture.seances)
    assert pleniere.type == TypeSeance.PLENIERE and pleniere.groupe is None
    assert atelier.groupe == groupes_config["environnement"]
    assert atelier.fin - atelier.debut == timedelta(hours=2)
    assert atelier.description == "Avec deux experts.\nPrévoir 10 minutes de retard."
    assert formation.lieu is None and formation.lien == "https://visio.example.org/parole"

    creees = await enregistrer(
        session, lecture, maintenant=horloge.maintenant(), auteur=journal.CLI
    )
    stockees = await _seances(session)
    assert [s.id for s in creees] == [s.id for s in stockees]
    assert [(s.titre, s.debut) for s in stockees] == [
        ("Plénière de décembre", datetime(2026, 12, 5, 8, 30, tzinfo=UTC)),
        ("Audition : les cours Oasis", datetime(2026, 12, 3, 17, 30, tzinfo=UTC)),
        ("Prendre la parole", datetime(2026, 12, 10, 17, 0, tzinfo=UTC)),
    ]
    assert all(s.cree_par_id is None and s.cree_le == horloge.maintenant() for s in stockees)


async def test_csv_de_excel_en_windows_1252_et_virgules(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    contenu = (
        "type,titre,groupe,debut,fin,lieu\r\n"
        "visite,Visite de la déchetterie,Environnement,04/12/2026 14:00,16:00,Ivry\r\n"
    ).encode("cp1252")
    lecture = await lire_csv(session, contenu, maintenant=horloge.maintenant(), fuseau=PARIS)
    (seance,) = lecture.seances
    assert seance.champs.titre == "Visite de la déchetterie"
    assert seance.champs.type == TypeSeance.VISITE


async def test_csv_chaque_mauvaise_ligne_est_nommee_et_rien_n_est_lu(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    contenu = (
        ENTETES_CSV
        + 'atelier;Bonne séance;environnement;03/12/2026 18:30;20:30;Mairie;;"sur\ndeux lignes"\n'
        + "réunion;Type inconnu;;03/12/2026 18:30;20:30;Mairie;;\n"
        + "atelier;Groupe inconnu;jardin;03/12/2026 18:30;20:30;Mairie;;\n"
        + "pleniere;Date illisible;;3 décembre;20:30;Mairie;;\n"
        + "pleniere;Fin illisible;;03/12/2026 18:30;bientôt;Mairie;;\n"
        + "pleniere;Passée;;03/11/2026 18:30;20:30;Mairie;;\n"
        + "pleniere;Fin avant début;;03/12/2026 18:30;17:00;Mairie;;\n"
        + "pleniere;Nulle part;;03/12/2026 18:30;20:30;;;\n"
        + "atelier;Sans groupe;;03/12/2026 18:30;20:30;Mairie;;\n"
        + "pleniere;Lien faux;;03/12/2026 18:30;20:30;;visio.example.org;\n"
        + "pleniere;;;03/12/2026 18:30;20:30;Mairie;;\n"
        + "Atelier;Bonne séance;Environnement;3/12/2026 18h30;2h;Mairie;;\n"
        + "pleniere;Trop;;03/12/2026 18:30;20:30;Mairie;;;en trop\n"
        + ";Sans type;;03/12/2026 18:30;20:30;Mairie;;\n"
        + "pleniere;Nuit blanche;;03/12/2026 08:00;22:00;Mairie;;\n"
    ).encode()
    with pytest.raises(ErreurImport) as refus:
        await lire_csv(session, contenu, maintenant=horloge.maintenant(), fuseau=PARIS)
    assert refus.value.erreurs == [
        "ligne 3 : type « réunion » inconnu (pleniere, atelier, formation, visite ou autre).",
        "ligne 4 : groupe « jardin » inconnu (groupes : environnement, espace-public, "
        "social-education).",
        "ligne 5 : début « 3 décembre » : Je n'ai pas compris cette date : écrivez par exemple "
        "03/12/2026 18:30.",
        "ligne 6 : fin « bientôt » : Je n'ai pas compris : écrivez une heure de fin (20:30) ou "
        "une durée (2h, 1h30).",
        "ligne 7 : Cette date est déjà passée : choisissez une date à venir.",
        "ligne 8 : La fin doit venir après le début.",
        "ligne 9 : Indiquez un lieu (une adresse) ou un lien de visio, ou les deux.",
        "ligne 10 : Un atelier appartient à un groupe : choisissez-le.",
        "ligne 11 : Le lien doit commencer par https:// (ou http://).",
        "ligne 12 : Il manque le titre de la séance.",
        "ligne 13 : même séance que ligne 2.",
        "ligne 14 : 9 colonnes au lieu de 8 (séparateur en trop ?).",
        "ligne 15 : type manquant (pleniere, atelier, formation, visite ou autre).",
        "ligne 16 : Une séance dure au plus 12 heures : vérifiez le début et la fin.",
    ]
    assert await _seances(session) == []


async def test_csv_sans_les_colonnes_obligatoires(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    contenu = "titre;date;lieu\nPlénière;03/12/2026 18:30;Mairie\n".encode()
    with pytest.raises(ErreurImport) as refus:
        await lire_csv(session, contenu, maintenant=horloge.maintenant(), fuseau=PARIS)
    (erreur,) = refus.value.erreurs
    assert erreur.startswith("ligne 1 : colonne(s) type, fin absente(s) (en-têtes trouvés :")


@pytest.mark.parametrize(
    ("contenu", "attendue"),
    [
        (b"", "ligne 1 : le fichier est vide ; il faut une ligne d'en-têtes."),
        (ENTETES_CSV.encode(), "le fichier ne contient aucune séance (seulement les en-têtes)."),
    ],
)
async def test_csv_vide(
    session: AsyncSession,
    horloge: HorlogeFigee,
    groupes_config: dict[str, Groupe],
    contenu: bytes,
    attendue: str,
) -> None:
    with pytest.raises(ErreurImport) as refus:
        await lire_csv(session, contenu, maintenant=horloge.maintenant(), fuseau=PARIS)
    assert refus.value.erreurs == [attendue]


async def test_csv_importe_deux_fois_est_refuse_la_seconde(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    contenu = (ENTETES_CSV + "pleniere;Plénière;;05/12/2026 09:30;12:30;Mairie;;\n").encode()
    lecture = await lire_csv(session, contenu, maintenant=horloge.maintenant(), fuseau=PARIS)
    (seance,) = await enregistrer(
        session, lecture, maintenant=horloge.maintenant(), auteur=journal.CLI
    )
    with pytest.raises(ErreurImport) as refus:
        await lire_csv(session, contenu, maintenant=horloge.maintenant(), fuseau=PARIS)
    assert refus.value.erreurs == [
        f"ligne 2 : la séance « Plénière » du samedi 5 décembre à 9 h 30 existe déjà "
        f"(n°{seance.id}) : le fichier a-t-il déjà été importé ?"
    ]
    assert len(await _seances(session)) == 1


# --- .ics -----------------------------------------------------------------------------------------


def ics(*evenements: str) -> bytes:
    """A calendar file as calendar apps write it (CRLF line ends)."""
    lignes = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Tests//FR"]
    for numero, evenement in enumerate(evenements, start=1):
        lignes += ["BEGIN:VEVENT", f"UID:{numero}@tests", "DTSTAMP:20261120T100000Z"]
        lignes += evenement.strip().splitlines()
        lignes.append("END:VEVENT")
    lignes.append("END:VCALENDAR")
    return ("\r\n".join(lignes) + "\r\n").encode()


async def test_ics_fuseau_utc_et_heure_flottante(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    contenu = ics(
        """
SUMMARY:Atelier climat
DTSTART;TZID=Europe/Paris:20261203T183000
DTEND;TZID=Europe/Paris:20261203T203000
LOCATION:Mairie du 4e\\, 2 place Baudoyer
CATEGORIES:Atelier,Climat
DESCRIPTION:Ordre du jour : https://example.org/odj.pdf.
""",
        """
SUMMARY:Visite de la station d'épuration
DTSTART:20261204T130000Z
DURATION:PT2H30M
CATEGORIES:Sortie
CATEGORIES:VISITE
URL:https://example.org/visite
""",
        """
SUMMARY:Point d'étape
DTSTART:20261205T100000
DTEND:20261205T110000
LOCATION:https://visio.example.org/point
""",
    )
    lecture = await lire_ics(
        session,
        contenu,
        maintenant=horloge.maintenant(),
        fuseau=PARIS,
        groupe=groupes_config["environnement"],
    )
    atelier, visite, point = (s.champs for s in lecture.seances)
    assert (atelier.debut, atelier.fin) == (paris(2026, 12, 3, 18, 30), paris(2026, 12, 3, 20, 30))
    assert atelier.type == TypeSeance.ATELIER and atelier.titre == "Atelier climat"
    assert atelier.lieu == "Mairie du 4e, 2 place Baudoyer"
    assert atelier.lien == "https://example.org/odj.pdf"  # found in the description
    assert visite.debut == datetime(2026, 12, 4, 13, 0, tzinfo=UTC)
    assert visite.fin - visite.debut == timedelta(hours=2, minutes=30)
    assert visite.type == TypeSeance.VISITE and visite.lien == "https://example.org/visite"
    # A floating time is Paris time; a link given as the place is a link.
    assert point.debut == paris(2026, 12, 5, 10) and point.type == TypeSeance.AUTRE
    assert point.lieu is None and point.lien == "https://visio.example.org/point"
    assert all(s.champs.groupe == groupes_config["environnement"] for s in lecture.seances)
    assert [s.origine for s in lecture.seances][1] == (
        "événement n°2 « Visite de la station d'épuration »"
    )
    assert lecture.ignorees == []


async def test_ics_un_evenement_annule_est_ignore(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    contenu = ics(
        """
SUMMARY:Plénière
DTSTART;TZID=Europe/Paris:20261205T093000
DTEND;TZID=Europe/Paris:20261205T123000
LOCATION:Hôtel de Ville
""",
        """
SUMMARY:Formation reportée
STATUS:CANCELLED
DTSTART;TZID=Europe/Paris:20261206T093000
DTEND;TZID=Europe/Paris:20261206T123000
""",
    )
    lecture = await lire_ics(session, contenu, maintenant=horloge.maintenant(), fuseau=PARIS)
    assert [s.champs.titre for s in lecture.seances] == ["Plénière"]
    assert lecture.ignorees == [
        "événement n°2 « Formation reportée » : annulé dans l'agenda, pas importé."
    ]
    await enregistrer(session, lecture, maintenant=horloge.maintenant(), auteur=journal.CLI)
    assert [s.titre for s in await _seances(session)] == ["Plénière"]


async def test_ics_chaque_mauvais_evenement_est_nomme(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    contenu = ics(
        """
SUMMARY:Bonne
DTSTART;TZID=Europe/Paris:20261205T093000
DTEND;TZID=Europe/Paris:20261205T123000
LOCATION:Mairie
""",
        """
SUMMARY:Journée entière
DTSTART;VALUE=DATE:20261207
DTEND;VALUE=DATE:20261208
LOCATION:Mairie
""",
        """
SUMMARY:Chaque lundi
DTSTART;TZID=Europe/Paris:20261207T183000
DTEND;TZID=Europe/Paris:20261207T203000
RRULE:FREQ=WEEKLY;COUNT=4
LOCATION:Mairie
""",
        """
SUMMARY:Sans fin
DTSTART;TZID=Europe/Paris:20261208T183000
LOCATION:Mairie
""",
        """
SUMMARY:Fuseau inconnu
DTSTART;TZID=Nulle/Part:20261208T183000
DTEND;TZID=Nulle/Part:20261208T203000
LOCATION:Mairie
""",
        """
SUMMARY:Déjà passée
DTSTART;TZID=Europe/Paris:20261103T183000
DTEND;TZID=Europe/Paris:20261103T203000
LOCATION:Mairie
""",
        """
SUMMARY:Nulle part
DTSTART:20261209T173000Z
DTEND:20261209T193000Z
""",
        """
SUMMARY:Atelier sans groupe
CATEGORIES:atelier
DTSTART:20261209T173000Z
DTEND:20261209T193000Z
LOCATION:Mairie
""",
        """
DTSTART:20261209T173000Z
DTEND:20261209T193000Z
LOCATION:Mairie
""",
        """
SUMMARY:Date cassée
DTSTART:2026XX
DTEND:20261209T193000Z
LOCATION:Mairie
""",
    )
    with pytest.raises(ErreurImport) as refus:
        await lire_ics(session, contenu, maintenant=horloge.maintenant(), fuseau=PARIS)
    erreurs = refus.value.erreurs
    assert erreurs[:8] == [
        "événement n°2 « Journée entière » : événement sur une journée entière, sans heure : "
        "une séance a une heure de début et de fin, indiquez-les dans l'agenda.",
        "événement n°3 « Chaque lundi » : événement répété (RRULE) : non pris en charge ; "
        "exportez ou écrivez chaque date séparément.",
        "événement n°4 « Sans fin » : pas d'heure de fin (DTEND ou DURATION).",
        "événement n°5 « Fuseau inconnu » : fuseau horaire « Nulle/Part » inconnu pour le début.",
        "événement n°6 « Déjà passée » : Cette date est déjà passée : choisissez une date à venir.",
        "événement n°7 « Nulle part » : Indiquez un lieu (une adresse) ou un lien de visio, ou "
        "les deux.",
        "événement n°8 « Atelier sans groupe » : Un atelier appartient à un groupe : "
        "choisissez-le (option --groupe).",
        "événement n°9 : Il manque le titre de la séance.",
    ]
    assert erreurs[8].startswith("événement n°10 « Date cassée » : DTSTART illisible (")
    assert len(erreurs) == 9
    assert refus.value.passees == 1
    assert await _seances(session) == []


async def test_ics_les_evenements_passes_ignores_sur_demande(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    contenu = ics(
        """
SUMMARY:Séance d'octobre
DTSTART;TZID=Europe/Paris:20261014T183000
DTEND;TZID=Europe/Paris:20261014T203000
LOCATION:Mairie
""",
        """
SUMMARY:Séance de décembre
DTSTART;TZID=Europe/Paris:20261209T183000
DTEND;TZID=Europe/Paris:20261209T203000
LOCATION:Mairie
""",
    )
    lecture = await lire_ics(
        session, contenu, maintenant=horloge.maintenant(), fuseau=PARIS, a_venir_seulement=True
    )
    assert [s.champs.titre for s in lecture.seances] == ["Séance de décembre"]
    assert lecture.ignorees == ["événement n°1 « Séance d'octobre » : déjà passé, pas importé."]


async def test_ics_l_heure_sautee_du_printemps_est_refusee(
    session: AsyncSession, groupes_config: dict[str, Groupe]
) -> None:
    contenu = ics(
        """
SUMMARY:Nuit du changement d'heure
DTSTART:20270328T023000
DTEND:20270328T040000
LOCATION:Mairie
"""
    )
    with pytest.raises(ErreurImport) as refus:
        await lire_ics(session, contenu, maintenant=REFERENCE, fuseau=PARIS)
    assert refus.value.erreurs == [
        "événement n°1 « Nuit du changement d'heure » : l'heure de début n'existe pas ce "
        "jour-là (passage à l'heure d'été)."
    ]


@pytest.mark.parametrize(
    ("contenu", "debut_attendu"),
    [
        (b"ceci n'est pas un agenda", "le fichier n'est pas un agenda .ics lisible"),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "le fichier ne contient aucun"),
    ],
)
async def test_ics_illisible_ou_vide(
    session: AsyncSession, contenu: bytes, debut_attendu: str
) -> None:
    with pytest.raises(ErreurImport) as refus:
        await lire_ics(session, contenu, maintenant=REFERENCE, fuseau=PARIS)
    (erreur,) = refus.value.erreurs
    assert erreur.startswith(debut_attendu)
