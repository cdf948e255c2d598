"""Sentence spans within a paragraph, using sentencex (rule-based, Rust core)."""

from __future__ import annotations

from collections.abc import Sequence

import sentencex

from tui.model.document import Run


def _visible(text: str, runs: Sequence[Run]) -> tuple[str, list[int]]:
    """The runs' text joined, and for each of its characters the offset in `text`."""
    pieces: list[str] = []
    offsets: list[int] = []
    for run in runs:
        pieces.append(text[run.start : run.end])
        offsets.extend(range(run.start, run.end))
    return "".join(pieces), offsets


def split_sentences(text: str, runs: Sequence[Run]) -> list[tuple[int, int]]:
    """(start, end) offsets in `text` of each sentence of a paragraph's visible text.

    Sentences are trimmed of surrounding whitespace; whatever the segmenter returns,
    the spans stay ordered, disjoint and inside the paragraph's runs.
    """
    visible, offsets = _visible(text, runs)
    if not visible.strip():
        return []
    spans: list[tuple[int, int]] = []
    pos = 0
    for piece in sentencex.segment("en", visible):
        found = visible.find(piece, pos)
        if found < 0:  # the segmenter changed the text: fall back to one sentence
            return [_trimmed(visible, offsets, 0, len(visible))]
        start, end = found, found + len(piece)
        pos = end
        if piece.strip():
            spans.append(_trimmed(visible, offsets, start, end))
    return spans


def _trimmed(visible: str, offsets: list[int], start: int, end: int) -> tuple[int, int]:
    while start < end and visible[start].isspace():
        start += 1
    while end > start and visible[end - 1].isspace():
        end -= 1
    return offsets[start], offsets[end - 1] + 1
