"""Bad and hostile input, through `newsprism analyze` (in the reader:
tests/app/test_hostile_reader.py).

Every bad file gives one clear line (on stderr, or a notice in the reader) and never a
traceback; the exit code is 0 when every input was read and 1 when some could not be
(README); and the good reports beside it are still read and analysed, exactly as they
are on their own. The files are written at test time by `tests.hostile`.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import tui.ingest.loader
import tui.pipeline.load
from tests import hostile
from tests.hostile import (
    CASES,
    GOOD,
    GOOD_PARAGRAPHS,
    Case,
    assert_terminal_safe,
    assert_valid_corpus_dict,
    write_good,
)
from tests.unit.harness import run as run_cli
from tests.unit.harness import run_subprocess as run_analyze_process
from tui import analyze
from tui.ingest.text import visible_text
from tui.textsafe import safe_text

LOOP = "too many levels of symbolic links"


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """`newsprism analyze ARGS` in-process: (exit code, stdout, stderr)."""
    return run_cli(capsys, "analyze", *args)


def run_subprocess(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The real command in a process of its own (the heavy cases)."""
    return run_analyze_process(*args, cwd=cwd, timeout=900)


def error_line(path: Path, reason: str) -> str:
    """The line `newsprism` prints for a file it could not read."""
    return "newsprism: " + " ".join(safe_text(f"{path}: {reason}").split("\n"))


def error_lines(err: str) -> list[str]:
    lines = err.splitlines()
    for line in lines:
        assert line.startswith("newsprism: "), err
        assert_terminal_safe(line)
    return lines


def spans(report: dict[str, Any]) -> list[tuple[Any, ...]]:
    """A report's paragraphs and sentences without their ids (which count reports)."""
    return [
        (p["start"], p["end"], p["kind"], tuple((s["start"], s["end"]) for s in p["sentences"]))
        for p in report["paragraphs"]
    ]


@pytest.fixture(scope="module")
def good_alone(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[Any, ...]]]:
    """The good reports analysed on their own: what they must still be beside bad files."""
    folder = tmp_path_factory.mktemp("good")
    data = analyze(write_good(folder)).to_dict()
    return {report["name"]: spans(report) for report in data["reports"]}


def assert_good_reports_intact(data: dict[str, Any], good_alone: dict[str, Any]) -> None:
    """Both good reports read, split as on their own, and analysed together (the facts
    they share are found)."""
    by_name = {report["name"]: report for report in data["reports"]}
    ids = set()
    for name, count in GOOD_PARAGRAPHS.items():
        assert name in by_name, sorted(by_name)
        assert len(by_name[name]["paragraphs"]) == count
        assert spans(by_name[name]) == good_alone[name]
        ids.add(by_name[name]["id"])
    assert any(ids <= set(fact["reports"]) for fact in data["facts"]), data["facts"]


def make_folder(tmp_path: Path, case: Case) -> tuple[Path, Path]:
    folder = tmp_path / "reports"
    write_good(folder)
    return folder, case.write(folder)


# ---------------------------------------------------------------------------
# `newsprism analyze`: every light case beside the good reports
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_analyze_reads_or_reports_each_hostile_file(capsys, tmp_path, good_alone, case):
    folder, bad = make_folder(tmp_path, case)
    code, out, err = run(capsys, str(folder))
    assert_terminal_safe(out)
    data = json.loads(out)
    assert_valid_corpus_dict(data)
    assert_good_reports_intact(data, good_alone)
    names = [report["name"] for report in data["reports"]]
    if case.reason is None:
        assert (code, err) == (0, "")
        assert bad.stem in names
    else:
        assert code == 1
        (line,) = error_lines(err)
        assert line.startswith(error_line(bad, case.reason)), line
        assert len(names) == len(GOOD_PARAGRAPHS)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_text_summary_of_each_hostile_file_is_terminal_safe(capsys, tmp_path, case):
    folder, _ = make_folder(tmp_path, case)
    code, out, err = run(capsys, "--format", "text", str(folder))
    assert code == (0 if case.reason is None else 1)
    assert len(error_lines(err)) == (0 if case.reason is None else 1)
    assert_terminal_safe(out)
    for name in GOOD:
        assert f"{name}: " in out
    for payload in hostile.ESCAPE_PAYLOADS:
        assert payload.decode() not in out


# ---------------------------------------------------------------------------
# What is read from each readable case
# ---------------------------------------------------------------------------


def read_one(tmp_path: Path, case_id: str):
    case = next(c for c in CASES if c.id == case_id)
    corpus = analyze([case.write(tmp_path)])
    assert corpus.errors == ()
    (report,) = corpus.reports
    return report


def test_invalid_utf8_is_read_in_a_legacy_encoding(tmp_path):
    report = read_one(tmp_path, "invalid_utf8")
    visible = " ".join(visible_text(report, p) for p in report.paragraphs)
    for words in hostile.INVALID_UTF8_WORDS:
        assert words in visible
    assert len(report.paragraphs) == 2


