"""Paragraphs to Rich `Text`: what a reading pane draws (no analysis here).

Text is built piece by piece with `Text.append`, so nothing in a report is ever parsed
as markup, and every piece goes through `safe_pieces` first. Spans to mark (entity
mentions) come as offsets into the report text; since escapes and control characters
are dropped, they are mapped piece by piece onto the shown text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text

from tui.model.document import Paragraph, Report
from tui.textsafe import safe_pieces

LINK_MARK = "↗"


@dataclass(frozen=True, slots=True)
class PaneStyles:
    """Styles the pane resolves from its CSS component classes."""

    body: Style
    heading: Style
    quote: Style
    code: Style
    boilerplate: Style
    link: Style
    em: Style
    strong: Style
    mention: Style


def paragraph_text(
    report: Report,
    paragraph: Paragraph,
    styles: PaneStyles,
    marks: Sequence[tuple[int, int]] = (),
) -> Text:
    """The paragraph's visible text, styled; soft line breaks become spaces.

    `marks` are (start, end) offsets into `report.text`, drawn in the mention style.
    """
    base = {
        "heading": styles.heading,
        "quote": styles.quote,
        "code": styles.code,
        "boilerplate": styles.boilerplate,
    }.get(paragraph.kind, styles.body)
    text = Text(style=base, end="", no_wrap=False)
    keep_newlines = paragraph.kind == "code"
    for index, run in enumerate(paragraph.runs):
        style = {
            "em": styles.em,
            "strong": styles.strong,
            "code": styles.code,
            "link": styles.link,
        }.get(run.style)
        for offset, piece in safe_pieces(report.text, run.start, run.end):
            if not (keep_newlines or run.line_break):
                piece = piece.replace("\n", " ")
            shown_at = len(text)
            text.append(piece, style)
            # A piece is a verbatim slice of the source (same length), so offsets inside
            # it carry over; what was stripped lies between pieces.
            for start, end in marks:
                first, last = max(start, offset), min(end, offset + len(piece))
                if first < last:
                    text.stylize(
                        styles.mention, shown_at + first - offset, shown_at + last - offset
                    )
        next_run = paragraph.runs[index + 1] if index + 1 < len(paragraph.runs) else None
        if run.href and (next_run is None or next_run.href != run.href):
            text.append(LINK_MARK, styles.link)
    return text
