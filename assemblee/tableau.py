"""The console's dashboard: what needs attention now, for staff (every group) or a
facilitator (their groups). A fixed number of queries, whatever the number of rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import seances
from assemblee.modeles import (
    Appartenance,
    ArticleGroupe,
    Bulletin,
    ChoixReponse,
    Envoi,
    Groupe,
    Membre,
    Reponse,
    Seance,
    Sondage,
    StatutArticle,
    StatutEnvoi,
    StatutMembre,
    Votant,
)
from assemblee.sondages import Participation

SEANCES_MONTREES = 5
SONDAGES_MONTRES = 10


@dataclass(frozen=True)
class SeanceProchaine:
    seance: Seance
    groupe: Groupe | None
    convoques: int
    reponses: dict[ChoixReponse, int]

    @property
    def sans_reponse(self) -> int:
        return max(0, self.convoques - sum(self.reponses.values()))


@dataclass(frozen=True)
class SondageOuvert:
    sondage: Sondage
    groupe: Groupe | None
    participation: Participation


@dataclass(frozen=True)
class Tableau:
    seances: list[SeanceProchaine]
    articles_a_trier: int
    sondages: list[SondageOuvert]
    injoignables: int
    envois: dict[StatutEnvoi, int] = field(default_factory=dict)


def _dans(colonne: Any, groupes: Sequence[Groupe] | None) -> sa.ColumnElement[bool]:
    """No condition for staff (None: every group), else "in these groups"."""
    if groupes is None:
        return sa.true()
    return col(colonne).in_([g.id for g in groupes])


async def participations(
    session: AsyncSession, sondages: Sequence[Sondage]
) -> dict[int, Participation]:
    """`sondages.participation` for many polls in two queries."""
    ouverts = [s.id for s in sondages if s.id is not None and s.clos_le is None]
    inscrits: dict[int, int] = {}
    votants: dict[int, int] = {}
    if ouverts:
        inscrits = dict(
            (
                await session.exec(
                    select(Votant.sondage_id, func.count())
                    .where(col(Votant.sondage_id).in_(ouverts))
                    .group_by(col(Votant.sondage_id))
                )
            ).all()
        )
        votants = dict(
            (
                await session.exec(
                    select(Bulletin.sondage_id, func.count())
                    .where(col(Bulletin.sondage_id).in_(ouverts))
                    .where(col(Bulletin.version) > 0)
                    .group_by(col(Bulletin.sondage_id))
                )
            ).all()
        )
    resultat = {}
    for s in sondages:
        assert s.id is not None
        if s.clos_le is not None and s.inscrits is not None:
            resultat[s.id] = Participation(s.inscrits, s.votants or 0)
        else:
            resultat[s.id] = Participation(inscrits.get(s.id, 0), votants.get(s.id, 0))
    return resultat


async def reponses_par_seance(
    session: AsyncSession, ids: Sequence[int]
) -> dict[int, dict[ChoixReponse, int]]:
    """Yes / no / maybe counts of many séances in one query."""
    compte: dict[int, dict[ChoixReponse, int]] = {i: {} for i in ids}
    if not ids:
        return compte
    lignes = (
        await session.exec(
            select(Reponse.seance_id, Reponse.choix, func.count())
            .where(col(Reponse.seance_id).in_(list(ids)))
            .group_by(col(Reponse.seance_id), col(Reponse.choix))
        )
    ).all()
    for seance_id, choix, n in lignes:
        compte[seance_id][ChoixReponse(choix)] = n
    return compte


async def tableau(
    session: AsyncSession, *, groupes: Sequence[Groupe] | None, maintenant: datetime
) -> Tableau:
    tous_groupes = {g.id: g for g in (await session.exec(select(Groupe))).all()}
    prochaines = (
        await session.exec(
            select(Seance)
            .where(col(Seance.fin) > maintenant)
            .where(col(Seance.annulee_le).is_(None))
            .where(_dans(Seance.groupe_id, groupes))
            .order_by(col(Seance.debut))
            .limit(SEANCES_MONTREES)
        )
    ).all()
    reponses = await reponses_par_seance(session, [s.id for s in prochaines if s.id])
    convoques = await seances.nombres_convoques(session, prochaines)
    liste_seances = [
        SeanceProchaine(
            s,
            tous_groupes.get(s.groupe_id) if s.groupe_id else None,
            convoques[s.id or 0],
            reponses.get(s.id or 0, {}),
        )
        for s in prochaines
    ]
    a_trier = (
        await session.exec(
            select(func.count())
            .select_from(ArticleGroupe)
            .where(ArticleGroupe.statut == StatutArticle.NOUVEAU)
            .where(_dans(ArticleGroupe.groupe_id, groupes))
        )
    ).one()
    ouverts = (
        await session.exec(
            select(Sondage)
            .where(col(Sondage.clos_le).is_(None))
            .where(_dans(Sondage.groupe_id, groupes))
            .order_by(col(Sondage.ferme_le))
            .limit(SONDAGES_MONTRES)
        )
    ).all()
    parts = await participations(session, ouverts)
    requete_injoignables = (
        select(func.count(sa.distinct(col(Membre.id))))
        .select_from(Membre)
        .where(Membre.statut == StatutMembre.INJOIGNABLE)
    )
    if groupes is not None:
        requete_injoignables = requete_injoignables.join(
            Appartenance, col(Appartenance.membre_id) == col(Membre.id)
        ).where(col(Appartenance.groupe_id).in_([g.id for g in groupes]))
    injoignables = (await session.exec(requete_injoignables)).one()
    envois: dict[StatutEnvoi, int] = {}
    if groupes is None:  # the outbox is the whole assembly's: staff only
        lignes = (
            await session.exec(
                select(Envoi.statut, func.count())
                .where(
                    col(Envoi.statut).in_(
                        [StatutEnvoi.EN_ATTENTE, StatutEnvoi.EN_COURS, StatutEnvoi.ECHEC]
                    )
                )
                .group_by(col(Envoi.statut))
            )
        ).all()
        envois = {StatutEnvoi(statut): n for statut, n in lignes}
    return Tableau(
        seances=liste_seances,
        articles_a_trier=a_trier,
        sondages=[
            SondageOuvert(
                s, tous_groupes.get(s.groupe_id) if s.groupe_id else None, parts[s.id or 0]
            )
            for s in ouverts
        ],
        injoignables=injoignables,
        envois=envois,
    )
