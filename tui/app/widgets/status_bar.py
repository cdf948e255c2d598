"""The bottom line above the key footer: loading progress, then a short summary.

A line longer than the bar is cut between words, with an ellipsis (again as the bar
is resized); while a progress bar shows, it keeps some room of its own.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.events import Resize
from textual.widgets import Label, ProgressBar

from tui.app.fit import fit_words
from tui.wording import count_of

# The label's right margin (app.tcss) and the least a progress bar beside it is given.
LABEL_MARGIN = 2
PROGRESS_ROOM = 10


class StatusBar(Horizontal):
    # The line shown, whole (the label has it cut to fit).
    _line = "Starting…"

    def compose(self) -> ComposeResult:
        yield Label(self._line, id="status-label")
        # A determinate bar from the start: an indeterminate one animates every frame,
        # which competes with the loading worker for the GIL and slows the first screen.
        yield ProgressBar(total=1, show_eta=False, show_percentage=False, id="status-progress")

    def show_progress(self, done: int, total: int, *, fetching: bool = False) -> None:
        """`done` of `total` files read (or pages fetched)."""
        if fetching:
            self._show(f"Fetching {done}/{count_of(total, 'page')}" if total else "Fetching…")
        else:
            self._show(f"Reading {done}/{count_of(total, 'file')}")
        self.query_one(ProgressBar).update(total=max(total, 1), progress=done)

    def show_stage(self, label: str, done: int, total: int) -> None:
        """An analysis running: `done` of `total` stages finished."""
        bar = self.query_one(ProgressBar)
        bar.display = True
        bar.update(total=max(total, 1), progress=done)
        self._show(label)

    def show_summary(self, summary: str) -> None:
        self.query_one(ProgressBar).display = False
        self._show(summary)

    def on_resize(self, event: Resize) -> None:
        self._show(self._line)

    def _show(self, line: str) -> None:
        """`line` in the label, cut to the room it has."""
        self._line = line
        room = self.content_region.width - LABEL_MARGIN
        if self.query_one(ProgressBar).display:
            room -= PROGRESS_ROOM
        shown = fit_words(line, room) if room > 0 else line
        self.query_one("#status-label", Label).update(Text(shown))
