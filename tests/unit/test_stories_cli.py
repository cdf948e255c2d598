"""`newsprism stories`, `export --story` and `--one-story`: output, errors, exit codes."""

from __future__ import annotations

import json
import re
import shlex
import unicodedata
from pathlib import Path

import pytest

from tests.unit.harness import EVENT_REPORTS, event_text, run, write_event_reports
from tui.cli.reader import reader_parser
from tui.cli.serve import reader_command
from tui.cli.stories import TEXT_COLUMNS, fitted


def error_lines(err: str) -> list[str]:
    lines = err.splitlines()
    assert all(line.startswith("newsprism: ") for line in lines), err
    return lines


def columns(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


@pytest.fixture
def news(tmp_path: Path) -> Path:
    """Five reports of three events: s1 Chile (r1, r2), s2 the Oscars (r4, r5), s3 the
    Dhaka floods (r3)."""
    return write_event_reports(tmp_path / "news")


def analysed_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    code, out, err = run(capsys, "analyze", *args)
    assert (code, err) == (0, "")
    return json.loads(out)


# ---------------------------------------------------------------- newsprism stories


def test_stories_text_lists_each_story_with_its_reports(capsys, news):
    code, out, err = run(capsys, "stories", str(news))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[-1] == "3 stories · 5 reports"
    assert all(columns(line) <= TEXT_COLUMNS for line in lines)
    # Every line but the blank ones and the count starts with its story's id.
    body = [line for line in lines[:-1] if line]
    assert all(re.match(r"s\d+ ", line) for line in body)
    s1 = [line for line in body if line.startswith("s1 ")]
    # The title is one of its reports'.
    assert s1[0].removeprefix("s1  ") in {
        EVENT_REPORTS[f"chile-{o}.txt"][1] for o in ("ap", "reuters")
    }
    assert s1[1] == "s1    2 reports · 2024-03-04 to 2024-03-05 · AP; Reuters"
    assert s1[2:] == ["s1    r1    AP · chile-ap", "s1    r2    Reuters · chile-reuters"]
    s3 = [line for line in body if line.startswith("s3 ")]
    assert s3 == [
        "s3  Floods in Dhaka displace thousands",
        "s3    1 report · 2024-03-06 · The Guardian",
        "s3    r3    The Guardian · floods-guardian",
    ]


def test_stories_json_is_analyze_json_stories_with_report_names(capsys, news):
    code, out, err = run(capsys, "stories", str(news), "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert set(data) == {"schema", "stories"} and data["schema"] == 1
    analysed = analysed_json(capsys, str(news))
    names = {r["id"]: r["name"] for r in analysed["reports"]}
    assert [{k: v for k, v in s.items() if k != "report_names"} for s in data["stories"]] == (
        analysed["stories"]
    )
    for story in data["stories"]:
        assert story["report_names"] == [names[r] for r in story["reports"]]
    assert data["stories"][1]["report_names"] == ["oscars-bbc", "oscars-variety"]


def test_stories_output_file_and_nothing_read(capsys, news, tmp_path):
    target = tmp_path / "stories.json"
    code, out, _ = run(capsys, "stories", str(news), "--format", "json", "-o", str(target))
    assert (code, out) == (0, "")
    assert len(json.loads(target.read_text(encoding="utf-8"))["stories"]) == 3
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    code, out, err = run(capsys, "stories", str(empty), "-o", str(target))
    assert (code, out) == (1, "") and len(error_lines(err)) == 1
    assert len(json.loads(target.read_text(encoding="utf-8"))["stories"]) == 3  # kept


def test_stories_text_is_safe_and_fits(capsys, tmp_path):
    hostile = (
        "---\nsource: Evil\x1b]52;c;cHduZWQ=\x07 News\ntitle: Quake\x1b[2J hits "
        + "北京 " * 40
        + "\n---\nA strong earthquake struck near Beijing on Monday, officials said.\n"
    )
    (tmp_path / "evil.txt").write_text(hostile, encoding="utf-8")
    (tmp_path / "other.txt").write_text(event_text("oscars-bbc.txt"), encoding="utf-8")
    code, out, _ = run(capsys, "stories", str(tmp_path))
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out
    assert all(columns(line) <= TEXT_COLUMNS for line in out.splitlines())
    assert "…" in out  # the long title was cut


def test_fitted_cuts_at_columns_not_characters():
    assert fitted("abc", 3) == "abc"
    assert fitted("abcdef", 4) == "abc…"
    assert fitted("北京北京", 5) == "北京…"
    assert columns(fitted("北" * 60)) <= TEXT_COLUMNS


def test_stories_needs_no_threshold_and_refuses_unknown_options(capsys, news):
    code, _, err = run(capsys, "stories", str(news), "--threshold", "0.5")
    assert code == 2 and "unrecognized arguments" in err


# ---------------------------------------------------------------- export --story


def test_export_story_holds_only_that_story(capsys, news):
    code, out, err = run(
        capsys, "export", str(news), "--story", "s2", "--what", "paragraphs", "--format", "json"
    )
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert [r["id"] for r in data["reports"]] == ["r4", "r5"]
    assert {p["report"] for p in data["paragraphs"]} == {"r4", "r5"}

    _, out, _ = run(
        capsys, "export", str(news), "--story", "s2", "--what", "facts", "--format", "json"
    )
    facts = json.loads(out)["facts"]
    assert facts and all(set(f["reports"]) <= {"r4", "r5"} for f in facts)

    _, out, _ = run(
        capsys, "export", str(news), "--story", "S2", "--what", "entities", "--format", "json"
    )
    entities = json.loads(out)["entities"]
    names = {e["name"] for e in entities}
    assert "Ellen DeGeneres" in names and not names & {"Chile", "Iquique", "Dhaka"}
    for entity in entities:
        assert set(entity["reports"]) <= {"r4", "r5"}
        assert entity["mentions"] == len(entity["occurrences"])


def test_export_story_with_a_filter_resolves_names_in_the_story(capsys, news):
    code, out, _ = run(
        capsys, "export", str(news), "--story", "s1", "--what", "paragraphs",
        "--entity", "Iquique", "--format", "json",
    )  # fmt: skip
    assert code == 0
    assert {p["report"] for p in json.loads(out)["paragraphs"]} == {"r1", "r2"}
    code, out, err = run(
        capsys,
        "export",
        str(news),
        "--story",
        "s1",
        "--what",
        "paragraphs",
        "--entity",
        "DeGeneres",
    )
    assert (code, out) == (2, "") and len(error_lines(err)) == 1


@pytest.mark.parametrize("story", ["s9", "x", "\x1b[31ms1"])
def test_an_unknown_story_is_a_usage_error_naming_the_known_ones(capsys, news, tmp_path, story):
    kept = tmp_path / "out.md"
    kept.write_text("earlier", encoding="utf-8")
    code, out, err = run(
        capsys, "export", str(news), "--story", story, "--what", "facts", "-o", str(kept)
    )
    assert (code, out) == (2, "")
    (line,) = error_lines(err)
    assert "no such story; the stories are s1, s2 and s3" in line
    assert "\x1b" not in line
    assert kept.read_text(encoding="utf-8") == "earlier"


def test_unknown_story_names_a_range_when_there_are_many():
    from tui.cli.export import unknown_story
    from tui.model.corpus import Corpus
    from tui.model.stories import Story

    stories = tuple(Story(f"s{n}", (f"r{n}",), "", ()) for n in range(1, 87))
    assert "the stories are s1 to s86 (" in unknown_story(Corpus((), stories=stories), "s99")
    few = Corpus((), stories=stories[:2])
    assert "the stories are s1 and s2 (" in unknown_story(few, "s99")


# ---------------------------------------------------------------- --one-story


def test_one_story_on_every_analysing_command(capsys, news):
    code, out, _ = run(capsys, "stories", str(news), "--one-story")
    assert code == 0 and out.splitlines()[-1] == "1 story · 5 reports"
    data = analysed_json(capsys, str(news), "--one-story")
    assert [s["reports"] for s in data["stories"]] == [[f"r{n}" for n in range(1, 6)]]
    assert {r["story"] for r in data["reports"]} == {"s1"}
    code, out, _ = run(
        capsys, "export", str(news), "--one-story", "--story", "s1", "--what", "entities",
        "--format", "json",
    )  # fmt: skip
    assert code == 0 and len(json.loads(out)["reports"]) == len(EVENT_REPORTS)


def test_one_story_reaches_the_reader_and_serve(capsys, news, monkeypatch):
    from tui.app.app import NewsprismApp

    started: list[NewsprismApp] = []
    monkeypatch.setattr(NewsprismApp, "run", lambda self, *a, **k: started.append(self))
    run(capsys, str(news), "--one-story")
    run(capsys, str(news))
    assert [app.one_story for app in started] == [True, False]
    argv = shlex.split(reader_command([str(news)], one_story=True))
    assert reader_parser().parse_args(argv[3:]).one_story


def test_help_lists_the_stories_command_and_the_options(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "newsprism stories --help" in out and "--one-story" in out
    code, out, _ = run(capsys, "stories", "--help")
    assert code == 0
    for option in ("--format", "--one-story", "-o FILE", "-r"):
        assert option in out
    code, out, _ = run(capsys, "export", "--help")
    assert code == 0 and "--story ID" in out
