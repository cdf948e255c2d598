"""The rows of the report list: one per report, with what it has and shares.

Pure data (no Textual): the report list screen draws these rows, filters them by a
query and sorts them by a column.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tui.model.corpus import Corpus
from tui.model.document import Report
from tui.textsafe import safe_line

# The sortable columns, in table order after "#": keys 1..5 sort by these.
SORT_COLUMNS = ("outlet", "title", "date", "paragraphs", "facts")
# Every column, "#" (the reports' own order) first.
COLUMNS = ("number", *SORT_COLUMNS)


@dataclass(frozen=True)
class ReportRow:
    index: int  # into the reader's reports
    place: int  # its place among the reports listed, from 1 (a story's: "2 of 14")
    outlet: str
    title: str
    name: str
    date: str
    paragraphs: int  # not counting boilerplate
    facts: int | None  # shared facts stating it; None while the analysis runs

    def matches(self, query: str) -> bool:
        """Whether `query` is in the outlet, title, name or date (any case)."""
        needle = query.strip().casefold()
        if not needle:
            return True
        fields = (self.outlet, self.title, self.name, self.date)
        return any(needle in field.casefold() for field in fields)


def report_rows(
    reports: Sequence[Report], corpus: Corpus | None, numbers: Iterable[int] | None = None
) -> list[ReportRow]:
    """A row per report (those at `numbers` only, when given: a story's), in order;
    shared-fact counts from `corpus` (None without)."""
    shared: Counter[str] | None = None
    if corpus is not None:
        shared = Counter(report_id for fact in corpus.facts for report_id in set(fact.reports))
    return [
        ReportRow(
            index=index,
            place=place,
            outlet=safe_line(report.outlet),
            title=safe_line(report.title),
            name=safe_line(report.name),
            date=safe_line(report.date),
            paragraphs=sum(p.kind != "boilerplate" for p in report.paragraphs),
            facts=None if shared is None else shared[report.id],
        )
        for place, (index, report) in enumerate(
            enumerate(reports) if numbers is None else ((n, reports[n]) for n in numbers),
            start=1,
        )
    ]


def filter_rows(rows: Sequence[ReportRow], query: str) -> list[ReportRow]:
    return [row for row in rows if row.matches(query)]


def sort_rows(rows: Sequence[ReportRow], column: str, reverse: bool = False) -> list[ReportRow]:
    """`rows` sorted by `column` (one of COLUMNS), ties in report order. Text sorts
    without case, empty text last; counts not known yet sort lowest."""
    if column == "number":
        return sorted(rows, key=lambda row: row.index, reverse=reverse)
    if column in ("paragraphs", "facts"):

        def number(row: ReportRow) -> int:
            value = getattr(row, column)
            return -1 if value is None else value

        ordered = sorted(rows, key=lambda row: row.index)
        return sorted(ordered, key=number, reverse=reverse)
    if column not in COLUMNS:
        raise ValueError(f"unknown column: {column}")
    ordered = sorted(rows, key=lambda row: row.index)
    filled = [row for row in ordered if getattr(row, column)]
    empty = [row for row in ordered if not getattr(row, column)]
    filled.sort(key=lambda row: getattr(row, column).casefold(), reverse=reverse)
    return filled + empty
