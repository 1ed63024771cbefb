"""The Fluent catalogue: every word the bot shows lives in config/locales/<langue>/*.ftl.

Messages are HTML for Telegram (`parse_mode=HTML`). Values passed in are escaped unless wrapped
in `Html` (text already built from the catalogue), so a member named "<b>" stays a name.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable, Iterable
from datetime import time
from pathlib import Path

from fluent.runtime import FluentBundle, FluentResource
from fluent.syntax import FluentParser, ast

from config.reglages import DOSSIER_CONFIG

journal = logging.getLogger(__name__)

DOSSIER_LOCALES = DOSSIER_CONFIG / "locales"
LANGUES = ("fr", "en")
LIMITE_MESSAGE = 4096


class Html(str):
    """Text that is already valid Telegram HTML: not escaped again.

    Made only here, by escaping (`echapper`), by the catalogue (`Traducteur`), by putting
    Html pieces together (`joindre`) or by cutting Html into messages (`decouper`): a test
    refuses `Html(...)` anywhere else, and mypy (strict on every package) refuses a plain
    `str` where Html is expected. Concatenating Html with `+` or an f-string gives a plain
    `str`, on purpose."""

    __slots__ = ()


def echapper(valeur: str) -> Html:
    """A value from a member, a feed or the database, made safe to show as HTML."""
    return valeur if isinstance(valeur, Html) else Html(html.escape(valeur, quote=True))


def joindre(morceaux: Iterable[Html], separateur: str = "\n") -> Html:
    """Html pieces one after the other. A piece that is not Html (a typing slip) is escaped,
    never trusted."""
    return Html(echapper(separateur).join(echapper(m) for m in morceaux))


LIGNE_VIDE = echapper("")


def relu(stocke: str) -> Html:
    """Html that is valid by where it comes from: the outbox's copy of a message in the
    database (valid Html when written, and nobody else writes there), or aiogram's rendering
    of a Telegram message (`Message.html_text`: its entities as tags, its text escaped)."""
    return Html(stocke)


def html_verifie(texte: str, valider: Callable[[str], object]) -> Html:
    """HTML written by staff (an announcement file sent with --html), once `valider` (Telegram's
    rules, which raises on a fault) has accepted it."""
    valider(texte)
    return Html(texte)


# Fluent refuses a placeable longer than 1,000 characters (it renders "{???}"): a longer value
# goes in as a short marker, put back once the message is formatted.
LONGUEUR_MAX_VALEUR = 200
_MARQUE = "\ue000{}\ue001"


class Traducteur:
    """The catalogue in one language: `t("aide-titre", prenom=...)`."""

    def __init__(self, langue: str, bundles: list[FluentBundle], cles: frozenset[str]):
        self.langue = langue
        self._bundles = bundles  # this language first, then the default one
        self._cles = cles

    def modele(self, cle: str, libres: Iterable[str], **fixes: object) -> Callable[..., Html]:
        """`t(cle, **fixes, **libres_valeurs)` for many values of the `libres` variables (a
        digest's hundreds of articles): the text is formatted once, with a marker where each
        free variable goes, and each call puts the values in, escaped as `t` escapes them.
        Only for variables the text shows as they are (not in a selector, not numbers)."""
        marques = {f"\ue002{nom}\ue003": nom for nom in libres}
        texte = self(cle, **fixes, **{nom: Html(marque) for marque, nom in marques.items()})
        motif = re.compile("|".join(re.escape(m) for m in marques))

        def remplir(**valeurs: str) -> Html:
            surs = {marque: echapper(valeurs[nom]) for marque, nom in marques.items()}
            # One pass: a value that happened to hold a marker is never filled in again.
            return Html(motif.sub(lambda m: surs[m.group(0)], texte))

        return remplir

    def __call__(self, cle: str, **valeurs: object) -> Html:
        if cle not in self._cles:
            raise KeyError(f"no text {cle!r} in the catalogue")
        arguments: dict[str, object] = {}
        longues: dict[str, str] = {}
        for nom, brute in valeurs.items():
            valeur = echapper(brute) if isinstance(brute, str) else brute
            if isinstance(valeur, str) and len(valeur) > LONGUEUR_MAX_VALEUR:
                marque = _MARQUE.format(len(longues))
                longues[marque] = valeur
                valeur = marque
            arguments[nom] = valeur
        bundle = next(b for b in self._bundles if b.has_message(cle))
        motif = bundle.get_message(cle).value
        assert motif is not None, f"text {cle!r} has no value"
        resultat, erreurs = bundle.format_pattern(motif, arguments)
        texte = str(resultat)
        for erreur in erreurs:
            # A missing variable or a bad selector in a .ftl: the text still goes out (Fluent
            # shows the variable's name), and the operator hears of it.
            journal.error("texte %s (%s) : %s", cle, self.langue, erreur)
        for marque, valeur in longues.items():
            texte = texte.replace(marque, valeur)
        return Html(texte)


def _bundle(dossier: Path, langue: str) -> FluentBundle:
    bundle = FluentBundle([langue], use_isolating=False)
    for fichier in sorted((dossier / langue).glob("*.ftl")):
        bundle.add_resource(FluentResource(fichier.read_text(encoding="utf-8")))
    return bundle


class Catalogue:
    def __init__(self, dossier: Path = DOSSIER_LOCALES, defaut: str = "fr") -> None:
        self.dossier = dossier
        self.defaut = defaut
        bundles = {langue: _bundle(dossier, langue) for langue in LANGUES}
        self._traducteurs: dict[str, Traducteur] = {}
        for langue in LANGUES:
            # Fall back to French for a key an English file lacks (the test forbids it anyway).
            chaine = [langue] if langue == defaut else [langue, defaut]
            self._traducteurs[langue] = Traducteur(
                langue, [bundles[c] for c in chaine], self.cles(langue)
            )

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


def decouper(lignes: Iterable[Html], limite: int = LIMITE_MESSAGE) -> list[Html]:
    """Pack whole lines into as few messages as fit Telegram's limit.

    Lines are the unit because each line's HTML is self-contained. A single line over the
    limit (a long text from a member or a feed) is cut between words, never inside a tag or an
    entity; a tag open at the cut is closed there and opened again in the next message, so
    each message is valid HTML on its own (a link stays a link on both sides).
    """
    messages: list[str] = []
    courant = ""
    for ligne in lignes:
        for morceau in _couper_ligne(echapper(ligne), limite):
            candidat = f"{courant}\n{morceau}" if courant else morceau
            if longueur_telegram(candidat) <= limite:
                courant = candidat
            else:
                messages.append(courant)
                courant = morceau
    if courant:
        messages.append(courant)
    return [Html(m) for m in messages]


_ATOMES = re.compile(r"<[^<>]*>|&#?\w+;| +|[^<& ]+|[<&]")
_OUVRANTE = re.compile(r"<\s*([a-zA-Z][\w-]*)")
_FERMANTE = re.compile(r"<\s*/\s*([a-zA-Z][\w-]*)")


def _couper_ligne(ligne: str, limite: int) -> list[str]:
    if longueur_telegram(ligne) <= limite:
        return [ligne]
    morceaux: list[str] = []
    ouvertes: list[tuple[str, str]] = []  # (name, opening tag as written), outermost first
    courant = ""

    def fermer() -> str:
        return "".join(f"</{nom}>" for nom, _ in reversed(ouvertes))

    def couper() -> None:
        nonlocal courant
        if courant.strip():
            morceaux.append(courant.rstrip(" ") + fermer())
        courant = "".join(balise for _, balise in ouvertes)

    for atome in _atomes(ligne, limite):
        apres = list(ouvertes)
        if fermante := _FERMANTE.match(atome):
            nom = fermante.group(1).lower()
            index = max((i for i, (n, _) in enumerate(apres) if n == nom), default=None)
            if index is not None:
                del apres[index]
        elif (ouvrante := _OUVRANTE.match(atome)) and not atome.endswith("/>"):
            apres.append((ouvrante.group(1).lower(), atome))
        fin = "".join(f"</{nom}>" for nom, _ in reversed(apres))
        if longueur_telegram(courant + atome + fin) > limite and courant.strip(" "):
            couper()
            if atome.isspace():
                continue
        courant += atome
        ouvertes[:] = apres
    if courant.strip():
        morceaux.append(courant)
    return morceaux


def _atomes(ligne: str, limite: int) -> Iterable[str]:
    """Tags, entities, runs of spaces and words; a word too long for a message is split."""
    part = max(1, limite // 4)
    for atome in _ATOMES.findall(ligne):
        if atome.startswith(("<", "&")) or longueur_telegram(atome) <= part:
            yield atome
        else:
            for debut in range(0, len(atome), part // 2):
                yield atome[debut : debut + part // 2]


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
