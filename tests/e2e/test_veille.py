"""End to end: the citizen watch in Telegram. Members tip a page served on 127.0.0.1 (a link
pasted alone, or /signaler); facilitators sort their group's articles with the buttons of one
/veille message; nobody else can; staff manage the feeds; members choose their digest in /moi."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta

import pytest
from sqlmodel import func, select

from assemblee.groupes import trouver_groupe
from assemblee.modeles import (
    Article,
    ArticleGroupe,
    ChoixRevue,
    FrequenceRevue,
    Role,
    Source,
    StatutArticle,
    StatutSujet,
    Sujet,
)
from commandes.callbacks import (
    ActionCuration,
    ActionSource,
    CurationCb,
    FrequenceRevueCb,
    RevueCb,
    SourceCb,
)
from telegram_local import Utilisateur, longueur_utf16
from tests.outils.banc import Banc
from tests.outils.journal import entrees
from tests.veille.serveur import TYPE_HTML, ServeurFlux

PAGE = """<!doctype html><html><head><meta charset="utf-8">
<title>Accueil | Le Journal du 13e</title>
<meta property="og:title" content="{titre}"></head><body>Texte</body></html>"""


@pytest.fixture
async def serveur() -> AsyncIterator[ServeurFlux]:
    async with ServeurFlux() as serveur:
        yield serveur


async def _articles(banc: Banc, slug: str, *titres: str) -> list[int]:
    """Articles collected for a group, the first one the most recent."""
    ids = []
    async with banc.app.sessions() as session:
        groupe = await trouver_groupe(session, slug)
        assert groupe is not None and groupe.id is not None
        source = Source(
            nom="Mairie de Paris",
            url=f"https://www.paris.fr/rss/{slug}",
            ajoutee_le=banc.horloge.maintenant(),
        )
        session.add(source)
        await session.flush()
        for rang, titre in enumerate(titres):
            article = Article(
                source_id=source.id,
                url=f"https://www.paris.fr/pages/{slug}-{rang}",
                titre=titre,
                titre_normalise=titre.lower(),
                resume="Un résumé de quelques mots.",
                collecte_le=banc.horloge.maintenant() - timedelta(hours=rang),
            )
            session.add(article)
            await session.flush()
            assert article.id is not None
            session.add(ArticleGroupe(article_id=article.id, groupe_id=groupe.id))
            ids.append(article.id)
        await session.commit()
    return ids


async def _liens(banc: Banc) -> dict[int, ArticleGroupe]:
    async with banc.app.sessions() as session:
        return {lien.article_id: lien for lien in (await session.exec(select(ArticleGroupe))).all()}


async def _nombre(banc: Banc, modele: type) -> int:
    async with banc.app.sessions() as session:
        return (await session.exec(select(func.count()).select_from(modele))).one()


# --- tips -----------------------------------------------------------------------------------------


async def test_un_lien_colle_dans_la_conversation_est_transmis_aux_animateurs(
    banc: Banc, serveur: ServeurFlux
) -> None:
    mia = await banc.membre_actif(1, "Mia", "Martin")
    url = serveur.contenu(
        "/jardin", PAGE.format(titre="Le jardin partagé s'agrandit"), type_contenu=TYPE_HTML
    )

    (merci,) = await mia.envoyer(f"  {url}?utm_source=whatsapp ")

    assert merci.texte_visible == (
        "Merci, l'article « Le jardin partagé s'agrandit » est transmis aux animateurs "
        "de votre groupe."
    )
    async with banc.app.sessions() as session:
        (article,) = (await session.exec(select(Article))).all()
        groupe = await trouver_groupe(session, "environnement")
    assert article.url == url and article.propose_par_id is not None
    liens = await _liens(banc)
    assert groupe is not None and liens[article.id or 0].groupe_id == groupe.id
    assert liens[article.id or 0].statut == StatutArticle.NOUVEAU

    ali = await banc.membre_actif(3, "Ali", "Animateur", role=Role.ANIMATEUR)
    (liste,) = await ali.envoyer("/veille")
    assert "Le jardin partagé s'agrandit" in liste.texte_visible
    assert "signalé par Mia" in liste.texte_visible


async def test_un_lien_mort_recoit_une_phrase_et_rien_n_est_garde(
    banc: Banc, serveur: ServeurFlux
) -> None:
    mia = await banc.membre_actif(1, "Mia", "Martin")
    mort = serveur.erreur("/disparu", 404)

    (refus,) = await mia.envoyer(f"/signaler {mort}")
    assert refus.texte_visible == "Ce lien ne répond pas : vérifiez-le, ou réessayez plus tard."
    (refus,) = await mia.envoyer("/signaler")
    assert refus.texte_visible.startswith("Envoyez l'adresse d'un article")
    (incompris,) = await mia.envoyer("Voici un lien : https://www.paris.fr")  # not a link alone
    assert incompris.texte_visible.startswith("Je n'ai pas compris.")
    assert await _nombre(banc, Article) == 0


async def test_un_lien_vers_le_reseau_prive_est_refuse_sans_y_toucher(
    fabrique_banc: Callable[..., Awaitable[Banc]], serveur: ServeurFlux
) -> None:
    banc = await fabrique_banc(veille_adresses_privees=False)  # the production default
    mia = await banc.membre_actif(1, "Mia", "Martin")
    interne = serveur.contenu("/admin", PAGE.format(titre="Console"), type_contenu=TYPE_HTML)

    (refus,) = await mia.envoyer(interne)

    assert refus.texte_visible.startswith("Ce lien mène à un réseau privé, pas à un site public")
    assert serveur.requetes_vers("/admin") == []
    assert await _nombre(banc, Article) == 0


async def test_signaler_deux_fois_le_meme_article(banc: Banc, serveur: ServeurFlux) -> None:
    mia = await banc.membre_actif(1, "Mia", "Martin")
    url = serveur.contenu("/velo", PAGE.format(titre="Rivoli à vélo"), type_contenu=TYPE_HTML)
    await mia.envoyer(f"/signaler {url}")
    (deja,) = await mia.envoyer(url)
    assert deja.texte_visible == "Cet article est déjà signalé à votre groupe : merci !"
    assert await _nombre(banc, Article) == 1


# --- curation -------------------------------------------------------------------------------------


async def test_un_animateur_trie_la_veille_avec_les_boutons(banc: Banc) -> None:
    ids = await _articles(
        banc, "environnement", "Les berges en fête", "Cours Oasis", "Des arbres rue de Rivoli"
    )
    await _articles(banc, "espace-public", "Une place piétonne")
    ali = await banc.membre_actif(3, "Ali", "Animateur", role=Role.ANIMATEUR)

    (liste,) = await ali.envoyer("/veille")

    texte = liste.texte_visible or ""
    assert texte.startswith("📰 Veille — articles à trier (3)")
    assert "1. Les berges en fête\nMairie de Paris · 25/11 10 h\nUn résumé" in texte
    assert "Une place piétonne" not in texte  # another group's
    assert (
        "✅ garder · ⭐ à la une · ❌ écarter · 💡 en faire un sujet · ✏️ ajouter une note" in texte
    )
    assert [[b.texte for b in rangee] for rangee in liste.boutons] == [
        [f"{n} ✅", f"{n} ⭐", f"{n} ❌", f"{n} 💡", f"{n} ✏️"] for n in (1, 2, 3)
    ]

    reponse = await ali.cliquer(liste, "1 ⭐")
    assert reponse.texte == "⭐ À la une de la revue de presse."
    assert "→ ⭐ à la une" in (ali.message(liste.message_id).texte_visible or "")
    reponse = await ali.cliquer(liste, "1 ✅")  # changing one's mind
    assert "→ ✅ gardé" in (ali.message(liste.message_id).texte_visible or "")
    await ali.cliquer(liste, "3 ❌")
    reponse = await ali.cliquer(liste, "2 💡")
    assert reponse.texte == "💡 « Cours Oasis » rejoint les sujets retenus de Environnement."
    actuel = ali.message(liste.message_id)
    assert "→ ✅ gardé · 💡 devenu sujet" in (actuel.texte_visible or "")
    assert actuel.boutons  # still there, to change a decision

    avant = len(ali.messages_du_bot())
    await ali.cliquer(liste, "3 ✏️")
    await banc.serveur.attendre(lambda: len(ali.messages_du_bot()) > avant)
    (question,) = ali.messages_du_bot()[avant:]
    assert "Écrivez en une ligne" in (question.texte_visible or "")
    (refus,) = await ali.envoyer("Ligne un\nligne deux")
    assert refus.texte_visible == "Écrivez la note sur une seule ligne."
    (ok,) = await ali.envoyer("https://www.paris.fr/arbres")
    assert (
        ok.texte_visible
        == "✏️ Note enregistrée pour « Des arbres rue de Rivoli » : l'article est gardé."
    )
    await banc.serveur.attendre(
        lambda: (
            "✏️ https://www.paris.fr/arbres" in (ali.message(liste.message_id).texte_visible or "")
        )
    )

    liens = await _liens(banc)
    assert [liens[i].statut for i in ids] == [StatutArticle.GARDE] * 3
    assert liens[ids[2]].note == "https://www.paris.fr/arbres"
    async with banc.app.sessions() as session:
        (sujet,) = (await session.exec(select(Sujet))).all()
    assert (sujet.texte, sujet.statut) == ("Cours Oasis", StatutSujet.ACCEPTE)
    assert liens[ids[1]].sujet_id == sujet.id
    assert await _nombre(banc, Article) == 4  # a link as the note: not taken for a tip

    (vide,) = await ali.envoyer("/veille")
    assert vide.texte_visible.startswith("Aucun article à trier pour l'instant.")
    ali_id = (await banc.membre(3)).id  # type: ignore[union-attr]
    async with banc.app.sessions() as session:
        journal_ = await entrees(session, origine="bot")
    assert journal_ == [
        ("bot", ali_id, "article-trie", "article", ids[0]),  # à la une
        ("bot", ali_id, "article-trie", "article", ids[0]),  # then kept
        ("bot", ali_id, "article-trie", "article", ids[2]),  # discarded
        ("bot", ali_id, "sujet-cree", "sujet", sujet.id),
        ("bot", ali_id, "article-trie", "article", ids[1]),  # made a topic
        ("bot", ali_id, "article-annote", "article", ids[2]),
    ]


async def test_dix_articles_par_message_puis_la_suite(banc: Banc) -> None:
    await _articles(banc, "environnement", *(f"Article n°{i}" for i in range(1, 13)))
    eva = await banc.membre_actif(1, "Eva", "Équipe", role=Role.EQUIPE, groupes=[])

    (liste,) = await eva.envoyer("/veille")

    texte = liste.texte_visible or ""
    assert "Environnement · Mairie de Paris" in texte  # staff see every group: named
    assert "10. Article n°10" in texte and "Article n°11" not in texte
    assert "… et 2 autres : /veille pour la suite" in texte
    assert len(liste.boutons) == 10


async def test_les_boutons_de_tri_forges_sont_refuses(banc: Banc) -> None:
    (article_id,) = await _articles(banc, "environnement", "Les berges en fête")
    mia = await banc.membre_actif(1, "Mia", "Martin")
    zoe = await banc.membre_actif(
        2, "Zoé", "Animatrice", role=Role.ANIMATEUR, groupes=["espace-public"]
    )
    async with banc.app.sessions() as session:
        groupe = await trouver_groupe(session, "environnement")
    assert groupe is not None

    (refus,) = await mia.envoyer("/veille")
    assert refus.texte_visible == "Cette commande est réservée aux animateurs et à l'équipe."
    for personne in (mia, zoe):
        for action in ("g", "u", "e", "s", "n"):
            reponse = await personne.appuyer(1, f"vc:{article_id}:{groupe.id}:{action}")
            assert reponse.texte == "Ce bouton n'est plus valable."
    ali = await banc.membre_actif(3, "Ali", "Animateur", role=Role.ANIMATEUR)
    for forge in (f"vc:{article_id}:{groupe.id}:x", f"vc:999:{groupe.id}:g", "vc:1"):
        assert (await ali.appuyer(1, forge)).texte == "Ce bouton n'est plus valable."

    (lien,) = (await _liens(banc)).values()
    assert lien.statut == StatutArticle.NOUVEAU and lien.note is None
    assert await _nombre(banc, Sujet) == 0


async def _sans_groupe(banc: Banc, *titres: str) -> list[int]:
    """Articles collected that no keyword filed, the first one the most recent."""
    ids = []
    async with banc.app.sessions() as session:
        for rang, titre in enumerate(titres):
            article = Article(
                url=f"https://www.paris.fr/pages/sans-groupe-{rang}",
                titre=titre,
                titre_normalise=titre.lower(),
                collecte_le=banc.horloge.maintenant() - timedelta(hours=rang),
            )
            session.add(article)
            await session.flush()
            assert article.id is not None
            ids.append(article.id)
        await session.commit()
    return ids


async def test_l_equipe_voit_les_articles_hors_groupe_et_les_range_d_un_geste(
    banc: Banc,
) -> None:
    marche, loyers = await _sans_groupe(
        banc,
        "Le marché Popincourt ouvrira aussi le dimanche",
        "Encadrement des loyers : <300> amendes",
    )
    eva = await banc.membre_actif(1, "Eva", "Équipe", role=Role.EQUIPE, groupes=[])
    zoe = await banc.membre_actif(
        2, "Zoé", "Animatrice", role=Role.ANIMATEUR, groupes=["espace-public"]
    )

    vide, hors = await eva.envoyer("/veille", attendre=2)
    assert vide.texte_visible == (
        "Aucun article à trier pour l'instant. Les membres peuvent en signaler avec /signaler."
    )
    texte = hors.texte_visible or ""
    assert texte.startswith("📥 Dans aucun groupe (2) : aucun mot-clé ne les a rangés.")
    assert "1. Le marché Popincourt ouvrira aussi le dimanche" in texte
    assert "2. Encadrement des loyers : <300> amendes" in texte
    assert [[b.texte for b in rangee] for rangee in hors.boutons] == [
        ["1 → Social – Éducation", "1 → Environnement", "1 → Espace public"],
        ["2 → Social – Éducation", "2 → Environnement", "2 → Espace public"],
    ]
    # Nobody else sees them, nor can file them.
    (liste_zoe,) = await zoe.envoyer("/veille")
    assert "Popincourt" not in (liste_zoe.texte_visible or "")
    async with banc.app.sessions() as session:
        espace = await trouver_groupe(session, "espace-public")
    assert espace is not None
    await zoe.appuyer(2, f"vrg:{marche}:{espace.id}")
    assert await _liens(banc) == {}

    reponse = await eva.cliquer(hors, "1 → Espace public")
    assert reponse.texte == "Rangé dans « Espace public »."
    (lien,) = (await _liens(banc)).values()
    assert (lien.article_id, lien.groupe_id, lien.statut) == (
        marche,
        espace.id,
        StatutArticle.NOUVEAU,
    )
    # The message now shows the one left; a second tap on a stale button changes nothing.
    actuel = eva.message(hors.message_id)
    assert (actuel.texte_visible or "").startswith(
        "📥 Dans aucun groupe (1) : aucun mot-clé ne l'a"
    )
    assert "Popincourt" not in (actuel.texte_visible or "")
    await eva.appuyer(hors.message_id, f"vrg:{marche}:{espace.id}")
    assert len(await _liens(banc)) == 1
    # Its facilitators see it to sort.
    (liste_zoe,) = await zoe.envoyer("/veille")
    assert "1. Le marché Popincourt ouvrira aussi le dimanche" in (liste_zoe.texte_visible or "")

    await eva.cliquer(actuel, "1 → Social – Éducation")
    fin = eva.message(hors.message_id)
    assert fin.texte_visible == "📥 Plus aucun article hors des groupes : tout est rangé."
    assert {lien.article_id for lien in (await _liens(banc)).values()} == {marche, loyers}
    eva_id = (await banc.membre(1)).id  # type: ignore[union-attr]
    async with banc.app.sessions() as session:
        # Filed twice (the stale button changed nothing, and is not logged).
        assert await entrees(session, origine="bot") == [
            ("bot", eva_id, "article-range", "article", marche),
            ("bot", eva_id, "article-range", "article", loyers),
        ]


# --- sources --------------------------------------------------------------------------------------


async def test_l_equipe_ajoute_liste_et_retire_un_flux(banc: Banc, serveur: ServeurFlux) -> None:
    eva = await banc.membre_actif(1, "Eva", "Équipe", role=Role.EQUIPE, groupes=[])
    flux = serveur.fichier("/rss.xml", "rss.xml")
    page = serveur.contenu("/page", PAGE.format(titre="Pas un flux"), type_contenu=TYPE_HTML)

    (refus,) = await eva.envoyer(f"/sources ajouter {page}")
    assert refus.texte_visible.startswith("Cette adresse n'est pas un flux RSS ou Atom")
    (refus,) = await eva.envoyer("/sources ajouter pas-une-adresse")
    assert refus.texte_visible.startswith("Écrivez l'adresse complète du flux")
    # An HTTP error is said for what it is, not as "this site refuses this address".
    for statut, debut in (
        (404, "Cette adresse est introuvable sur ce site (erreur 404) : vérifiez-la."),
        (410, "Cette adresse n'existe plus sur ce site (erreur 410)"),
        (403, "Ce site demande une connexion ou refuse l'accès à ce flux (erreur 401 ou 403)"),
        (503, "Ce site est en panne pour le moment (erreur 5xx) : réessayez plus tard."),
        (429, "Ce site a répondu par une erreur : vérifiez l'adresse, ou réessayez plus tard."),
    ):
        (refus,) = await eva.envoyer(f"/sources ajouter {serveur.erreur(f'/e{statut}', statut)}")
        assert (refus.texte_visible or "").startswith(debut)
    assert await _nombre(banc, Source) == 0

    (ajoute,) = await eva.envoyer(f"/sources ajouter {flux} Mairie de Paris")
    assert ajoute.texte_visible.startswith(f"✅ Flux « Mairie de Paris » ajouté ({flux})")
    (deja,) = await eva.envoyer(f"/sources ajouter {flux}")
    assert deja.texte_visible == "Ce flux est déjà suivi."

    (liste,) = await eva.envoyer("/sources")
    assert "📡 Flux de la veille : 1 actif sur 1" in (liste.texte_visible or "")
    assert f"1. ✅ Mairie de Paris — {flux}" in (liste.texte_visible or "")
    reponse = await eva.cliquer(liste, "🗑 Retirer 1")
    assert reponse.texte == "⏹ Flux « Mairie de Paris » retiré ; ses articles déjà relevés restent."
    actuel = eva.message(liste.message_id)
    assert "⏹ Mairie de Paris" in (actuel.texte_visible or "")
    assert [b.texte for rangee in actuel.boutons for b in rangee] == ["▶️ Réactiver 1"]
    async with banc.app.sessions() as session:
        (source,) = (await session.exec(select(Source))).all()
    assert not source.active

    reponse = await eva.cliquer(actuel, "▶️ Réactiver 1")
    assert reponse.texte == "▶️ Flux « Mairie de Paris » réactivé."
    eva_id = (await banc.membre(1)).id  # type: ignore[union-attr]
    async with banc.app.sessions() as session:
        assert await entrees(session, objet="source") == [
            ("bot", eva_id, "source-ajoutee", "source", source.id),
            ("bot", eva_id, "source-desactivee", "source", source.id),
            ("bot", eva_id, "source-reactivee", "source", source.id),
        ]


async def test_seule_l_equipe_gere_les_flux(banc: Banc) -> None:
    ali = await banc.membre_actif(3, "Ali", "Animateur", role=Role.ANIMATEUR)
    (refus,) = await ali.envoyer("/sources ajouter https://www.paris.fr/rss")
    assert refus.texte_visible == "Cette commande est réservée à l'équipe."
    assert (await ali.appuyer(1, "vsrc:1:r")).texte == "Ce bouton n'est plus valable."


# --- digest preferences ---------------------------------------------------------------------------


async def test_choisir_sa_revue_de_presse_dans_moi(banc: Banc) -> None:
    mia = await banc.membre_actif(1, "Mia", "Martin")

    (profil,) = await mia.envoyer("/moi")
    assert "📰 Revue de presse : celle de votre groupe, chaque semaine." in profil.texte_visible
    assert _boutons(mia, profil.message_id) == [
        "🇫🇷 Français",
        "🇬🇧 English",
        "● Mon groupe",
        "○ Tous les groupes",
        "○ Aucune",
        "● Chaque semaine",
        "○ Chaque jour",
    ]
    assert (await mia.cliquer(profil, "Tous les groupes")).texte == "C'est noté."
    await mia.cliquer(profil, "Chaque jour")
    actuel = mia.message(profil.message_id)
    assert "📰 Revue de presse : celle de chaque groupe, chaque jour." in (
        actuel.texte_visible or ""
    )
    assert "● Tous les groupes" in _boutons(mia, profil.message_id)
    membre = await banc.membre(1)
    assert membre is not None
    assert (membre.revue, membre.revue_frequence) == (
        ChoixRevue.TOUS,
        FrequenceRevue.QUOTIDIENNE,
    )

    await mia.cliquer(profil, "Aucune")
    assert "📰 Revue de presse : aucune." in (mia.message(profil.message_id).texte_visible or "")
    assert "○ Chaque jour" not in _boutons(mia, profil.message_id)  # nothing to schedule
    membre = await banc.membre(1)
    assert membre is not None and membre.revue == ChoixRevue.AUCUNE


def _boutons(qui: Utilisateur, message_id: int) -> list[str]:
    return [b.texte for rangee in qui.message(message_id).boutons for b in rangee]


async def test_des_articles_tres_longs_tiennent_dans_un_message(banc: Banc) -> None:
    ids = await _articles(
        banc, "environnement", *(f"{i} " + "Très long titre " * 30 for i in range(12))
    )
    async with banc.app.sessions() as session:
        for lien in (await session.exec(select(ArticleGroupe))).all():
            lien.note = "n" * 200
            session.add(lien)
        for article in (await session.exec(select(Article))).all():
            article.url = f"https://www.paris.fr/{article.id}/" + "a" * 900
            article.resume = "Un résumé bien trop long. " * 40
            session.add(article)
        await session.commit()
    ali = await banc.membre_actif(3, "Ali", "Animateur", role=Role.ANIMATEUR)

    (liste,) = await ali.envoyer("/veille")

    assert longueur_utf16(liste.texte_visible or "") <= 4096
    assert 1 <= len(liste.boutons) <= 10
    montres = len(liste.boutons)
    assert f"… et {len(ids) - montres} autres : /veille pour la suite" in (
        liste.texte_visible or ""
    )
    await ali.cliquer(liste, "1 ✅")
    assert longueur_utf16(ali.message(liste.message_id).texte_visible or "") <= 4096


def test_les_boutons_de_la_veille_tiennent_en_64_octets() -> None:
    grand = 2**31 - 1  # the largest id a button accepts (commandes.callbacks.Entier)
    donnees = [
        CurationCb(article_id=grand, groupe_id=grand, action=a).pack() for a in ActionCuration
    ]
    donnees += [SourceCb(source_id=grand, action=a).pack() for a in ActionSource]
    donnees += [RevueCb(revue=c).pack() for c in ChoixRevue]
    donnees += [FrequenceRevueCb(frequence=f).pack() for f in FrequenceRevue]
    assert all(len(d.encode()) <= 64 for d in donnees)


# --- collection while members talk to the bot ----------------------------------------------------


async def test_un_flux_qui_ne_repond_pas_ne_bloque_pas_le_bot(
    fabrique_banc: Callable[..., Awaitable[Banc]], serveur: ServeurFlux
) -> None:
    banc = await fabrique_banc(veille_delai_secondes=3)
    adresses = {
        "Lent": serveur.suspendu("/lent.xml"),  # never answers
        "Pas un flux": serveur.fichier("/binaire", "pas-un-flux.bin"),
        "XML cassé": serveur.fichier("/casse.xml", "casse.xml"),  # feedparser copes
        "Mairie": serveur.fichier("/rss.xml", "rss.xml"),
    }
    async with banc.app.sessions() as session:
        for nom, url in adresses.items():
            session.add(Source(nom=nom, url=url, ajoutee_le=banc.horloge.maintenant()))
        await session.commit()
    mia = await banc.membre_actif(1, "Mia", "Martin")

    releve = asyncio.create_task(banc.app.planificateur.collecter())
    while not serveur.requetes_vers("/lent.xml"):  # the hanging request is in flight
        await asyncio.wait_for(serveur.requete_recue.wait(), 60)
        serveur.requete_recue.clear()
    (aide,) = await mia.envoyer("/aide")

    assert "/signaler" in aide.texte_visible
    assert not releve.done()  # answered while the feed was still hanging
    await asyncio.wait_for(releve, 60)  # the hanging feed ends in its own deadline
    async with banc.app.sessions() as session:
        etat = {s.nom: s for s in (await session.exec(select(Source))).all()}
        titres = set((await session.exec(select(Article.titre))).all())
    assert etat["Lent"].echecs == 1 and etat["Lent"].derniere_erreur is not None
    assert "pas de réponse complète en 3 s" in etat["Lent"].derniere_erreur
    assert etat["Pas un flux"].echecs == 1 and etat["Lent"].active
    assert (etat["XML cassé"].echecs, etat["Mairie"].echecs) == (0, 0)
    assert "Vélo : une piste cyclable rue Marcadet" in titres  # from the broken XML
    assert len(titres) >= 4
    # And the bot still answers after the collection.
    (profil,) = await mia.envoyer("/moi")
    assert "Revue de presse" in profil.texte_visible
