"""Flood control's decisions, on a clock the tests move: a burst, a pace, one notice per
episode, bounded memory."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.limiteur import Decision, Limiteur

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
ALI, BEA = 1, 2


def _rafale(limiteur: Limiteur, cle: int, nombre: int, instant: datetime) -> list[Decision]:
    return [limiteur.decider(cle, instant) for _ in range(nombre)]


def test_une_rafale_passe_puis_un_seul_avertissement_puis_le_silence() -> None:
    limiteur = Limiteur(rafale=5, par_seconde=1)
    decisions = _rafale(limiteur, ALI, 100, T0)
    assert decisions[:5] == [Decision.SERVIR] * 5
    assert decisions[5] == Decision.PREVENIR
    assert decisions[6:] == [Decision.IGNORER] * 94


def test_chacun_son_seau() -> None:
    limiteur = Limiteur(rafale=3, par_seconde=1)
    _rafale(limiteur, ALI, 50, T0)
    assert _rafale(limiteur, BEA, 3, T0) == [Decision.SERVIR] * 3


def test_le_rythme_soutenu_est_servi_sans_nouvel_avertissement() -> None:
    limiteur = Limiteur(rafale=3, par_seconde=0.5)
    _rafale(limiteur, ALI, 10, T0)
    # A flooder who keeps going gets the sustained pace, one token every two seconds...
    assert limiteur.decider(ALI, T0 + timedelta(seconds=1)) == Decision.IGNORER
    assert limiteur.decider(ALI, T0 + timedelta(seconds=2)) == Decision.SERVIR
    assert limiteur.decider(ALI, T0 + timedelta(seconds=2)) == Decision.IGNORER
    # ...and the notice is not repeated while the episode lasts.
    decisions = [limiteur.decider(ALI, T0 + timedelta(seconds=s / 10)) for s in range(20, 100)]
    assert Decision.PREVENIR not in decisions
    assert decisions.count(Decision.SERVIR) == 3  # at 4, 6 and 8 seconds


def test_apres_un_calme_le_service_reprend_et_un_nouvel_episode_est_annonce() -> None:
    limiteur = Limiteur(rafale=4, par_seconde=1)
    _rafale(limiteur, ALI, 10, T0)
    plus_tard = T0 + timedelta(seconds=4)  # long enough to fill the bucket again
    decisions = _rafale(limiteur, ALI, 6, plus_tard)
    assert decisions == [Decision.SERVIR] * 4 + [Decision.PREVENIR, Decision.IGNORER]


def test_un_calme_partiel_ne_clot_pas_l_episode() -> None:
    limiteur = Limiteur(rafale=4, par_seconde=1)
    _rafale(limiteur, ALI, 10, T0)
    decisions = _rafale(limiteur, ALI, 3, T0 + timedelta(seconds=2))
    assert decisions == [Decision.SERVIR, Decision.SERVIR, Decision.IGNORER]


def test_une_personne_normale_n_est_jamais_freinee() -> None:
    """A double tap, then a reply every few seconds for an hour, then a ten-message album."""
    limiteur = Limiteur(rafale=20, par_seconde=1)
    instant = T0
    decisions = _rafale(limiteur, ALI, 2, instant)
    for _ in range(1200):
        instant += timedelta(seconds=3)
        decisions.append(limiteur.decider(ALI, instant))
    decisions += _rafale(limiteur, ALI, 10, instant)
    assert set(decisions) == {Decision.SERVIR}


def test_une_horloge_qui_recule_ne_remplit_rien_et_ne_bloque_personne() -> None:
    limiteur = Limiteur(rafale=2, par_seconde=1)
    _rafale(limiteur, ALI, 3, T0)
    assert limiteur.decider(ALI, T0 - timedelta(hours=1)) == Decision.IGNORER
    assert limiteur.decider(ALI, T0 - timedelta(hours=1) + timedelta(seconds=1)) == Decision.SERVIR


def test_les_inactifs_sont_oublies() -> None:
    limiteur = Limiteur(rafale=10, par_seconde=1)
    for cle in range(500):
        limiteur.decider(cle, T0)
    assert len(limiteur) == 500
    limiteur.decider(ALI, T0 + timedelta(seconds=9))
    assert len(limiteur) == 500  # not idle long enough: their buckets are not full yet
    limiteur.decider(BEA, T0 + timedelta(seconds=10))
    assert len(limiteur) == 2  # ALI, seen at 9 s, and BEA now


def test_la_memoire_reste_bornee_face_a_une_foule() -> None:
    limiteur = Limiteur(rafale=3, par_seconde=1, taille_max=100)
    _rafale(limiteur, ALI, 10, T0)
    for cle in range(1000, 1099):
        limiteur.decider(cle, T0)
    assert len(limiteur) == 100
    assert limiteur.decider(ALI, T0) == Decision.IGNORER  # still remembered: recently seen
    for cle in range(2000, 3000):
        limiteur.decider(cle, T0)
    assert len(limiteur) == 100


@pytest.mark.parametrize(("rafale", "par_seconde"), [(0, 1.0), (1, 0.0)])
def test_des_reglages_absurdes_sont_refuses(rafale: int, par_seconde: float) -> None:
    with pytest.raises(ValueError, match="rafale"):
        Limiteur(rafale=rafale, par_seconde=par_seconde)
