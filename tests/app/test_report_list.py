"""The report list (`r`): every report with its counts, filtered, sorted, and picked
into the focused pane."""

from __future__ import annotations

import threading
from pathlib import Path

from textual.widgets import DataTable, Input

from tests.app.harness import analysed, footer_line
from tests.app.test_pilot import write_long_reports
from tui.app.app import NewsprismApp
from tui.app.report_rows import filter_rows, report_rows, sort_rows
from tui.app.screens.report_list import ReportList
from tui.model.corpus import Corpus


def table_rows(app: NewsprismApp) -> list[list[str]]:
    screen = app.screen
    assert isinstance(screen, ReportList)
    table = screen.table
    return [[cell.plain for cell in table.get_row_at(y)] for y in range(table.row_count)]


def header(app: NewsprismApp, index: int) -> str:
    return str(app.reader.query_one(f"#header-{index}").render())


def test_report_rows_counts_paragraphs_and_shared_facts(seeds_corpus: Corpus) -> None:
    corpus = seeds_corpus
    rows = report_rows(corpus.reports, corpus)
    assert [row.index for row in rows] == [0, 1]
    for row, report in zip(rows, corpus.reports, strict=True):
        body = [p for p in report.paragraphs if p.kind != "boilerplate"]
        assert row.paragraphs == len(body)
        assert row.facts == sum(report.id in fact.reports for fact in corpus.facts)
    assert rows[1].outlet == "Sky News"
    # While the analysis runs there are no fact counts.
    assert all(row.facts is None for row in report_rows(corpus.reports, None))
    assert [row.index for row in filter_rows(rows, "  SKY ")] == [1]
    assert filter_rows(rows, "") == rows
    by_paragraphs = sort_rows(rows, "paragraphs")
    assert [row.paragraphs for row in by_paragraphs] == sorted(row.paragraphs for row in rows)
    assert sort_rows(rows, "outlet")[0].outlet == "Sky News"  # "unknown outlet (...)" after
    assert sort_rows(rows, "number", reverse=True)[0].index == 1


async def test_r_lists_the_reports_with_their_counts(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(100, 30)) as pilot:
        corpus = await analysed(pilot)
        await pilot.press("r")
        assert isinstance(seeds_app.screen, ReportList)
        assert isinstance(seeds_app.focused, Input)
        rows = table_rows(seeds_app)
        assert [row[0] for row in rows] == ["1", "2"]
        assert rows[1][1] == "Sky News"
        for row, report in zip(rows, corpus.reports, strict=True):
            body = sum(p.kind != "boilerplate" for p in report.paragraphs)
            shared = sum(report.id in fact.reports for fact in corpus.facts)
            assert row[4:] == [str(body), str(shared)]


async def test_typing_filters_and_keys_sort(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(100, 30)) as pilot:
        await analysed(pilot)
        await pilot.press("r", *"sky")
        assert [row[1] for row in table_rows(seeds_app)] == ["Sky News"]
        await pilot.press("backspace", "backspace", "backspace")
        assert len(table_rows(seeds_app)) == 2
        await pilot.press("down")
        assert isinstance(seeds_app.focused, DataTable)
        await pilot.press("1")  # by outlet: Sky News before "unknown outlet (...)"
        assert [row[0] for row in table_rows(seeds_app)] == ["2", "1"]
        await pilot.press("1")  # again: reversed
        assert [row[0] for row in table_rows(seeds_app)] == ["1", "2"]
        title = str(seeds_app.screen.query_one("#report-list-title").render())
        assert "sorted by outlet ↓" in title
        await pilot.press("0")
        assert [row[0] for row in table_rows(seeds_app)] == ["1", "2"]


async def test_enter_shows_the_report_in_the_focused_pane(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(100, 30)) as pilot:
        await analysed(pilot)
        reader = seeds_app.reader
        await pilot.press("r", "down", "down", "enter")
        assert seeds_app.screen is reader
        assert reader.state.pane_reports == (1, 1)
        assert reader.pane(0).report is reader.reports[1]
        assert "2 of 2" in header(seeds_app, 0) and "Sky News" in header(seeds_app, 0)
        assert seeds_app.focused is reader.pane(0)


async def test_escape_changes_nothing(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(100, 30)) as pilot:
        await analysed(pilot)
        reader = seeds_app.reader
        await pilot.press("r", "down", "down", "escape")
        assert seeds_app.screen is reader
        assert reader.state.pane_reports == (0, 1)
        assert reader.pane(0).report is reader.reports[0]


