"""The user's keymap (`[keys]` in config.toml): reading, key names, and every way it can
be wrong, each one line naming the file, the entry and the problem."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tui.settings.config import Config, config_path, load_config, save_config
from tui.settings.keymap import (
    KeymapError,
    KeySlot,
    check_keymap,
    load_keymap,
    parse_key,
    parse_keys,
    read_keys_table,
)

# A small registry: a screen whose widget shares its keyboard, and another screen.
SLOTS = [
    KeySlot("next_fact", ("reader",), ("n",)),
    KeySlot("previous_fact", ("reader",), ("N",)),
    KeySlot("next_paragraph", ("pane",), ("j", "down")),
    KeySlot("help", ("reader", "matrix"), ("question_mark",)),
    KeySlot("matrix_close", ("matrix",), ("escape", "q")),
    KeySlot("pick_theme", ("app",), ()),
    KeySlot("the command palette", ("app",), ("ctrl+p",), rebindable=False),
]
CONTEXTS = {"the reader": ("reader", "pane", "app"), "the matrix": ("matrix", "app")}


def write(config_dir: Path, text: str) -> Path:
    config_dir.mkdir(parents=True, exist_ok=True)
    path = config_dir / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def problem(config_dir: Path, text: str) -> str:
    path = write(config_dir, text)
    with pytest.raises(KeymapError) as caught:
        load_keymap(SLOTS, CONTEXTS)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(f"{path}: [keys] ")
    return message.removeprefix(f"{path}: [keys] ")


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("n", "n"),
        ("N", "N"),
        ("?", "question_mark"),
        ("question_mark", "question_mark"),
        ("+", "plus"),
        ("-", "minus"),
        (".", "full_stop"),
        ("[", "left_square_bracket"),
        ("/", "slash"),
        (" Enter ", "enter"),
        ("PageDown", "pagedown"),
        ("f12", "f12"),
        ("ctrl+n", "ctrl+n"),
        ("Ctrl+Shift+Left", "ctrl+shift+left"),
        ("ctrl++", "ctrl+plus"),
        ("alt+?", "alt+question_mark"),
        # As a terminal sends them.
        ("shift+n", "N"),
        ("Shift+N", "N"),
        ("ctrl+N", "ctrl+n"),
        ("CTRL+j", "ctrl+j"),
    ],
)
def test_keys_are_named_as_textual_names_them(written: str, key: str) -> None:
    assert parse_key(written) == key


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("", "an empty key"),
        ("enterr", "'enterr' in 'enterr' is not a key name"),
        ("control+n", "'control' in 'control+n' is not a modifier"),
        ("ctrl+", "'ctrl+' has no key after its modifiers"),
        ("\x01", "is not a key"),
        ("ctrl+i", "a terminal sends 'ctrl+i' as 'tab'"),
        ("ctrl+M", "a terminal sends 'ctrl+M' as 'enter'"),
        ("ctrl+h", "as 'backspace'"),
        ("ctrl+[", "as 'escape'"),
        ("shift+1", "a terminal does not send 'shift+1'"),
        ("ctrl+shift+n", "a terminal does not send 'ctrl+shift+n'"),
        ("alt+shift+n", "a terminal does not send 'alt+shift+n'"),
    ],
)
def test_a_key_that_does_not_parse_says_why(written: str, said: str) -> None:
    with pytest.raises(ValueError, match=r".") as caught:
        parse_key(written)
    assert said in str(caught.value)


def test_several_keys_are_comma_separated_and_said_once() -> None:
    assert parse_keys("j, down,j") == ("j", "down")
    with pytest.raises(ValueError, match="empty"):
        parse_keys("j,,k")


def test_no_file_and_no_table_are_the_default_keys(config_dir: Path) -> None:
    assert load_keymap(SLOTS, CONTEXTS) == {}
    write(config_dir, 'theme = "newsprism-light"\n')
    assert load_keymap(SLOTS, CONTEXTS) == {}


def test_a_broken_file_is_left_to_the_settings_warning(config_dir: Path) -> None:
    """A file TOML cannot read is one warning of the settings (and the default keys),
    not a second error of the keymap's."""
    write(config_dir, "[keys\nnext_fact = 'x'")
    assert read_keys_table() == {}
    assert load_config()[1] is not None


def test_a_valid_keymap_is_normalised_for_textual(config_dir: Path) -> None:
    write(config_dir, '[keys]\nnext_fact = "f"\nnext_paragraph = "J, ctrl+j"\nhelp = "h"\n')
    assert load_keymap(SLOTS, CONTEXTS) == {
        "next_fact": "f",
        "next_paragraph": "J,ctrl+j",
        "help": "h",
    }


