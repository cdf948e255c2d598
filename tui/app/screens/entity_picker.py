"""Pick entities to filter the reader by; merge and split entities by hand.

Focus starts in the search field: typing filters the list (fuzzy), enter applies.
↓ (or tab) moves into the list, where space selects several entities, `m` marks one
entity and then merges it with a second, and `s` splits a spelling off. Typing a letter
in the list starts a new search (the selection stays); backspace edits the old one.
Every name is report text: drawn as `Text`, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.app.entity_filter import display_name, match_entities, remap_entity_ids
from tui.app.messages import CorrectionRequested
from tui.app.screens.alias_picker import AliasPicker
from tui.model.corpus import Corpus
from tui.model.entities import Entity

# Options beyond this are left out (type to narrow): building thousands of options on
# every keypress would make typing lag on a large corpus.
MAX_SHOWN = 200
NAME_WIDTH = (12, 32)
REPORT_COUNTS_SHOWN = 6

SELECTED_MARK = "● "
MERGE_MARK = "⇄ "
INPUT_HINT = "type to search · ↓ list · enter filter · esc cancel"
LIST_HINT = "space select · enter filter · m merge · s split · esc cancel"
BUSY_NOTE = "Analysis still running"


@dataclass(frozen=True, slots=True)
class PickedEntities:
    """The picker's answer: entity ids, valid in `corpus`."""

    corpus: Corpus
    entity_ids: tuple[str, ...]


def report_counts_label(entity: Entity) -> str:
    """ "r1:4 r2:3", the busiest reports first when there are many."""
    counts = list(entity.report_counts)
    if len(counts) > REPORT_COUNTS_SHOWN:
        counts.sort(key=lambda item: -item[1])
        rest = len(counts) - REPORT_COUNTS_SHOWN
        shown = " ".join(f"{r}:{n}" for r, n in counts[:REPORT_COUNTS_SHOWN])
        return f"{shown} +{rest} more"
    return " ".join(f"{r}:{n}" for r, n in counts)


def name_column_width(entities: Sequence[Entity]) -> int:
    """One width for the whole corpus, so the columns stay put while typing."""
    longest = max((cell_len(display_name(e.name)) for e in entities), default=0)
    return min(max(longest, NAME_WIDTH[0]), NAME_WIDTH[1])


def entity_prompt(entity: Entity, name_width: int, selected: bool, marked: bool) -> Text:
    """One row: mark, name, type, mentions, per-report counts."""
    name = display_name(entity.name)
    if cell_len(name) > name_width:
        name = set_cell_size(name, name_width - 1) + "…"
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    text.append(SELECTED_MARK if selected else "  ", "bold")
    text.append(set_cell_size(name, name_width), "bold" if selected else "")
    text.append(f" {entity.type:<6}", "dim")
    text.append(f" {entity.mentions:>4}  ")
    text.append(report_counts_label(entity), "dim")
    if marked:
        text.append("  " + MERGE_MARK + "merge with…", "bold")
    return text


def entity_details(entity: Entity, report_names: dict[str, str]) -> Text:
    """Spellings and why they were merged, for the highlighted entity."""
    text = Text(end="")
    text.append(display_name(entity.name), "bold")
    reports = len(entity.reports)
    text.append(
        f"  {entity.type} · {entity.mentions} mention{'s' if entity.mentions != 1 else ''}"
        f" in {reports} report{'s' if reports != 1 else ''}"
    )
    if entity.report_counts:
        text.append(" (")
        for index, (report_id, count) in enumerate(entity.report_counts[:REPORT_COUNTS_SHOWN]):
            if index:
                text.append(", ")
            text.append(f"{report_id} {display_name(report_names.get(report_id, ''))}: {count}")
        if len(entity.report_counts) > REPORT_COUNTS_SHOWN:
            text.append(", …")
        text.append(")")
    text.append("\nSpellings: ", "bold")
    text.append(", ".join(display_name(alias) for alias in entity.aliases) or "—")
    text.append("\nWhy merged: ", "bold")
    reasons = [display_name(str(reason)) for reason in entity.merged_because]
    text.append("; ".join(reasons) if reasons else "one spelling, nothing merged")
    return text


