"""Curation: members tip articles to their group (pages served on 127.0.0.1), the group's
facilitators and staff keep, highlight or discard them, annotate them, turn them into topics;
members choose their digest."""

from __future__ import annotations

from datetime import datetime, timedelta

import httpx
import pytest
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import journal
from assemblee.horloge import HorlogeFigee
from assemblee.membres import creer_membre
from assemblee.modeles import (
    Article,
    ArticleGroupe,
    ChoixRevue,
    Envoi,
    FrequenceRevue,
    Groupe,
    Membre,
    Role,
    Source,
    StatutArticle,
    StatutSujet,
    Sujet,
)
from assemblee.textes import Catalogue
from tests.outils.fabriques import membres_actifs
from tests.veille.serveur import TYPE_HTML, ServeurFlux
from veille import curation
from veille.curation import ErreurCuration, ErreurSignalement

CATALOGUE = Catalogue()
PAGE = """<!doctype html><html><head><meta charset="utf-8">
<title>Accueil | Le Journal</title>
<meta property="og:title" content="{titre}"></head><body>Texte</body></html>"""


def _page(serveur: ServeurFlux, chemin: str, titre: str) -> str:
    return serveur.contenu(chemin, PAGE.format(titre=titre), type_contenu=TYPE_HTML)


async def _membre(
    session: AsyncSession,
    horloge: HorlogeFigee,
    groupe: Groupe | None,
    *,
    role: Role = Role.MEMBRE,
    premier: int = 10_000,
) -> Membre:
    if groupe is None:
        membre = await creer_membre(
            session,
            nom="Sans",
            prenom="Groupe",
            role=role,
            groupes=[],
            maintenant=horloge.maintenant(),
        )
        await session.commit()
        return membre
    (membre,) = await membres_actifs(
        session, horloge.maintenant(), groupe, 1, premier_telegram_id=premier, role=role
    )
    return membre


async def _signaler(
    session: AsyncSession,
    membre: Membre,
    url: str,
    client: httpx.AsyncClient,
    horloge: HorlogeFigee,
) -> Article:
    return await curation.signaler(
        session,
        membre=membre,
        url=url,
        client=client,
        maintenant=horloge.maintenant(),
        delai=5,
        taille_max=100_000,
    )


async def _nombre(session: AsyncSession, modele: type) -> int:
    return (await session.exec(select(func.count()).select_from(modele))).one()


# --- tips -----------------------------------------------------------------------------------------


async def test_un_membre_signale_un_article_a_son_groupe(
    session: AsyncSession,
    groupes_config: dict[str, Groupe],
    serveur: ServeurFlux,
    client: httpx.AsyncClient,
    horloge: HorlogeFigee,
) -> None:
    env = groupes_config["environnement"]
    mia = await _membre(session, horloge, env)
    url = _page(serveur, "/jardin", "Le jardin partagé s'agrandit")

    article = await _signaler(session, mia, url + "?utm_source=whatsapp#haut", client, horloge)

    assert article.titre == "Le jardin partagé s'agrandit"
    assert article.url == url  # canonical: no tracking parameter, no fragment
    assert article.propose_par_id == mia.id and article.source_id is None
    assert article.collecte_le == horloge.maintenant()
    lien = await session.get(ArticleGroupe, (article.id, env.id))
    assert lien is not None and lien.statut == StatutArticle.NOUVEAU


async def test_un_lien_mort_est_refuse_et_rien_n_est_garde(
    session: AsyncSession,
    groupes_config: dict[str, Groupe],
    serveur: ServeurFlux,
    client: httpx.AsyncClient,
    horloge: HorlogeFigee,
) -> None:
    mia = await _membre(session, horloge, groupes_config["environnement"])
    for url in (serveur.erreur("/disparu", 404), serveur.url("/jamais-servi")):
        with pytest.raises(ErreurSignalement) as erreur:
            await _signaler(session, mia, url, client, horloge)
        assert erreur.value.code == "lien-mort"
    assert await _nombre(session, Article) == 0
    assert await _nombre(session, ArticleGroupe) == 0


