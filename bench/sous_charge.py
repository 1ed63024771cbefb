"""The README's test command, several times in a row while every core is kept busy.

The suite must not depend on an idle machine (no wall-clock threshold, no race that only a
fast machine wins): this runs it as the README says, N times (3 by default), with stress-ng
(or, without it, one Python busy loop per core) burning every core meanwhile, and prints each
run's outcome and duration. Exits 1 if any run failed; the load stops with the script, even
on Ctrl-C.

    .venv/bin/python bench/sous_charge.py                  # SQLite, 3 runs (≈ 3 × 12 min)
    .venv/bin/python bench/sous_charge.py --fois 1
    TEST_DATABASE_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python bench/sous_charge.py
"""

# The imports must follow the sys.path fix below, hence E402 off for this file only.
# ruff: noqa: E402

from __future__ import annotations

import sys
from pathlib import Path

# As in the other benches: this folder off sys.path, the repository's root on it.
_ICI = str(Path(__file__).resolve().parent)
sys.path[:] = [p for p in sys.path if p != _ICI]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse
import multiprocessing
import os
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager

RACINE = Path(__file__).resolve().parent.parent


def commande_du_readme() -> str:
    """The README's test command: the first line of its second code block (as .ci/run reads
    it)."""
    clotures = 0
    for ligne in (RACINE / "README.md").read_text(encoding="utf-8").splitlines():
        if ligne.startswith("```"):
            clotures += 1
        elif clotures == 3:
            return ligne
    raise SystemExit("README.md : pas de deuxième bloc de code (la commande des tests).")


def _bruler() -> None:
    while True:
        pass


@contextmanager
def charge(coeurs: int) -> Iterator[str]:
    """Every core busy until the `with` ends."""
    stress = shutil.which("stress-ng")
    if stress:
        processus = subprocess.Popen(  # noqa: S603  # our own arguments
            [stress, "--cpu", str(coeurs), "--quiet"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            yield f"stress-ng --cpu {coeurs}"
        finally:
            os.killpg(processus.pid, signal.SIGKILL)
            processus.wait()
        return
    bruleurs = [multiprocessing.Process(target=_bruler, daemon=True) for _ in range(coeurs)]
    for bruleur in bruleurs:
        bruleur.start()
    try:
        yield f"{coeurs} boucle(s) Python"
    finally:
        for bruleur in bruleurs:
            bruleur.kill()
            bruleur.join()


def bilan(sortie: str) -> str:
    """pytest's last summary line ("752 passed, 4 skipped in 424.96s"), or the last line."""
    lignes = [ligne for ligne in sortie.splitlines() if ligne.strip()]
    for ligne in reversed(lignes):
        if re.search(r"\d+ (passed|failed|error)", ligne):
            return ligne.strip("= ")
    return lignes[-1] if lignes else "(rien)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fois", type=int, default=3, help="runs in a row (default 3)")
    parser.add_argument(
        "--coeurs", type=int, default=os.cpu_count() or 2, help="cores to burn (default: all)"
    )
    parser.add_argument("--journal", default="sous_charge", help="prefix of each run's log file")
    args = parser.parse_args()
    commande = commande_du_readme()
    base = os.environ.get("TEST_DATABASE_URL") or "SQLite"
    print(f"Commande du README : {commande}")
    print(f"Base : {base.split('@')[-1]}")
    echecs = 0
    with charge(args.coeurs) as quoi:
        print(f"Charge : {quoi}, pendant chaque passage")
        for numero in range(1, args.fois + 1):
            journal = Path(f"{args.journal}-{numero}.log").resolve()
            debut = time.monotonic()
            with journal.open("w", encoding="utf-8") as fichier:
                # The README's command is a shell line, run as a person would paste it.
                code = subprocess.run(  # noqa: S602
                    commande,
                    shell=True,
                    check=False,
                    cwd=RACINE,
                    stdout=fichier,
                    stderr=subprocess.STDOUT,
                ).returncode
            duree = time.monotonic() - debut
            echecs += code != 0
            resultat = bilan(journal.read_text(encoding="utf-8", errors="replace"))
            print(
                f"passage {numero}/{args.fois} : {'réussi' if code == 0 else 'ÉCHEC'} "
                f"(code {code}) en {duree / 60:.1f} min — {resultat} — journal {journal}",
                flush=True,
            )
    print(f"{args.fois - echecs} passage(s) réussi(s) sur {args.fois} sous charge.")
    return 1 if echecs else 0


if __name__ == "__main__":
    sys.exit(main())
