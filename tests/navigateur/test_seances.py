"""The Séances pages in Chromium, as staff and as a facilitator: the list and the month's
grid, creating (a refused field first), changing and cancelling a séance (members told in the
bot), who is convened ticked in boxes and seen in the bot, the answers and the nudge, the roll
call tapped on a tablet while members answer in Telegram, and the compensation file
downloaded (the command line's, byte for byte); every page passes axe-core."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, timedelta
from pathlib import Path

import pytest
from playwright.async_api import Locator, Page, ViewportSize, expect
from sqlmodel import select

from assemblee.modeles import ChoixReponse, Presence, Reponse, TypeSeance
from bot import cli
from telegram_local import ReponseBouton, Utilisateur
from tests.console.test_seances import (
    DEBUT,
    PARIS,
    _battre,
    _camille_presente,
    _en_base,
    _file_vide,
    _id_groupe,
    _message,
    _seance,
    _toutes,
    _vingt_rappeles,
)
from tests.navigateur.conftest import DELAI_MS, Fenetres, verifier_accessibilite
from tests.outils.console import SAM, lien_de_connexion

TABLETTE = ViewportSize(width=1024, height=768)
ENV = "Environnement"
TOUS = "toute l'assemblée"


def _menu(page: Page) -> Locator:
    """The console's main menu (the page's own links are elsewhere)."""
    return page.get_by_role("navigation", name="Menu de la console")


def _jour(page: Page, numero: int) -> Locator:
    """The month grid's cell of that day."""
    return page.locator(
        "table.calendrier td",
        has=page.locator("span.numero-jour", has_text=re.compile(rf"^{numero}$")),
    )


async def _lignes(page: Page) -> list[list[str]]:
    """The body rows of the page's table, cell by cell."""
    lignes: list[list[str]] = await page.locator("table tbody tr").evaluate_all(
        "rs => rs.map(r => [...r.cells].map(c => c.textContent.trim()))"
    )
    return lignes


async def _cocher(page: Page, nom: str, *, coche: bool) -> None:
    """Tick or untick a person's box, with a click on the box itself."""
    case = page.get_by_role("checkbox", name=nom)
    await case.set_checked(coche)
    await expect(case).to_be_checked(checked=coche)


async def _tablette(fenetres: Fenetres, utilisateur: Utilisateur) -> Page:
    """A touch tablet (1024×768) signed in through /console and the link, as
    `Fenetres.entrer_par_lien` does with a desktop window."""
    contexte = await fenetres.navigateur.new_context(
        bypass_csp=True, locale="fr-FR", viewport=TABLETTE, has_touch=True
    )
    contexte.set_default_timeout(DELAI_MS)
    fenetres.contextes.append(contexte)
    page = await contexte.new_page()
    await page.goto(await lien_de_connexion(utilisateur))
    await page.get_by_role("button", name="Entrer").tap()
    await page.wait_for_url(f"{fenetres.base}/")
    return page


# --- 1. The list and the month ------------------------------------------------------------


