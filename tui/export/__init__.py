"""Exports for reading elsewhere and for scripts: the fact matrix, the paragraphs a
filter keeps (with their tags) and the entity table, as Markdown, CSV or JSON.

Pure functions from a `Corpus` (and, for paragraphs, a `tui.query.Filter`) to text: no
Textual, no I/O. `newsprism export` and the reader's `x` both use them, and the reader's
`y` / `Y` copy `paragraph_clip` / `facts_clip`. Which paragraphs a filter keeps is
`tui.query`'s answer, the one the reader's panes show.

Every row names its report (id, file path, outlet) and the character offsets of its
text in the report: `report.text[start:end]`, with escape sequences and control
characters taken out (`clean`), is exactly the row's `text`. `visible` is the same span
as the reader shows it: Markdown syntax left out, white space collapsed. Report text is
data: nothing in an export can drive a terminal, and each format is escaped its own way
(CSV quoting, Markdown backslashes and HTML entities, JSON strings).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from tui.model.corpus import Corpus
from tui.model.document import Paragraph, Report
from tui.model.entities import Entity, Mention
from tui.model.facts import Fact
from tui.model.tags import CitedSource
from tui.query import Filter, view_of
from tui.textsafe import safe_line, safe_pieces, safe_visible_span
from tui.version import __version__
from tui.wording import count_of

ExportKind = Literal["facts", "paragraphs", "entities"]
ExportFormat = Literal["md", "csv", "json"]
EXPORT_KINDS: tuple[ExportKind, ...] = ("facts", "paragraphs", "entities")
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("md", "csv", "json")
EXPORT_SCHEMA = 1

# CSV columns, in order (the JSON rows carry the same fields, and more).
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
# The Markdown fact export shows the matrix as a table up to this many reports (wider
# tables do not read); the sections under it give every wording in any case.
MATRIX_TABLE_REPORTS = 6
MATRIX_CELL_CHARS = 90
FILE_SUFFIXES: dict[ExportFormat, str] = {"md": ".md", "csv": ".csv", "json": ".json"}


class UnknownName(ValueError):
    """A name given on the command line that the corpus does not have."""


# ---------------------------------------------------------------------- filters


def _fold(name: str) -> str:
    return " ".join(name.casefold().split())


def resolve_entity(corpus: Corpus, name: str) -> str:
    """The id of the entity named `name` (its name or any alias, any case); an entity
    whose own name it is comes first, then the most mentioned."""
    wanted = _fold(name)
    found = [
        entity
        for entity in corpus.entities
        if wanted in {_fold(form) for form in (entity.name, *entity.aliases)}
    ]
    if not found:
        raise UnknownName(f"unknown entity: {name}")
    found.sort(key=lambda e: (_fold(e.name) != wanted, -e.mentions))
    return found[0].id


def resolve_source(corpus: Corpus, name: str) -> str:
    """The key of the cited source named `name`: its entity's name or an alias, or how
    a paragraph words it ("two residents"), any case."""
    wanted = _fold(name)
    entities = {entity.id: entity for entity in corpus.entities}
    forms: dict[str, set[str]] = {}
    for sources in corpus.cited.values():
        for source in sources:
            forms.setdefault(source.key, set()).add(_fold(source.name))
    found = []
    for key, paragraph_ids in corpus.source_paragraphs.items():
        names = set(forms.get(key, ()))
        entity = entities.get(key)
        if entity is not None:
            names.update(_fold(form) for form in (entity.name, *entity.aliases))
        if wanted in names or wanted == key:
            found.append((-len(paragraph_ids), key))
    if not found:
        outlets = {_fold(report.outlet) for report in corpus.reports}
        hint = " (an outlet: --outlet)" if wanted in outlets else ""
        raise UnknownName(f"unknown source: {name}{hint}")
    return min(found)[1]


def resolve_outlet(corpus: Corpus, name: str) -> str:
    """The outlet (`Report.outlet`) named `name`, any case."""
    wanted = _fold(name)
    for report in corpus.reports:
        if _fold(report.outlet) == wanted:
            return report.outlet
    raise UnknownName(f"unknown outlet: {name}")


def resolve_topic(corpus: Corpus, name: str) -> str:
    """The id of the topic labelled `name` (any case), or with that id."""
    wanted = _fold(name)
    for topic in corpus.topics:
        if _fold(topic.label) == wanted or topic.id == name:
            return topic.id
    raise UnknownName(f"unknown topic: {name}")


def describe_filter(corpus: Corpus, flt: Filter) -> str:
    """ "the paragraphs that mention Assad or HTS and cite Reuters", for a title."""
    clauses = []
    if flt.entities:
        names = [safe_line(_entity_name(corpus, e)) for e in flt.entities]
        clauses.append("mention " + _joined(names, " and " if flt.match == "all" else " or "))
    if flt.sources:
        names = [safe_line(_source_name(corpus, key)) for key in flt.sources]
        clauses.append("cite " + _joined(names, " or "))
    if flt.outlets:
        clauses.append("are from " + _joined([safe_line(o) for o in flt.outlets], " or "))
    if flt.topics:
        labels = {topic.id: topic.label for topic in corpus.topics}
        names = [safe_line(labels.get(t, t)) for t in flt.topics]
        clauses.append("are about " + _joined(names, " or "))
    if flt.view == "shared":
        clauses.append("state a shared fact")
    elif flt.view == "unique":
        clauses.append("have a sentence no other report states")
    what = "every paragraph" if not clauses else "the paragraphs that " + _joined(clauses, " and ")
    return what + (", boilerplate included" if flt.boilerplate else "")


def _joined(items: Sequence[str], last: str) -> str:
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + last + items[-1]


# ---------------------------------------------------------------------- text


def clean(text: str) -> str:
    """`text` without escape sequences and control characters (tabs, newlines kept):
    report text made safe to write anywhere, otherwise exactly as it is."""
    return "".join(text[pos : pos + len(piece)] for pos, piece in safe_pieces(text))


def visible_span(report: Report, paragraph: Paragraph, start: int, end: int) -> str:
    """`report.text[start:end]` (within `paragraph`) as the reader shows it, on one line:
    its visible runs only (no Markdown syntax)."""
    return safe_line(safe_visible_span(report, paragraph, start, end))


def source_line(report: Report) -> str:
    """ "Sky News, Assad flees Syria (003_76f5.txt)": who published a report, and where."""
    line = safe_line(report.outlet)
    title = safe_line(report.title)
    if title:
        line += f", {title}"
    file = safe_line(report.path or report.name)
    return f"{line} ({file})" if file else line


def paragraph_clip(report: Report, paragraph: Paragraph) -> str:
    """A paragraph for the clipboard: its visible text and a "— source, report" line."""
    if paragraph.kind == "code":
        lines = safe_visible_span(report, paragraph).splitlines()
        body = "\n".join(line.rstrip() for line in lines).strip("\n")
    else:
        body = visible_span(report, paragraph, paragraph.start, paragraph.end)
    return f"{body}\n— {source_line(report)}"


def facts_clip(corpus: Corpus, fact_ids: Iterable[str]) -> str:
    """Shared facts for the clipboard: each with every report's wording."""
    numbers = _fact_numbers(corpus)
    blocks = []
    for fact_id in fact_ids:
        fact = corpus.fact(fact_id)
        lines = [f"Shared fact f{numbers[fact_id]} ({count_of(len(fact.reports), 'report')})"]
        lines.extend(f"≠ {safe_line(d.kind)}: {safe_line(d.detail)}" for d in fact.discrepancies)
        for report, wordings in _fact_wordings(corpus, fact):
            said = " / ".join(w.visible for w in wordings)
            lines.append(f"“{said}” — {source_line(report)}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~#])")
