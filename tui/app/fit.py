"""Text cut to the room it has, with an ellipsis where it was cut: on one line at any
character (`fit`) or between words (`fit_words`), or in a few lines as Textual wraps
them (`fit_lines`). Widths are terminal cells (a wide character takes two). Cut text
only once it is safe (`tui.textsafe`): a cut inside an escape sequence leaves its head.
"""

from __future__ import annotations

import re

from rich.cells import cell_len, set_cell_size
from textual.content import Content

ELLIPSIS = "…"
_WORD = re.compile(r"\S+")
# Left off the end of a cut before the ellipsis: a dangling separator says nothing.
_TRAILING = " ,;:·-–—"


def fit(text: str, width: int) -> str:
    """`text` in at most `width` cells, cut at any character."""
    if cell_len(text) <= width:
        return text
    if width <= 0:
        return ""
    return set_cell_size(text, width - 1).rstrip() + ELLIPSIS


def fit_words(text: str, width: int) -> str:
    """`text` in at most `width` cells, cut after its last whole word that leaves room
    for the ellipsis (at a character only when not even the first word fits)."""
    if cell_len(text) <= width:
        return text
    end = _words_end(text, width - 1)
    head = text[:end].rstrip(_TRAILING)
    return head + ELLIPSIS if head else fit(text, width)


def fit_lines(text: str, width: int, lines: int) -> str:
    """`text` cut between words (with an ellipsis) to take at most `lines` lines when
    wrapped `width` cells wide, as Textual wraps it."""
    if width <= 0 or len(Content(text).wrap(width)) <= lines:
        return text
    ends = [match.end() for match in _WORD.finditer(text)]
    # The most words that still fit, found by halving (wrapping is the costly part).
    low, high = 0, len(ends) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if len(Content(_cut_at(text, ends[middle - 1])).wrap(width)) <= lines:
            low = middle
        else:
            high = middle - 1
    if low == 0:
        return fit(text, width * lines)
    return _cut_at(text, ends[low - 1])


def _cut_at(text: str, end: int) -> str:
    return text[:end].rstrip(_TRAILING) + ELLIPSIS


def _words_end(text: str, room: int) -> int:
    """Where the last whole word of `text` within its first `room` cells ends (0:
    none)."""
    end = 0
    for match in _WORD.finditer(text):
        if cell_len(text[: match.end()]) > room:
            break
        end = match.end()
    return end
