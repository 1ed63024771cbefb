"""Numbers in the catalogue agree with their noun: Fluent plural selectors, never "(s)" nor a
fixed plural ("Dans 1 heures")."""

from __future__ import annotations

import itertools
import re

import pytest
from fluent.syntax import ast

from assemblee.textes import LANGUES, Catalogue, visible

CATALOGUE = Catalogue()
# Words ending in "s" that are not plural nouns ("{ $date } après", "{ $nombre } sans réponse").
INVARIABLES = frozenset(
    {"après", "sans", "dans", "plus", "depuis", "vous", "nous", "pas"}
    | {"as", "is", "was", "has", "its", "this", "always"}
)


def _accords_manquants(element: ast.SyntaxNode, choisis: frozenset[str]) -> list[str]:
    """Text right after a variable that reads as a plural noun ("3 heures", "reçue(s)"), outside
    a selector on that same variable."""
    trouves: list[str] = []
    if isinstance(element, ast.Pattern):
        morceaux = element.elements
        for avant, apres in itertools.pairwise(morceaux):
            if (
                isinstance(avant, ast.Placeable)
                and isinstance(avant.expression, ast.VariableReference)
                and isinstance(apres, ast.TextElement)
                and avant.expression.id.name not in choisis
            ):
                mot = re.match(r" (\w+)(\(s\))?", apres.value)
                if mot and (
                    (mot.group(1).endswith("s") and mot.group(1) not in INVARIABLES) or mot.group(2)
                ):
                    trouves.append(f"{{ ${avant.expression.id.name} }}{apres.value[:20]!r}")
        for morceau in morceaux:
            trouves += _accords_manquants(morceau, choisis)
    elif isinstance(element, ast.Placeable):
        trouves += _accords_manquants(element.expression, choisis)
    elif isinstance(element, ast.SelectExpression):
        selecteur = element.selector
        dedans = choisis
        if isinstance(selecteur, ast.VariableReference):
            dedans = choisis | {selecteur.id.name}
        for variante in element.variants:
            trouves += _accords_manquants(variante.value, dedans)
    return trouves


@pytest.mark.parametrize("langue", LANGUES)
def test_aucun_pluriel_fige_dans_le_catalogue(langue: str) -> None:
    fautes = []
    for cle, message in CATALOGUE.messages(langue).items():
        if message.value is None:
            continue
        source = "".join(e.value for e in message.value.elements if isinstance(e, ast.TextElement))
        # "Groupe(s)" heads a list of names, not a count.
        if "(s)" in source.replace("Groupe(s)", "").replace("Group(s)", ""):
            fautes.append(f"{cle}: (s)")
        fautes += [f"{cle}: {f}" for f in _accords_manquants(message.value, frozenset())]
    assert fautes == []


# Each text that shows a number, with its singular and plural form in French.
ATTENDUS = [
    ("rappel-entete", {"jours": 0, "heures": 1}, "Dans 1 heure :", "Dans 2 heures :", "heures"),
    (
        "seance-apercu",
        {"carte": "", "nombre": 1},
        "1 membre convoqué :",
        "2 membres convoqués :",
        "nombre",
    ),
    (
        "bouton-relancer",
        {"nombre": 1},
        "Relancer la personne sans réponse",
        "Relancer les 2 sans réponse",
        "nombre",
    ),
    ("relance-faite", {"nombre": 1}, "à 1 personne.", "à 2 personnes.", "nombre"),
    (
        "annonce-bilan",
        {"debut": "x", "audience": "x", "total": 3, "envoyes": 1, "injoignables": 1, "echecs": 0},
        "1 reçue sur 3, 1 injoignable,",
        "2 reçues sur 3, 2 injoignables,",
        "envoyes+injoignables",
    ),
    (
        "envois-ligne",
        {
            "date": "x",
            "debut": "x",
            "audience": "x",
            "total": 3,
            "envoyes": 1,
            "en_attente": 0,
            "injoignables": 1,
            "echecs": 0,
        },
        "1/3 reçue, 0 en attente, 1 injoignable,",
        "2/3 reçues, 0 en attente, 2 injoignables,",
        "envoyes+injoignables",
    ),
    (
        "resultats-en-cours",
        {
            "question": "q",
            "cloture": "x",
            "votants": 1,
            "inscrits": 3,
            "taux": 33,
            "classement": "",
        },
        "1 votant sur 3",
        "2 votants sur 3",
        "votants",
    ),
    (
        "sondage-apercu",
        {"entete": "", "options": "", "nombre": 1},
        "1 personne pourra voter.",
        "2 personnes pourront voter.",
        "nombre",
    ),
    ("sondage-lance", {"nombre": 1}, "1 bulletin part.", "2 bulletins partent.", "nombre"),
]


@pytest.mark.parametrize(
    ("cle", "valeurs", "un", "deux", "variables"), ATTENDUS, ids=[a[0] for a in ATTENDUS]
)
def test_un_et_deux_s_accordent(
    cle: str, valeurs: dict[str, object], un: str, deux: str, variables: str
) -> None:
    t = CATALOGUE.pour("fr")
    assert un in visible(t(cle, **valeurs))
    plusieurs = {**valeurs, **dict.fromkeys(variables.split("+"), 2)}
    assert deux in visible(t(cle, **plusieurs))
    anglais = visible(CATALOGUE.pour("en")(cle, **valeurs))
    assert "(s)" not in anglais and " 1 hours" not in anglais and " 1 people" not in anglais
