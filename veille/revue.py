"""The digest (revue de presse): per group, on the group's schedule (weekly by default, Monday
08:00 Paris; daily for those who chose it), the articles kept since the previous one,
highlighted ones first; split within Telegram's 4,096 characters; nothing sent when nothing
was kept. Made once per group, frequency and period (a `Revue` row), sent through the outbox."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import envois, membres
from assemblee.dates import date_longue
from assemblee.envois import Contenu, NouvelEnvoi
from assemblee.groupes import groupes_actifs, lire_revue
from assemblee.horloge import en_utc
from assemblee.modeles import (
    Appartenance,
    Article,
    ArticleGroupe,
    ChoixRevue,
    FrequenceRevue,
    Groupe,
    Membre,
    Revue,
    Source,
    StatutArticle,
)
from assemblee.textes import Catalogue, Html, Traducteur, decouper, joindre

PERIODES = {
    FrequenceRevue.HEBDOMADAIRE: timedelta(days=7),
    FrequenceRevue.QUOTIDIENNE: timedelta(days=1),
}


def derniere_echeance(
    groupe: Groupe, frequence: FrequenceRevue, maintenant: datetime, fuseau: ZoneInfo
) -> datetime:
    """The latest scheduled digest time at or before `maintenant`: the group's weekday and
    time (Paris wall clock, whatever the daylight-saving), or that time every day."""
    jour, heure, minute = lire_revue(groupe.revue) or (0, 8, 0)
    local = maintenant.astimezone(fuseau)
    for recul in range(8):
        date = (local - timedelta(days=recul)).date()
        if frequence == FrequenceRevue.HEBDOMADAIRE and date.weekday() != jour:
            continue
        instant = en_utc(datetime(date.year, date.month, date.day, heure, minute, tzinfo=fuseau))
        if instant <= maintenant:
            return instant
    raise AssertionError("a digest time exists within a week")


@dataclass(frozen=True)
class ArticleRetenu:
    article: Article
    source: str | None  # the feed's name; None for a member's tip
    a_la_une: bool
    note: str | None


async def retenus(
    session: AsyncSession, groupe: Groupe, *, depuis: datetime, jusqua: datetime
) -> list[ArticleRetenu]:
    """The articles kept for a group in [depuis, jusqua), highlighted ones first."""
    lignes = (
        await session.exec(
            select(ArticleGroupe, Article, Source.nom)
            .join(Article, col(Article.id) == col(ArticleGroupe.article_id))
            .outerjoin(Source, col(Source.id) == col(Article.source_id))
            .where(ArticleGroupe.groupe_id == groupe.id)
            .where(col(ArticleGroupe.statut).in_([StatutArticle.GARDE, StatutArticle.A_LA_UNE]))
            .where(col(ArticleGroupe.decide_le) >= depuis)
            .where(col(ArticleGroupe.decide_le) < jusqua)
            .order_by(col(ArticleGroupe.decide_le), col(Article.id))
        )
    ).all()
    choisis = [
        ArticleRetenu(article, source, lien.statut == StatutArticle.A_LA_UNE, lien.note)
        for lien, article, source in lignes
    ]
    return sorted(choisis, key=lambda a: not a.a_la_une)  # stable: decision order otherwise


def construire(
    groupe: Groupe,
    articles: Sequence[ArticleRetenu],
    *,
    jusqua: datetime,
    frequence: FrequenceRevue,
    t: Traducteur,
    fuseau: ZoneInfo,
) -> list[Html]:
    """The digest's messages, each within 4,096 characters (an article is never split)."""
    lignes = [
        t(
            "revue-titre",
            groupe=groupe.nom,
            frequence=frequence.value,
            date=date_longue(jusqua, fuseau, t.langue),
            nombre=len(articles),
        )
    ]
    for retenu in articles:
        bloc = [
            t(
                "revue-article",
                une="oui" if retenu.a_la_une else "non",
                titre=retenu.article.titre,
                url=retenu.article.url,
                source=retenu.source or t("revue-signale"),
            )
        ]
        if retenu.note:
            bloc.append(t("revue-note", note=retenu.note))
        lignes.append(joindre(bloc))
    return decouper(lignes)


