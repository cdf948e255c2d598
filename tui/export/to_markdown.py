"""Exports as Markdown, for reading: a header saying what the export holds, the reports,
then the fact matrix and each fact in every report's words, the paragraphs quoted with
their tags, or the entity table. Report text is escaped (`md`): it never becomes markup."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from tui.export.names import describe_filter
from tui.export.select import (
    all_fact_places,
    entity_mentions,
    fact_wordings,
    paragraph_items,
    per_report,
)
from tui.model.corpus import Corpus
from tui.model.document import Report
from tui.model.ids import fact_label
from tui.query import Filter
from tui.query.facts import fact_numbers
from tui.query.tags import BASIS_LABELS, basis_summary
from tui.query.why import FactWhys, matched_line
from tui.textsafe import safe_line, safe_visible_line
from tui.version import __version__
from tui.wording import count_of

# The fact export shows the matrix as a table up to this many reports (wider tables do
# not read); the sections under it give every wording in any case.
MATRIX_TABLE_REPORTS = 6
MATRIX_CELL_CHARS = 90

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~#])")
_MD_LINE_START = re.compile(r"^(?:([-+=])|(\d+)([.)]))")


def md(text: str | None) -> str:
    """Report text for Markdown, on one line: never markup, never a table's `|`, never
    HTML; escapes and control characters taken out."""
    line = safe_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    line = _MD_SPECIAL.sub(r"\\\1", line)
    # Not a list item, a numbered item or a heading underline where a line starts.
    return _MD_LINE_START.sub(lambda m: "\\" + m[1] if m[1] else m[2] + "\\" + m[3], line)


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """Cells are given escaped already (`md`)."""
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines.extend("| " + " | ".join(cell or " " for cell in row) + " |" for row in rows)
    return lines


def _document(lines: Iterable[str]) -> str:
    """The lines as one document: one blank line between blocks, one newline at the end."""
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n") + "\n"


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _reports(reports: Sequence[Report]) -> list[str]:
    rows = (
        (f"`{r.id}`", md(r.outlet), md(r.title), md(r.date), md(r.path or r.name)) for r in reports
    )
    return ["## Reports", "", *_table(("Report", "Source", "Title", "Date", "File"), rows)]


def _where(report: Report, start: int, end: int, detail: str = "") -> str:
    """The line under a quote: which report, where in its text."""
    where = f"— **{md(report.outlet)}** · `{report.id}` · {md(report.path or report.name)}"
    where += f" · chars {start}–{end}"
    return where + (f" · {detail}" if detail else "")


def _header(title: str, about: str, corpus: Corpus) -> list[str]:
    """The title, what the export holds, then the reports."""
    return [
        f"# {title}",
        "",
        f"Exported by newsprism {__version__} from {count_of(len(corpus.reports), 'report')}. "
        f"{about} Character offsets (`chars start–end`) count characters of each report's "
        "decoded text, as `newsprism analyze` gives it.",
        "",
        *_reports(corpus.reports),
    ]


def facts_markdown(corpus: Corpus) -> str:
    numbers = fact_numbers(corpus)
    places = all_fact_places(corpus)
    lines = _header(
        "Shared facts",
        "A shared fact is something several reports state, each in its own words; facts "
        f"stated by most reports come first (matched at ≥{corpus.fact_threshold:.2f}; "
        "`≠` marks reports giving different numbers or dates). Under the reports and the "
        "overview, each fact is quoted in every report's wording, under the words and "
        "names it matched on.",
        corpus,
    )
    carrying = [r for r in corpus.reports if any(r.id in f.reports for f in corpus.facts)]
    if not corpus.facts:
        lines.extend(["", "No shared facts: no two reports state the same thing.", ""])
        return _document(lines)
    wordings = {fact.id: fact_wordings(corpus, fact, places) for fact in corpus.facts}
    whys = FactWhys(corpus)
    lines.extend(["", "## Overview", ""])
    if len(carrying) <= MATRIX_TABLE_REPORTS:
        header = ["Fact", *(f"`{r.id}` {md(r.outlet)}" for r in carrying)]
        rows = []
        for fact in corpus.facts:
            said = {
                report.id: " / ".join(w.visible for w in ws) for report, ws in wordings[fact.id]
            }
            mark = " ≠" if fact.discrepancies else ""
            cells = [
                md(_cut(said[r.id], MATRIX_CELL_CHARS)) if r.id in said else "—" for r in carrying
            ]
            rows.append([fact_label(numbers[fact.id]) + mark, *cells])
        lines.extend(_table(header, rows))
    else:
        rows = [
            [
                fact_label(numbers[fact.id]) + (" ≠" if fact.discrepancies else ""),
                str(len(fact.reports)),
                ", ".join(f"`{r.id}`" for r, _ in wordings[fact.id]),
                md(_cut(wordings[fact.id][0][1][0].visible, MATRIX_CELL_CHARS)),
            ]
            for fact in corpus.facts
        ]
        lines.extend(_table(("Fact", "Reports", "In", "First wording"), rows))
    for fact in corpus.facts:
        lines.extend(
            [
                "",
                f"## {fact_label(numbers[fact.id])} · in "
                f"{count_of(len(fact.reports), 'report')} · match {fact.score:.2f}",
                "",
            ]
        )
        matched = whys.why(fact).matched
        if matched:
            lines.extend([f"- Matched on: {md(matched_line(matched))}", ""])
        if fact.basis is not None:
            basis = f"{BASIS_LABELS[fact.basis.kind]}: {basis_summary(fact.basis)}"
            lines.extend([f"- Basis: {md(basis)}", ""])
        for d in fact.discrepancies:
            lines.extend([f"- ≠ {md(d.detail)}", ""])
        for report, report_wordings in wordings[fact.id]:
            for w in report_wordings:
                lines.extend([f"> {md(w.visible)}", "", _where(report, w.start, w.end), ""])
    return _document(lines)


def paragraphs_markdown(corpus: Corpus, flt: Filter) -> str:
    items = list(paragraph_items(corpus, flt))
    about = (
        f"It holds {describe_filter(corpus, flt)}: {count_of(len(items), 'paragraph')}, each "
        "quoted as the reader shows it, then where it is and its tags: the sources it "
        "cites, its topics, the entities it names and the shared facts it states."
    )
    lines = _header("Paragraphs", md(about), corpus)
    if not items:
        lines.extend(["", "No paragraph matches.", ""])
    current: Report | None = None
    for report, paragraph, tags in items:
        if report is not current:
            current = report
            heading = md(report.outlet) + (f" — {md(report.title)}" if report.title else "")
            lines.extend(["", f"## {heading} (`{report.id}`)", ""])
        details: list[str] = [paragraph.kind] if paragraph.kind != "body" else []
        if tags.cited:
            details.append("cites " + ", ".join(dict.fromkeys(md(c["name"]) for c in tags.cited)))
        if tags.topics:
            details.append("topics " + ", ".join(md(t) for t in tags.topics))
        if tags.entity_names:
            details.append("entities " + ", ".join(md(n) for n in tags.entity_names))
        if tags.facts:
            details.append("facts " + ", ".join(tags.facts))
        quote = safe_visible_line(report, paragraph)
        where = _where(report, paragraph.start, paragraph.end, " · ".join(details))
        lines.extend([f"> {md(quote)}", "", f"`{paragraph.id}` {where}", ""])
    return _document(lines)


def entities_markdown(corpus: Corpus) -> str:
    lines = _header(
        "Entities",
        "The people, organisations, places and other names the reports mention, most "
        "mentioned first, with every spelling merged into one entity and the rule behind "
        "each merge. *Reports* gives, for each report naming the entity, how often it does "
        "and where it first does.",
        corpus,
    )
    lines.extend(["", "## Entities", ""])
    if not corpus.entities:
        lines.extend(["No entities found.", ""])
        return _document(lines)
    rows = []
    for entity, mentions in entity_mentions(corpus):
        where = ", ".join(
            f"`{report_id}` {len(ms)}× (first chars {ms[0].start}–{ms[0].end})"
            for report_id, ms in per_report(mentions).items()
        )
        rows.append(
            (
                md(entity.name),
                entity.type,
                ", ".join(md(a) for a in entity.aliases),
                str(entity.mentions),
                where,
                "; ".join(md(str(r)) for r in entity.merged_because),
            )
        )
    header = ("Entity", "Type", "Aliases", "Mentions", "Reports", "Merged because")
    lines.extend(_table(header, rows))
    return _document(lines)
