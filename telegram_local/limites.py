"""Telegram's flood limits, accounted on an injected clock: what a bot sent too fast."""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class ViolationLimite:
    horodatage: float
    # "global" (30 msg/s), "chat" (private, 1 msg/s), "groupe" (20 msg/min) or "retry_after"
    # (a message sent while a 429's retry_after window was still running; bot-wide).
    genre: str
    chat_id: int  # 0 when the call's chat_id was not an integer


@dataclass
class Violations:
    evenements: list[ViolationLimite] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.evenements)

    @property
    def globales(self) -> int:
        return sum(1 for v in self.evenements if v.genre == "global")

    @property
    def retry_after(self) -> int:
        """Messages sent inside a retry_after window (flood wait not honoured)."""
        return sum(1 for v in self.evenements if v.genre == "retry_after")

    @property
    def par_chat(self) -> dict[int, int]:
        """Per-chat limit violations ("chat" and "groupe") by chat id."""
        compte: dict[int, int] = {}
        for v in self.evenements:
            if v.genre in ("chat", "groupe"):
                compte[v.chat_id] = compte.get(v.chat_id, 0) + 1
        return compte


class _Limiteur:
    """Counts Telegram flood-limit violations using an injected clock."""

    def __init__(self, horloge: Callable[[], float]) -> None:
        self._horloge = horloge
        self._global: deque[float] = deque()
        self._seaux: dict[int, tuple[float, float]] = {}
        self._groupes: dict[int, deque[float]] = {}
        self._fin_penalite = -math.inf
        self._debut_penalite = -math.inf
        self.grace_retry_after = 0.0
        self.grace_en_vol = 0
        self._arrivees_penalite = 0
        self.violations = Violations()

    def penaliser(self, secondes: float) -> None:
        """A 429 with retry_after=`secondes` was answered now: open a bot-wide window."""
        t = self._horloge()
        if t >= self._fin_penalite:
            self._debut_penalite = t
            self._arrivees_penalite = 0
        self._fin_penalite = max(self._fin_penalite, t + secondes)

    def reste_penalite(self) -> float:
        """Seconds left in the current retry_after window (0 if none)."""
        return max(0.0, self._fin_penalite - self._horloge())

    def verifier_penalite(self, chat_id: int, imposer: bool) -> int | None:
        """A message-sending call arrives: count it if inside the retry_after window;
        returns the seconds to announce (rounded up) if it must be refused."""
        t = self._horloge()
        if t >= self._fin_penalite:
            return None
        # Requests already on their way when the 429 went out are not the client's fault: those
        # arriving within the grace delay, and the first `grace_en_vol` of the window whenever
        # they arrive (a client with N sends in parallel has at most N - 1 others on the wire;
        # on a machine whose cores are all busy they may reach us late).
        self._arrivees_penalite += 1
        en_route = (
            t - self._debut_penalite < self.grace_retry_after
            or self._arrivees_penalite <= self.grace_en_vol
        )
        if not en_route:
            self.violations.evenements.append(ViolationLimite(t, "retry_after", chat_id))
        if not imposer:
            return None
        return max(1, math.ceil(self._fin_penalite - t - 1e-9))

    def envoi(self, chat_id: int, prive: bool, imposer: bool) -> int | None:
        """Account one sent message; returns retry_after if it must be refused."""
        t = self._horloge()
        attentes: list[tuple[str, float]] = []
        while self._global and self._global[0] <= t - 1.0:
            self._global.popleft()
        if len(self._global) + 1 > 30:
            attentes.append(("global", self._global[0] + 1.0 - t))
        jetons = 3.0
        if prive:
            jetons, derniere = self._seaux.get(chat_id, (3.0, t))
            jetons = min(3.0, jetons + max(0.0, t - derniere))
            if jetons < 1.0:
                attentes.append(("chat", 1.0 - jetons))
        fenetre = self._groupes.setdefault(chat_id, deque()) if not prive else None
        if fenetre is not None:
            while fenetre and fenetre[0] <= t - 60.0:
                fenetre.popleft()
            if len(fenetre) + 1 > 20:
                attentes.append(("groupe", fenetre[0] + 60.0 - t))
        for genre, _ in attentes:
            self.violations.evenements.append(ViolationLimite(t, genre, chat_id))
        if imposer and attentes:
            if prive:
                self._seaux[chat_id] = (jetons, t)
            return max(1, math.ceil(max(a for _, a in attentes)))
        self._global.append(t)
        if prive:
            self._seaux[chat_id] = (jetons - 1.0 if jetons >= 1.0 else jetons, t)
        if fenetre is not None:
            fenetre.append(t)
        return None
