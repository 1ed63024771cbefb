"""Fetching feeds and pages from a local server, and the collection tick: conditional
requests, failures, backoff, deactivation with a notice to staff."""

from __future__ import annotations

import asyncio
import contextlib
import errno
import gc
import ipaddress
import itertools
import socket
import threading
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee.db import FabriqueSessions
from assemblee.horloge import HorlogeFigee
from assemblee.membres import creer_membre
from assemblee.modeles import Article, ArticleGroupe, Envoi, Groupe, Role, Source
from assemblee.textes import Catalogue, visible
from config.reglages import Reglages
from tests.conftest import reglages_test
from tests.outils.fabriques import membres_actifs
from tests.veille.serveur import TYPE_HTML, ServeurFlux
from veille import analyse, collecte
from veille.collecte import ErreurTelechargement, telecharger, tick, titre_de_page

INTERVALLE = timedelta(minutes=30)
AJOUT = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


CATALOGUE = Catalogue()


def reglages(**valeurs: Any) -> Reglages:
    return reglages_test(**{"veille_intervalle_minutes": 30, "veille_echecs_max": 3, **valeurs})


def port_ferme() -> int:
    with socket.socket() as prise:
        prise.bind(("127.0.0.1", 0))
        return int(prise.getsockname()[1])


def rss(nombre: int, flux: int = 0, titre: str = "Flux généré") -> bytes:
    """A feed of `nombre` items. Each title has its own number, across feeds too: otherwise
    they would be near-identical titles from other sources, hence duplicates."""
    items = "".join(
        f"<item><title>Dépêche n° {flux * 10_000 + i} : la végétalisation du quartier</title>"
        f"<link>https://exemple.org/{flux}/{i}</link><guid>{flux}-{i}</guid>"
        f"<description>&lt;p&gt;Résumé {i} : {'texte ' * 30}&lt;/p&gt;</description></item>"
        for i in range(nombre)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{titre}</title>{items}</channel></rss>"
    ).encode()


async def nouvelle_source(session: AsyncSession, url: str, nom: str = "Flux") -> Source:
    source = Source(nom=nom, url=url, ajoutee_le=AJOUT)
    session.add(source)
    await session.commit()
    return source


async def recharger(sessions: FabriqueSessions, source_id: int | None) -> Source:
    async with sessions() as session:
        source = await session.get(Source, source_id)
        assert source is not None
        return source


async def compter(sessions: FabriqueSessions, modele: Any) -> int:
    async with sessions() as session:
        return int((await session.exec(select(func.count()).select_from(modele))).one())


# --- telecharger --------------------------------------------------------------------------------


async def test_telecharger_un_flux(serveur: ServeurFlux, client: httpx.AsyncClient) -> None:
    serveur.fichier(
        "rss.xml", "rss.xml", etag='"v1"', derniere_modification="Tue, 24 Nov 2026 09:00:00 GMT"
    )
    url = serveur.redirection("ancien", serveur.url("rss.xml"))
    resultat = await telecharger(client, url, delai=5, taille_max=100_000)
    assert resultat.statut == 200
    assert resultat.contenu.startswith(b'<?xml version="1.0"')
    assert resultat.etag == '"v1"'
    assert resultat.derniere_modification == "Tue, 24 Nov 2026 09:00:00 GMT"
    assert resultat.url_finale == serveur.url("rss.xml")
    assert resultat.type_contenu is not None and "rss" in resultat.type_contenu


async def test_telecharger_avec_etag_recoit_304(
    serveur: ServeurFlux, client: httpx.AsyncClient
) -> None:
    url = serveur.fichier("rss.xml", "rss.xml", etag='"v1"')
    resultat = await telecharger(client, url, delai=5, taille_max=100_000, etag='"v1"')
    assert (resultat.statut, resultat.contenu) == (304, b"")
    assert serveur.requetes_vers("rss.xml")[0].entetes["If-None-Match"] == '"v1"'


@pytest.mark.parametrize("statut", [404, 500, 503])
async def test_telecharger_une_erreur_http(
    serveur: ServeurFlux, client: httpx.AsyncClient, statut: int
) -> None:
    url = serveur.erreur("panne", statut)
    with pytest.raises(ErreurTelechargement) as erreur:
        await telecharger(client, url, delai=5, taille_max=100_000)
    assert erreur.value.code == "http"
    assert str(statut) in erreur.value.detail


@pytest.mark.parametrize(
    "url", ["ftp://exemple.org/flux", "pas une adresse", "http://", "file:///etc/passwd"]
)
async def test_telecharger_refuse_ce_qui_n_est_pas_http(
    client: httpx.AsyncClient, url: str
) -> None:
    with pytest.raises(ErreurTelechargement) as erreur:
        await telecharger(client, url, delai=5, taille_max=100_000)
    assert erreur.value.code == "url-invalide"


async def test_telecharger_un_serveur_injoignable(client: httpx.AsyncClient) -> None:
    with pytest.raises(ErreurTelechargement) as erreur:
        await telecharger(
            client, f"http://127.0.0.1:{port_ferme()}/flux", delai=5, taille_max=100_000
        )
    assert erreur.value.code == "injoignable"


async def test_un_serveur_qui_ne_repond_pas_finit_en_delai(
    serveur: ServeurFlux, client: httpx.AsyncClient
) -> None:
    url = serveur.suspendu("suspendu")
    with pytest.raises(ErreurTelechargement) as erreur:
        # The outer bound only keeps a regression from hanging; "delai" says the deadline ended it.
        await asyncio.wait_for(telecharger(client, url, delai=0.2, taille_max=100_000), 60)
    assert erreur.value.code == "delai"


