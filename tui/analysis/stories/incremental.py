"""Stories that grow a report at a time, without clustering everything again.

`StoryIndex.build(reports, mentions)` clusters as `find_stories` does (the same
stories, ids and titles) and keeps what it found: each report's terms, vector and
reference score, the index of candidates, the scores. `add(report, mentions)` then
puts one more report into a story: its candidates come from the index, its scores with
them are scaled as in `cluster`, and it joins the story whose reports it is closest to
on average (the link average-link would join it by) if that reaches the threshold, or
starts a story of its own (the next id: ids then no longer follow size).

Not the same as clustering everything again, and it cannot be: the IDF weights and
reference scores of the reports already in stay as they were (a new term counts from
the report it first appears in), a report only ever joins one story (it never makes
two stories one, nor moves a report already placed), and average-link would have joined
reports in another order. What it keeps: a report that restates one already in joins
its story, and one sharing nothing with any starts its own; tests check that on clear
coverage the result is that of clustering from scratch. Cluster from scratch
(`find_stories`) when many reports have come in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from tui.analysis.stories.cluster import (
    THRESHOLD,
    StoryFeatures,
    reference,
    reference_scores,
    scaled,
    story_clustering,
)
from tui.analysis.stories.features import report_terms
from tui.analysis.stories.linkage import linked_pairs
from tui.analysis.stories.pairs import MAX_CANDIDATES, pair_score
from tui.analysis.stories.titles import by_size, centralities, story_of
from tui.model.document import Report
from tui.model.entities import Mention
from tui.model.ids import story_id
from tui.model.stories import Story


class StoryIndex:
    """Reports in stories, and what it takes to place one more (see the module)."""

    def __init__(self, features: StoryFeatures, reports: Sequence[Report]) -> None:
        self.features = features
        self.reports = list(reports)
        scores = features.scores
        self.references = reference_scores(scores, len(features))
        # Story number (1 for `s1`...) by report index, and report indexes by number.
        self.story_number: list[int] = [0] * len(features)
        self.members: dict[int, list[int]] = {}
        groups, self.parts = story_clustering(features)
        for number, group in enumerate(by_size(groups), start=1):
            self.members[number] = group
            for index in group:
                self.story_number[index] = number

    @classmethod
    def build(
        cls, reports: Sequence[Report], mentions: Mapping[str, Sequence[Mention]]
    ) -> StoryIndex:
        """The stories of `reports` (as `find_stories` finds them), ready to grow."""
        return cls(StoryFeatures.of(reports, mentions), reports)

    def add(self, report: Report, mentions: Mapping[str, Sequence[Mention]]) -> str:
        """Put `report` into the story it is closest to, or a new one: that story's id."""
        features = self.features
        terms = report_terms(report, mentions)
        features.counts.add(terms)
        vector = features.counts.vector(terms)
        index = len(features)
        features.terms.append(terms)
        features.vectors.append(vector)
        candidates = features.index.closest(index, features.index.add(index, vector))
        scores = {
            j: pair_score(features.vectors[j], vector, features.terms[j], terms) for j in candidates
        }
        mine = reference(list(scores.values()))
        totals: dict[int, float] = defaultdict(float)
        for j, value in sorted(scores.items()):
            features.scores[(j, index)] = value
            totals[self.story_number[j]] += scaled(value, self.references[j], mine)
        self.references.append(mine)
        self.reports.append(report)
        self.parts.append("")
        best, best_link = 0, THRESHOLD
        for number, total in sorted(totals.items()):
            link = total / linked_pairs(1, len(self.members[number]), MAX_CANDIDATES)
            if link >= best_link and (best == 0 or link > best_link):
                best, best_link = number, link
        if best == 0:
            best = len(self.members) + 1
            self.members[best] = []
        self.members[best].append(index)
        self.story_number.append(best)
        return story_id(best)

    def stories(self) -> tuple[Story, ...]:
        """The stories, by id."""
        centrality = centralities(len(self.reports), self.features.scores)
        return tuple(
            story_of(story_id(number), self.reports, group, centrality, self.parts)
            for number, group in sorted(self.members.items())
        )
