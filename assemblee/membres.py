"""Members: who they are, their role and groups, consent, language, their data and its erasure."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any

import sqlalchemy as sa
from sqlmodel import SQLModel, col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import journal as journal_
from assemblee.groupes import normaliser
from assemblee.modeles import (
    COLONNES_SECRETES,
    CONSERVEES_APRES_EFFACEMENT,
    RANG_ROLE,
    Appartenance,
    Bulletin,
    EntreeJournal,
    Envoi,
    Groupe,
    Langue,
    Membre,
    OptionSondage,
    Role,
    Sondage,
    StatutEnvoi,
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


def actifs() -> tuple[sa.ColumnElement[bool], ...]:
    """`est_actif` as a query's conditions: `select(Membre).where(*actifs())`."""
    return (
        col(Membre.telegram_id).is_not(None),
        col(Membre.consentement_le).is_not(None),
        col(Membre.statut) != StatutMembre.PARTI,
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


async def groupes_par_membre(
    session: AsyncSession, membre_ids: Collection[int]
) -> dict[int, list[Groupe]]:
    """The groups of several members in one query, each list in the groups' order."""
    if not membre_ids:
        return {}
    requete = (
        select(Appartenance.membre_id, Groupe)
        .join(Groupe, col(Groupe.id) == col(Appartenance.groupe_id))
        .where(col(Appartenance.membre_id).in_(sorted(membre_ids)))
        .order_by(col(Groupe.ordre))
    )
    groupes: dict[int, list[Groupe]] = {}
    for membre_id, groupe in (await session.exec(requete)).all():
        groupes.setdefault(membre_id, []).append(groupe)
    return groupes


@dataclass(frozen=True)
class PageMembres:
    fiches: list[FicheMembre]
    total: int  # how many match, on every page
    page: int  # 1-based, brought within range
    pages: int


def _cle_nom(nom: str, prenom: str) -> tuple[str, str]:
    # "Émile" sorts with the E's, as in a French list; case and accents do not matter.
    return normaliser(nom), normaliser(prenom)


async def chercher(
    session: AsyncSession,
    *,
    recherche: str = "",
    groupe_id: int | None = None,
    role: Role | None = None,
    statut: StatutMembre | None = None,
    groupes: Collection[int] | None = None,
    page: int = 1,
    par_page: int = 50,
) -> PageMembres:
    """One page of the members matching a name (every word, in the first or last name,
    regardless of case and accents) and the filters, by name. `groupes` limits to the people
    of these groups (a facilitator's), None to nobody (staff). Three queries whatever the
    number of members: the names are matched and sorted here, the same on every database."""
    requete = select(Membre.id, Membre.nom, Membre.prenom)
    if role is not None:
        requete = requete.where(col(Membre.role) == role)
    if statut is not None:
        requete = requete.where(col(Membre.statut) == statut)
    for dans in ([groupe_id] if groupe_id is not None else None, groupes):
        if dans is not None:
            requete = requete.where(
                col(Membre.id).in_(
                    select(Appartenance.membre_id).where(
                        col(Appartenance.groupe_id).in_(sorted(dans))
                    )
                )
            )
    mots = [m for m in normaliser(recherche).split("-") if m]
    trouves = [
        (_cle_nom(nom, prenom), membre_id)
        for membre_id, nom, prenom in (await session.exec(requete)).all()
        if all(m in normaliser(f"{prenom} {nom}") for m in mots)
    ]
    trouves.sort()
    pages = max(1, -(-len(trouves) // par_page))
    page = min(max(page, 1), pages)
    ids = [i for _, i in trouves[(page - 1) * par_page : page * par_page] if i is not None]
    charges = {
        m.id: m for m in (await session.exec(select(Membre).where(col(Membre.id).in_(ids)))).all()
    }
    groupes_de_page = await groupes_par_membre(session, ids)
    fiches = [FicheMembre(charges[i], tuple(groupes_de_page.get(i, ()))) for i in ids]
    return PageMembres(fiches, len(trouves), page, pages)


async def synchroniser_equipe(
    session: AsyncSession, telegram_ids: Sequence[int], *, maintenant: datetime
) -> None:
    """The staff setting is the source of truth for staff: accounts named in it get the staff
    role, and bound accounts holding it without being named lose it (back to member).
    Each change goes to the audit log."""
    requete = select(Membre).where(col(Membre.telegram_id).is_not(None))
    requete = requete.where(
        (col(Membre.role) == Role.EQUIPE) | col(Membre.telegram_id).in_(list(telegram_ids))
    )
    requete = requete.order_by(col(Membre.id))
    for membre in (await session.exec(requete)).all():
        nomme = membre.telegram_id in telegram_ids
        nouveau = Role.EQUIPE if nomme else Role.MEMBRE
        if membre.role != nouveau:
            _journaliser(
                session,
                origine=ORIGINE_REGLAGES,
                par=None,
                membre=membre,
                action="role",
                avant=membre.role.value,
                apres=nouveau.value,
                maintenant=maintenant,
            )
            membre.role = nouveau
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


async def effacer_donnees(
    session: AsyncSession, membre: Membre, maintenant: datetime, *, auteur: journal_.Auteur
) -> None:
    """Erase a member's personal data (right to erasure) and unbind their Telegram account.

    Only the rows compensation requires survive (tables in CONSERVEES_APRES_EFFACEMENT); the
    name is kept only when such rows exist, since paying someone needs to know who they are.
    Earlier log entries lose their link to the person; the erasure itself is logged, by
    number, with no value before or after.
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
    # Added after the links above are cleared, so this entry keeps its link to the record.
    journal_.noter_par(
        session,
        auteur,
        action="donnees-effacees",
        objet="membre",
        objet_id=membre.id,
        membre=membre,
        maintenant=maintenant,
    )
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


# --- Rights: roles, groups, departures, and their audit log ---------------------------------

ORIGINE_BOT = journal_.ORIGINE_BOT
ORIGINE_CLI = journal_.ORIGINE_CLI
ORIGINE_CONSOLE = journal_.ORIGINE_CONSOLE
ORIGINE_REGLAGES = journal_.ORIGINE_REGLAGES


class ErreurDroits(Exception):
    """A change of rights refused; `code` names the reason (a catalogue key's variant)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def equipe_des_reglages(membre: Membre, equipe_ids: Sequence[int]) -> bool:
    """Staff named in EQUIPE_TELEGRAM_IDS: only the settings change that."""
    return membre.telegram_id is not None and membre.telegram_id in equipe_ids


def _journaliser(
    session: AsyncSession,
    *,
    origine: str,
    par: Membre | None,
    membre: Membre,
    action: str,
    avant: str,
    apres: str,
    maintenant: datetime,
) -> None:
    journal_.noter(
        session,
        origine=origine,
        par=par,
        membre=membre,
        action=action,
        objet="membre",
        objet_id=membre.id,
        avant=avant,
        apres=apres,
        maintenant=maintenant,
    )


def verifier_modifiable(membre: Membre, equipe_ids: Sequence[int]) -> None:
    if membre.statut == StatutMembre.PARTI:
        raise ErreurDroits("parti")
    if equipe_des_reglages(membre, equipe_ids):
        raise ErreurDroits("equipe-reglages")


async def changer_role(
    session: AsyncSession,
    membre: Membre,
    role: Role,
    *,
    par: Membre | None,
    origine: str,
    equipe_ids: Sequence[int],
    maintenant: datetime,
) -> bool:
    """Make someone a member or a facilitator; False when they already were.

    Staff is given by the settings only (EQUIPE_TELEGRAM_IDS): a command can neither grant it
    nor take it from someone the settings name. Someone holding it without being named (an
    invitation made for staff) can be given another role."""
    if role == Role.EQUIPE:
        raise ErreurDroits("equipe-par-reglages")
    verifier_modifiable(membre, equipe_ids)
    if membre.role == role:
        return False
    _journaliser(
        session,
        origine=origine,
        par=par,
        membre=membre,
        action="role",
        avant=membre.role.value,
        apres=role.value,
        maintenant=maintenant,
    )
    membre.role = role
    session.add(membre)
    await session.commit()
    return True


async def changer_groupes(
    session: AsyncSession,
    membre: Membre,
    groupes: Sequence[Groupe],
    *,
    par: Membre | None,
    origine: str,
    equipe_ids: Sequence[int],
    maintenant: datetime,
) -> bool:
    """Set someone's groups (for a facilitator, the groups they facilitate); False when they
    were already these. A member belongs to one group, a facilitator to one or more."""
    verifier_modifiable(membre, equipe_ids)
    ids = sorted({g.id for g in groupes if g.id is not None})
    if membre.role == Role.MEMBRE and len(ids) != 1:
        raise ErreurDroits("un-groupe")
    if membre.role == Role.ANIMATEUR and not ids:
        raise ErreurDroits("au-moins-un-groupe")
    avant = await groupes_de(session, membre)
    if sorted(g.id for g in avant if g.id is not None) == ids:
        return False
    assert membre.id is not None
    await session.exec(sa.delete(Appartenance).where(col(Appartenance.membre_id) == membre.id))
    for groupe_id in ids:
        session.add(Appartenance(membre_id=membre.id, groupe_id=groupe_id))
    _journaliser(
        session,
        origine=origine,
        par=par,
        membre=membre,
        action="groupes",
        avant=", ".join(sorted(g.slug for g in avant)),
        apres=", ".join(sorted(g.slug for g in groupes)),
        maintenant=maintenant,
    )
    await session.commit()
    return True


async def marquer_depart(
    session: AsyncSession,
    membre: Membre,
    *,
    par: Membre | None,
    origine: str,
    equipe_ids: Sequence[int],
    maintenant: datetime,
) -> bool:
    """Someone left the assembly: their access ends at their next update and nothing more is
    sent to them; their attendance and compensation records stay. The Telegram account stays
    bound, so the bot can tell them politely. False when they had already left."""
    if membre.statut == StatutMembre.PARTI:
        return False
    verifier_modifiable(membre, equipe_ids)
    _journaliser(
        session,
        origine=origine,
        par=par,
        membre=membre,
        action="depart",
        avant=membre.statut.value,
        apres=StatutMembre.PARTI.value,
        maintenant=maintenant,
    )
    membre.statut = StatutMembre.PARTI
    membre.parti_le = maintenant
    session.add(membre)
    await session.exec(
        sa.update(Envoi)
        .where(col(Envoi.membre_id) == membre.id)
        .where(col(Envoi.statut) == StatutEnvoi.EN_ATTENTE)
        .values(statut=StatutEnvoi.PERIME, erreur="parti")
    )
    await session.commit()
    return True


async def trouver(session: AsyncSession, designation: int) -> Membre | None:
    """A member by their number, else by their Telegram id (the two never overlap in
    practice: Telegram ids are large)."""
    return await par_id(session, designation) or await par_telegram_id(session, designation)


async def journal(session: AsyncSession, *, limite: int = 50) -> list[journal_.LigneJournal]:
    """The latest changes of rights, newest first."""
    return await journal_.lire(session, filtre=journal_.Filtre(objet="membre"), limite=limite)


async def droits_changes(session: AsyncSession) -> list[Membre]:
    """Bound accounts whose rights ever changed: their command menus are re-installed at
    start (a menu set for a role they no longer hold is removed)."""
    requete = (
        select(Membre)
        .where(col(Membre.telegram_id).is_not(None))
        .where(
            col(Membre.id).in_(
                select(EntreeJournal.membre_id).where(col(EntreeJournal.membre_id).is_not(None))
            )
        )
    )
    return list((await session.exec(requete)).all())


async def mettre_groupe(
    session: AsyncSession,
    membre: Membre,
    groupe_id: int,
    *,
    dedans: bool,
    par: Membre | None,
    origine: str,
    equipe_ids: Sequence[int],
    maintenant: datetime,
) -> bool:
    """Put someone in one group or take them out of it (a state, not a toggle: two staff
    tapping at once do not undo each other); False when it already was so."""
    groupe = await session.get(Groupe, groupe_id)
    if groupe is None or not groupe.actif:
        raise ErreurDroits("groupe-inconnu")
    actuels = [g for g in await groupes_de(session, membre) if g.id != groupe_id]
    return await changer_groupes(
        session,
        membre,
        [*actuels, groupe] if dedans else actuels,
        par=par,
        origine=origine,
        equipe_ids=equipe_ids,
        maintenant=maintenant,
    )


async def fiche(session: AsyncSession, membre_id: int) -> FicheMembre | None:
    membre = await par_id(session, membre_id)
    if membre is None:
        return None
    return FicheMembre(membre, tuple(await groupes_de(session, membre)))
