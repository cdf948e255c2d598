"""Ingest: the seed reports against the gold file, and unit tests of each ingest step."""

from __future__ import annotations

import codecs
import random
import re
from pathlib import Path

import pytest

from tui import analyze, analyze_texts
from tui.ingest.boilerplate import is_boilerplate
from tui.ingest.decode import UnreadableFile, decode_bytes
from tui.ingest.outlet import find_outlet
from tui.ingest.report import build_report
from tui.ingest.text import visible_positions, visible_text
from tui.model import Corpus, LoadError, Paragraph, Report


def report_for(corpus: Corpus, file_name: str) -> Report:
    matches = [r for r in corpus.reports if r.path and Path(r.path).name == file_name]
    assert len(matches) == 1, f"{file_name} read {len(matches)} times"
    return matches[0]


def plain(text: str, name: str = "x.txt") -> Report:
    return analyze_texts({name: text}).reports[0]


def markdown(text: str, name: str = "x.md") -> Report:
    return analyze_texts({name: text}).reports[0]


def sentence_texts(report: Report) -> list[str]:
    return [report.span(s) for p in report.paragraphs for s in p.sentences]


def paragraphs_containing(report: Report, snippet: str) -> list[Paragraph]:
    return [p for p in report.paragraphs if snippet in report.span(p)]


def assert_span_invariants(report: Report) -> None:
    """Offsets valid, ordered, disjoint; sentences and runs inside their paragraph."""
    text = report.text
    previous_end = 0
    for paragraph in report.paragraphs:
        assert previous_end <= paragraph.start < paragraph.end <= len(text)
        previous_end = paragraph.end
        span = text[paragraph.start : paragraph.end]
        assert span == span.strip(), f"paragraph not trimmed: {span!r}"
        sentence_end = paragraph.start
        for sentence in paragraph.sentences:
            assert sentence_end <= sentence.start < sentence.end <= paragraph.end
            sentence_end = sentence.end
        run_end = paragraph.start
        for run in paragraph.runs:
            assert run_end <= run.start < run.end <= paragraph.end
            run_end = run.end


# ---------------------------------------------------------------------------
# The seed reports against the gold file
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["A", "B"])
def test_seed_paragraph_counts_match_gold(gold, seeds_corpus, key):
    report = report_for(seeds_corpus, gold["reports"][key])
    assert len(report.paragraphs) == gold["paragraphs"][key]


@pytest.mark.parametrize("key", ["A", "B"])
def test_seed_boilerplate_is_exactly_the_gold_paragraphs(gold, seeds_corpus, key):
    report = report_for(seeds_corpus, gold["reports"][key])
    snippets = gold["boilerplate"].get(key, [])
    expected: set[str] = set()
    for snippet in snippets:
        holders = paragraphs_containing(report, snippet)
        assert len(holders) == 1, f"{snippet!r} is in {len(holders)} paragraphs"
        expected.add(holders[0].id)
    flagged = {p.id for p in report.paragraphs if p.kind == "boilerplate"}
    assert flagged == expected
    assert len(flagged) == len(snippets)


def test_no_boilerplate_outside_gold_reports(gold, seeds_corpus):
    gold_files = {gold["reports"][key] for key in gold["boilerplate"]}
    for report in seeds_corpus.reports:
        if report.path and Path(report.path).name not in gold_files:
            assert all(p.kind != "boilerplate" for p in report.paragraphs), report.name


def test_seed_outlets(gold, seeds_corpus):
    for key, file_name in gold["reports"].items():
        report = report_for(seeds_corpus, file_name)
        if key in gold["outlet"]:
            assert report.outlet == gold["outlet"][key]
        else:  # the report never names its outlet: said so, with the file stem
            assert report.outlet == f"unknown outlet ({Path(file_name).stem})"
            assert not report.outlet_known


def _sentences_holding(report: Report, snippet: str) -> list[str]:
    start = report.text.find(snippet)
    assert start >= 0, f"gold snippet not in {report.name}: {snippet!r}"
    end = start + len(snippet)
    return [
        report.span(s)
        for p in report.paragraphs
        for s in p.sentences
        if s.start <= start and end <= s.end
    ]


def test_each_gold_fact_snippet_lies_in_one_sentence(gold, seeds_corpus):
    checked = 0
    for fact in gold["fact"]:
        for key in ("A", "B"):
            report = report_for(seeds_corpus, gold["reports"][key])
            holders = _sentences_holding(report, fact[key])
            assert len(holders) == 1, f"{fact['id']} {key}: {fact[key]!r} spans sentences"
            checked += 1
    assert checked == 2 * len(gold["fact"]) > 0


