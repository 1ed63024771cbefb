"""The Fluent catalogue: every word the bot shows lives in config/locales/<langue>/*.ftl.

Messages are HTML for Telegram (`parse_mode=HTML`). Values passed in are escaped unless wrapped
in `Html` (text already built from the catalogue), so a member named "<b>" stays a name.
"""

from __future__ import annotations

import html
import re
from collections.abc import Generator, Iterable
from datetime import time
from pathlib import Path

from fluent.runtime import AbstractResourceLoader, FluentLocalization
from fluent.syntax import FluentParser, ast

from config.reglages import DOSSIER_CONFIG

DOSSIER_LOCALES = DOSSIER_CONFIG / "locales"
LANGUES = ("fr", "en")
LIMITE_MESSAGE = 4096


class Html(str):
    """Text that is already valid Telegram HTML (built from the catalogue): not escaped again."""

    __slots__ = ()


def echapper(valeur: str) -> str:
    return valeur if isinstance(valeur, Html) else html.escape(valeur, quote=True)


class _Chargeur(AbstractResourceLoader):
    """Reads the .ftl files of one locale (fluent.runtime's own loader leaves files open)."""

    def __init__(self, dossier: Path) -> None:
        self.dossier = dossier

    def resources(
        self, locale: str, resource_ids: list[str]
    ) -> Generator[list[ast.Resource], None, None]:
        chemins = [self.dossier / locale / r for r in resource_ids]
        ressources = [FluentParser().parse(c.read_text("utf-8")) for c in chemins if c.is_file()]
        if ressources:
            yield ressources


class Traducteur:
    """The catalogue in one language: `t("aide-titre", prenom=...)`."""

    def __init__(self, langue: str, localisation: FluentLocalization, cles: frozenset[str]):
        self.langue = langue
        self._localisation = localisation
        self._cles = cles

    def __call__(self, cle: str, **valeurs: object) -> Html:
        if cle not in self._cles:
            raise KeyError(f"no text {cle!r} in the catalogue")
        arguments = {nom: echapper(v) if isinstance(v, str) else v for nom, v in valeurs.items()}
        return Html(self._localisation.format_value(cle, arguments))


class Catalogue:
    def __init__(self, dossier: Path = DOSSIER_LOCALES, defaut: str = "fr") -> None:
        self.dossier = dossier
        self.defaut = defaut
        chargeur = _Chargeur(dossier)
        self._traducteurs: dict[str, Traducteur] = {}
        for langue in LANGUES:
            fichiers = sorted(p.name for p in (dossier / langue).glob("*.ftl"))
            # Fall back to French for a key an English file lacks (the test forbids it anyway).
            chaine = [langue] if langue == defaut else [langue, defaut]
            localisation = FluentLocalization(chaine, fichiers, chargeur, use_isolating=False)
            self._traducteurs[langue] = Traducteur(langue, localisation, self.cles(langue))

    def messages(self, langue: str) -> dict[str, ast.Message]:
        """Every message of one language, parsed (terms, starting with '-', excluded)."""
        messages: dict[str, ast.Message] = {}
        for fichier in sorted((self.dossier / langue).glob("*.ftl")):
            ressource = FluentParser().parse(fichier.read_text(encoding="utf-8"))
            for entree in ressource.body:
                if isinstance(entree, ast.Message):
                    messages[entree.id.name] = entree
                elif isinstance(entree, ast.Junk):
                    raise ValueError(f"{fichier}: invalid Fluent: {(entree.content or '')[:80]!r}")
        return messages

    def cles(self, langue: str) -> frozenset[str]:
        cles = set(self.messages(langue))
        if langue != self.defaut:
            cles |= set(self.messages(self.defaut))
        return frozenset(cles)

    def pour(self, langue: str | None) -> Traducteur:
        return self._traducteurs.get(langue or self.defaut, self._traducteurs[self.defaut])


def langue_telegram(code: str | None, defaut: str = "fr") -> str:
    """The catalogue language closest to a Telegram client's `language_code`."""
    if code:
        base = code.split("-")[0].lower()
        if base in LANGUES:
            return base
    return defaut


def longueur_telegram(texte: str) -> int:
    """Telegram counts UTF-16 code units; counting the raw HTML over-estimates, which is safe."""
    return len(texte.encode("utf-16-le")) // 2


def decouper(lignes: Iterable[str], limite: int = LIMITE_MESSAGE) -> list[Html]:
    """Pack whole lines into as few messages as fit Telegram's limit.

    Lines are the unit because each line's HTML is self-contained: a tag never spans two
    messages. A single line over the limit is cut at a space (it comes from a user's text).
    """
    messages: list[str] = []
    courant = ""
    for ligne in lignes:
        for morceau in _couper_ligne(ligne, limite):
            candidat = f"{courant}\n{morceau}" if courant else morceau
            if longueur_telegram(candidat) <= limite:
                courant = candidat
            else:
                messages.append(courant)
                courant = morceau
    if courant:
        messages.append(courant)
    return [Html(m) for m in messages]


def _couper_ligne(ligne: str, limite: int) -> list[str]:
    morceaux = []
    while longueur_telegram(ligne) > limite:
        coupe = limite
        while longueur_telegram(ligne[:coupe]) > limite:
            coupe -= max(1, (longueur_telegram(ligne[:coupe]) - limite) // 2)
        espace = ligne.rfind(" ", 0, coupe)
        coupe = espace if espace > coupe // 2 else coupe
        # Never cut inside an HTML entity such as &amp;
        esperluette = ligne.rfind("&", max(0, coupe - 10), coupe)
        if esperluette != -1 and ";" not in ligne[esperluette:coupe]:
            coupe = esperluette
        morceaux.append(ligne[:coupe])
        ligne = ligne[coupe:].lstrip(" ")
    morceaux.append(ligne)
    return morceaux


def heure(moment: time, langue: str) -> str:
    """A clock time as people write it: "21 h", "8 h 30" in French; "21:00" in English."""
    if langue == "fr":
        return f"{moment.hour} h" + (f" {moment.minute:02d}" if moment.minute else "")
    return f"{moment:%H:%M}"


_BALISE = re.compile(r"<[^>]+>")


def visible(texte_html: str) -> str:
    """The text a member reads once Telegram has rendered the HTML."""
    return html.unescape(_BALISE.sub("", texte_html))


def apercu(texte_html: str, longueur: int) -> str:
    """The start of a message, on one line, for a list or a report."""
    texte = " ".join(visible(texte_html).split())
    return texte if len(texte) <= longueur else texte[: longueur - 1].rstrip() + "…"
