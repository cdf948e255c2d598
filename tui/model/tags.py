"""Paragraph tags: the sources a paragraph cites and the topics it is about."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tui.model.ids import name_key
from tui.model.pickling import compact_pickle


@compact_pickle
@dataclass(frozen=True, slots=True)
class CitedSource:
    """Who a paragraph attributes information to: an entity, or words kept as written."""

    name: str
    entity: str | None = None

    @property
    def key(self) -> str:
        """One key per source: its entity, or its wording when it names no entity."""
        return self.entity or name_key(self.name)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "entity": self.entity}


@compact_pickle
@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    label: str
    paragraphs: tuple[str, ...]
    user: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "paragraphs": list(self.paragraphs),
            "user": self.user,
        }
