"""One report, drawn with Textual's Line API: one widget however long the report is.

The pane keeps a flat list of wrapped lines (paragraph index, Text) for its current
width, re-wrapped only when the width, the report or the view (filters, boilerplate
toggle, facts, tags) changes: which paragraphs it shows is the view's `tui.query` answer,
the one export uses. Marking counterparts re-wraps only the paragraphs they
touch. A paragraph's tags (the sources it cites, its topics) are a line under it (more
when they do not fit: they wrap like the text), part of the paragraph: the cursor covers
them and the next paragraph is one step away.
`render_line` turns the visible lines into cached `Strip`s.

Over 400 lines on purpose: one widget a file, and its wrapping, cursor, jumps and
scrolling all read and invalidate the same line and strip caches; split into helpers,
each would reach into the pane's private state.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING, ClassVar, Literal

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.app.actions import bindings_for
from tui.app.render import PaneStyles, SentenceStyle, paragraph_text, sentence_styles, tag_lines
from tui.model.document import Paragraph, Report
from tui.query.marks import NO_FILTER, FilterView, Span, Tag

if TYPE_CHECKING:
    from textual.theme import Theme

GUTTER = 2
# Fact colours (CSS component classes report-pane--fact-0 … -5), reused in turn.
FACT_COLOURS = 6
CURSOR_MARK = "▌ "

# Where a jump to the next or previous marked paragraph ended up.
JumpResult = Literal["moved", "wrapped", "none"]


class ReportPane(ScrollView, can_focus=True, inherit_bindings=False):
    """A scrollable, wrapped view of one report with a paragraph cursor."""

    COMPONENT_CLASSES = {
        "report-pane--cursor",
        "report-pane--gutter",
        "report-pane--heading",
        "report-pane--quote",
        "report-pane--code",
        "report-pane--boilerplate",
        "report-pane--link",
        "report-pane--em",
        "report-pane--strong",
        "report-pane--message",
        "report-pane--mention",
        "report-pane--unique",
        "report-pane--counterpart",
        "report-pane--tags",
        "report-pane--tag-chosen",
        *(f"report-pane--fact-{n}" for n in range(FACT_COLOURS)),
    }

    BINDINGS: ClassVar[list[BindingType]] = bindings_for("report_pane")

    # repaint=False: moving the cursor redraws the two paragraphs it leaves and enters
    # (watch_cursor), not the whole pane: fewer bytes to the terminal per key.
    cursor: reactive[int] = reactive(0, always_update=True, init=False, repaint=False)

    class CursorMoved(Message):
        def __init__(self, pane: ReportPane, paragraph: Paragraph | None) -> None:
            super().__init__()
            self.pane = pane
            self.paragraph = paragraph

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.report: Report | None = None
        self.message_text = "Loading…"
        self.view: FilterView = NO_FILTER
        self._paragraphs: list[Paragraph] = []
        self._lines: list[tuple[int, Text | None]] = []
        self._tops: list[int] = []
        self._layout_width = -1
        self._strips: dict[tuple[int, bool], Strip] = {}
        self._styles: PaneStyles | None = None
        # Wrapped lines by what they depend on: a filter change or a new analysis re-wraps
        # only the paragraphs whose marks, facts or tags changed.
        self._wrapped: dict[tuple[object, ...], list[Text]] = {}
        # Sentence ids marked as the counterpart of the other pane's cursor paragraph.
        self.counterparts: frozenset[str] = frozenset()

    # ------------------------------------------------------------------ content

    @property
    def paragraphs(self) -> Sequence[Paragraph]:
        """The paragraphs shown: those of the report the view keeps."""
        return self._paragraphs

    def shown_message(self, width: int) -> str:
        """The one line drawn when there is no paragraph to show, to fit `width` cells
        (a long one is cut with "…")."""
        message = self.message_text
        if self.report is not None and self.view.kept.narrowed:
            message = self.view.empty_message
            if cell_len(message) > width:
                message = self.view.short_empty_message
        if cell_len(message) > width:
            message = set_cell_size(message, max(width - 1, 0)).rstrip() + "…"
        return message

    @property
    def current_paragraph(self) -> Paragraph | None:
        if 0 <= self.cursor < len(self._paragraphs):
            return self._paragraphs[self.cursor]
        return None

    @property
    def cursor_row(self) -> int:
        """The screen row (from the pane's top) where the cursor paragraph starts."""
        region = self._paragraph_region(self.cursor)
        return max(region.y - self.scroll_offset.y, 0) if region is not None else 0

    def show_report(self, report: Report | None, message: str = "") -> None:
        keep = self.current_paragraph if report is self.report else None
        if report is not self.report:
            self.counterparts = frozenset()
        self.report = report
        self.message_text = message
        self._select_paragraphs(keep)
        if keep is None:
            self._scroll_y(0)

    def set_view(self, view: FilterView) -> None:
        """Show only the paragraphs the view keeps, marks drawn."""
        if view == self.view:
            return
        self.view = view
        # Keep the cursor paragraph on the same screen row, so the reader stays in place.
        region = self._paragraph_region(self.cursor)
        row = region.y - self.scroll_offset.y if region is not None else 0
        self._select_paragraphs(self.current_paragraph)
        region = self._paragraph_region(self.cursor)
        if region is not None:
            self._scroll_y(max(region.y - max(row, 0), 0))
            self._scroll_to_paragraph(self.cursor)

    def _select_paragraphs(self, keep: Paragraph | None) -> None:
        """Choose the shown paragraphs; the cursor stays on `keep` or the next one shown."""
        self._paragraphs = self.view.kept.paragraphs(self.report) if self.report else []
        index = 0
        if keep is not None and self._paragraphs:
            index = next(
                (i for i, p in enumerate(self._paragraphs) if p.start >= keep.start),
                len(self._paragraphs) - 1,
            )
        self._layout_width = -1
        self._relayout()
        self.cursor = index

    def _pane_styles(self) -> PaneStyles:
        get = self.get_component_rich_style
        return PaneStyles(
            body=Style(),
            heading=get("report-pane--heading", partial=True),
            quote=get("report-pane--quote", partial=True),
            code=get("report-pane--code", partial=True),
            boilerplate=get("report-pane--boilerplate", partial=True),
            link=get("report-pane--link", partial=True),
            em=get("report-pane--em", partial=True),
            strong=get("report-pane--strong", partial=True),
            mention=get("report-pane--mention", partial=True),
            facts=tuple(get(f"report-pane--fact-{n}", partial=True) for n in range(FACT_COLOURS)),
            unique=get("report-pane--unique", partial=True),
            counterpart=get("report-pane--counterpart", partial=True),
            tags=get("report-pane--tags", partial=True),
            chosen_tag=get("report-pane--tag-chosen", partial=True),
        )

    def fact_styles(self) -> tuple[Style, ...]:
        """The fact colours, for other views (the fact matrix) to match the panes."""
        return self._pane_styles().facts

    def _wrap(self, index: int) -> list[Text]:
        """The lines of one shown paragraph at the current layout width."""
        report, paragraph, styles = self.report, self._paragraphs[index], self._styles
        assert report is not None and styles is not None
        text_width = max(self._layout_width - GUTTER, 8)
        first, rest = _prefixes(paragraph, text_width)
        marks = self.view.marks.get(paragraph.id, ())
        sentences = tuple(sentence_styles(paragraph, self.view, styles, self.counterparts))
        tags = self.view.tags.get(paragraph.id)
        chosen = self.view.chosen_tags.intersection(t.key for t in tags) if tags else None
        key = (report.id, paragraph.id, text_width, marks, sentences, tags, chosen)
        cached = self._wrapped.get(key)
        if cached is not None:
            return cached
        if len(self._wrapped) > 20000:
            self._wrapped.clear()
        self._wrapped[key] = lines = self._wrap_paragraph(
            paragraph, first, rest, marks, sentences, text_width, tags
        )
        return lines

    def _wrap_paragraph(
        self,
        paragraph: Paragraph,
        first: str,
        rest: str,
        marks: tuple[Span, ...],
        sentences: tuple[SentenceStyle, ...],
        text_width: int,
        tags: tuple[Tag, ...] | None,
    ) -> list[Text]:
        report, styles = self.report, self._styles
        assert report is not None and styles is not None
        body = paragraph_text(report, paragraph, styles, marks, sentences)
        lines = []
        wrapped = body.wrap(self.app.console, max(text_width - len(first), 4))
        for number, line in enumerate(wrapped):
            line.rstrip()  # a marked sentence's style stops at its last word
            prefix = first if number == 0 else rest
            if prefix:
                line = Text(prefix, style=styles.quote if "│" in prefix else "") + line
            lines.append(line)
        if tags:
            room = text_width - len(rest)
            for line in tag_lines(tags, self.view.chosen_tags, styles, room, self.app.console):
                if rest:
                    line = Text(rest, style=styles.quote if "│" in rest else "") + line
                lines.append(line)
        return lines

    def _relayout(self) -> None:
        """Wrap every shown paragraph to the current width (only when the width changed)."""
        width = self.scrollable_content_region.width
        if width == self._layout_width:
            return
        self._layout_width = width
        self._strips.clear()
        self._lines = []
        self._tops = []
        if self.report is not None and width > 0:
            styles = self._pane_styles()
            if styles != self._styles:  # a theme change: every cached line is stale
                self._styles = styles
                self._wrapped.clear()
            for index in range(len(self._paragraphs)):
                self._tops.append(len(self._lines))
                self._lines.extend((index, line) for line in self._wrap(index))
                self._lines.append((index, None))
        self.virtual_size = Size(width, len(self._lines))
        self.refresh()

    def set_counterparts(self, sentence_ids: Iterable[str]) -> None:
        """Mark these sentences as the counterpart (a fact the other pane's cursor
        paragraph states); only the paragraphs that gain or lose a mark are re-wrapped."""
        new = frozenset(sentence_ids)
        old, self.counterparts = self.counterparts, new
        changed = old ^ new
        if not changed or self._layout_width < 0 or not self._tops:
            return
        touched = [
            i for i, p in enumerate(self._paragraphs) if any(s.id in changed for s in p.sentences)
        ]
        for index in touched:
            region = self._paragraph_region(index)
            assert region is not None
            lines = self._wrap(index)
            if len(lines) != region.height - 1:  # the blank line after each paragraph
                # Markers never change the width of a line, so this should not happen.
                self._layout_width = -1
                self._relayout()
                return
            self._lines[region.y : region.y + len(lines)] = [(index, line) for line in lines]
            for line_no in range(region.y, region.bottom):
                self._strips.pop((line_no, True), None)
                self._strips.pop((line_no, False), None)
            self.refresh_lines(region.y, region.height)

    # ------------------------------------------------------------------ drawing

    def on_resize(self) -> None:
        current = self.cursor
        self._relayout()
        self._scroll_to_paragraph(current)

    def on_focus(self) -> None:
        self._strips.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._strips.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    def on_mount(self) -> None:
        # The wrapped lines keep the styles they were wrapped in. Textual tells the pane
        # its own style changed before it updates the component styles (fact colours,
        # mentions, tags), and then only repaints: a theme change re-wraps here, once
        # every style is the new theme's.
        self.app.theme_changed_signal.subscribe(self, self._restyle)

    def _restyle(self, _theme: Theme) -> None:
        """A theme change: draw every line again (the gutter and cursor colours), and
        re-wrap every shown paragraph when the text styles changed."""
        self._strips.clear()
        if self._pane_styles() != self._styles:
            self._layout_width = -1
            self._relayout()
        else:
            self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line_no = self.scroll_offset.y + y
        base = self.rich_style
        if not self._lines:
            message = self.shown_message(width - GUTTER)
            if y == 0 and message:
                style = self.get_component_rich_style("report-pane--message")
                return Strip([Segment(" " * GUTTER + message, style)]).crop_extend(0, width, base)
            return Strip.blank(width, base)
        if line_no >= len(self._lines):
            return Strip.blank(width, base)
        paragraph_index, text = self._lines[line_no]
        on_cursor = paragraph_index == self.cursor and text is not None
        key = (line_no, on_cursor)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._render_text_line(text, on_cursor, width)
            if len(self._strips) > 4096:
                self._strips.clear()
            self._strips[key] = strip
        return strip

    def _render_text_line(self, text: Text | None, on_cursor: bool, width: int) -> Strip:
        base = self.rich_style
        if text is None:
            return Strip.blank(width, base)
        gutter_style = self.get_component_rich_style("report-pane--gutter")
        segments = [Segment(CURSOR_MARK if on_cursor else " " * GUTTER, gutter_style)]
        # Text.render leaves out the Text's own style when it has no spans (a tag line,
        # a heading): apply it underneath, as printing it would.
        base_style = text.style if isinstance(text.style, Style) else Style.parse(text.style)
        segments.extend(Segment.apply_style(text.render(self.app.console), base_style))
        strip = Strip(segments).crop_extend(0, width, None)
        if on_cursor:
            strip = strip.apply_style(self.get_component_rich_style("report-pane--cursor"))
        return strip.apply_style(base)

    # ------------------------------------------------------------------ cursor

    def watch_cursor(self, old: int, new: int) -> None:
        if self._paragraphs:
            clamped = max(0, min(new, len(self._paragraphs) - 1))
            if clamped != new:
                self.cursor = clamped
                return
        self._refresh_paragraph(old)
        self._refresh_paragraph(new)
        self.post_message(self.CursorMoved(self, self.current_paragraph))

    def _paragraph_region(self, index: int) -> Region | None:
        if not (0 <= index < len(self._tops)):
            return None
        top = self._tops[index]
        bottom = self._tops[index + 1] if index + 1 < len(self._tops) else len(self._lines)
        return Region(0, top, self._layout_width, bottom - top)

    def _refresh_paragraph(self, index: int) -> None:
        region = self._paragraph_region(index)
        if region is not None:
            self.refresh_lines(region.y, region.height)

    def _scroll_y(self, y: int) -> None:
        """Scroll to line `y` now. Forced: the scrollbar Textual uses to decide whether
        the pane may scroll is only updated at the next layout, so right after a switch
        from a report that fit the pane to a longer one it would refuse."""
        self.scroll_to(y=y, animate=False, immediate=True, force=True)

    def _scroll_to_paragraph(self, index: int) -> None:
        region = self._paragraph_region(index)
        if region is None:
            return
        height = self.scrollable_content_region.height
        top = self.scroll_offset.y
        if region.y < top or region.height > height:
            self._scroll_y(region.y)
        elif region.bottom > top + height:
            self._scroll_y(region.bottom - height)

    def move_cursor(self, index: int) -> None:
        if not self._paragraphs:
            return
        index = max(0, min(index, len(self._paragraphs) - 1))
        self.cursor = index
        self._scroll_to_paragraph(index)

    def _paragraph_at_line(self, line: int) -> int:
        return max(bisect_right(self._tops, line) - 1, 0)

    def _page(self, lines: int) -> None:
        """Scroll by `lines` and put the cursor on the first paragraph that starts in view."""
        if not self._paragraphs:
            return
        old_y = self.scroll_offset.y
        max_y = max(len(self._lines) - self.scrollable_content_region.height, 0)
        y = max(0, min(old_y + lines, max_y))
        self._scroll_y(y)
        if lines > 0 and y == old_y:  # already at the bottom: go to the last paragraph
            self.cursor = len(self._paragraphs) - 1
            return
        index = bisect_left(self._tops, y)
        self.cursor = index if index < len(self._tops) else self._paragraph_at_line(y)

    def jump_to_mark(self, step: int) -> JumpResult:
        """Move the cursor to the next (step 1) or previous (-1) paragraph with marks,
        wrapping around the report like vim's `n`."""
        return self.jump_to_paragraph_in(self.view.marks, step)

    def jump_to_paragraph_in(self, paragraph_ids: Collection[str], step: int) -> JumpResult:
        """Move the cursor to the next (step 1) or previous (-1) paragraph whose id is in
        `paragraph_ids`, wrapping around the report."""
        marked = [i for i, p in enumerate(self._paragraphs) if p.id in paragraph_ids]
        if not marked:
            return "none"
        if step < 0:
            marked.reverse()
        ahead = [i for i in marked if (i - self.cursor) * step > 0]
        self.move_cursor(ahead[0] if ahead else marked[0])
        return "moved" if ahead else "wrapped"

    def reveal(self, paragraph_ids: Iterable[str], row: int = 0) -> bool:
        """Put the cursor on the first shown paragraph of `paragraph_ids`, starting at
        screen row `row` where the report allows; False if none of them is shown."""
        wanted = set(paragraph_ids)
        index = next((i for i, p in enumerate(self._paragraphs) if p.id in wanted), None)
        if index is None:
            return False
        self.cursor = index
        region = self._paragraph_region(index)
        if region is not None:
            self._scroll_y(max(region.y - max(row, 0), 0))
            self._scroll_to_paragraph(index)
        return True

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor - 1)

    def action_page_down(self) -> None:
        self._page(max(self.scrollable_content_region.height - 1, 1))

    def action_page_up(self) -> None:
        self._page(-max(self.scrollable_content_region.height - 1, 1))

    def action_half_page_down(self) -> None:
        self._page(max(self.scrollable_content_region.height // 2, 1))

    def action_half_page_up(self) -> None:
        self._page(-max(self.scrollable_content_region.height // 2, 1))

    def action_first(self) -> None:
        self.move_cursor(0)
        self._scroll_y(0)

    def action_last(self) -> None:
        self.move_cursor(len(self._paragraphs) - 1)
        self._scroll_y(len(self._lines))


def _prefixes(paragraph: Paragraph, width: int = 80) -> tuple[str, str]:
    """Prefixes for the first and following lines of a paragraph (list bullet, quote bar).

    Deep nesting is drawn to at most a third of the text `width` (the deepest levels
    share one mark with their depth, "│×30 "), so the words always have room."""
    room = max(width // 3, 4)
    if paragraph.kind == "list":
        indent = "  " * max(paragraph.depth - 1, 0)
        if len(indent) + 2 > room:
            indent = f"{paragraph.depth}× "
        return indent + "• ", " " * len(indent) + "  "
    if paragraph.kind == "quote":
        bar = "│ " * max(paragraph.depth, 1)
        if len(bar) > room:
            bar = f"│×{paragraph.depth} "
        return bar, bar
    return "", ""
