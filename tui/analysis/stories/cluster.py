"""Reports -> stories.

1. Each report becomes a weighted term vector of its words, names and numbers, its lead
   counting most, with the years and weekdays its lead names (`features`, `vectors`).
2. Candidate pairs come from an inverted index of each report's heaviest terms, never
   from all pairs; each is scored: the vectors' dot product, cut when the leads name
   other years or weekdays (`pairs`).
3. Scores are scaled locally: a pair's score over the geometric mean of its two
   reports' `NEIGHBOUR`th best scores. A story told by many reports in much the same
   words and one told in few or in varied words then meet the same threshold, and two
   lookalike events of one kind (two fights of one boxer) stand apart from each other
   as much as each one's reports stand together.
4. Stories are the average-link clusters of the scaled scores (pairs never scored
   count as 0) while the best link reaches `THRESHOLD`.

Everything is deterministic: ties break by report order, sums are exact (`math.fsum`).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Mapping, Sequence

from tui.analysis.stories.corrections import corrected_groups
from tui.analysis.stories.features import ReportTerms, report_terms
from tui.analysis.stories.linkage import average_link
from tui.analysis.stories.pairs import MAX_CANDIDATES, Pair, candidate_pairs, pair_score
from tui.analysis.stories.titles import make_stories
from tui.analysis.stories.vectors import vectors_of
from tui.model.corrections import Corrections
from tui.model.document import Report
from tui.model.entities import Entity, Mention
from tui.model.stories import Story

THRESHOLD = 0.4
# A report's reference score is its NEIGHBOUR-th best, kept within these bounds: a
# report far from all others (a story of its own) is not made close to them, and one
# among copies of a wire story is not made far from its story's other reports.
NEIGHBOUR = 4
REFERENCE_FLOOR = 0.2
REFERENCE_CEILING = 0.5


def find_stories(
    reports: Sequence[Report],
    mentions: Mapping[str, tuple[Mention, ...]],
    entities: Sequence[Entity],
    *,
    one_story: bool = False,
    corrections: Corrections | None = None,
) -> tuple[Story, ...]:
    """The stories of the reports: every report in exactly one (all in one with
    `one_story`), the user's story corrections, if any, applied to the clustering's
    (with `one_story` there is nothing to correct). Names count through the mentions'
    entity ids (every spelling of a name is one id); `entities` is the corpus's list of
    them, not needed beyond that."""
    del entities
    if not reports:
        return ()
    if one_story:
        return make_stories(reports, [list(range(len(reports)))], {})
    features = StoryFeatures.of(reports, mentions)
    groups = story_groups(features, THRESHOLD)
    if corrections is not None:
        groups = corrected_groups(reports, groups, corrections.stories)
    return make_stories(reports, groups, features.scores)


class StoryFeatures:
    """The reports' terms and vectors, and the scores of their candidate pairs."""

    def __init__(self, terms: Sequence[ReportTerms]) -> None:
        self.terms = list(terms)
        self.counts, self.vectors = vectors_of(self.terms)
        self._scores: dict[Pair, float] | None = None

    @classmethod
    def of(
        cls, reports: Sequence[Report], mentions: Mapping[str, Sequence[Mention]]
    ) -> StoryFeatures:
        return cls([report_terms(report, mentions) for report in reports])

    def __len__(self) -> int:
        return len(self.terms)

    def score(self, i: int, j: int) -> float:
        return pair_score(self.vectors[i], self.vectors[j], self.terms[i], self.terms[j])

    @property
    def scores(self) -> dict[Pair, float]:
        """The score of every candidate pair (i < j), found once."""
        if self._scores is None:
            pairs = candidate_pairs(self.vectors)
            self._scores = {(i, j): self.score(i, j) for i, j in pairs}
        return self._scores


def story_groups(features: StoryFeatures, threshold: float = THRESHOLD) -> list[list[int]]:
    """Groups of report indexes (each sorted, in order of their first report)."""
    scaled = locally_scaled(features.scores, len(features))
    return average_link(len(features), scaled, threshold, compared=MAX_CANDIDATES)


def reference_scores(scores: Mapping[Pair, float], count: int) -> list[float]:
    """Each report's reference: its `NEIGHBOUR`th best score, within the bounds."""
    best: list[list[float]] = [[] for _ in range(count)]
    for (i, j), value in scores.items():
        best[i].append(value)
        best[j].append(value)
    return [reference(values) for values in best]


def reference(values: Sequence[float]) -> float:
    near = heapq.nlargest(NEIGHBOUR, values)
    kth = near[-1] if len(near) == NEIGHBOUR else 0.0
    return min(max(kth, REFERENCE_FLOOR), REFERENCE_CEILING)


def scaled(value: float, reference_a: float, reference_b: float) -> float:
    return min(1.0, value / math.sqrt(reference_a * reference_b))


def locally_scaled(scores: Mapping[Pair, float], count: int) -> dict[Pair, float]:
    references = reference_scores(scores, count)
    return {(i, j): scaled(value, references[i], references[j]) for (i, j), value in scores.items()}
