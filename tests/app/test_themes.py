"""Themes: dark, light and the terminal's 16 colours; the choice saved in the user's config
(NEWSPRISM_CONFIG_DIR is a temporary folder in every test); NO_COLOR with every theme."""

from __future__ import annotations

import math
import sys
from collections.abc import Collection
from pathlib import Path

import pytest
from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from textual.color import Color as TextualColor
from textual.command import Command, CommandInput, CommandList, CommandPalette
from textual.filter import Monochrome, NoColor
from textual.pilot import Pilot
from textual.theme import Theme
from textual.widgets import DataTable

from tests.app.harness import analysed, notes, segments
from tui.app.app import NewsprismApp
from tui.app.render import SOURCE_MARK, UNIQUE_MARK
from tui.app.themes import (
    ANSI,
    DARK,
    LIGHT,
    MENTION_VARIABLE,
    MUTED_VARIABLE,
)
from tui.app.widgets.report_pane import FACT_COLOURS, ReportPane
from tui.cli import main
from tui.cli.reader import reader_parser as _reader_parser
from tui.model.corpus import Corpus
from tui.model.entities import Entity
from tui.query.facts import fact_marker
from tui.resources import seeds_dir
from tui.settings.config import (
    ANSI_THEME,
    DARK_THEME,
    DEFAULT_THEME,
    LIGHT_THEME,
    THEMES,
    Config,
    config_path,
    load_config,
    resolve_theme,
    save_config,
)

SEEDS = str(seeds_dir())
# Fact markers ("⁴") to fact numbers.
MARKERS = {fact_marker([n]): n for n in range(1, 200)}


@pytest.fixture(autouse=True)
def colours_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """A NO_COLOR in the environment running the tests would grey every colour here."""
    monkeypatch.delenv("NO_COLOR", raising=False)


def written(config_dir: Path, content: bytes) -> Path:
    config_dir.mkdir(parents=True, exist_ok=True)
    path = config_dir / "config.toml"
    path.write_bytes(content)
    return path


# ---------------------------------------------------------------------- the config file


def test_config_round_trip(config_dir: Path) -> None:
    assert load_config() == (Config(), None)  # nothing saved yet
    path = save_config(Config(theme=LIGHT_THEME)).path
    assert path == config_path() == config_dir / "config.toml"
    assert load_config() == (Config(theme=LIGHT_THEME), None)
    for name in theme_option_choices():
        save_config(Config(theme=name))
        assert load_config() == (Config(theme=name), None)
    save_config(Config())
    assert load_config() == (Config(), None)


@pytest.mark.parametrize("name", ["ansi-dark", "textual-light", "nord", 'a "quoted" \\ théme'])
def test_a_theme_the_option_refuses_is_never_saved(config_dir: Path, name: str) -> None:
    save_config(Config(theme=DARK_THEME))
    with pytest.raises(ValueError, match="theme"):
        save_config(Config(theme=name))
    assert load_config() == (Config(theme=DARK_THEME), None)


@pytest.mark.parametrize("name", ["ansi-dark", "nord", "gone-theme"])
def test_an_unknown_saved_theme_is_ignored_with_one_warning_line(
    config_dir: Path, name: str
) -> None:
    path = written(config_dir, f'theme = "{name}"\n'.encode())
    config, warning = load_config()
    assert config == Config()
    assert warning is not None and "\n" not in warning
    assert name in warning and str(path) in warning and "ignored" in warning


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux's folders")
def test_config_path_defaults_to_the_user_config_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Written out as a Linux user finds it (XDG base directories), not recomputed with
    # the call the code makes.
    monkeypatch.delenv("NEWSPRISM_CONFIG_DIR")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    assert config_path() == tmp_path / "home" / ".config" / "newsprism" / "config.toml"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert config_path() == tmp_path / "xdg" / "newsprism" / "config.toml"


def test_unknown_settings_are_ignored(config_dir: Path) -> None:
    written(config_dir, b'future = true\ntheme = "newsprism-light"\n')
    assert load_config() == (Config(theme=LIGHT_THEME), None)


