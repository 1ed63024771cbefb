"""Signing in to the console and staying in it: the one-time link, the Mini App's initData,
sessions (idle expiry, logout, ended by staff), CSRF, and the rights read at every request."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta

import pytest
from sqlmodel import select

from assemblee import connexions, membres
from assemblee.modeles import LienConnexion, Role, SessionConsole
from tests.console.conftest import ALEX, CAMILLE, SAM, Console
from tests.outils.banc import Banc
from tests.outils.console import init_data, lien_de_connexion


async def test_le_lien_de_console_ouvre_une_session_une_seule_fois(console: Console) -> None:
    lien = await lien_de_connexion(console.sam)
    navigateur = console.navigateur()
    statut, page = await navigateur.entrer_par_lien(lien)
    assert statut == 200
    assert "Tableau de bord" in page and "Sam Équipe" in page
    # Replayed in another browser: refused, nothing opened.
    autre = console.navigateur()
    statut, page = await autre.entrer_par_lien(lien)
    assert statut == 404
    assert "déjà servi" in page
    async with console.banc.app.sessions() as session:
        ouvertes = (await session.exec(select(SessionConsole))).all()
        liens = (await session.exec(select(LienConnexion))).all()
    assert len(ouvertes) == 1
    # Only the hash of the token is stored.
    jeton = lien.rsplit("/", 1)[1]
    assert all(jeton not in (ligne.jeton_hash or "") for ligne in liens)
    assert liens[0].jeton_hash == connexions.empreinte(jeton)


async def test_un_lien_expire_apres_dix_minutes(console: Console) -> None:
    lien = await lien_de_connexion(console.sam)
    console.banc.horloge.avancer(timedelta(minutes=10, seconds=1))
    statut, page = await console.navigateur().entrer_par_lien(lien)
    assert statut == 404
    assert "expiré" in page


async def test_un_lien_invente_est_refuse_sans_trace_du_jeton(
    console: Console, caplog: pytest.LogCaptureFixture
) -> None:
    navigateur = console.navigateur()
    faux = "A" * 43
    with caplog.at_level(logging.INFO):
        statut, page = await navigateur.post("/entrer", {"jeton": faux}, csrf=False)
    assert statut == 404 and "pas valable" in page
    assert faux not in caplog.text
    assert "lien-inconnu" in caplog.text


async def test_un_membre_n_a_pas_de_console(console: Console) -> None:
    (reponse,) = await console.camille.envoyer("/console")
    assert "/console/entrer/" not in (reponse.texte_visible or "")
    # Even with a link made for them, the door stays closed.
    membre = await console.banc.membre(CAMILLE)
    assert membre is not None
    async with console.banc.app.sessions() as session:
        jeton = await connexions.creer_lien(
            session, membre, maintenant=console.banc.horloge.maintenant()
        )
    navigateur = console.navigateur()
    statut, page = await navigateur.entrer_par_lien(f"{navigateur.base}/entrer/{jeton}")
    assert statut == 403
    assert "réservée à l'équipe" in page
    assert "Traceback" not in page


async def test_un_inconnu_voit_comment_entrer(console: Console) -> None:
    statut, page = await console.navigateur().get("/")
    assert statut == 401
    assert "/console" in page and "Tableau de bord" not in page
    statut, page = await console.navigateur().get("/nulle-part")
    assert statut in (401, 404)


async def test_la_mini_app_ouvre_une_session_avec_un_init_data_signe(console: Console) -> None:
    banc = console.banc
    navigateur = console.navigateur()
    donnees = init_data(
        banc.app.reglages.jeton, user_id=ALEX, prenom="Alex", quand=banc.horloge.maintenant()
    )
    statut, corps = await navigateur.entrer_par_mini_app(donnees)
    assert statut == 200 and corps == {"aller": "/console/"}
    statut, page = await navigateur.get("/")
    assert statut == 200 and "Alex Anim" in page


@pytest.mark.parametrize(
    ("cas", "attendu"),
    [
        ("signature", "init-data-signature"),
        ("ancien", "init-data-trop-ancien"),
        ("membre", "pas-equipe"),
    ],
)
async def test_la_mini_app_refuse_un_init_data_faux_ancien_ou_d_un_membre(
    console: Console, cas: str, attendu: str, caplog: pytest.LogCaptureFixture
) -> None:
    banc = console.banc
    quand = banc.horloge.maintenant()
    if cas == "ancien":
        quand -= timedelta(hours=1, seconds=1)
    donnees = init_data(
        banc.app.reglages.jeton,
        user_id=CAMILLE if cas == "membre" else ALEX,
        prenom="X",
        quand=quand,
        alterer=cas == "signature",
    )
    navigateur = console.navigateur()
    with caplog.at_level(logging.INFO):
        statut, corps = await navigateur.entrer_par_mini_app(donnees)
    assert statut == 403 and corps == {"erreur": attendu}
    assert banc.app.reglages.jeton not in caplog.text
    statut, _ = await navigateur.get("/")
    assert statut == 401
    async with banc.app.sessions() as session:
        assert (await session.exec(select(SessionConsole))).all() == []


async def test_une_session_expire_apres_douze_heures_sans_usage(console: Console) -> None:
    navigateur = await console.entrer(console.sam)
    console.banc.horloge.avancer(timedelta(hours=11))
    assert (await navigateur.get("/"))[0] == 200  # used: the 12 hours start again
    console.banc.horloge.avancer(timedelta(hours=11, minutes=59))
    assert (await navigateur.get("/"))[0] == 200
    console.banc.horloge.avancer(timedelta(hours=12, minutes=1))
    statut, page = await navigateur.get("/")
    assert statut == 401 and "Tableau de bord" not in page


async def test_se_deconnecter_ferme_la_session(console: Console) -> None:
    navigateur = await console.entrer(console.sam)
    statut, page = await navigateur.post("/sortir")
    assert statut == 200 and "déconnecté" in page
    assert (await navigateur.get("/"))[0] == 401


async def test_sans_jeton_csrf_rien_ne_change(console: Console) -> None:
    navigateur = await console.entrer(console.sam)
    for csrf in (None, "forge-" + "x" * 30):
        corps = {} if csrf is None else {"csrf": csrf}
        statut, page = await navigateur.post("/sortir", corps, csrf=False)
        assert statut == 403 and "Accès refusé" in page
    # Still signed in: the forged logout did nothing.
    assert (await navigateur.get("/"))[0] == 200


async def test_l_equipe_peut_fermer_toutes_les_sessions_d_une_personne(console: Console) -> None:
    telephone = await console.entrer(console.alex)
    bureau = await console.entrer(console.alex)
    alex = await console.banc.membre(ALEX)
    assert alex is not None
    async with console.banc.app.sessions() as session:
        fermees = await connexions.terminer_toutes(
            session, alex, maintenant=console.banc.horloge.maintenant()
        )
    assert fermees == 2
    assert (await telephone.get("/"))[0] == 401
    assert (await bureau.get("/"))[0] == 401


async def test_les_droits_sont_relus_a_chaque_page(console: Console) -> None:
    navigateur = await console.entrer(console.alex)
    assert (await navigateur.get("/"))[0] == 200
    alex = await console.banc.membre(ALEX)
    assert alex is not None
    async with console.banc.app.sessions() as session:
        await membres.changer_role(
            session,
            alex,
            Role.MEMBRE,
            par=None,
            origine=membres.ORIGINE_CLI,
            equipe_ids=[SAM],
            maintenant=console.banc.horloge.maintenant(),
        )
    statut, page = await navigateur.get("/")
    assert statut == 403 and "réservée à l'équipe" in page


async def test_le_bouton_console_n_apparait_qu_avec_une_adresse_https(
    fabrique_banc: Callable[..., Awaitable[Banc]],
) -> None:
    banc = await fabrique_banc(
        equipe_telegram_ids=[SAM], console_url_publique="https://assemblee.example.org/console"
    )
    sam = banc.utilisateur(SAM, "Sam", "Équipe")
    (notice,) = await sam.envoyer("/start")
    await sam.cliquer(notice, "J'accepte")
    await banc.serveur.attendre(lambda: banc.serveur.bouton_menu(SAM)["type"] == "web_app")
    bouton = banc.serveur.bouton_menu(SAM)
    assert bouton["web_app"]["url"] == "https://assemblee.example.org/console/mini-app"
    assert bouton["text"] == "Console"
    camille = await banc.membre_actif(CAMILLE, "Camille", "Martin")
    assert camille is not None
    assert banc.serveur.bouton_menu(CAMILLE)["type"] == "commands"
    # The link /console sends is the public address, as a button.
    (reponse,) = await sam.envoyer("/console")
    assert "https://assemblee.example.org/console/entrer/" in (reponse.texte_visible or "")