def test_each_gold_unique_snippet_lies_in_one_sentence(gold, seeds_corpus):
    for key, snippets in gold["unique"].items():
        report = report_for(seeds_corpus, gold["reports"][key])
        for snippet in snippets:
            assert len(_sentences_holding(report, snippet)) == 1, snippet


def test_each_gold_cited_snippet_lies_in_one_paragraph(gold, seeds_corpus):
    for cited in gold["cited"]:
        report = report_for(seeds_corpus, gold["reports"][cited["report"]])
        assert len(paragraphs_containing(report, cited["paragraph"])) == 1, cited["paragraph"]


def test_seed_sentences_are_not_merged_or_cut(seeds_corpus):
    # A sentence never holds "word. Capital" inside it (two sentences merged), and only
    # the last sentence of a paragraph may end without closing punctuation.
    merged = re.compile(r"[a-z]\.\s+[A-Z“\"]")
    for report in seeds_corpus.reports:
        for paragraph in report.paragraphs:
            spans = [report.span(s) for s in paragraph.sentences]
            assert spans, paragraph.id
            for sentence in spans:
                assert not merged.search(sentence), sentence
            for sentence in spans[:-1]:
                assert sentence[-1] in '.!?”"’', sentence


def test_seed_offsets_are_consistent(seeds_corpus):
    assert len(seeds_corpus.reports) == 2
    for report in seeds_corpus.reports:
        assert_span_invariants(report)
        raw = Path(report.path).read_bytes().decode("utf-8-sig")
        assert report.text == raw.replace("\r\n", "\n").replace("\r", "\n")
        covered = set()
        for paragraph in report.paragraphs:
            covered.update(range(paragraph.start, paragraph.end))
        lost = [i for i, ch in enumerate(report.text) if not ch.isspace() and i not in covered]
        assert lost == []


def test_seed_plain_paragraphs_have_one_run_covering_them(seeds_corpus):
    for report in seeds_corpus.reports:
        for paragraph in report.paragraphs:
            assert [(r.start, r.end) for r in paragraph.runs] == [(paragraph.start, paragraph.end)]
            assert visible_text(report, paragraph) == report.span(paragraph)


# ---------------------------------------------------------------------------
# Plain-text paragraphs
# ---------------------------------------------------------------------------


def test_plain_blank_lines_separate_paragraphs_and_lines_join():
    report = plain("First line\ncontinues here.\n\n\n  Second paragraph.  \n\nThird.\n")
    assert [report.span(p) for p in report.paragraphs] == [
        "First line\ncontinues here.",
        "Second paragraph.",
        "Third.",
    ]


def test_plain_without_blank_lines_is_one_paragraph_per_line():
    report = plain("One.\nTwo.\n   \nThree.")
    # A whitespace-only line is blank: it separates blocks.
    assert [report.span(p) for p in report.paragraphs] == ["One.\nTwo.", "Three."]
    report = plain("One.\nTwo.\nThree.")
    assert [report.span(p) for p in report.paragraphs] == ["One.", "Two.", "Three."]


def test_ids_are_unique_and_numbered_in_order():
    report = plain("A one. A two.\n\nB one.\n\nC one. C two.")
    assert [p.id for p in report.paragraphs] == ["r1.p1", "r1.p2", "r1.p3"]
    ids = [s.id for p in report.paragraphs for s in p.sentences]
    assert ids == [f"r1.s{n}" for n in range(1, 6)]


# ---------------------------------------------------------------------------
# Markdown
# ---------------------------------------------------------------------------

MARKDOWN_SAMPLE = """\
# Rebels enter the capital

The **rebels** said they had entered the [capital](https://example.com/c) at dawn. \
Officials *declined* to comment.

> "We are here," a commander said.

- First item with `code` inside.
- Second item.
  - Nested item.

```python
print("hi")
x = 1
```

Escaped \\*stars\\* and Tom &amp; Jerry.
"""


@pytest.fixture(scope="module")
def md_report() -> Report:
    return markdown(MARKDOWN_SAMPLE)


def test_markdown_block_kinds(md_report):
    kinds = [p.kind for p in md_report.paragraphs]
    assert kinds == ["heading", "body", "quote", "list", "list", "list", "code", "body"]
    depths = [p.depth for p in md_report.paragraphs]
    assert depths[0] == depths[1] == 0
    assert depths[5] > depths[4] >= 1


