"""Thematic groups: read from config/groupes.toml and synchronised into the database at start."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee.modeles import Groupe


class ErreurGroupes(Exception):
    """The groups file is wrong; `str()` names the file and what to fix."""


JOURS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_FORME_REVUE = re.compile(r"(?P<jour>[a-z]+)\s+(?P<heure>\d{1,2})[:h](?P<minute>\d{2})")


@dataclass(frozen=True)
class DefinitionGroupe:
    slug: str
    nom: str
    mots_cles: tuple[str, ...] = field(default=())
    revue: str = "lundi 08:00"  # the weekly digest's day and time (Paris)


def lire_revue(texte: str) -> tuple[int, int, int] | None:
    """ "lundi 08:00" -> (weekday 0-6, hour, minute); None if unreadable."""
    trouve = _FORME_REVUE.fullmatch(texte.strip().lower())
    if trouve is None or trouve.group("jour") not in JOURS:
        return None
    heure, minute = int(trouve.group("heure")), int(trouve.group("minute"))
    if heure > 23 or minute > 59:
        return None
    return JOURS.index(trouve.group("jour")), heure, minute


def normaliser(texte: str) -> str:
    """Case- and accent-insensitive form: "Social – Éducation" -> "social-education"."""
    sans_accents = unicodedata.normalize("NFKD", texte).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", sans_accents.lower()).strip("-")


def lire_groupes(fichier: Path) -> list[DefinitionGroupe]:
    try:
        donnees = tomllib.loads(fichier.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ErreurGroupes(f"{fichier} : lecture impossible ({exc.strerror}).") from None
    except tomllib.TOMLDecodeError as exc:
        raise ErreurGroupes(f"{fichier} : syntaxe TOML invalide ({exc}).") from None
    entrees = donnees.get("groupe")
    if not isinstance(entrees, list) or not entrees:
        raise ErreurGroupes(f"{fichier} : aucun groupe ; ajoutez des blocs [[groupe]].")
    groupes: list[DefinitionGroupe] = []
    vus: set[str] = set()
    for numero, entree in enumerate(entrees, start=1):
        ou = f"{fichier}, groupe n°{numero}"
        nom = entree.get("nom")
        if not isinstance(nom, str) or not nom.strip():
            raise ErreurGroupes(f"{ou} : « nom » manque.")
        slug = entree.get("slug") or normaliser(nom)
        if not isinstance(slug, str) or not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,39}", slug):
            raise ErreurGroupes(
                f"{ou} : « slug » doit être en minuscules sans accent (ex. espace-public)."
            )
        if slug in vus:
            raise ErreurGroupes(f"{ou} : le slug « {slug} » est déjà pris par un autre groupe.")
        mots = entree.get("mots_cles", [])
        if not isinstance(mots, list) or not all(isinstance(m, str) for m in mots):
            raise ErreurGroupes(f"{ou} : « mots_cles » doit être une liste de textes.")
        revue = entree.get("revue", "lundi 08:00")
        if not isinstance(revue, str) or lire_revue(revue) is None:
            raise ErreurGroupes(
                f"{ou} : « revue » doit être un jour et une heure, par exemple « lundi 08:00 »."
            )
        vus.add(slug)
        groupes.append(
            DefinitionGroupe(slug=slug, nom=nom.strip(), mots_cles=tuple(mots), revue=revue.strip())
        )
    return groupes


async def synchroniser_groupes(session: AsyncSession, definitions: list[DefinitionGroupe]) -> None:
    """Create and rename groups as the file says; a group gone from the file is deactivated,
    never deleted, so its members and history stay."""
    existants = {g.slug: g for g in (await session.exec(select(Groupe))).all()}
    for ordre, definition in enumerate(definitions):
        groupe = existants.pop(definition.slug, None) or Groupe(slug=definition.slug, nom="")
        groupe.nom, groupe.ordre, groupe.actif = definition.nom, ordre, True
        groupe.mots_cles = "\n".join(definition.mots_cles)
        groupe.revue = definition.revue
        session.add(groupe)
    for groupe in existants.values():
        groupe.actif = False
        session.add(groupe)
    await session.commit()


async def groupes_actifs(session: AsyncSession) -> list[Groupe]:
    requete = select(Groupe).where(col(Groupe.actif)).order_by(col(Groupe.ordre))
    return list((await session.exec(requete)).all())


async def par_id(session: AsyncSession) -> dict[int, Groupe]:
    """Every group, retired ones too (an old séance keeps its group's name), by id."""
    return {g.id or 0: g for g in (await session.exec(select(Groupe))).all()}


async def trouver_groupe(session: AsyncSession, designation: str) -> Groupe | None:
    """An active group by its slug or its name, whatever the case and accents."""
    cle = normaliser(designation)
    if not cle:
        return None
    for groupe in await groupes_actifs(session):
        if cle in (groupe.slug, normaliser(groupe.nom)):
            return groupe
    return None


async def par_ids(session: AsyncSession, ids: Iterable[int | None]) -> dict[int, Groupe]:
    """These groups (active or not: an old poll or article keeps its group's name) in one
    query, by id."""
    voulus = {i for i in ids if i is not None}
    if not voulus:
        return {}
    requete = select(Groupe).where(col(Groupe.id).in_(voulus))
    return {g.id: g for g in (await session.exec(requete)).all() if g.id is not None}
