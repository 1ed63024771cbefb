"""The compensation export: the roll call of a month, member by member, as the staff's
spreadsheet reads it."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import journal, membres
from assemblee.horloge import HorlogeFigee
from assemblee.membres import creer_membre
from assemblee.modeles import (
    ChoixReponse,
    Convocation,
    Groupe,
    Membre,
    Presence,
    Reponse,
    Role,
    Seance,
    TypeSeance,
)
from rappels.presences import (
    duree_hmm,
    exporter_indemnisation,
    historique,
    lire_mois,
    presences_du_mois,
)

PARIS = ZoneInfo("Europe/Paris")


def paris(mois: int, jour: int, heure: int, minute: int = 0, annee: int = 2026) -> datetime:
    return datetime(annee, mois, jour, heure, minute, tzinfo=PARIS)


async def seance(
    session: AsyncSession,
    titre: str,
    debut: datetime,
    fin: datetime,
    *,
    type_: TypeSeance = TypeSeance.PLENIERE,
    groupe: Groupe | None = None,
    annulee: bool = False,
) -> Seance:
    # Written directly: past séances cannot be created through the domain, by design.
    s = Seance(
        type=type_,
        titre=titre,
        groupe_id=groupe.id if groupe else None,
        debut=debut,
        fin=fin,
        lieu="Hôtel de Ville",
        cree_le=paris(9, 1, 12),
        annulee_le=paris(10, 1, 12) if annulee else None,
    )
    session.add(s)
    await session.commit()
    return s


async def membre(session: AsyncSession, nom: str, prenom: str, groupe: Groupe) -> Membre:
    m = await creer_membre(
        session,
        nom=nom,
        prenom=prenom,
        role=Role.MEMBRE,
        groupes=[groupe],
        maintenant=paris(9, 1, 12),
    )
    await session.commit()
    return m


async def emarger(session: AsyncSession, s: Seance, m: Membre, *, present: bool = True) -> None:
    assert s.id is not None and m.id is not None
    session.add(Presence(seance_id=s.id, membre_id=m.id, present=present, note_le=s.debut))
    await session.commit()


async def repondre_oui(session: AsyncSession, s: Seance, m: Membre) -> None:
    assert s.id is not None and m.id is not None
    session.add(
        Reponse(seance_id=s.id, membre_id=m.id, choix=ChoixReponse.OUI, repondu_le=paris(10, 1, 9))
    )
    await session.commit()


async def test_export_de_novembre(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env, esp = groupes_config["environnement"], groupes_config["espace-public"]
    atelier = await seance(
        session,
        "Végétaliser les cours ; suite",
        paris(11, 3, 18, 30),
        paris(11, 3, 20, 30),
        type_=TypeSeance.ATELIER,
        groupe=env,
    )
    pleniere = await seance(
        session, "Plénière d'automne", paris(11, 14, 9, 30), paris(11, 14, 12, 45)
    )
    annulee = await seance(
        session, "Formation annulée", paris(11, 10, 18), paris(11, 10, 20), annulee=True
    )
    octobre = await seance(
        session, "Séance d'octobre", paris(10, 20, 18, 30), paris(10, 20, 20, 30)
    )
    # Starts on 30 November in Paris, ends on 1 December: November's, 3 h 30.
    nocturne = await seance(session, "Nuit des débats", paris(11, 30, 21), paris(12, 1, 0, 30))
    # 00:30 on 1 December in Paris is still 30 November in UTC: December's, not November's.
    decembre = await seance(
        session, "Veillée", paris(12, 1, 0, 30), paris(12, 1, 1, 30), type_=TypeSeance.VISITE
    )

    martin = await membre(session, "Martin", "Camille", env)
    for s in (atelier, pleniere, annulee, octobre, nocturne, decembre):
        await emarger(session, s, martin)
    diallo = await membre(session, "Diallo", "Awa", esp)
    await repondre_oui(session, atelier, diallo)  # said yes, marked absent: not paid
    await emarger(session, atelier, diallo, present=False)
    await emarger(session, pleniere, diallo)
    eluard = await membre(session, "Éluard", "Paul", env)
    await emarger(session, atelier, eluard)
    await repondre_oui(session, pleniere, eluard)  # said yes, no roll call: not paid
    sans_appel = await membre(session, "Bernard", "Léa", env)
    await repondre_oui(session, pleniere, sans_appel)
    zola = await membre(session, "Zola", "Émile", esp)
    await emarger(session, pleniere, zola)
    await membres.effacer_donnees(session, zola, horloge.maintenant(), auteur=journal.CLI)

    texte = await exporter_indemnisation(session, mois="2026-11", fuseau=PARIS)

    assert texte == (
        "\ufeffnom;prénom;groupe(s);date;heure;séance;durée\r\n"
        "Diallo;Awa;Espace public;14/11/2026;09:30;Plénière – Plénière d'automne;3:15\r\n"
        "Diallo;Awa;Espace public;Total novembre 2026;;1 séance;3:15\r\n"
        'Éluard;Paul;Environnement;03/11/2026;18:30;"Atelier – Végétaliser les cours ; suite";'
        "2:00\r\n"
        "Éluard;Paul;Environnement;Total novembre 2026;;1 séance;2:00\r\n"
        'Martin;Camille;Environnement;03/11/2026;18:30;"Atelier – Végétaliser les cours ; suite";'
        "2:00\r\n"
        "Martin;Camille;Environnement;14/11/2026;09:30;Plénière – Plénière d'automne;3:15\r\n"
        "Martin;Camille;Environnement;30/11/2026;21:00;Plénière – Nuit des débats;3:30\r\n"
        "Martin;Camille;Environnement;Total novembre 2026;;3 séances;8:45\r\n"
        # Erased from the bot: the name and the attendance stay, the groups are gone.
        "Zola;Émile;;14/11/2026;09:30;Plénière – Plénière d'automne;3:15\r\n"
        "Zola;Émile;;Total novembre 2026;;1 séance;3:15\r\n"
    )
    # What a French spreadsheet reads: UTF-8 with its byte-order mark, semicolons.
    lignes = list(csv.reader(io.StringIO(texte.encode("utf-8").decode("utf-8-sig")), delimiter=";"))
    assert all(len(ligne) == 7 for ligne in lignes)


async def test_le_mois_suivant_a_ses_propres_seances(
    session: AsyncSession, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    novembre = await seance(session, "Nuit des débats", paris(11, 30, 21), paris(12, 1, 0, 30))
    decembre = await seance(session, "Veillée", paris(12, 1, 0, 30), paris(12, 1, 1, 30))
    martin = await membre(session, "Martin", "Camille", env)
    await emarger(session, novembre, martin)
    await emarger(session, decembre, martin)
    lignes = await presences_du_mois(session, mois="2026-12", fuseau=PARIS)
    assert [(p.titre, p.seance_id, p.duree) for p in lignes] == [
        ("Veillée", decembre.id, timedelta(hours=1))
    ]


async def test_la_duree_est_le_temps_vecu_le_jour_du_changement_d_heure(
    session: AsyncSession, groupes_config: dict[str, Groupe]
) -> None:
    # Sunday 25 October 2026, 01:00 to 04:00 on the clock: four hours lived (02:00 twice).
    nuit = await seance(session, "Nuit blanche", paris(10, 25, 1), paris(10, 25, 4))
    martin = await membre(session, "Martin", "Camille", groupes_config["environnement"])
    await emarger(session, nuit, martin)
    (presence,) = await presences_du_mois(session, mois="2026-10", fuseau=PARIS)
    assert duree_hmm(presence.duree) == "4:00"


async def test_une_formule_reste_du_texte_dans_le_tableur(
    session: AsyncSession, groupes_config: dict[str, Groupe]
) -> None:
    s = await seance(session, "Séance", paris(11, 3, 18), paris(11, 3, 20))
    piege = await membre(session, '=HYPERLINK("http://x")', "@Sam", groupes_config["environnement"])
    await emarger(session, s, piege)
    texte = await exporter_indemnisation(session, mois="2026-11", fuseau=PARIS)
    premiere = next(csv.reader(io.StringIO(texte.splitlines()[1]), delimiter=";"))
    assert premiere[:2] == ['\'=HYPERLINK("http://x")', "'@Sam"]


async def test_un_mois_sans_presence_donne_les_seuls_entetes(session: AsyncSession) -> None:
    texte = await exporter_indemnisation(session, mois="2026-11", fuseau=PARIS)
    assert texte == "\ufeffnom;prénom;groupe(s);date;heure;séance;durée\r\n"


@pytest.mark.parametrize("mois", ["2026-13", "2026-00", "novembre", "", "26-11", "2026/11"])
async def test_un_mois_illisible_est_refuse_en_francais(session: AsyncSession, mois: str) -> None:
    with pytest.raises(
        ValueError, match=f"^Mois « {mois} » illisible : écrivez l'année puis le mois"
    ):
        await exporter_indemnisation(session, mois=mois, fuseau=PARIS)


def test_les_formes_de_mois_acceptees() -> None:
    assert lire_mois("2026-11").libelle == "novembre 2026"
    assert lire_mois(" 11/2026 ").code == "2026-11"
    assert lire_mois("2027-2").code == "2027-02"


def test_duree_en_heures_et_minutes() -> None:
    assert duree_hmm(timedelta(hours=27, minutes=5)) == "27:05"
    assert duree_hmm(timedelta(minutes=45)) == "0:45"


async def test_l_historique_d_un_membre_dit_sa_reponse_et_l_emargement(
    session: AsyncSession, groupes_config: dict[str, Groupe]
) -> None:
    env, esp = groupes_config["environnement"], groupes_config["espace-public"]
    camille = await membre(session, "Martin", "Camille", env)
    pleniere = await seance(session, "Plénière", paris(11, 14, 9), paris(11, 14, 12))
    atelier = await seance(
        session, "Atelier", paris(11, 3, 18), paris(11, 3, 20), type_=TypeSeance.ATELIER, groupe=env
    )
    ailleurs = await seance(
        session,
        "Ailleurs",
        paris(11, 4, 18),
        paris(11, 4, 20),
        type_=TypeSeance.ATELIER,
        groupe=esp,
    )
    invitee = await seance(
        session, "Invitée", paris(11, 5, 18), paris(11, 5, 20), type_=TypeSeance.ATELIER, groupe=esp
    )
    retiree = await seance(
        session, "Retirée", paris(11, 6, 18), paris(11, 6, 20), type_=TypeSeance.ATELIER, groupe=env
    )
    await seance(session, "Annulée", paris(11, 7, 18), paris(11, 7, 20), annulee=True)
    assert camille.id is not None and invitee.id is not None and retiree.id is not None
    session.add(Convocation(seance_id=invitee.id, membre_id=camille.id, convoque=True))
    session.add(Convocation(seance_id=retiree.id, membre_id=camille.id, convoque=False))
    await session.commit()
    await repondre_oui(session, atelier, camille)
    await emarger(session, atelier, camille, present=False)
    await emarger(session, pleniere, camille)

    lignes = await historique(session, camille)
    assert [ligne.seance.titre for ligne in lignes] == ["Plénière", "Invitée", "Atelier"]
    assert ailleurs.id not in {ligne.seance.id for ligne in lignes}
    pl, inv, at = lignes
    assert pl.reponse is None and pl.presence is not None and pl.presence.present
    assert inv.reponse is None and inv.presence is None
    assert at.reponse is not None and at.reponse.choix == ChoixReponse.OUI
    assert at.presence is not None and not at.presence.present
    assert [ligne.seance.titre for ligne in await historique(session, camille, limite=1)] == [
        "Plénière"
    ]
