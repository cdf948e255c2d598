"""The fact matrix: one row per shared fact, one column per report that carries any.

Each cell is that report's wording of the fact (its sentences, as the reader shows
them, wrapped to the column and cut after a few lines) or "—" when the report does not
state it. Rows come in `Corpus.facts` order: facts most reports carry first. A "≠"
marks facts whose reports give different numbers or dates; the "basis" column says in
a word what the fact rests on (`tui.analysis.basis`: "1 src", "wire", "indep", "none");
the lines under the table give the highlighted fact, with what it matched on (the words
and names its sentences share, `tui.query.why`), its basis and differences, as far as
they fit; `d` shows all of it, with each link inside the fact, in a view of its own.
`enter` closes the matrix and shows the fact side by side in the reader.

The table holds as many report columns as fit the screen; `h`/`l` (or ←/→) scroll
through the others a column at a time, and when the cursor rests on a fact none of
whose reports is in view, the columns scroll to it. A `DataTable` draws every column
of a row on every repaint, so a thousand report columns at once would make each
keypress crawl.

Every cell is report text: built as `Text`, never markup.

Over 400 lines on purpose: the matrix screen, its table and the fact-in-full view
(`FactDetails`) share the cell wording and the details text built here; split apart,
each would import the other's helpers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import ClassVar

from rich.cells import cell_len, chop_cells
from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.events import Resize
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Static

from tui.app.actions import bindings_for
from tui.app.render import fact_number_style
from tui.app.table_cell import Cell
from tui.app.widgets.pane_header import outlet_name
from tui.app.widgets.quiet_footer import QuietFooter
from tui.model.corpus import Corpus
from tui.model.document import Report
from tui.model.facts import BasisKind, Fact
from tui.model.ids import fact_label, id_number, report_of
from tui.query.facts import FactIndex, sentence_wording
from tui.query.tags import BASIS_LABELS, basis_summary
from tui.query.why import FactWhy, FactWhys, matched_line
from tui.textsafe import safe_text
from tui.wording import count_of

ABSENT = "—"
DIFFERS = "≠"
ELLIPSIS = "…"
# Sentences of one report stating the same fact are joined by this.
JOINER = " / "
MAX_CELL_LINES = 3
# Report columns share the screen's width, within these bounds (cells).
REPORT_WIDTH = (24, 120)
# The fixed columns on the left: fact number, how many reports carry it, "≠", basis.
FIXED_LABELS = ("fact", "in", DIFFERS, "basis")
# A fact's basis in the matrix's column: a word (in full under the table).
BASIS_WORDS: dict[BasisKind, str] = {
    "one-source": "1 src",
    "wire-copy": "wire",
    "independent": "indep",
    "unattributed": "none",
}
CELL_PADDING = 1
# The lines under the table give at most this many reports' wordings (a fact in
# hundreds of reports would take long to lay out, and the lines show only a few).
DETAILED_REPORTS = 6
# Seconds the cursor rests on a fact before the columns scroll to its reports.
BRING_DELAY = 0.3
MATCHED_LABEL = "Matched on: "


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


def fixed_columns(facts: Sequence[Fact]) -> tuple[tuple[str, int], ...]:
    """The columns left of the reports, each (label, width) as wide as its widest cell:
    the fact's number, how many reports carry it, "≠", its basis."""
    widest_count = max((len(fact.reports) for fact in facts), default=0)
    widest_basis = max(BASIS_WORDS.values(), key=cell_len)
    widest_number = max((id_number(fact.id) for fact in facts), default=len(facts))
    cells = (fact_label(max(widest_number, len(facts))), str(widest_count), DIFFERS, widest_basis)
    return tuple(
        (label, max(cell_len(label), cell_len(cell)))
        for label, cell in zip(FIXED_LABELS, cells, strict=True)
    )


def matrix_title(
    facts: int,
    total: int,
    reports: int,
    threshold: float,
    shown: tuple[int, int],
    width: int,
) -> Text:
    """The matrix's title line: its facts, the reports they are in, the threshold and,
    when not all report columns fit, which are shown. Said more briefly when the full
    wording would not fit one line of `width` cells (80 columns, 14 reports); it wraps
    only when even that does not fit."""
    first, count = shown
    head = f"  {count_of(facts, 'fact')} in {total} of {count_of(reports, 'report')}"
    long_tail = f" · match ≥{threshold:.2f}"
    short_tail = f" · ≥{threshold:.2f}"
    if count < total:
        long_tail += f" · reports {first + 1}-{first + count} of {total}, h/l scroll"
        short_tail += f" · reports {first + 1}-{first + count} of {total} (h/l)"
    room = width - 2  # the screen's padding
    tail = long_tail if cell_len("Shared facts" + head + long_tail) <= room else short_tail
    title = Text(end="")
    title.append("Shared facts", "bold")
    title.append(head + tail)
    return title


