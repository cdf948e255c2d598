"""Shared pytest fixtures."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Without this every page scroll in a Pilot test waits for the smooth-scroll animation.
os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")


def _textual_environment() -> dict[str, str]:
    return {name: value for name, value in os.environ.items() if name.startswith("TEXTUAL")}


# Textual's environment when a test started (see pytest_runtest_teardown).
_TEXTUAL_BEFORE = pytest.StashKey[dict[str, str]]()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    item.stash[_TEXTUAL_BEFORE] = _textual_environment()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Iterator[None]:
    """Fail a test that leaves a TEXTUAL_* variable changed: the tests after it would
    run under other settings (TEXTUAL_COLOR_SYSTEM=standard once leaked this way).
    Checked once every fixture is torn down, and so every monkeypatch undone."""
    result = yield
    before, after = item.stash.get(_TEXTUAL_BEFORE, None), _textual_environment()
    if before is not None and after != before:
        changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
        pytest.fail(f"the test left Textual's environment changed: {', '.join(changed)}")
    return result


# ---------------------------------------------------------------------------
# Ingest / CLI fixtures: the repository, the seed reports and their gold facts.
# ---------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
GOLD_FILE = SHARED / "gold" / "seeds.toml"


@pytest.fixture(scope="session")
def gold() -> dict[str, Any]:
    """The analyst's gold facts about the seed reports (skips when ../shared is absent)."""
    if not GOLD_FILE.is_file():
        pytest.skip(f"gold file not available: {GOLD_FILE}")
    with GOLD_FILE.open("rb") as handle:
        return tomllib.load(handle)


@pytest.fixture(scope="session")
def seeds_corpus():
    """The bundled seed reports, ingested from disk exactly as the CLI does."""
    from tui import analyze

    return analyze([SEEDS])


# ---------------------------------------------------------------------------
# Reader fixtures
# ---------------------------------------------------------------------------


@pytest.fixture
def held_analysis(monkeypatch: pytest.MonkeyPatch):
    """Hold the reader's analysis worker until the returned event is set."""
    import threading

    import tui.pipeline.build

    release = threading.Event()
    real = tui.pipeline.build.analysis_stages

    def held(*args, **kwargs):
        release.wait(10)
        yield from real(*args, **kwargs)

    monkeypatch.setattr(tui.pipeline.build, "analysis_stages", held)
    yield release
    release.set()


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Saved corrections and the analysis cache go to fresh folders: a user's own never
    reach a test, and no test writes to them."""
    folder = tmp_path / "data"
    monkeypatch.setenv("NEWSPRISM_DATA_DIR", str(folder))
    monkeypatch.setenv("NEWSPRISM_CACHE_DIR", str(tmp_path / "cache"))
    return folder


@pytest.fixture
def seeds_app():
    """The reader on the bundled seeds."""
    from tui.app.app import NewsprismApp
    from tui.resources import seeds_dir

    return NewsprismApp([str(seeds_dir())])


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's settings (the chosen theme) go to a fresh folder: a user's own never
    reach a test, and no test writes to them."""
    folder = tmp_path / "config"
    monkeypatch.setenv("NEWSPRISM_CONFIG_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests start the reader through `tui.cli.main` with its `run` replaced: they have
    no terminal, and need none (tests/unit/test_cli.py checks the real check)."""
    import tui.cli.reader

    monkeypatch.setattr(tui.cli.reader, "terminal_missing", lambda: False)


@pytest.fixture
def start_server(tmp_path: Path) -> Iterator[Any]:
    """`start_server(argv, port)`: a `newsprism serve` process (tests/unit/harness.py's
    `Running`) once it listens on `port`; killed afterwards."""
    from tests.unit.harness import Running

    started: list[Running] = []

    def start(argv: list[str], port: int) -> Running:
        running = Running(argv, tmp_path)
        started.append(running)
        running.wait_for_port(port)
        return running

    try:
        yield start
    finally:
        for running in started:
            running.kill()


@pytest.fixture
def site() -> Iterator[Any]:
    """A local web site (`tests.web_site.Site`) and its address: pages, feeds, errors."""
    from tests.web_site import serving

    with serving() as served:
        yield served
