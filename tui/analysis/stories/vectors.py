"""Reports as weighted term vectors, and how alike two are.

Each kind of term (words, names, numbers: see `features`) is a TF-IDF vector of its
own (sublinear counts), normalised, then scaled so that the dot product of two reports'
joined vectors is the weighted mean of the three cosines: names count as much as words
(they tell one election, fight or earthquake from another of its kind), numbers less.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence

from tui.analysis.stories.features import ReportTerms

Vector = dict[str, float]

WORDS_WEIGHT = 1.0
NAMES_WEIGHT = 1.0
NUMBERS_WEIGHT = 0.25
_KINDS = (("words", WORDS_WEIGHT), ("names", NAMES_WEIGHT), ("numbers", NUMBERS_WEIGHT))
_TOTAL = sum(weight for _, weight in _KINDS)


class TermCounts:
    """In how many reports each term is (by kind), and how many reports there are."""

    def __init__(self) -> None:
        self.reports = 0
        self.df: dict[str, Counter[str]] = {kind: Counter() for kind, _ in _KINDS}

    def add(self, terms: ReportTerms) -> None:
        self.reports += 1
        for kind, _ in _KINDS:
            self.df[kind].update(getattr(terms, kind).keys())

    def vector(
        self, terms: ReportTerms, idf: Mapping[str, Mapping[str, float]] | None = None
    ) -> Vector:
        """The report's joined vector (`idf`: from `idf()`, when many are made at once).
        Terms in no other report are left out: they pair it with nothing, and counted
        in the norm they would make a report with much of its own to say look unlike
        the rest of its story."""
        joined: Vector = {}
        for kind, weight in _KINDS:
            df = self.df[kind]
            weights = idf[kind] if idf is not None else None
            part = {
                term: (1 + math.log(count))
                * (weights[term] if weights is not None else self._idf(df[term]))
                for term, count in getattr(terms, kind).items()
                if df[term] > 1
            }
            norm = math.sqrt(math.fsum(v * v for v in part.values()))
            if norm:
                factor = math.sqrt(weight / _TOTAL) / norm
                joined.update((t, v * factor) for t, v in part.items())
        return joined

    def _idf(self, df: int) -> float:
        return math.log(1 + self.reports / df)

    def idf(self) -> dict[str, dict[str, float]]:
        """The IDF of every term seen in more than one report, by kind."""
        return {
            kind: {t: self._idf(n) for t, n in df.items() if n > 1} for kind, df in self.df.items()
        }


def vectors_of(terms: Sequence[ReportTerms]) -> tuple[TermCounts, list[Vector]]:
    counts = TermCounts()
    for item in terms:
        counts.add(item)
    idf = counts.idf()
    return counts, [counts.vector(item, idf) for item in terms]


def dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """The dot product: exact (`fsum`), so the same whatever order the terms come in."""
    return math.fsum(a[term] * b[term] for term in a.keys() & b.keys())


def heaviest(vector: Mapping[str, float], count: int) -> list[str]:
    """The `count` heaviest terms of a vector (ties by term: the same whatever the order)."""
    return sorted(vector, key=lambda t: (-vector[t], t))[:count]
