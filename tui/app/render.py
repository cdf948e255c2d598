"""Paragraphs to Rich `Text`: what a reading pane draws (no analysis here).

Text is built piece by piece with `Text.append`, so nothing in a report is ever parsed
as markup, and every piece goes through `safe_pieces` first. Spans to mark (sentences of
shared facts, entity mentions) come as offsets into the report text; since escapes and
control characters are dropped, they are mapped piece by piece onto the shown text.
Sentences are styled first and mentions on top, so a mention shows inside a fact.
A fact sentence starts with its fact numbers ("⁴"), so facts are told apart without
colour too. Under a paragraph, one line gives its tags: the sources it cites and the
topics it is about, wrapped to the pane's width like the text.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from rich.console import Console
from rich.style import Style
from rich.text import Text

from tui.model.document import Paragraph, Report
from tui.query.facts import fact_marker
from tui.query.marks import FilterView, Span, Tag
from tui.textsafe import safe_pieces

LINK_MARK = "↗"
# Drawn before each sentence no other report states, when those are marked.
UNIQUE_MARK = "◦"
# Markers are not underlined (only the sentence they introduce is).
_MARKER = Style(underline=False, bold=True)
# The tag line: "◂ Reuters, two residents  # Homs, Sednaya".
SOURCE_MARK = "◂ "
TOPIC_MARK = "# "
# Other reports printing the paragraph's text near-verbatim (wire copy).
WIRE_MARK = "≈ also in "
# Two spaces, not " · ": topic labels hold " · " themselves ("Hezbollah · Qusair").
TAG_GROUP_GAP = "  "


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
    # One style per fact colour; fact n takes facts[(n - 1) % len(facts)].
    facts: tuple[Style, ...]
    unique: Style
    counterpart: Style
    tags: Style
    # A tag the filters chose, on top of `tags`.
    chosen_tag: Style


@dataclass(frozen=True, slots=True)
class SentenceStyle:
    """A sentence (offsets into the report text) drawn in a style, maybe after a marker."""

    start: int
    end: int
    style: Style
    marker: str = ""
    marker_style: Style | None = None


def fact_number_style(fact_styles: Sequence[Style], number: int) -> Style:
    """A fact's number ("F3") in the fact matrix and the sources overview: bold, in its
    fact's colour (`fact_styles`: the theme's, cycled; none: bold only)."""
    if not fact_styles:
        return Style(bold=True)
    style = fact_styles[(number - 1) % len(fact_styles)]
    return style + Style(bold=True, underline=False)


def sentence_styles(
    paragraph: Paragraph,
    view: FilterView,
    styles: PaneStyles,
    counterparts: Collection[str] = (),
) -> list[SentenceStyle]:
    """How the paragraph's sentences are drawn: fact colours and numbers, unique
    sentences (when the view marks them), then counterparts (`counterparts` are sentence
    ids) on top."""
    found: list[SentenceStyle] = []
    for span in view.facts.get(paragraph.id, ()) if styles.facts else ():
        style = styles.facts[(span.facts[0] - 1) % len(styles.facts)]
        found.append(
            SentenceStyle(span.start, span.end, style, fact_marker(span.facts), style + _MARKER)
        )
    for start, end in view.unique.get(paragraph.id, ()):
        found.append(SentenceStyle(start, end, styles.unique, UNIQUE_MARK, styles.unique))
    if counterparts:
        found.extend(
            SentenceStyle(s.start, s.end, styles.counterpart)
            for s in paragraph.sentences
            if s.id in counterparts
        )
    return found


def paragraph_text(
    report: Report,
    paragraph: Paragraph,
    styles: PaneStyles,
    marks: Sequence[Span] = (),
    sentences: Sequence[SentenceStyle] = (),
) -> Text:
    """The paragraph's visible text, styled; soft line breaks become spaces.

    `sentences` are drawn in their styles (markers before them), then `marks`, (start,
    end) offsets into `report.text`, in the mention style.
    """
    base = {
        "heading": styles.heading,
        "quote": styles.quote,
        "code": styles.code,
        "boilerplate": styles.boilerplate,
    }.get(paragraph.kind, styles.body)
    text = Text(style=base, end="", no_wrap=False)
    keep_newlines = paragraph.kind == "code"
    # (offset in the report, offset in `text`, length) of every piece of report text shown.
    chunks: list[tuple[int, int, int]] = []
    markers = sorted((s for s in sentences if s.marker), key=lambda s: s.start)
    next_marker = 0
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
            # A marker goes where its sentence starts, or before the first piece after
            # that when the start itself was stripped or is markup.
            while next_marker < len(markers) and markers[next_marker].start < offset + len(piece):
                marker = markers[next_marker]
                cut = max(marker.start - offset, 0)
                if cut:
                    chunks.append((offset, len(text), cut))
                    text.append(piece[:cut], style)
                    offset, piece = offset + cut, piece[cut:]
                text.append(marker.marker, marker.marker_style)
                next_marker += 1
            if piece:
                chunks.append((offset, len(text), len(piece)))
                text.append(piece, style)
        next_run = paragraph.runs[index + 1] if index + 1 < len(paragraph.runs) else None
        if run.href and (next_run is None or next_run.href != run.href):
            text.append(LINK_MARK, styles.link)
    layers = [(s.start, s.end, s.style) for s in sentences]
    layers.extend((start, end, styles.mention) for start, end in marks)
    for start, end, style in layers:
        # A piece is a verbatim slice of the source (same length), so offsets inside
        # it carry over; what was stripped lies between pieces.
        for source, shown, length in chunks:
            first, last = max(start, source), min(end, source + length)
            if first < last:
                text.stylize(style, shown + first - source, shown + last - source)
    return text


def tag_lines(
    tags: Sequence[Tag],
    chosen: Collection[str],
    styles: PaneStyles,
    width: int,
    console: Console,
) -> list[Text]:
    """The paragraph's tags within `width` cells, every one in full: "◂ sources  #
    topics  ≈ also in outlets" on one line when that fits; else each group from a line
    of its own, wrapped like the paragraph's text, its following lines indented under
    the first tag. The
    labels are made safe by the tag index and appended as text, never markup. Each line
    is in the tag style (chosen tags stand out on top)."""
    groups = [
        (mark, _tag_labels(group, chosen, styles))
        for kind, mark in (("source", SOURCE_MARK), ("topic", TOPIC_MARK), ("wire", WIRE_MARK))
        if (group := [tag for tag in tags if tag.kind == kind])
    ]
    whole = Text(style=styles.tags, end="")
    for number, (mark, labels) in enumerate(groups):
        whole.append((TAG_GROUP_GAP if number else "") + mark)
        whole.append_text(labels)
    if whole.cell_len <= width:
        return [whole]
    lines: list[Text] = []
    for mark, labels in groups:
        room = max(width - len(mark), 1)
        for number, wrapped in enumerate(labels.wrap(console, room, overflow="fold")):
            wrapped.rstrip()
            line = Text(" " * len(mark) if number else mark, style=styles.tags, end="")
            lines.append(line.append_text(wrapped))
    return lines


def _tag_labels(tags: Sequence[Tag], chosen: Collection[str], styles: PaneStyles) -> Text:
    """ "Reuters, two residents": one group's labels, the chosen ones in their style (the
    rest in the line's)."""
    text = Text(end="")
    for index, tag in enumerate(tags):
        if index:
            text.append(", ")
        text.append(tag.label, styles.chosen_tag if tag.key in chosen else None)
    return text
