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

Kept from one analysis to the next (`tui.pipeline.incremental` stores it pickled in
the analysis cache, without its reports: `rebind` gives it the reports again), the
entities of the later analysis are not numbered as those of the first (entity ids go
by mention counts): `add_all` takes the later analysis's entities and names each as
the index knows it (by an alias they share), or, new to it, by its name
(`tui.model.ids.unseen_entity`). `kept_ids` numbers the grown (and corrected) groups
so that a story keeps its id.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

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
from tui.model.entities import Entity, Mention
from tui.model.ids import id_number, id_sort_key, story_id, unseen_entity
from tui.model.stories import Story


class StoryIndex:
    """Reports in stories, and what it takes to place one more (see the module)."""

    def __init__(
        self,
        features: StoryFeatures,
        reports: Sequence[Report],
        entities: Iterable[Entity] = (),
    ) -> None:
        self.features = features
        self.reports = list(reports)
        # The entity id (as in the terms) each alias stands for (see `add_all`).
        self.names: dict[str, str] = {}
        for entity in entities:
            for alias in entity.aliases:
                self.names.setdefault(alias, entity.id)
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
        cls,
        reports: Sequence[Report],
        mentions: Mapping[str, Sequence[Mention]],
        entities: Iterable[Entity] = (),
    ) -> StoryIndex:
        """The stories of `reports` (as `find_stories` finds them), ready to grow
        (`entities`, those the mentions name: for `add_all` in a later analysis)."""
        return cls(StoryFeatures.of(reports, mentions), reports, entities)

    def __len__(self) -> int:
        return len(self.story_number)

    def __getstate__(self) -> dict[str, Any]:
        """Pickled without its reports (the cache holds them already): `rebind`."""
        state = dict(self.__dict__)
        state["reports"] = []
        return state

    def rebind(self, reports: Sequence[Report]) -> None:
        """Its reports again, in the order they were placed (their ids may have changed)."""
        if len(reports) != len(self):
            raise ValueError(f"{len(reports)} reports for an index of {len(self)}")
        self.reports = list(reports)

    def groups(self) -> list[list[int]]:
        """The stories' report indexes (in the order placed), by story number."""
        return [sorted(group) for _, group in sorted(self.members.items())]

    def add_all(
        self,
        reports: Sequence[Report],
        mentions: Mapping[str, Sequence[Mention]],
        entities: Iterable[Entity],
    ) -> list[str]:
        """`add` each report in turn, from another analysis than the index's: `entities`
        and `mentions` are that analysis's, and its entity ids are taken to the index's
        first (an entity it did not know stands for its name)."""
        known = self._entity_ids(entities)
        ids = []
        for report in reports:
            own = {
                p.id: tuple(replace(m, entity=known.get(m.entity, m.entity)) for m in found)
                for p in report.paragraphs
                if (found := mentions.get(p.id))
            }
            ids.append(self.add(report, own))
        return ids

    def _entity_ids(self, entities: Iterable[Entity]) -> dict[str, str]:
        """Each entity's id -> the id the index knows it by: that of the first of its
        aliases the index knows, else its name marked as unseen."""
        entities = list(entities)
        known: dict[str, str] = {}
        for entity in entities:
            found = next((self.names[a] for a in entity.aliases if a in self.names), None)
            known[entity.id] = found if found is not None else unseen_entity(entity.name)
        for entity in entities:
            for alias in entity.aliases:
                self.names.setdefault(alias, known[entity.id])
        return known

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


def kept_ids(groups: Sequence[Sequence[int]], before: Mapping[int, str]) -> list[str]:
    """A story id for each group (of report indexes), keeping those of `before` (report
    index -> the id of its story before): an id goes to the group holding most of its
    reports (ties: the group that comes first), unless an id before it (in number order)
    took that group; the groups left get the next ids after the highest, largest first
    (ties: the one whose first report comes first)."""
    holding: dict[str, Counter[int]] = defaultdict(Counter)
    for number, group in enumerate(groups):
        for index in group:
            if index in before:
                holding[before[index]][number] += 1
    ids: list[str | None] = [None] * len(groups)
    for old in sorted(holding, key=id_sort_key):
        counts = holding[old]
        best = min(counts, key=lambda number: (-counts[number], number))
        if ids[best] is None:
            ids[best] = old
    fresh = max((id_number(old) for old in before.values()), default=0) + 1
    left = [n for n, an_id in enumerate(ids) if an_id is None]
    for number in sorted(left, key=lambda n: (-len(groups[n]), min(groups[n]))):
        ids[number] = story_id(fresh)
        fresh += 1
    return [an_id for an_id in ids if an_id is not None]
