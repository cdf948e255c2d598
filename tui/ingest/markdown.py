"""Markdown reports: blocks from markdown-it-py, with offsets into the raw text.

markdown-it-py gives block line ranges but no character offsets for inline text, so
each inline text piece is located in the raw source in order. What the parser changed
(backslash escapes, entities) is matched character by character, so offsets always
point into the raw file and `text[start:end]` never includes markup.
"""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from tui.ingest.text import Block
from tui.model.document import ParagraphKind, Run, RunStyle

# How far past the expected place a character the parser rewrote may sit in the
# source (the length of the longest HTML entity it could have come from).
_MAX_SKIP = 12


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark")


def _line_starts(text: str, base: int) -> list[int]:
    starts = [base]
    pos = text.find("\n", base)
    while pos >= 0:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    starts.append(len(text) + 1)
    return starts


class _RunLocator:
    """Finds inline pieces in the raw source, left to right, within one block."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.cursor = start
        self.end = end
        self.runs: list[Run] = []

    def add(self, content: str, style: RunStyle, href: str | None = None) -> None:
        if not content:
            return
        found = self.text.find(content, self.cursor, self.end)
        if found >= 0:
            self._append(found, found + len(content), style, href)
            self.cursor = found + len(content)
            return
        # The parser rewrote something (escape, entity): match what we can, in order.
        for ch in content:
            limit = min(self.end, self.cursor + _MAX_SKIP + 1)
            pos = self.text.find(ch, self.cursor, limit)
            if pos < 0:
                continue
            self._append(pos, pos + 1, style, href)
            self.cursor = pos + 1

    def add_break(self, hard: bool) -> None:
        pos = self.text.find("\n", self.cursor, self.end)
        if pos < 0:
            return
        self.runs.append(Run(pos, pos + 1, "", None, hard))
        self.cursor = pos + 1

    def _append(self, start: int, end: int, style: RunStyle, href: str | None) -> None:
        last = self.runs[-1] if self.runs else None
        if (
            last is not None
            and last.end == start
            and last.style == style
            and last.href == href
            and not last.line_break
        ):
            self.runs[-1] = Run(last.start, end, style, href)
        else:
            self.runs.append(Run(start, end, style, href))


def _inline_runs(text: str, inline: Token, start: int, end: int) -> tuple[Run, ...]:
    locator = _RunLocator(text, start, end)
    styles: list[RunStyle] = []
    hrefs: list[str] = []
    for child in inline.children or ():
        kind = child.type
        if kind == "text":
            style: RunStyle = "link" if hrefs else (styles[-1] if styles else "")
            locator.add(child.content, style, hrefs[-1] if hrefs else None)
        elif kind == "code_inline":
            locator.add(child.content, "code")
        elif kind in ("em_open", "strong_open"):
            styles.append("em" if kind == "em_open" else "strong")
        elif kind in ("em_close", "strong_close"):
            if styles:
                styles.pop()
        elif kind == "link_open":
            hrefs.append(str(child.attrs.get("href", "")))
        elif kind == "link_close":
            if hrefs:
                hrefs.pop()
        elif kind == "image":
            locator.add(child.content, "em")
        elif kind in ("softbreak", "hardbreak"):
            locator.add_break(hard=kind == "hardbreak")
        # html_inline is markup: neither shown nor analysed.
    return tuple(locator.runs)


def _code_runs(text: str, content: str, start: int, end: int) -> tuple[Run, ...]:
    locator = _RunLocator(text, start, end)
    for line in content.splitlines(keepends=True):
        locator.add(line.rstrip("\n"), "code")
        if line.endswith("\n"):
            locator.add_break(hard=True)
    runs = locator.runs
    while runs and runs[-1].line_break:
        runs.pop()
    return tuple(runs)


def _span(text: str, lines: list[int], line_map: list[int]) -> tuple[int, int]:
    first, last = line_map
    start = lines[first]
    end = min(lines[min(last, len(lines) - 1)] - 1, len(text))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# Characters of quote and list markers, left out of the lines of a block nested too deep.
_MARKERS = " \t>-*+"


def _too_deep(
    text: str, lines: list[int], line_map: list[int], containers: list[str]
) -> Block | None:
    """The lines of a quote or list item nested as deep as markdown-it goes (its
    `maxNesting`, a guard against recursion): it drops what they hold, so they are kept
    here as one block of their words, the markers at each line's start left out."""
    first, last = line_map
    runs: list[Run] = []
    for number in range(first, min(last, len(lines) - 1)):
        start, end = lines[number], min(lines[number + 1] - 1, len(text))
        while start < end and text[start] in _MARKERS:
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            if runs:  # the line break between two lines, as a soft break is
                runs.append(Run(lines[number] - 1, lines[number]))
            runs.append(Run(start, end))
    if not runs:
        return None
    kind: ParagraphKind = "list" if containers[-1] == "list" else "quote"
    return Block(runs[0].start, runs[-1].end, kind, tuple(runs), len(containers))


def parse_markdown_blocks(text: str, start: int = 0) -> list[Block]:
    """Headings, paragraphs, quotes, list items and code blocks of `text[start:]`."""
    body = text[start:]
    lines = _line_starts(text, start)
    blocks: list[Block] = []
    containers: list[str] = []
    pending: str | None = None  # the block kind opened just before an inline token
    parser = _parser()
    limit = int(parser.options["maxNesting"])
    for token in parser.parse(body):
        kind = token.type
        if kind in ("blockquote_open", "list_item_open"):
            containers.append("quote" if kind == "blockquote_open" else "list")
            if token.level >= limit - 1 and token.map:
                deep = _too_deep(text, lines, token.map, containers)
                if deep is not None:
                    blocks.append(deep)
        elif kind in ("blockquote_close", "list_item_close"):
            if containers:
                containers.pop()
        elif kind in ("heading_open", "paragraph_open"):
            pending = "heading" if kind == "heading_open" else "paragraph"
        elif kind == "inline" and pending and token.map:
            s, e = _span(text, lines, token.map)
            runs = _inline_runs(text, token, s, e)
            if runs:
                block_kind: ParagraphKind
                if pending == "heading":
                    block_kind = "heading"
                elif containers:
                    block_kind = "list" if containers[-1] == "list" else "quote"
                else:
                    block_kind = "body"
                blocks.append(Block(s, e, block_kind, runs, len(containers)))
            pending = None
        elif kind in ("fence", "code_block") and token.map:
            s, e = _span(text, lines, token.map)
            runs = _code_runs(text, token.content, s, e)
            if runs:
                blocks.append(Block(s, e, "code", runs, len(containers)))
    return blocks
