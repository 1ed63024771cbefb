"""The console's Sondages page: the polls of one's groups, open and closed, their
participation, results (picture, ranking, CSV) and closing now; an anonymous poll never
shows figures before its close, nor names ever."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from assemblee import journal, membres, sondages
from assemblee.groupes import trouver_groupe
from assemblee.modeles import EntreeJournal, Envoi, NatureEnvoi, Role, Sondage, TypeSondage
from assemblee.sondages import Brouillon
from console import pagination
from tests.console.conftest import ALEX, CAMILLE, SAM, Console
from tests.console.requetes import requetes_des_pages

OPTIONS = ["Des fontaines dans les parcs", "Des cours oasis", "Plus de bancs"]
LEA = 1002  # member of "espace-public"


async def _lancer(
    console: Console,
    groupe: str | None,
    *,
    question: str = "Quel sujet en priorité ?",
    anonyme: bool = True,
    type_: TypeSondage = TypeSondage.UNIQUE,
) -> Sondage:
    """A poll launched as its facilitator (or staff, for the whole assembly) would."""
    banc = console.banc
    async with banc.app.sessions() as session:
        cible = await trouver_groupe(session, groupe) if groupe else None
        # Launched in the bot by its facilitator, or by staff for another group.
        auteur = await membres.par_telegram_id(session, ALEX if groupe == "environnement" else SAM)
        assert auteur is not None
        sondage, _ = await sondages.lancer(
            session,
            Brouillon(
                question=question,
                type=type_,
                options=OPTIONS,
                ferme_le=banc.horloge.maintenant() + timedelta(days=3),
                groupe_id=cible.id if cible else None,
                anonyme=anonyme,
            ),
            auteur=journal.par_le_bot(auteur),
            maintenant=banc.horloge.maintenant(),
            catalogue=banc.app.catalogue,
            fuseau=banc.app.reglages.fuseau,
            secret=banc.app.reglages.cle_scrutins,
        )
    return sondage


async def _voter(console: Console, sondage: Sondage, telegram_id: int, option: int) -> None:
    banc = console.banc
    async with banc.app.sessions() as session:
        membre = await membres.par_telegram_id(session, telegram_id)
        assert membre is not None
        await sondages.voter(
            session,
            sondage_id=sondage.id or 0,
            membre=membre,
            option=option,
            valeur=1,
            maintenant=banc.horloge.maintenant(),
            secret=banc.app.reglages.cle_scrutins,
        )


async def _relire(console: Console, sondage: Sondage) -> Sondage:
    async with console.banc.app.sessions() as session:
        relu = await session.get(Sondage, sondage.id)
    assert relu is not None
    return relu


async def test_l_equipe_voit_tous_les_sondages_l_animateur_ceux_de_ses_groupes(
    console: Console,
) -> None:
    await console.banc.membre_actif(LEA, "Léa", "Durand", groupes=("espace-public",))
    env = await _lancer(console, "environnement", question="Des fontaines ou des bancs ?")
    espace = await _lancer(console, "espace-public", question="Quelle place piétonniser ?")
    tous = await _lancer(console, None, question="Quelle date pour la plénière ?")
    clos = await _lancer(console, "environnement", question="Quel atelier en janvier ?")
    async with console.banc.app.sessions() as session:
        relu = await session.get(Sondage, clos.id)
        assert relu is not None
        await sondages.clore(
            session,
            relu,
            auteur=None,  # the tick
            maintenant=console.banc.horloge.maintenant(),
            secret=console.banc.app.reglages.cle_scrutins,
        )

    sam = await console.entrer(console.sam)
    statut, page = await sam.get("/sondages")
    assert statut == 200
    for question in (env.question, espace.question, tous.question):
        assert question in page
    assert clos.question not in page
    assert "Ouverts (3)" in page and "Clos (1)" in page
    assert "Toute l'assemblée" in page and "Espace public" in page
    assert "0 sur 1 ont voté (0 %)" in page
    statut, page = await sam.get("/sondages?etat=clos")
    assert statut == 200 and clos.question in page and env.question not in page

    alex = await console.entrer(console.alex)
    statut, page = await alex.get("/sondages")
    assert statut == 200
    assert env.question in page
    assert espace.question not in page and tous.question not in page
    assert "Ouverts (1)" in page and "Clos (1)" in page
    for sondage in (espace, tous):
        assert (await alex.get(f"/sondages/{sondage.id}"))[0] == 404
    assert (await sam.get(f"/sondages/{espace.id}"))[0] == 200


async def test_un_id_d_un_autre_groupe_dans_l_adresse_donne_404_et_rien_ne_change(
    console: Console,
) -> None:
    await console.banc.membre_actif(LEA, "Léa", "Durand", groupes=("espace-public",))
    espace = await _lancer(console, "espace-public", anonyme=False)
    await _voter(console, espace, LEA, 1)
    alex = await console.entrer(console.alex)
    await alex.get("/sondages")  # a page of the console: its CSRF token
    for chemin in ("", "/resultats.png", "/resultats.csv"):
        statut, page = await alex.get(f"/sondages/{espace.id}{chemin}")
        assert statut == 404 and "Page introuvable" in page
        assert "Durand" not in page and espace.question not in page
    statut, page = await alex.post(f"/sondages/{espace.id}/clore")
    assert statut == 404
    assert (await _relire(console, espace)).clos_le is None
    assert (await alex.get("/sondages/999999"))[0] == 404


async def test_un_sondage_anonyme_ouvert_ne_montre_ni_chiffres_ni_noms(console: Console) -> None:
    sondage = await _lancer(console, "environnement", anonyme=True)
    await _voter(console, sondage, CAMILLE, 1)
    alex = await console.entrer(console.alex)

    statut, page = await alex.get(f"/sondages/{sondage.id}")
    assert statut == 200
    assert "1 sur 1 ont voté (100 %)" in page  # the participation, and nothing else
    assert "les résultats ne sont connus de personne avant la clôture" in page
    assert "resultats.png" not in page and "resultats.csv" not in page
    assert "(100 %)" not in page.replace("1 sur 1 ont voté (100 %)", "")
    assert "Camille" not in page and "Martin" not in page
    for option in OPTIONS:  # listed, without any count
        assert f"<li>{option}</li>" in page
    statut, _ = await alex.get(f"/sondages/{sondage.id}/resultats.png")
    assert statut == 404
    statut, entetes, corps = await alex.telecharger(f"/sondages/{sondage.id}/resultats.csv")
    assert statut == 403
    assert "text/csv" not in entetes.get("Content-Type", "")
    texte = corps.decode()
    assert "personne ne connaît ses résultats avant la clôture" in texte
    assert "Camille" not in texte and "Des cours oasis;1" not in texte
    # Staff see no more.
    sam = await console.entrer(console.sam)
    statut, page = await sam.get(f"/sondages/{sondage.id}")
    assert "resultats.png" not in page and "Camille" not in page
    assert (await sam.telecharger(f"/sondages/{sondage.id}/resultats.csv"))[0] == 403


async def test_clore_maintenant_montre_les_resultats_et_les_envoie_aux_membres(
    console: Console,
) -> None:
    sondage = await _lancer(console, "environnement", anonyme=True)
    await _voter(console, sondage, CAMILLE, 1)
    alex = await console.entrer(console.alex)
    await alex.get(f"/sondages/{sondage.id}")

    statut, page = await alex.post(f"/sondages/{sondage.id}/clore")

    assert statut == 200  # after the 303, the poll's page
    assert "Clos le" in page and "Clore le sondage" not in page
    assert "1. Des cours oasis — 1 (100 %)" in page
    assert f'src="/console/sondages/{sondage.id}/resultats.png"' in page
    assert 'alt="Graphique des résultats du sondage « Quel sujet en priorité ? »' in page
    statut, entetes, png = await alex.telecharger(f"/sondages/{sondage.id}/resultats.png")
    assert statut == 200 and entetes["Content-Type"] == "image/png"
    assert png.startswith(b"\x89PNG")
    # The same picture as the one the members get in Telegram.
    relu = await _relire(console, sondage)
    assert relu.clos_le == console.banc.horloge.maintenant()
    assert relu.resultats_envoyes_le is not None
    async with console.banc.app.sessions() as session:
        decompte = await sondages.resultats(session, relu)
        envoi = (await session.exec(select(Envoi).where(Envoi.nature == NatureEnvoi.PHOTO))).first()
    assert png == sondages.image(relu, decompte.options, decompte.resultat)
    async with console.banc.app.sessions() as session:
        (entree,) = (
            await session.exec(select(EntreeJournal).where(EntreeJournal.action == "sondage-clos"))
        ).all()
    alex_membre = await console.banc.membre(ALEX)
    assert alex_membre is not None
    assert (entree.origine, entree.par_id, entree.objet_id) == ("console", alex_membre.id, relu.id)
    assert envoi is not None
    await console.banc.serveur.attendre(
        lambda: any("Résultats" in (m.legende or "") for m in console.camille.messages_du_bot())
    )
    # The CSV: totals only, never a name next to an anonymous ballot.
    statut, entetes, corps = await alex.telecharger(f"/sondages/{sondage.id}/resultats.csv")
    assert statut == 200
    assert entetes["Content-Type"] == "text/csv; charset=utf-8"
    assert entetes["Content-Disposition"] == f'attachment; filename="sondage-{sondage.id}.csv"'
    texte = corps.decode("utf-8")
    assert texte.startswith("\ufeff") and "1;Des cours oasis;1;100" in texte
    assert "Camille" not in texte and "Martin" not in texte
    # A second close (another tab) says it is done, changes nothing.
    statut, page = await alex.post(f"/sondages/{sondage.id}/clore")
    assert statut == 409 and "déjà clos" in page
    assert (await _relire(console, sondage)).clos_le == relu.clos_le


async def test_les_resultats_d_un_sondage_nominatif(console: Console) -> None:
    sondage = await _lancer(console, "environnement", anonyme=False)
    await _voter(console, sondage, CAMILLE, 2)
    alex = await console.entrer(console.alex)

    statut, page = await alex.get(f"/sondages/{sondage.id}")

    # Named: live results while open, as /resultats shows them in Telegram.
    assert statut == 200 and "Nominatif" in page
    assert "1 sur 1 ont voté (100 %)" in page
    assert "1. Plus de bancs — 1 (100 %)" in page
    assert "2. Des fontaines dans les parcs — 0 (0 %)" in page
    assert f"/sondages/{sondage.id}/resultats.png" in page
    statut, _, png = await alex.telecharger(f"/sondages/{sondage.id}/resultats.png")
    assert statut == 200 and png.startswith(b"\x89PNG")
    statut, _, corps = await alex.telecharger(f"/sondages/{sondage.id}/resultats.csv")
    assert statut == 200
    lignes = corps.decode("utf-8").splitlines()
    assert "1;Plus de bancs;1;100" in lignes
    assert f"nom;prénom;{';'.join(OPTIONS)}" in lignes
    assert "Martin;Camille;;;x" in lignes


async def test_sans_jeton_csrf_le_sondage_reste_ouvert(console: Console) -> None:
    sondage = await _lancer(console, "environnement")
    sam = await console.entrer(console.sam)
    await sam.get(f"/sondages/{sondage.id}")
    for corps in ({}, {"csrf": "faux-" + "x" * 30}):
        statut, page = await sam.post(f"/sondages/{sondage.id}/clore", corps, csrf=False)
        assert statut == 403 and "Accès refusé" in page
    relu = await _relire(console, sondage)
    assert relu.clos_le is None and relu.resultats_envoyes_le is None


async def test_un_membre_n_atteint_pas_les_sondages(console: Console) -> None:
    sondage = await _lancer(console, "environnement", anonyme=False)
    alex = await console.entrer(console.alex)
    await alex.get("/sondages")
    async with console.banc.app.sessions() as session:
        membre = await membres.par_telegram_id(session, ALEX)
        assert membre is not None
        await membres.changer_role(
            session,
            membre,
            Role.MEMBRE,
            par=None,
            origine=membres.ORIGINE_CLI,
            equipe_ids=[SAM],
            maintenant=console.banc.horloge.maintenant(),
        )
    for chemin in ("/sondages", f"/sondages/{sondage.id}", f"/sondages/{sondage.id}/resultats.csv"):
        statut, page = await alex.get(chemin)
        assert statut == 403 and "réservée à l'équipe" in page
        assert sondage.question not in page
    statut, _ = await alex.post(f"/sondages/{sondage.id}/clore")
    assert statut == 403
    assert (await _relire(console, sondage)).clos_le is None


async def test_la_liste_se_lit_page_par_page_avec_autant_de_requetes(
    console: Console, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pagination, "PAR_PAGE", 2)
    lances = [await _lancer(console, "environnement", question=f"Question {i} ?") for i in range(5)]
    sam = await console.entrer(console.sam)

    statut, premiere = await sam.get("/sondages")
    assert statut == 200 and "Page 1 sur 3" in premiere
    assert [s.question in premiere for s in lances] == [True, True, False, False, False]
    statut, derniere = await sam.get("/sondages?page=3")
    assert [s.question in derniere for s in lances] == [False, False, False, False, True]
    assert "Page précédente" in derniere and "Page suivante" not in derniere
    # A page number out of range or not a number: the nearest page.
    assert "Question 4 ?" in (await sam.get("/sondages?page=99"))[1]
    assert "Question 0 ?" in (await sam.get("/sondages?page=abc"))[1]

    # The same statements for 2 polls on a page as for 50: nothing is read poll by poll.
    with requetes_des_pages(console.banc) as petite:
        await sam.get("/sondages")
    monkeypatch.setattr(pagination, "PAR_PAGE", 50)
    with requetes_des_pages(console.banc) as grande:
        assert "Page 1 sur" not in (await sam.get("/sondages"))[1]
    assert petite and len(grande) == len(petite)


async def test_la_fiche_d_un_sondage_ne_depend_pas_du_nombre_de_votants(
    console: Console,
) -> None:
    sondage = await _lancer(console, "environnement", anonyme=False)
    sam = await console.entrer(console.sam)
    await _voter(console, sondage, CAMILLE, 0)
    with requetes_des_pages(console.banc) as avant:
        await sam.get(f"/sondages/{sondage.id}")
    membres_ = await console.banc.peupler(30)
    second = await _lancer(console, "environnement", anonyme=False)
    await _voter(console, second, CAMILLE, 0)
    for m in membres_:
        assert m.telegram_id is not None
        await _voter(console, second, m.telegram_id, 1)
    with requetes_des_pages(console.banc) as apres:
        statut, page = await sam.get(f"/sondages/{second.id}")
    assert statut == 200 and "31 sur 31 ont voté (100 %)" in page
    assert avant and len(apres) == len(avant)
