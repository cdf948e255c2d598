"""SVG snapshots of the reader on the seeds (update with `pytest --snapshot-update`)."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from tui.app.app import NewsprismApp
from tui.app.screens.story_list import StoryList
from tui.resources import seeds_dir


async def _loaded(pilot: Pilot) -> None:
    """Wait for loading and the entity analysis (the status bar shows both)."""
    app = pilot.app
    assert isinstance(app, NewsprismApp)
    for _ in range(500):
        await pilot.pause(0.01)
        if not app.reader.state.reading and app.corpus is not None and not app.analysis_running:
            break
    await pilot.pause()


def test_seeds_80x24(snap_compare) -> None:
    assert snap_compare(
        NewsprismApp([str(seeds_dir())]), terminal_size=(80, 24), run_before=_loaded
    )


def test_seeds_160x45_second_pane_focused(snap_compare) -> None:
    async def run_before(pilot: Pilot) -> None:
        await _loaded(pilot)
        await pilot.press("tab", "j", "j")

    assert snap_compare(
        NewsprismApp([str(seeds_dir())]), terminal_size=(160, 45), run_before=run_before
    )


def test_help_screen_80x24(snap_compare) -> None:
    async def run_before(pilot: Pilot) -> None:
        await _loaded(pilot)
        await pilot.press("question_mark")

    assert snap_compare(
        NewsprismApp([str(seeds_dir())]), terminal_size=(80, 24), run_before=run_before
    )


def test_filtered_by_entity_80x24(snap_compare) -> None:
    """Filtered by Hezbollah: marked mentions, the filter bar, an empty right pane."""

    async def run_before(pilot: Pilot) -> None:
        await _loaded(pilot)
        await pilot.press("e", *"hezbollah", "enter")
        await pilot.pause()

    assert snap_compare(
        NewsprismApp([str(seeds_dir())]), terminal_size=(80, 24), run_before=run_before
    )


def test_entity_picker_80x24(snap_compare) -> None:
    async def run_before(pilot: Pilot) -> None:
        await _loaded(pilot)
        await pilot.press("e", *"sed")
        pilot.app.screen.query_one(Input).cursor_blink = False
        await pilot.pause()

    assert snap_compare(
        NewsprismApp([str(seeds_dir())]), terminal_size=(80, 24), run_before=run_before
    )


def test_fact_highlights_and_counterpart_120x35(snap_compare) -> None:
    """Fact sentences coloured and numbered alike in both panes; enter on the second fact
    paragraph marks its counterpart in the right pane."""

    async def run_before(pilot: Pilot) -> None:
        await _loaded(pilot)
        await pilot.press("n", "n", "enter")
        await pilot.pause()

    assert snap_compare(
        NewsprismApp([str(seeds_dir())]), terminal_size=(120, 35), run_before=run_before
    )


def test_shared_facts_view_with_follow_80x24(snap_compare) -> None:
    """Only paragraphs with shared facts, follow mode on, unique sentences marked."""

    async def run_before(pilot: Pilot) -> None:
        await _loaded(pilot)
        await pilot.press("u", "f", "U", "j")
        await pilot.pause()

    assert snap_compare(
        NewsprismApp([str(seeds_dir())]), terminal_size=(80, 24), run_before=run_before
    )


def test_fact_matrix_80x24(snap_compare) -> None:
    async def run_before(pilot: Pilot) -> None:
        await _loaded(pilot)
        await pilot.press("m")
        await pilot.pause()

    assert snap_compare(
        NewsprismApp([str(seeds_dir())]), terminal_size=(80, 24), run_before=run_before
    )


def test_filtered_by_source_80x24(snap_compare) -> None:
    """Filtered by the cited source Reuters: the filter bar, Reuters bold in the tags."""

    async def run_before(pilot: Pilot) -> None:
        await _loaded(pilot)
        await pilot.press("s", *"reuters", "enter")
        await pilot.pause()

    assert snap_compare(
        NewsprismApp([str(seeds_dir())]), terminal_size=(80, 24), run_before=run_before
    )


def test_sources_overview_80x24(snap_compare) -> None:
    """Cited sources by reach; each shared fact's basis (one source or independent)."""

    async def run_before(pilot: Pilot) -> None:
        await _loaded(pilot)
        await pilot.press("o", "tab")
        await pilot.pause()

    assert snap_compare(
        NewsprismApp([str(seeds_dir())]), terminal_size=(80, 24), run_before=run_before
    )


def test_story_list_80x24(snap_compare, tmp_path: Path) -> None:
    """Four generated stories: titles cut to fit, counts, date spans, shared facts, the
    highlighted story whole under the table."""
    from tests.unit.harness import write_story_reports

    async def run_before(pilot: Pilot) -> None:
        app = pilot.app
        assert isinstance(app, NewsprismApp)
        for _ in range(500):
            await pilot.pause(0.01)
            if isinstance(app.screen, StoryList) and app.corpus is not None:
                break
        app.screen.query_one(Input).cursor_blink = False
        await pilot.pause()

    app = NewsprismApp([str(write_story_reports(tmp_path / "coverage"))])
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
