"""Answers and roll call, refused when they should be (and then nothing is written)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import journal, seances
from assemblee.db import FabriqueSessions
from assemblee.horloge import HorlogeFigee
from assemblee.modeles import (
    ChoixReponse,
    Groupe,
    Presence,
    RaisonAbsence,
    Reponse,
    Role,
    Seance,
    TypeSeance,
)
from assemblee.seances import Champs
from rappels import emargement, reponses
from tests.outils.fabriques import membres_actifs

PARIS = ZoneInfo("Europe/Paris")
DEBUT = datetime(2026, 12, 10, 17, 30, tzinfo=UTC)


async def _seance(session: AsyncSession, horloge: HorlogeFigee, groupe: Groupe):  # type: ignore[no-untyped-def]
    return await seances.creer(
        session,
        Champs(
            type=TypeSeance.ATELIER,
            titre="Atelier",
            groupe=groupe,
            debut=DEBUT,
            fin=DEBUT + timedelta(hours=2),
            lien="https://visio.example.org/a",
        ),
        auteur=journal.CLI,
        maintenant=horloge.maintenant(),
    )


async def _reponses(session: AsyncSession) -> list[tuple[int, ChoixReponse, RaisonAbsence | None]]:
    lignes = (await session.exec(select(Reponse).execution_options(populate_existing=True))).all()
    return [(r.membre_id, r.choix, r.raison) for r in lignes]


async def test_repondre_changer_et_donner_une_raison(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    (mia,) = await membres_actifs(session, horloge.maintenant(), groupes_config["environnement"], 1)
    seance = await _seance(session, horloge, groupes_config["environnement"])
    sid = seance.id or 0
    assert (
        await reponses.donner_raison(
            session,
            seance_id=sid,
            membre=mia,
            raison=RaisonAbsence.PERSONNELLE,
            maintenant=horloge.maintenant(),
        )
        == reponses.Refus.SANS_NON
    )
    await reponses.repondre(
        session, seance_id=sid, membre=mia, choix=ChoixReponse.NON, maintenant=horloge.maintenant()
    )
    await reponses.donner_raison(
        session,
        seance_id=sid,
        membre=mia,
        raison=RaisonAbsence.PERSONNELLE,
        maintenant=horloge.maintenant(),
    )
    assert await _reponses(session) == [(mia.id, ChoixReponse.NON, RaisonAbsence.PERSONNELLE)]
    await reponses.repondre(
        session, seance_id=sid, membre=mia, choix=ChoixReponse.OUI, maintenant=horloge.maintenant()
    )
    assert await _reponses(session) == [
        (mia.id, ChoixReponse.OUI, None)
    ]  # the reason went with the "non"
    tableau = await reponses.tableau(session, seance)
    assert tableau.oui == [mia] and tableau.sans_reponse == []


async def test_reponses_refusees_sans_rien_ecrire(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    (mia,) = await membres_actifs(session, horloge.maintenant(), groupes_config["environnement"], 1)
    (leo,) = await membres_actifs(
        session, horloge.maintenant(), groupes_config["espace-public"], 1, premier_telegram_id=5
    )
    seance = await _seance(session, horloge, groupes_config["environnement"])
    sid = seance.id or 0

    async def tenter(membre, seance_id: int, instant: datetime):  # type: ignore[no-untyped-def]
        return await reponses.repondre(
            session, seance_id=seance_id, membre=membre, choix=ChoixReponse.OUI, maintenant=instant
        )

    assert await tenter(leo, sid, horloge.maintenant()) == reponses.Refus.NON_CONVOQUE
    assert await tenter(mia, 9999, horloge.maintenant()) == reponses.Refus.INCONNUE
    assert await tenter(mia, sid, DEBUT) == reponses.Refus.COMMENCEE
    await seances.annuler(session, seance, maintenant=horloge.maintenant(), auteur=journal.CLI)
    assert await tenter(mia, sid, horloge.maintenant()) == reponses.Refus.ANNULEE
    assert await _reponses(session) == []


async def test_emargement_le_jour_par_l_animateur_seulement(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    mia, leo = await membres_actifs(session, horloge.maintenant(), env, 2)
    (anim,) = await membres_actifs(
        session, horloge.maintenant(), env, 1, premier_telegram_id=8, role=Role.ANIMATEUR
    )
    (autre_anim,) = await membres_actifs(
        session,
        horloge.maintenant(),
        groupes_config["espace-public"],
        1,
        premier_telegram_id=9,
        role=Role.ANIMATEUR,
    )
    (ext,) = await membres_actifs(
        session, horloge.maintenant(), groupes_config["espace-public"], 1, premier_telegram_id=10
    )
    seance = await _seance(session, horloge, env)

    async def marquer(par, membre_id: int, instant: datetime, present: bool = True):  # type: ignore[no-untyped-def]
        return await emargement.emarger(
            session,
            seance=seance,
            membre_id=membre_id,
            present=present,
            auteur=journal.par_le_bot(par),
            maintenant=instant,
        )

    le_jour = DEBUT + timedelta(minutes=10)
    assert await marquer(mia, mia.id or 0, le_jour) == emargement.Refus.INTERDIT  # a plain member
    assert (
        await marquer(autre_anim, mia.id or 0, le_jour) == emargement.Refus.INTERDIT
    )  # other group
    assert (
        await marquer(anim, mia.id or 0, DEBUT - timedelta(hours=4)) == emargement.Refus.PAS_LE_JOUR
    )
    assert (
        await marquer(anim, mia.id or 0, DEBUT + timedelta(days=2)) == emargement.Refus.PAS_LE_JOUR
    )
    assert await marquer(anim, ext.id or 0, le_jour) == emargement.Refus.NON_CONVOQUE
    assert (await session.exec(select(Presence))).all() == []

    assert isinstance(await marquer(anim, mia.id or 0, le_jour), Presence)
    assert isinstance(await marquer(anim, leo.id or 0, le_jour, present=False), Presence)
    feuille = {m.id: p for m, p in await emargement.feuille(session, seance)}
    assert feuille == {mia.id: True, leo.id: False}
    presence = await session.get(Presence, (seance.id, mia.id))
    assert presence is not None and presence.note_par_id == anim.id and presence.note_le == le_jour


async def test_deux_premieres_marques_du_meme_nom_au_meme_instant(
    sessions: FabriqueSessions,
    session: AsyncSession,
    horloge: HorlogeFigee,
    groupes_config: dict[str, Groupe],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two facilitators' first marks of one name (the bot's roll call and a tablet): the other
    one writes the row right after this one found none; this one then sets it. No error, one
    row, the latest mark."""
    env = groupes_config["environnement"]
    (mia,) = await membres_actifs(session, horloge.maintenant(), env, 1)
    anim, anim2 = await membres_actifs(
        session, horloge.maintenant(), env, 2, premier_telegram_id=8, role=Role.ANIMATEUR
    )
    seance = await _seance(session, horloge, env)
    le_jour = DEBUT + timedelta(minutes=10)
    lire = session.get
    autres: list[Presence | emargement.Refus] = []

    async def lire_puis_l_autre_ecran(modele: Any, cle: Any, **kwargs: Any) -> Any:
        trouve = await lire(modele, cle, **kwargs)
        if modele is Presence and not autres:
            async with sessions() as autre:
                courante = await autre.get(Seance, seance.id)
                assert courante is not None and trouve is None
                autres.append(
                    await emargement.emarger(
                        autre,
                        seance=courante,
                        membre_id=mia.id or 0,
                        present=False,
                        auteur=journal.par_le_bot(anim2),
                        maintenant=le_jour,
                    )
                )
        return trouve

    monkeypatch.setattr(session, "get", lire_puis_l_autre_ecran)
    resultat = await emargement.emarger(
        session,
        seance=seance,
        membre_id=mia.id or 0,
        present=True,
        auteur=journal.par_le_bot(anim),
        maintenant=le_jour,
    )
    monkeypatch.undo()

    assert isinstance(resultat, Presence) and isinstance(autres[0], Presence)
    async with sessions() as apres:
        (presence,) = (await apres.exec(select(Presence))).all()
        marques = await journal.lire(apres, filtre=journal.Filtre(action="presence"))
    assert (presence.present, presence.note_par_id) == (True, anim.id)
    assert len(marques) == 2
