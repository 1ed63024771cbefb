"""The privacy notice says what facilitators see, and no health reason is ever asked for."""

from assemblee.modeles import RaisonAbsence
from assemblee.textes import Catalogue, visible

CATALOGUE = Catalogue(defaut="fr")


def test_la_notice_dit_ce_que_voient_les_animateurs() -> None:
    fr = visible(CATALOGUE.pour("fr")("confidentialite", prenom="Camille", contact="x"))
    assert "les animateurs de votre groupe" in fr
    assert "vos choix dans les votes nominatifs" in fr
    assert "votre nom sur les sujets que vous proposez" in fr
    en = visible(CATALOGUE.pour("en")("confidentialite", prenom="Camille", contact="x"))
    assert "your choices in named votes" in en and "your name on the topics you propose" in en


def test_aucune_raison_d_absence_ne_parle_de_sante() -> None:
    assert "sante" not in {r.value for r in RaisonAbsence}
    for langue in ("fr", "en"):
        t = CATALOGUE.pour(langue)
        libelles = [t("raison-choix", raison=r.value) for r in RaisonAbsence]
        assert not any(m in lib.lower() for lib in libelles for m in ("santé", "health"))
    assert CATALOGUE.pour("fr")("raison-choix", raison="personnelle") == "Raison personnelle"
