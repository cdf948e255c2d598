"""Pilot tests: every key binding of the reader, narrow layout, hostile text, bad files."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot

from tui.app.app import NewsprismApp
from tui.app.screens.help import HelpScreen

LONG_PARAGRAPHS = 60


async def loaded(pilot: Pilot) -> None:
    """Wait until the loading worker has delivered every report and the analysis is
    done (its shared facts are drawn in the panes, which changes how they wrap)."""
    app = pilot.app
    assert isinstance(app, NewsprismApp)
    for _ in range(500):
        await pilot.pause(0.01)
        if not app.reader.state.reading and not app.analysis_running:
            break
    await pilot.pause()


def write_long_reports(folder: Path, count: int = 3) -> list[str]:
    paths = []
    for number in range(1, count + 1):
        paragraphs = [
            f"Report {number} paragraph {i}: " + "word " * (5 + i % 30)
            for i in range(LONG_PARAGRAPHS)
        ]
        path = folder / f"{number:02d}.txt"
        path.write_text("\n\n".join(paragraphs), encoding="utf-8")
        paths.append(str(path))
    return paths


async def test_opens_both_seeds_side_by_side(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(120, 35)) as pilot:
        await loaded(pilot)
        reader = seeds_app.reader
        assert [r.outlet for r in reader.reports][1] == "Sky News"
        assert reader.pane(0).report is reader.reports[0]
        assert reader.pane(1).report is reader.reports[1]
        assert seeds_app.focused is reader.pane(0)
        header = str(reader.query_one("#header-1").render())
        assert "Sky News" in header and "2 of 2" in header


@pytest.mark.parametrize(("keys", "expected"), [(("j",), 1), (("down", "down"), 2)])
async def test_next_paragraph(
    seeds_app: NewsprismApp, keys: tuple[str, ...], expected: int
) -> None:
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press(*keys)
        assert seeds_app.reader.pane(0).cursor == expected


@pytest.mark.parametrize("key", ["k", "up"])
async def test_previous_paragraph(seeds_app: NewsprismApp, key: str) -> None:
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("j", "j", "j", key)
        assert seeds_app.reader.pane(0).cursor == 2
        await pilot.press(key, key, key, key)
        assert seeds_app.reader.pane(0).cursor == 0


async def test_top_and_bottom(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        pane = seeds_app.reader.pane(0)
        await pilot.press("G")
        assert pane.cursor == len(pane.paragraphs) - 1
        assert pane.scroll_offset.y > 0
        await pilot.press("g")
        assert pane.cursor == 0
        assert pane.scroll_offset.y == 0


@pytest.mark.parametrize(
    ("down", "up", "half"),
    [("pagedown", "pageup", False), ("space", "pageup", False), ("ctrl+d", "ctrl+u", True)],
)
async def test_paging(tmp_path: Path, down: str, up: str, half: bool) -> None:
    app = NewsprismApp(write_long_reports(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        pane = app.reader.pane(0)
        height = pane.scrollable_content_region.height
        await pilot.press(down)
        step = height // 2 if half else height - 1
        assert pane.scroll_offset.y == step
        assert pane.cursor > 0
        # The cursor lands on a paragraph that starts inside the view.
        top = pane._tops[pane.cursor]
        assert step <= top < step + height
        await pilot.press(up)
        assert pane.scroll_offset.y == 0
        assert pane.cursor == 0


async def test_tab_switches_panes(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        reader = seeds_app.reader
        await pilot.press("tab")
        assert seeds_app.focused is reader.pane(1)
        await pilot.press("j")
        assert reader.pane(1).cursor == 1
        assert reader.pane(0).cursor == 0
        await pilot.press("shift+tab")
        assert seeds_app.focused is reader.pane(0)


async def test_brackets_change_the_focused_panes_report(tmp_path: Path) -> None:
    app = NewsprismApp(write_long_reports(tmp_path, count=3))
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        reader = app.reader
        # Report 2 is the right pane's: ] passes over it.
        await pilot.press("right_square_bracket")
        assert reader.pane(0).report is reader.reports[2]
        assert "3 of 3" in str(reader.query_one("#header-0").render())
        await pilot.press("right_square_bracket")  # round to the first
        assert reader.pane(0).report is reader.reports[0]
        await pilot.press("left_square_bracket")
        assert reader.pane(0).report is reader.reports[2]
        assert "3 of 3" in str(reader.query_one("#header-0").render())
        # The other pane is untouched.
        assert reader.pane(1).report is reader.reports[1]


async def test_boilerplate_hidden_by_default_and_toggled(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        pane = seeds_app.reader.pane(1)
        report = pane.report
        assert report is not None
        body = [p for p in report.paragraphs if p.kind != "boilerplate"]
        assert len(pane.paragraphs) == len(body) < len(report.paragraphs)
        await pilot.press("b")
        assert len(pane.paragraphs) == len(report.paragraphs)
        await pilot.press("b")
        assert len(pane.paragraphs) == len(body)


async def test_help_lists_the_live_bindings(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        assert isinstance(seeds_app.screen, HelpScreen)
        descriptions = {description for _, description in seeds_app.screen.rows}
        for expected in (
            "Next paragraph",
            "Other pane",
            "Show / hide boilerplate",
            "Quit",
            "Page down",
        ):
            assert expected in descriptions
        keys = dict((d, k) for k, d in seeds_app.screen.rows)
        assert "j" in keys["Next paragraph"] and "↓" in keys["Next paragraph"]
        await pilot.press("escape")
        assert not isinstance(seeds_app.screen, HelpScreen)


async def test_command_palette_opens(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+p")
        assert isinstance(seeds_app.screen, CommandPalette)
        await pilot.press(*"boilerplate")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert seeds_app.reader.state.show_boilerplate


async def test_q_quits(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert seeds_app._exit


async def test_narrow_terminal_shows_one_pane_at_a_time(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(50, 24)) as pilot:
        await loaded(pilot)
        reader = seeds_app.reader
        assert reader.has_class("-narrow")
        assert reader.pane(0).region.width > 40
        assert reader.pane(1).region.width == 0
        await pilot.press("tab")
        assert reader.pane(1).region.width > 40
        assert reader.pane(0).region.width == 0
        await pilot.press("j")
        assert reader.pane(1).cursor == 1


async def test_80_columns_shows_both_panes_readably(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        reader = seeds_app.reader
        assert not reader.has_class("-narrow")
        assert reader.pane(0).region.width >= 35
        assert reader.pane(1).region.width >= 35


async def test_paragraphs_rewrap_on_resize(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(160, 45)) as pilot:
        await loaded(pilot)
        pane = seeds_app.reader.pane(0)
        wide = pane.virtual_size.height
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert pane.virtual_size.height > wide


async def test_report_text_is_never_markup_or_escapes(tmp_path: Path) -> None:
    hostile = (
        "Plain [bold red]x[/] and [link=https://evil.example]click[/link] here.\n\n"
        "Escapes \x1b[31mred\x1b[0m, a title \x1b]0;pwned\x07 and a bell \x07 done."
    )
    path = tmp_path / "hostile.txt"
    path.write_text(hostile, encoding="utf-8")
    app = NewsprismApp([str(path)])
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        pane = app.reader.pane(0)
        lines = [pane.render_line(y) for y in range(6)]
        shown = "\n".join(strip.text for strip in lines)
        assert "[bold red]x[/]" in shown
        assert "[link=https://evil.example]click[/link]" in shown
        assert "red" in shown and "pwned" not in shown
        for strip in lines:
            for segment in strip:
                assert not any(ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 for ch in segment.text)
                assert segment.style is None or segment.style.link is None


async def test_bad_file_is_reported_and_the_others_open(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("A good report.\n\nWith two paragraphs.", encoding="utf-8")
    binary = tmp_path / "bad.txt"
    binary.write_bytes(b"\x00\x01\x02binary\x00" * 10)
    app = NewsprismApp([str(binary), str(good), str(tmp_path / "missing.txt")])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert app.report_count == 1
        assert len(app.load_errors) == 2
        assert app.reader.pane(0).report is not None
        assert app.reader.pane(0).report.name == "good"
        assert "No other report" in app.reader.pane(1).message_text


async def test_markdown_is_shown_formatted(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text(
        "---\ntitle: Big day\nsource: The Example Times\n---\n"
        "# Headline\n\nSome **bold** and [a link](https://example.com) here.\n",
        encoding="utf-8",
    )
    app = NewsprismApp([str(path)])
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        pane = app.reader.pane(0)
        shown = "\n".join(pane.render_line(y).text for y in range(5))
        assert "Some bold and a link↗ here." in shown
        assert "**" not in shown and "](" not in shown
        header = str(app.reader.query_one("#header-0").render())
        assert "The Example Times" in header and "Big day" in header


async def test_deeply_nested_quotes_and_lists_leave_room_for_the_words(tmp_path: Path) -> None:
    deep = tmp_path / "deep.md"
    deep.write_text(
        "> " * 30
        + "Innermost quoted words stay readable.\n\n"
        + "".join("  " * level + "- item\n" for level in range(25))
        + "  " * 25
        + "- Deepest list words stay readable.\n",
        encoding="utf-8",
    )
    app = NewsprismApp([str(deep)], use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        pane = app.reader.pane(0)
        shown = " ".join(pane.render_line(y).text for y in range(22))
        assert "Innermost quoted" in shown
        assert "│×" in shown  # the depth as a number, not 30 bars
        for y in range(22):
            assert pane.render_line(y).cell_length <= pane.size.width
        await pilot.press("G")
        shown = " ".join(pane.render_line(y).text for y in range(22))
        assert "Deepest" in shown