@pytest.mark.parametrize(
    "content",
    [
        b"theme = [",  # not TOML
        b"theme = 3",  # not a name
        b'theme = ""',
        b"\xff\xfe\xfa not text",
        b'theme = "dark\x1b]0;pwned\x07"\x00',  # control characters are not TOML
    ],
)
def test_a_corrupt_config_gives_one_warning_line_and_the_defaults(
    config_dir: Path, content: bytes
) -> None:
    path = written(config_dir, content)
    config, warning = load_config()
    assert config == Config()
    assert warning is not None and "\n" not in warning
    assert str(path) in warning and "ignored" in warning
    assert "\x1b" not in warning and "\x00" not in warning


def test_an_unreadable_config_gives_a_warning(config_dir: Path) -> None:
    (config_dir / "config.toml").mkdir(parents=True)  # a folder where the file should be
    config, warning = load_config()
    assert config == Config() and warning is not None and "ignored" in warning


@pytest.mark.parametrize(
    ("option", "saved", "low_bandwidth", "color_system", "expected"),
    [
        (None, None, False, "auto", DEFAULT_THEME),
        (None, LIGHT_THEME, False, "auto", LIGHT_THEME),
        (DARK_THEME, LIGHT_THEME, False, "auto", DARK_THEME),
        # Low-bandwidth mode forces the 16-colour theme over the saved one, not --theme.
        (None, LIGHT_THEME, True, "auto", ANSI_THEME),
        (LIGHT_THEME, None, True, "auto", LIGHT_THEME),
        # Told to use 16 colours, Textual would round the dark theme's: ANSI by default.
        (None, None, False, "standard", ANSI_THEME),
        (None, LIGHT_THEME, False, "standard", LIGHT_THEME),
        (None, None, False, "truecolor", DEFAULT_THEME),
    ],
)
def test_theme_precedence(
    option: str | None, saved: str | None, low_bandwidth: bool, color_system: str, expected: str
) -> None:
    chosen = resolve_theme(option, saved, low_bandwidth=low_bandwidth, color_system=color_system)
    assert chosen == expected


# ---------------------------------------------------------------------- --theme


def test_theme_option_parses() -> None:
    assert _reader_parser().parse_args([]).theme is None
    for name in THEMES:
        assert _reader_parser().parse_args(["--theme", name, "a.txt"]).theme == name


def test_an_unknown_theme_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--theme", "purple", SEEDS])
    assert exited.value.code == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "--theme" in error and "newsprism-light" in error


def test_the_reader_starts_in_the_theme_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SSH_CONNECTION", raising=False)
    monkeypatch.delenv("SSH_TTY", raising=False)
    save_config(Config(theme=DARK_THEME))
    started: list[NewsprismApp] = []
    monkeypatch.setattr(NewsprismApp, "run", lambda self: started.append(self))
    main(["--theme", LIGHT_THEME, SEEDS])
    assert started[0].theme == LIGHT_THEME
    # --theme is for this session: the saved choice stays.
    assert load_config()[0].theme == DARK_THEME


# ---------------------------------------------------------------------- in the reader


def fact_and_mention_styles(pane: ReportPane) -> tuple[dict[int, set[Style]], list[Style]]:
    """The styles of the fact numbers drawn in the pane, by fact colour slot, and of the
    drawn mentions of Homs."""
    facts: dict[int, set[Style]] = {}
    mentions: list[Style] = []
    for segment in segments(pane, pane.virtual_size.height):
        if segment.text in MARKERS and segment.style is not None:
            slot = (MARKERS[segment.text] - 1) % FACT_COLOURS
            facts.setdefault(slot, set()).add(segment.style)
        elif segment.text == "Homs" and segment.style is not None:
            mentions.append(segment.style)
    return facts, mentions


