"""The audit log as the console and `assemblee journal` read it: newest first, filtered by
origin, action, object, author or person, with the names of the people involved."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import journal
from assemblee.horloge import HorlogeFigee
from assemblee.modeles import Groupe, TypeSeance
from tests.outils.fabriques import membres_actifs


async def _trois_entrees(
    session: AsyncSession, horloge: HorlogeFigee, groupe: Groupe
) -> tuple[int, int]:
    eva, mia = await membres_actifs(session, horloge.maintenant(), groupe, 2)
    t = horloge.maintenant()
    journal.noter_par(
        session,
        journal.CLI,
        action="seance-creee",
        objet="seance",
        objet_id=7,
        maintenant=t,
    )
    journal.noter_par(
        session,
        journal.par_le_bot(eva),
        action="presence",
        objet="seance",
        objet_id=7,
        membre=mia,
        apres="present",
        maintenant=t + timedelta(minutes=1),
    )
    # Same instant as the previous one: the later row comes first.
    journal.noter_par(
        session,
        journal.Auteur(journal.ORIGINE_CONSOLE, eva),
        action="sondage-clos",
        objet="sondage",
        objet_id=3,
        maintenant=t + timedelta(minutes=1),
    )
    await session.commit()
    assert eva.id is not None and mia.id is not None
    return eva.id, mia.id


async def test_du_plus_recent_au_plus_ancien_avec_les_noms(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    await _trois_entrees(session, horloge, groupes_config["environnement"])
    lignes = await journal.lire(session)
    assert [(ligne.entree.action, ligne.par, ligne.membre) for ligne in lignes] == [
        ("sondage-clos", "Test Membre00000", ""),
        ("presence", "Test Membre00000", "Test Membre00001"),
        ("seance-creee", "", ""),
    ]
    assert [ligne.entree.action for ligne in await journal.lire(session, limite=1, decalage=1)] == [
        "presence"
    ]


@pytest.mark.parametrize(
    ("filtre", "actions"),
    [
        (journal.Filtre(origine="cli"), ["seance-creee"]),
        (journal.Filtre(origine="console"), ["sondage-clos"]),
        (journal.Filtre(action="presence"), ["presence"]),
        (journal.Filtre(objet="seance"), ["presence", "seance-creee"]),
        (journal.Filtre(objet="seance", origine="bot"), ["presence"]),
        (journal.Filtre(objet="annonce"), []),
    ],
)
async def test_les_filtres(
    session: AsyncSession,
    horloge: HorlogeFigee,
    groupes_config: dict[str, Groupe],
    filtre: journal.Filtre,
    actions: list[str],
) -> None:
    await _trois_entrees(session, horloge, groupes_config["environnement"])
    assert [ligne.entree.action for ligne in await journal.lire(session, filtre=filtre)] == actions


async def test_filtrer_par_auteur_ou_par_personne(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    eva, mia = await _trois_entrees(session, horloge, groupes_config["environnement"])
    par_eva = await journal.lire(session, filtre=journal.Filtre(par_id=eva))
    assert [ligne.entree.action for ligne in par_eva] == ["sondage-clos", "presence"]
    sur_mia = await journal.lire(session, filtre=journal.Filtre(membre_id=mia))
    assert [(ligne.entree.action, ligne.entree.apres) for ligne in sur_mia] == [
        ("presence", "present")
    ]
    assert await journal.actions(session) == ["presence", "seance-creee", "sondage-clos"]


def test_chaque_action_a_un_libelle_et_une_action_inconnue_est_refusee(
    session: AsyncSession,
) -> None:
    assert all(nom == nom.lower() and " " not in nom for nom in journal.ACTIONS)
    assert all(journal.ACTIONS.values())
    with pytest.raises(AssertionError):
        journal.noter_par(
            session,
            journal.CLI,
            action="nouvelle-chose",
            objet="seance",
            objet_id=1,
            maintenant=datetime(2026, 11, 25, tzinfo=UTC),
        )


def test_valeurs_courtes_et_adresses_sans_secret() -> None:
    debut = datetime(2026, 12, 3, 17, 30, tzinfo=UTC)
    assert (
        journal.decrire({"type": TypeSeance.ATELIER, "debut": debut, "lieu": None})
        == "type=atelier; debut=2026-12-03T17:30+00:00; lieu=-"
    )
    assert (
        journal.url_sans_secret("https://alice:motdepasse@flux.example.org/rss?token=abc")
        == "https://flux.example.org/rss"
    )