class EntityPicker(ModalScreen[PickedEntities | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        # Priority: enter applies from the search field and from the list alike.
        Binding("enter", "apply", "Filter", priority=True),
        Binding("space", "toggle_selected", "Select"),
        Binding("m", "merge", "Merge"),
        Binding("s", "split", "Split"),
        Binding("down", "focus_list", "List", show=False),
    ]

    def __init__(self, corpus: Corpus, selected: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.corpus = corpus
        self.selected: list[str] = list(selected)
        self.merge_from: str | None = None
        self.busy = False
        self.matches: list[Entity] = []
        self.name_width = name_column_width(corpus.entities)

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Input(
                placeholder="Type a name…",
                select_on_focus=False,
                compact=True,
                id="picker-query",
            )
            yield OptionList(id="picker-list", markup=False)
            yield Static(id="picker-details")
            yield Static(Text(INPUT_HINT), id="picker-hint")

    def on_mount(self) -> None:
        self.query_one("#picker", Vertical).border_title = "Filter by entity"
        self._rebuild()
        self.query_one(Input).focus()

    # ------------------------------------------------------------------ state

    @property
    def option_list(self) -> OptionList:
        return self.query_one("#picker-list", OptionList)

    @property
    def highlighted_entity(self) -> Entity | None:
        index = self.option_list.highlighted
        if index is None or index >= len(self.matches):
            return None
        return self.matches[index]

    def set_corpus(self, corpus: Corpus) -> None:
        """A new analysis arrived (after a correction): same query, remapped choices."""
        old = self.corpus
        current = self.highlighted_entity
        self.corpus = corpus
        self.name_width = name_column_width(corpus.entities)
        self.selected = list(remap_entity_ids(old, corpus, self.selected))
        self.merge_from = None
        self.busy = False
        keep = remap_entity_ids(old, corpus, [current.id]) if current else ()
        self._rebuild(keep[0] if keep else None)

    def _rebuild(self, highlight_id: str | None = None) -> None:
        query = self.query_one(Input).value
        found = match_entities(self.corpus.entities, query)
        self.matches = found[:MAX_SHOWN]
        options: list[Option] = [
            Option(self._prompt(entity), id=entity.id) for entity in self.matches
        ]
        if len(found) > MAX_SHOWN:
            more = Text(f"  … {len(found) - MAX_SHOWN} more: type to narrow", "dim")
            options.append(Option(more, disabled=True))
        option_list = self.option_list
        option_list.set_options(options)
        if self.matches:
            ids = [e.id for e in self.matches]
            option_list.highlighted = ids.index(highlight_id) if highlight_id in ids else 0
        self._show_details()

    def _prompt(self, entity: Entity) -> Text:
        return entity_prompt(
            entity, self.name_width, entity.id in self.selected, entity.id == self.merge_from
        )

    def _refresh_prompt(self, entity_id: str) -> None:
        for index, entity in enumerate(self.matches):
            if entity.id == entity_id:
                self.option_list.replace_option_prompt_at_index(index, self._prompt(entity))

    def _show_details(self) -> None:
        details = self.query_one("#picker-details", Static)
        entity = self.highlighted_entity
        if entity is None:
            details.update(Text("No entity matches.", "italic"))
            return
        names = {report.id: report.source for report in self.corpus.reports}
        text = entity_details(entity, names)
        if self.busy:
            text.append(f"\n{BUSY_NOTE}: finding entities again…", "italic")
        details.update(text)

    # ------------------------------------------------------------------ events

    @on(Input.Changed, "#picker-query")
    def _query_changed(self) -> None:
        self._rebuild()

    @on(OptionList.OptionHighlighted, "#picker-list")
    def _highlight_changed(self) -> None:
        self._show_details()

    @on(OptionList.OptionSelected, "#picker-list")
    def _clicked(self) -> None:
        # Enter is taken by the apply binding, so this is a mouse click: toggle.
        self.action_toggle_selected()

    def on_descendant_focus(self) -> None:
        in_list = self.focused is self.option_list
        self.query_one("#picker-hint", Static).update(Text(LIST_HINT if in_list else INPUT_HINT))

    def on_key(self, event: events.Key) -> None:
        """In the list, ↑ on the first row and typing go back to the search field."""
        if self.focused is not self.option_list:
            return
        search = self.query_one(Input)
        if event.key == "up" and not self.option_list.highlighted:
            event.stop()
            search.focus()
        elif event.key == "backspace":
            event.stop()
            search.focus()
            search.action_delete_left()
        elif event.is_printable and event.character and event.key not in ("space", "m", "s"):
            # A new search: the selection is kept, so search, select, search again.
            event.stop()
            search.focus()
            search.value = event.character
            search.cursor_position = len(search.value)

    # ------------------------------------------------------------------ actions

    def action_focus_list(self) -> None:
        if self.matches:
            self.option_list.focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_apply(self) -> None:
        chosen = tuple(self.selected)
        if not chosen:
            entity = self.highlighted_entity
            if entity is None:
                self.notify("No entity matches: nothing to filter by", timeout=3)
                return
            chosen = (entity.id,)
        self.dismiss(PickedEntities(self.corpus, chosen))

    def action_toggle_selected(self) -> None:
        entity = self.highlighted_entity
        if entity is None:
            return
        if entity.id in self.selected:
            self.selected.remove(entity.id)
        else:
            self.selected.append(entity.id)
        self._refresh_prompt(entity.id)

    def action_merge(self) -> None:
        entity = self.highlighted_entity
        if entity is None:
            return
        if self.busy:
            self.notify(BUSY_NOTE, timeout=3)
            return
        first = self.merge_from
        if first is None or first == entity.id:
            self.merge_from = None if first == entity.id else entity.id
            self._refresh_prompt(entity.id)
            if self.merge_from:
                self.notify(
                    f"Merge {display_name(entity.name)} with…: press m on another entity",
                    timeout=4,
                    markup=False,
                )
            else:
                self.notify("Merge cancelled", timeout=2)
            return
        self.merge_from = None
        self._refresh_prompt(first)
        first_name = self.corpus.entity(first).name
        self._request("merge", (first_name, entity.name))

    def action_split(self) -> None:
        entity = self.highlighted_entity
        if entity is None:
            return
        if self.busy:
            self.notify(BUSY_NOTE, timeout=3)
            return
        if len(entity.aliases) < 2:
            self.notify(
                f"{display_name(entity.name)} has one spelling: nothing to split off",
                timeout=4,
                markup=False,
            )
            return

        def split(alias: str | None) -> None:
            if alias is not None:
                self._request("split", (alias,))

        self.app.push_screen(AliasPicker(entity), split)

    def _request(self, kind: Literal["merge", "split"], forms: tuple[str, ...]) -> None:
        self.busy = True
        self._show_details()
        self.post_message(CorrectionRequested(kind, forms))