def report_columns(screen_width: int, reports: int, taken: int) -> tuple[int, int]:
    """How many report columns fit the screen beside `taken` cells (the fixed columns
    and the scrollbar), and how wide each is."""
    room = max(screen_width - taken, 0)
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
    fact: Fact,
    number: int,
    reports: Sequence[Report],
    said: Mapping[str, str],
    limit: int | None = DETAILED_REPORTS,
    why: FactWhy | None = None,
    width: int | None = None,
) -> Text:
    """The highlighted fact: what it matched on (`why`), its basis and differences, then
    each report's wording (`said`, by report id), of at most `limit` reports (None: of
    all, with each link inside the fact too). What it matched on is one line, cut to
    `width` cells (None: not cut)."""
    text = Text(end="")
    text.append(fact_label(number), "bold")
    text.append(f" · in {count_of(len(fact.reports), 'report')} · match {fact.score:.2f}")
    if why is not None and why.matched:
        room = None if width is None else width - cell_len(MATCHED_LABEL)
        text.append(f"\n{MATCHED_LABEL}", "bold")
        text.append(matched_line(why.matched, room, cell_len))
        if limit is None and len(why.links) > 1:
            _append_links(text, why, reports)
    if fact.basis is not None:
        text.append(f"\n{BASIS_LABELS[fact.basis.kind]}: ", "bold")
        text.append(basis_summary(fact.basis))
    for discrepancy in fact.discrepancies:
        text.append(f"\n{DIFFERS} ", "bold")
        text.append(" ".join(safe_text(discrepancy.detail).split()))
    stating = [report for report in reports if report.id in said]
    for report in stating[:limit]:
        text.append(f"\n{outlet_name(report)}: ", "bold")
        text.append(said[report.id])
    if limit is not None and len(stating) > limit:
        more = count_of(len(stating) - limit, "more report")
        text.append(f"\n… and {more}: d shows them all", "dim")
    return text


def _append_links(text: Text, why: FactWhy, reports: Sequence[Report]) -> None:
    """Each link inside the fact: "  r1 Sky News – r2 BBC 0.44: prison, freeing/releasing".
    Two links between the same two reports are told apart by the first words of their
    sentences: "r1 Sky News “The doors of Sednaya…” – r2 BBC …"."""
    names = {report.id: f"{report.id} {outlet_name(report)}" for report in reports}
    pairs = Counter((report_of(link.a), report_of(link.b)) for link in why.links)
    repeated = [link for link in why.links if pairs[report_of(link.a), report_of(link.b)] > 1]
    openings = _openings(reports, {s for link in repeated for s in (link.a, link.b)})
    for link in why.links:
        ends = " – ".join(
            names.get(report_of(s), report_of(s)) + (f" “{openings[s]}”" if s in openings else "")
            for s in (link.a, link.b)
        )
        text.append(f"\n  {ends} {link.score:.2f}: ", "dim")
        text.append(matched_line(link.matched))


# How many words of a sentence tell two links between the same reports apart.
OPENING_WORDS = 4


def _openings(reports: Sequence[Report], sentence_ids: set[str]) -> dict[str, str]:
    """The first words of each of these sentences, as the reader shows them."""
    found: dict[str, str] = {}
    if not sentence_ids:
        return found
    for report in reports:
        for paragraph in report.paragraphs:
            for sentence in paragraph.sentences:
                if sentence.id in sentence_ids:
                    words = sentence_wording(report, paragraph, sentence).split()
                    opening = " ".join(words[:OPENING_WORDS])
                    found[sentence.id] = opening + ("…" if len(words) > OPENING_WORDS else "")
    return found


class FactTable(DataTable[Cell], inherit_bindings=False):
    """The matrix's table: its keys move from fact to fact, and say so in the help
    (DataTable's own are about cells and columns: "Cursor up", "Page Left")."""

    BINDINGS: ClassVar[list[BindingType]] = bindings_for("fact_table")


class DetailsText(VerticalScroll, inherit_bindings=False):
    """The fact's whole text, scrolled by the keys of the reading panes."""

    BINDINGS: ClassVar[list[BindingType]] = bindings_for("details_text")

    def action_scroll_lines(self, step: int) -> None:
        self.scroll_to(y=self.scroll_y + step, animate=False, immediate=True)

    def action_scroll_pages(self, step: int) -> None:
        page = max(self.scrollable_content_region.height - 1, 1)
        self.scroll_to(y=self.scroll_y + step * page, animate=False, immediate=True)


class FactDetails(Screen[None]):
    """One fact in full: its differences and every report's wording."""

    BINDINGS: ClassVar[list[BindingType]] = bindings_for("fact_details")

    def __init__(self, text: Text) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        title = Text(end="")
        title.append("Fact in full", "bold")
        title.append("  j/k scroll · esc back to the matrix", "dim")
        yield Static(title, id="fact-details-title")
        with DetailsText(id="fact-details-body"):
            yield Static(self.text, id="fact-details-text")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.query_one(DetailsText).focus()

    def action_close(self) -> None:
        self.dismiss(None)


