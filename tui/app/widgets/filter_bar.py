"""One line above the status bar naming the active entity filter (hidden without one)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label

from tui.model.corpus import MatchMode

KEYS_HINT = ". , mentions  a any/all  c clear"


def filter_text(names: Sequence[str], mode: MatchMode, paragraphs: int) -> Text:
    """ "Entities (any): Hezbollah, Qusair · 5 paragraphs"; names are report text."""
    text = Text()
    text.append(f"Entities ({mode}): ", "bold")
    for index, name in enumerate(names):
        if index:
            text.append(", ")
        text.append(name)
    noun = "paragraph" if paragraphs == 1 else "paragraphs"
    text.append(f"  ·  {paragraphs} {noun}")
    return text


class FilterBar(Horizontal):
    def compose(self) -> ComposeResult:
        yield Label(id="filter-label")
        yield Label(Text(KEYS_HINT), id="filter-keys")

    def show(self, names: Sequence[str], mode: MatchMode, paragraphs: int) -> None:
        self.set_class(bool(names), "-active")
        if names:
            self.query_one("#filter-label", Label).update(filter_text(names, mode, paragraphs))
