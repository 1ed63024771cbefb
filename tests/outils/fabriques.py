"""Factories for domain tests."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import invitations, journal
from assemblee.membres import creer_membre
from assemblee.modeles import (
    Groupe,
    Langue,
    Membre,
    Role,
    Seance,
    Sondage,
    StatutMembre,
    TypeSeance,
    TypeSondage,
)

TRENTE_JOURS = timedelta(days=30)


def personne(
    telegram_id: int, prenom: str = "Camille", nom: str = "Martin"
) -> invitations.PersonneTelegram:
    return invitations.PersonneTelegram(
        telegram_id=telegram_id, prenom=prenom, nom=nom, langue=Langue.FR
    )


async def invite(
    session: AsyncSession,
    maintenant: datetime,
    groupe: Groupe,
    *,
    prenom: str = "Camille",
    nom: str = "Martin",
    role: Role = Role.MEMBRE,
) -> tuple[Membre, str]:
    return await invitations.inviter(
        session,
        nom=nom,
        prenom=prenom,
        role=role,
        groupes=[groupe],
        maintenant=maintenant,
        validite=TRENTE_JOURS,
        auteur=journal.CLI,
    )


async def membres_actifs(
    session: AsyncSession,
    maintenant: datetime,
    groupe: Groupe,
    nombre: int,
    *,
    premier_telegram_id: int = 10_000,
    role: Role = Role.MEMBRE,
) -> list[Membre]:
    """Members who accepted their invitation and the privacy notice, created in one go."""
    membres = []
    for i in range(nombre):
        membre = await creer_membre(
            session,
            nom=f"Membre{i:05d}",
            prenom="Test",
            role=role,
            groupes=[groupe],
            maintenant=maintenant,
        )
        membre.telegram_id = premier_telegram_id + i
        membre.lie_le = membre.consentement_le = maintenant
        membre.statut = StatutMembre.ACTIF
        session.add(membre)
        membres.append(membre)
    await session.commit()
    return membres


async def avec_role(
    session: AsyncSession, maintenant: datetime, role: Role, groupes: list[Groupe]
) -> Membre:
    """Someone with a role in these groups (a record is enough to decide what they may do)."""
    membre = await creer_membre(
        session, nom=role.value, prenom="Test", role=role, groupes=groupes, maintenant=maintenant
    )
    await session.commit()
    return membre


def atelier(groupe_id: int | None, maintenant: datetime) -> Seance:
    """A workshop in three days (not added to the session)."""
    debut = maintenant + timedelta(days=3)
    return Seance(
        type=TypeSeance.ATELIER,
        titre="Atelier",
        groupe_id=groupe_id,
        debut=debut,
        fin=debut + timedelta(hours=2),
        cree_le=maintenant,
    )


def sondage_ouvert(groupe_id: int | None, maintenant: datetime) -> Sondage:
    """A single-choice poll open for a day (not added to the session, no option)."""
    return Sondage(
        question="Q ?",
        type=TypeSondage.UNIQUE,
        groupe_id=groupe_id,
        cree_le=maintenant,
        ferme_le=maintenant + timedelta(days=1),
    )
