"""Shared facts in the reader: which sentences to colour, what a fact view asks of a
paragraph, and where a fact's counterpart is in another report (no Textual here).

A `FactIndex` is built once per corpus (and per fact threshold): it turns the corpus's
facts into sentence spans by paragraph, finds the "unique" sentences (in a paragraph the
analysis reads, yet in no fact), and knows where every fact sentence lives. Which
paragraphs a fact view keeps is `tui.query`'s answer.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from tui.model.corpus import Corpus
from tui.model.document import Paragraph, Report, Sentence
from tui.model.facts import Fact
from tui.model.ids import id_number
from tui.query.filter import FactView
from tui.query.index import states_fact, unique_sentence
from tui.query.marks import FactSpan, FilterView, Span
from tui.textsafe import safe_visible_line

# The fact views (`tui.query.FACT_VIEWS`; `u` cycles through them), as the reader names them.
FACT_VIEW_LABELS: dict[FactView, str] = {
    "all": "All paragraphs",
    "shared": "Shared facts only",
    "unique": "Unique sentences only",
}
_FACT_VIEW_CLAUSES: dict[FactView, str] = {
    "shared": "states a shared fact",
    "unique": "has a sentence no other report states",
}

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def fact_marker(numbers: Sequence[int]) -> str:
    """ "⁴" for fact 4, "²·¹²" for a sentence stating facts 2 and 12."""
    return "·".join(str(n).translate(_SUPERSCRIPT) for n in numbers)


def sentence_wording(report: Report, paragraph: Paragraph, sentence: Sentence) -> str:
    """The sentence as a reader sees it, on one line: its visible runs (no Markdown
    syntax), escapes and control characters stripped, white space collapsed (see
    `safe_visible_line`)."""
    return safe_visible_line(report, paragraph, sentence.start, sentence.end)


@dataclass(frozen=True, slots=True)
class Counterpart:
    """Where another report states the same facts: its sentences, in text order."""

    report_id: str
    sentence_ids: tuple[str, ...]
    paragraph_ids: tuple[str, ...]  # the paragraphs holding them, in text order


@dataclass(frozen=True, slots=True)
class FactIndex:
    facts: Mapping[str, Fact]
    # Fact id -> its number (position in Corpus.facts, from 1).
    numbers: Mapping[str, int]
    sentence_facts: Mapping[str, tuple[str, ...]]
    spans: Mapping[str, tuple[FactSpan, ...]]
    unique: Mapping[str, tuple[Span, ...]]
    # Sentence id -> (report id, paragraph id), for every sentence stating a fact.
    places: Mapping[str, tuple[str, str]]
    # Sentence id -> its position in the report, to put counterparts in text order.
    order: Mapping[str, int]

    def paragraph_facts(self, paragraph: Paragraph | None) -> tuple[str, ...]:
        """The ids of the facts the paragraph states, in the order it states them."""
        found: dict[str, None] = {}
        for sentence in paragraph.sentences if paragraph else ():
            for fact_id in self.sentence_facts.get(sentence.id, ()):
                found[fact_id] = None
        return tuple(found)


EMPTY_INDEX = FactIndex({}, {}, {}, {}, {}, {}, {})


def fact_numbers(corpus: Corpus) -> dict[str, int]:
    """Fact id -> its number as the reader, the exports and `analyze` show it (`f3`): the
    number of its id, so fact f81 (the first of a second story) is f81 in a story's view
    too; its place in `Corpus.facts`, from 1, for an id without one."""
    return {
        fact.id: id_number(fact.id) or number for number, fact in enumerate(corpus.facts, start=1)
    }


def build_fact_index(corpus: Corpus) -> FactIndex:
    numbers = fact_numbers(corpus)
    spans: dict[str, tuple[FactSpan, ...]] = {}
    unique: dict[str, tuple[Span, ...]] = {}
    places: dict[str, tuple[str, str]] = {}
    order: dict[str, int] = {}
    linked = corpus.linked_sentences()
    for report in corpus.reports:
        position = 0
        for paragraph in report.paragraphs:
            stated: list[FactSpan] = []
            alone: list[Span] = []
            for sentence in paragraph.sentences:
                if states_fact(corpus, sentence):
                    fact_ids = corpus.sentence_facts[sentence.id]
                    found = sorted(numbers[f] for f in fact_ids if f in numbers)
                    stated.append(FactSpan(sentence.start, sentence.end, tuple(found)))
                    places[sentence.id] = (report.id, paragraph.id)
                    order[sentence.id] = position
                elif unique_sentence(corpus, paragraph, sentence, linked):
                    alone.append((sentence.start, sentence.end))
                position += 1
            if stated:
                spans[paragraph.id] = tuple(stated)
            if alone:
                unique[paragraph.id] = tuple(alone)
    return FactIndex(
        facts={fact.id: fact for fact in corpus.facts},
        numbers=numbers,
        sentence_facts=corpus.sentence_facts,
        spans=spans,
        unique=unique,
        places=places,
        order=order,
    )


def fact_filter_view(
    view: FilterView, index: FactIndex, fact_view: FactView, show_unique: bool
) -> FilterView:
    """`view` (the entity, source and topic filters') with the facts drawn and what
    the fact view asks of a paragraph."""
    clauses = view.clauses
    if fact_view != "all":
        clauses = (*clauses, _FACT_VIEW_CLAUSES[fact_view])
    return replace(
        view,
        facts=index.spans,
        unique=index.unique if show_unique else {},
        clauses=clauses,
    )


def find_counterparts(
    index: FactIndex,
    fact_ids: Sequence[str],
    source_report: str,
    shown_reports: Sequence[str | None],
    report_order: Sequence[str],
) -> list[Counterpart | None]:
    """Where each of several other panes (showing `shown_reports`) shows the facts, in
    reports other than `source_report`, each report in one pane only: a pane whose report
    states any of them keeps it; the others take, in `report_order`, the reports stating
    them that no pane has; None for a pane left over when too few reports state them."""
    by_report: dict[str, list[str]] = {}
    for fact_id in fact_ids:
        fact = index.facts.get(fact_id)
        for sentence_id in fact.sentences if fact else ():
            place = index.places.get(sentence_id)
            if place is None or place[0] == source_report:
                continue
            sentences = by_report.setdefault(place[0], [])
            if sentence_id not in sentences:
                sentences.append(sentence_id)
    kept: list[str | None] = []
    for report_id in shown_reports:
        keep = report_id in by_report and report_id not in kept
        kept.append(report_id if keep else None)
    rank = {report_id: number for number, report_id in enumerate(report_order)}
    spare = iter(
        sorted((r for r in by_report if r not in kept), key=lambda r: rank.get(r, len(rank)))
    )
    found: list[Counterpart | None] = []
    for report_id in kept:
        chosen = report_id or next(spare, None)
        found.append(None if chosen is None else _located(index, chosen, by_report[chosen]))
    return found


def fact_sentences_in(index: FactIndex, fact_id: str, report_id: str) -> Counterpart | None:
    """The fact's own sentences in one report, as a `Counterpart` (None if it has none)."""
    fact = index.facts.get(fact_id)
    sentence_ids = [
        s for s in (fact.sentences if fact else ()) if index.places.get(s, ("",))[0] == report_id
    ]
    return _located(index, report_id, sentence_ids) if sentence_ids else None


def _located(index: FactIndex, report_id: str, sentence_ids: Sequence[str]) -> Counterpart:
    ordered = sorted(sentence_ids, key=lambda s: index.order[s])
    paragraph_ids = dict.fromkeys(index.places[s][1] for s in ordered)
    return Counterpart(report_id, tuple(ordered), tuple(paragraph_ids))


# Sensitivity: the fact threshold moves in these steps, up to this strictest value (the
# loosest is the analysis's link floor: weaker links are not kept).
THRESHOLD_STEP = 0.05
STRICTEST_THRESHOLD = 0.9


def threshold_steps() -> list[float]:
    """Every threshold the reader offers, loosest first."""
    from tui.analysis.facts import LINK_FLOOR  # loaded by the analysis worker already

    steps = [LINK_FLOOR]
    while steps[-1] + THRESHOLD_STEP <= STRICTEST_THRESHOLD + 1e-9:
        steps.append(round(steps[-1] + THRESHOLD_STEP, 2))
    return steps


def stepped_threshold(current: float, step: int) -> float:
    """The threshold `step` steps stricter (negative: looser), within the offered range."""
    steps = threshold_steps()
    if step > 0:
        return next((t for t in steps if t > current + 1e-9), steps[-1])
    return next((t for t in reversed(steps) if t < current - 1e-9), steps[0])
