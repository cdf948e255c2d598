"""The reader's panes: how many are open and shown, which report each shows, which has
the focus, and the keys that change that (`p`, `P`, tab, `[`/`]`, `r`).

A wide terminal holds more panes side by side (three from 120 columns, four from 160):
`p` adds one, `P` closes the focused one. Panes the terminal becomes too narrow for are
hidden, not closed, and come back when it is wider; below 60 columns one pane is shown
at a time.
"""

from __future__ import annotations

from dataclasses import replace

from textual.containers import Horizontal
from textual.events import DescendantFocus, Resize

from tui.app.report_rows import report_rows
from tui.app.screens.reader.base import ReaderBase
from tui.app.screens.reader.layout import (
    NARROW_WIDTH,
    ReportColumn,
    no_room_note,
    pane_limit,
    pane_name,
)
from tui.app.state import ReaderState
from tui.app.widgets.report_pane import ReportPane


def laid_out(state: ReaderState, width: int) -> ReaderState:
    """`state` in a terminal `width` columns wide: as many panes shown side by side as
    it holds (the others hidden, each keeping its report and place until the terminal
    is wide enough again), the focus off a hidden pane; below NARROW_WIDTH, one at a
    time."""
    shown = min(len(state.pane_reports), pane_limit(width))
    focused = min(state.focused, shown - 1)
    return replace(state, shown_panes=shown, narrow=width < NARROW_WIDTH, focused=focused)


class PanesPart(ReaderBase):
    def focus_pane(self, index: int) -> None:
        if index != self.state.focused:
            self.set_state(replace(self.state, focused=index))  # draws the focus
        else:
            self._draw_focus()  # the state had it, but the focus may be elsewhere

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        # The focus moved (a key, a click): the state follows it.
        widget = event.widget
        if isinstance(widget, ReportPane) and widget.id is not None:
            index = int(widget.id.removeprefix("pane-"))
            if index != self.state.focused:
                self.set_state(replace(self.state, focused=index))

    def on_resize(self, event: Resize) -> None:
        self.set_state(laid_out(self.state, event.size.width))

    def on_screen_resume(self) -> None:
        # A terminal resized while a dialog was open sent the reader no Resize.
        self.set_state(laid_out(self.state, self.app.size.width))

    def show_report_in(self, index: int, number: int) -> None:
        """Pane `index` on report `number` (in the order read)."""
        reports = list(self.state.pane_reports)
        reports[index] = number
        self.set_state(replace(self.state, pane_reports=tuple(reports)))

    async def action_add_pane(self) -> None:
        """One more pane, on the right, on the next report no pane shows (as many panes
        as fit side by side)."""
        width = self.app.size.width
        limit = pane_limit(width)
        if self.pane_count >= limit:
            hidden = self.pane_count - self.state.shown_panes
            note = no_room_note(width, limit, hidden, self.keys("remove_pane"))
            self.notify(note, timeout=3)
            return
        number = self._unshown_report()
        if number is None:
            shown = "Every report read so far" if self.state.reading else "Every report"
            changes = self.keys("next_report")
            self.notify(f"{shown} is shown already: {changes} changes a pane's report", timeout=3)
            return
        await self.query_one("#columns", Horizontal).mount(ReportColumn(self.pane_count))
        added = replace(self.state, pane_reports=(*self.state.pane_reports, number))
        self.set_state(laid_out(added, width))

    def _unshown_report(self) -> int | None:
        """The first report shown (the open story's) no pane shows, counting on from the
        last pane's report."""
        reports = self.open_reports
        shown = self.state.pane_reports
        start = self._place(shown[-1]) + 1
        ahead = (reports[n % len(reports)] for n in range(start, start + len(reports)))
        return next((number for number in ahead if number not in shown), None)

    def _place(self, number: int) -> int:
        """Report `number`'s index among the reports shown (-1 if it is not one)."""
        reports = self.open_reports
        return reports.index(number) if number in reports else -1

    async def action_remove_pane(self) -> None:
        """Close the focused pane: the panes right of it move left, each keeping its
        report, cursor paragraph and marks."""
        if self.pane_count == 1:
            self.notify(f"One pane is the least: {self.keys('add_pane')} adds one", timeout=3)
            return
        index, last = self.state.focused, self.pane_count - 1
        for target in range(index, last):
            self._move_pane(target + 1, target)
        if index == last:
            self.focus_pane(index - 1)  # before the pane goes, or Textual moves the focus
        # The state first: while the column goes, messages still come in (the moved
        # panes' cursor moves, which follow mode answers) and must not see it.
        kept = replace(self.state, pane_reports=self.state.pane_reports[:last])
        self.set_state(laid_out(kept, self.app.size.width))
        await self.query_one(f"#column-{last}", ReportColumn).remove()

    def _move_pane(self, source: int, target: int) -> None:
        """Pane `target` shows what pane `source` shows: its report, its cursor paragraph
        on the same screen row, its counterpart marks."""
        old, new = self.pane(source), self.pane(target)
        paragraph, row = old.current_paragraph, old.cursor_row
        self.show_report_in(target, self.state.pane_reports[source])
        new.set_counterparts(old.counterparts)
        if paragraph is not None:
            new.reveal((paragraph.id,), row)

    def action_switch_pane(self, step: int) -> None:
        self.focus_pane((self.state.focused + step) % self.state.shown_panes)

    def action_cycle_report(self, step: int) -> None:
        """The next (`step` 1) or previous (-1) report shown (the open story's), round
        from the last to the first, passing over the reports the other panes on screen
        show: the same report twice side by side compares nothing. Under a filter, the
        reports with a paragraph it keeps come first. When every other report is on
        screen (two reports, two panes), the next one all the same."""
        reports = self.open_reports
        if not reports:
            return
        state = self.state
        index = state.focused
        place = self._place(state.pane_reports[index])
        if place < 0:  # no report in the pane: from the first (or the last) on
            place = -1 if step > 0 else 0
        # The focused pane's own report is among them: a full round ends on it.
        shown = set(state.pane_reports[: state.shown_panes])
        ahead = [reports[(place + step * n) % len(reports)] for n in range(1, len(reports) + 1)]
        # Under a filter, the next report with a paragraph it keeps, if one is not shown.
        number = next(
            (n for n in ahead if n not in shown and self.matches(n)),
            next((n for n in ahead if n not in shown), ahead[0]),
        )
        self.show_report_in(index, number)

    def action_report_list(self) -> None:
        """The report list (the open story's reports): the report picked there goes to
        the focused pane."""
        if not self.reports:
            self.notify("No reports yet", timeout=3)
            return
        index = self.state.focused
        rows = report_rows(self.reports, self.state.corpus, self.open_reports)

        def picked(number: int | None) -> None:
            if number is not None and number < len(self.reports):
                self.show_report_in(index, number)

        from tui.app.screens.report_list import ReportList  # not on the first screen

        name = pane_name(index, self.state.shown_panes)
        story = self.state.story
        heading = "Reports" if story is None else f"Reports of story {story.id}"
        self.app.push_screen(ReportList(rows, name, heading), picked)
