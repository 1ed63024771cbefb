"""Telegram's HTML parse mode, as TDLib parses it: the plain text and its entities (UTF-16
offsets), or the error Telegram answers."""

from __future__ import annotations

from typing import Any


class ErreurEntites(ValueError):
    """Text could not be parsed with the requested parse_mode."""


def longueur_utf16(texte: str) -> int:
    """Length in UTF-16 code units, as Telegram counts it."""
    return len(texte.encode("utf-16-le")) // 2


_BALISES = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "tg-spoiler",
        "tg-emoji",
        "span",
        "pre",
        "code",
        "blockquote",
    }
)
_TYPE_ENTITE = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "a": "text_link",
    "tg-emoji": "custom_emoji",
}
_ENTITES_NOMMEES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ESPACES = frozenset(" \t\r\n\v\f\0")


def _octet(source: str, position: int) -> int:
    return len(source[:position].encode("utf-8"))


def _decoder_entite(source: str, i: int) -> tuple[str | None, int]:
    """Decode the HTML entity at ``source[i] == '&'``; (None, i) if it is a bare '&'."""
    n = len(source)
    j = i + 1
    if j < n and source[j] == "#":
        j += 1
        hexa = j < n and source[j] in "xX"
        if hexa:
            j += 1
        debut = j
        chiffres = "0123456789abcdefABCDEF" if hexa else "0123456789"
        while j < n and source[j] in chiffres:
            j += 1
        if j == debut or j - i >= 10:
            return None, i
        valeur = int(source[debut:j], 16 if hexa else 10)
        if valeur == 0 or valeur >= 0x10FFFF or 0xD800 <= valeur <= 0xDFFF:
            return None, i
        caractere = chr(valeur)
    else:
        while j < n and source[j].isascii() and source[j].isalpha():
            j += 1
        nom = source[i + 1 : j]
        if nom in _ENTITES_NOMMEES:
            caractere = _ENTITES_NOMMEES[nom]
        elif nom and j < n and source[j] == ";":
            raise ErreurEntites(
                f'Unsupported HTML entity "&{nom};" at byte offset {_octet(source, i)}'
            )
        else:
            return None, i
    if j < n and source[j] == ";":
        j += 1
    return caractere, j


def _decoder_chaine(valeur: str) -> str:
    morceaux: list[str] = []
    i = 0
    while i < len(valeur):
        if valeur[i] == "&":
            caractere, fin = _decoder_entite(valeur, i)
            if caractere is not None:
                morceaux.append(caractere)
                i = fin
                continue
        morceaux.append(valeur[i])
        i += 1
    return "".join(morceaux)