_MD_LINE_START = re.compile(r"^(?:([-+=])|(\d+)([.)]))")


def md(text: str | None) -> str:
    """Report text for Markdown, on one line: never markup, never a table's `|`, never
    HTML; escapes and control characters taken out."""
    line = safe_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    line = _MD_SPECIAL.sub(r"\\\1", line)
    # Not a list item, a numbered item or a heading underline where a line starts.
    return _MD_LINE_START.sub(lambda m: "\\" + m[1] if m[1] else m[2] + "\\" + m[3], line)


def _md_table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """Cells are given escaped already (`md`)."""
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines.extend("| " + " | ".join(cell or " " for cell in row) + " |" for row in rows)
    return lines


def _md_document(lines: Iterable[str]) -> str:
    """The lines as one document: one blank line between blocks, one newline at the end."""
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n") + "\n"


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# ---------------------------------------------------------------------- shared pieces


@dataclass(frozen=True, slots=True)
class Wording:
    """One sentence of a report stating a fact."""

    report: Report
    paragraph: Paragraph
    sentence: str
    start: int
    end: int
    text: str
    visible: str


def _fact_numbers(corpus: Corpus) -> dict[str, int]:
    """Fact id -> its number in the reader (`f3`): its place in `Corpus.facts`."""
    return {fact.id: number for number, fact in enumerate(corpus.facts, start=1)}


