"""Tableau de bord: the next séances and their answers, articles to sort, open polls,
unreachable members, the outbox's pending and failed messages."""

from __future__ import annotations

from aiohttp import web

from assemblee import tableau as tableau_
from console.web import maintenant, rendre, session_bd, visiteur


async def tableau(requete: web.Request) -> web.StreamResponse:
    v = visiteur(requete)
    donnees = await tableau_.tableau(
        session_bd(requete), groupes=v.groupes, maintenant=maintenant(requete)
    )
    return rendre(requete, "tableau.html", {"tableau": donnees})


def installer(routeur: web.UrlDispatcher) -> None:
    routeur.add_get("/", tableau, name="tableau")
