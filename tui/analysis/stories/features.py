"""What a report says, for telling its story apart from others.

A report's terms come from `tui.analysis.terms` (word stems, synonym classes, entities
by id, so every spelling of a name is one term), in three kinds that weigh differently
(see `vectors`): words, names (entities, demonyms) and numbers (a death toll, a score, a
magnitude). The lead, where a report says what happened, counts more than the rest, and
only the first sentences are read: they say which story a report tells. Kept apart are
the years and weekdays the lead names (and the year of the report's date): they say when
its event happened.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tui.analysis.terms import TermBag
from tui.model.document import UNANALYSED_KINDS, Report
from tui.model.entities import Mention
from tui.model.ids import is_name_term

# The lead: the first sentences of this many words or more (a URL, a byline or a
# dateline is not one, but what it names counts as the lead's).
LEAD_SENTENCES = 3
LEAD_WORDS = 5
# How much more a term of the lead counts than one further down.
LEAD_WEIGHT = 2.0
# Only this many sentences of a report are read.
MAX_SENTENCES = 20

_YEAR = re.compile(r"(?<![\d.,$£€])(?:19[0-9]{2}|20[0-9]{2})(?![\d%]|[.,]\d)")
_ISO_DATE = re.compile(r"\s*([0-9]{4})-([0-9]{2})-([0-9]{2})")
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())


@dataclass(frozen=True, slots=True)
class ReportTerms:
    """A report's terms by kind, each with its weighted count, and when it happened."""

    words: dict[str, float]
    names: dict[str, float]
    numbers: dict[str, float]
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
    for paragraph in report.paragraphs:
        if paragraph.kind in UNANALYSED_KINDS or not paragraph.sentences:
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
    words: dict[str, float] = defaultdict(float)
    names: dict[str, float] = defaultdict(float)
    numbers: dict[str, float] = defaultdict(float)
    weekdays: frozenset[str] = frozenset()
    for bag, weight in ((lead.counted(), LEAD_WEIGHT), (body.counted(), 1.0)):
        for term, count in bag.terms.items():
            (names if is_name_term(term) else words)[term] += count * weight
        for value, count in bag.numbers.items():
            numbers[value] += count * weight
        if weight == LEAD_WEIGHT:
            weekdays = bag.dates & _WEEKDAYS
    return ReportTerms(dict(words), dict(names), dict(numbers), frozenset(years), weekdays)
