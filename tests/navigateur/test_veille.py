"""The Veille page in Chromium: a facilitator sorts and notes, staff file an article in no
group, look after the feeds and send a digest now; every page passes axe-core."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from playwright.async_api import expect
from sqlmodel import select

from assemblee.modeles import Source
from tests.console.test_veille import _articles, _envois_revue
from tests.navigateur.conftest import Fenetres, verifier_accessibilite
from tests.veille.serveur import TYPE_HTML, ServeurFlux


@pytest.fixture
async def serveur() -> AsyncIterator[ServeurFlux]:
    async with ServeurFlux() as serveur:
        yield serveur


async def test_l_animateur_trie_et_annote(fenetres: Fenetres) -> None:
    console = fenetres.console
    await _articles(console.banc, "environnement", "Canicule : les îlots de fraîcheur", "Compost")
    page = await fenetres.entrer(console.alex)

    await page.get_by_role("link", name="Veille").first.click()
    await expect(page.get_by_role("heading", name="À trier (2)")).to_be_visible()
    await expect(page.get_by_role("link", name="Flux suivis")).to_have_count(0)
    await verifier_accessibilite(page)

    premier = page.locator("article", has_text="Canicule")
    await premier.get_by_role("button", name="Garder").click()
    await expect(page.get_by_role("status")).to_contain_text(
        "« Canicule : les îlots de fraîcheur » : gardé pour la revue de presse."
    )
    await expect(page.get_by_role("heading", name="À trier (1)")).to_be_visible()
    await verifier_accessibilite(page)

    # A note of spaces only: the form comes back open, with its message.
    compost = page.locator("article", has_text="Compost")
    await compost.get_by_text("Ajouter une note").click()
    champ = compost.get_by_label("Note pour la revue de presse")
    await champ.fill("   ")
    await compost.get_by_role("button", name="Enregistrer la note").click()
    champ = page.locator("article", has_text="Compost").get_by_label("Note pour la revue")
    await expect(champ).to_have_attribute("aria-invalid", "true")
    await expect(page.get_by_text("Écrivez la note en une ligne.")).to_be_visible()
    await verifier_accessibilite(page)
    await champ.fill("Un jardin partagé près de la mairie")
    await (
        page.locator("article", has_text="Compost")
        .get_by_role("button", name="Enregistrer la note")
        .click()
    )
    await expect(page.get_by_role("status")).to_contain_text("« Compost » : gardé")

    console.banc.horloge.avancer(timedelta(minutes=5))
    await page.get_by_role("link", name="Revue de presse").click()
    await expect(page.get_by_text("2 articles pour 2 membres.")).to_be_visible()
    await expect(page.get_by_role("button", name="Envoyer maintenant")).to_have_count(0)
    await verifier_accessibilite(page)


async def test_l_equipe_range_gere_les_flux_et_envoie_la_revue(
    fenetres: Fenetres, serveur: ServeurFlux
) -> None:
    console = fenetres.console
    banc = console.banc
    await _articles(banc, None, "Le marché Popincourt ouvre le dimanche")
    async with banc.app.sessions() as session:
        source = (await session.exec(select(Source))).one()
        source.echecs, source.derniere_erreur = 2, "le site ne répond pas (délai dépassé)"
        session.add(source)
        await session.commit()
    page = await fenetres.entrer(console.sam)

    await page.goto(fenetres.url("/veille"))
    await page.get_by_role("link", name="1 article n'est dans aucun groupe").click()
    await expect(page.get_by_role("heading", name="Dans aucun groupe (1)")).to_be_visible()
    await verifier_accessibilite(page)
    await page.get_by_label("Ranger dans le groupe").select_option(label="Environnement")
    await page.get_by_role("button", name="Ranger").click()
    await expect(page.get_by_text("Tout est rangé")).to_be_visible()

    await page.get_by_role("link", name="Flux suivis").click()
    await expect(page.get_by_text("Actif, en difficulté")).to_be_visible()
    await expect(page.get_by_text("le site ne répond pas (délai dépassé)")).to_be_visible()
    await verifier_accessibilite(page)
    pas_un_flux = serveur.contenu(
        "/page", "<html><title>Page</title></html>", type_contenu=TYPE_HTML
    )
    await page.get_by_label("Adresse du flux RSS ou Atom").fill(pas_un_flux)
    await page.get_by_role("button", name="Vérifier et ajouter").click()
    champ = page.get_by_label("Adresse du flux RSS ou Atom")
    await expect(champ).to_have_attribute("aria-invalid", "true")
    await expect(champ).to_have_value(pas_un_flux)
    await expect(page.get_by_text("Cette adresse n'est pas un flux RSS ou Atom")).to_be_visible()
    await verifier_accessibilite(page)
    await champ.fill(serveur.fichier("/rss.xml", "rss.xml"))
    await page.get_by_role("button", name="Vérifier et ajouter").click()
    await expect(page.get_by_role("status")).to_have_text(
        "Flux ajouté : ses articles arriveront au prochain relevé."
    )
    await expect(page.get_by_text("Flux suivis : 2 actifs sur 2")).to_be_visible()

    # Keep the filed article, then send its group's digest now.
    await page.goto(fenetres.url("/veille"))
    await (
        page.locator("article", has_text="Popincourt")
        .get_by_role("button", name="À la une")
        .click()
    )
    banc.horloge.avancer(timedelta(minutes=5))
    await page.get_by_role("link", name="Revue de presse").click()
    await expect(page.get_by_text("Le marché Popincourt ouvre le dimanche")).to_be_visible()
    await verifier_accessibilite(page)
    await page.get_by_role("button", name="Envoyer maintenant la revue de Environnement").click()
    await expect(page.get_by_role("status")).to_contain_text(
        "C'est parti : la revue de presse part vers 2 membres."
    )
    await verifier_accessibilite(page)
    assert len(await _envois_revue(banc)) == 2
