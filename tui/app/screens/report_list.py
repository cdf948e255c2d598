"""The report list: every report with its outlet, title, date, paragraph count and
how many shared facts it states, to pick one when there are too many to cycle through.

Typing in the box above the table filters the rows (outlet, title, file name, date);
`↓` moves into the table, on to the row after the highlighted one. `ctrl+s` sorts by
the next column and `ctrl+r` reverses the order, from the box and the table alike:
digits stay free to filter by (a date, 2024).
In the table keys `1`..`5` (or clicking a header) sort by a column, again to reverse;
`0` goes back to the reports' own order. `enter` dismisses the list with the chosen
report's index, `escape` with None.

Every cell is report text: built as `Text`, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Input, Static

from tui.app.actions import bindings_for
from tui.app.report_rows import COLUMNS, ReportRow, filter_rows, sort_rows
from tui.app.screens.table_screen import TableScreen
from tui.app.widgets.quiet_footer import QuietFooter

PENDING = "…"
HEADERS = {
    "number": "#",
    "outlet": "outlet",
    "title": "title",
    "date": "date",
    "paragraphs": "paragraphs",
    "facts": "shared facts",
}


def row_cells(row: ReportRow) -> list[Text]:
    count = PENDING if row.facts is None else str(row.facts)
    title = Text(row.title) if row.title else Text(row.name, "dim")
    return [
        Text(str(row.place), justify="right"),
        Text(row.outlet),
        title,
        Text(row.date),
        Text(str(row.paragraphs), justify="right"),
        Text(count, justify="right"),
    ]


class ReportList(TableScreen[int | None]):
    """Dismissed with the chosen report's index (enter), or None (escape)."""

    BINDINGS = bindings_for("report_list")
    sort_columns = COLUMNS

    def __init__(
        self, rows: Sequence[ReportRow], pane: str = "the left pane", heading: str = "Reports"
    ) -> None:
        super().__init__("number")
        self.rows = list(rows)
        # Where `enter` shows the report ("the right pane", "pane 3").
        self.pane_name = pane
        # What the list is ("Reports", "Reports of story 3"): its title's first words.
        self.heading = heading

    def compose(self) -> ComposeResult:
        yield Static(id="report-list-title")
        yield Input(placeholder="Filter: outlet, title, file name, date", id="report-list-filter")
        yield DataTable(id="report-list-table", cursor_type="row", zebra_stripes=True)
        yield QuietFooter()

    def on_mount(self) -> None:
        table = self.table
        for column in COLUMNS:
            label = Text(HEADERS[column], "bold")
            table.add_column(label, key=column)
        self._build()
        query = self.query_one(Input)
        # A blinking cursor repaints twice a second: not over a slow link.
        query.cursor_blink = not getattr(self.app, "low_bandwidth", False)
        query.focus()

    @property
    def shown(self) -> list[ReportRow]:
        rows = filter_rows(self.rows, self.query_text)
        return sort_rows(rows, self.sort_column, self.reverse)

    def _build(self) -> None:
        """Fill the table; the cursor stays on its report if that is still shown."""
        table = self.table
        keep = self.highlighted
        table.clear()
        shown = self.shown
        for row in shown:
            table.add_row(*row_cells(row), key=str(row.index))
        if table.row_count:
            kept = [row.index for row in shown]
            at = kept.index(keep) if keep in kept else 0
            table.move_cursor(row=at, animate=False)
        self._show_title(len(shown))

    def _show_title(self, shown: int) -> None:
        total = len(self.rows)
        title = Text(end="", no_wrap=True)
        title.append(self.heading, "bold")
        title.append(f"  {shown} of {total} shown" if shown != total else f"  {total}")
        arrow = "↓" if self.reverse else "↑"
        title.append(f" · sorted by {HEADERS[self.sort_column]} {arrow}")
        title.append(f" · enter shows in {self.pane_name}", "dim")
        self.query_one("#report-list-title", Static).update(title)

    @property
    def highlighted(self) -> int | None:
        table = self.table
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return None if key is None else int(key)

    # ------------------------------------------------------------------ events

    @on(DataTable.RowSelected, "#report-list-table")
    def _selected(self, event: DataTable.RowSelected) -> None:
        key = event.row_key.value
        self._choose(None if key is None else int(key))

    def _choose(self, index: int | None) -> None:
        if index is not None:
            self.dismiss(index)

    # ------------------------------------------------------------------ actions

    def action_choose(self) -> None:
        self._choose(self.highlighted)
