"""Counting polls: single choice, multiple choice (approval) and majority judgment.

Pure functions over ballots, no database: a ballot (`bulletin`) maps an option index to a value,
1 for a chosen option, or a grade (`note`) for majority judgment.

Grades are integers, **0 = Insuffisant (worst) … 5 = Excellent (best)**, so that "higher is
better" holds in every comparison. A merit profile (`profil`) is indexed by grade, worst first:
`profil[note]` is how many voters gave that grade (the Mieux Voter libraries' tally order).
The counting itself accepts any number of grades; the assembly's scale has six.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from functools import cmp_to_key

from assemblee.modeles import TypeSondage


class Mention(IntEnum):
    """The six grades of the assembly's majority judgment; the value is the stored grade."""

    INSUFFISANT = 0
    PASSABLE = 1
    ASSEZ_BIEN = 2
    BIEN = 3
    TRES_BIEN = 4
    EXCELLENT = 5

    @property
    def libelle(self) -> str:
        return MENTIONS_PAR_NOTE[self.value]


# Best first: the order in which a ballot offers them and a person reads them.
MENTIONS: tuple[str, ...] = (
    "Excellent",
    "Très bien",
    "Bien",
    "Assez bien",
    "Passable",
    "Insuffisant",
)
# Worst first, so that `MENTIONS_PAR_NOTE[note]` is the label and it lines up with a profile.
MENTIONS_PAR_NOTE: tuple[str, ...] = tuple(reversed(MENTIONS))
NB_MENTIONS = len(MENTIONS)


def libelle_mention(note: int) -> str:
    """The French label of a grade of the six-grade scale."""
    if not 0 <= note < NB_MENTIONS:
        raise ValueError(f"grade out of range: {note}")
    return MENTIONS_PAR_NOTE[note]


class NonNote(StrEnum):
    """What an option left ungraded by a voter who graded others counts as."""

    # Balinski and Laraki's rule, and Mieux Voter's: no grade is the worst grade, so an option
    # cannot climb by being skipped. Every option then has the same number of grades.
    INSUFFISANT = "insuffisant"
    # The skipped option is judged only by those who graded it; options are compared on their
    # shares of each grade (Mieux Voter's "normalized" tally), exact with integer scaling.
    IGNOREE = "ignoree"


class Refus(StrEnum):
    """Why a ballot is refused (catalogue selector values)."""

    BULLETIN_VIDE = "bulletin-vide"
    OPTION_INCONNUE = "option-inconnue"
    VALEUR_INVALIDE = "valeur-invalide"  # a choice other than 1 in a choice poll
    NOTE_HORS_BORNES = "note-hors-bornes"
    PLUSIEURS_CHOIX = "plusieurs-choix"
    TROP_DE_CHOIX = "trop-de-choix"


class BulletinInvalide(ValueError):
    """A stored ballot that should never have been accepted: counting refuses to guess."""

    def __init__(self, index: int, refus: Refus) -> None:
        super().__init__(f"ballot #{index} refused: {refus.value}")
        self.index = index
        self.refus = refus


def verifier_bulletin(
    type: TypeSondage,
    nb_options: int,
    bulletin: Mapping[int, int],
    max_choix: int | None = None,
    *,
    nb_mentions: int = NB_MENTIONS,
) -> Refus | None:
    """The reason this ballot cannot be recorded, or None when it is valid.

    An empty ballot is refused: the interface records a ballot only once something is chosen,
    and counting treats a voter who chose nothing as not having voted.
    """
    if not bulletin:
        return Refus.BULLETIN_VIDE
    if any(not 0 <= option < nb_options for option in bulletin):
        return Refus.OPTION_INCONNUE
    if type is TypeSondage.JUGEMENT:
        if any(not 0 <= note < nb_mentions for note in bulletin.values()):
            return Refus.NOTE_HORS_BORNES
        return None
    if any(valeur != 1 for valeur in bulletin.values()):
        return Refus.VALEUR_INVALIDE
    if type is TypeSondage.UNIQUE and len(bulletin) > 1:
        return Refus.PLUSIEURS_CHOIX
    if type is TypeSondage.MULTIPLE and max_choix is not None and len(bulletin) > max_choix:
        return Refus.TROP_DE_CHOIX
    return None


def rangs(scores: Sequence[int]) -> list[int]:
    """Competition ranks, higher score first: equal scores share a rank ("1, 1, 3")."""
    return [1 + sum(1 for autre in scores if autre > score) for score in scores]


# --- single and multiple choice ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ResultatOption:
    option: int  # index in the poll's options
    voix: int
    part: float  # share of voters who chose it (multiple choice: shares add up past 1)
    rang: int  # 1 = most chosen; ties share a rank


@dataclass(frozen=True, slots=True)
class ResultatChoix:
    type: TypeSondage
    nb_votants: int
    options: tuple[ResultatOption, ...]  # in the poll's order

    @property
    def classement(self) -> tuple[ResultatOption, ...]:
        """Best first; tied options keep the poll's order."""
        return tuple(sorted(self.options, key=lambda resultat: resultat.rang))