async def test_la_liste_et_le_mois_pour_l_equipe_et_pour_l_animateur(fenetres: Fenetres) -> None:
    console = fenetres.console
    banc = console.banc
    await _seance(banc, titre="Atelier environnement")
    await _seance(banc, "espace-public", debut=DEBUT + timedelta(days=5), titre="Atelier rues")
    await _seance(
        banc,
        None,
        debut=DEBUT + timedelta(days=7),
        titre="Plénière de décembre",
        type_=TypeSeance.PLENIERE,
    )
    await _seance(banc, debut=DEBUT + timedelta(days=40), titre="Atelier de janvier")
    annulee = await _seance(banc, debut=DEBUT + timedelta(days=1), titre="Visite des jardins")
    sam = await fenetres.entrer(console.sam)
    await sam.goto(fenetres.url(f"/seances/{annulee.id}/annuler"))
    await sam.get_by_role("button", name="Oui, annuler la séance").click()
    await expect(sam.get_by_role("status")).to_contain_text("La séance est annulée")

    # Staff: every séance, soonest first, the cancelled one said so.
    await _menu(sam).get_by_role("link", name="Séances").click()
    await expect(sam.get_by_role("heading", level=1)).to_have_text("Séances")
    await expect(sam.locator("caption")).to_have_text(
        "Séances à venir, de la plus proche à la plus lointaine : 5 en tout (page 1 sur 1)"
    )
    quand = "à 18 h 30 – 20 h 30"
    assert [ligne[:4] for ligne in await _lignes(sam)] == [
        ["Atelier environnement Atelier", f"jeudi 10 décembre {quand}", ENV, "à venir"],
        ["Visite des jardins Atelier", f"vendredi 11 décembre {quand}", ENV, "annulée"],
        ["Atelier rues Atelier", f"mardi 15 décembre {quand}", "Espace public", "à venir"],
        ["Plénière de décembre Plénière", f"jeudi 17 décembre {quand}", TOUS, "à venir"],
        ["Atelier de janvier Atelier", f"mardi 19 janvier {quand}", ENV, "à venir"],
    ]
    await verifier_accessibilite(sam)

    # The month: today's (November, empty), then December and January, and back.
    await sam.get_by_role("link", name="Calendrier du mois").click()
    await expect(sam.get_by_role("heading", level=1)).to_have_text("Séances de novembre 2026")
    await expect(sam.locator("caption")).to_have_text("novembre 2026 : aucune séance")
    await verifier_accessibilite(sam)
    await sam.get_by_role("link", name="Mois suivant : décembre 2026").click()
    await expect(sam.get_by_role("heading", level=1)).to_have_text("Séances de décembre 2026")
    await expect(sam.locator("caption")).to_have_text("décembre 2026 : 4 séances")
    await expect(sam.get_by_role("columnheader").first).to_have_text("Lundi")
    await expect(_jour(sam, 10).get_by_role("link")).to_have_text("18 h 30 Atelier environnement")
    await expect(_jour(sam, 11)).to_contain_text("Visite des jardins annulée")
    await expect(_jour(sam, 11).locator("s")).to_have_text("18 h 30 Visite des jardins")
    await expect(_jour(sam, 17)).to_contain_text("Plénière de décembre")
    await expect(sam.get_by_text("Atelier de janvier")).to_have_count(0)
    await verifier_accessibilite(sam)
    await sam.get_by_role("link", name="Mois suivant : janvier 2027").click()
    await expect(_jour(sam, 19)).to_contain_text("18 h 30 Atelier de janvier")
    await expect(sam.locator("caption")).to_have_text("janvier 2027 : 1 séance")
    await sam.get_by_role("link", name="Mois précédent : décembre 2026").click()
    await _jour(sam, 15).get_by_role("link", name="Atelier rues").click()
    await expect(sam.get_by_role("heading", level=1)).to_have_text("Atelier rues")
    await verifier_accessibilite(sam)

    # The facilitator: their group's séances only, in the list and in the month.
    alex = await fenetres.entrer(console.alex)
    await _menu(alex).get_by_role("link", name="Séances").click()
    await expect(alex.get_by_text("Vous voyez les séances de vos groupes")).to_be_visible()
    assert [ligne[0] for ligne in await _lignes(alex)] == [
        "Atelier environnement Atelier",
        "Visite des jardins Atelier",
        "Atelier de janvier Atelier",
    ]
    await expect(alex.get_by_role("link", name="Indemnisation")).to_have_count(0)
    await verifier_accessibilite(alex)
    await alex.get_by_role("link", name="Calendrier du mois").click()
    await alex.get_by_role("link", name="Mois suivant : décembre 2026").click()
    await expect(alex.locator("caption")).to_have_text("décembre 2026 : 2 séances")
    await expect(_jour(alex, 10)).to_contain_text("Atelier environnement")
    for ailleurs in ("Atelier rues", "Plénière de décembre"):
        await expect(alex.get_by_text(ailleurs)).to_have_count(0)
    await verifier_accessibilite(alex)


# --- 2 and 7. Creating, changing, cancelling -------------------------------------------------


