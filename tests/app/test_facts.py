"""Pilot tests: shared facts in the reader (colours and numbers, counterparts, follow mode,
fact views, unique sentences), the fact matrix and the fact threshold (NEWSPRISM_DATA_DIR
is a temporary folder in every test)."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import pytest
from rich.segment import Segment
from textual.pilot import Pilot

from tests.app.harness import (
    analysed,
    analysis_started,
    assert_clean,
    notes,
    pane_text,
    segments,
)
from tui import analyze
from tui.app.app import NewsprismApp
from tui.app.messages import AnalysisReady
from tui.app.render import UNIQUE_MARK
from tui.app.screens.fact_matrix import FactMatrix
from tui.app.screens.help import HelpScreen
from tui.app.widgets.filter_bar import FilterBar
from tui.app.widgets.report_pane import ReportPane
from tui.model.corpus import Corpus
from tui.model.corrections import Corrections
from tui.model.document import Paragraph, Report
from tui.model.facts import Discrepancy, Fact
from tui.query.facts import STRICTEST_THRESHOLD, fact_marker, threshold_steps
from tui.resources import seeds_dir

# The two seed reports' wordings of one fact (the rebels took Homs).
HOMS_LEFT = "full control of the strategic city of Homs"
HOMS_RIGHT = "complete control of the key city of Homs"
# Sentences of the right seed report that state no shared fact.
RIGHT_UNIQUE = "Their lightning offensive threatens"

SHARED = (
    "Rebels said the [bold red]army[/] had withdrawn \x1b]0;pwned\x07from the northern "
    "city of Aleppo after heavy fighting overnight."
)
SHARED_SHOWN = (
    "Rebels said the [bold red]army[/] had withdrawn from the northern city of Aleppo "
    "after heavy fighting overnight."
)


def seed_paths() -> list[str]:
    return [str(p) for p in sorted(seeds_dir().glob("*.txt"))]


def write_hostile_pair(folder: Path) -> list[str]:
    """Two reports sharing one sentence that holds markup and an escape sequence."""
    first = folder / "hostile-a.txt"
    first.write_text(f"Officials met on Monday.\n\n{SHARED}\n\nNothing else.", encoding="utf-8")
    second = folder / "hostile-b.txt"
    second.write_text(f"Markets were calm.\n\n{SHARED}\n\nThe weather was mild.", encoding="utf-8")
    return [str(first), str(second)]


def write_unrelated(folder: Path) -> str:
    path = folder / "unrelated.txt"
    path.write_text(
        "A bakery in a small town sold a record number of loaves.\n\n"
        "The mayor tasted the bread and praised the bakers.",
        encoding="utf-8",
    )
    return str(path)


async def matched(pilot: Pilot, threshold: float) -> Corpus:
    """Wait until the reader's facts are matched at `threshold`."""
    app = pilot.app
    assert isinstance(app, NewsprismApp)
    for _ in range(300):
        await pilot.pause(0.01)
        corpus = app.reader.corpus
        if corpus is not None and abs(corpus.fact_threshold - threshold) < 1e-9:
            break
    await pilot.pause()
    corpus = app.reader.corpus
    assert corpus is not None and abs(corpus.fact_threshold - threshold) < 1e-9
    return corpus


# ---------------------------------------------------------------------- corpus helpers


def sentence_with(corpus: Corpus, words: str) -> tuple[Report, Paragraph, str]:
    """The report, paragraph and id of the sentence containing `words`."""
    for report in corpus.reports:
        for paragraph in report.paragraphs:
            for sentence in paragraph.sentences:
                if words in report.span(sentence):
                    return report, paragraph, sentence.id
    raise AssertionError(f"no sentence contains {words!r}")


def fact_of(corpus: Corpus, sentence_id: str) -> Fact:
    (fact_id, *_) = corpus.sentence_facts[sentence_id]
    return corpus.fact(fact_id)


def homs(corpus: Corpus) -> tuple[Fact, str, str]:
    """The Homs fact and its sentence in each seed report."""
    _, _, left = sentence_with(corpus, HOMS_LEFT)
    _, _, right = sentence_with(corpus, HOMS_RIGHT)
    fact = fact_of(corpus, left)
    assert right in fact.sentences, "the analysis no longer links the Homs sentences"
    return fact, left, right


