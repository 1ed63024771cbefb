"""Dates as people read them, in the assembly's time zone: "mardi 3 mars à 18 h 30"."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from assemblee.textes import heure

_JOURS = {
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
MOIS = {
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def date_longue(instant: datetime, fuseau: ZoneInfo, langue: str) -> str:
    """ "mardi 3 mars à 18 h 30" / "Tuesday 3 March at 18:30" (local time)."""
    local = instant.astimezone(fuseau)
    langue = langue if langue in _JOURS else "fr"
    jour = _JOURS[langue][local.weekday()]
    mois = MOIS[langue][local.month - 1]
    quantieme = "1er" if langue == "fr" and local.day == 1 else str(local.day)
    lien = "à" if langue == "fr" else "at"
    return f"{jour} {quantieme} {mois} {lien} {heure(local.time(), langue)}"


def jour_long(instant: datetime, fuseau: ZoneInfo, langue: str) -> str:
    """ "mercredi 30 juin 2027" / "Wednesday 30 June 2027" (local date, with its year): for
    dates months ahead (a campaign's close, the deletion of its data)."""
    local = instant.astimezone(fuseau)
    langue = langue if langue in _JOURS else "fr"
    quantieme = "1er" if langue == "fr" and local.day == 1 else str(local.day)
    mois = MOIS[langue][local.month - 1]
    return f"{_JOURS[langue][local.weekday()]} {quantieme} {mois} {local.year}"


def date_courte(instant: datetime, fuseau: ZoneInfo, langue: str) -> str:
    """ "25/11 18 h 30" / "25/11 18:30" (local time), for lists."""
    local = instant.astimezone(fuseau)
    return f"{local:%d/%m} {heure(local.time(), langue)}"


def date_datee(instant: datetime, fuseau: ZoneInfo, langue: str) -> str:
    """ "25/11/2026 18 h 30" / "25/11/2026 18:30" (local time), for logs and histories that
    span more than a year."""
    local = instant.astimezone(fuseau)
    return f"{local:%d/%m/%Y} {heure(local.time(), langue)}"
