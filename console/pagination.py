"""Long lists a page at a time: the page number read from the query string, kept within the
pages that exist."""

from __future__ import annotations

from dataclasses import dataclass

from aiohttp import web

PAR_PAGE = 50


@dataclass(frozen=True)
class Page:
    numero: int  # from 1
    total: int  # rows in the whole list
    par_page: int

    @property
    def nombre_pages(self) -> int:
        return max(1, -(-self.total // self.par_page))

    @property
    def decalage(self) -> int:
        return (self.numero - 1) * self.par_page

    @property
    def precedente(self) -> int | None:
        return self.numero - 1 if self.numero > 1 else None

    @property
    def suivante(self) -> int | None:
        return self.numero + 1 if self.numero < self.nombre_pages else None

    @property
    def tranche(self) -> slice:
        """This page's rows of a list already loaded whole."""
        return slice(self.decalage, self.decalage + self.par_page)


def numero_demande(requete: web.Request, nom: str = "page") -> int:
    """The page number the query string asks for: 1 when it is missing or not a number."""
    try:
        return max(1, int(requete.query.get(nom, "1")))
    except ValueError:
        return 1


def borner(numero: int, total: int, par_page: int | None = None) -> Page:
    """The page `numero`, or the nearest one that exists."""
    taille = par_page or PAR_PAGE
    dernier = Page(1, total, taille).nombre_pages
    return Page(min(max(numero, 1), dernier), total, taille)


def page(
    requete: web.Request, total: int, *, nom: str = "page", par_page: int | None = None
) -> Page:
    """The page the query string asks for; a number out of range (or not a number) gives the
    nearest page that exists, so an old link after a list shrank still shows something."""
    return borner(numero_demande(requete, nom), total, par_page)