@pytest.mark.parametrize(
    "url",
    ["", "bonjour", "ftp://exemple.org/fichier", "https://", "www.paris.fr/article", "http://a b"],
)
async def test_ce_qui_n_est_pas_un_lien_web_est_refuse_sans_rien_telecharger(
    session: AsyncSession,
    groupes_config: dict[str, Groupe],
    serveur: ServeurFlux,
    client: httpx.AsyncClient,
    horloge: HorlogeFigee,
    url: str,
) -> None:
    mia = await _membre(session, horloge, groupes_config["environnement"])
    with pytest.raises(ErreurSignalement) as erreur:
        await _signaler(session, mia, url, client, horloge)
    assert erreur.value.code == "url-invalide"
    assert await _nombre(session, Article) == 0
    assert serveur.requetes == []


async def test_le_meme_article_deux_fois_dans_un_groupe_est_un_doublon(
    session: AsyncSession,
    groupes_config: dict[str, Groupe],
    serveur: ServeurFlux,
    client: httpx.AsyncClient,
    horloge: HorlogeFigee,
) -> None:
    env = groupes_config["environnement"]
    mia = await _membre(session, horloge, env)
    leo = await _membre(session, horloge, env, premier=20_000)
    url = _page(serveur, "/velo", "Une piste cyclable rue de Rivoli")
    await _signaler(session, mia, url, client, horloge)

    with pytest.raises(ErreurSignalement) as erreur:
        await _signaler(session, leo, url + "?xtor=RSS-1", client, horloge)

    assert erreur.value.code == "deja-signale"
    assert await _nombre(session, Article) == 1
    assert len(serveur.requetes_vers("/velo")) == 1  # known address: not fetched again


async def test_un_article_deja_connu_est_range_dans_un_autre_groupe_sans_doublon(
    session: AsyncSession,
    groupes_config: dict[str, Groupe],
    serveur: ServeurFlux,
    client: httpx.AsyncClient,
    horloge: HorlogeFigee,
) -> None:
    env, espace = groupes_config["environnement"], groupes_config["espace-public"]
    source = Source(nom="Le Journal", url=serveur.url("/rss"), ajoutee_le=horloge.maintenant())
    session.add(source)
    await session.flush()
    url = _page(serveur, "/places", "Sept places réaménagées")
    connu = Article(
        source_id=source.id,
        url=url,
        titre="Sept places réaménagées",
        titre_normalise="sept places reamenagees",
        collecte_le=horloge.maintenant() - timedelta(days=1),
    )
    session.add(connu)
    await session.flush()
    session.add(ArticleGroupe(article_id=connu.id or 0, groupe_id=env.id or 0))
    await session.commit()
    mia = await _membre(session, horloge, espace)

    article = await _signaler(session, mia, url, client, horloge)

    assert article.id == connu.id and article.source_id == source.id
    assert await _nombre(session, Article) == 1
    assert await session.get(ArticleGroupe, (connu.id, espace.id)) is not None


async def test_une_redirection_mene_a_l_adresse_finale(
    session: AsyncSession,
    groupes_config: dict[str, Groupe],
    serveur: ServeurFlux,
    client: httpx.AsyncClient,
    horloge: HorlogeFigee,
) -> None:
    mia = await _membre(session, horloge, groupes_config["environnement"])
    finale = _page(serveur, "/article-long", "Le budget participatif 2027")
    court = serveur.redirection("/c/42", finale)

    article = await _signaler(session, mia, court, client, horloge)

    assert article.url == finale and article.titre == "Le budget participatif 2027"


async def test_sans_groupe_pas_de_signalement(
    session: AsyncSession,
    groupes_config: dict[str, Groupe],
    serveur: ServeurFlux,
    client: httpx.AsyncClient,
    horloge: HorlogeFigee,
) -> None:
    eva = await _membre(session, horloge, None, role=Role.EQUIPE)
    url = _page(serveur, "/a", "Un article")
    with pytest.raises(ErreurSignalement) as erreur:
        await _signaler(session, eva, url, client, horloge)
    assert erreur.value.code == "sans-groupe"
    assert await _nombre(session, Article) == 0
    assert serveur.requetes == []


# --- curation -------------------------------------------------------------------------------------


