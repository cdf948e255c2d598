"""Low-bandwidth mode: over SSH or with --low-bandwidth, fewer frames and 16 colours."""

from __future__ import annotations

import os

import pytest

from tests.app_helpers import analysed
from tui.app.app import NewsprismApp
from tui.cli import LOW_BANDWIDTH_ENVIRONMENT, low_bandwidth_wanted, main
from tui.resources import seeds_dir


@pytest.mark.parametrize(
    ("flag", "environ", "expected"),
    [
        (False, {}, False),
        (True, {}, True),
        (False, {"SSH_CONNECTION": "10.0.0.1 5000 10.0.0.2 22"}, True),
        (False, {"SSH_TTY": "/dev/pts/3"}, True),
        (False, {"SSH_CONNECTION": ""}, False),
    ],
)
def test_when_low_bandwidth_applies(flag: bool, environ: dict[str, str], expected: bool) -> None:
    assert low_bandwidth_wanted(flag, environ) is expected


def test_reader_sets_textual_up_for_a_slow_link(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in LOW_BANDWIDTH_ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TEXTUAL_FPS", "5")  # what the user set is kept
    started: list[NewsprismApp] = []
    monkeypatch.setattr(NewsprismApp, "run", lambda self: started.append(self))
    main(["--low-bandwidth", str(seeds_dir())])
    assert started and started[0].low_bandwidth
    assert os.environ["TEXTUAL_ANIMATIONS"] == "none"
    assert os.environ["TEXTUAL_COLOR_SYSTEM"] == "standard"
    assert os.environ["TEXTUAL_FPS"] == "5"


def test_reader_without_the_flag_leaves_textual_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SSH_CONNECTION", raising=False)
    monkeypatch.delenv("SSH_TTY", raising=False)
    monkeypatch.delenv("TEXTUAL_COLOR_SYSTEM", raising=False)
    started: list[NewsprismApp] = []
    monkeypatch.setattr(NewsprismApp, "run", lambda self: started.append(self))
    main([str(seeds_dir())])
    assert not started[0].low_bandwidth
    assert "TEXTUAL_COLOR_SYSTEM" not in os.environ


async def test_low_bandwidth_reader_uses_the_terminal_palette() -> None:
    app = NewsprismApp([str(seeds_dir())], low_bandwidth=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await analysed(pilot)
        assert app.theme == "newsprism-ansi"
        assert app.animation_level == "none"
        await pilot.press("j", "tab", "G")
        assert app.reader.pane(1).cursor > 0
        shown = "\n".join(app.reader.pane(1).render_line(y).text for y in range(22))
        assert "Deraa" in shown
