"""Webhook mode: Telegram's POSTs checked against the secret, answered at once and handled in
the background; /sante for monitoring."""

from __future__ import annotations

import socket
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

import aiohttp

from assemblee import journal, seances
from assemblee.db import creer_moteur, fabrique_sessions
from assemblee.groupes import trouver_groupe
from assemblee.modeles import TypeSeance
from assemblee.seances import Champs
from tests.outils.banc import Banc


def _port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _banc_webhook(fabrique_banc: Callable[..., Awaitable[Banc]]) -> tuple[Banc, str]:
    port = _port_libre()
    banc = await fabrique_banc(
        webhook=True,
        webhook_url=f"http://127.0.0.1:{port}",
        webhook_port=port,
        webhook_chemin="/telegram",
    )
    return banc, f"http://127.0.0.1:{port}"


def _secret(banc: Banc) -> str:
    appel = next(a for a in banc.serveur.appels if a.methode == "setWebhook")
    return str(appel.params["secret_token"])


async def test_un_membre_rejoint_par_webhook(fabrique_banc: Callable[..., Awaitable[Banc]]) -> None:
    banc, base = await _banc_webhook(fabrique_banc)
    appel = next(a for a in banc.serveur.appels if a.methode == "setWebhook")
    assert appel.params["url"] == f"{base}/telegram"
    assert len(_secret(banc)) >= 32  # drawn at start, not configured
    jeton = await banc.inviter("Camille", "Martin")
    camille = banc.utilisateur(1001, "Camille")
    (notice,) = await camille.envoyer(f"/start {jeton}")
    await camille.cliquer(notice, "J'accepte")
    assert "Bienvenue Camille" in (camille.dernier_message.texte_visible or "")  # type: ignore[union-attr]
    assert banc.serveur.longs_polls_en_attente == 0
    assert {livraison.statut for livraison in banc.serveur.livraisons_webhook} == {200}


async def test_sans_le_bon_secret_401(fabrique_banc: Callable[..., Awaitable[Banc]]) -> None:
    banc, base = await _banc_webhook(fabrique_banc)
    await banc.membre_actif(1, "Mia")
    update = {
        "update_id": 999,
        "message": {
            "message_id": 5,
            "date": 0,
            "chat": {"id": 1, "type": "private"},
            "from": {"id": 1, "is_bot": False, "first_name": "Mia"},
            "text": "/supprimer",
        },
    }
    envoyes = banc.serveur.nombre_envoyes(1)
    async with aiohttp.ClientSession() as http:
        for entetes in (
            {},
            {"X-Telegram-Bot-Api-Secret-Token": "faux"},
            {"X-Telegram-Bot-Api-Secret-Token": _secret(banc)[:-1]},
            {"X-Telegram-Bot-Api-Secret-Token": "é" * 43},
        ):
            async with http.post(f"{base}/telegram", json=update, headers=entetes) as reponse:
                assert reponse.status == 401
    assert banc.serveur.nombre_envoyes(1) == envoyes  # nothing was handled


async def test_accuse_reception_avant_de_traiter(
    fabrique_banc: Callable[..., Awaitable[Banc]],
) -> None:
    banc, base = await _banc_webhook(fabrique_banc)
    mia = await banc.membre_actif(1, "Mia")
    banc.serveur.latence(1.0, "sendMessage")
    envoyes = banc.serveur.nombre_envoyes(1)
    update = {
        "update_id": 1000,
        "message": {
            "message_id": 50,
            "date": 0,
            "chat": {"id": 1, "type": "private"},
            "from": {"id": 1, "is_bot": False, "first_name": "Mia"},
            "text": "/aide",
            "entities": [{"type": "bot_command", "offset": 0, "length": 5}],
        },
    }
    async with aiohttp.ClientSession() as http:
        entetes = {"X-Telegram-Bot-Api-Secret-Token": _secret(banc)}
        async with http.post(f"{base}/telegram", json=update, headers=entetes) as reponse:
            assert reponse.status == 200
    # Acknowledged while the answer is still on its way to Telegram.
    assert banc.serveur.nombre_envoyes(1) == envoyes
    await banc.serveur.attendre(lambda: banc.serveur.nombre_envoyes(1) == envoyes + 1)
    assert "Ce que vous pouvez me demander" in (mia.dernier_message.texte_visible or "")  # type: ignore[union-attr]


async def test_sante(fabrique_banc: Callable[..., Awaitable[Banc]]) -> None:
    banc, base = await _banc_webhook(fabrique_banc)
    await banc.peupler(3)
    banc.horloge.regler(banc.horloge.maintenant().replace(hour=22))  # 23:00 Paris: quiet hours
    await banc.publier("Demain")
    await banc.app.planificateur.battre()
    banc.horloge.avancer(timedelta(seconds=90))
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{base}/sante") as reponse:
            assert reponse.status == 200
            assert await reponse.json() == {
                "base": "ok",
                "envois_en_attente": 3,
                "envois_en_cours": 0,
                "dernier_battement_il_y_a_s": 90.0,
            }
        moteur = creer_moteur("postgresql+asyncpg://personne@127.0.0.1:9/rien")
        banc.app.sessions = fabrique_sessions(moteur)
        try:
            async with http.get(f"{base}/sante") as reponse:
                assert reponse.status == 503
                assert (await reponse.json())["base"].startswith("injoignable")
        finally:
            await moteur.dispose()


async def test_lien_d_abonnement_au_calendrier_secret_et_revocable(
    fabrique_banc: Callable[..., Awaitable[Banc]],
) -> None:
    banc, base = await _banc_webhook(fabrique_banc)
    mia = await banc.membre_actif(1, "Mia")
    async with banc.app.sessions() as session:
        groupe = await trouver_groupe(session, "environnement")
        await seances.creer(
            session,
            Champs(
                type=TypeSeance.ATELIER,
                titre="Atelier du jeudi",
                groupe=groupe,
                debut=datetime(2026, 12, 10, 17, 30, tzinfo=UTC),
                fin=datetime(2026, 12, 10, 19, 30, tzinfo=UTC),
                lieu="Mairie du 11e",
            ),
            auteur=journal.CLI,
            maintenant=banc.horloge.maintenant(),
        )
    liste, _ = await mia.envoyer("/agenda", attendre=2)
    avant = len(mia.messages_du_bot())
    await mia.cliquer(liste, "Lien d'abonnement")
    (lien,) = mia.messages_du_bot()[avant:]
    (url,) = [mot for mot in (lien.texte_visible or "").split() if mot.startswith("http")]
    assert url.startswith(f"{base}/calendrier/") and url.endswith(".ics")
    async with aiohttp.ClientSession() as http:
        async with http.get(url) as reponse:
            assert reponse.status == 200 and reponse.content_type == "text/calendar"
            corps = await reponse.text()
        assert "SUMMARY:Atelier du jeudi" in corps and "TZID=Europe/Paris" in corps
        async with http.get(f"{base}/calendrier/{'x' * 32}.ics") as reponse:
            assert reponse.status == 404
        await mia.cliquer(lien, "Couper ce lien")
        async with http.get(url) as reponse:
            assert reponse.status == 404
