"""Exports as CSV: one row per fact wording, paragraph, or entity and report naming it;
several values in one cell are joined by `CSV_JOINER`."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from tui.export.select import (
    all_fact_places,
    clean,
    entity_fields,
    entity_mentions,
    fact_wordings,
    paragraph_items,
    paragraph_row,
    per_report,
    trace,
    wording_row,
)
from tui.model.corpus import Corpus
from tui.query import Filter
from tui.query.facts import fact_numbers
from tui.textsafe import safe_line

# The columns, in order (the JSON rows carry the same fields, and more).
REPORT_COLUMNS = ("report", "path", "source")
FACT_COLUMNS = (
    "fact",
    "number",
    "fact_reports",
    "score",
    "differs",
    *REPORT_COLUMNS,
    "paragraph",
    "sentence",
    "start",
    "end",
    "text",
    "visible",
)
PARAGRAPH_COLUMNS = (
    *REPORT_COLUMNS,
    "paragraph",
    "kind",
    "start",
    "end",
    "cited",
    "topics",
    "entities",
    "facts",
    "text",
    "visible",
)
ENTITY_COLUMNS = (
    "entity",
    "name",
    "type",
    "aliases",
    "mentions",
    "reports",
    "merged_because",
    *REPORT_COLUMNS,
    "report_mentions",
    "start",
    "end",
    "text",
)
# Several values in one CSV cell are joined by this.
CSV_JOINER = "; "


def _csv(columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if row[k] is None else row[k] for k in columns})
    return out.getvalue()


def _fact_rows(corpus: Corpus) -> Iterator[dict[str, Any]]:
    """One row per sentence stating a fact: facts in `Corpus.facts` order."""
    numbers = fact_numbers(corpus)
    places = all_fact_places(corpus)
    for fact in corpus.facts:
        differs = CSV_JOINER.join(safe_line(d.detail) for d in fact.discrepancies)
        for _, wordings in fact_wordings(corpus, fact, places):
            for w in wordings:
                yield {
                    "fact": fact.id,
                    "number": numbers[fact.id],
                    "fact_reports": len(fact.reports),
                    "score": round(fact.score, 3),
                    "differs": differs,
                    **wording_row(w),
                }


def facts_csv(corpus: Corpus) -> str:
    return _csv(FACT_COLUMNS, _fact_rows(corpus))


def paragraphs_csv(corpus: Corpus, flt: Filter) -> str:
    rows = (
        {
            **paragraph_row(report, paragraph),
            "cited": CSV_JOINER.join(dict.fromkeys(c["name"] for c in tags.cited)),
            "topics": CSV_JOINER.join(tags.topics),
            "entities": CSV_JOINER.join(tags.entity_names),
            "facts": CSV_JOINER.join(tags.facts),
        }
        for report, paragraph, tags in paragraph_items(corpus, flt)
    )
    return _csv(PARAGRAPH_COLUMNS, rows)


def entities_csv(corpus: Corpus) -> str:
    """One row per entity and report naming it, with the first mention there."""
    reports = {report.id: report for report in corpus.reports}
    rows = []
    for entity, mentions in entity_mentions(corpus):
        fields = entity_fields(entity)
        for key in ("aliases", "reports", "merged_because"):
            fields[key] = CSV_JOINER.join(fields[key])
        by_report = per_report(mentions)
        for report_id, said in by_report.items():
            report, first = reports[report_id], said[0]
            rows.append(
                {
                    **fields,
                    **trace(report),
                    "report_mentions": len(said),
                    "start": first.start,
                    "end": first.end,
                    "text": clean(report.text[first.start : first.end]),
                }
            )
        if not by_report:
            rows.append({**fields, **dict.fromkeys(ENTITY_COLUMNS[7:])})
    return _csv(ENTITY_COLUMNS, rows)
