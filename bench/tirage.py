"""Benchmark: the renewal draw at the scale of a city's campaign (7,000 volunteers, 100 seats),
with each algorithm: time, peak memory, and the smallest chance a volunteer gets.

The pool is synthetic (drawn here, never real people): four categories (gender, age band,
diploma, arrondissement) with Paris-like shares for the targets, and volunteers who are, as
in real campaigns, more often graduates and older than the city. Targets: each value's share
of the seats within 2 points.

- "maximin" and "nash" (`assemblee.tirage.distribution`): the distribution the library finds;
  the smallest chance is read from it.
- "legacy" (the plain stratified lottery the fair algorithms replace, run through the
  library): it announces no probabilities, so it is drawn R times (`--legacy`) and the
  smallest observed frequency is printed (0 when someone was never drawn; with R draws a
  chance below about 3/R is not told apart from 0).

Each algorithm runs in its own process, so that its peak memory is its own (the larger of that
process's and of the solver's child process)."""

# ruff: noqa: E402
from __future__ import annotations

import sys
from pathlib import Path

# Run as `python bench/tirage.py`, this folder comes first on sys.path and this very file would
# shadow the packages it measures.
for _entree in [p for p in sys.path if Path(p or ".").resolve() == Path(__file__).parent.resolve()]:
    sys.path.remove(_entree)
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository: bench.commun

import argparse
import json
import os
import platform
import random
import resource
import signal
import subprocess
import time
from collections import Counter

from sortition_algorithms import Settings, read_in_features, read_in_people
from sortition_algorithms.committee_generation.legacy import find_random_sample_legacy
from sortition_algorithms.utils import set_random_provider

from assemblee import tirage
from assemblee.tirage import Cibles, Volontaire
from bench.commun import journal, pic_memoire_mo, tableau

# Paris-like shares of the city (the targets) and of a volunteer pool (skewed, as pools are).
VILLE = {
    "genre": {"femme": 0.536, "homme": 0.464},
    "age": {"16-24": 0.159, "25-39": 0.295, "40-54": 0.216, "55-64": 0.129, "65+": 0.201},
    "diplome": {
        "sans-brevet": 0.149,
        "cap-bep": 0.075,
        "bac": 0.122,
        "bac+2": 0.079,
        "bac+3+": 0.575,
    },
    "arrondissement": {str(i): 1 / 20 for i in range(1, 21)},
}
VOLONTAIRES = {
    "genre": {"femme": 0.58, "homme": 0.42},
    "age": {"16-24": 0.08, "25-39": 0.22, "40-54": 0.22, "55-64": 0.2, "65+": 0.28},
    "diplome": {"sans-brevet": 0.05, "cap-bep": 0.05, "bac": 0.1, "bac+2": 0.1, "bac+3+": 0.7},
    "arrondissement": {str(i): (1.5 if i in (11, 15, 18, 19, 20) else 1.0) for i in range(1, 21)},
}


def pool(nombre: int, graine: int) -> list[Volontaire]:
    hasard = random.Random(graine)  # a synthetic pool, the same at each run
    return [
        Volontaire(
            f"v{i:05d}",
            {
                nom: hasard.choices(list(parts), weights=list(parts.values()))[0]
                for nom, parts in VOLONTAIRES.items()
            },
        )
        for i in range(nombre)
    ]


def cibles(sieges: int, tolerance: float = 0.02) -> Cibles:
    lignes = [f"sieges = {sieges}", f"tolerance = {tolerance * 100}"]
    for nom, parts in VILLE.items():
        lignes.append(f"[categories.{nom}]")
        lignes += [f'"{valeur}" = {part}' for valeur, part in parts.items()]
    lues, _ = tirage.lire_cibles("\n".join(lignes))
    return lues


def _un(algorithme: str, nombre: int, sieges: int, legacy: int) -> dict[str, object]:
    """One algorithm, in this process: its figures as JSON for the parent."""
    volontaires, c = pool(nombre, 2026), cibles(sieges)
    debut = time.perf_counter()
    if algorithme == "legacy":
        minimum, duree = _legacy(volontaires, c, legacy)
    else:
        d = tirage.distribution(volontaires, c, algorithme)
        duree = time.perf_counter() - debut
        minimum = min(d.probabilites.values())
    # The solver runs in a child process of its own (assemblee.tirage.distribution): its peak
    # counts, as the largest of the finished children's (ru_maxrss, in KiB on Linux).
    enfants = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"duree": duree, "minimum": minimum, "memoire": max(pic_memoire_mo() or 0, enfants)}