async def test_une_reponse_sans_fin_est_coupee_a_la_taille_max(
    serveur: ServeurFlux, client: httpx.AsyncClient
) -> None:
    # 50 MB announced by nothing (chunked): reading stops just past the cap.
    url = serveur.enorme("enorme", 50_000_000)
    with pytest.raises(ErreurTelechargement) as erreur:
        # A deadline far beyond what reading 100 kB takes, even on a busy machine: "trop-gros"
        # (not "delai") says the cap ended it.
        await telecharger(client, url, delai=60, taille_max=100_000)
    assert erreur.value.code == "trop-gros"


async def test_une_taille_annoncee_trop_grosse_est_refusee(
    serveur: ServeurFlux, client: httpx.AsyncClient
) -> None:
    url = serveur.contenu("gros", rss(500))
    with pytest.raises(ErreurTelechargement) as erreur:
        await telecharger(client, url, delai=5, taille_max=10_000)
    assert erreur.value.code == "trop-gros"


# --- titre_de_page ------------------------------------------------------------------------------


async def test_titre_de_page_prend_og_title(
    serveur: ServeurFlux, client: httpx.AsyncClient
) -> None:
    url = serveur.fichier("article", "page-og.html", type_contenu=TYPE_HTML)
    assert await titre_de_page(client, url, delai=5, taille_max=100_000) == (
        url,
        "Le jardin partagé de la Butte-aux-Cailles s'agrandit",
    )


async def test_titre_de_page_sinon_le_titre(
    serveur: ServeurFlux, client: httpx.AsyncClient
) -> None:
    # Served without a charset: the page's <meta> says windows-1252.
    url = serveur.fichier("salles", "page-titre.html", type_contenu="text/html")
    _, titre = await titre_de_page(client, url, delai=5, taille_max=100_000)
    assert titre == "Canicule : les salles rafraîchies ouvertes tout l'été"


async def test_titre_de_page_lit_seulement_le_debut_d_une_grosse_page(
    serveur: ServeurFlux, client: httpx.AsyncClient
) -> None:
    page = "<html><head><title>Grosse page</title></head><body>" + "<p>x</p>" * 100_000
    url = serveur.contenu("grosse", page, type_contenu=TYPE_HTML)
    assert (await titre_de_page(client, url, delai=5, taille_max=10_000))[1] == "Grosse page"


async def test_titre_de_page_sinon_le_nom_du_site(
    serveur: ServeurFlux, client: httpx.AsyncClient
) -> None:
    url = serveur.contenu("document", b"%PDF-1.7 ...", type_contenu="application/pdf")
    assert await titre_de_page(client, url, delai=5, taille_max=100_000) == (url, "127.0.0.1")


async def test_titre_de_page_d_un_lien_mort(
    serveur: ServeurFlux, client: httpx.AsyncClient
) -> None:
    with pytest.raises(ErreurTelechargement) as erreur:
        await titre_de_page(client, serveur.url("disparu"), delai=5, taille_max=100_000)
    assert erreur.value.code == "http"
    with pytest.raises(ErreurTelechargement) as erreur:
        await titre_de_page(
            client, f"http://127.0.0.1:{port_ferme()}/", delai=5, taille_max=100_000
        )
    assert erreur.value.code == "injoignable"


# --- the tick -----------------------------------------------------------------------------------


async def test_tick_collecte_classe_et_programme_la_suite(
    session: AsyncSession,
    sessions: FabriqueSessions,
    horloge: HorlogeFigee,
    groupes_config: dict[str, Groupe],
    serveur: ServeurFlux,
    client: httpx.AsyncClient,
) -> None:
    source = await nouvelle_source(session, serveur.fichier("rss.xml", "rss.xml", etag='"v1"'))
    maintenant = horloge.maintenant()
    bilan = await tick(
        sessions, client=client, maintenant=maintenant, reglages=reglages(), catalogue=CATALOGUE
    )
    assert (bilan.dues, bilan.collectees, bilan.articles, bilan.echecs) == (1, 1, 3, 0)
    apres = await recharger(sessions, source.id)
    assert apres.etag == '"v1"'
    assert apres.collectee_le == maintenant
    assert apres.echecs == 0
    assert apres.prochaine_collecte_le is not None
    assert (
        maintenant + INTERVALLE / 2 < apres.prochaine_collecte_le <= maintenant + INTERVALLE * 3 / 2
    )
    assert await compter(sessions, Article) == 3
    # Bastille in two groups, the schools and Voltaire in one each.
    assert await compter(sessions, ArticleGroupe) == 4


async def test_tick_ne_collecte_que_les_sources_dues(
    session: AsyncSession,
    sessions: FabriqueSessions,
    horloge: HorlogeFigee,
    serveur: ServeurFlux,
    client: httpx.AsyncClient,
) -> None:
    due = await nouvelle_source(session, serveur.fichier("a", "rss.xml"), "A")
    pas_encore = await nouvelle_source(session, serveur.fichier("b", "atom.xml"), "B")
    inactive = await nouvelle_source(session, serveur.fichier("c", "casse.xml"), "C")
    pas_encore.prochaine_collecte_le = horloge.maintenant() + timedelta(minutes=5)
    inactive.active = False
    session.add_all([pas_encore, inactive])
    await session.commit()
    bilan = await tick(
        sessions,
        client=client,
        maintenant=horloge.maintenant(),
        reglages=reglages(),
        catalogue=CATALOGUE,
    )
    assert bilan.dues == 1
    assert [r.chemin for r in serveur.requetes] == ["/a"]
    assert (await recharger(sessions, due.id)).collectee_le == horloge.maintenant()


