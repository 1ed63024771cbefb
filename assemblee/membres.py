"""Members: who they are, their role and groups, consent, language, their data and its erasure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any

import sqlalchemy as sa
from sqlmodel import SQLModel, col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee.modeles import (
    COLONNES_SECRETES,
    CONSERVEES_APRES_EFFACEMENT,
    RANG_ROLE,
    Appartenance,
    Bulletin,
    Groupe,
    Langue,
    Membre,
    OptionSondage,
    Role,
    Sondage,
    StatutMembre,
    Vote,
)


@dataclass(frozen=True)
class FicheMembre:
    """A member as staff see them in a list."""

    membre: Membre
    groupes: tuple[Groupe, ...]


def peut(membre: Membre | None, role_minimal: Role) -> bool:
    """Whether this member holds at least that role (staff can do what facilitators can)."""
    if membre is None or not est_actif(membre):
        return False
    return RANG_ROLE[membre.role] >= RANG_ROLE[role_minimal]


def est_actif(membre: Membre) -> bool:
    """Bound to Telegram and consented: may use the bot's commands."""
    return (
        membre.telegram_id is not None and membre.a_consenti and membre.statut != StatutMembre.PARTI
    )


async def par_telegram_id(session: AsyncSession, telegram_id: int) -> Membre | None:
    requete = select(Membre).where(Membre.telegram_id == telegram_id)
    return (await session.exec(requete)).first()


async def par_id(session: AsyncSession, membre_id: int) -> Membre | None:
    return await session.get(Membre, membre_id)


async def groupes_de(session: AsyncSession, membre: Membre) -> list[Groupe]:
    requete = (
        select(Groupe)
        .join(Appartenance, col(Appartenance.groupe_id) == col(Groupe.id))
        .where(Appartenance.membre_id == membre.id)
        .order_by(col(Groupe.ordre))
    )
    return list((await session.exec(requete)).all())


async def creer_membre(
    session: AsyncSession,
    *,
    nom: str,
    prenom: str,
    role: Role,
    groupes: Sequence[Groupe],
    maintenant: datetime,
    langue: Langue = Langue.FR,
) -> Membre:
    """Add a member record (not committed: the caller commits with the rest of its work)."""
    membre = Membre(nom=nom, prenom=prenom, role=role, langue=langue, cree_le=maintenant)
    session.add(membre)
    await session.flush()
    for groupe in groupes:
        assert membre.id is not None and groupe.id is not None
        session.add(Appartenance(membre_id=membre.id, groupe_id=groupe.id))
    return membre


async def accepter_consentement(
    session: AsyncSession, membre: Membre, maintenant: datetime
) -> bool:
    """Record consent to the privacy notice; False when it was already given (a replayed tap)."""
    if membre.a_consenti:
        return False
    membre.consentement_le = maintenant
    membre.statut = StatutMembre.ACTIF
    session.add(membre)
    await session.commit()
    return True


async def refuser_consentement(session: AsyncSession, membre: Membre) -> None:
    """The person declined the notice: unbind their Telegram account, keep nothing of it."""
    membre.telegram_id = None
    membre.lie_le = None
    membre.statut = StatutMembre.INVITE
    session.add(membre)
    await session.commit()


async def changer_langue(session: AsyncSession, membre: Membre, langue: Langue) -> None:
    membre.langue = langue
    session.add(membre)
    await session.commit()


async def lister(session: AsyncSession, statut: StatutMembre | None = None) -> list[FicheMembre]:
    """Every member with their groups, ordered by status then name."""
    requete = select(Membre)
    if statut is not None:
        requete = requete.where(Membre.statut == statut)
    membres = list((await session.exec(requete)).all())
    liens = (
        await session.exec(
            select(Appartenance.membre_id, Groupe)
            .join(Groupe, col(Groupe.id) == col(Appartenance.groupe_id))
            .order_by(col(Groupe.ordre))
        )
    ).all()
    groupes: dict[int, list[Groupe]] = {}
    for membre_id, groupe in liens:
        groupes.setdefault(membre_id, []).append(groupe)
    ordre_statut = list(StatutMembre)
    membres.sort(
        key=lambda m: (ordre_statut.index(m.statut), m.nom.casefold(), m.prenom.casefold())
    )
    return [FicheMembre(m, tuple(groupes.get(m.id or 0, ()))) for m in membres]


async def synchroniser_equipe(session: AsyncSession, telegram_ids: Sequence[int]) -> None:
    """Members whose Telegram id is in the staff setting get the staff role."""
    if not telegram_ids:
        return
    requete = select(Membre).where(col(Membre.telegram_id).in_(list(telegram_ids)))
    for membre in (await session.exec(requete)).all():
        if membre.role != Role.EQUIPE:
            membre.role = Role.EQUIPE
            session.add(membre)
    await session.commit()


