"""Property-based fuzzing of the whole pipeline, from the bytes of files to JSON.

Files are written from arbitrary bytes and from text mixing Markdown syntax, escape
sequences, markup and Unicode (in several encodings), beside one good report, and read
with `tui.analyze` as `newsprism analyze` reads them. Whatever the input: nothing
raises; every file is either a report or one error line; every paragraph, sentence, run
and mention offset lies inside its text and inside what holds it; and the corpus
serialises to JSON that parses back to the same value.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile import GOOD, assert_terminal_safe, assert_valid_corpus_dict
from tui import analyze
from tui.cli.analyze import format_text, json_safe
from tui.model import Report
from tui.model.corpus import Corpus

FUZZ_SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

GOOD_NAME, GOOD_TEXT = next(iter(GOOD.items()))

PIECES = [
    # Words and sentence ends.
    "Officials said ",
    "the convoy ",
    "Reuters",
    "Damascus. ",
    "U.S. ",
    "3.5",
    "? ",
    "…",
    "“quoted”",
    # Newlines of every kind.
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\u2028",
    "\x85",
    # Markdown.
    "# ",
    "> ",
    "- ",
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
    "[t](https://example.org/x)",
    "[j](javascript:alert(1))",
    "![img](x.png)",
    "<http://a.example>",
    "<b>",
    "&amp;",
    "&#0;",
    "\\",
    "---\n",
    "title: x\n",
    "> > > > > > > > > > > > > > > > > > > > > > > > deep",
    "- - - - - - - - - - - - - - - - - - - - - - - - deep",
    # Escapes and controls.
    "\x1b[31m",
    "\x1b]0;PWNED\x07",
    "\x1b]52;c;cHduZWQ=\x07",
    "\x1b]8;;https://evil.example\x1b\\",
    "\x1b",
    "\x07",
    "\x00",
    "\x9b2J",
    "\x7f",
    # Markup.
    "[bold red]x[/]",
    "[link=https://evil.example]y[/link]",
    "[@click=app.quit]z[/]",
    # Unicode: right to left, zero width, wide, combining, emoji.
    "\u0627\u0644\u0633\u0644\u0627\u0645",
    "\u05e9\u05dc\u05d5\u05dd",
    "\u202e",
    "\u200b",
    "\u200d",
    "\ufeff",
    "東京で地震",
    "漢字",
    "🎉",
    "👨‍👩‍👧",
    "e\u0301",
    "\u3000",
    "\u00a0",
]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1"]

texts = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=80).map("".join),
    st.text(max_size=300),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=40).map("".join),
)


@st.composite
def encoded_texts(draw: st.DrawFn) -> bytes:
    text = draw(texts)
    encoding = draw(st.sampled_from(ENCODINGS))
    return text.encode(encoding, errors="replace")


file_bytes = st.one_of(st.binary(max_size=2048), encoded_texts())
files = st.lists(
    st.tuples(file_bytes, st.sampled_from([".txt", ".md", ".markdown"])), min_size=1, max_size=3
)


def _assert_report_offsets(report: Report) -> None:
    """Offsets of the model itself: runs too (JSON leaves them out)."""
    text = report.text
    previous = 0
    for paragraph in report.paragraphs:
        assert previous <= paragraph.start <= paragraph.end <= len(text)
        previous = paragraph.end
        cursor = paragraph.start
        for run in paragraph.runs:
            assert cursor <= run.start <= run.end <= paragraph.end, (paragraph, run)
            cursor = run.end
        cursor = paragraph.start
        for sentence in paragraph.sentences:
            assert cursor <= sentence.start <= sentence.end <= paragraph.end
            cursor = sentence.end


def _analyse(contents: list[tuple[bytes, str]]) -> tuple[Corpus, list[Path]]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / GOOD_NAME).write_text(GOOD_TEXT, encoding="utf-8")
        paths = [root / GOOD_NAME]
        for number, (data, suffix) in enumerate(contents):
            path = root / f"fuzz{number}{suffix}"
            path.write_bytes(data)
            paths.append(path)
        return analyze(paths), paths


def _check(contents: list[tuple[bytes, str]]) -> None:
    corpus, paths = _analyse(contents)
    # Nothing lost: every file is a report or an error, and the good one is read.
    assert len(corpus.reports) + len(corpus.errors) == len(paths)
    assert corpus.reports[0].name == Path(GOOD_NAME).stem
    assert corpus.reports[0].text == GOOD_TEXT
    for error in corpus.errors:
        assert error.reason and "\n" not in error.reason
    for report in corpus.reports:
        _assert_report_offsets(report)
    data = corpus.to_dict()
    assert_valid_corpus_dict(data)
    document = json.dumps(data, ensure_ascii=False, allow_nan=False)
    assert json.loads(document) == data
    # What `newsprism analyze` prints: the same value, and safe for a terminal.
    printed = json_safe(document)
    assert json.loads(printed) == data
    assert_terminal_safe(printed)
    assert_terminal_safe(format_text(corpus))


@FUZZ_SETTINGS
@given(files)
def test_pipeline_never_raises_and_keeps_offsets_valid(contents):
    _check(contents)


@FUZZ_SETTINGS
@given(st.binary(min_size=1, max_size=4096), st.sampled_from([".txt", ".md"]))
def test_arbitrary_bytes(data, suffix):
    _check([(data, suffix)])
