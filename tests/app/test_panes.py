"""Pilot tests: more panes on a wide terminal (`p` adds one, `P` closes the focused one),
the limits by width, panes hidden and shown again as the terminal shrinks and grows, and
filters, counterparts and follow mode across three and four panes."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.color import Color
from textual.pilot import Pilot

from tests.app.harness import analysed, as_one_story, notes
from tui.app.app import NewsprismApp
from tui.app.screens.reader import ReportColumn, pane_limit
from tui.app.screens.report_list import ReportList
from tui.app.themes import THEMES
from tui.app.widgets.report_pane import ReportPane
from tui.model.corpus import Corpus
from tui.model.document import Paragraph, Report
from tui.query.facts import build_fact_index, find_counterparts
from tui.resources import seeds_dir

# The Homs fact in the first seed report's words.
HOMS = "full control of the strategic city of Homs"

# Two more reports stating the seeds' Homs fact, each with a paragraph of its own.
WIRE = (
    "---\nsource: Levant Wire\ntitle: Rebels take Homs\n---\n"
    "Rebels announced they had gained complete control of the key city of Homs after only "
    "a day of fighting.\n\n"
    "A shopkeeper in the old market said the streets were quiet as people waited for news.\n"
)
GAZETTE = (
    "---\nsource: Harbour Gazette\ntitle: A night of change\n---\n"
    "Syrian rebels announced that they had gained full control of the strategic city of "
    "Homs, tightening their grip on Damascus.\n\n"
    "Fishermen in the harbour followed the news on their phones until dawn.\n"
)


def four_reports(folder: Path) -> list[str]:
    """The two seed reports, then two more that state their Homs fact."""
    seeds = [str(p) for p in sorted(seeds_dir().glob("*.txt"))]
    extra = []
    for name, text in (("wire.txt", WIRE), ("gazette.txt", GAZETTE)):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        extra.append(str(path))
    return [*seeds, *extra]


def columns(app: NewsprismApp) -> list[int]:
    return sorted(column.index for column in app.reader.query(ReportColumn))


def header(app: NewsprismApp, index: int) -> str:
    return str(app.reader.query_one(f"#header-{index}").render())


def counterpart_ids(corpus: Corpus, paragraph: Paragraph, report: Report) -> set[str]:
    """The sentences of `report` stating any fact `paragraph` states."""
    fact_ids = {f for s in paragraph.sentences for f in corpus.sentence_facts.get(s.id, ())}
    in_report = {s.id for p in report.paragraphs for s in p.sentences}
    return {s for f in fact_ids for s in corpus.fact(f).sentences if s in in_report}


def homs_facts(corpus: Corpus) -> tuple[str, ...]:
    """The facts the first seed report's Homs sentence states."""
    report = corpus.reports[0]
    (sentence,) = (s for p in report.paragraphs for s in p.sentences if HOMS in report.span(s))
    return corpus.sentence_facts[sentence.id]


def homs_reports(corpus: Corpus) -> set[str]:
    """The reports stating the first seed report's Homs fact."""
    fact = corpus.fact(homs_facts(corpus)[0])
    places = {s.id: r.id for r in corpus.reports for p in r.paragraphs for s in p.sentences}
    return {places[s] for s in fact.sentences}


async def to_homs(pilot: Pilot, pane: ReportPane) -> None:
    """Move the (focused) pane's cursor to its paragraph stating the Homs fact."""
    report = pane.report
    assert report is not None
    for _ in range(len(pane.paragraphs)):
        paragraph = pane.current_paragraph
        if paragraph is not None and HOMS in report.span(paragraph):
            return
        await pilot.press("n")
    raise AssertionError("no paragraph about Homs in the pane")


async def add_panes(pilot: Pilot, count: int) -> None:
    for _ in range(count):
        await pilot.press("p")
        await pilot.pause()


# ---------------------------------------------------------------------- limits


def test_pane_limit_by_width() -> None:
    assert [pane_limit(w) for w in (50, 80, 119, 120, 159, 160, 250)] == [2, 2, 2, 3, 3, 4, 4]


