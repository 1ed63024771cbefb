"""Attendance as compensation is paid on it: the roll call (émargement) of a month, exported
for the staff's spreadsheet.

Only the roll call counts: a member who answered "oui" but was not marked present is not paid,
and a cancelled séance pays no one. A member who erased their data keeps their name and
attendance (see `membres.effacer_donnees`), since paying them needs both.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee.dates import MOIS
from assemblee.modeles import (
    Appartenance,
    Convocation,
    Groupe,
    Membre,
    Presence,
    Reponse,
    Role,
    Seance,
    StatutMembre,
    TypeSeance,
)
from assemblee.tableur import ecrire_csv
from assemblee.textes import Catalogue, visible

# The French words the whole bot uses (the catalogue's type names, dates' month names).
_FRANCAIS = Catalogue().pour("fr")


def libelle_type(type_: TypeSeance) -> str:
    return visible(_FRANCAIS("type-seance", type=type_.value))


_FORME_MOIS = re.compile(r"(?P<annee>\d{4})-(?P<mois>\d{1,2})|(?P<mois2>\d{1,2})/(?P<annee2>\d{4})")
ENTETES = ("nom", "prénom", "groupe(s)", "date", "heure", "séance", "durée")


@dataclass(frozen=True)
class Mois:
    annee: int
    mois: int

    @property
    def code(self) -> str:
        return f"{self.annee:04d}-{self.mois:02d}"

    @property
    def libelle(self) -> str:
        """ "novembre 2026"."""
        return f"{MOIS['fr'][self.mois - 1]} {self.annee}"

    def bornes(self, fuseau: ZoneInfo) -> tuple[datetime, datetime]:
        """First and last instants (UTC, end excluded) of the month in the assembly's time."""
        debut = datetime(self.annee, self.mois, 1, tzinfo=fuseau)
        suivant = Mois(self.annee + self.mois // 12, self.mois % 12 + 1)
        fin = datetime(suivant.annee, suivant.mois, 1, tzinfo=fuseau)
        return debut.astimezone(UTC), fin.astimezone(UTC)


def lire_mois(texte: str) -> Mois:
    """ "2026-11" (or "11/2026"); ValueError with the operator's sentence otherwise."""
    trouve = _FORME_MOIS.fullmatch(texte.strip())
    if trouve is not None:
        annee = int(trouve["annee"] or trouve["annee2"])
        mois = int(trouve["mois"] or trouve["mois2"])
        if 1 <= mois <= 12 and annee >= 2000:
            return Mois(annee, mois)
    raise ValueError(
        f"Mois « {texte} » illisible : écrivez l'année puis le mois, par exemple 2026-11."
    )


@dataclass(frozen=True)
class PresenceIndemnisee:
    """One séance one member attended, as the compensation file lists it."""

    membre_id: int
    nom: str
    prenom: str
    groupes: str  # the member's groups, by name
    seance_id: int
    type: TypeSeance
    titre: str
    debut: datetime
    fin: datetime

    @property
    def duree(self) -> timedelta:
        # Elapsed time, not the wall-clock difference Python gives for two datetimes in the
        # same zone: a séance across a DST change is paid for the hours lived.
        return self.fin.astimezone(UTC) - self.debut.astimezone(UTC)


async def presences_du_mois(
    session: AsyncSession, *, mois: str, fuseau: ZoneInfo
) -> list[PresenceIndemnisee]:
    """The séances each member attended (roll call) that started in this month, local time;
    members by name, séances by date. Cancelled séances are left out."""
    debut, fin = lire_mois(mois).bornes(fuseau)
    requete = (
        select(Membre, Seance)
        .join(Presence, col(Presence.membre_id) == col(Membre.id))
        .join(Seance, col(Seance.id) == col(Presence.seance_id))
        .where(col(Presence.present).is_(True))
        .where(col(Seance.annulee_le).is_(None))
        .where(col(Seance.debut) >= debut)
        .where(col(Seance.debut) < fin)
    )
    rangees = (await session.exec(requete)).all()
    groupes = await _groupes_des_membres(session, {m.id or 0 for m, _ in rangees})
    lignes = [
        PresenceIndemnisee(
            membre_id=membre.id or 0,
            nom=membre.nom,
            prenom=membre.prenom,
            groupes=", ".join(groupes.get(membre.id or 0, [])),
            seance_id=seance.id or 0,
            type=seance.type,
            titre=seance.titre,
            debut=seance.debut,
            fin=seance.fin,
        )
        for membre, seance in rangees
    ]
    lignes.sort(key=lambda p: (_cle_nom(p.nom), _cle_nom(p.prenom), p.membre_id, p.debut))
    return lignes


async def _groupes_des_membres(session: AsyncSession, ids: set[int]) -> dict[int, list[str]]:
    requete = (
        select(Appartenance.membre_id, Groupe.nom)
        .join(Groupe, col(Groupe.id) == col(Appartenance.groupe_id))
        .where(col(Appartenance.membre_id).in_(sorted(ids)))
        .order_by(col(Groupe.ordre))
    )
    groupes: dict[int, list[str]] = {}
    for membre_id, nom in (await session.exec(requete)).all():
        groupes.setdefault(membre_id, []).append(nom)
    return groupes


def _cle_nom(texte: str) -> str:
    # "Émile" sorts with the E's, as in a French list, not after the Z's.
    decompose = unicodedata.normalize("NFKD", texte)
    return "".join(c for c in decompose if not unicodedata.combining(c)).casefold()


def duree_hmm(duree: timedelta) -> str:
    """ "2:00", "1:30", "27:15": hours can pass 24 in a month's total."""
    minutes = int(duree.total_seconds()) // 60
    return f"{minutes // 60}:{minutes % 60:02d}"


def csv_indemnisation(lignes: Sequence[PresenceIndemnisee], *, mois: str, fuseau: ZoneInfo) -> str:
    """The compensation file (assemblee.tableur: `;`, byte-order mark, no formula cells): one
    line per séance attended, then a total line per member."""
    libelle = lire_mois(mois).libelle
    sortie: list[list[str]] = [list(ENTETES)]
    par_membre: dict[int, list[PresenceIndemnisee]] = {}
    for ligne in lignes:
        par_membre.setdefault(ligne.membre_id, []).append(ligne)
    for presences in par_membre.values():
        premiere = presences[0]
        identite = [premiere.nom, premiere.prenom, premiere.groupes]
        for p in presences:
            local = p.debut.astimezone(fuseau)
            seance = f"{libelle_type(p.type)} – {p.titre}"
            sortie.append(
                [*identite, f"{local:%d/%m/%Y}", f"{local:%H:%M}", seance, duree_hmm(p.duree)]
            )
        total = sum((p.duree for p in presences), timedelta())
        nombre = len(presences)
        sortie.append(
            [
                *identite,
                f"Total {libelle}",
                "",
                f"{nombre} séance{'s' if nombre > 1 else ''}",
                duree_hmm(total),
            ]
        )
    return ecrire_csv(sortie)


async def exporter_indemnisation(session: AsyncSession, *, mois: str, fuseau: ZoneInfo) -> str:
    """The compensation CSV of a month ("2026-11"); see `csv_indemnisation`."""
    lignes = await presences_du_mois(session, mois=mois, fuseau=fuseau)
    return csv_indemnisation(lignes, mois=mois, fuseau=fuseau)


# --- One member's record ----------------------------------------------------------------------


@dataclass(frozen=True)
class LigneHistorique:
    """A séance in a member's record: what they answered, and what the roll call says."""

    seance: Seance
    reponse: Reponse | None
    presence: Presence | None


async def historique(
    session: AsyncSession, membre: Membre, *, limite: int = 50
) -> list[LigneHistorique]:
    """The séances this member is convened to (the rule of `assemblee.seances.convoques`,
    for one person) or answered or was marked at, newest first, with their answer and the
    roll call. Cancelled séances pay no one and are left out. Three queries whatever the
    number of séances."""
    assert membre.id is not None

    repondu = select(Reponse.seance_id).where(col(Reponse.membre_id) == membre.id)
    emarge = select(Presence.seance_id).where(col(Presence.membre_id) == membre.id)
    convocation = select(Convocation.seance_id).where(col(Convocation.membre_id) == membre.id)
    conditions: list[sa.ColumnElement[bool]] = [
        col(Seance.id).in_(repondu),
        col(Seance.id).in_(emarge),
        col(Seance.id).in_(convocation.where(col(Convocation.convoque).is_(True))),
    ]
    if membre.role == Role.MEMBRE and membre.statut != StatutMembre.PARTI:
        ses_groupes = select(Appartenance.groupe_id).where(col(Appartenance.membre_id) == membre.id)
        conditions.append(
            sa.and_(
                sa.or_(col(Seance.groupe_id).is_(None), col(Seance.groupe_id).in_(ses_groupes)),
                col(Seance.id).not_in(convocation.where(col(Convocation.convoque).is_(False))),
            )
        )
    requete = (
        select(Seance)
        .where(col(Seance.annulee_le).is_(None))
        .where(sa.or_(*conditions))
        .order_by(col(Seance.debut).desc(), col(Seance.id).desc())
        .limit(limite)
    )
    seances = list((await session.exec(requete)).all())
    ids = [s.id for s in seances]
    reponses = {
        r.seance_id: r
        for r in (
            await session.exec(
                select(Reponse)
                .where(col(Reponse.membre_id) == membre.id)
                .where(col(Reponse.seance_id).in_(ids))
            )
        ).all()
    }
    presences = {
        p.seance_id: p
        for p in (
            await session.exec(
                select(Presence)
                .where(col(Presence.membre_id) == membre.id)
                .where(col(Presence.seance_id).in_(ids))
            )
        ).all()
    }
    return [LigneHistorique(s, reponses.get(s.id or 0), presences.get(s.id or 0)) for s in seances]
