"""Keep report text from driving the terminal: strip escapes and control characters.

Report text is data. Before any of it reaches a terminal, escape sequences (CSI, OSC,
DCS...), C0/C1 control characters and bidirectional overrides are removed and tabs
become spaces. Newlines are kept; the caller decides how to lay them out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_UNSAFE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC (titles, hyperlinks, clipboard)
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC
    r"|\x1b[^\[\]PX^_]?"  # any other escape
    r"|\x9b[0-?]*[ -/]*[@-~]?"  # 8-bit CSI
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"  # C0 and C1 controls except \t and \n
    r"|[\u200e\u200f\u202a-\u202e\u2066-\u2069]"  # bidi marks and overrides
)


def safe_pieces(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, str]]:
    """The printable pieces of `text[start:end]`, each with its offset in `text`."""
    end = len(text) if end is None else end
    pos = start
    for match in _UNSAFE.finditer(text, start, end):
        if match.start() > pos:
            yield pos, text[pos : match.start()].replace("\t", " ")
        pos = match.end()
    if pos < end:
        yield pos, text[pos:end].replace("\t", " ")


def safe_text(text: str) -> str:
    """`text` with every escape sequence and control character (but newline) removed."""
    return "".join(piece for _, piece in safe_pieces(text))


def safe_line(text: str | None) -> str:
    """`text` made safe (see `safe_text`) and put on one line, each run of whitespace a
    single space: for names, labels and one-line notices ("" for None)."""
    return " ".join(safe_text(text or "").split())
