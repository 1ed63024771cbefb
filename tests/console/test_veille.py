"""The console's Veille page: the sorting queue of one's groups with the bot's actions, the
articles in no group filed by staff, and the feeds with their health, added, removed and
reactivated by staff through the same domain functions as /sources."""

from __future__ import annotations

import html
import re
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlmodel import col, select

from assemblee import membres
from assemblee.groupes import trouver_groupe
from assemblee.modeles import (
    Article,
    ArticleGroupe,
    EntreeJournal,
    Envoi,
    Role,
    Source,
    StatutArticle,
    StatutSujet,
    Sujet,
)
from console import pagination
from tests.console.conftest import ALEX, SAM, Console
from tests.console.requetes import requetes_des_pages
from tests.outils.banc import Banc
from tests.veille.serveur import TYPE_HTML, ServeurFlux
from veille import revue


@pytest.fixture
async def serveur() -> AsyncIterator[ServeurFlux]:
    async with ServeurFlux() as serveur:
        yield serveur


async def _articles(banc: Banc, slug: str | None, *titres: str) -> list[int]:
    """Articles from a feed, filed in a group (or in none), the first one the most recent."""
    ids = []
    async with banc.app.sessions() as session:
        groupe = await trouver_groupe(session, slug) if slug else None
        source = (
            await session.exec(select(Source).where(Source.nom == "Mairie de Paris"))
        ).first() or Source(
            nom="Mairie de Paris",
            url="https://www.paris.fr/rss",
            ajoutee_le=banc.horloge.maintenant(),
        )
        session.add(source)
        await session.flush()
        for rang, titre in enumerate(titres):
            article = Article(
                source_id=source.id,
                url=f"https://www.paris.fr/pages/{slug}-{len(ids)}-{rang}-{abs(hash(titre))}",
                titre=titre,
                titre_normalise=titre.lower(),
                resume="Un résumé de quelques mots.",
                collecte_le=banc.horloge.maintenant() - timedelta(hours=rang),
            )
            session.add(article)
            await session.flush()
            assert article.id is not None
            if groupe is not None:
                session.add(ArticleGroupe(article_id=article.id, groupe_id=groupe.id or 0))
            ids.append(article.id)
        await session.commit()
    return ids


async def _groupe_id(banc: Banc, slug: str) -> int:
    async with banc.app.sessions() as session:
        groupe = await trouver_groupe(session, slug)
    assert groupe is not None and groupe.id is not None
    return groupe.id


async def _lien(banc: Banc, article_id: int, groupe_id: int) -> ArticleGroupe | None:
    async with banc.app.sessions() as session:
        return await session.get(ArticleGroupe, (article_id, groupe_id))


async def _sources(banc: Banc) -> list[Source]:
    async with banc.app.sessions() as session:
        return list((await session.exec(select(Source).order_by(col(Source.id)))).all())


# --- the sorting queue ----------------------------------------------------------------------


async def test_l_equipe_trie_tous_les_groupes_l_animateur_les_siens(console: Console) -> None:
    await _articles(console.banc, "environnement", "Des arbres place de la Bastille")
    await _articles(console.banc, "espace-public", "Une rue piétonne de plus")
    await _articles(console.banc, None, "Le marché Popincourt ouvre le dimanche")

    sam = await console.entrer(console.sam)
    statut, page = await sam.get("/veille")
    assert statut == 200
    assert "À trier (2)" in page
    assert "Des arbres place de la Bastille" in page and "Une rue piétonne de plus" in page
    assert "Environnement ·" in page and "Espace public ·" in page  # which group, for staff
    assert "1 article n'est dans aucun groupe" in page
    assert "Le marché Popincourt" not in page  # on its own page
    assert 'href="/console/veille/sources"' in page

    alex = await console.entrer(console.alex)
    statut, page = await alex.get("/veille")
    assert statut == 200
    assert "À trier (1)" in page and "Des arbres place de la Bastille" in page
    assert "Une rue piétonne de plus" not in page
    assert "dans aucun groupe" not in page
    assert "/veille/sources" not in page and "/veille/hors-groupe" not in page
    assert "signalé" not in page and "Mairie de Paris" in page