async def test_deuxieme_collecte_conditionnelle_etag(
    session: AsyncSession,
    sessions: FabriqueSessions,
    horloge: HorlogeFigee,
    serveur: ServeurFlux,
    client: httpx.AsyncClient,
) -> None:
    source = await nouvelle_source(session, serveur.fichier("rss.xml", "rss.xml", etag='W/"abc"'))
    await tick(
        sessions,
        client=client,
        maintenant=horloge.maintenant(),
        reglages=reglages(),
        catalogue=CATALOGUE,
    )
    prochaine = (await recharger(sessions, source.id)).prochaine_collecte_le
    assert prochaine is not None
    # Not due yet: nothing fetched.
    horloge.regler(prochaine - timedelta(seconds=1))
    bilan = await tick(
        sessions,
        client=client,
        maintenant=horloge.maintenant(),
        reglages=reglages(),
        catalogue=CATALOGUE,
    )
    assert bilan.dues == 0
    assert len(serveur.requetes) == 1
    horloge.regler(prochaine)
    bilan = await tick(
        sessions,
        client=client,
        maintenant=horloge.maintenant(),
        reglages=reglages(),
        catalogue=CATALOGUE,
    )
    assert (bilan.collectees, bilan.inchangees, bilan.articles) == (1, 1, 0)
    assert serveur.requetes[-1].entetes["If-None-Match"] == 'W/"abc"'
    apres = await recharger(sessions, source.id)
    assert apres.collectee_le == prochaine
    assert apres.etag == 'W/"abc"'  # a 304 keeps the validators
    # A steady rhythm: the next slot is exactly one interval later.
    assert apres.prochaine_collecte_le == prochaine + INTERVALLE
    assert await compter(sessions, Article) == 3


async def test_deuxieme_collecte_conditionnelle_last_modified(
    session: AsyncSession,
    sessions: FabriqueSessions,
    horloge: HorlogeFigee,
    serveur: ServeurFlux,
    client: httpx.AsyncClient,
) -> None:
    date = "Tue, 24 Nov 2026 09:00:00 GMT"
    source = await nouvelle_source(
        session, serveur.fichier("atom", "atom.xml", derniere_modification=date)
    )
    await tick(
        sessions,
        client=client,
        maintenant=horloge.maintenant(),
        reglages=reglages(),
        catalogue=CATALOGUE,
    )
    assert (await recharger(sessions, source.id)).derniere_modification == date
    horloge.avancer(timedelta(hours=2))
    bilan = await tick(
        sessions,
        client=client,
        maintenant=horloge.maintenant(),
        reglages=reglages(),
        catalogue=CATALOGUE,
    )
    assert bilan.inchangees == 1
    assert serveur.requetes[-1].entetes["If-Modified-Since"] == date
    assert "If-None-Match" not in serveur.requetes[-1].entetes
    assert await compter(sessions, Article) == 2


async def test_sans_validateur_la_meme_page_n_ajoute_rien(
    session: AsyncSession,
    sessions: FabriqueSessions,
    horloge: HorlogeFigee,
    serveur: ServeurFlux,
    client: httpx.AsyncClient,
) -> None:
    await nouvelle_source(session, serveur.fichier("rss.xml", "rss.xml"))
    await tick(
        sessions,
        client=client,
        maintenant=horloge.maintenant(),
        reglages=reglages(),
        catalogue=CATALOGUE,
    )
    horloge.avancer(timedelta(hours=2))
    bilan = await tick(
        sessions,
        client=client,
        maintenant=horloge.maintenant(),
        reglages=reglages(),
        catalogue=CATALOGUE,
    )
    assert (bilan.collectees, bilan.inchangees, bilan.articles) == (1, 0, 0)
    assert await compter(sessions, Article) == 3


async def test_les_sources_sont_reparties_sur_l_intervalle(
    session: AsyncSession,
    sessions: FabriqueSessions,
    horloge: HorlogeFigee,
    serveur: ServeurFlux,
    client: httpx.AsyncClient,
) -> None:
    ids = []
    for i in range(6):
        ids.append(
            (await nouvelle_source(session, serveur.contenu(f"f{i}", rss(1, i)), f"F{i}")).id
        )
    await tick(
        sessions,
        client=client,
        maintenant=horloge.maintenant(),
        reglages=reglages(),
        catalogue=CATALOGUE,
    )
    prochaines = sorted([(await recharger(sessions, i)).prochaine_collecte_le for i in ids])  # type: ignore[type-var]
    assert len(set(prochaines)) == 6
    ecarts = [b - a for a, b in itertools.pairwise(prochaines)]  # type: ignore[operator]
    # Six sources in 30 minutes: none closer than 2 minutes to the next.
    assert min(ecarts) >= timedelta(minutes=2)


