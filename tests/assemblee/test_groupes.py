"""Groups come from config/groupes.toml and follow it at every start."""

from pathlib import Path

import pytest
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee.groupes import (
    DefinitionGroupe,
    ErreurGroupes,
    lire_groupes,
    normaliser,
    synchroniser_groupes,
    trouver_groupe,
)
from assemblee.modeles import Groupe
from tests.conftest import reglages_test


def test_les_trois_groupes_par_defaut() -> None:
    definitions = lire_groupes(reglages_test().groupes_fichier)
    assert [(d.slug, d.nom) for d in definitions] == [
        ("social-education", "Social – Éducation"),
        ("environnement", "Environnement"),
        ("espace-public", "Espace public"),
    ]
    assert all(d.mots_cles for d in definitions)


async def test_synchronisation_cree_renomme_et_desactive(session: AsyncSession) -> None:
    await synchroniser_groupes(
        session,
        [
            DefinitionGroupe("environnement", "Environnement"),
            DefinitionGroupe("culture", "Culture"),
        ],
    )
    await synchroniser_groupes(
        session,
        [
            DefinitionGroupe("environnement", "Transition écologique"),
            DefinitionGroupe("sport", "Sport"),
        ],
    )
    tous = {g.slug: g for g in (await session.exec(select(Groupe))).all()}
    assert tous["environnement"].nom == "Transition écologique" and tous["environnement"].actif
    assert tous["sport"].actif
    assert not tous["culture"].actif  # kept for its history, no longer offered


async def test_trouver_un_groupe_sans_souci_de_casse_ni_d_accents(
    session: AsyncSession, groupes_config: dict[str, Groupe]
) -> None:
    social = groupes_config["social-education"]
    for designation in (
        "social-education",
        "Social – Éducation",
        "SOCIAL EDUCATION",
        "social éducation",
    ):
        assert await trouver_groupe(session, designation) == social
    assert await trouver_groupe(session, "culture") is None
    assert await trouver_groupe(session, "  ") is None


@pytest.mark.parametrize(
    ("contenu", "attendu"),
    [
        ("[[groupe]\nnom='x'", "syntaxe TOML invalide"),
        ("titre = 'rien'", "aucun groupe"),
        ("[[groupe]]\nslug = 'a'", "« nom » manque"),
        ("[[groupe]]\nnom = 'A'\nslug = 'Pas Bon'", "« slug »"),
        ("[[groupe]]\nnom = 'A'\n[[groupe]]\nnom = 'a'", "déjà pris"),
        ("[[groupe]]\nnom = 'A'\nmots_cles = 'vélo'", "mots_cles"),
    ],
)
def test_fichier_de_groupes_invalide_dit_quoi_corriger(
    tmp_path: Path, contenu: str, attendu: str
) -> None:
    fichier = tmp_path / "groupes.toml"
    fichier.write_text(contenu, encoding="utf-8")
    with pytest.raises(ErreurGroupes) as erreur:
        lire_groupes(fichier)
    assert str(fichier) in str(erreur.value) and attendu in str(erreur.value)


def test_normaliser() -> None:
    assert normaliser("  Espace   Public ") == "espace-public"
    assert normaliser("Social – Éducation") == "social-education"
