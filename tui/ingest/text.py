"""A paragraph's visible text: what a reader sees of it (its runs joined, Markdown syntax
left out), and the way between offsets in it and offsets in the report's text.

The one implementation: ingest (sentences, boilerplate), the analyses (entities, cited
sources, topics) and export all read visible text through these functions. Making it
safe for a terminal is `tui.textsafe`'s job (`safe_visible_span`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tui.model.document import Paragraph, ParagraphKind, Report, Run


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph as ingest finds it (plain text or Markdown), before it is split into
    sentences: its extent in the report's text, its kind and its visible runs."""

    start: int
    end: int
    kind: ParagraphKind
    runs: tuple[Run, ...]
    # Nesting depth of list items and block quotes (0 for top-level blocks).
    depth: int = 0


def runs_text(text: str, runs: Sequence[Run]) -> str:
    """The runs' text joined: a paragraph's visible text."""
    return "".join(text[run.start : run.end] for run in runs)


def runs_text_with_offsets(text: str, runs: Sequence[Run]) -> tuple[str, list[int]]:
    """The runs' text joined, and for each of its characters the offset in `text`."""
    offsets: list[int] = []
    for run in runs:
        offsets.extend(range(run.start, run.end))
    return runs_text(text, runs), offsets


def visible_text(report: Report, paragraph: Paragraph) -> str:
    """The paragraph as a reader sees it: runs joined, markup left out."""
    return runs_text(report.text, paragraph.runs)


def visible_with_offsets(report: Report, paragraph: Paragraph) -> tuple[str, list[int]]:
    """The paragraph's visible text, and each of its characters' offset in the report."""
    return runs_text_with_offsets(report.text, paragraph.runs)


class VisiblePositions:
    """For an offset in the report's text, its position in a paragraph's visible text
    (None for markup), worked out from the runs when asked: no table of every character."""

    __slots__ = ("_runs",)

    def __init__(self, runs: Sequence[Run]) -> None:
        self._runs: list[tuple[int, int, int]] = []
        position = 0
        for run in runs:
            self._runs.append((run.start, run.end, position))
            position += run.end - run.start

    def get(self, offset: int) -> int | None:
        found = None
        for start, end, position in self._runs:
            if start <= offset < end:
                found = position + offset - start  # a later run wins, as in the text
        return found


def visible_positions(report: Report, paragraph: Paragraph) -> tuple[str, VisiblePositions]:
    """The paragraph's visible text, and for each visible offset in the report's text
    its position in that visible text (markup has none)."""
    return visible_text(report, paragraph), VisiblePositions(paragraph.runs)