def words_after(pane: ReportPane, markers: Collection[str]) -> list[Segment]:
    """The segments drawn right after each of `markers` (the text a marker introduces)."""
    drawn = segments(pane, pane.virtual_size.height)
    return [drawn[i + 1] for i, s in enumerate(drawn[:-1]) if s.text in markers]


@pytest.mark.parametrize("name", THEMES)
async def test_each_theme_keeps_facts_apart_from_each_other_and_from_mentions(
    name: str,
) -> None:
    app = NewsprismApp([SEEDS], theme=name)
    async with app.run_test(size=(120, 35)) as pilot:
        await analysed(pilot)
        assert app.theme == name and app.current_theme.name == name
        pane = app.reader.pane(0)
        facts, _ = fact_and_mention_styles(pane)
        assert len(facts) >= 2
        # One colour per slot, a different one for each slot, the theme's own.
        colours = {slot: {style.color for style in styles} for slot, styles in facts.items()}
        assert all(len(found) == 1 for found in colours.values())
        assert len({next(iter(found)) for found in colours.values()}) == len(colours)
        theme = app.current_theme
        expected = theme.variables
        assert app.get_css_variables()["newsprism-fact-0"] == expected["newsprism-fact-0"]
        # The words a fact number introduces are underlined in the fact's colour.
        slot, styles = next(iter(facts.items()))
        (colour,) = {style.color for style in styles}
        markers = {m for m, n in MARKERS.items() if (n - 1) % FACT_COLOURS == slot}
        text = [s.style for s in words_after(pane, markers) if s.style is not None]
        assert text and all(s.underline and s.color == colour for s in text)

        await pilot.press("e", *"homs", "enter")
        await pilot.pause()
        _, mentions = fact_and_mention_styles(pane)
        assert mentions
        assert all(s.bold and s.reverse for s in mentions)
        assert not any(s.reverse for found in facts.values() for s in found)
        fact_colours = {next(iter(found)) for found in colours.values()}
        assert not {s.color for s in mentions} & fact_colours
        assert app.get_css_variables()[MENTION_VARIABLE] == expected[MENTION_VARIABLE]


