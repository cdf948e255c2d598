"""The side-by-side reader: two columns, each a header and a reading pane.

Once the analysis is in, the reader can be narrowed to paragraphs naming chosen
entities (the filter bar says which); their mentions are marked in every pane.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer

from tui.app.entity_filter import (
    EntityFilter,
    describe_entities,
    filter_view,
    remap_entity_ids,
)
from tui.app.screens.entity_picker import EntityPicker, PickedEntities
from tui.app.widgets.filter_bar import FilterBar
from tui.app.widgets.pane_header import PaneHeader
from tui.app.widgets.report_pane import ReportPane
from tui.app.widgets.status_bar import StatusBar
from tui.model.corpus import Corpus
from tui.model.document import Report

PANES = 2
# Below this width the panes are shown one at a time.
NARROW_WIDTH = 60


class ReportColumn(Vertical):
    """A header above a reading pane."""

    def __init__(self, index: int) -> None:
        super().__init__(id=f"column-{index}")
        self.index = index

    def compose(self) -> ComposeResult:
        yield PaneHeader(id=f"header-{self.index}", classes="pane-header")
        yield ReportPane(id=f"pane-{self.index}")


class ReaderScreen(Screen[None]):
    BINDINGS = [
        Binding("tab", "switch_pane(1)", "Other pane", key_display="tab", priority=True),
        Binding("shift+tab", "switch_pane(-1)", "Other pane", show=False, priority=True),
        Binding("left_square_bracket", "cycle_report(-1)", "Previous report", show=False),
        Binding("right_square_bracket", "cycle_report(1)", "Next report", show=False),
        Binding("b", "toggle_boilerplate", "Boilerplate"),
        Binding("e", "pick_entities", "Filter by entity"),
        Binding("a", "toggle_match_mode", "Match any/all entities", show=False),
        Binding("c", "clear_filter", "Clear entity filter", show=False),
        Binding("full_stop", "jump_mention(1)", "Next mention", key_display=".", show=False),
        Binding("comma", "jump_mention(-1)", "Previous mention", key_display=",", show=False),
        Binding("question_mark", "app.help", "Help", key_display="?"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.reports: list[Report] = []
        # Which report (index into self.reports) each pane shows.
        self.pane_reports: list[int] = list(range(PANES))
        self.show_boilerplate = False
        self.corpus: Corpus | None = None
        # Said when a key needs the analysis and there is none yet.
        self.analysis_note = "Analysis still running"
        self.entity_filter = EntityFilter()

    def compose(self) -> ComposeResult:
        with Horizontal(id="columns"):
            for index in range(PANES):
                yield ReportColumn(index)
        yield FilterBar(id="filter-bar")
        yield StatusBar(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.pane(0).focus()
        self._mark_active(0)
        for index in range(PANES):
            self._show_pane(index)

    # ------------------------------------------------------------------ panes

    def pane(self, index: int) -> ReportPane:
        return self.query_one(f"#pane-{index}", ReportPane)

    @property
    def focused_index(self) -> int:
        for index in range(PANES):
            if self.pane(index).has_focus:
                return index
        return 0

    def _mark_active(self, index: int) -> None:
        for column in self.query(ReportColumn):
            column.set_class(column.index == index, "-active")

    def on_descendant_focus(self) -> None:
        self._mark_active(self.focused_index)

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW_WIDTH, "-narrow")

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
            pane.show_report(None, "Loading…" if self.loading else "No other report to show.")

    loading = True

    # ------------------------------------------------------------------ data

    def add_report(self, report: Report) -> None:
        self.reports.append(report)
        number = len(self.reports) - 1
        for index in range(PANES):
            if self.pane_reports[index] == number:
                self._show_pane(index)
            elif self.pane_reports[index] < len(self.reports):
                # Keep "n of N" in the header current without re-laying out the pane.
                position = self.pane_reports[index]
                header = self.query_one(f"#header-{index}", PaneHeader)
                header.show(self.reports[position], position + 1, len(self.reports))

    def finish_loading(self, summary: str) -> None:
        self.loading = False
        for index in range(PANES):
            if self.pane_reports[index] >= len(self.reports):
                self._show_pane(index)
        self.query_one(StatusBar).show_summary(summary)

    # ------------------------------------------------------------------ entities

    def set_corpus(self, corpus: Corpus) -> None:
        """A new analysis: the filter carries over to it by entity name."""
        old, self.corpus = self.corpus, corpus
        ids = self.entity_filter.entity_ids
        if old is not None and old is not corpus:
            ids = remap_entity_ids(old, corpus, ids)
        self.apply_filter(EntityFilter(ids, self.entity_filter.mode))

    def apply_filter(self, entity_filter: EntityFilter) -> None:
        if self.corpus is None:
            return
        if not entity_filter.active:
            entity_filter = EntityFilter(mode=entity_filter.mode)
        self.entity_filter = entity_filter
        view = filter_view(self.corpus, entity_filter)
        names = describe_entities(self.corpus, entity_filter)
        self.query_one(FilterBar).show(names, entity_filter.mode, len(view.paragraphs or ()))
        for index in range(PANES):
            self.pane(index).set_view(view)

    def _corpus_or_note(self) -> Corpus | None:
        if self.corpus is None:
            self.notify(self.analysis_note, timeout=3)
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
        self.app.push_screen(
            EntityPicker(corpus, self.entity_filter.entity_ids), self._entities_picked
        )

    def _entities_picked(self, picked: PickedEntities | None) -> None:
        if picked is None or self.corpus is None:
            return
        ids = picked.entity_ids
        if picked.corpus is not self.corpus:  # re-analysed while the picker was open
            ids = remap_entity_ids(picked.corpus, self.corpus, ids)
        self.apply_filter(EntityFilter(ids, self.entity_filter.mode))

    def action_toggle_match_mode(self) -> None:
        if self._filter_or_note():
            self.apply_filter(self.entity_filter.toggled_mode())
            mode = "all of" if self.entity_filter.mode == "all" else "any of"
            self.notify(f"Paragraphs naming {mode} the entities", timeout=2)

    def action_clear_filter(self) -> None:
        if self._filter_or_note():
            self.apply_filter(EntityFilter(mode=self.entity_filter.mode))
            self.notify("Entity filter cleared", timeout=2)

    def action_jump_mention(self, step: int) -> None:
        if not self._filter_or_note():
            return
        result = self.pane(self.focused_index).jump_to_mark(step)
        if result == "none":
            self.notify("No mention in this pane", timeout=2)
        elif result == "wrapped":
            where = "first" if step > 0 else "last"
            self.notify(f"Back to the {where} mention", timeout=2)

    # ------------------------------------------------------------------ actions

    def action_switch_pane(self, step: int) -> None:
        index = (self.focused_index + step) % PANES
        self._mark_active(index)  # before focus: a narrow screen must show the pane first
        self.pane(index).focus()

    def action_cycle_report(self, step: int) -> None:
        if not self.reports:
            return
        index = self.focused_index
        self.pane_reports[index] = (self.pane_reports[index] + step) % len(self.reports)
        self._show_pane(index)

    def action_toggle_boilerplate(self) -> None:
        self.show_boilerplate = not self.show_boilerplate
        for index in range(PANES):
            self.pane(index).set_show_boilerplate(self.show_boilerplate)
        state = "shown" if self.show_boilerplate else "hidden"
        self.notify(f"Boilerplate {state}", timeout=2)
