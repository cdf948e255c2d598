"""Low-bandwidth mode: over SSH or with --low-bandwidth, fewer frames and 16 colours."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.app.harness import analysed
from tui.app.app import NewsprismApp
from tui.cli import main
from tui.cli.reader import LOW_BANDWIDTH_ENVIRONMENT, low_bandwidth_wanted
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


def textual_environment() -> dict[str, str]:
    return {name: value for name, value in os.environ.items() if name.startswith("TEXTUAL")}


def test_reader_leaves_the_environment_as_it_found_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Low-bandwidth mode's settings are for Textual's import, not for the rest of the
    process (nor the programs it starts, nor the tests after this one)."""
    for name in LOW_BANDWIDTH_ENVIRONMENT:
        # Set, then removed: monkeypatch then restores the name even if it leaks.
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    monkeypatch.setenv("TEXTUAL_FPS", "5")  # what the user set is kept
    before = textual_environment()
    started: list[NewsprismApp] = []
    monkeypatch.setattr(NewsprismApp, "run", lambda self: started.append(self))
    main(["--low-bandwidth", str(seeds_dir())])
    assert started and started[0].low_bandwidth
    assert textual_environment() == before


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "standard 20 none"),
        # What the user set is kept.
        ({"TEXTUAL_FPS": "5", "TEXTUAL_COLOR_SYSTEM": "truecolor"}, "truecolor 5 none"),
    ],
)
def test_low_bandwidth_settings_reach_textual_when_it_is_imported(
    environ: dict[str, str], expected: str
) -> None:
    """Textual reads its settings once, when it is imported: in a fresh interpreter the
    reader's import sees them, and the environment is restored afterwards."""
    code = (
        "import os, sys\n"
        "from tui.cli.reader import low_bandwidth_environment\n"
        "assert 'textual' not in sys.modules\n"
        "before = dict(os.environ)\n"
        "with low_bandwidth_environment(True):\n"
        "    import tui.app.app\n"
        "from textual import constants as c\n"
        "assert dict(os.environ) == before\n"
        "print(c.COLOR_SYSTEM, c.MAX_FPS, c.TEXTUAL_ANIMATIONS)\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")} | environ
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == expected.split()


def test_reader_without_the_flag_leaves_textual_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SSH_CONNECTION", raising=False)
    monkeypatch.delenv("SSH_TTY", raising=False)
    monkeypatch.setenv("TEXTUAL_COLOR_SYSTEM", "")
    monkeypatch.delenv("TEXTUAL_COLOR_SYSTEM")
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