def test_utf16_without_bom_is_decoded(tmp_path):
    report = read_one(tmp_path, "utf16_without_bom")
    assert report.text == hostile.UTF16_TEXT
    assert len(report.paragraphs) == 2


def test_mixed_newlines_are_normalised(tmp_path):
    report = read_one(tmp_path, "mixed_newlines")
    assert "\r" not in report.text
    assert len(report.paragraphs) == hostile.MIXED_NEWLINE_PARAGRAPHS
    assert report.span(report.paragraphs[-1]) == "Fifth and last."


def test_deeply_nested_markdown_keeps_its_words(tmp_path):
    report = read_one(tmp_path, "deep_markdown")
    # markdown-it nests 20 levels deep and drops what lies deeper; those lines are kept
    # as a block of their own, so no word is lost: every item of the indented list, and
    # the words at the bottom of the one-line list, quote and mix of both.
    words = " ".join(visible_text(report, p) for p in report.paragraphs).split()
    assert words.count("item") == hostile.DEEP_LEVELS
    assert " ".join(words).count(hostile.DEEP_MARKER) == 3
    assert "-" not in words and ">" not in words  # the markers are not words


def test_front_matter_that_never_closes_is_text(tmp_path):
    report = read_one(tmp_path, "unclosed_front_matter")
    assert report.title != "Never closed"
    assert report.outlet != "Nobody"
    visible = " ".join(visible_text(report, p) for p in report.paragraphs)
    assert "title: Never closed" in visible
    assert "The body starts here" in visible


def test_javascript_and_other_script_urls_never_become_links(tmp_path):
    report = read_one(tmp_path, "javascript_link")
    hrefs = [run.href for p in report.paragraphs for run in p.runs if run.href is not None]
    assert hrefs == ["https://example.org/ok"]
    visible = " ".join(visible_text(report, p) for p in report.paragraphs)
    assert "this harmless text" in visible and "upper case" in visible


def test_escape_sequences_are_taken_out_when_read_and_never_printed_raw(capsys, tmp_path):
    # More than one character in twenty of this report is part of an escape sequence:
    # it is still text, read without them.
    path = hostile.write_escapes(tmp_path)
    code, out, err = run(capsys, str(path))
    assert (code, err) == (0, "")
    assert_terminal_safe(out)
    (report,) = json.loads(out)["reports"]
    assert report["text"] == hostile.ESCAPE_TEXT_READ


def test_markup_is_printed_as_written(capsys, tmp_path):
    path = hostile.write_markup(tmp_path)
    code, out, _ = run(capsys, "--format", "text", str(path))
    assert code == 0
    for markup in hostile.MARKUP:
        assert markup in out


def test_bidi_overrides_are_escaped_in_json_and_dropped_from_text(capsys, tmp_path):
    path = hostile.write_bidi(tmp_path)
    code, out, _ = run(capsys, str(path))
    assert code == 0
    assert "\\u202e" in out
    assert json.loads(out)["reports"][0]["text"] == hostile.BIDI_TEXT
    code, out, _ = run(capsys, "--format", "text", str(path))
    assert "\u202e" not in out and "evil.exe" in out


# ---------------------------------------------------------------------------
# The file system
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("recursive", [False, True], ids=["flat", "recursive"])
def test_symlink_loops_are_reported_one_line_each(capsys, tmp_path, good_alone, recursive):
    folder = tmp_path / "reports"
    write_good(folder)
    loops = hostile.write_symlink_loops(folder)
    code, out, err = run(capsys, *(["-r"] if recursive else []), str(folder))
    assert code == 1
    assert sorted(error_lines(err)) == sorted(error_line(path, LOOP) for path in loops)
    data = json.loads(out)
    # The folder linking to itself is not walked again: no report is read twice.
    assert sorted(r["name"] for r in data["reports"]) == sorted(GOOD_PARAGRAPHS)
    assert_good_reports_intact(data, good_alone)


def test_unreadable_file_is_reported(capsys, tmp_path, good_alone):
    folder = tmp_path / "reports"
    write_good(folder)
    locked = hostile.write_unreadable(folder)
    try:
        if not hostile.permissions_apply(locked):
            pytest.skip("file permissions do not apply (running as root?)")
        code, out, err = run(capsys, str(folder))
    finally:
        locked.chmod(0o644)
    assert code == 1
    assert error_lines(err) == [error_line(locked, "permission denied")]
    assert_good_reports_intact(json.loads(out), good_alone)


def test_named_pipe_is_never_opened(capsys, tmp_path):
    # Reading a FIFO would wait forever for a writer: it must be refused unopened, when
    # found in a folder and when named on the command line.
    folder = tmp_path / "reports"
    write_good(folder)
    pipe = hostile.write_fifo(folder)
    code, _, err = run(capsys, str(folder), str(pipe))
    assert code == 1
    assert error_lines(err) == [error_line(pipe, "not a regular file")] * 2


