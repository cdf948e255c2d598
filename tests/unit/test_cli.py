"""`newsprism analyze`: output formats, inputs, and every exit code."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from tests.unit.harness import run, run_subprocess
from tui import analyze, analyze_texts
from tui.cli.analyze import analysis_dict
from tui.cli.reader import terminal_missing as real_terminal_missing
from tui.model import PARAGRAPH_KINDS
from tui.resources import seeds_dir

TOP_KEYS = {"schema", "reports", "stories", "entities", "facts", "topics", "wire"}
REPORT_KEYS = {
    "id", "name", "path", "source", "title", "date", "url", "author", "story", "text", "paragraphs"
}  # fmt: skip
PARAGRAPH_KEYS = {"id", "start", "end", "kind", "topics", "cited", "sentences", "mentions"}
SENTENCE_KEYS = {"id", "start", "end", "facts", "wire", "unique"}
FACT_KEYS = {"id", "sentences", "reports", "score", "discrepancies", "basis", "matched"}
BASIS_KEYS = {"kind", "sources", "copies"}
WIRE_KEYS = {"id", "sentences", "reports"}

GOOD_TEXT = "A good report. It has two sentences.\n"


def error_lines(err: str) -> list[str]:
    lines = err.splitlines()
    assert all(line.startswith("newsprism: ") for line in lines), err
    return lines


def assert_schema(data: dict) -> None:
    assert set(data) == TOP_KEYS
    assert data["schema"] == 1
    for key in ("stories", "entities", "facts", "topics", "wire"):
        assert isinstance(data[key], list)
    for fact in data["facts"]:
        assert set(fact) == FACT_KEYS
        assert set(fact["basis"]) == BASIS_KEYS
        assert fact["basis"]["kind"] in {"one-source", "wire-copy", "independent", "unattributed"}
        assert all(isinstance(name, str) for name in fact["basis"]["sources"])
    for copy in data["wire"]:
        assert set(copy) == WIRE_KEYS and len(copy["reports"]) > 1
    for report in data["reports"]:
        assert set(report) == REPORT_KEYS
        text = report["text"]
        previous_end = 0
        for paragraph in report["paragraphs"]:
            assert set(paragraph) == PARAGRAPH_KEYS
            assert paragraph["kind"] in PARAGRAPH_KINDS
            assert previous_end <= paragraph["start"] < paragraph["end"] <= len(text)
            previous_end = paragraph["end"]
            for key in ("topics", "cited", "mentions"):
                assert isinstance(paragraph[key], list)
            for sentence in paragraph["sentences"]:
                assert set(sentence) == SENTENCE_KEYS
                assert paragraph["start"] <= sentence["start"] < sentence["end"]
                assert sentence["end"] <= paragraph["end"]
                assert isinstance(sentence["facts"], list)


def write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------


def test_no_path_analyses_the_bundled_seeds(capsys, gold):
    code, out, err = run(capsys, "analyze")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert_schema(data)
    assert [Path(r["path"]).name for r in data["reports"]] == sorted(gold["reports"].values())
    assert [r["id"] for r in data["reports"]] == ["r1", "r2"]
    by_file = {Path(r["path"]).name: r for r in data["reports"]}
    for key, count in gold["paragraphs"].items():
        assert len(by_file[gold["reports"][key]]["paragraphs"]) == count
    for outlet in gold["outlet"].values():
        assert by_file[gold["reports"][key]]["source"] == outlet


def test_printed_json_is_corpus_to_dict_with_what_each_fact_matched_on(capsys):
    code, out, _ = run(capsys, "analyze", "--format", "json")
    assert code == 0
    corpus = analyze([seeds_dir()])
    data = json.loads(out)
    assert data == analysis_dict(corpus)
    # Corpus.to_dict, with one key more in each fact.
    for fact in data["facts"]:
        assert fact.pop("matched")
    assert data == corpus.to_dict()


def test_json_offsets_slice_the_report_text(capsys):
    _, out, _ = run(capsys, "analyze")
    for report in json.loads(out)["reports"]:
        for paragraph in report["paragraphs"]:
            piece = report["text"][paragraph["start"] : paragraph["end"]]
            assert piece and piece == piece.strip()


def test_text_format(capsys, gold):
    code, out, err = run(capsys, "analyze", "--format", "text")
    assert (code, err) == (0, "")
    with pytest.raises(json.JSONDecodeError):
        json.loads(out)
    for key, file_name in gold["reports"].items():
        assert f"{file_name}: {gold['paragraphs'][key]} paragraphs" in out
    for outlet in gold["outlet"].values():
        assert re.search(rf"^r\d+  {re.escape(outlet)}$", out, re.M)
    boiler = re.findall(r"^  r\d+\.p\d+\s+boilerplate\s", out, re.M)
    assert len(boiler) == sum(len(v) for v in gold["boilerplate"].values())


def test_output_file(capsys, tmp_path):
    target = tmp_path / "out.json"
    code, out, err = run(capsys, "analyze", "-o", str(target))
    assert (code, out, err) == (0, "", "")
    printed = json.loads(target.read_text(encoding="utf-8"))
    assert printed == analysis_dict(analyze([seeds_dir()]))
    code, out, _ = run(capsys, "analyze", "--format", "text", "--output", str(target))
    assert (code, out) == (0, "")
    assert target.read_text(encoding="utf-8").startswith("r1  ")


def test_output_file_that_cannot_be_written(capsys, tmp_path):
    code, out, err = run(capsys, "analyze", "-o", str(tmp_path / "missing" / "out.json"))
    assert code == 1 and out == ""
    assert len(error_lines(err)) == 1


def test_folder_reports_sorted_by_name(capsys, tmp_path):
    write(tmp_path, "c_third.txt", "Third report.")
    write(tmp_path, "a_first.md", "# First\n\nFirst report.")
    write(tmp_path, "b_second.txt", "Second report.")
    write(tmp_path, "notes.rst", "Not a report.")
    code, out, _ = run(capsys, "analyze", str(tmp_path))
    assert code == 0
    reports = json.loads(out)["reports"]
    assert [r["name"] for r in reports] == ["a_first", "b_second", "c_third"]
    assert [r["id"] for r in reports] == ["r1", "r2", "r3"]


def test_files_keep_the_order_given(capsys, tmp_path):
    b = write(tmp_path, "b.txt", "Report b.")
    a = write(tmp_path, "a.txt", "Report a.")
    _, out, _ = run(capsys, "analyze", str(b), str(a))
    assert [r["name"] for r in json.loads(out)["reports"]] == ["b", "a"]


def test_recursive(capsys, tmp_path):
    write(tmp_path, "top.txt", "Top report.")
    write(tmp_path, "sub/inner.txt", "Inner report.")
    write(tmp_path, "sub/deeper/deepest.md", "Deepest report.")
    code, out, _ = run(capsys, "analyze", str(tmp_path))
    assert code == 0
    assert [r["name"] for r in json.loads(out)["reports"]] == ["top"]
    code, out, _ = run(capsys, "analyze", "-r", str(tmp_path))
    assert code == 0
    # Each folder's files in name order, then its subfolders in name order.
    assert [r["name"] for r in json.loads(out)["reports"]] == ["top", "inner", "deepest"]
    code, out, _ = run(capsys, "analyze", "--recursive", str(tmp_path / "sub"))
    assert code == 0
    assert [r["name"] for r in json.loads(out)["reports"]] == ["inner", "deepest"]
    # A folder whose reports are all in subfolders has none unless -r is given.
    nested = tmp_path / "sub" / "deeper"
    write(tmp_path, "outer/deeper/only.txt", "Only report.")
    code, out, err = run(capsys, "analyze", str(tmp_path / "outer"))
    assert code == 1 and len(error_lines(err)) == 1
    assert out == ""
    code, out, err = run(capsys, "analyze", "-r", str(tmp_path / "outer"), str(nested))
    assert (code, err) == (0, "")
    assert [r["name"] for r in json.loads(out)["reports"]] == ["only", "deepest"]


# ---------------------------------------------------------------------------
# Exit codes
# ---------------------------------------------------------------------------


def _missing(tmp_path: Path) -> Path:
    return tmp_path / "does-not-exist.txt"


def _empty_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "empty-folder"
    folder.mkdir()
    (folder / "image.png").write_bytes(b"\x89PNG")
    return folder


def _binary(tmp_path: Path) -> Path:
    return write(tmp_path, "binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")


def _empty(tmp_path: Path) -> Path:
    return write(tmp_path, "empty.txt", b"")


def _invalid(tmp_path: Path) -> Path:
    return write(tmp_path, "invalid.md", b"\xef\xbb\xbfText \xff\xfe\xfd after a UTF-8 BOM")


BAD_INPUTS = {
    "missing file": _missing,
    "folder with no reports": _empty_folder,
    "binary file": _binary,
    "empty file": _empty,
    "invalid bytes": _invalid,
}


@pytest.mark.parametrize("make_bad", BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
def test_one_bad_input_exits_1_and_keeps_the_good_ones(capsys, tmp_path, make_bad):
    good = write(tmp_path, "good.txt", GOOD_TEXT)
    bad = make_bad(tmp_path)
    code, out, err = run(capsys, "analyze", str(good), str(bad))
    assert code == 1
    (line,) = error_lines(err)
    assert line.startswith(f"newsprism: {bad}: ")
    reports = json.loads(out)["reports"]
    assert [r["name"] for r in reports] == ["good"]
    assert reports[0]["text"] == GOOD_TEXT


def test_every_bad_input_gets_one_line(capsys, tmp_path):
    good = write(tmp_path, "good.txt", GOOD_TEXT)
    bad = [make(tmp_path) for make in BAD_INPUTS.values()]
    code, out, err = run(capsys, "analyze", str(bad[0]), str(good), *map(str, bad[1:]))
    assert code == 1
    lines = error_lines(err)
    assert len(lines) == len(bad)
    for line, path in zip(lines, bad, strict=True):
        assert line.startswith(f"newsprism: {path}: ")
    assert [r["name"] for r in json.loads(out)["reports"]] == ["good"]


def test_bad_files_inside_a_folder(capsys, tmp_path):
    write(tmp_path, "a_good.txt", GOOD_TEXT)
    write(tmp_path, "b_empty.txt", b"   \n")
    write(tmp_path, "c_binary.md", bytes(range(256)) * 4)
    write(tmp_path, "d_good.md", "# Title\n\nAnother good report.")
    code, out, err = run(capsys, "analyze", "--format", "text", str(tmp_path))
    assert code == 1
    lines = error_lines(err)
    assert [Path(line.split(": ")[1]).name for line in lines] == ["b_empty.txt", "c_binary.md"]
    assert "a_good" in out and "d_good" in out


def test_only_bad_inputs(capsys, tmp_path):
    code, out, err = run(capsys, "analyze", str(_missing(tmp_path)))
    assert code == 1
    assert len(error_lines(err)) == 1
    assert out == ""  # no empty document


@pytest.mark.parametrize("command", [("analyze",), ("export", "--what", "facts")])
def test_nothing_read_writes_nothing(capsys, tmp_path, command):
    """When no input holds a report, `analyze` and `export` say why, a line per file,
    exit 1, and leave an `-o` file as it was."""
    empty = write(tmp_path, "empty.txt", "")
    binary = tmp_path / "bin.dat"
    binary.write_bytes(b"\x00\x01\x02" * 50)
    kept = write(tmp_path, "out.json", "earlier output")
    code, out, err = run(capsys, *command, str(empty), str(binary), "-o", str(kept))
    assert code == 1 and out == ""
    assert [Path(line.split(": ")[1]).name for line in error_lines(err)] == [
        "empty.txt",
        "bin.dat",
    ]
    assert kept.read_text(encoding="utf-8") == "earlier output"


def test_unreadable_file(capsys, tmp_path):
    good = write(tmp_path, "good.txt", GOOD_TEXT)
    locked = write(tmp_path, "locked.txt", GOOD_TEXT)
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("file permissions do not apply (running as root?)")
        code, out, err = run(capsys, "analyze", str(good), str(locked))
    finally:
        locked.chmod(0o644)
    assert code == 1
    (line,) = error_lines(err)
    assert line.startswith(f"newsprism: {locked}: ")
    assert [r["name"] for r in json.loads(out)["reports"]] == ["good"]


def test_read_error_is_one_line(capsys, tmp_path, monkeypatch):
    # Runs even as root, where chmod 000 does not stop reading: the OS refuses instead.
    good = write(tmp_path, "good.txt", GOOD_TEXT)
    locked = write(tmp_path, "locked.txt", GOOD_TEXT)
    real_open = Path.open

    def refusing_open(self: Path, *args, **kwargs):
        if self.name == locked.name:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refusing_open)
    code, out, err = run(capsys, "analyze", str(good), str(locked))
    assert code == 1
    assert error_lines(err) == [f"newsprism: {locked}: permission denied"]
    assert [r["name"] for r in json.loads(out)["reports"]] == ["good"]


@pytest.mark.parametrize(
    "args",
    [
        ["analyze", "--bogus"],
        ["analyze", "--format", "yaml"],
        ["analyze", "--format"],
        ["analyze", "-o"],
        ["--no-such-option"],
    ],
)
def test_usage_errors_exit_2(capsys, args):
    code, out, err = run(capsys, *args)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("newsprism")


def test_error_line_for_hostile_file_name_is_one_safe_line(capsys, tmp_path):
    write(tmp_path, "good.txt", GOOD_TEXT)
    write(tmp_path, "bad\x1b]0;pwned\x07\nname.txt", b"")
    code, _, err = run(capsys, "analyze", str(tmp_path))
    assert code == 1
    assert "\x1b" not in err and "\x07" not in err
    assert len(err.splitlines()) == 1


# ---------------------------------------------------------------------------
# Terminal safety
# ---------------------------------------------------------------------------

HOSTILE = (
    "Officials said the convoy reached the city late on Sunday evening, residents said.\n\n"
    "Red \x1b[31malert\x1b[0m in the capital.\n\n"
    "Title \x1b]0;owned title\x07 change attempt.\n\n"
    "Bell\x07 ringing and \x9b2J 8-bit CSI.\n\n"
    "The ministry did not respond to a request for comment, and the talks were postponed.\n"
)


def test_text_format_strips_escape_sequences(capsys, tmp_path):
    path = write(tmp_path, "hostile.txt", HOSTILE)
    code, out, err = run(capsys, "analyze", "--format", "text", str(path))
    assert (code, err) == (0, "")
    for char in ("\x1b", "\x07", "\x9b"):
        assert char not in out
    assert "Red alert in the capital." in out
    assert "Title change attempt." in out
    assert "owned title" not in out


def test_json_keeps_text_but_escapes_controls(capsys, tmp_path):
    path = write(tmp_path, "hostile.txt", HOSTILE)
    code, out, _ = run(capsys, "analyze", str(path))
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out
    # Escape sequences are taken out when the file is read; a lone control is kept.
    read = HOSTILE.replace("\x1b[31m", "").replace("\x1b[0m", "")
    read = read.replace("\x1b]0;owned title\x07", "").replace("\x9b2J", "")
    assert "\x07" in read
    assert json.loads(out)["reports"][0]["text"] == read


# ---------------------------------------------------------------------------
# The real command, in a subprocess
# ---------------------------------------------------------------------------


def test_subprocess_seeds_json(tmp_path):
    result = run_subprocess(cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert_schema(data)
    assert data == analysis_dict(analyze([seeds_dir()]))


def test_subprocess_exit_codes(tmp_path):
    good = write(tmp_path, "good.txt", GOOD_TEXT)
    hostile = write(tmp_path, "hostile.txt", HOSTILE)
    result = run_subprocess("--format", "text", str(good), str(hostile), cwd=tmp_path)
    assert result.returncode == 0
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    result = run_subprocess(str(good), "missing.txt", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == "newsprism: missing.txt: no such file or directory\n"
    assert [r["name"] for r in json.loads(result.stdout)["reports"]] == ["good"]
    result = run_subprocess("--format", "xml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1


def test_the_reader_without_a_terminal_is_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    import tui.cli
    import tui.cli.reader

    # The real check, not the conftest stand-in (imported before the fixture ran).
    monkeypatch.setattr(tui.cli.reader, "terminal_missing", real_terminal_missing)
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert tui.cli.reader.terminal_missing()
    assert tui.cli.main([]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "needs a terminal" in error
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver")
    assert not tui.cli.reader.terminal_missing()


# ---------------------------------------------------------------------------
# The text format: nothing lost, and the analysis
# ---------------------------------------------------------------------------

# A hyperlink (OSC 8) after about 75 characters: cutting the line at 100 characters
# before stripping left it unterminated, and it swallowed every later line.
LINKED = (
    "The regional council met on Monday and published its report on the flood, "
    "see \x1b]8;;https://example.com/a/long/link/to/the/map\x1b\\the map\x1b]8;;\x1b\\ "
    "for details.\n\nA second paragraph follows the link.\n"
)
# Reading a file takes complete sequences out; one left unterminated (here by whoever
# wrote the file) reaches the text format, and must not hide the lines after it.
UNTERMINATED = (
    "The regional council met on Monday and published its report on the flood, "
    "see \x1b]8;;https://example.com/a/long/link/to/the/map the map\n\n"
    "A second paragraph follows the link.\n"
)


def test_text_format_cuts_a_line_only_once_it_is_safe():
    from tui.cli.analyze import format_text

    out = format_text(analyze_texts({"that.txt": LINKED}))
    assert "\x1b" not in out
    assert "see the map for details." in out
    assert "A second paragraph follows the link." in out


def test_text_format_loses_no_line_after_an_unterminated_link(capsys, tmp_path):
    # The repro: `analyze that.txt seeds/*.txt --format text | wc -l`.
    seeds = sorted(map(str, seeds_dir().glob("*.txt")))
    code, alone, _ = run(capsys, "analyze", "--format", "text", *seeds)
    assert code == 0
    hostile = write(tmp_path, "that.txt", UNTERMINATED)
    code, out, err = run(capsys, "analyze", "--format", "text", str(hostile), *seeds)
    assert (code, err) == (0, "")
    assert "\x1b" not in out
    # The hostile report adds its own lines and hides none of the others'.
    assert len(out.splitlines()) >= len(alone.splitlines()) + 4
    for seed in seeds:
        assert f"{seed}: " in out
    assert "A second paragraph follows the link." in out


def _paragraph_lines(out: str, paragraph_id: str) -> list[str]:
    return [line for line in out.splitlines() if line.split()[:1] == [paragraph_id]]


def test_text_format_shows_the_analysis(capsys, tmp_path):
    table = []
    for number, seed in enumerate(sorted(seeds_dir().glob("*.txt")), start=1):
        write(tmp_path, seed.name, seed.read_text(encoding="utf-8"))
        table.append(
            f'["{seed.name}"]\nsource = "Outlet {number}"\ntitle = "Title {number}"\n'
            f'date = "2024-12-0{number}"\n'
        )
    write(tmp_path, "sources.toml", "\n".join(table))
    corpus = analyze([tmp_path])
    code, out, err = run(capsys, "analyze", "--format", "text", str(tmp_path))
    assert (code, err) == (0, "")
    topic_labels = {topic.id: topic.label for topic in corpus.topics}
    shown_facts = shown_sources = shown_topics = 0
    for number, report in enumerate(corpus.reports, start=1):
        header = f"{report.id}  Outlet {number} — Title {number} · 2024-12-0{number}"
        assert header in out.splitlines()
        for paragraph in report.paragraphs:
            first, *tags = _paragraph_lines(out, paragraph.id)
            assert paragraph.kind in first
            facts = sorted(
                {f for s in paragraph.sentences for f in corpus.sentence_facts.get(s.id, ())},
                key=lambda f: int(f[1:]),
            )
            sources = list(dict.fromkeys(c.name for c in corpus.cited.get(paragraph.id, ())))
            topics = [topic_labels[t] for t in corpus.paragraph_topics.get(paragraph.id, ())]
            if not (facts or sources or topics):
                assert tags == []
                continue
            (tag_line,) = tags
            if facts:
                assert f"facts: {', '.join(facts)}" in tag_line
                shown_facts += 1
            if sources:
                assert f"cited: {'; '.join(sources)}" in tag_line
                shown_sources += 1
            if topics:
                assert f"topics: {'; '.join(topics)}" in tag_line
                shown_topics += 1
    assert shown_facts and shown_sources and shown_topics
    assert f"at ≥{corpus.fact_threshold:.2f}" in out.splitlines()[-1]


def test_text_format_says_what_each_fact_matched_on(capsys):
    from tui.query.tags import BASIS_LABELS, basis_summary
    from tui.query.why import fact_whys

    corpus = analyze([seeds_dir()])
    whys = fact_whys(corpus)
    code, out, err = run(capsys, "analyze", "--format", "text")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    heading = lines.index("shared facts, with what each matched on")
    block = lines[heading + 1 : lines.index("", heading)]
    fact_lines = [line for line in block if line.startswith("  f")]
    for fact, line in zip(corpus.facts, fact_lines, strict=True):
        why = whys[fact.id]
        assert why.matched
        assert line.split()[0] == fact.id
        assert f"· match {fact.score:.2f} ·" in line
        assert line.endswith(f" · matched on: {', '.join(why.matched)}")
        # Below it: what the fact rests on, and where its reports disagree.
        below = block[block.index(line) + 1 :]
        below = below[: next((k for k, b in enumerate(below) if b.startswith("  f")), len(below))]
        assert fact.basis is not None
        assert below[0].split() == [
            "basis:",
            *f"{BASIS_LABELS[fact.basis.kind]}:".split(),
            *basis_summary(fact.basis).split(),
        ]
        assert below[1:] == [
            f"{below[0][: below[0].index('b')]}≠ {d.detail}" for d in fact.discrepancies
        ]
    # Words as the reports write them (or entities' names), never bare stems.
    names = {entity.name for entity in corpus.entities}
    written = {w for r in corpus.reports for w in re.findall(r"[^\W\d_][\w'’-]*", r.text.lower())}
    for why in whys.values():
        for shown in why.matched:
            assert shown in names or all(w.lower() in written for w in shown.split("/")), shown
    # The totals stay the last line.
    assert lines[-1].startswith("2 reports · ")


def test_threshold_moves_the_facts_as_the_readers_plus_and_minus_do(capsys, tmp_path):
    from tui.pipeline.build import with_fact_threshold

    corpus = analyze([seeds_dir()])
    counts = {}
    for threshold in ("0.2", "0.6"):
        expected = with_fact_threshold(corpus, float(threshold))
        code, out, err = run(capsys, "analyze", "--threshold", threshold)
        assert (code, err) == (0, "")
        printed = [
            {key: value for key, value in fact.items() if key != "matched"}
            for fact in json.loads(out)["facts"]
        ]
        assert printed == [fact.to_dict() for fact in expected.facts]
        counts[threshold] = len(expected.facts)
        code, out, _ = run(capsys, "analyze", "--format", "text", "--threshold", threshold)
        assert code == 0 and f"at ≥{float(threshold):.2f}" in out
        code, out, _ = run(
            capsys, "export", "--what", "facts", "--format", "json", "--threshold", threshold
        )
        assert code == 0
        assert len(json.loads(out)["facts"]) == len(expected.facts)
    assert counts["0.2"] > counts["0.6"]


@pytest.mark.parametrize("command", ["analyze", "export"])
@pytest.mark.parametrize("value", ["0.1", "1.5", "-1", "nan", "loose"])
def test_a_threshold_out_of_range_is_a_usage_error(capsys, command, value):
    extra = ["--what", "facts"] if command == "export" else []
    code, out, err = run(capsys, command, *extra, "--threshold", value)
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1 and "--threshold" in err


def test_a_folder_with_reports_only_in_subfolders_says_add_r(capsys, tmp_path):
    write(tmp_path, "outer/a/one.txt", "One report.")
    write(tmp_path, "outer/a/deeper/two.md", "Two reports.")
    write(tmp_path, "outer/b/three.markdown", "Three reports.")
    write(tmp_path, "outer/b/notes.rst", "Not a report.")
    write(tmp_path, "single/only/one.txt", "One report.")
    for command in (["analyze"], ["export", "--what", "facts"]):
        code, _, err = run(capsys, *command, str(tmp_path / "outer"), str(tmp_path / "single"))
        assert code == 1
        assert error_lines(err) == [
            f"newsprism: {tmp_path / 'outer'}: 3 reports in subfolders: add -r",
            f"newsprism: {tmp_path / 'single'}: 1 report in subfolders: add -r",
        ]
    # With nothing below either, it is what it was.
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = run(capsys, "analyze", str(empty))
    assert code == 1
    assert error_lines(err) == [f"newsprism: {empty}: no .txt, .md, .markdown, .html or .htm files"]


@pytest.mark.parametrize("nested", [False, True], ids=["empty", "reports-in-subfolders"])
def test_the_reader_does_not_start_without_a_report(capsys, tmp_path, monkeypatch, nested):
    from tui.app.app import NewsprismApp

    def started(self: NewsprismApp, *args: object, **kwargs: object) -> None:
        raise AssertionError("the reader started")

    monkeypatch.setattr(NewsprismApp, "run", started)
    folder = tmp_path / "reports"
    folder.mkdir()
    if nested:
        write(folder, "sub/one.txt", GOOD_TEXT)
    code, out, err = run(capsys, str(folder))
    assert (code, out) == (1, "")
    none = "no .txt, .md, .markdown, .html or .htm files"
    reason = "1 report in subfolders: add -r" if nested else none
    assert error_lines(err) == [f"newsprism: {folder}: {reason}"]


def test_the_reader_finds_the_files_and_reads_the_keymap_once(capsys, tmp_path, monkeypatch):
    """The command line finds the files and checks `[keys]` before the reader starts;
    the reader uses both rather than walking the folders and reading the file again."""
    import tui.ingest.loader
    import tui.pipeline.load
    import tui.settings.keymap
    from tui.app.app import NewsprismApp

    write(tmp_path, "reports/one.txt", GOOD_TEXT)
    write(tmp_path, "config/config.toml", '[keys]\nnext_fact = "ctrl+j"\n')
    walks: list[object] = []
    keys_reads: list[object] = []
    real_discover = tui.ingest.loader.discover
    real_read = tui.settings.keymap.read_table

    def discover(*args: object, **kwargs: object) -> object:
        walks.append(args)
        return real_discover(*args, **kwargs)  # type: ignore[arg-type]

    def read_table(*args: object) -> object:
        keys_reads.append(args)
        return real_read(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(tui.ingest.loader, "discover", discover)
    monkeypatch.setattr(tui.pipeline.load, "discover", discover)
    monkeypatch.setattr(tui.settings.keymap, "read_table", read_table)
    started: list[NewsprismApp] = []

    def run_app(self: NewsprismApp, *args: object, **kwargs: object) -> None:
        self._read_first_report()  # what mounting the reader does first
        self.on_load()
        started.append(self)

    keymaps: list[dict[str, str]] = []
    monkeypatch.setattr(NewsprismApp, "run", run_app)
    monkeypatch.setattr(NewsprismApp, "set_keymap", lambda self, keymap: keymaps.append(keymap))
    code, _, err = run(capsys, str(tmp_path / "reports"))
    assert (code, err) == (0, "") and len(started) == 1
    assert len(walks) == 1 and len(keys_reads) == 1
    (app,) = started
    assert app.loader is not None and [p.name for p in app.loader.found.files] == ["one.txt"]
    assert keymaps == [{"next_fact": "ctrl+j"}]


def test_a_bug_is_one_line_and_exit_70_and_the_traceback_on_request(capsys, monkeypatch, tmp_path):
    """An exception no input should cause (a bug in the analysis) is one line naming it,
    exit code 70; NEWSPRISM_DEBUG=1 lets the traceback through for a report."""
    import tui.cli.analyze

    def broken(*args, **kwargs):
        raise IndexError("list index out of range")

    write(tmp_path, "good.txt", GOOD_TEXT)
    monkeypatch.setattr(tui.cli.analyze, "run_analyze", broken)
    code, out, err = run(capsys, "analyze", str(tmp_path))
    assert code == 70
    assert out == ""
    assert err.strip().splitlines() == [
        "newsprism: internal error: IndexError: list index out of range (a bug in newsprism; "
        "NEWSPRISM_DEBUG=1 shows where, please report it)"
    ]
    monkeypatch.setenv("NEWSPRISM_DEBUG", "1")
    with pytest.raises(IndexError):
        run(capsys, "analyze", str(tmp_path))


def test_text_format_shows_a_facts_basis_and_discrepancies(capsys, tmp_path):
    """Under a fact's line, what it rests on and where its reports disagree, in words:
    "≠ injured: 3 vs 5" (the reader's fact view says the same)."""
    (tmp_path / "a.txt").write_text(
        "Three people were injured in the fire at the Harlow depot on Monday, police said.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(
        "Five people were injured in the fire at the Harlow depot on Monday, officials said.\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "analyze", "--no-cache", "--format", "text", str(tmp_path))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    fact = next(k for k, line in enumerate(lines) if line.startswith("  f1 "))
    assert lines[fact + 1].strip().startswith("basis: ")
    assert "police" in lines[fact + 1] and "officials" in lines[fact + 1]
    assert lines[fact + 2].strip() == "≠ injured: 3 vs 5"