async def test_trier_garder_une_ecarter_noter_en_faire_un_sujet(console: Console) -> None:
    banc = console.banc
    env = await _groupe_id(banc, "environnement")
    a, b, c, d = await _articles(
        banc, "environnement", "Canicule : les îlots de fraîcheur", "Compost", "Déchets", "Eau"
    )
    alex = await console.entrer(console.alex)
    await alex.get("/veille")

    statut, page = await alex.post(
        f"/veille/articles/{a}/{env}/decider", {"statut": "garde", "page": "1"}
    )
    assert statut == 200  # after the 303: the queue, and the decision above it
    assert "« Canicule : les îlots de fraîcheur » : gardé pour la revue de presse." in page
    assert "À trier (3)" in page
    lien = await _lien(banc, a, env)
    alex_membre = await banc.membre(ALEX)
    assert lien is not None and alex_membre is not None
    assert lien.statut == StatutArticle.GARDE and lien.decide_par_id == alex_membre.id
    async with banc.app.sessions() as session:
        (entree,) = (
            await session.exec(select(EntreeJournal).where(EntreeJournal.objet == "article"))
        ).all()
    assert (entree.origine, entree.par_id, entree.objet, entree.objet_id) == (
        "console",
        alex_membre.id,
        "article",
        a,
    )

    # Changing one's mind from the last decision's buttons, as in the bot's message.
    await alex.post(f"/veille/articles/{a}/{env}/decider", {"statut": "a_la_une", "page": "1"})
    assert (lien := await _lien(banc, a, env)) is not None
    assert lien.statut == StatutArticle.A_LA_UNE

    statut, page = await alex.post(f"/veille/articles/{b}/{env}/decider", {"statut": "ecarte"})
    assert "« Compost » : écarté." in page
    assert (lien := await _lien(banc, b, env)) is not None
    assert lien.statut == StatutArticle.ECARTE

    statut, page = await alex.post(
        f"/veille/articles/{c}/{env}/annoter", {"note": "  À lire avant   l'atelier  "}
    )
    assert statut == 200 and "note : À lire avant l'atelier" in html.unescape(page)
    assert (lien := await _lien(banc, c, env)) is not None
    assert lien.note == "À lire avant l'atelier" and lien.statut == StatutArticle.GARDE

    statut, page = await alex.post(f"/veille/articles/{d}/{env}/sujet")
    assert statut == 200 and "devenu un sujet du groupe" in page
    async with banc.app.sessions() as session:
        (sujet,) = (await session.exec(select(Sujet))).all()
    assert (sujet.texte, sujet.statut, sujet.groupe_id) == ("Eau", StatutSujet.ACCEPTE, env)
    assert (lien := await _lien(banc, d, env)) is not None
    assert lien.sujet_id == sujet.id and lien.statut == StatutArticle.GARDE
    # A second time: said, nothing duplicated.
    statut, page = await alex.post(f"/veille/articles/{d}/{env}/sujet")
    assert statut == 409 and "déjà devenu un sujet" in page
    async with banc.app.sessions() as session:
        assert len((await session.exec(select(Sujet))).all()) == 1
    assert "À trier (0)" in page and "Aucun article à trier" in page


