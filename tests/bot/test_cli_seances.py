"""`assemblee seances …` and `assemblee presences exporter` as staff use them: what they print,
what the database holds, and nothing written when the input is refused (exit 1)."""

from __future__ import annotations

import asyncio
import stat
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import groupes as groupes_domaine
from assemblee.db import creer_moteur, fabrique_sessions
from assemblee.groupes import trouver_groupe
from assemblee.horloge import HorlogeFigee
from assemblee.membres import creer_membre
from assemblee.modeles import Groupe, Presence, Role, Seance, TypeSeance
from bot import cli
from rappels.presences import exporter_indemnisation
from tests.conftest import reglages_test
from tests.outils.fabriques import membres_actifs

PARIS = ZoneInfo("Europe/Paris")
MAINTENANT = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # the `horloge` fixture's instant


@pytest.fixture
async def base(url_base: str) -> AsyncIterator[AsyncSession]:
    """The database the command writes to, with the groups of config/groupes.toml."""
    moteur = creer_moteur(url_base)
    async with fabrique_sessions(moteur)() as session:
        await groupes_domaine.synchroniser_groupes(
            session, groupes_domaine.lire_groupes(reglages_test().groupes_fichier)
        )
        yield session
    await moteur.dispose()


async def assemblee(*args: str) -> int:
    # main() runs its own event loop: give it a thread of its own.
    return await asyncio.to_thread(cli.main, list(args))


async def seances_en_base(session: AsyncSession) -> list[Seance]:
    session.expire_all()  # the command wrote through its own connection
    return list((await session.exec(select(Seance).order_by(col(Seance.id)))).all())


ATELIER = (
    "seances",
    "creer",
    "--type",
    "atelier",
    "--groupe",
    "Environnement",
    "--titre",
    "Végétaliser les cours d'école",
    "--debut",
    "03/12/2026 18:30",
    "--fin",
    "20:30",
    "--lieu",
    "Mairie du 4e, 2 place Baudoyer",
)


