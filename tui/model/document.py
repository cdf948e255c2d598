"""The document model: reports, paragraphs and sentences as offsets over immutable text.

Every span carries `start`/`end` character offsets into its report's `text`, and
`report.text[start:end]` is exactly its text. Nothing here is ever rewritten.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
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
# Paragraphs the analyses do not read: publisher chrome, and code (no sentences of news).
UNANALYSED_KINDS: frozenset[ParagraphKind] = frozenset({"boilerplate", "code"})

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


def clipped_runs(runs: Sequence[Run], start: int, end: int) -> Iterator[tuple[int, int]]:
    """The (start, end) of each run's part inside `start:end`, in order: the visible
    pieces of a stretch of a paragraph (see `tui.ingest.text`)."""
    for run in runs:
        if run.start < end and run.end > start:
            yield max(run.start, start), min(run.end, end)


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


def unknown_outlet(name: str) -> str:
    """What a report whose outlet nothing says is shown as: "unknown outlet (its file
    name)", never the bare file name (a hash would look like an outlet's name)."""
    return f"unknown outlet ({name})"


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
    author: str | None = None  # a byline, where the page's metadata or front matter gives one

    @property
    def outlet_known(self) -> bool:
        """Whether something said who published it (`unknown_outlet` otherwise)."""
        return self.outlet != unknown_outlet(self.name)

    def span(self, item: Paragraph | Sentence | Run) -> str:
        """The exact text of a paragraph, sentence or run."""
        return self.text[item.start : item.end]
