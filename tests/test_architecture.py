"""The house rules of ARCHITECTURE.md that a machine can check: imports flow one way."""

import ast
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parent.parent

INTERDITS = {
    "assemblee": {"aiogram", "apscheduler", "httpx", "bot", "commandes", "rappels", "veille"},
    "rappels": {"aiogram", "apscheduler", "bot", "commandes"},
    "veille": {"aiogram", "apscheduler", "bot", "commandes"},
    "commandes": {"bot"},
    "config": {"aiogram", "apscheduler", "httpx", "bot", "commandes", "assemblee"},
}


def _imports(fichier: Path) -> set[str]:
    arbre = ast.parse(fichier.read_text(encoding="utf-8"))
    modules: set[str] = set()
    for noeud in ast.walk(arbre):
        if isinstance(noeud, ast.Import):
            modules.update(alias.name.split(".")[0] for alias in noeud.names)
        elif isinstance(noeud, ast.ImportFrom) and noeud.module and noeud.level == 0:
            modules.add(noeud.module.split(".")[0])
    return modules


@pytest.mark.parametrize("paquet", sorted(INTERDITS))
def test_les_imports_vont_dans_un_seul_sens(paquet: str) -> None:
    fichiers = sorted((RACINE / paquet).rglob("*.py"))
    assert fichiers, f"{paquet}/ has no Python file"
    fautes = {
        f"{fichier.relative_to(RACINE)} imports {module}"
        for fichier in fichiers
        for module in _imports(fichier) & INTERDITS[paquet]
    }
    assert not fautes, sorted(fautes)
