"""A member's calendar: an .ics file (RFC 5545, Europe/Paris) to add to their phone, and a
secret, revocable subscription URL for calendar apps (webhook mode)."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from icalendar import Calendar, Event
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from assemblee.modeles import Calendrier, Groupe, Membre, Seance
from assemblee.textes import Traducteur, visible

DOMAINE_UID = "assemblee-citoyenne"


def ics(
    seances: Sequence[tuple[Seance, str | None]],
    *,
    fuseau: ZoneInfo,
    t: Traducteur,
    nom: str,
    maintenant: datetime,
) -> bytes:
    """An iCalendar file of these séances, in the assembly's time zone (with its VTIMEZONE),
    cancelled ones marked CANCELLED so that a subscribed calendar removes them."""
    calendrier = Calendar()
    calendrier.add("prodid", "-//Assemblée citoyenne//assemblee//FR")
    calendrier.add("version", "2.0")
    calendrier.add("calscale", "GREGORIAN")
    calendrier.add("method", "PUBLISH")
    calendrier.add("x-wr-calname", nom)
    calendrier.add("x-wr-timezone", fuseau.key)
    for seance, nom_groupe in seances:
        evenement = Event()
        evenement.add("uid", f"seance-{seance.id}@{DOMAINE_UID}")
        evenement.add("dtstamp", maintenant)
        evenement.add("dtstart", seance.debut.astimezone(fuseau))
        evenement.add("dtend", seance.fin.astimezone(fuseau))
        groupe = nom_groupe or visible(t("carte-toute-assemblee"))
        evenement.add(
            "summary",
            f"{seance.titre} ({visible(t('type-seance', type=seance.type.value))}, {groupe})",
        )
        if seance.lieu:
            evenement.add("location", seance.lieu)
        if seance.lien:
            evenement.add("url", seance.lien)
        description = "\n\n".join(p for p in (seance.description, seance.lien or "") if p)
        if description:
            evenement.add("description", description)
        modifiee = seance.modifiee_le or seance.cree_le
        evenement.add("last-modified", modifiee)
        evenement.add("sequence", int((modifiee - seance.cree_le).total_seconds()) // 60)
        evenement.add("status", "CANCELLED" if seance.annulee_le else "CONFIRMED")
        calendrier.add_component(evenement)
    calendrier.add_missing_timezones()
    ical: bytes = calendrier.to_ical()
    return ical


# --- Subscription URL ---------------------------------------------------------------------------


def _hacher(jeton: str) -> str:
    return hashlib.sha256(jeton.encode()).hexdigest()


async def nouveau_lien(session: AsyncSession, membre: Membre, maintenant: datetime) -> str:
    """A new secret token for this member's calendar URL; the previous one stops working."""
    await revoquer(session, membre, maintenant, commit=False)
    jeton = secrets.token_urlsafe(24)
    session.add(Calendrier(membre_id=membre.id or 0, jeton_hash=_hacher(jeton), cree_le=maintenant))
    await session.commit()
    return jeton


async def revoquer(
    session: AsyncSession, membre: Membre, maintenant: datetime, *, commit: bool = True
) -> None:
    await session.exec(
        sa.update(Calendrier)
        .where(col(Calendrier.membre_id) == membre.id)
        .where(col(Calendrier.revoque_le).is_(None))
        .values(revoque_le=maintenant)
    )
    if commit:
        await session.commit()


async def membre_du_jeton(session: AsyncSession, jeton: str) -> Membre | None:
    """Whose calendar a URL token opens (None if unknown or revoked)."""
    lien = (
        await session.exec(
            select(Calendrier)
            .where(Calendrier.jeton_hash == _hacher(jeton))
            .where(col(Calendrier.revoque_le).is_(None))
        )
    ).first()
    return await session.get(Membre, lien.membre_id) if lien else None


async def avec_groupes(
    session: AsyncSession, seances: Sequence[Seance]
) -> list[tuple[Seance, str | None]]:
    noms = {g.id: g.nom for g in (await session.exec(select(Groupe))).all()}
    return [(s, noms.get(s.groupe_id) if s.groupe_id else None) for s in seances]