async def test_creer_modifier_puis_annuler_les_convoques_le_lisent_dans_le_bot(
    fenetres: Fenetres,
) -> None:
    console = fenetres.console
    banc = console.banc
    sam = await fenetres.entrer(console.sam)
    await _menu(sam).get_by_role("link", name="Séances").click()
    await expect(sam.get_by_text("Aucune séance à venir.")).to_be_visible()
    await sam.get_by_role("button", name="Nouvelle séance").click()
    await expect(sam.get_by_role("heading", level=1)).to_have_text("Nouvelle séance")
    await verifier_accessibilite(sam)

    # A date already gone: the form comes back, the message under the field, nothing made.
    await sam.get_by_label("Type").select_option(label="Atelier")
    await sam.get_by_label("Groupe").select_option(label="Environnement")
    await sam.get_by_label("Titre").fill("Visite de la ferme urbaine")
    await sam.get_by_label("Début (date et heure)").fill("2026-11-01T18:30")
    await sam.get_by_label("Fin (heure)").fill("20:00")
    await sam.get_by_label("Lieu (adresse)").fill("Ferme du Rail, 75019 Paris")
    await sam.get_by_role("button", name="Créer la séance").click()
    debut = sam.get_by_label("Début (date et heure)")
    await expect(debut).to_have_attribute("aria-invalid", "true")
    await expect(debut).to_have_attribute("aria-describedby", "debut-erreur")
    await expect(sam.locator("#debut-erreur")).to_have_text(
        "Cette date est déjà passée : choisissez une date à venir."
    )
    await expect(sam.get_by_label("Titre")).to_have_value("Visite de la ferme urbaine")
    await expect(sam.get_by_label("Groupe")).to_have_value(
        str(await _id_groupe(banc, "environnement"))
    )
    await expect(sam.get_by_label("Titre")).not_to_have_attribute("aria-invalid", "true")
    await verifier_accessibilite(sam)
    assert await _toutes(banc) == []

    # In 100 minutes: the group's members hear of it at once.
    dans_100 = (banc.horloge.maintenant() + timedelta(minutes=100)).astimezone(PARIS)
    await debut.fill(f"{dans_100:%Y-%m-%dT%H:%M}")
    await sam.get_by_label("Fin (heure)").fill(f"{dans_100 + timedelta(hours=1):%H:%M}")
    await sam.get_by_role("button", name="Créer la séance").click()
    await expect(sam.get_by_role("status")).to_have_text(
        "C'est fait : la séance est au calendrier, les rappels partiront aux bons moments."
    )
    await expect(sam.get_by_role("heading", level=1)).to_have_text("Visite de la ferme urbaine")
    await verifier_accessibilite(sam)
    (seance,) = await _toutes(banc)
    assert seance.type == TypeSeance.ATELIER and seance.lieu == "Ferme du Rail, 75019 Paris"
    assert seance.debut == dans_100.astimezone(UTC)
    assert seance.fin - seance.debut == timedelta(hours=1)
    convocation = await _message(banc, console.camille, "Visite de la ferme urbaine")
    assert (convocation.texte_visible or "").startswith("⏰ Dans 2 heures :")
    assert convocation.boutons

    # The facilitator moves it to the next day: Camille is told what changed.
    alex = await fenetres.entrer(console.alex)
    await _menu(alex).get_by_role("link", name="Séances").click()
    await alex.get_by_role("link", name="Visite de la ferme urbaine").click()
    await alex.get_by_role("link", name="Modifier").click()
    await expect(alex.get_by_role("heading", level=1)).to_have_text("Modifier la séance")
    await expect(alex.get_by_label("Début (date et heure)")).to_have_value(
        f"{dans_100:%Y-%m-%dT%H:%M}"
    )
    await verifier_accessibilite(alex)
    lendemain = dans_100 + timedelta(days=1)
    await alex.get_by_label("Début (date et heure)").fill(f"{lendemain:%Y-%m-%dT%H:%M}")
    await alex.get_by_role("button", name="Enregistrer les changements").click()
    await expect(alex.get_by_role("status")).to_have_text(
        "C'est modifié. Les membres convoqués sont prévenus tout de suite, "
        "et les rappels suivront le nouvel horaire."
    )
    await verifier_accessibilite(alex)
    notice = await _message(banc, console.camille, "Changement d'horaire")
    assert (
        "Horaire : mercredi 25 novembre à 11 h 40 – 12 h 40 → jeudi 26 novembre à 11 h 40 – 12 h 40"
        in (notice.texte_visible or "")
    )
    assert notice.boutons
    assert (await _en_base(banc, seance.id)).debut == lendemain.astimezone(UTC)

    # Staff cancel it: confirmed first, then Camille is told, and nothing is left to change.
    await sam.reload()
    await sam.get_by_role("link", name="Annuler la séance").click()
    await expect(sam.get_by_role("heading", level=1)).to_have_text("Annuler cette séance ?")
    await verifier_accessibilite(sam)
    await sam.get_by_role("button", name="Oui, annuler la séance").click()
    await expect(sam.get_by_role("status")).to_have_text(
        "La séance est annulée ; les membres convoqués sont prévenus."
    )
    await expect(sam.get_by_role("link", name="Modifier")).to_have_count(0)
    await expect(sam.get_by_role("link", name="Annuler la séance")).to_have_count(0)
    await verifier_accessibilite(sam)
    annulation = await _message(banc, console.camille, "Séance annulée")
    assert (annulation.texte_visible or "").startswith(
        "❌ Séance annulée : Visite de la ferme urbaine"
    )
    assert (await _en_base(banc, seance.id)).annulee_le is not None


