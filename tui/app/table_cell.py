"""A table cell `DataTable` draws but never measures (the fact matrix, the story list).

Every column of those tables has a fixed width, and measuring each cell of thousands of
rows (which `DataTable` does for any cell that can be measured) took most of the time
to build them.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text


class Cell:
    """`Text` in a table cell, drawn but never measured."""

    __slots__ = ("text",)

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.text
