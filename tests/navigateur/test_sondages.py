"""The Sondages page in Chromium, as staff and as a facilitator: the lists, an anonymous
poll still secret, a named poll's picture, closing now; every page passes axe-core."""

from __future__ import annotations

from playwright.async_api import expect

from tests.console.test_sondages import LEA, _lancer, _relire, _voter
from tests.navigateur.conftest import Fenetres, verifier_accessibilite
from tests.outils.console import CAMILLE


async def test_l_equipe_parcourt_les_sondages(fenetres: Fenetres) -> None:
    console = fenetres.console
    await console.banc.membre_actif(LEA, "Léa", "Durand", groupes=("espace-public",))
    anonyme = await _lancer(console, "environnement", question="Des fontaines ou des bancs ?")
    await _lancer(console, "espace-public", question="Quelle place piétonniser ?")
    await _voter(console, anonyme, CAMILLE, 1)
    page = await fenetres.entrer(console.sam)

    await page.get_by_role("link", name="Sondages").first.click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Sondages")
    await expect(page.get_by_role("link", name="Quelle place piétonniser ?")).to_be_visible()
    await verifier_accessibilite(page)

    await page.get_by_role("link", name="Des fontaines ou des bancs ?").click()
    await expect(page.get_by_text("1 sur 1 ont voté (100 %)")).to_be_visible()
    await expect(page.get_by_text("les résultats ne sont connus de personne")).to_be_visible()
    await expect(page.get_by_role("img")).to_have_count(0)
    await verifier_accessibilite(page)

    await page.get_by_role("link", name="Revenir aux sondages ouverts").click()
    await page.get_by_role("link", name="Clos (0)").click()
    await expect(page.get_by_text("Aucun sondage clos.")).to_be_visible()
    await verifier_accessibilite(page)


async def test_l_animateur_voit_l_image_et_clot_son_sondage(fenetres: Fenetres) -> None:
    console = fenetres.console
    sondage = await _lancer(console, "environnement", anonyme=False)
    await _voter(console, sondage, CAMILLE, 2)
    page = await fenetres.entrer(console.alex)

    await page.goto(fenetres.url("/sondages"))
    await page.get_by_role("link", name="Quel sujet en priorité ?").click()
    image = page.get_by_role("img", name="Graphique des résultats du sondage")
    await expect(image).to_be_visible()
    assert await image.evaluate("i => i.complete && i.naturalWidth") > 0
    await expect(page.get_by_text("1. Plus de bancs — 1 (100 %)")).to_be_visible()
    await verifier_accessibilite(page)

    await page.get_by_role("button", name="Clore le sondage et envoyer les résultats").click()
    await expect(page.get_by_text("Clos le")).to_be_visible()
    await expect(page.get_by_role("button", name="Clore le sondage")).to_have_count(0)
    await verifier_accessibilite(page)
    assert (await _relire(console, sondage)).clos_le is not None

    await page.get_by_role("link", name="Revenir aux sondages clos").click()
    await expect(page.get_by_role("link", name="Quel sujet en priorité ?")).to_be_visible()
    await verifier_accessibilite(page)
