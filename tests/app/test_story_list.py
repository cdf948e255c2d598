"""Stories in the reader: the story list it opens on with more than one story (sort,
filter as you type, filter by entity), a story opened (its reports in the panes, `[`/`]`,
the report list, facts and the status line kept to it), back to the list, and the seeds
(one story) opening straight on the reports with nothing about stories."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from tests.app.harness import (
    analysed,
    binding_rows,
    footer_keys,
    notes,
    run_command,
    screen_lines,
    story_list_shown,
)
from tests.unit.harness import STORY_REPORTS, write_story_reports
from tui.app.app import NewsprismApp
from tui.app.screens.entity_picker import EntityPicker
from tui.app.screens.fact_matrix import FactMatrix
from tui.app.screens.help import HelpScreen
from tui.app.screens.report_list import ReportList
from tui.app.screens.sources_overview import SourcesOverview
from tui.app.screens.story_list import StoryList, column_widths
from tui.app.state import status_line
from tui.model.corpus import Corpus

# The generated stories (tests/unit/harness.py), by id: s1 quake (3 reports), s2 heist,
# s3 Oscars (2 each), s4 flood (1). Files sort flood, heist, Oscars, quake.
QUAKE_OUTLETS = ["Reuters", "AP", "BBC"]


@pytest.fixture
def stories_app(tmp_path: Path) -> NewsprismApp:
    return NewsprismApp([str(write_story_reports(tmp_path / "coverage"))])


def rows(screen: StoryList) -> list[list[str]]:
    table = screen.table
    return [[cell.text.plain for cell in table.get_row_at(y)] for y in range(table.row_count)]


def row_ids(screen: StoryList) -> list[str]:
    return [row[0] for row in rows(screen)]


def title_line(screen: StoryList) -> str:
    return str(screen.query_one("#story-list-title").render())


def status(app: NewsprismApp) -> str:
    return str(app.reader.query_one("#status-label").render())


def header(app: NewsprismApp, index: int) -> str:
    return str(app.reader.query_one(f"#header-{index}").render())


def pane_outlets(app: NewsprismApp) -> list[str]:
    reader = app.reader
    return [
        reader.pane(i).report.outlet  # type: ignore[union-attr]
        for i in range(reader.pane_count)
        if reader.pane(i).report is not None
    ]


async def open_story(pilot: Pilot, number: int) -> None:
    """From the story list: the story `number` (its "#"), by typing nothing but keys."""
    screen = pilot.app.screen
    assert isinstance(screen, StoryList)
    await pilot.press("down")  # into the table (on the second row)
    while (screen.sort_column, screen.reverse) != ("number", False):
        await pilot.press("0")  # story order (the list keeps the order it was left in)
    await pilot.press("ctrl+home")  # the first row: row n is story n
    for _ in range(number - 1):
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.pause()


# ---------------------------------------------------------------------- the list


async def test_opens_on_the_story_list_sorted_by_reports(stories_app: NewsprismApp) -> None:
    async with stories_app.run_test(size=(100, 30)) as pilot:
        screen = await story_list_shown(pilot)
        assert isinstance(stories_app.focused, Input)
        shown = rows(screen)
        assert [row[0] for row in shown] == ["1", "2", "3", "4"]
        quake = shown[0]
        assert "quake" in quake[1].lower() or "earthquake" in quake[1].lower()
        assert quake[2:] == ["3", "3", "2024-03-04–05", quake[5]]
        assert int(quake[5]) >= 1  # shared facts within the story
        assert shown[3][2:5] == ["1", "1", "2024-07-02"]
        assert "Stories  4 · sorted by reports ↓" in title_line(screen)
        # The highlighted story whole under the table.
        details = str(screen.query_one("#story-list-details").render())
        assert "Story 1 · 3 reports" in details and "AP, BBC, Reuters" in details


async def test_typing_filters_by_title_and_outlet(stories_app: NewsprismApp) -> None:
    async with stories_app.run_test(size=(100, 30)) as pilot:
        screen = await story_list_shown(pilot)
        await pilot.press(*"reuters")
        assert row_ids(screen) == ["1"]
        assert "1 of 4 shown" in title_line(screen)
        await pilot.press(*["backspace"] * 7, *"oscars")
        assert row_ids(screen) == ["3"]
        await pilot.press(*["backspace"] * 6, *"nothing like it")
        assert row_ids(screen) == []
        assert "No story matches" in str(screen.query_one("#story-list-details").render())
        await pilot.press("enter")  # nothing to open: the list stays
        assert stories_app.screen is screen
        assert "nothing to open" in notes(stories_app)[-1]


async def test_a_long_list_holds_the_first_rows_and_says_so(
    stories_app: NewsprismApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.app.screens.story_list

    monkeypatch.setattr(tui.app.screens.story_list, "MAX_SHOWN", 2)
    async with stories_app.run_test(size=(100, 30)) as pilot:
        screen = await story_list_shown(pilot)
        assert row_ids(screen) == ["1", "2"]
        assert "the first 2 listed: type to narrow" in title_line(screen)
        await pilot.press("ctrl+r")  # the smallest first: the others come into the list
        assert row_ids(screen) == ["4", "2"]
        await pilot.press(*"oscars")
        assert row_ids(screen) == ["3"]
        assert "type to narrow" not in title_line(screen)


async def test_keys_sort_the_stories(stories_app: NewsprismApp) -> None:
    async with stories_app.run_test(size=(100, 30)) as pilot:
        screen = await story_list_shown(pilot)
        await pilot.press("ctrl+s")  # reports -> outlets, from the filter box
        assert "sorted by outlets ↓" in title_line(screen)
        assert isinstance(stories_app.focused, Input)
        await pilot.press("ctrl+r")
        assert row_ids(screen)[0] == "4"  # the fewest outlets first
        await pilot.press("down")
        assert isinstance(stories_app.focused, DataTable)
        await pilot.press("4")  # dates, oldest first
        assert row_ids(screen) == ["2", "3", "1", "4"]
        assert "sorted by dates ↑" in title_line(screen)
        await pilot.press("4")  # again: newest first
        assert row_ids(screen) == ["4", "1", "3", "2"]
        await pilot.press("0")
        assert row_ids(screen) == ["1", "2", "3", "4"]
        await pilot.press("2")
        assert "sorted by reports ↓" in title_line(screen)
        # The cursor stays on its story through a sort.
        await pilot.press("down", "down")  # story 3
        await pilot.press("4")
        assert screen.highlighted == "s3"


async def test_filter_by_entity_keeps_the_stories_naming_it(stories_app: NewsprismApp) -> None:
    async with stories_app.run_test(size=(100, 30)) as pilot:
        screen = await story_list_shown(pilot)
        await pilot.press("ctrl+f")
        assert isinstance(stories_app.screen, EntityPicker)
        await pilot.press(*"golani", "enter")
        await pilot.pause()
        assert stories_app.screen is screen
        assert row_ids(screen) == ["1", "4"]
        assert "naming Miriam Golani" in title_line(screen)
        # The filter is the reader's own: the story opened shows the entity marked.
        reader = stories_app.reader
        (golani,) = reader.state.entity_filter.entity_ids
        assert reader.state.corpus is not None
        assert reader.state.corpus.entity(golani).name == "Miriam Golani"
        # Typing narrows further; c in the list clears the entity filter.
        await pilot.press(*"sylhet")
        assert row_ids(screen) == ["4"]
        await pilot.press(*["backspace"] * 6, "down", "c")
        assert row_ids(screen) == ["1", "2", "3", "4"]
        assert not reader.state.entity_filter.active
        # e in the list picks entities too; a: stories naming all of them.
        await pilot.press("e", *"golani", "down", "space")
        await pilot.press(*"rodrigo", "down", "space", "enter")  # a new search
        await pilot.pause()
        assert row_ids(screen) == ["1", "4"]
        await pilot.press("a")
        assert row_ids(screen) == ["1"]
        assert reader.state.entity_filter.mode == "all"


# ---------------------------------------------------------------------- a story open


async def test_enter_opens_a_story_and_everything_stays_inside_it(
    stories_app: NewsprismApp,
) -> None:
    async with stories_app.run_test(size=(120, 35)) as pilot:
        await story_list_shown(pilot)
        await pilot.press("enter")  # story 1, the quake, highlighted first
        await pilot.pause()
        reader = stories_app.reader
        assert stories_app.screen is reader
        state = reader.state
        assert state.story is not None and state.story.id == "s1"
        assert pane_outlets(stories_app) == QUAKE_OUTLETS[:2]
        assert stories_app.focused is reader.pane(0)
        assert "1 of 3" in header(stories_app, 0) and "2 of 3" in header(stories_app, 1)
        assert status(stories_app).startswith("Story 1 of 4 (s1) · 3 reports")
        # [ and ] go round the story's reports only (passing over the right pane's).
        seen = []
        for _ in range(3):
            await pilot.press("right_square_bracket")
            seen.append(pane_outlets(stories_app)[0])
        assert seen == ["BBC", "Reuters", "BBC"]
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert pane_outlets(stories_app)[0] == "BBC"
        assert "3 of 3" in header(stories_app, 0)
        # p adds a pane on the story's report no pane shows; no fourth one to add.
        await pilot.press("p")
        assert sorted(pane_outlets(stories_app)) == sorted(QUAKE_OUTLETS)
        # The report list lists the story's reports, numbered in it.
        await pilot.press("r")
        listed = stories_app.screen
        assert isinstance(listed, ReportList)
        table = listed.table
        cells = [[c.plain for c in table.get_row_at(y)] for y in range(table.row_count)]
        assert [row[0] for row in cells] == ["1", "2", "3"]
        assert [row[1] for row in cells] == QUAKE_OUTLETS
        assert "Reports of story s1" in str(listed.query_one("#report-list-title").render())
        await pilot.press("escape")
        # The facts are the story's: every fact of the matrix joins quake reports.
        corpus = reader.state.corpus
        assert corpus is not None
        quake = set(state.story.analysis.corpus.stories[0].report_ids)
        assert corpus.facts and all(set(f.reports) <= quake for f in corpus.facts)
        await pilot.press("m")
        assert isinstance(stories_app.screen, FactMatrix)
        assert stories_app.screen.corpus is corpus
        await pilot.press("escape")
        # So are the sources overview and the topics.
        await pilot.press("o")
        assert isinstance(stories_app.screen, SourcesOverview)
        assert stories_app.screen.corpus is corpus
        await pilot.press("escape")
        whole = reader.state.analysis
        assert whole is not None
        topics = {item.id for item in reader.state.tags.topics}
        assert topics and topics < {item.id for item in whole.tags.topics}
        paragraphs = {p.id for r in corpus.reports for p in r.paragraphs}
        assert all(set(t.paragraphs) <= paragraphs for t in corpus.topics)


async def test_escape_goes_back_to_the_list_and_another_story(
    stories_app: NewsprismApp,
) -> None:
    async with stories_app.run_test(size=(120, 35)) as pilot:
        await story_list_shown(pilot)
        await open_story(pilot, 2)  # the heist
        reader = stories_app.reader
        assert reader.state.story is not None and reader.state.story.id == "s2"
        assert pane_outlets(stories_app) == ["Le Monde", "AFP"]
        await pilot.press("j")
        await pilot.press("escape")
        screen = stories_app.screen
        assert isinstance(screen, StoryList)
        assert screen.highlighted == "s2"  # the cursor on the story open
        await pilot.press("escape")  # back to the story as it was
        assert stories_app.screen is reader and reader.state.story.id == "s2"
        await pilot.press("escape")
        await open_story(pilot, 4)  # one report: the right pane has none
        assert reader.state.story is not None and reader.state.story.id == "s4"
        assert pane_outlets(stories_app) == ["Dhaka Tribune"]
        assert "No other report in this story." in "\n".join(screen_lines(stories_app))
        assert "1 of 1" in header(stories_app, 0)
        await pilot.press("right_square_bracket")
        assert pane_outlets(stories_app) == ["Dhaka Tribune"]
        assert status(stories_app).startswith("Story 4 of 4 (s4) · 1 report ·")


async def test_the_entity_filter_spans_stories(stories_app: NewsprismApp) -> None:
    async with stories_app.run_test(size=(120, 35)) as pilot:
        await story_list_shown(pilot)
        await pilot.press("enter")  # the quake
        await pilot.pause()
        await pilot.press("e", *"golani", "enter")
        await pilot.pause()
        reader = stories_app.reader
        assert reader.state.entity_filter.active
        # The story list shows the stories naming it; the flood is one of them.
        await pilot.press("escape")
        screen = stories_app.screen
        assert isinstance(screen, StoryList)
        assert row_ids(screen) == ["1", "4"]
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert reader.state.story is not None and reader.state.story.id == "s4"
        assert reader.state.entity_filter.active
        pane = reader.pane(0)
        assert [p.id for p in pane.paragraphs] == [pane.report.paragraphs[-1].id]  # type: ignore[union-attr]


async def test_status_and_keys_of_the_reader_with_stories(stories_app: NewsprismApp) -> None:
    async with stories_app.run_test(size=(80, 24)) as pilot:
        await story_list_shown(pilot)
        await pilot.press("escape")  # back to the reader, no story open: every report
        reader = stories_app.reader
        assert reader.state.story is None
        assert "4 stories" in status(stories_app)
        keys = footer_keys(stories_app)
        assert keys.get("esc") == "Stories"
        line = screen_lines(stories_app)[-1]
        for key, description in keys.items():
            assert f"{key} {description}" in line, line
        assert ("esc", "Stories") in binding_rows(stories_app)
        await pilot.press("question_mark")
        help_screen = stories_app.screen
        assert isinstance(help_screen, HelpScreen)
        assert ("esc", "Stories") in help_screen.rows
        await pilot.press("escape")
        await run_command(pilot, "stories")
        assert isinstance(stories_app.screen, StoryList)


async def test_the_lists_footer_fits_80_columns(stories_app: NewsprismApp) -> None:
    """Every key the footer shows is whole on the line, in the filter box and in the
    table (where `?` and `q` work too)."""
    async with stories_app.run_test(size=(80, 24)) as pilot:
        await story_list_shown(pilot)
        for focus in ("box", "table"):
            keys, line = footer_keys(stories_app), screen_lines(stories_app)[-1]
            assert {"⏎", "esc", "^f", "^s", "^r"} <= keys.keys(), (focus, keys)
            for key, description in keys.items():
                assert f"{key} {description}" in line, (focus, line)
            await pilot.press("down")
        assert {"?", "q"} <= footer_keys(stories_app).keys()
        await pilot.press("q")
    assert stories_app.return_code == 0


# ---------------------------------------------------------------------- timing


async def test_a_reader_who_started_reading_gets_a_notice(
    tmp_path: Path, held_analysis: threading.Event
) -> None:
    """Stories found after the user pressed a key: a notice names the key, the screen
    stays on the reports."""
    app = NewsprismApp([str(write_story_reports(tmp_path / "coverage"))])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("j")
        held_analysis.set()
        await analysed(pilot)
        await pilot.pause()
        assert app.screen is app.reader
        assert "4 stories found: esc lists them" in notes(app)
        assert app.reader.state.story is None
        await pilot.press("escape")
        assert isinstance(app.screen, StoryList)


async def test_the_list_opens_once(stories_app: NewsprismApp) -> None:
    """Later stages of the analysis update the open list, they do not open another."""
    async with stories_app.run_test(size=(100, 30)) as pilot:
        await story_list_shown(pilot)
        await pilot.pause(0.2)
        lists = [s for s in stories_app.screen_stack if isinstance(s, StoryList)]
        assert len(lists) == 1
        assert rows(lists[0])[0][5] != "…"  # the shared facts are in


# ---------------------------------------------------------------------- one story


async def test_the_seeds_open_on_the_reports_with_nothing_about_stories(
    seeds_app: NewsprismApp,
) -> None:
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        corpus: Corpus = await analysed(pilot)
        assert len(corpus.stories) == 1
        await pilot.pause(0.1)
        assert seeds_app.screen is seeds_app.reader
        assert seeds_app.reader.state.story is None
        assert "esc" not in footer_keys(seeds_app)
        assert "stor" not in status(seeds_app).lower()
        await pilot.press("escape")  # nothing
        assert seeds_app.screen is seeds_app.reader
        assert "Stories" not in [description for _, description in binding_rows(seeds_app)]
        await pilot.press("question_mark")
        help_screen = seeds_app.screen
        assert isinstance(help_screen, HelpScreen)
        assert "Stories" not in [description for _, description in help_screen.rows]
        await pilot.press("escape")
        titles = [str(c.title) for c in seeds_app.get_system_commands(seeds_app.reader)]
        assert "Stories" not in titles


# ---------------------------------------------------------------------- widths, safety


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_titles_are_cut_to_fit_the_screen(tmp_path: Path, size: tuple[int, int]) -> None:
    long_title = "A very long headline about the Iquique earthquake " * 4
    stories = {
        "quake": [
            (outlet, date, long_title.strip(), body)
            for outlet, date, _, body in STORY_REPORTS["quake"]
        ],
        "flood": STORY_REPORTS["flood"],
    }
    app = NewsprismApp([str(write_story_reports(tmp_path / "coverage", stories))])
    async with app.run_test(size=size) as pilot:
        screen = await story_list_shown(pilot)
        lines = screen_lines(app)
        table_lines = [line for line in lines if line.startswith(" 1 ")]
        assert table_lines, lines
        for line in table_lines:
            assert cell_len(line.rstrip()) <= size[0]
            assert "…" in line  # cut, with the counts still on the line
            assert line.rstrip().endswith(rows(screen)[0][5])
        # The details give the title whole (wrapped).
        details = str(screen.query_one("#story-list-details").render())
        assert "A very long headline" in details
        # The title takes the whole column, however wide (it was cut to 100 characters
        # before it reached the list).
        (cut,) = [row[1] for row in rows(screen) if row[0] == "1"]
        width = column_widths(screen.rows, size[0])["title"]
        assert width - 1 <= cell_len(cut) <= width  # a space cut off before the "…"
        # The title takes two lines at most: the story's counts stay in sight.
        assert any(line.startswith(" Story 1 · 3 reports") for line in lines), lines


async def test_story_titles_are_text_not_markup(tmp_path: Path) -> None:
    hostile = {
        "fire": [
            ("[bold red]Evil[/] \x1b]0;pwned\x07Wire", "2024-01-01",
             "[b]Warehouse[/b] fire \x1b[31min Leeds",
             "A fire destroyed a warehouse in Leeds on Monday, the fire service said."),
            ("Other", "2024-01-01", "[b]Warehouse[/b] fire \x1b[31min Leeds",
             "A fire destroyed a warehouse in Leeds on Monday, firefighters said."),
        ],
        "flood": STORY_REPORTS["flood"],
    }  # fmt: skip
    app = NewsprismApp([str(write_story_reports(tmp_path / "coverage", hostile))])
    async with app.run_test(size=(120, 30)) as pilot:
        await story_list_shown(pilot)
        text = "\n".join(screen_lines(app))
        assert "[b]Warehouse[/b] fire" in text
        assert "pwned" not in text and "\x1b" not in text
        assert "[bold red]Evil[/]" in text


# ---------------------------------------------------------------------- fresh eyes


async def test_the_list_keeps_its_sort_and_filter_after_a_story(
    stories_app: NewsprismApp,
) -> None:
    """esc from a story brings the list back as it was left: its sort and filter text."""
    async with stories_app.run_test(size=(100, 30)) as pilot:
        screen = await story_list_shown(pilot)
        await pilot.press("ctrl+s", "ctrl+s", "ctrl+r")  # by dates, newest first
        await pilot.press(*"reuters")
        assert row_ids(screen) == ["1"]
        shown = title_line(screen)
        assert "1 of 4 shown" in shown and "sorted by dates ↓" in shown
        await pilot.press("enter")
        await pilot.pause()
        assert stories_app.screen is stories_app.reader
        await pilot.press("escape")
        again = stories_app.screen
        assert isinstance(again, StoryList) and again is not screen
        assert again.query_one(Input).value == "reuters"
        assert row_ids(again) == ["1"]
        assert title_line(again) == shown
        # The filter text cleared: every story, in the order kept.
        await pilot.press(*["backspace"] * 7)
        assert row_ids(again) == ["4", "1", "3", "2"]


async def test_down_from_the_filter_box_moves_the_cursor_too(
    stories_app: NewsprismApp,
) -> None:
    """The first row is highlighted while typing (enter opens it): ↓ goes into the
    table and on to the second row, as ↓ does in the table."""
    async with stories_app.run_test(size=(100, 30)) as pilot:
        screen = await story_list_shown(pilot)
        assert isinstance(stories_app.focused, Input)
        assert screen.table.cursor_row == 0
        await pilot.press("down")
        assert isinstance(stories_app.focused, DataTable)
        assert screen.table.cursor_row == 1
        assert screen.highlighted == "s2"
        await pilot.press("enter")
        await pilot.pause()
        story = stories_app.reader.state.story
        assert story is not None and story.id == "s2"


async def test_next_report_skips_the_report_the_other_pane_shows(
    stories_app: NewsprismApp,
) -> None:
    async with stories_app.run_test(size=(120, 35)) as pilot:
        await story_list_shown(pilot)
        await pilot.press("enter")  # the quake: Reuters and AP shown, BBC not
        await pilot.pause()
        assert pane_outlets(stories_app) == ["Reuters", "AP"]
        seen = []
        for _ in range(3):
            await pilot.press("right_square_bracket")
            seen.append(pane_outlets(stories_app)[0])
        assert seen == ["BBC", "Reuters", "BBC"]
        seen = []
        for _ in range(3):
            await pilot.press("left_square_bracket")
            seen.append(pane_outlets(stories_app)[0])
        assert seen == ["Reuters", "BBC", "Reuters"]
        assert pane_outlets(stories_app)[1] == "AP"
        # The right pane likewise skips the left pane's report.
        await pilot.press("tab", "right_square_bracket")
        assert pane_outlets(stories_app) == ["Reuters", "BBC"]
        await pilot.press("right_square_bracket")
        assert pane_outlets(stories_app) == ["Reuters", "AP"]
        # Two reports: ] shows the other one, even though the other pane shows it.
        await pilot.press("escape")
        await open_story(pilot, 2)
        assert pane_outlets(stories_app) == ["Le Monde", "AFP"]
        await pilot.press("right_square_bracket")
        assert pane_outlets(stories_app) == ["AFP", "AFP"]


async def test_the_status_line_gives_the_place_in_the_list_and_the_id(
    stories_app: NewsprismApp,
) -> None:
    async with stories_app.run_test(size=(120, 35)) as pilot:
        await story_list_shown(pilot)
        await open_story(pilot, 2)  # in story order: the second row is s2
        assert status(stories_app).startswith("Story 2 of 4 (s2) · 2 reports")
        await pilot.press("escape", "down", "4")  # by dates: s2, s3, s1, s4
        screen = stories_app.screen
        assert isinstance(screen, StoryList)
        assert row_ids(screen) == ["2", "3", "1", "4"]
        # Back to the same story: its place in the list as it is sorted now.
        await pilot.press("escape")
        assert status(stories_app).startswith("Story 1 of 4 (s2) · 2 reports")
        await pilot.press("escape", "down", "down", "enter")  # the third row: s1
        await pilot.pause()
        assert status(stories_app).startswith("Story 3 of 4 (s1) · 3 reports")
        # The report list names the story by its id too.
        await pilot.press("r")
        listed = stories_app.screen
        assert isinstance(listed, ReportList)
        assert "Reports of story s1" in str(listed.query_one("#report-list-title").render())


async def test_the_status_line_is_cut_at_a_word_with_an_ellipsis(tmp_path: Path) -> None:
    title = "Rescue teams search collapsed buildings in Iquique through a long night"
    stories = {
        "quake": [(o, d, title, body) for o, d, _, body in STORY_REPORTS["quake"]],
        "flood": STORY_REPORTS["flood"],
    }
    app = NewsprismApp([str(write_story_reports(tmp_path / "coverage", stories))])
    async with app.run_test(size=(80, 24)) as pilot:
        await story_list_shown(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is app.reader
        full = status_line(app.reader.state)
        assert full is not None and full.label.endswith(title)
        line = screen_lines(app)[-2].strip()
        assert line.startswith("Story 1 of 2 (s1) · 3 reports") and line.endswith("…"), line
        shown = line.removesuffix("…")
        assert full.label.startswith(shown)
        assert full.label[len(shown)] == " ", line  # cut between words
        # Wide enough: the whole line.
        await pilot.resize_terminal(160, 30)
        await pilot.pause()
        line = screen_lines(app)[-2].strip()
        assert line.endswith(title), line


async def test_a_later_storys_facts_keep_the_numbers_analyze_gives_them(
    stories_app: NewsprismApp,
) -> None:
    """Facts are numbered story by story (the quake's f1..., then the heist's): the
    heist's facts are shown by the same numbers in its panes, its matrix and its sources
    overview as `analyze` and the JSON give them (an analyst found them renumbered from
    f1 in each story's view)."""
    async with stories_app.run_test(size=(120, 40)) as pilot:
        await story_list_shown(pilot)
        await open_story(pilot, 2)
        reader = stories_app.reader
        corpus = reader.state.corpus
        assert corpus is not None and corpus.facts
        ids = [fact.id for fact in corpus.facts]
        assert ids[0] != "f1", "the quake comes first and has facts"
        assert reader.state.facts.numbers == {i: int(i[1:]) for i in ids}
        await pilot.press("m")
        matrix = stories_app.screen
        assert isinstance(matrix, FactMatrix)
        assert matrix.table.get_row_at(0)[0].text.plain == ids[0]
        await pilot.press("escape", "o")
        overview = stories_app.screen
        assert isinstance(overview, SourcesOverview)
        assert overview.fact_table.get_row_at(0)[0].text.plain == ids[0]


async def test_a_storys_new_fact_count_is_the_storys_then_all(stories_app: NewsprismApp) -> None:
    """Moving the sensitivity in a story's view says the story's count, as the status
    line does, and then all stories' (the notice had given all stories' alone, beside a
    status line giving the story's)."""
    async with stories_app.run_test(size=(120, 40)) as pilot:
        await story_list_shown(pilot)
        await open_story(pilot, 1)
        reader = stories_app.reader
        before = reader.state.corpus
        assert before is not None
        await pilot.press("minus")
        for _ in range(300):
            await pilot.pause(0.01)
            shown = reader.state.corpus
            if shown is not None and shown.fact_threshold < before.fact_threshold:
                break
        await pilot.pause()
        shown = reader.state.corpus
        whole = reader.state.analysis
        assert shown is not None and whole is not None
        said = [n for n in notes(stories_app) if n.startswith("Fact matching")]
        assert said, notes(stories_app)
        story, total = len(shown.facts), len(whole.corpus.facts)
        fact_word = "fact" if story == 1 else "facts"
        assert f"{story} shared {fact_word} in this story, {total} in all" in said[-1]
        assert f"{story} shared" in status(stories_app)


async def test_a_filter_turns_a_pane_without_a_match_to_a_report_with_one(
    stories_app: NewsprismApp,
) -> None:
    """Filtering by a name only one report of the story gives, with the panes on two
    others, turns a pane to that report (an analyst had been left with two panes saying
    "No paragraph here ...")."""
    from tui.query.entities import EntityFilter

    async with stories_app.run_test(size=(120, 40)) as pilot:
        await story_list_shown(pilot)
        await open_story(pilot, 1)
        reader = stories_app.reader
        await pilot.press("right_square_bracket")  # pane 1: Reuters on to BBC (AP is shown)
        assert pane_outlets(stories_app) == ["BBC", "AP"]
        corpus = reader.state.corpus
        assert corpus is not None
        golani = next(e for e in corpus.entities if e.name == "Miriam Golani")
        reader.apply_filter(EntityFilter((golani.id,)))
        await pilot.pause()
        assert "Reuters" in pane_outlets(stories_app)
        # The other pane keeps its report: no other report names her.
        assert len(set(pane_outlets(stories_app))) == 2
