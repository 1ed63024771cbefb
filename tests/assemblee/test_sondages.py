"""Polls on a real database: launching, voting (each kind), refusals that write nothing,
anonymity, reminders, closing, results, export, and 100 members voting at once."""

from __future__ import annotations

import asyncio
import json
import re
from datetime import time, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from sqlmodel import SQLModel, col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import envois, sondages
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
from tests.outils.fabriques import membres_actifs

PARIS = ZoneInfo("Europe/Paris")
CATALOGUE = Catalogue()
OPTIONS = ["Des fontaines dans les parcs", "Des cours oasis", "Plus de bancs"]


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
        auteur=auteur,
        maintenant=horloge.maintenant(),
        catalogue=CATALOGUE,
        fuseau=PARIS,
    )


async def _jetons(session: AsyncSession, sondage: Sondage) -> dict[int, str]:
    """What each member's ballot message carries (read before the outbox forgets it)."""
    jetons = {}
    for envoi in (
        await session.exec(
            select(Envoi).where(col(Envoi.cle).startswith(f"bulletin:{sondage.id}:"))
        )
    ).all():
        donnees = json.loads(envoi.clavier or "{}")["inline_keyboard"][0][0]["callback_data"]
        jetons[envoi.membre_id] = donnees.split(":")[2]
    return jetons


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
    lettres = (await session.exec(select(Envoi))).all()
    assert all(e.ephemere and e.expire_le == sondage.ferme_le for e in lettres)
    assert (
        "Quel sujet en priorité ?" in lettres[0].texte
        and "1. Des fontaines dans les parcs" in lettres[0].texte
    )
    jetons = await _jetons(session, sondage)
    assert len(set(jetons.values())) == 3 and all(len(j) == 16 for j in jetons.values())
    assert {sondages.hacher(j) for j in jetons.values()} == {b.jeton_hash for b in bulletins}


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
            auteur=None,
            maintenant=horloge.maintenant(),  # type: ignore[arg-type]
            catalogue=CATALOGUE,
            fuseau=PARIS,
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
    jetons = await _jetons(session, sondage)
    sid = sondage.id or 0

    async def voter(membre: Membre, jeton: str, option: int, valeur: int) -> sondages.Ouvert:
        return await sondages.voter(
            session,
            sondage_id=sid,
            membre=membre,
            jeton=jeton,
            option=option,
            valeur=valeur,
            maintenant=horloge.maintenant(),
        )

    ouvert = await voter(mia, jetons[mia.id or 0], 0, 5)
    ouvert = await voter(mia, jetons[mia.id or 0], 1, 2)
    ouvert = await voter(mia, jetons[mia.id or 0], 1, 4)  # changed her mind
    assert ouvert.etat == {0: 5, 1: 4}
    texte, clavier = sondages.rendu_bulletin(
        ouvert.sondage,
        ouvert.options,
        ouvert.etat,
        2,
        jetons[mia.id or 0],
        CATALOGUE.pour("fr"),
        PARIS,
    )
    assert "1. Des fontaines dans les parcs — Excellent" in visible(
        texte
    ) and "3. Plus de bancs — à noter" in visible(texte)
    assert (
        clavier["inline_keyboard"][0][0]["callback_data"] == f"vo:{sid}:{jetons[mia.id or 0]}:2:5"
    )
    avant = await _votes(session)
    refus = [
        (ext, jetons[mia.id or 0], 0, 5, "non-convie"),  # another group's member, even with a token
        (leo, "x" * 16, 0, 5, "bulletin-inconnu"),  # a forged token
        (leo, sondages.NOMINATIF, 0, 5, "bulletin-inconnu"),
        (leo, jetons[leo.id or 0], 7, 5, "option-inconnue"),
        (leo, jetons[leo.id or 0], 0, 6, "mention-inconnue"),
        (leo, jetons[leo.id or 0], 0, -1, "mention-inconnue"),
    ]
    for membre, jeton, option, valeur, code in refus:
        with pytest.raises(ErreurSondage) as erreur:
            await voter(membre, jeton, option, valeur)
        assert erreur.value.code == code
    horloge.avancer(timedelta(days=3))
    with pytest.raises(ErreurSondage) as erreur:
        await voter(leo, jetons[leo.id or 0], 0, 5)
    assert erreur.value.code == "clos"
    assert await _votes(session) == avant
    registre = {
        v.membre_id: v.a_vote
        for v in (
            await session.exec(select(Votant).execution_options(populate_existing=True))
        ).all()
    }
    assert registre == {mia.id: True, leo.id: False}


