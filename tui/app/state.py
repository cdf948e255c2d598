"""The reader's state, in one place: one frozen value, replaced on every change.

`ReaderState` holds everything the reader shows that is not report text: which report
each pane shows, the focused pane, the open story, the filters, the fact view and the
toggles, the fact threshold, how far loading and the analysis are (and the analysis
itself, held here once, with the indexes built from it). `ReaderScreen.set_state` takes
a new value and redraws what changed; widgets draw from it and nothing else.

With a story open the reader shows that story alone: its reports, and its part of the
analysis (`OpenStory.analysis`: the facts its reports share, their sources and topics),
which is what `ReaderState.scope` (and so `corpus`, `facts`, `tags`) gives. The entity
filter is the whole corpus's, and stays as the story changes.

What a key needs before it can act ("not ready yet") is answered here too
(`ReaderState.refusal`), from the same value, so every action asks one question the one
way. No Textual here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

from tui.model.corpus import ANALYSIS_STAGES, Corpus
from tui.query import FactView, Filter, ParagraphIndex, build_index
from tui.query.entities import EntityFilter
from tui.query.facts import EMPTY_INDEX, FactIndex, build_fact_index
from tui.query.stories import StoryOrder, story_corpus, story_place, story_rows
from tui.query.tags import EMPTY_TAGS, TagFilter, TagIndex, build_tag_index, query_filter
from tui.textsafe import safe_line
from tui.wording import count_of

# The reader opens with two panes (on the first two reports).
OPEN_PANES = 2

# What the status line says while each analysis stage runs.
STAGE_WORK = {
    "entities": "finding entities",
    "facts": "finding shared facts",
    "topics": "finding sources and topics",
}

# What an action needs before it can act: an analysis stage done (its results are in
# the corpus), or chosen entities on top of the entities stage.
Need = Literal["entities", "facts", "topics", "chosen entities"]


@dataclass(frozen=True, slots=True)
class Analysis:
    """One analysis as the reader uses it: the corpus (held here, nowhere else in the
    reader) and what the reader builds from it once."""

    # The analysis's own corpus; `corpus` is it with facts at the reader's threshold.
    base: Corpus
    corpus: Corpus
    # The last analysis stage done (see ANALYSIS_STAGES): the corpus holds its results.
    stage: str
    facts: FactIndex = EMPTY_INDEX
    tags: TagIndex = EMPTY_TAGS
    paragraphs: ParagraphIndex | None = None

    @classmethod
    def of(
        cls, base: Corpus, stage: str, tags: TagIndex | None = None, corpus: Corpus | None = None
    ) -> Analysis:
        """`base` (up to `stage`) with its indexes; `corpus`: `base` at another fact
        threshold (its facts and paragraph index are built from it)."""
        matched = base if corpus is None else corpus
        return cls(
            base=base,
            corpus=matched,
            stage=stage,
            facts=build_fact_index(matched),
            tags=build_tag_index(base) if tags is None else tags,
            paragraphs=build_index(matched),
        )

    @property
    def stages_done(self) -> int:
        return ANALYSIS_STAGES.index(self.stage) + 1

    @property
    def facts_found(self) -> bool:
        """Whether the shared facts are in (their stage is done)."""
        return self.stages_done > ANALYSIS_STAGES.index("facts")

    @property
    def has_stories(self) -> bool:
        """Whether the reports are about more than one story (with one, the reader
        shows nothing about stories)."""
        return len(self.corpus.stories) > 1


@dataclass(frozen=True, slots=True)
class OpenStory:
    """The story the reader shows: its place among the stories, its reports (as the
    reader numbers them: their places in the reports read) and its part of the
    analysis."""

    id: str
    # Its place, from 1, in the story list's order (`StoryOrder`: the list as the user
    # left it sorted), and how many stories there are: "story 3 of 86 (s45)".
    place: int
    count: int
    title: str  # safe to draw on one line
    reports: tuple[int, ...]
    analysis: Analysis

    @classmethod
    def of(
        cls,
        analysis: Analysis,
        story_id: str,
        numbers: Mapping[str, int],
        order: StoryOrder | None = None,
    ) -> OpenStory | None:
        """Story `story_id` of `analysis` (None if it has no such story); `numbers`: the
        reader's number of each report id; `order`: the story list's (its place)."""
        corpus = analysis.corpus
        story = next((s for s in corpus.stories if s.id == story_id), None)
        if story is None:
            return None
        part = story_corpus(corpus, story, analysis.facts.facts)
        return cls(
            id=story.id,
            place=place_in_list(analysis, story.id, order or StoryOrder()),
            count=len(corpus.stories),
            title=safe_line(story.title),
            reports=tuple(numbers[r] for r in story.report_ids if r in numbers),
            analysis=Analysis.of(part, analysis.stage),
        )

    def placed(self, analysis: Analysis, order: StoryOrder) -> OpenStory:
        """This story with its place in the story list sorted as `order` says
        (`analysis`: the whole analysis it is a story of)."""
        place = place_in_list(analysis, self.id, order)
        return self if place == self.place else replace(self, place=place)


def place_in_list(analysis: Analysis, story_id: str, order: StoryOrder) -> int:
    """Story `story_id`'s place in the story list of `analysis` sorted as `order` says."""
    return story_place(story_rows(analysis.corpus, analysis.facts_found), story_id, order)


