"""The digest (revue de presse): per group, on the group's schedule (weekly by default, Monday
08:00 Paris; daily for those who chose it), the articles kept since the previous one,
highlighted ones first; split within Telegram's 4,096 characters; nothing sent when nothing
was kept. Made once per group, frequency and period (a `Revue` row), sent through the outbox.

Staff may also preview a group's next digest (`apercu`) and send it now (`envoyer_maintenant`):
the same texts, readers and bookkeeping as the scheduled one, so the next scheduled digest
starts where it ended. Each digest records the one it follows (`Revue.depuis`), and only one
may follow a given digest: a send on demand racing the scheduler, or a double tap, sends the
articles once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import envois, journal, membres
from assemblee.dates import date_longue
from assemblee.envois import Contenu, NouvelEnvoi
from assemblee.groupes import groupes_actifs, lire_revue
from assemblee.horloge import en_utc
from assemblee.journal import Auteur
from assemblee.modeles import (
    Appartenance,
    Article,
    ArticleGroupe,
    ChoixRevue,
    FrequenceRevue,
    Groupe,
    Langue,
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
    """What a digest says of an article (read as columns: a digest may hold hundreds)."""

    article_id: int
    titre: str
    url: str
    source: str | None  # the feed's name; None for a member's tip
    a_la_une: bool
    note: str | None


def _gardes(
    groupe: Groupe, depuis: datetime, jusqua: datetime
) -> tuple[sa.ColumnElement[bool], ...]:
    """A group's articles kept (or highlighted) in [depuis, jusqua), as a query's conditions."""
    return (
        col(ArticleGroupe.groupe_id) == groupe.id,
        col(ArticleGroupe.statut).in_([StatutArticle.GARDE, StatutArticle.A_LA_UNE]),
        col(ArticleGroupe.decide_le) >= depuis,
        col(ArticleGroupe.decide_le) < jusqua,
    )


async def retenus(
    session: AsyncSession, groupe: Groupe, *, depuis: datetime, jusqua: datetime
) -> list[ArticleRetenu]:
    """The articles kept for a group in [depuis, jusqua), highlighted ones first."""
    requete: Any = (  # sqlmodel's `select` types four columns at most
        sa.select(
            col(Article.id),
            col(Article.titre),
            col(Article.url),
            col(Source.nom),
            col(ArticleGroupe.statut),
            col(ArticleGroupe.note),
        )
        .select_from(ArticleGroupe)
        .join(Article, col(Article.id) == col(ArticleGroupe.article_id))
        .outerjoin(Source, col(Source.id) == col(Article.source_id))
        .where(*_gardes(groupe, depuis, jusqua))
        .order_by(col(ArticleGroupe.decide_le), col(Article.id))
    )
    lignes = (await session.exec(requete)).all()
    choisis = [
        ArticleRetenu(article_id or 0, titre, url, source, statut == StatutArticle.A_LA_UNE, note)
        for article_id, titre, url, source, statut, note in lignes
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
    # Hundreds of articles: each line's text is formatted once, then filled in per article.
    ligne_article = {
        une: t.modele("revue-article", ("titre", "url", "source"), une="oui" if une else "non")
        for une in (True, False)
    }
    ligne_note = t.modele("revue-note", ("note",))
    signale = t("revue-signale")
    for retenu in articles:
        bloc = [
            ligne_article[retenu.a_la_une](
                titre=retenu.titre, url=retenu.url, source=retenu.source or signale
            )
        ]
        if retenu.note:
            bloc.append(ligne_note(note=retenu.note))
        lignes.append(joindre(bloc))
    return decouper(lignes)


def _lecteurs(
    groupe: Groupe, frequence: FrequenceRevue | None
) -> tuple[sa.ColumnElement[bool], ...]:
    """Who reads a group's digest at a frequency (at any, with None), as a query's
    conditions: the active members who chose that frequency and, in /moi, every group's
    digest or their own group's."""
    du_groupe = select(Appartenance.membre_id).where(Appartenance.groupe_id == groupe.id)
    return (
        *membres.actifs(),
        *([col(Membre.revue_frequence) == frequence] if frequence is not None else []),
        sa.or_(
            col(Membre.revue) == ChoixRevue.TOUS,
            sa.and_(col(Membre.revue) == ChoixRevue.GROUPE, col(Membre.id).in_(du_groupe)),
        ),
    )


async def _destinataires(
    session: AsyncSession, groupe: Groupe, frequence: FrequenceRevue
) -> list[Membre]:
    requete = select(Membre).where(*_lecteurs(groupe, frequence)).order_by(col(Membre.id))
    return list((await session.exec(requete)).all())


