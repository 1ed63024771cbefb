"""The Membres pages in Chromium, as staff and as a facilitator: the list and its filters, a
person's record and its forms, the CSV import (a bad line, then the good file), the new links,
the letters to print and the mail merge file; every page passes axe-core."""

from __future__ import annotations

import re

from playwright.async_api import expect
from sqlmodel import col, select

from assemblee.modeles import Membre, Role
from tests.navigateur.conftest import Fenetres, verifier_accessibilite
from tests.outils.console import CAMILLE

FICHIER = "Fichier CSV (2 Mo au plus)"


def _csv(nom: str, contenu: bytes) -> dict[str, object]:
    return {"name": nom, "mimeType": "text/csv", "buffer": contenu}


async def test_l_equipe_parcourt_la_liste_et_change_les_droits_d_une_personne(
    fenetres: Fenetres,
) -> None:
    console = fenetres.console
    await console.banc.membre_actif(3001, "Dominique", "Ailleurs", groupes=("espace-public",))
    page = await fenetres.entrer(console.sam)
    await page.get_by_role("link", name="Membres", exact=True).click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Membres")
    await expect(page.get_by_text("4 personnes.")).to_be_visible()
    await verifier_accessibilite(page)

    await page.get_by_label("Nom ou prénom").fill("dominique")
    await page.get_by_role("button", name="Afficher").click()
    await expect(page.get_by_text("Une personne.")).to_be_visible()
    await page.get_by_role("link", name="Tout afficher").click()
    await page.get_by_label("État").select_option("actif")
    await page.get_by_label("Rôle", exact=True).select_option("animateur")
    await page.get_by_role("button", name="Afficher").click()
    await expect(page.get_by_role("link", name="Anim Alex")).to_be_visible()
    await verifier_accessibilite(page)

    await page.goto(fenetres.url("/membres"))
    await page.get_by_role("link", name="Martin Camille").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Camille Martin")
    await verifier_accessibilite(page)
    # Two groups for a member: refused, the message beside the boxes.
    await page.get_by_role("checkbox", name="Espace public").check()
    await page.get_by_role("button", name="Changer les groupes").click()
    await expect(page.get_by_text("Un membre appartient à un seul groupe : cochez")).to_be_visible()
    await expect(page.get_by_role("checkbox", name="Espace public")).to_have_attribute(
        "aria-invalid", "true"
    )
    await verifier_accessibilite(page)
    # Facilitator first, then the two groups.
    await page.get_by_role("radio", name="animateur ou animatrice").check()
    await page.get_by_role("button", name="Changer le rôle").click()
    await expect(page.get_by_role("status")).to_have_text(
        "Le rôle est changé. C'est écrit dans le journal."
    )
    await page.get_by_role("checkbox", name="Espace public").check()
    await page.get_by_role("button", name="Changer les groupes").click()
    await expect(page.get_by_role("status")).to_contain_text("Les groupes sont changés")
    await verifier_accessibilite(page)
    camille = await console.banc.membre(CAMILLE)
    assert camille is not None and camille.role == Role.ANIMATEUR


async def test_un_animateur_lit_les_gens_de_son_groupe(fenetres: Fenetres) -> None:
    console = fenetres.console
    page = await fenetres.entrer(console.alex)
    await page.get_by_role("link", name="Membres", exact=True).click()
    await expect(page.get_by_text("Vous voyez les personnes de vos groupes.")).to_be_visible()
    await expect(page.get_by_text("2 personnes.")).to_be_visible()
    await verifier_accessibilite(page)
    await page.get_by_role("link", name="Martin Camille").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Camille Martin")
    await expect(page.get_by_role("button", name="Changer le rôle")).to_have_count(0)
    await verifier_accessibilite(page)


async def test_l_import_puis_les_lettres_et_le_fichier_du_publipostage(
    fenetres: Fenetres,
) -> None:
    console = fenetres.console
    page = await fenetres.entrer(console.sam)
    await page.goto(fenetres.url("/membres"))
    await page.get_by_role("link", name="Importer la liste du tirage (CSV)").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Importer la liste du tirage")
    await verifier_accessibilite(page)

    faux = "nom;prénom;groupe\nDurand;Léa;environnement\nPetit;Noa;culture\n".encode()
    await page.get_by_label(FICHIER).set_input_files(files=[_csv("tirage.csv", faux)])  # type: ignore[list-item]
    await page.get_by_role("button", name="Vérifier le fichier").click()
    await expect(page.get_by_text("Ligne 3 : groupe « culture » inconnu")).to_be_visible()
    await expect(page.get_by_role("button", name=re.compile("^Importer"))).to_have_count(0)
    await verifier_accessibilite(page)

    bon = faux.replace(b"culture", b"environnement")
    await page.get_by_label(FICHIER).set_input_files(files=[_csv("tirage.csv", bon)])  # type: ignore[list-item]
    await page.get_by_role("button", name="Vérifier le fichier").click()
    await expect(page.get_by_text("2 lignes justes, aucune à corriger.")).to_be_visible()
    await verifier_accessibilite(page)
    await page.get_by_role("button", name="Importer ces 2 personnes et créer leurs liens").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Nouveaux liens d'invitation")
    await verifier_accessibilite(page)
    liens = await page.locator("code.lien-invitation").all_inner_texts()
    assert len(liens) == 2 and all(lien.startswith("https://t.me/") for lien in liens)
    async with console.banc.app.sessions() as session:
        noms = (
            await session.exec(select(Membre.nom).where(col(Membre.nom).in_(["Durand", "Petit"])))
        ).all()
    assert sorted(noms) == ["Durand", "Petit"]

    # The letters open beside the links; the same links, one letter each.
    async with page.context.expect_page() as ouverte:
        await page.get_by_role("button", name="Lettres à imprimer").click()
    lettres = await ouverte.value
    await expect(lettres.get_by_role("heading", level=1)).to_have_text("Lettres d'invitation")
    await expect(lettres.locator("article.lettre")).to_have_count(2)
    assert sorted(await lettres.locator(".lien-lettre").all_inner_texts()) == sorted(liens)
    await verifier_accessibilite(lettres)

    async with page.expect_download() as telechargement:
        await page.get_by_role("button", name="Fichier pour un publipostage (CSV)").click()
    fichier = await telechargement.value
    assert fichier.suggested_filename == "invitations.csv"
    contenu = (await fichier.path()).read_bytes()
    assert contenu.startswith(b"\xef\xbb\xbf") and all(lien.encode() in contenu for lien in liens)

    # The invitations page: the two imported people have not opened their link yet.
    await page.goto(fenetres.url("/membres/invitations"))
    await expect(page.get_by_text("2 personnes n'ont pas encore ouvert leur lien.")).to_be_visible()
    await verifier_accessibilite(page)