class FactMatrix(Screen[str | None]):
    """Dismissed with the chosen fact's id (enter), or None (escape, q)."""

    # Moving from fact to fact: FactTable's keys.
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("fact_matrix")

    def __init__(self, corpus: Corpus, index: FactIndex, fact_styles: Sequence[Style] = ()) -> None:
        super().__init__()
        self.corpus = corpus
        self.index = index
        self.fact_styles = tuple(fact_styles)
        self.reports = carrying_reports(corpus)
        self.wordings = fact_wordings(corpus, index)
        self.whys = FactWhys(corpus)
        # The report columns in view: self.reports[first : first + count].
        self.first = 0
        self.count = 0
        self.column_width = 0
        self.fixed_columns = fixed_columns(corpus.facts)
        self._bring_timer: Timer | None = None
        # The row the cursor was last seen on: building the table highlights a row,
        # which is no move of the user's.
        self._cursor_row = 0

    def compose(self) -> ComposeResult:
        yield Static(id="matrix-title")
        yield FactTable(
            id="matrix-table",
            cursor_type="row",
            fixed_columns=len(self.fixed_columns),
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
        fixed = sum(width + 2 * CELL_PADDING for _, width in self.fixed_columns)
        scrollbar = self.table.styles.scrollbar_size_vertical
        fit = report_columns(screen_width, len(self.reports), fixed + scrollbar)
        if fit != (self.count, self.column_width):
            self.count, self.column_width = fit
            self.first = min(self.first, max(len(self.reports) - self.count, 0))
            self._build()

    @property
    def table(self) -> FactTable:
        return self.query_one("#matrix-table", FactTable)

    @property
    def shown_reports(self) -> list[Report]:
        return self.reports[self.first : self.first + self.count]

    def _build(self) -> None:
        table = self.table
        keep = table.cursor_row if table.row_count else 0
        width, shown = self.column_width, self.shown_reports
        table.clear(columns=True)
        for name, fixed in self.fixed_columns:
            table.add_column(Text(name, "bold"), width=fixed)
        for report in shown:
            # The id first: a long outlet name is cut ("…"), in full under the table.
            label = Text(f"{report.id} {outlet_name(report)}", "bold", no_wrap=True)
            label.truncate(width, overflow="ellipsis")
            table.add_column(label, width=width, key=report.id)
        absent, differs, same = Cell(Text(ABSENT, "dim")), Cell(Text(DIFFERS, "bold")), Cell(Text())
        for fact in self.corpus.facts:
            number = self.index.numbers[fact.id]
            said = self.wordings[fact.id]
            cells = [wrap_cells(said[r.id], width) if r.id in said else None for r in shown]
            table.add_row(
                Cell(Text(fact_label(number), fact_number_style(self.fact_styles, number))),
                Cell(Text(str(len(fact.reports)), justify="right")),
                differs if fact.discrepancies else same,
                Cell(Text(BASIS_WORDS[fact.basis.kind] if fact.basis else "")),
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
        title = matrix_title(
            len(self.corpus.facts),
            len(self.reports),
            len(self.corpus.reports),
            self.corpus.fact_threshold,
            (self.first, self.count),
            self.app.size.width,
        )
        self.query_one("#matrix-title", Static).update(title)

    def restyle_facts(self, fact_styles: Sequence[Style]) -> None:
        """A theme change: the fact numbers in the new theme's colours."""
        self.fact_styles = tuple(fact_styles)
        self._build()

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
        number = self.index.numbers[fact.id]
        # The lines under the table: the screen's width, less their padding.
        width = self.size.width - details.styles.padding.left - details.styles.padding.right
        why = self.whys.why(fact)
        said = self.wordings[fact.id]
        details.update(fact_details(fact, number, self.reports, said, why=why, width=width))

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
            self._show_reports_from(ids.index(fact.reports[0]))

    @on(DataTable.RowSelected, "#matrix-table")
    def _clicked(self) -> None:
        self.action_choose()

    def _show_reports_from(self, first: int) -> None:
        """Report columns from the `first` report on (Textual's own `_scroll_to` is
        another thing: a name of our own)."""
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

    def action_scroll_reports(self, step: int) -> None:
        self._show_reports_from(self.first + step)

    def action_fact_in_full(self) -> None:
        fact = self.highlighted_fact
        if fact is not None:
            number = self.index.numbers[fact.id]
            said = self.wordings[fact.id]
            why = self.whys.why(fact)
            self.app.push_screen(
                FactDetails(fact_details(fact, number, self.reports, said, limit=None, why=why))
            )