def test_markdown_visible_text_has_no_markup(md_report):
    visible = [visible_text(md_report, p) for p in md_report.paragraphs]
    assert visible[0] == "Rebels enter the capital"
    assert visible[1] == (
        "The rebels said they had entered the capital at dawn. Officials declined to comment."
    )
    assert visible[2] == '"We are here," a commander said.'
    assert visible[3] == "First item with code inside."
    assert visible[6] == 'print("hi")\nx = 1'
    assert visible[7] == "Escaped *stars* and Tom & Jerry."
    for text in visible:
        for markup in ("**", "](", "`", "# ", "> ", "- ", "\\", "&amp;"):
            assert markup not in text


def test_visible_positions_map_every_visible_offset(md_report):
    """Each visible character's offset in the report maps to its place in the visible
    text; markup maps to nothing."""
    for paragraph in md_report.paragraphs:
        visible, positions = visible_positions(md_report, paragraph)
        offsets = [o for run in paragraph.runs for o in range(run.start, run.end)]
        assert visible == visible_text(md_report, paragraph)
        for index, offset in enumerate(offsets):
            assert positions.get(offset) == index
            assert visible[index] == md_report.text[offset]
        for offset in set(range(paragraph.start, paragraph.end)) - set(offsets):
            assert positions.get(offset) is None


def test_markdown_offsets_point_into_raw_text(md_report):
    text = md_report.text
    assert text == MARKDOWN_SAMPLE
    assert_span_invariants(md_report)
    heading, body, quote = md_report.paragraphs[:3]
    assert md_report.span(heading) == "# Rebels enter the capital"
    assert md_report.span(quote).startswith("> ")
    styled = {(r.style, md_report.span(r)): r for r in body.runs}
    strong = styled[("strong", "rebels")]
    assert text[strong.start - 2 : strong.start] == "**"
    assert text[strong.end : strong.end + 2] == "**"
    link = styled[("link", "capital")]
    assert link.href == "https://example.com/c"
    assert text[link.end : link.end + 2] == "]("
    assert ("em", "declined") in styled
    code_run = next(r for r in md_report.paragraphs[3].runs if r.style == "code")
    assert text[code_run.start - 1 : code_run.end + 1] == "`code`"


def test_markdown_sentences_follow_visible_text(md_report):
    body = md_report.paragraphs[1]
    spans = [md_report.span(s) for s in body.sentences]
    assert len(spans) == 2
    assert spans[0].startswith("The **rebels**") and spans[0].endswith("at dawn.")
    assert spans[1] == "Officials *declined* to comment."
    code = md_report.paragraphs[6]
    assert len(code.sentences) == 1


def test_markdown_hard_break_is_a_line_break_run():
    report = markdown("First line  \nsecond line\\\nthird line")
    (paragraph,) = report.paragraphs
    assert visible_text(report, paragraph) == "First line\nsecond line\nthird line"
    assert sum(r.line_break for r in paragraph.runs) == 2


def test_markdown_inline_html_is_not_visible():
    report = markdown("<b>Bold</b> text <span>here</span>.")
    assert visible_text(report, report.paragraphs[0]) == "Bold text here."


def test_markdown_setext_heading_is_title():
    report = markdown("Setext heading\n==============\n\nBody.")
    assert [p.kind for p in report.paragraphs] == ["heading", "body"]
    assert report.title == "Setext heading"


def test_markdown_first_heading_is_title_fallback():
    report = markdown("Intro paragraph.\n\n## First heading\n\nText.\n\n# Second heading\n")
    assert report.title == "First heading"
    assert plain("# Not a heading in plain text\n\nBody.").title is None
    assert markdown("No heading at all.").title is None


FRONT_MATTER = """\
---
title: "Front matter title"
source: Daily Planet
date: 2024-12-08
url: https://example.com/story
unknown: ignored
---
# Heading title

Body text.
"""


@pytest.mark.parametrize("name", ["x.md", "x.txt"])
def test_front_matter_sets_metadata_and_is_not_a_paragraph(name):
    report = analyze_texts({name: FRONT_MATTER}).reports[0]
    assert report.title == "Front matter title"
    assert report.outlet == "Daily Planet"
    assert report.date == "2024-12-08"
    assert report.url == "https://example.com/story"
    body_start = FRONT_MATTER.index("# Heading title")
    assert report.paragraphs[0].start == body_start
    assert all("Daily Planet" not in report.span(p) for p in report.paragraphs)


