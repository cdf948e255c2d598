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
from functools import lru_cache

from tui.analysis.stories.features import ReportTerms
from tui.model.ids import DATE_TERM, NUMBER_TERM, is_name_term

Vector = dict[str, float]
# Each term's kind and IDF.
Weights = dict[str, tuple[str, float]]

WORDS_WEIGHT = 1.0
NAMES_WEIGHT = 1.0
# Each kind's heaviest terms kept in a vector.
MAX_TERMS = 30
# How much a term in one report only counts in its vector's norm (see `vector`).
OWN_TERMS = 0.25
# How much each kind's unit vector is scaled by.
_SCALES = {
    "words": math.sqrt(WORDS_WEIGHT / (WORDS_WEIGHT + NAMES_WEIGHT)),
    "names": math.sqrt(NAMES_WEIGHT / (WORDS_WEIGHT + NAMES_WEIGHT)),
    "numbers": 1.0,
}


@lru_cache(maxsize=1 << 18)
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
        once). Terms in no other report pair it with nothing: they are left out, and
        count in its norm at `OWN_TERMS` of their weight only, or a report with much of
        its own to say would look unlike the rest of its story (but in a handful of
        reports, where most terms are a report's own, what two share is not made all
        that counts)."""
        if weights is None:
            weights = self.weights(terms.counts)
        parts: dict[str, dict[str, float]] = {kind: {} for kind in _SCALES}
        own = dict.fromkeys(_SCALES, 0.0)
        get = weights.get
        alone = OWN_TERMS * math.log(1 + self.reports)
        for term, count in terms.counts.items():
            known = get(term)
            if known is not None:
                parts[known[0]][term] = (1 + math.log(count)) * known[1]
            else:
                kind = kind_of(term)
                if kind:
                    own[kind] += ((1 + math.log(count)) * alone) ** 2
        return _joined(parts, own)

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


def centroid(vectors: Iterable[Mapping[str, float]]) -> Vector:
    """The mean of reports' vectors as a vector of the same shape: each kind of unit
    length and scale, its `MAX_TERMS` heaviest terms kept."""
    total: dict[str, float] = {}
    for vector in vectors:
        for term, value in vector.items():
            total[term] = total.get(term, 0.0) + value
    parts: dict[str, dict[str, float]] = {kind: {} for kind in _SCALES}
    for term, value in total.items():
        parts[kind_of(term)][term] = value
    return _joined(parts)


def _joined(
    parts: Mapping[str, Mapping[str, float]], own: Mapping[str, float] | None = None
) -> Vector:
    """One vector of the weights of each kind of term: each kind of unit length, then
    scaled (`_SCALES`), its `MAX_TERMS` heaviest terms kept. The norm counts them all
    (the terms left out add next to nothing to a dot product and cost as much), and the
    squares in `own` too (terms not kept at all)."""
    joined: Vector = {}
    for kind, part in parts.items():
        squares = math.fsum(v * v for v in part.values()) + (own[kind] if own else 0.0)
        norm = math.sqrt(squares)
        if norm:
            factor = _SCALES[kind] / norm
            kept = heaviest(part, MAX_TERMS) if len(part) > MAX_TERMS else part
            joined.update((t, part[t] * factor) for t in kept)
    return joined


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
