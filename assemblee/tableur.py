"""Every CSV the assembly's tools write: `;`-separated with a byte-order mark for French Excel,
and no cell a spreadsheet would run as a formula (CSV injection)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

DEBUTS_DE_FORMULE = ("=", "+", "-", "@", "\t", "\r")


def cellule(valeur: object) -> str:
    """A value as a cell: text typed as "=HYPERLINK(…)" stays text in the spreadsheet."""
    texte = "" if valeur is None else str(valeur)
    return "'" + texte if texte.startswith(DEBUTS_DE_FORMULE) else texte


def ecrire_csv(lignes: Iterable[Sequence[object]], *, separateur: str = ";") -> str:
    """The file's text, starting with a byte-order mark (as text, so that UTF-8 encoding
    writes it); encode it as UTF-8."""
    tampon = io.StringIO()
    ecrivain = csv.writer(tampon, delimiter=separateur, lineterminator="\r\n")
    ecrivain.writerows([cellule(v) for v in ligne] for ligne in lignes)
    return "\ufeff" + tampon.getvalue()
