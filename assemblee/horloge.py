"""The one source of "now": injected everywhere so tests move time instead of waiting for it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol


class Horloge(Protocol):
    def maintenant(self) -> datetime:
        """The current instant, timezone-aware, in UTC."""
        ...


class HorlogeSysteme:
    def maintenant(self) -> datetime:
        return datetime.now(UTC)


class HorlogeFigee:
    """A clock that only moves when told to (tests, demo, benchmarks)."""

    def __init__(self, instant: datetime) -> None:
        self._instant = en_utc(instant)

    def maintenant(self) -> datetime:
        return self._instant

    def regler(self, instant: datetime) -> None:
        self._instant = en_utc(instant)

    def avancer(self, duree: timedelta) -> datetime:
        self._instant += duree
        return self._instant


def en_utc(instant: datetime) -> datetime:
    """Refuse naive datetimes: an instant without a zone is a bug waiting for a DST Sunday."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("naive datetime: give it a time zone")
    return instant.astimezone(UTC)