def shared_paragraphs(corpus: Corpus) -> set[str]:
    return {
        p.id
        for r in corpus.reports
        for p in r.paragraphs
        if any(s.id in corpus.sentence_facts for s in p.sentences)
    }


def counterpart_ids(corpus: Corpus, paragraph: Paragraph, report: Report) -> set[str]:
    """The sentences of `report` stating any fact `paragraph` states."""
    fact_ids = {f for s in paragraph.sentences for f in corpus.sentence_facts.get(s.id, ())}
    in_report = {s.id for p in report.paragraphs for s in p.sentences}
    return {s for f in fact_ids for s in corpus.fact(f).sentences if s in in_report}


def number_of(corpus: Corpus, fact: Fact) -> int:
    return corpus.facts.index(fact) + 1


def segments_holding(pane: ReportPane, word: str) -> list[Segment]:
    found = [s for s in segments(pane) if word in s.text]
    assert found, f"{word!r} is not on screen:\n{pane_text(pane)}"
    return found


def in_view(pane: ReportPane) -> bool:
    """Is the pane's cursor paragraph on screen?"""
    top = pane._tops[pane.cursor]
    return (
        pane.scroll_offset.y <= top < pane.scroll_offset.y + pane.scrollable_content_region.height
    )


def reveal(pane: ReportPane, paragraph: Paragraph) -> None:
    """Put the pane's cursor paragraph at the top of the pane."""
    assert pane.reveal([paragraph.id], 0)


def label(app: NewsprismApp, selector: str) -> str:
    return str(app.reader.query_one(selector).render())


# ---------------------------------------------------------------------- highlights


async def test_one_fact_has_one_style_in_both_panes(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(120, 35)) as pilot:
        corpus = await analysed(pilot)
        fact, _, _ = homs(corpus)
        reader = seeds_app.reader
        _, left_paragraph, _ = sentence_with(corpus, HOMS_LEFT)
        _, right_paragraph, _ = sentence_with(corpus, HOMS_RIGHT)
        reveal(reader.pane(0), left_paragraph)
        reveal(reader.pane(1), right_paragraph)
        await pilot.pause()
        left = segments_holding(reader.pane(0), "strategic")
        right = segments_holding(reader.pane(1), "key city")
        styles = {(s.style.color, s.style.underline) for s in left + right if s.style}
        assert len(styles) == 1, styles
        ((colour, underline),) = styles
        assert colour is not None and underline
        # The fact's number starts each of its sentences, so it reads without colour.
        marker = fact_marker([number_of(corpus, fact)])
        assert marker + "Earlier" in pane_text(reader.pane(0))
        assert marker + "Hours earlier" in pane_text(reader.pane(1))
        # A sentence no other report states is neither coloured nor underlined.
        for segment in segments_holding(reader.pane(1), "lightning offensive"):
            assert segment.style is None or not segment.style.underline


async def test_different_facts_have_different_colours(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(120, 35)) as pilot:
        corpus = await analysed(pilot)
        pane = seeds_app.reader.pane(0)
        report = corpus.reports[0]
        # Two left-report sentences that each state one fact, of neighbouring numbers.
        alone = [
            (number, s.id, p)
            for p in report.paragraphs
            for s in p.sentences
            for number in [
                number_of(corpus, corpus.fact(f)) for f in corpus.sentence_facts.get(s.id, ())
            ]
            if len(corpus.sentence_facts[s.id]) == 1
        ]
        alone.sort()
        picked = [alone[0], next(item for item in alone if item[0] % 6 != alone[0][0] % 6)]
        colours = []
        for number, _, paragraph in picked:
            reveal(pane, paragraph)
            await pilot.pause()
            # The words right after the fact's number are drawn in the fact's colour.
            drawn = segments(pane)
            index = next(i for i, s in enumerate(drawn) if s.text == fact_marker([number]))
            colours.append(drawn[index + 1].style.color)
        assert None not in colours and colours[0] != colours[1]