async def test_echecs_comptes_avec_attente_croissante_puis_desactivation_et_un_avis(
    session: AsyncSession,
    sessions: FabriqueSessions,
    horloge: HorlogeFigee,
    groupes_config: dict[str, Groupe],
    serveur: ServeurFlux,
    client: httpx.AsyncClient,
) -> None:
    groupe = groupes_config["environnement"]
    equipe = await membres_actifs(session, horloge.maintenant(), groupe, 2, role=Role.EQUIPE)
    await membres_actifs(session, horloge.maintenant(), groupe, 1, premier_telegram_id=20_000)
    # Staff not yet on Telegram: nobody to tell.
    await creer_membre(
        session,
        nom="Invitée",
        prenom="Zoé",
        role=Role.EQUIPE,
        groupes=[],
        maintenant=horloge.maintenant(),
    )
    await session.commit()
    source = await nouvelle_source(session, serveur.erreur("panne", 500), "Gazette du 18e")
    regl = reglages(veille_echecs_max=3)

    attentes = []
    for _ in range(3):
        bilan = await tick(
            sessions,
            client=client,
            maintenant=horloge.maintenant(),
            reglages=regl,
            catalogue=CATALOGUE,
        )
        assert bilan.echecs == 1
        apres = await recharger(sessions, source.id)
        assert apres.derniere_erreur == "serveur en panne (erreur 500)"
        if apres.active:
            assert apres.prochaine_collecte_le is not None
            attentes.append(apres.prochaine_collecte_le - horloge.maintenant())
            horloge.regler(apres.prochaine_collecte_le)
    assert attentes == [INTERVALLE, INTERVALLE * 2]
    assert bilan.desactivees == 1
    assert apres.echecs == 3
    assert not apres.active
    assert apres.desactivee_le == horloge.maintenant()

    async with sessions() as lecture:
        avis = list((await lecture.exec(select(Envoi).order_by(col(Envoi.membre_id)))).all())
    assert [a.membre_id for a in avis] == [m.id for m in equipe]
    horodatage = int(horloge.maintenant().timestamp())
    assert [a.cle for a in avis] == [
        f"source-desactivee:{source.id}:{horodatage}:{m.id}" for m in equipe
    ]
    assert visible(avis[0].texte) == (
        "⚠️ Le flux « Gazette du 18e » (" + source.url + ") ne répond plus depuis plusieurs "
        "relevés (serveur en panne (erreur 500)) : il est désactivé. /sources pour le réactiver "
        "ou le remplacer."
    )

    # Deactivated: no longer fetched, no second notice.
    requetes = len(serveur.requetes)
    horloge.avancer(timedelta(days=2))
    bilan = await tick(
        sessions,
        client=client,
        maintenant=horloge.maintenant(),
        reglages=regl,
        catalogue=CATALOGUE,
    )
    assert bilan.dues == 0
    assert len(serveur.requetes) == requetes
    assert await compter(sessions, Envoi) == 2


def test_l_attente_apres_echec_double_jusqu_a_un_jour() -> None:
    attentes = [collecte.attente_apres_echec(n, INTERVALLE) for n in range(1, 9)]
    assert attentes[:6] == [INTERVALLE * 2**k for k in range(6)]
    assert attentes[6:] == [timedelta(hours=24)] * 2


async def test_un_succes_remet_les_echecs_a_zero(
    session: AsyncSession,
    sessions: FabriqueSessions,
    horloge: HorlogeFigee,
    serveur: ServeurFlux,
    client: httpx.AsyncClient,
) -> None:
    url = serveur.erreur("flux", 503)
    source = await nouvelle_source(session, url)
    await tick(
        sessions,
        client=client,
        maintenant=horloge.maintenant(),
        reglages=reglages(),
        catalogue=CATALOGUE,
    )
    assert (await recharger(sessions, source.id)).echecs == 1
    serveur.fichier("flux", "rss.xml")
    horloge.avancer(INTERVALLE)
    bilan = await tick(
        sessions,
        client=client,
        maintenant=horloge.maintenant(),
        reglages=reglages(),
        catalogue=CATALOGUE,
    )
    assert bilan.articles == 3
    apres = await recharger(sessions, source.id)
    assert (apres.echecs, apres.derniere_erreur) == (0, None)


async def test_une_source_en_panne_n_arrete_pas_les_autres(
    session: AsyncSession,
    sessions: FabriqueSessions,
    horloge: HorlogeFigee,
    serveur: ServeurFlux,
    client: httpx.AsyncClient,
) -> None:
    suspendue = await nouvelle_source(session, serveur.suspendu("suspendu"), "Suspendue")
    page = await nouvelle_source(
        session, serveur.fichier("page", "page-og.html", type_contenu=TYPE_HTML), "Page"
    )
    grosse = await nouvelle_source(session, serveur.contenu("gros", rss(200)), "Grosse")
    bonne = await nouvelle_source(session, serveur.fichier("rss.xml", "rss.xml"), "Bonne")
    # The outer bound only keeps a regression from hanging: the bilan says each feed ended
    # in its own deadline or cap. The deadline is long enough for the good feeds to answer on a
    # machine whose cores are all busy (0.2 s was not: they timed out too under stress-ng).
    bilan = await asyncio.wait_for(
        tick(
            sessions,
            client=client,
            maintenant=horloge.maintenant(),
            reglages=reglages(veille_delai_secondes=3, veille_taille_max_octets=10_000),
            catalogue=CATALOGUE,
        ),
        60,
    )
    assert (bilan.collectees, bilan.echecs, bilan.articles) == (1, 3, 3)
    assert (
        await recharger(sessions, suspendue.id)
    ).derniere_erreur == "pas de réponse complète en 3 s"
    assert (
        await recharger(sessions, page.id)
    ).derniere_erreur == "ce document n'est pas un flux RSS ou Atom"
    assert "plus de 10 000 octets" in ((await recharger(sessions, grosse.id)).derniere_erreur or "")
    assert (await recharger(sessions, bonne.id)).echecs == 0


