"""Reports -> stories: the reports about one happening (the same event, at the same time
and place; two earthquakes in one region a year apart are two stories).

1. Each report becomes a vector of its words, names (entity ids) and numbers, its lead
   counting twice, with the years and weekdays its lead names (`features`, `vectors`).
2. Candidate pairs come from an inverted index of each report's heaviest terms, never
   from all pairs; each is scored: the mean of its word and name cosines, raised when
   the two share numbers, cut when their leads name other years or weekdays (`pairs`).
3. Scores are scaled locally: a pair's score over the geometric mean of its reports'
   `NEIGHBOUR`th best scores (at least `REFERENCE_FLOOR`). A story told by many reports
   in much the same words and one told by a few in varied words then meet the same
   threshold, and two lookalike events of one kind (two title fights of one boxer)
   stand apart from each other as far as each one's reports stand together.
4. Stories are the average-link clusters of the scaled scores while the best link
   reaches `THRESHOLD` (`linkage`); then groups whose mean vectors are as alike as two
   tellings of one story are joined: the parts of a story told by more reports than
   each is compared with.
5. Where average-link joined two parts of a story, each of `SEAM_PART` reports or
   more, only at a link below `SEAM_THRESHOLD`, the story has a seam between them: the
   two may be lookalike events that words alone do not tell apart (two quakes on one
   island, years apart, one of them reported without a date). They stay one story,
   but no shared fact crosses the seam (`Story.parts`; the facts are found story by
   story in `tui.pipeline.per_story`): a fact is something the reports of one event
   state, and a link this weak between two groups that each hold together is no
   evidence that they tell one.

Deterministic: nothing depends on the order sets are iterated in (so on the hash seed),
sums are exact (`math.fsum`), ties break by report order. Tuned on half of ECB+'s
development topics and measured on the rest (bench/stories_quality.py).
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from tui.analysis.stories.corrections import corrected_groups
from tui.analysis.stories.features import ReportTerms, report_terms
from tui.analysis.stories.linkage import average_link_and_parts
from tui.analysis.stories.pairs import (
    MAX_CANDIDATES,
    CandidateIndex,
    Pair,
    candidate_pairs,
    pair_score,
)
from tui.analysis.stories.titles import SEAM_PART, make_stories
from tui.analysis.stories.vectors import Vector, centroid, vectors_of
from tui.analysis.unionfind import UnionFind
from tui.model.corrections import Corrections
from tui.model.document import Report
from tui.model.entities import Entity, Mention
from tui.model.stories import Story

THRESHOLD = 0.35
# Two groups whose mean vectors score this much are one story (see `joined_by_centroid`).
CENTROID_THRESHOLD = 0.6
# A report's reference score is its NEIGHBOUR-th best, at least REFERENCE_FLOOR: a
# report far from all others (a story of its own) is not made close to them.
NEIGHBOUR = 4
REFERENCE_FLOOR = 0.3
# Two parts of a story, each of at least SEAM_PART reports, joined at a link below
# SEAM_THRESHOLD have a seam between them that facts do not cross (step 5 above). On the
# ECB+ development topics, parts of two lookalike events (two quakes on one island, two
# offers to one player) join at 0.40-0.47, parts of one event at 0.47 and more but for
# a few below 0.40; 0.40 sat on the first pair's join, so that any change in the names
# found moved its seam: 0.46 left a margin (facts across gold stories 0.4-0.8%,
# precision 0.930 -> 0.944, recall 0.214 -> 0.204, as fewer facts cross a seam). The
# second pair then joined at 0.45-0.47: a correct name found ("Scott Boras" no longer
# read as a demonym) took its facts across gold stories from 0.6% to 1.5%. 0.48: 0.6%,
# same-fact recall 0.352 at precision 0.909 (0.353 at 0.46), topics 36-45 unchanged
# (bench/fact_duplicates.py: 4 facts across gold stories); 0.50 loses recall (0.345).
SEAM_THRESHOLD = 0.48


def find_stories(
    reports: Sequence[Report],
    mentions: Mapping[str, tuple[Mention, ...]],
    entities: Sequence[Entity],
    *,
    one_story: bool = False,
    corrections: Corrections | None = None,
    terms: Sequence[ReportTerms] | None = None,
) -> tuple[Story, ...]:
    """The stories of the reports: every report in exactly one (all in one with
    `one_story`), the user's story corrections, if any, applied to the clustering's
    (with `one_story` there is nothing to correct). Names count through the mentions'
    entity ids (every spelling of a name is one id); `entities` is the corpus's list of
    them, not needed beyond that. `terms`: each report's `report_terms`, if already
    found (they depend on the report and its mentions alone)."""
    del entities
    if not reports:
        return ()
    if one_story:
        return make_stories(reports, [list(range(len(reports)))], {})
    features = StoryFeatures.of(reports, mentions) if terms is None else StoryFeatures(terms)
    groups, parts = story_clustering(features, THRESHOLD)
    if corrections is not None:
        groups = corrected_groups(reports, groups, corrections.stories)
    return make_stories(reports, groups, features.scores, parts)


class StoryFeatures:
    """The reports' terms and vectors, and the scores of their candidate pairs."""

    def __init__(self, terms: Sequence[ReportTerms]) -> None:
        self.terms = list(terms)
        self.counts, self.vectors = vectors_of(self.terms)
        self.index = CandidateIndex()
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
            pairs = candidate_pairs(self.vectors, self.index)
            self._scores = {(i, j): self.score(i, j) for i, j in pairs}
        return self._scores


