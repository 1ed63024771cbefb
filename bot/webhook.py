"""Webhook mode: aiohttp serves Telegram's POSTs (checked against a secret token, answered at
once, handled in the background) and /sante for monitoring."""

from __future__ import annotations

import asyncio
import hmac
import logging
import secrets
import signal
from typing import Any

import sqlalchemy as sa
from aiogram import Bot
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

import console
from assemblee import envois, membres, seances
from assemblee.invitations import FORME_JETON
from assemblee.textes import visible
from bot.journal import masquer_aussi
from rappels import agenda

journal = logging.getLogger(__name__)
CLE_APPLICATION: web.AppKey[Any] = web.AppKey("assemblee", object)


class GestionnaireWebhook(SimpleRequestHandler):
    def verify_secret(self, telegram_secret_token: str, bot: Bot) -> bool:
        # Bytes, not str: compare_digest refuses non-ASCII text, and a forged header must get
        # a 401, not a 500.
        attendu = (self.secret_token or "").encode()
        recu = telegram_secret_token.encode("utf-8", "surrogateescape")
        return hmac.compare_digest(recu, attendu)


async def sante(requete: web.Request) -> web.Response:
    """Database reachable, outbox backlog, age of the last scheduler tick."""
    app = requete.app[CLE_APPLICATION]
    corps: dict[str, Any] = {"base": "ok"}
    statut = 200
    try:
        async with app.sessions() as session:
            await session.exec(sa.select(1))
            arriere = await envois.arriere(session)
        corps["envois_en_attente"] = arriere.en_attente
        corps["envois_en_cours"] = arriere.en_cours
    except Exception as exc:  # the point of this page is to say so
        corps["base"] = f"injoignable ({type(exc).__name__})"
        statut = 503
    battement = app.planificateur.dernier_battement
    corps["dernier_battement_il_y_a_s"] = (
        round((app.horloge.maintenant() - battement).total_seconds(), 1) if battement else None
    )
    return web.json_response(corps, status=statut)


async def calendrier(requete: web.Request) -> web.Response:
    """A member's secret subscription URL: their coming séances as iCalendar, read by their
    calendar app. An unknown or revoked token gets a 404 that says nothing more."""
    app = requete.app[CLE_APPLICATION]
    jeton = requete.match_info["jeton"]
    if not FORME_JETON.fullmatch(jeton):
        raise web.HTTPNotFound
    async with app.sessions() as session:
        membre = await agenda.membre_du_jeton(session, jeton)
        if membre is None or not membres.est_actif(membre):
            raise web.HTTPNotFound
        maintenant = app.horloge.maintenant()
        liste = await seances.a_venir_pour(session, membre, maintenant, limite=200)
        t = app.catalogue.pour(membre.langue)
        contenu = agenda.ics(
            await agenda.avec_groupes(session, liste),
            fuseau=app.reglages.fuseau,
            t=t,
            nom=visible(t("agenda-nom")),
            maintenant=maintenant,
        )
    return web.Response(body=contenu, content_type="text/calendar", charset="utf-8")


async def servir(app: Any, *, signaux: bool) -> None:
    """Serve until `app.arret` is set (or SIGTERM/SIGINT when `signaux`)."""
    reglages = app.reglages
    # A secret drawn at each start is as good as a configured one: Telegram gets it anew.
    secret = (
        reglages.webhook_secret.get_secret_value()
        if reglages.webhook_secret
        else secrets.token_urlsafe(32)
    )
    masquer_aussi(secret)
    serveur = web.Application()
    serveur[CLE_APPLICATION] = app
    GestionnaireWebhook(
        dispatcher=app.dp, bot=app.bot, secret_token=secret, handle_in_background=True
    ).register(serveur, path=reglages.webhook_chemin)
    serveur.router.add_get("/sante", sante)
    serveur.router.add_get("/calendrier/{jeton}.ics", calendrier)
    if reglages.console:  # the same server serves the staff console
        serveur.add_subapp(console.PREFIXE, console.creer(app))
    setup_application(serveur, app.dp, bot=app.bot)
    runner = web.AppRunner(serveur, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, reglages.webhook_hote, reglages.webhook_port)
    await site.start()
    hote, port = runner.addresses[0][:2]
    app.console_url_locale = f"http://{hote}:{port}{console.PREFIXE}"
    if signaux:
        boucle = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            boucle.add_signal_handler(sig, app.arret.set)
    try:
        await app.bot.set_webhook(
            reglages.url_webhook_complete,
            secret_token=secret,
            allowed_updates=app.dp.resolve_used_update_types(),
        )
        journal.info(
            "webhook actif sur %s:%s%s",
            reglages.webhook_hote,
            reglages.webhook_port,
            reglages.webhook_chemin,
        )
        await app.arret.wait()
    finally:
        await runner.cleanup()
