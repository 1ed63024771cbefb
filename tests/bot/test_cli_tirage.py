"""`assemblee tirage verifier` as an outside observer uses it, with only the published files
(no settings, no database): the same panel again, and a wrong secret, another public value,
a bad file each said in one sentence with exit 1."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from assemblee import tirage
from bot import cli
from tests.assemblee.test_tirage import CIBLES_TOML, _pool

SECRET = "graine-de-l-equipe-2026"
LOTO = "3 14 15 92 65 étoile 7"


@pytest.fixture(scope="module")
def publication() -> dict[str, str]:
    """What the team published, drawn once for the module: the anonymised pool (a household
    number instead of the address), the targets, the commitment and the panel."""
    cibles, _ = tirage.lire_cibles(CIBLES_TOML)
    pool = _pool(80, adresses=True)
    resultat = tirage.tirer(pool, cibles, secret=SECRET, valeur_publique=LOTO)
    return {
        "volontaires.csv": tirage.pool_publie(pool, cibles),
        "cibles.toml": CIBLES_TOML,
        "engagement.txt": tirage.engagement(SECRET) + "\n",
        "panel.txt": "\n".join(resultat.panel) + "\n",
    }


@pytest.fixture
def publie(publication: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The published files, in a folder without any .env."""
    monkeypatch.chdir(tmp_path)
    for nom in ("BOT_TOKEN", "DATABASE_URL"):
        monkeypatch.delenv(nom, raising=False)
    for nom, contenu in publication.items():
        (tmp_path / nom).write_text(contenu, encoding="utf-8")
    return tmp_path


def _arguments(dossier: Path, *, secret: str = SECRET, loto: str = LOTO) -> list[str]:
    return [
        "tirage",
        "verifier",
        "--volontaires",
        str(dossier / "volontaires.csv"),
        "--cibles",
        str(dossier / "cibles.toml"),
        "--secret",
        secret,
        "--valeur-publique",
        loto,
        "--engagement",
        (dossier / "engagement.txt").read_text(),
        "--panel",
        str(dossier / "panel.txt"),
    ]


def _verifier(dossier: Path, *, secret: str = SECRET, loto: str = LOTO) -> int:
    return cli.main(_arguments(dossier, secret=secret, loto=loto))


def test_le_tirage_publie_se_refait_a_l_identique(
    publie: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _verifier(publie) == 0
    sortie = capsys.readouterr().out
    assert sortie.startswith("Tirage refait (maximin, 80 volontaires, 20 sièges)")
    assert "Le panel publié est bien celui que donnent ces valeurs." in sortie
    panel = (publie / "panel.txt").read_text().split()
    assert all(f"\n{ident}\n" in sortie for ident in panel)


def test_une_autre_machine_refait_le_meme_tirage(publie: Path) -> None:
    """An outsider's own process, with another string hashing than this one (Python draws it
    per process): the same panel. The library walks sets of ids, so this is not a given."""
    verification = subprocess.run(
        [sys.executable, "-m", "bot", *_arguments(publie)],
        env={"PATH": os.environ["PATH"], "PYTHONHASHSEED": "4242"},
        cwd=publie,
        capture_output=True,
        text=True,
        check=False,
    )
    assert verification.returncode == 0, verification.stderr
    assert "Le panel publié est bien celui que donnent ces valeurs." in verification.stdout
    assert "HiGHS" not in verification.stdout  # the solver's chatter stays out


def test_un_autre_secret_ou_une_autre_valeur_est_dit(
    publie: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _verifier(publie, secret="un-autre-secret") == 1
    erreur = capsys.readouterr().err
    assert "Ce secret ne correspond pas à l'engagement publié" in erreur
    assert "Traceback" not in erreur

    assert _verifier(publie, loto="3 14 15 92 65 étoile 8") == 1
    erreur = capsys.readouterr().err
    assert "Le panel publié n'est PAS celui que donnent ces valeurs" in erreur


def test_un_fichier_faux_est_nomme(publie: Path, capsys: pytest.CaptureFixture[str]) -> None:
    volontaires = publie / "volontaires.csv"
    lignes = volontaires.read_text(encoding="utf-8").splitlines()
    lignes[3] = lignes[3].replace("femme", "inconnu").replace("homme", "inconnu")
    volontaires.write_text("\n".join(lignes), encoding="utf-8")
    assert _verifier(publie) == 1
    erreur = capsys.readouterr().err
    assert "Ligne 4 : « genre » vaut « inconnu », absent des cibles (femme, homme)." in erreur
    (publie / "cibles.toml").write_text("sieges = 20\n[categories", encoding="utf-8")
    assert _verifier(publie) == 1
    assert "Fichier de cibles illisible" in capsys.readouterr().err
