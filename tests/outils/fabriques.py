"""Factories for domain tests."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import invitations
from assemblee.membres import creer_membre
from assemblee.modeles import Groupe, Langue, Membre, Role, StatutMembre

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
