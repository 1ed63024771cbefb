"""Factories for domain tests."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import invitations
from assemblee.modeles import Groupe, Langue, Membre, Role

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
