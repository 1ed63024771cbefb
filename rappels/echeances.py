"""When each reminder of a séance is due. Pure functions: no database, no clock of their own.

- "7j" means the same wall-clock time seven days earlier in Paris (a reminder for Tuesday
  18:30 comes the Tuesday before at 18:30, even across a daylight-saving Sunday); "2h" means
  two real hours earlier.
- No reminder during quiet hours: one that would fall in them moves to their end if that is
  still before the séance, otherwise to just before they begin (never after the start).
- At any instant a séance has at most one *current* offset: the latest one that is due. A
  reminder missed while the bot was down therefore goes out late, but an older one that a
  newer one has overtaken is not sent at all (one reminder per offset, never two at once).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from assemblee.horloge import en_utc
from config.reglages import PlageHoraire

AVANT_LES_HEURES_CALMES = timedelta(minutes=1)


@dataclass(frozen=True)
class Decalage:
    code: str  # "7j", "1j", "2h"
    jours: int = 0
    heures: int = 0
    question: bool = False  # the first reminder asks "Serez-vous là ?"
    si_confirme: bool = False  # only for those who answered yes or maybe

    @property
    def approximatif(self) -> timedelta:
        return timedelta(days=self.jours, hours=self.heures)


def lire_decalages(rappels: str, si_confirme: str) -> list[Decalage]:
    """Parse the settings ("7j,1j,2h" and "2h"), furthest first."""
    confirmes = {c.strip() for c in si_confirme.split(",") if c.strip()}
    decalages = []
    for code in (c.strip() for c in rappels.split(",") if c.strip()):
        trouve = re.fullmatch(r"(\d+)([jh])", code)
        if trouve is None:
            raise ValueError(f"offset {code!r}")
        nombre, unite = int(trouve.group(1)), trouve.group(2)
        decalages.append(
            Decalage(
                code=code,
                jours=nombre if unite == "j" else 0,
                heures=nombre if unite == "h" else 0,
                si_confirme=code in confirmes,
            )
        )
    decalages.sort(key=lambda d: d.approximatif, reverse=True)
    if decalages:
        premier = decalages[0]
        decalages[0] = Decalage(
            premier.code, premier.jours, premier.heures, True, premier.si_confirme
        )
    return decalages


def _local(jour: datetime, heure: time, fuseau: ZoneInfo) -> datetime:
    """A wall-clock time on a local day, as a UTC instant (a time in the spring-forward gap
    is pushed forward by the gap, an ambiguous autumn time takes its first occurrence)."""
    naif = datetime.combine(jour.date(), heure)
    local = naif.replace(tzinfo=fuseau, fold=0)
    # Round-trip through UTC to normalise a non-existent time (02:30 on the spring Sunday).
    return en_utc(local)


def nominale(debut: datetime, decalage: Decalage, fuseau: ZoneInfo) -> datetime:
    local = debut.astimezone(fuseau)
    if decalage.jours:
        jour = local - timedelta(days=decalage.jours)
        instant = _local(jour, local.time(), fuseau)
    else:
        instant = en_utc(debut)
    return instant - timedelta(hours=decalage.heures)


def hors_heures_calmes(
    instant: datetime, debut: datetime, plage: PlageHoraire, fuseau: ZoneInfo
) -> datetime:
    """Move an instant out of quiet hours: to their end if still before `debut`, else to just
    before they began."""
    local = instant.astimezone(fuseau)
    if not plage.contient(local.time()):
        return instant
    # The quiet period containing `local` began today or yesterday, and ends today or tomorrow.
    debut_calme = _local(local, plage.debut, fuseau)
    if debut_calme > instant:
        debut_calme = _local(local - timedelta(days=1), plage.debut, fuseau)
    fin_calme = _local(local, plage.fin, fuseau)
    if fin_calme <= instant:
        fin_calme = _local(local + timedelta(days=1), plage.fin, fuseau)
    if fin_calme < debut:
        return fin_calme
    return debut_calme - AVANT_LES_HEURES_CALMES


def echeance(
    debut: datetime, decalage: Decalage, plage: PlageHoraire, fuseau: ZoneInfo
) -> datetime:
    """When this offset's reminder is due for a séance starting at `debut`."""
    return hors_heures_calmes(nominale(debut, decalage, fuseau), debut, plage, fuseau)


def decalage_courant(
    debut: datetime,
    decalages: list[Decalage],
    maintenant: datetime,
    plage: PlageHoraire,
    fuseau: ZoneInfo,
) -> tuple[Decalage, datetime] | None:
    """The offset whose reminder is due now (the latest one due), with its due time; None
    before the first one is due, or once the séance has started."""
    if maintenant >= debut:
        return None
    courant = None
    for decalage in decalages:  # furthest first
        du = echeance(debut, decalage, plage, fuseau)
        if du <= maintenant and (courant is None or du >= courant[1]):
            courant = (decalage, du)
    return courant


def horizon(decalages: list[Decalage]) -> timedelta:
    """How far ahead the tick must look: the furthest offset, plus a day for wall-clock
    arithmetic and quiet hours."""
    return max((d.approximatif for d in decalages), default=timedelta(0)) + timedelta(days=1)
