"""Hypothesis runs the same examples on every run unless a random run is asked for
(`HYPOTHESIS_PROFILE=aleatoire`, see README)."""

import os

from hypothesis import settings


def test_hypothesis_est_derandomise_sauf_demande_contraire() -> None:
    profil = os.environ.get("HYPOTHESIS_PROFILE", "ci")
    assert settings.default.derandomize is (profil == "ci")
    assert settings.default.database is None  # no examples replayed from a previous run
    assert settings.get_profile("ci").derandomize
    assert not settings.get_profile("aleatoire").derandomize
