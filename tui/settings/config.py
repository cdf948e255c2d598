"""The user's settings, kept between sessions: the reader's theme and the user's keys.

They live in `config.toml` in the user's config directory (platformdirs; override with
NEWSPRISM_CONFIG_DIR). A file that cannot be read or understood gives one warning line
and the defaults, never a crash. This module knows the theme names (the command line
offers them without importing Textual); the themes themselves are in tui/app/themes.py.
The `[keys]` table is the user's keymap, read and checked by tui/settings/keymap.py;
saving the theme keeps it.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.files import keep_aside, locked, write_atomically
from tui.textsafe import safe_line

FILE_NAME = "config.toml"

DARK_THEME = "newsprism-dark"
LIGHT_THEME = "newsprism-light"
# The terminal's own 16 colours: low-bandwidth mode's theme.
ANSI_THEME = "newsprism-ansi"
# The one list of themes: what `--theme` accepts, what the reader offers and registers
# (Textual's own themes are not offered), and what the config may hold.
THEMES = (DARK_THEME, LIGHT_THEME, ANSI_THEME)
DEFAULT_THEME = DARK_THEME


@dataclass(frozen=True, slots=True)
class Config:
    """What the user chose; None means "not chosen", so the default applies."""

    # One of THEMES.
    theme: str | None = None


def config_path() -> Path:
    override = os.environ.get("NEWSPRISM_CONFIG_DIR")
    if override:
        return Path(override) / FILE_NAME
    from platformdirs import user_config_dir

    return Path(user_config_dir("newsprism", appauthor=False)) / FILE_NAME


def read_table(path: Path) -> tuple[dict[str, Any], Exception | None]:
    """The config file's top-level TOML table, and why it could not be used: ({}, None)
    when there is no file, ({}, the error) when it is there but cannot be read or
    parsed. The one reader of the file, for the theme, the `[keys]` table (see
    tui/settings/keymap.py) and the keys kept when the theme is saved."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8")), None
    except FileNotFoundError:
        return {}, None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return {}, exc


def load_config(path: Path | None = None) -> tuple[Config, str | None]:
    """The saved settings, and a one-line warning when the file was there but unusable
    (the defaults are returned then)."""
    path = path or config_path()
    data, problem = read_table(path)
    if problem is not None:
        return Config(), _warning(path, problem)
    theme = data.get("theme")
    if theme is not None and (not isinstance(theme, str) or not theme.strip()):
        return Config(), _warning(path, "theme is not a theme name")
    if theme is not None and theme not in THEMES:
        # A name saved by an older version (one of Textual's themes), or by hand.
        return Config(), _warning(path, f"unknown theme {theme!r}")
    return Config(theme=theme), None


def _warning(path: Path, problem: object) -> str:
    """One line, with nothing from the path or the file able to drive the terminal."""
    return safe_line(f"settings in {path} ignored ({problem})")


@dataclass(frozen=True, slots=True)
class Saved:
    """Where the settings were written, and where a file there that could not be read
    was kept aside first (None: there was none)."""

    path: Path
    aside: Path | None = None


def save_config(config: Config, path: Path | None = None) -> Saved:
    """Write the settings (`tui.settings.files`: in one step, under the file's lock,
    the rest of the file as it is now kept: the user's `[keys]` and anything else);
    raises OSError when the file cannot be written, ValueError for a theme not in THEMES
    (`--theme` would refuse it). A file that cannot be read is kept aside, never
    written over."""
    if config.theme is not None and config.theme not in THEMES:
        raise ValueError(f"unknown theme {config.theme!r}: not one of {', '.join(THEMES)}")
    path = path or config_path()
    import tomli_w

    with locked(path):
        table, problem = read_table(path)
        aside = keep_aside(path) if problem is not None else None
        table.pop("theme", None)
        if config.theme is not None:
            table = {"theme": config.theme, **table}
        text = "# newsprism settings, written by the reader\n" + tomli_w.dumps(table)
        write_atomically(path, text.encode("utf-8"))
    return Saved(path, aside)


def resolve_theme(
    option: str | None,
    saved: str | None,
    *,
    low_bandwidth: bool = False,
    color_system: str = "auto",
) -> str:
    """The theme to start in: `--theme`, else the 16-colour theme in low-bandwidth mode,
    else the saved choice, else the default. The default is the 16-colour theme when
    Textual was told to use 16 colours (TEXTUAL_COLOR_SYSTEM, `color_system`): it would
    round the dark theme's colours to them, and fact colours could merge."""
    if option:
        return option
    if low_bandwidth:
        return ANSI_THEME
    if saved:
        return saved
    return ANSI_THEME if color_system in ("standard", "windows") else DEFAULT_THEME
