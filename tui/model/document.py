"""The document model: reports, paragraphs and sentences as offsets over immutable text.

Every span carries `start`/`end` character offsets into its report's `text`, and
`report.text[start:end]` is exactly its text. Nothing here is ever rewritten.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tui.model.pickling import compact_pickle

ParagraphKind = Literal["body", "heading", "quote", "list", "code", "boilerplate"]
PARAGRAPH_KINDS: tuple[ParagraphKind, ...] = (
    "body",
    "heading",
    "quote",
    "list",
    "code",
    "boilerplate",
)

# Inline styles a run of visible text can carry (Markdown emphasis, links, code spans).
RunStyle = Literal["", "em", "strong", "code", "link"]


@compact_pickle
@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of visible text: `text[start:end]` shown with one inline style.

    Plain-text paragraphs have a single run covering the whole paragraph; Markdown
    paragraphs have one run per piece of text between markup, so `**`, `](url)` and
    other syntax are never shown nor analysed.
    """

    start: int
    end: int
    style: RunStyle = ""
    href: str | None = None
    # A hard line break follows this run (Markdown "two spaces" / backslash breaks,
    # and every line of a code block).
    line_break: bool = False


@compact_pickle
@dataclass(frozen=True, slots=True)
class Sentence:
    id: str
    start: int
    end: int


@compact_pickle
@dataclass(frozen=True, slots=True)
class Paragraph:
    id: str
    start: int
    end: int
    kind: ParagraphKind
    sentences: tuple[Sentence, ...]
    runs: tuple[Run, ...]
    # Nesting depth for list items and block quotes (0 for top-level blocks).
    depth: int = 0


@compact_pickle
@dataclass(frozen=True, slots=True)
class Report:
    id: str
    name: str
    path: str | None
    outlet: str
    title: str | None
    date: str | None
    url: str | None
    text: str
    paragraphs: tuple[Paragraph, ...]

    def span(self, item: Paragraph | Sentence | Run) -> str:
        """The exact text of a paragraph, sentence or run."""
        return self.text[item.start : item.end]

    def visible_text(self, paragraph: Paragraph) -> str:
        """The paragraph as a reader sees it: runs joined, markup left out."""
        return "".join(self.text[r.start : r.end] for r in paragraph.runs)

    def visible_span(self, paragraph: Paragraph, start: int, end: int) -> str:
        """`text[start:end]` (within `paragraph`) as a reader sees it: markup left out."""
        return "".join(
            self.text[max(r.start, start) : min(r.end, end)]
            for r in paragraph.runs
            if r.start < end and r.end > start
        )
