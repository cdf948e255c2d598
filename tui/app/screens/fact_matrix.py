"""The fact matrix: one row per shared fact, one column per report that carries any.

Each cell is that report's wording of the fact (its sentences, as the reader shows
them, wrapped to the column and cut after a few lines) or "—" when the report does not
state it. Rows come in `Corpus.facts` order: facts most reports carry first. A "≠"
marks facts whose reports give different numbers or dates; the lines under the table
give the highlighted fact in full, with those differences. `enter` closes the matrix
and shows the fact side by side in the reader.

The table holds as many report columns as fit the screen; `h`/`l` (or ←/→) scroll
through the others a column at a time, and when the cursor rests on a fact none of
whose reports is in view, the columns scroll to it. A `DataTable` draws every column
of a row on every repaint, so a thousand report columns at once would make each
keypress crawl.

Every cell is report text: built as `Text`, never markup.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.cells import cell_len, chop_cells
from rich.console import Console, ConsoleOptions, RenderResult
from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Resize
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Static

from tui.app.fact_view import FactIndex, sentence_wording
from tui.app.widgets.pane_header import outlet_name
from tui.app.widgets.quiet_footer import QuietFooter
from tui.model.corpus import Corpus
from tui.model.document import Report
from tui.model.facts import Fact
from tui.textsafe import safe_text

ABSENT = "—"
DIFFERS = "≠"
ELLIPSIS = "…"
# Sentences of one report stating the same fact are joined by this.
JOINER = " / "
MAX_CELL_LINES = 3
# Report columns share the screen's width, within these bounds (cells).
REPORT_WIDTH = (24, 120)
# The fixed columns on the left: fact number, how many reports carry it, "≠".
FIXED_COLUMNS = (("fact", 4), ("in", 3), (DIFFERS, 1))
CELL_PADDING = 1
# The lines under the table give at most this many reports' wordings (a fact in
# hundreds of reports would take long to lay out, and the lines show only a few).
DETAILED_REPORTS = 6
# Seconds the cursor rests on a fact before the columns scroll to its reports.
BRING_DELAY = 0.3
# The vertical scrollbar.
SCROLLBAR = 1


class Cell:
    """A table cell: `Text` the table draws but never measures. Every column has a
    fixed width, and measuring each cell of thousands of rows (which `DataTable` does
    for any cell that can be measured) took most of the time to build the table."""

    __slots__ = ("text",)

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.text


def carrying_reports(corpus: Corpus) -> list[Report]:
    """The reports that state at least one fact, in corpus order."""
    carried = {report_id for fact in corpus.facts for report_id in fact.reports}
    return [report for report in corpus.reports if report.id in carried]


def fact_wordings(corpus: Corpus, index: FactIndex) -> dict[str, dict[str, str]]:
    """Each report's wording of each fact (its sentences joined): fact id -> report id
    -> wording."""
    sentences: dict[str, str] = {}
    for report in corpus.reports:
        for paragraph in report.paragraphs:
            for sentence in paragraph.sentences:
                if sentence.id in index.places:
                    sentences[sentence.id] = sentence_wording(report, paragraph, sentence)
    found: dict[str, dict[str, str]] = {}
    for fact in corpus.facts:
        said: dict[str, list[str]] = {}
        for sentence_id in fact.sentences:
            said.setdefault(index.places[sentence_id][0], []).append(sentences[sentence_id])
        found[fact.id] = {report_id: JOINER.join(parts) for report_id, parts in said.items()}
    return found


def report_columns(screen_width: int, reports: int) -> tuple[int, int]:
    """How many report columns fit the screen, and how wide each is."""
    fixed = sum(width + 2 * CELL_PADDING for _, width in FIXED_COLUMNS)
    room = max(screen_width - fixed - SCROLLBAR, 0)
    low, high = REPORT_WIDTH
    count = max(1, min(reports, room // (low + 2 * CELL_PADDING)))
    width = room // count - 2 * CELL_PADDING
    return count, max(low, min(width, high))


def wrap_cells(text: str, width: int, lines: int = MAX_CELL_LINES) -> list[str]:
    """`text` (one line) wrapped at spaces to `width` cells, words longer than a line
    cut; after `lines` lines the rest becomes an ellipsis. Faster than Rich's `wrap`,
    which matters with thousands of cells."""
    rows: list[str] = []
    current, used = "", 0
    for word in text.split():
        size = cell_len(word)
        if current and used + 1 + size <= width:
            current, used = f"{current} {word}", used + 1 + size
            continue
        if current:
            rows.append(current)
        pieces = chop_cells(word, width) if size > width else [word]
        rows.extend(pieces[:-1])
        current, used = pieces[-1], cell_len(pieces[-1])
        if len(rows) >= lines:
            break
    else:
        if current:
            rows.append(current)
        return rows
    kept = rows[:lines]
    last = kept[-1]
    while last and cell_len(last) + 1 > width:
        last = last[:-1]
    kept[-1] = last.rstrip() + ELLIPSIS
    return kept


def fact_details(
    fact: Fact, number: int, reports: Sequence[Report], said: Mapping[str, str]
) -> Text:
    """The highlighted fact in full: its differences, then each report's wording
    (`said`, by report id)."""
    carried = len(fact.reports)
    text = Text(end="")
    text.append(f"f{number}", "bold")
    text.append(f" · in {carried} report{'s' if carried != 1 else ''} · match {fact.score:.2f}")
    for discrepancy in fact.discrepancies:
        text.append(f"\n{DIFFERS} {safe_text(discrepancy.kind)}: ", "bold")
        text.append(" ".join(safe_text(discrepancy.detail).split()))
    stating = [report for report in reports if report.id in said]
    for report in stating[:DETAILED_REPORTS]:
        text.append(f"\n{outlet_name(report)}: ", "bold")
        text.append(said[report.id])
    if len(stating) > DETAILED_REPORTS:
        text.append(f"\n… and {len(stating) - DETAILED_REPORTS} more reports", "dim")
    return text


class FactMatrix(Screen[str | None]):
    """Dismissed with the chosen fact's id (enter), or None (escape, q)."""

    BINDINGS = [
        Binding("escape,q", "close", "Close"),
        # Priority: the table's own enter, ← and → would not do what these do.
        Binding("enter", "choose", "Show in reader", priority=True),
        Binding("l,right", "scroll_reports(1)", "Next report column", show=False, priority=True),
        Binding(
            "h,left", "scroll_reports(-1)", "Previous report column", show=False, priority=True
        ),
        Binding("j", "move(1)", "Next fact", show=False),
        Binding("k", "move(-1)", "Previous fact", show=False),
        Binding("g", "move(-1_000_000)", "First fact", show=False),
        Binding("G", "move(1_000_000)", "Last fact", show=False),
        Binding("question_mark", "app.help", "Help", key_display="?"),
    ]

    def __init__(self, corpus: Corpus, index: FactIndex, fact_styles: Sequence[Style] = ()) -> None:
        super().__init__()
        self.corpus = corpus
        self.index = index
        self.fact_styles = tuple(fact_styles)
        self.reports = carrying_reports(corpus)
        self.wordings = fact_wordings(corpus, index)
        # The report columns in view: self.reports[first : first + count].
        self.first = 0
        self.count = 0
        self.column_width = 0
        self._bring_timer: Timer | None = None
        # The row the cursor was last seen on: building the table highlights a row,
        # which is no move of the user's.
        self._cursor_row = 0

    def compose(self) -> ComposeResult:
        yield Static(id="matrix-title")
        yield DataTable(
            id="matrix-table",
            cursor_type="row",
            fixed_columns=len(FIXED_COLUMNS),
            cell_padding=CELL_PADDING,
            zebra_stripes=True,
        )
        yield Static(id="matrix-details")
        yield QuietFooter()

    def on_mount(self) -> None:
        if self.corpus.facts:  # start on the first fact's reports
            ids = [report.id for report in self.reports]
            self.first = ids.index(self.corpus.facts[0].reports[0])
        self._fit(self.app.size.width)
        self.table.focus()

    def on_resize(self, event: Resize) -> None:
        self._fit(event.size.width)

    def _fit(self, screen_width: int) -> None:
        fit = report_columns(screen_width, len(self.reports))
        if fit != (self.count, self.column_width):
            self.count, self.column_width = fit
            self.first = min(self.first, max(len(self.reports) - self.count, 0))
            self._build()

    @property
    def table(self) -> DataTable[Cell]:
        return self.query_one("#matrix-table", DataTable)

    @property
    def shown_reports(self) -> list[Report]:
        return self.reports[self.first : self.first + self.count]

    def _build(self) -> None:
        table = self.table
        keep = table.cursor_row if table.row_count else 0
        width, shown = self.column_width, self.shown_reports
        table.clear(columns=True)
        for label, fixed in FIXED_COLUMNS:
            table.add_column(Text(label, "bold"), width=fixed)
        for report in shown:
            label = Text(f"{report.id} {outlet_name(report)}", "bold", no_wrap=True)
            label.truncate(width, overflow="ellipsis")
            table.add_column(label, width=width, key=report.id)
        absent, differs, same = Cell(Text(ABSENT, "dim")), Cell(Text(DIFFERS, "bold")), Cell(Text())
        for number, fact in enumerate(self.corpus.facts, start=1):
            said = self.wordings[fact.id]
            cells = [wrap_cells(said[r.id], width) if r.id in said else None for r in shown]
            table.add_row(
                Cell(Text(f"f{number}", self._number_style(number))),
                Cell(Text(str(len(fact.reports)), justify="right")),
                differs if fact.discrepancies else same,
                *(
                    absent if rows is None else Cell(Text("\n".join(rows), end=""))
                    for rows in cells
                ),
                height=max((len(rows) for rows in cells if rows), default=1),
                key=fact.id,
            )
        self._show_title()
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1), animate=False)
        self._show_details()

    def _show_title(self) -> None:
        facts, total = len(self.corpus.facts), len(self.reports)
        title = Text(end="")
        title.append("Shared facts", "bold")
        title.append(
            f"  {facts} fact{'s' if facts != 1 else ''} in {total} of "
            f"{len(self.corpus.reports)} reports · match ≥{self.corpus.fact_threshold:.2f}"
        )
        if self.count < total:
            last = self.first + self.count
            title.append(f" · reports {self.first + 1}-{last} of {total}, h/l scroll")
        self.query_one("#matrix-title", Static).update(title)

    def _number_style(self, number: int) -> Style:
        if not self.fact_styles:
            return Style(bold=True)
        style = self.fact_styles[(number - 1) % len(self.fact_styles)]
        return style + Style(bold=True, underline=False)

    @property
    def highlighted_fact(self) -> Fact | None:
        table = self.table
        if not table.row_count:
            return None
        return self.corpus.facts[table.cursor_row]

    def _show_details(self) -> None:
        fact = self.highlighted_fact
        details = self.query_one("#matrix-details", Static)
        if fact is None:
            details.update(Text("No shared facts."))
            return
        number = self.table.cursor_row + 1
        details.update(fact_details(fact, number, self.reports, self.wordings[fact.id]))

    @on(DataTable.RowHighlighted, "#matrix-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_details()
        if event.cursor_row == self._cursor_row:
            return
        self._cursor_row = event.cursor_row
        if self._bring_timer is not None:
            self._bring_timer.stop()
        # Once the cursor rests: rebuilding the columns on every j would lag.
        self._bring_timer = self.set_timer(BRING_DELAY, self._bring_reports_into_view)

    def _bring_reports_into_view(self) -> None:
        """When none of the highlighted fact's reports is in view, scroll to its first."""
        self._bring_timer = None
        fact = self.highlighted_fact
        shown = {report.id for report in self.shown_reports}
        if fact is not None and not shown.intersection(fact.reports):
            ids = [report.id for report in self.reports]
            self._scroll_to(ids.index(fact.reports[0]))

    @on(DataTable.RowSelected, "#matrix-table")
    def _clicked(self) -> None:
        self.action_choose()

    def _scroll_to(self, first: int) -> None:
        first = max(0, min(first, len(self.reports) - self.count))
        if first != self.first:
            self.first = first
            self._build()

    # ------------------------------------------------------------------ actions

    def action_choose(self) -> None:
        fact = self.highlighted_fact
        if fact is not None:
            self.dismiss(fact.id)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_move(self, step: int) -> None:
        table = self.table
        if table.row_count:
            row = max(0, min(table.cursor_row + step, table.row_count - 1))
            table.move_cursor(row=row, animate=False)

    def action_scroll_reports(self, step: int) -> None:
        self._scroll_to(self.first + step)