def depouiller_choix(
    type: TypeSondage,
    nb_options: int,
    bulletins: Iterable[Mapping[int, int]],
    max_choix: int | None = None,
) -> ResultatChoix:
    """Count a single or multiple choice poll. Empty ballots are not counted as voters."""
    if type is TypeSondage.JUGEMENT:
        raise ValueError("majority judgment is counted by depouiller_jugement")
    voix = [0] * nb_options
    nb_votants = 0
    for index, bulletin in enumerate(bulletins):
        if not bulletin:
            continue
        refus = verifier_bulletin(type, nb_options, bulletin, max_choix)
        if refus is not None:
            raise BulletinInvalide(index, refus)
        nb_votants += 1
        for option in bulletin:
            voix[option] += 1
    return ResultatChoix(
        type=type,
        nb_votants=nb_votants,
        options=tuple(
            ResultatOption(
                option=option,
                voix=nombre,
                part=nombre / nb_votants if nb_votants else 0.0,
                rang=rang,
            )
            for option, (nombre, rang) in enumerate(zip(voix, rangs(voix), strict=True))
        ),
    )


# --- majority judgment ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ResultatMention:
    """One option's majority judgment result."""

    option: int
    profil: tuple[int, ...]  # merit profile: voters per grade, worst grade first
    mention_majoritaire: int | None  # None only when nobody graded the option
    rang: int  # 1 = best; options with identical profiles share a rank
    partisans: int  # graded it above its majority grade
    opposants: int  # graded it below its majority grade

    @property
    def nb_notes(self) -> int:
        return sum(self.profil)

    @property
    def parts(self) -> tuple[float, ...]:
        """Share of each grade, worst grade first (what a merit profile chart draws)."""
        total = self.nb_notes
        return tuple(nombre / total if total else 0.0 for nombre in self.profil)

    @property
    def part_partisans(self) -> float:
        return self.partisans / self.nb_notes if self.nb_notes else 0.0

    @property
    def part_opposants(self) -> float:
        return self.opposants / self.nb_notes if self.nb_notes else 0.0


@dataclass(frozen=True, slots=True)
class ResultatJugement:
    nb_votants: int
    options: tuple[ResultatMention, ...]  # in the poll's order

    @property
    def classement(self) -> tuple[ResultatMention, ...]:
        """Best first; tied options keep the poll's order."""
        return tuple(sorted(self.options, key=lambda resultat: resultat.rang))


def depouiller_jugement(
    nb_options: int,
    bulletins: Iterable[Mapping[int, int]],
    *,
    nb_mentions: int = NB_MENTIONS,
    non_note: NonNote = NonNote.INSUFFISANT,
) -> ResultatJugement:
    """Count a majority judgment poll from its ballots.

    A ballot that grades nothing is not a vote. An option that a voter left ungraded counts as
    the worst grade (Insuffisant) unless `non_note` says to ignore it.
    """
    profils = [[0] * nb_mentions for _ in range(nb_options)]
    nb_votants = 0
    for index, bulletin in enumerate(bulletins):
        if not bulletin:
            continue
        refus = verifier_bulletin(
            TypeSondage.JUGEMENT, nb_options, bulletin, nb_mentions=nb_mentions
        )
        if refus is not None:
            raise BulletinInvalide(index, refus)
        nb_votants += 1
        for option, note in bulletin.items():
            profils[option][note] += 1
    if non_note is NonNote.INSUFFISANT:
        for profil in profils:
            profil[0] += nb_votants - sum(profil)
    return jugement_majoritaire(profils, nb_votants=nb_votants)


