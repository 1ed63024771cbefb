"""The Journal page in Chromium: staff read who changed what and filter it; a hand-made
filter gets the form back; a facilitator is refused. Every page passes axe-core."""

from __future__ import annotations

from playwright.async_api import expect

from tests.navigateur.conftest import Fenetres, verifier_accessibilite
from tests.outils.console import CAMILLE


async def test_lire_et_filtrer_le_journal(fenetres: Fenetres) -> None:
    console = fenetres.console
    camille = await console.banc.membre(CAMILLE)
    assert camille is not None
    (fiche,) = await console.sam.envoyer(f"/role {camille.id}")
    await console.sam.cliquer(fiche, "animateur")

    page = await fenetres.entrer(console.sam)
    await page.get_by_role("link", name="Journal").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Journal")
    premiere = page.locator("tbody tr").first
    await expect(premiere).to_contain_text("Sam Équipe")
    await expect(premiere).to_contain_text("Rôle changé")
    await expect(premiere.get_by_role("link", name="Camille Martin")).to_have_attribute(
        "href", f"/console/membres/{camille.id}"
    )
    await verifier_accessibilite(page)

    await page.get_by_label("Fait depuis").select_option(label="Ligne de commande")
    await page.get_by_role("button", name="Filtrer", exact=True).click()
    await expect(page.locator("tbody tr").first).to_contain_text("Invitation créée")
    await expect(page.locator("tbody tr", has_text="Rôle changé")).to_have_count(0)
    await expect(page.get_by_role("button", name="Tout afficher")).to_have_attribute(
        "href", "/console/journal"
    )
    await verifier_accessibilite(page)

    reponse = await page.goto(fenetres.url("/journal?origine=pirate"))
    assert reponse is not None and reponse.status == 400
    await expect(page.get_by_label("Fait depuis")).to_have_attribute("aria-invalid", "true")
    await verifier_accessibilite(page)


async def test_un_animateur_ne_voit_pas_le_journal(fenetres: Fenetres) -> None:
    page = await fenetres.entrer(fenetres.console.alex)
    await expect(page.get_by_role("link", name="Journal")).to_have_count(0)
    reponse = await page.goto(fenetres.url("/journal"))
    assert reponse is not None and reponse.status == 403
    await expect(page.get_by_role("heading", level=1)).to_have_text("Accès refusé")
    await verifier_accessibilite(page)