def _destinataires(
    tous: Sequence[Membre], du_groupe: set[int], frequence: FrequenceRevue
) -> list[Membre]:
    return [
        m
        for m in tous
        if membres.est_actif(m)
        and m.revue_frequence == frequence
        and (m.revue == ChoixRevue.TOUS or (m.revue == ChoixRevue.GROUPE and m.id in du_groupe))
    ]


async def tick(
    session: AsyncSession,
    *,
    maintenant: datetime,
    catalogue: Catalogue,
    fuseau: ZoneInfo,
) -> int:
    """Make every digest that is due (once each) and queue its messages. Returns how many
    messages were queued."""
    envoyes = 0
    tous = list(
        (await session.exec(select(Membre).where(col(Membre.telegram_id).is_not(None)))).all()
    )
    for groupe in await groupes_actifs(session):
        for frequence in FrequenceRevue:
            jusqua = derniere_echeance(groupe, frequence, maintenant, fuseau)
            precedente = (
                await session.exec(
                    select(Revue)
                    .where(Revue.groupe_id == groupe.id)
                    .where(Revue.frequence == frequence)
                    .order_by(col(Revue.jusqua).desc())
                    .limit(1)
                )
            ).first()
            if precedente is not None and precedente.jusqua >= jusqua:
                continue
            depuis = precedente.jusqua if precedente else jusqua - PERIODES[frequence]
            articles = await retenus(session, groupe, depuis=depuis, jusqua=jusqua)
            revue = await _creer_une_fois(
                session,
                Revue(
                    groupe_id=groupe.id or 0,
                    frequence=frequence,
                    jusqua=jusqua,
                    faite_le=maintenant,
                    articles=len(articles),
                ),
            )
            if revue is None:  # another process made this one at the same minute
                await session.commit()
                continue
            if articles:
                envoyes += await _envoyer(
                    session, revue, groupe, articles, tous, catalogue=catalogue, fuseau=fuseau
                )
            await session.commit()
    return envoyes


async def _creer_une_fois(session: AsyncSession, revue: Revue) -> Revue | None:
    """Insert the digest's row unless one exists for its group, frequency and period (the
    unique key): None when it does, so two ticks at once make one digest."""
    connexion = await session.connection()
    dialecte = postgresql if connexion.dialect.name == "postgresql" else sqlite
    valeurs = revue.model_dump(exclude={"id"})
    revue_id = (
        await connexion.execute(
            dialecte.insert(Revue.__table__)  # type: ignore[attr-defined]
            .values(**valeurs)
            .on_conflict_do_nothing(index_elements=["groupe_id", "frequence", "jusqua"])
            .returning(Revue.__table__.c.id)  # type: ignore[attr-defined]
        )
    ).scalar()
    if revue_id is None:
        return None
    revue.id = revue_id
    return revue


async def _envoyer(
    session: AsyncSession,
    revue: Revue,
    groupe: Groupe,
    articles: Sequence[ArticleRetenu],
    tous: Sequence[Membre],
    *,
    catalogue: Catalogue,
    fuseau: ZoneInfo,
) -> int:
    du_groupe = set(
        (
            await session.exec(
                select(Appartenance.membre_id).where(Appartenance.groupe_id == groupe.id)
            )
        ).all()
    )
    rendus: dict[str, list[Html]] = {}
    nouveaux = []
    for membre in _destinataires(tous, du_groupe, revue.frequence):
        langue = membre.langue.value
        if langue not in rendus:
            rendus[langue] = construire(
                groupe,
                articles,
                jusqua=revue.jusqua,
                frequence=revue.frequence,
                t=catalogue.pour(langue),
                fuseau=fuseau,
            )
        nouveaux += [
            NouvelEnvoi(
                cle=f"revue:{revue.id}:{membre.id}:{numero}",
                membre_id=membre.id or 0,
                contenu=Contenu(texte=texte),
                du_le=revue.faite_le,
            )
            for numero, texte in enumerate(rendus[langue])
        ]
    return await envois.mettre_en_file_lot(session, nouveaux)