def story_groups(features: StoryFeatures, threshold: float = THRESHOLD) -> list[list[int]]:
    """Groups of report indexes (each sorted, in order of their first report)."""
    return story_clustering(features, threshold)[0]


def story_clustering(
    features: StoryFeatures, threshold: float = THRESHOLD
) -> tuple[list[list[int]], list[str]]:
    """The groups of `story_groups`, and each report's part (see `seam_parts`)."""
    count = len(features)
    scaled = locally_scaled(features.scores, count)
    # The parts: the groups average-link had before its joins below SEAM_THRESHOLD.
    coarse, fine = average_link_and_parts(
        count, scaled, threshold, MAX_CANDIDATES, max(threshold, SEAM_THRESHOLD)
    )
    return joined_by_centroid(features, coarse), seam_parts(count, coarse, fine)


def seam_parts(
    count: int, coarse: Sequence[Sequence[int]], fine: Sequence[Sequence[int]]
) -> list[str]:
    """Each report's part, "" for most: where a group of `coarse` holds two or more
    groups of `fine` (its parts before the joins below `SEAM_THRESHOLD`) of at least
    `SEAM_PART` reports, the reports of those are labelled "<coarse>.<fine>" (numbers of
    the groups); facts do not join two reports whose labels differ after one prefix."""
    fine_of = [0] * count
    for number, group in enumerate(fine):
        for index in group:
            fine_of[index] = number
    parts = [""] * count
    for number, group in enumerate(coarse):
        sizes = Counter(fine_of[index] for index in group)
        if sum(1 for size in sizes.values() if size >= SEAM_PART) < 2:
            continue
        for index in group:
            if sizes[fine_of[index]] >= SEAM_PART:
                parts[index] = f"{number}.{fine_of[index]}"
    return parts


def joined_by_centroid(features: StoryFeatures, groups: list[list[int]]) -> list[list[int]]:
    """The groups, those whose mean vectors are as alike as two tellings of one story
    joined (again while any are: only pairs with a group joined the round before can be
    new). A story told by more reports than each is compared with falls into parts that
    average-link sees too few pairs between; their means are all but the same."""
    vectors, terms = features.vectors, features.terms

    def mean(group: list[int]) -> tuple[Vector, ReportTerms]:
        if len(group) == 1:
            return vectors[group[0]], terms[group[0]]
        return centroid(vectors[i] for i in group), group_time([terms[i] for i in group])

    means = [mean(group) for group in groups]
    fresh = [True] * len(groups)
    while len(groups) > 1 and any(fresh):
        joined = UnionFind(str(n) for n in range(len(groups)))
        for a, b in candidate_pairs([vector for vector, _ in means], CandidateIndex()):
            if (fresh[a] or fresh[b]) and pair_score(
                means[a][0], means[b][0], means[a][1], means[b][1]
            ) >= CENTROID_THRESHOLD:
                joined.union(str(a), str(b))
        parts: dict[str, list[int]] = defaultdict(list)
        for n in range(len(groups)):
            parts[joined.find(str(n))].append(n)
        # In order of their first report, as average-link gives them.
        merged = sorted(parts.values(), key=lambda ns: min(groups[n][0] for n in ns))
        joined_groups = [sorted(i for n in ns for i in groups[n]) for ns in merged]
        means = [
            means[ns[0]] if len(ns) == 1 else mean(group)
            for ns, group in zip(merged, joined_groups, strict=True)
        ]
        fresh = [len(ns) > 1 for ns in merged]
        groups = joined_groups
    return groups


def group_time(terms: Sequence[ReportTerms]) -> ReportTerms:
    """When a group's event happened: the years and weekdays named by at least half of
    its reports that name any (as a `ReportTerms` without terms)."""
    years: Counter[int] = Counter()
    weekdays: Counter[str] = Counter()
    for item in terms:
        years.update(item.years)
        weekdays.update(item.weekdays)
    naming_years = sum(1 for item in terms if item.years)
    naming_days = sum(1 for item in terms if item.weekdays)
    return ReportTerms(
        {},
        frozenset(y for y, n in years.items() if 2 * n >= naming_years),
        frozenset(d for d, n in weekdays.items() if 2 * n >= naming_days),
    )


def reference_scores(scores: Mapping[Pair, float], count: int) -> list[float]:
    """Each report's reference: its `NEIGHBOUR`th best score, at least the floor."""
    best: list[list[float]] = [[] for _ in range(count)]
    for (i, j), value in scores.items():
        best[i].append(value)
        best[j].append(value)
    return [reference(values) for values in best]


def reference(values: Sequence[float]) -> float:
    near = heapq.nlargest(NEIGHBOUR, values)
    kth = near[-1] if len(near) == NEIGHBOUR else 0.0
    return max(kth, REFERENCE_FLOOR)


def scaled(value: float, reference_a: float, reference_b: float) -> float:
    return min(1.0, value / math.sqrt(reference_a * reference_b))


def locally_scaled(scores: Mapping[Pair, float], count: int) -> dict[Pair, float]:
    references = reference_scores(scores, count)
    return {(i, j): scaled(value, references[i], references[j]) for (i, j), value in scores.items()}