@pytest.fixture(params=["after_discovery", "while_reading"])
def vanishing(request, monkeypatch, tmp_path) -> Iterator[tuple[Path, Path]]:
    """A folder of good reports and `doomed.txt`, which is deleted after the files are
    found (before any is read) or while the first good report is being read."""
    folder = tmp_path / "reports"
    write_good(folder)
    doomed = folder / "doomed.txt"
    doomed.write_text("This report will be gone before it is read.\n", encoding="utf-8")
    if request.param == "after_discovery":
        real_discover = tui.ingest.loader.discover

        def discover(paths, recursive=False):
            found = real_discover(paths, recursive=recursive)
            assert doomed in found.files
            doomed.unlink()
            return found

        monkeypatch.setattr(tui.pipeline.load, "discover", discover)
        monkeypatch.setattr(tui.ingest.loader, "discover", discover)
    else:
        real_read = tui.ingest.loader.read_report

        def read_report(path, *args, **kwargs):
            if doomed.exists():
                doomed.unlink()
            return real_read(path, *args, **kwargs)

        monkeypatch.setattr(tui.ingest.loader, "read_report", read_report)
    yield folder, doomed


def test_file_deleted_while_loading_is_reported(capsys, good_alone, vanishing):
    folder, doomed = vanishing
    code, out, err = run(capsys, str(folder))
    assert not doomed.exists()
    assert code == 1
    assert error_lines(err) == [error_line(doomed, "no such file or directory")]
    assert_good_reports_intact(json.loads(out), good_alone)


# ---------------------------------------------------------------------------
# Heavy cases, each in a process of its own
# ---------------------------------------------------------------------------


def analyse_heavy(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], dict]:
    target = tmp_path / "out.json"
    result = run_subprocess("--no-cache", "-o", str(target), *args, cwd=tmp_path)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert_valid_corpus_dict(data)
    return result, data


def test_huge_single_line_is_refused_unread(capsys, tmp_path, good_alone):
    # 50 MB is past the size limit: refused from its size alone, in one line.
    folder = tmp_path / "reports"
    write_good(folder)
    huge = hostile.write_huge_line(folder)
    code, out, err = run(capsys, str(folder))
    assert code == 1
    limit = tui.ingest.loader.MAX_FILE_BYTES // 2**20
    size = round(hostile.HUGE_LINE_BYTES / 2**20)
    assert error_lines(err) == [error_line(huge, f"too large ({size} MiB; limit {limit} MiB)")]
    assert_good_reports_intact(json.loads(out), good_alone)


def test_long_single_line_under_the_limit_is_read(tmp_path, good_alone):
    folder = tmp_path / "reports"
    write_good(folder)
    line = hostile.write_huge_line(folder, hostile.LONG_LINE_BYTES)
    result, data = analyse_heavy(tmp_path, str(folder))
    assert (result.returncode, result.stderr) == (0, "")
    (report,) = [r for r in data["reports"] if r["name"] == line.stem]
    assert len(report["text"]) == hostile.LONG_LINE_BYTES
    # One paragraph (no blank line), every sentence of it found.
    (paragraph,) = report["paragraphs"]
    assert paragraph["end"] - paragraph["start"] == len(report["text"].strip())
    assert len(paragraph["sentences"]) == report["text"].count(". ") + 1
    assert_good_reports_intact(data, good_alone)


def test_two_hundred_thousand_paragraphs(tmp_path):
    # The text summary: the JSON of 200,000 paragraphs (70 MB) would only add time.
    folder = tmp_path / "reports"
    write_good(folder)
    many = hostile.write_many_paragraphs(folder)
    result = run_subprocess("--no-cache", "--format", "text", str(folder), cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    count = hostile.MANY_PARAGRAPHS
    assert f"{many}: {count} paragraphs, {count} sentences, 0 boilerplate" in result.stdout
    for name in GOOD:
        assert f"{name}: {GOOD_PARAGRAPHS[Path(name).stem]} paragraphs" in result.stdout
    assert len(result.stdout.splitlines()) > count
    assert_terminal_safe(result.stdout)


def test_ten_thousand_files_in_one_folder(tmp_path, good_alone):
    folder = tmp_path / "reports"
    write_good(folder)
    hostile.write_many_files(folder)
    bad = [hostile.write_empty(folder), hostile.write_nul_bytes(folder)]
    result, data = analyse_heavy(tmp_path, str(folder))
    assert result.returncode == 1
    assert sorted(error_lines(result.stderr)) == sorted(
        [error_line(bad[0], "empty file"), error_line(bad[1], "binary file (NUL bytes)")]
    )
    names = [report["name"] for report in data["reports"]]
    assert len(names) == hostile.MANY_FILES + len(GOOD_PARAGRAPHS)
    assert names == sorted(names)  # a folder is read in sorted order
    assert_good_reports_intact(data, good_alone)
