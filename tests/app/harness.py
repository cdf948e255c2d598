"""Helpers shared by the reader's Pilot tests."""

from __future__ import annotations

import inspect
import threading
from typing import Any

import pytest
from rich.segment import Segment
from textual.command import CommandPalette
from textual.pilot import Pilot

from tui.app.actions import ACTIONS, Action
from tui.app.app import NewsprismApp
from tui.app.widgets.report_pane import ReportPane
from tui.model.corpus import Corpus


async def analysed(pilot: Pilot) -> Corpus:
    """Wait until loading and the analysis are done; the reader's corpus."""
    app = pilot.app
    assert isinstance(app, NewsprismApp)
    for _ in range(500):
        await pilot.pause(0.01)
        if app.reader.corpus is not None and not app.analysis_running:
            break
    await pilot.pause()
    assert app.reader.corpus is not None, "the analysis did not finish"
    return app.reader.corpus


def as_one_story(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every report taken as one story, whatever story clustering makes of a test's few
    short reports: for tests of panes and facts across all of them (facts are found
    within a story)."""
    import tui.pipeline.build

    real = tui.pipeline.build.find_stories

    def one_story(*args: Any, **kwargs: Any) -> Any:
        return real(*args, **{**kwargs, "one_story": True})

    monkeypatch.setattr(tui.pipeline.build, "find_stories", one_story)


def hold(monkeypatch: pytest.MonkeyPatch, name: str) -> threading.Event:
    """Hold `tui.pipeline.build.<name>` (a stage of the analysis: a function or a
    generator function) until the returned event is set (or 10 s have passed)."""
    import tui.pipeline.build

    release = threading.Event()
    real = getattr(tui.pipeline.build, name)
    held: Any
    if inspect.isgeneratorfunction(real):

        def held(*args: Any, **kwargs: Any) -> Any:
            release.wait(10)
            yield from real(*args, **kwargs)

    else:

        def held(*args: Any, **kwargs: Any) -> Any:
            release.wait(10)
            return real(*args, **kwargs)

    monkeypatch.setattr(tui.pipeline.build, name, held)
    return release


def binding_rows(app: NewsprismApp) -> list[tuple[str, str]]:
    """(keys, description) for every key help lists on the screen in front."""
    from tui.app.screens.help import key_groups

    return [row for _, rows in key_groups(app.screen) for row in rows]


def by_id(action_id: str) -> Action:
    """The registry's action `action_id`."""
    return next(action for action in ACTIONS if action.id == action_id)


def shown_ids(pane: ReportPane) -> set[str]:
    return {p.id for p in pane.paragraphs}


def pane_text(pane: ReportPane, lines: int = 40) -> str:
    return "\n".join(pane.render_line(y).text for y in range(lines))


def segments(pane: ReportPane, lines: int = 40) -> list[Segment]:
    return [segment for y in range(lines) for segment in pane.render_line(y)]


def notes(app: NewsprismApp) -> list[str]:
    return [n.message for n in app._notifications]


async def run_command(pilot: Pilot, words: str) -> None:
    await pilot.press("ctrl+p")
    assert isinstance(pilot.app.screen, CommandPalette)
    await pilot.press(*words)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()


def assert_clean(text: str) -> None:
    assert not any((ord(ch) < 32 and ch != "\n") or 0x7F <= ord(ch) < 0xA0 for ch in text)
    assert "pwned" not in text


async def analysis_started(pilot: Pilot) -> None:
    """Wait until the analysis worker has started (it may be held by a fixture)."""
    app = pilot.app
    assert isinstance(app, NewsprismApp)
    for _ in range(200):
        await pilot.pause(0.01)
        if app.analysis_running:
            return


async def pick(pilot: Pilot, key: str, *queries: str) -> None:
    """`key` (e, s or t), then search and select each query's best match, then enter."""
    await pilot.press(key)
    for query in queries:
        await pilot.press(*query)
        if len(queries) > 1:
            await pilot.press("down", "space")
    await pilot.press("enter")
    await pilot.pause()


def screen_lines(app: NewsprismApp) -> list[str]:
    """The screen as the terminal shows it, a string a line."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def missing_words(expected: str, shown: list[str]) -> list[str]:
    """The words of `expected` the `shown` lines do not give, each whole and in order:
    [] when all of it is there, wrapped at any space."""
    words = iter(" ".join(shown).split())
    return [word for word in expected.split() if not any(word == w for w in words)]


def footer_keys(app: NewsprismApp) -> dict[str, str]:
    """The keys the footer of the current screen shows, as drawn: {key: description}."""
    from textual.widgets._footer import FooterKey

    return {key.key_display: key.description for key in app.screen.query(FooterKey)}


def footer_line(app: NewsprismApp) -> str:
    """The footer as the terminal shows it: the screen's last line."""
    return screen_lines(app)[-1]