@pytest.mark.parametrize("name", THEMES)
async def test_no_color_tells_facts_mentions_and_unique_sentences_apart_by_style(
    monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = NewsprismApp([SEEDS], theme=name)
    async with app.run_test(size=(120, 35)) as pilot:
        await analysed(pilot)
        assert app.no_color
        # Textual drops colours for an ANSI theme and greys the others.
        wanted = NoColor if name == ANSI_THEME else Monochrome
        assert sum(isinstance(f, NoColor | Monochrome) for f in app._filters) == 1
        assert any(type(f) is wanted for f in app._filters)
        pane = app.reader.pane(0)
        facts, _ = fact_and_mention_styles(pane)
        # No colour sets facts apart: they keep the text colour, underlined, numbered.
        assert len(facts) >= 2
        assert len({s.color for found in facts.values() for s in found}) == 1
        await pilot.press("e", *"homs", "enter", "U")
        await pilot.pause()
        _, mentions = fact_and_mention_styles(pane)
        fact_text = [s.style for s in words_after(pane, MARKERS) if s.style and s.text != "Homs"]
        drawn = segments(pane, pane.virtual_size.height)
        unique = [s.style for s in drawn if s.text == UNIQUE_MARK and s.style is not None]
        assert fact_text and mentions and unique

        def look(style: Style) -> tuple[bool, bool, bool]:
            return (bool(style.underline), bool(style.reverse), bool(style.italic))

        assert {look(s) for s in fact_text} == {(True, False, False)}
        assert all(s.reverse and s.bold for s in mentions)
        assert all(s.italic and not s.underline and not s.reverse for s in unique)


async def test_the_no_color_filter_follows_the_theme(monkeypatch: pytest.MonkeyPatch) -> None:
    """Greying the ANSI theme's colours (which Textual cannot see) would draw black text."""
    monkeypatch.setenv("NO_COLOR", "yes")
    app = NewsprismApp([SEEDS], theme=DARK_THEME)
    async with app.run_test(size=(80, 24)) as pilot:
        assert any(isinstance(f, Monochrome) for f in app._filters)
        app.theme = ANSI_THEME
        await pilot.pause()
        assert any(isinstance(f, NoColor) for f in app._filters)
        assert not any(isinstance(f, Monochrome) for f in app._filters)
        app.theme = LIGHT_THEME
        await pilot.pause()
        assert [type(f) for f in app._filters if isinstance(f, NoColor | Monochrome)] == [
            Monochrome
        ]


async def test_an_empty_no_color_keeps_colours(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "")  # no-color.org: only a non-empty value counts
    app = NewsprismApp([SEEDS])
    async with app.run_test(size=(120, 35)) as pilot:
        await analysed(pilot)
        assert not app.no_color
        assert not any(isinstance(f, NoColor | Monochrome) for f in app._filters)
        facts, _ = fact_and_mention_styles(app.reader.pane(0))
        assert len({style.color for found in facts.values() for style in found}) >= 2


# ---------------------------------------------------------------------- remembered


async def choose(pilot: Pilot, words: str) -> None:
    """Pick the first theme matching `words` in the open theme palette."""
    assert isinstance(pilot.app.screen, CommandPalette)
    await pilot.press(*words)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()


async def open_theme_picker(pilot: Pilot) -> None:
    """The palette's "Theme…" (the pilot cannot type "…")."""
    await pilot.press("ctrl+p")
    pilot.app.screen.query_one(CommandInput).value = "Theme…"
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()


def widest_entity(corpus: Corpus) -> Entity:
    """The most mentioned entity of those every report names."""
    everywhere = [e for e in corpus.entities if len(e.reports) == len(corpus.reports)]
    return max(everywhere, key=lambda entity: entity.mentions)


def drawn_colours(pane: ReportPane) -> tuple[dict[int, set[Color]], set[Color], set[Color]]:
    """The colours the pane draws now: fact numbers by fact colour slot, mentions of the
    chosen entities (bold, reversed), and tag lines ("◂ sources  # topics")."""
    facts: dict[int, set[Color]] = {}
    mentions: set[Color] = set()
    tags: set[Color] = set()
    for y in range(pane.size.height):
        line = list(pane.render_line(y))
        for segment in line:
            colour = segment.style.color if segment.style else None
            if colour is None:
                continue
            if segment.text in MARKERS:
                facts.setdefault((MARKERS[segment.text] - 1) % FACT_COLOURS, set()).add(colour)
            elif segment.style and segment.style.reverse and segment.style.bold:
                mentions.add(colour)
            elif segment.text.startswith(SOURCE_MARK):
                tags.add(colour)
    return facts, mentions, tags


def theme_colour(theme: Theme, variable: str) -> Color:
    return TextualColor.parse(theme.variables[variable]).rich_color


async def test_a_live_theme_switch_restyles_every_pane_at_once() -> None:
    """Fact colours, mentions and tag lines in every visible pane take the new theme's
    colours as soon as it is chosen in the palette, without a redraw of the panes."""
    app = NewsprismApp([SEEDS], theme=DARK_THEME)
    async with app.run_test(size=(120, 35)) as pilot:
        corpus = await analysed(pilot)
        await pilot.press("e", *widest_entity(corpus).name, "enter")
        await pilot.pause()
        assert app.reader.state.entity_filter.active
        panes = [app.reader.pane(i) for i in range(app.reader.state.shown_panes)]
        assert len(panes) >= 2
        for theme in (LIGHT, ANSI, DARK):
            await open_theme_picker(pilot)
            await choose(pilot, theme.name.removeprefix("newsprism-"))
            assert app.theme == theme.name
            for pane in panes:
                facts, mentions, tags = drawn_colours(pane)
                assert facts and mentions and tags, pane.id
                for slot, colours in facts.items():
                    assert colours == {theme_colour(theme, f"newsprism-fact-{slot}")}, slot
                assert mentions == {theme_colour(theme, MENTION_VARIABLE)}
                assert tags == {theme_colour(theme, MUTED_VARIABLE)}


@pytest.mark.parametrize(("key", "table"), [("m", "#matrix-table"), ("o", "#overview-facts")])
async def test_a_live_theme_switch_restyles_the_fact_tables(key: str, table: str) -> None:
    """The fact matrix and the sources overview, open when the theme changes, number
    their facts in the new theme's colours at once."""
    app = NewsprismApp([SEEDS], theme=DARK_THEME)
    async with app.run_test(size=(120, 35)) as pilot:
        await analysed(pilot)
        await pilot.press(key)
        await pilot.pause()
        for theme in (LIGHT, DARK):
            await open_theme_picker(pilot)
            await choose(pilot, theme.name.removeprefix("newsprism-"))
            assert app.theme == theme.name
            rows = app.screen.query_one(table, DataTable)
            drawn = [rows.get_row_at(row)[0].text.style.color for row in range(6)]
            expected = [theme_colour(theme, f"newsprism-fact-{slot}") for slot in range(6)]
            assert drawn == expected


async def test_a_theme_chosen_in_the_palette_is_used_at_the_next_start(config_dir: Path) -> None:
    app = NewsprismApp([SEEDS])
    async with app.run_test(size=(100, 30)) as pilot:
        await analysed(pilot)
        assert app.theme == DEFAULT_THEME
        await open_theme_picker(pilot)
        assert [str(c.title) for c in app.get_system_commands(app.reader)].count("Theme…") == 1
        await choose(pilot, "light")
        assert app.theme == LIGHT_THEME
        assert load_config()[0].theme == LIGHT_THEME
    assert (config_dir / "config.toml").is_file()
    again = NewsprismApp([SEEDS])
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert again.theme == LIGHT_THEME
        assert not notes(again)


def theme_option_choices() -> list[str]:
    """What `--theme` accepts, read from the command line's parser."""
    (action,) = [a for a in _reader_parser()._actions if "--theme" in a.option_strings]
    assert action.choices is not None
    return list(action.choices)


async def offered(pilot: Pilot) -> list[str]:
    """The themes the open theme picker lists, in order."""
    for _ in range(50):
        await pilot.pause(0.02)
        shown = pilot.app.screen.query_one(CommandList).options
        if shown:
            break
    return [option.hit.text for option in shown if isinstance(option, Command)]


async def test_the_palette_offers_exactly_the_themes_of_the_theme_option() -> None:
    choices = theme_option_choices()
    app = NewsprismApp([SEEDS])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await open_theme_picker(pilot)
        assert await offered(pilot) == choices
        await pilot.press("escape")
        # Textual's own theme command is not offered; its action (sorted by name) offers
        # the same themes, none of Textual's.
        titles = [str(c.title) for c in app.get_system_commands(app.reader)]
        assert [t for t in titles if "theme" in t.lower()] == ["Theme…"]
        app.action_change_theme()
        assert sorted(await offered(pilot)) == sorted(choices)
        assert sorted(app.available_themes) == sorted(choices)
        await choose(pilot, "light")
        assert app.theme == LIGHT_THEME
    assert load_config()[0].theme == LIGHT_THEME


def test_an_unknown_theme_given_to_the_app_falls_back_with_a_warning() -> None:
    app = NewsprismApp([SEEDS], theme="nord")
    assert app.theme == DEFAULT_THEME
    assert [p for p in app.theme_choice.problems if "nord" in p] == [
        f"Unknown theme 'nord': using {DEFAULT_THEME}"
    ]


async def test_low_bandwidth_forces_the_ansi_theme_without_saving_it() -> None:
    save_config(Config(theme=LIGHT_THEME))
    app = NewsprismApp([SEEDS], low_bandwidth=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == ANSI_THEME
    assert load_config()[0].theme == LIGHT_THEME
    # --theme wins even so.
    assert NewsprismApp([SEEDS], low_bandwidth=True, theme=DARK_THEME).theme == DARK_THEME


async def test_a_corrupt_config_is_reported_once_and_the_default_used(config_dir: Path) -> None:
    written(config_dir, b"theme = = =")
    app = NewsprismApp([SEEDS])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.theme == DEFAULT_THEME
        warnings = [n for n in notes(app) if "ignored" in str(n)]
        assert len(warnings) == 1 and "config.toml" in str(warnings[0])
        # Choosing a theme writes a good file over the broken one.
        app.theme = LIGHT_THEME
    assert load_config() == (Config(theme=LIGHT_THEME), None)


@pytest.mark.parametrize("name", ["gone-theme", "ansi-dark"])
async def test_an_unknown_saved_theme_falls_back_to_the_default(
    config_dir: Path, name: str
) -> None:
    written(config_dir, f'theme = "{name}"\n'.encode())
    app = NewsprismApp([SEEDS])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.theme == DEFAULT_THEME
        assert len([n for n in notes(app) if name in str(n)]) == 1


async def test_a_config_that_cannot_be_written_is_reported(config_dir: Path) -> None:
    config_dir.parent.mkdir(parents=True, exist_ok=True)
    config_dir.write_text("a file where the folder should be", encoding="utf-8")
    app = NewsprismApp([SEEDS])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.theme = LIGHT_THEME
        await pilot.pause()
        assert app.theme == LIGHT_THEME
        assert any("Theme not saved" in str(n) for n in notes(app))


# ---------------------------------------------------------------------- snapshots


@pytest.mark.parametrize("name", THEMES)
def test_theme_snapshot_80x24(snap_compare, name: str) -> None:
    """Filtered by Homs with unique sentences marked: fact colours and numbers, mentions,
    unique sentences, the filter bar and the status line in each theme."""

    async def run_before(pilot: Pilot) -> None:
        await analysed(pilot)
        await pilot.press("e", *"homs", "enter", "U")
        await pilot.pause()

    assert snap_compare(
        NewsprismApp([SEEDS], theme=name), terminal_size=(80, 24), run_before=run_before
    )


def test_the_config_and_the_theme_option_do_not_import_textual() -> None:
    import subprocess
    import sys

    code = (
        "import sys, tui.settings.config, tui.cli.reader; tui.cli.reader.reader_parser(); "
        "print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))"
    )
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


# ------------------------------------------------------------------ colour-blind readers

# Machado, Oliveira & Fernandes (2009), severity 1.0, applied to linear RGB.
_CVD = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
}  # fmt: skip


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def _lab(linear_rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = (min(max(c, 0.0), 1.0) for c in linear_rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _seen(hex_colour: str, vision: str | None) -> tuple[float, float, float]:
    rgb = [_linear(int(hex_colour[i : i + 2], 16) / 255) for i in (1, 3, 5)]
    if vision is not None:
        rgb = [sum(m * c for m, c in zip(row, rgb, strict=True)) for row in _CVD[vision]]
    return _lab((rgb[0], rgb[1], rgb[2]))


@pytest.mark.parametrize("theme_name", [DARK_THEME, LIGHT_THEME])
@pytest.mark.parametrize("vision", [None, "protanopia", "deuteranopia", "tritanopia"])
def test_fact_colours_stay_apart_for_colour_blind_readers(
    theme_name: str, vision: str | None
) -> None:
    """Every pair of the six fact colours differs by at least 10 ΔE (CIE76), for normal
    vision and under simulated protanopia, deuteranopia and tritanopia: the colour is a
    real cue, not only the numbers and underlines that stand in for it under NO_COLOR."""
    from tui.app import themes

    theme = {t.name: t for t in themes.THEMES}[theme_name]
    colours = [theme.variables[f"newsprism-fact-{n}"] for n in range(6)]
    seen = [_seen(colour, vision) for colour in colours]
    closest = min(math.dist(seen[a], seen[b]) for a in range(6) for b in range(a + 1, 6))
    assert closest >= 10, (theme_name, vision, round(closest, 1))
