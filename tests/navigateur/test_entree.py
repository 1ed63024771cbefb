"""Getting into the console in Chromium: the one-time link and the Mini App reach the
dashboard, refusals show their page, logout closes the session; every page passes axe-core."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.async_api import expect
from sqlmodel import col, select

from assemblee import connexions
from assemblee.modeles import SessionConsole
from tests.navigateur.conftest import Fenetres, verifier_accessibilite
from tests.navigateur.demo import peupler_tableau
from tests.outils.console import CAMILLE, Console, lien_de_connexion

CAPTURE_TABLEAU = Path(__file__).resolve().parents[2] / "docs" / "console-tableau.png"


async def sessions_ouvertes(console: Console) -> list[tuple[int, str]]:
    """(member id, way in) of every console session not ended."""
    async with console.banc.app.sessions() as session:
        lignes = await session.exec(
            select(SessionConsole).where(col(SessionConsole.terminee_le).is_(None))
        )
        return [(s.membre_id, s.origine) for s in lignes.all()]


@pytest.mark.parametrize("par", ["lien", "mini-app"])
async def test_les_deux_entrees_menent_au_tableau_de_bord(fenetres: Fenetres, par: str) -> None:
    console = fenetres.console
    utilisateur = console.sam if par == "lien" else console.alex
    page = await fenetres.entrer(utilisateur, par="lien" if par == "lien" else "mini-app")
    await expect(page.get_by_role("heading", level=1)).to_have_text("Tableau de bord")
    nom = "Sam Équipe" if par == "lien" else "Alex Anim"
    await expect(page.get_by_text(f"Connecté·e : {nom}")).to_be_visible()
    await verifier_accessibilite(page)
    # The session is in the database, for this person.
    membre = await console.banc.membre(utilisateur.user_id)
    assert membre is not None
    assert await sessions_ouvertes(console) == [(membre.id, par)]


async def test_la_page_de_connexion_est_accessible(fenetres: Fenetres) -> None:
    page = await fenetres.ouvrir()
    reponse = await page.goto(fenetres.url("/"))
    assert reponse is not None and reponse.status == 401
    await expect(page.get_by_role("heading", level=1)).to_have_text("Console de l'équipe")
    await expect(page.get_by_text("écrivez /console au bot")).to_be_visible()
    await verifier_accessibilite(page)


async def test_un_lien_expire_montre_sa_page_d_erreur(fenetres: Fenetres) -> None:
    console = fenetres.console
    lien = await lien_de_connexion(console.sam)
    console.banc.horloge.avancer(timedelta(minutes=10, seconds=1))
    page = await fenetres.ouvrir()
    await page.goto(lien)
    await verifier_accessibilite(page)  # the link's page, with its button
    await page.get_by_role("button", name="Entrer").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Lien expiré")
    await verifier_accessibilite(page)
    assert page.url == fenetres.url("/entrer")
    await page.goto(fenetres.url("/"))
    await expect(page.get_by_role("heading", level=1)).to_have_text("Console de l'équipe")


async def test_un_membre_voit_la_page_de_refus(fenetres: Fenetres) -> None:
    console = fenetres.console
    membre = await console.banc.membre(CAMILLE)
    assert membre is not None
    async with console.banc.app.sessions() as session:
        jeton = await connexions.creer_lien(
            session, membre, maintenant=console.banc.horloge.maintenant()
        )
    page = await fenetres.ouvrir()
    await page.goto(fenetres.url(f"/entrer/{jeton}"))
    await page.get_by_role("button", name="Entrer").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Réservé à l'équipe")
    await verifier_accessibilite(page)
    # Through the Mini App: the launch page says it failed, and stays there.
    page = await fenetres.ouvrir()
    await page.goto(fenetres.url_mini_app(console.camille))
    await expect(page.get_by_role("status")).to_have_text(
        "La connexion a échoué. Fermez cette fenêtre et rouvrez la console depuis le bot, "
        "ou écrivez /console au bot."
    )
    await verifier_accessibilite(page)
    assert await sessions_ouvertes(console) == []


async def test_se_deconnecter_ferme_la_session(fenetres: Fenetres) -> None:
    console = fenetres.console
    page = await fenetres.entrer(console.sam)
    await page.get_by_role("button", name="Se déconnecter").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Vous êtes déconnecté·e")
    await verifier_accessibilite(page)
    reponse = await page.goto(fenetres.url("/"))
    assert reponse is not None and reponse.status == 401
    await expect(page.get_by_role("heading", level=1)).to_have_text("Console de l'équipe")
    assert await sessions_ouvertes(console) == []


async def test_le_tableau_de_bord_avec_des_donnees(fenetres: Fenetres) -> None:
    """The dashboard of an assembly at work; with CAPTURES=1, its picture for the README."""
    console = fenetres.console
    await peupler_tableau(console)
    page = await fenetres.entrer(console.sam)
    await expect(page.get_by_role("link", name="Des cours d'école plus vertes")).to_be_visible()
    await expect(
        page.get_by_text("Quel sujet traiter en priorité au prochain atelier ?")
    ).to_be_visible()
    await verifier_accessibilite(page)
    if os.environ.get("CAPTURES") == "1":
        CAPTURE_TABLEAU.parent.mkdir(exist_ok=True)
        await page.screenshot(path=CAPTURE_TABLEAU, full_page=True)