async def test_une_note_fausse_rend_le_formulaire_avec_le_message(console: Console) -> None:
    banc = console.banc
    env = await _groupe_id(banc, "environnement")
    (a,) = await _articles(banc, "environnement", "Pollution de l'air")
    alex = await console.entrer(console.alex)
    await alex.get("/veille")

    for note, message in (
        ("   ", "Écrivez la note en une ligne."),
        ("x" * 201, "La note est trop longue (200 caractères au plus)"),
        ("deux\nlignes", "Écrivez la note sur une seule ligne."),
    ):
        statut, page = await alex.post(f"/veille/articles/{a}/{env}/annoter", {"note": note})
        assert statut == 400
        champ = re.search(rf'<input type="text" id="a-{a}-{env}-note"[^>]*>', page)
        assert champ is not None
        assert 'aria-invalid="true"' in champ.group(0)
        assert f'aria-describedby="a-{a}-{env}-note-erreur"' in champ.group(0)
        assert f'<small id="a-{a}-{env}-note-erreur">{message}' in page
        assert "<details open>" in page
        assert note.strip()[:20] in champ.group(0)  # what was typed, given back
    lien = await _lien(banc, a, env)
    assert lien is not None and lien.note is None and lien.statut == StatutArticle.NOUVEAU
    # A forged decision value: the message, nothing changed.
    statut, page = await alex.post(f"/veille/articles/{a}/{env}/decider", {"statut": "nouveau"})
    assert statut == 400 and "Choisissez garder, à la une ou écarter." in page
    assert (lien := await _lien(banc, a, env)) is not None
    assert lien.statut == StatutArticle.NOUVEAU and lien.decide_le is None


async def test_un_article_d_un_autre_groupe_dans_l_adresse_donne_404(console: Console) -> None:
    banc = console.banc
    espace = await _groupe_id(banc, "espace-public")
    (a,) = await _articles(banc, "espace-public", "Une rue piétonne de plus")
    alex = await console.entrer(console.alex)
    await alex.get("/veille")
    for action, corps in (
        ("decider", {"statut": "ecarte"}),
        ("annoter", {"note": "vu"}),
        ("sujet", {}),
    ):
        statut, page = await alex.post(f"/veille/articles/{a}/{espace}/{action}", corps)
        assert statut == 404 and "Page introuvable" in page
    lien = await _lien(banc, a, espace)
    assert lien is not None and lien.statut == StatutArticle.NOUVEAU and lien.note is None
    async with banc.app.sessions() as session:
        assert (await session.exec(select(Sujet))).all() == []
    # Nor does the "last decision" box show it.
    statut, page = await alex.get(f"/veille?article={a}&groupe={espace}")
    assert statut == 200 and "Une rue piétonne" not in page
    assert (await alex.post("/veille/articles/999999/1/decider", {"statut": "garde"}))[0] == 404


async def test_sans_jeton_csrf_rien_ne_change(console: Console) -> None:
    banc = console.banc
    env = await _groupe_id(banc, "environnement")
    (a,) = await _articles(banc, "environnement", "Biodiversité au parc")
    sam = await console.entrer(console.sam)
    await sam.get("/veille")
    statut, page = await sam.post(
        f"/veille/articles/{a}/{env}/decider", {"statut": "garde"}, csrf=False
    )
    assert statut == 403 and "Accès refusé" in page
    assert (lien := await _lien(banc, a, env)) is not None
    assert lien.statut == StatutArticle.NOUVEAU
    statut, _ = await sam.post(
        "/veille/sources", {"url": "https://www.paris.fr/rss", "csrf": "faux" * 10}, csrf=False
    )
    assert statut == 403
    assert len(await _sources(banc)) == 1  # the one _articles made


async def test_un_membre_n_atteint_pas_la_veille(console: Console) -> None:
    banc = console.banc
    env = await _groupe_id(banc, "environnement")
    (a,) = await _articles(banc, "environnement", "Énergie : les chaufferies")
    alex = await console.entrer(console.alex)
    await alex.get("/veille")
    async with banc.app.sessions() as session:
        membre = await membres.par_telegram_id(session, ALEX)
        assert membre is not None
        await membres.changer_role(
            session,
            membre,
            Role.MEMBRE,
            par=None,
            origine=membres.ORIGINE_CLI,
            equipe_ids=[SAM],
            maintenant=banc.horloge.maintenant(),
        )
    statut, page = await alex.get("/veille")
    assert statut == 403 and "Énergie" not in page
    statut, _ = await alex.post(f"/veille/articles/{a}/{env}/decider", {"statut": "garde"})
    assert statut == 403
    assert (lien := await _lien(banc, a, env)) is not None
    assert lien.statut == StatutArticle.NOUVEAU


