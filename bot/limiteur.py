"""Flood control: a token bucket per Telegram user, pure (no Telegram, no database).

Each update costs one token; a bucket holds at most `rafale` tokens and refills at
`par_seconde`. A person's bursts (a double tap, an album, a few forwarded messages) fit in the
bucket; only a machine-like stream empties it. One warning per flood episode: the episode ends
when the bucket is full again, i.e. after the person has been quiet long enough.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

# A bucket's memory: enough for every member and a crowd of strangers, a few hundred kB.
TAILLE_MAX = 10_000


class Decision(Enum):
    SERVIR = "servir"  # handle the update
    PREVENIR = "prevenir"  # drop it, and tell the person once for this episode
    IGNORER = "ignorer"  # drop it silently


@dataclass(slots=True)
class _Seau:
    jetons: float
    instant: datetime
    prevenu: bool = False


class Limiteur:
    def __init__(self, *, rafale: int, par_seconde: float, taille_max: int = TAILLE_MAX) -> None:
        if rafale < 1 or par_seconde <= 0 or taille_max < 1:
            raise ValueError("rafale >= 1, par_seconde > 0 and taille_max >= 1 are required")
        self.rafale = rafale
        self.par_seconde = par_seconde
        self.taille_max = taille_max
        # Seconds for an empty bucket to fill up: past that, a user is as good as new.
        self._oubli = rafale / par_seconde
        # Least recently seen first, so forgetting idle users stops at the first active one.
        self._seaux: OrderedDict[int, _Seau] = OrderedDict()

    def __len__(self) -> int:
        return len(self._seaux)

    def decider(self, cle: int, maintenant: datetime) -> Decision:
        """Account one update from `cle` (a Telegram user id) at `maintenant`. Synchronous, so
        concurrent updates of one user cannot both take the last token."""
        self._oublier(maintenant)
        seau = self._seaux.pop(cle, None)
        if seau is None:
            seau = _Seau(float(self.rafale), maintenant)
        else:
            # A clock set back refills nothing (and does not lock the person out).
            ecoule = max(0.0, (maintenant - seau.instant).total_seconds())
            seau.jetons = min(float(self.rafale), seau.jetons + ecoule * self.par_seconde)
            seau.instant = maintenant
            if seau.jetons >= self.rafale:
                seau.prevenu = False  # quiet long enough: the episode is over
        self._seaux[cle] = seau
        if len(self._seaux) > self.taille_max:
            self._seaux.popitem(last=False)  # a crowd: forget the least recently seen
        if seau.jetons >= 1.0:
            seau.jetons -= 1.0
            return Decision.SERVIR
        if not seau.prevenu:
            seau.prevenu = True
            return Decision.PREVENIR
        return Decision.IGNORER

    def _oublier(self, maintenant: datetime) -> None:
        """Drop the users whose bucket would be full by now: amortised O(1) per update."""
        while self._seaux:
            cle, seau = next(iter(self._seaux.items()))
            if (maintenant - seau.instant).total_seconds() < self._oubli:
                return
            del self._seaux[cle]
