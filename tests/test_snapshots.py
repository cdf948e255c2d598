"""SVG snapshots of the reader on the seeds (update with `pytest --snapshot-update`)."""

from __future__ import annotations

from textual.pilot import Pilot

from tui.app.app import NewsprismApp
from tui.resources import seeds_dir


async def _loaded(pilot: Pilot) -> None:
    app = pilot.app
    assert isinstance(app, NewsprismApp)
    for _ in range(200):
        await pilot.pause(0.01)
        if not app.reader.loading:
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
