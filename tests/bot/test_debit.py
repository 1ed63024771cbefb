"""Telegram's limits as the sender applies them, on a fake monotonic clock."""

from bot.expediteur import MARGE, Debit


class Montre:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def _debit(montre: Montre) -> Debit:
    return Debit(par_seconde=30, par_chat=1, rafale_chat=3, groupe_par_minute=20, horloge=montre)


def _envoyer_tant_que_possible(debit: Debit, chats: list[int]) -> int:
    """Send (launch, then Telegram answers at once) until the limits say wait."""
    envoyes = 0
    for chat in chats:
        if debit.delai(chat) > 0:
            break
        debit.consommer(chat)
        debit.liberer()
        envoyes += 1
    return envoyes


def test_jamais_plus_de_30_par_seconde_au_total() -> None:
    montre = Montre()
    debit = _debit(montre)
    assert _envoyer_tant_que_possible(debit, list(range(1, 100))) == 30
    assert 0 < debit.delai(500) <= MARGE
    montre.t += MARGE
    assert _envoyer_tant_que_possible(debit, list(range(100, 200))) == 30


def test_un_chat_une_petite_rafale_puis_un_par_seconde() -> None:
    montre = Montre()
    debit = _debit(montre)
    assert _envoyer_tant_que_possible(debit, [7] * 10) == 3
    attente = debit.delai(7)
    assert 0.9 < attente <= MARGE
    assert debit.delai(8) == 0  # another chat is not held back
    montre.t += attente + 1e-9
    assert _envoyer_tant_que_possible(debit, [7] * 10) == 1


def test_groupe_20_par_minute() -> None:
    montre = Montre()
    debit = _debit(montre)
    for _ in range(20):
        assert debit.delai(-100) == 0
        debit.consommer(-100)
        montre.t += 1.1  # also keeps within the per-second limit
    assert debit.delai(-100) > 0
    montre.t += 60 * MARGE
    assert debit.delai(-100) == 0


def test_un_429_suspend_tout() -> None:
    montre = Montre()
    debit = _debit(montre)
    debit.suspendre(5)
    assert debit.delai(1) == 5 and debit.delai(-3) == 5
    montre.t += 5
    assert debit.delai(1) == 0


def test_un_envoi_en_vol_garde_sa_place_jusqu_a_la_reponse() -> None:
    """A request delayed on its way must not let later ones overtake the limit."""
    montre = Montre()
    debit = _debit(montre)
    for chat in range(1, 31):  # 30 launched, none answered yet
        assert debit.delai(chat) == 0
        debit.consommer(chat)
    assert debit.delai(100) > 0
    montre.t += 5  # Telegram is slow: still no answer, still no room
    assert debit.delai(100) > 0
    debit.liberer()  # one answer now: its place dates from now
    assert debit.delai(100) > 0
    for _ in range(29):
        debit.liberer()
    montre.t += MARGE
    assert debit.delai(100) == 0