async def test_un_gros_flux_permis_est_lu_en_entier_hors_de_la_boucle(
    session: AsyncSession,
    sessions: FabriqueSessions,
    horloge: HorlogeFigee,
    serveur: ServeurFlux,
    client: httpx.AsyncClient,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lire = analyse.lire_flux
    fils: list[threading.Thread] = []

    def lire_et_noter(contenu: bytes, url: str) -> analyse.Flux:
        fils.append(threading.current_thread())
        return lire(contenu, url)

    monkeypatch.setattr(analyse, "lire_flux", lire_et_noter)
    contenu = rss(2000)
    assert len(contenu) > 500_000
    await nouvelle_source(session, serveur.contenu("gros", contenu))
    bilan = await tick(
        sessions,
        client=client,
        maintenant=horloge.maintenant(),
        reglages=reglages(),
        catalogue=CATALOGUE,
    )
    assert bilan.articles == 2000
    assert await compter(sessions, Article) == 2000
    assert fils and fils[0] is not threading.main_thread()


async def test_pas_plus_de_quatre_sources_a_la_fois(
    session: AsyncSession,
    sessions: FabriqueSessions,
    horloge: HorlogeFigee,
    serveur: ServeurFlux,
    client: httpx.AsyncClient,
) -> None:
    for i in range(9):
        await nouvelle_source(session, serveur.contenu(f"f{i}", rss(2, i), latence=0.05), f"F{i}")
    bilan = await tick(
        sessions,
        client=client,
        maintenant=horloge.maintenant(),
        reglages=reglages(),
        catalogue=CATALOGUE,
    )
    assert (bilan.collectees, bilan.articles) == (9, 18)
    assert serveur.en_vol_max == collecte.SIMULTANEES == 4


async def test_une_source_retiree_pendant_la_collecte_n_est_pas_touchee(
    session: AsyncSession,
    sessions: FabriqueSessions,
    horloge: HorlogeFigee,
    serveur: ServeurFlux,
    client: httpx.AsyncClient,
) -> None:
    source = await nouvelle_source(session, serveur.contenu("lent", rss(3), latence=0.3))

    async def retirer_pendant() -> None:
        await serveur.requete_recue.wait()
        async with sessions() as autre:
            retiree = await autre.get(Source, source.id)
            assert retiree is not None
            retiree.active = False
            autre.add(retiree)
            await autre.commit()

    _, bilan = await asyncio.gather(
        retirer_pendant(),
        tick(
            sessions,
            client=client,
            maintenant=horloge.maintenant(),
            reglages=reglages(),
            catalogue=CATALOGUE,
        ),
    )
    assert bilan.collectees == 0
    assert await compter(sessions, Article) == 0
    assert (await recharger(sessions, source.id)).collectee_le is None


async def test_une_erreur_inattendue_compte_comme_un_echec(
    session: AsyncSession,
    sessions: FabriqueSessions,
    horloge: HorlogeFigee,
    serveur: ServeurFlux,
    client: httpx.AsyncClient,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def planter(contenu: bytes, url: str) -> analyse.Flux:
        raise ValueError("feedparser perdu")

    monkeypatch.setattr(analyse, "lire_flux", planter)
    source = await nouvelle_source(session, serveur.fichier("rss.xml", "rss.xml"))
    bilan = await tick(
        sessions,
        client=client,
        maintenant=horloge.maintenant(),
        reglages=reglages(),
        catalogue=CATALOGUE,
    )
    assert bilan.echecs == 1
    apres = await recharger(sessions, source.id)
    assert (apres.echecs, apres.derniere_erreur) == (1, "erreur interne (ValueError)")
    # It backs off like any failure rather than being retried at every tick.
    assert apres.prochaine_collecte_le == horloge.maintenant() + INTERVALLE


# --- local and private addresses ------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:{port}/rss.xml",
        "http://localhost:{port}/rss.xml",  # a name resolving to loopback (resolved locally)
        "http://[::1]:{port}/rss.xml",
        "http://[::ffff:127.0.0.1]:{port}/rss.xml",
        "http://10.0.0.8/rss.xml",
        "http://192.168.1.1/admin",
        "http://169.254.169.254/latest/meta-data/",  # a cloud's metadata service
        "http://0.0.0.0:{port}/rss.xml",
    ],
)
async def test_par_defaut_les_adresses_locales_et_privees_sont_refusees(
    serveur: ServeurFlux, url: str
) -> None:
    serveur.fichier("/rss.xml", "rss.xml")
    port = serveur.base.rsplit(":", 1)[1]
    async with collecte.creer_client() as client:
        with pytest.raises(ErreurTelechargement) as erreur:
            await telecharger(client, url.format(port=port), delai=5, taille_max=100_000)
        with pytest.raises(ErreurTelechargement) as erreur_page:
            await titre_de_page(client, url.format(port=port), delai=5, taille_max=100_000)
    assert erreur.value.code == erreur_page.value.code == "adresse-privee"
    assert serveur.requetes_vers("/rss.xml") == []  # refused before connecting


