"""The séances domain as the console reads it: who could be convened (and who is), who may be
added, a page of the calendar, the kinds a person may create, when a nudge is possible."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import groupes, journal, seances
from assemblee.horloge import HorlogeFigee
from assemblee.modeles import Groupe, Membre, Role, Seance, StatutMembre, TypeSeance
from assemblee.seances import Champs
from rappels import reponses
from tests.outils.fabriques import avec_role, membres_actifs


async def _seance(
    session: AsyncSession,
    horloge: HorlogeFigee,
    groupe: Groupe | None,
    *,
    dans: timedelta = timedelta(days=3),
    titre: str = "Atelier",
) -> Seance:
    debut = horloge.maintenant() + dans
    return await seances.creer(
        session,
        Champs(
            type=TypeSeance.ATELIER if groupe else TypeSeance.PLENIERE,
            titre=titre,
            groupe=groupe,
            debut=debut,
            fin=debut + timedelta(hours=2),
            lieu="Hôtel de Ville",
        ),
        auteur=journal.CLI,
        maintenant=horloge.maintenant(),
    )


async def _personnes(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> list[Membre]:
    """Three members of "environnement" (the third to leave), one of "espace-public", and a
    facilitator of "environnement"."""
    env, esp = groupes_config["environnement"], groupes_config["espace-public"]
    trois = await membres_actifs(session, horloge.maintenant(), env, 3)
    ailleurs = await membres_actifs(session, horloge.maintenant(), esp, 1, premier_telegram_id=50)
    animateur = await membres_actifs(
        session, horloge.maintenant(), env, 1, premier_telegram_id=60, role=Role.ANIMATEUR
    )
    return [*trois, *ailleurs, *animateur]


async def test_convocables_liste_les_retires_decoches_et_les_ajoutes_coches(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    a, b, parti, ailleurs, animateur = await _personnes(session, horloge, groupes_config)
    parti.statut = StatutMembre.PARTI
    session.add(parti)
    await session.commit()
    atelier = await _seance(session, horloge, env)
    assert await seances.convocables(session, atelier) == [(a, True), (b, True)]

    await seances.ajuster(
        session, atelier, b, convoque=False, auteur=journal.CLI, maintenant=horloge.maintenant()
    )
    await seances.ajuster(
        session,
        atelier,
        ailleurs,
        convoque=True,
        auteur=journal.CLI,
        maintenant=horloge.maintenant(),
    )
    await seances.ajuster(
        session,
        atelier,
        animateur,
        convoque=True,
        auteur=journal.CLI,
        maintenant=horloge.maintenant(),
    )
    await seances.ajuster(
        session, atelier, parti, convoque=True, auteur=journal.CLI, maintenant=horloge.maintenant()
    )  # left: no
    liste = await seances.convocables(session, atelier)
    assert {m.id: convoque for m, convoque in liste} == {
        a.id: True,
        b.id: False,
        ailleurs.id: True,
        animateur.id: True,
    }
    assert [m.id for m in await seances.convoques(session, atelier)] == [
        m.id for m, convoque in liste if convoque
    ]
    # Anyone who has not left may be added, but those already listed.
    deja = {m.id or 0 for m, _ in liste}
    assert [m.id for m in await seances.ajoutables(session, deja)] == []
    assert {m.id for m in await seances.ajoutables(session, set())} == deja


async def test_une_page_du_calendrier_a_venir_ou_passe_et_le_total(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env, esp = groupes_config["environnement"], groupes_config["espace-public"]
    a_venir = [
        await _seance(session, horloge, env, dans=timedelta(days=j), titre=f"J{j}")
        for j in range(1, 6)
    ]
    autre = await _seance(session, horloge, esp, dans=timedelta(days=2))
    pleniere = await _seance(session, horloge, None, dans=timedelta(days=4))
    passee = await _seance(session, horloge, env, dans=timedelta(hours=1))
    await seances.annuler(session, a_venir[0], maintenant=horloge.maintenant(), auteur=journal.CLI)
    horloge.avancer(timedelta(hours=4))
    maintenant = horloge.maintenant()

    liste, total = await seances.page(
        session, maintenant=maintenant, passees=False, groupes=None, decalage=0, limite=3
    )
    assert total == 7 and liste == [a_venir[0], a_venir[1], autre]  # cancelled ones too
    liste, total = await seances.page(
        session, maintenant=maintenant, passees=False, groupes=[env], decalage=3, limite=3
    )
    assert total == 5 and liste == a_venir[3:]  # neither another group's nor the plenary
    assert pleniere not in liste
    liste, total = await seances.page(
        session, maintenant=maintenant, passees=True, groupes=None, decalage=0, limite=3
    )
    assert (liste, total) == ([passee], 1)
    liste, total = await seances.page(
        session, maintenant=maintenant, passees=True, groupes=[esp], decalage=0, limite=3
    )
    assert (liste, total) == ([], 0)
    assert set(await groupes.par_id(session)) == {g.id for g in groupes_config.values()}


async def test_seule_l_equipe_cree_une_pleniere(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    env = groupes_config["environnement"]
    equipe = await avec_role(session, horloge.maintenant(), Role.EQUIPE, [])
    animateur = await avec_role(session, horloge.maintenant(), Role.ANIMATEUR, [env])
    assert seances.types_permis(equipe) == list(TypeSeance)
    assert TypeSeance.PLENIERE not in seances.types_permis(animateur)
    assert TypeSeance.ATELIER in seances.types_permis(animateur)


async def test_une_relance_seulement_tant_que_l_on_peut_repondre(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    seance = await _seance(session, horloge, groupes_config["environnement"])
    assert reponses.relance_possible(seance, horloge.maintenant())
    assert not reponses.relance_possible(seance, seance.debut)
    await seances.annuler(session, seance, maintenant=horloge.maintenant(), auteur=journal.CLI)
    assert not reponses.relance_possible(seance, horloge.maintenant())


@pytest.mark.parametrize("pleniere", [False, True])
async def test_nombre_convoques_compte_ce_que_convoques_liste(
    session: AsyncSession,
    horloge: HorlogeFigee,
    groupes_config: dict[str, Groupe],
    pleniere: bool,
) -> None:
    env = groupes_config["environnement"]
    _, b, parti, ailleurs, animateur = await _personnes(session, horloge, groupes_config)
    seance = await _seance(session, horloge, None if pleniere else env)
    attendus = []
    # Each step: an adjustment (who, convened or not), then the count must follow the list.
    for membre, convoque in [
        (None, True),
        (b, False),  # removed from the default list
        (ailleurs, True),  # added from another group (already in a plenary's list)
        (animateur, True),  # a facilitator added
        (parti, True),  # then leaves: no longer convened at all
    ]:
        if membre is not None:
            await seances.ajuster(
                session,
                seance,
                membre,
                convoque=convoque,
                auteur=journal.CLI,
                maintenant=horloge.maintenant(),
            )
        if membre is parti:
            parti.statut = StatutMembre.PARTI
            session.add(parti)
            await session.commit()
        attendus.append(len(await seances.convoques(session, seance)))
        assert await seances.nombre_convoques(session, seance) == attendus[-1]
    assert attendus == ([4, 3, 3, 4, 3] if pleniere else [3, 2, 3, 4, 3])
    # Several séances in one query (the dashboard's), each its own count.
    autre = await _seance(session, horloge, env if pleniere else None, titre="Autre")
    comptes = await seances.nombres_convoques(session, [seance, autre])
    assert comptes == {
        seance.id: attendus[-1],
        autre.id: len(await seances.convoques(session, autre)),
    }
    assert await seances.nombres_convoques(session, []) == {}
