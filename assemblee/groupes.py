"""Thematic groups: read from config/groupes.toml and synchronised into the database at start."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee.modeles import Groupe


class ErreurGroupes(Exception):
    """The groups file is wrong; `str()` names the file and what to fix."""


@dataclass(frozen=True)
class DefinitionGroupe:
    slug: str
    nom: str
    mots_cles: tuple[str, ...] = field(default=())


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
        vus.add(slug)
        groupes.append(DefinitionGroupe(slug=slug, nom=nom.strip(), mots_cles=tuple(mots)))
    return groupes


async def synchroniser_groupes(session: AsyncSession, definitions: list[DefinitionGroupe]) -> None:
    """Create and rename groups as the file says; a group gone from the file is deactivated,
    never deleted, so its members and history stay."""
    existants = {g.slug: g for g in (await session.exec(select(Groupe))).all()}
    for ordre, definition in enumerate(definitions):
        groupe = existants.pop(definition.slug, None) or Groupe(slug=definition.slug, nom="")
        groupe.nom, groupe.ordre, groupe.actif = definition.nom, ordre, True
        session.add(groupe)
    for groupe in existants.values():
        groupe.actif = False
        session.add(groupe)
    await session.commit()


async def groupes_actifs(session: AsyncSession) -> list[Groupe]:
    requete = select(Groupe).where(col(Groupe.actif)).order_by(col(Groupe.ordre))
    return list((await session.exec(requete)).all())


async def trouver_groupe(session: AsyncSession, designation: str) -> Groupe | None:
    """An active group by its slug or its name, whatever the case and accents."""
    cle = normaliser(designation)
    if not cle:
        return None
    for groupe in await groupes_actifs(session):
        if cle in (groupe.slug, normaliser(groupe.nom)):
            return groupe
    return None