# --- 3. Who is convened -------------------------------------------------------------------


async def test_la_convocation_cochee_se_voit_dans_le_bot(fenetres: Fenetres) -> None:
    console = fenetres.console
    banc = console.banc
    leo = await banc.membre_actif(3001, "Léo", "Bernard", groupes=["espace-public"])
    mia = await banc.membre_actif(3002, "Mia", "Martin")
    seance = await _seance(banc)

    sam = await fenetres.entrer(console.sam)
    await sam.goto(fenetres.url(f"/seances/{seance.id}"))
    await sam.get_by_role("link", name="Qui est convoqué").click()
    await expect(sam.get_by_text("2 personnes convoquées.")).to_be_visible()
    camille = sam.get_by_role("checkbox", name="Camille Martin")
    await expect(camille).to_be_checked()
    await expect(sam.get_by_role("checkbox", name="Mia Martin")).to_be_checked()
    await verifier_accessibilite(sam)

    # Camille unticked, Léo (another group) added.
    await _cocher(sam, "Camille Martin", coche=False)
    await sam.get_by_label("Convoquer aussi quelqu'un d'autre").select_option(
        label="Léo Bernard (membre)"
    )
    await sam.get_by_role("button", name="Enregistrer").click()
    await expect(sam.get_by_role("status")).to_contain_text("C'est enregistré.")
    await expect(sam.get_by_text("2 personnes convoquées.")).to_be_visible()
    await expect(sam.get_by_role("checkbox", name="Camille Martin")).not_to_be_checked()
    await expect(sam.get_by_role("checkbox", name="Léo Bernard")).to_be_checked()
    await verifier_accessibilite(sam)
    (agenda,) = await console.camille.envoyer("/agenda")
    assert (agenda.texte_visible or "").startswith("Aucune séance prévue pour vous")
    liste, _ = await leo.envoyer("/agenda", attendre=2)
    assert "Audition sur les cours oasis" in (liste.texte_visible or "")

    # Camille ticked again, Mia unticked.
    await _cocher(sam, "Camille Martin", coche=True)
    await _cocher(sam, "Mia Martin", coche=False)
    await sam.get_by_role("button", name="Enregistrer").click()
    await expect(sam.get_by_role("status")).to_contain_text("C'est enregistré.")
    await expect(sam.get_by_role("checkbox", name="Camille Martin")).to_be_checked()
    await expect(sam.get_by_role("checkbox", name="Mia Martin")).not_to_be_checked()
    (agenda,) = await mia.envoyer("/agenda")
    assert (agenda.texte_visible or "").startswith("Aucune séance prévue pour vous")

    # A week before, the reminder goes to those ticked, not to Mia.
    await _battre(banc, DEBUT - timedelta(days=7))
    await _message(banc, console.camille, "Rappel : dans 7 jours.")
    await _message(banc, leo, "Rappel : dans 7 jours.")
    await banc.attendre_que(_file_vide)
    assert all("Rappel" not in (m.texte_visible or "") for m in mia.messages_du_bot())

    # The facilitator reads who is convened, without boxes to change it.
    alex = await fenetres.entrer(console.alex)
    await alex.goto(fenetres.url(f"/seances/{seance.id}"))
    await alex.get_by_role("link", name="Qui est convoqué").click()
    await expect(alex.get_by_text("Seule l'équipe peut ajouter ou retirer")).to_be_visible()
    await expect(alex.get_by_role("checkbox")).to_have_count(0)
    await expect(alex.get_by_role("button", name="Enregistrer")).to_have_count(0)
    assert sorted(await _lignes(alex)) == [
        ["Camille Martin", "oui"],
        ["Léo Bernard", "oui"],
        ["Mia Martin", "non (retiré·e par l'équipe)"],
    ]
    await verifier_accessibilite(alex)


