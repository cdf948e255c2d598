"""Entities and their mentions: offsets into report text, merged across reports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from tui.model.pickling import compact_pickle

EntityType = Literal["PERSON", "ORG", "PLACE", "OTHER"]
ENTITY_TYPES: tuple[EntityType, ...] = ("PERSON", "ORG", "PLACE", "OTHER")


@compact_pickle
@dataclass(frozen=True, slots=True)
class Mention:
    """`report.text[start:end]` names `entity` (one of its aliases)."""

    entity: str
    report: str
    paragraph: str
    start: int
    end: int


@compact_pickle
@dataclass(frozen=True, slots=True)
class MergeReason:
    """Why two spellings were taken for one entity: the rule and the forms it joined."""

    rule: str
    forms: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.rule}: " + " = ".join(self.forms)


@compact_pickle
@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    name: str
    type: EntityType
    aliases: tuple[str, ...]
    mentions: int
    reports: tuple[str, ...]
    merged_because: tuple[MergeReason, ...] = ()
    # Mentions per report id, for the picker's per-report counts.
    report_counts: tuple[tuple[str, int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "mentions": self.mentions,
            "reports": list(self.reports),
            "merged_because": [str(reason) for reason in self.merged_because],
        }