async def test_une_redirection_vers_le_reseau_prive_est_refusee() -> None:
    vues: list[str] = []

    def repondre(requete: httpx.Request) -> httpx.Response:
        vues.append(str(requete.url))
        return httpx.Response(302, headers={"Location": "http://192.168.0.1/routeur"})

    async with collecte.creer_client(transport=httpx.MockTransport(repondre)) as client:
        with pytest.raises(ErreurTelechargement) as erreur:
            # A public address (an IP literal: no name to resolve, nothing leaves the machine).
            await titre_de_page(client, "http://93.184.215.14/article", delai=5, taille_max=10_000)
    assert erreur.value.code == "adresse-privee"
    assert vues == ["http://93.184.215.14/article"]  # the redirect's target was never asked


async def test_une_adresse_publique_passe_la_garde() -> None:
    def repondre(requete: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, html="<html><head><title>Budget participatif</title></head></html>"
        )

    async with collecte.creer_client(transport=httpx.MockTransport(repondre)) as client:
        url, titre = await titre_de_page(
            client, "https://[2606:4700::6810:84e5]/budget", delai=5, taille_max=10_000
        )
    assert (url, titre) == ("https://[2606:4700::6810:84e5]/budget", "Budget participatif")


@pytest.mark.parametrize(
    "adresse",
    [
        "::127.0.0.1",  # IPv4-compatible
        "::ffff:127.0.0.1",  # IPv4-mapped
        "::ffff:10.0.0.8",
        "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
        "64:ff9b::c0a8:101",  # NAT64 of 192.168.1.1
        "2002:7f00:1::1",  # 6to4 of 127.0.0.1
        "2002:a9fe:a9fe::1",  # 6to4 of 169.254.169.254
    ],
)
async def test_une_adresse_ipv6_portant_une_adresse_privee_est_refusee(adresse: str) -> None:
    vues: list[str] = []

    def repondre(requete: httpx.Request) -> httpx.Response:
        vues.append(str(requete.url))
        return httpx.Response(200, html="<title>Intranet</title>")

    async with collecte.creer_client(transport=httpx.MockTransport(repondre)) as client:
        with pytest.raises(ErreurTelechargement) as erreur:
            await titre_de_page(client, f"http://[{adresse}]/", delai=5, taille_max=10_000)
    assert erreur.value.code == "adresse-privee"
    assert vues == []


@pytest.mark.parametrize("adresse", ["64:ff9b::808:808", "2002:808:808::1", "2606:4700::1"])
def test_une_adresse_ipv6_portant_une_adresse_publique_passe(adresse: str) -> None:
    assert collecte.adresse_publique(adresse)


class Rebond:
    """A resolver stub for one name: a public address the first time, loopback after (DNS
    rebinding); "site.exemple" is always public. Other names go to the tests' guarded
    resolver. Connections are recorded; with `public_local`, the public address leads to
    the local test server (a public site, played by it), otherwise nowhere (as offline)."""

    PUBLIQUE = "93.184.215.14"

    def __init__(self, monkeypatch: pytest.MonkeyPatch, nom: str, public_local: bool) -> None:
        self.nom = nom
        self.reponses = 0
        self.connexions: list[str] = []
        resoudre = socket.getaddrinfo
        connecter = socket.socket.connect

        def getaddrinfo(hote: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
            hote = hote.decode() if isinstance(hote, bytes) else hote  # anyio passes bytes
            if hote == nom:
                self.reponses += 1
                ip = self.PUBLIQUE if self.reponses == 1 else "127.0.0.1"
            elif hote == "site.exemple":
                ip = self.PUBLIQUE
            else:
                try:
                    ip = str(ipaddress.ip_address(str(hote)))
                except ValueError:
                    return resoudre(hote, port, *args, **kwargs)
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, int(port or 0)))]

        def connect(prise: socket.socket, adresse: Any) -> Any:
            self.connexions.append(str(adresse[0]))
            if str(adresse[0]) == self.PUBLIQUE and public_local:
                return connecter(prise, ("127.0.0.1", adresse[1]))
            if str(adresse[0]) != "127.0.0.1":
                # What an offline machine answers, rather than the guard's AssertionError.
                raise OSError(errno.ENETUNREACH, "Network is unreachable")
            return connecter(prise, adresse)

        monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
        monkeypatch.setattr(socket.socket, "connect", connect)


async def test_un_nom_qui_change_d_adresse_n_atteint_jamais_la_machine(
    serveur: ServeurFlux, monkeypatch: pytest.MonkeyPatch
) -> None:
    serveur.fichier("/rss.xml", "rss.xml")
    serveur.contenu("/page", "<title>Service local</title>", type_contenu=TYPE_HTML)
    port = serveur.base.rsplit(":", 1)[1]
    rebond = Rebond(monkeypatch, "rebond.exemple", public_local=False)
    async with collecte.creer_client() as client:
        with pytest.raises(ErreurTelechargement) as erreur:
            await telecharger(
                client, f"http://rebond.exemple:{port}/rss.xml", delai=5, taille_max=100_000
            )
        with pytest.raises(ErreurTelechargement) as erreur_page:
            await titre_de_page(
                client, f"http://rebond.exemple:{port}/page", delai=5, taille_max=100_000
            )
    # The first answer (public) was checked and connected to; the second (loopback) refused.
    assert erreur.value.code == "injoignable"
    assert erreur_page.value.code == "adresse-privee"
    assert rebond.connexions == [Rebond.PUBLIQUE]
    assert serveur.requetes == []


