"""The renewal draw (tirage au sort): a panel drawn from the volunteers so that it looks like
the city on a few categories (gender, age, diploma, arrondissement), by the
`sortition-algorithms` library (the algorithms of the Sortition Foundation and OpenDLP;
Flanigan et al., Nature 2021).

Fair: "maximin" (the default) gives every volunteer the highest possible smallest chance of
being selected, with HiGHS, the open-source solver the library installs from PyPI ("nash"
also runs with it; "leximin" needs Gurobi, a commercial solver, and "legacy", the plain
stratified lottery, announces no probabilities).

Verifiable: the seed comes from a secret the team commits to before the draw (its SHA-256 is
published first) and a public random value nobody knows in advance (a named national lottery
draw), both entered by staff. Anyone with the anonymised pool, the targets and those two
values runs the same draw and gets the same panel (`verifier`).

This module knows no database and no Telegram: volunteers are pseudonymous ids with their
categories."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import threading
import tomllib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assemblee.tableur import DEBUTS_DE_FORMULE, ecrire_csv

ALGORITHMES = ("maximin", "nash")
ALGORITHME_DEFAUT = "maximin"
SOLVEUR = "highspy"  # HiGHS, from PyPI: no commercial licence needed
ADRESSE = "adresse"  # the column of the household rule (one person per address)

# The library keeps its random generator in a module global: one lottery at a time.
_un_tirage_a_la_fois = threading.Lock()


class ErreurTirage(Exception):
    """What stops a draw, in one sentence for the operator; nothing is drawn."""


@dataclass(frozen=True)
class Volontaire:
    id: str  # pseudonymous: what is published
    categories: Mapping[str, str]  # category -> value, e.g. {"genre": "femme"}
    adresse: str | None = None  # for the household rule; never published


@dataclass(frozen=True)
class Bornes:
    min: int
    max: int


@dataclass(frozen=True)
class Cibles:
    """Seats to fill, and per category and value the number of seats it may take."""

    sieges: int
    categories: Mapping[str, Mapping[str, Bornes]]

    def verifier(self) -> None:
        """Targets that can add up to the seats; raises ErreurTirage naming the category."""
        if self.sieges < 1:
            raise ErreurTirage("Le nombre de sièges à tirer doit être d'au moins 1.")
        if not self.categories:
            raise ErreurTirage("Aucune catégorie : le tirage a besoin de cibles.")
        for nom, valeurs in self.categories.items():
            if not valeurs:
                raise ErreurTirage(f"La catégorie « {nom} » n'a aucune valeur.")
            for valeur, b in valeurs.items():
                if b.min < 0 or b.max < b.min:
                    raise ErreurTirage(
                        f"« {nom} = {valeur} » : le minimum ({b.min}) doit être positif et "
                        f"ne pas dépasser le maximum ({b.max})."
                    )
            mins = sum(b.min for b in valeurs.values())
            maxs = sum(b.max for b in valeurs.values())
            if not mins <= self.sieges <= maxs:
                raise ErreurTirage(
                    f"La catégorie « {nom} » ne tombe pas juste : ses minimums font {mins} et "
                    f"ses maximums {maxs}, pour {self.sieges} sièges."
                )


def lire_cibles(texte: str) -> tuple[Cibles, str]:
    """Targets and algorithm from the TOML of config/tirage.toml: `sieges`, `tolerance` (in
    percentage points of the panel) and, per category, each value's share of the population
    (min and max derived with the tolerance) or its own `{ min = …, max = … }`."""
    try:
        donnees = tomllib.loads(texte)
    except tomllib.TOMLDecodeError as exc:
        raise ErreurTirage(f"Fichier de cibles illisible : {exc}.") from None
    sieges = donnees.get("sieges")
    if not isinstance(sieges, int) or isinstance(sieges, bool):
        raise ErreurTirage("« sieges » doit être un nombre entier de sièges.")
    algorithme = donnees.get("algorithme", ALGORITHME_DEFAUT)
    if algorithme not in ALGORITHMES:
        raise ErreurTirage(
            f"Algorithme « {algorithme} » inconnu : choisissez {' ou '.join(ALGORITHMES)}."
        )
    tolerance = donnees.get("tolerance", 2)
    if not isinstance(tolerance, int | float) or not 0 <= tolerance <= 50:
        raise ErreurTirage("« tolerance » : un nombre de points de pourcentage, de 0 à 50.")
    categories: dict[str, dict[str, Bornes]] = {}
    for nom, valeurs in (donnees.get("categories") or {}).items():
        if not isinstance(valeurs, dict):
            raise ErreurTirage(f"La catégorie « {nom} » doit donner ses valeurs.")
        categories[nom] = _bornes(nom, valeurs, sieges, tolerance / 100)
    cibles = Cibles(sieges, categories)
    cibles.verifier()
    return cibles, algorithme


def _bornes(nom: str, valeurs: dict[str, Any], sieges: int, tolerance: float) -> dict[str, Bornes]:
    parts = {v: p for v, p in valeurs.items() if isinstance(p, int | float)}
    if parts and abs(sum(parts.values()) - 1) > 0.005:
        raise ErreurTirage(
            f"Les parts de la catégorie « {nom} » font {sum(parts.values()):.3f} au lieu de 1."
        )
    bornes = {}
    for valeur, donnee in valeurs.items():
        if isinstance(donnee, bool):
            raise ErreurTirage(f"« {nom} = {valeur} » : une part (0,25) ou {{ min, max }}.")
        if isinstance(donnee, int | float):
            if not 0 <= donnee <= 1:
                raise ErreurTirage(f"« {nom} = {valeur} » : une part est entre 0 et 1.")
            bornes[valeur] = Bornes(
                max(0, math.floor((donnee - tolerance) * sieges)),
                min(sieges, math.ceil((donnee + tolerance) * sieges)),
            )
        elif isinstance(donnee, dict) and set(donnee) == {"min", "max"}:
            bornes[valeur] = Bornes(int(donnee["min"]), int(donnee["max"]))
        else:
            raise ErreurTirage(f"« {nom} = {valeur} » : une part (0,25) ou {{ min, max }}.")
    return bornes


def reduire(cibles: Cibles, restants: Sequence[Volontaire]) -> Cibles:
    """A partial renewal: the members who stay count towards the targets, so only the seats
    left are drawn, each value's bounds lowered by the members of that value who stay."""
    sieges = cibles.sieges - len(restants)
    if sieges < 1:
        raise ErreurTirage(
            f"{len(restants)} membres restent pour {cibles.sieges} sièges : aucun siège à tirer."
        )
    categories = {}
    for nom, valeurs in cibles.categories.items():
        deja = Counter(r.categories.get(nom) for r in restants)
        inconnues = set(deja) - set(valeurs)
        if inconnues:
            raise ErreurTirage(
                f"Des membres qui restent ont une valeur inconnue pour « {nom} » : "
                f"{', '.join(sorted(str(v) for v in inconnues))}."
            )
        reduites = {}
        for valeur, b in valeurs.items():
            if deja[valeur] > b.max:
                raise ErreurTirage(
                    f"« {nom} = {valeur} » : {deja[valeur]} membres qui restent, pour "
                    f"{b.max} au plus."
                )
            reduites[valeur] = Bornes(max(0, b.min - deja[valeur]), b.max - deja[valeur])
        categories[nom] = reduites
    reduit = Cibles(sieges, categories)
    reduit.verifier()
    return reduit


