"""Keep report text from driving the terminal: strip escapes and control characters.

Report text is data. Before any of it reaches a terminal, escape sequences (CSI, OSC,
DCS...), C0/C1 control characters and bidirectional overrides are removed and tabs
become spaces. Newlines are kept; the caller decides how to lay them out.

No sequence reaches past the end of its line: one left unterminated (or cut short by
whoever wrote the text) is stripped up to the newline and no further, so it can hide
nothing on the lines after it. Stripping is therefore line by line, and a window of the
text (`safe_pieces` with `start`/`end`) strips exactly what the whole text strips there.
Cut text only after it is made safe: a cut inside a sequence leaves its head unterminated.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.model.document import Paragraph, Report

_UNSAFE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"  # CSI
    r"|\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)?"  # OSC (titles, hyperlinks, clipboard)
    r"|\x1b[PX^_][^\x1b\n]*(?:\x1b\\)?"  # DCS, SOS, PM, APC
    r"|\x1b[^\[\]PX^_\x1b\n]?"  # any other escape (a second ESC starts a sequence anew)
    r"|\x9b[0-?]*[ -/]*[@-~]?"  # 8-bit CSI
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"  # C0 and C1 controls except \t and \n
    r"|[\u200e\u200f\u202a-\u202e\u2066-\u2069]"  # bidi marks and overrides
)


def _resume_at(text: str, start: int) -> int:
    """Where to start matching so that a sequence holding `start` is seen whole, without
    going back further than need be. No sequence begins on an earlier line. Only an ESC
    or an 8-bit CSI begins one, and a sequence's body holds no ESC (its ST terminator,
    matched on its own, ends where the sequence does): so the line's last ESC before
    `start` begins a match, and if that match ends before `start`, only an 8-bit CSI
    after it can still hold `start`."""
    line = text.rfind("\n", 0, start) + 1
    escape = text.rfind("\x1b", line, start)
    if escape >= 0:
        match = _UNSAFE.match(text, escape)
        if match is not None and match.end() > start:
            return escape
        line = escape if match is None else match.end()
    csi = text.rfind("\x9b", line, start)
    return start if csi < 0 else csi


def safe_pieces(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, str]]:
    """The printable pieces of `text[start:end]`, each with its offset in `text`: those
    of the whole text, clipped to the window (a sequence the window cuts is still
    recognised, from the text around it)."""
    end = len(text) if end is None else end
    pos = start
    for match in _UNSAFE.finditer(text, _resume_at(text, start), end):
        stop = match.end()
        if stop == end < len(text):
            # Cut short by the window, perhaps: match it again up to the line's end.
            line_end = text.find("\n", end)
            whole = _UNSAFE.match(text, match.start(), len(text) if line_end < 0 else line_end)
            stop = match.end() if whole is None else whole.end()
        if stop <= pos:
            continue
        if match.start() > pos:
            yield pos, text[pos : match.start()].replace("\t", " ")
        pos = stop
    if pos < end:
        yield pos, text[pos:end].replace("\t", " ")


def safe_text(text: str) -> str:
    """`text` with every escape sequence and control character (but newline) removed."""
    return "".join(piece for _, piece in safe_pieces(text))


def safe_slice(text: str, start: int, end: int) -> str:
    """`text[start:end]` made safe as part of `text`: a sequence the cut goes through is
    stripped as it is in the whole text, never read as an unterminated one."""
    return "".join(piece for _, piece in safe_pieces(text, start, end))


def safe_visible_span(
    report: Report, paragraph: Paragraph, start: int | None = None, end: int | None = None
) -> str:
    """`report.text[start:end]` (within `paragraph`; the whole paragraph by default) as
    a reader sees it, its visible runs only (no Markdown syntax), made safe run by run,
    each run as part of the report's text (see `safe_slice`)."""
    from tui.model.document import clipped_runs

    start = paragraph.start if start is None else start
    end = paragraph.end if end is None else end
    return "".join(
        safe_slice(report.text, s, e) for s, e in clipped_runs(paragraph.runs, start, end)
    )


def safe_line(text: str | None) -> str:
    """`text` made safe (see `safe_text`) and put on one line, each run of whitespace a
    single space: for names, labels and one-line notices ("" for None)."""
    return " ".join(safe_text(text or "").split())


def safe_visible_line(
    report: Report, paragraph: Paragraph, start: int | None = None, end: int | None = None
) -> str:
    """`safe_visible_span` put on one line (see `safe_line`): a sentence or paragraph as
    the reader shows it in a list, a matrix cell or an export."""
    return safe_line(safe_visible_span(report, paragraph, start, end))


def first_line(message: BaseException | object) -> str:
    """The first line of `str(message)` ("" when the message is empty, as for
    `MemoryError()`): an error's own words, to embed in a one-line notice."""
    lines = str(message).splitlines()
    return lines[0] if lines else ""
