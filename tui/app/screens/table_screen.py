"""What the report list and the story list share: a filter box over a table whose rows
sort by any column.

Typing in the box filters the rows; `↓` moves into the table and its cursor one row
down (the first row is highlighted while typing: `↓` lands on the second). Sorting by a column again
reverses it; `ctrl+s` sorts by the next column and `ctrl+r` reverses, from the box and the
table alike (digits stay free to filter by), and clicking a header sorts by it. Each
screen says which columns it has (`sort_columns`) and how to fill its table (`_build`);
the actions are bound in `tui.app.actions`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, TypeVar

from textual import on
from textual.screen import Screen
from textual.widgets import DataTable, Input

Result = TypeVar("Result")


class TableScreen(Screen[Result]):
    """A screen of one filter `Input` over one `DataTable`, dismissed with the chosen
    row's value or None (escape)."""

    # The columns, in order: what `ctrl+s` steps through.
    sort_columns: ClassVar[Sequence[str]] = ()

    def __init__(self, sort_column: str) -> None:
        super().__init__()
        self.sort_column = sort_column
        self.reverse = False
        self.query_text = ""

    @property
    def table(self) -> DataTable[Any]:
        return self.query_one(DataTable)

    def _build(self) -> None:
        """Fill the table with the rows the filter keeps, in the chosen order."""
        raise NotImplementedError

    @on(Input.Changed)
    def _filter(self, event: Input.Changed) -> None:
        self.query_text = event.value
        self._build()

    @on(DataTable.HeaderSelected)
    def _header(self, event: DataTable.HeaderSelected) -> None:
        self.action_sort(str(event.column_key.value))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "focus_table":
            # From the filter box only: in the table ↓ moves the cursor.
            return isinstance(self.focused, Input)
        return True

    def action_close(self) -> None:
        self.dismiss(None)

    def action_focus_table(self) -> None:
        """Into the table, and the cursor one row down: the cursor row is highlighted
        while typing (enter takes it), so ↓ moves on from it, as it does in the table."""
        table = self.table
        table.focus()
        table.action_cursor_down()

    def action_sort(self, column: str) -> None:
        if column == self.sort_column:
            self.reverse = not self.reverse
        else:
            self.sort_column, self.reverse = column, False
        self._build()

    def action_next_sort(self) -> None:
        """Sort by the column after the current one (the first after the last)."""
        columns = list(self.sort_columns)
        following = (columns.index(self.sort_column) + 1) % len(columns)
        self.action_sort(columns[following])

    def action_reverse(self) -> None:
        self.action_sort(self.sort_column)
