"""The catalogue: both languages complete, every text renders as HTML Telegram accepts and
within its limits, user values escaped."""

import html
import itertools
from datetime import time

import pytest
from fluent.syntax import ast
from fluent.syntax.visitor import Visitor
from hypothesis import given, settings
from hypothesis import strategies as st

from assemblee.annonces import GenreAudience
from assemblee.modeles import Langue
from assemblee.textes import (
    LANGUES,
    Catalogue,
    Html,
    decouper,
    echapper,
    heure,
    html_verifie,
    joindre,
    longueur_telegram,
)
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
from telegram_local import ErreurEntites, parser_html

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
    lignes = [Html(f"• <b>Membre {i}</b> — {'é' * 50}") for i in range(300)]
    messages = decouper(lignes)
    assert len(messages) > 1
    assert all(longueur_telegram(m) <= 4096 for m in messages)
    assert "\n".join(messages).split("\n") == lignes
    for message in messages:
        parser_html(message)


def test_decouper_une_ligne_geante_sans_couper_une_entite() -> None:
    ligne = Html(("abc &amp; " * 1000) + "😀" * 3000)
    messages = decouper([ligne])
    assert all(longueur_telegram(m) <= 4096 for m in messages)
    for message in messages:
        parser_html(message)
    assert "".join(messages).replace(" ", "") == ligne.replace(" ", "")


# Any text a member or a feed can supply: every code point, HTML look-alikes, long runs.
TEXTES_LIBRES = st.one_of(
    st.text(max_size=200),
    st.text(alphabet="<>&\"' /=abc\n", max_size=200),
    st.text(alphabet="ab <&\n", min_size=1000, max_size=3000),
)


def _ligne_html(mots: list[tuple[str, str]]) -> Html:
    """A line built as the bot builds them: escaped values inside catalogue-like tags."""
    balises = {"b": ("<b>", "</b>"), "a": ('<a href="https://exemple.org/?a=1&amp;b=2">', "</a>")}
    balises |= {"i": ("<i>", "</i>"), "": ("", "")}
    return Html(
        " ".join(
            balises[balise][0] + html.escape(texte) + balises[balise][1] for balise, texte in mots
        )
    )


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.tuples(st.sampled_from(["b", "a", "i", ""]), TEXTES_LIBRES), max_size=6),
        min_size=1,
        max_size=5,
    ),
    st.integers(min_value=200, max_value=4096),  # a caption is 1,024, a message 4,096
)
def test_decouper_donne_toujours_du_html_valide_dans_la_limite(
    lignes: list[list[tuple[str, str]]], limite: int
) -> None:
    """A digest line over the limit used to be cut inside its <a> tag: both parts were refused."""
    textes = [_ligne_html(mots) for mots in lignes]
    messages = decouper(textes, limite)
    visibles = []
    for message in messages:
        assert longueur_telegram(message) <= limite
        try:
            visible_, _ = parser_html(message)
        except ErreurEntites as exc:
            pytest.fail(f"Telegram would refuse {message[:200]!r}: {exc}")
        visibles.append(visible_)
    attendu = "".join(parser_html(t)[0] for t in textes)
    assert "".join(visibles).replace(" ", "").replace("\n", "") == attendu.replace(" ", "").replace(
        "\n", ""
    )


@pytest.mark.parametrize("langue", LANGUES)
@settings(max_examples=12, deadline=None)
@given(valeur=TEXTES_LIBRES)
def test_toute_valeur_libre_donne_un_texte_que_telegram_accepte(langue: str, valeur: str) -> None:
    """Any member- or feed-supplied value, in every text of the catalogue: valid Telegram HTML
    (once cut to the limit as the bot does), the value never lost to Fluent's "{???}"."""
    t = CATALOGUE.pour(langue)
    messages = CATALOGUE.messages(langue)
    for cle, message in messages.items():
        analyse = _Variables(messages)
        analyse.visit(message)
        valeurs: dict[str, object] = dict.fromkeys(analyse.variables, valeur)
        valeurs.update({nom: sorted(v)[0] for nom, v in analyse.selecteurs.items()})
        texte = t(cle, **valeurs)
        assert "{???}" not in texte, cle
        for morceau in decouper([texte]):
            try:
                parser_html(morceau)
            except ErreurEntites as exc:
                pytest.fail(f"{langue}/{cle}: Telegram would refuse it: {exc}")


def test_une_valeur_tres_longue_n_est_pas_perdue() -> None:
    """Fluent refuses a placeable over 1,000 characters: the article used to vanish."""
    titre = "Encadrement des loyers " * 200
    texte = CATALOGUE.pour("fr")(
        "resultats-legende", question=titre, votants=1, inscrits=2, taux=50, classement=Html("")
    )
    assert titre.strip() in texte


@pytest.mark.parametrize("langue", LANGUES)
@settings(max_examples=20, deadline=None)
@given(titre=TEXTES_LIBRES, source=TEXTES_LIBRES)
def test_un_modele_rempli_est_le_texte_formate(langue: str, titre: str, source: str) -> None:
    """A digest's article line formatted once then filled in per article (`modele`) is, for
    any values, the text `t` formats (the same escaping; a value holding a marker, or longer
    than Fluent allows, stays itself)."""
    t = CATALOGUE.pour(langue)
    for une in ("oui", "non"):
        ligne = t.modele("revue-article", ("titre", "url", "source"), une=une)
        for valeurs in (
            {"titre": titre, "url": "https://exemple.org/a?b=1&c=<2>", "source": source},
            {"titre": "\ue002url\ue003 " + VALEUR * 6, "url": titre, "source": Html("<i>x</i>")},
        ):
            assert ligne(**valeurs) == t("revue-article", une=une, **valeurs)


def test_heures_a_la_francaise() -> None:
    assert heure(time(21), "fr") == "21 h" and heure(time(8, 30), "fr") == "8 h 30"
    assert heure(time(21), "en") == "21:00"


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.booleans(), TEXTES_LIBRES), max_size=8))
def test_joindre_des_morceaux_donne_du_html_valide_et_ne_fait_confiance_qu_au_html(
    morceaux: list[tuple[bool, str]],
) -> None:
    """The one way to put texts together: Html pieces as they are, anything else escaped."""
    t = CATALOGUE.pour("fr")
    pieces = [t("veille-etat-note", note=v) if html_ else v for html_, v in morceaux]
    texte = joindre(pieces, " · ")  # type: ignore[arg-type]  # a typing slip, on purpose
    assert isinstance(texte, Html)
    visible_, _ = parser_html(texte)
    assert visible_ == " · ".join(parser_html(echapper(p))[0] for p in pieces)


def test_html_ne_se_fabrique_qu_en_echappant_ou_en_verifiant() -> None:
    assert echapper("<b>") == "&lt;b&gt;" and isinstance(echapper("<b>"), Html)
    assert echapper(echapper("<b>")) == "&lt;b&gt;"  # Html is never escaped twice
    assert html_verifie("<b>Plénière</b>", parser_html) == "<b>Plénière</b>"
    with pytest.raises(ErreurEntites):
        html_verifie("<b>Plénière", parser_html)
    assert decouper(["<Zoé>"]) == ["&lt;Zoé&gt;"]  # type: ignore[list-item]  # a plain str
