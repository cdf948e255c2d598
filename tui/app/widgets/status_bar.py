"""The bottom line above the key footer: loading progress, then a short summary."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar

from tui.wording import count_of


class StatusBar(Horizontal):
    def compose(self) -> ComposeResult:
        yield Label("Starting…", id="status-label")
        # A determinate bar from the start: an indeterminate one animates every frame,
        # which competes with the loading worker for the GIL and slows the first screen.
        yield ProgressBar(total=1, show_eta=False, show_percentage=False, id="status-progress")

    def show_progress(self, done: int, total: int) -> None:
        label = f"Reading {done}/{count_of(total, 'file')}"
        self.query_one("#status-label", Label).update(Text(label))
        self.query_one(ProgressBar).update(total=max(total, 1), progress=done)

    def show_stage(self, label: str, done: int, total: int) -> None:
        """An analysis running: `done` of `total` stages finished."""
        self.query_one("#status-label", Label).update(Text(label))
        bar = self.query_one(ProgressBar)
        bar.display = True
        bar.update(total=max(total, 1), progress=done)

    def show_summary(self, summary: str) -> None:
        self.query_one("#status-label", Label).update(Text(summary))
        self.query_one(ProgressBar).display = False
