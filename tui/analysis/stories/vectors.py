"""Reports as weighted term vectors, and how alike two are.

Each kind of term (words, names, numbers: see `features`) is a TF-IDF vector of its
own (sublinear counts), normalised; words and names are scaled so that the dot product
of two reports' vectors over them is the weighted mean of their two cosines (names
count as much as words: they tell one election, fight or earthquake from another of its
kind). Numbers only back a match up (see `pairs.pair_score`): two reports that share
figures but no words are not one story.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from tui.analysis.stories.features import ReportTerms
from tui.model.ids import DATE_TERM, NUMBER_TERM, is_name_term

Vector = dict[str, float]
# Each term's kind and IDF.
Weights = dict[str, tuple[str, float]]

WORDS_WEIGHT = 1.0
NAMES_WEIGHT = 1.0
# Each kind's heaviest terms kept in a vector.
MAX_TERMS = 30
# How much each kind's unit vector is scaled by.
_SCALES = {
    "words": math.sqrt(WORDS_WEIGHT / (WORDS_WEIGHT + NAMES_WEIGHT)),
    "names": math.sqrt(NAMES_WEIGHT / (WORDS_WEIGHT + NAMES_WEIGHT)),
    "numbers": 1.0,
}


def kind_of(term: str) -> str:
    """Which kind a term is of: "words", "names" or "numbers" ("" for none of them)."""
    if is_name_term(term):
        return "names"
    if NUMBER_TERM.marks(term):
        return "numbers"
    if not term or DATE_TERM.marks(term):
        return ""
    return "words"


class TermCounts:
    """In how many reports each term is, and how many reports there are."""

    def __init__(self) -> None:
        self.reports = 0
        self.df: Counter[str] = Counter()

    def add(self, terms: ReportTerms) -> None:
        self.reports += 1
        self.df.update(terms.counts.keys())

    def vector(self, terms: ReportTerms, weights: Weights | None = None) -> Vector:
        """The report's vector (`weights`: from `weights()`, when many are made at
        once). Terms in no other report are left out: they pair it with nothing, and
        counted in the norm they would make a report with much of its own to say look
        unlike the rest of its story. Only the heaviest `MAX_TERMS` of each kind are
        kept: the rest adds next to nothing to a dot product and costs as much."""
        if weights is None:
            weights = self.weights(terms.counts)
        parts: dict[str, dict[str, float]] = {kind: {} for kind in _SCALES}
        get = weights.get
        for term, count in terms.counts.items():
            known = get(term)
            if known is not None:
                parts[known[0]][term] = (1 + math.log(count)) * known[1]
        vector: Vector = {}
        for kind, part in parts.items():
            norm = math.sqrt(math.fsum(v * v for v in part.values()))
            if norm:
                factor = _SCALES[kind] / norm
                kept = heaviest(part, MAX_TERMS) if len(part) > MAX_TERMS else part
                vector.update((t, part[t] * factor) for t in kept)
        return vector

    def weights(self, terms: Iterable[str] | None = None) -> Weights:
        """The kind and IDF of every term seen in more than one report (of `terms`)."""
        df = self.df
        found = df.items() if terms is None else ((t, df[t]) for t in terms)
        weights: Weights = {}
        for term, count in found:
            if count > 1:
                kind = kind_of(term)
                if kind:
                    weights[term] = (kind, math.log(1 + self.reports / count))
        return weights


def vectors_of(terms: Sequence[ReportTerms]) -> tuple[TermCounts, list[Vector]]:
    counts = TermCounts()
    for item in terms:
        counts.add(item)
    weights = counts.weights()
    return counts, [counts.vector(item, weights) for item in terms]


_NUMBER = NUMBER_TERM.text[0]


def dots(a: Mapping[str, float], b: Mapping[str, float]) -> tuple[float, float]:
    """The dot products of two reports' vectors over their words and names (the mean of
    the two cosines), and over their numbers (their cosine). Exact (`fsum`), so the
    same whatever order the terms come in."""
    said: list[float] = []
    numbers: list[float] = []
    for term in a.keys() & b.keys():
        (numbers if term[0] == _NUMBER else said).append(a[term] * b[term])
    return math.fsum(said), math.fsum(numbers)


def heaviest(vector: Mapping[str, float], count: int) -> list[str]:
    """The `count` heaviest terms of a vector (ties by term: the same whatever the order)."""
    return sorted(vector, key=lambda t: (-vector[t], t))[:count]