@dataclass(frozen=True)
class Manque:
    categorie: str
    valeur: str
    minimum: int  # seats this value must take
    volontaires: int  # volunteers of this value

    @property
    def manquants(self) -> int:
        return self.minimum - self.volontaires


def manques(cibles: Cibles, pool: Sequence[Volontaire]) -> list[Manque]:
    """The targets the pool cannot meet, before any draw: the values with fewer volunteers
    than their minimum. (Other combinations may still be infeasible: `tirer` says so.)"""
    trouves = []
    for nom, valeurs in cibles.categories.items():
        presents = Counter(v.categories.get(nom) for v in pool)
        for valeur, b in valeurs.items():
            if presents[valeur] < b.min:
                trouves.append(Manque(nom, valeur, b.min, presents[valeur]))
    return trouves


def engagement(secret: str) -> str:
    """What the team publishes before the draw: the SHA-256 of its secret, in hex."""
    return hashlib.sha256(secret.encode()).hexdigest()


def graine(secret: str, valeur_publique: str) -> int:
    """The draw's seed: both values, neither enough alone (never 0: the library would then
    use an unrepeatable system random)."""
    empreinte = hashlib.sha256(f"{secret}\n{valeur_publique.strip()}".encode()).digest()
    return int.from_bytes(empreinte[:8], "big") or 1