async def test_la_file_se_lit_page_par_page_avec_autant_de_requetes(
    console: Console, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pagination, "PAR_PAGE", 2)
    titres = [f"Article de veille numéro {i}" for i in range(5)]
    await _articles(console.banc, "environnement", *titres)
    alex = await console.entrer(console.alex)
    statut, premiere = await alex.get("/veille")
    assert statut == 200 and "Page 1 sur 3" in premiere
    assert [t in premiere for t in titres] == [True, True, False, False, False]
    statut, derniere = await alex.get("/veille?page=3")
    assert [t in derniere for t in titres] == [False, False, False, False, True]
    # A decision made on page 3 comes back to page 3.
    env = await _groupe_id(console.banc, "environnement")
    async with console.banc.app.sessions() as session:
        article = (await session.exec(select(Article).where(Article.titre == titres[4]))).one()
    statut, page = await alex.post(
        f"/veille/articles/{article.id}/{env}/decider", {"statut": "garde", "page": "3"}
    )
    assert "Page 2 sur 2" in page  # four left: page 3 no longer exists, the last one shown

    with requetes_des_pages(console.banc) as petite:
        await alex.get("/veille")
    monkeypatch.setattr(pagination, "PAR_PAGE", 50)
    with requetes_des_pages(console.banc) as grande:
        await alex.get("/veille")
    assert petite and len(grande) == len(petite)


# --- staff: articles in no group ------------------------------------------------------------


async def test_l_equipe_range_un_article_hors_groupe(console: Console) -> None:
    banc = console.banc
    espace = await _groupe_id(banc, "espace-public")
    (a,) = await _articles(banc, None, "Le marché Popincourt ouvre le dimanche")
    sam = await console.entrer(console.sam)
    statut, page = await sam.get("/veille/hors-groupe")
    assert statut == 200 and "Dans aucun groupe (1)" in page
    assert "Le marché Popincourt ouvre le dimanche" in page
    assert f'<label for="h-{a}-groupe">Ranger dans le groupe</label>' in page

    statut, page = await sam.post(f"/veille/hors-groupe/{a}/ranger", {"groupe_id": "999"})
    assert statut == 400
    assert f'<small id="h-{a}-erreur">Choisissez un des groupes de la liste.</small>' in page
    assert 'aria-invalid="true"' in page
    assert await _lien(banc, a, espace) is None

    statut, page = await sam.post(f"/veille/hors-groupe/{a}/ranger", {"groupe_id": str(espace)})
    assert statut == 200 and "Tout est rangé" in page
    lien = await _lien(banc, a, espace)
    assert lien is not None and lien.statut == StatutArticle.NOUVEAU
    statut, page = await sam.get("/veille")
    assert "Le marché Popincourt" in page
    assert (await sam.post("/veille/hors-groupe/999999/ranger", {"groupe_id": str(espace)}))[
        0
    ] == 404


async def test_un_animateur_ne_range_pas_hors_groupe(console: Console) -> None:
    banc = console.banc
    env = await _groupe_id(banc, "environnement")
    (a,) = await _articles(banc, None, "Un article sans groupe")
    alex = await console.entrer(console.alex)
    await alex.get("/veille")
    assert (await alex.get("/veille/hors-groupe"))[0] == 403
    statut, _ = await alex.post(f"/veille/hors-groupe/{a}/ranger", {"groupe_id": str(env)})
    assert statut == 403
    assert await _lien(banc, a, env) is None


# --- staff: feeds ---------------------------------------------------------------------------