async def test_creer_une_seance(
    operateur: Path, base: AsyncSession, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await assemblee(*ATELIER) == 0
    sortie = capsys.readouterr().out
    assert sortie.splitlines()[:3] == [
        "Séance n°1 : Atelier « Végétaliser les cours d'école » (Environnement)",
        "  jeudi 3 décembre à 18 h 30, jusqu'à 20 h 30",
        "  Lieu : Mairie du 4e, 2 place Baudoyer",
    ]
    assert "le bot en marche leur enverra les rappels" in sortie
    (seance,) = await seances_en_base(base)
    assert seance.type == TypeSeance.ATELIER and seance.cree_par_id is None
    assert (seance.debut, seance.fin) == (
        datetime(2026, 12, 3, 17, 30, tzinfo=UTC),
        datetime(2026, 12, 3, 19, 30, tzinfo=UTC),
    )


async def test_creer_en_visio_pour_toute_l_assemblee(
    operateur: Path, base: AsyncSession, capsys: pytest.CaptureFixture[str]
) -> None:
    code = await assemblee(
        "seances", "creer", "--type", "plénière", "--titre", "Point d'étape",
        "--debut", "4/12 18h", "--fin", "1h30", "--lien", "https://visio.example.org/point",
    )  # fmt: skip
    assert code == 0
    sortie = capsys.readouterr().out
    assert "Plénière « Point d'étape » (toute l'assemblée)" in sortie
    assert "vendredi 4 décembre à 18 h, jusqu'à 19 h 30" in sortie
    assert "Lien : https://visio.example.org/point" in sortie
    (seance,) = await seances_en_base(base)
    assert seance.groupe_id is None and seance.lieu is None


@pytest.mark.parametrize(
    ("changement", "erreur"),
    [
        (
            ("--debut", "03/11/2026 18:30"),
            "Cette date est déjà passée : choisissez une date à venir.",
        ),
        (
            ("--debut", "demain"),
            "--debut « demain » : Je n'ai pas compris cette date : écrivez par exemple "
            "03/12/2026 18:30.",
        ),
        (
            ("--fin", "tard"),
            "--fin « tard » : Je n'ai pas compris : écrivez une heure de fin (20:30) ou une durée "
            "(2h, 1h30).",
        ),
        (("--fin", "17:00"), "La fin doit venir après le début."),
        (
            ("--type", "réunion"),
            "Type « réunion » inconnu : pleniere, atelier, formation, visite ou autre.",
        ),
        (
            ("--groupe", "jardin"),
            "Groupe « jardin » inconnu. Groupes : social-education, environnement, espace-public.",
        ),
        (("--lieu", ""), "Indiquez un lieu (une adresse) ou un lien de visio, ou les deux."),
        (("--lien", "visio.example.org"), "Le lien doit commencer par https:// (ou http://)."),
    ],
)
async def test_creer_refuse_en_une_phrase_sans_rien_ecrire(
    operateur: Path,
    base: AsyncSession,
    capsys: pytest.CaptureFixture[str],
    changement: tuple[str, str],
    erreur: str,
) -> None:
    arguments = list(ATELIER)
    option, valeur = changement
    if option in arguments:
        arguments[arguments.index(option) + 1] = valeur
    else:
        arguments += [option, valeur]
    assert await assemblee(*arguments) == 1
    sortie = capsys.readouterr()
    assert sortie.err == erreur + "\n" and sortie.out == ""
    assert await seances_en_base(base) == []


async def test_un_atelier_sans_groupe_est_refuse(
    operateur: Path, base: AsyncSession, capsys: pytest.CaptureFixture[str]
) -> None:
    arguments = [a for a in ATELIER if a not in ("--groupe", "Environnement")]
    assert await assemblee(*arguments) == 1
    assert capsys.readouterr().err == "Un atelier appartient à un groupe : choisissez-le.\n"
    assert await seances_en_base(base) == []


async def _seance_passee(session: AsyncSession, groupe: Groupe | None = None) -> Seance:
    seance = Seance(
        type=TypeSeance.PLENIERE,
        titre="Plénière d'ouverture",
        groupe_id=groupe.id if groupe else None,
        debut=datetime(2026, 11, 14, 8, 30, tzinfo=UTC),
        fin=datetime(2026, 11, 14, 11, 45, tzinfo=UTC),
        lieu="Hôtel de Ville",
        cree_le=datetime(2026, 10, 1, tzinfo=UTC),
    )
    session.add(seance)
    await session.commit()
    return seance


async def test_lister_les_seances_a_venir_puis_toutes(
    operateur: Path, base: AsyncSession, capsys: pytest.CaptureFixture[str]
) -> None:
    passee = await _seance_passee(base)
    assert await assemblee(*ATELIER) == 0
    visite = ("--type", "visite", "--titre", "Visite", "--debut", "10/12/2026 14:00")
    assert await assemblee("seances", "creer", *visite, "--fin", "2h", "--lieu", "Ivry") == 0
    assert await assemblee("seances", "annuler", "3") == 0
    capsys.readouterr()

    assert await assemblee("seances", "lister") == 0
    lignes = capsys.readouterr().out.splitlines()
    assert lignes[0].split() == [
        "n°", "date", "heure", "type", "groupe", "titre", "lieu", "ou", "lien", "état",
    ]  # fmt: skip
    assert lignes[1].split()[:5] == ["2", "03/12/2026", "18:30-20:30", "atelier", "environnement"]
    assert lignes[1].endswith("à venir")
    assert lignes[-1] == "1 séance(s)."

    assert await assemblee("seances", "lister", "--tout") == 0
    lignes = capsys.readouterr().out.splitlines()
    assert [ligne.split()[0] for ligne in lignes[1:-1]] == [str(passee.id), "2", "3"]
    assert lignes[1].endswith("passée") and "tous" in lignes[1]
    assert lignes[3].endswith("annulée")
    assert lignes[-1] == "3 séance(s)."


async def test_lister_sans_seance(operateur: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert await assemblee("seances", "lister") == 0
    assert capsys.readouterr().out.startswith("Aucune séance à venir.")


async def test_modifier_l_horaire_garde_la_duree_et_le_bot_previent(
    operateur: Path, base: AsyncSession, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await assemblee(*ATELIER) == 0
    capsys.readouterr()
    assert await assemblee("seances", "modifier", "1", "--debut", "10/12/2026 18:00") == 0
    sortie = capsys.readouterr().out
    assert "jeudi 10 décembre à 18 h, jusqu'à 20 h" in sortie
    assert "Le bot en marche prévient les membres convoqués." in sortie
    (seance,) = await seances_en_base(base)
    assert (seance.debut, seance.fin) == (
        datetime(2026, 12, 10, 17, 0, tzinfo=UTC),
        datetime(2026, 12, 10, 19, 0, tzinfo=UTC),
    )
    assert seance.modifiee_le == MAINTENANT


async def test_modifier_le_titre_seulement_ne_previent_personne(
    operateur: Path, base: AsyncSession, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await assemblee(*ATELIER) == 0
    capsys.readouterr()
    code = await assemblee(
        "seances", "modifier", "1", "--titre", "Cours Oasis", "--lien", "https://v.example.org/a"
    )
    assert code == 0
    sortie = capsys.readouterr().out
    assert "Atelier « Cours Oasis »" in sortie and "Le bot en marche prévient" in sortie  # a link
    assert await assemblee("seances", "modifier", "1", "--description", "Apportez vos idées.") == 0
    assert "pas de message aux membres" in capsys.readouterr().out
    (seance,) = await seances_en_base(base)
    assert (seance.titre, seance.description) == ("Cours Oasis", "Apportez vos idées.")


@pytest.mark.parametrize(
    ("arguments", "erreur"),
    [
        (("1",), "Rien à modifier : indiquez au moins une option parmi --titre, --debut, --fin, "
         "--lieu, --lien, --description."),
        (("99", "--titre", "X"), "Aucune séance n°99 (voir « assemblee seances lister --tout »)."),
        (("1", "--fin", "17:00"), "La fin doit venir après le début."),
        (("1", "--lieu", ""), "Indiquez un lieu (une adresse) ou un lien de visio, ou les deux."),
    ],
)  # fmt: skip
async def test_modifier_refuse_sans_rien_changer(
    operateur: Path,
    base: AsyncSession,
    capsys: pytest.CaptureFixture[str],
    arguments: tuple[str, ...],
    erreur: str,
) -> None:
    assert await assemblee(*ATELIER) == 0
    capsys.readouterr()
    assert await assemblee("seances", "modifier", *arguments) == 1
    assert capsys.readouterr().err == erreur + "\n"
    (seance,) = await seances_en_base(base)
    assert seance.modifiee_le is None and seance.fin == datetime(2026, 12, 3, 19, 30, tzinfo=UTC)


async def test_annuler_puis_annuler_encore(
    operateur: Path, base: AsyncSession, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await assemblee(*ATELIER) == 0
    capsys.readouterr()
    assert await assemblee("seances", "annuler", "1") == 0
    sortie = capsys.readouterr().out
    assert "ANNULÉE" in sortie and "Le bot en marche prévient les membres convoqués." in sortie
    (seance,) = await seances_en_base(base)
    assert seance.annulee_le == MAINTENANT
    assert await assemblee("seances", "annuler", "1") == 1
    assert capsys.readouterr().err == "Cette séance est annulée.\n"


async def test_une_seance_passee_ne_se_modifie_ni_ne_s_annule(
    operateur: Path, base: AsyncSession, capsys: pytest.CaptureFixture[str]
) -> None:
    passee = await _seance_passee(base)
    assert await assemblee("seances", "modifier", str(passee.id), "--titre", "Autre") == 1
    assert "déjà commencé" in capsys.readouterr().err
    assert await assemblee("seances", "annuler", str(passee.id)) == 1
    assert capsys.readouterr().err == "Cette séance est terminée.\n"
    (seance,) = await seances_en_base(base)
    assert seance.titre == "Plénière d'ouverture" and seance.annulee_le is None


# --- importer -------------------------------------------------------------------------------------


async def test_importer_un_csv(
    operateur: Path, base: AsyncSession, capsys: pytest.CaptureFixture[str]
) -> None:
    (operateur / "calendrier.csv").write_text(
        "type;titre;groupe;début;fin;lieu;lien\n"
        "plénière;Plénière de décembre;;05/12/2026 09:30;12:30;Hôtel de Ville;\n"
        "atelier;Cours Oasis;environnement;03/12/2026 18:30;2h;;https://visio.example.org/a\n",
        encoding="utf-8-sig",
    )
    assert await assemblee("seances", "importer", "calendrier.csv") == 0
    sortie = capsys.readouterr().out
    assert sortie.splitlines() == [
        "Séance n°1 : Plénière « Plénière de décembre » (toute l'assemblée), samedi 5 décembre "
        "à 9 h 30",
        "Séance n°2 : Atelier « Cours Oasis » (Environnement), jeudi 3 décembre à 18 h 30",
        "2 séance(s) importée(s) depuis calendrier.csv : le bot en marche enverra les rappels aux "
        "membres convoqués.",
    ]
    assert [s.titre for s in await seances_en_base(base)] == ["Plénière de décembre", "Cours Oasis"]


async def test_importer_un_csv_faux_n_importe_rien(
    operateur: Path, base: AsyncSession, capsys: pytest.CaptureFixture[str]
) -> None:
    (operateur / "calendrier.csv").write_text(
        "type,titre,groupe,debut,fin,lieu\n"
        "pleniere,Bonne,,05/12/2026 09:30,12:30,Mairie\n"
        "pleniere,Passée,,05/11/2026 09:30,12:30,Mairie\n"
        "atelier,Sans groupe,,06/12/2026 09:30,12:30,Mairie\n",
        encoding="utf-8",
    )
    assert await assemblee("seances", "importer", "calendrier.csv") == 1
    assert capsys.readouterr().err == (
        "calendrier.csv refusé, rien n'a été importé :\n"
        "  ligne 3 : Cette date est déjà passée : choisissez une date à venir.\n"
        "  ligne 4 : Un atelier appartient à un groupe : choisissez-le.\n"
    )
    assert await seances_en_base(base) == []


async def test_importer_un_csv_refuse_l_option_groupe(
    operateur: Path, base: AsyncSession, capsys: pytest.CaptureFixture[str]
) -> None:
    (operateur / "calendrier.csv").write_text(
        "type;titre;debut;fin;lieu\npleniere;P;05/12/2026 09:30;12:30;Mairie\n", encoding="utf-8"
    )
    assert (
        await assemblee("seances", "importer", "calendrier.csv", "--groupe", "environnement") == 1
    )
    assert "ne servent qu'aux agendas .ics" in capsys.readouterr().err
    assert await seances_en_base(base) == []


async def test_importer_un_fichier_absent(
    operateur: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await assemblee("seances", "importer", "absent.csv") == 1
    assert capsys.readouterr().err.startswith("absent.csv : lecture impossible (")


def _ics(*evenements: str) -> str:
    corps = "".join(
        f"BEGIN:VEVENT\r\nUID:{i}@t\r\n{e}END:VEVENT\r\n" for i, e in enumerate(evenements)
    )
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//FR\r\n{corps}END:VCALENDAR\r\n"


OCTOBRE = (
    "SUMMARY:Atelier d'octobre\r\nDTSTART;TZID=Europe/Paris:20261014T183000\r\n"
    "DTEND;TZID=Europe/Paris:20261014T203000\r\nLOCATION:Mairie\r\n"
)
DECEMBRE = (
    "SUMMARY:Atelier de décembre\r\nCATEGORIES:Atelier\r\n"
    "DTSTART;TZID=Europe/Paris:20261209T183000\r\nDTEND;TZID=Europe/Paris:20261209T203000\r\n"
    "LOCATION:Mairie\r\n"
)


async def test_importer_un_agenda_ics_pour_un_groupe(
    operateur: Path, base: AsyncSession, capsys: pytest.CaptureFixture[str]
) -> None:
    (operateur / "agenda.ics").write_text(_ics(DECEMBRE), encoding="utf-8", newline="")
    assert await assemblee("seances", "importer", "agenda.ics", "--groupe", "espace-public") == 0
    assert "Séance n°1 : Atelier « Atelier de décembre » (Espace public)" in capsys.readouterr().out
    (seance,) = await seances_en_base(base)
    espace_public = await groupes_domaine.trouver_groupe(base, "espace-public")
    assert espace_public is not None and seance.groupe_id == espace_public.id
    assert seance.debut == datetime(2026, 12, 9, 17, 30, tzinfo=UTC)


async def test_un_agenda_avec_des_evenements_passes_suggere_a_venir(
    operateur: Path, base: AsyncSession, capsys: pytest.CaptureFixture[str]
) -> None:
    (operateur / "agenda.ics").write_text(_ics(OCTOBRE, DECEMBRE), encoding="utf-8", newline="")
    assert await assemblee("seances", "importer", "agenda.ics", "--groupe", "environnement") == 1
    erreur = capsys.readouterr().err
    assert "  événement n°1 « Atelier d'octobre » : Cette date est déjà passée" in erreur
    assert erreur.endswith("ajoutez --a-venir.\n")
    assert await seances_en_base(base) == []

    code = await assemblee(
        "seances", "importer", "agenda.ics", "--groupe", "environnement", "--a-venir"
    )
    assert code == 0
    sortie = capsys.readouterr().out
    assert "Ignoré : événement n°1 « Atelier d'octobre » : déjà passé, pas importé." in sortie
    assert [s.titre for s in await seances_en_base(base)] == ["Atelier de décembre"]


# --- présences ------------------------------------------------------------------------------------


async def test_exporter_les_presences_du_mois(
    operateur: Path, base: AsyncSession, capsys: pytest.CaptureFixture[str]
) -> None:
    environnement = await groupes_domaine.trouver_groupe(base, "environnement")
    assert environnement is not None
    seance = await _seance_passee(base)
    camille = await creer_membre(
        base, nom="Martin", prenom="Camille", role=Role.MEMBRE, groupes=[environnement],
        maintenant=MAINTENANT,
    )  # fmt: skip
    assert seance.id is not None and camille.id is not None
    base.add(Presence(seance_id=seance.id, membre_id=camille.id, present=True, note_le=MAINTENANT))
    await base.commit()

    assert await assemblee("presences", "exporter", "--mois", "2026-11") == 0
    sortie = capsys.readouterr().out
    fichier = operateur / "indemnisation-2026-11.csv"
    assert sortie.splitlines()[0] == (
        "indemnisation-2026-11.csv écrit : novembre 2026, 1 membre(s), 1 séance(s), "
        "3:15 heures de présence au total."
    )
    assert "ce mois n'est pas fini" in sortie  # the clock says 25 November
    contenu = fichier.read_bytes()
    assert contenu.startswith(b"\xef\xbb\xbf")  # the BOM French Excel needs
    attendu = await exporter_indemnisation(base, mois="2026-11", fuseau=PARIS)
    assert contenu.decode("utf-8") == attendu
    assert "Martin;Camille;Environnement;14/11/2026;09:30;Plénière – Plénière d'ouverture;3:15" in (
        attendu
    )
    assert stat.S_IMODE(fichier.stat().st_mode) == 0o600  # personal data


async def test_exporter_un_mois_passe_vers_un_fichier_choisi(
    operateur: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = await assemblee("presences", "exporter", "--mois", "10/2026", "--sortie", "oct.csv")
    assert code == 0
    assert capsys.readouterr().out == (
        "oct.csv écrit : octobre 2026, 0 membre(s), 0 séance(s), 0:00 heures de présence au "
        "total.\n"
    )
    assert (operateur / "oct.csv").read_text(encoding="utf-8-sig").startswith("nom;prénom;")


@pytest.mark.parametrize(
    ("arguments", "erreur"),
    [
        (("--mois", "2026-13"), "Mois « 2026-13 » illisible : écrivez l'année puis le mois, "
         "par exemple 2026-11.\n"),
        (("--mois", "novembre"), "Mois « novembre » illisible : écrivez l'année puis le mois, "
         "par exemple 2026-11.\n"),
        (("--mois", "2026-11", "--sortie", "absent/x.csv"), "absent/x.csv : écriture impossible ("),
    ],
)  # fmt: skip
async def test_exporter_refuse_sans_rien_ecrire(
    operateur: Path, capsys: pytest.CaptureFixture[str], arguments: tuple[str, ...], erreur: str
) -> None:
    assert await assemblee("presences", "exporter", *arguments) == 1
    sortie = capsys.readouterr()
    assert sortie.err.startswith(erreur) and sortie.out == ""
    assert sorted(p.name for p in operateur.iterdir()) == []


async def test_l_equipe_ajuste_les_convoques(
    operateur: Path, base: AsyncSession, capsys: pytest.CaptureFixture[str], horloge: HorlogeFigee
) -> None:
    env = await trouver_groupe(base, "environnement")
    esp = await trouver_groupe(base, "espace-public")
    assert env is not None and esp is not None
    a, b = await membres_actifs(base, horloge.maintenant(), env, 2)
    (c,) = await membres_actifs(base, horloge.maintenant(), esp, 1, premier_telegram_id=900)
    assert await assemblee(*ATELIER) == 0
    capsys.readouterr()
    code = await assemblee(
        "seances", "convoques", "1", "--retirer", str(b.id), "--ajouter", str(c.id)
    )
    assert code == 0
    sortie = capsys.readouterr().out
    assert f"n°{a.id}" in sortie and f"n°{c.id}" in sortie and f"n°{b.id}" not in sortie
    assert sortie.strip().endswith("2 membre(s) convoqué(s) à la séance n°1.")
    assert await assemblee("seances", "convoques", "1", "--ajouter", "999") == 1
    assert "Aucun membre n°999" in capsys.readouterr().err