async def _article(
    session: AsyncSession,
    groupe: Groupe,
    titre: str,
    collecte_le: datetime,
    *,
    propose_par: Membre | None = None,
    source: Source | None = None,
    publie_le: datetime | None = None,
) -> Article:
    article = Article(
        url=f"https://exemple.org/{titre.lower().replace(' ', '-')}",
        titre=titre,
        titre_normalise=titre.lower(),
        collecte_le=collecte_le,
        publie_le=publie_le,
        propose_par_id=propose_par.id if propose_par else None,
        source_id=source.id if source else None,
    )
    session.add(article)
    await session.flush()
    session.add(ArticleGroupe(article_id=article.id or 0, groupe_id=groupe.id or 0))
    await session.commit()
    return article


@pytest.fixture
async def equipe_veille(
    session: AsyncSession, groupes_config: dict[str, Groupe], horloge: HorlogeFigee
) -> dict[str, Membre]:
    env = groupes_config["environnement"]
    return {
        "mia": await _membre(session, horloge, env, premier=100),
        "ali": await _membre(session, horloge, env, role=Role.ANIMATEUR, premier=200),
        "zoe": await _membre(
            session, horloge, groupes_config["espace-public"], role=Role.ANIMATEUR, premier=300
        ),
        "eva": await _membre(session, horloge, None, role=Role.EQUIPE),
    }


async def test_les_articles_a_trier_du_plus_recent_au_plus_ancien_avec_leur_origine(
    session: AsyncSession,
    groupes_config: dict[str, Groupe],
    equipe_veille: dict[str, Membre],
    horloge: HorlogeFigee,
) -> None:
    env, espace = groupes_config["environnement"], groupes_config["espace-public"]
    maintenant = horloge.maintenant()
    source = Source(nom="Mairie de Paris", url="https://paris.fr/rss", ajoutee_le=maintenant)
    session.add(source)
    await session.flush()
    ancien = await _article(session, env, "Ancien", maintenant - timedelta(days=2), source=source)
    recent = await _article(
        session, env, "Récent", maintenant - timedelta(hours=1), propose_par=equipe_veille["mia"]
    )
    trie = await _article(session, env, "Déjà trié", maintenant)
    ailleurs = await _article(session, espace, "Ailleurs", maintenant - timedelta(hours=3))
    await curation.decider(
        session,
        article_id=trie.id or 0,
        groupe_id=env.id or 0,
        statut=StatutArticle.GARDE,
        auteur=journal.par_le_bot(equipe_veille["ali"]),
        maintenant=maintenant,
    )

    du_groupe = await curation.a_curer(session, groupes=[env], limite=10)
    assert [(e.article.id, e.source, e.signale_par) for e in du_groupe] == [
        (recent.id, None, "Test"),
        (ancien.id, "Mairie de Paris", None),
    ]
    tous = await curation.a_curer(session, groupes=None, limite=10)
    assert [e.article.id for e in tous] == [recent.id, ailleurs.id, ancien.id]
    assert [e.article.id for e in await curation.a_curer(session, groupes=None, limite=1)] == [
        recent.id
    ]
    # The console's pages: the same order, a slice at a time.
    pages = [
        [e.article.id for e in await curation.a_curer(session, groupes=None, limite=2, decalage=d)]
        for d in (0, 2, 4)
    ]
    assert pages == [[recent.id, ailleurs.id], [ancien.id], []]
    assert await curation.nombre_a_curer(session, groupes=None) == 3
    assert await curation.nombre_a_curer(session, groupes=[env]) == 2


async def test_les_articles_d_une_meme_collecte_du_plus_recent_au_plus_ancien_tous_flux_meles(
    session: AsyncSession, groupes_config: dict[str, Groupe], horloge: HorlogeFigee
) -> None:
    """One tick brings many feeds, each newest item first: the list follows publication
    dates, not the order the items were stored in."""
    env = groupes_config["environnement"]
    maintenant = horloge.maintenant()
    mairie = Source(nom="Mairie", url="https://paris.fr/rss", ajoutee_le=maintenant)
    presse = Source(nom="Presse", url="https://presse.fr/rss", ajoutee_le=maintenant)
    session.add_all([mairie, presse])
    await session.flush()
    publies = {}
    # Stored feed by feed, each feed newest first, as a collection does.
    for source, heures in ((mairie, (1, 5, 9)), (presse, (2, 3, 12))):
        for h in heures:
            titre = f"{source.nom} {h}"
            publies[titre] = await _article(
                session,
                env,
                titre,
                maintenant,
                source=source,
                publie_le=maintenant - timedelta(hours=h),
            )
    tip = await _article(session, env, "Signalé", maintenant - timedelta(hours=4))
    liste = await curation.a_curer(session, groupes=[env], limite=10)
    assert [e.article.titre for e in liste] == [
        "Mairie 1",
        "Presse 2",
        "Presse 3",
        tip.titre,
        "Mairie 5",
        "Mairie 9",
        "Presse 12",
    ]