def _legacy(volontaires: list[Volontaire], c: Cibles, fois: int) -> tuple[float, float]:
    lignes = [
        {"feature": nom, "value": v, "min": str(b.min), "max": str(b.max)}
        for nom, valeurs in c.categories.items()
        for v, b in valeurs.items()
    ]
    features, _, _ = read_in_features(["feature", "value", "min", "max"], lignes)
    reglages = Settings(id_column="id", columns_to_keep=[])
    noms = list(c.categories)
    personnes = [{"id": v.id, **{n: v.categories[n] for n in noms}} for v in volontaires]
    people, _ = read_in_people(["id", *noms], personnes, features, reglages)
    vus: Counter[str] = Counter()
    debut = time.perf_counter()
    for i in range(fois):
        set_random_provider(i + 1)
        (comite,), _ = find_random_sample_legacy(people, features, c.sieges, [], max_attempts=100)
        vus.update(comite)
    duree = (time.perf_counter() - debut) / fois
    return min(vus.get(v.id, 0) for v in volontaires) / fois, duree


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--volontaires", type=int, default=7000, help="taille du vivier (7 000)")
    p.add_argument("--sieges", type=int, default=100, help="sièges à tirer (100)")
    p.add_argument("--legacy", type=int, default=200, help="tirages « legacy » (200)")
    p.add_argument(
        "--algorithmes", nargs="*", default=["legacy", "maximin", "nash"], help=argparse.SUPPRESS
    )
    p.add_argument(
        "--delai",
        type=float,
        help="minutes laissées à chaque algorithme (sans : autant qu'il faut) ; au-delà, la "
        "ligne le dit et le banc passe au suivant",
    )
    p.add_argument("--un", help=argparse.SUPPRESS)  # the child process: one algorithm
    args = p.parse_args()
    if args.un:
        print(json.dumps(_un(args.un, args.volontaires, args.sieges, args.legacy)))
        return
    rangees = []
    for algorithme in args.algorithmes:
        journal(f"{algorithme} : {args.volontaires} volontaires, {args.sieges} sièges…")
        commande = [
            sys.executable,
            __file__,
            "--un",
            algorithme,
            "--volontaires",
            str(args.volontaires),
            "--sieges",
            str(args.sieges),
            "--legacy",
            str(args.legacy),
        ]
        # A session of its own: on timeout the whole group goes, the solver's process too.
        with subprocess.Popen(  # noqa: S603 (this very script, as a child)
            commande, stdout=subprocess.PIPE, text=True, start_new_session=True
        ) as enfant:
            try:
                sortie, _ = enfant.communicate(timeout=args.delai * 60 if args.delai else None)
            except subprocess.TimeoutExpired:
                os.killpg(enfant.pid, signal.SIGKILL)
                enfant.communicate()
                rangees.append([algorithme, f"pas fini en {args.delai:g} min", "?", "?"])
                journal(" | ".join(rangees[-1]))
                continue
        if enfant.returncode != 0:
            raise SystemExit(f"{algorithme} : le processus s'est arrêté ({enfant.returncode}).")
        r = json.loads(sortie.strip().splitlines()[-1])
        legacy = algorithme == "legacy"
        minimum = f"{r['minimum']:.4f}" + (f" (sur {args.legacy} tirages)" if legacy else "")
        duree = f"{r['duree'] * 1000:.0f} ms par tirage" if legacy else f"{r['duree']:.1f} s"
        memoire = f"{r['memoire']:.0f} Mo" if r["memoire"] is not None else "?"
        rangees.append([algorithme, duree, memoire, minimum])
        journal(" | ".join(rangees[-1]))  # as it comes: a long run keeps what it measured
    print(tableau(["algorithme", "durée", "mémoire (pic)", "plus petite chance"], rangees))
    print(
        f"\n{args.volontaires} volontaires synthétiques, {args.sieges} sièges, cibles à 2 points ; "
        f"Python {platform.python_version()}, {platform.system()} {platform.machine()}."
    )


if __name__ == "__main__":
    main()
