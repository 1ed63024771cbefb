"""The house rules of ARCHITECTURE.md that a machine can check: imports flow one way."""

import ast
import tomllib
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parent.parent

# The fake Telegram is for bot/ (the demo, the CLI's HTML check), tests and bench only.
FAUX_TELEGRAM = "telegram_local"
INTERDITS = {
    "assemblee": {
        "aiogram",
        "apscheduler",
        "httpx",
        "bot",
        "commandes",
        "rappels",
        "veille",
        "console",
        FAUX_TELEGRAM,
    },
    "rappels": {"aiogram", "apscheduler", "bot", "commandes", "console", FAUX_TELEGRAM},
    "veille": {"aiogram", "apscheduler", "bot", "commandes", "console", FAUX_TELEGRAM},
    "commandes": {"bot", "console", FAUX_TELEGRAM},
    "config": {"aiogram", "apscheduler", "httpx", "bot", "commandes", "assemblee", FAUX_TELEGRAM},
    # The web face: the domain's, beside commandes/ (never through it) and apart from the
    # bot's wiring (console.web.Application says what it needs of the running bot).
    "console": {"apscheduler", "bot", "commandes", FAUX_TELEGRAM},
    # Stand-alone: it plays Telegram, so it knows nothing of the assembly.
    FAUX_TELEGRAM: {
        "aiogram",
        "assemblee",
        "bot",
        "commandes",
        "rappels",
        "veille",
        "config",
        "console",
    },
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


PAQUETS = (
    "assemblee",
    "bot",
    "commandes",
    "config",
    "rappels",
    "veille",
    "bench",
    "telegram_local",
    "console",
)
MODULE_DES_TEXTES = RACINE / "assemblee" / "textes.py"


def _fichiers_du_code() -> list[Path]:
    return [f for paquet in PAQUETS for f in sorted((RACINE / paquet).rglob("*.py"))]


def test_le_type_html_ne_se_fabrique_que_dans_le_module_des_textes() -> None:
    """Html is made by escaping, by the catalogue or by joining Html (assemblee/textes.py):
    `Html(f"...")` elsewhere is how a member's "<" once reached Telegram unescaped."""
    fautes = []
    for fichier in _fichiers_du_code():
        if fichier == MODULE_DES_TEXTES:
            continue
        for noeud in ast.walk(ast.parse(fichier.read_text(encoding="utf-8"))):
            if not isinstance(noeud, ast.Call):
                continue
            fonction = noeud.func
            html_a_la_main = isinstance(fonction, ast.Name) and fonction.id == "Html"
            # Escaping that bypasses `echapper` (html.escape) is the same fault, quieter.
            echappe_a_cote = (
                isinstance(fonction, ast.Attribute)
                and fonction.attr == "escape"
                and isinstance(fonction.value, ast.Name)
                and fonction.value.id == "html"
            )
            if html_a_la_main or echappe_a_cote:
                fautes.append(f"{fichier.relative_to(RACINE)}:{noeud.lineno}")
    assert not fautes, fautes


def test_mypy_strict_verifie_chaque_paquet() -> None:
    """Strict typing is what turns a plain str where Html is expected into an error."""
    reglage = tomllib.loads((RACINE / "pyproject.toml").read_text(encoding="utf-8"))
    mypy = reglage["tool"]["mypy"]
    assert mypy["strict"] is True
    assert set(mypy["files"]) == set(PAQUETS)