def test_keys_can_be_swapped(config_dir: Path) -> None:
    """Two actions trading keys clash with nothing: the check is after the change."""
    write(config_dir, '[keys]\nnext_fact = "N"\nprevious_fact = "n"\n')
    assert load_keymap(SLOTS, CONTEXTS) == {"next_fact": "N", "previous_fact": "n"}


def test_an_unknown_action_id(config_dir: Path) -> None:
    assert problem(config_dir, '[keys]\nnext_fakt = "f"\n') == (
        "next_fakt is not an action id (see the README's list)"
    )
    # Textual's own keys are not ours to move.
    assert "not an action id" in problem(config_dir, '[keys]\n"the command palette" = "x"\n')


def test_an_action_with_no_key(config_dir: Path) -> None:
    assert problem(config_dir, '[keys]\npick_theme = "z"\n') == (
        "pick_theme has no key to move (palette only)"
    )


def test_a_value_that_is_not_keys(config_dir: Path) -> None:
    assert "is not a string of keys" in problem(config_dir, "[keys]\nnext_fact = 3\n")
    assert "is not a string of keys" in problem(config_dir, '[keys]\nnext_fact = ["n"]\n')
    assert "is not a table" in problem(config_dir, 'keys = "n"\n')
    assert problem(config_dir, '[keys]\nnext_fact = "ctrl+bogus"\n') == (
        "next_fact = 'ctrl+bogus': 'bogus' in 'ctrl+bogus' is not a key name"
    )


def test_a_clash_with_a_key_of_the_same_screen(config_dir: Path) -> None:
    assert problem(config_dir, '[keys]\nnext_fact = "N"\n') == (
        "next_fact clashes: 'N' is also the key of previous_fact in the reader"
    )


def test_a_clash_with_a_widget_of_the_screen_and_with_the_app(config_dir: Path) -> None:
    """The reader's widget (its panes) and the app's keys share the reader's keyboard."""
    assert problem(config_dir, '[keys]\nnext_fact = "down"\n') == (
        "next_fact clashes: 'down' is also the key of next_paragraph in the reader"
    )
    assert problem(config_dir, '[keys]\nnext_paragraph = "ctrl+p"\n') == (
        "next_paragraph clashes: 'ctrl+p' is also the key of the command palette in the reader"
    )


def test_an_action_of_several_screens_is_checked_on_each(config_dir: Path) -> None:
    # `q` is free in the reader but closes the matrix.
    assert problem(config_dir, '[keys]\nhelp = "q"\n') == (
        "help clashes: 'q' is also the key of matrix_close in the matrix"
    )


def test_the_same_key_on_two_screens_is_no_clash(config_dir: Path) -> None:
    write(config_dir, '[keys]\nnext_fact = "escape"\n')
    assert load_keymap(SLOTS, CONTEXTS) == {"next_fact": "escape"}


def test_nothing_from_the_file_reaches_the_terminal(config_dir: Path) -> None:
    message = problem(config_dir, '[keys]\n"next\\u001b[31mfact" = "n"\n')
    assert "\x1b" not in message


def test_check_keymap_takes_a_table_directly() -> None:
    assert check_keymap({}, SLOTS, CONTEXTS, Path("x.toml")) == {}
    with pytest.raises(KeymapError, match=r"^x\.toml: \[keys\] next_fact clashes"):
        check_keymap({"next_fact": "j"}, SLOTS, CONTEXTS, Path("x.toml"))


def test_saving_the_theme_keeps_the_users_keys(config_dir: Path) -> None:
    path = write(
        config_dir,
        '# mine\ntheme = "newsprism-dark"\n\n[keys]\nnext_fact = "f"\n"odd \\"id\\"" = "?, +"\n',
    )
    save_config(Config(theme="newsprism-light"))
    assert config_path() == path
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data == {
        "theme": "newsprism-light",
        "keys": {"next_fact": "f", 'odd "id"': "?, +"},
    }
    assert load_config() == (Config(theme="newsprism-light"), None)
    # And without a theme, the keys alone.
    save_config(Config())
    assert tomllib.loads(path.read_text(encoding="utf-8")) == {
        "keys": {"next_fact": "f", 'odd "id"': "?, +"}
    }


def test_the_keymap_is_read_without_textual() -> None:
    """The settings sit below the app: reading and checking a keymap imports no Textual."""
    code = (
        "import sys, tui.settings.keymap, tui.settings.config\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    )
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
