"""The starting targets of config/tirage.toml: Paris's shares read into seats that can add up,
for the whole assembly and for a partial renewal that draws fewer seats."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from assemblee.tirage import Bornes, lire_cibles

FICHIER = Path(__file__).resolve().parents[2] / "config" / "tirage.toml"

VALEURS = {
    "genre": {"femme", "homme", "autre"},
    "age": {"16-24", "25-39", "40-54", "55-64", "65+"},
    "diplome": {"sans-diplome", "cap-bep", "bac", "bac+2", "bac+3"},
    "arrondissement": {str(n) for n in range(1, 21)},
}


def test_cent_sieges_maximin_et_les_valeurs_du_formulaire() -> None:
    cibles, algorithme = lire_cibles(FICHIER.read_text(encoding="utf-8"))
    assert cibles.sieges == 100
    assert algorithme == "maximin"
    assert {nom: set(valeurs) for nom, valeurs in cibles.categories.items()} == VALEURS
    for valeurs in cibles.categories.values():
        assert sum(b.min for b in valeurs.values()) <= 100
        assert sum(b.max for b in valeurs.values()) >= 100


def test_bornes_a_deux_points_de_la_part_de_la_ville() -> None:
    cibles, _ = lire_cibles(FICHIER.read_text(encoding="utf-8"))
    assert cibles.categories["genre"]["femme"] == Bornes(51, 56)  # 53.6 %
    assert cibles.categories["genre"]["autre"] == Bornes(0, 2)
    assert cibles.categories["age"]["65+"] == Bornes(18, 23)  # 20.1 %
    assert cibles.categories["diplome"]["bac+3"] == Bornes(55, 60)  # 57.5 %
    assert cibles.categories["arrondissement"]["15"] == Bornes(8, 13)  # 10.68 %, the largest
    assert cibles.categories["arrondissement"]["1"] == Bornes(0, 3)  # 0.75 %, the smallest


def test_parts_des_arrondissements_et_populations_en_commentaire() -> None:
    texte = FICHIER.read_text(encoding="utf-8")
    parts = tomllib.loads(texte)["categories"]["arrondissement"]
    assert abs(sum(parts.values()) - 1) < 0.001
    populations = {
        m["n"]: int(m["pop"].replace(",", ""))
        for m in re.finditer(r'^"(?P<n>\d+)" = [\d.]+ +# +(?P<pop>[\d,]+)$', texte, re.MULTILINE)
    }
    assert set(populations) == set(parts)
    assert sum(populations.values()) == 2_133_111  # Paris, legal population 2021
    for n, part in parts.items():
        assert round(populations[n] / 2_133_111, 4) == part


def test_un_renouvellement_a_cinquante_sieges_tombe_juste() -> None:
    texte = FICHIER.read_text(encoding="utf-8")
    assert texte.count("sieges = 100\n") == 1
    cibles, _ = lire_cibles(texte.replace("sieges = 100\n", "sieges = 50\n"))
    assert cibles.sieges == 50
    assert cibles.categories["genre"]["femme"] == Bornes(25, 28)
    for valeurs in cibles.categories.values():
        assert sum(b.min for b in valeurs.values()) <= 50
        assert sum(b.max for b in valeurs.values()) >= 50