async def test_choix_unique_et_multiple(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    (mia,) = await membres_actifs(session, horloge.maintenant(), env, 1)
    unique, _ = await _sondage(session, horloge, env, type_=TypeSondage.UNIQUE, anonyme=False)
    multiple, _ = await _sondage(
        session, horloge, env, type_=TypeSondage.MULTIPLE, anonyme=False, max_choix=2
    )

    async def voter(sondage: Sondage, option: int, valeur: int = 1) -> dict[int, int]:
        ouvert = await sondages.voter(
            session,
            sondage_id=sondage.id or 0,
            membre=mia,
            jeton=sondages.NOMINATIF,
            option=option,
            valeur=valeur,
            maintenant=horloge.maintenant(),
        )
        return ouvert.etat

    assert await voter(unique, 0) == {0: 1}
    assert await voter(unique, 2) == {2: 1}  # a single choice replaces the previous one
    assert await voter(multiple, 0) == {0: 1}
    assert await voter(multiple, 1) == {0: 1, 1: 1}
    with pytest.raises(ErreurSondage) as erreur:
        await voter(multiple, 2)
    assert erreur.value.code == "trop-de-choix"
    assert await voter(multiple, 0) == {1: 1}  # a second tap removes a choice
    assert await voter(multiple, 2) == {1: 1, 2: 1}
    with pytest.raises(ErreurSondage):
        await voter(unique, 1, valeur=3)


async def test_personne_ne_peut_relier_un_bulletin_anonyme_a_un_membre(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    membres = await membres_actifs(session, horloge.maintenant(), env, 5)
    sondage, _ = await _sondage(session, horloge, env)
    jetons = await _jetons(session, sondage)
    # The ballots go out: the outbox forgets their content once delivered.
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
    for i, m in enumerate(membres):
        await sondages.voter(
            session,
            sondage_id=sondage.id or 0,
            membre=m,
            jeton=jetons[m.id or 0],
            option=0,
            valeur=i % 6,
            maintenant=horloge.maintenant(),
        )
    # 1. Ballots carry no member, and nothing else points from a ballot or a vote to a member.
    assert {b.membre_id for b in (await session.exec(select(Bulletin))).all()} == {None}
    for table in SQLModel.metadata.sorted_tables:
        cibles = {cle.column.table.name for cle in table.foreign_keys}
        if table.name in ("bulletin", "vote"):
            assert cibles - {"membre"} <= {"sondage", "option_sondage", "bulletin"}
        if {"bulletin", "vote"} & cibles:
            assert table.name in ("vote",), f"{table.name} points to ballots"
    # 2. The register says who voted, never when (nothing to match a ballot's timing with).
    assert set(Votant.model_fields) == {"sondage_id", "membre_id", "a_vote"}
    assert set(Bulletin.model_fields) == {"id", "sondage_id", "membre_id", "jeton_hash"}
    # 3. The tokens are nowhere in the database once the ballots were delivered.
    connexion = await session.connection()
    tout = []
    for table in SQLModel.metadata.sorted_tables:
        tout += [str(ligne) for ligne in (await connexion.execute(sa.select(table))).all()]
    depot = "\n".join(tout)
    assert not any(j in depot for j in jetons.values())
    assert not re.search(r"vo:\d+:[A-Za-z0-9_-]{16}", depot)


async def test_rappel_cloture_et_resultats(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    mia, leo, zoe = await membres_actifs(session, horloge.maintenant(), env, 3)
    (anim,) = await membres_actifs(
        session, horloge.maintenant(), env, 1, premier_telegram_id=900, role=Role.ANIMATEUR
    )
    sondage, _ = await _sondage(session, horloge, env, auteur=anim)
    jetons = await _jetons(session, sondage)
    for membre, notes in ((mia, [5, 3, 0]), (leo, [4, 4, 1])):
        for option, note in enumerate(notes):
            await sondages.voter(
                session,
                sondage_id=sondage.id or 0,
                membre=membre,
                jeton=jetons[membre.id or 0],
                option=option,
                valeur=note,
                maintenant=horloge.maintenant(),
            )

    async def tic() -> sondages.BilanTick:
        return await sondages.tick(
            session,
            maintenant=horloge.maintenant(),
            catalogue=CATALOGUE,
            fuseau=PARIS,
            rappel_avant=timedelta(hours=24),
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


async def test_export_csv_jamais_de_nom_pour_un_bulletin_anonyme(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    (mia,) = await membres_actifs(session, horloge.maintenant(), env, 1)
    anonyme, _ = await _sondage(session, horloge, env, type_=TypeSondage.UNIQUE)
    nominatif, _ = await _sondage(session, horloge, env, type_=TypeSondage.UNIQUE, anonyme=False)
    jetons = await _jetons(session, anonyme)
    await sondages.voter(
        session,
        sondage_id=anonyme.id or 0,
        membre=mia,
        jeton=jetons[mia.id or 0],
        option=1,
        valeur=1,
        maintenant=horloge.maintenant(),
    )
    await sondages.voter(
        session,
        sondage_id=nominatif.id or 0,
        membre=mia,
        jeton="m",
        option=1,
        valeur=1,
        maintenant=horloge.maintenant(),
    )
    t = CATALOGUE.pour("fr")
    csv_anonyme = await sondages.exporter_csv(session, anonyme, t)
    csv_nominatif = await sondages.exporter_csv(session, nominatif, t)
    assert "1;Des cours oasis;1;100" in csv_anonyme and mia.nom not in csv_anonyme
    assert f"{mia.nom};{mia.prenom};;x;" in csv_nominatif


async def test_cent_membres_votent_en_meme_temps(
    sessions: FabriqueSessions, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    async with sessions() as session:
        membres = await membres_actifs(session, horloge.maintenant(), env, 100)
        sondage, _ = await _sondage(session, horloge, env, type_=TypeSondage.UNIQUE)
        jetons = await _jetons(session, sondage)

    async def voter(i: int, membre: Membre) -> None:
        async with sessions() as session:
            await sondages.voter(
                session,
                sondage_id=sondage.id or 0,
                membre=membre,
                jeton=jetons[membre.id or 0],
                option=i % 3,
                valeur=1,
                maintenant=horloge.maintenant(),
            )

    await asyncio.gather(*(voter(i, m) for i, m in enumerate(membres)))
    async with sessions() as session:
        _, resultat = await sondages.resultats(session, sondage)
        presence = await sondages.participation(session, sondage.id or 0)
    assert [o.voix for o in resultat.options] == [34, 33, 33]
    assert (presence.votants, presence.inscrits) == (100, 100)
