"""Polls on a real database: launching, voting (each kind), refusals that write nothing,
anonymity, reminders, closing, results, export, and 100 members voting at once."""

from __future__ import annotations

import asyncio
import hashlib
from datetime import time, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import SQLModel, col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import envois, journal, membres, sondages
from assemblee.db import FabriqueSessions
from assemblee.horloge import HorlogeFigee
from assemblee.modeles import (
    Bulletin,
    Envoi,
    Groupe,
    Membre,
    NatureEnvoi,
    Piece,
    Role,
    Sondage,
    TypeSondage,
    Votant,
    Vote,
)
from assemblee.sondages import Brouillon, ErreurSondage
from assemblee.textes import Catalogue, visible
from config.reglages import PlageHoraire
from tests.conftest import SECRET_SCRUTINS_TEST, reglages_test
from tests.outils.fabriques import membres_actifs

PARIS = ZoneInfo("Europe/Paris")
CATALOGUE = Catalogue()
OPTIONS = ["Des fontaines dans les parcs", "Des cours oasis", "Plus de bancs"]
SECRET = reglages_test(secret_scrutins=SECRET_SCRUTINS_TEST).cle_scrutins


async def _sondage(
    session: AsyncSession,
    horloge: HorlogeFigee,
    groupe: Groupe,
    *,
    type_: TypeSondage = TypeSondage.JUGEMENT,
    anonyme: bool = True,
    max_choix: int | None = None,
    auteur: Membre | None = None,
) -> tuple[Sondage, int]:
    return await sondages.lancer(
        session,
        Brouillon(
            question="Quel sujet en priorité ?",
            type=type_,
            options=OPTIONS,
            ferme_le=horloge.maintenant() + timedelta(days=3),
            groupe_id=groupe.id,
            anonyme=anonyme,
            max_choix=max_choix,
        ),
        auteur=journal.par_le_bot(auteur) if auteur else journal.CLI,
        maintenant=horloge.maintenant(),
        catalogue=CATALOGUE,
        fuseau=PARIS,
        secret=SECRET,
    )


async def _voter(
    session: AsyncSession,
    horloge: HorlogeFigee,
    sondage: Sondage,
    membre: Membre,
    option: int,
    valeur: int = 1,
    *,
    secret: bytes = SECRET,
) -> dict[int, int]:
    ouvert = await sondages.voter(
        session,
        sondage_id=sondage.id or 0,
        membre=membre,
        option=option,
        valeur=valeur,
        maintenant=horloge.maintenant(),
        secret=secret,
    )
    return ouvert.etat


async def _clore(session: AsyncSession, horloge: HorlogeFigee, sondage: Sondage) -> None:
    await sondages.clore(
        session, sondage, auteur=journal.CLI, maintenant=horloge.maintenant(), secret=SECRET
    )


async def _votes(session: AsyncSession) -> list[tuple[int, int]]:
    lignes = (
        await session.exec(
            select(Vote.option_id, Vote.valeur).execution_options(populate_existing=True)
        )
    ).all()
    return sorted(lignes)


