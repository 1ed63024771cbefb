"""The catalogue: both languages complete, every text renders as HTML Telegram accepts and
within its limits, user values escaped."""

import itertools
from datetime import time

import pytest
from fluent.syntax import ast
from fluent.syntax.visitor import Visitor

from assemblee.annonces import GenreAudience
from assemblee.modeles import Langue
from assemblee.textes import LANGUES, Catalogue, Html, decouper, heure, longueur_telegram
from bot.telegram_local import ErreurEntites, parser_html
from commandes.callbacks import (
    AudienceCb,
    Choix,
    ConsentementCb,
    EnvoiAnnonceCb,
    EnvoiChoix,
    LangueCb,
    SuppressionCb,
)
from commandes.menu import COMMANDES

CATALOGUE = Catalogue()
# A value that would break HTML if it were not escaped, and long enough to test limits.
VALEUR = '<Zoé & "Léo"> ' + "x" * 200


class _Variables(Visitor):
    """Variables of a message and the variants each selector offers, following references."""

    def __init__(self, messages: dict[str, ast.Message]) -> None:
        self.messages = messages
        self.variables: set[str] = set()
        self.selecteurs: dict[str, set[str]] = {}

    def visit_VariableReference(self, node: ast.VariableReference) -> None:
        self.variables.add(node.id.name)

    def visit_SelectExpression(self, node: ast.SelectExpression) -> None:
        if isinstance(node.selector, ast.VariableReference):
            cles = self.selecteurs.setdefault(node.selector.id.name, set())
            cles.update(
                str(getattr(v.key, "name", getattr(v.key, "value", ""))) for v in node.variants
            )
        self.generic_visit(node)

    def visit_MessageReference(self, node: ast.MessageReference) -> None:
        self.visit(self.messages[node.id.name])


def _rendus(langue: str) -> list[tuple[str, str]]:
    messages = CATALOGUE.messages(langue)
    t = CATALOGUE.pour(langue)
    rendus = []
    for cle, message in messages.items():
        analyse = _Variables(messages)
        analyse.visit(message)
        selecteurs = sorted(analyse.selecteurs.items())
        for variantes in itertools.product(*(sorted(v) for _, v in selecteurs)):
            valeurs: dict[str, object] = dict.fromkeys(analyse.variables, VALEUR)
            valeurs.update({nom: v for (nom, _), v in zip(selecteurs, variantes, strict=True)})
            rendus.append((cle, t(cle, **valeurs)))
    return rendus


def test_les_deux_langues_ont_les_memes_cles() -> None:
    assert set(CATALOGUE.messages("fr")) == set(CATALOGUE.messages("en"))


@pytest.mark.parametrize("langue", LANGUES)
def test_chaque_texte_est_du_html_que_telegram_accepte(langue: str) -> None:
    rendus = _rendus(langue)
    assert len(rendus) > len(CATALOGUE.messages(langue))
    for cle, texte in rendus:
        try:
            visible, _ = parser_html(texte)
        except ErreurEntites as exc:
            pytest.fail(f"{langue}/{cle}: Telegram would refuse it: {exc}")
        assert visible.strip(), f"{langue}/{cle} is empty"
        assert longueur_telegram(texte) <= 4096, f"{langue}/{cle} is too long"
        if VALEUR in texte.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace(
            "&quot;", '"'
        ):
            assert "<Zoé" not in texte, f"{langue}/{cle} does not escape its values"


def test_une_cle_inconnue_est_une_erreur() -> None:
    with pytest.raises(KeyError):
        CATALOGUE.pour("fr")("n-existe-pas")


def test_valeur_deja_html_n_est_pas_echappee_deux_fois() -> None:
    t = CATALOGUE.pour("fr")
    assert "<b>" in t("aide", commandes=Html("<b>x</b>"), contact="a")
    assert "&lt;b&gt;" in t("aide", commandes="<b>x</b>", contact="a")


@pytest.mark.parametrize("langue", LANGUES)
def test_descriptions_du_menu_dans_les_limites(langue: str) -> None:
    t = CATALOGUE.pour(langue)
    for commande in COMMANDES:
        assert 1 <= len(commande.nom) <= 32 and commande.nom.islower()
        assert 1 <= len(commande.description(t)) <= 256


def test_donnees_des_boutons_tiennent_en_64_octets() -> None:
    toutes = [ConsentementCb(choix=c).pack() for c in Choix]
    toutes += [SuppressionCb(choix=c).pack() for c in Choix]
    toutes += [LangueCb(langue=lg).pack() for lg in Langue]
    toutes += [EnvoiAnnonceCb(choix=c).pack() for c in EnvoiChoix]
    toutes += [AudienceCb(genre=g, valeur="x" * 40).pack() for g in GenreAudience]
    assert all(1 <= len(d.encode()) <= 64 for d in toutes)


def test_decouper_respecte_la_limite_et_garde_chaque_ligne_entiere() -> None:
    lignes = [f"• <b>Membre {i}</b> — {'é' * 50}" for i in range(300)]
    messages = decouper(lignes)
    assert len(messages) > 1
    assert all(longueur_telegram(m) <= 4096 for m in messages)
    assert "\n".join(messages).split("\n") == lignes
    for message in messages:
        parser_html(message)


def test_decouper_une_ligne_geante_sans_couper_une_entite() -> None:
    ligne = ("abc &amp; " * 1000) + "😀" * 3000
    messages = decouper([ligne])
    assert all(longueur_telegram(m) <= 4096 for m in messages)
    for message in messages:
        parser_html(message)
    assert "".join(messages).replace(" ", "") == ligne.replace(" ", "")


def test_heures_a_la_francaise() -> None:
    assert heure(time(21), "fr") == "21 h" and heure(time(8, 30), "fr") == "8 h 30"
    assert heure(time(21), "en") == "21:00"