def test_front_matter_aliases_and_partial_fields():
    report = markdown("---\nheadline: The headline\noutlet: The Outlet\n---\n# Heading\n")
    assert (report.title, report.outlet, report.date, report.url) == (
        "The headline",
        "The Outlet",
        None,
        None,
    )


def test_rule_without_keys_is_not_front_matter():
    report = plain("---\njust a rule\n---\n\nText after.")
    assert report.outlet == "unknown outlet (x)" and report.title is None
    assert "just a rule" in report.span(report.paragraphs[0])


# ---------------------------------------------------------------------------
# Encodings and unreadable files
# ---------------------------------------------------------------------------

SAMPLE = "The café owner said “we stay” — it’s over.\nSecond line here.\n"

ENCODED = {
    "utf-8": SAMPLE.encode("utf-8"),
    "utf-8 BOM": codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
    "utf-16 LE BOM": codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"),
    "utf-16 BE BOM": codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"),
    "utf-16 LE no BOM": SAMPLE.encode("utf-16-le"),
    "utf-16 BE no BOM": SAMPLE.encode("utf-16-be"),
    "utf-32 BOM": SAMPLE.encode("utf-32"),
    "cp1252": SAMPLE.encode("cp1252"),
}


@pytest.mark.parametrize("data", ENCODED.values(), ids=ENCODED.keys())
def test_decode_encodings(data):
    assert decode_bytes(data) == SAMPLE


@pytest.mark.parametrize("data", ENCODED.values(), ids=ENCODED.keys())
def test_report_files_in_any_encoding_read_alike(tmp_path, data):
    (tmp_path / "story.txt").write_bytes(data)
    corpus = analyze([tmp_path])
    assert corpus.errors == ()
    (report,) = corpus.reports
    assert report.text == SAMPLE
    assert [report.span(p) for p in report.paragraphs] == SAMPLE.strip().split("\n")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"one\r\ntwo\r\n\r\nthree\r\n", "one\ntwo\n\nthree\n"),
        (b"one\rtwo\r\rthree", "one\ntwo\n\nthree"),
        (b"mixed\r\nnew\rlines\n", "mixed\nnew\nlines\n"),
        ("crlf “utf-16”\r\n\r\nend".encode("utf-16"), "crlf “utf-16”\n\nend"),
    ],
)
def test_newlines_are_normalised(data, expected):
    assert decode_bytes(data) == expected


def test_crlf_paragraphs_from_text():
    report = plain("First para.\r\n\r\nSecond para.\rThird line.")
    assert "\r" not in report.text
    assert [report.span(p) for p in report.paragraphs] == [
        "First para.",
        "Second para.\nThird line.",
    ]


def test_decode_cp1252_spanish_text():
    text = "La oposición pidió más diálogo para el próximo año en España.\n"
    assert decode_bytes(text.encode("cp1252")) == text


# Random bytes with the NULs taken out: no encoding decodes them to text.
_RANDOM_NO_NUL = bytes(b for b in random.Random(1234).randbytes(4096) if b)

# Each with the reason its one-line message gives.
UNREADABLE = {
    "empty": (b"", "empty file"),
    "whitespace": (b"  \n\t\r\n  ", "empty file"),
    "BOM only": (codecs.BOM_UTF8, "empty file"),
    "utf-16 whitespace": (" \n ".encode("utf-16"), "empty file"),
    "escape sequences only": (b"\x1b[31m\x1b[0m\n\x1b]0;title\x07\n", "empty file"),
    "NUL bytes": (b"Some text\x00with NUL\x00bytes in it\x00", "binary file (NUL bytes)"),
    "random bytes": (random.Random(1234).randbytes(4096), "binary file (NUL bytes)"),
    "random bytes without NUL": (_RANDOM_NO_NUL, "binary file (not decodable as text)"),
    "control characters": (bytes(range(1, 9)) * 64, "binary file (control characters)"),
    "invalid utf-8 after BOM": (codecs.BOM_UTF8 + b"ok \xff\xfe\xfd bad", "invalid utf-8"),
    "truncated utf-16": (codecs.BOM_UTF16_LE + b"a\x00b", "invalid utf-16"),
}


