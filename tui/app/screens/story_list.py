"""The story list: every story with its reports, outlets, date span and shared facts,
to choose the one to read. With more than one story the reader opens on it.

Typing in the box above the table filters the stories (title, outlets); `↓` moves into
the table, on to the row after the highlighted one. `ctrl+f` (or `e` in the table)
keeps the stories naming chosen entities, with the reader's entity picker: the filter
is the reader's own entity filter, which spans stories, so the story opened next shows
those entities marked. In the table `c` clears it and `a` asks for stories naming any
or all of them. `ctrl+s` sorts by the next column and `ctrl+r` reverses the order, from
the box and the table alike; in the table `1`..`5` sort by a column (again to reverse)
and `0` goes back to the stories' own order (largest first). `enter` dismisses the
list with the chosen story's id, `escape` with None (back to the reader as it was);
either way the reader keeps the sort and the filter text (`order`) and opens the list
with them the next time.

Titles are cut to fit the title column, which takes the width the other columns leave
(the lines under the table give the highlighted story's title in up to two lines).
Every cell is report text: built as `Text`, never markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.events import Resize
from textual.widgets import DataTable, Input, Static

from tui.app.actions import bindings_for, keys_for
from tui.app.fit import fit, fit_lines
from tui.app.screens.table_screen import TableScreen
from tui.app.table_cell import Cell
from tui.app.widgets.quiet_footer import QuietFooter
from tui.model.corpus import Corpus
from tui.query.entities import EntityFilter, describe_entities, remap_entity_ids
from tui.query.stories import (
    LARGEST_FIRST,
    STORY_COLUMNS,
    StoryOrder,
    StoryRow,
    filter_story_rows,
    sort_story_rows,
    stories_mentioning,
    story_rows,
)
from tui.wording import joined

PENDING = "…"
# Each column's header, short (80 columns hold them all), and its name in "sorted by".
HEADERS = {
    "number": "#",
    "title": "title",
    "reports": "reports",
    "outlets": "outlets",
    "dates": "dates",
    "facts": "facts",
}
SORT_NAMES = {**HEADERS, "number": "story order", "facts": "shared facts"}
# Cells of padding each side of a column (the table's default), and the scrollbar's.
CELL_PADDING = 1
SCROLLBAR = 2
# The title column is at least this wide, however narrow the screen.
MIN_TITLE = 16
# The outlets named under the table for the highlighted story, at most.
OUTLETS_NAMED = 8
# The lines under the table (#story-list-details in app.tcss: three, padded a cell
# each side) give the highlighted story's title two at most: its counts stay in sight.
TITLE_LINES = 2
DETAILS_PADDING = 1
# Rows beyond this are left out (type to narrow, or sort the other way): a table row
# costs Textual a fifth of a millisecond, and filtering as you type rebuilds them all.
MAX_SHOWN = 400


def column_widths(rows: Sequence[StoryRow], screen_width: int) -> dict[str, int]:
    """Each column's width: the counts and dates as wide as their widest cell (or
    header), the title the rest of the screen."""
    cells = {
        "number": [str(row.number) for row in rows],
        "reports": [str(row.reports) for row in rows],
        "outlets": [str(len(row.outlets)) for row in rows],
        "dates": [row.dates for row in rows],
        "facts": [PENDING if row.facts is None else str(row.facts) for row in rows],
    }
    widths = {
        column: max((cell_len(HEADERS[column]), *(cell_len(c) for c in shown)))
        for column, shown in cells.items()
    }
    taken = sum(widths.values()) + 2 * CELL_PADDING * len(STORY_COLUMNS) + SCROLLBAR
    return {**widths, "title": max(MIN_TITLE, screen_width - taken)}


def row_cells(row: StoryRow, title_width: int) -> list[Cell]:
    facts = PENDING if row.facts is None else str(row.facts)
    cells = [
        Text(str(row.number), justify="right"),
        Text(fit(row.title, title_width), no_wrap=True),
        Text(str(row.reports), justify="right"),
        Text(str(len(row.outlets)), justify="right"),
        Text(row.dates, no_wrap=True),
        Text(facts, justify="right"),
    ]
    return [Cell(text) for text in cells]


def story_details(row: StoryRow, width: int = 0) -> Text:
    """The highlighted story: its title (whole, or cut between words to fit
    TITLE_LINES lines `width` cells wide; 0: any), then its reports, dates and
    outlets."""
    text = Text(end="")
    text.append(fit_lines(row.title, width, TITLE_LINES) if width else row.title, "bold")
    text.append(f"\nStory {row.number} · {row.reports} report{'s' if row.reports != 1 else ''}")
    if row.dates:
        text.append(f" · {row.dates}")
    if row.outlets:
        named = ", ".join(row.outlets[:OUTLETS_NAMED])
        more = len(row.outlets) - OUTLETS_NAMED
        text.append(" · ")
        text.append(named + (f" and {more} more" if more > 0 else ""), "dim")
    return text


class StoryList(TableScreen[str | None]):
    """Dismissed with the chosen story's id (enter), or None (escape)."""

    BINDINGS = bindings_for("story_list")
    sort_columns = STORY_COLUMNS

    def __init__(
        self,
        corpus: Corpus,
        facts_found: bool,
        entity_filter: EntityFilter,
        current: str | None = None,
        on_entities: Callable[[EntityFilter], None] | None = None,
        order: StoryOrder | None = None,
    ) -> None:
        """`corpus`: the whole analysis (its stories and entities), with its shared
        facts when `facts_found`; `entity_filter`: the reader's, handed back through
        `on_entities` whenever it changes here; `current`: the story open in the reader
        (the cursor starts on it); `order`: the sort and filter text to start with (as
        the list was left: see `order`)."""
        order = order or StoryOrder()
        super().__init__(order.column)
        self.reverse = order.reverse
        self.query_text = order.query
        self.corpus = corpus
        self.rows = story_rows(corpus, facts_found)
        self.entity_filter = entity_filter
        self.current = current
        self.on_entities = on_entities
        # The stories the entity filter keeps (None: no entity filter), for that filter.
        self._kept: tuple[EntityFilter, frozenset[str] | None] | None = None
        # The columns' widths as the table has them (None: no columns yet).
        self._widths: dict[str, int] | None = None
        # How many rows match (the table holds MAX_SHOWN of them at most).
        self.matching = 0

    def compose(self) -> ComposeResult:
        yield Static(id="story-list-title")
        yield Input(self.query_text, placeholder="Filter: title, outlet", id="story-list-filter")
        yield DataTable(id="story-list-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="story-list-details")
        yield QuietFooter()

    def on_mount(self) -> None:
        self._build(self.current)
        query = self.query_one(Input)
        # A blinking cursor repaints twice a second: not over a slow link.
        query.cursor_blink = not getattr(self.app, "low_bandwidth", False)
        query.focus()

    def on_resize(self, event: Resize) -> None:
        self._build()  # the titles are cut to the new width

    # ------------------------------------------------------------------ the rows

    @property
    def table(self) -> DataTable[Cell]:
        return self.query_one("#story-list-table", DataTable)

    @property
    def order(self) -> StoryOrder:
        """The list's sort and filter text now, for the reader to keep."""
        return StoryOrder(self.sort_column, self.reverse, self.query_text)

    @property
    def kept(self) -> frozenset[str] | None:
        """The stories naming the chosen entities (None: no entity filter)."""
        flt = self.entity_filter
        if self._kept is None or self._kept[0] != flt:
            found = None
            if flt.active:
                found = stories_mentioning(self.corpus, flt.entity_ids, flt.mode)
            self._kept = (flt, found)
        return self._kept[1]

    @property
    def shown(self) -> list[StoryRow]:
        rows = filter_story_rows(self.rows, self.query_text, self.kept)
        return sort_story_rows(rows, self.sort_column, self.reverse)

    def _build(self, keep: str | None = None) -> None:
        """Fill the table; the cursor stays on its story (or goes to `keep`) if shown.
        The columns are made again only when their widths change (a resize, new rows)."""
        table = self.table
        keep = keep or self.highlighted
        matching = self.shown
        self.matching = len(matching)
        shown = matching[:MAX_SHOWN]
        widths = column_widths(self.rows, self.size.width or self.app.size.width)
        with self.app.batch_update():
            if widths != self._widths:
                table.clear(columns=True)
                for column in STORY_COLUMNS:
                    label = Text(HEADERS[column], "bold")
                    table.add_column(label, key=column, width=widths[column])
                self._widths = widths
            else:
                table.clear()
            for row in shown:
                table.add_row(*row_cells(row, widths["title"]), key=row.id)
            if table.row_count:
                ids = [row.id for row in shown]
                at = ids.index(keep) if keep in ids else 0
                table.move_cursor(row=at, animate=False)
            self._show_title(len(shown))
            self._show_details()

    def _show_title(self, shown: int) -> None:
        total, matching = len(self.rows), self.matching
        title = Text(end="", no_wrap=True)
        title.append("Stories", "bold")
        title.append(f"  {matching} of {total} shown" if matching != total else f"  {total}")
        if shown < matching:
            title.append(f" · the first {shown} listed: type to narrow", "bold")
        if self.entity_filter.active:
            names = describe_entities(self.corpus, self.entity_filter)
            conjunction = "and" if self.entity_filter.mode == "all" else "or"
            title.append(" · naming ")
            title.append(joined(names, conjunction), "bold")
        descending = (self.sort_column in LARGEST_FIRST) != self.reverse
        arrow = "↓" if descending else "↑"
        title.append(f" · sorted by {SORT_NAMES[self.sort_column]} {arrow}")
        self.query_one("#story-list-title", Static).update(title)

    def _show_details(self) -> None:
        story_id = self.highlighted
        row = next((r for r in self.rows if r.id == story_id), None)
        if row is not None:
            width = (self.size.width or self.app.size.width) - 2 * DETAILS_PADDING
            details = story_details(row, width)
        elif self.entity_filter.active and not self.query_text:
            clear = keys_for(self, "story_list_clear_entities")
            details = Text(f"No story names them: {clear} in the list clears the filter")
        else:
            details = Text("No story matches.", "italic")
        self.query_one("#story-list-details", Static).update(details)

    @property
    def highlighted(self) -> str | None:
        table = self.table
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return None if key is None else str(key)

    def set_corpus(self, corpus: Corpus, facts_found: bool) -> None:
        """A new analysis (the next stage, or after a correction): the stories and
        their counts again, the entity filter carried over by name."""
        if self.entity_filter.active:
            ids = remap_entity_ids(self.corpus, corpus, self.entity_filter.entity_ids)
            self.entity_filter = EntityFilter(ids, self.entity_filter.mode)
        self.corpus = corpus
        self.rows = story_rows(corpus, facts_found)
        self._kept = None
        self._build()

    # ------------------------------------------------------------------ events

    @on(DataTable.RowHighlighted, "#story-list-table")
    def _highlighted(self) -> None:
        self._show_details()

    @on(DataTable.RowSelected, "#story-list-table")
    def _selected(self, event: DataTable.RowSelected) -> None:
        key = event.row_key.value
        if key is not None:
            self.dismiss(str(key))

    # ------------------------------------------------------------------ actions

    def action_open_story(self) -> None:
        story_id = self.highlighted
        if story_id is None:
            self.notify("No story matches: nothing to open", timeout=3)
            return
        self.dismiss(story_id)

    # ------------------------------------------------------------------ entities

    def action_pick_entities(self) -> None:
        if not self.corpus.entities:
            self.notify("No entities found in these reports", timeout=3)
            return
        from tui.app.screens.entity_picker import EntityPicker

        picker = EntityPicker(self.corpus, self.entity_filter.entity_ids)
        self.app.push_screen(picker, self._entities_picked)

    def _entities_picked(self, picked: object) -> None:
        from tui.app.screens.picker import Picked

        if not isinstance(picked, Picked):
            return
        ids = picked.ids
        if picked.corpus is not self.corpus:  # re-analysed while the picker was open
            ids = remap_entity_ids(picked.corpus, self.corpus, ids)
        self._set_entities(EntityFilter(ids, self.entity_filter.mode))

    def action_clear_entities(self) -> None:
        if not self.entity_filter.active:
            keys = keys_for(self, "story_list_entities")
            self.notify(f"No entity filter: {keys} keeps the stories naming one", timeout=3)
            return
        self._set_entities(EntityFilter(mode=self.entity_filter.mode))

    def action_toggle_match_mode(self) -> None:
        if not self.entity_filter.active:
            keys = keys_for(self, "story_list_entities")
            self.notify(f"No entity filter: {keys} keeps the stories naming one", timeout=3)
            return
        self._set_entities(self.entity_filter.toggled_mode())
        which = "all of" if self.entity_filter.mode == "all" else "any of"
        self.notify(f"Stories naming {which} the entities", timeout=2)

    def _set_entities(self, flt: EntityFilter) -> None:
        self.entity_filter = flt
        if self.on_entities is not None:
            self.on_entities(flt)
        self._build()
