"""Sondages: the open and closed polls of one's groups, each with its participation, its
results (the picture and ranking the bot sends), the CSV and "close now".

An anonymous poll shows its participation only while open, and its figures only once closed,
as in Telegram (assemblee/vote_secret.md): the page, the picture and the CSV all ask
`sondages.resultats_visibles`, never a rule of their own."""

from __future__ import annotations

import asyncio

from aiohttp import web
from markupsafe import Markup

from assemblee import acces, groupes, sondages
from assemblee import tableau as tableau_
from assemblee.modeles import Sondage
from console import pagination
from console.web import (
    PREFIXE,
    application,
    maintenant,
    page_erreur,
    rediriger,
    rendre,
    session_bd,
    visiteur,
)


async def _sondage(requete: web.Request) -> Sondage:
    """The poll the URL names, if this person may follow it; else the 404 page (a poll of
    another group is not told apart from one that does not exist)."""
    try:
        sondage_id = int(requete.match_info["id"])
    except ValueError:
        raise web.HTTPNotFound from None
    sondage = await acces.sondage_gere(session_bd(requete), visiteur(requete).membre, sondage_id)
    if sondage is None:
        raise web.HTTPNotFound
    return sondage


async def liste(requete: web.Request) -> web.StreamResponse:
    v = visiteur(requete)
    session = session_bd(requete)
    clos = requete.query.get("etat") == "clos"
    nombres = {
        "ouverts": await sondages.nombre(session, groupes=v.groupes, clos=False),
        "clos": await sondages.nombre(session, groupes=v.groupes, clos=True),
    }
    page = pagination.page(requete, nombres["clos" if clos else "ouverts"])
    liste_ = await sondages.lister(
        session, groupes=v.groupes, clos=clos, limite=page.par_page, decalage=page.decalage
    )
    return rendre(
        requete,
        "sondages/liste.html",
        {
            "clos": clos,
            "nombres": nombres,
            "page": page,
            "sondages": liste_,
            "participations": await tableau_.participations(session, liste_),
            "groupes": await groupes.par_ids(session, (s.groupe_id for s in liste_)),
        },
    )


async def _fiche(
    requete: web.Request, sondage: Sondage, *, erreur: str | None = None, statut: int = 200
) -> web.Response:
    session = session_bd(requete)
    v = visiteur(requete)
    presence = await sondages.participation(session, sondage)
    decompte = classement = None
    if sondages.resultats_visibles(sondage):
        decompte = await sondages.resultats(session, sondage)
        # The catalogue's lines, values escaped: the same text as under the bot's picture.
        classement = [
            Markup(str(ligne))  # noqa: S704
            for ligne in sondages.lignes_classement(decompte.options, decompte.resultat, v.t)
        ]
    options = decompte.options if decompte else await sondages.options_de(session, sondage.id or 0)
    groupe = (await groupes.par_ids(session, [sondage.groupe_id])).get(sondage.groupe_id or 0)
    return rendre(
        requete,
        "sondages/fiche.html",
        {
            "sondage": sondage,
            "groupe": groupe,
            "participation": presence,
            "decompte": decompte,
            "classement": classement,
            "options": options,
            "erreur": erreur,
        },
        statut=statut,
    )


async def fiche(requete: web.Request) -> web.StreamResponse:
    return await _fiche(requete, await _sondage(requete))


async def image(requete: web.Request) -> web.StreamResponse:
    """The results picture the bot sends to the members, drawn again from the ballots."""
    sondage = await _sondage(requete)
    if not sondages.resultats_visibles(sondage):
        raise web.HTTPNotFound
    decompte = await sondages.resultats(session_bd(requete), sondage)
    # Drawing takes a CPU moment: out of the event loop, which serves the bot too.
    png = await asyncio.to_thread(sondages.image, sondage, decompte.options, decompte.resultat)
    return web.Response(body=png, content_type="image/png")


async def csv(requete: web.Request) -> web.StreamResponse:
    sondage = await _sondage(requete)
    if not sondages.resultats_visibles(sondage):
        return page_erreur(requete, 403, "console-sondages-csv-secret")
    contenu = await sondages.exporter_csv(session_bd(requete), sondage, visiteur(requete).t)
    return web.Response(
        body=contenu.encode("utf-8"),
        headers={
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": f'attachment; filename="sondage-{sondage.id}.csv"',
        },
    )


async def clore(requete: web.Request) -> web.StreamResponse:
    """Close now and send the results, as the bot's "Clore maintenant" button does."""
    sondage = await _sondage(requete)
    app = application(requete)
    session = session_bd(requete)
    try:
        await sondages.clore(
            session,
            sondage,
            auteur=visiteur(requete).auteur,
            maintenant=maintenant(requete),
            secret=app.reglages.cle_scrutins,
        )
    except sondages.ErreurSondage as erreur:
        return await _fiche(requete, sondage, erreur=erreur.code, statut=409)
    await sondages.publier_resultats(
        session, sondage, maintenant=maintenant(requete), catalogue=app.catalogue
    )
    app.expediteur.reveiller()
    return rediriger(f"{PREFIXE}/sondages/{sondage.id}")


def installer(routeur: web.UrlDispatcher) -> None:
    routeur.add_get("/sondages", liste, name="sondages")
    routeur.add_get(r"/sondages/{id:\d+}", fiche, name="sondage")
    routeur.add_get(r"/sondages/{id:\d+}/resultats.png", image, name="sondage-image")
    routeur.add_get(r"/sondages/{id:\d+}/resultats.csv", csv, name="sondage-csv")
    routeur.add_post(r"/sondages/{id:\d+}/clore", clore, name="sondage-clore")