def _sentence_places(corpus: Corpus, wanted: set[str]) -> dict[str, Wording]:
    found: dict[str, Wording] = {}
    for report in corpus.reports:
        for paragraph in report.paragraphs:
            for s in paragraph.sentences:
                if s.id in wanted:
                    text = clean(report.text[s.start : s.end])
                    visible = visible_span(report, paragraph, s.start, s.end)
                    found[s.id] = Wording(report, paragraph, s.id, s.start, s.end, text, visible)
    return found


def _fact_wordings(
    corpus: Corpus, fact: Fact, places: dict[str, Wording] | None = None
) -> list[tuple[Report, list[Wording]]]:
    """Each report's sentences stating the fact, in corpus order."""
    if places is None:
        places = _sentence_places(corpus, set(fact.sentences))
    by_report: dict[str, list[Wording]] = {}
    for sentence_id in fact.sentences:
        if sentence_id in places:
            by_report.setdefault(places[sentence_id].report.id, []).append(places[sentence_id])
    order = {report.id: n for n, report in enumerate(corpus.reports)}
    return [
        (wordings[0].report, sorted(wordings, key=lambda w: w.start))
        for _, wordings in sorted(by_report.items(), key=lambda item: order[item[0]])
    ]


def _report_dict(report: Report) -> dict[str, Any]:
    return {
        "id": report.id,
        "name": safe_line(report.name),
        "path": safe_line(report.path) if report.path is not None else None,
        "source": safe_line(report.outlet),
        "title": safe_line(report.title) or None,
        "date": safe_line(report.date) or None,
        "url": safe_line(report.url) or None,
    }


def _trace(report: Report) -> dict[str, Any]:
    """The fields that say which report a row comes from."""
    return {
        "report": report.id,
        "path": safe_line(report.path) if report.path is not None else None,
        "source": safe_line(report.outlet),
    }


def _reports_md(reports: Sequence[Report]) -> list[str]:
    rows = (
        (f"`{r.id}`", md(r.outlet), md(r.title), md(r.date), md(r.path or r.name)) for r in reports
    )
    return ["## Reports", "", *_md_table(("Report", "Source", "Title", "Date", "File"), rows)]


def _where_md(report: Report, start: int, end: int, detail: str = "") -> str:
    """The line under a quote: which report, where in its text."""
    where = f"— **{md(report.outlet)}** · `{report.id}` · {md(report.path or report.name)}"
    where += f" · chars {start}–{end}"
    return where + (f" · {detail}" if detail else "")