async def test_no_color_keeps_facts_apart_by_underline_and_number(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = NewsprismApp([str(seeds_dir())])
    async with app.run_test(size=(120, 35)) as pilot:
        corpus = await analysed(pilot)
        fact, _, _ = homs(corpus)
        _, paragraph, _ = sentence_with(corpus, HOMS_LEFT)
        pane = app.reader.pane(0)
        reveal(pane, paragraph)
        await pilot.pause()
        fact_segments = segments_holding(pane, "strategic")
        plain = segments_holding(pane, "In the meantime")
        # Greyed fact colours are hard to read: under NO_COLOR facts keep the text colour.
        assert {s.style.color for s in fact_segments} == {s.style.color for s in plain}
        assert all(s.style.underline for s in fact_segments)
        assert fact_marker([number_of(corpus, fact)]) + "Earlier" in pane_text(pane)


async def test_mentions_show_on_top_of_facts(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(120, 35)) as pilot:
        corpus = await analysed(pilot)
        _, left_paragraph, _ = sentence_with(corpus, HOMS_LEFT)
        await pilot.press("e", *"homs", "enter")
        await pilot.pause()
        pane = seeds_app.reader.pane(0)
        reveal(pane, left_paragraph)
        await pilot.pause()
        mentions = [s for s in segments(pane) if s.text == "Homs"]
        assert mentions and all(s.style and s.style.reverse and s.style.bold for s in mentions)
        for segment in segments_holding(pane, "strategic"):
            assert segment.style and segment.style.underline and not segment.style.reverse


# ---------------------------------------------------------------------- n / N


async def test_n_and_shift_n_move_between_fact_paragraphs(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        corpus = await analysed(pilot)
        pane = seeds_app.reader.pane(0)
        shared = shared_paragraphs(corpus)
        expected = [i for i, p in enumerate(pane.paragraphs) if p.id in shared]
        # `n` goes to the next shared paragraph after the cursor's (the first may be one).
        after = [i for i in expected if i > pane.cursor]
        assert len(after) >= 2
        visited = []
        for _ in after:
            await pilot.press("n")
            visited.append(pane.cursor)
        assert visited == after
        await pilot.press("n")
        assert pane.cursor == expected[0]
        assert "Back to the first shared fact" in notes(seeds_app)
        await pilot.press("N")
        assert pane.cursor == expected[-1]
        assert "Back to the last shared fact" in notes(seeds_app)
        await pilot.press("N")
        assert pane.cursor == expected[-2]


async def test_n_without_facts_says_so(tmp_path: Path) -> None:
    app = NewsprismApp([write_unrelated(tmp_path)])
    async with app.run_test(size=(80, 24)) as pilot:
        corpus = await analysed(pilot)
        assert not corpus.facts
        await pilot.press("n", "m", "enter")
        assert "No shared fact in this pane" in notes(app)
        assert any(m.startswith("No shared facts at") for m in notes(app))
        assert "No shared fact in this paragraph: n finds the next one" in notes(app)
        assert app.screen is app.reader


# ---------------------------------------------------------------------- counterparts


async def test_enter_shows_and_marks_the_counterpart(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(120, 35)) as pilot:
        corpus = await analysed(pilot)
        _, left_id, right_id = homs(corpus)
        reader = seeds_app.reader
        left, right = reader.pane(0), reader.pane(1)
        while left_id not in {s.id for s in left.current_paragraph.sentences}:
            await pilot.press("n")
        assert right_id not in {s.id for s in right.current_paragraph.sentences}
        await pilot.press("enter")
        await pilot.pause()
        assert right_id in {s.id for s in right.current_paragraph.sentences}
        assert right_id in right.counterparts
        assert right.counterparts == counterpart_ids(
            corpus, left.current_paragraph, corpus.reports[1]
        )
        for segment in segments_holding(right, "key city"):
            assert segment.style and segment.style.reverse and segment.style.bold
        # Words outside the counterpart are not marked.
        for segment in segments(right):
            if "Their lightning" in segment.text:
                assert not (segment.style and segment.style.reverse)
        # The focus stays put; the counterpart is in view.
        assert seeds_app.focused is left
        assert in_view(right)


async def test_enter_switches_the_other_pane_to_a_report_with_the_fact(tmp_path: Path) -> None:
    first, second = seed_paths()
    app = NewsprismApp([first, write_unrelated(tmp_path), second], one_story=True)
    async with app.run_test(size=(120, 35)) as pilot:
        corpus = await analysed(pilot)
        reader = app.reader
        assert reader.pane(1).report is reader.reports[1]  # the unrelated report
        await pilot.press("n", "enter")
        await pilot.pause()
        right = reader.pane(1)
        assert right.report is reader.reports[2]
        assert right.counterparts and right.counterparts == counterpart_ids(
            corpus, reader.pane(0).current_paragraph, reader.reports[2]
        )
        assert "Showing Sky News" in notes(app)
        assert "3 of 3" in str(reader.query_one("#header-1").render())


async def test_narrow_enter_shows_the_counterpart_pane(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(50, 24)) as pilot:
        corpus = await analysed(pilot)
        reader = seeds_app.reader
        await pilot.press("n")
        source = reader.pane(0).current_paragraph
        await pilot.press("enter")
        await pilot.pause()
        right = reader.pane(1)
        assert seeds_app.focused is right and right.region.width > 40
        shown = {s.id for s in right.current_paragraph.sentences}
        assert shown & counterpart_ids(corpus, source, corpus.reports[1])


async def test_follow_mode_keeps_the_other_pane_on_the_fact(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(120, 35)) as pilot:
        corpus = await analysed(pilot)
        reader = seeds_app.reader
        left, right = reader.pane(0), reader.pane(1)
        await pilot.press("f")
        bar = reader.query_one(FilterBar)
        assert bar.display and "follow" in label(seeds_app, "#filter-label")
        followed = 0
        for _ in range(len(left.paragraphs) - 1):
            await pilot.press("j")
            await pilot.pause()
            expected = counterpart_ids(corpus, left.current_paragraph, corpus.reports[1])
            assert right.counterparts == expected
            if expected:
                followed += 1
                assert expected & {s.id for s in right.current_paragraph.sentences}
        assert followed >= 3
        await pilot.press("f")
        assert not bar.display
        position = right.cursor
        await pilot.press("g")
        assert right.cursor == position


@pytest.mark.parametrize("before", [(), ("tab", "j")], ids=["left-focused", "right-focused"])
async def test_a_matrix_jump_lands_on_the_fact_chosen_in_follow_mode(
    seeds_app: NewsprismApp, before: tuple[str, ...]
) -> None:
    async with seeds_app.run_test(size=(120, 35)) as pilot:
        corpus = await analysed(pilot)
        # A fact whose paragraph in the left report states another fact too: follow
        # mode alone would mark both in the right pane.
        left_report, right_report = corpus.reports
        chosen = next(
            fact
            for fact in corpus.facts
            for paragraph in left_report.paragraphs
            if fact.sentences[0] in {s.id for s in paragraph.sentences}
            and counterpart_ids(corpus, paragraph, right_report) - set(fact.sentences)
        )
        reader = seeds_app.reader
        await pilot.press("f", *before, "m", *["j"] * corpus.facts.index(chosen), "enter")
        await pilot.pause()
        assert seeds_app.screen is reader and reader.state.follow
        left, right = reader.pane(0), reader.pane(1)
        assert chosen.sentences[0] in {s.id for s in left.current_paragraph.sentences}
        in_right = {s.id for p in right_report.paragraphs for s in p.sentences}
        assert right.counterparts == set(chosen.sentences) & in_right
        assert right.counterparts & {s.id for s in right.current_paragraph.sentences}
        # Moving on follows the paragraph again, every fact it states.
        await pilot.press("j", "k")
        await pilot.pause()
        assert right.counterparts == counterpart_ids(corpus, left.current_paragraph, right_report)


# ---------------------------------------------------------------------- views


async def test_u_cycles_all_shared_and_unique_paragraphs(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        corpus = await analysed(pilot)
        reader = seeds_app.reader
        shared = shared_paragraphs(corpus)
        everything = [[p.id for p in reader.pane(i).paragraphs] for i in range(2)]

        def shown() -> list[list[str]]:
            return [[p.id for p in reader.pane(i).paragraphs] for i in range(2)]

        await pilot.press("u")
        assert shown() == [[p for p in ids if p in shared] for ids in everything]
        assert all(shown())
        assert "Shared facts only" in label(seeds_app, "#filter-label")

        await pilot.press("u")
        linked = corpus.linked_sentences()
        unique = [
            [
                p.id
                for p in report.paragraphs
                if p.id in everything[i]
                and any(corpus.is_unique(p, s, linked) for s in p.sentences)
            ]
            for i, report in enumerate(corpus.reports)
        ]
        assert shown() == unique
        assert "Unique sentences only" in label(seeds_app, "#filter-label")

        await pilot.press("u")
        assert shown() == everything
        assert not reader.query_one(FilterBar).display


async def test_fact_view_and_entity_filter_both_apply(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(120, 35)) as pilot:
        corpus = await analysed(pilot)
        reader = seeds_app.reader
        await pilot.press("e", *"damascus", "enter")
        await pilot.pause()
        entity_ids = reader.state.entity_filter.entity_ids
        mentioned = corpus.query(entity_ids)
        await pilot.press("u")
        both = {p.id for i in range(2) for p in reader.pane(i).paragraphs}
        assert both == mentioned & shared_paragraphs(corpus)
        assert both < mentioned
        text = label(seeds_app, "#filter-label")
        assert "Entities (any): Damascus" in text and "Shared facts only" in text
        await pilot.press("c")
        both = {p.id for i in range(2) for p in reader.pane(i).paragraphs}
        assert both == shared_paragraphs(corpus)


async def test_an_empty_fact_view_says_why(tmp_path: Path) -> None:
    first, _ = seed_paths()
    app = NewsprismApp([first, write_unrelated(tmp_path)], one_story=True)
    async with app.run_test(size=(120, 35)) as pilot:
        await analysed(pilot)
        await pilot.press("u")
        right = app.reader.pane(1)
        assert not right.paragraphs
        assert right.render_line(0).text.strip() == "No paragraph here states a shared fact"


async def test_shift_u_marks_unique_sentences(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(120, 35)) as pilot:
        await analysed(pilot)
        reader = seeds_app.reader
        right = reader.pane(1)
        await pilot.press("tab", "n")
        assert UNIQUE_MARK not in pane_text(right)
        for segment in segments_holding(right, "lightning"):
            assert segment.style is None or not segment.style.italic
        await pilot.press("U")
        assert UNIQUE_MARK + RIGHT_UNIQUE in pane_text(right)
        for segment in segments_holding(right, "lightning"):
            assert segment.style and segment.style.italic
        # Fact sentences are not marked unique.
        for segment in segments_holding(right, "key city"):
            assert not segment.style.italic
        assert f"{UNIQUE_MARK} unique" in label(seeds_app, "#filter-label")
        await pilot.press("U")
        assert UNIQUE_MARK not in pane_text(right)


# ---------------------------------------------------------------------- matrix


def row_texts(matrix: FactMatrix, fact_id: str) -> list[str]:
    """The cells of a fact's row, each on one line."""
    return [" ".join(cell.text.plain.split()) for cell in matrix.table.get_row(fact_id)]


async def test_matrix_has_a_row_per_fact_with_each_wording(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(120, 35)) as pilot:
        corpus = await analysed(pilot)
        fact, _, _ = homs(corpus)
        await pilot.press("m")
        matrix = seeds_app.screen
        assert isinstance(matrix, FactMatrix)
        table = matrix.table
        assert [key.value for key in table.rows] == [f.id for f in corpus.facts]
        cells = row_texts(matrix, fact.id)
        assert cells[0] == f"f{number_of(corpus, fact)}"
        assert any(HOMS_LEFT in cell for cell in cells)
        assert any(HOMS_RIGHT in cell for cell in cells)
        # Rows come with the most reports first.
        counts = [len(f.reports) for f in corpus.facts]
        assert counts == sorted(counts, reverse=True)
        # The line under the table gives the highlighted fact in full.
        await pilot.press(*["j"] * corpus.facts.index(fact))
        details = str(matrix.query_one("#matrix-details").render())
        assert HOMS_LEFT in details and HOMS_RIGHT in details and "Sky News" in details
        await pilot.press("escape")
        assert seeds_app.screen is seeds_app.reader
        await pilot.press("m", "q")
        assert seeds_app.screen is seeds_app.reader


async def test_enter_in_the_matrix_jumps_to_the_fact(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(120, 35)) as pilot:
        corpus = await analysed(pilot)
        fact, left_id, right_id = homs(corpus)
        await pilot.press("tab")  # the jump focuses the left pane again
        await pilot.press("m", *["j"] * corpus.facts.index(fact), "enter")
        await pilot.pause()
        reader = seeds_app.reader
        assert seeds_app.screen is reader
        left, right = reader.pane(0), reader.pane(1)
        assert left_id in {s.id for s in left.current_paragraph.sentences}
        assert right_id in {s.id for s in right.current_paragraph.sentences}
        assert left_id in left.counterparts and right_id in right.counterparts
        assert seeds_app.focused is left


async def test_matrix_marks_absent_reports_and_scrolls_sideways(tmp_path: Path) -> None:
    app = NewsprismApp([*seed_paths(), *write_hostile_pair(tmp_path)], one_story=True)
    async with app.run_test(size=(80, 24)) as pilot:
        corpus = await analysed(pilot)
        fact, _, _ = homs(corpus)
        aleppo = fact_of(corpus, sentence_with(corpus, "northern city of Aleppo")[2])
        await pilot.press("m")
        matrix = app.screen
        assert isinstance(matrix, FactMatrix)
        assert [r.id for r in matrix.reports] == ["r1", "r2", "r3", "r4"]
        # Two report columns fit 80 columns, the first fact's reports among them.
        assert len(matrix.shown_reports) == 2
        assert {r.id for r in matrix.shown_reports} & set(corpus.facts[0].reports)
        # h and l scroll through the four, and the columns stay where they are put.
        await pilot.press("h", "h", "h")
        assert [r.id for r in matrix.shown_reports] == ["r1", "r2"]
        assert "reports 1-2 of 4" in str(matrix.query_one("#matrix-title").render())
        await pilot.pause(0.6)
        assert [r.id for r in matrix.shown_reports] == ["r1", "r2"]
        await pilot.press("l", "l", "l")
        assert [r.id for r in matrix.shown_reports] == ["r3", "r4"]
        assert row_texts(matrix, fact.id)[4:] == ["—", "—"]
        assert "army" in row_texts(matrix, aleppo.id)[4]
        # Resting on a fact none of whose reports is in view brings them in (the cursor
        # moves onto it: facts are numbered story by story, so it may be the first).
        await pilot.press("G", "g", *["j"] * corpus.facts.index(fact))
        await pilot.pause(0.6)
        assert matrix.highlighted_fact == fact
        assert {r.id for r in matrix.shown_reports} & set(fact.reports)


async def test_matrix_marks_discrepancies(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(120, 35)) as pilot:
        corpus = await analysed(pilot)
        differing = replace(
            corpus.facts[0],
            discrepancies=(
                Discrepancy("number", "fighters: 150 vs 200", "fighters", ("150", "200")),
            ),
        )
        facts = (differing, *corpus.facts[1:])
        seeds_app.post_message(AnalysisReady(replace(corpus, facts=facts), Corrections()))
        await pilot.pause()
        await pilot.press("m")
        matrix = seeds_app.screen
        assert isinstance(matrix, FactMatrix)
        assert row_texts(matrix, differing.id)[2] == "≠"
        assert all(row_texts(matrix, f.id)[2] == "" for f in corpus.facts[1:])
        details = str(matrix.query_one("#matrix-details").render())
        assert "≠ fighters: 150 vs 200" in details


# ---------------------------------------------------------------------- sensitivity


async def test_plus_and_minus_move_the_threshold(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(120, 35)) as pilot:
        corpus = await analysed(pilot)
        default, facts = corpus.fact_threshold, len(corpus.facts)
        steps = threshold_steps()
        assert f"{facts} shared facts (≥{default:.2f})" in label(seeds_app, "#status-label")

        await pilot.press("minus")
        looser = await matched(pilot, max(t for t in steps if t < default))
        assert f"{len(looser.facts)} shared" in label(seeds_app, "#status-label")
        assert f"(≥{looser.fact_threshold:.2f})" in label(seeds_app, "#status-label")

        await pilot.press(*["plus"] * len(steps))
        strictest = await matched(pilot, STRICTEST_THRESHOLD)
        assert len(strictest.facts) < facts
        assert f"(≥{STRICTEST_THRESHOLD:.2f})" in label(seeds_app, "#status-label")
        assert f"Already the strictest fact matching ({STRICTEST_THRESHOLD:.2f})" in notes(
            seeds_app
        )
        # The panes draw the new facts (at the strictest, the seeds share few or none).
        assert len(seeds_app.reader.pane(0).view.facts) < len(shared_paragraphs(corpus))

        await pilot.press(*["minus"] * (len(steps) + 1))
        loosest = await matched(pilot, steps[0])
        assert len(loosest.facts) >= 1
        assert f"Already the loosest fact matching ({steps[0]:.2f})" in notes(seeds_app)


async def test_threshold_survives_a_new_analysis(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(120, 35)) as pilot:
        corpus = await analysed(pilot)
        # Stricter, step by step, until some of the seeds' facts are no longer kept.
        stricter, steps = corpus, 0
        while len(stricter.facts) == len(corpus.facts):
            steps += 1
            await pilot.press("plus")
            stricter = await matched(pilot, _step(corpus, steps))
        # A new analysis (as after an entity correction) arrives at the default threshold,
        # with its facts grouped at that threshold: more of them than the chosen one keeps.
        fresh = analyze([seeds_dir()])
        assert fresh.fact_threshold == corpus.fact_threshold < stricter.fact_threshold
        assert len(fresh.facts) > len(stricter.facts)
        seeds_app.post_message(AnalysisReady(fresh, Corrections()))
        again = await matched(pilot, stricter.fact_threshold)
        assert again is not stricter
        assert [fact.sentences for fact in again.facts] == [
            fact.sentences for fact in stricter.facts
        ]
        status = label(seeds_app, "#status-label")
        assert f"{len(stricter.facts)} shared fact" in status, status
        assert f"(≥{stricter.fact_threshold:.2f})" in status, status


def _step(corpus: Corpus, steps: int) -> float:
    higher = [t for t in threshold_steps() if t > corpus.fact_threshold + 1e-9]
    return higher[steps - 1]


# ---------------------------------------------------------------------- palette, help


async def test_help_describes_the_fact_keys(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        await analysed(pilot)
        await pilot.press("question_mark")
        assert isinstance(seeds_app.screen, HelpScreen)
        keys = {description: key for key, description in seeds_app.screen.rows}
        assert keys["Fact matrix"] == "m"
        assert keys["Next shared fact"] == "n"
        assert keys["Previous shared fact"] == "N"
        assert keys["Same fact in the other pane"] == "⏎"
        assert keys["Stricter fact matching"] == "+"
        assert keys["Looser fact matching"] == "-"
        assert "f" in keys.values() and "u" in keys.values() and "U" in keys.values()


async def test_fact_keys_wait_for_the_analysis(
    seeds_app: NewsprismApp, held_analysis: threading.Event
) -> None:
    release = held_analysis
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        await analysis_started(pilot)
        await pilot.press("n", "enter", "f", "u", "U", "m", "plus")
        assert seeds_app.screen is seeds_app.reader
        assert notes(seeds_app).count("Analysis still running") == 7
        release.set()
        await analysed(pilot)
        await pilot.press("m")
        assert isinstance(seeds_app.screen, FactMatrix)


# ---------------------------------------------------------------------- hostile text


async def test_hostile_fact_text_stays_literal(tmp_path: Path) -> None:
    app = NewsprismApp(write_hostile_pair(tmp_path), one_story=True)
    async with app.run_test(size=(160, 35)) as pilot:
        corpus = await analysed(pilot)
        assert len(corpus.facts) == 1
        marker = fact_marker([1])
        for index in range(2):
            pane = app.reader.pane(index)
            text = " ".join(pane_text(pane, 10).split())
            assert marker + SHARED_SHOWN in text
            assert_clean(pane_text(pane, 10))
            for segment in segments(pane, 10):
                assert segment.style is None or segment.style.link is None
            assert any(s.style and s.style.underline for s in segments_holding(pane, "[/]"))
        await pilot.press("m")
        matrix = app.screen
        assert isinstance(matrix, FactMatrix)
        cells = row_texts(matrix, corpus.facts[0].id)
        assert cells[4:] == [SHARED_SHOWN, SHARED_SHOWN]
        details = str(matrix.query_one("#matrix-details").render())
        assert SHARED_SHOWN in details
        for y in range(8):
            assert_clean(matrix.table.render_line(y).text)
        assert_clean(details)


async def test_a_hostile_outlet_name_is_never_markup(tmp_path: Path) -> None:
    first, second = write_hostile_pair(tmp_path)
    Path(second).write_text(
        "---\nsource: [bold red]Evil[/] News\n---\n" + Path(second).read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    app = NewsprismApp([first, write_unrelated(tmp_path), second], one_story=True)
    async with app.run_test(size=(120, 35)) as pilot:
        await analysed(pilot)
        await pilot.press("n", "enter")
        await pilot.pause()
        assert app.reader.pane(1).report is app.reader.reports[2]
        (shown,) = [n for n in app._notifications if n.message.startswith("Showing")]
        assert shown.message == "Showing [bold red]Evil[/] News" and not shown.markup
        await pilot.press("m")
        matrix = app.screen
        assert isinstance(matrix, FactMatrix)
        assert "[bold red]Evil[/] News" in matrix.table.render_line(0).text
        assert "[bold red]Evil[/] News:" in str(matrix.query_one("#matrix-details").render())
