"""Hostile inputs in the reader, under Textual's Pilot: the good files shown, the bad ones
notified, markup and escapes drawn as text, wide characters aligned. What `analyze`
does with them is tested in tests/unit/test_hostile.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len

from tests import hostile
from tests.app.harness import assert_clean, notes
from tests.hostile import (
    CASES,
    write_good,
)
from tui.app.app import NewsprismApp
from tui.app.widgets.report_pane import ReportPane
from tui.textsafe import safe_text


def pane_lines(pane: ReportPane) -> list[str]:
    """What the pane draws, line by line; each line exactly the pane's width in cells."""
    width = pane.scrollable_content_region.width
    lines = []
    for y in range(pane.scrollable_content_region.height):
        strip = pane.render_line(y)
        assert strip.cell_length == width
        assert cell_len(strip.text) == width
        lines.append(strip.text)
    return lines


async def wait_for(pilot, done, what: str, rounds: int = 1000) -> None:
    for _ in range(rounds):
        if done():
            return
        await pilot.pause(0.01)
    raise AssertionError(f"gave up waiting for {what}")


async def test_reader_shows_the_good_files_and_notifies_the_bad_ones(tmp_path):
    folder = tmp_path / "reports"
    readable = write_good(folder)
    bad: list[Path] = []
    for case in CASES:
        path = case.write(folder)
        (readable if case.reason is None else bad).append(path)
    bad.extend(hostile.write_symlink_loops(folder))
    locked = hostile.write_unreadable(folder)
    (bad if hostile.permissions_apply(locked) else readable).append(locked)
    app = NewsprismApp([str(folder)], one_story=True)  # every report, in turn
    try:
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await wait_for(pilot, lambda: not app.reader.state.reading, "loading")
            # One notice per skipped file, each one safe line naming it.
            assert sorted(str(e.path) for e in app.load_errors) == sorted(map(str, bad))
            skipped = [n for n in notes(app) if any(safe_text(str(p)) in n for p in bad)]
            assert len(skipped) == len(bad)
            for note in notes(app):
                assert_clean(note)
                assert "PWNED" not in note and "cHduZWQ" not in note
            await wait_for(pilot, lambda: not app.analysis_running, "the analysis")
            await pilot.pause()
            reader = app.reader
            assert sorted(r.name for r in reader.reports) == sorted(p.stem for p in readable)
            assert app.report_count == len(readable)
            # Every report, drawn from top to bottom in the left pane, is clean text (the
            # right pane closed: `]` passes over a report another pane shows).
            await pilot.press("tab", "P")
            assert reader.pane_count == 1
            pane = reader.pane(0)
            seen = set()
            for _ in range(len(reader.reports)):
                assert pane.report is not None
                seen.add(pane.report.name)
                for key in ("space", "G", "b", "g"):  # b: boilerplate on, off in turn
                    await pilot.press(key)
                    shown = "\n".join(pane_lines(pane))
                    assert_clean(shown)
                    assert "PWNED" not in shown and "cHduZWQ" not in shown
                await pilot.press("right_square_bracket")
            assert seen == {r.name for r in reader.reports}
            # The report list and the help screen draw the names safely too.
            for key in ("r", "escape", "question_mark", "escape", "T", "u", "U"):
                await pilot.press(key)
            assert app.screen is reader
    finally:
        locked.chmod(0o644)
    assert app.return_code in (None, 0)


async def test_markup_and_escapes_are_drawn_as_text(tmp_path):
    paths = [hostile.write_markup(tmp_path), hostile.write_escapes(tmp_path)]
    app = NewsprismApp([str(p) for p in paths])
    async with app.run_test(size=(140, 30)) as pilot:
        await wait_for(
            pilot, lambda: not app.analysis_running and not app.reader.state.reading, "load"
        )
        await pilot.pause()
        # The files in the order given: the markup on the left, the escapes on the right.
        markup = " ".join(line.strip() for line in pane_lines(app.reader.pane(0)))
        for piece in hostile.MARKUP:
            assert piece in markup
        escapes = "\n".join(pane_lines(app.reader.pane(1)))
        assert "click me" in escapes and "confirmed" in escapes
        assert_clean(escapes)
        assert "PWNED" not in escapes and hostile.OSC8_URL not in escapes
    assert app.return_code in (None, 0)


def is_subsequence(needle: str, haystack: str) -> bool:
    chars = iter(haystack)
    return all(ch in chars for ch in needle)


@pytest.mark.parametrize("size", [(80, 60), (81, 60), (50, 60), (33, 80)])
async def test_wide_characters_keep_the_columns_aligned(tmp_path, size):
    wide = hostile.write_wide(tmp_path)
    app = NewsprismApp([str(wide), str(wide)])
    async with app.run_test(size=size) as pilot:
        await wait_for(
            pilot, lambda: not app.analysis_running and not app.reader.state.reading, "load"
        )
        await pilot.pause()
        reader = app.reader
        panes = [reader.pane(i) for i in range(2) if reader.pane(i).region.width]
        assert panes
        for pane in panes:
            lines = pane_lines(pane)
            # Nothing was cut to make a line fit: every character of every paragraph is
            # drawn, in order (wrapping only ever breaks lines).
            drawn = "".join("".join(line.split()) for line in lines)
            wanted = "".join("".join(safe_text(p).split()) for p in hostile.WIDE_PARAGRAPHS)
            assert is_subsequence(wanted, drawn), (pane.id, lines)
        # The two columns side by side, both inside the screen.
        if len(panes) == 2:
            left, right = panes
            assert left.region.right <= right.region.x
            assert right.region.right <= size[0]


async def test_the_reader_closes_when_no_input_holds_a_report(tmp_path: Path) -> None:
    """Files found but none readable (empty, binary): the reader does not stay open on
    nothing; it exits with code 1 and the command line says why, a line per file."""
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "bin.dat"
    binary.write_bytes(b"\x00\x01\x02" * 50)
    app = NewsprismApp([str(empty), str(binary)])
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.return_code is not None, "the reader to close")
    assert app.return_code == 1
    assert sorted(Path(error.path).name for error in app.load_errors) == ["bin.dat", "empty.txt"]
    assert app.report_count == 0
