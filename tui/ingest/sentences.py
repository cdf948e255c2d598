"""Sentence spans within a paragraph, using sentencex (rule-based, Rust core)."""

from __future__ import annotations

import re
from collections.abc import Sequence

import sentencex

from tui.ingest.text import runs_text_with_offsets
from tui.model.document import Run

# sentencex reads "May." as an abbreviation; after a preposition it is the month ending
# a sentence ("The talks began in May. Officials said little.").
_MONTH_MAY_END = re.compile(
    r"\b(?i:in|since|until|by|of|early|late|last|next|this) May\.\s+(?=[A-Z\"“‘'])"
)

# A figure whose decimal point is followed by a space ("$2. 5 million", "3. 5 percent": text
# converted from tokens, or typed so) is not a sentence end: a piece ending in a digit and
# a full stop, before one starting with digits and a scale or a percentage, is one
# sentence with it (a sentence may start with a number: "15 minutes later...").
_DECIMAL_END = re.compile(r"\d\.\s*$")
_DECIMAL_REST = re.compile(
    r"\d+\s*(?:%|-?(?:thousand|million|billion|trillion|bn|mn|m|k|percent|per cent)\b)",
    re.IGNORECASE,
)

# "at 3 p.m. ET in Wasilla": a clock time's "a.m." or "p.m." before a time zone ends no
# sentence, though the zone is written in capitals.
_MERIDIEM_END = re.compile(r"\b[ap]\.\s?m\.\s*$", re.IGNORECASE)
_ZONE_REST = re.compile(
    r"\(?(?:[ECMP][SD]?T|AK[SD]T|HST|GMT|UTC|BST|CES?T|EES?T|IST|JST|AE[SD]T|WIB|WITA|WIT)\b"
    r"|local time\b",
)

# A title abbreviation before a name ("Police Const. Tim Fanning", "Atty. Gen."): the
# segmenter knows most ("Sgt.", "Gov."), not these.
_TITLE_END = re.compile(r"\b(?:Const|Cst|Atty|Pte|Pvt|Sup|Supt|Insp|Det|Cmdr|Sgt|Cpl)\.\s*$")
_NAME_REST = re.compile(r"[A-Z]")


def _joined(previous: str, rest: str) -> bool:
    """Whether the segmenter's piece `rest` goes on the sentence `previous`: a figure
    cut at its decimal point, a name cut after its title, a time cut before its zone."""
    if _DECIMAL_END.search(previous) and _DECIMAL_REST.match(rest):
        return True
    if _TITLE_END.search(previous) and _NAME_REST.match(rest):
        return True
    return bool(_MERIDIEM_END.search(previous) and _ZONE_REST.match(rest))


def _segments(visible: str) -> list[str]:
    pieces: list[str] = []
    for piece in sentencex.segment("en", visible):
        start = 0
        for match in _MONTH_MAY_END.finditer(piece):
            pieces.append(piece[start : match.end()])
            start = match.end()
        rest = piece[start:]
        if pieces and _joined(pieces[-1], rest):
            pieces[-1] += rest
        else:
            pieces.append(rest)
    return pieces


def split_sentences(text: str, runs: Sequence[Run]) -> list[tuple[int, int]]:
    """(start, end) offsets in `text` of each sentence of a paragraph's visible text.

    Sentences are trimmed of surrounding whitespace; whatever the segmenter returns,
    the spans stay ordered, disjoint and inside the paragraph's runs.
    """
    visible, offsets = runs_text_with_offsets(text, runs)
    if not visible.strip():
        return []
    spans: list[tuple[int, int]] = []
    pos = 0
    for piece in _segments(visible):
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
