"""The roll call on the day (émargement): the attendance record compensation is paid on."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee import acces, journal, seances
from assemblee.modeles import Membre, Presence, Seance

# "On the day": from a little before the start to the day after the end (a forgotten roll
# call can still be completed the next morning).
OUVERTURE_AVANT = timedelta(hours=3)
FERMETURE_APRES = timedelta(hours=24)


class Refus(StrEnum):
    INTERDIT = "interdit"  # not the séance's facilitator nor staff
    ANNULEE = "annulee"
    PAS_LE_JOUR = "pas-le-jour"
    NON_CONVOQUE = "non-convoque"


def ouvert(seance: Seance, maintenant: datetime) -> bool:
    return seance.debut - OUVERTURE_AVANT <= maintenant <= seance.fin + FERMETURE_APRES


async def feuille(session: AsyncSession, seance: Seance) -> list[tuple[Membre, bool | None]]:
    """Each convened member, present (True), absent (False) or not yet marked (None)."""
    marques = {
        p.membre_id: p.present
        for p in (await session.exec(select(Presence).where(Presence.seance_id == seance.id))).all()
    }
    return [(m, marques.get(m.id or 0)) for m in await seances.convoques(session, seance)]


async def marques_par(session: AsyncSession, seance: Seance) -> dict[int, Membre]:
    """Who marked each member already marked (the roll call shows it: two facilitators with
    different views of the list see each other's marks)."""
    requete = (
        select(Presence.membre_id, Membre)
        .join(Membre, col(Membre.id) == col(Presence.note_par_id))
        .where(Presence.seance_id == seance.id)
    )
    return {membre_id: par for membre_id, par in (await session.exec(requete)).all()}


def _etat(present: bool) -> str:
    return "present" if present else "absent"


async def emarger(
    session: AsyncSession,
    *,
    seance: Seance,
    membre_id: int,
    present: bool,
    auteur: journal.Auteur,
    maintenant: datetime,
) -> Presence | Refus:
    """Set one member present or absent (a state, not a toggle: the button names the state it
    sets, so two facilitators tapping the same name never undo each other); nothing is
    written when refused. Each mark is one entry of the audit log."""
    par = auteur.par
    if par is not None and not await acces.peut_gerer_seance(session, par, seance):
        return Refus.INTERDIT
    if seance.annulee_le is not None:
        return Refus.ANNULEE
    if not ouvert(seance, maintenant):
        return Refus.PAS_LE_JOUR
    # One member's rule, not the whole list: each tap of a busy roll call stays short.
    membre = await session.get(Membre, membre_id)
    if membre is None or not await seances.est_convoque(session, seance, membre):
        return Refus.NON_CONVOQUE
    presence = await session.get(Presence, (seance.id, membre_id))
    journal.noter_par(
        session,
        auteur,
        action="presence",
        objet="seance",
        objet_id=seance.id,
        membre=membre,
        avant="" if presence is None else _etat(presence.present),
        apres=_etat(present),
        maintenant=maintenant,
    )
    if presence is not None:
        presence.present = present
        presence.note_par_id = par.id if par else None
        presence.note_le = maintenant
        session.add(presence)
        await session.commit()
        return presence
    marque = Presence(
        seance_id=seance.id or 0,
        membre_id=membre_id,
        present=present,
        note_par_id=par.id if par else None,
        note_le=maintenant,
    )
    # A first mark, written even if the row exists by now: two people marking the same name
    # at the same instant (two phones, a tablet) may both have found none above.
    connexion = await session.connection()
    dialecte = postgresql if connexion.dialect.name == "postgresql" else sqlite
    valeurs = marque.model_dump()
    await connexion.execute(
        dialecte.insert(Presence.__table__)  # type: ignore[attr-defined]
        .values(**valeurs)
        .on_conflict_do_update(
            index_elements=["seance_id", "membre_id"],
            set_={c: valeurs[c] for c in ("present", "note_par_id", "note_le")},
        )
    )
    await session.commit()
    return marque
