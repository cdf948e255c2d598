"""The command palette: every reader command runs the action its key runs.

The list is checked once, directly (the commands' callbacks, called with the reader's
actions recorded); one Pilot test runs commands end to end through the real palette.
The commands come from the action registry (tui/app/actions.py): one wording per
action, the same as help's, and the keys in force at the end of each line.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.actions import parse
from textual.app import App

import tui.app.app
from tests.app.harness import analysed, by_id, run_command
from tui.app.actions import palette_actions
from tui.app.app import NewsprismApp
from tui.app.screens.entity_picker import EntityPicker
from tui.app.screens.fact_matrix import FactMatrix
from tui.app.screens.reader import ReaderScreen
from tui.resources import seeds_dir

Call = tuple[str, tuple[object, ...]]

# Reader keys with no palette entry: moving between panes and paragraphs, and quitting
# (the palette has Textual's own "Quit"); on the seeds (one story) the story list, whose
# key is off there (tests/app/test_story_list.py has its command with stories).
KEY_ONLY = {
    ("switch_pane", (1,)),
    ("switch_pane", (-1,)),
    ("app.quit", ()),
    ("story_list", ()),
}
# Palette entries with no key of the reader's own.
PALETTE_ONLY = {("pick_sensitivity", ()), ("pick_theme", ())}


def reader_key_actions() -> set[Call]:
    """The actions of the reader's own key bindings, as (name, arguments)."""
    found = set()
    for binding in ReaderScreen.BINDINGS:
        assert not isinstance(binding, tuple)
        namespace, name, arguments = parse(binding.action)
        found.add((f"{namespace}.{name}" if namespace else name, tuple(arguments)))
    return found


def palette_calls(app: NewsprismApp, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, Call]]:
    """(title, the one action it runs) for each palette command newsprism adds on the
    reader, in the palette's order. Every reader action is recorded, not run."""
    calls: list[Call] = []

    def recorder(name: str) -> Callable[..., None]:
        return lambda *arguments: calls.append((name, arguments))

    reader = app.reader
    for attribute in dir(ReaderScreen):
        if attribute.startswith("action_"):
            monkeypatch.setattr(reader, attribute, recorder(attribute.removeprefix("action_")))
    monkeypatch.setattr(app, "action_help", recorder("app.help"))
    monkeypatch.setattr(tui.app.app, "pick_theme", lambda _app: calls.append(("pick_theme", ())))
    textual_own = {(c.title, c.help) for c in App.get_system_commands(app, reader)}
    found: list[tuple[str, Call]] = []
    for command in app.get_system_commands(reader):
        if (command.title, command.help) in textual_own:
            continue  # Quit, Screenshot, …
        before = len(calls)
        command.callback()
        assert len(calls) == before + 1, f"{command.title!r} ran {calls[before:]}"
        found.append((command.title, calls[-1]))
    return found


async def test_every_palette_command_runs_the_action_of_a_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = NewsprismApp([str(seeds_dir())])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        found = palette_calls(app, monkeypatch)
    titles = [title for title, _ in found]
    assert len(titles) == len(set(titles)), "two palette commands share a title"
    actions = [call for _, call in found]
    assert len(actions) == len(set(actions)), "two palette commands run the same action"
    keys = reader_key_actions()
    # Each command runs what a key runs (the same action, the same arguments), and
    # every key but moving between panes and quitting has its command.
    assert set(actions) - keys == PALETTE_ONLY
    assert keys - set(actions) == KEY_ONLY


async def test_palette_commands_run_end_to_end() -> None:
    """Typed into the real palette: a command that opens a screen, one that opens a
    picker whose choice filters the panes, and one that clears the filter."""
    app = NewsprismApp([str(seeds_dir())])
    async with app.run_test(size=(80, 24)) as pilot:
        corpus = await analysed(pilot)
        await run_command(pilot, "fact matrix")
        assert isinstance(app.screen, FactMatrix)
        await pilot.press("escape")
        await run_command(pilot, "filter by entity")
        assert isinstance(app.screen, EntityPicker)
        await pilot.press(*corpus.entities[0].name, "enter")
        await pilot.pause()
        assert app.reader.state.entity_filter.active
        await run_command(pilot, "clear filters")
        assert not app.reader.state.entity_filter.active


async def test_one_wording_per_action_and_none_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    """The palette's titles are help's descriptions; Textual's "Keys" and "Theme" give
    way to our help and theme picker, so no title is offered twice, on any screen."""
    app = NewsprismApp([str(seeds_dir())])
    async with app.run_test(size=(80, 24)) as pilot:
        await analysed(pilot)
        analysis = app.reader.state.analysis
        assert analysis is not None
        for screen in (app.reader, FactMatrix(analysis.corpus, analysis.facts)):
            titles = [str(command.title) for command in app.get_system_commands(screen)]
            assert len(titles) == len(set(titles)), titles
            assert "Keys" not in titles and "Theme" not in titles
            assert "Help" in titles and "Theme…" in titles
            # The reader's commands on the reader only.
            assert (by_id("next_fact").description in titles) == (screen is app.reader)
        found = palette_calls(app, monkeypatch)
    assert [title for title, _ in found] == [
        action.description for action in palette_actions("reader") if action.id != "story_list"
    ]


async def test_each_line_ends_with_the_keys_in_force(config_dir: Path) -> None:
    """The palette says the keys that do what a command does: the user's, once moved."""
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "config.toml").write_text(
        '[keys]\nnext_fact = "ctrl+n"\nhelp_anywhere = "f2"\n', encoding="utf-8"
    )
    app = NewsprismApp([str(seeds_dir())])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = {str(c.title): str(c.help) for c in app.get_system_commands(app.reader)}
        assert lines["Next shared fact"].endswith(" · ^n")
        assert lines["Previous shared fact"].endswith(" · N")
        assert lines["Help"].endswith(" · ?, f2")
        assert lines["Fact sensitivity…"] == by_id("pick_sensitivity").palette  # no key
