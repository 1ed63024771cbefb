"""Curation of the citizen watch: members tip articles to their group, the group's facilitators
(or staff) keep, highlight or discard each article filed in the group, annotate it, or turn it
into a topic; members choose which digest they receive and how often."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import httpx
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import journal, membres, sujets
from assemblee.groupes import normaliser
from assemblee.modeles import (
    Article,
    ArticleGroupe,
    ChoixRevue,
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
from veille import analyse, collecte

LONGUEUR_MAX_NOTE = 200
# What a decision may set: NOUVEAU is the state before any decision.
DECISIONS = frozenset({StatutArticle.GARDE, StatutArticle.A_LA_UNE, StatutArticle.ECARTE})
_GARDES = frozenset({StatutArticle.GARDE, StatutArticle.A_LA_UNE})


class ErreurSignalement(Exception):
    """A member's tip refused; `code` names the catalogue text ("signaler-erreur", selector):
    "url-invalide", "adresse-privee", "lien-mort", "sans-groupe" or "deja-signale". Nothing was
    stored."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class ErreurCuration(Exception):
    """A curation refused; `code` names the catalogue text ("veille-erreur", selector):
    "interdit", "introuvable", "statut", "note-vide", "note-longue", "note-lignes",
    "deja-sujet"."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


# --- tips -----------------------------------------------------------------------------------------


def _est_url_web(url: str) -> bool:
    try:
        morceaux = urlsplit(url)
    except ValueError:
        return False
    return (
        morceaux.scheme.lower() in ("http", "https")
        and bool(morceaux.hostname)
        and not any(c.isspace() for c in url)
        and len(analyse.url_canonique(url)) <= analyse.LONGUEUR_URL
    )


async def _lien(session: AsyncSession, article_id: int, groupe_id: int) -> ArticleGroupe | None:
    return await session.get(ArticleGroupe, (article_id, groupe_id))


async def signaler(
    session: AsyncSession,
    *,
    membre: Membre,
    url: str,
    client: httpx.AsyncClient,
    maintenant: datetime,
    delai: float,
    taille_max: int,
) -> Article:
    """A member tips an article: filed as NOUVEAU in their group for its facilitators to curate.

    An address already known (whatever its tracking parameters, or once its redirects are
    followed) is the same article: it is filed in the group, not stored twice.
    """
    url = url.strip()
    if not _est_url_web(url):
        raise ErreurSignalement("url-invalide")
    groupe = await sujets.groupe_du_membre(session, membre)
    if groupe is None or groupe.id is None:
        raise ErreurSignalement("sans-groupe")
    article = await analyse.par_url(session, url)
    if article is None:
        try:
            url_finale, titre = await collecte.titre_de_page(
                client, url, delai=delai, taille_max=taille_max
            )
        except collecte.ErreurTelechargement as exc:
            code = exc.code if exc.code in ("url-invalide", "adresse-privee") else "lien-mort"
            raise ErreurSignalement(code) from None
        if not _est_url_web(url_finale):
            url_finale = url
        article = await analyse.par_url(session, url_finale)
        if article is None:
            article = Article(
                url=analyse.url_canonique(url_finale),
                titre=analyse.couper(titre, analyse.LONGUEUR_TITRE),
                titre_normalise=analyse.titre_normalise(titre),
                collecte_le=maintenant,
                propose_par_id=membre.id,
            )
    assert article is not None
    if article.id is not None and await _lien(session, article.id, groupe.id) is not None:
        raise ErreurSignalement("deja-signale")
    try:
        session.add(article)
        await session.flush()
        assert article.id is not None
        session.add(ArticleGroupe(article_id=article.id, groupe_id=groupe.id))
        await session.commit()
    except IntegrityError:
        # Someone tipped (or a feed brought) the same address at the same moment.
        await session.rollback()
        raise ErreurSignalement("deja-signale") from None
    return article


# --- curation -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ACurer:
    """An article filed in a group, with what a facilitator needs to decide on it."""

    article: Article
    lien: ArticleGroupe
    groupe: Groupe
    source: str | None  # the feed's name; None for a member's tip
    signale_par: str | None  # the tipster's first name (None: from a feed, or erased)


def _requete_articles(groupes: Sequence[Groupe] | None) -> Any:
    requete = (
        sa.select(ArticleGroupe, Article, Groupe, col(Source.nom), col(Membre.prenom))
        .join(Article, col(Article.id) == col(ArticleGroupe.article_id))
        .join(Groupe, col(Groupe.id) == col(ArticleGroupe.groupe_id))
        .outerjoin(Source, col(Source.id) == col(Article.source_id))
        .outerjoin(Membre, col(Membre.id) == col(Article.propose_par_id))
    )
    if groupes is not None:
        requete = requete.where(col(ArticleGroupe.groupe_id).in_([g.id for g in groupes]))
    return requete


def _a_curer(lignes: Sequence[Any]) -> list[ACurer]:
    return [
        ACurer(article, lien, groupe, source, (prenom or None) if source is None else None)
        for lien, article, groupe, source, prenom in lignes
    ]


async def a_curer(
    session: AsyncSession,
    *,
    groupes: Sequence[Groupe] | None,
    limite: int,
    decalage: int = 0,
) -> list[ACurer]:
    """The articles still to curate (NOUVEAU) in these groups (None: every group), newest
    first by publication date (the collection's for an undated one or a tip), whatever
    their feed: one collection brings many feeds at once. `decalage` skips that many (a
    page of the console's list)."""
    requete = (
        _requete_articles(groupes)
        .where(ArticleGroupe.statut == StatutArticle.NOUVEAU)
        .order_by(
            func.coalesce(col(Article.publie_le), col(Article.collecte_le)).desc(),
            col(Article.id).desc(),
            col(Groupe.ordre),
        )
        .offset(decalage)
        .limit(limite)
    )
    return _a_curer((await session.exec(requete)).all())


async def nombre_a_curer(session: AsyncSession, *, groupes: Sequence[Groupe] | None) -> int:
    requete = (
        select(func.count())
        .select_from(ArticleGroupe)
        .where(ArticleGroupe.statut == StatutArticle.NOUVEAU)
    )
    if groupes is not None:
        requete = requete.where(col(ArticleGroupe.groupe_id).in_([g.id for g in groupes]))
    return (await session.exec(requete)).one()


@dataclass(frozen=True)
class NonClasse:
    """An article no group's keyword matched: staff file it by hand."""

    article: Article
    source: str | None  # the feed's name


def _sans_groupe() -> Any:
    return (
        ~select(ArticleGroupe.article_id)
        .where(col(ArticleGroupe.article_id) == col(Article.id))
        .exists()
    )


async def non_classes(session: AsyncSession, *, limite: int, decalage: int = 0) -> list[NonClasse]:
    """The articles in no group (no keyword matched), newest first like `a_curer`: without
    them, staff would never see a story the keywords missed."""
    requete = (
        select(Article, Source.nom)
        .outerjoin(Source, col(Source.id) == col(Article.source_id))
        .where(_sans_groupe())
        .order_by(
            func.coalesce(col(Article.publie_le), col(Article.collecte_le)).desc(),
            col(Article.id).desc(),
        )
        .offset(decalage)
        .limit(limite)
    )
    return [NonClasse(article, source) for article, source in (await session.exec(requete)).all()]


async def nombre_non_classes(session: AsyncSession) -> int:
    requete = select(func.count()).select_from(Article).where(_sans_groupe())
    return (await session.exec(requete)).one()


async def ranger(
    session: AsyncSession,
    *,
    article_id: int,
    groupe_id: int,
    auteur: journal.Auteur,
    maintenant: datetime,
) -> ArticleGroupe:
    """Staff file an article in a group by hand: it joins the group's articles to sort
    (NOUVEAU), as if a keyword had matched. Filing it twice in a group changes nothing."""
    if auteur.par is not None and auteur.par.role != Role.EQUIPE:
        raise ErreurCuration("interdit")
    article = await session.get(Article, article_id)
    groupe = await session.get(Groupe, groupe_id)
    if article is None or groupe is None or not groupe.actif:
        raise ErreurCuration("introuvable")
    lien = await _lien(session, article_id, groupe_id)
    if lien is not None:
        return lien
    lien = ArticleGroupe(article_id=article_id, groupe_id=groupe_id)
    session.add(lien)
    journal.noter_par(
        session,
        auteur,
        action="article-range",
        objet="article",
        objet_id=article_id,
        apres=journal.decrire({"groupe": groupe_id}),
        maintenant=maintenant,
    )
    try:
        await session.commit()
    except IntegrityError:  # the same tap, twice at once
        await session.rollback()
        lien = await _lien(session, article_id, groupe_id)
        if lien is None:
            raise
    return lien


async def par_cles(session: AsyncSession, cles: Sequence[tuple[int, int]]) -> list[ACurer]:
    """These (article, group) filings as they stand now, in the order given (those gone are
    left out): to show a curation list again after a decision."""
    if not cles:
        return []
    articles = {article_id for article_id, _ in cles}
    requete = _requete_articles(None).where(col(ArticleGroupe.article_id).in_(articles))
    trouves = {
        (e.lien.article_id, e.lien.groupe_id): e
        for e in _a_curer((await session.exec(requete)).all())
    }
    return [trouves[c] for c in cles if c in trouves]


async def _lien_gere(
    session: AsyncSession, *, article_id: int, groupe_id: int, par: Membre | None
) -> ArticleGroupe:
    if par is not None and not await membres.peut_gerer(session, par, groupe_id):
        raise ErreurCuration("interdit")
    lien = await _lien(session, article_id, groupe_id)
    if lien is None:
        raise ErreurCuration("introuvable")
    return lien


def _changer_statut(
    lien: ArticleGroupe, statut: StatutArticle, par: Membre | None, maintenant: datetime
) -> None:
    # The digest takes the articles kept since the previous one by `decide_le`: an article
    # already kept keeps its date when it is only highlighted or annotated, so a digest
    # already sent does not bring it again.
    if not (lien.statut in _GARDES and statut in _GARDES and lien.decide_le is not None):
        lien.decide_le = maintenant
    lien.statut = statut
    lien.decide_par_id = par.id if par else None


def _noter_tri(
    session: AsyncSession,
    auteur: journal.Auteur,
    lien: ArticleGroupe,
    avant: StatutArticle,
    maintenant: datetime,
    *,
    action: str = "article-trie",
    **apres: object,
) -> None:
    journal.noter_par(
        session,
        auteur,
        action=action,
        objet="article",
        objet_id=lien.article_id,
        avant=journal.decrire({"groupe": lien.groupe_id, "statut": avant}),
        apres=journal.decrire({"groupe": lien.groupe_id, "statut": lien.statut, **apres}),
        maintenant=maintenant,
    )


async def decider(
    session: AsyncSession,
    *,
    article_id: int,
    groupe_id: int,
    statut: StatutArticle,
    auteur: journal.Auteur,
    maintenant: datetime,
) -> ArticleGroupe:
    """Keep, highlight or discard an article in a group (the group's facilitators and staff
    only); a decision can be changed."""
    if statut not in DECISIONS:
        raise ErreurCuration("statut")
    lien = await _lien_gere(session, article_id=article_id, groupe_id=groupe_id, par=auteur.par)
    avant = lien.statut
    _changer_statut(lien, statut, auteur.par, maintenant)
    _noter_tri(session, auteur, lien, avant, maintenant)
    session.add(lien)
    await session.commit()
    return lien


def lire_note(note: str) -> str:
    """A note as kept: one line of at most LONGUEUR_MAX_NOTE characters."""
    note = note.strip()
    if not note:
        raise ErreurCuration("note-vide")
    if "\n" in note or "\r" in note:
        raise ErreurCuration("note-lignes")
    note = " ".join(note.split())
    if len(note) > LONGUEUR_MAX_NOTE:
        raise ErreurCuration("note-longue")
    return note


async def annoter(
    session: AsyncSession,
    *,
    article_id: int,
    groupe_id: int,
    note: str,
    auteur: journal.Auteur,
    maintenant: datetime,
) -> ArticleGroupe:
    """A one-line note for the digest; an annotated article is kept (at least GARDE)."""
    note = lire_note(note)
    par = auteur.par
    lien = await _lien_gere(session, article_id=article_id, groupe_id=groupe_id, par=par)
    avant = lien.statut
    lien.note = note
    _changer_statut(
        lien, lien.statut if lien.statut in _GARDES else StatutArticle.GARDE, par, maintenant
    )
    _noter_tri(session, auteur, lien, avant, maintenant, action="article-annote", note=note)
    session.add(lien)
    await session.commit()
    return lien


async def proposer_comme_sujet(
    session: AsyncSession,
    *,
    article_id: int,
    groupe_id: int,
    auteur: journal.Auteur,
    maintenant: datetime,
    catalogue: Catalogue,
) -> Sujet:
    """The article becomes a topic of the group, accepted at once (the facilitator's own
    choice), and the article is kept. A topic of the same wording already proposed by a member
    is accepted instead of being duplicated (its author is told)."""
    par = auteur.par
    lien = await _lien_gere(session, article_id=article_id, groupe_id=groupe_id, par=par)
    if lien.sujet_id is not None and await session.get(Sujet, lien.sujet_id) is not None:
        raise ErreurCuration("deja-sujet")
    article = await session.get(Article, article_id)
    assert article is not None
    texte = analyse.couper(" ".join(article.titre.split()), sujets.LONGUEUR_MAX)
    cle = normaliser(texte)
    existant = next(
        (
            s
            for s in await sujets.du_groupe(
                session, groupe_id, (StatutSujet.PROPOSE, StatutSujet.ACCEPTE)
            )
            if normaliser(s.texte) == cle
        ),
        None,
    )
    if existant is not None and existant.statut == StatutSujet.PROPOSE:
        sujet = await sujets.accepter(
            session, existant, auteur=auteur, maintenant=maintenant, catalogue=catalogue
        )
    elif existant is not None:
        sujet = existant
    else:
        sujet = Sujet(
            groupe_id=groupe_id,
            texte=texte,
            statut=StatutSujet.ACCEPTE,
            propose_par_id=par.id if par else None,
            propose_le=maintenant,
            decide_par_id=par.id if par else None,
            decide_le=maintenant,
        )
        session.add(sujet)
        await session.flush()
        journal.noter_par(
            session,
            auteur,
            action="sujet-cree",
            objet="sujet",
            objet_id=sujet.id,
            apres=journal.decrire({"groupe": groupe_id, "statut": sujet.statut, "texte": texte}),
            maintenant=maintenant,
        )
    avant = lien.statut
    lien.sujet_id = sujet.id
    if lien.statut not in _GARDES:
        _changer_statut(lien, StatutArticle.GARDE, par, maintenant)
    _noter_tri(session, auteur, lien, avant, maintenant, sujet=sujet.id)
    session.add(lien)
    await session.commit()
    return sujet


# --- digest preferences ---------------------------------------------------------------------------


async def choisir_revue(
    session: AsyncSession,
    membre: Membre,
    *,
    revue: ChoixRevue | None = None,
    frequence: FrequenceRevue | None = None,
) -> Membre:
    """Which digest a member receives (their group's, every group's, none) and how often."""
    if revue is not None:
        membre.revue = revue
    if frequence is not None:
        membre.revue_frequence = frequence
    session.add(membre)
    await session.commit()
    return membre
