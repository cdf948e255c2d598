"""Exports as JSON (schema `EXPORT_SCHEMA`): the reports, then the facts with every
wording, the paragraphs with their tags and the filter, or the entities with every
occurrence."""

from __future__ import annotations

import json
from typing import Any

import tui.export.select as select
from tui.export.names import describe_filter, entity_name, source_name
from tui.model.corpus import Corpus
from tui.model.document import Report
from tui.query import Filter
from tui.query.facts import fact_numbers
from tui.query.why import FactWhys
from tui.textsafe import safe_line

EXPORT_SCHEMA = 1


def _report_dict(report: Report) -> dict[str, Any]:
    return {
        "id": report.id,
        "name": safe_line(report.name),
        "path": safe_line(report.path) if report.path is not None else None,
        "source": safe_line(report.outlet),
        "title": safe_line(report.title) or None,
        "date": safe_line(report.date) or None,
        "url": safe_line(report.url) or None,
        "author": safe_line(report.author) or None,
    }


def _json(kind: select.ExportKind, corpus: Corpus, body: dict[str, Any]) -> str:
    data = {
        "schema": EXPORT_SCHEMA,
        "export": kind,
        "reports": [_report_dict(report) for report in corpus.reports],
        **body,
    }
    document = json.dumps(data, ensure_ascii=False, indent=1)
    # Line and paragraph separators are valid in JSON strings, but not in every reader.
    return document.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + "\n"


def facts_json(corpus: Corpus) -> str:
    numbers = fact_numbers(corpus)
    places = select.all_fact_places(corpus)
    whys = FactWhys(corpus)
    facts = []
    for fact in corpus.facts:
        wordings = [
            select.wording_row(w)
            for _, said in select.fact_wordings(corpus, fact, places)
            for w in said
        ]
        facts.append(
            {
                "id": fact.id,
                "number": numbers[fact.id],
                "reports": list(fact.reports),
                "score": round(fact.score, 3),
                "matched": list(whys.why(fact).matched),
                "discrepancies": [
                    {
                        "kind": safe_line(d.kind),
                        "detail": safe_line(d.detail),
                        "label": safe_line(d.label),
                        "values": [safe_line(v) for v in d.values],
                    }
                    for d in fact.discrepancies
                ],
                "basis": None
                if fact.basis is None
                else {
                    "kind": fact.basis.kind,
                    "sources": [safe_line(name) for name in fact.basis.sources],
                    "copies": [list(group) for group in fact.basis.copies],
                },
                "wordings": wordings,
            }
        )
    return _json("facts", corpus, {"threshold": round(corpus.fact_threshold, 3), "facts": facts})


def _filter_dict(corpus: Corpus, flt: Filter) -> dict[str, Any]:
    labels = {topic.id: topic.label for topic in corpus.topics}
    return {
        "description": describe_filter(corpus, flt),
        "entities": [{"id": e, "name": safe_line(entity_name(corpus, e))} for e in flt.entities],
        "match": flt.match,
        "sources": [{"key": k, "name": safe_line(source_name(corpus, k))} for k in flt.sources],
        "outlets": [safe_line(o) for o in flt.outlets],
        "topics": [{"id": t, "label": safe_line(labels.get(t, t))} for t in flt.topics],
        "view": flt.fact_view,
        "boilerplate": flt.boilerplate,
    }


def paragraphs_json(corpus: Corpus, flt: Filter) -> str:
    paragraphs = [
        {
            **select.paragraph_row(report, paragraph),
            "cited": tags.cited,
            "topics": tags.topics,
            "mentions": tags.mentions,
            "facts": tags.facts,
        }
        for report, paragraph, tags in select.paragraph_items(corpus, flt)
    ]
    return _json(
        "paragraphs", corpus, {"filter": _filter_dict(corpus, flt), "paragraphs": paragraphs}
    )


def entities_json(corpus: Corpus) -> str:
    reports = {report.id: report for report in corpus.reports}
    entities = []
    for entity, mentions in select.entity_mentions(corpus):
        fields = select.entity_fields(entity)
        fields["id"] = fields.pop("entity")
        fields["occurrences"] = [
            {
                **select.trace(reports[m.report]),
                "paragraph": m.paragraph,
                "start": m.start,
                "end": m.end,
                "text": select.clean(reports[m.report].text[m.start : m.end]),
            }
            for m in mentions
        ]
        entities.append(fields)
    return _json("entities", corpus, {"entities": entities})
