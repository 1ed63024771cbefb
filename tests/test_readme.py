"""README.md opens with the two commands, and CI runs the second one as written."""

import re
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent


def _blocs(texte: str) -> list[str]:
    return re.findall(r"```sh\n(.*?)\n```", texte, flags=re.DOTALL)


def test_le_readme_commence_par_lancer_puis_tester() -> None:
    texte = (RACINE / "README.md").read_text(encoding="utf-8")
    lancer, tester = _blocs(texte)[:2]
    assert "\n" not in lancer and "\n" not in tester
    assert lancer.startswith("python3 -m venv .venv") and lancer.endswith(".venv/bin/assemblee")
    assert tester.startswith("python3 -m venv .venv") and tester.endswith(".venv/bin/pytest")
    # Nothing but a title and a few lines of text before them.
    assert texte.index(lancer) < 400


def test_la_ci_lance_la_commande_de_test_du_readme() -> None:
    ci = (RACINE / ".ci" / "run").read_text(encoding="utf-8")
    assert "README.md" in ci and 'eval "$commande_tests"' in ci
