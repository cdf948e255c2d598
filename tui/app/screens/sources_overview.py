"""The sources overview: who the reports rely on, and which shared facts rest on one
source.

The upper table lists every cited source with how many paragraphs cite it and how many
outlets (distinct `Report.outlet`) rely on it, the most outlets first, then the most
paragraphs. The lower table gives each shared fact's basis (`tui.analysis.basis`):
"one source" when every report citing anyone for it cites one source ("all via
Reuters"), "wire copy" when its reports print one text, "independent" when reports cite
different sources, "unattributed" when none cites anyone. Lines under the tables detail
the highlighted row: each report's sources for the fact, and which reports copy one text.

`tab` moves between the tables; `enter` on a source filters the reader by it, on a
fact shows the fact side by side. Every name is report text: built as `Text`, never
markup.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Literal

from rich.console import JustifyMethod
from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import DataTable, Static

from tui.app.actions import bindings_for
from tui.app.render import fact_number_style
from tui.app.screens.fact_matrix import Cell
from tui.app.screens.tag_picker import tag_details
from tui.app.widgets.pane_header import outlet_name
from tui.app.widgets.quiet_footer import QuietFooter
from tui.model.corpus import Corpus
from tui.model.document import Paragraph, Report
from tui.model.facts import FactBasis
from tui.model.ids import fact_label
from tui.query.facts import FactIndex, sentence_wording
from tui.query.tags import BASIS_LABELS, TagIndex, basis_summary
from tui.textsafe import safe_line
from tui.wording import count_of

# What the overview was closed with: filter by a source, or show a fact.
OverviewChoice = tuple[Literal["source", "fact"], str]

NAME_WIDTH = 28
OUTLETS_NAMED = 3
# The fixed columns (label, cells, justify) of each table; the last column, not listed
# here, takes the rest of the screen.
Column = tuple[str, int, JustifyMethod]
SOURCE_COLUMNS: tuple[Column, ...] = (
    ("source", NAME_WIDTH, "left"),
    ("kind", 7, "left"),
    ("¶", 4, "right"),
    ("outlets", 7, "right"),
)
FACT_COLUMNS: tuple[Column, ...] = (("fact", 4, "left"), ("in", 3, "right"), ("basis", 12, "left"))
CELL_PADDING = 1
REPORTS_DETAILED = 4
# A fact without a basis (none found yet): shown as resting on no one named.
UNKNOWN_BASIS = FactBasis("unattributed", ())
# The tables' vertical scrollbar (styles/app.tcss).
SCROLLBAR = 1


def _cut(text: str, width: int) -> Text:
    cell = Text(text, no_wrap=True, end="")
    cell.truncate(max(width, 4), overflow="ellipsis")
    return cell


def _add_columns(
    table: DataTable[Cell],
    fixed: Sequence[Column],
    last: str,
    screen_width: int,
    least: int,
) -> int:
    """Add the fixed columns and a last one filling the screen (at least `least` cells
    wide); the last column's width."""
    for label, cells, justify in fixed:
        table.add_column(Text(label, "bold", justify=justify), width=cells)
    used = sum(cells for _, cells, _ in fixed) + 2 * CELL_PADDING * (len(fixed) + 1)
    rest = max(screen_width - used - SCROLLBAR, least)
    table.add_column(Text(last, "bold"), width=rest)
    return rest


def cited_by(outlets: Sequence[tuple[str, int]]) -> str:
    """ "Sky News, Reuters, AP +4" (most paragraphs first)."""
    names = [outlet for outlet, _ in outlets[:OUTLETS_NAMED]]
    more = len(outlets) - OUTLETS_NAMED
    return ", ".join(names) + (f" +{more}" if more > 0 else "")