async def test_la_sante_des_flux(console: Console) -> None:
    banc = console.banc
    maintenant = banc.horloge.maintenant()
    async with banc.app.sessions() as session:
        session.add_all(
            [
                Source(
                    nom="Mairie de Paris",
                    url="https://www.paris.fr/rss",
                    ajoutee_le=maintenant,
                    collectee_le=maintenant - timedelta(hours=1),
                    prochaine_collecte_le=maintenant + timedelta(minutes=29),
                ),
                Source(
                    nom="Le Journal du 13e",
                    url="https://journal13.example.org/rss",
                    ajoutee_le=maintenant,
                    collectee_le=maintenant - timedelta(days=1),
                    echecs=2,
                    derniere_erreur="le site ne répond pas (délai dépassé)",
                    prochaine_collecte_le=maintenant + timedelta(hours=1),
                ),
                Source(
                    nom="Blog fermé",
                    url="https://blog.example.org/feed",
                    ajoutee_le=maintenant - timedelta(days=10),
                    active=False,
                    echecs=5,
                    derniere_erreur="introuvable (404)",
                    desactivee_le=maintenant - timedelta(days=2),
                ),
            ]
        )
        await session.commit()
    sam = await console.entrer(console.sam)
    statut, page = await sam.get("/veille/sources")
    assert statut == 200
    assert "Flux suivis : 2 actifs sur 3" in page
    lignes = {
        nom: re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", ligne))
        for ligne in re.findall(r"<tr>.*?</tr>", page, re.S)
        for nom in ("Mairie de Paris", "Le Journal du 13e", "Blog fermé")
        if nom in ligne
    }
    assert "Actif 25/11 9 h 0 aucune 25/11 10 h 29 Retirer" in lignes["Mairie de Paris"]
    assert (
        "Actif, en difficulté 24/11 10 h 2 le site ne répond pas (délai dépassé) 25/11 11 h Retirer"
    ) in lignes["Le Journal du 13e"]
    assert (
        "Désactivé le 23/11 10 h après trop d'échecs jamais 5 introuvable (404) "
        "plus relevé Réactiver"
    ) in lignes["Blog fermé"]


async def test_l_equipe_ajoute_retire_et_reactive_un_flux(
    console: Console, serveur: ServeurFlux
) -> None:
    banc = console.banc
    flux = serveur.fichier("/rss.xml", "rss.xml")
    page_html = serveur.contenu("/page", "<html><title>Page</title></html>", type_contenu=TYPE_HTML)
    sam = await console.entrer(console.sam)
    await sam.get("/veille/sources")

    for url, message in (
        ("pas-une-adresse", "Écrivez l'adresse complète du flux"),
        (page_html, "Cette adresse n'est pas un flux RSS ou Atom"),
        (serveur.erreur("/e404", 404), "Cette adresse est introuvable sur ce site (erreur 404)"),
    ):
        statut, page = await sam.post("/veille/sources", {"url": url, "nom": "Essai"})
        assert statut == 400
        assert f'<small id="source-url-erreur">{message}' in page
        champ = re.search(r'<input type="url" id="source-url"[^>]*>', page)
        assert champ is not None and 'aria-invalid="true"' in champ.group(0)
        assert f'value="{url}"' in champ.group(0)  # given back to correct it
        assert 'value="Essai"' in page
    assert await _sources(banc) == []

    statut, page = await sam.post("/veille/sources", {"url": flux, "nom": "Mairie de Paris"})
    assert statut == 200 and "Flux ajouté" in page
    (source,) = await _sources(banc)
    sam_membre = await banc.membre(SAM)
    assert sam_membre is not None
    assert (source.nom, source.url, source.active) == ("Mairie de Paris", flux, True)
    assert source.ajoutee_par_id == sam_membre.id and source.collectee_le is not None
    async with banc.app.sessions() as session:
        entrees = (
            await session.exec(select(EntreeJournal).where(EntreeJournal.objet == "source"))
        ).all()
    assert [(e.origine, e.par_id, e.objet_id) for e in entrees] == [
        ("console", sam_membre.id, source.id)
    ]
    statut, page = await sam.post("/veille/sources", {"url": flux})
    assert statut == 400 and "Ce flux est déjà suivi." in page

    statut, page = await sam.post(f"/veille/sources/{source.id}/retirer")
    assert statut == 200 and "Flux retiré" in page and "Réactiver" in page
    (source,) = await _sources(banc)
    assert not source.active and source.desactivee_le is not None

    # The feed broke meanwhile: reactivating says why, nothing changes.
    serveur.erreur("/rss.xml", 503)
    statut, page = await sam.post(f"/veille/sources/{source.id}/reactiver")
    assert statut == 400 and "Ce site est en panne pour le moment" in page
    assert not (await _sources(banc))[0].active
    serveur.fichier("/rss.xml", "rss.xml")
    statut, page = await sam.post(f"/veille/sources/{source.id}/reactiver")
    assert statut == 200 and "Flux réactivé" in page
    (source,) = await _sources(banc)
    assert source.active and source.echecs == 0
    assert (await sam.post("/veille/sources/999999/retirer"))[0] == 404


