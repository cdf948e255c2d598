"""Incremental story clustering: reports added to an input already analysed join its
stories (or start their own) without clustering everything again.

What is incremental: the story clustering only. With the analysis of an input (the
paths and recursion as given: `Loader`), the cache keeps a `StoryState`: the clustering
(`tui.analysis.stories.StoryIndex`, without its reports), each report's identity
(`report_identity`: its text, name, title, date and outlet) and the id of its story.
When that input is analysed again (a cache miss: files were added, changed or removed),
`StoryClustering` restores it if every report it holds is still there, unchanged, and
the corrections are the same, and `add`s the new reports to it, in input order: the
reports already there keep their stories and story ids (`kept_ids`), a new report
joins the story it is closest to or starts one (numbered after the highest id). Entities,
facts, cited sources and topics are found again over everything, as ever.

When it clusters everything again (`find_stories`'s stories, ids by size): the first
time; a report of the state was removed or changed; other corrections (entities or
stories); `one_story`; more reports come in since the last full clustering than
`MAX_GROWTH` of it (the new terms' weights and the reports' reference scores drift
from what clustering everything would give); another program version or cache format
(the state's key holds them); a kept clustering that fails to grow (the cache never
stops an analysis). The stories of a grown clustering can differ from those
of clustering everything at once (see `StoryIndex`): a report joins one story and
never makes two one, and old reports never move.

Story corrections apply on top either way: to the clustering's groups, before the ids
are kept.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from tui.analysis.stories import StoryIndex, find_stories
from tui.analysis.stories.cluster import StoryFeatures
from tui.analysis.stories.corrections import corrected_groups
from tui.analysis.stories.features import ReportTerms
from tui.analysis.stories.incremental import kept_ids
from tui.analysis.stories.titles import centralities, make_stories, story_of
from tui.model.corrections import Corrections, StoryCorrection
from tui.model.document import Report
from tui.model.entities import Entity, Mention
from tui.model.ids import id_sort_key, report_key
from tui.model.stories import Story
from tui.pipeline.cache import packed

# Reports added since the last full clustering, at most this share of it (else all are
# clustered again).
MAX_GROWTH = 0.5


@dataclass(slots=True)
class StoryState:
    """A clustering to grow: `index` (its reports not kept) and, for each report in the
    order it was placed, its identity and story id."""

    index: StoryIndex
    identities: tuple[str, ...]
    story_ids: tuple[str, ...]
    corrections: Corrections | None
    # How many reports the last full clustering had.
    clustered: int


def report_identity(report: Report) -> str:
    """What a report is to the clustering, whatever its id: its text and what its file
    says of it (a renamed file or a changed `sources.toml` entry is another report)."""
    parts = (report_key(report.text), report.name, report.title, report.date, report.outlet)
    return hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


class StoryClustering:
    """`find_stories` for the pipeline (`tui.pipeline.build.analysis_stages`), growing
    the `StoryState` that `previous` gives (called once, when the clustering runs) where
    it can (see the module). After a call `kept` is the clustering to keep, packed as
    the cache stores it (None with `one_story`): the index is not held while the rest
    of the analysis runs; `grown` says whether it was grown rather than made anew."""

    def __init__(self, previous: Callable[[], StoryState | None] | None = None) -> None:
        self._previous = previous
        self.kept: bytes | None = None
        self.grown = False

    def __call__(
        self,
        reports: Sequence[Report],
        mentions: Mapping[str, tuple[Mention, ...]],
        entities: Sequence[Entity],
        *,
        one_story: bool = False,
        corrections: Corrections | None = None,
        terms: Sequence[ReportTerms] | None = None,
    ) -> tuple[Story, ...]:
        """`find_stories`, growing the kept clustering where it can (`terms`: each
        report's terms for clustering, if found already; used when all are clustered)."""
        self.kept, self.grown = None, False
        if one_story or not reports:
            return find_stories(
                reports, mentions, entities, one_story=one_story, corrections=corrections
            )
        identities = [report_identity(report) for report in reports]
        previous = self._previous() if self._previous is not None else None
        if previous is not None:
            try:
                stories = self._grow(previous, reports, identities, mentions, entities, corrections)
            except Exception:  # a kept clustering that does not fit: as if there were none
                stories = None
            if stories is not None:
                self.grown = True
                return stories
        if terms is None:
            index = StoryIndex.build(reports, mentions, entities)
        else:
            index = StoryIndex(StoryFeatures(terms), reports, entities)
        groups = corrected_groups(reports, index.groups(), _story_corrections(corrections))
        stories = make_stories(reports, groups, index.features.scores, index.parts)
        story_of_report = {r: story.id for story in stories for r in story.report_ids}
        self.kept = packed(
            StoryState(
                index,
                tuple(identities),
                tuple(story_of_report[report.id] for report in reports),
                corrections,
                len(reports),
            )
        )
        return stories

    def _grow(
        self,
        state: StoryState,
        reports: Sequence[Report],
        identities: Sequence[str],
        mentions: Mapping[str, tuple[Mention, ...]],
        entities: Sequence[Entity],
        corrections: Corrections | None,
    ) -> tuple[Story, ...] | None:
        """The stories of `state` grown by the reports it does not hold; None when it
        cannot be (see the module)."""
        if (state.corrections or Corrections()) != (corrections or Corrections()):
            return None
        if len(state.identities) != len(state.index):
            return None
        # Where each placed report is now (identical copies: in input order).
        where: dict[str, list[int]] = {}
        for position, identity in enumerate(identities):
            where.setdefault(identity, []).append(position)
        for places in where.values():
            places.reverse()
        order: list[int] = []
        for identity in state.identities:
            left = where.get(identity)
            if not left:
                return None  # removed or changed
            order.append(left.pop())
        placed = set(order)
        new = [position for position in range(len(reports)) if position not in placed]
        if len(reports) - state.clustered > MAX_GROWTH * state.clustered:
            return None
        index = state.index
        index.rebind([reports[position] for position in order])
        index.add_all([reports[position] for position in new], mentions, entities)
        order.extend(new)
        # In input order from here on.
        raw = [sorted(order[i] for i in group) for group in index.groups()]
        groups = corrected_groups(reports, raw, _story_corrections(corrections))
        before = dict(zip(order, state.story_ids, strict=False))
        ids = kept_ids(groups, before)
        by_index = centralities(len(index), index.features.scores)
        centrality = [0.0] * len(reports)
        parts = [""] * len(reports)
        for i, position in enumerate(order):
            centrality[position] = by_index[i]
            parts[position] = index.parts[i]
        stories = sorted(
            (
                story_of(an_id, reports, group, centrality, parts)
                for an_id, group in zip(ids, groups, strict=True)
            ),
            key=lambda story: id_sort_key(story.id),
        )
        story_of_report = {r: story.id for story in stories for r in story.report_ids}
        self.kept = packed(
            StoryState(
                index,
                tuple(identities[position] for position in order),
                tuple(story_of_report[reports[position].id] for position in order),
                corrections,
                state.clustered,
            )
        )
        return tuple(stories)


def _story_corrections(corrections: Corrections | None) -> tuple[StoryCorrection, ...]:
    return corrections.stories if corrections is not None else ()
