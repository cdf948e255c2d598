"""Pilot tests: story corrections in the reader (`v` moves the focused pane's report to
another story or a new one, `V` merges its story with another), saved and applied on
the next load; refused with one story."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.app.harness import analysed, binding_rows, notes, open_story, run_command
from tests.unit.harness import EVENT_REPORTS, write_event_reports
from tui.app.app import NewsprismApp
from tui.app.screens.story_picker import StoryPicker
from tui.app.widgets.pane_header import PaneHeader
from tui.model.corpus import Corpus
from tui.model.ids import report_key


@pytest.fixture
def news_app(tmp_path: Path) -> NewsprismApp:
    """The reader on five reports of three events: r1 and r2 Chile, r4 and r5 the
    Oscars, r3 the Dhaka floods (in the order read: by file name)."""
    return NewsprismApp([str(write_event_reports(tmp_path / "news"))])


async def reanalysed(pilot: Pilot, before: Corpus) -> Corpus:
    """Wait for an analysis other than `before` to be done; its whole corpus."""
    app = pilot.app
    assert isinstance(app, NewsprismApp)
    for _ in range(500):
        await pilot.pause(0.01)
        if app.corpus is not None and app.corpus is not before and not app.analysis_running:
            break
    await analysed(pilot)
    corpus = app.corpus  # the whole corpus (the reader shows the open story's part)
    assert corpus is not None and corpus is not before, "the analysis did not run again"
    return corpus


def header_totals(app: NewsprismApp) -> set[int]:
    """The N of each pane header's "n of N" that shows a report."""
    totals = set()
    for header in app.reader.query(PaneHeader):
        found = re.search(r"(\d+) of (\d+)$", str(header.render()))
        if found:
            totals.add(int(found.group(2)))
    return totals


def saved_stories(data_dir: Path) -> list[dict]:
    return json.loads((data_dir / "corrections.json").read_text(encoding="utf-8"))["stories"]


def key_of(corpus: Corpus, report_id: str) -> str:
    return report_key(corpus.report(report_id).text)


async def test_move_a_report_to_another_story(news_app: NewsprismApp, data_dir: Path) -> None:
    async with news_app.run_test(size=(120, 35)) as pilot:
        corpus = await analysed(pilot)
        assert len(corpus.stories) == 3
        await open_story(pilot, "chile")
        assert news_app.reader.pane(0).report.id == "r1"
        oscars = corpus.story_of("r4")
        assert corpus.story_of("r1") != oscars
        await pilot.press("v")
        picker = news_app.screen
        assert isinstance(picker, StoryPicker)
        # "A new story", then the other two stories (not r1's own).
        assert [choice.id for choice in picker.choices] == ["new", "s2", "s3"]
        await pilot.press(*"oscars", "enter")
        corpus = await reanalysed(pilot, corpus)
        assert news_app.screen is news_app.reader
        assert corpus.story_of("r1") == corpus.story_of("r4")
        assert corpus.story_of("r2") != corpus.story_of("r1")
        # The headers count the reports of r1's story now: r1, r4 and r5.
        await pilot.pause()
        assert header_totals(news_app) == {3}
        assert saved_stories(data_dir) == [
            {"kind": "move", "reports": [key_of(corpus, "r1"), key_of(corpus, "r4")]}
        ]
        titles = "|".join(
            re.escape(EVENT_REPORTS[f"oscars-{o}.txt"][1]) for o in ("bbc", "variety")
        )
        moved = re.compile(f"Moved r1 to “({titles})”; finding the stories again…")
        assert any(moved.fullmatch(note) for note in notes(news_app)), notes(news_app)

    # The next load applies it.
    again = NewsprismApp(news_app.paths)
    async with again.run_test(size=(80, 24)) as pilot:
        corpus = await analysed(pilot)
        assert corpus.story_of("r1") == corpus.story_of("r4") == "s1"


async def test_a_new_story_then_merge_it_back(news_app: NewsprismApp, data_dir: Path) -> None:
    async with news_app.run_test(size=(80, 24)) as pilot:
        corpus = await analysed(pilot)
        await open_story(pilot, "chile")
        chile = corpus.story_of("r1")
        assert corpus.story_of("r2") == chile
        # v, enter: the first choice is a new story.
        await pilot.press("v", "enter")
        corpus = await reanalysed(pilot, corpus)
        assert len(corpus.stories) == 4
        assert corpus.story(corpus.story_of("r1")).report_ids == ("r1",)
        await pilot.pause()
        assert header_totals(news_app) == {1}
        # V on r1's story, then the story r2 is in.
        await pilot.press("V")
        picker = news_app.screen
        assert isinstance(picker, StoryPicker)
        assert "new" not in [choice.id for choice in picker.choices]
        await pilot.press(*"strong quake", "enter")
        corpus = await reanalysed(pilot, corpus)
        assert corpus.story_of("r1") == corpus.story_of("r2")
        assert len(corpus.stories) == 3
        await pilot.pause()
        assert header_totals(news_app) == {2}
        assert [change["kind"] for change in saved_stories(data_dir)] == ["split", "merge"]


