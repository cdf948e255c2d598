"""Paragraph spans of a plain-text report."""

from __future__ import annotations


def _lines(text: str, start: int) -> list[tuple[int, int]]:
    """(start, end) of every line from `start` on, newline excluded."""
    spans: list[tuple[int, int]] = []
    pos = start
    length = len(text)
    while pos <= length:
        nl = text.find("\n", pos)
        if nl < 0:
            spans.append((pos, length))
            break
        spans.append((pos, nl))
        pos = nl + 1
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_plain_paragraphs(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Blocks separated by blank lines; with no blank line, one paragraph per line.

    Spans are trimmed of surrounding whitespace, ordered and disjoint, and together
    cover every non-space character from `start` on.
    """
    lines = _lines(text, start)
    blank = [text[s:e].isspace() or s == e for s, e in lines]
    content = [i for i, is_blank in enumerate(blank) if not is_blank]
    if not content:
        return []
    separated = any(blank[i] for i in range(content[0], content[-1] + 1))
    spans: list[tuple[int, int]] = []
    if not separated:
        for i in content:
            s, e = _trim(text, *lines[i])
            spans.append((s, e))
        return spans
    block_start: int | None = None
    block_end = 0
    for (s, e), is_blank in zip(lines, blank, strict=True):
        if is_blank:
            if block_start is not None:
                spans.append(_trim(text, block_start, block_end))
                block_start = None
            continue
        if block_start is None:
            block_start = s
        block_end = e
    if block_start is not None:
        spans.append(_trim(text, block_start, block_end))
    return spans
