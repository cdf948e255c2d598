"""Entities: find name mentions in every report and merge their spellings (no Textual)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from tui.analysis.entities.extract import Candidate, find_candidates, normalise
from tui.analysis.entities.merge import merge_entities
from tui.model.corrections import Corrections
from tui.model.document import UNANALYSED_KINDS, Report
from tui.model.entities import Entity, Mention

__all__ = ["Corrections", "EntityAnalysis", "find_candidates_of", "find_entities", "normalise"]

# The candidates of some reports, in order, and how often each word came in lower case.
Candidates = tuple[list[Candidate], Counter[str]]


@dataclass(frozen=True, slots=True)
class EntityAnalysis:
    entities: tuple[Entity, ...]
    mentions: tuple[Mention, ...]


def find_candidates_of(reports: Sequence[Report]) -> Candidates:
    """The name candidates of the reports' analysed paragraphs, report by report (each
    report's depend on it alone, so they can be found anywhere and joined in order)."""
    candidates: list[Candidate] = []
    lowercase: Counter[str] = Counter()
    for report in reports:
        for paragraph in report.paragraphs:
            if paragraph.kind not in UNANALYSED_KINDS:
                candidates.extend(find_candidates(report, paragraph, lowercase))
    return candidates, lowercase


def find_entities(
    reports: Sequence[Report],
    corrections: Corrections | None = None,
    found: Candidates | None = None,
) -> EntityAnalysis:
    """All entities of the reports, their mentions in non-boilerplate paragraphs;
    `found`: the reports' candidates if already found (`find_candidates_of`)."""
    candidates, lowercase = found if found is not None else find_candidates_of(reports)
    entities, mentions = merge_entities(candidates, corrections, lowercase)
    return EntityAnalysis(tuple(entities), tuple(mentions))