def _header_md(title: str, about: str, corpus: Corpus) -> list[str]:
    return [
        f"# {title}",
        "",
        f"Exported by newsprism {__version__} from {count_of(len(corpus.reports), 'report')}. "
        f"{about} Character offsets (`chars start–end`) count characters of each report's "
        "decoded text, as `newsprism analyze` gives it.",
        "",
    ]


def _csv(columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if row[k] is None else row[k] for k in columns})
    return out.getvalue()


def _json(kind: ExportKind, corpus: Corpus, body: dict[str, Any]) -> str:
    data = {
        "schema": EXPORT_SCHEMA,
        "export": kind,
        "reports": [_report_dict(report) for report in corpus.reports],
        **body,
    }
    document = json.dumps(data, ensure_ascii=False, indent=1)
    # Line and paragraph separators are valid in JSON strings, but not in every reader.
    return document.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + "\n"


# ---------------------------------------------------------------------- facts


def _wording_row(w: Wording) -> dict[str, Any]:
    return {
        **_trace(w.report),
        "paragraph": w.paragraph.id,
        "sentence": w.sentence,
        "start": w.start,
        "end": w.end,
        "text": w.text,
        "visible": w.visible,
    }


def _fact_rows(corpus: Corpus) -> Iterator[dict[str, Any]]:
    """One row per sentence stating a fact: facts in `Corpus.facts` order."""
    numbers = _fact_numbers(corpus)
    places = _sentence_places(corpus, {s for fact in corpus.facts for s in fact.sentences})
    for fact in corpus.facts:
        differs = CSV_JOINER.join(
            f"{safe_line(d.kind)}: {safe_line(d.detail)}" for d in fact.discrepancies
        )
        for _, wordings in _fact_wordings(corpus, fact, places):
            for w in wordings:
                yield {
                    "fact": fact.id,
                    "number": numbers[fact.id],
                    "fact_reports": len(fact.reports),
                    "score": round(fact.score, 3),
                    "differs": differs,
                    **_wording_row(w),
                }


def facts_json(corpus: Corpus) -> str:
    numbers = _fact_numbers(corpus)
    places = _sentence_places(corpus, {s for fact in corpus.facts for s in fact.sentences})
    facts = []
    for fact in corpus.facts:
        wordings = [
            _wording_row(w) for _, said in _fact_wordings(corpus, fact, places) for w in said
        ]
        facts.append(
            {
                "id": fact.id,
                "number": numbers[fact.id],
                "reports": list(fact.reports),
                "score": round(fact.score, 3),
                "discrepancies": [
                    {"kind": safe_line(d.kind), "detail": safe_line(d.detail)}
                    for d in fact.discrepancies
                ],
                "wordings": wordings,
            }
        )
    return _json("facts", corpus, {"threshold": round(corpus.fact_threshold, 3), "facts": facts})


def facts_markdown(corpus: Corpus) -> str:
    numbers = _fact_numbers(corpus)
    places = _sentence_places(corpus, {s for fact in corpus.facts for s in fact.sentences})
    lines = _header_md(
        "Shared facts",
        "A shared fact is something several reports state, each in its own words; facts "
        f"stated by most reports come first (matched at ≥{corpus.fact_threshold:.2f}; "
        "`≠` marks reports giving different numbers or dates). Under the reports and the "
        "overview, each fact is quoted in every report's wording.",
        corpus,
    )
    carrying = [r for r in corpus.reports if any(r.id in f.reports for f in corpus.facts)]
    lines.extend(_reports_md(corpus.reports))
    if not corpus.facts:
        lines.extend(["", "No shared facts: no two reports state the same thing.", ""])
        return _md_document(lines)
    wordings = {fact.id: _fact_wordings(corpus, fact, places) for fact in corpus.facts}
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
            rows.append([f"f{numbers[fact.id]}{mark}", *cells])
        lines.extend(_md_table(header, rows))
    else:
        rows = [
            [
                f"f{numbers[fact.id]}" + (" ≠" if fact.discrepancies else ""),
                str(len(fact.reports)),
                ", ".join(f"`{r.id}`" for r, _ in wordings[fact.id]),
                md(_cut(wordings[fact.id][0][1][0].visible, MATRIX_CELL_CHARS)),
            ]
            for fact in corpus.facts
        ]
        lines.extend(_md_table(("Fact", "Reports", "In", "First wording"), rows))
    for fact in corpus.facts:
        lines.extend(
            [
                "",
                f"## f{numbers[fact.id]} · in {count_of(len(fact.reports), 'report')} · "
                f"match {fact.score:.2f}",
                "",
            ]
        )
        for d in fact.discrepancies:
            lines.extend([f"- ≠ {md(d.kind)}: {md(d.detail)}", ""])
        for report, report_wordings in wordings[fact.id]:
            for w in report_wordings:
                lines.extend([f"> {md(w.visible)}", "", _where_md(report, w.start, w.end), ""])
    return _md_document(lines)


