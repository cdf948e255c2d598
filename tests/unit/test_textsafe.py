"""`tui.textsafe`: what reaches the terminal, and that stripping stays inside a line."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.textsafe import safe_line, safe_pieces, safe_text

# Text made of the pieces escape sequences are built from, so that hypothesis writes
# complete, partial and unterminated sequences next to newlines and plain words.
_PIECES = st.sampled_from(
    [
        "\x1b",
        "\x1b[",
        "\x1b]",
        "\x1bP",
        "\x1b_",
        "\x1b\\",
        "\x9b",
        "\x07",
        "\n",
        "\r",
        "\t",
        "8;;https://example.com/a",
        "0;title",
        "31m",
        "2J",
        ";",
        "[",
        "]",
        "P",
        "\\",
        "word",
        " ",
        "\u202e",
    ]
)
HOSTILE_TEXT = st.lists(_PIECES | st.text(max_size=3), max_size=40).map("".join)
_ESCAPES = ("\x1b", "\x9b", "\x07", "\x90", "\x9d", "\u202e")


@settings(max_examples=500, deadline=None)
@given(HOSTILE_TEXT)
def test_safe_text_keeps_every_newline(text: str) -> None:
    assert safe_text(text).count("\n") == text.count("\n")


@settings(max_examples=500, deadline=None)
@given(HOSTILE_TEXT)
def test_no_escape_spans_lines(text: str) -> None:
    # Line by line is the same as all at once: nothing on one line can hide the next.
    assert safe_text(text) == "\n".join(safe_text(line) for line in text.split("\n"))


@settings(max_examples=500, deadline=None)
@given(HOSTILE_TEXT)
def test_safe_text_leaves_no_escape(text: str) -> None:
    assert not any(char in safe_text(text) for char in _ESCAPES)


@settings(max_examples=300, deadline=None)
@given(HOSTILE_TEXT, st.data())
def test_a_window_strips_what_the_whole_text_strips(text: str, data: st.DataObject) -> None:
    # A window cut inside an escape sequence strips it as the whole text does: the
    # pieces of text[start:end] are the whole text's pieces, clipped to the window.
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    clipped = [
        (max(pos, start), piece[max(start - pos, 0) : max(end - pos, 0)])
        for pos, piece in safe_pieces(text)
    ]
    assert list(safe_pieces(text, start, end)) == [(pos, piece) for pos, piece in clipped if piece]


def test_an_unterminated_osc_stops_at_the_line_end() -> None:
    text = "see \x1b]8;;https://example.com/a/long/li\nnext line\n\x1b]0;title\x07after"
    assert safe_text(text).split("\n")[1:] == ["next line", "after"]


def test_an_unterminated_dcs_stops_at_the_line_end() -> None:
    assert safe_text("a \x1bPq#0;2;0;0;0\nsecond line").split("\n")[1] == "second line"


def test_an_escape_before_a_newline_keeps_the_newline() -> None:
    assert safe_text("one\x1b\ntwo") == "one\ntwo"


def test_complete_sequences_are_removed_whole() -> None:
    text = "see \x1b]8;;https://example.com\x1b\\the map\x1b]8;;\x1b\\ and \x1b[31mred\x1b[0m"
    assert safe_text(text) == "see the map and red"
    assert safe_text("Title \x1b]0;owned title\x07 change") == "Title  change"
    assert safe_line("a\tb\x1b[2J\n c") == "a b c"


def test_a_span_cut_inside_a_sequence_shows_what_the_whole_paragraph_shows() -> None:
    # Sentence and run boundaries may fall inside a sequence: each piece is made safe as
    # part of the report's text, so the pieces add up to the safe paragraph.
    from tui.ingest.loader import reports_from_texts
    from tui.textsafe import safe_visible_span

    text = (
        "Officials said \x1b]8;;https://example.com/map\x1b\\the map\x1b]8;;\x1b\\ is out. "
        "See *the \x1b[1mbold\x1b[0m list* and [a link](https://example.com) here.\n"
    )
    for name in ("plain.txt", "marked.md"):
        (report,) = reports_from_texts({name: text})
        for paragraph in report.paragraphs:
            whole = safe_visible_span(report, paragraph)
            assert "\x1b" not in whole and "the map" in whole
            for cut in range(paragraph.start, paragraph.end + 1):
                head = safe_visible_span(report, paragraph, paragraph.start, cut)
                tail = safe_visible_span(report, paragraph, cut, paragraph.end)
                assert head + tail == whole, cut


def test_first_line_is_the_messages_first_line_and_empty_for_an_empty_message() -> None:
    from tui.textsafe import first_line

    # `str(exc).splitlines()[0]` raised IndexError on these.
    assert first_line(MemoryError()) == ""
    assert first_line(ValueError("")) == ""
    assert first_line("") == ""
    assert first_line(ValueError("bad value\n  at line 3\n")) == "bad value"
    assert first_line(OSError(2, "No such file")) == "[Errno 2] No such file"
    assert first_line(42) == "42"


def test_safe_visible_line_is_the_safe_visible_span_on_one_line() -> None:
    from tui.ingest.loader import reports_from_texts
    from tui.textsafe import safe_visible_line, safe_visible_span

    (report,) = reports_from_texts({"a.md": "Some *very*\x1b[2J  **bold**\tnews [here](x).\n"})
    (paragraph,) = report.paragraphs
    assert safe_visible_line(report, paragraph) == "Some very bold news here."
    middle = (paragraph.start + 5, paragraph.end - 3)
    assert safe_visible_line(report, paragraph, *middle) == safe_line(
        safe_visible_span(report, paragraph, *middle)
    )