async def test_garder_mettre_a_la_une_ecarter_et_changer_d_avis(
    session: AsyncSession,
    groupes_config: dict[str, Groupe],
    equipe_veille: dict[str, Membre],
    horloge: HorlogeFigee,
) -> None:
    env = groupes_config["environnement"]
    article = await _article(session, env, "Les berges en fête", horloge.maintenant())
    cle = {"article_id": article.id or 0, "groupe_id": env.id or 0}
    debut = horloge.maintenant()

    lien = await curation.decider(
        session,
        statut=StatutArticle.GARDE,
        auteur=journal.par_le_bot(equipe_veille["ali"]),
        maintenant=debut,
        **cle,
    )
    assert (lien.statut, lien.decide_par_id, lien.decide_le) == (
        StatutArticle.GARDE,
        equipe_veille["ali"].id,
        debut,
    )
    plus_tard = debut + timedelta(hours=2)
    lien = await curation.decider(
        session,
        statut=StatutArticle.A_LA_UNE,
        auteur=journal.par_le_bot(equipe_veille["eva"]),
        maintenant=plus_tard,
        **cle,
    )
    # Still kept: it keeps the date it was kept (a digest already sent does not repeat it).
    assert (lien.statut, lien.decide_par_id, lien.decide_le) == (
        StatutArticle.A_LA_UNE,
        equipe_veille["eva"].id,
        debut,
    )
    lien = await curation.decider(
        session,
        statut=StatutArticle.ECARTE,
        auteur=journal.par_le_bot(equipe_veille["ali"]),
        maintenant=plus_tard,
        **cle,
    )
    assert (lien.statut, lien.decide_le) == (StatutArticle.ECARTE, plus_tard)


async def test_seuls_les_animateurs_du_groupe_et_l_equipe_trient(
    session: AsyncSession,
    groupes_config: dict[str, Groupe],
    equipe_veille: dict[str, Membre],
    horloge: HorlogeFigee,
) -> None:
    env = groupes_config["environnement"]
    article = await _article(session, env, "Un article", horloge.maintenant())
    cle = {"article_id": article.id or 0, "groupe_id": env.id or 0}
    for intrus in ("mia", "zoe"):
        with pytest.raises(ErreurCuration) as erreur:
            await curation.decider(
                session,
                statut=StatutArticle.GARDE,
                auteur=journal.par_le_bot(equipe_veille[intrus]),
                maintenant=horloge.maintenant(),
                **cle,
            )
        assert erreur.value.code == "interdit"
        with pytest.raises(ErreurCuration):
            await curation.annoter(
                session,
                note="Bien",
                auteur=journal.par_le_bot(equipe_veille[intrus]),
                maintenant=horloge.maintenant(),
                **cle,
            )
        with pytest.raises(ErreurCuration):
            await curation.proposer_comme_sujet(
                session,
                auteur=journal.par_le_bot(equipe_veille[intrus]),
                maintenant=horloge.maintenant(),
                catalogue=CATALOGUE,
                **cle,
            )
    lien = await session.get(ArticleGroupe, (article.id, env.id))
    assert lien is not None and lien.statut == StatutArticle.NOUVEAU and lien.note is None
    assert await _nombre(session, Sujet) == 0


async def test_un_article_qui_n_est_pas_dans_le_groupe_est_introuvable(
    session: AsyncSession,
    groupes_config: dict[str, Groupe],
    equipe_veille: dict[str, Membre],
    horloge: HorlogeFigee,
) -> None:
    env = groupes_config["environnement"]
    with pytest.raises(ErreurCuration) as erreur:
        await curation.decider(
            session,
            article_id=999,
            groupe_id=env.id or 0,
            statut=StatutArticle.GARDE,
            auteur=journal.par_le_bot(equipe_veille["ali"]),
            maintenant=horloge.maintenant(),
        )
    assert erreur.value.code == "introuvable"


