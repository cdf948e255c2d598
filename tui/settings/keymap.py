"""The user's keymap: `[keys]` in `config.toml`, e.g. `next_fact = "n"`.

Each entry names an action id (see tui/app/actions.py, and the README's list) and the
keys it answers to instead of its default ones, comma-separated for several
(`next_paragraph = "j,down"`). A key is a character (`n`, `N`, `?`, `+`) or a key name
(`enter`, `pagedown`, `f5`, `question_mark`), with modifiers in front
(`ctrl+n`, `alt+shift+left`). Keys are taken as a terminal sends them: `shift+n` is
`N`, `ctrl+N` is `ctrl+n`, and a key no terminal can tell from another (`ctrl+i` is
`tab`, `ctrl+m` is `enter`) or never sends (`shift+1`, `ctrl+shift+n`) is refused.

This module knows nothing of Textual: it reads and checks the table, given the actions
as plain data (`KeySlot`), and returns the keymap in the form Textual's `App.set_keymap`
takes (action id -> normalised key names). Every problem is a `KeymapError`, one line
naming the file, the entry and what is wrong with it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from tui.settings.config import config_path, read_table
from tui.textsafe import safe_line

TABLE = "keys"

MODIFIERS = ("ctrl", "alt", "shift", "meta", "super", "hyper")
# Keys with a name and no character (a character's own name, `question_mark`, is
# accepted too: see _character_names).
NAMED_KEYS = frozenset(
    {
        "enter", "escape", "tab", "space", "backspace", "delete", "insert",
        "home", "end", "pageup", "pagedown", "up", "down", "left", "right",
        *(f"f{number}" for number in range(1, 25)),
    }
)  # fmt: skip
# Character names Textual shortens (as textual.keys.KEY_NAME_REPLACEMENTS).
_SHORTER = {
    "solidus": "slash",
    "reverse_solidus": "backslash",
    "commercial_at": "at",
    "hyphen_minus": "minus",
    "plus_sign": "plus",
    "low_line": "underscore",
}


class KeymapError(ValueError):
    """A keymap that cannot be used: the message is one line for the user."""


@dataclass(frozen=True, slots=True)
class KeySlot:
    """An action as the keymap sees it: its id, where it is bound (screens and widgets:
    scopes), and its default keys, as Textual names them (`question_mark`, `j`)."""

    id: str
    scopes: tuple[str, ...]
    keys: tuple[str, ...]
    # False for keys that are not ours to move (Textual's ctrl+q, ctrl+p): they still
    # clash with a key moved onto them.
    rebindable: bool = True


def character_key(character: str) -> str:
    """A one-character key as Textual names it: `n` -> `n`, `?` -> `question_mark`,
    `+` -> `plus` (the rule of textual.keys._character_to_key)."""
    if character.isalnum():
        return character
    try:
        name = unicodedata.name(character).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        name = "tab" if character == "\t" else character
    return _SHORTER.get(name, name)


def _character_names() -> frozenset[str]:
    return frozenset(character_key(chr(code)) for code in range(0x21, 0x7F))


CHARACTER_NAMES = _character_names()


def parse_key(text: str) -> str:
    """One key, normalised as Textual names keys; ValueError says what is wrong."""
    text = text.strip()
    if not text:
        raise ValueError("an empty key")
    if len(text) == 1:
        if not text.isprintable() or text.isspace():
            raise ValueError(f"{text!r} is not a key")
        return character_key(text)
    *modifiers, name = text.split("+")
    if name == "" and modifiers and modifiers[-1] == "":
        # `ctrl++`: the plus key with a modifier.
        modifiers, name = modifiers[:-1], "+"
    if not name:
        raise ValueError(f"{text!r} has no key after its modifiers")
    modifiers = [modifier.lower() for modifier in modifiers]
    for modifier in modifiers:
        if modifier not in MODIFIERS:
            raise ValueError(f"{modifier!r} in {text!r} is not a modifier ({', '.join(MODIFIERS)})")
    if len(name) == 1:
        return _with_character(text, modifiers, name)
    key = name.lower()
    if key not in NAMED_KEYS and key not in CHARACTER_NAMES:
        raise ValueError(f"{name!r} in {text!r} is not a key name")
    return "+".join([*modifiers, key])


# Control keys a terminal sends as another key: the byte of ctrl+i is the byte of tab.
_SAME_AS = {"i": "tab", "m": "enter", "h": "backspace", "[": "escape"}


def _with_character(text: str, modifiers: list[str], character: str) -> str:
    """A character with modifiers, as the terminal will send it, or ValueError when no
    terminal sends it: a key the reader would never see must not be accepted."""
    if "shift" in modifiers:
        if not character.isalpha() or modifiers != ["shift"]:
            raise ValueError(f"a terminal does not send {text!r}")
        return character.upper()  # shift+n is what the terminal sends as N
    if not modifiers:
        return character_key(character)
    lower = character.lower()  # ctrl+N and ctrl+n are one key to a terminal
    if "ctrl" in modifiers and lower in _SAME_AS:
        raise ValueError(f"a terminal sends {text!r} as {_SAME_AS[lower]!r}: write that")
    return "+".join([*modifiers, character_key(lower)])


def parse_keys(text: str) -> tuple[str, ...]:
    """Comma-separated keys (`"j,down"`), each normalised; a key given twice once.
    A comma key is written by its name, `comma`."""
    keys: list[str] = []
    for part in text.split(","):
        key = parse_key(part)
        if key not in keys:
            keys.append(key)
    return tuple(keys)


def read_keys_table(path: Path | None = None) -> dict[str, str]:
    """The `[keys]` table of the config file as written (action id -> keys). No file,
    a file that cannot be read or parsed (the settings warn about it and use the
    defaults) or no table: empty. A `keys` that is no table, or a value that is no
    string, is a KeymapError."""
    path = path or config_path()
    table = read_table(path)[0].get(TABLE)
    if table is None:
        return {}
    if not isinstance(table, dict):
        raise KeymapError(_line(path, TABLE, "is not a table: write [keys] and one action a line"))
    for action_id, value in table.items():
        if not isinstance(value, str):
            raise KeymapError(
                _line(path, action_id, 'is not a string of keys (write e.g. "n" or "j,down")')
            )
    return dict(table)


def check_keymap(
    table: Mapping[str, str],
    slots: Sequence[KeySlot],
    contexts: Mapping[str, Iterable[str]],
    path: Path | None = None,
) -> dict[str, str]:
    """The keymap for Textual (action id -> normalised keys, comma-separated) from the
    user's table; KeymapError for an unknown id, a value that does not parse, or a key
    two actions answer to in one context (a screen with its widgets and the app: a
    title, such as "the reader", and its scopes)."""
    path = path or config_path()
    by_id = {slot.id: slot for slot in slots}
    keymap: dict[str, tuple[str, ...]] = {}
    for action_id, value in table.items():
        slot = by_id.get(action_id)
        if slot is None or not slot.rebindable:
            raise KeymapError(_line(path, action_id, "is not an action id (see the README's list)"))
        if not slot.keys:
            raise KeymapError(_line(path, action_id, "has no key to move (palette only)"))
        try:
            keymap[action_id] = parse_keys(value)
        except ValueError as exc:
            raise KeymapError(_line(path, action_id, f"= {value!r}: {exc}")) from None
    for title, scopes in contexts.items():
        in_context = set(scopes)
        holders: dict[str, str] = {}
        for slot in slots:
            if not in_context.intersection(slot.scopes):
                continue
            for key in keymap.get(slot.id, slot.keys):
                other = holders.setdefault(key, slot.id)
                if other != slot.id:
                    moved = slot.id if slot.id in keymap else other
                    taken = other if moved == slot.id else slot.id
                    raise KeymapError(
                        _line(
                            path, moved, f"clashes: {key!r} is also the key of {taken} in {title}"
                        )
                    )
    return {action_id: ",".join(keys) for action_id, keys in keymap.items()}


def load_keymap(
    slots: Sequence[KeySlot], contexts: Mapping[str, Iterable[str]], path: Path | None = None
) -> dict[str, str]:
    """The user's keymap read from the config file and checked (see check_keymap)."""
    path = path or config_path()
    return check_keymap(read_keys_table(path), slots, contexts, path)


def _line(path: Path, entry: str, problem: str) -> str:
    """One line, with nothing from the path or the file able to drive the terminal."""
    return safe_line(f"{path}: [{TABLE}] {entry} {problem}")
