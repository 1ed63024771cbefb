"""Reading feeds, cleaning their text, deduplicating and classifying articles."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee.groupes import lire_groupes
from assemblee.horloge import HorlogeFigee
from assemblee.modeles import Article, ArticleGroupe, Groupe, Source, StatutArticle
from tests.veille.serveur import FLUX
from veille import analyse
from veille.analyse import EntreeFlux, ErreurFlux, classer, lire_flux, proches, url_canonique

URL_FLUX = "https://exemple.org/flux.xml"


def _groupe(slug: str, *mots: str, actif: bool = True) -> Groupe:
    return Groupe(slug=slug, nom=slug, mots_cles="\n".join(mots), actif=actif)


def _flux(nom: str) -> analyse.Flux:
    return lire_flux((FLUX / nom).read_bytes(), URL_FLUX)


# --- canonical URLs -----------------------------------------------------------------------------


def test_url_canonique_retire_le_suivi_et_le_fragment() -> None:
    assert (
        url_canonique(
            "HTTPS://WWW.Paris.fr:443/pages/arbres/?utm_source=rss&b=2&fbclid=x&a=1&xtor=RSS-3"
            "&at_medium=social&mc_cid=9&gclid=z#commentaires"
        )
        == "https://www.paris.fr/pages/arbres?a=1&b=2"
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("http://exemple.org", "http://exemple.org/"),
        ("http://exemple.org:80/a", "http://exemple.org/a"),
        ("https://exemple.org/a/", "https://exemple.org/a"),
        ("https://exemple.org/a?x=1&y=2", "https://exemple.org/a?y=2&x=1&utm_campaign=z"),
    ],
)
def test_url_canonique_une_seule_ecriture(a: str, b: str) -> None:
    assert url_canonique(a) == url_canonique(b)


def test_url_canonique_garde_ce_qui_compte() -> None:
    # A real parameter, a non-default port and the path's case are part of the address.
    assert url_canonique("http://exemple.org:8080/Article?id=7") == (
        "http://exemple.org:8080/Article?id=7"
    )


# --- text ---------------------------------------------------------------------------------------


def test_texte_brut_retire_le_html_et_decode_les_entites() -> None:
    html = (
        "<div><p>La Ville plante <strong>400&nbsp;arbres</strong>&hellip;</p>"
        "<script>alert('x')</script><p>Caf&eacute; &amp; th&#233;</p></div>"
    )
    assert analyse.texte_brut(html) == "La Ville plante 400 arbres… Café & thé"


def test_texte_brut_coupe_a_un_mot() -> None:
    texte = analyse.texte_brut("<p>" + "mot " * 200 + "</p>", 50)
    assert len(texte) <= 50
    assert texte.endswith("mot…")


def test_titre_normalise_ignore_casse_accents_et_ponctuation() -> None:
    assert analyse.titre_normalise("« Œuvres » : l'ÉCOLE, rue d'Alésia !") == (
        "oeuvres l ecole rue d alesia"
    )


def test_titres_proches() -> None:
    assert proches(
        "La Ville plante 500 arbres place de la Bastille",
        "La ville plante 500 arbres, sur la place de la Bastille",
    )
    assert proches("Rentrée : les écoles du 11e", "RENTRÉE — les écoles du 11e")
    assert proches(
        "Budget participatif : les projets retenus pour le 20e",
        "Budget participatif : les projets retenus pour le 20e (vidéo)",
    )
    # Two outlets' markers on the same story: the same story (each alone would already be).
    assert proches(
        "Crue de la Seine : les quais fermés (vidéo)",
        "Crue de la Seine : les quais fermés [PHOTOS]",
    )
    assert proches(
        "EN DIRECT - Crue de la Seine : les quais fermés",
        "Crue de la Seine : les quais fermés (live)",
    )
    # The marker words inside a title are the story's.
    assert not proches("Les photos du marathon de Paris", "Le marathon de Paris")
    assert not proches("Fermeture de la rue de Rivoli", "Réouverture de la rue de Rivoli")
    # A number or a month that changes makes another story.
    assert not proches("Vélib : 300 nouvelles stations", "Vélib : 200 nouvelles stations")
    assert not proches(
        "Conseil de Paris : ce qu'il faut retenir de la séance de novembre",
        "Conseil de Paris : ce qu'il faut retenir de la séance de décembre",
    )
    assert not proches(
        "Le 11e arrondissement : des projets de budget participatif pour les écoles",
        "Le 18e arrondissement : des projets de budget participatif pour les écoles",
    )
    # One content word replaced is another story, however alike the rest of the title.
    assert not proches(
        "Le 13e arrondissement : la mairie lance une consultation sur le vélo",
        "Le 13e arrondissement : la mairie lance une consultation sur le climat",
    )


# --- classification -----------------------------------------------------------------------------


def test_classer_sans_souci_de_casse_ni_d_accents() -> None:
    social = _groupe("social", "école", "crèche")
    assert classer("Les ECOLES ferment ; la CRECHE aussi", [social]) == [social]
    assert classer("Une nouvelle École rue Oberkampf", [social]) == [social]


def test_classer_par_mots_entiers_seulement() -> None:
    # As config/groupes.toml says: "rue" is not "ruelle", "eau" is not "bureau", "arbre" is
    # not "arbrisseau".
    environnement = _groupe("environnement", "arbre", "propreté")
    espace = _groupe("espace-public", "rue", "place")
    assert classer("Un arbrisseau devant le bureau de poste", [environnement]) == []
    assert classer("La ruelle et le remplacement des pavés", [espace]) == []
    assert classer("Un Arbre remarquable", [environnement]) == [environnement]
    assert classer("Les proprets jardins", [environnement]) == []


def test_classer_accepte_le_pluriel_regulier() -> None:
    environnement = _groupe("environnement", "arbre", "eau")
    espace = _groupe("espace-public", "mobilier urbain", "rue")
    assert classer("400 ARBRES plantés", [environnement]) == [environnement]
    assert classer("Les eaux de la Seine", [environnement]) == [environnement]
    assert classer("Des mobiliers urbains neufs", [espace]) == [espace]
    assert classer("Trois rues piétonnes", [espace]) == [espace]
    assert classer("Les arbress", [environnement]) == []  # one plural letter, not two


def test_classer_un_mot_cle_de_plusieurs_mots_comme_une_expression() -> None:
    espace = _groupe("espace-public", "mobilier urbain", "sans-abri")
    assert classer("Le mobilier  urbain du boulevard Voltaire", [espace]) == [espace]
    assert classer("Du mobilier neuf pour le centre urbain", [espace]) == []
    assert classer("Un accueil pour les sans abri", [espace]) == [espace]


def test_classer_dans_plusieurs_groupes() -> None:
    environnement = _groupe("environnement", "arbre", "canicule")
    espace = _groupe("espace-public", "place", "trottoir")
    social = _groupe("social", "école")
    groupes = [environnement, espace, social]
    assert classer("Canicule : un arbre sur chaque place", groupes) == [environnement, espace]


def test_classer_ignore_les_groupes_inactifs_et_les_lignes_vides() -> None:
    ancien = _groupe("ancien", "arbre", actif=False)
    vide = _groupe("vide", "", "  ")
    assert classer("Un arbre", [ancien, vide]) == []


# --- reading feeds ------------------------------------------------------------------------------


def test_lire_rss() -> None:
    flux = _flux("rss.xml")
    assert flux.titre == "Mairie de Paris — Actualités"
    assert not flux.bozo
    # The item without a link and the one without a title are skipped.
    assert [e.guid for e in flux.entrees] == ["paris-fr-1001", "paris-fr-1002", "paris-fr-1003"]
    premiere = flux.entrees[0]
    assert premiere.titre == "Végétalisation : 400 arbres plantés place de la Bastille"
    assert premiere.publie_le == datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    assert "<strong>400 arbres</strong>" in premiere.resume_html


def test_lire_atom_resout_les_liens_relatifs() -> None:
    flux = _flux("atom.xml")
    assert flux.titre == "Conseil de quartier — Belleville"
    compost, stationnement = flux.entrees
    assert compost.titre == "Compost collectif : une nouvelle borne rue de Belleville"
    assert compost.url == "https://exemple.org/actus/compost-belleville"
    assert compost.guid == "urn:uuid:entry-compost"
    assert compost.publie_le == datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
    assert stationnement.publie_le == datetime(2026, 11, 20, 18, 30, tzinfo=UTC)
    assert "19 h" in stationnement.resume_html


def test_lire_un_xml_casse_quand_feedparser_s_en_remet() -> None:
    flux = _flux("casse.xml")
    assert flux.bozo
    assert [e.titre for e in flux.entrees] == [
        "Propreté & déchets : la collecte change à la Goutte-d'Or",
        "Vélo : une piste cyclable rue Marcadet",
    ]


@pytest.mark.parametrize("nom", ["latin1-declare-utf8.xml", "utf8-declare-latin1.xml"])
def test_lire_un_flux_qui_ment_sur_son_encodage(nom: str) -> None:
    flux = _flux(nom)
    assert flux.titre == "Le Petit Écho du 14e"
    assert [e.titre for e in flux.entrees] == ["Éclairage : la rue d'Alésia passe aux LED"]


@pytest.mark.parametrize("nom", ["page-og.html", "pas-un-flux.bin"])
def test_une_page_ou_du_charabia_n_est_pas_un_flux(nom: str) -> None:
    with pytest.raises(ErreurFlux) as erreur:
        _flux(nom)
    assert erreur.value.code == "pas-un-flux"


def test_lire_un_flux_vide_n_est_pas_une_erreur() -> None:
    vide = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Rien</title></channel></rss>'
    flux = lire_flux(vide, URL_FLUX)
    assert (flux.titre, flux.entrees) == ("Rien", [])


# --- storing and deduplicating ------------------------------------------------------------------


async def _source(session: AsyncSession, nom: str, maintenant: datetime) -> Source:
    source = Source(nom=nom, url=f"https://{nom}.example.org/flux", ajoutee_le=maintenant)
    session.add(source)
    await session.commit()
    return source


def _entree(
    guid: str | None, url: str, titre: str, resume: str = "", publie_le: datetime | None = None
) -> EntreeFlux:
    return EntreeFlux(guid=guid, url=url, titre=titre, resume_html=resume, publie_le=publie_le)


async def _articles(session: AsyncSession) -> list[Article]:
    return list((await session.exec(select(Article).order_by(col(Article.id)))).all())


async def test_enregistrer_nettoie_et_classe(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    maintenant = horloge.maintenant()
    source = await _source(session, "mairie", maintenant)
    flux = _flux("rss.xml")
    nouveaux = await analyse.enregistrer(
        session,
        source=source,
        entrees=flux.entrees,
        maintenant=maintenant,
        groupes=list(groupes_config.values()),
    )
    await session.commit()
    assert len(nouveaux) == 3
    bastille, ecoles, voltaire = await _articles(session)
    assert bastille.url == "https://www.paris.fr/pages/vegetalisation-bastille"
    assert bastille.resume == (
        "La Ville plante 400 arbres place de la Bastille : un îlot de fraîcheur contre la canicule."
    )
    assert bastille.titre_normalise == "vegetalisation 400 arbres plantes place de la bastille"
    assert bastille.collecte_le == maintenant
    assert bastille.source_id == source.id
    assert voltaire.url == "https://www.paris.fr/pages/mobilier-voltaire"
    liens = (await session.exec(select(ArticleGroupe))).all()
    par_article: dict[int, set[str]] = {}
    slugs = {g.id: g.slug for g in groupes_config.values()}
    for lien in liens:
        assert lien.statut == StatutArticle.NOUVEAU
        par_article.setdefault(lien.article_id, set()).add(slugs[lien.groupe_id])
    # "végétalisation", "canicule" / "place" ; "école" finds "écoles" (plural) ;
    # "mobilier urbain", "éclairage", "rue".
    assert par_article[bastille.id or 0] == {"environnement", "espace-public"}
    assert par_article[ecoles.id or 0] == {"social-education"}
    assert par_article[voltaire.id or 0] == {"espace-public"}


async def test_un_article_sans_groupe_est_quand_meme_garde(
    session: AsyncSession, horloge: HorlogeFigee, groupes_config: dict[str, Groupe]
) -> None:
    maintenant = horloge.maintenant()
    source = await _source(session, "mairie", maintenant)
    nouveaux = await analyse.enregistrer(
        session,
        source=source,
        entrees=[_entree("1", "https://exemple.org/1", "Résultats du marathon")],
        maintenant=maintenant,
        groupes=list(groupes_config.values()),
    )
    await session.commit()
    assert [a.titre for a in nouveaux] == ["Résultats du marathon"]
    assert (await session.exec(select(ArticleGroupe))).all() == []


async def test_meme_guid_du_meme_flux_est_un_doublon(
    session: AsyncSession, horloge: HorlogeFigee
) -> None:
    maintenant = horloge.maintenant()
    source = await _source(session, "mairie", maintenant)
    premier = [_entree("g-1", "https://exemple.org/a", "Premier titre")]
    second = [_entree("g-1", "https://exemple.org/a-renomme", "Titre corrigé")]
    for entrees, attendus in ((premier, 1), (second, 0)):
        nouveaux = await analyse.enregistrer(
            session, source=source, entrees=entrees, maintenant=maintenant, groupes=[]
        )
        assert len(nouveaux) == attendus
    await session.commit()
    assert [a.titre for a in await _articles(session)] == ["Premier titre"]


async def test_meme_guid_dans_deux_flux_n_est_pas_un_doublon(
    session: AsyncSession, horloge: HorlogeFigee
) -> None:
    # GUIDs are only unique within a feed: "42" here and "42" there are two articles.
    maintenant = horloge.maintenant()
    a = await _source(session, "a", maintenant)
    b = await _source(session, "b", maintenant)
    for source, url, titre in (
        (a, "https://a.example.org/42", "Fête de quartier"),
        (b, "https://b.example.org/42", "Budget participatif"),
    ):
        nouveaux = await analyse.enregistrer(
            session,
            source=source,
            entrees=[_entree("42", url, titre)],
            maintenant=maintenant,
            groupes=[],
        )
        assert len(nouveaux) == 1
    await session.commit()
    assert len(await _articles(session)) == 2


async def test_meme_url_avec_parametres_de_suivi_est_un_doublon(
    session: AsyncSession, horloge: HorlogeFigee
) -> None:
    maintenant = horloge.maintenant()
    a = await _source(session, "a", maintenant)
    b = await _source(session, "b", maintenant)
    await analyse.enregistrer(
        session,
        source=a,
        entrees=[_entree("a-1", "https://journal.example.org/article?id=3", "Un titre")],
        maintenant=maintenant,
        groupes=[],
    )
    doublon = _entree(
        "b-9",
        "https://JOURNAL.example.org/article/?utm_source=twitter&id=3&fbclid=abc#top",
        "Un tout autre titre",
    )
    nouveaux = await analyse.enregistrer(
        session, source=b, entrees=[doublon], maintenant=maintenant, groupes=[]
    )
    assert nouveaux == []
    # And within one batch too.
    nouveaux = await analyse.enregistrer(
        session,
        source=b,
        entrees=[
            _entree(None, "https://x.example.org/p?utm_medium=rss", "Premier"),
            _entree(None, "https://x.example.org/p", "Second"),
        ],
        maintenant=maintenant,
        groupes=[],
    )
    assert [a.titre for a in nouveaux] == ["Premier"]


async def test_titre_presque_identique_d_une_autre_source_est_un_doublon(
    session: AsyncSession, horloge: HorlogeFigee
) -> None:
    maintenant = horloge.maintenant()
    a = await _source(session, "a", maintenant)
    b = await _source(session, "b", maintenant)
    await analyse.enregistrer(
        session,
        source=a,
        entrees=[_entree("1", "https://a.example.org/1", "Paris : 500 arbres plantés cet hiver")],
        maintenant=maintenant - timedelta(days=6),
        groupes=[],
    )
    nouveaux = await analyse.enregistrer(
        session,
        source=b,
        entrees=[
            _entree("9", "https://b.example.org/9", "PARIS — 500 arbres plantés cet hiver !"),
            _entree(
                "11", "https://b.example.org/11", "Paris : 500 arbres plantés cet hiver (vidéo)"
            ),
            _entree("10", "https://b.example.org/10", "Paris : 500 arbres abattus cet hiver"),
        ],
        maintenant=maintenant,
        groupes=[],
    )
    assert [a.titre for a in nouveaux] == ["Paris : 500 arbres abattus cet hiver"]


async def test_deux_reprises_d_un_meme_article_avant_l_original_sont_des_doublons(
    session: AsyncSession, horloge: HorlogeFigee
) -> None:
    # The outlets' copies arrive before the original: "(vidéo)" and "[photos]" are told apart
    # by one word only, which is the outlet's, not the story's.
    maintenant = horloge.maintenant()
    a, b, c = [await _source(session, nom, maintenant) for nom in "abc"]
    titre = "Crue de la Seine : les quais fermés jusqu'à jeudi"
    for source, suffixe, numero in ((b, " (vidéo)", "1"), (c, " [PHOTOS]", "2"), (a, "", "3")):
        nouveaux = await analyse.enregistrer(
            session,
            source=source,
            entrees=[
                _entree(numero, f"https://{source.nom}.example.org/{numero}", titre + suffixe)
            ],
            maintenant=maintenant,
            groupes=[],
        )
        assert len(nouveaux) == (1 if source is b else 0)


async def test_titre_identique_d_une_autre_source_plus_vieux_que_7_jours_n_est_pas_un_doublon(
    session: AsyncSession, horloge: HorlogeFigee
) -> None:
    maintenant = horloge.maintenant()
    a = await _source(session, "a", maintenant)
    b = await _source(session, "b", maintenant)
    titre = "Conseil de Paris : l'ordre du jour"
    await analyse.enregistrer(
        session,
        source=a,
        entrees=[_entree("1", "https://a.example.org/1", titre)],
        maintenant=maintenant - timedelta(days=8),
        groupes=[],
    )
    nouveaux = await analyse.enregistrer(
        session,
        source=b,
        entrees=[_entree("2", "https://b.example.org/2", titre)],
        maintenant=maintenant,
        groupes=[],
    )
    assert len(nouveaux) == 1


async def test_meme_titre_du_meme_flux_n_est_pas_un_doublon(
    session: AsyncSession, horloge: HorlogeFigee
) -> None:
    maintenant = horloge.maintenant()
    source = await _source(session, "mairie", maintenant)
    titre = "Conseil de Paris : l'ordre du jour"
    await analyse.enregistrer(
        session,
        source=source,
        entrees=[_entree("1", "https://exemple.org/cp-octobre", titre)],
        maintenant=maintenant - timedelta(days=1),
        groupes=[],
    )
    nouveaux = await analyse.enregistrer(
        session,
        source=source,
        entrees=[
            _entree("2", "https://exemple.org/cp-novembre", titre),
            _entree("3", "https://exemple.org/cp-decembre", titre),
        ],
        maintenant=maintenant,
        groupes=[],
    )
    assert len(nouveaux) == 2


async def test_une_suggestion_de_membre_compte_comme_une_autre_source(
    session: AsyncSession, horloge: HorlogeFigee
) -> None:
    maintenant = horloge.maintenant()
    source = await _source(session, "mairie", maintenant)
    suggestion = await analyse.enregistrer(
        session,
        source=None,
        entrees=[_entree(None, "https://blog.example.org/p?utm_source=whatsapp", "Le parc rouvre")],
        maintenant=maintenant,
        groupes=[],
    )
    assert suggestion[0].url == "https://blog.example.org/p"
    assert suggestion[0].source_id is None
    # The returned article belongs to the session: a caller may complete it and commit.
    suggestion[0].propose_par_id = None
    suggestion[0].resume = "Complété par l'appelant"
    session.add(suggestion[0])
    await session.commit()
    assert (await analyse.par_url(session, "https://blog.example.org/p#x")) is not None
    nouveaux = await analyse.enregistrer(
        session,
        source=source,
        entrees=[_entree("1", "https://mairie.example.org/parc", "Le parc rouvre !")],
        maintenant=maintenant,
        groupes=[],
    )
    assert nouveaux == []


async def test_une_date_de_publication_future_est_ramenee_a_maintenant(
    session: AsyncSession, horloge: HorlogeFigee
) -> None:
    maintenant = horloge.maintenant()
    source = await _source(session, "mairie", maintenant)
    nouveaux = await analyse.enregistrer(
        session,
        source=source,
        entrees=[
            _entree(
                "1", "https://exemple.org/1", "Demain", publie_le=maintenant + timedelta(days=3)
            )
        ],
        maintenant=maintenant,
        groupes=[],
    )
    await session.commit()
    assert nouveaux[0].publie_le == maintenant


def test_un_titre_en_texte_garde_ses_chevrons() -> None:
    flux = lire_flux(
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item>'
        b"<title>Loi &lt;SRU&gt; : 25 % de logements sociaux</title>"
        b"<link>https://exemple.org/sru</link></item></channel></rss>",
        URL_FLUX,
    )
    assert [e.titre for e in flux.entrees] == ["Loi <SRU> : 25 % de logements sociaux"]


def test_une_entite_declaree_raisonnable_est_lue() -> None:
    corps = (
        b'<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY ville "Paris">\n]>\n'
        b'<rss version="2.0"><channel><title>Mairie de &ville;</title><item>'
        b"<title>Budget de &ville;</title><link>https://exemple.org/1</link></item>"
        b"</channel></rss>"
    )
    flux = lire_flux(corps, "https://exemple.org/rss")
    assert [e.titre for e in flux.entrees] == ["Budget de Paris"]
    assert flux.taille_texte == len("Mairie de Paris") + len("Budget de Paris")


def test_des_entites_imbriquees_sont_mesurees_sans_etre_developpees() -> None:
    niveaux = "".join(
        f'<!ENTITY n{i} "{f"&n{i - 1};" * 10}">\n' for i in range(1, 10)
    )  # 10^9 times "lol"
    corps = (
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY n0 "lol">\n{niveaux}]>\n'
        '<rss version="2.0"><channel><title>&n9;</title></channel></rss>'
    ).encode()
    assert analyse.taille_developpee(corps, 10_000_000) == 10_000_001  # counted up to the cap
    with pytest.raises(ErreurFlux) as erreur:
        lire_flux(corps, "https://exemple.org/rss")
    assert erreur.value.code == "trop-gros"


def test_une_entite_qui_se_contient_est_refusee() -> None:
    corps = (
        b'<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY a "x&b;">\n<!ENTITY b "y&a;">\n]>\n'
        b'<rss version="2.0"><channel><title>&a;</title></channel></rss>'
    )
    with pytest.raises(ErreurFlux) as erreur:
        lire_flux(corps, "https://exemple.org/rss")
    assert erreur.value.code == "trop-gros"


def test_classer_le_singulier_d_un_mot_cle_au_pluriel() -> None:
    environnement = _groupe("environnement", "déchets", "bus")
    assert classer("Zéro déchet : la mairie s'engage", [environnement]) == [environnement]
    assert classer("Moins de déchets", [environnement]) == [environnement]
    assert classer("Un bus électrique", [environnement]) == [environnement]
    # Too short a word to lose its s: "bus" is not "bu".
    assert classer("Il a bu la tasse", [environnement]) == []


def test_une_exclusion_ecarte_une_expression_courante() -> None:
    espace = _groupe("espace-public", "place", "-en place", "-places en crèche")
    assert classer("La mairie met en place un plan canicule", [espace]) == []
    assert classer("Mise en place des nouvelles bornes", [espace]) == []
    assert classer("200 places en crèche de plus", [espace]) == []
    assert classer("La place de la République rénovée", [espace]) == [espace]
    # Excluded here, matched there: the phrase only is left out, not the article.
    assert classer("Mise en place d'une fontaine place Voltaire", [espace]) == [espace]
    # An exclusion on its own never matches anything.
    assert classer("Tout est en place", [_groupe("x", "-en place")]) == []


def _groupes_livres() -> list[Groupe]:
    definitions = lire_groupes(Path(__file__).resolve().parents[2] / "config" / "groupes.toml")
    return [
        Groupe(slug=d.slug, nom=d.nom, mots_cles="\n".join(d.mots_cles), actif=True)
        for d in definitions
    ]


@pytest.mark.parametrize(
    ("titre", "slugs"),
    [
        ("La Ville met en place un plan canicule", ["environnement"]),
        ("Réunion publique au 12 rue de la Roquette sur le budget", []),
        ("Zéro déchet : les commerçants du 11e s'engagent", ["environnement"]),
        ("Encadrement des loyers : des amendes pour 300 propriétaires", ["social-education"]),
        ("Le climat social se tend à l'Hôtel de Ville", []),
        ("Des places en crèche supplémentaires dans le 19e", ["social-education"]),
        ("La place de la Bastille rendue aux piétons", ["espace-public"]),
        ("Une rue aux écoles de plus dans le 20e", ["social-education", "espace-public"]),
    ],
)
def test_les_mots_cles_livres_evitent_les_faux_amis(titre: str, slugs: list[str]) -> None:
    assert [g.slug for g in classer(titre, _groupes_livres())] == slugs
