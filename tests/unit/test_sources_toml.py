"""`sources.toml`: the README's example means what it says, and what the loader cannot
use is said in one warning line each, by `analyze`, `export` and the reader alike."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from tests.unit.harness import ROOT, run
from tui import analyze
from tui.model import Corpus
from tui.pipeline.cache import AnalysisCache


def readme_sources_example() -> str:
    """The `sources.toml` example of the README's "What goes in" section."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### What goes in", 1)[1].split("\n## ", 1)[0]
    (block,) = re.findall(r"```toml\n(.*?)```", section, re.S)
    return block


def intended_outlets(example: str) -> dict[str, str]:
    """The outlet each file gets, read the way a person reads the example: a `["file"]`
    heading and its `source = ...` line, or a `"file" = "Outlet"` line."""
    outlets: dict[str, str] = {}
    table: str | None = None
    for line in example.splitlines():
        line = line.split("#", 1)[0].strip()
        if heading := re.fullmatch(r'\["(.+)"\]', line):
            table = heading.group(1)
        elif (source := re.fullmatch(r'source\s*=\s*"(.*)"', line)) and table:
            outlets[table] = source.group(1)
        elif short := re.fullmatch(r'"(.+)"\s*=\s*"(.*)"', line):
            outlets[short.group(1)] = short.group(2)
    return outlets


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def sources(corpus: Corpus) -> dict[str, str]:
    return {Path(r.path or r.name).name: r.outlet for r in corpus.reports}


def test_readme_example_gives_each_file_its_outlet(tmp_path):
    example = readme_sources_example()
    tomllib.loads(example)  # valid TOML
    outlets = intended_outlets(example)
    assert len(outlets) >= 2, "the example shows a table and the short form"
    folder = write(tmp_path, {name: "A short report.\n" for name in outlets})
    (folder / "sources.toml").write_text(example, encoding="utf-8")
    corpus = analyze([folder])
    assert (corpus.errors, corpus.warnings) == ((), ())
    assert sources(corpus) == outlets


def test_file_name_inside_another_files_table_is_warned(tmp_path):
    # The pitfall the README used to show: after a table, a short form is that table's key.
    folder = write(tmp_path, {"a.txt": "Report a.\n", "b.txt": "Report b.\n"})
    (folder / "sources.toml").write_text(
        '["a.txt"]\nsource = "Outlet A"\n\n"b.txt" = "Outlet B"\n', encoding="utf-8"
    )
    corpus = analyze([folder])
    assert sources(corpus) == {"a.txt": "Outlet A", "b.txt": "unknown outlet (b)"}
    (warning,) = corpus.warnings
    assert warning.startswith(f"{folder / 'sources.toml'}: ")
    assert '"b.txt"' in warning and '"a.txt"' in warning
    assert "before the first [table]" in warning
    assert corpus.errors == ()


def test_unknown_key_is_warned(tmp_path):
    folder = write(tmp_path, {"a.txt": "Report a.\n"})
    (folder / "sources.toml").write_text(
        '["a.txt"]\nsorce = "Outlet A"\ntitle = "Title A"\n', encoding="utf-8"
    )
    corpus = analyze([folder])
    (report,) = corpus.reports
    assert (report.outlet, report.title) == ("unknown outlet (a)", "Title A")
    (warning,) = corpus.warnings
    assert 'unknown key "sorce"' in warning and '"a.txt"' in warning
    assert "source, title, date, url" in warning


def test_entry_naming_no_file_is_warned(tmp_path):
    folder = write(tmp_path, {"a.txt": "Report a.\n", "b.txt": "Report b.\n"})
    (folder / "sources.toml").write_text(
        '"a.txt" = "Outlet A"\n"b" = "Outlet B"\n"c.txt" = "Outlet C"\n'
        '"d.text" = { source = "Outlet D" }\n',
        encoding="utf-8",
    )
    corpus = analyze([folder])
    assert sources(corpus) == {"a.txt": "Outlet A", "b.txt": "Outlet B"}
    warnings = tuple(
        f'{folder / "sources.toml"}: "{name}" names no file in its folder'
        for name in ("c.txt", "d.text")
    )
    assert corpus.warnings == warnings
    # Reading only some of the folder's files is no mistake in the table: b is not named.
    assert analyze([folder / "a.txt"]).warnings == warnings


def test_value_that_is_no_outlet_or_table_is_warned(tmp_path):
    folder = write(tmp_path, {"a.txt": "Report a.\n"})
    (folder / "sources.toml").write_text('"a.txt" = 5\n', encoding="utf-8")
    (warning,) = analyze([folder]).warnings
    assert '"a.txt"' in warning and "neither an outlet nor a table" in warning


def test_warning_names_are_made_safe(tmp_path):
    folder = write(tmp_path, {"a.txt": "Report a.\n"})
    (folder / "sources.toml").write_text(
        '"x\\u001b]0;PWNED\\u0007\\ny.txt" = "Outlet"\n', encoding="utf-8"
    )
    (warning,) = analyze([folder]).warnings
    assert "\x1b" not in warning and "\x07" not in warning and "\n" not in warning


def test_warnings_come_back_with_a_cached_corpus(tmp_path):
    folder = write(tmp_path / "reports", {"a.txt": "Report a.\n"})
    (folder / "sources.toml").write_text('"page.html" = "Outlet"\n', encoding="utf-8")
    first = analyze([folder], cache=AnalysisCache(tmp_path / "cache.sqlite3"))
    cache = AnalysisCache(tmp_path / "cache.sqlite3")
    again = analyze([folder], cache=cache)
    assert cache.hits and again.warnings == first.warnings != ()
    # A file added under the entry's name answers the warning, cached corpus or not,
    # though it is no report (the reports and sources.toml are unchanged).
    (folder / "page.html").write_text("<p>A page.</p>\n", encoding="utf-8")
    assert analyze([folder], cache=AnalysisCache(tmp_path / "cache.sqlite3")).warnings == ()


@pytest.mark.parametrize("command", ["analyze", "export"])
def test_cli_prints_each_warning_on_one_line(capsys, tmp_path, command):
    folder = write(tmp_path, {"a.txt": "Report a.\n"})
    (folder / "sources.toml").write_text(
        '["a.txt"]\nsorce = "Outlet A"\n\n"b.txt" = "Outlet B"\n', encoding="utf-8"
    )
    args = [command, str(folder), "--no-cache"]
    if command == "export":
        args += ["--what", "paragraphs"]
    code, out, err = run(capsys, *args)
    assert code == 0, err  # a warning is not an error: the reports were read
    assert out
    lines = err.splitlines()
    assert len(lines) == 2
    assert all(line.startswith("newsprism: warning: ") for line in lines)
    assert '"sorce"' in lines[0] and '"b.txt"' in lines[1]
