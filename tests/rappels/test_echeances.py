"""When reminders are due: wall-clock days across both 2026 daylight-saving Sundays, real hours,
quiet hours moved earlier or later but never past the start, one current offset at a time."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from config.reglages import PlageHoraire
from rappels.echeances import decalage_courant, echeance, hors_heures_calmes, lire_decalages

PARIS = ZoneInfo("Europe/Paris")
NUIT = PlageHoraire(time(21), time(8))
J7, J1, H2 = lire_decalages("7j,1j,2h", "2h")


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS).astimezone(UTC)  # type: ignore[misc]


def test_lecture_des_reglages() -> None:
    assert [(d.code, d.question, d.si_confirme) for d in (J7, J1, H2)] == [
        ("7j", True, False),
        ("1j", False, False),
        ("2h", False, True),
    ]
    assert [d.code for d in lire_decalages("2h,3j", "")] == ["3j", "2h"]  # furthest first


@pytest.mark.parametrize(
    ("debut", "attendus"),
    [
        # Spring forward on Sunday 29 March 2026: a Tuesday 31 March séance at 18:30.
        (
            paris(2026, 3, 31, 18, 30),
            [paris(2026, 3, 24, 18, 30), paris(2026, 3, 30, 18, 30), paris(2026, 3, 31, 16, 30)],
        ),
        # Fall back on Sunday 25 October 2026: a Monday 26 October séance at 18:30.
        (
            paris(2026, 10, 26, 18, 30),
            [paris(2026, 10, 19, 18, 30), paris(2026, 10, 25, 18, 30), paris(2026, 10, 26, 16, 30)],
        ),
        # A séance on the Sunday itself, at 10:00: two real hours before is 08:00 local.
        (
            paris(2026, 3, 29, 10, 0),
            [paris(2026, 3, 22, 10, 0), paris(2026, 3, 28, 10, 0), paris(2026, 3, 29, 8, 0)],
        ),
        (
            paris(2026, 10, 25, 10, 0),
            [paris(2026, 10, 18, 10, 0), paris(2026, 10, 24, 10, 0), paris(2026, 10, 25, 8, 0)],
        ),
    ],
)
def test_jours_a_l_heure_murale_heures_reelles(debut: datetime, attendus: list[datetime]) -> None:
    assert [echeance(debut, d, NUIT, PARIS) for d in (J7, J1, H2)] == attendus


def test_dans_les_heures_calmes_plus_tard_si_possible_sinon_plus_tot() -> None:
    # 09:30 séance: the 2 h reminder (07:30) moves to 08:00, still before the start.
    assert echeance(paris(2026, 12, 3, 9, 30), H2, NUIT, PARIS) == paris(2026, 12, 3, 8, 0)
    # 08:00 séance: 06:00 can't move to 08:00 (the start): it goes the evening before, 20:59.
    assert echeance(paris(2026, 12, 3, 8, 0), H2, NUIT, PARIS) == paris(2026, 12, 2, 20, 59)
    # 22:30 séance: J-1 at 22:30 moves to 08:00 the same morning... of the séance's day.
    assert echeance(paris(2026, 12, 3, 22, 30), J1, NUIT, PARIS) == paris(2026, 12, 3, 8, 0)
    # 23:00 séance: the 2 h reminder (21:00) is in quiet hours too: 20:59 just before.
    assert echeance(paris(2026, 12, 3, 23, 0), H2, NUIT, PARIS) == paris(2026, 12, 3, 20, 59)
    # Outside quiet hours nothing moves.
    instant = paris(2026, 12, 3, 12, 0)
    assert hors_heures_calmes(instant, paris(2026, 12, 4), NUIT, PARIS) == instant


def test_heures_calmes_la_nuit_du_changement_d_heure() -> None:
    # 02:30 on 25 October happens twice; any of them is in quiet hours and moves to 08:00.
    premier = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 02:30 CEST
    second = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # 02:30 CET
    debut = paris(2026, 10, 25, 12, 0)
    assert hors_heures_calmes(premier, debut, NUIT, PARIS) == paris(2026, 10, 25, 8, 0)
    assert hors_heures_calmes(second, debut, NUIT, PARIS) == paris(2026, 10, 25, 8, 0)


def test_un_seul_decalage_courant_a_la_fois() -> None:
    debut = paris(2026, 12, 10, 18, 30)
    decalages = [J7, J1, H2]

    def courant(instant: datetime) -> str | None:
        trouve = decalage_courant(debut, decalages, instant, NUIT, PARIS)
        return trouve[0].code if trouve else None

    assert courant(paris(2026, 12, 3, 18, 29)) is None
    assert courant(paris(2026, 12, 3, 18, 30)) == "7j"
    assert courant(paris(2026, 12, 9, 18, 29)) == "7j"
    assert courant(paris(2026, 12, 9, 18, 30)) == "1j"
    assert courant(paris(2026, 12, 10, 16, 30)) == "2h"
    assert courant(paris(2026, 12, 10, 18, 30)) is None  # started: nothing more
    # The bot was down from J-8 to 3 hours before: only J-1 is current (J-7 is skipped).
    assert courant(debut - timedelta(hours=3)) == "1j"