async def _precedente(
    session: AsyncSession, groupe: Groupe, frequence: FrequenceRevue
) -> Revue | None:
    return (
        await session.exec(
            select(Revue)
            .where(Revue.groupe_id == groupe.id)
            .where(Revue.frequence == frequence)
            .order_by(col(Revue.jusqua).desc())
            .limit(1)
        )
    ).first()


def _debut(
    fin_precedente: datetime | None,
    groupe: Groupe,
    frequence: FrequenceRevue,
    instant: datetime,
    fuseau: ZoneInfo,
) -> datetime:
    """Where the next digest's period starts: where the previous one ended; for a group's
    first, one period before the latest scheduled time (the scheduler and a send on demand
    at the same moment agree on it, so the unique key `uq_revue_suite` holds them to one)."""
    if fin_precedente is not None:
        return fin_precedente
    return derniere_echeance(groupe, frequence, instant, fuseau) - PERIODES[frequence]


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
    for groupe in await groupes_actifs(session):
        for frequence in FrequenceRevue:
            jusqua = derniere_echeance(groupe, frequence, maintenant, fuseau)
            precedente = await _precedente(session, groupe, frequence)
            if precedente is not None and precedente.jusqua >= jusqua:
                continue
            fin = precedente.jusqua if precedente is not None else None
            depuis = _debut(fin, groupe, frequence, maintenant, fuseau)
            articles = await retenus(session, groupe, depuis=depuis, jusqua=jusqua)
            revue = await _creer_une_fois(
                session,
                Revue(
                    groupe_id=groupe.id or 0,
                    frequence=frequence,
                    depuis=depuis,
                    jusqua=jusqua,
                    faite_le=maintenant,
                    articles=len(articles),
                ),
            )
            if revue is None:  # another process made this one (or one from the same start)
                await session.commit()
                continue
            if articles:
                destinataires = await _destinataires(session, groupe, revue.frequence)
                envoyes += await _envoyer(
                    session,
                    revue,
                    groupe,
                    articles,
                    destinataires,
                    catalogue=catalogue,
                    fuseau=fuseau,
                )
            await session.commit()
    return envoyes


