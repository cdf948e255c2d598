"""Pick items to filter the reader by: a search field over a list, several at once.

The base of the entity, source and topic pickers. Focus starts in the search field:
typing filters the list (fuzzy), enter applies. ↓ (or tab) moves into the list, where
space selects several items. Typing a letter in the list starts a new search (the
selection stays); backspace edits the old one. Each row is a mark, a name, a kind, a
count and a dim note; the lines under the list give the highlighted item's details,
wrapped: when they are longer than their room, tab from the list moves into them and
↑ ↓ scroll them (their top border says so). Every name is report text: drawn as `Text`,
never as markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar, Generic, Protocol, TypeVar

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.app.actions import bindings_for
from tui.model.corpus import Corpus
from tui.query.search import match_items
from tui.textsafe import safe_line

# Options beyond this are left out (type to narrow): building thousands of options on
# every keypress would make typing lag on a large corpus.
MAX_SHOWN = 200
NAME_WIDTH = (12, 32)
KIND_WIDTH = 6
SELECTED_MARK = "● "


class Pickable(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...


T = TypeVar("T", bound=Pickable)


@dataclass(frozen=True, slots=True)
class Picked:
    """A picker's answer: item ids, valid in `corpus`."""

    corpus: Corpus
    ids: tuple[str, ...]


def name_column_width(names: Iterable[str]) -> int:
    """One width for all items, so the columns stay put while typing."""
    longest = max((cell_len(safe_line(name)) for name in names), default=0)
    return min(max(longest, NAME_WIDTH[0]), NAME_WIDTH[1])


def picker_row(
    name: str,
    name_width: int,
    selected: bool,
    kind: str,
    count: int,
    note: str,
    kind_width: int = KIND_WIDTH,
    suffix: str = "",
) -> Text:
    """One row: selection mark, name, kind, count, a dim note, a bold suffix."""
    name = safe_line(name)
    if cell_len(name) > name_width:
        name = set_cell_size(name, name_width - 1) + "…"
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    text.append(SELECTED_MARK if selected else "  ", "bold")
    text.append(set_cell_size(name, name_width), "bold" if selected else "")
    text.append(f" {kind:<{kind_width}}", "dim")
    text.append(f" {count:>4}  ")
    text.append(note, "dim")
    if suffix:
        text.append("  " + suffix, "bold")
    return text


class DetailsView(VerticalScroll):
    """The highlighted item's details, under the list. A stop for tab only when they
    are longer than their room: then its border says how to read the rest."""

    MORE = "tab: all details"

    def allow_focus(self) -> bool:
        return self.max_scroll_y > 0

    def show(self, details: Text) -> None:
        self.query_one(Static).update(details)
        self.scroll_home(animate=False, immediate=True)

    def watch_show_vertical_scrollbar(self, more: bool) -> None:
        """The scrollbar comes and goes with what does not fit (new details, a resize)."""
        self.border_title = Text(self.MORE) if more else None


