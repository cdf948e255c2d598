"""Help: the keys in force, generated from the live bindings and grouped by what they do.

Help lists the keys the screen it was opened on declares (and its own widgets'), then
the app's, as they are bound now: the user's keymap (`[keys]` in config.toml) included.
The generic keys of Textual's widgets (a table's cursor, a text box's editing keys) are
left out: they are not this screen's keys.

A screen may group its keys with `HELP_GROUPS`, a mapping from each group's title to
the ids of the actions in it (the reader does: tui.app.actions.help_groups makes it from
the action registry); the groups are shown in the mapping's order, the app's keys (and a
screen's keys for the app's actions, such as `app.help`) under "App". A key whose action
is in no group is still shown, under "Other keys" at the end (a test keeps the reader's
keys out of it). A screen without `HELP_GROUPS` shows its keys in one group named after
the screen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from tui.app.actions import bindings_for
from tui.app.render import LINK_MARK, SOURCE_MARK, TOPIC_MARK, UNIQUE_MARK, WIRE_MARK
from tui.app.screens.fact_matrix import BASIS_WORDS, DIFFERS
from tui.query.facts import fact_marker
from tui.query.tags import BASIS_LABELS
from tui.wording import joined

APP_GROUP = "App"
# The actions that close help (its own, and the app's help key, which toggles it).
CLOSING = ("help_close", "help_anywhere")
OTHER_GROUP = "Other keys"

# (keys, description): one row of help, every key of one description merged.
Row = tuple[str, str]
# A group's title and its rows.
KeyGroup = tuple[str, list[Row]]


class LiveKey(NamedTuple):
    """A key help lists: the node that binds it, the key, its binding, and its rank:
    the focused widget's keys before the screen's and the app's, each node's in the
    order it declares them."""

    node: DOMNode
    key: str
    binding: Binding
    rank: tuple[int, int]


def _declared_actions(node: DOMNode) -> dict[str, int]:
    """The actions bound by the node's own classes, not by Textual's (DataTable's cursor
    keys, Input's editing keys, Screen's focus and copy keys), each with its place in
    the order they are declared (base classes first, as Textual merges them)."""
    actions: dict[str, int] = {}
    for cls in reversed(type(node).__mro__):
        declared = cls.__dict__.get("BINDINGS")
        if declared and not cls.__module__.startswith("textual."):
            for binding in Binding.make_bindings(declared):
                actions.setdefault(binding.action, len(actions))
    return actions


def live_bindings(screen: Screen) -> list[LiveKey]:
    """Every key of `screen` that help lists: the screen's, its own widgets' and the
    app's, each as Textual resolves it (a focused widget's key over the screen's)."""
    app = screen.app
    found: list[LiveKey] = []
    declared: dict[int, dict[str, int]] = {}
    for key, active in screen.active_bindings.items():
        node, binding = active.node, active.binding
        if node is app:
            rank = (0, len(found))
        else:
            actions = declared.setdefault(id(node), _declared_actions(node))
            if binding.action not in actions:
                continue
            rank = (-len(node.ancestors), actions[binding.action])
        found.append(LiveKey(node, key, binding, rank))
    if not any(live.node is app for live in found):
        # A modal screen hides the app's bindings from `active_bindings`, but the app's
        # priority keys (quit, the palette, help) work over it all the same.
        taken = {live.key for live in found}
        # Textual applies the keymap to a copy of the bindings as it resolves a key.
        bindings = app._bindings.copy()
        bindings.apply_keymap(app._keymap)
        found.extend(
            LiveKey(app, key, binding, (0, rank))
            for rank, (key, binding) in enumerate(bindings)
            if binding.priority and key not in taken
        )
    return [live for live in found if live.binding.description and not live.binding.system]


def screen_title(screen: Screen) -> str:
    """A screen's name for its group of keys: `FactMatrix` -> "Fact matrix"."""
    words = re.findall(r"[A-Z][a-z0-9]*", type(screen).__name__.removesuffix("Screen"))
    return " ".join(words).capitalize() or "This screen"