@pytest.mark.parametrize(("data", "reason"), UNREADABLE.values(), ids=UNREADABLE.keys())
def test_unreadable_bytes_raise(data, reason):
    with pytest.raises(UnreadableFile) as info:
        decode_bytes(data)
    message = str(info.value)
    assert message.startswith(reason), message
    assert "\n" not in message


# Text coloured for a terminal (`grep --color`, `script`, a log): SGR colour codes, a
# cursor move, a hyperlink, a character-set switch. More than one character in twenty
# is an escape: still text.
COLOURED = (
    "\x1b[1;31mBREAKING\x1b[0m \x1b[33mFloods\x1b[0m reach the \x1b[4mvalley\x1b[0m.\n\n"
    "\x1b[1mMarta\x1b[0m \x1b[32mKowalczyk\x1b[0m, the regional governor, visited "
    "\x1b]8;;https://example.org/x\x1b\\the shelters\x1b]8;;\x1b\\ on Monday.\x1b[K\n\n"
    "\x1b(BRescue teams from \x1b[36mPort Alder\x1b[39m arrived overnight.\n"
)
COLOURED_PLAIN = (
    "BREAKING Floods reach the valley.\n\n"
    "Marta Kowalczyk, the regional governor, visited the shelters on Monday.\n\n"
    "Rescue teams from Port Alder arrived overnight.\n"
)


def test_text_with_terminal_escape_sequences_is_text():
    data = COLOURED.encode("utf-8")
    assert data.count(b"\x1b") > 0.05 * len(data)
    assert decode_bytes(data) == COLOURED_PLAIN
    # In an 8-bit encoding too: the sequences do not hide which one it is.
    accented = COLOURED.replace("valley", "vallée").replace("\n", "\r\n")
    assert decode_bytes(accented.encode("cp1252")) == COLOURED_PLAIN.replace("valley", "vallée")


def test_coloured_report_is_read_and_its_words_analysed(tmp_path):
    (tmp_path / "coloured.txt").write_bytes(COLOURED.encode("utf-8"))
    (tmp_path / "plain.txt").write_text(
        "Marta Kowalczyk said the shelters in Port Alder were full.", encoding="utf-8"
    )
    corpus = analyze([tmp_path])
    assert corpus.errors == ()
    report = report_for(corpus, "coloured.txt")
    assert_span_invariants(report)
    assert [report.span(p) for p in report.paragraphs] == COLOURED_PLAIN.strip().split("\n\n")
    # The names are found across the coloured spans, with exact offsets, and merged with
    # the plain report's spelling.
    names = {
        corpus.entity(m.entity).name: report.text[m.start : m.end]
        for p in report.paragraphs
        for m in corpus.mentions.get(p.id, ())
    }
    assert names.get("Marta Kowalczyk") == "Marta Kowalczyk"
    assert names.get("Port Alder") == "Port Alder"


def test_unreadable_file_is_a_load_error_and_others_still_read(tmp_path):
    (tmp_path / "a.txt").write_text("A good report.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.txt").write_bytes(b"\x00\x01\x02binary\x00")
    corpus = analyze([tmp_path])
    assert [r.name for r in corpus.reports] == ["a"]
    assert [Path(e.path).name for e in corpus.errors] == ["b.txt", "c.txt"]
    assert all(isinstance(e, LoadError) and e.reason for e in corpus.errors)


# ---------------------------------------------------------------------------
# sources.toml and metadata precedence
# ---------------------------------------------------------------------------

CHROME = "© 2024 Chrome Outlet. All rights reserved."


def _write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def _by_name(corpus: Corpus) -> dict[str, Report]:
    return {r.name: r for r in corpus.reports}


def test_sources_toml_sets_metadata_by_file_name_or_stem(tmp_path):
    _write(tmp_path, "a.txt", "Body of a.")
    _write(tmp_path, "b.md", "# Heading of b\n\nBody of b.")
    _write(tmp_path, "c.txt", "Body of c.")
    _write(
        tmp_path,
        "sources.toml",
        '"a.txt" = { source = "Table A", title = "Title A", date = "2024-01-02", '
        'url = "https://a.example" }\n'
        'b = "Table B"\n',
    )
    corpus = analyze([tmp_path])
    assert corpus.errors == ()
    reports = _by_name(corpus)
    a, b, c = reports["a"], reports["b"], reports["c"]
    assert (a.outlet, a.title, a.date, a.url) == (
        "Table A",
        "Title A",
        "2024-01-02",
        "https://a.example",
    )
    assert (b.outlet, b.title) == ("Table B", "Heading of b")
    assert (c.outlet, c.title, c.date, c.url) == ("unknown outlet (c)", None, None, None)


