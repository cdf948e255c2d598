"""Paragraphs to Rich `Text`: what a reading pane draws (no analysis here).

Text is built piece by piece with `Text.append`, so nothing in a report is ever parsed
as markup, and every piece goes through `safe_pieces` first. Spans to mark (sentences of
shared facts, entity mentions) come as offsets into the report text; since escapes and
control characters are dropped, they are mapped piece by piece onto the shown text.
Sentences are styled first and mentions on top, so a mention shows inside a fact.
A fact sentence starts with its fact numbers ("⁴"), so facts are told apart without
colour too. Under a paragraph, one line gives its tags: the sources it cites and the
topics it is about.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.style import Style
from rich.text import Text

from tui.app.fact_view import fact_marker
from tui.app.view import FilterView, Span, Tag
from tui.model.document import Paragraph, Report
from tui.textsafe import safe_pieces

LINK_MARK = "↗"
# Drawn before each sentence no other report states, when those are marked.
UNIQUE_MARK = "◦"
# Markers are not underlined (only the sentence they introduce is).
_MARKER = Style(underline=False, bold=True)
# The tag line: "◂ Reuters, two residents  # Homs, Sednaya".
SOURCE_MARK = "◂ "
TOPIC_MARK = "# "
# Two spaces, not " · ": topic labels hold " · " themselves ("Hezbollah · Qusair").
TAG_GROUP_GAP = "  "
# When a tag line is too long its longest tags are cut, none below this many cells.
TAG_FLOOR = 10


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


def _fit_labels(labels: Sequence[str], room: int) -> list[str]:
    """The labels cut (with "…") so that together they take at most `room` cells: the
    longest are cut first, none below `TAG_FLOOR` cells, so one long tag ("two senior
    officers of the Syrian armed forces") cannot hide the others."""
    widths = [cell_len(label) for label in labels]
    excess = sum(widths) - room
    while excess > 0:
        longest = max(range(len(widths)), key=widths.__getitem__)
        if widths[longest] <= TAG_FLOOR:
            break
        widths[longest] -= 1
        excess -= 1
    return [
        label if cell_len(label) <= width else set_cell_size(label, width - 1).rstrip() + "…"
        for label, width in zip(labels, widths, strict=True)
    ]


def tag_line(tags: Sequence[Tag], chosen: Collection[str], styles: PaneStyles, width: int) -> Text:
    """One line of tags, "◂ sources  # topics", within `width` cells. When they do not
    fit, the longest are cut (with "…"); when even that is not enough, the last tags of
    the longer group give way to a count ("◂ Reuters, AP, +3  # Homs"). The labels are
    made safe by the tag index and appended as text, never markup."""
    groups = [
        (mark, [tag for tag in tags if tag.kind == kind])
        for kind, mark in (("source", SOURCE_MARK), ("topic", TOPIC_MARK))
    ]
    groups = [(mark, group) for mark, group in groups if group]
    shown = [list(group) for _, group in groups]
    while True:
        hidden = [len(group) - len(kept) for (_, group), kept in zip(groups, shown, strict=True)]
        fixed = len(TAG_GROUP_GAP) * (len(groups) - 1)
        for (mark, _), kept, more in zip(groups, shown, hidden, strict=True):
            fixed += len(mark) + 2 * (len(kept) - 1) + (len(f", +{more}") if more else 0)
        labels = [tag.label for kept in shown for tag in kept]
        room = width - fixed
        fits = sum(min(cell_len(label), TAG_FLOOR) for label in labels) <= room
        longer = max(range(len(shown)), key=lambda i: len(shown[i]), default=0)
        if fits or not shown or len(shown[longer]) < 2:
            break
        shown[longer].pop()
    fitted = iter(_fit_labels(labels, room))
    text = Text(style=styles.tags, end="", no_wrap=True, overflow="ellipsis")
    for number, ((mark, _), kept, more) in enumerate(zip(groups, shown, hidden, strict=True)):
        text.append((TAG_GROUP_GAP if number else "") + mark)
        for index, tag in enumerate(kept):
            if index:
                text.append(", ")
            text.append(next(fitted), styles.chosen_tag if tag.key in chosen else None)
        if more:
            text.append(f", +{more}")
    text.truncate(max(width, 1), overflow="ellipsis")
    return text