def key_groups(screen: Screen) -> list[KeyGroup]:
    """The keys of `screen`, grouped: (title, rows) in the order help shows them."""
    groups: Mapping[str, Sequence[str]] = getattr(screen, "HELP_GROUPS", None) or {}
    group_of = {action_id: title for title, ids in groups.items() for action_id in ids}
    own_title = screen_title(screen) if not groups else OTHER_GROUP
    titles = [*groups, *(t for t in (own_title, APP_GROUP, OTHER_GROUP) if t not in groups)]
    # Each key with where it goes in its group: first the order of HELP_GROUPS, then
    # that of the bindings.
    collected: dict[str, list[tuple[tuple[int, ...], LiveKey]]] = {t: [] for t in titles}
    for live in live_bindings(screen):
        action_id = live.binding.id
        if action_id in group_of:
            title = group_of[action_id]
            collected[title].append(((0, groups[title].index(action_id)), live))
        else:
            is_app = live.node is screen.app or live.binding.action.startswith("app.")
            collected[APP_GROUP if is_app else own_title].append(((1, *live.rank), live))
    return [
        (title, _rows(screen, [live for _, live in sorted(entries, key=lambda e: e[0])]))
        for title, entries in collected.items()
        if entries
    ]


def _rows(screen: Screen, keys_in_order: Iterable[LiveKey]) -> list[Row]:
    merged: dict[str, list[str]] = {}
    for _, key, binding, _ in keys_in_order:
        keys = merged.setdefault(binding.description, [])
        display = screen.app.get_key_display(binding.with_key(key))
        if display not in keys:
            keys.append(display)
    return [(", ".join(keys), description) for description, keys in merged.items()]


def keys_table(groups: Iterable[KeyGroup]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for number, (title, rows) in enumerate(groups):
        if number:
            table.add_row()
        table.add_row(Text(title, "bold underline"), Text())
        for keys, description in rows:
            table.add_row(Text(keys), Text(description))
    return table


def marks_table() -> Table:
    """What the marks on screen mean: the legend under the keys."""
    basis = ", ".join(f"{BASIS_WORDS[k]} = {BASIS_LABELS[k]}" for k in BASIS_WORDS)
    rows = [
        (
            fact_marker([4]) + " " + fact_marker([2, 12]),
            "a shared fact (its number): another report states it too; underlined",
        ),
        (UNIQUE_MARK, "a sentence no other report states (unique)"),
        (DIFFERS, "the fact's reports give other numbers, times or dates"),
        (SOURCE_MARK.strip(), "who the paragraph cites: its sources"),
        (TOPIC_MARK.strip(), "the paragraph's topics"),
        (WIRE_MARK.strip(), "other reports print this paragraph near word for word"),
        (LINK_MARK, "a link in the text"),
        ("basis", f"in the fact matrix, what a fact rests on: {basis}"),
    ]
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    table.add_row(Text("Marks", "bold underline"), Text())
    for mark, meaning in rows:
        table.add_row(Text(mark), Text(meaning))
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = bindings_for("help")

    def __init__(self, groups: list[KeyGroup]) -> None:
        super().__init__()
        self.groups = groups

    @property
    def rows(self) -> list[Row]:
        """Every row of every group, in order."""
        return [row for _, rows in self.groups for row in rows]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            # The hint is on top: with many keys the end of the list is out of view.
            title = Text("Keys", style="bold")
            title.append(f"  ·  {self.closing_keys()} closes this help", style="dim")
            yield Static(title, id="help-title")
            yield Static(keys_table(self.groups), id="help-keys")
            yield Static(marks_table(), id="help-marks")

    def closing_keys(self) -> str:
        """The keys that close help, as bound now: "esc, q, ? or f1"."""
        keys: list[str] = []
        for live in live_bindings(self):
            if live.binding.id in CLOSING:
                display = self.app.get_key_display(live.binding.with_key(live.key))
                if display not in keys:
                    keys.append(display)
        return joined(keys, "or")

    def action_scroll_down(self) -> None:
        self.query_one(VerticalScroll).scroll_down(animate=False, immediate=True)

    def action_scroll_up(self) -> None:
        self.query_one(VerticalScroll).scroll_up(animate=False, immediate=True)