# ---------------------------------------------------------------------- paragraphs


def _entity_name(corpus: Corpus, entity_id: str) -> str:
    try:
        return corpus.entity(entity_id).name
    except KeyError:
        return entity_id


def _source_name(corpus: Corpus, key: str) -> str:
    """A cited source's name: its entity's, or its first wording."""
    if not key.startswith("name:"):
        return _entity_name(corpus, key)
    for sources in corpus.cited.values():
        for source in sources:
            if source.key == key:
                return source.name
    return key.removeprefix("name:")


def _cited_name(source: CitedSource, entities: dict[str, Entity]) -> str:
    entity = entities.get(source.entity or "")
    return safe_line(entity.name if entity else source.name)


@dataclass(frozen=True, slots=True)
class _Tags:
    cited: list[dict[str, Any]]
    topics: list[str]
    mentions: list[dict[str, Any]]
    facts: list[str]

    @property
    def entity_names(self) -> list[str]:
        return list(dict.fromkeys(m["name"] for m in self.mentions))


def _paragraph_tags(
    corpus: Corpus,
    report: Report,
    paragraph: Paragraph,
    entities: dict[str, Entity],
    numbers: dict[str, int],
    labels: dict[str, str],
) -> _Tags:
    cited = [
        {
            "name": _cited_name(source, entities),
            "written": safe_line(source.name),
            "entity": source.entity,
        }
        for source in corpus.cited.get(paragraph.id, ())
    ]
    topics = [
        safe_line(labels[t]) for t in corpus.paragraph_topics.get(paragraph.id, ()) if t in labels
    ]
    mentions = [
        {
            "entity": m.entity,
            "name": safe_line(entities[m.entity].name if m.entity in entities else m.entity),
            "start": m.start,
            "end": m.end,
            "text": clean(report.text[m.start : m.end]),
        }
        for m in corpus.mentions.get(paragraph.id, ())
    ]
    facts = dict.fromkeys(
        f"f{numbers[f]}"
        for s in paragraph.sentences
        for f in corpus.sentence_facts.get(s.id, ())
        if f in numbers
    )
    return _Tags(cited, topics, mentions, list(facts))


def _paragraph_items(corpus: Corpus, flt: Filter) -> Iterator[tuple[Report, Paragraph, _Tags]]:
    entities = {entity.id: entity for entity in corpus.entities}
    numbers = _fact_numbers(corpus)
    labels = {topic.id: topic.label for topic in corpus.topics}
    for report, paragraph in view_of(corpus, flt).selected(corpus.reports):
        tags = _paragraph_tags(corpus, report, paragraph, entities, numbers, labels)
        yield report, paragraph, tags


def _paragraph_row(report: Report, paragraph: Paragraph) -> dict[str, Any]:
    return {
        **_trace(report),
        "paragraph": paragraph.id,
        "kind": paragraph.kind,
        "start": paragraph.start,
        "end": paragraph.end,
        "text": clean(report.text[paragraph.start : paragraph.end]),
        "visible": visible_span(report, paragraph, paragraph.start, paragraph.end),
    }


