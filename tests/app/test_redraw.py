"""The one redraw (`ReaderBase.set_state`) does only the work a change needs: a toggle
(`T`, `U`, `f`) keeps the paragraphs the filters keep and the chosen entities' names,
the status line is worked out only when what it shows changed, and a pane is focused
once per key."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

import tui.app.screens.reader.base as base
from tests.app.harness import analysed, pick
from tui.app.app import NewsprismApp
from tui.app.screens.reader import ReaderScreen


def counted(calls: Counter[str], name: str, real: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls[name] += 1
        return real(*args, **kwargs)

    return wrapper


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    found: Counter[str] = Counter()
    for name in ("view_of", "describe_entities", "filter_view", "status_line"):
        monkeypatch.setattr(base, name, counted(found, name, getattr(base, name)))
    draw_focus = ReaderScreen._draw_focus
    monkeypatch.setattr(ReaderScreen, "_draw_focus", counted(found, "focus", draw_focus))
    return found


async def test_toggles_redraw_marks_only(seeds_app: NewsprismApp, calls: Counter[str]) -> None:
    async with seeds_app.run_test(size=(120, 35)) as pilot:
        corpus = await analysed(pilot)
        await pick(pilot, "e", corpus.entities[0].name)
        reader = seeds_app.reader
        assert reader.state.entity_filter.active
        calls.clear()
        for key in ("T", "U", "f"):
            await pilot.press(key)
            await pilot.pause()
        assert (reader.state.show_tags, reader.state.show_unique, reader.state.follow) == (
            False,
            True,
            True,
        )
        assert calls["view_of"] == calls["filter_view"] == calls["describe_entities"] == 0
        assert calls["status_line"] == 0
        await pilot.press("c")  # the filter changes: the kept paragraphs are made again
        await pilot.pause()
        assert calls["view_of"] == 1


async def test_a_pane_is_focused_once_per_key(seeds_app: NewsprismApp, calls: Counter[str]) -> None:
    async with seeds_app.run_test(size=(120, 35)) as pilot:
        await analysed(pilot)
        calls.clear()
        await pilot.press("tab")
        await pilot.pause()
        assert seeds_app.reader.state.focused == 1
        assert calls["focus"] == 1