async def test_typing_then_enter_picks_the_match(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(100, 30)) as pilot:
        await analysed(pilot)
        reader = seeds_app.reader
        await pilot.press("tab", "r", *"000", "enter")
        assert seeds_app.screen is reader
        assert reader.state.pane_reports == (0, 0)
        assert "1 of 2" in header(seeds_app, 1)


async def test_picking_the_third_of_three(tmp_path: Path) -> None:
    app = NewsprismApp(write_long_reports(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await analysed(pilot)
        reader = app.reader
        await pilot.press("tab", "r")
        assert [row[0] for row in table_rows(app)] == ["1", "2", "3"]
        assert {row[4] for row in table_rows(app)} == {"60"}
        await pilot.press("down", "0")  # on report 2; "#" again: the reports backwards
        assert [row[0] for row in table_rows(app)] == ["3", "2", "1"]
        # The cursor stays on its report (2, in the middle): up is report 3.
        await pilot.press("up", "enter")
        assert app.screen is reader
        assert reader.state.pane_reports == (0, 2)
        assert reader.pane(1).report is reader.reports[2]
        assert "3 of 3" in header(app, 1)


async def test_counts_wait_for_the_analysis(
    seeds_app: NewsprismApp, held_analysis: threading.Event
) -> None:
    async with seeds_app.run_test(size=(100, 30)) as pilot:
        for _ in range(200):
            await pilot.pause(0.01)
            if seeds_app.analysis_running and len(seeds_app.reader.reports) == 2:
                break
        await pilot.press("r")
        assert [row[5] for row in table_rows(seeds_app)] == ["…", "…"]
        await pilot.press("escape")
        held_analysis.set()
        await analysed(pilot)


def write_dated_reports(folder: Path) -> list[str]:
    """Three reports from two years; their outlets sort the other way round to their files."""
    reports = (
        ("Zeta Wire", "2023-11-02"),
        ("Mid Herald", "2024-01-15"),
        ("Alpha Post", "2024-02-20"),
    )
    paths = []
    for number, (outlet, date) in enumerate(reports, start=1):
        path = folder / f"{number:02d}.txt"
        body = f"Paragraph {number} of a report about a harbour fire." * 3
        path.write_text(f"---\nsource: {outlet}\ndate: {date}\n---\n\n{body}\n", encoding="utf-8")
        paths.append(str(path))
    return paths


async def test_sorting_from_the_filter_box_keeps_digits_for_filtering(tmp_path: Path) -> None:
    """`ctrl+s` / `ctrl+r` sort while the filter box has the focus; digits still filter
    (a date such as 2024), and the footer shows the sort keys."""
    app = NewsprismApp(write_dated_reports(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await analysed(pilot)
        await pilot.press("r")
        screen = app.screen
        assert isinstance(screen, ReportList)
        assert isinstance(app.focused, Input)
        footer = footer_line(app)
        assert "^s Sort by the next column" in footer and "^r Reverse the order" in footer
        title = screen.query_one("#report-list-title")
        await pilot.press("ctrl+s")  # "#" -> source
        assert [row[0] for row in table_rows(app)] == ["3", "2", "1"]
        assert "sorted by outlet ↑" in str(title.render())
        await pilot.press("ctrl+r")
        assert [row[0] for row in table_rows(app)] == ["1", "2", "3"]
        assert "sorted by outlet ↓" in str(title.render())
        assert isinstance(app.focused, Input)
        await pilot.press(*"2024")
        assert app.focused.value == "2024"
        assert [row[0] for row in table_rows(app)] == ["2", "3"]  # still by outlet, reversed
        await pilot.press("ctrl+s")  # source -> title
        assert "sorted by title ↑" in str(title.render())
        for _ in range(4):  # title -> date -> paragraphs -> shared facts -> "#"
            await pilot.press("ctrl+s")
        assert "sorted by # ↑" in str(title.render())
        assert [row[0] for row in table_rows(app)] == ["2", "3"]
        await pilot.press("enter")
        assert app.screen is app.reader
        assert app.reader.pane(0).report is app.reader.reports[1]


async def test_down_from_the_filter_box_moves_the_cursor_too(tmp_path: Path) -> None:
    """As in the story list: the first row is highlighted while typing, and ↓ goes into
    the table and on to the second row."""
    app = NewsprismApp(write_long_reports(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await analysed(pilot)
        await pilot.press("r")
        table = app.screen.query_one(DataTable)
        assert table.cursor_row == 0 and not table.has_focus
        await pilot.press("down")
        assert app.focused is table and table.cursor_row == 1
        await pilot.press("enter")
        assert app.reader.state.pane_reports == (1, 1)
