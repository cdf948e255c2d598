"""newsprism's themes: dark, light, and the terminal's own 16 colours.

Each theme gives the six shared-fact colours and the entity-mention colour as theme
variables ($newsprism-fact-0 … -5, $newsprism-mention), which styles/themes.tcss applies.
The dark and light themes take the facts from the Okabe-Ito palette (made to stay
apart for colour-blind readers), shaded on the light theme to read on white; the ANSI
theme uses the terminal's six named colours, so any 16-colour terminal keeps them apart.
Mentions are a neutral block in reverse video in every theme: no fact hue, and visible
without colour. Colour is never the only cue: facts are underlined and numbered,
mentions reversed, unique sentences italic (see render.py), so NO_COLOR loses nothing.

The reader offers these three themes only, the ones `--theme` accepts (tui.settings.config.THEMES):
Textual's own themes are unregistered and its "Theme" command gives way to ours. A theme
change restyles every pane and table at once (ReportPane._restyle,
NewsprismApp._restyle_fact_screens). The theme the reader starts in, and the user's later
choices (saved in the user's config, see tui/settings/config.py), are kept by `ThemeChoice`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.constants import COLOR_SYSTEM
from textual.filter import Monochrome, NoColor
from textual.theme import BUILTIN_THEMES, Theme

from tui.settings.config import (
    ANSI_THEME,
    DARK_THEME,
    LIGHT_THEME,
    load_config,
    resolve_theme,
    save_config,
)
from tui.settings.config import THEMES as THEME_NAMES
from tui.textsafe import safe_line

if TYPE_CHECKING:
    from textual.app import App

FACT_VARIABLES = tuple(f"newsprism-fact-{n}" for n in range(6))
MENTION_VARIABLE = "newsprism-mention"
# Quieter text (tag lines, unique sentences, code) and the quietest (boilerplate). Solid
# colours: Textual turns `$text-muted` ("auto 60%") into white in a component style,
# which vanishes on a light background.
MUTED_VARIABLE = "newsprism-muted"
FAINT_VARIABLE = "newsprism-faint"


def _variables(facts: tuple[str, ...], mention: str, muted: str, faint: str) -> dict[str, str]:
    return {
        **dict(zip(FACT_VARIABLES, facts, strict=True)),
        MENTION_VARIABLE: mention,
        MUTED_VARIABLE: muted,
        FAINT_VARIABLE: faint,
    }


# Okabe-Ito: sky blue, orange, bluish green, reddish purple, yellow, vermillion (made a
# little lighter to read on the dark background). Neighbouring numbers differ most.
_DARK_FOREGROUND = "#E6E6E6"
_DARK_FACTS = ("#56B4E9", "#E69F00", "#009E73", "#CC79A7", "#F0E442", "#E8743B")
# The same hues darkened to read on white (at least 4.5:1), with indigo and red for the
# yellow and orange that cannot: chosen so that no two come closer than about 12 ΔE
# under simulated deuteranopia, protanopia or tritanopia.
_LIGHT_FOREGROUND = "#1A1A1A"
_LIGHT_FACTS = ("#0072B2", "#8A6A00", "#117733", "#A8437F", "#4B3A9A", "#B3202A")
# The terminal's own colours; not bright yellow or white (unreadable on light terminals).
_ANSI_FACTS = ("ansi_cyan", "ansi_magenta", "ansi_green", "ansi_yellow", "ansi_blue", "ansi_red")

DARK = Theme(
    name=DARK_THEME,
    primary="#2E8BD8",
    secondary="#56B4E9",
    accent="#E69F00",
    warning="#F0E442",
    error="#E8743B",
    success="#009E73",
    foreground=_DARK_FOREGROUND,
    background="#15171C",
    surface="#1C1F26",
    panel="#2A2F3A",
    dark=True,
    # The cursor paragraph's shade: a variable, as Textual ignores `boost` when a panel
    # colour is given.
    variables={
        **_variables(_DARK_FACTS, _DARK_FOREGROUND, muted="#9FA0A3", faint="#818286"),
        "boost": "#FFFFFF12",
    },
)

LIGHT = Theme(
    name=LIGHT_THEME,
    primary="#005A8C",
    secondary="#0072B2",
    accent="#A8437F",
    warning="#8A6A00",
    error="#B3202A",
    success="#117733",
    foreground=_LIGHT_FOREGROUND,
    background="#EDEDE9",
    surface="#FAFAF8",
    panel="#DCDCD6",
    dark=False,
    variables={
        **_variables(_LIGHT_FACTS, _LIGHT_FOREGROUND, muted="#5D5D5D", faint="#767676"),
        "boost": "#0000000F",
    },
)

# Built on Textual's own ANSI theme: default foreground and background, named colours.
# `ansi_default` in reverse swaps the terminal's own foreground and background, readable
# on a dark or a light terminal alike.
_ANSI_BASE = BUILTIN_THEMES["ansi-dark"]
ANSI = replace(
    _ANSI_BASE,
    name=ANSI_THEME,
    variables={
        **_ANSI_BASE.variables,
        # Grey is too faint on some terminals' palettes for the tag lines: only the
        # boilerplate (hidden until `b`) is grey.
        **_variables(_ANSI_FACTS, "ansi_default", "ansi_default", "ansi_bright_black"),
    },
)

_BY_NAME = {theme.name: theme for theme in (DARK, LIGHT, ANSI)}
# In the order of the one list of names (a name without a theme fails here, at import).
THEMES: tuple[Theme, ...] = tuple(_BY_NAME[name] for name in THEME_NAMES)

DESCRIPTIONS = {
    DARK_THEME: "Dark; fact colours safe for colour-blind readers (Okabe-Ito)",
    LIGHT_THEME: "Light; fact colours safe for colour-blind readers, readable on white",
    ANSI_THEME: "The terminal's own 16 colours (used over SSH and with --low-bandwidth)",
}


def no_color_wanted(environ: Mapping[str, str]) -> bool:
    """NO_COLOR with any value but the empty string (no-color.org)."""
    return bool(environ.get("NO_COLOR"))


def sync_no_color(app: App) -> None:
    """Keep the NO_COLOR filter right for the current theme. Textual picks it once, for
    the theme the app starts with: greying for truecolor themes, dropping colours for
    ANSI ones. Greying an ANSI colour, whose value it does not know, gives black: black
    text on a black terminal after a switch to the ANSI theme."""
    filters = getattr(app, "_filters", None)
    if filters is None:  # Textual's own __init__ is still running
        return
    at = next((i for i, f in enumerate(filters) if isinstance(f, NoColor | Monochrome)), None)
    if at is not None:
        del filters[at]
    if app.no_color:
        wanted = NoColor() if app.native_ansi_color else Monochrome()
        # After the ANSI-to-truecolor filter, as Textual places it.
        filters.insert(min(1, len(filters)) if at is None else at, wanted)


class ThemeChoice:
    """The theme the reader starts in, and the user's later choices, saved.

    Precedence: the --theme option, then low-bandwidth mode (the 16-colour theme), then
    the saved choice, then the default.
    """

    def __init__(self, option: str | None = None, *, low_bandwidth: bool = False) -> None:
        self.option = option
        self.low_bandwidth = low_bandwidth
        self.config, problem = load_config()
        # One-line warnings for the user (a broken config file, an unknown theme).
        self.problems: list[str] = [problem] if problem else []
        # The theme last saved (or found saved): a change to another one is saved.
        self.remembered = self.config.theme
        self.started = False

    def start(self, app: App) -> str:
        """Register our themes, set the app's first theme and unregister every other
        (Textual's own) theme; returns the first theme's name."""
        for theme in THEMES:
            app.register_theme(theme)
        app.no_color = no_color_wanted(os.environ)
        # Textual's colour system, as read when it was imported (TEXTUAL_COLOR_SYSTEM).
        resolve = partial(
            resolve_theme, low_bandwidth=self.low_bandwidth, color_system=COLOR_SYSTEM or "auto"
        )
        name = resolve(self.option, self.config.theme)
        if name not in THEME_NAMES:  # a name given to the app directly (the CLI checks)
            fallback = resolve(None, None)
            self.problems.append(safe_line(f"Unknown theme {name!r}: using {fallback}"))
            name = fallback
        app.theme = name
        for other in set(app.available_themes) - set(THEME_NAMES):
            app.unregister_theme(other)
        sync_no_color(app)
        self.started = True
        return name

    def changed(self, app: App, name: str) -> None:
        """The theme changed (the palette): save the choice."""
        if not self.started:
            return
        sync_no_color(app)
        if name == self.remembered or name not in THEME_NAMES:
            return
        self.remembered = name
        self.config = replace(self.config, theme=name)
        try:
            saved = save_config(self.config)
        except OSError as exc:
            message = safe_line(f"Theme not saved: {exc}")
            app.notify(message, severity="warning", timeout=8, markup=False)
            return
        if saved.aside is not None:
            message = safe_line(f"Settings that could not be read kept as {saved.aside}")
            app.notify(message, severity="warning", timeout=8, markup=False)


def pick_theme(app: App) -> None:
    """The palette's "Theme…" (and Textual's theme action): newsprism's themes, with
    what each is for."""
    app.push_screen(CommandPalette(providers=[ThemeChoices], placeholder="Search for themes…"))


class ThemeChoices(Provider):
    """newsprism's themes for the command palette, in the order `--theme` lists them;
    the current one is marked. Each hit's `text` is the theme's name."""

    def _choices(self) -> list[tuple[str, str]]:
        current = self.app.theme
        return [(name + (" (current)" if name == current else ""), name) for name in THEME_NAMES]

    def _set(self, name: str) -> None:
        self.app.theme = name

    async def discover(self) -> Hits:
        for label, name in self._choices():
            yield DiscoveryHit(label, partial(self._set, name), text=name, help=DESCRIPTIONS[name])

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, name in self._choices():
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(label),
                    partial(self._set, name),
                    text=name,
                    help=DESCRIPTIONS[name],
                )