@dataclass(frozen=True)
class Compte:
    categorie: str
    valeur: str
    bornes: Bornes
    tires: int


@dataclass(frozen=True)
class Distribution:
    """The algorithm's lottery over panels: each panel with its chance. It depends on the
    pool and the targets only (not on the seed): the chances it gives each volunteer can be
    published before the draw."""

    algorithme: str
    comites: tuple[frozenset[str], ...]
    chances: tuple[float, ...]
    probabilites: Mapping[str, float]  # each volunteer's chance of a seat


@dataclass(frozen=True)
class Resultat:
    algorithme: str
    panel: tuple[str, ...]  # ids, sorted
    reserve: tuple[str, ...]  # the others, in the order they are called to replace
    probabilites: Mapping[str, float]  # each volunteer's chance under the distribution
    comptes: tuple[Compte, ...]  # per category and value: targets and seats taken

    @property
    def probabilite_min(self) -> float:
        return min(self.probabilites.values())

    @property
    def ecart(self) -> float:
        """Between the largest and the smallest chance."""
        return max(self.probabilites.values()) - self.probabilite_min


def tirer(
    pool: Sequence[Volontaire],
    cibles: Cibles,
    *,
    secret: str,
    valeur_publique: str,
    algorithme: str = ALGORITHME_DEFAUT,
    deja_calculee: Distribution | None = None,
) -> Resultat:
    """Draw the panel: the distribution (`deja_calculee`, when it was computed and published
    before the draw), then its lottery with the seed of the two values. The same pool,
    targets and values always give the same panel."""
    if not valeur_publique.strip():
        raise ErreurTirage("La valeur publique (le tirage du loto, par exemple) est vide.")
    d = deja_calculee or distribution(pool, cibles, algorithme)
    graine_ = graine(secret, valeur_publique)
    lot = loterie(d, graine_)
    panel = tuple(sorted(lot))
    # The reserve: everyone else, in an order drawn from the same seed (repeatable by anyone
    # on purpose: the seed is public once the draw is made).
    reserve = sorted(set(d.probabilites) - lot)
    random.Random(graine_).shuffle(reserve)  # noqa: S311
    choisis = [v for v in pool if v.id in lot]
    comptes = tuple(
        Compte(nom, valeur, b, sum(1 for v in choisis if v.categories.get(nom) == valeur))
        for nom, valeurs in cibles.categories.items()
        for valeur, b in valeurs.items()
    )
    return Resultat(d.algorithme, panel, tuple(reserve), d.probabilites, comptes)


def _verifier_pool(pool: Sequence[Volontaire], cibles: Cibles) -> None:
    if len({v.id for v in pool}) != len(pool):
        raise ErreurTirage("Deux volontaires ont le même identifiant.")
    for v in pool:
        for nom, valeurs in cibles.categories.items():
            if v.categories.get(nom) not in valeurs:
                raise ErreurTirage(
                    f"Le volontaire {v.id} a pour « {nom} » une valeur hors des cibles : "
                    f"« {v.categories.get(nom, '')} »."
                )
    if trouves := manques(cibles, pool):
        m = trouves[0]
        raise ErreurTirage(
            f"Pas assez de volontaires « {m.categorie} = {m.valeur} » : {m.volontaires} pour "
            f"{m.minimum} sièges au moins (il en manque {m.manquants})."
        )


# The solver's starting panels are drawn at random: a fixed seed makes the distribution a
# function of the pool and the targets alone.
GRAINE_DISTRIBUTION = 20_211_027
# The library walks sets of ids, whose order follows Python's string hashing, random per
# process: the solver runs in a child process with hashing fixed, so that another machine
# (a guarantor's) finds the very same distribution.
ENVIRONNEMENT_FIXE = {"PYTHONHASHSEED": "0"}