async def test_lancer_un_bulletin_par_membre_joignable_du_groupe(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    membres = await membres_actifs(session, horloge.maintenant(), env, 3)
    await membres_actifs(
        session, horloge.maintenant(), groupes_config["espace-public"], 2, premier_telegram_id=500
    )
    (anim,) = await membres_actifs(
        session, horloge.maintenant(), env, 1, premier_telegram_id=900, role=Role.ANIMATEUR
    )
    sondage, nombre = await _sondage(session, horloge, env, auteur=anim)
    assert nombre == 3
    assert {v.membre_id for v in (await session.exec(select(Votant))).all()} == {
        m.id for m in membres
    }
    bulletins = (await session.exec(select(Bulletin))).all()
    assert len(bulletins) == 3 and all(b.membre_id is None and b.jeton_hash for b in bulletins)
    assert {b.jeton_hash for b in bulletins} == {
        sondages.cle_bulletin(SECRET, sondage.id or 0, m.id or 0) for m in membres
    }
    lettres = (await session.exec(select(Envoi))).all()
    assert all(e.expire_le == sondage.ferme_le for e in lettres)
    assert (
        "Quel sujet en priorité ?" in lettres[0].texte
        and "1. Des fontaines dans les parcs" in lettres[0].texte
    )
    # Every member's ballot message is the same: nothing in the outbox leads to a ballot.
    assert len({(e.texte, e.clavier) for e in lettres}) == 1


@pytest.mark.parametrize(
    ("brouillon", "code"),
    [
        ({"question": " "}, "question-vide"),
        ({"options": ["Un seul"]}, "options-nombre"),
        ({"options": [f"o{i}" for i in range(11)]}, "options-nombre"),
        ({"options": ["Bancs", "bancs "]}, "option-doublon"),
        ({"options": ["x" * 201, "y"]}, "option-longue"),
        ({"ferme_le_dans": timedelta(minutes=-1)}, "ferme-passe"),
        ({"ferme_le_dans": timedelta(days=61)}, "ferme-loin"),
        ({"type": TypeSondage.MULTIPLE, "max_choix": 4}, "max-choix"),
    ],
)
async def test_brouillons_refuses(
    session: AsyncSession,
    horloge: HorlogeFigee,
    groupes_config: dict[str, Groupe],
    brouillon: dict[str, object],
    code: str,
) -> None:
    env = groupes_config["environnement"]
    await membres_actifs(session, horloge.maintenant(), env, 2)
    champs = {
        "question": "Q ?",
        "type": TypeSondage.UNIQUE,
        "options": OPTIONS,
        "groupe_id": env.id,
        "ferme_le": horloge.maintenant() + brouillon.pop("ferme_le_dans", timedelta(days=1)),  # type: ignore[operator]
    }
    champs.update(brouillon)
    with pytest.raises(ErreurSondage) as erreur:
        await sondages.lancer(
            session,
            Brouillon(**champs),
            auteur=journal.CLI,
            maintenant=horloge.maintenant(),  # type: ignore[arg-type]
            catalogue=CATALOGUE,
            fuseau=PARIS,
            secret=SECRET,
        )
    assert erreur.value.code == code
    assert (await session.exec(select(Sondage))).all() == []


async def test_jugement_majoritaire_noter_changer_refus(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    mia, leo = await membres_actifs(session, horloge.maintenant(), env, 2)
    (ext,) = await membres_actifs(
        session, horloge.maintenant(), groupes_config["espace-public"], 1, premier_telegram_id=500
    )
    sondage, _ = await _sondage(session, horloge, env)
    sid = sondage.id or 0

    await _voter(session, horloge, sondage, mia, 0, 5)
    await _voter(session, horloge, sondage, mia, 1, 2)
    etat = await _voter(session, horloge, sondage, mia, 1, 4)  # changed her mind
    assert etat == {0: 5, 1: 4}
    ouvert = await sondages.consulter(
        session, sondage_id=sid, membre=mia, maintenant=horloge.maintenant(), secret=SECRET
    )
    assert ouvert.etat == {0: 5, 1: 4}
    texte = sondages.texte_bulletin(
        ouvert.sondage, ouvert.options, ouvert.etat, 2, CATALOGUE.pour("fr"), PARIS
    )
    assert "1. Des fontaines dans les parcs — Excellent" in visible(
        texte
    ) and "3. Plus de bancs — à noter" in visible(texte)
    avant = await _scelles(session)
    refus = [
        (ext, 0, 5, "non-convie"),  # another group's member
        (leo, 7, 5, "option-inconnue"),
        (leo, 0, 6, "mention-inconnue"),
        (leo, 0, -1, "mention-inconnue"),
    ]
    for membre, option, valeur, code in refus:
        with pytest.raises(ErreurSondage) as erreur:
            await _voter(session, horloge, sondage, membre, option, valeur)
        assert erreur.value.code == code
    # Another secret (a wrong SECRET_SCRUTINS) finds no ballot: nothing is written.
    with pytest.raises(ErreurSondage) as erreur:
        await _voter(session, horloge, sondage, leo, 0, 5, secret=b"un autre secret" * 3)
    assert erreur.value.code == "bulletin-inconnu"
    horloge.avancer(timedelta(days=3))
    with pytest.raises(ErreurSondage) as erreur:
        await _voter(session, horloge, sondage, leo, 0, 5)
    assert erreur.value.code == "clos"
    assert await _scelles(session) == avant
    assert await _votes(session) == []  # an anonymous poll has no readable vote while open
    assert [m.id for m in await sondages.non_votants(session, sondage, SECRET)] == [leo.id]


async def _scelles(session: AsyncSession) -> list[tuple[int, bytes | None, int]]:
    lignes = (
        await session.exec(
            select(Bulletin.id, Bulletin.scelle, Bulletin.version).execution_options(
                populate_existing=True
            )
        )
    ).all()
    return sorted((i or 0, sc, v) for i, sc, v in lignes)


async def test_choix_unique_et_multiple(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    (mia,) = await membres_actifs(session, horloge.maintenant(), env, 1)
    for anonyme in (False, True):
        unique, _ = await _sondage(session, horloge, env, type_=TypeSondage.UNIQUE, anonyme=anonyme)
        multiple, _ = await _sondage(
            session, horloge, env, type_=TypeSondage.MULTIPLE, anonyme=anonyme, max_choix=2
        )
        assert await _voter(session, horloge, unique, mia, 0) == {0: 1}
        assert await _voter(session, horloge, unique, mia, 2) == {2: 1}  # replaces the first
        assert await _voter(session, horloge, multiple, mia, 0) == {0: 1}
        assert await _voter(session, horloge, multiple, mia, 1) == {0: 1, 1: 1}
        with pytest.raises(ErreurSondage) as erreur:
            await _voter(session, horloge, multiple, mia, 2)
        assert erreur.value.code == "trop-de-choix"
        assert await _voter(session, horloge, multiple, mia, 0) == {1: 1}  # a second tap removes
        assert await _voter(session, horloge, multiple, mia, 2) == {1: 1, 2: 1}
        with pytest.raises(ErreurSondage):
            await _voter(session, horloge, unique, mia, 1, valeur=3)


async def _tout(session: AsyncSession) -> dict[str, set[tuple[object, ...]]]:
    """Every row of every table, as a database reader sees them."""
    connexion = await session.connection()
    return {
        table.name: {tuple(ligne) for ligne in (await connexion.execute(sa.select(table))).all()}
        for table in SQLModel.metadata.sorted_tables
    }


async def test_personne_ne_peut_relier_un_bulletin_anonyme_a_un_membre(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    membres = await membres_actifs(session, horloge.maintenant(), env, 5)
    sondage, _ = await _sondage(session, horloge, env)
    # The ballots go out.
    lot = await envois.reclamer(
        session,
        maintenant=horloge.maintenant(),
        limite=10,
        heures_calmes=PlageHoraire(time(21), time(8)),
        fuseau=PARIS,
    )
    for i, envoi in enumerate(lot):
        await envois.marquer_envoye(
            session, envoi.id, message_id=i + 1, maintenant=horloge.maintenant()
        )
    avant = await _tout(session)
    for i, m in enumerate(membres[:4]):
        await _voter(session, horloge, sondage, m, 0, i % 6)
        await _voter(session, horloge, sondage, m, 1, (i + 2) % 6)
    apres = await _tout(session)
    # 1. Ballots carry no member, and nothing else points from a ballot or a vote to a member.
    assert {b.membre_id for b in (await session.exec(select(Bulletin))).all()} == {None}
    for table in SQLModel.metadata.sorted_tables:
        cibles = {cle.column.table.name for cle in table.foreign_keys}
        if table.name in ("bulletin", "vote"):
            assert cibles - {"membre"} <= {"sondage", "option_sondage", "bulletin"}
        if {"bulletin", "vote"} & cibles:
            assert table.name in ("vote",), f"{table.name} points to ballots"
    # 2. Voting wrote nothing but the anonymous ballots themselves: no register flag, no
    # timestamp, no vote row, no outbox row (nothing to match a ballot's timing with).
    changees = {nom for nom in avant if avant[nom] != apres[nom]}
    assert changees == {"bulletin"}
    assert set(Votant.model_fields) == {"sondage_id", "membre_id"}
    assert set(Bulletin.model_fields) == {
        "id",
        "sondage_id",
        "membre_id",
        "jeton_hash",
        "scelle",
        "version",
    }
    # 3. What the reader sees of a ballot reveals nothing of its choices: every sealed box has
    # the same length, whatever it holds.
    scelles = [sc for _, sc, _ in await _scelles(session) if sc is not None]
    assert len(scelles) == 4 and len({len(sc) for sc in scelles}) == 1
    # 4. Without the bot's secret, the keys lead nowhere: they are not the hash of anything
    # the database holds (a member id, a Telegram id, a name).
    cles = {b.jeton_hash for b in (await session.exec(select(Bulletin))).all()}
    for m in membres:
        for indice in (m.id, m.telegram_id, m.nom, f"{sondage.id}:{m.id}"):
            assert hashlib.sha256(str(indice).encode()).hexdigest() not in cles


async def test_a_la_cloture_l_urne_est_ouverte_et_les_bulletins_perdent_leur_cle(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    membres = await membres_actifs(session, horloge.maintenant(), env, 6)
    sondage, _ = await _sondage(session, horloge, env, type_=TypeSondage.UNIQUE)
    for i, m in enumerate(membres[:5]):
        await _voter(session, horloge, sondage, m, i % 2)
    await _clore(session, horloge, sondage)
    bulletins = (
        await session.exec(select(Bulletin).execution_options(populate_existing=True))
    ).all()
    # New ballots, in random order, keyless and memberless; the keyed ones are gone.
    assert len(bulletins) == 5
    assert all(b.jeton_hash is None and b.scelle is None and b.membre_id is None for b in bulletins)
    decompte = await sondages.resultats(session, sondage)
    assert [o.voix for o in decompte.resultat.options] == [3, 2, 0]
    assert (sondage.inscrits, sondage.votants, decompte.ecartes) == (6, 5, 0)


async def test_un_sondage_anonyme_ouvert_ne_montre_que_la_participation(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    mia, _leo = await membres_actifs(session, horloge.maintenant(), env, 2)
    sondage, _ = await _sondage(session, horloge, env, type_=TypeSondage.UNIQUE)
    await _voter(session, horloge, sondage, mia, 1)
    t = CATALOGUE.pour("fr")
    # Figures read before and after one member's tap would tell what they chose.
    assert not sondages.resultats_visibles(sondage)
    for lire in (sondages.resultats(session, sondage), sondages.exporter_csv(session, sondage, t)):
        with pytest.raises(ErreurSondage) as erreur:
            await lire
        assert erreur.value.code == "anonyme-ouvert"
    presence = await sondages.participation(session, sondage)
    assert (presence.votants, presence.inscrits) == (1, 2)
    await _clore(session, horloge, sondage)
    assert "1;Des cours oasis;1;100" in await sondages.exporter_csv(session, sondage, t)


async def test_un_bulletin_illisible_ou_hors_regles_est_ecarte_et_le_sondage_est_depouille(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    mia, leo, zoe = await membres_actifs(session, horloge.maintenant(), env, 3)
    anonyme, _ = await _sondage(session, horloge, env, type_=TypeSondage.UNIQUE)
    for m in (mia, leo):
        await _voter(session, horloge, anonyme, m, 0)
    # A sealed box altered on disk (or sealed with another secret) cannot be opened.
    connexion = await session.connection()
    cle_leo = sondages.cle_bulletin(SECRET, anonyme.id or 0, leo.id or 0)
    await connexion.execute(
        sa.update(Bulletin).where(col(Bulletin.jeton_hash) == cle_leo).values(scelle=b"0" * 38)
    )
    # A named ballot that breaks the rules (two choices in a single-choice poll).
    nomme, _ = await _sondage(session, horloge, env, type_=TypeSondage.UNIQUE, anonyme=False)
    await _voter(session, horloge, nomme, zoe, 0)
    await _voter(session, horloge, nomme, mia, 1)
    options = await sondages.options_de(session, nomme.id or 0)
    connexion = await session.connection()
    bulletin_zoe = (
        await session.exec(
            select(Bulletin).where(Bulletin.membre_id == zoe.id, Bulletin.sondage_id == nomme.id)
        )
    ).one()
    await connexion.execute(
        sa.insert(Vote).values(bulletin_id=bulletin_zoe.id, option_id=options[2].id, valeur=1)
    )
    await session.commit()
    horloge.avancer(timedelta(days=3))
    bilan = await sondages.tick(
        session,
        maintenant=horloge.maintenant(),
        catalogue=CATALOGUE,
        fuseau=PARIS,
        rappel_avant=timedelta(0),
        secret=SECRET,
    )
    assert (bilan.clos, bilan.resultats) == (2, 6)  # both counted and published
    for sondage, voix in ((anonyme, [1, 0, 0]), (nomme, [0, 1, 0])):
        decompte = await sondages.resultats(session, sondage)
        assert [o.voix for o in decompte.resultat.options] == voix
        assert decompte.ecartes == 1


async def test_l_effacement_d_un_membre_ne_change_pas_la_participation_publiee(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    mia, leo, _zoe = await membres_actifs(session, horloge.maintenant(), env, 3)
    sondage, _ = await _sondage(session, horloge, env, type_=TypeSondage.UNIQUE, anonyme=False)
    await _voter(session, horloge, sondage, mia, 0)
    await _voter(session, horloge, sondage, leo, 1)
    await _clore(session, horloge, sondage)
    await membres.effacer_donnees(session, mia, horloge.maintenant(), auteur=journal.CLI)
    await session.commit()
    presence = await sondages.participation(session, sondage)
    assert (presence.votants, presence.inscrits) == (2, 3)


async def test_rappel_cloture_et_resultats(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    mia, leo, zoe = await membres_actifs(session, horloge.maintenant(), env, 3)
    (anim,) = await membres_actifs(
        session, horloge.maintenant(), env, 1, premier_telegram_id=900, role=Role.ANIMATEUR
    )
    sondage, _ = await _sondage(session, horloge, env, auteur=anim)
    for membre, notes in ((mia, [5, 3, 0]), (leo, [4, 4, 1])):
        for option, note in enumerate(notes):
            await _voter(session, horloge, sondage, membre, option, note)

    async def tic() -> sondages.BilanTick:
        return await sondages.tick(
            session,
            maintenant=horloge.maintenant(),
            catalogue=CATALOGUE,
            fuseau=PARIS,
            rappel_avant=timedelta(hours=24),
            secret=SECRET,
        )

    assert await tic() == sondages.BilanTick()
    horloge.avancer(timedelta(days=2))  # 24 h before the close
    assert (await tic()).rappels == 1
    assert (await tic()).rappels == 0  # once
    (rappel,) = (
        await session.exec(select(Envoi).where(col(Envoi.cle).startswith("rappel-sondage:")))
    ).all()
    assert rappel.membre_id == zoe.id and "n'avez pas encore voté" in rappel.texte
    horloge.avancer(timedelta(days=1))
    bilan = await tic()
    assert (bilan.clos, bilan.resultats) == (1, 4)  # three invited and the facilitator
    assert (await tic()).resultats == 0
    resultats = (
        await session.exec(select(Envoi).where(col(Envoi.cle).startswith("resultats:")))
    ).all()
    assert {e.membre_id for e in resultats} == {mia.id, leo.id, zoe.id, anim.id}
    (piece,) = (await session.exec(select(Piece))).all()
    assert piece.contenu.startswith(b"\x89PNG") and all(
        e.piece_id == piece.id and e.nature == NatureEnvoi.PHOTO for e in resultats
    )
    legende = resultats[0].texte
    assert "2 votants sur 3 (67 %)" in legende
    assert legende.index("Des cours oasis") > legende.index("Des fontaines dans les parcs")
    assert "1. Des fontaines dans les parcs — Très bien" in legende


@pytest.mark.parametrize(
    ("duree", "rappel_apres"),
    [
        (timedelta(days=3), timedelta(days=2)),  # 24 h before the close
        (timedelta(days=1), timedelta(hours=12)),  # not 48 s after the ballot: half-way
        (timedelta(hours=1), None),  # too short to be worth a nudge
    ],
)
def test_le_rappel_tombe_apres_une_part_utile_de_la_vie_du_sondage(
    horloge: HorlogeFigee, duree: timedelta, rappel_apres: timedelta | None
) -> None:
    debut = horloge.maintenant()
    sondage = Sondage(
        question="Q ?", type=TypeSondage.UNIQUE, cree_le=debut, ferme_le=debut + duree
    )
    moment = sondages.moment_du_rappel(sondage, timedelta(hours=24))
    assert moment == (None if rappel_apres is None else debut + rappel_apres)
    assert sondages.moment_du_rappel(sondage, timedelta(0)) is None


async def test_export_csv_jamais_de_nom_pour_un_bulletin_anonyme(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    (mia,) = await membres_actifs(session, horloge.maintenant(), env, 1)
    mia.nom = "=HYPERLINK(1)"  # a spreadsheet must show it as text, never run it
    session.add(mia)
    await session.commit()
    anonyme, _ = await _sondage(session, horloge, env, type_=TypeSondage.UNIQUE)
    nominatif, _ = await _sondage(session, horloge, env, type_=TypeSondage.UNIQUE, anonyme=False)
    await _voter(session, horloge, anonyme, mia, 1)
    await _voter(session, horloge, nominatif, mia, 1)
    await _clore(session, horloge, anonyme)
    t = CATALOGUE.pour("fr")
    csv_anonyme = await sondages.exporter_csv(session, anonyme, t)
    csv_nominatif = await sondages.exporter_csv(session, nominatif, t)
    assert "1;Des cours oasis;1;100" in csv_anonyme and mia.prenom not in csv_anonyme
    assert f"'=HYPERLINK(1);{mia.prenom};;x;" in csv_nominatif


async def test_les_choix_nommes_de_chaque_votant_en_deux_requetes(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    votants = await membres_actifs(session, horloge.maintenant(), env, 4)
    sondage, _ = await _sondage(session, horloge, env, type_=TypeSondage.MULTIPLE, anonyme=False)
    await _voter(session, horloge, sondage, votants[0], 0)
    await _voter(session, horloge, sondage, votants[0], 2)
    await _voter(session, horloge, sondage, votants[2], 1)
    requetes: list[str] = []

    def compter(*args: object) -> None:
        requetes.append(str(args[2]))

    moteur = session.bind
    assert isinstance(moteur, AsyncEngine)
    sa.event.listen(moteur.sync_engine, "before_cursor_execute", compter)
    try:
        choix = await sondages.choix_nommes(session, sondage)
    finally:
        sa.event.remove(moteur.sync_engine, "before_cursor_execute", compter)
    # Those who chose nothing are left out; the others with every choice they made.
    assert [(m.id, etat) for m, etat in choix] == [
        (votants[0].id, {0: 1, 2: 1}),
        (votants[2].id, {1: 1}),
    ]
    assert len(requetes) == 2


async def test_les_sondages_d_une_page_ouverts_ou_clos_de_ses_groupes(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env, espace = groupes_config["environnement"], groupes_config["espace-public"]
    await membres_actifs(session, horloge.maintenant(), env, 1)
    await membres_actifs(session, horloge.maintenant(), espace, 1, premier_telegram_id=500)
    a, _ = await _sondage(session, horloge, env)
    horloge.avancer(timedelta(hours=1))
    b, _ = await _sondage(session, horloge, env)
    c, _ = await _sondage(session, horloge, espace)
    horloge.avancer(timedelta(hours=1))
    d, _ = await _sondage(session, horloge, env)
    await _clore(session, horloge, a)
    horloge.avancer(timedelta(hours=1))
    await _clore(session, horloge, d)

    async def ids(
        groupes: list[Groupe] | None, clos: bool, limite: int, decalage: int = 0
    ) -> list[int | None]:
        liste = await sondages.lister(
            session, groupes=groupes, clos=clos, limite=limite, decalage=decalage
        )
        return [s.id for s in liste]

    # Open: the next to close first; closed: the latest closed first.
    assert await ids(None, False, 10) == [b.id, c.id]
    assert await ids(None, True, 10) == [d.id, a.id]
    assert await ids(None, True, 1, 1) == [a.id]
    assert await ids([env], False, 10) == [b.id]
    assert await ids([espace], True, 10) == []
    assert await sondages.nombre(session, groupes=None, clos=True) == 2
    assert await sondages.nombre(session, groupes=[env], clos=False) == 1
    assert await sondages.nombre(session, groupes=[], clos=False) == 0


@pytest.mark.parametrize("anonyme", [True, False])
async def test_cent_membres_votent_en_meme_temps(
    sessions: FabriqueSessions,
    horloge: HorlogeFigee,
    groupes_config: dict[str, Groupe],
    anonyme: bool,
) -> None:
    env = groupes_config["environnement"]
    async with sessions() as session:
        membres = await membres_actifs(session, horloge.maintenant(), env, 100)
        sondage, _ = await _sondage(
            session, horloge, env, type_=TypeSondage.UNIQUE, anonyme=anonyme
        )

    async def voter(i: int, membre: Membre) -> None:
        async with sessions() as session:
            await _voter(session, horloge, sondage, membre, i % 3)

    await asyncio.gather(*(voter(i, m) for i, m in enumerate(membres)))
    async with sessions() as session:
        await _clore(session, horloge, sondage)
        decompte = await sondages.resultats(session, sondage)
        presence = await sondages.participation(session, sondage)
    assert [o.voix for o in decompte.resultat.options] == [34, 33, 33]
    assert (presence.votants, presence.inscrits) == (100, 100)


@pytest.mark.parametrize("anonyme", [True, False])
async def test_des_appuis_simultanes_ne_depassent_jamais_le_maximum_de_choix(
    sessions: FabriqueSessions,
    horloge: HorlogeFigee,
    groupes_config: dict[str, Groupe],
    anonyme: bool,
) -> None:
    """A member tapping every option at once (max 2) gets 2 accepted, never more: the rule
    is checked inside the writing transaction, after the ballot is locked."""
    env = groupes_config["environnement"]
    async with sessions() as session:
        (mia,) = await membres_actifs(session, horloge.maintenant(), env, 1)
        sondage, _ = await _sondage(
            session, horloge, env, type_=TypeSondage.MULTIPLE, anonyme=anonyme, max_choix=2
        )

    async def taper(option: int) -> str:
        async with sessions() as session:
            try:
                await _voter(session, horloge, sondage, mia, option)
            except ErreurSondage as erreur:
                return erreur.code
            return "ok"

    for _ in range(3):  # a few rounds: the interleaving varies
        codes = await asyncio.gather(*(taper(o) for o in range(3)))
        async with sessions() as session:
            ouvert = await sondages.consulter(
                session,
                sondage_id=sondage.id or 0,
                membre=mia,
                maintenant=horloge.maintenant(),
                secret=SECRET,
            )
        assert len(ouvert.etat) <= 2
        assert set(codes) <= {"ok", "trop-de-choix"}
    async with sessions() as session:
        await _clore(session, horloge, sondage)
        decompte = await sondages.resultats(session, sondage)
    assert decompte.ecartes == 0 and decompte.resultat.nb_votants == 1
