"""Shared facts: sentences of different reports that state the same thing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tui.model.pickling import compact_pickle


@compact_pickle
@dataclass(frozen=True, slots=True)
class Discrepancy:
    """A detail the reports of one fact give differently: "injured: 3 vs 5"."""

    kind: str  # number (a count), quantity (a measure, an amount), time, date
    detail: str  # the label and the values, to read: "magnitude: 4.4 vs 4.6"
    label: str = ""  # what is counted or measured, in words: "injured", "amount"
    values: tuple[str, ...] = ()  # each value as a report gives it, lowest first

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "detail": self.detail,
            "label": self.label,
            "values": list(self.values),
        }


@compact_pickle
@dataclass(frozen=True, slots=True)
class FactLink:
    """Two sentences of different reports scored as stating the same fact."""

    a: str  # sentence ids, a < b
    b: str
    score: float
    shared: frozenset[str]  # the terms (words, entities) the matched clauses share


@compact_pickle
@dataclass(frozen=True, slots=True)
class Fact:
    id: str
    sentences: tuple[str, ...]
    reports: tuple[str, ...]
    score: float
    discrepancies: tuple[Discrepancy, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "sentences": list(self.sentences),
            "reports": list(self.reports),
            "score": round(self.score, 3),
            "discrepancies": [d.to_dict() for d in self.discrepancies],
        }
