"""Help (`?`, `f1`): the keys in force, grouped by what they do, from the live bindings."""

from __future__ import annotations

from collections import Counter

import pytest
from textual.binding import Binding
from textual.geometry import Region

from tests.app.harness import analysed, run_command
from tui.app.app import NewsprismApp
from tui.app.screens.fact_matrix import FactMatrix
from tui.app.screens.help import APP_GROUP, OTHER_GROUP, HelpScreen
from tui.app.screens.reader import ReaderScreen
from tui.app.screens.report_list import ReportList
from tui.app.widgets.report_pane import ReportPane

# The reader's groups, in the order a new user needs them.
READER_GROUPS = ["Move", "Panes", "Stories", "Facts", "Filters", "Views", "Export", "App"]


def help_screen(app: NewsprismApp) -> HelpScreen:
    screen = app.screen
    assert isinstance(screen, HelpScreen)
    return screen


def test_every_reader_and_pane_binding_has_exactly_one_group() -> None:
    """A key added to the reader or its panes without a group fails here, rather than
    falling silently into "Other keys" at the end of help."""
    bound = [
        binding.id
        for binding in Binding.make_bindings([*ReaderScreen.BINDINGS, *ReportPane.BINDINGS])
    ]
    assert None not in bound, "a binding with no id"
    grouped = Counter(action for actions in ReaderScreen.HELP_GROUPS.values() for action in actions)
    assert sorted(set(bound) - set(grouped)) == [], "bindings with no help group"
    assert [action for action, count in grouped.items() if count > 1] == [], "in two groups"
    # And no group names an action that nothing binds any more.
    assert sorted(set(grouped) - set(bound)) == []
    assert list(ReaderScreen.HELP_GROUPS) == READER_GROUPS


