"""The Tirage au sort page in Chromium: staff follow the campaign from the menu, the values
missing volunteers stand out, and after the draw the report and the seats table are there;
every page passes axe-core."""

from __future__ import annotations

from playwright.async_api import expect

from assemblee.horloge import HorlogeFigee
from tests.console.test_tirage import _campagne, _fiche, _tirage
from tests.navigateur.conftest import Fenetres, verifier_accessibilite


async def test_avant_le_tirage_ce_qui_manque_se_voit(fenetres: Fenetres) -> None:
    console = fenetres.console
    await _campagne(console, [_fiche(1, "femme")])
    page = await fenetres.entrer(console.sam)

    await page.get_by_role("link", name="Tirage au sort").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Tirage au sort")
    genre = page.get_by_role("table", name="Genre")
    homme = genre.get_by_role("row", name="Homme")
    await expect(homme.locator("mark")).to_have_text("0 · il en manque 1")
    await expect(page.get_by_role("table", name="Sièges proposés")).to_have_count(0)
    await verifier_accessibilite(page)


async def test_apres_le_tirage_le_rapport_et_les_sieges(
    fenetres: Fenetres, horloge: HorlogeFigee
) -> None:
    console = fenetres.console
    await _tirage(console, horloge)
    page = await fenetres.entrer(console.sam)

    await page.get_by_role("link", name="Tirage au sort").click()
    await expect(page.get_by_role("heading", name="Rapport du tirage")).to_be_visible()
    await expect(page.get_by_text("50 %")).to_be_visible()
    sieges = page.get_by_role("table", name="Sièges proposés")
    await expect(sieges.locator("tbody tr")).to_have_count(5)
    await expect(sieges.locator("tbody tr").first).to_contain_text("accepté")
    await expect(sieges.get_by_role("link", name="membre n°")).to_have_count(1)
    await expect(page.get_by_role("link", name="Télécharger la chance")).to_have_attribute(
        "href", "/console/tirage/probabilites.csv"
    )
    await verifier_accessibilite(page)
    # On a phone (the Mini App), the wide tables scroll sideways: still reachable by keyboard.
    await page.set_viewport_size({"width": 390, "height": 800})
    await verifier_accessibilite(page)


async def test_un_animateur_ne_voit_pas_le_tirage(fenetres: Fenetres) -> None:
    page = await fenetres.entrer(fenetres.console.alex)
    await expect(page.get_by_role("link", name="Tirage au sort")).to_have_count(0)
    reponse = await page.goto(fenetres.url("/tirage"))
    assert reponse is not None and reponse.status == 403
    await expect(page.get_by_role("heading", level=1)).to_have_text("Accès refusé")