async def inscrire_equipe(
    session: AsyncSession,
    *,
    telegram_id: int,
    prenom: str,
    nom: str,
    langue: Langue,
    maintenant: datetime,
) -> Membre:
    """A staff account named in the settings writes /start for the first time."""
    membre = await creer_membre(
        session,
        nom=nom[:100],
        prenom=prenom[:100],
        role=Role.EQUIPE,
        groupes=(),
        maintenant=maintenant,
        langue=langue,
    )
    membre.telegram_id = telegram_id
    membre.lie_le = maintenant
    await session.commit()
    return membre


def _tables_liees() -> list[tuple[sa.Table, sa.Column[Any]]]:
    """Every table with a column pointing to membre.id: found from the schema, so a table
    added later is exported and erased without anyone remembering to list it here."""
    liees = []
    for table in SQLModel.metadata.sorted_tables:
        for cle in table.foreign_keys:
            if cle.column.table.name == "membre" and cle.column.name == "id":
                liees.append((table, cle.parent))
    return liees


def _valeur(valeur: Any) -> Any:
    if isinstance(valeur, datetime):
        return valeur.isoformat()
    if isinstance(valeur, Enum):
        return valeur.value
    return valeur


async def exporter_donnees(session: AsyncSession, membre: Membre) -> dict[str, Any]:
    """Everything stored about this member (right of access), secrets excepted."""
    fiche = {
        colonne: _valeur(getattr(membre, colonne))
        for colonne in Membre.model_fields
        if colonne not in COLONNES_SECRETES
    }
    donnees: dict[str, Any] = {"membre": fiche}
    donnees["groupes"] = [g.nom for g in await groupes_de(session, membre)]
    connexion = await session.connection()
    for table, colonne in _tables_liees():
        lignes = (await connexion.execute(sa.select(table).where(colonne == membre.id))).mappings()
        donnees[table.name] = [
            {k: _valeur(v) for k, v in ligne.items() if k not in COLONNES_SECRETES}
            for ligne in lignes
        ]
    # What they chose in named polls (an anonymous ballot has no link to them to export).
    choix = await session.exec(
        select(Sondage.id, Sondage.question, OptionSondage.texte, Vote.valeur)
        .join(Bulletin, col(Bulletin.sondage_id) == col(Sondage.id))
        .join(Vote, col(Vote.bulletin_id) == col(Bulletin.id))
        .join(OptionSondage, col(OptionSondage.id) == col(Vote.option_id))
        .where(col(Bulletin.membre_id) == membre.id)
        .order_by(col(Sondage.id), col(OptionSondage.ordre))
    )
    donnees["votes_nominatifs"] = [
        {"sondage_id": sid, "question": question, "option": option, "valeur": valeur}
        for sid, question, option, valeur in choix.all()
    ]
    return donnees


async def effacer_donnees(session: AsyncSession, membre: Membre, maintenant: datetime) -> None:
    """Erase a member's personal data (right to erasure) and unbind their Telegram account.

    Only the rows compensation requires survive (tables in CONSERVEES_APRES_EFFACEMENT); the
    name is kept only when such rows exist, since paying someone needs to know who they are.
    """
    liees = _tables_liees()
    connexion = await session.connection()
    conserve = False
    for table, colonne in liees:
        if table.name in CONSERVEES_APRES_EFFACEMENT and not colonne.nullable:
            existe = await connexion.execute(
                sa.select(colonne).where(colonne == membre.id).limit(1)
            )
            conserve = conserve or existe.first() is not None
    for table, colonne in liees:
        if colonne.nullable:  # an optional link: an announcement's author, who took a roll call
            await connexion.execute(
                sa.update(table).where(colonne == membre.id).values({colonne.name: None})
            )
        elif table.name not in CONSERVEES_APRES_EFFACEMENT:
            await connexion.execute(sa.delete(table).where(colonne == membre.id))
    if not conserve:
        membre.nom, membre.prenom = "", ""
    membre.telegram_id = None
    membre.lie_le = None
    membre.langue = Langue.FR
    membre.consentement_le = None
    membre.injoignable_depuis = None
    membre.statut = StatutMembre.PARTI
    membre.parti_le = maintenant
    session.add(membre)
    await session.commit()


async def groupes_geres(session: AsyncSession, membre: Membre) -> list[Groupe] | None:
    """The groups whose séances this person manages; None means all (staff)."""
    if membre.role == Role.EQUIPE:
        return None
    if membre.role != Role.ANIMATEUR:
        return []
    requete = (
        select(Groupe)
        .join(Appartenance, col(Appartenance.groupe_id) == col(Groupe.id))
        .where(Appartenance.membre_id == membre.id)
        .where(col(Groupe.actif))
        .order_by(col(Groupe.ordre))
    )
    return list((await session.exec(requete)).all())


async def peut_gerer(session: AsyncSession, membre: Membre, groupe_id: int | None) -> bool:
    """Staff manage every group's work (séances, topics, polls); a facilitator their groups'
    (never the whole assembly's)."""
    if RANG_ROLE[membre.role] < RANG_ROLE[Role.ANIMATEUR]:
        return False
    geres = await groupes_geres(session, membre)
    if geres is None:
        return True
    return groupe_id is not None and groupe_id in {g.id for g in geres}
