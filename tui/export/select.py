"""What an export holds, whatever its format: the kinds of export, and the rows of each
(the sentences stating each shared fact, the paragraphs a filter keeps with their tags,
each entity's mentions), every one traced to its report and offsets.

Which paragraphs a filter keeps is `tui.query`'s answer, the one the reader's panes show.
Report text is made safe here (`clean`, `tui.textsafe.safe_visible_line`); each format
escapes it its own way on top of that.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from tui.export.names import cited_name
from tui.model.corpus import Corpus
from tui.model.document import Paragraph, Report
from tui.model.entities import Entity, Mention
from tui.model.facts import Fact
from tui.model.ids import fact_label
from tui.query import Filter, view_of
from tui.query.facts import fact_numbers
from tui.textsafe import safe_line, safe_pieces, safe_visible_line, safe_visible_span
from tui.wording import count_of

ExportKind = Literal["facts", "paragraphs", "entities"]
ExportFormat = Literal["md", "csv", "json"]
EXPORT_KINDS: tuple[ExportKind, ...] = ("facts", "paragraphs", "entities")
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("md", "csv", "json")


# ---------------------------------------------------------------------- text


def clean(text: str) -> str:
    """`text` without escape sequences and control characters (tabs, newlines kept):
    report text made safe to write anywhere, otherwise exactly as it is."""
    return "".join(text[pos : pos + len(piece)] for pos, piece in safe_pieces(text))


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
        body = safe_visible_line(report, paragraph)
    return f"{body}\n— {source_line(report)}"


def facts_clip(corpus: Corpus, fact_ids: Iterable[str]) -> str:
    """Shared facts for the clipboard: each with every report's wording."""
    numbers = fact_numbers(corpus)
    blocks = []
    for fact_id in fact_ids:
        fact = corpus.fact(fact_id)
        lines = [
            f"Shared fact {fact_label(numbers[fact_id])} ({count_of(len(fact.reports), 'report')})"
        ]
        lines.extend(f"≠ {safe_line(d.detail)}" for d in fact.discrepancies)
        for report, wordings in fact_wordings(corpus, fact):
            said = " / ".join(w.visible for w in wordings)
            lines.append(f"“{said}” — {source_line(report)}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


# ---------------------------------------------------------------------- facts


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


def sentence_places(corpus: Corpus, wanted: set[str]) -> dict[str, Wording]:
    """The wording of each of the `wanted` sentences, by sentence id."""
    found: dict[str, Wording] = {}
    for report in corpus.reports:
        for paragraph in report.paragraphs:
            for s in paragraph.sentences:
                if s.id in wanted:
                    text = clean(report.text[s.start : s.end])
                    visible = safe_visible_line(report, paragraph, s.start, s.end)
                    found[s.id] = Wording(report, paragraph, s.id, s.start, s.end, text, visible)
    return found


def all_fact_places(corpus: Corpus) -> dict[str, Wording]:
    """The wording of every sentence stating a shared fact."""
    return sentence_places(corpus, {s for fact in corpus.facts for s in fact.sentences})


def fact_wordings(
    corpus: Corpus, fact: Fact, places: dict[str, Wording] | None = None
) -> list[tuple[Report, list[Wording]]]:
    """Each report's sentences stating the fact, in corpus order."""
    if places is None:
        places = sentence_places(corpus, set(fact.sentences))
    by_report: dict[str, list[Wording]] = {}
    for sentence_id in fact.sentences:
        if sentence_id in places:
            by_report.setdefault(places[sentence_id].report.id, []).append(places[sentence_id])
    order = {report.id: n for n, report in enumerate(corpus.reports)}
    return [
        (wordings[0].report, sorted(wordings, key=lambda w: w.start))
        for _, wordings in sorted(by_report.items(), key=lambda item: order[item[0]])
    ]


def trace(report: Report) -> dict[str, Any]:
    """The fields that say which report a row comes from."""
    return {
        "report": report.id,
        "path": safe_line(report.path) if report.path is not None else None,
        "source": safe_line(report.outlet),
    }


def wording_row(w: Wording) -> dict[str, Any]:
    return {
        **trace(w.report),
        "paragraph": w.paragraph.id,
        "sentence": w.sentence,
        "start": w.start,
        "end": w.end,
        "text": w.text,
        "visible": w.visible,
    }


# ---------------------------------------------------------------------- paragraphs


@dataclass(frozen=True, slots=True)
class ParagraphTags:
    """What an export says about a paragraph: the sources it cites, its topics, the
    entities it names and the shared facts it states (as `f3`)."""

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
) -> ParagraphTags:
    cited = [
        {
            "name": cited_name(source, entities),
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
        fact_label(numbers[f])
        for s in paragraph.sentences
        for f in corpus.sentence_facts.get(s.id, ())
        if f in numbers
    )
    return ParagraphTags(cited, topics, mentions, list(facts))


def paragraph_items(
    corpus: Corpus, flt: Filter
) -> Iterator[tuple[Report, Paragraph, ParagraphTags]]:
    """The paragraphs the filter keeps (the reader's answer), each with its tags."""
    entities = {entity.id: entity for entity in corpus.entities}
    numbers = fact_numbers(corpus)
    labels = {topic.id: topic.label for topic in corpus.topics}
    for report, paragraph in view_of(corpus, flt).selected(corpus.reports):
        tags = _paragraph_tags(corpus, report, paragraph, entities, numbers, labels)
        yield report, paragraph, tags


def paragraph_row(report: Report, paragraph: Paragraph) -> dict[str, Any]:
    return {
        **trace(report),
        "paragraph": paragraph.id,
        "kind": paragraph.kind,
        "start": paragraph.start,
        "end": paragraph.end,
        "text": clean(report.text[paragraph.start : paragraph.end]),
        "visible": safe_visible_line(report, paragraph),
    }


# ---------------------------------------------------------------------- entities


def entity_fields(entity: Entity) -> dict[str, Any]:
    return {
        "entity": entity.id,
        "name": safe_line(entity.name),
        "type": entity.type,
        "aliases": [safe_line(a) for a in entity.aliases],
        "mentions": entity.mentions,
        "reports": list(entity.reports),
        "merged_because": [safe_line(str(reason)) for reason in entity.merged_because],
    }


def entity_mentions(corpus: Corpus) -> Iterator[tuple[Entity, list[Mention]]]:
    """Each entity, most mentioned first, with its mentions in corpus order."""
    found: dict[str, list[Mention]] = {}
    for report in corpus.reports:
        for paragraph in report.paragraphs:
            for mention in corpus.mentions.get(paragraph.id, ()):
                found.setdefault(mention.entity, []).append(mention)
    for entity in corpus.entities:
        yield entity, found.get(entity.id, [])


def per_report(mentions: Sequence[Mention]) -> dict[str, list[Mention]]:
    """Mentions by report id, in the order the reports first appear."""
    found: dict[str, list[Mention]] = {}
    for mention in mentions:
        found.setdefault(mention.report, []).append(mention)
    return found