def test_metadata_precedence(tmp_path):
    front = "---\nsource: Front Source\ntitle: Front Title\n---\n"
    _write(tmp_path, "front.txt", front + "Body.\n\n" + CHROME)
    _write(tmp_path, "table.txt", "Body.\n\n" + CHROME)
    _write(tmp_path, "chrome.txt", "Body.\n\n" + CHROME)
    _write(tmp_path, "stem.txt", "Body that names nobody, officials told Reuters.")
    _write(tmp_path, "table_only.md", "# Heading\n\nBody.")
    _write(
        tmp_path,
        "sources.toml",
        "[front]\nsource = 'Table Front'\ndate = '2024-03-04'\n"
        "[table]\nsource = 'Table Source'\n"
        "[table_only]\ntitle = 'Table Title'\n",
    )
    reports = _by_name(analyze([tmp_path]))
    # Front matter beats the table, field by field; the table fills what it leaves out.
    assert reports["front"].outlet == "Front Source"
    assert reports["front"].title == "Front Title"
    assert reports["front"].date == "2024-03-04"
    assert reports["table"].outlet == "Table Source"
    assert reports["chrome"].outlet == "Chrome Outlet"
    assert reports["stem"].outlet == "unknown outlet (stem)"
    # A sources.toml title beats the first heading.
    assert reports["table_only"].title == "Table Title"
    assert reports["table_only"].outlet == "unknown outlet (table_only)"


def test_sources_toml_applies_only_beside_its_files(tmp_path):
    _write(tmp_path, "sources.toml", '"inner.txt" = "Outer Table"\n"top.txt" = "Top Table"\n')
    _write(tmp_path, "top.txt", "Top body.")
    _write(tmp_path / "sub", "inner.txt", "Inner body.")
    reports = _by_name(analyze([tmp_path], recursive=True))
    assert reports["top"].outlet == "Top Table"
    assert reports["inner"].outlet == "unknown outlet (inner)"


def test_broken_sources_toml_is_reported_but_reports_still_read(tmp_path):
    _write(tmp_path, "a.txt", "Body.")
    _write(tmp_path, "sources.toml", "this is = not [valid toml\n")
    corpus = analyze([tmp_path])
    assert [r.outlet for r in corpus.reports] == ["unknown outlet (a)"]
    assert [Path(e.path).name for e in corpus.errors] == ["sources.toml"]


# ---------------------------------------------------------------------------
# Sentences
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. military said troops left. Officials confirmed it.",
            ["The U.S. military said troops left.", "Officials confirmed it."],
        ),
        (
            "Gen. Smith arrived in Jan. 2024 with aides. He spoke briefly.",
            ["Gen. Smith arrived in Jan. 2024 with aides.", "He spoke briefly."],
        ),
        (
            "Mr. Jones and Dr. Brown met at 10 a.m. on Friday. They talked.",
            ["Mr. Jones and Dr. Brown met at 10 a.m. on Friday.", "They talked."],
        ),
        (
            "J. R. R. Tolkien wrote books. He died in 1973.",
            ["J. R. R. Tolkien wrote books.", "He died in 1973."],
        ),
        (
            "Prices rose 3.5 percent. The index hit 1,234.56 points. Markets cheered.",
            ["Prices rose 3.5 percent.", "The index hit 1,234.56 points.", "Markets cheered."],
        ),
        (
            "He paused... Then he left. It was over.",
            ["He paused...", "Then he left.", "It was over."],
        ),
        (
            "“We will stay,” he said. “Nobody can force us out.”",
            ["“We will stay,” he said.", "“Nobody can force us out.”"],
        ),
        (
            "“We will stay.” He left the room.",
            ["“We will stay.”", "He left the room."],
        ),
        (
            "Was it true? Nobody knew! Then it ended.",
            ["Was it true?", "Nobody knew!", "Then it ended."],
        ),
        (
            "No closing punctuation here",
            ["No closing punctuation here"],
        ),
    ],
)
def test_sentence_splitting(text, expected):
    report = plain(text)
    assert sentence_texts(report) == expected
    assert_span_invariants(report)


