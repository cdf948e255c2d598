"""The side-by-side reader: columns of a header and a reading pane, two to begin with.

A wide terminal holds more panes side by side (three from 120 columns, four from 160):
`p` adds one, `P` closes the focused one. Panes the terminal becomes too narrow for are
hidden, not closed, and come back when it is wider; below 60 columns one pane is shown
at a time.

Once the analysis is in, the reader can be narrowed to paragraphs naming chosen
entities, citing chosen sources (or from chosen outlets) and about chosen topics: all
the filters hold at once, and the filter bar says which are on. Mentions of the chosen
entities are marked in every pane; under each paragraph a line gives its tags (the
sources it cites, its topics), and `o` opens the sources overview.

Sentences stating a fact another report states too ("shared facts") are coloured, one
colour and number per fact in every pane. `enter` shows every other pane on the same
fact (its "counterpart", each pane on another report stating it where there are enough),
follow mode keeps them there, `u` narrows the panes to shared or
unique paragraphs, `m` opens the fact matrix and `+`/`-` move the fact threshold
(re-clustered in a worker from the links the analysis kept).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import Worker, WorkerState, get_current_worker

from tui.app.actions import bindings_for, help_groups
from tui.app.entity_filter import (
    EntityFilter,
    describe_entities,
    filter_view,
    remap_entity_ids,
)
from tui.app.fact_view import (
    EMPTY_INDEX,
    Counterpart,
    FactIndex,
    build_fact_index,
    fact_filter_view,
    fact_sentences_in,
    find_counterparts,
    stepped_threshold,
)
from tui.app.messages import FactsMatched
from tui.app.report_rows import report_rows
from tui.app.tag_view import (
    EMPTY_TAGS,
    TagFilter,
    TagIndex,
    build_tag_index,
    describe_tag_filter,
    query_filter,
    remap_tag_filter,
    source_choices,
    tag_filter_view,
)
from tui.app.view import FilterView
from tui.app.widgets.filter_bar import FilterBar
from tui.app.widgets.pane_header import PaneHeader, outlet_name
from tui.app.widgets.quiet_footer import QuietFooter
from tui.app.widgets.report_pane import ReportPane
from tui.app.widgets.status_bar import StatusBar
from tui.model.corpus import ANALYSIS_STAGES, Corpus
from tui.model.document import Report
from tui.query import FACT_VIEWS, FactView, Filter, ParagraphIndex, View, build_index, view_of
from tui.wording import count_of

if TYPE_CHECKING:
    from tui.app.screens.picker import Picked

# The reader opens with two panes; `p` adds more, as many as fit side by side: from each
# width (the widest first), that many panes.
OPEN_PANES = 2
PANE_WIDTHS = ((160, 4), (120, 3))
MAX_PANES = PANE_WIDTHS[0][1]
# Below this width the panes are shown one at a time.
NARROW_WIDTH = 60


def pane_limit(width: int) -> int:
    """How many panes fit side by side in `width` columns."""
    return next((panes for least, panes in PANE_WIDTHS if width >= least), OPEN_PANES)


def pane_name(index: int, count: int) -> str:
    """How a pane is named to the user: "the left pane" of two, "pane 3" of more."""
    if count == 1:
        return "the pane"
    if count == 2:
        return ("the left pane", "the right pane")[index]
    return f"pane {index + 1}"


# What the status line says while each analysis stage runs.
STAGE_WORK = {
    "entities": "finding entities",
    "facts": "finding shared facts",
    "topics": "finding sources and topics",
}


class ReportColumn(Vertical):
    """A header above a reading pane."""

    def __init__(self, index: int) -> None:
        super().__init__(id=f"column-{index}")
        self.index = index

    def compose(self) -> ComposeResult:
        yield PaneHeader(id=f"header-{self.index}", classes="pane-header")
        yield ReportPane(id=f"pane-{self.index}")


class ReaderScreen(Screen[None]):
    # The reader's keys and its panes', grouped for help (`?`), are in the action
    # registry (tui/app/actions.py); tests/app/test_help.py fails on a key in no group.
    BINDINGS = bindings_for("reader")
    HELP_GROUPS = help_groups("reader")

    def __init__(self) -> None:
        super().__init__()
        self.reports: list[Report] = []
        # Which report (index into self.reports) each pane shows.
        self.pane_reports: list[int] = list(range(OPEN_PANES))
        # How many of the panes are shown side by side: the rest wait, hidden, for a
        # wider terminal.
        self.shown_panes = OPEN_PANES
        self.show_boilerplate = False
        self.corpus: Corpus | None = None
        # Said when a key needs the analysis and there is none yet.
        self.analysis_note = "Analysis still running"
        # Files read and found, while loading.
        self._loaded: tuple[int, int] | None = None
        self._loading_timer: Timer | None = None
        # The last analysis stage done (see ANALYSIS_STAGES): the corpus holds its results.
        self.analysis_stage = ANALYSIS_STAGES[-1]
        self.entity_filter = EntityFilter()
        self.tag_filter = TagFilter()
        self.tags: TagIndex = EMPTY_TAGS
        # The line of tags under each paragraph (its sources and topics).
        self.show_tags = True
        self.load_summary = ""
        # The analysis's corpus; `corpus` is it with facts at the reader's threshold.
        self.base_corpus: Corpus | None = None
        # None until the user moves the threshold: then kept across re-analyses.
        self.fact_threshold: float | None = None
        self.facts: FactIndex = EMPTY_INDEX
        self.fact_mode: FactView = "all"
        # What the filters need to know of the corpus (see tui.query), built with it.
        self.paragraph_index: ParagraphIndex | None = None
        self.show_unique = False
        self.follow = False
        # The fact a jump chose and the left pane's paragraph it landed on: while that
        # pane's cursor stays there, follow mode keeps to the chosen fact, not to every
        # fact the paragraph states.
        self._chosen_fact: tuple[str, str] | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="columns"):
            for index in range(self.pane_count):
                yield ReportColumn(index)
        yield FilterBar(id="filter-bar")
        yield StatusBar(id="status")
        yield QuietFooter()

    def on_mount(self) -> None:
        self._focus_pane(0)
        self._layout_panes(self.app.size.width)
        for index in range(self.pane_count):
            self._show_pane(index)
        if self._loaded is not None:
            self.query_one(StatusBar).show_progress(*self._loaded)

    # ------------------------------------------------------------------ panes

    def pane(self, index: int) -> ReportPane:
        return self.query_one(f"#pane-{index}", ReportPane)

    @property
    def pane_count(self) -> int:
        """The panes open, shown side by side or hidden (see `shown_panes`)."""
        return len(self.pane_reports)

    @property
    def focused_index(self) -> int:
        for index in range(self.pane_count):
            if self.pane(index).has_focus:
                return index
        return 0

    def _focus_pane(self, index: int) -> None:
        self._mark_active(index)  # before focus: a narrow screen must show the pane first
        self.pane(index).focus()

    def _mark_active(self, index: int) -> None:
        """Mark the focused pane's column `-active`: its header stands out, and on a
        narrow screen it is the one pane shown. Only the columns whose mark changes are
        restyled.

        The mark follows the focus (on_descendant_focus, whatever moved it): a header
        styled with `ReportColumn:focus-within` stays as it was when the focus moves,
        since Textual 8.2 restyles only the focused widget's and its ancestors' subtrees
        that have a focus-within rule of their own, and a header is in neither."""
        for column in self.query(ReportColumn):
            column.set_class(column.index == index, "-active")

    def on_descendant_focus(self) -> None:
        self._mark_active(self.focused_index)

    def on_resize(self, event: Resize) -> None:
        self._layout_panes(event.size.width)

    def on_screen_resume(self) -> None:
        # A terminal resized while a dialog was open sent the reader no Resize.
        self._layout_panes(self.app.size.width)

    def _layout_panes(self, width: int) -> None:
        """Show as many panes side by side as `width` holds; the others are hidden, not
        closed (each keeps its report and place until the terminal is wide enough
        again), and the focus leaves a hidden pane. Below NARROW_WIDTH, one at a time."""
        focused = self.focused_index
        self.shown_panes = min(self.pane_count, pane_limit(width))
        for column in self.query(ReportColumn):
            column.set_class(column.index >= self.shown_panes, "-hidden")
            # No line to the right of the last pane shown.
            column.set_class(column.index == self.shown_panes - 1, "-last")
        self.set_class(width < NARROW_WIDTH, "-narrow")
        if focused >= self.shown_panes:
            self._focus_pane(self.shown_panes - 1)

    def _show_pane(self, index: int) -> None:
        header = self.query_one(f"#header-{index}", PaneHeader)
        pane = self.pane(index)
        number = self.pane_reports[index]
        if number < len(self.reports):
            report = self.reports[number]
            header.show(report, number + 1, len(self.reports))
            pane.show_report(report)
        else:
            header.show(None, 0, len(self.reports))
            pane.show_report(None, "Loading…" if self.reading else "No other report to show.")

    async def action_add_pane(self) -> None:
        """One more pane, on the right, on the next report no pane shows (as many panes
        as fit side by side)."""
        width = self.app.size.width
        limit = pane_limit(width)
        if self.pane_count >= limit:
            self.notify(self._no_room_note(width, limit), timeout=3)
            return
        number = self._unshown_report()
        if number is None:
            shown = "Every report read so far" if self.reading else "Every report"
            self.notify(f"{shown} is shown already: ] changes a pane's report", timeout=3)
            return
        index = self.pane_count
        self.pane_reports.append(number)
        await self.query_one("#columns", Horizontal).mount(ReportColumn(index))
        self._refresh_view()
        self._show_pane(index)
        self._layout_panes(width)
        if self.follow:
            self._follow(self.focused_index)

    def _no_room_note(self, width: int, limit: int) -> str:
        if limit == MAX_PANES:
            return f"{MAX_PANES} panes at most: P closes the focused one"
        wider = min(least for least, panes in PANE_WIDTHS if panes > limit)
        note = f"No room for another pane in {width} columns: {limit + 1} panes need {wider}"
        hidden = self.pane_count - self.shown_panes
        return f"{note} ({hidden} hidden until then)" if hidden else note

    def _unshown_report(self) -> int | None:
        """The first report no pane shows, counting on from the last pane's report."""
        count = len(self.reports)
        start = self.pane_reports[-1] + 1
        return next(
            (n % count for n in range(start, start + count) if n % count not in self.pane_reports),
            None,
        )

    async def action_remove_pane(self) -> None:
        """Close the focused pane: the panes right of it move left, each keeping its
        report, cursor paragraph and marks."""
        if self.pane_count == 1:
            self.notify("One pane is the least: p adds one", timeout=3)
            return
        index, last = self.focused_index, self.pane_count - 1
        for target in range(index, last):
            self._move_pane(target + 1, target)
        del self.pane_reports[last]
        if index == last:
            self._focus_pane(index - 1)
        await self.query_one(f"#column-{last}", ReportColumn).remove()
        self._layout_panes(self.app.size.width)
        if self.follow:
            self._follow(self.focused_index)

    def _move_pane(self, source: int, target: int) -> None:
        """Pane `target` shows what pane `source` shows: its report, its cursor paragraph
        on the same screen row, its counterpart marks."""
        old, new = self.pane(source), self.pane(target)
        paragraph, row = old.current_paragraph, old.cursor_row
        self.pane_reports[target] = self.pane_reports[source]
        self._show_pane(target)
        new.set_counterparts(old.counterparts)
        if paragraph is not None:
            new.reveal((paragraph.id,), row)

    # Reports are still being read. (Not `loading`: Textual's, a loading widget ignores
    # the mouse and does not scroll.)
    reading = True

    # ------------------------------------------------------------------ data

    def add_report(self, report: Report) -> None:
        self.reports.append(report)
        number = len(self.reports) - 1
        for index in range(self.pane_count):
            if self.pane_reports[index] == number:
                self._show_pane(index)
        self._schedule_loading_refresh()

    def show_loaded(self, done: int, total: int) -> None:
        """`done` of `total` files read (shown once the status bar is there)."""
        self._loaded = (done, total)
        self._schedule_loading_refresh()

    def _schedule_loading_refresh(self) -> None:
        """Progress and "n of N" in the headers at most ten times a second while
        reports arrive: a repaint per report would cost bytes and time for nothing."""
        if self.is_mounted and self._loading_timer is None:
            self._loading_timer = self.set_timer(0.1, self._refresh_loading)

    def _refresh_loading(self) -> None:
        self._loading_timer = None
        if not self.reading:
            return
        for index in range(self.pane_count):
            position = self.pane_reports[index]
            if position < len(self.reports):
                header = self.query_one(f"#header-{index}", PaneHeader)
                header.show(self.reports[position], position + 1, len(self.reports))
        if self._loaded is not None:
            self.query_one(StatusBar).show_progress(*self._loaded)

    def finish_loading(self, summary: str) -> None:
        self.reading = False
        self.load_summary = summary
        if self._loading_timer is not None:
            self._loading_timer.stop()
            self._loading_timer = None
        for index in range(self.pane_count):
            position = self.pane_reports[index]
            if position >= len(self.reports):
                self._show_pane(index)
            else:  # "n of N" with the final N, without re-laying out the pane
                header = self.query_one(f"#header-{index}", PaneHeader)
                header.show(self.reports[position], position + 1, len(self.reports))
        self.query_one(StatusBar).show_summary(summary)

    # ------------------------------------------------------------------ entities

    def set_corpus(
        self, corpus: Corpus, tags: TagIndex | None = None, stage: str = ANALYSIS_STAGES[-1]
    ) -> None:
        """A new analysis (and its tag index, built here if not given), whole or up to
        `stage`: the filters carry over to it by name, and the facts are matched again
        at the threshold the user chose, if any."""
        self.analysis_stage = stage
        old, self.base_corpus = self.corpus, corpus
        ids = self.entity_filter.entity_ids
        self.tags = build_tag_index(corpus) if tags is None else tags
        if old is not None and old is not corpus:
            ids = remap_entity_ids(old, corpus, ids)
            self.tag_filter = remap_tag_filter(old, corpus, self.tags, self.tag_filter)
        self.entity_filter = EntityFilter(ids, self.entity_filter.mode)
        self._use_corpus(corpus)
        if self.fact_threshold is not None and self.fact_threshold != corpus.fact_threshold:
            self.set_fact_threshold(self.fact_threshold)

    def _use_corpus(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.facts = build_fact_index(corpus)
        self.paragraph_index = build_index(corpus)
        for index in range(self.pane_count):
            self.pane(index).set_counterparts(())
        self.apply_filter(self.entity_filter)
        self.show_status()
        if self.follow:
            self._follow(self.focused_index)

    def show_status(self, note: str = "") -> None:
        """The status line: what was read, then what the analysis found (or `note`);
        while stages are still running, what is being looked for and a progress bar."""
        corpus = self.corpus
        parts = [self.load_summary] if self.load_summary else []
        done = ANALYSIS_STAGES.index(self.analysis_stage) + 1 if corpus is not None else 0
        if corpus is not None:
            parts.append(count_of(len(corpus.entities), "entity"))
            if done > ANALYSIS_STAGES.index("facts"):
                facts = count_of(len(corpus.facts), "shared fact")
                parts.append(note or f"{facts} (≥{corpus.fact_threshold:.2f})")
        if done < len(ANALYSIS_STAGES):
            self.show_stage_progress(done, " · ".join(parts))
        else:
            self.query_one(StatusBar).show_summary(" · ".join(parts))

    def show_analysis_failed(self) -> None:
        """The status line after the analysis worker failed: what was read, and that."""
        self.analysis_note = "Entity analysis failed"
        self.query_one(StatusBar).show_summary(f"{self.load_summary} · entity analysis failed")

    def show_stage_progress(self, done: int, summary: str | None = None) -> None:
        """`done` analysis stages finished: say which one runs now, with a progress bar."""
        if summary is None:
            summary = self.load_summary
        work = STAGE_WORK[ANALYSIS_STAGES[done]]
        label = f"{summary} · {work}…" if summary else f"{work[0].upper()}{work[1:]}…"
        self.query_one(StatusBar).show_stage(label, done, len(ANALYSIS_STAGES))

    def apply_filter(self, entity_filter: EntityFilter) -> None:
        if self.corpus is None:
            return
        if not entity_filter.active:
            entity_filter = EntityFilter(mode=entity_filter.mode)
        self.entity_filter = entity_filter
        self._refresh_view()

    def query_filter(self) -> Filter:
        """The reader's filters as one `Filter`: the paragraphs the panes show, the
        filter bar counts and `x` exports."""
        return query_filter(
            self.entity_filter, self.tag_filter, self.fact_mode, self.show_boilerplate
        )

    def _refresh_view(self) -> None:
        """Draw the filters (entity, source, topic), the fact view and the boilerplate
        toggle, all applied, in every pane."""
        corpus = self.corpus
        if corpus is None:  # no filter yet: boilerplate shown or not
            unfiltered = FilterView(kept=View(Filter(boilerplate=self.show_boilerplate)))
            for index in range(self.pane_count):
                self.pane(index).set_view(unfiltered)
            return
        kept = view_of(corpus, self.query_filter(), self.paragraph_index)
        view = filter_view(corpus, self.entity_filter)
        view = tag_filter_view(view, self.tags, self.tag_filter, self.show_tags)
        view = fact_filter_view(view, self.facts, self.fact_mode, self.show_unique)
        view = replace(view, kept=kept)
        groups: list[tuple[str, list[str]]] = []
        if self.entity_filter.active:
            names = describe_entities(corpus, self.entity_filter)
            groups.append((f"Entities ({self.entity_filter.mode})", names))
        groups.extend(describe_tag_filter(self.tags, self.tag_filter))
        self.query_one(FilterBar).show(
            groups,
            kept.count(corpus.reports),
            self.fact_mode,
            self.follow,
            self.show_unique,
            entity_keys=self.entity_filter.active and not self.tag_filter.active,
        )
        for index in range(self.pane_count):
            self.pane(index).set_view(view)

    def _corpus_or_note(self, stage: str = "entities") -> Corpus | None:
        """The corpus if the analysis has done `stage`; else None, and say so."""
        if self.corpus is None:
            self.notify(self.analysis_note, timeout=3)
            return None
        if ANALYSIS_STAGES.index(self.analysis_stage) < ANALYSIS_STAGES.index(stage):
            self.notify(f"Still {STAGE_WORK[stage]}…", timeout=3)
            return None
        return self.corpus

    def _filter_or_note(self) -> bool:
        if self._corpus_or_note() is None:
            return False
        if not self.entity_filter.active:
            self.notify("No entity filter: press e to pick entities", timeout=3)
            return False
        return True

    def action_pick_entities(self) -> None:
        corpus = self._corpus_or_note()
        if corpus is None:
            return
        if not corpus.entities:
            self.notify("No entities found in these reports", timeout=3)
            return
        from tui.app.screens.entity_picker import EntityPicker  # not on the first screen

        self.app.push_screen(
            EntityPicker(corpus, self.entity_filter.entity_ids), self._entities_picked
        )

    def _entities_picked(self, picked: Picked | None) -> None:
        if picked is None or self.corpus is None:
            return
        ids = picked.ids
        if picked.corpus is not self.corpus:  # re-analysed while the picker was open
            ids = remap_entity_ids(picked.corpus, self.corpus, ids)
        self.apply_filter(EntityFilter(ids, self.entity_filter.mode))

    def action_toggle_match_mode(self) -> None:
        if self._filter_or_note():
            self.apply_filter(self.entity_filter.toggled_mode())
            mode = "all of" if self.entity_filter.mode == "all" else "any of"
            self.notify(f"Paragraphs naming {mode} the entities", timeout=2)

    def action_clear_filter(self) -> None:
        """Clear every filter: entities, sources and outlets, topics."""
        if self._corpus_or_note() is None:
            return
        if not (self.entity_filter.active or self.tag_filter.active):
            self.notify("No filter to clear: e, s or t filters the panes", timeout=3)
            return
        self.tag_filter = TagFilter()
        self.apply_filter(EntityFilter(mode=self.entity_filter.mode))
        self.notify("Filters cleared", timeout=2)

    # ------------------------------------------------------------------ sources, topics

    def action_pick_sources(self) -> None:
        corpus = self._corpus_or_note("topics")
        if corpus is None:
            return
        choices = source_choices(corpus, self.tags)
        if not choices:
            self.notify("No paragraph in these reports says who it cites", timeout=3)
            return
        from tui.app.screens.tag_picker import SourcePicker  # not on the first screen

        picker = SourcePicker(corpus, choices, self.tag_filter.sources)
        self.app.push_screen(picker, self._sources_picked)

    def _sources_picked(self, picked: Picked | None) -> None:
        if picked is not None:
            self._apply_tags(picked, TagFilter(picked.ids, self.tag_filter.topics))

    def action_pick_topics(self) -> None:
        corpus = self._corpus_or_note("topics")
        if corpus is None:
            return
        if not self.tags.topics:
            self.notify("No topics found in these reports", timeout=3)
            return
        from tui.app.screens.tag_picker import TopicPicker  # not on the first screen

        picker = TopicPicker(corpus, self.tags.topics, self.tag_filter.topics)
        self.app.push_screen(picker, self._topics_picked)

    def _topics_picked(self, picked: Picked | None) -> None:
        if picked is not None:
            self._apply_tags(picked, TagFilter(self.tag_filter.sources, picked.ids))

    def _apply_tags(self, picked: Picked, flt: TagFilter) -> None:
        """Filter by `flt`, chosen in a picker over `picked.corpus`."""
        if self.corpus is None:
            return
        if picked.corpus is not self.corpus:  # re-analysed while the picker was open
            flt = remap_tag_filter(picked.corpus, self.corpus, self.tags, flt)
        self.tag_filter = flt
        self._refresh_view()

    def action_toggle_tags(self) -> None:
        if self._corpus_or_note("topics") is None:
            return
        self.show_tags = not self.show_tags
        self._refresh_view()
        self.notify(f"Tags {'shown' if self.show_tags else 'hidden'}", timeout=2)

    def action_sources_overview(self) -> None:
        corpus = self._corpus_or_note("topics")
        if corpus is None:
            return
        from tui.app.screens.sources_overview import SourcesOverview  # not on first screen

        styles = self.pane(0).fact_styles()
        overview = SourcesOverview(corpus, self.facts, self.tags, styles)
        self.app.push_screen(overview, self._overview_closed)

    def _overview_closed(self, choice: tuple[str, str] | None) -> None:
        if choice is None:
            return
        kind, key = choice
        if kind == "fact":
            self.jump_to_fact(key)
        else:
            self.tag_filter = TagFilter((key,), self.tag_filter.topics)
            self._refresh_view()

    def action_jump_mention(self, step: int) -> None:
        if not self._filter_or_note():
            return
        result = self.pane(self.focused_index).jump_to_mark(step)
        if result == "none":
            self.notify("No mention in this pane", timeout=2)
        elif result == "wrapped":
            where = "first" if step > 0 else "last"
            self.notify(f"Back to the {where} mention", timeout=2)

    # ------------------------------------------------------------------ facts

    def action_jump_fact(self, step: int) -> None:
        if self._corpus_or_note("facts") is None:
            return
        result = self.pane(self.focused_index).jump_to_paragraph_in(self.facts.spans, step)
        if result == "none":
            self.notify("No shared fact in this pane", timeout=2)
        elif result == "wrapped":
            where = "first" if step > 0 else "last"
            self.notify(f"Back to the {where} shared fact", timeout=2)

    def action_show_counterpart(self) -> None:
        """The other panes on the sentences stating the cursor paragraph's facts."""
        if self._corpus_or_note("facts") is None:
            return
        source = self.focused_index
        if not self.facts.paragraph_facts(self.pane(source).current_paragraph):
            self.notify("No shared fact in this paragraph: n finds the next one", timeout=3)
            return
        if self.shown_panes < 2:
            self.notify("No other pane to show it in: p adds one", timeout=3)
            return
        if self._follow(source, quiet=False) and self.has_class("-narrow"):
            self.action_switch_pane(1)  # one pane at a time: show the counterpart

    def _follow(self, source: int, quiet: bool = True) -> bool:
        """Show the counterpart of pane `source`'s cursor paragraph in every other pane
        shown, from the next one on, each on another report stating its facts (a pane
        keeps its report when that states them); a pane left without one has its marks
        cleared. `quiet`: say nothing (follow mode). True if any pane shows it."""
        pane, count = self.pane(source), self.shown_panes
        targets = [(source + step) % count for step in range(1, count)]
        fact_ids = self._followed_facts(pane)
        found: list[Counterpart | None] = [None] * len(targets)
        if fact_ids and pane.report is not None:
            shown = [self._pane_report_id(target) for target in targets]
            found = find_counterparts(
                self.facts, fact_ids, pane.report.id, shown, [r.id for r in self.reports]
            )
        revealed = False
        switched: list[str] = []
        hidden: list[str] = []
        for target, where in zip(targets, found, strict=True):
            if where is None:
                self.pane(target).set_counterparts(())
                continue
            switch = self._pane_report_id(target) != where.report_id
            if not self._reveal(target, where, pane.cursor_row):
                hidden.append(self._report_name(where.report_id))
                continue
            revealed = True
            if switch:
                switched.append(self._report_name(where.report_id))
        # The outlets' names are report text: never markup.
        if hidden and not quiet:
            names = ", ".join(f"f{self.facts.numbers[f]}" for f in fact_ids)
            places = ", ".join(hidden)
            self.notify(f"{names} in {places} is hidden by the filter", timeout=3, markup=False)
        if switched and not quiet:
            self.notify(f"Showing {', '.join(switched)}", timeout=2, markup=False)
        return revealed

    def _followed_facts(self, pane: ReportPane) -> tuple[str, ...]:
        """The facts the other panes follow: the fact a jump chose while the pane's
        cursor stays where the jump put it, else every fact of its cursor paragraph."""
        paragraph = pane.current_paragraph
        if self._chosen_fact is not None:
            landed, fact_id = self._chosen_fact
            if paragraph is not None and paragraph.id == landed:
                return (fact_id,)
            self._chosen_fact = None  # the user moved on
        return self.facts.paragraph_facts(paragraph)

    def _pane_report_id(self, index: int) -> str | None:
        report = self.pane(index).report
        return report.id if report is not None else None

    def _reveal(self, pane_index: int, where: Counterpart, row: int) -> bool:
        """Show `where` in a pane (switching its report if need be), its sentences marked
        and the cursor on the first shown paragraph; False if the filter hides them."""
        number = next(i for i, r in enumerate(self.reports) if r.id == where.report_id)
        if self.pane_reports[pane_index] != number:
            self.pane_reports[pane_index] = number
            self._show_pane(pane_index)
        pane = self.pane(pane_index)
        pane.set_counterparts(where.sentence_ids)
        return pane.reveal(where.paragraph_ids, row)

    def _report_name(self, report_id: str) -> str:
        report = next(r for r in self.reports if r.id == report_id)
        return outlet_name(report)

    def action_toggle_follow(self) -> None:
        if self._corpus_or_note("facts") is None:
            return
        self.follow = not self.follow
        self._refresh_view()  # the filter bar says "follow"
        if self.follow:
            self._follow(self.focused_index)

    def on_report_pane_cursor_moved(self, event: ReportPane.CursorMoved) -> None:
        if self.follow and self.corpus is not None and event.pane.has_focus:
            self._follow(self.focused_index)

    def action_cycle_fact_view(self) -> None:
        if self._corpus_or_note("facts") is None:
            return
        self.fact_mode = FACT_VIEWS[(FACT_VIEWS.index(self.fact_mode) + 1) % len(FACT_VIEWS)]
        self._refresh_view()  # the filter bar names the view

    def action_toggle_unique(self) -> None:
        if self._corpus_or_note("facts") is None:
            return
        self.show_unique = not self.show_unique
        self._refresh_view()  # the filter bar says "◦ unique"

    def action_fact_matrix(self) -> None:
        corpus = self._corpus_or_note("facts")
        if corpus is None:
            return
        if not corpus.facts:
            self.notify(
                f"No shared facts at {corpus.fact_threshold:.2f}: - matches more loosely",
                timeout=3,
            )
            return
        from tui.app.screens.fact_matrix import FactMatrix  # not needed for the first screen

        styles = self.pane(0).fact_styles()
        self.app.push_screen(FactMatrix(corpus, self.facts, styles), self._matrix_closed)

    def _matrix_closed(self, fact_id: str | None) -> None:
        if fact_id is not None:
            self.jump_to_fact(fact_id)

    def jump_to_fact(self, fact_id: str) -> None:
        """Left pane on the fact's first sentence, every other pane shown on another
        report's (as many as state it; a pane left over has its marks cleared)."""
        fact = self.facts.facts.get(fact_id)
        if fact is None:
            return
        first_report = self.facts.places[fact.sentences[0]][0]
        own = fact_sentences_in(self.facts, fact_id, first_report)
        assert own is not None
        self._focus_pane(0)
        shown = self._reveal(0, own, 0)
        landed = self.pane(0).current_paragraph
        self._chosen_fact = (landed.id, fact_id) if shown and landed is not None else None
        targets = range(1, self.shown_panes)
        found = find_counterparts(
            self.facts,
            (fact_id,),
            first_report,
            [self._pane_report_id(target) for target in targets],
            [r.id for r in self.reports],
        )
        for target, where in zip(targets, found, strict=True):
            if where is None:
                self.pane(target).set_counterparts(())
            else:
                shown = self._reveal(target, where, self.pane(0).cursor_row) and shown
        if not shown:
            number = self.facts.numbers[fact_id]
            self.notify(f"f{number} is partly hidden by the filter", timeout=3)

    def action_fact_sensitivity(self, step: int) -> None:
        """Stricter (step 1) or looser (-1) fact matching: fewer or more facts."""
        corpus = self._corpus_or_note("facts")
        if corpus is None:
            return
        current = self._current_threshold(corpus)
        wanted = stepped_threshold(current, step)
        if wanted == current:
            which = "strictest" if step > 0 else "loosest"
            self.notify(f"Already the {which} fact matching ({current:.2f})", timeout=2)
            return
        self.set_fact_threshold(wanted)

    def action_pick_sensitivity(self) -> None:
        corpus = self._corpus_or_note("facts")
        if corpus is not None:
            from tui.app.screens.sensitivity import SensitivityPicker

            picker = SensitivityPicker(self._current_threshold(corpus))
            self.app.push_screen(picker, self._sensitivity_picked)

    def _current_threshold(self, corpus: Corpus) -> float:
        """The threshold chosen last (maybe still being matched), else the corpus's."""
        return corpus.fact_threshold if self.fact_threshold is None else self.fact_threshold

    def _sensitivity_picked(self, threshold: float | None) -> None:
        if threshold is not None and self.corpus is not None:
            self.set_fact_threshold(threshold)

    def set_fact_threshold(self, threshold: float) -> None:
        if self.base_corpus is None:
            return
        self.fact_threshold = threshold
        self.show_status(f"matching facts at {threshold:.2f}…")
        self._match_facts(self.base_corpus, threshold)

    @work(thread=True, exclusive=True, exit_on_error=False, group="facts")
    def _match_facts(self, base: Corpus, threshold: float) -> None:
        from tui.pipeline.build import with_fact_threshold

        corpus = with_fact_threshold(base, threshold)
        if not get_current_worker().is_cancelled:
            self.post_message(FactsMatched(corpus, base))

    def on_facts_matched(self, message: FactsMatched) -> None:
        if message.base is not self.base_corpus:
            return  # a newer analysis arrived meanwhile
        if message.corpus.fact_threshold != self.fact_threshold:
            return  # the user has moved the threshold again
        self._use_corpus(message.corpus)
        facts = len(message.corpus.facts)
        self.notify(
            f"Fact matching {self.fact_threshold:.2f}: {facts} shared "
            f"{'fact' if facts == 1 else 'facts'}",
            timeout=2,
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "facts" and event.state == WorkerState.ERROR:
            error = str(event.worker.error).splitlines()[0] if event.worker.error else ""
            self.show_status()
            self.notify(f"Fact matching failed: {error}", severity="error", markup=False)

    # ------------------------------------------------------------------ actions

    def action_switch_pane(self, step: int) -> None:
        self._focus_pane((self.focused_index + step) % self.shown_panes)

    def action_cycle_report(self, step: int) -> None:
        if not self.reports:
            return
        index = self.focused_index
        self.pane_reports[index] = (self.pane_reports[index] + step) % len(self.reports)
        self._show_pane(index)

    def action_report_list(self) -> None:
        """The report list: the report picked there goes to the focused pane."""
        if not self.reports:
            self.notify("No reports yet", timeout=3)
            return
        index = self.focused_index
        rows = report_rows(self.reports, self.corpus)

        def picked(number: int | None) -> None:
            if number is not None and number < len(self.reports):
                self.pane_reports[index] = number
                self._show_pane(index)

        from tui.app.screens.report_list import ReportList  # not on the first screen

        self.app.push_screen(ReportList(rows, pane_name(index, self.shown_panes)), picked)

    def action_toggle_boilerplate(self) -> None:
        self.show_boilerplate = not self.show_boilerplate
        self._refresh_view()
        state = "shown" if self.show_boilerplate else "hidden"
        self.notify(f"Boilerplate {state}", timeout=2)

    def action_links(self) -> None:
        """The links of the cursor paragraph, with their URLs: enter opens an http(s) one."""
        from tui.app.screens.links import LinksScreen, paragraph_links  # not on first screen

        pane = self.pane(self.focused_index)
        links = paragraph_links(pane.report, pane.current_paragraph)
        if not links:
            self.notify("No links in this paragraph", timeout=2)
            return
        self.app.push_screen(LinksScreen(links))

    # ------------------------------------------------------------------ export, clipboard

    def action_export(self) -> None:
        """Export the paragraphs in view, the fact matrix or the entities to a file."""
        corpus = self._corpus_or_note("topics")
        if corpus is None:
            return
        from tui.app.screens.export import ExportScreen  # not on the first screen
        from tui.export import ExportKind, describe_filter

        flt = self.query_filter()
        counts: dict[ExportKind, int] = {
            "paragraphs": view_of(corpus, flt, self.paragraph_index).count(corpus.reports),
            "facts": len(corpus.facts),
            "entities": len(corpus.entities),
        }
        self.app.push_screen(ExportScreen(corpus, flt, counts, describe_filter(corpus, flt)))

    def action_copy_paragraph(self) -> None:
        """Copy the cursor paragraph, with a "— source, report" line (OSC 52)."""
        pane = self.pane(self.focused_index)
        if pane.report is None or pane.current_paragraph is None:
            self.notify("No paragraph to copy", timeout=2)
            return
        from tui.export import paragraph_clip

        self.app.copy_to_clipboard(paragraph_clip(pane.report, pane.current_paragraph))
        self.notify("Paragraph copied to the clipboard", timeout=2)

    def action_copy_fact(self) -> None:
        """Copy the shared facts the cursor paragraph states, in every report's words."""
        corpus = self._corpus_or_note("facts")
        if corpus is None:
            return
        fact_ids = self.facts.paragraph_facts(self.pane(self.focused_index).current_paragraph)
        if not fact_ids:
            self.notify("No shared fact in this paragraph: n finds the next one", timeout=3)
            return
        from tui.export import facts_clip

        self.app.copy_to_clipboard(facts_clip(corpus, fact_ids))
        names = ", ".join(f"f{self.facts.numbers[f]}" for f in fact_ids)
        self.notify(f"Copied {names} in every report's words", timeout=2)