def paragraphs_csv(corpus: Corpus, flt: Filter) -> str:
    rows = (
        {
            **_paragraph_row(report, paragraph),
            "cited": CSV_JOINER.join(dict.fromkeys(c["name"] for c in tags.cited)),
            "topics": CSV_JOINER.join(tags.topics),
            "entities": CSV_JOINER.join(tags.entity_names),
            "facts": CSV_JOINER.join(tags.facts),
        }
        for report, paragraph, tags in _paragraph_items(corpus, flt)
    )
    return _csv(PARAGRAPH_COLUMNS, rows)


def _filter_dict(corpus: Corpus, flt: Filter) -> dict[str, Any]:
    labels = {topic.id: topic.label for topic in corpus.topics}
    return {
        "description": describe_filter(corpus, flt),
        "entities": [{"id": e, "name": safe_line(_entity_name(corpus, e))} for e in flt.entities],
        "match": flt.match,
        "sources": [{"key": k, "name": safe_line(_source_name(corpus, k))} for k in flt.sources],
        "outlets": [safe_line(o) for o in flt.outlets],
        "topics": [{"id": t, "label": safe_line(labels.get(t, t))} for t in flt.topics],
        "view": flt.view,
        "boilerplate": flt.boilerplate,
    }


def paragraphs_json(corpus: Corpus, flt: Filter) -> str:
    paragraphs = [
        {
            **_paragraph_row(report, paragraph),
            "cited": tags.cited,
            "topics": tags.topics,
            "mentions": tags.mentions,
            "facts": tags.facts,
        }
        for report, paragraph, tags in _paragraph_items(corpus, flt)
    ]
    return _json(
        "paragraphs", corpus, {"filter": _filter_dict(corpus, flt), "paragraphs": paragraphs}
    )


def paragraphs_markdown(corpus: Corpus, flt: Filter) -> str:
    items = list(_paragraph_items(corpus, flt))
    about = (
        f"It holds {describe_filter(corpus, flt)}: {count_of(len(items), 'paragraph')}, each "
        "quoted as the reader shows it, then where it is and its tags: the sources it "
        "cites, its topics, the entities it names and the shared facts it states."
    )
    lines = _header_md("Paragraphs", md(about), corpus)
    lines.extend(_reports_md(corpus.reports))
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
        quote = visible_span(report, paragraph, paragraph.start, paragraph.end)
        where = _where_md(report, paragraph.start, paragraph.end, " · ".join(details))
        lines.extend([f"> {md(quote)}", "", f"`{paragraph.id}` {where}", ""])
    return _md_document(lines)


# ---------------------------------------------------------------------- entities


def _mentions_by_entity(corpus: Corpus) -> dict[str, list[Mention]]:
    found: dict[str, list[Mention]] = {}
    for report in corpus.reports:
        for paragraph in report.paragraphs:
            for mention in corpus.mentions.get(paragraph.id, ()):
                found.setdefault(mention.entity, []).append(mention)
    return found


def _entity_fields(entity: Entity) -> dict[str, Any]:
    return {
        "entity": entity.id,
        "name": safe_line(entity.name),
        "type": entity.type,
        "aliases": [safe_line(a) for a in entity.aliases],
        "mentions": entity.mentions,
        "reports": list(entity.reports),
        "merged_because": [safe_line(str(reason)) for reason in entity.merged_because],
    }


def _per_report(mentions: Sequence[Mention]) -> dict[str, list[Mention]]:
    found: dict[str, list[Mention]] = {}
    for mention in mentions:
        found.setdefault(mention.report, []).append(mention)
    return found