def test_sentence_ending_with_month_may():
    report = plain("The talks began in May. Officials said little.")
    assert sentence_texts(report) == ["The talks began in May.", "Officials said little."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Robbers grab $3. 2 million in gems. Police are searching.",
            ["Robbers grab $3. 2 million in gems.", "Police are searching."],
        ),
        ("Sales fell 4. 5 percent in May.", ["Sales fell 4. 5 percent in May."]),
        ("Output rose 1. 5% last year.", ["Output rose 1. 5% last year."]),
        ("A ($2. 6-million) haul was taken.", ["A ($2. 6-million) haul was taken."]),
        # A sentence that starts with a number after one that ends with one stays apart.
        (
            "The score was 3-2. 15 minutes later it ended.",
            ["The score was 3-2.", "15 minutes later it ended."],
        ),
        ("He scored 10. 2008 was his year.", ["He scored 10.", "2008 was his year."]),
    ],
)
def test_a_decimal_point_before_a_space_ends_no_sentence(text, expected):
    report = plain(text)
    assert sentence_texts(report) == expected
    assert_span_invariants(report)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Palin spoke at 3 p. m. ET in Wasilla. Police left.",
            ["Palin spoke at 3 p. m. ET in Wasilla.", "Police left."],
        ),
        ("It struck at 2:09 a.m. (PDT) on Tuesday.", ["It struck at 2:09 a.m. (PDT) on Tuesday."]),
        (
            "The vote ended at 9 p.m. GMT, officials said.",
            ["The vote ended at 9 p.m. GMT, officials said."],
        ),
        # A time ending a sentence still ends it.
        ("It ended at 4 a.m. The police left.", ["It ended at 4 a.m.", "The police left."]),
    ],
)
def test_a_time_before_its_zone_ends_no_sentence(text, expected):
    report = plain(text)
    assert sentence_texts(report) == expected
    assert_span_invariants(report)


def test_a_title_abbreviation_before_a_name_ends_no_sentence():
    report = plain("Police Const. Tim Fanning told a news conference. Atty. Lee left.")
    assert sentence_texts(report) == [
        "Police Const. Tim Fanning told a news conference.",
        "Atty. Lee left.",
    ]
    assert_span_invariants(report)


def test_sentences_never_cross_paragraphs():
    report = plain("It ended with Gen.\n\nSmith was there.")
    assert sentence_texts(report) == ["It ended with Gen.", "Smith was there."]


# ---------------------------------------------------------------------------
# Boilerplate
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Read more: Markets fall as rates rise",
        "READ MORE: Election results live",
        "See also: How the vote works",
        "Related stories",
        "This story is developing and will be updated.",
        "This is a developing story.",
        "This article will be updated.",
        "More details to follow.",
        "Refresh the page for the latest updates.",
        "Please refresh your browser to see the latest version.",
        "Sign up for our morning newsletter to get the news first.",
        "Subscribe to our YouTube channel for more videos.",
        "Download the Daily Planet app for the latest headlines.",
        "Turn on notifications to get breaking news alerts.",
        "Follow us on X for updates.",
        "Click here to read the full report.",
        "© 2024 Daily Planet. All rights reserved.",
        "Copyright 2024 The Example Times",
        # A site's own labels and nothing else: its menus, sections, account, legal
        # pages and share buttons.
        "Home",
        "Privacy Policy",
        "News | Sport | Weather | Business",
        "Facebook Twitter Email Print",
        "Subscribe  Sign In",
        "Back to main menu",
        "Terms of Use · Contact Us · Advertise",
    ],
)
def test_boilerplate_rules(text):
    assert is_boilerplate(text)


@pytest.mark.parametrize(
    "text",
    [
        "The minister said the talks would continue on Monday.",
        "Officials said more than 200 people had been evacuated.",
        "More than a dozen protesters were arrested, police said.",
        "The app, which was downloaded by millions of users, was banned by the regulator.",
        "The company said its new app had been updated to fix the flaw.",
        "Police said they would read the statement to reporters on Tuesday.",
        "He said the report was being reviewed by the committee.",
        "The story of the siege was told by survivors.",
        "The prime minister said the government reserved the right to respond.",
        "Analysts said the copyright dispute could take years to resolve.",
        "Read the full statement, the spokesman told reporters, and you will see.",
        # A reporter's own sentences with words chrome also uses: attributed, about a
        # third party's service, or about something other than this page.
        "Firefighters remain at the site and say more details will be given in the morning.",
        "More details of the plan will be released next week.",
        "Customers can sign up for alerts on the carrier's website before the launch.",
        "Parents can get closure notifications by text message from the district.",
        "Riders can pay for the trip via the city's transit app.",
        "Officials urged residents to follow @CountyAlerts on X for evacuation orders.",
        "Copyright lawyers for the studio filed the suit on Monday.",
        "The report will be updated every quarter, the agency said.",
        "Fans had to refresh the page for hours to buy tickets.",
        "You can download the new maps app from the store today.",
        "Residents can leave a comment on the plan at city hall until Friday, officials said.",
        "The senator declined to comment on the report.",
        # Labels inside what is said, or with a date or a number: reporting.
        "News of the attack spread on Facebook and Twitter.",
        "Sports and politics rarely mix",
        "Home sales fell 4 percent in March",
        "Twitter Inc",
    ],
)
def test_news_sentences_are_not_boilerplate(text):
    assert not is_boilerplate(text)


