"""The action registry (tui/app/actions.py) and the user's keymap in the running reader.

The registry is the one source of every screen's and widget's keys: these tests fail
on a binding declared by hand, an action id the README does not list, a default key
two actions share, and a keymap that does not reach the keys, the footer, help or the
command line's start-up check.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.dom import DOMNode
from textual.keys import _character_to_key, key_to_character

from tests.app.harness import analysed, notes, screen_lines
from tests.unit.harness import run
from tui.app.actions import (
    ACTIONS,
    APP,
    CONTEXTS,
    GROUPS,
    SCREENS,
    bindings_for,
    help_groups,
    key_slots,
    load_user_keymap,
)
from tui.app.app import NewsprismApp
from tui.app.report_rows import SORT_COLUMNS
from tui.app.screens.alias_picker import AliasPicker
from tui.app.screens.entity_picker import EntityPicker
from tui.app.screens.export import ExportScreen
from tui.app.screens.fact_matrix import DetailsText, FactDetails, FactMatrix, FactTable
from tui.app.screens.help import HelpScreen
from tui.app.screens.links import LinksScreen
from tui.app.screens.picker import ItemPicker
from tui.app.screens.reader import ReaderScreen
from tui.app.screens.report_list import HEADERS, ReportList
from tui.app.screens.sensitivity import SensitivityPicker
from tui.app.screens.sources_overview import SourcesOverview
from tui.app.screens.story_list import SORT_NAMES, StoryList
from tui.app.screens.story_picker import StoryPicker
from tui.app.widgets.report_pane import ReportPane
from tui.query.stories import STORY_SORT_COLUMNS
from tui.resources import seeds_dir
from tui.settings.keymap import character_key, check_keymap

README = Path(__file__).resolve().parents[2] / "README.md"

# Each scope of the registry and the class that binds its keys.
CLASSES: dict[str, type[DOMNode]] = {
    APP: NewsprismApp,
    "reader": ReaderScreen,
    "report_pane": ReportPane,
    "story_list": StoryList,
    "report_list": ReportList,
    "fact_matrix": FactMatrix,
    "fact_table": FactTable,
    "fact_details": FactDetails,
    "details_text": DetailsText,
    "sources_overview": SourcesOverview,
    "picker": ItemPicker,
    "entity_picker": EntityPicker,
    "export": ExportScreen,
    "links": LinksScreen,
    "sensitivity": SensitivityPicker,
    "alias_picker": AliasPicker,
    "story_picker": StoryPicker,
    "help": HelpScreen,
}


def test_ids_are_unique_snake_case_and_every_action_is_somewhere() -> None:
    ids = [action.id for action in ACTIONS]
    assert len(ids) == len(set(ids))
    assert [i for i in ids if not re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", i)] == []
    scopes = {scope for action in ACTIONS for scope in action.scopes}
    assert scopes == set(CLASSES)
    assert set(SCREENS) | {w for _, widgets in SCREENS.values() for w in widgets} | {APP} == scopes
    for action in ACTIONS:
        assert action.description, action.id
        assert action.keys or action.palette, f"{action.id}: neither a key nor a command"
        assert action.group in ("", *GROUPS), action.id


def test_every_class_declares_exactly_the_registrys_bindings() -> None:
    """No key declared by hand beside the registry: each class's own BINDINGS are the
    registry's for its scope, every one with its id, and run an action it has."""
    ids = {action.id for action in ACTIONS}
    for scope, cls in CLASSES.items():
        declared = list(Binding.make_bindings(cls.__dict__["BINDINGS"]))
        assert declared == list(Binding.make_bindings(bindings_for(scope))), scope
        assert all(binding.id in ids for binding in declared), scope
        for binding in declared:
            namespace, _, call = binding.action.rpartition(".")
            target = NewsprismApp if namespace == "app" else cls
            assert hasattr(target, f"action_{call.partition('(')[0]}"), binding.action


def test_palette_actions_exist_on_their_screen() -> None:
    for action in ACTIONS:
        if action.palette:
            (scope,) = action.scopes
            name = action.action.removeprefix("app.").partition("(")[0]
            assert hasattr(CLASSES[scope], f"action_{name}"), action.id


def test_the_default_keys_clash_nowhere() -> None:
    assert check_keymap({}, key_slots(), CONTEXTS, Path("config.toml")) == {}
    # And moving every key to where it is changes nothing.
    table = {a.id: a.keys for a in ACTIONS if a.keys}
    assert set(check_keymap(table, key_slots(), CONTEXTS, Path("config.toml"))) == set(table)


def test_the_keymaps_key_names_are_textuals() -> None:
    """tui/settings/keymap.py names keys without importing Textual: as Textual does."""
    for code in range(0x21, 0x7F):
        assert character_key(chr(code)) == _character_to_key(chr(code))


def test_the_report_lists_sort_keys_follow_its_columns() -> None:
    sorts = [a for a in ACTIONS if a.id.startswith("report_list_sort_") and a.keys != "0"]
    assert [a.action for a in sorts] == [f"sort('{column}')" for column in SORT_COLUMNS]
    assert [a.keys for a in sorts] == [str(n) for n in range(1, len(SORT_COLUMNS) + 1)]
    assert [a.description for a in sorts] == [f"Sort by {HEADERS[c]}" for c in SORT_COLUMNS]


def test_the_story_lists_sort_keys_follow_its_columns() -> None:
    sorts = [a for a in ACTIONS if a.id.startswith("story_list_sort_") and a.keys != "0"]
    assert [a.action for a in sorts] == [f"sort('{column}')" for column in STORY_SORT_COLUMNS]
    assert [a.keys for a in sorts] == [str(n) for n in range(1, len(STORY_SORT_COLUMNS) + 1)]
    assert [a.description for a in sorts] == [
        f"Sort by {SORT_NAMES[c]}" for c in STORY_SORT_COLUMNS
    ]