async def _creer_une_fois(session: AsyncSession, revue: Revue) -> Revue | None:
    """Insert the digest's row unless one exists for its group, frequency and period, or for
    its group, frequency and start (the unique keys): None when it does, so two ticks at once
    make one digest, and a digest sent on demand and the scheduler's never both follow the
    same one."""
    connexion = await session.connection()
    dialecte = postgresql if connexion.dialect.name == "postgresql" else sqlite
    valeurs = revue.model_dump(exclude={"id"})
    revue_id = (
        await connexion.execute(
            dialecte.insert(Revue.__table__)  # type: ignore[attr-defined]
            .values(**valeurs)
            .on_conflict_do_nothing()  # whichever unique key
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
    destinataires: Sequence[Membre],
    *,
    catalogue: Catalogue,
    fuseau: ZoneInfo,
) -> int:
    """Queue a digest's messages, each reader's in their language. Returns how many."""
    rendus: dict[str, list[Html]] = {}
    nouveaux = []
    for membre in destinataires:
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


# --- on demand: preview a group's next digest, send it now ----------------------------------------

# Why nothing would be sent (`Apercu.raison`, `RevueEnvoyee.raison`).
RAISON_INACTIF = "inactif"  # the group was removed from config/groupes.toml
RAISON_RIEN = "rien-de-garde"  # no article kept since the previous digest
RAISON_PERSONNE = "personne"  # articles kept, but no member receives this group's digest
RAISON_DEJA = "deja-envoyee"  # this period was sent meanwhile (a double tap, the scheduler)
RAISONS = (RAISON_INACTIF, RAISON_RIEN, RAISON_PERSONNE, RAISON_DEJA)


@dataclass(frozen=True)
class Partie:
    """One frequency's digest (weekly, daily): its readers, its articles, and the messages
    they will get, in the preview's language."""

    frequence: FrequenceRevue
    depuis: datetime  # articles kept from this instant (the previous digest's end)
    articles: tuple[ArticleRetenu, ...]
    destinataires: tuple[Membre, ...]
    messages: tuple[Html, ...]


@dataclass(frozen=True)
class Apercu:
    """A group's next digest if it were sent now, exactly as its readers will get it: one
    part per frequency that has readers and articles (weekly first); none, with `raison`,
    when nothing would be sent."""

    groupe: Groupe
    jusqua: datetime  # articles kept before this instant: give it to `envoyer_maintenant`
    langue: str
    parties: tuple[Partie, ...]
    raison: str | None = None  # one of RAISONS when `parties` is empty

    @property
    def destinataires(self) -> int:
        """How many members it would be sent to (each gets one frequency's)."""
        return sum(len(p.destinataires) for p in self.parties)

    @property
    def articles(self) -> list[ArticleRetenu]:
        """The articles it includes, each once, highlighted ones first."""
        vus: dict[int, ArticleRetenu] = {}
        for partie in self.parties:
            for retenu in partie.articles:
                vus.setdefault(retenu.article_id, retenu)
        return sorted(vus.values(), key=lambda a: not a.a_la_une)

    @property
    def messages(self) -> list[Html]:
        return [m for p in self.parties for m in p.messages]


@dataclass(frozen=True)
class RevueEnvoyee:
    """What `envoyer_maintenant` queued: nothing, with `raison`, when there was nothing new."""

    groupe: Groupe
    jusqua: datetime
    destinataires: int  # members it was queued for
    articles: int
    en_file: int  # messages queued in the outbox (a long digest is several per member)
    raison: str | None = None  # one of RAISONS when nothing was queued


class _Bilan(NamedTuple):
    """One frequency's next digest in figures."""

    deja: bool  # a digest already covers the period up to `jusqua`
    articles: int
    lecteurs: int

    @property
    def a_envoyer(self) -> bool:
        return not self.deja and self.articles > 0 and self.lecteurs > 0


@dataclass(frozen=True)
class _Prochaine:
    """One frequency's next digest, up to `jusqua`."""

    frequence: FrequenceRevue
    depuis: datetime
    deja: bool
    articles: list[ArticleRetenu]
    destinataires: list[Membre]

    @property
    def bilan(self) -> _Bilan:
        return _Bilan(self.deja, len(self.articles), len(self.destinataires))

    @property
    def a_envoyer(self) -> bool:
        return self.bilan.a_envoyer


def _borne(jusqua: datetime | None, maintenant: datetime) -> datetime:
    """The end of an on-demand digest's period: now, or the preview's instant (never later
    than now), in whole seconds: a button or a form carries it back from the preview."""
    return min(jusqua or maintenant, maintenant).replace(microsecond=0)


async def _periodes(
    session: AsyncSession, groupe: Groupe, *, jusqua: datetime, fuseau: ZoneInfo
) -> list[tuple[FrequenceRevue, datetime]]:
    """Each frequency's next digest period: where it starts (it ends at `jusqua`)."""
    fins = dict(
        (
            await session.exec(
                select(Revue.frequence, func.max(col(Revue.jusqua)))
                .where(Revue.groupe_id == groupe.id)
                .group_by(col(Revue.frequence))
            )
        ).all()
    )
    return [
        (frequence, _debut(fins.get(frequence), groupe, frequence, jusqua, fuseau))
        for frequence in FrequenceRevue
    ]


async def _prochaines(
    session: AsyncSession, groupe: Groupe, *, jusqua: datetime, fuseau: ZoneInfo
) -> list[_Prochaine]:
    prochaines = []
    for frequence, depuis in await _periodes(session, groupe, jusqua=jusqua, fuseau=fuseau):
        deja = depuis >= jusqua
        articles = [] if deja else await retenus(session, groupe, depuis=depuis, jusqua=jusqua)
        destinataires = await _destinataires(session, groupe, frequence)
        prochaines.append(_Prochaine(frequence, depuis, deja, articles, destinataires))
    return prochaines


def _raison(bilans: Sequence[_Bilan]) -> str:
    """Why none of a group's digests has anything to send."""
    lus = [b for b in bilans if b.lecteurs]
    if not lus:
        return RAISON_PERSONNE if any(b.articles for b in bilans) else RAISON_RIEN
    return RAISON_DEJA if any(b.deja for b in lus) else RAISON_RIEN


@dataclass(frozen=True)
class Etat:
    """A group's next digest in figures, without building it (a page listing every group):
    what `apercu` would say of it."""

    groupe: Groupe
    articles: int
    destinataires: int
    raison: str | None  # one of RAISONS when nothing would be sent


async def etat(
    session: AsyncSession, *, groupe: Groupe, maintenant: datetime, fuseau: ZoneInfo
) -> Etat:
    """A group's next digest if it were sent now, counted by the database: the figures of
    `apercu` (articles, each once; readers), in three queries whatever their number."""
    if not groupe.actif:
        return Etat(groupe, 0, 0, RAISON_INACTIF)
    jusqua = _borne(None, maintenant)
    periodes = await _periodes(session, groupe, jusqua=jusqua, fuseau=fuseau)
    # Every period ends at `jusqua`: one pass over the longest counts each one's articles.
    plus_tot = min(depuis for _, depuis in periodes)
    requete: Any = sa.select(
        *(func.count().filter(col(ArticleGroupe.decide_le) >= depuis) for _, depuis in periodes)
    ).where(*_gardes(groupe, plus_tot, jusqua))
    comptes: Sequence[int] = (await session.exec(requete)).one()
    par_frequence = dict(
        (
            await session.exec(
                select(Membre.revue_frequence, func.count())
                .where(*_lecteurs(groupe, None))
                .group_by(col(Membre.revue_frequence))
            )
        ).all()
    )
    bilans = [
        _Bilan(depuis >= jusqua, 0 if depuis >= jusqua else n, par_frequence.get(frequence, 0))
        for (frequence, depuis), n in zip(periodes, comptes, strict=True)
    ]
    envoyees = [b for b in bilans if b.a_envoyer]
    if not envoyees:
        return Etat(groupe, 0, 0, _raison(bilans))
    # The articles of all the parts sent are those of the longest one.
    return Etat(groupe, max(b.articles for b in envoyees), sum(b.lecteurs for b in envoyees), None)


async def apercu(
    session: AsyncSession,
    *,
    groupe: Groupe,
    langue: Langue | str,
    maintenant: datetime,
    catalogue: Catalogue,
    fuseau: ZoneInfo,
) -> Apercu:
    """A group's next digest if it were sent now: the articles kept since its previous one,
    the members who would get it (their choices in /moi, as the scheduler reads them), and
    the messages they would read in `langue`, built as the scheduled digest builds them."""
    jusqua = _borne(None, maintenant)
    t = catalogue.pour(langue)
    if not groupe.actif:
        return Apercu(groupe, jusqua, t.langue, (), RAISON_INACTIF)
    prochaines = await _prochaines(session, groupe, jusqua=jusqua, fuseau=fuseau)
    parties = tuple(
        Partie(
            frequence=p.frequence,
            depuis=p.depuis,
            articles=tuple(p.articles),
            destinataires=tuple(p.destinataires),
            messages=tuple(
                construire(
                    groupe, p.articles, jusqua=jusqua, frequence=p.frequence, t=t, fuseau=fuseau
                )
            ),
        )
        for p in prochaines
        if p.a_envoyer
    )
    raison = None if parties else _raison([p.bilan for p in prochaines])
    return Apercu(groupe, jusqua, t.langue, parties, raison)


async def envoyer_maintenant(
    session: AsyncSession,
    *,
    groupe: Groupe,
    auteur: Auteur,
    maintenant: datetime,
    catalogue: Catalogue,
    fuseau: ZoneInfo,
    jusqua: datetime | None = None,
) -> RevueEnvoyee:
    """Send a group's next digest now, through the outbox, as the scheduler would: the same
    readers and texts, and its period recorded so the next digest starts where this one
    ends. `jusqua` is the preview's instant (`Apercu.jusqua`): exactly what was shown is
    sent, and a second tap on the same preview sends nothing. Written in one transaction with
    its entry in the audit log; nothing is written when nothing is sent."""
    jusqua = _borne(jusqua, maintenant)
    if not groupe.actif:
        return RevueEnvoyee(groupe, jusqua, 0, 0, 0, RAISON_INACTIF)
    prochaines = await _prochaines(session, groupe, jusqua=jusqua, fuseau=fuseau)
    destinataires, articles, en_file = 0, set(), 0
    for prochaine in prochaines:
        if not prochaine.a_envoyer:
            continue
        revue = await _creer_une_fois(
            session,
            Revue(
                groupe_id=groupe.id or 0,
                frequence=prochaine.frequence,
                depuis=prochaine.depuis,
                jusqua=jusqua,
                faite_le=maintenant,
                articles=len(prochaine.articles),
            ),
        )
        if revue is None:  # the scheduler or another tap made it meanwhile
            continue
        en_file += await _envoyer(
            session,
            revue,
            groupe,
            prochaine.articles,
            prochaine.destinataires,
            catalogue=catalogue,
            fuseau=fuseau,
        )
        destinataires += len(prochaine.destinataires)
        articles |= {a.article_id for a in prochaine.articles}
    if not en_file:
        await session.commit()  # ends the transaction (and SQLite's write lock), writes nothing
        bilans = [p.bilan for p in prochaines]
        raison = RAISON_DEJA if any(b.a_envoyer for b in bilans) else _raison(bilans)
        return RevueEnvoyee(groupe, jusqua, 0, 0, 0, raison)
    journal.noter_par(
        session,
        auteur,
        action="revue-envoyee",
        objet="groupe",
        objet_id=groupe.id,
        maintenant=maintenant,
        apres=f"{destinataires} destinataires, {len(articles)} articles",
    )
    await session.commit()
    return RevueEnvoyee(groupe, jusqua, destinataires, len(articles), en_file)
