"""The line above the status bar naming what narrows or marks the panes: the entity,
source and topic filters, the fact view, follow mode, unique marks (hidden when none is
on). Wrapped onto more lines when the names need them: every name stays readable."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label

from tui.app.actions import keys_for
from tui.app.render import UNIQUE_MARK
from tui.query import FactView
from tui.query.facts import FACT_VIEW_LABELS
from tui.wording import count_of

SEPARATOR = " · "
# Between the filters and their keys on one line: #filter-keys' margin in app.tcss.
KEYS_GAP = 2

# ("Entities (any)", names), ("Sources", names), ...: each active filter and its names.
FilterGroups = Sequence[tuple[str, Sequence[str]]]


def filter_text(
    groups: FilterGroups,
    paragraphs: int,
    fact_view: FactView = "all",
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
    if fact_view != "all":
        parts.append(Text(FACT_VIEW_LABELS[fact_view], "bold"))
    if groups or fact_view != "all":
        parts.append(Text(count_of(paragraphs, "paragraph")))
    if follow:
        parts.append(Text("follow", "bold"))
    if unique:
        parts.append(Text(f"{UNIQUE_MARK} unique"))
    return Text(SEPARATOR).join(parts)


class FilterBar(Horizontal):
    """The filters on one line, their keys on the right; when the names need more room,
    the lines they take (wrapped, none cut), the keys at the end."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._label = Text()
        self._keys = ""

    def compose(self) -> ComposeResult:
        yield Label(id="filter-label")
        yield Label(id="filter-keys")

    def show(
        self,
        groups: FilterGroups,
        paragraphs: int,
        fact_view: FactView = "all",
        follow: bool = False,
        unique: bool = False,
        entity_keys: bool = False,
    ) -> None:
        """`entity_keys`: the entity filter is the only filter, so its keys are hinted
        (with more, the names need the room)."""
        active = bool(groups) or fact_view != "all" or follow or unique
        self.set_class(active, "-active")
        if active:
            self._label = filter_text(groups, paragraphs, fact_view, follow, unique)
            self._keys = self._hint("entities" if entity_keys else "filters" if groups else "facts")
            self.query_one("#filter-keys", Label).update(Text(self._keys))
            self._arrange()

    def _hint(self, which: str) -> str:
        """The keys hinted on the right, as bound now (the user's keymap included):
        ". , mentions  a any/all  c clear", "c clear" or "n N facts  u view"."""

        def keys(action_id: str) -> str:
            return keys_for(self.screen, action_id)

        clear = f"{keys('clear_filters')} clear"
        if which == "entities":
            mentions = f"{keys('next_mention')} {keys('previous_mention')} mentions"
            return f"{mentions}  {keys('toggle_match_mode')} any/all  {clear}"
        if which == "filters":
            return clear
        return f"{keys('next_fact')} {keys('previous_fact')} facts  {keys('cycle_fact_view')} view"

    def on_resize(self) -> None:
        self._arrange()

    def _arrange(self) -> None:
        """Keys beside the filters when both fit on one line. Else the filters wrap to
        the whole width and the keys, never split, end the last line (right-aligned)
        or, without room there, take a line of their own."""
        width = (self.size.width or self.app.size.width) - self.styles.gutter.width
        beside = self._label.cell_len + KEYS_GAP + len(self._keys) <= width
        self.query_one("#filter-keys", Label).display = beside
        if beside or width <= 0:
            self.query_one("#filter-label", Label).update(self._label)
            return
        lines = list(self._label.wrap(self.app.console, width))
        for line in lines:
            line.rstrip()
        room = width - lines[-1].cell_len - len(self._keys)
        if room < KEYS_GAP:
            lines.append(Text())
            room = width - len(self._keys)
        lines[-1].append(" " * room + self._keys, "dim")
        self.query_one("#filter-label", Label).update(Text("\n").join(lines))