async def test_seule_l_equipe_gere_les_flux(console: Console, serveur: ServeurFlux) -> None:
    banc = console.banc
    flux = serveur.fichier("/rss.xml", "rss.xml")
    await _articles(banc, "environnement", "Un article")
    (source,) = await _sources(banc)
    alex = await console.entrer(console.alex)
    await alex.get("/veille")
    assert (await alex.get("/veille/sources"))[0] == 403
    assert (await alex.post("/veille/sources", {"url": flux}))[0] == 403
    assert (await alex.post(f"/veille/sources/{source.id}/retirer"))[0] == 403
    assert [(s.url, s.active) for s in await _sources(banc)] == [(source.url, True)]
    assert serveur.requetes == []


# --- the digest -----------------------------------------------------------------------------


async def _envois_revue(banc: Banc) -> list[Envoi]:
    async with banc.app.sessions() as session:
        return list(
            (await session.exec(select(Envoi).where(col(Envoi.cle).startswith("revue:")))).all()
        )


async def test_la_prochaine_revue_telle_que_les_membres_la_recevront_puis_envoyee(
    console: Console,
) -> None:
    banc = console.banc
    env = await _groupe_id(banc, "environnement")
    a, _ = await _articles(banc, "environnement", "Canicule : <les> îlots de fraîcheur", "Compost")
    alex = await console.entrer(console.alex)
    await alex.get("/veille")
    await alex.post(f"/veille/articles/{a}/{env}/annoter", {"note": "À lire avant l'atelier"})
    banc.horloge.avancer(timedelta(minutes=5))  # the digest takes what was kept before now
    sam = await console.entrer(console.sam)

    statut, page = await sam.get("/veille/revue")

    assert statut == 200
    async with banc.app.sessions() as session:
        groupe = await trouver_groupe(session, "environnement")
        assert groupe is not None
        attendu = await revue.apercu(
            session,
            groupe=groupe,
            langue="fr",
            maintenant=banc.horloge.maintenant(),
            catalogue=banc.app.catalogue,
            fuseau=banc.app.reglages.fuseau,
        )
    (message,) = attendu.messages
    # The Html the members get, as is (the title's chevrons escaped once, the link a link).
    assert f'<div class="message-revue">{message}</div>' in page
    assert "Canicule : &lt;les&gt; îlots de fraîcheur" in message and "<a href=" in message
    assert "1 article pour 2 membres." in page  # Camille and Alex read the group's digest
    assert "Compost" not in page  # not kept
    assert "Revue de presse : Espace public" in page
    assert "Rien à envoyer : aucun article gardé depuis la dernière revue de presse." in page
    assert "Envoyer maintenant la revue de Environnement (2 membres)" in page

    statut, page = await sam.post(
        f"/veille/revue/{env}/envoyer", {"jusqua": str(int(attendu.jusqua.timestamp()))}
    )
    assert statut == 200
    assert "C'est parti : la revue de presse part vers 2 membres." in page
    envoyes = await _envois_revue(banc)
    assert len(envoyes) == 2 and {e.texte for e in envoyes} == {str(message)}
    await banc.serveur.attendre(
        lambda: any(
            "Canicule : <les> îlots de fraîcheur" in (m.texte_visible or "")
            for m in console.camille.messages_du_bot()
        )
    )
    async with banc.app.sessions() as session:
        entree = (
            await session.exec(select(EntreeJournal).where(EntreeJournal.action == "revue-envoyee"))
        ).one()
    sam_membre = await banc.membre(SAM)
    assert sam_membre is not None
    assert (entree.origine, entree.par_id, entree.objet_id) == ("console", sam_membre.id, env)

    # The same form again (a double click, another tab): nothing more is sent.
    statut, page = await sam.post(
        f"/veille/revue/{env}/envoyer", {"jusqua": str(int(attendu.jusqua.timestamp()))}
    )
    assert "Rien à envoyer : cette revue de presse vient de partir." in page
    assert len(await _envois_revue(banc)) == 2