class ItemPicker(ModalScreen[Picked | None], Generic[T]):
    """Subclasses give the items (`all_items`), their rows and details."""

    BINDINGS: ClassVar[list[BindingType]] = bindings_for("picker")
    # What is picked ("entity", "source", "topic"): for titles and notices.
    NOUN = "item"
    PICKER_TITLE = "Filter"
    PLACEHOLDER = "Type a name…"
    INPUT_HINT = "type to search · ↓ list · enter filter · esc cancel"
    LIST_HINT = "space select · enter filter · esc cancel"
    DETAILS_HINT = "↑ ↓ scroll details · tab search · enter filter · esc cancel"
    # Keys the list keeps for itself; other printable keys start a new search.
    LIST_KEYS: ClassVar[tuple[str, ...]] = ("space",)

    def __init__(self, corpus: Corpus, selected: Sequence[str] = ()) -> None:
        super().__init__()
        self.corpus = corpus
        self.selected: list[str] = list(selected)
        self.matches: list[T] = []
        self.name_width = name_column_width(item.name for item in self.all_items())

    # ------------------------------------------------------------------ to override

    def all_items(self) -> Sequence[T]:
        raise NotImplementedError

    def search_forms(self, item: T) -> Iterable[str]:
        return (item.name,)

    def match(self, query: str) -> list[T]:
        """The items matching `query`, best first."""
        return match_items(self.all_items(), query, self.search_forms)

    def row(self, item: T, selected: bool) -> Text:
        raise NotImplementedError

    def details(self, item: T) -> Text:
        raise NotImplementedError

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Input(
                placeholder=self.PLACEHOLDER,
                select_on_focus=False,
                compact=True,
                id="picker-query",
            )
            yield OptionList(id="picker-list", markup=False)
            with DetailsView(id="picker-details-view"):
                yield Static(id="picker-details")
            yield Static(Text(self.INPUT_HINT), id="picker-hint")

    def on_mount(self) -> None:
        # One repaint for the whole set-up, not one per change (bytes over SSH).
        with self.app.batch_update():
            self.query_one("#picker", Vertical).border_title = self.PICKER_TITLE
            self._rebuild()
            query = self.query_one(Input)
            # A blinking cursor repaints twice a second: not over a slow link.
            query.cursor_blink = not getattr(self.app, "low_bandwidth", False)
            query.focus()

    # ------------------------------------------------------------------ state

    @property
    def option_list(self) -> OptionList:
        return self.query_one("#picker-list", OptionList)

    @property
    def highlighted_item(self) -> T | None:
        index = self.option_list.highlighted
        if index is None or index >= len(self.matches):
            return None
        return self.matches[index]

    def _rebuild(self, highlight_id: str | None = None) -> None:
        found = self.match(self.query_one(Input).value)
        self.matches = found[:MAX_SHOWN]
        options = [Option(self._row(item), id=item.id) for item in self.matches]
        if len(found) > MAX_SHOWN:
            more = Text(f"  … {len(found) - MAX_SHOWN} more: type to narrow", "dim")
            options.append(Option(more, disabled=True))
        option_list = self.option_list
        option_list.set_options(options)
        if self.matches:
            ids = [item.id for item in self.matches]
            option_list.highlighted = ids.index(highlight_id) if highlight_id in ids else 0
        self._show_details()

    def _row(self, item: T) -> Text:
        return self.row(item, item.id in self.selected)

    def _refresh_row(self, item_id: str) -> None:
        for index, item in enumerate(self.matches):
            if item.id == item_id:
                self.option_list.replace_option_prompt_at_index(index, self._row(item))

    def _show_details(self) -> None:
        item = self.highlighted_item
        if item is None:
            self.query_one(DetailsView).show(Text(f"No {self.NOUN} matches.", "italic"))
        else:
            self.query_one(DetailsView).show(self.details(item))

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
        hint = self.INPUT_HINT
        if self.focused is self.option_list:
            hint = self.LIST_HINT
        elif isinstance(self.focused, DetailsView):
            hint = self.DETAILS_HINT
        self.query_one("#picker-hint", Static).update(Text(hint))

    def on_key(self, event: events.Key) -> None:
        """In the list, ↑ on the first row goes back to the search field; there and in
        the details, typing does too."""
        if not (self.focused is self.option_list or isinstance(self.focused, DetailsView)):
            return
        search = self.query_one(Input)
        if event.key == "up" and self.focused is self.option_list:
            if self.option_list.highlighted:
                return
            event.stop()
            search.focus()
        elif event.key == "backspace":
            event.stop()
            search.focus()
            search.action_delete_left()
        elif event.is_printable and event.character and event.key not in self.LIST_KEYS:
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
            item = self.highlighted_item
            if item is None:
                self.notify(f"No {self.NOUN} matches: nothing to filter by", timeout=3)
                return
            chosen = (item.id,)
        self.dismiss(Picked(self.corpus, chosen))

    def action_toggle_selected(self) -> None:
        item = self.highlighted_item
        if item is None:
            return
        if item.id in self.selected:
            self.selected.remove(item.id)
        else:
            self.selected.append(item.id)
        self._refresh_row(item.id)
