"""The audit log: every change made from the console, the bot's staff commands and the command
line, with who made it, when, on what, and the values before and after. Written in the same
transaction as the change it records (the caller commits), read by the console's Journal page
and `assemblee membres journal`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee.modeles import EntreeJournal, Membre

ORIGINE_BOT = "bot"
ORIGINE_CLI = "cli"
ORIGINE_CONSOLE = "console"
ORIGINE_REGLAGES = "reglages"
ORIGINES = (ORIGINE_BOT, ORIGINE_CLI, ORIGINE_CONSOLE, ORIGINE_REGLAGES)

TAILLE_VALEUR = 300

# Every action the log holds, with its label for the console's Journal page. Names are stable
# (they are stored): add new ones, never rename. Nothing secret is ever written with them (no
# invitation link or token, no content of a secret ballot), and nothing personal once a member's
# data are erased.
ACTIONS: dict[str, str] = {
    # rights (assemblee/membres.py)
    "role": "rôle changé",
    "groupes": "groupes changés",
    "depart": "départ de l'assemblée",
    "donnees-effacees": "données personnelles effacées",
    # members and invitations
    "invitation-creee": "invitation créée",
    "invitation-renouvelee": "invitation renouvelée (les anciennes révoquées)",
    "import-membres": "membres importés",
    # séances and attendance
    "seance-creee": "séance créée",
    "seance-modifiee": "séance modifiée",
    "seance-annulee": "séance annulée",
    "import-seances": "séances importées",
    "convocations": "liste des convoqués changée",
    "presence": "émargement",
    "relance": "relance des sans-réponse",
    # topics and polls
    "sujet-cree": "sujet créé",
    "sujet-accepte": "sujet retenu",
    "sujet-decline": "sujet écarté",
    "sujet-fusionne": "sujet fusionné",
    "sondage-ouvert": "sondage lancé",
    "sondage-clos": "sondage clos",
    # watch (veille)
    "source-ajoutee": "source ajoutée",
    "source-desactivee": "source retirée",
    "source-reactivee": "source réactivée",
    "article-trie": "article trié",
    "article-annote": "note sur un article",
    "article-range": "article rangé dans un groupe",
    # announcements
    "annonce-envoyee": "annonce envoyée",
    "revue-envoyee": "revue de presse envoyée sans attendre",
    # renewal draw (assemblee/campagnes.py)
    "campagne-creee": "campagne de tirage au sort créée",
    "volontaires-importes": "volontaires importés (inscriptions papier)",
    "doublon-tranche": "doublon tranché",
    "cibles-fixees": "cibles du tirage fixées",
    "engagement": "engagement sur le secret du tirage",
    "tirage": "tirage au sort effectué",
    "siege-accepte": "siège accepté",
    "siege-decline": "siège décliné",
}

# What an entry is about (`objet`; `objet_id` is that row's id).
OBJETS: dict[str, str] = {
    "membre": "membre",
    "invitation": "invitation",
    "seance": "séance",
    "sujet": "sujet",
    "sondage": "sondage",
    "source": "source",
    "article": "article",
    "annonce": "annonce",
    "groupe": "groupe",
    "campagne": "campagne",
    "siege": "siège",
}


@dataclass(frozen=True)
class Auteur:
    """Who makes a change, passed to every domain function that changes something: the face
    it comes from and the person (None for the command line and the settings)."""

    origine: str
    par: Membre | None

    def __post_init__(self) -> None:
        assert self.origine in ORIGINES, self.origine


def par_le_bot(membre: Membre) -> Auteur:
    """A change made with the bot's commands, by this person."""
    return Auteur(ORIGINE_BOT, membre)


CLI = Auteur(ORIGINE_CLI, None)


def decrire(valeurs: dict[str, Any]) -> str:
    """Values for `avant` / `apres`, short and stable: "titre=…; debut=2026-12-03T17:30+00:00"
    (instants in UTC, to the minute)."""
    return "; ".join(f"{nom}={_texte(valeur)}" for nom, valeur in valeurs.items())


def _texte(valeur: Any) -> str:
    if isinstance(valeur, datetime):
        return valeur.isoformat(timespec="minutes")
    if isinstance(valeur, Enum):
        return str(valeur.value)
    if valeur is None:
        return "-"
    return str(valeur)


def url_sans_secret(url: str) -> str:
    """An address as the log may keep it: no user or password, no query (a feed's address may
    carry a key in either)."""
    morceaux = urlsplit(url)
    hote = morceaux.netloc.rpartition("@")[2]
    return urlunsplit((morceaux.scheme, hote, morceaux.path, "", ""))


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
    assert action in ACTIONS, action
    assert not objet or objet in OBJETS, objet
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