async def test_une_note_d_une_ligne_garde_l_article(
    session: AsyncSession,
    groupes_config: dict[str, Groupe],
    equipe_veille: dict[str, Membre],
    horloge: HorlogeFigee,
) -> None:
    env = groupes_config["environnement"]
    article = await _article(session, env, "Le marché de Noël", horloge.maintenant())
    cle = {"article_id": article.id or 0, "groupe_id": env.id or 0}
    ali = equipe_veille["ali"]
    for note, code in (
        ("   ", "note-vide"),
        ("Ligne un\nligne deux", "note-lignes"),
        ("x" * 201, "note-longue"),
    ):
        with pytest.raises(ErreurCuration) as erreur:
            await curation.annoter(
                session,
                note=note,
                auteur=journal.par_le_bot(ali),
                maintenant=horloge.maintenant(),
                **cle,
            )
        assert erreur.value.code == code
    lien = await session.get(ArticleGroupe, (article.id, env.id))
    assert lien is not None and lien.statut == StatutArticle.NOUVEAU and lien.note is None

    lien = await curation.annoter(
        session,
        note="  À lire avant l'atelier  ",
        auteur=journal.par_le_bot(ali),
        maintenant=horloge.maintenant(),
        **cle,
    )
    assert (lien.note, lien.statut) == ("À lire avant l'atelier", StatutArticle.GARDE)
    await curation.decider(
        session,
        statut=StatutArticle.A_LA_UNE,
        auteur=journal.par_le_bot(ali),
        maintenant=horloge.maintenant(),
        **cle,
    )
    lien = await curation.annoter(
        session,
        note="x" * 200,
        auteur=journal.par_le_bot(ali),
        maintenant=horloge.maintenant(),
        **cle,
    )
    assert lien.statut == StatutArticle.A_LA_UNE and lien.note == "x" * 200


async def test_un_article_devient_un_sujet_retenu_du_groupe(
    session: AsyncSession,
    groupes_config: dict[str, Groupe],
    equipe_veille: dict[str, Membre],
    horloge: HorlogeFigee,
) -> None:
    env = groupes_config["environnement"]
    # 468 characters: longer than a topic (300), within an article's title (500).
    titre = "Les cours Oasis : " + "des écoles plus fraîches " * 18
    article = await _article(session, env, titre.strip(), horloge.maintenant())
    cle = {"article_id": article.id or 0, "groupe_id": env.id or 0}
    ali = equipe_veille["ali"]

    sujet = await curation.proposer_comme_sujet(
        session,
        auteur=journal.par_le_bot(ali),
        maintenant=horloge.maintenant(),
        catalogue=CATALOGUE,
        **cle,
    )

    assert sujet.groupe_id == env.id and sujet.statut == StatutSujet.ACCEPTE
    assert sujet.texte.startswith("Les cours Oasis : des écoles") and sujet.texte.endswith("…")
    assert len(sujet.texte) <= 300
    assert (sujet.propose_par_id, sujet.decide_par_id) == (ali.id, ali.id)
    lien = await session.get(ArticleGroupe, (article.id, env.id))
    assert lien is not None and lien.sujet_id == sujet.id and lien.statut == StatutArticle.GARDE
    with pytest.raises(ErreurCuration) as erreur:  # a replayed tap makes no second topic
        await curation.proposer_comme_sujet(
            session,
            auteur=journal.par_le_bot(ali),
            maintenant=horloge.maintenant(),
            catalogue=CATALOGUE,
            **cle,
        )
    assert erreur.value.code == "deja-sujet"
    assert await _nombre(session, Sujet) == 1


