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

__all__ = ["Corrections", "EntityAnalysis", "find_entities", "normalise"]


@dataclass(frozen=True, slots=True)
class EntityAnalysis:
    entities: tuple[Entity, ...]
    mentions: tuple[Mention, ...]


def find_entities(
    reports: Sequence[Report], corrections: Corrections | None = None
) -> EntityAnalysis:
    """All entities of the reports, their mentions in non-boilerplate paragraphs."""
    candidates: list[Candidate] = []
    lowercase: Counter[str] = Counter()
    for report in reports:
        for paragraph in report.paragraphs:
            if paragraph.kind not in UNANALYSED_KINDS:
                candidates.extend(find_candidates(report, paragraph, lowercase))
    entities, mentions = merge_entities(candidates, corrections, lowercase)
    return EntityAnalysis(tuple(entities), tuple(mentions))
