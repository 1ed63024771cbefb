"""Telegram HTML shown in a browser as a member's phone shows it.

The page never trusts the HTML itself: it is parsed by Telegram's rules (the parser the bot
supplies, the CLI's --html check) into a plain text and its entities, and rebuilt from them
tag by tag. Only the formatting Telegram keeps reaches the page: no attribute but a link's address,
no script, no style."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from assemblee.textes import Html, visible
from console.web import AnalyseurHtml

# The link addresses a browser may follow from a preview (and the console accepts in an
# announcement): the web, mail, and Telegram's own links.
SCHEMAS_LIENS = ("https://", "http://", "mailto:", "tg://")

_BALISES = {
    "bold": "b",
    "italic": "i",
    "underline": "u",
    "strikethrough": "s",
    "code": "code",
    "blockquote": "blockquote",
    "expandable_blockquote": "blockquote",
}


def html_sur(texte: Html) -> Markup:
    """Text from the catalogue (or built from its pieces) in a page: it is HTML already, its
    values escaped (`assemblee.textes.Html`); Jinja must not escape it a second time."""
    return Markup(str(texte))  # noqa: S704 - Html is made only by escaping (assemblee/textes.py)


def lien_accepte(adresse: str) -> bool:
    return adresse.lower().startswith(SCHEMAS_LIENS)


def en_page(texte_html: str, analyser: AnalyseurHtml) -> Markup:
    """The message as HTML for the page (shown with `white-space: pre-wrap`). A text Telegram
    would refuse (only an old row could hold one) is shown without its formatting."""
    try:
        texte, entites = analyser(texte_html)
    except ValueError:
        return escape(visible(texte_html))
    unites = texte.encode("utf-16-le")
    return _rendre(unites, entites, 0, len(unites) // 2)


def _rendre(unites: bytes, entites: list[dict[str, Any]], debut: int, fin: int) -> Markup:
    """The text between two UTF-16 offsets with the entities inside it. The parser nests
    entities as the tags were (sorted by start, the outer one first): an entity's children are
    the ones that start before it ends."""
    morceaux: list[Markup] = []
    position = debut
    i = 0
    while i < len(entites):
        entite = entites[i]
        depart, arrivee = entite["offset"], entite["offset"] + entite["length"]
        j = i + 1
        while j < len(entites) and entites[j]["offset"] < arrivee:
            j += 1
        morceaux.append(_texte(unites, position, depart))
        morceaux.append(_balise(entite, _rendre(unites, entites[i + 1 : j], depart, arrivee)))
        position = arrivee
        i = j
    morceaux.append(_texte(unites, position, fin))
    return Markup("").join(morceaux)


def _texte(unites: bytes, debut: int, fin: int) -> Markup:
    return escape(unites[2 * debut : 2 * fin].decode("utf-16-le", errors="replace"))


def _balise(entite: dict[str, Any], dedans: Markup) -> Markup:
    genre = entite["type"]
    if genre in _BALISES:
        return Markup("<{0}>{1}</{0}>").format(_BALISES[genre], dedans)
    if genre == "pre":
        return Markup("<pre><code>{}</code></pre>").format(dedans)
    if genre == "spoiler":
        return Markup('<span class="masque">{}</span>').format(dedans)
    if genre == "text_link" and lien_accepte(str(entite.get("url", ""))):
        return Markup('<a href="{}" rel="noopener noreferrer">{}</a>').format(entite["url"], dedans)
    return dedans  # a custom emoji shows its fallback character; a refused link its text