class _AnalyseurHtml:
    """Telegram-compatible HTML parser (mirrors TDLib's parse_html)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.n = len(source)
        self.i = 0
        self.sortie: list[str] = []
        self.u16 = 0
        self.pile: list[tuple[str, str, bool, int]] = []  # tag, argument, expandable, start
        self.entites: list[dict[str, Any]] = []

    def octet(self, position: int) -> int:
        return _octet(self.source, position)

    def analyser(self) -> tuple[str, list[dict[str, Any]]]:
        while self.i < self.n:
            c = self.source[self.i]
            if c == "&":
                caractere, fin = _decoder_entite(self.source, self.i)
                if caractere is None:
                    caractere, fin = "&", self.i + 1
                self.ajouter(caractere)
                self.i = fin
            elif c != "<":
                self.ajouter(c)
                self.i += 1
            elif self.i + 1 < self.n and self.source[self.i + 1] == "/":
                self.fermeture()
            else:
                self.ouverture()
        if self.pile:
            raise ErreurEntites(
                f'Can\'t find end tag corresponding to start tag "{self.pile[-1][0]}"'
            )
        self.entites.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.sortie), self.entites

    def ajouter(self, texte: str) -> None:
        self.sortie.append(texte)
        self.u16 += longueur_utf16(texte)

    def sauter_espaces(self) -> None:
        while self.i < self.n and self.source[self.i] in _ESPACES:
            self.i += 1

    def lire_nom(self, arrets: str) -> str:
        debut = self.i
        while self.i < self.n and self.source[self.i] not in _ESPACES:
            if self.source[self.i] in arrets:
                break
            self.i += 1
        return self.source[debut : self.i].lower()

    def fermeture(self) -> None:
        debut = self.i
        if not self.pile:
            raise ErreurEntites(f"Unexpected end tag at byte offset {self.octet(debut)}")
        self.i += 2
        nom_fin = self.lire_nom(">")
        self.sauter_espaces()
        if self.i >= self.n or self.source[self.i] != ">":
            raise ErreurEntites(f"Unclosed end tag at byte offset {self.octet(debut)}")
        self.i += 1
        balise, argument, depliable, depart = self.pile.pop()
        if nom_fin and nom_fin != balise:
            raise ErreurEntites(
                f"Unmatched end tag at byte offset {self.octet(debut)}, "
                f'expected "</{balise}>", found "</{nom_fin}>"'
            )
        _fermer_entite(self.entites, balise, argument, depliable, depart, self.u16 - depart)

    def ouverture(self) -> None:
        debut = self.i
        self.i += 1
        balise = self.lire_nom(">")
        if self.i >= self.n:
            raise ErreurEntites(f"Unclosed start tag at byte offset {self.octet(debut)}")
        if balise not in _BALISES:
            raise ErreurEntites(
                f'Unsupported start tag "{balise}" at byte offset {self.octet(debut)}'
            )
        argument, depliable = self.attributs(balise, debut)
        if balise == "span" and argument != "spoiler":
            raise ErreurEntites(
                f'Tag "span" must have class "tg-spoiler" at byte offset {self.octet(debut)}'
            )
        if balise == "tg-emoji" and not argument.isdigit():
            raise ErreurEntites("Invalid custom emoji identifier specified")
        self.pile.append((balise, argument, depliable, self.u16))

    def attributs(self, balise: str, debut: int) -> tuple[str, bool]:
        """Parse attributes up to '>'; returns (argument, expandable)."""
        argument = ""
        depliable = False
        while True:
            self.sauter_espaces()
            if self.i >= self.n:
                raise ErreurEntites(
                    f'Unclosed start tag "{balise}" at byte offset {self.octet(debut)}'
                )
            if self.source[self.i] == ">":
                self.i += 1
                return argument, depliable
            nom = self.lire_nom("=>")
            if not nom:
                raise ErreurEntites(
                    f'Empty attribute name in the tag "{balise}" at byte offset {self.octet(debut)}'
                )
            self.sauter_espaces()
            if self.i >= self.n or self.source[self.i] != "=":
                if balise == "blockquote" and nom == "expandable":
                    depliable = True
                    continue
                raise ErreurEntites(
                    "Expected equal sign in declaration of an attribute of the tag "
                    f'"{balise}" at byte offset {self.octet(debut)}'
                )
            self.i += 1
            self.sauter_espaces()
            if self.i >= self.n:
                raise ErreurEntites(
                    f'Unclosed start tag "{balise}" at byte offset {self.octet(debut)}'
                )
            valeur = self.valeur()
            argument = _argument(balise, nom, valeur, argument)

    def valeur(self) -> str:
        source = self.source
        if source[self.i] in "'\"":
            fin_car = source[self.i]
            self.i += 1
            fin = source.find(fin_car, self.i)
            if fin < 0:
                raise ErreurEntites(
                    f"Unclosed end of attribute value at byte offset {self.octet(self.i)}"
                )
            valeur = _decoder_chaine(source[self.i : fin])
            self.i = fin + 1
            return valeur
        debut = self.i
        while self.i < self.n and (source[self.i].isalnum() or source[self.i] in ".-"):
            self.i += 1
        if self.i >= self.n or (source[self.i] not in _ESPACES and source[self.i] != ">"):
            raise ErreurEntites(f"Unexpected end of name token at byte offset {self.octet(debut)}")
        return source[debut : self.i].lower()


def _argument(balise: str, nom: str, valeur: str, actuel: str) -> str:
    """Keep the attribute value that matters for this tag."""
    if balise == "a" and nom == "href":
        return valeur
    if balise == "code" and nom == "class" and valeur.startswith("language-"):
        return valeur[len("language-") :]
    if balise == "span" and nom == "class" and valeur.startswith("tg-"):
        return valeur[len("tg-") :]
    if balise == "tg-emoji" and nom == "emoji-id":
        return valeur
    return actuel


def parser_html(source: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram HTML; returns (plain text, entities with UTF-16 offsets)."""
    return _AnalyseurHtml(source).analyser()


def _fermer_entite(
    entites: list[dict[str, Any]],
    balise: str,
    argument: str,
    depliable: bool,
    depart: int,
    longueur: int,
) -> None:
    if longueur <= 0:
        return
    entite: dict[str, Any] = {"type": _TYPE_ENTITE[balise], "offset": depart, "length": longueur}
    if balise == "a":
        if not argument:
            return
        entite["url"] = argument
    elif balise == "code" and argument:
        entite["language"] = argument
    elif balise == "tg-emoji":
        entite["custom_emoji_id"] = argument
    elif balise == "blockquote" and depliable:
        entite["type"] = "expandable_blockquote"
    elif balise == "pre" and entites:
        dernier = entites[-1]
        if (
            dernier["type"] == "code"
            and dernier["offset"] == depart
            and dernier["length"] == longueur
            and "language" in dernier
        ):
            dernier["type"] = "pre"
            return
    entites.append(entite)


def _rogner(texte: str, entites: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Strip surrounding whitespace like Telegram, shifting entities."""
    rogne = texte.strip()
    if rogne == texte:
        return texte, entites
    decalage = longueur_utf16(texte[: len(texte) - len(texte.lstrip())])
    total = longueur_utf16(rogne)
    resultat: list[dict[str, Any]] = []
    for entite in entites:
        debut = max(0, int(entite["offset"]) - decalage)
        fin = min(total, int(entite["offset"]) + int(entite["length"]) - decalage)
        if fin > debut:
            resultat.append({**entite, "offset": debut, "length": fin - debut})
    return rogne, resultat
