"""Property tests (hypothesis) for the ingest invariants: nothing raises, nothing is lost."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tui import analyze_texts
from tui.ingest.decode import UnreadableFile, decode_bytes
from tui.ingest.text import visible_text
from tui.model import Report

PROPERTY_SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

# Pieces that stress the splitters: newlines of every kind, blank lines, punctuation,
# abbreviations, quotes, control characters, odd whitespace.
PLAIN_PIECES = [
    "a",
    "Word",
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\r\n\r\n",
    ".",
    ". ",
    "?",
    "!",
    "...",
    "…",
    ",",
    "“",
    "”",
    '"',
    "’",
    "U.S.",
    "Mr. ",
    "3.5",
    "\x00",
    "\x1b[31m",
    "\x07",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x85",
    "\u2028",
    "\u00a0",
    "\u3000",
    "é",
    "。",
    "Read more: ",
    "---",
    "title: x",
]
MARKDOWN_PIECES = [
    *PLAIN_PIECES,
    "# ",
    "## ",
    "> ",
    "- ",
    "* ",
    "1. ",
    "    ",
    "```",
    "~~~",
    "**",
    "*",
    "_",
    "`",
    "[",
    "](",
    ")",
    "![img](x.png)",
    "<http://a.example>",
    "<b>",
    "</b>",
    "&amp;",
    "&#35;",
    "&copy;",
    "\\",
    "\\*",
    "|",
    "===",
]


def _joined(pieces: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces), max_size=60).map("".join)


def _no_front_matter(text: str) -> str:
    # A leading `---` line may open front matter, which is not a paragraph.
    return "x" + text if text.startswith("---") else text


plain_texts = st.one_of(st.text(), _joined(PLAIN_PIECES)).map(_no_front_matter)
markdown_texts = st.one_of(st.text(), _joined(MARKDOWN_PIECES))


def _normalised(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _assert_offsets(report: Report) -> None:
    text = report.text
    previous_end = 0
    for paragraph in report.paragraphs:
        assert previous_end <= paragraph.start < paragraph.end <= len(text)
        previous_end = paragraph.end
        sentence_end = paragraph.start
        for sentence in paragraph.sentences:
            assert sentence_end <= sentence.start < sentence.end <= paragraph.end
            sentence_end = sentence.end
            if paragraph.kind != "code":  # code keeps its own whitespace
                piece = report.span(sentence)
                assert piece == piece.strip()
        run_end = paragraph.start
        for run in paragraph.runs:
            assert run_end <= run.start < run.end <= paragraph.end
            run_end = run.end


def _covered(report: Report, spans) -> set[int]:
    covered: set[int] = set()
    for item in spans:
        covered.update(range(item.start, item.end))
    return covered


@PROPERTY_SETTINGS
@given(plain_texts)
def test_plain_ingest_keeps_every_character(text):
    report = analyze_texts({"x.txt": text}).reports[0]
    assert report.text == _normalised(text)
    _assert_offsets(report)
    in_paragraphs = [0] * len(report.text)
    for paragraph in report.paragraphs:
        piece = report.span(paragraph)
        assert piece == piece.strip()
        assert visible_text(report, paragraph) == piece
        for i in range(paragraph.start, paragraph.end):
            in_paragraphs[i] += 1
    for i, ch in enumerate(report.text):
        if not ch.isspace():
            assert in_paragraphs[i] == 1, (i, ch)


@PROPERTY_SETTINGS
@given(plain_texts)
def test_plain_sentences_cover_their_paragraph(text):
    report = analyze_texts({"x.txt": text}).reports[0]
    for paragraph in report.paragraphs:
        covered = _covered(report, paragraph.sentences)
        for i in range(paragraph.start, paragraph.end):
            assert report.text[i].isspace() or i in covered


@PROPERTY_SETTINGS
@given(
    st.text(alphabet="abcXYZ 0123456789", min_size=1, max_size=20).filter(str.strip),
    plain_texts,
)
def test_front_matter_is_metadata_not_paragraphs(title, body):
    header = f"---\ntitle: {title}\n---\n"
    report = analyze_texts({"x.txt": header + body}).reports[0]
    assert report.title == title.strip()
    assert all(p.start >= len(header) for p in report.paragraphs)
    covered = _covered(report, report.paragraphs)
    for i in range(len(header), len(report.text)):
        assert report.text[i].isspace() or i in covered


@PROPERTY_SETTINGS
@given(markdown_texts)
def test_markdown_ingest_offsets(text):
    report = analyze_texts({"x.md": text}).reports[0]
    assert report.text == _normalised(text)
    _assert_offsets(report)
    for paragraph in report.paragraphs:
        # Every visible character belongs to a sentence (code: one sentence per block).
        covered = _covered(report, paragraph.sentences)
        for run in paragraph.runs:
            for i in range(run.start, run.end):
                assert report.text[i].isspace() or i in covered


@PROPERTY_SETTINGS
@given(st.binary(max_size=2048))
def test_decode_bytes_returns_text_or_raises_unreadable(data):
    try:
        text = decode_bytes(data)
    except UnreadableFile as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert isinstance(text, str)
    assert "\r" not in text
    assert text.strip()


_TEXT_CHARS = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff")


@PROPERTY_SETTINGS
@given(st.text(_TEXT_CHARS, min_size=1))
def test_decode_round_trips_unicode_text(text):
    assume(text.strip())
    expected = _normalised(text)
    assert decode_bytes(text.encode("utf-8")) == expected
    assert decode_bytes(b"\xef\xbb\xbf" + text.encode("utf-8")) == expected
    assert decode_bytes(text.encode("utf-16")) == expected


_CHROME_WORDS = (
    "Read more: ",
    "see also > ",
    "RELATED STORIES",
    "this story is being updated",
    "Download our news app",
    "turn on breaking news alerts",
    "Sign up for our newsletter channel",
    "follow us on X",
    "click here",
    "© 2024 Example",
    "(c) Example",
    "All rights reserved.",
    "the ",
    "police said ",
    "Reuters ",
    "Refresh the page",
    "more details will follow",
    "More to follow.",
    "View all ",
    "Like us on Facebook",
    "This article has been updated",
    "Copyright 2019 ",
    "(c) 2019 ",
    "via the News app",
    "You can ",
)


@given(st.lists(st.sampled_from(_CHROME_WORDS) | st.text(max_size=12), max_size=6))
def test_boilerplate_word_prefilter_never_changes_the_answer(pieces: list[str]) -> None:
    from tui.ingest import boilerplate

    text = "".join(pieces)
    expected = len(text.split()) <= boilerplate._MAX_WORDS and boilerplate._is_chrome(text)
    assert boilerplate.is_boilerplate(text) == expected