def test_the_readers_help_groups_come_from_the_registry() -> None:
    assert help_groups("reader") == ReaderScreen.HELP_GROUPS
    assert help_groups("reader")["Facts"][:2] == ("next_fact", "previous_fact")


# Where each scope's keys work, as the README says it.
WHERE = {
    APP: "everywhere",
    "report_pane": "the reader",
    "fact_table": "the fact matrix",
    "details_text": "a fact in full",
    "picker": "every picker",
}


def written_keys(keys: str) -> str:
    """Default keys as a user writes them in config.toml: `?` for `question_mark`."""
    shown = []
    for key in keys.split(","):
        character = key_to_character(key)
        usable = character is not None and character.isprintable() and character not in ", "
        shown.append(f"`{character if usable else key}`")
    return ", ".join(shown)


def readme_table() -> str:
    """The README's list of action ids: each with its default keys, where it works and
    what it does."""
    lines = ["| id | default keys | where | what it does |", "| --- | --- | --- | --- |"]
    for action in ACTIONS:
        if action.keys:
            where = ", ".join(WHERE.get(s) or SCREENS[s][0] for s in action.scopes)
            lines.append(
                f"| `{action.id}` | {written_keys(action.keys)} | {where} | {action.description} |"
            )
    return "\n".join(lines) + "\n"


def test_the_readme_lists_every_action_id() -> None:
    """The README's keys section lists every id (so users can rebind it) as the
    registry has it: on a failure, paste the table printed here into the README."""
    table = readme_table()
    text = README.read_text(encoding="utf-8")
    section = text[text.index("### Your own keys") :]
    listed = set(re.findall(r"^\| `([a-z0-9_]+)` \|", section, flags=re.MULTILINE))
    rebindable = {action.id for action in ACTIONS if action.keys}
    assert sorted(rebindable - listed) == [], "ids missing from the README"
    assert sorted(listed - rebindable) == [], "ids in the README the registry lacks"
    assert table in section, "the README's table of ids is out of date:\n" + table


# ---------------------------------------------------------------------- the keymap live


def write_keys(config_dir: Path, table: str) -> None:
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "config.toml").write_text("[keys]\n" + table, encoding="utf-8")


async def test_a_keymap_moves_keys_footer_and_help(config_dir: Path) -> None:
    write_keys(
        config_dir,
        'fact_matrix = "M"\nnext_fact = "f"\ntoggle_follow = "F"\nhelp_close = "escape,c"\n',
    )
    app = NewsprismApp([str(seeds_dir())])
    async with app.run_test(size=(80, 24)) as pilot:
        await analysed(pilot)
        assert "M Fact matrix" in screen_lines(app)[-1]
        assert " m " not in screen_lines(app)[-1]
        await pilot.press("m")  # no longer the matrix's key
        assert app.screen is app.reader
        await pilot.press("question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        keys = {description: keys for keys, description in help_screen.rows}
        assert keys["Fact matrix"] == "M"
        assert keys["Next shared fact"] == "f"
        assert keys["Follow mode: other pane keeps to the fact"] == "F"
        assert "esc, c or f1 closes this help" in "\n".join(screen_lines(app))
        await pilot.press("c")
        assert app.screen is app.reader
        await pilot.press("M")
        assert isinstance(app.screen, FactMatrix)
        # The matrix's own keys are where they were.
        await pilot.press("escape")
        assert app.screen is app.reader
        before = app.reader.pane(0).cursor
        await pilot.press("f")
        await pilot.pause()
        assert app.reader.pane(0).cursor != before, "f did not move to the next fact"
        assert not app.reader.state.follow


async def test_without_the_command_line_a_bad_keymap_is_a_notice(config_dir: Path) -> None:
    """The command line refuses it (below); an app made directly keeps its keys."""
    write_keys(config_dir, 'next_fact = "j"\n')
    app = NewsprismApp([str(seeds_dir())])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert any("next_fact clashes" in note for note in notes(app))
        assert not app._keymap


def error_lines(err: str) -> list[str]:
    return err.strip().splitlines()


@pytest.mark.parametrize(
    ("table", "said"),
    [
        ('next_fakt = "f"\n', "next_fakt is not an action id"),
        ('next_fact = "ctrl+nope"\n', "next_fact = 'ctrl+nope': 'nope' in 'ctrl+nope' is not"),
        ('next_fact = "j"\n', "next_fact clashes: 'j' is also the key of next_paragraph in"),
        ("next_fact = 1\n", "next_fact is not a string of keys"),
    ],
)
def test_the_reader_does_not_start_with_a_bad_keymap(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    config_dir: Path,
    table: str,
    said: str,
) -> None:
    def started(self: NewsprismApp, *args: object, **kwargs: object) -> None:
        raise AssertionError("the reader started")

    monkeypatch.setattr(NewsprismApp, "run", started)
    write_keys(config_dir, table)
    code, out, err = run(capsys, str(seeds_dir()))
    assert (code, out) == (2, "")
    (line,) = error_lines(err)
    assert line.startswith(f"newsprism: {config_dir / 'config.toml'}: [keys] {said}")


def test_the_reader_starts_with_a_good_keymap(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, config_dir: Path
) -> None:
    runs: list[NewsprismApp] = []
    monkeypatch.setattr(NewsprismApp, "run", lambda self, *a, **k: runs.append(self))
    write_keys(config_dir, 'next_fact = "ctrl+n"\n')
    run(capsys, str(seeds_dir()))
    assert len(runs) == 1
    assert load_user_keymap() == {"next_fact": "ctrl+n"}
