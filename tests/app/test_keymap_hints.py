"""Keys moved in `[keys]` (config.toml) are the keys the reader names: in the filter
bar's hints, in its notices and in the palette, whose lines Textual reads as markup."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from textual.content import Content

from tests.app.harness import analysed, notes, pick, screen_lines
from tui.app.app import NewsprismApp
from tui.resources import seeds_dir

MOVED = """[keys]
pick_entities = "E"
next_mention = "ctrl+n"
previous_mention = "ctrl+b"
toggle_match_mode = "A"
clear_filters = "C"
next_fact = "ctrl+f"
previous_report = "left_square_bracket,right_square_bracket"
next_report = "greater_than_sign"
"""


def moved_keys_app(config_dir: Path) -> NewsprismApp:
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "config.toml").write_text(MOVED, encoding="utf-8")
    return NewsprismApp([str(seeds_dir())])


async def test_the_filter_bar_and_notices_name_the_moved_keys(config_dir: Path) -> None:
    app = moved_keys_app(config_dir)
    async with app.run_test(size=(120, 35)) as pilot:
        corpus = await analysed(pilot)
        await pilot.press("C")
        assert notes(app)[-1] == "No filter to clear: E, s or t filters the panes"
        await pilot.press("ctrl+n")
        assert notes(app)[-1] == "No entity filter: press E to pick entities"
        await pick(pilot, "E", corpus.entities[0].name)
        assert app.reader.state.entity_filter.active
        shown = "\n".join(screen_lines(app))
        assert "^n ^b mentions  A any/all  C clear" in shown
        assert ". , mentions" not in shown
        await pilot.press("C", "u")
        await pilot.pause()
        assert "^f N facts  u view" in "\n".join(screen_lines(app))


async def test_palette_lines_are_never_markup(
    config_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual reads a palette line's title and text as markup: `[` and `]` on one
    action end its line as "[, ]", and brackets in a description stay as written."""
    import tui.app.actions

    bracketed = [
        replace(a, description=f"[i]{a.description}[/i]", palette=f"[b]{a.palette}")
        if a.id == "report_list"
        else a
        for a in tui.app.actions.ACTIONS
    ]
    monkeypatch.setattr(tui.app.actions, "ACTIONS", tuple(bracketed))
    app = moved_keys_app(config_dir)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        commands = {
            Content.from_markup(c.title).plain: Content.from_markup(c.help).plain
            for c in app.get_system_commands(app.reader)
        }
        assert commands["Previous report"].endswith(" · [, ]")
        assert commands["Next report"].endswith(" · >")
        assert commands["[i]Report list[/i]"].startswith("[b]Every report")
