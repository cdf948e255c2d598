"""What the reading panes draw: which paragraphs, and which spans of report text to mark.

A `FilterView` is the reader's query result (entity, source and topic filters, fact view
mode and toggles applied to a corpus); the panes only draw it. Which paragraphs it keeps
is `tui.query`'s `View`, the one export uses. No Textual here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from tui.query.view import View
from tui.wording import joined

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
class Tag:
    """One tag under a paragraph: a source it cites (by `CitedSource.key`), a topic it
    is about (by topic id), or the other reports printing its text near-verbatim (wire
    copy, by the copies' ids), with the name to show (safe to draw)."""

    kind: Literal["source", "topic", "wire"]
    key: str
    label: str


@dataclass(frozen=True, slots=True)
class FilterView:
    """What the panes draw under a filter: the paragraphs `kept`, and what to mark."""

    kept: View = field(default_factory=View)
    # Spans (offsets into report text) to mark, by paragraph id, in text order.
    marks: Mapping[str, tuple[Span, ...]] = field(default_factory=dict)
    # Sentences stating shared facts, by paragraph id, in text order.
    facts: Mapping[str, tuple[FactSpan, ...]] = field(default_factory=dict)
    # Sentences no other report states (drawn only when the reader marks them).
    unique: Mapping[str, tuple[Span, ...]] = field(default_factory=dict)
    # What a shown paragraph does ("mentions Hezbollah", "cites Reuters"): the one line
    # a pane none of whose paragraphs match shows is made of them.
    clauses: tuple[str, ...] = ()
    # The tags drawn under each paragraph, by paragraph id (empty: tags are off).
    tags: Mapping[str, tuple[Tag, ...]] = field(default_factory=dict)
    # Tag keys the filters chose: drawn stronger in the tag lines.
    chosen_tags: frozenset[str] = frozenset()

    @property
    def empty_message(self) -> str:
        """Shown in a pane none of whose paragraphs match."""
        return f"No paragraph here {joined(self.clauses)}" if self.clauses else ""

    @property
    def short_empty_message(self) -> str:
        """The same, for a pane too narrow to say what each filter asks."""
        if len(self.clauses) > 1:
            return "Nothing here matches all filters"
        return self.empty_message


NO_FILTER = FilterView()