# --- 4. The answers and the nudge -----------------------------------------------------------


async def test_le_tableau_des_reponses_et_la_relance(fenetres: Fenetres) -> None:
    console = fenetres.console
    banc = console.banc
    mia = await banc.membre_actif(3002, "Mia", "Martin")
    leo = await banc.membre_actif(3003, "Léo", "Bernard")
    noe = await banc.membre_actif(3004, "Noé", "Petit")
    seance = await _seance(banc)
    await _battre(banc, DEBUT - timedelta(days=7))
    await console.camille.cliquer(await _message(banc, console.camille, "Rappel"), "Je serai là")
    await mia.cliquer(await _message(banc, mia, "Rappel"), "Je ne pourrai pas")
    await mia.cliquer(await _message(banc, mia, "dites-nous pourquoi"), "Travail")
    await noe.cliquer(await _message(banc, noe, "Rappel"), "Peut-être")
    await _message(banc, leo, "Rappel")

    alex = await fenetres.entrer(console.alex)
    await _menu(alex).get_by_role("link", name="Séances").click()
    await alex.get_by_role("link", name="Audition sur les cours oasis").click()
    comptes = alex.locator("ul.comptes li")
    await expect(comptes).to_have_text(["Oui : 1", "Peut-être : 1", "Non : 1", "Sans réponse : 1"])
    assert await _lignes(alex) == [
        ["Camille Martin", "✅ oui", ""],
        ["Noé Petit", "🤔 peut-être", ""],
        ["Mia Martin", "❌ non", "Travail"],
        ["Léo Bernard", "⏳ pas de réponse", ""],
    ]
    await verifier_accessibilite(alex)
    await alex.get_by_role("button", name="Relancer la personne sans réponse").click()
    await expect(alex.get_by_role("status")).to_have_text("Relance envoyée à 1 personne.")
    await verifier_accessibilite(alex)
    relance = await _message(banc, leo, "Vous n'avez pas encore répondu")
    assert relance.boutons
    for autre in (console.camille, mia, noe):
        assert all(
            "pas encore répondu" not in (m.texte_visible or "") for m in autre.messages_du_bot()
        )

    # Staff see the same table; a second nudge the same day reaches no one.
    sam = await fenetres.entrer(console.sam)
    await sam.goto(fenetres.url(f"/seances/{seance.id}"))
    await expect(sam.locator("ul.comptes li").last).to_have_text("Sans réponse : 1")
    await verifier_accessibilite(sam)
    await sam.get_by_role("button", name="Relancer la personne sans réponse").click()
    await expect(sam.get_by_role("status")).to_have_text(
        "Tout le monde a déjà été relancé aujourd'hui (ou n'a pas Telegram)."
    )

    # Léo answers from the nudge: the table says so, and there is no one left to nudge.
    await leo.cliquer(relance, "Je serai là")
    await alex.reload()
    await expect(comptes).to_have_text(["Oui : 2", "Peut-être : 1", "Non : 1", "Sans réponse : 0"])
    await expect(alex.get_by_role("row", name=re.compile("^Léo Bernard"))).to_contain_text("oui")
    await expect(alex.get_by_role("button", name=re.compile("^Relancer"))).to_have_count(0)
    await verifier_accessibilite(alex)


# --- 5. The roll call on a tablet ---------------------------------------------------------