class SourcesOverview(Screen[OverviewChoice | None]):
    BINDINGS = bindings_for("sources_overview")

    def __init__(
        self, corpus: Corpus, facts: FactIndex, tags: TagIndex, fact_styles: Sequence[Style] = ()
    ) -> None:
        super().__init__()
        self.corpus = corpus
        self.facts = facts
        self.tags = tags
        self.fact_styles = tuple(fact_styles)
        # Every fact has its basis by the time the sources are found (this screen waits).
        self.bases = [fact.basis or UNKNOWN_BASIS for fact in corpus.facts]
        self._width = 0

    def compose(self) -> ComposeResult:
        yield Static(id="overview-title", classes="overview-caption")
        yield DataTable(
            id="overview-sources", cursor_type="row", zebra_stripes=True, cell_padding=CELL_PADDING
        )
        yield Static(id="overview-facts-title", classes="overview-caption")
        yield DataTable(
            id="overview-facts", cursor_type="row", zebra_stripes=True, cell_padding=CELL_PADDING
        )
        yield Static(id="overview-details")
        yield QuietFooter()

    def on_mount(self) -> None:
        self._fit(self.app.size.width)
        self.source_table.focus()

    def on_resize(self, event: Resize) -> None:
        self._fit(event.size.width)

    @property
    def source_table(self) -> DataTable[Cell]:
        return self.query_one("#overview-sources", DataTable)

    @property
    def fact_table(self) -> DataTable[Cell]:
        return self.query_one("#overview-facts", DataTable)

    # ------------------------------------------------------------------ building

    def _fit(self, width: int) -> None:
        if width != self._width:
            self._width = width
            self._build_sources(width)
            self._build_facts(width)
            self._show_details()

    def _build_sources(self, width: int) -> None:
        table = self.source_table
        table.clear(columns=True)
        rest = _add_columns(table, SOURCE_COLUMNS, "cited by", width, 12)
        for item in self.tags.sources:
            cells = (
                _cut(item.name, NAME_WIDTH),
                Text(item.kind, "dim"),
                Text(str(item.paragraphs), justify="right"),
                Text(str(len(item.outlets)), justify="right"),
                _cut(cited_by(item.outlets), rest),
            )
            table.add_row(*map(Cell, cells), key=item.id)
        sources, reports = len(self.tags.sources), len(self.corpus.reports)
        # Outlets as the story list counts them: those something names. A report of an
        # unknown outlet is no outlet: it is counted apart.
        outlets = len({r.outlet for r in self.corpus.reports if r.outlet_known})
        unknown = sum(not r.outlet_known for r in self.corpus.reports)
        title = Text(end="")
        title.append("Cited sources", "bold")
        title.append(
            f"  {sources} in {count_of(reports, 'report')} from {count_of(outlets, 'outlet')}"
            + (f" (+{unknown} unknown)" if unknown else "")
            + " · most outlets first"
        )
        self.query_one("#overview-title", Static).update(title)

    def _build_facts(self, width: int) -> None:
        table = self.fact_table
        table.clear(columns=True)
        rest = _add_columns(table, FACT_COLUMNS, "rests on", width, 16)
        for fact, basis in zip(self.corpus.facts, self.bases, strict=True):
            number = self.facts.numbers[fact.id]
            cells = (
                Text(fact_label(number), fact_number_style(self.fact_styles, number)),
                Text(str(len(fact.reports)), justify="right"),
                Text(BASIS_LABELS[basis.kind], "" if basis.kind == "independent" else "bold"),
                _cut(basis_summary(basis), rest),
            )
            table.add_row(*map(Cell, cells), key=fact.id)
        facts = len(self.bases)
        title = Text(end="")
        title.append("Shared facts", "bold")
        if facts:
            kinds = Counter(basis.kind for basis in self.bases)
            counts = [f"{kinds[k]} {label}" for k, label in BASIS_LABELS.items() if kinds[k]]
            title.append(f"  {count_of(facts, 'fact')}: " + " · ".join(counts))
        else:
            title.append("  none at this fact sensitivity")
        self.query_one("#overview-facts-title", Static).update(title)

    def restyle_facts(self, fact_styles: Sequence[Style]) -> None:
        """A theme change: the fact numbers in the new theme's colours."""
        self.fact_styles = tuple(fact_styles)
        table = self.fact_table
        row = table.cursor_row
        self._build_facts(self._width)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1), animate=False)

    # ------------------------------------------------------------------ details

    def _show_details(self) -> None:
        details = self.query_one("#overview-details", Static)
        if self.focused is self.fact_table:
            row = self.fact_table.cursor_row if self.fact_table.row_count else None
            details.update(self._fact_details(row) if row is not None else Text("No shared facts."))
            return
        table = self.source_table
        if not table.row_count:
            details.update(Text("No cited sources: no paragraph says who it got its news from."))
            return
        details.update(tag_details(self.tags.sources[table.cursor_row]))

    def _fact_details(self, row: int) -> Text:
        fact, basis = self.corpus.facts[row], self.bases[row]
        text = Text(end="")
        text.append(fact_label(self.facts.numbers[fact.id]), "bold")
        text.append(f" · {BASIS_LABELS[basis.kind]}: {basis_summary(basis)}")
        wording = self._first_wording(fact.sentences[0]) if fact.sentences else ""
        if wording:
            text.append("\n")
            text.append(_cut(wording, max(self._width - 2, 20)))
        reports = {report.id: report for report in self.corpus.reports}
        copy_of = {r: n for n, group in enumerate(basis.copies, 1) for r in group}
        for report_id, names in basis.by_report[:REPORTS_DETAILED]:
            text.append(f"\n{outlet_name(reports[report_id])}: ", "bold")
            text.append(", ".join(map(safe_line, names)) if names else "cites no one")
            if report_id in copy_of:
                text.append(f" (copy {copy_of[report_id]})", "dim")
        if len(basis.by_report) > REPORTS_DETAILED:
            text.append(f"\n… and {len(basis.by_report) - REPORTS_DETAILED} more reports", "dim")
        return text

    def _first_wording(self, sentence_id: str) -> str:
        report_id, paragraph_id = self.facts.places[sentence_id]
        report = self.corpus.report(report_id)
        paragraph = _paragraph(report, paragraph_id)
        sentence = next(s for s in paragraph.sentences if s.id == sentence_id)
        return sentence_wording(report, paragraph, sentence)

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._show_details()

    def on_descendant_focus(self) -> None:
        self._show_details()

    @on(DataTable.RowSelected)
    def _clicked(self) -> None:
        self.action_choose()

    # ------------------------------------------------------------------ actions

    def action_choose(self) -> None:
        if self.focused is self.fact_table and self.fact_table.row_count:
            self.dismiss(("fact", self.corpus.facts[self.fact_table.cursor_row].id))
        elif self.focused is self.source_table and self.source_table.row_count:
            self.dismiss(("source", self.tags.sources[self.source_table.cursor_row].id))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_move(self, step: int) -> None:
        table = self.focused
        if isinstance(table, DataTable) and table.row_count:
            row = max(0, min(table.cursor_row + step, table.row_count - 1))
            table.move_cursor(row=row, animate=False)


def _paragraph(report: Report, paragraph_id: str) -> Paragraph:
    return next(p for p in report.paragraphs if p.id == paragraph_id)