async def test_p_adds_panes_up_to_four_at_200_columns(tmp_path: Path) -> None:
    app = NewsprismApp(four_reports(tmp_path))
    async with app.run_test(size=(200, 40)) as pilot:
        await analysed(pilot)
        reader = app.reader
        await add_panes(pilot, 1)
        assert columns(app) == [0, 1, 2]
        assert reader.pane(2).report is reader.reports[2]
        assert "Levant Wire" in header(app, 2) and "3 of 4" in header(app, 2)
        await add_panes(pilot, 1)
        assert columns(app) == [0, 1, 2, 3]
        assert reader.pane(3).report is reader.reports[3]
        assert "Harbour Gazette" in header(app, 3)
        # Four readable panes side by side; the focus stays where it was.
        assert all(reader.pane(i).region.width >= 45 for i in range(4))
        assert app.focused is reader.pane(0)
        await add_panes(pilot, 1)
        assert "4 panes at most: P closes the focused one" in notes(app)
        assert columns(app) == [0, 1, 2, 3]


async def test_three_panes_at_120_columns_two_at_80(tmp_path: Path) -> None:
    paths = four_reports(tmp_path)
    app = NewsprismApp(paths)
    async with app.run_test(size=(120, 35)) as pilot:
        await analysed(pilot)
        await add_panes(pilot, 2)
        assert columns(app) == [0, 1, 2]
        assert "No room for another pane in 120 columns: 4 panes need 160" in notes(app)
    app = NewsprismApp(paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await analysed(pilot)
        await add_panes(pilot, 1)
        assert columns(app) == [0, 1]
        assert "No room for another pane in 80 columns: 3 panes need 120" in notes(app)


async def test_p_needs_a_report_no_pane_shows(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(200, 40)) as pilot:
        await analysed(pilot)
        await add_panes(pilot, 1)
        assert columns(seeds_app) == [0, 1]
        assert "Every report is shown already: ] changes a pane's report" in notes(seeds_app)


# ---------------------------------------------------------------------- closing panes


async def test_shift_p_closes_the_focused_pane(tmp_path: Path) -> None:
    app = NewsprismApp(four_reports(tmp_path))
    async with app.run_test(size=(200, 40)) as pilot:
        await analysed(pilot)
        reader = app.reader
        await add_panes(pilot, 2)
        await pilot.press("tab", "tab", "j")  # pane 3 (the wire), its second paragraph
        wire = reader.pane(2).current_paragraph
        assert wire is not None and reader.pane(2).cursor == 1
        await pilot.press("shift+tab", "P")  # close pane 2 (Sky News)
        await pilot.pause()
        # The panes right of it moved left, each with its report and cursor paragraph.
        assert columns(app) == [0, 1, 2]
        assert [reader.pane(i).report for i in range(3)] == [
            reader.reports[0],
            reader.reports[2],
            reader.reports[3],
        ]
        assert reader.pane(1).current_paragraph == wire
        assert "2 of 4" not in header(app, 1) and "3 of 4" in header(app, 1)
        assert app.focused is reader.pane(1)
        # Closing the last pane focuses the one before it.
        await pilot.press("tab", "P")
        await pilot.pause()
        assert columns(app) == [0, 1]
        assert app.focused is reader.pane(1)
        await pilot.press("P")
        await pilot.pause()
        assert columns(app) == [0]
        assert app.focused is reader.pane(0)
        assert reader.pane(0).region.width > 150  # one pane takes the whole width
        await pilot.press("P")
        await pilot.pause()
        assert "One pane is the least: p adds one" in notes(app)
        assert columns(app) == [0]
        await pilot.press("n", "enter")
        assert "No other pane to show it in: p adds one" in notes(app)
        # p brings in the next report no pane shows.
        await add_panes(pilot, 1)
        assert columns(app) == [0, 1]
        assert reader.pane(1).report is reader.reports[1]


# ---------------------------------------------------------------------- moving between


async def test_tab_cycles_through_every_pane(tmp_path: Path) -> None:
    app = NewsprismApp(four_reports(tmp_path))
    async with app.run_test(size=(200, 40)) as pilot:
        await analysed(pilot)
        reader = app.reader
        await add_panes(pilot, 2)
        visited = []
        for _ in range(4):
            await pilot.press("tab")
            visited.append(reader.state.focused)
        assert visited == [1, 2, 3, 0]
        await pilot.press("shift+tab")
        assert app.focused is reader.pane(3)
        await pilot.press("j", "right_square_bracket")
        assert reader.pane(3).cursor == 0  # a new report starts at the top
        assert reader.pane(3).report is reader.reports[0]
        assert [reader.pane(i).cursor for i in range(3)] == [0, 0, 0]


async def test_report_list_names_the_pane(tmp_path: Path) -> None:
    app = NewsprismApp(four_reports(tmp_path))
    async with app.run_test(size=(200, 40)) as pilot:
        await analysed(pilot)
        await add_panes(pilot, 1)
        await pilot.press("tab", "tab", "r")
        await pilot.pause()
        assert isinstance(app.screen, ReportList)
        assert "enter shows in pane 3" in str(app.screen.query_one("#report-list-title").render())


# ---------------------------------------------------------------------- filters and facts


async def test_filters_apply_to_every_pane(tmp_path: Path) -> None:
    app = NewsprismApp(four_reports(tmp_path))
    async with app.run_test(size=(200, 40)) as pilot:
        corpus = await analysed(pilot)
        reader = app.reader
        await add_panes(pilot, 1)
        everything = [len(reader.pane(i).paragraphs) for i in range(3)]
        await pilot.press("e", *"homs", "enter")
        await pilot.pause()
        allowed = corpus.query(reader.state.entity_filter.entity_ids)
        for index in range(3):
            shown = {p.id for p in reader.pane(index).paragraphs}
            assert shown and shown <= allowed
        # Each added report has a paragraph that does not name Homs: it is gone.
        assert len(reader.pane(2).paragraphs) < everything[2]
        # A pane added now is filtered too.
        await add_panes(pilot, 1)
        shown = {p.id for p in reader.pane(3).paragraphs}
        assert shown and shown <= allowed
        assert len(shown) < len(reader.reports[3].paragraphs)
        await pilot.press("c")
        assert [len(reader.pane(i).paragraphs) for i in range(3)] == everything


async def test_enter_shows_the_counterpart_in_every_other_pane(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_one_story(monkeypatch)
    app = NewsprismApp(four_reports(tmp_path))
    async with app.run_test(size=(200, 40)) as pilot:
        corpus = await analysed(pilot)
        assert homs_reports(corpus) == {r.id for r in corpus.reports}, "Homs fact not in all"
        reader = app.reader
        await add_panes(pilot, 2)
        # Pane 3 shows the first seed report too: it must move to the one report left.
        await pilot.press("tab", "tab", "tab", "right_square_bracket")
        assert reader.pane(3).report is reader.reports[0]
        await pilot.press("tab")
        await to_homs(pilot, reader.pane(0))
        source = reader.pane(0).current_paragraph
        assert source is not None
        await pilot.press("enter")
        await pilot.pause()
        shown = [reader.pane(i).report for i in range(1, 4)]
        # Panes 1 and 2 keep their reports; pane 3 takes the one no pane showed.
        assert shown == [reader.reports[1], reader.reports[2], reader.reports[3]]
        for index, report in enumerate(shown, start=1):
            pane = reader.pane(index)
            assert report is not None
            expected = counterpart_ids(corpus, source, report)
            assert expected and pane.counterparts == expected
            assert pane.current_paragraph is not None
            assert expected & {s.id for s in pane.current_paragraph.sentences}
        assert "Showing Harbour Gazette" in notes(app)
        assert app.focused is reader.pane(0)


async def test_follow_mode_keeps_every_other_pane_on_the_fact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_one_story(monkeypatch)
    app = NewsprismApp(four_reports(tmp_path))
    async with app.run_test(size=(120, 35)) as pilot:
        corpus = await analysed(pilot)
        reader = app.reader
        await add_panes(pilot, 1)
        await pilot.press("f")
        left = reader.pane(0)
        followed = [0, 0, 0]
        for _ in range(len(left.paragraphs) - 1):
            await pilot.press("j")
            await pilot.pause()
            source = left.current_paragraph
            assert source is not None
            reports = [reader.pane(i).report for i in (1, 2)]
            for index, report in zip((1, 2), reports, strict=True):
                assert report is not None
                expected = counterpart_ids(corpus, source, report)
                assert reader.pane(index).counterparts == expected
                if expected:
                    followed[index] += 1
        # The third pane followed too (the Homs fact at least), never on pane 1's report.
        assert followed[1] >= 3 and followed[2] >= 1
        assert reader.pane(2).report is not reader.pane(1).report


# ---------------------------------------------------------------------- the focused header


Look = tuple[Color, Color]


def header_look(app: NewsprismApp, index: int) -> Look:
    """How a pane's header is drawn: its background and text colours."""
    styles = app.reader.query_one(f"#header-{index}").styles
    return styles.background, styles.color


def highlighted(app: NewsprismApp, active: Look) -> list[int]:
    """The panes shown whose header has the focused look."""
    reader = app.reader
    return [i for i in range(reader.state.shown_panes) if header_look(app, i) == active]


async def assert_header_follows(pilot: Pilot, active: Look) -> None:
    app = pilot.app
    assert isinstance(app, NewsprismApp)
    await pilot.pause()
    focused = app.reader.state.focused
    assert app.focused is app.reader.pane(focused)
    assert highlighted(app, active) == [focused]


@pytest.mark.parametrize("theme", [theme.name for theme in THEMES])
async def test_only_the_focused_panes_header_is_highlighted(tmp_path: Path, theme: str) -> None:
    """tab, shift+tab, p, P, a jump to a fact, a narrower terminal and the focus set
    directly: in every theme, with two, three and four panes, one header stands out and
    it is the focused pane's."""
    app = NewsprismApp(four_reports(tmp_path), theme=theme)
    async with app.run_test(size=(200, 40)) as pilot:
        await analysed(pilot)
        reader = app.reader
        active, idle = header_look(app, 0), header_look(app, 1)
        assert active != idle, f"{theme}: the focused header looks like the others"
        await pilot.press("tab", "j")  # the steps: the right pane's header
        await assert_header_follows(pilot, active)
        assert highlighted(app, active) == [1]
        for panes in (2, 3, 4):
            await add_panes(pilot, panes - reader.pane_count)
            assert reader.pane_count == panes
            for _ in range(panes):
                await pilot.press("tab")
                await assert_header_follows(pilot, active)
            await pilot.press("shift+tab")
            await assert_header_follows(pilot, active)
        reader.pane(2).focus()  # focus moved without a key (a click, a dialog closing)
        await assert_header_follows(pilot, active)
        assert highlighted(app, active) == [2]
        reader.jump_to_fact(next(iter(reader.state.facts.facts)))  # focuses the left pane
        await assert_header_follows(pilot, active)
        assert highlighted(app, active) == [0]
        await pilot.press("shift+tab", "P")  # closing the focused last pane
        await assert_header_follows(pilot, active)
        assert highlighted(app, active) == [2]
        await pilot.resize_terminal(80, 24)  # pane 3 is hidden: the focus leaves it
        await assert_header_follows(pilot, active)
        assert highlighted(app, active) == [1]
        await pilot.resize_terminal(50, 24)  # one pane at a time
        await pilot.press("tab")
        await assert_header_follows(pilot, active)


# ---------------------------------------------------------------------- resizing


async def test_shrinking_hides_panes_and_widening_shows_them_again(tmp_path: Path) -> None:
    app = NewsprismApp(four_reports(tmp_path))
    async with app.run_test(size=(200, 40)) as pilot:
        await analysed(pilot)
        reader = app.reader
        await add_panes(pilot, 2)
        await pilot.press("shift+tab", "j")  # pane 4, its second paragraph
        kept = reader.pane(3).current_paragraph
        await pilot.resize_terminal(120, 35)
        await pilot.pause()
        # The fourth pane is hidden, not closed; the focus moved to the third.
        assert reader.state.shown_panes == 3 and columns(app) == [0, 1, 2, 3]
        assert reader.pane(3).region.width == 0
        assert all(reader.pane(i).region.width > 30 for i in range(3))
        assert app.focused is reader.pane(2)
        await pilot.press("tab")
        assert app.focused is reader.pane(0)
        await add_panes(pilot, 1)
        assert (
            "No room for another pane in 120 columns: 4 panes need 160 (1 hidden until then)"
            in notes(app)
        )
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert reader.state.shown_panes == 2
        assert reader.pane(2).region.width == 0 and reader.pane(3).region.width == 0
        # One pane at a time below 60 columns: tab goes between the two shown.
        await pilot.resize_terminal(50, 24)
        await pilot.pause()
        assert reader.has_class("-narrow")
        await pilot.press("tab")
        assert app.focused is reader.pane(1) and reader.pane(1).region.width > 40
        await pilot.press("tab")
        assert app.focused is reader.pane(0) and reader.pane(1).region.width == 0
        await pilot.resize_terminal(200, 40)
        await pilot.pause()
        assert not reader.has_class("-narrow") and reader.state.shown_panes == 4
        assert all(reader.pane(i).region.width >= 45 for i in range(4))
        assert reader.pane(3).report is reader.reports[3]
        assert reader.pane(3).current_paragraph == kept


# ---------------------------------------------------------------------- counterparts, pure


def test_find_counterparts_gives_each_pane_another_report(tmp_path: Path) -> None:
    from tui import analyze

    corpus = analyze(four_reports(tmp_path), one_story=True)
    index = build_fact_index(corpus)
    ids = [r.id for r in corpus.reports]
    assert homs_reports(corpus) == set(ids), "the Homs fact is not in every report"
    facts = homs_facts(corpus)
    # A pane on a report stating the fact keeps it; the others take the rest in order.
    found = find_counterparts(index, facts, ids[0], [ids[3], ids[0], None], ids)
    assert [c.report_id if c else None for c in found] == [ids[3], ids[1], ids[2]]
    # Two panes on one report: only the first keeps it.
    found = find_counterparts(index, facts, ids[0], [ids[2], ids[2]], ids)
    assert [c.report_id if c else None for c in found] == [ids[2], ids[1]]
    # More panes than reports stating it: the last is left without one.
    found = find_counterparts(index, facts, ids[0], [None] * 4, ids)
    assert [c.report_id if c else None for c in found] == [ids[1], ids[2], ids[3], None]


# ---------------------------------------------------------------------- snapshot


def test_four_panes_200x40(snap_compare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Four panes side by side; enter on the Homs paragraph marks its counterpart in the
    other three."""
    as_one_story(monkeypatch)

    async def run_before(pilot: Pilot) -> None:
        await analysed(pilot)
        await add_panes(pilot, 2)
        app = pilot.app
        assert isinstance(app, NewsprismApp)
        await to_homs(pilot, app.reader.pane(0))
        await pilot.press("enter")
        await pilot.pause()

    app = NewsprismApp(four_reports(tmp_path))
    assert snap_compare(app, terminal_size=(200, 40), run_before=run_before)


async def test_closing_panes_with_follow_on(tmp_path: Path) -> None:
    """Closing a pane while follow mode is on: the panes that move left post cursor moves
    while the last column is going; follow must only ever touch the panes that stay."""
    app = NewsprismApp(four_reports(tmp_path))
    async with app.run_test(size=(160, 45)) as pilot:
        await analysed(pilot)
        reader = app.reader
        await add_panes(pilot, 2)
        await pilot.press("f", "j", "j")
        await pilot.pause()
        count = len(columns(app))
        assert count >= 3
        await pilot.press("P")  # the first pane, with panes right of it moving left
        await pilot.pause()
        assert columns(app) == list(range(count - 1))
        for _ in range(count - 2):
            await pilot.press("j", "shift+tab", "P")  # the last pane
            await pilot.pause()
        assert columns(app) == [0]
        await pilot.press("j", "k")
        await pilot.pause()
        assert reader.state.follow and app.focused is reader.pane(0)
