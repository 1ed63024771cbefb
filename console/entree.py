"""Ways in and out: the one-time link from /console, the Telegram Mini App, logout."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from aiogram.utils.web_app import WebAppInitData, safe_parse_webapp_init_data
from aiohttp import web

from assemblee import connexions
from assemblee.invitations import FORME_JETON
from console.web import (
    CLE_VISITEUR,
    PREFIXE,
    application,
    effacer_cookie,
    maintenant,
    page_erreur,
    poser_cookie,
    rediriger,
    rendre,
    session_bd,
    visiteur,
)

journal = logging.getLogger(__name__)

_REFUS_LIEN = {
    "lien-inconnu": "erreur-lien-invalide",
    "lien-expire": "erreur-lien-expire",
    "lien-deja-utilise": "erreur-lien-utilise",
    "pas-equipe": "erreur-reserve-equipe",
}


def _adresse(requete: web.Request) -> str:
    return requete.remote or "?"


async def entrer(requete: web.Request) -> web.StreamResponse:
    """The link's page: a button that signs in (a POST), so that a link preview or a mail
    scanner fetching the link does not spend it."""
    jeton = requete.match_info["jeton"]
    if not FORME_JETON.fullmatch(jeton):
        raise web.HTTPNotFound
    return rendre(requete, "entrer.html", {"jeton": jeton})


async def entrer_confirmer(requete: web.Request) -> web.StreamResponse:
    formulaire = await requete.post()
    jeton = formulaire.get("jeton")
    if not isinstance(jeton, str) or not FORME_JETON.fullmatch(jeton):
        raise web.HTTPNotFound
    try:
        ouverture = await connexions.entrer_par_lien(
            session_bd(requete), jeton, maintenant=maintenant(requete)
        )
    except connexions.Refus as refus:
        journal.warning(
            "console : lien de connexion refusé (%s) depuis %s", refus.code, _adresse(requete)
        )
        statut = 403 if refus.code == "pas-equipe" else 404
        return page_erreur(requete, statut, _REFUS_LIEN.get(refus.code, "erreur-lien-invalide"))
    journal.info("console : session ouverte par lien pour le membre %s", ouverture.membre.id)
    reponse = rediriger(f"{PREFIXE}/")
    poser_cookie(requete, reponse, ouverture.jeton)
    return reponse


async def mini_app(requete: web.Request) -> web.StreamResponse:
    """The Mini App's launch page: its script sends Telegram's initData to `mini_app_entrer`."""
    return rendre(requete, "mini_app.html", {})


AGE_MAX_INIT_DATA = timedelta(hours=1)


def lire_init_data(jeton_bot: str, init_data: str, *, maintenant: datetime) -> WebAppInitData:
    """Check a Mini App's initData: Telegram's signature with this bot's token, and its age
    (at most an hour: an initData copied from somewhere is soon useless)."""
    try:
        donnees = safe_parse_webapp_init_data(jeton_bot, init_data)
    except ValueError as exc:
        raise connexions.Refus("init-data-signature") from exc
    if donnees.user is None:
        raise connexions.Refus("init-data-sans-personne")
    age = maintenant - donnees.auth_date
    if age > AGE_MAX_INIT_DATA or age < -timedelta(minutes=5):
        raise connexions.Refus("init-data-trop-ancien")
    return donnees


async def mini_app_entrer(requete: web.Request) -> web.StreamResponse:
    formulaire = await requete.post()
    init_data = formulaire.get("init_data")
    if not isinstance(init_data, str) or not init_data or len(init_data) > 8192:
        return web.json_response({"erreur": "init-data"}, status=400)
    app = application(requete)
    try:
        donnees = lire_init_data(app.reglages.jeton, init_data, maintenant=maintenant(requete))
        assert donnees.user is not None
        ouverture = await connexions.entrer_par_telegram(
            session_bd(requete), donnees.user.id, maintenant=maintenant(requete)
        )
    except connexions.Refus as refus:
        journal.warning("console : Mini App refusée (%s) depuis %s", refus.code, _adresse(requete))
        return web.json_response({"erreur": refus.code}, status=403)
    journal.info("console : session ouverte par la Mini App pour le membre %s", ouverture.membre.id)
    reponse = web.json_response({"aller": f"{PREFIXE}/"})
    poser_cookie(requete, reponse, ouverture.jeton)
    return reponse


async def sortir(requete: web.Request) -> web.StreamResponse:
    v = visiteur(requete)
    await connexions.terminer(
        session_bd(requete), v.ouverte.session, maintenant=maintenant(requete)
    )
    del requete[CLE_VISITEUR]  # the page after logout is a stranger's
    reponse = rendre(requete, "sorti.html", {})
    effacer_cookie(reponse)
    return reponse


def installer(routeur: web.UrlDispatcher) -> None:
    routeur.add_get("/entrer/{jeton}", entrer, name="entrer")
    routeur.add_post("/entrer", entrer_confirmer, name="entrer-confirmer")
    routeur.add_get("/mini-app", mini_app, name="mini-app")
    routeur.add_post("/mini-app", mini_app_entrer, name="mini-app-entrer")
    routeur.add_post("/sortir", sortir, name="sortir")