def jugement_majoritaire(
    profils: Sequence[Sequence[int]], *, nb_votants: int | None = None
) -> ResultatJugement:
    """Rank options from their merit profiles (voters per grade, worst grade first).

    Options are ranked by Balinski and Laraki's majority-value sequence: the majority grade,
    then the majority grade once one such grade is removed, and so on; the first difference
    decides and only identical profiles tie. Profiles with different totals are compared on
    their shares (scaled to a common total). Options nobody graded come last, tied.
    Exact integer arithmetic, and work proportional to the number of grades, not of voters.
    """
    if profils:
        nb_mentions = len(profils[0])
        if nb_mentions == 0 or any(len(profil) != nb_mentions for profil in profils):
            raise ValueError("every merit profile needs the same, non-zero number of grades")
        if any(nombre < 0 for profil in profils for nombre in profil):
            raise ValueError("a merit profile cannot count fewer than zero voters")
    totaux = [sum(profil) for profil in profils]
    # Scale every graded profile to a common total so that sequences of equal length compare.
    commun = math.lcm(*(total for total in totaux if total)) if any(totaux) else 0
    suites = [
        _suite_majoritaire([nombre * (commun // total) for nombre in profil]) if total else None
        for profil, total in zip(profils, totaux, strict=True)
    ]

    def comparer(a: int, b: int) -> int:
        suite_a, suite_b = suites[a], suites[b]
        if suite_a is None or suite_b is None:
            return (suite_a is not None) - (suite_b is not None)
        return _comparer_suites(suite_a, suite_b)

    ordre = sorted(range(len(profils)), key=cmp_to_key(comparer), reverse=True)
    rang_de = [0] * len(profils)
    for position, option in enumerate(ordre):
        if position and comparer(option, ordre[position - 1]) == 0:
            rang_de[option] = rang_de[ordre[position - 1]]
        else:
            rang_de[option] = position + 1

    resultats = []
    for option, (profil, total) in enumerate(zip(profils, totaux, strict=True)):
        mention = _mention_majoritaire(profil) if total else None
        resultats.append(
            ResultatMention(
                option=option,
                profil=tuple(profil),
                mention_majoritaire=mention,
                rang=rang_de[option],
                partisans=sum(profil[mention + 1 :]) if mention is not None else 0,
                opposants=sum(profil[:mention]) if mention is not None else 0,
            )
        )
    return ResultatJugement(
        nb_votants=max(totaux, default=0) if nb_votants is None else nb_votants,
        options=tuple(resultats),
    )


def _mention_majoritaire(profil: Sequence[int]) -> int:
    """The lower median: with an even number of grades, the worse of the two middle ones."""
    return _note_au_rang(profil, (sum(profil) + 1) // 2)


def _note_au_rang(profil: Sequence[int], rang: int) -> int:
    """The grade at 1-based position `rang` once all grades are sorted worst first."""
    cumul = 0
    for note, nombre in enumerate(profil):
        cumul += nombre
        if cumul >= rang:
            return note
    raise ValueError("position beyond the number of grades")


# A run of the majority-value sequence: `longueur` repetitions of the pair (lower, upper).
_Segment = tuple[tuple[int, int], int]


def _suite_majoritaire(profil: Sequence[int]) -> list[_Segment]:
    """The majority-value sequence of a profile, run-length encoded, in O(number of grades).

    Sorting the n grades worst first as g1 <= ... <= gn and taking k = ceil(n/2), removing the
    lower median again and again reads them outwards from the middle: gk, then g(k+1), g(k-1),
    g(k+2)... when n is even, and gk, g(k-1), g(k+1), g(k-2)... when n is odd. So the sequence
    interleaves the lower half read downwards with the upper half read upwards; each half has at
    most one run per grade, and we encode the sequence as runs of (lower, upper) pairs. An odd
    n's lone first value becomes the pair (gk, gk). Two profiles of the same total have the same
    pairing pattern, so comparing these runs is comparing the sequences.
    """
    total = sum(profil)
    milieu = (total + 1) // 2
    bas: list[tuple[int, int]] = []  # (grade, count) for positions milieu..1, downwards
    haut: list[tuple[int, int]] = []  # positions milieu+1..total, upwards
    cumul = 0
    for note, nombre in enumerate(profil):
        debut, fin = cumul, cumul + nombre  # this grade holds positions debut+1..fin
        cumul = fin
        if min(fin, milieu) > debut:
            bas.append((note, min(fin, milieu) - debut))
        if fin > max(debut, milieu):
            haut.append((note, fin - max(debut, milieu)))
    bas.reverse()
    segments: list[_Segment] = []
    if total % 2:
        premiere, nombre = bas[0]
        segments.append(((premiere, premiere), 1))
        bas[0] = (premiere, nombre - 1)
    i = j = 0
    reste_bas = bas[0][1] if bas else 0
    reste_haut = haut[0][1] if haut else 0
    while i < len(bas) and j < len(haut):
        if reste_bas == 0:
            i += 1
            reste_bas = bas[i][1] if i < len(bas) else 0
            continue
        if reste_haut == 0:
            j += 1
            reste_haut = haut[j][1] if j < len(haut) else 0
            continue
        pas = min(reste_bas, reste_haut)
        segments.append(((bas[i][0], haut[j][0]), pas))
        reste_bas -= pas
        reste_haut -= pas
    return segments


def _comparer_suites(a: Sequence[_Segment], b: Sequence[_Segment]) -> int:
    """Lexicographic comparison of two run-length encoded sequences of the same length."""
    i = j = 0
    reste_a = a[0][1] if a else 0
    reste_b = b[0][1] if b else 0
    while i < len(a) and j < len(b):
        if a[i][0] != b[j][0]:
            return 1 if a[i][0] > b[j][0] else -1
        pas = min(reste_a, reste_b)
        reste_a -= pas
        reste_b -= pas
        if reste_a == 0:
            i += 1
            reste_a = a[i][1] if i < len(a) else 0
        if reste_b == 0:
            j += 1
            reste_b = b[j][1] if j < len(b) else 0
    return 0