def distribution(
    pool: Sequence[Volontaire], cibles: Cibles, algorithme: str = ALGORITHME_DEFAUT
) -> Distribution:
    """The library's distribution over panels: the same for the same pool and targets, in
    any process, on any machine with the same library and solver versions."""
    cibles.verifier()
    if algorithme not in ALGORITHMES:
        raise ErreurTirage(f"Algorithme « {algorithme} » inconnu.")
    _verifier_pool(pool, cibles)
    entree = {
        "algorithme": algorithme,
        "sieges": cibles.sieges,
        "categories": {
            nom: {v: [b.min, b.max] for v, b in valeurs.items()}
            for nom, valeurs in cibles.categories.items()
        },
        # In id order, as published: the solver's path follows the order it reads people in.
        "pool": [[v.id, dict(v.categories), v.adresse] for v in sorted(pool, key=lambda v: v.id)],
    }
    with tempfile.TemporaryDirectory(prefix="assemblee-tirage-") as dossier:
        chemin_entree, chemin_sortie = Path(dossier, "entree.json"), Path(dossier, "sortie.json")
        chemin_entree.write_text(json.dumps(entree), encoding="utf-8")
        # The library and HiGHS talk on stdout: kept out of the caller's output.
        fini = subprocess.run(  # noqa: S603 (this very module, run by this Python)
            [sys.executable, "-m", "assemblee.tirage", str(chemin_entree), str(chemin_sortie)],
            env={**os.environ, **ENVIRONNEMENT_FIXE},
            capture_output=True,
            check=False,
        )
        if not chemin_sortie.is_file():
            fin = fini.stderr.decode(errors="replace").strip().splitlines()[-3:]
            raise ErreurTirage(f"Le calcul du tirage s'est arrêté : {' / '.join(fin)}.")
        sortie = json.loads(chemin_sortie.read_text(encoding="utf-8"))
    if "erreur" in sortie:
        raise ErreurTirage(sortie["erreur"])
    comites = tuple(frozenset(c) for c in sortie["comites"])
    chances = tuple(float(x) for x in sortie["chances"])
    probabilites = {v.id: 0.0 for v in pool}
    for comite, chance in zip(comites, chances, strict=True):
        for ident in comite:
            probabilites[ident] += chance
    return Distribution(algorithme, comites, chances, probabilites)


def _calculer(entree: dict[str, Any]) -> dict[str, Any]:
    """In the child process: the library's distribution, its panels in a canonical order
    (the lottery walks them in order)."""
    from sortition_algorithms import (  # noqa: PLC0415
        InfeasibleQuotasCantRelaxError,
        InfeasibleQuotasError,
        Settings,
        SortitionBaseError,
        read_in_features,
        read_in_people,
    )
    from sortition_algorithms.committee_generation import (  # noqa: PLC0415
        standardize_distribution,
    )
    from sortition_algorithms.committee_generation.maximin import (  # noqa: PLC0415
        find_distribution_maximin,
    )
    from sortition_algorithms.committee_generation.nash import (  # noqa: PLC0415
        find_distribution_nash,
    )
    from sortition_algorithms.utils import set_random_provider  # noqa: PLC0415

    categories: dict[str, dict[str, list[int]]] = entree["categories"]
    lignes = [
        {"feature": nom, "value": valeur, "min": str(mini), "max": str(maxi)}
        for nom, valeurs in categories.items()
        for valeur, (mini, maxi) in valeurs.items()
    ]
    features, _, _ = read_in_features(["feature", "value", "min", "max"], lignes)
    adresses = any(adresse for _, _, adresse in entree["pool"])
    reglages = Settings(
        id_column="id",
        columns_to_keep=[],
        check_same_address=adresses,
        check_same_address_columns=[ADRESSE] if adresses else [],
        selection_algorithm=entree["algorithme"],
        solver_backend=SOLVEUR,
        random_number_seed=GRAINE_DISTRIBUTION,
    )
    noms = list(categories)
    colonnes = ["id", *noms, *([ADRESSE] if adresses else [])]
    personnes = [
        {
            "id": ident,
            **{nom: valeurs[nom] for nom in noms},
            **({ADRESSE: adresse or f"sans-adresse-{ident}"} if adresses else {}),
        }
        for ident, valeurs, adresse in entree["pool"]
    ]
    maximin = entree["algorithme"] == "maximin"
    trouver = find_distribution_maximin if maximin else find_distribution_nash
    try:
        people, _ = read_in_people(colonnes, personnes, features, reglages)
        set_random_provider(GRAINE_DISTRIBUTION)
        comites, chances, _ = trouver(
            features, people, entree["sieges"], reglages.normalised_address_columns, SOLVEUR
        )
    except (InfeasibleQuotasError, InfeasibleQuotasCantRelaxError) as exc:
        return {
            "erreur": "Les cibles ne peuvent pas être atteintes ensemble avec ces volontaires "
            f"(la bibliothèque propose : {exc})."
        }
    except SortitionBaseError as exc:
        return {"erreur": f"Le tirage a échoué : {exc}."}
    comites, chances = standardize_distribution(comites, chances)
    paires = sorted(zip((sorted(c) for c in comites), chances, strict=True))
    return {"comites": [c for c, _ in paires], "chances": [x for _, x in paires]}


