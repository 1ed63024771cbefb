"""The Annonces page in Chromium: staff write an announcement, correct a bad tag, preview it,
send it to a group, and watch the report fill in by itself (htmx) until nothing is pending;
a facilitator is refused. Every page passes axe-core."""

from __future__ import annotations

from playwright.async_api import expect
from sqlmodel import select

from assemblee.modeles import Annonce
from tests.navigateur.conftest import Fenetres, verifier_accessibilite
from tests.outils.console import CAMILLE


async def test_ecrire_apercevoir_envoyer_et_suivre_une_annonce(fenetres: Fenetres) -> None:
    console = fenetres.console
    environnement = await console.banc.peupler(3)  # + Camille and Alex: 5 in the group
    page = await fenetres.entrer(console.sam)
    await page.get_by_role("link", name="Annonces").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Annonces")
    await expect(page.get_by_text("Aucune annonce pour l'instant.")).to_be_visible()
    await verifier_accessibilite(page)

    # A link styled as a button (role="button"): it goes to the form.
    await page.get_by_role("button", name="Écrire une annonce").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Écrire une annonce")
    texte = page.get_by_label("Texte de l'annonce")
    await texte.fill("<b>Plénière</b> jeudi\n<i>Apportez vos idées")
    await page.get_by_label("À qui l'envoyer").select_option(label="le groupe Environnement (5)")
    await page.get_by_role("button", name="Voir l'aperçu").click()
    # Refused with the line and what to do; what was written is still there.
    await expect(texte).to_have_attribute("aria-invalid", "true")
    await expect(page.get_by_text("la balise « <i> » n'est pas fermée")).to_be_visible()
    await expect(texte).to_have_value("<b>Plénière</b> jeudi\n<i>Apportez vos idées")
    await verifier_accessibilite(page)

    await texte.fill("<b>Plénière</b> jeudi\n<i>Apportez vos idées</i>")
    await page.get_by_role("button", name="Voir l'aperçu").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Aperçu de l'annonce")
    apercu = page.get_by_role("article", name="Le message")
    await expect(apercu).to_have_text("Plénière jeudi\nApportez vos idées")
    await expect(apercu.locator("b")).to_have_text("Plénière")
    await expect(
        page.get_by_text("Elle partira au groupe Environnement : 5 personnes.")
    ).to_be_visible()
    await verifier_accessibilite(page)

    # Telegram answers slowly: the report page opens while the messages are on their way.
    console.banc.serveur.latence(8, "sendMessage")
    await page.get_by_role("button", name="Envoyer", exact=True).click()
    await expect(page.get_by_role("heading", level=1)).to_contain_text("Annonce du")
    await expect(page.get_by_role("status")).to_have_text(
        "Envoi en cours : ce bilan se met à jour tout seul."
    )
    await expect(page.locator('[data-bilan="attente"]')).not_to_have_text("0")
    console.banc.serveur.latence(0, "sendMessage")
    # The report refreshes itself (htmx, every 2 s), without reloading the page, until every
    # message is delivered; then it stops asking.
    fragments: list[str] = []
    page.on("request", lambda r: fragments.append(r.url) if r.url.endswith("/bilan") else None)
    await expect(page.get_by_role("status")).to_have_text(
        "Envoi terminé : 5 sur 5 reçues.", timeout=30_000
    )
    await expect(page.locator('[data-bilan="recues"]')).to_have_text("5")
    await expect(page.locator("#bilan")).not_to_have_attribute("hx-trigger", "every 2s")
    assert fragments, "the report was not refreshed by htmx"
    await verifier_accessibilite(page)
    for m in environnement:
        assert m.telegram_id is not None
        (recu,) = console.banc.serveur.messages_du_bot(m.telegram_id)
        assert recu.texte == "<b>Plénière</b> jeudi\n<i>Apportez vos idées</i>"
    assert any("Plénière" in (m.texte or "") for m in console.banc.serveur.messages_du_bot(CAMILLE))

    await page.get_by_role("link", name="Toutes les annonces").click()
    await expect(page.get_by_role("link", name="Plénière jeudi Apportez vos idées")).to_be_visible()
    await expect(page.get_by_role("cell", name="5 sur 5")).to_be_visible()
    await verifier_accessibilite(page)
    async with console.banc.app.sessions() as session:
        assert len((await session.exec(select(Annonce))).all()) == 1


async def test_un_animateur_ne_voit_pas_les_annonces(fenetres: Fenetres) -> None:
    console = fenetres.console
    page = await fenetres.entrer(console.alex)
    await expect(page.get_by_role("link", name="Annonces")).to_have_count(0)
    reponse = await page.goto(fenetres.url("/annonces/nouvelle"))
    assert reponse is not None and reponse.status == 403
    await expect(page.get_by_role("heading", level=1)).to_have_text("Accès refusé")
    await verifier_accessibilite(page)