@dataclass(frozen=True, slots=True)
class ReaderState:
    # Which report (index into the reports read, in order) each open pane shows.
    pane_reports: tuple[int, ...] = tuple(range(OPEN_PANES))
    # How many of the panes are shown side by side: the rest wait, hidden, for a wider
    # terminal; `narrow`: one pane at a time.
    shown_panes: int = OPEN_PANES
    narrow: bool = False
    focused: int = 0
    # The story shown (None: every report; so with one story, and before the stories
    # are found).
    story: OpenStory | None = None
    # The story list was opened, or offered in a notice, once the stories were found:
    # it is not offered again.
    stories_offered: bool = False
    # A key was pressed in the reader: the stories, found later, are offered in a
    # notice instead of the story list taking the screen.
    reading_started: bool = False
    # The story list's sort and filter text, as the user left them.
    story_order: StoryOrder = field(default_factory=StoryOrder)
    entity_filter: EntityFilter = field(default_factory=EntityFilter)
    tag_filter: TagFilter = field(default_factory=TagFilter)
    fact_view: FactView = "all"
    # The line of tags under each paragraph (its sources and topics).
    show_tags: bool = True
    # Sentences no other report states, marked.
    show_unique: bool = False
    # Follow mode: the other panes keep to the focused pane's fact.
    follow: bool = False
    show_boilerplate: bool = False
    # None until the user moves the threshold: then kept across re-analyses.
    fact_threshold: float | None = None
    # Loading: reports are still being read; files read and found; what was read.
    reading: bool = True
    loaded: tuple[int, int] | None = None
    # Pages fetched and to fetch, when the reader was given web addresses.
    fetching: tuple[int, int] | None = None
    load_summary: str = ""
    # The analysis so far (None: none yet), whether one is running, whether the last
    # one failed, and what a key needing it says while there is none.
    analysis: Analysis | None = None
    analysis_running: bool = False
    analysis_failed: bool = False
    analysis_note: str = "Analysis still running"
    # Said in the status line instead of the fact count ("matching facts at 0.60…").
    status_note: str = ""

    @property
    def scope(self) -> Analysis | None:
        """The analysis the reader shows: the open story's part, else the whole."""
        return self.story.analysis if self.story is not None else self.analysis

    @property
    def corpus(self) -> Corpus | None:
        """The corpus the reader shows (the open story's; facts at the reader's
        threshold)."""
        scope = self.scope
        return scope.corpus if scope is not None else None

    @property
    def facts(self) -> FactIndex:
        scope = self.scope
        return scope.facts if scope is not None else EMPTY_INDEX

    @property
    def tags(self) -> TagIndex:
        scope = self.scope
        return scope.tags if scope is not None else EMPTY_TAGS

    @property
    def filtered(self) -> bool:
        """Whether an entity, source or topic filter is on."""
        return self.entity_filter.active or self.tag_filter.active

    def query_filter(self) -> Filter:
        """The reader's filters as one `Filter`: the paragraphs the panes show, the
        filter bar counts and `x` exports."""
        return query_filter(
            self.entity_filter, self.tag_filter, self.fact_view, self.show_boilerplate
        )

    def refusal(self, need: Need, keys: Callable[[str], str]) -> str | None:
        """Why an action needing `need` cannot act yet (the notice to show), or None;
        `keys` names an action's keys as bound now (by its id)."""
        analysis = self.analysis
        if analysis is None:
            return self.analysis_note
        stage = "entities" if need == "chosen entities" else need
        if analysis.stages_done <= ANALYSIS_STAGES.index(stage):
            return f"Still {STAGE_WORK[stage]}…"
        if need == "chosen entities" and not self.entity_filter.active:
            return f"No entity filter: press {keys('pick_entities')} to pick entities"
        return None

    def with_analysis(self, analysis: Analysis, story: OpenStory | None = None) -> ReaderState:
        """This state on a new analysis (whole or in part), showing `story` of it (None:
        every report)."""
        whole = analysis.stage == ANALYSIS_STAGES[-1]
        return replace(
            self,
            analysis=analysis,
            story=story,
            analysis_failed=False,
            analysis_running=self.analysis_running and not whole,
            status_note="",
        )