def entities_csv(corpus: Corpus) -> str:
    """One row per entity and report naming it, with the first mention there."""
    by_entity = _mentions_by_entity(corpus)
    reports = {report.id: report for report in corpus.reports}
    rows = []
    for entity in corpus.entities:
        fields = _entity_fields(entity)
        for key in ("aliases", "reports", "merged_because"):
            fields[key] = CSV_JOINER.join(fields[key])
        per_report = _per_report(by_entity.get(entity.id, ()))
        for report_id, mentions in per_report.items():
            report, first = reports[report_id], mentions[0]
            rows.append(
                {
                    **fields,
                    **_trace(report),
                    "report_mentions": len(mentions),
                    "start": first.start,
                    "end": first.end,
                    "text": clean(report.text[first.start : first.end]),
                }
            )
        if not per_report:
            rows.append({**fields, **dict.fromkeys(ENTITY_COLUMNS[7:])})
    return _csv(ENTITY_COLUMNS, rows)


def entities_json(corpus: Corpus) -> str:
    by_entity = _mentions_by_entity(corpus)
    reports = {report.id: report for report in corpus.reports}
    entities = []
    for entity in corpus.entities:
        fields = _entity_fields(entity)
        fields["id"] = fields.pop("entity")
        fields["occurrences"] = [
            {
                **_trace(reports[m.report]),
                "paragraph": m.paragraph,
                "start": m.start,
                "end": m.end,
                "text": clean(reports[m.report].text[m.start : m.end]),
            }
            for m in by_entity.get(entity.id, ())
        ]
        entities.append(fields)
    return _json("entities", corpus, {"entities": entities})


def entities_markdown(corpus: Corpus) -> str:
    by_entity = _mentions_by_entity(corpus)
    lines = _header_md(
        "Entities",
        "The people, organisations, places and other names the reports mention, most "
        "mentioned first, with every spelling merged into one entity and the rule behind "
        "each merge. *Reports* gives, for each report naming the entity, how often it does "
        "and where it first does.",
        corpus,
    )
    lines.extend(_reports_md(corpus.reports))
    lines.extend(["", "## Entities", ""])
    if not corpus.entities:
        lines.extend(["No entities found.", ""])
        return _md_document(lines)
    rows = []
    for entity in corpus.entities:
        per_report = _per_report(by_entity.get(entity.id, ()))
        where = ", ".join(
            f"`{report_id}` {len(ms)}× (first chars {ms[0].start}–{ms[0].end})"
            for report_id, ms in per_report.items()
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
    lines.extend(_md_table(header, rows))
    return _md_document(lines)


# ---------------------------------------------------------------------- entry points


def export_text(
    corpus: Corpus,
    kind: ExportKind,
    fmt: ExportFormat,
    flt: Filter | None = None,
) -> str:
    """The export `kind` ("facts", "paragraphs", "entities") in format `fmt` ("md",
    "csv", "json"); `flt` chooses the paragraphs (all but boilerplate when None)."""
    flt = flt or Filter()
    if kind == "facts":
        if fmt == "csv":
            return _csv(FACT_COLUMNS, _fact_rows(corpus))
        return facts_json(corpus) if fmt == "json" else facts_markdown(corpus)
    if kind == "paragraphs":
        if fmt == "csv":
            return paragraphs_csv(corpus, flt)
        return paragraphs_json(corpus, flt) if fmt == "json" else paragraphs_markdown(corpus, flt)
    if kind == "entities":
        if fmt == "csv":
            return entities_csv(corpus)
        return entities_json(corpus) if fmt == "json" else entities_markdown(corpus)
    raise ValueError(f"unknown export: {kind}")


def export_file_name(fmt: ExportFormat, when: datetime, attempt: int = 0) -> str:
    """ "newsprism-export-20241208-143005.md"; "...-2.md" on the second attempt."""
    suffix = f"-{attempt + 1}" if attempt else ""
    return f"newsprism-export-{when:%Y%m%d-%H%M%S}{suffix}{FILE_SUFFIXES[fmt]}"
