"""The audit log: every change made from the console, the bot's staff commands and the command
line, with who made it, when, on what, and the values before and after. Written in the same
transaction as the change it records (the caller commits), read by the console's Journal page
and `assemblee membres journal`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee.modeles import EntreeJournal, Membre

ORIGINE_BOT = "bot"
ORIGINE_CLI = "cli"
ORIGINE_CONSOLE = "console"
ORIGINE_REGLAGES = "reglages"
ORIGINES = (ORIGINE_BOT, ORIGINE_CLI, ORIGINE_CONSOLE, ORIGINE_REGLAGES)

TAILLE_VALEUR = 300


@dataclass(frozen=True)
class Auteur:
    """Who makes a change, passed to every domain function that changes something: the face
    it comes from and the person (None for the command line and the settings)."""

    origine: str
    par: Membre | None

    def __post_init__(self) -> None:
        assert self.origine in ORIGINES, self.origine


def noter(
    session: AsyncSession,
    *,
    origine: str,
    par: Membre | None,
    action: str,
    objet: str,
    objet_id: int | None,
    maintenant: datetime,
    membre: Membre | None = None,
    avant: str = "",
    apres: str = "",
) -> EntreeJournal:
    """Add one entry to the session; it is written when the caller commits its change."""
    assert origine in ORIGINES, origine
    entree = EntreeJournal(
        le=maintenant,
        origine=origine,
        par_id=par.id if par is not None else None,
        membre_id=membre.id if membre is not None else None,
        action=action[:40],
        objet=objet[:20],
        objet_id=objet_id,
        avant=avant[:TAILLE_VALEUR],
        apres=apres[:TAILLE_VALEUR],
    )
    session.add(entree)
    return entree


@dataclass(frozen=True)
class LigneJournal:
    entree: EntreeJournal
    membre: str  # the person concerned's name then (empty once erased)
    par: str  # who made the change (empty for the command line and the settings)


@dataclass(frozen=True)
class Filtre:
    origine: str | None = None
    action: str | None = None
    objet: str | None = None
    par_id: int | None = None
    membre_id: int | None = None


async def lire(
    session: AsyncSession,
    *,
    filtre: Filtre | None = None,
    limite: int = 50,
    decalage: int = 0,
) -> list[LigneJournal]:
    """The latest entries, newest first, with the names of the people involved (two queries
    whatever the number of entries)."""
    filtre = filtre or Filtre()
    requete = select(EntreeJournal)
    if filtre.origine:
        requete = requete.where(col(EntreeJournal.origine) == filtre.origine)
    if filtre.action:
        requete = requete.where(col(EntreeJournal.action) == filtre.action)
    if filtre.objet:
        requete = requete.where(col(EntreeJournal.objet) == filtre.objet)
    if filtre.par_id is not None:
        requete = requete.where(col(EntreeJournal.par_id) == filtre.par_id)
    if filtre.membre_id is not None:
        requete = requete.where(col(EntreeJournal.membre_id) == filtre.membre_id)
    requete = (
        requete.order_by(col(EntreeJournal.le).desc(), col(EntreeJournal.id).desc())
        .offset(decalage)
        .limit(limite)
    )
    entrees = (await session.exec(requete)).all()
    return await _avec_noms(session, entrees)


async def _avec_noms(session: AsyncSession, entrees: Sequence[EntreeJournal]) -> list[LigneJournal]:
    ids = {i for e in entrees for i in (e.membre_id, e.par_id) if i is not None}
    noms = {
        m.id: m.nom_complet
        for m in (await session.exec(select(Membre).where(col(Membre.id).in_(ids)))).all()
    }
    return [
        LigneJournal(
            e,
            noms.get(e.membre_id, "") if e.membre_id else "",
            noms.get(e.par_id, "") if e.par_id else "",
        )
        for e in entrees
    ]


async def actions(session: AsyncSession) -> list[str]:
    """The actions present in the log, for the filter's choices."""
    requete = select(EntreeJournal.action).distinct().order_by(col(EntreeJournal.action))
    return list((await session.exec(requete)).all())


async def objets(session: AsyncSession) -> list[str]:
    """The kinds of object present in the log, for the filter's choices."""
    requete = (
        select(EntreeJournal.objet)
        .where(col(EntreeJournal.objet) != "")
        .distinct()
        .order_by(col(EntreeJournal.objet))
    )
    return list((await session.exec(requete)).all())


async def auteurs(session: AsyncSession) -> list[tuple[int, str]]:
    """The people who made a change in the log (id, name), for the filter's choices: one
    query, however long the log."""
    requete = (
        select(Membre.id, Membre.prenom, Membre.nom)
        .where(col(Membre.id).in_(select(EntreeJournal.par_id).distinct()))
        .order_by(col(Membre.prenom), col(Membre.nom), col(Membre.id))
    )
    return [
        (membre_id, f"{prenom} {nom}".strip())
        for membre_id, prenom, nom in (await session.exec(requete)).all()
        if membre_id is not None
    ]


def noter_par(
    session: AsyncSession,
    auteur: Auteur,
    *,
    action: str,
    objet: str,
    objet_id: int | None,
    maintenant: datetime,
    membre: Membre | None = None,
    avant: str = "",
    apres: str = "",
) -> EntreeJournal:
    """`noter` for a change made by `auteur`."""
    return noter(
        session,
        origine=auteur.origine,
        par=auteur.par,
        action=action,
        objet=objet,
        objet_id=objet_id,
        maintenant=maintenant,
        membre=membre,
        avant=avant,
        apres=apres,
    )