async def test_escape_in_the_story_picker_changes_nothing(
    news_app: NewsprismApp, data_dir: Path
) -> None:
    async with news_app.run_test(size=(80, 24)) as pilot:
        corpus = await analysed(pilot)
        await open_story(pilot, "chile")
        await pilot.press("V")
        assert isinstance(news_app.screen, StoryPicker)
        await pilot.press("escape")
        assert news_app.screen is news_app.reader
        assert not news_app.analysis_running and news_app.corpus is corpus
        assert not (data_dir / "corrections.json").exists()


async def test_with_one_story_the_story_actions_say_why_not(
    seeds_app: NewsprismApp, data_dir: Path
) -> None:
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        corpus = await analysed(pilot)
        assert len(corpus.stories) == 1
        await pilot.press("v")
        await pilot.press("V")
        assert seeds_app.screen is seeds_app.reader
        said = notes(seeds_app)
        assert "These reports tell one story: no other story to move it to" in said
        assert "These reports tell one story: no other story to merge it with" in said
        assert not (data_dir / "corrections.json").exists()


def groups(corpus: Corpus) -> set[frozenset[str]]:
    """The stories as sets of report ids (story ids are not compared: they change)."""
    return {frozenset(story.report_ids) for story in corpus.stories}


async def test_undo_the_last_story_correction(news_app: NewsprismApp, data_dir: Path) -> None:
    """ctrl+z takes back the last story correction saved (and again, the one before):
    saved, and the stories found again without it."""
    async with news_app.run_test(size=(120, 35)) as pilot:
        corpus = await analysed(pilot)
        found = groups(corpus)
        await open_story(pilot, "chile")
        await pilot.press("v", "enter")  # r1 to a story of its own
        corpus = await reanalysed(pilot, corpus)
        split = groups(corpus)
        assert frozenset({"r1"}) in split
        await pilot.press("V", *"oscars", "enter")  # r1's story (r1 alone) and the Oscars
        corpus = await reanalysed(pilot, corpus)
        assert [change["kind"] for change in saved_stories(data_dir)] == ["split", "merge"]
        assert corpus.story_of("r1") == corpus.story_of("r4")

        await pilot.press("ctrl+z")
        corpus = await reanalysed(pilot, corpus)
        assert [change["kind"] for change in saved_stories(data_dir)] == ["split"]
        assert groups(corpus) == split
        undone = re.compile(
            r"Undid merging the stories of r1 and r[45]; finding the stories again…"
        )
        assert any(undone.fullmatch(note) for note in notes(news_app)), notes(news_app)
        # The reader follows the focused pane's report into its story.
        story = news_app.reader.state.story
        assert story is not None and story.id == corpus.story_of("r1")

        await pilot.press("ctrl+z")
        corpus = await reanalysed(pilot, corpus)
        assert saved_stories(data_dir) == []
        assert groups(corpus) == found
        assert "Undid putting r1 in a story of its own; finding the stories again…" in notes(
            news_app
        )
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert notes(news_app)[-1] == "No story correction to undo"
        assert not news_app.analysis_running

    # The next load applies the corrections as they were left: none.
    again = NewsprismApp(news_app.paths)
    async with again.run_test(size=(80, 24)) as pilot:
        assert groups(await analysed(pilot)) == found


async def test_undo_is_in_help_and_the_palette(news_app: NewsprismApp, data_dir: Path) -> None:
    async with news_app.run_test(size=(120, 35)) as pilot:
        await analysed(pilot)
        await open_story(pilot, "chile")
        help_rows = dict((description, keys) for keys, description in binding_rows(news_app))
        assert help_rows.get("Undo the last story correction") == "^z"
        titles = [str(c.title) for c in news_app.get_system_commands(news_app.reader)]
        assert "Undo the last story correction" in titles
        # Nothing to undo: said, nothing runs again.
        await run_command(pilot, "undo the last story")
        assert notes(news_app)[-1] == "No story correction to undo"
        assert not news_app.analysis_running
        assert not (data_dir / "corrections.json").exists()
