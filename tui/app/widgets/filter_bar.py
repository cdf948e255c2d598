"""One line above the status bar naming what narrows or marks the panes: the entity,
source and topic filters, the fact view, follow mode, unique marks (hidden when none is
on)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label

from tui.app.fact_view import MODE_LABELS, FactMode
from tui.app.render import UNIQUE_MARK

ENTITY_KEYS = ". , mentions  a any/all  c clear"
CLEAR_KEYS = "c clear"
FACT_KEYS = "n N facts  u view"
SEPARATOR = " · "

# ("Entities (any)", names), ("Sources", names), ...: each active filter and its names.
FilterGroups = Sequence[tuple[str, Sequence[str]]]


def filter_text(
    groups: FilterGroups,
    paragraphs: int,
    fact_mode: FactMode = "all",
    follow: bool = False,
    unique: bool = False,
) -> Text:
    """ "Entities (any): Hezbollah · Sources: Reuters · Shared facts only · 5 paragraphs ·
    follow"; names are report text."""
    parts: list[Text] = []
    for label, names in groups:
        part = Text()
        part.append(f"{label}: ", "bold")
        for index, name in enumerate(names):
            if index:
                part.append(", ")
            part.append(name)
        parts.append(part)
    if fact_mode != "all":
        parts.append(Text(MODE_LABELS[fact_mode], "bold"))
    if groups or fact_mode != "all":
        noun = "paragraph" if paragraphs == 1 else "paragraphs"
        parts.append(Text(f"{paragraphs} {noun}"))
    if follow:
        parts.append(Text("follow", "bold"))
    if unique:
        parts.append(Text(f"{UNIQUE_MARK} unique"))
    return Text(SEPARATOR).join(parts)


class FilterBar(Horizontal):
    def compose(self) -> ComposeResult:
        yield Label(id="filter-label")
        yield Label(Text(ENTITY_KEYS), id="filter-keys")

    def show(
        self,
        groups: FilterGroups,
        paragraphs: int,
        fact_mode: FactMode = "all",
        follow: bool = False,
        unique: bool = False,
        entity_keys: bool = False,
    ) -> None:
        """`entity_keys`: the entity filter is the only filter, so its keys are hinted
        (with more, the names need the room)."""
        active = bool(groups) or fact_mode != "all" or follow or unique
        self.set_class(active, "-active")
        if active:
            label = filter_text(groups, paragraphs, fact_mode, follow, unique)
            self.query_one("#filter-label", Label).update(label)
            keys = ENTITY_KEYS if entity_keys else CLEAR_KEYS if groups else FACT_KEYS
            self.query_one("#filter-keys", Label).update(Text(keys))