async def test_un_sujet_deja_propose_du_meme_nom_est_retenu_plutot_que_double(
    session: AsyncSession,
    groupes_config: dict[str, Groupe],
    equipe_veille: dict[str, Membre],
    horloge: HorlogeFigee,
) -> None:
    env = groupes_config["environnement"]
    mia = equipe_veille["mia"]
    propose = Sujet(
        groupe_id=env.id or 0,
        texte="Les fontaines à eau",
        propose_par_id=mia.id,
        propose_le=horloge.maintenant(),
    )
    session.add(propose)
    await session.commit()
    article = await _article(session, env, "Les fontaines à eau !", horloge.maintenant())

    sujet = await curation.proposer_comme_sujet(
        session,
        article_id=article.id or 0,
        groupe_id=env.id or 0,
        auteur=journal.par_le_bot(equipe_veille["eva"]),
        maintenant=horloge.maintenant(),
        catalogue=CATALOGUE,
    )

    assert sujet.id == propose.id and sujet.statut == StatutSujet.ACCEPTE
    assert await _nombre(session, Sujet) == 1
    (avis,) = (await session.exec(select(Envoi).where(Envoi.membre_id == mia.id))).all()
    assert "Les fontaines à eau" in avis.texte and "retenu" in avis.texte


async def test_choisir_sa_revue_de_presse(
    session: AsyncSession, groupes_config: dict[str, Groupe], horloge: HorlogeFigee
) -> None:
    mia = await _membre(session, horloge, groupes_config["environnement"])
    assert (mia.revue, mia.revue_frequence) == (ChoixRevue.GROUPE, FrequenceRevue.HEBDOMADAIRE)

    await curation.choisir_revue(session, mia, revue=ChoixRevue.TOUS)
    await curation.choisir_revue(session, mia, frequence=FrequenceRevue.QUOTIDIENNE)

    mia_id = mia.id
    session.expire_all()
    relu = (await session.exec(select(Membre).where(col(Membre.id) == mia_id))).one()
    assert (relu.revue, relu.revue_frequence) == (ChoixRevue.TOUS, FrequenceRevue.QUOTIDIENNE)


async def test_seule_l_equipe_range_un_article_hors_groupe(
    session: AsyncSession,
    groupes_config: dict[str, Groupe],
    equipe_veille: dict[str, Membre],
    horloge: HorlogeFigee,
) -> None:
    env, espace = groupes_config["environnement"], groupes_config["espace-public"]
    maintenant = horloge.maintenant()
    range_ = await _article(session, env, "Déjà rangé", maintenant)
    seul = Article(
        url="https://exemple.org/marche",
        titre="Le marché Popincourt ouvrira le dimanche",
        titre_normalise="le marche popincourt ouvrira le dimanche",
        collecte_le=maintenant - timedelta(hours=1),
    )
    session.add(seul)
    await session.commit()
    assert seul.id is not None and espace.id is not None
    assert [e.article.id for e in await curation.non_classes(session, limite=10)] == [seul.id]
    assert await curation.non_classes(session, limite=10, decalage=1) == []
    assert await curation.nombre_non_classes(session) == 1

    for personne in ("mia", "ali", "zoe"):  # a member, facilitators (even of that group)
        with pytest.raises(ErreurCuration) as erreur:
            await curation.ranger(
                session,
                article_id=seul.id,
                groupe_id=espace.id,
                auteur=journal.par_le_bot(equipe_veille[personne]),
                maintenant=horloge.maintenant(),
            )
        assert erreur.value.code == "interdit"
    with pytest.raises(ErreurCuration):
        await curation.ranger(
            session,
            article_id=seul.id,
            groupe_id=999,
            auteur=journal.par_le_bot(equipe_veille["eva"]),
            maintenant=horloge.maintenant(),
        )

    lien = await curation.ranger(
        session,
        article_id=seul.id,
        groupe_id=espace.id,
        auteur=journal.par_le_bot(equipe_veille["eva"]),
        maintenant=horloge.maintenant(),
    )
    assert (lien.statut, lien.groupe_id) == (StatutArticle.NOUVEAU, espace.id)
    encore = await curation.ranger(
        session,
        article_id=seul.id,
        groupe_id=espace.id,
        auteur=journal.par_le_bot(equipe_veille["eva"]),
        maintenant=horloge.maintenant(),
    )
    assert encore == lien
    assert await curation.non_classes(session, limite=10) == []
    assert [e.article.id for e in await curation.a_curer(session, groupes=[espace], limite=10)] == [
        seul.id
    ]
    assert range_.id is not None
