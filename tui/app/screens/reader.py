"""The side-by-side reader: two columns, each a header and a reading pane."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer

from tui.app.widgets.pane_header import PaneHeader
from tui.app.widgets.report_pane import ReportPane
from tui.app.widgets.status_bar import StatusBar
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
        Binding("left_square_bracket", "cycle_report(-1)", "Prev report", key_display="["),
        Binding("right_square_bracket", "cycle_report(1)", "Next report", key_display="]"),
        Binding("b", "toggle_boilerplate", "Boilerplate"),
        Binding("question_mark", "app.help", "Help", key_display="?"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.reports: list[Report] = []
        # Which report (index into self.reports) each pane shows.
        self.pane_reports: list[int] = list(range(PANES))
        self.show_boilerplate = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="columns"):
            for index in range(PANES):
                yield ReportColumn(index)
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
