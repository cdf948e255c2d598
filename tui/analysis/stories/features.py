"""What a report says, for telling its story apart: weighted terms (word stems and
entities by id, from `tui.analysis.terms`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tui.analysis.terms import sentence_terms
from tui.model.document import UNANALYSED_KINDS, Report
from tui.model.entities import Mention


@dataclass(frozen=True, slots=True)
class ReportFeatures:
    """A report's terms with their counts."""

    report: str
    terms: Mapping[str, float]


def report_features(report: Report, mentions: Mapping[str, Sequence[Mention]]) -> ReportFeatures:
    counts: Counter[str] = Counter()
    for paragraph in report.paragraphs:
        if paragraph.kind in UNANALYSED_KINDS:
            continue
        found = mentions.get(paragraph.id, ())
        for sentence in paragraph.sentences:
            counts.update(sentence_terms(report, paragraph, sentence, found).terms)
    return ReportFeatures(report.id, dict(counts))