@pytest.mark.parametrize(
    "text",
    [
        "This story has been updated with comment from the ministry.",
        "This article has been updated to correct what the mayor said on Tuesday.",
        "This page will be updated as more information becomes available.",
        "More to follow.",
        "Copyright © 2012 The Example Post",
        "(c) 2019 Example Media Group",
        "Get breaking news alerts on your phone with our app.",
        "Never miss a story: sign up for our daily newsletter.",
        "Like us on Facebook and follow us on X for the latest news.",
        "View all related articles",
        "Tell us in the comments.",
        "What do you think? Let us know in the comments below.",
        "Leave a comment",
        "Sound off below: should the city rebuild the bridge?",
        "Leave your thoughts, ideas and desires in the comments section below.",
    ],
)
def test_chrome_in_other_words_is_boilerplate(text):
    assert is_boilerplate(text)


def test_long_paragraph_is_reporting_even_when_a_phrase_matches():
    sentence = "Residents said the shelling continued through the night near the border. "
    long_text = "Read more: " + sentence * 8
    assert len(long_text.split()) > 60
    assert not is_boilerplate(long_text)
    assert is_boilerplate("Read more: " + sentence)


def test_boilerplate_flagged_per_paragraph_in_reports():
    report = plain(
        "Officials said more aid would arrive.\n\n"
        "Read more: What we know so far\n\n"
        "The app was banned, the regulator said.\n\n"
        "© 2024 Daily Planet. All rights reserved."
    )
    assert [p.kind for p in report.paragraphs] == ["body", "boilerplate", "body", "boilerplate"]


def test_markdown_link_chrome_is_boilerplate_but_code_never_is():
    report = markdown(
        "[Read more: Markets fall](https://example.com/x)\n\n"
        "```\nRead more: inside code\n```\n\nBody sentence here."
    )
    assert [p.kind for p in report.paragraphs] == ["boilerplate", "code", "body"]


# ---------------------------------------------------------------------------
# Outlet
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("chrome", "expected"),
    [
        (["© 2024 Daily Planet. All rights reserved."], "Daily Planet"),
        (["Copyright © 2023 The Example Times"], "The Example Times"),
        (["Get breaking news alerts via the Metro Times App."], "Metro Times"),
        (["Follow @MetroTimes on X for updates."], "Metro Times"),
        (["Read more: Who are the rebels?", "Please refresh the page."], None),
        (["© 2024 All rights reserved."], None),
        ([], None),
    ],
)
def test_find_outlet(chrome, expected):
    assert find_outlet(chrome) == expected


def test_outlet_comes_from_chrome_not_from_cited_sources():
    report = plain(
        "Officials told Reuters the city had fallen.\n\n"
        "A spokesman for the Daily Planet declined to comment.\n\n"
        "You can also follow @MetroTimes on X for the latest."
    )
    assert report.outlet == "Metro Times"
    unnamed = plain("Officials told Reuters the city had fallen.", name="story.txt")
    assert unnamed.outlet == "unknown outlet (story)"


def test_outlet_from_sentence_initial_app_promotion():
    assert find_outlet(["Download the Metro Times app for breaking news alerts."]) == (
        "Metro Times"
    )


def test_build_report_directly():
    text = "Body sentence one. Body two.\n\nPlease refresh the page."
    report = build_report("r9", "name", text, markdown=False, metadata={"date": "2024-05-01"})
    assert report.id == "r9" and report.name == "name" and report.path is None
    assert report.date == "2024-05-01"
    assert [p.kind for p in report.paragraphs] == ["body", "boilerplate"]
    assert [s.id for s in report.paragraphs[0].sentences] == ["r9.s1", "r9.s2"]
