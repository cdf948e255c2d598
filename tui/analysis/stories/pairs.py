"""Which reports to compare (candidates from an index, never all pairs) and how alike
two reports are as tellings of one story.

A pair's score is the dot product of their vectors (see `vectors`), cut when the two
leads name other years (two earthquakes in one region, years apart) or other weekdays
than each other: a report says when its event happened near the top, and two reports
of one event say the same.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from tui.analysis.stories.features import ReportTerms
from tui.analysis.stories.vectors import Vector, dots, heaviest

# Shared numbers (the same death toll, score or magnitude) raise a pair's score by up
# to this share of it.
NUMBERS_BONUS = 1.0
# A pair whose leads name only other years than each other's keeps this much of its score;
# only other weekdays, this much.
YEAR_CONFLICT = 0.3
WEEKDAY_CONFLICT = 0.6
# Each report is indexed by this many of its heaviest terms...
PREFIX = 12
# ...and scored against at most this many of the reports sharing most of them.
MAX_CANDIDATES = 20
# A term in more reports' prefixes than this pairs too many to say anything.
MAX_POSTING = 200
# A report also meets those that hold this many of its prefix terms anywhere in their
# vectors (see `CandidateIndex.closest`).
HELD_TERMS = 3

Pair = tuple[int, int]


def pair_score(a: Vector, b: Vector, when_a: ReportTerms, when_b: ReportTerms) -> float:
    value, numbers = dots(a, b)
    value *= 1 + NUMBERS_BONUS * numbers
    if when_a.years and when_b.years and not when_a.years & when_b.years:
        value *= YEAR_CONFLICT
    if when_a.weekdays and when_b.weekdays and not when_a.weekdays & when_b.weekdays:
        value *= WEEKDAY_CONFLICT
    return value


class CandidateIndex:
    """Reports by the heaviest terms of their vectors (their prefix), and by all the
    terms of their vectors."""

    def __init__(self) -> None:
        self.postings: dict[str, list[int]] = defaultdict(list)
        self.holders: dict[str, list[int]] = defaultdict(list)

    def add(self, index: int, vector: Vector) -> list[str]:
        prefix = heaviest(vector, PREFIX)
        for term in prefix:
            self.postings[term].append(index)
        for term in vector:
            self.holders[term].append(index)
        return prefix

    def closest(self, index: int, prefix: Sequence[str]) -> list[int]:
        """The reports (but `index`) sharing most prefix terms with it, at most
        `MAX_CANDIDATES` (ties: the first met, by term in the prefix's order, then
        by report); if there are fewer, then those holding `HELD_TERMS` or more of its
        prefix terms anywhere in their vectors, most first. A short report's heaviest
        terms are often minor terms of a long report of its story, in no prefix of it."""
        hits: Counter[int] = Counter()
        for term in prefix:
            members = self.postings.get(term, ())
            if len(members) <= MAX_POSTING:
                hits.update(members)
        hits.pop(index, None)
        found = [j for j, _ in hits.most_common(MAX_CANDIDATES)]
        if len(found) < MAX_CANDIDATES:
            held: Counter[int] = Counter()
            for term in prefix:
                holders = self.holders.get(term, ())
                if len(holders) <= MAX_POSTING:
                    held.update(holders)
            more = [(j, n) for j, n in held.items() if n >= HELD_TERMS and j != index]
            more = [(j, n) for j, n in more if j not in hits]
            more.sort(key=lambda item: -item[1])
            found.extend(j for j, _ in more[: MAX_CANDIDATES - len(found)])
        return found


def candidate_pairs(vectors: Sequence[Vector], index: CandidateIndex) -> list[Pair]:
    """Pairs (i < j) of reports that may tell one story: sharing one of the `PREFIX`
    heaviest terms of either (or one holding several of the other's: see
    `CandidateIndex.closest`), and among the `MAX_CANDIDATES` closest of one of them.
    The reports are added to `index` (empty before)."""
    prefixes = [index.add(i, vector) for i, vector in enumerate(vectors)]
    pairs: set[Pair] = set()
    for i, prefix in enumerate(prefixes):
        pairs.update((min(i, j), max(i, j)) for j in index.closest(i, prefix))
    return sorted(pairs)
