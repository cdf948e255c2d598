"""Paragraphs to Rich `Text`: what a reading pane draws (no analysis here).

Text is built piece by piece with `Text.append`, so nothing in a report is ever parsed
as markup, and every piece goes through `safe_pieces` first.
"""

from __future__ import annotations

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


def paragraph_text(report: Report, paragraph: Paragraph, styles: PaneStyles) -> Text:
    """The paragraph's visible text, styled; soft line breaks become spaces."""
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
        for _, piece in safe_pieces(report.text, run.start, run.end):
            if not (keep_newlines or run.line_break):
                piece = piece.replace("\n", " ")
            text.append(piece, style)
        next_run = paragraph.runs[index + 1] if index + 1 < len(paragraph.runs) else None
        if run.href and (next_run is None or next_run.href != run.href):
            text.append(LINK_MARK, styles.link)
    return text