async def test_vingt_gestes_sur_la_tablette_pendant_que_les_membres_repondent_au_bot(
    fenetres: Fenetres,
) -> None:
    console = fenetres.console
    banc = console.banc
    vingt, seance, personnes, rappels = await _vingt_rappeles(banc)
    tablette = await _tablette(fenetres, console.sam)
    await _menu(tablette).get_by_role("link", name="Séances").tap()
    await tablette.get_by_role("link", name="Audition sur les cours oasis").tap()
    await tablette.get_by_role("link", name="Émargement").tap()
    compte = tablette.locator("#appel-compte")
    await expect(compte).to_have_text("Présents : 0 sur 21.")
    await verifier_accessibilite(tablette)
    # Any page load from here on would show in these.
    navigations: list[str] = []
    tablette.on("framenavigated", lambda cadre: navigations.append(cadre.url))
    await tablette.evaluate("() => { window.sansRechargement = true }")

    # One tap per person; each member answers the reminder in Telegram meanwhile.
    reponses: list[asyncio.Task[ReponseBouton]] = []
    for membre, personne, rappel in zip(vingt, personnes, rappels, strict=True):
        reponses.append(asyncio.create_task(personne.cliquer(rappel, "Je serai là")))
        bouton = tablette.get_by_role("button", name=membre.nom_complet)
        await expect(bouton).to_have_attribute("aria-pressed", "false")
        await bouton.tap()
        await expect(bouton).to_have_attribute("aria-pressed", "true")
        await expect(bouton).to_contain_text("✅ présent·e · marqué par Sam")
    assert all(r.texte == "C'est noté, merci !" for r in await asyncio.gather(*reponses))

    await expect(compte).to_have_text("Présents : 20 sur 21.")
    await expect(tablette.locator('button[aria-pressed="true"]')).to_have_count(20)
    await expect(tablette.get_by_role("button", name="Camille Martin")).to_have_attribute(
        "aria-pressed", "false"
    )
    assert navigations == [] and await tablette.evaluate("() => window.sansRechargement")
    await verifier_accessibilite(tablette)
    ids = {m.id for m in vingt}
    async with banc.app.sessions() as session:
        presences = (await session.exec(select(Presence))).all()
        reponses_bot = (await session.exec(select(Reponse))).all()
    assert {p.membre_id for p in presences} == ids and len(presences) == 20
    assert all(p.present for p in presences)
    assert {r.membre_id: r.choix for r in reponses_bot} == dict.fromkeys(ids, ChoixReponse.OUI)

    # Another screen (the facilitator's) reads the same roll call.
    alex = await fenetres.entrer(console.alex)
    await alex.goto(fenetres.url(f"/seances/{seance.id}/emargement"))
    await expect(alex.locator("#appel-compte")).to_have_text("Présents : 20 sur 21.")
    await expect(alex.locator('button[aria-pressed="true"]')).to_have_count(20)
    await verifier_accessibilite(alex)
    await alex.get_by_role("link", name="Revenir à la séance").click()
    await expect(alex.locator("ul.comptes li")).to_have_text(
        ["Oui : 20", "Peut-être : 0", "Non : 0", "Sans réponse : 1"]
    )


# --- 6. The compensation file -------------------------------------------------------------


async def test_l_export_telecharge_est_celui_de_la_ligne_de_commande(
    fenetres: Fenetres, operateur: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    console = fenetres.console
    banc = console.banc
    monkeypatch.setenv("EQUIPE_TELEGRAM_IDS", str(SAM))  # the command line re-reads staff
    await _camille_presente(banc)

    sam = await fenetres.entrer(console.sam)
    await _menu(sam).get_by_role("link", name="Séances").click()
    await sam.get_by_role("link", name="Indemnisation").click()
    await expect(sam.get_by_role("heading", level=1)).to_have_text("Indemnisation")
    mois = sam.get_by_label("Mois")
    await expect(mois).to_have_value("2026-10")  # last month, the one usually paid
    await verifier_accessibilite(sam)
    await mois.fill("2026-12")
    async with sam.expect_download() as telechargement:
        await sam.get_by_role("button", name="Télécharger le fichier").click()
    fichier = await telechargement.value
    assert fichier.suggested_filename == "indemnisation-2026-12.csv"
    corps = (await fichier.path()).read_bytes()
    assert corps.startswith(b"\xef\xbb\xbf")
    assert "Martin;Camille;Environnement" in corps.decode("utf-8-sig")
    assert await asyncio.to_thread(cli.main, ["presences", "exporter", "--mois", "2026-12"]) == 0
    assert corps == (operateur / "indemnisation-2026-12.csv").read_bytes()

    # Not for a facilitator: no link, and the address is refused.
    alex = await fenetres.entrer(console.alex)
    await _menu(alex).get_by_role("link", name="Séances").click()
    await expect(alex.get_by_role("link", name="Indemnisation")).to_have_count(0)
    reponse = await alex.goto(fenetres.url("/seances/indemnisation?mois=2026-12"))
    assert reponse is not None and reponse.status == 403
    await expect(alex.get_by_text("Camille")).to_have_count(0)
