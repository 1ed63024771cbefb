"""The watch's sources: the config file, its synchronisation, staff adding and removing feeds."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from sqlmodel import func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import journal
from assemblee.db import FabriqueSessions
from assemblee.horloge import HorlogeFigee
from assemblee.modeles import Article, Groupe, Membre, Role, Source
from assemblee.textes import Catalogue
from config.reglages import DOSSIER_CONFIG
from tests.conftest import reglages_test
from tests.outils.fabriques import membres_actifs
from tests.veille.serveur import TYPE_HTML, ServeurFlux
from veille import collecte, sources
from veille.sources import DefinitionSource, ErreurSource, ErreurSources, lire_sources


def fichier(tmp_path: Path, texte: str) -> Path:
    chemin = tmp_path / "sources.toml"
    chemin.write_text(texte, encoding="utf-8")
    return chemin


async def toutes(session: AsyncSession) -> dict[str, Source]:
    return {s.url: s for s in (await session.exec(select(Source))).all()}


# --- the file -----------------------------------------------------------------------------------


def test_lire_le_fichier_livre() -> None:
    definitions = lire_sources(DOSSIER_CONFIG / "sources.toml")
    assert definitions
    assert all(d.url.startswith("https://") and d.nom for d in definitions)


def test_lire_sources(tmp_path: Path) -> None:
    chemin = fichier(
        tmp_path,
        '[[source]]\nnom = " Paris.fr "\nurl = "HTTPS://WWW.Paris.fr:443/rss/actualites#x"\n'
        '[[source]]\nnom = "Belleville"\nurl = "http://belleville.example.org/flux?format=rss"\n',
    )
    assert lire_sources(chemin) == [
        DefinitionSource("Paris.fr", "https://www.paris.fr/rss/actualites"),
        DefinitionSource("Belleville", "http://belleville.example.org/flux?format=rss"),
    ]


def test_un_fichier_sans_source_est_permis(tmp_path: Path) -> None:
    assert lire_sources(fichier(tmp_path, "# aucune source\n")) == []


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        ('[[source]]\nnom = "A"\nurl = "https://a.example.org/f"\n[[source]]\nnom = "B"\n',
         "source n°2 (B) : « url » manque"),
        ('[[source]]\nurl = "https://a.example.org/f"\n', "source n°1 : « nom » manque"),
        ('[[source]]\nnom = "A"\nurl = "ftp://a.example.org/f"\n', "source n°1 (A) : « url » doit"),
        ('[[source]]\nnom = "A"\nurl = "https://a.example.org/f"\n'
         '[[source]]\nnom = "B"\nurl = "https://A.example.org/f"\n',
         "source n°2 (B) : la même « url » que la source n°1"),
        ('[[source]\nnom = "A"\n', "syntaxe TOML invalide"),
        ('source = "https://a.example.org/f"\n', "blocs [[source]]"),
    ],
)  # fmt: skip
def test_un_fichier_faux_est_dit_clairement(tmp_path: Path, texte: str, attendu: str) -> None:
    chemin = fichier(tmp_path, texte)
    with pytest.raises(ErreurSources) as erreur:
        lire_sources(chemin)
    assert str(chemin) in str(erreur.value)
    assert attendu in str(erreur.value)


def test_un_fichier_absent(tmp_path: Path) -> None:
    with pytest.raises(ErreurSources, match="lecture impossible"):
        lire_sources(tmp_path / "absent.toml")


# --- synchronisation ----------------------------------------------------------------------------


async def test_synchroniser_cree_renomme_et_desactive(
    session: AsyncSession, horloge: HorlogeFigee
) -> None:
    maintenant = horloge.maintenant()
    a, b = "https://a.example.org/f", "https://b.example.org/f"
    await sources.synchroniser_sources(
        session, [DefinitionSource("A", a), DefinitionSource("B", b)], maintenant=maintenant
    )
    creees = await toutes(session)
    assert {u: (s.nom, s.active, s.depuis_config) for u, s in creees.items()} == {
        a: ("A", True, True),
        b: ("B", True, True),
    }
    assert creees[a].prochaine_collecte_le is None  # collected at the next tick

    plus_tard = maintenant + timedelta(days=1)
    await sources.synchroniser_sources(
        session, [DefinitionSource("A renommée", a)], maintenant=plus_tard
    )
    apres = await toutes(session)
    assert (apres[a].nom, apres[a].active) == ("A renommée", True)
    assert (apres[b].active, apres[b].depuis_config, apres[b].desactivee_le) == (
        False,
        False,
        plus_tard,
    )

    # Back in the file: reactivated, with a fresh start.
    await sources.synchroniser_sources(
        session, [DefinitionSource("A", a), DefinitionSource("B", b)], maintenant=plus_tard
    )
    revenue = (await toutes(session))[b]
    assert (revenue.active, revenue.depuis_config, revenue.desactivee_le) == (True, True, None)


async def test_synchroniser_ne_touche_pas_aux_sources_de_l_equipe(
    session: AsyncSession, horloge: HorlogeFigee
) -> None:
    maintenant = horloge.maintenant()
    session.add(Source(nom="Ajoutée", url="https://equipe.example.org/f", ajoutee_le=maintenant))
    await session.commit()
    await sources.synchroniser_sources(session, [], maintenant=maintenant)
    assert (await toutes(session))["https://equipe.example.org/f"].active


async def test_une_source_du_fichier_desactivee_le_reste_au_redemarrage(
    session: AsyncSession, horloge: HorlogeFigee
) -> None:
    # Deactivated after failures (or removed by staff): a restart must not undo it, nor
    # make staff receive the same notice again a few failures later.
    maintenant = horloge.maintenant()
    url = "https://a.example.org/f"
    await sources.synchroniser_sources(session, [DefinitionSource("A", url)], maintenant=maintenant)
    source = (await toutes(session))[url]
    source.active, source.echecs, source.desactivee_le = False, 5, maintenant
    session.add(source)
    await session.commit()
    await sources.synchroniser_sources(session, [DefinitionSource("A", url)], maintenant=maintenant)
    assert not (await toutes(session))[url].active


# --- adding and removing ------------------------------------------------------------------------


INTERVALLE = timedelta(minutes=30)
MODIFIE = "Wed, 25 Nov 2026 08:00:00 GMT"


async def ajouter(
    session: AsyncSession,
    client: httpx.AsyncClient,
    horloge: HorlogeFigee,
    url: str,
    nom: str | None = None,
    par: Membre | None = None,
) -> Source:
    return await sources.ajouter(
        session,
        url=url,
        nom=nom,
        auteur=journal.par_le_bot(par) if par else journal.CLI,
        client=client,
        maintenant=horloge.maintenant(),
        delai=5,
        taille_max=1_000_000,
    )


async def nombre_de_sources(session: AsyncSession) -> int:
    return int((await session.exec(select(func.count()).select_from(Source))).one())


async def test_ajouter_prend_le_titre_du_flux(
    session: AsyncSession,
    client: httpx.AsyncClient,
    horloge: HorlogeFigee,
    serveur: ServeurFlux,
    groupes_config: dict[str, Groupe],
) -> None:
    (equipier,) = await membres_actifs(
        session, horloge.maintenant(), groupes_config["environnement"], 1, role=Role.EQUIPE
    )
    url = serveur.fichier("atom.xml", "atom.xml")
    source = await ajouter(session, client, horloge, url, par=equipier)
    assert source.id is not None
    assert (source.nom, source.url, source.active, source.depuis_config) == (
        "Conseil de quartier — Belleville",
        url,
        True,
        False,
    )
    assert source.ajoutee_par_id == equipier.id
    assert source.ajoutee_le == horloge.maintenant()
    assert source.prochaine_collecte_le is None
    assert await sources.lister(session) == [source]


@pytest.mark.parametrize("avec_intervalle", [True, False])
async def test_ajouter_un_flux_compte_comme_sa_premiere_collecte(
    session: AsyncSession,
    sessions: FabriqueSessions,
    client: httpx.AsyncClient,
    horloge: HorlogeFigee,
    serveur: ServeurFlux,
    groupes_config: dict[str, Groupe],
    avec_intervalle: bool,
) -> None:
    """The check's download is not thrown away: its items are stored and its validators
    kept, so the next collection asks "changed since?" and gets a 304, not the feed again."""
    url = serveur.fichier("rss.xml", "rss.xml", etag='"v1"', derniere_modification=MODIFIE)
    source = await sources.ajouter(
        session,
        url=url,
        nom=None,
        auteur=journal.CLI,
        client=client,
        maintenant=horloge.maintenant(),
        delai=5,
        taille_max=1_000_000,
        intervalle=INTERVALLE if avec_intervalle else None,
    )
    assert (source.etag, source.derniere_modification) == ('"v1"', MODIFIE)
    assert source.collectee_le == horloge.maintenant()
    assert len((await session.exec(select(Article))).all()) == 3
    if avec_intervalle:
        assert source.prochaine_collecte_le is not None
        assert source.prochaine_collecte_le > horloge.maintenant() + INTERVALLE / 2
        quand = source.prochaine_collecte_le
    else:  # the CLI: collected at the next tick, conditionally
        assert source.prochaine_collecte_le is None
        quand = horloge.maintenant() + timedelta(minutes=1)
    bilan = await collecte.tick(
        sessions,
        client=client,
        maintenant=quand,
        reglages=reglages_test(veille_intervalle_minutes=30),
        catalogue=Catalogue(),
    )
    assert (bilan.collectees, bilan.inchangees, bilan.articles) == (1, 1, 0)
    premiere, seconde = serveur.requetes_vers("rss.xml")
    assert "If-None-Match" not in premiere.entetes
    assert seconde.entetes["If-None-Match"] == '"v1"'


async def test_ajouter_avec_un_nom_choisi(
    session: AsyncSession, client: httpx.AsyncClient, horloge: HorlogeFigee, serveur: ServeurFlux
) -> None:
    source = await ajouter(
        session, client, horloge, serveur.fichier("rss.xml", "rss.xml"), "  Mairie  "
    )
    assert source.nom == "Mairie"


@pytest.mark.parametrize(
    "url", ["pas une adresse", "ftp://exemple.org/flux", "javascript:alert(1)"]
)
async def test_ajouter_une_adresse_invalide(
    session: AsyncSession, client: httpx.AsyncClient, horloge: HorlogeFigee, url: str
) -> None:
    with pytest.raises(ErreurSource) as erreur:
        await ajouter(session, client, horloge, url)
    assert erreur.value.code == "url-invalide"
    assert await nombre_de_sources(session) == 0


@pytest.mark.parametrize(
    ("statut", "code"),
    [
        (404, "introuvable"),
        (410, "disparu"),
        (401, "acces-refuse"),
        (403, "acces-refuse"),
        (500, "panne"),
        (503, "panne"),
        (429, "http"),
    ],
)
async def test_ajouter_une_adresse_en_erreur_http_dit_laquelle(
    session: AsyncSession,
    client: httpx.AsyncClient,
    horloge: HorlogeFigee,
    serveur: ServeurFlux,
    statut: int,
    code: str,
) -> None:
    with pytest.raises(ErreurSource) as erreur:
        await ajouter(session, client, horloge, serveur.erreur("flux", statut))
    assert erreur.value.code == code
    assert str(statut) in erreur.value.detail
    assert await nombre_de_sources(session) == 0


async def test_ajouter_une_page_html(
    session: AsyncSession, client: httpx.AsyncClient, horloge: HorlogeFigee, serveur: ServeurFlux
) -> None:
    url = serveur.fichier("page", "page-og.html", type_contenu=TYPE_HTML)
    with pytest.raises(ErreurSource) as erreur:
        await ajouter(session, client, horloge, url)
    assert erreur.value.code == "pas-un-flux"
    assert await nombre_de_sources(session) == 0


async def test_ajouter_un_serveur_qui_ne_repond_pas(
    session: AsyncSession, client: httpx.AsyncClient, horloge: HorlogeFigee, serveur: ServeurFlux
) -> None:
    with pytest.raises(ErreurSource) as erreur:
        await sources.ajouter(
            session,
            url=serveur.suspendu("suspendu"),
            nom=None,
            auteur=journal.CLI,
            client=client,
            maintenant=horloge.maintenant(),
            delai=0.2,
            taille_max=100_000,
        )
    assert erreur.value.code == "delai"
    assert await nombre_de_sources(session) == 0


async def test_ajouter_une_source_deja_suivie(
    session: AsyncSession, client: httpx.AsyncClient, horloge: HorlogeFigee, serveur: ServeurFlux
) -> None:
    url = serveur.fichier("rss.xml", "rss.xml")
    await ajouter(session, client, horloge, url)
    requetes = len(serveur.requetes)
    with pytest.raises(ErreurSource) as erreur:
        await ajouter(session, client, horloge, url.replace("http://", "HTTP://") + "#ancre")
    assert erreur.value.code == "deja"
    assert len(serveur.requetes) == requetes  # refused before fetching
    # Also under another address that redirects to it.
    with pytest.raises(ErreurSource) as erreur:
        await ajouter(session, client, horloge, serveur.redirection("ancien", url))
    assert erreur.value.code == "deja"
    assert await nombre_de_sources(session) == 1


async def test_retirer_puis_rajouter_reactive_la_meme_source(
    session: AsyncSession, client: httpx.AsyncClient, horloge: HorlogeFigee, serveur: ServeurFlux
) -> None:
    url = serveur.fichier("rss.xml", "rss.xml")
    source = await ajouter(session, client, horloge, url, "Mairie")
    session.add(
        Article(
            source_id=source.id,
            url="https://exemple.org/a",
            titre="Un article",
            titre_normalise="un article",
            collecte_le=horloge.maintenant(),
        )
    )
    source.echecs, source.etag = 2, '"vieux"'
    session.add(source)
    await session.commit()
    articles = len((await session.exec(select(Article))).all())
    assert articles == 4  # the feed's 3 (its first collection) and this one

    horloge.avancer(timedelta(days=1))
    retiree = await sources.retirer(
        session, source_id=source.id or 0, auteur=journal.CLI, maintenant=horloge.maintenant()
    )
    assert (retiree.active, retiree.desactivee_le) == (False, horloge.maintenant())
    # Its articles stay.
    assert len((await session.exec(select(Article))).all()) == articles
    # Removing twice changes nothing.
    encore = await sources.retirer(
        session,
        source_id=source.id or 0,
        auteur=journal.CLI,
        maintenant=horloge.maintenant() + timedelta(hours=1),
    )
    assert encore.desactivee_le == horloge.maintenant()

    horloge.avancer(timedelta(days=1))
    revenue = await ajouter(session, client, horloge, url)
    assert revenue.id == source.id
    assert (revenue.active, revenue.desactivee_le, revenue.echecs, revenue.etag) == (
        True,
        None,
        0,
        None,
    )
    assert revenue.nom == "Mairie"  # no new name given: the old one stays
    assert await nombre_de_sources(session) == 1


async def test_retirer_une_source_inconnue(session: AsyncSession, horloge: HorlogeFigee) -> None:
    with pytest.raises(ErreurSource) as erreur:
        await sources.retirer(
            session, source_id=404, auteur=journal.CLI, maintenant=horloge.maintenant()
        )
    assert erreur.value.code == "inconnue"


async def test_lister_les_actives_d_abord_puis_par_nom(
    session: AsyncSession, horloge: HorlogeFigee
) -> None:
    maintenant = horloge.maintenant()
    for i, (nom, active) in enumerate((("zèbre", True), ("Ancienne", False), ("arbre", True))):
        url = f"https://s{i}.example.org/flux"
        session.add(Source(nom=nom, url=url, active=active, ajoutee_le=maintenant))
    await session.commit()
    assert [s.nom for s in await sources.lister(session)] == ["arbre", "zèbre", "Ancienne"]
