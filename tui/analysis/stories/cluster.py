"""Reports -> stories.

Each report is a TF-IDF vector of its terms (word stems and entities by id, sublinear
counts). Candidate pairs come from an inverted index of each report's rarest terms,
never from all pairs; a candidate pair scores the cosine of its vectors, and stories are
the average-link clusters of those scores above a threshold.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from tui.analysis.stories.corrections import corrected_groups
from tui.analysis.stories.features import ReportFeatures, report_features
from tui.analysis.stories.linkage import average_link
from tui.analysis.stories.titles import make_stories
from tui.model.corrections import Corrections
from tui.model.document import Report
from tui.model.entities import Entity, Mention
from tui.model.stories import Story

THRESHOLD = 0.12
# Each report is indexed by this many of its rarest terms.
_PREFIX = 12
# Each report is scored against at most this many candidates (those sharing most terms).
_MAX_CANDIDATES = 40

Vector = dict[str, float]


def find_stories(
    reports: Sequence[Report],
    mentions: Mapping[str, tuple[Mention, ...]],
    entities: Sequence[Entity],
    *,
    one_story: bool = False,
    corrections: Corrections | None = None,
) -> tuple[Story, ...]:
    """The stories of the reports: every report in exactly one (all in one with
    `one_story`); the user's story corrections, if any, applied to the clustering's
    (with `one_story` there is nothing to correct)."""
    if not reports:
        return ()
    if one_story:
        return make_stories(reports, [list(range(len(reports)))], {})
    features = [report_features(report, mentions) for report in reports]
    vectors = tfidf_vectors(features)
    scores = {pair: cosine(vectors[pair[0]], vectors[pair[1]]) for pair in candidate_pairs(vectors)}
    groups = average_link(len(reports), scores, THRESHOLD)
    if corrections is not None:
        groups = corrected_groups(reports, groups, corrections.stories)
    return make_stories(reports, groups, scores)


def tfidf_vectors(features: Sequence[ReportFeatures]) -> list[Vector]:
    df: Counter[str] = Counter()
    for item in features:
        df.update(item.terms.keys())
    total = len(features)
    vectors = []
    for item in features:
        vector = {
            term: (1 + math.log(count)) * math.log(1 + total / df[term])
            for term, count in item.terms.items()
        }
        norm = math.sqrt(math.fsum(v * v for v in vector.values()))
        vectors.append({t: v / norm for t, v in vector.items()} if norm else {})
    return vectors


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return math.fsum(value * b[term] for term, value in a.items() if term in b)


def candidate_pairs(vectors: Sequence[Vector]) -> list[tuple[int, int]]:
    """Pairs (i < j) of reports that may tell one story: sharing one of the `_PREFIX`
    heaviest terms of either, and among the `_MAX_CANDIDATES` closest of one of them."""
    prefixes = [
        sorted(vector, key=lambda t, v=vector: (-v[t], t))[:_PREFIX]  # type: ignore[misc]
        for vector in vectors
    ]
    postings: dict[str, list[int]] = defaultdict(list)
    for index, prefix in enumerate(prefixes):
        for term in prefix:
            postings[term].append(index)
    pairs: set[tuple[int, int]] = set()
    for i, prefix in enumerate(prefixes):
        hits: Counter[int] = Counter()
        for term in prefix:
            hits.update(postings[term])
        del hits[i]
        close = heapq.nsmallest(_MAX_CANDIDATES, hits, key=lambda j: (-hits[j], j))
        pairs.update((min(i, j), max(i, j)) for j in close)
    return sorted(pairs)
