"""What the reading panes draw: which paragraphs, and which spans of report text to mark.

A `FilterView` is the reader's query result (entity filter, fact view mode and toggles
applied to a corpus); the panes only draw it. No Textual here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

# (start, end) offsets into a report's text.
Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class FactSpan:
    """A sentence that states shared facts: its offsets and the facts' numbers (1-based,
    the position in `Corpus.facts`, so one fact has one number in every pane)."""

    start: int
    end: int
    facts: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class FilterView:
    """What the panes draw under a filter; `paragraphs` is None when nothing is filtered."""

    paragraphs: frozenset[str] | None = None
    # Spans (offsets into report text) to mark, by paragraph id, in text order.
    marks: Mapping[str, tuple[Span, ...]] = field(default_factory=dict)
    # Sentences stating shared facts, by paragraph id, in text order.
    facts: Mapping[str, tuple[FactSpan, ...]] = field(default_factory=dict)
    # Sentences no other report states (drawn only when the reader marks them).
    unique: Mapping[str, tuple[Span, ...]] = field(default_factory=dict)
    # Shown in a pane none of whose paragraphs match.
    empty_message: str = ""


NO_FILTER = FilterView()