async def test_reader_help_is_grouped_in_order(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        await analysed(pilot)
        await pilot.press("question_mark")
        screen = help_screen(seeds_app)
        assert [title for title, _ in screen.groups] == READER_GROUPS
        group_of = {description: title for title, rows in screen.groups for _, description in rows}
        keys = dict((description, keys) for keys, description in screen.rows)
        assert group_of["Next paragraph"] == "Move" and keys["Next paragraph"].startswith("j")
        assert group_of["Other pane"] == "Panes"
        assert group_of["Report list"] == "Panes"
        assert group_of["Next shared fact"] == "Facts"
        assert group_of["Filter by entity"] == "Filters"
        assert group_of["Show / hide boilerplate"] == "Views"
        assert group_of["Copy the paragraph (clipboard)"] == "Export"
        # The app's own keys join the reader's under one description.
        assert group_of["Help"] == APP_GROUP and keys["Help"] == "?, f1"
        assert group_of["Quit"] == APP_GROUP and keys["Quit"] == "q, ^q"
        # Every key the reader answers to is in help, each once.
        live = {
            active.binding.description
            for active in seeds_app.reader.active_bindings.values()
            if active.node is seeds_app.reader or isinstance(active.node, ReportPane)
        } - {"Copy selected text"}  # Textual's screen-wide copy of a mouse selection
        shown = [description for _, rows in screen.groups for _, description in rows]
        assert len(shown) == len(set(shown))
        assert sorted(live - set(shown)) == []
        # The grouped table is drawn: each heading is on the screen.
        keys_widget = screen.query_one("#help-keys")
        body = "\n".join(
            strip.text for strip in keys_widget.render_lines(Region(0, 0, *keys_widget.size))
        )
        for title in READER_GROUPS:
            assert title in body


async def test_matrix_help_lists_its_own_keys_not_the_tables(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        await analysed(pilot)
        await pilot.press("m")
        assert isinstance(seeds_app.screen, FactMatrix)
        await pilot.press("question_mark")
        screen = help_screen(seeds_app)
        keys = {description: keys for keys, description in screen.rows}
        # The DataTable's and Textual's generic bindings are not the matrix's keys.
        for generic in (
            "Cursor up",
            "Cursor down",
            "Page Left",
            "Focus Next",
            "Copy selected text",
        ):
            assert generic not in keys
        assert keys["Next fact"].split(", ")[0] == "j"
        assert keys["Previous fact"].split(", ")[0] == "k"
        assert "Close" in keys and "Show in reader" in keys
        # The matrix's `?` is the app's help: listed with the app's keys, with f1.
        assert keys["Help"] == "?, f1"
        assert [title for title, _ in screen.groups] == ["Fact matrix", APP_GROUP]
        await pilot.press("escape")
        assert isinstance(seeds_app.screen, FactMatrix)


async def test_report_list_help_from_the_filter_box(seeds_app: NewsprismApp) -> None:
    """In the report list `?` types into the filter: `f1` opens help there, with the
    list's own keys and none of the text box's editing keys."""
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        await analysed(pilot)
        await pilot.press("r", "f1")
        screen = help_screen(seeds_app)
        assert [title for title, _ in screen.groups] == ["Report list", APP_GROUP]
        keys = {description: keys for keys, description in screen.rows}
        assert "Close" in keys
        assert keys["Sort by the next column"] == "^s"
        assert keys["Reverse the order"] == "^r"
        assert keys["To the list"] == "↓"
        # In the order the list declares them, not the order Textual resolves keys in.
        assert [description for _, description in screen.groups[0][1]] == [
            "Close",
            "Show in the focused pane",
            "Sort by the next column",
            "Reverse the order",
            "To the list",
        ]
        assert "Delete character left" not in keys and "Submit" not in keys
        await pilot.press("f1")  # f1 again closes help
        assert isinstance(seeds_app.screen, ReportList)
        report_list = seeds_app.screen
        assert report_list.query_one("#report-list-filter").value == ""


async def test_palette_keys_shows_the_screen_it_was_opened_on(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        await analysed(pilot)
        await pilot.press("m")
        await run_command(pilot, "help")
        screen = help_screen(seeds_app)
        assert screen.groups[0][0] == "Fact matrix"


async def test_entity_picker_help(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        await analysed(pilot)
        await pilot.press("e", "f1")
        screen = help_screen(seeds_app)
        assert [title for title, _ in screen.groups] == ["Entity picker", APP_GROUP]
        keys = {description: keys for keys, description in screen.rows}
        assert keys["Filter"] == "⏎" and keys["Cancel"] == "esc"
        # The app's keys work over a modal picker (they are priority bindings): listed.
        assert keys["Quit"] == "^q"
        assert "Move cursor left" not in keys


async def test_a_key_in_no_group_is_still_listed_last(
    seeds_app: NewsprismApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    groups = {t: a for t, a in ReaderScreen.HELP_GROUPS.items() if t != "Views"}
    monkeypatch.setattr(ReaderScreen, "HELP_GROUPS", groups)
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        await analysed(pilot)
        await pilot.press("question_mark")
        screen = help_screen(seeds_app)
        assert [title for title, _ in screen.groups] == [*groups, OTHER_GROUP]
        assert ("b", "Show / hide boilerplate") in screen.groups[-1][1]


async def test_keys_pressed_fast_each_scroll_a_line(seeds_app: NewsprismApp) -> None:
    """Held down, `j` scrolls a line a press: each press scrolls from where the last one
    took the help, not from the last frame drawn."""
    from textual import events
    from textual.containers import VerticalScroll

    async with seeds_app.run_test(size=(80, 24)) as pilot:
        await analysed(pilot)
        await pilot.press("question_mark")
        scroller = help_screen(seeds_app).query_one(VerticalScroll)
        assert scroller.max_scroll_y >= 8
        # As a terminal sends them when a key is held: all queued before any is handled.
        for _ in range(8):
            seeds_app.post_message(events.Key("j", "j"))
        await pilot.pause()
        assert scroller.scroll_y == 8
        for _ in range(3):
            seeds_app.post_message(events.Key("k", "k"))
        await pilot.pause()
        assert scroller.scroll_y == 5


async def test_help_explains_the_marks_on_screen(seeds_app: NewsprismApp) -> None:
    """Under the keys, a legend: what the fact numbers, ◦, ≠, ◂, #, ≈ and the basis words
    mean (an analyst had found only keys there)."""
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        await analysed(pilot)
        await pilot.press("question_mark")
        screen = help_screen(seeds_app)
        marks = screen.query_one("#help-marks")
        body = "\n".join(strip.text for strip in marks.render_lines(Region(0, 0, *marks.size)))
        for mark in ("Marks", "⁴", "◦", "≠", "◂", "#", "≈ also in", "1 src", "one source", "indep"):
            assert mark in body, mark
