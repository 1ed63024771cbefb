"""The one CSV writer: a cell a spreadsheet would run as a formula stays text."""

import csv
import io

import pytest

from assemblee.tableur import ecrire_csv


@pytest.mark.parametrize("valeur", ["=1+1", "+33 6", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_une_cellule_qui_commence_comme_une_formule_reste_du_texte(valeur: str) -> None:
    texte = ecrire_csv([["nom", valeur]])
    assert texte.startswith("\ufeff")
    (ligne,) = csv.reader(io.StringIO(texte[1:], newline=""), delimiter=";")
    assert ligne == ["nom", "'" + valeur]


def test_le_separateur_du_fichier_d_origine_est_garde() -> None:
    assert ecrire_csv([["a", "b"], [1, None]], separateur=",") == "\ufeffa,b\r\n1,\r\n"