def loterie(d: Distribution, graine_: int) -> frozenset[str]:
    """One panel drawn from the distribution with this seed (the library's rounding)."""
    from sortition_algorithms.core import lottery_rounding  # noqa: PLC0415
    from sortition_algorithms.utils import set_random_provider  # noqa: PLC0415

    with _un_tirage_a_la_fois:
        set_random_provider(graine_)
        (lot,) = lottery_rounding(list(d.comites), list(d.chances), 1)
    return lot


# --- What is published, so that anyone can run the draw again ---------------------------------

FOYER = "foyer"  # published instead of the address: a number per household


def pool_publie(pool: Sequence[Volontaire], cibles: Cibles) -> str:
    """The anonymised pool as CSV: the pseudonymous id, the categories, and (when the
    household rule applies) a household number instead of the address."""
    noms = list(cibles.categories)
    adresses = any(v.adresse for v in pool)
    foyers: dict[str, str] = {}
    lignes: list[list[str]] = [["id", *noms, *([FOYER] if adresses else [])]]
    for v in sorted(pool, key=lambda v: v.id):
        ligne = [v.id, *(v.categories[nom] for nom in noms)]
        if adresses:
            cle = v.adresse or f"seul:{v.id}"
            ligne.append(foyers.setdefault(cle, str(len(foyers) + 1)))
        lignes.append(ligne)
    return ecrire_csv(lignes)


def lire_pool(texte: str, cibles: Cibles) -> list[Volontaire]:
    """A published pool (`pool_publie`) read back; a bad line is named."""
    texte = texte.removeprefix("\ufeff")
    premiere = texte.split("\n", 1)[0]
    lecteur = csv.DictReader(io.StringIO(texte), delimiter=";" if ";" in premiere else ",")
    entetes = lecteur.fieldnames or []
    manquantes = [c for c in ["id", *cibles.categories] if c not in entetes]
    if manquantes:
        raise ErreurTirage(
            f"Colonnes absentes du fichier des volontaires : {', '.join(manquantes)}."
        )
    pool = []
    for numero, ligne in enumerate(lecteur, start=2):
        ident = _brute(ligne.get("id"))
        if not ident:
            raise ErreurTirage(f"Ligne {numero} : identifiant vide.")
        categories = {nom: _brute(ligne.get(nom)) for nom in cibles.categories}
        for nom, valeur in categories.items():
            if valeur not in cibles.categories[nom]:
                raise ErreurTirage(
                    f"Ligne {numero} : « {nom} » vaut « {valeur} », absent des cibles "
                    f"({', '.join(cibles.categories[nom])})."
                )
        foyer = _brute(ligne.get(FOYER)) or None
        pool.append(Volontaire(ident, categories, adresse=foyer))
    return pool


def _brute(cellule_: str | None) -> str:
    """A cell as written before `tableur.cellule` protected it from spreadsheets."""
    valeur = (cellule_ or "").strip()
    if valeur.startswith("'") and valeur[1:].startswith(DEBUTS_DE_FORMULE):
        return valeur[1:]
    return valeur


if __name__ == "__main__":  # the child process of `distribution`
    _entree, _sortie = Path(sys.argv[1]), Path(sys.argv[2])
    _resultat = _calculer(json.loads(_entree.read_text(encoding="utf-8")))
    _sortie.write_text(json.dumps(_resultat), encoding="utf-8")
