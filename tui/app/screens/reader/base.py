"""The reader's core, under its parts (panes, filters, facts, loading, output): the
reports read, the state (`tui.app.state.ReaderState`), the one `set_state` that
redraws what changed, and `needs`, the one "not ready yet" check every action that
wants the analysis declares."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

from rich.style import Style
from textual.screen import Screen
from textual.timer import Timer

from tui.app.actions import keys_for
from tui.app.screens.reader.layout import ReportColumn
from tui.app.state import Analysis, Need, OpenStory, ReaderState, status_inputs, status_line
from tui.app.widgets.filter_bar import FilterBar
from tui.app.widgets.pane_header import PaneHeader
from tui.app.widgets.report_pane import ReportPane
from tui.app.widgets.status_bar import StatusBar
from tui.model.corpus import Corpus
from tui.model.document import Report
from tui.query import Filter, View, view_of
from tui.query.entities import EntityFilter, describe_entities, filter_view
from tui.query.facts import fact_filter_view
from tui.query.marks import NO_FILTER, FilterView
from tui.query.tags import describe_tag_filter, tag_filter_view

Screen_ = TypeVar("Screen_", bound="ReaderBase")
P = ParamSpec("P")


def needs(
    need: Need,
) -> Callable[[Callable[Concatenate[Screen_, P], None]], Callable[Concatenate[Screen_, P], None]]:
    """Mark an action as needing `need` (an analysis stage done, or chosen entities):
    until the state has it, the action says why (`ReaderState.refusal`) and does
    nothing. The same check for the keys, the palette and direct calls; past it, the
    action reads the analysis as `screen.ready`."""

    def decorate(
        action: Callable[Concatenate[Screen_, P], None],
    ) -> Callable[Concatenate[Screen_, P], None]:
        @functools.wraps(action)
        def checked(screen: Screen_, /, *args: P.args, **kwargs: P.kwargs) -> None:
            refusal = screen.state.refusal(need, screen.keys)
            if refusal is not None:
                screen.notify(refusal, timeout=3)
                return
            action(screen, *args, **kwargs)

        return checked

    return decorate


class _Kept:
    """The paragraphs the filters keep and their count, for one analysis and filter:
    the toggles (`f`, `T`, `U`) and the entity marks change neither."""

    __slots__ = ("analysis", "count", "flt", "kept")

    def __init__(self, analysis: Analysis, flt: Filter) -> None:
        corpus = analysis.corpus
        self.analysis, self.flt = analysis, flt
        self.kept = view_of(corpus, flt, analysis.paragraphs)
        self.count = self.kept.count(corpus.reports)

    def holds(self, analysis: Analysis, flt: Filter) -> bool:
        return self.analysis is analysis and self.flt == flt


class _Entities:
    """The entity filter's marks and the chosen entities' names, for one analysis and
    entity filter."""

    __slots__ = ("analysis", "flt", "names", "view")

    def __init__(self, analysis: Analysis, flt: EntityFilter) -> None:
        self.analysis, self.flt = analysis, flt
        self.view = filter_view(analysis.corpus, flt)
        self.names = describe_entities(analysis.corpus, flt) if flt.active else []

    def holds(self, analysis: Analysis, flt: EntityFilter) -> bool:
        return self.analysis is analysis and self.flt == flt


def _view_inputs(state: ReaderState) -> tuple[object, ...]:
    """What the panes' view and the filter bar are drawn from (the analysis shown by
    identity: comparing corpora would walk them)."""
    return (
        id(state.scope),
        state.entity_filter,
        state.tag_filter,
        state.fact_view,
        state.show_tags,
        state.show_unique,
        state.follow,
        state.show_boilerplate,
    )


class ReaderBase(Screen[None]):
    """The state and its drawing; the reader's parts subclass this."""

    def __init__(self) -> None:
        super().__init__()
        # The reports read, in order (the panes' `pane_reports` index into it).
        self.reports: list[Report] = []
        self.state = ReaderState()
        # What the panes draw, made from the state at the last redraw.
        self._pane_view: FilterView = NO_FILTER
        # What the last redraw made from the analysis, kept while its inputs stay.
        self._kept: _Kept | None = None
        self._entities: _Entities | None = None
        self._loading_timer: Timer | None = None
        # The fact a jump chose and the left pane's paragraph it landed on: while that
        # pane's cursor stays there, follow mode keeps to the chosen fact, not to every
        # fact the paragraph states.
        self._chosen_fact: tuple[str, str] | None = None
        # Each report's number by id (see `numbers`), for as many reports as were read.
        self._numbers: dict[str, int] = {}

    if TYPE_CHECKING:  # the facts and stories parts', used by the others

        def _follow(self, source: int, quiet: bool = True) -> bool: ...
        def set_fact_threshold(self, threshold: float) -> None: ...
        def jump_to_fact(self, fact_id: str) -> None: ...
        def offer_stories(self) -> None: ...

    # ------------------------------------------------------------------ reading the state

    @property
    def corpus(self) -> Corpus | None:
        """The corpus the reader shows (None until there is an analysis)."""
        return self.state.corpus

    @property
    def ready(self) -> Analysis:
        """The analysis shown (the open story's part of it), for an action `needs` let
        through (it refuses while there is none, and an analysis once in is only ever
        replaced)."""
        analysis = self.state.scope
        assert analysis is not None, "an action reading the analysis is marked @needs"
        return analysis

    @property
    def whole(self) -> Analysis:
        """The whole analysis (every story's), for an action `needs` let through."""
        analysis = self.state.analysis
        assert analysis is not None, "an action reading the analysis is marked @needs"
        return analysis

    @property
    def open_reports(self) -> Sequence[int]:
        """The reports the reader shows, by number (their places in `reports`): the open
        story's, else every report read. The panes, `[`/`]`, the report list, follow
        mode and counterparts all go by this."""
        story = self.state.story
        return story.reports if story is not None else range(len(self.reports))

    def matches(self, number: int) -> bool:
        """Whether report `number` has a paragraph the filters keep (every report does
        when no filter narrows the panes)."""
        kept = self._pane_view.kept
        if not kept.narrowed:
            return True
        return number < len(self.reports) and bool(kept.paragraphs(self.reports[number]))

    def panes_to_matches(self) -> int:
        """Each pane on screen whose report has no paragraph the filters keep turns to a
        report that has some and no pane shows, in the order shown; how many turned."""
        if not self._pane_view.kept.narrowed:
            return 0
        panes = list(self.state.pane_reports)
        spare = [n for n in self.open_reports if n not in panes and self.matches(n)]
        turned = 0
        for index in range(self.state.shown_panes):
            if spare and not self.matches(panes[index]):
                panes[index] = spare.pop(0)
                turned += 1
        if turned:
            self.set_state(replace(self.state, pane_reports=tuple(panes)))
        return turned

    @property
    def no_report(self) -> int:
        """The number a pane showing no report holds (past the last report read)."""
        return len(self.reports)

    def numbers(self) -> dict[str, int]:
        """Each report's number, by report id."""
        if len(self._numbers) != len(self.reports):
            self._numbers = {report.id: n for n, report in enumerate(self.reports)}
        return self._numbers

    def _kept_story(self, analysis: Analysis) -> OpenStory | None:
        """The open story in a new `analysis`: the same story when the stories are the
        same, else the one the focused pane's report is now in (None: no story open, or
        one story in all)."""
        state = self.state
        if state.story is None or not analysis.has_stories:
            return None
        story_id: str | None = state.story.id
        old = state.analysis
        if old is None or old.corpus.stories != analysis.corpus.stories:
            number = state.pane_reports[state.focused]
            if number >= len(self.reports):
                number = state.story.reports[0]
            story_id = analysis.corpus.story_of(self.reports[number].id)
        return OpenStory.of(analysis, story_id or "", self.numbers(), state.story_order)

    @property
    def pane_count(self) -> int:
        """The panes open, shown side by side or hidden (see `ReaderState.shown_panes`)."""
        return len(self.state.pane_reports)

    def keys(self, action_id: str) -> str:
        """The keys of one of the reader's actions, as bound now, for a notice."""
        return keys_for(self, action_id)

    def gone(self) -> bool:
        """The app is shutting down: the reader was drawn and is no longer attached (the
        loading and analysis workers' last messages still arrive)."""
        return self.is_mounted and not self.is_attached

    def pane(self, index: int) -> ReportPane:
        return self.query_one(f"#pane-{index}", ReportPane)

    def fact_styles(self) -> tuple[Style, ...]:
        """The fact colours of the current theme (for the fact matrix and the overview)."""
        return self.pane(0).fact_styles()

    # ------------------------------------------------------------------ the one redraw

    def set_state(self, state: ReaderState) -> None:
        """Make `state` the reader's and redraw what it changes (nothing once the
        reader is gone)."""
        if self.gone():
            return
        old, self.state = self.state, state
        if self.is_mounted:
            self._redraw(old, state)

    def _redraw(self, old: ReaderState, new: ReaderState) -> None:
        if old.scope is not new.scope:
            # Counterpart marks name sentences of the old facts.
            for index in range(self.pane_count):
                self.pane(index).set_counterparts(())
        if _view_inputs(old) != _view_inputs(new):
            self._draw_view()
        for index, number in enumerate(new.pane_reports):
            if index >= len(old.pane_reports) or number != old.pane_reports[index]:
                self._show_pane(index)
        if (old.shown_panes, old.narrow, old.pane_reports) != (
            new.shown_panes,
            new.narrow,
            new.pane_reports,
        ):
            self._draw_layout()
        if old.focused != new.focused:
            self._draw_focus()
        if _story_reports(old) != _story_reports(new):
            self._draw_headers()  # "n of N" counts the story's reports
        if new.follow and (
            not old.follow
            or old.scope is not new.scope
            or len(old.pane_reports) != len(new.pane_reports)
        ):
            self._follow(new.focused)
        if old.reading and not new.reading:
            self._draw_loaded()
        if new.reading:
            self._schedule_loading_refresh()
        elif status_inputs(old) != status_inputs(new):
            self._draw_status()

    def _draw_loaded(self) -> None:
        """Loading is done: panes without a report say so, and each header's "n of N"
        has the final N (without re-laying out a pane)."""
        if self._loading_timer is not None:
            self._loading_timer.stop()
            self._loading_timer = None
        for index, position in enumerate(self.state.pane_reports):
            if position >= len(self.reports):
                self._show_pane(index)  # "No other report to show."
        self._draw_headers()

    def _draw_view(self) -> None:
        """The filters (entity, source, topic), the fact view and the toggles, applied,
        in every pane and in the filter bar."""
        state = self.state
        analysis = state.scope
        if analysis is None:  # no filter yet: boilerplate shown or not
            self._pane_view = FilterView(kept=View(Filter(boilerplate=state.show_boilerplate)))
        else:
            flt = state.query_filter()
            if self._kept is None or not self._kept.holds(analysis, flt):
                self._kept = _Kept(analysis, flt)
            if self._entities is None or not self._entities.holds(analysis, state.entity_filter):
                self._entities = _Entities(analysis, state.entity_filter)
            view = self._entities.view
            view = tag_filter_view(view, analysis.tags, state.tag_filter, state.show_tags)
            view = fact_filter_view(view, analysis.facts, state.fact_view, state.show_unique)
            self._pane_view = replace(view, kept=self._kept.kept)
            groups: list[tuple[str, list[str]]] = []
            if state.entity_filter.active:
                groups.append((f"Entities ({state.entity_filter.mode})", self._entities.names))
            groups.extend(describe_tag_filter(analysis.tags, state.tag_filter))
            self.query_one(FilterBar).show(
                groups,
                self._kept.count,
                state.fact_view,
                state.follow,
                state.show_unique,
                entity_keys=state.entity_filter.active and not state.tag_filter.active,
            )
        for index in range(self.pane_count):
            self.pane(index).set_view(self._pane_view)

    def _show_pane(self, index: int) -> None:
        """Pane `index` on the report the state gives it, with its header."""
        header = self.query_one(f"#header-{index}", PaneHeader)
        pane = self.pane(index)
        pane.set_view(self._pane_view)
        number = self.state.pane_reports[index]
        if number < len(self.reports):
            report = self.reports[number]
            header.show(report, *self._position(number))
            pane.show_report(report)
        else:
            header.show(None, 0, len(self.open_reports))
            if self.state.reading:
                note = "Loading…"
            elif self.state.story is not None:
                note = "No other report in this story."
            else:
                note = "No other report to show."
            pane.show_report(None, note)

    def _position(self, number: int) -> tuple[int, int]:
        """Report `number`'s place among the reports shown, from 1, and their count
        ("2 of 14"); 0 for a report not among them."""
        shown = self.open_reports
        if isinstance(shown, range):
            return number + 1, len(shown)
        return (shown.index(number) + 1 if number in shown else 0), len(shown)

    def _draw_layout(self) -> None:
        """Columns beyond `shown_panes` hidden (not closed), no line right of the last
        shown; one pane at a time when narrow."""
        shown = self.state.shown_panes
        for column in self.query(ReportColumn):
            column.set_class(column.index >= shown, "-hidden")
            column.set_class(column.index == shown - 1, "-last")
        self.set_class(self.state.narrow, "-narrow")

    def _draw_focus(self) -> None:
        """Mark the focused pane's column `-active` (its header stands out, and on a
        narrow screen it is the one pane shown), then focus the pane. Only the columns
        whose mark changes are restyled.

        The mark is drawn here, not with `ReportColumn:focus-within`: Textual 8.2
        restyles only the focused widget's and its ancestors' subtrees that have a
        focus-within rule of their own, and a header is in neither."""
        index = self.state.focused
        for column in self.query(ReportColumn):
            column.set_class(column.index == index, "-active")
        pane = self.pane(index)
        if not pane.has_focus:
            pane.focus()

    def _draw_status(self) -> None:
        line = status_line(self.state)
        if line is None:
            return
        bar = self.query_one(StatusBar)
        if line.kind == "progress":
            bar.show_progress(line.done, line.total, fetching=line.label == "page")
        elif line.kind == "stage":
            bar.show_stage(line.label, line.done, line.total)
        else:
            bar.show_summary(line.label)

    def _schedule_loading_refresh(self) -> None:
        """Progress and "n of N" in the headers at most ten times a second while
        reports arrive: a repaint per report would cost bytes and time for nothing."""
        if self.is_mounted and self._loading_timer is None:
            self._loading_timer = self.set_timer(0.1, self._refresh_loading)

    def _refresh_loading(self) -> None:
        self._loading_timer = None
        if not self.state.reading:
            return
        self._draw_headers()
        self._draw_status()

    def _draw_headers(self) -> None:
        """Each pane's header: its report, "n of N" with the reports read so far."""
        for index, number in enumerate(self.state.pane_reports):
            if number < len(self.reports):
                header = self.query_one(f"#header-{index}", PaneHeader)
                header.show(self.reports[number], *self._position(number))

    def say_jump(self, result: str, step: int, what: str) -> None:
        """The notice after a jump to the next (`step` 1) or previous `what` ("mention",
        "shared fact") in the focused pane: `result` "none" or "wrapped" (else none)."""
        if result == "none":
            self.notify(f"No {what} in this pane", timeout=2)
        elif result == "wrapped":
            where = "first" if step > 0 else "last"
            self.notify(f"Back to the {where} {what}", timeout=2)

    def show_status(self, note: str = "") -> None:
        """The status line, with `note` instead of the fact count (empty: the count)."""
        self.set_state(replace(self.state, status_note=note))


def _story_reports(state: ReaderState) -> tuple[int, ...] | None:
    """The numbers of the reports of the story open (None: none open)."""
    return tuple(state.story.reports) if state.story is not None else None