async def test_une_redirection_vers_un_nom_local_est_refusee_a_la_connexion(
    serveur: ServeurFlux, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A redirect's target name is resolved and checked the same way, at its own connection."""
    port = serveur.base.rsplit(":", 1)[1]
    serveur.redirection("/lien", f"http://rebond.exemple:{port}/cible")
    serveur.contenu("/cible", "<title>Service local</title>", type_contenu=TYPE_HTML)
    rebond = Rebond(monkeypatch, "rebond.exemple", public_local=True)
    rebond.reponses = 1  # it answered once already: loopback from now on
    async with collecte.creer_client() as client:
        with pytest.raises(ErreurTelechargement) as erreur:
            await titre_de_page(
                client, f"http://site.exemple:{port}/lien", delai=5, taille_max=10_000
            )
    assert erreur.value.code == "adresse-privee"
    assert rebond.connexions == [Rebond.PUBLIQUE]  # the public site only
    assert [r.chemin for r in serveur.requetes] == ["/lien"]
    # The Host header named the site, not the address connected to.
    assert serveur.requetes[0].entetes["Host"] == f"site.exemple:{port}"


# --- entity expansion -----------------------------------------------------------------------------


def bombe(valeur: int = 4_000, references: int = 4_000) -> bytes:
    """A 16 kB feed whose one declared entity, referenced 4,000 times, expands to 16 MB."""
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY rire "'
        + "ha" * (valeur // 2)
        + '">\n]>\n'
        '<rss version="2.0"><channel><title>Rires</title><item><title>Ha</title>'
        "<link>https://exemple.org/ha</link><description>"
        + "&rire;" * references
        + "</description></item></channel></rss>"
    ).encode()


async def test_un_flux_dont_les_entites_explosent_est_un_echec_sans_le_lire(
    session: AsyncSession,
    sessions: FabriqueSessions,
    horloge: HorlogeFigee,
    serveur: ServeurFlux,
    client: httpx.AsyncClient,
) -> None:
    corps = bombe()
    assert len(corps) < 30_000
    assert analyse.taille_developpee(corps, 10**9) >= 16_000_000
    source = await nouvelle_source(session, serveur.contenu("rires.xml", corps))
    maintenant = horloge.maintenant()
    tracemalloc.start()
    try:
        bilan = await tick(
            sessions, client=client, maintenant=maintenant, reglages=reglages(), catalogue=CATALOGUE
        )
        _, pic = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (bilan.collectees, bilan.echecs, bilan.articles) == (0, 1, 0)
    apres = await recharger(sessions, source.id)
    assert apres.echecs == 1
    assert apres.derniere_erreur is not None
    assert apres.derniere_erreur.startswith("texte du flux trop volumineux une fois lu")
    assert apres.prochaine_collecte_le == maintenant + INTERVALLE
    # The 16 MB of text were never made: the tick's memory stayed far below it.
    assert pic < 4_000_000
    assert await compter(sessions, Article) == 0


async def test_la_prochaine_tentative_est_ecrite_avant_de_lire_le_flux(
    session: AsyncSession,
    sessions: FabriqueSessions,
    horloge: HorlogeFigee,
    serveur: ServeurFlux,
    client: httpx.AsyncClient,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A crash while parsing (memory exhausted, the process killed) cannot loop: the next
    attempt is already in the database, one failure's backoff away."""

    class Plantage(BaseException):
        pass

    def planter(contenu: bytes, url: str) -> analyse.Flux:
        raise Plantage

    monkeypatch.setattr(analyse, "lire_flux", planter)
    source = await nouvelle_source(session, serveur.fichier("rss.xml", "rss.xml"))
    source.echecs = 1
    session.add(source)
    await session.commit()
    maintenant = horloge.maintenant()
    with pytest.raises(Plantage):
        await tick(
            sessions, client=client, maintenant=maintenant, reglages=reglages(), catalogue=CATALOGUE
        )
    apres = await recharger(sessions, source.id)
    assert apres.prochaine_collecte_le == maintenant + 2 * INTERVALLE
    dues = await tick(
        sessions, client=client, maintenant=maintenant, reglages=reglages(), catalogue=CATALOGUE
    )
    assert dues.dues == 0


# --- the event loop stays free ----------------------------------------------------------------


class RetardBoucle:
    """How long the event loop was held up while in the `with`, in CPU time: a task asks to
    wake every 5 ms, and between two of its wake-ups adds up the CPU time spent where the loop
    could not run: its own thread's (`time.thread_time`), and the garbage collections other
    threads ran meanwhile (a collection holds the GIL from start to end, the loop waits it
    out). `cpu_max`, the longest such stretch, is what tests assert: a machine too busy to run
    this process does not inflate it. `mur_max`, how late the task woke by the wall clock, is
    information only (it counts the other processes' turns, and other threads' work)."""

    PAS = 0.005

    def __init__(self) -> None:
        self.cpu_max = 0.0
        self.mur_max = 0.0
        self.reveils = 0
        self._tache: asyncio.Task[None] | None = None
        self._fil = threading.get_ident()  # the event loop's thread
        self._gc_ailleurs = 0.0  # CPU seconds of collections run by other threads
        self._debuts_gc: dict[int, float] = {}
        self._cpu_avant = time.thread_time()
        self._gc_avant = 0.0
        self._mur_avant = time.perf_counter()

    def _collecte(self, phase: str, info: dict[str, int]) -> None:
        """gc.callbacks: runs in the thread that collects."""
        fil = threading.get_ident()
        if fil == self._fil:
            return  # in the loop's thread: already in its CPU time
        if phase == "start":
            self._debuts_gc[fil] = time.thread_time()
        elif fil in self._debuts_gc:
            self._gc_ailleurs += time.thread_time() - self._debuts_gc.pop(fil)

    def _noter(self) -> None:
        cpu = time.thread_time() - self._cpu_avant + self._gc_ailleurs - self._gc_avant
        self.cpu_max = max(self.cpu_max, cpu)
        self.mur_max = max(self.mur_max, time.perf_counter() - self._mur_avant - self.PAS)

    async def _mesurer(self) -> None:
        while True:
            self._cpu_avant = time.thread_time()
            self._gc_avant = self._gc_ailleurs
            self._mur_avant = time.perf_counter()
            await asyncio.sleep(self.PAS)
            self._noter()
            self.reveils += 1

    async def __aenter__(self) -> RetardBoucle:
        gc.callbacks.append(self._collecte)
        self._tache = asyncio.create_task(self._mesurer())
        await asyncio.sleep(0)
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._tache is not None
        # The wake-up still pending has waited this long already (a hold-up at the very end).
        self._noter()
        gc.callbacks.remove(self._collecte)
        self._tache.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._tache

    def __repr__(self) -> str:
        return (
            f"boucle bloquée au plus {self.cpu_max * 1000:.1f} ms de calcul "
            f"(retard à l'horloge murale {self.mur_max * 1000:.1f} ms, {self.reveils} réveils)"
        )


def grosse_page(taille: int) -> str:
    """A page of `taille` bytes whose head never ends: every tag of it is work for a parser."""
    tete = (
        '<html><head><meta property="og:title" content="Budget participatif : les résultats">'
        "<title>Budget participatif</title>"
    )
    lien = '<link rel="preload" href="/style.css" as="style" data-v="1">'
    return tete + lien * ((taille - len(tete)) // len(lien))


async def test_le_titre_d_une_grosse_page_ne_bloque_pas_la_boucle(
    serveur: ServeurFlux, client: httpx.AsyncClient
) -> None:
    url = serveur.contenu("page", grosse_page(3_000_000), type_contenu=TYPE_HTML)
    # A first small page: the one-time costs of a first request (lazy imports, the server's
    # first answer) are not what is measured.
    petite = serveur.contenu("petite", "<title>Accueil</title>", type_contenu=TYPE_HTML)
    await titre_de_page(client, petite, delai=60, taille_max=5_000_000)
    async with RetardBoucle() as retard:
        _, titre = await titre_de_page(client, url, delai=60, taille_max=5_000_000)
    assert titre == "Budget participatif : les résultats"
    assert retard.reveils > 0
    assert retard.cpu_max < 0.1, retard


async def test_un_premier_releve_de_30_flux_ne_bloque_pas_la_boucle(
    session: AsyncSession,
    sessions: FabriqueSessions,
    horloge: HorlogeFigee,
    groupes_config: dict[str, Groupe],
    serveur: ServeurFlux,
    client: httpx.AsyncClient,
) -> None:
    # A first start: 30 feeds of 200 items, all new, to read, deduplicate, file and store.
    urls = [serveur.contenu(f"flux{i}", rss(200, i)) for i in range(30)]
    for i, url in enumerate(urls):
        await nouvelle_source(session, url, f"Flux {i}")
    # The one-time costs of a first request (lazy imports) are not what is measured.
    await telecharger(client, urls[0], delai=60, taille_max=5_000_000)
    # A full garbage collection scans every object of this process (pytest's 350 000: about
    # 0.3 s, the GIL held): the tick must not set one off. Collected first, so that what the
    # tests before this one left behind does not decide.
    gc.collect()
    async with RetardBoucle() as retard:
        bilan = await tick(
            sessions,
            client=client,
            maintenant=horloge.maintenant(),
            reglages=reglages(),
            catalogue=CATALOGUE,
        )
    assert (bilan.collectees, bilan.articles, bilan.echecs) == (30, 6000, 0)
    assert await compter(sessions, ArticleGroupe) == 6000  # "végétalisation": environnement
    assert retard.reveils > 0
    assert retard.cpu_max < 0.1, retard


async def test_le_titre_d_une_page_est_lu_dans_sa_tete_seulement(
    serveur: ServeurFlux, client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    lus: list[int] = []
    lire = collecte._lire_titre

    def espion(contenu: bytes, type_contenu: str | None) -> tuple[str | None, str]:
        lus.append(len(contenu))
        return lire(contenu, type_contenu)

    monkeypatch.setattr(collecte, "_lire_titre", espion)
    tete = "<html><head><title>Vélib' : le bilan</title></head>"
    url = serveur.contenu(
        "page",
        tete + "<body>" + "<p>texte</p>" * 200_000 + "</body></html>",
        type_contenu=TYPE_HTML,
    )
    assert await titre_de_page(client, url, delai=30, taille_max=5_000_000) == (
        url,
        "Vélib' : le bilan",
    )
    url_sans_fin = serveur.contenu("sans-fin", grosse_page(3_000_000), type_contenu=TYPE_HTML)
    await titre_de_page(client, url_sans_fin, delai=30, taille_max=5_000_000)
    assert lus[0] < 200_000  # stopped at the end of the head
    assert lus[1] == collecte.TAILLE_MAX_PAGE
