"""What a report says, for telling its story apart from others.

A report's terms come from `tui.analysis.terms` (word stems, synonym classes, entities
by id, so every spelling of a name is one term, and numbers: a death toll, a score, a
magnitude). The lead, where a report says what happened, counts more than the rest, and
only the first sentences are read: they say which story a report tells. Kept apart are
the years and weekdays the lead names (and the year of the report's date): they say when
its event happened.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tui.analysis.terms import WEEKDAYS, TermBag
from tui.ingest.textmeta import HEAD_LINES
from tui.model.document import UNANALYSED_KINDS, Report
from tui.model.entities import Mention
from tui.model.ids import DATE_TERM

# The lead: the first sentences of this many words or more (a URL, a byline or a
# dateline is not one, but what it names counts as the lead's).
LEAD_SENTENCES = 3
LEAD_WORDS = 5
# How much more a term of the lead counts than one further down.
LEAD_WEIGHT = 2.0
# Only this many sentences of a report are read.
MAX_SENTENCES = 15

_YEAR = re.compile(r"(?<![\d.,$£€])(?:19[0-9]{2}|20[0-9]{2})(?![\d%]|[.,]\d)")
_ISO_DATE = re.compile(r"\s*([0-9]{4})-([0-9]{2})-([0-9]{2})")


@dataclass(frozen=True, slots=True)
class ReportTerms:
    """A report's terms (words, names, numbers: see `tui.analysis.terms.bag_term`) with
    their counts, the lead's counted twice, and when its event happened."""

    counts: dict[str, float]
    # The years its date and its lead name.
    years: frozenset[int]
    # The weekdays its lead names.
    weekdays: frozenset[str]


def iso_date(value: str | None) -> str | None:
    """The ISO date (YYYY-MM-DD) a report's date starts with, None if it has none."""
    match = _ISO_DATE.match(value or "")
    if match is None:
        return None
    year, month, day = (int(g) for g in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def report_terms(report: Report, mentions: Mapping[str, Sequence[Mention]]) -> ReportTerms:
    lead, body = TermBag(), TermBag()
    years: set[int] = set()
    date = iso_date(report.date)
    if date is not None:
        years.add(int(date[:4]))
    lead_left = LEAD_SENTENCES
    sentences_left = MAX_SENTENCES
    for number, paragraph in enumerate(report.paragraphs):
        if not paragraph.sentences:
            continue
        # The page's head (its URL, its dateline: `tui.ingest.textmeta`) is chrome, not
        # text to compare, but what it names ("...-lohan-rehab", "Monday, Sep 10, 2012")
        # says which story this is and when: it counts as the lead's.
        if paragraph.kind in UNANALYSED_KINDS and not (
            paragraph.kind == "boilerplate" and number < HEAD_LINES
        ):
            continue
        if sentences_left <= 0:
            break
        found = mentions.get(paragraph.id, ())
        sentences = paragraph.sentences[:sentences_left]
        sentences_left -= len(sentences)
        # The lead's sentences one by one, then the rest of the paragraph at once.
        rest = 0
        while rest < len(sentences) and lead_left > 0:
            sentence = sentences[rest]
            text = report.text[sentence.start : sentence.end]
            if len(text.split()) >= LEAD_WORDS:
                lead_left -= 1
            lead.add(report, paragraph, sentence.start, sentence.end, found)
            years.update(int(year) for year in _YEAR.findall(text))
            rest += 1
        if rest < len(sentences):
            body.add(report, paragraph, sentences[rest].start, sentences[-1].end, found)
    counts: dict[str, float] = dict(body.counted())
    weekdays = set()
    for term, count in lead.counted().items():
        counts[term] = counts.get(term, 0) + LEAD_WEIGHT * count
        day = DATE_TERM.value(term)
        if day in WEEKDAYS:
            weekdays.add(day)
    return ReportTerms(counts, frozenset(years), frozenset(weekdays))