async def test_chaque_groupe_en_chiffres_une_revue_en_entier(console: Console) -> None:
    """A digest may hold hundreds of articles: every group's in figures, one in full (the
    first with something to send, or the one asked for), and only that one may be sent."""
    banc = console.banc
    env = await _groupe_id(banc, "environnement")
    esp = await _groupe_id(banc, "espace-public")
    await banc.membre_actif(4242, "Noa", "Lecteur", groupes=["espace-public"])
    a, b = await _articles(banc, "environnement", "Des arbres rue de Rivoli", "Cours Oasis")
    (c,) = await _articles(banc, "espace-public", "Bancs publics place des Fêtes")
    sam = await console.entrer(console.sam)
    await sam.get("/veille")
    for article, groupe in ((a, env), (b, env), (c, esp)):
        await sam.post(f"/veille/articles/{article}/{groupe}/decider", {"statut": "garde"})
    banc.horloge.avancer(timedelta(minutes=5))

    statut, page = await sam.get("/veille/revue")

    assert statut == 200
    assert "2 articles pour 2 membres." in page and "1 article pour 1 membre." in page
    assert "Des arbres rue de Rivoli" in page and "Bancs publics" not in page
    assert "Envoyer maintenant la revue de Environnement (2 membres)" in page
    assert "Envoyer maintenant la revue de Espace public" not in page
    assert f'href="?voir={esp}#revue-{esp}"' in page
    assert "Voir la revue de Espace public telle que les membres la recevront" in page
    assert "Voir la revue de Social" not in page  # nothing to see there
    assert "Rien à envoyer : aucun article gardé depuis la dernière revue de presse." in page

    statut, page = await sam.get(f"/veille/revue?voir={esp}")

    assert statut == 200
    assert "Bancs publics place des Fêtes" in page and "Rivoli" not in page
    assert "Envoyer maintenant la revue de Espace public (1 membre)" in page
    assert "Envoyer maintenant la revue de Environnement" not in page
    assert f'href="?voir={env}#revue-{env}"' in page
    # A group one may not see, or no group: the default choice, nothing else.
    alex = await console.entrer(console.alex)
    statut, page = await alex.get(f"/veille/revue?voir={esp}")
    assert statut == 200 and "Rivoli" in page and "Espace public" not in page
    assert (await sam.get("/veille/revue?voir=abc"))[1].count('class="message-revue"') == 1


async def test_l_animateur_voit_la_revue_de_son_groupe_sans_l_envoyer(console: Console) -> None:
    banc = console.banc
    env = await _groupe_id(banc, "environnement")
    (a,) = await _articles(banc, "environnement", "Des arbres place de la Bastille")
    alex = await console.entrer(console.alex)
    await alex.get("/veille")
    await alex.post(f"/veille/articles/{a}/{env}/decider", {"statut": "a_la_une"})
    banc.horloge.avancer(timedelta(minutes=5))
    statut, page = await alex.get("/veille/revue")
    assert statut == 200
    assert "Des arbres place de la Bastille" in page and "1 article pour 2 membres." in page
    assert "Espace public" not in page
    assert "Envoyer maintenant" not in page and "/envoyer" not in page
    statut, _ = await alex.post(f"/veille/revue/{env}/envoyer", {})
    assert statut == 403
    assert await _envois_revue(banc) == []

    sam = await console.entrer(console.sam)
    await sam.get("/veille/revue")
    statut, page = await sam.post(f"/veille/revue/{env}/envoyer", {}, csrf=False)
    assert statut == 403 and "Accès refusé" in page
    assert (await sam.post("/veille/revue/999999/envoyer", {}))[0] == 404
    assert await _envois_revue(banc) == []
