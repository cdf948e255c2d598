"""Fixtures of the end-to-end tests (the harness itself is harness.py)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

import pytest

from tests.e2e.harness import (
    CHROMIUM,
    HEIGHT,
    WIDTH,
    Terminal,
    start_chromium,
    stop_chromium,
)
from tests.unit.harness import find_newsprism


@pytest.fixture
def newsprism_script() -> str:
    """The installed console script (skips when tmux or the script is missing)."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    script = find_newsprism()
    if script is None:
        pytest.skip("the newsprism console script is not installed (pip install -e .)")
    return script


@pytest.fixture
def start_terminal(tmp_path: Path) -> Iterator[Callable[..., Terminal]]:
    """`start_terminal(command, width=..., env=..., record=...)`: a `Terminal` running
    `command`; every tmux server started is killed afterwards."""
    started: list[Terminal] = []

    def start(
        command: Sequence[str],
        *,
        width: int = WIDTH,
        height: int = HEIGHT,
        env: Mapping[str, str] | None = None,
        record: bool = False,
    ) -> Terminal:
        terminal = Terminal(tmp_path)
        started.append(terminal)
        terminal.start(command, width=width, height=height, env=env, record=record)
        return terminal

    try:
        yield start
    finally:
        for terminal in started:
            terminal.close()


@pytest.fixture
def chromium(tmp_path: Path) -> Iterator[int]:
    """Headless Chromium's DevTools port (skips when Debian's chromium is missing)."""
    if not CHROMIUM.is_file():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install -y chromium)")
    process, port = start_chromium(tmp_path)
    try:
        yield port
    finally:
        stop_chromium(process)