@dataclass(frozen=True, slots=True)
class StatusLine:
    """What the status bar shows: loading progress (`done` of `total` files, or of
    pages fetched when `label` is "page"), an
    analysis stage running (`done` of `total` stages, `label`), or a summary."""

    kind: Literal["progress", "stage", "summary"]
    label: str = ""
    done: int = 0
    total: int = 0


def status_inputs(state: ReaderState) -> tuple[object, ...]:
    """What `status_line` reads (the analysis by identity): the status line changes
    only when these do."""
    return (
        state.reading,
        state.loaded,
        state.fetching,
        state.load_summary,
        state.analysis_failed,
        state.analysis_running,
        id(state.analysis),
        id(state.story),
        state.status_note,
    )


def status_line(state: ReaderState) -> StatusLine | None:
    """The status line the state asks for (None: nothing to show yet)."""
    if state.reading:
        if state.loaded:
            return StatusLine("progress", "", *state.loaded)
        return StatusLine("progress", "page", *state.fetching) if state.fetching else None
    summary = state.load_summary
    if state.analysis_failed:
        return StatusLine("summary", f"{summary} · entity analysis failed")
    analysis = state.analysis
    stages = len(ANALYSIS_STAGES)
    if state.analysis_running and (analysis is None or analysis.stages_done == stages):
        return StatusLine("stage", _working(summary, 0), 0, stages)  # a new run begins
    if analysis is None:
        return StatusLine("summary", summary)
    story = state.story
    if story is not None:
        reports = count_of(len(story.reports), "report")
        parts = [f"Story {story.place} of {story.count} ({story.id})", reports]
    else:
        parts = [summary] if summary else []
        if analysis.has_stories:
            parts.append(count_of(len(analysis.corpus.stories), "story"))
        parts.append(count_of(len(analysis.corpus.entities), "entity"))
    done = analysis.stages_done
    if done > ANALYSIS_STAGES.index("facts"):
        corpus = state.corpus or analysis.corpus
        facts = count_of(len(corpus.facts), "shared fact")
        parts.append(state.status_note or f"{facts} (≥{corpus.fact_threshold:.2f})")
    if story is not None:
        parts.append(story.title)
    fetching = state.fetching
    if fetching is not None and fetching[0] < fetching[1]:
        # Opened before every page was in (`tui.app.web`): the rest still come.
        parts.append(f"fetching {fetching[0]}/{count_of(fetching[1], 'page')}")
    if done < stages:
        return StatusLine("stage", _working(" · ".join(parts), done), done, stages)
    return StatusLine("summary", " · ".join(parts))


def _working(summary: str, done: int) -> str:
    """ "<summary> · finding shared facts…": what the running stage looks for."""
    work = STAGE_WORK[ANALYSIS_STAGES[done]]
    return f"{summary} · {work}…" if summary else f"{work[0].upper()}{work[1:]}…"
