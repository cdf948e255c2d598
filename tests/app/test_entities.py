"""Pilot tests: entity analysis in the reader, the entity picker, filtering, marks, jumps
and hand corrections (saved to a temporary NEWSPRISM_DATA_DIR in every test)."""

from __future__ import annotations

import json
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from tests.app.harness import (
    analysed,
    analysis_started,
    assert_clean,
    missing_words,
    pane_text,
    pick,
    screen_lines,
    shown_ids,
)
from tui.app.app import NewsprismApp
from tui.app.messages import AnalysisReady
from tui.app.screens.alias_picker import AliasPicker
from tui.app.screens.entity_picker import EntityPicker
from tui.app.screens.help import HelpScreen
from tui.app.widgets.filter_bar import FilterBar
from tui.model.corpus import Corpus
from tui.model.corrections import Corrections
from tui.model.entities import Entity, Mention, MergeReason
from tui.resources import seeds_dir

# Hezbollah is named in the first seed report only.
HEZBOLLAH_FREE = "The extremist Islamist group"


def entity_named(corpus: Corpus, name: str) -> Entity:
    return next(e for e in corpus.entities if e.name == name)


def picker(app: NewsprismApp) -> EntityPicker:
    assert isinstance(app.screen, EntityPicker), app.screen
    return app.screen


async def filter_by(pilot: Pilot, *queries: str) -> None:
    await pick(pilot, "e", *queries)


# ---------------------------------------------------------------------- analysis


async def test_status_bar_counts_entities_after_analysis(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        corpus = await analysed(pilot)
        label = str(seeds_app.reader.query_one("#status-label").render())
        assert f"{len(corpus.entities)} entities" in label
        assert "2 reports" in label
        # The analysis ran over exactly the reports the reader shows.
        assert corpus.reports == tuple(seeds_app.reader.reports)


async def test_keys_say_analysis_is_still_running(
    seeds_app: NewsprismApp, held_analysis: threading.Event
) -> None:
    release = held_analysis
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        await analysis_started(pilot)
        assert "finding entities" in str(seeds_app.reader.query_one("#status-label").render())
        await pilot.press("e")
        assert not isinstance(seeds_app.screen, EntityPicker)
        assert any("Analysis still running" in n.message for n in seeds_app._notifications)
        release.set()
        await analysed(pilot)
        await pilot.press("e")
        assert isinstance(seeds_app.screen, EntityPicker)


async def test_a_corrupt_corrections_file_is_one_line_and_ignored(
    seeds_app: NewsprismApp, data_dir: Path
) -> None:
    data_dir.mkdir()
    (data_dir / "corrections.json").write_text("{not json", encoding="utf-8")
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        corpus = await analysed(pilot)
        assert corpus.entities
        warnings = [n.message for n in seeds_app._notifications if "corrections" in n.message]
        assert len(warnings) == 1 and "\n" not in warnings[0]
        assert "Corrections not applied" in warnings[0]


async def test_a_failed_analysis_is_one_line_and_the_reader_goes_on(
    seeds_app: NewsprismApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.pipeline.build

    def broken(*args, **kwargs):
        raise ValueError("bad things\nin two lines")

    monkeypatch.setattr(tui.pipeline.build, "analysis_stages", broken)
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        for _ in range(300):
            await pilot.pause(0.01)
            if seeds_app.reader.state.analysis_note != "Analysis still running":
                break
        await pilot.pause()
        failures = [n.message for n in seeds_app._notifications if "failed" in n.message]
        assert failures == ["Entity analysis failed: bad things"]
        assert "analysis failed" in str(seeds_app.reader.query_one("#status-label").render())
        await pilot.press("e", "j")
        assert seeds_app.screen is seeds_app.reader
        assert seeds_app.reader.pane(0).cursor == 1
        assert any(n.message == "Entity analysis failed" for n in seeds_app._notifications)


# ---------------------------------------------------------------------- picker


async def test_picker_lists_entities_by_mentions_with_type_and_counts(
    seeds_app: NewsprismApp,
) -> None:
    async with seeds_app.run_test(size=(120, 35)) as pilot:
        corpus = await analysed(pilot)
        await pilot.press("e")
        screen = picker(seeds_app)
        mentions = [e.mentions for e in screen.matches]
        assert mentions == sorted(mentions, reverse=True)
        assert len(screen.matches) == len(corpus.entities)
        option_list = screen.query_one("#picker-list", OptionList)
        assert option_list.option_count == len(corpus.entities)
        hezbollah = entity_named(corpus, "Hezbollah")
        index = [e.id for e in screen.matches].index(hezbollah.id)
        prompt = str(option_list.get_option_at_index(index).prompt)
        assert "Hezbollah" in prompt and "ORG" in prompt
        assert f"{hezbollah.mentions}" in prompt and "r1:4" in prompt
        two_reports = entity_named(corpus, "Damascus")
        prompt = str(option_list.get_option_at_index(0).prompt)
        assert two_reports.id == screen.matches[0].id
        assert "r1:5 r2:5" in prompt


async def test_typing_filters_the_list(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        await analysed(pilot)
        await pilot.press("e", *"hezb")
        screen = picker(seeds_app)
        assert [e.name for e in screen.matches] == ["Hezbollah"]
        # Typos still match; aliases count ("Qusayr" is a spelling of Qusair).
        await pilot.press(*(["backspace"] * 4), *"hezbolah")
        assert screen.matches[0].name == "Hezbollah"
        await pilot.press(*(["backspace"] * 8), *"qusayr")
        assert screen.matches[0].name == "Qusair"


async def test_details_show_spellings_and_why_merged(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(120, 35)) as pilot:
        corpus = await analysed(pilot)
        await pilot.press("e", *"sednaya")
        entity = entity_named(corpus, "Sednaya")
        details = str(picker(seeds_app).query_one("#picker-details").render())
        for alias in entity.aliases:
            assert alias in details
        assert entity.merged_because
        assert str(entity.merged_because[0]) in details


async def test_escape_cancels_the_picker(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        await analysed(pilot)
        await pilot.press("e", *"hezb", "escape")
        assert seeds_app.screen is seeds_app.reader
        assert not seeds_app.reader.state.entity_filter.active
        assert not seeds_app.reader.query_one(FilterBar).display


# ---------------------------------------------------------------------- filtering


async def test_enter_filters_both_panes(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        corpus = await analysed(pilot)
        hezbollah = entity_named(corpus, "Hezbollah")
        assert hezbollah.reports == ("r1",)
        await filter_by(pilot, "hezb")
        reader = seeds_app.reader
        assert reader.state.entity_filter.entity_ids == (hezbollah.id,)
        allowed = corpus.query([hezbollah.id], "any")
        left, right = reader.pane(0), reader.pane(1)
        assert shown_ids(left) and shown_ids(left) <= allowed
        assert len(left.paragraphs) == len(allowed)
        # The right report never names Hezbollah: one line says so.
        assert shown_ids(right) == set()
        assert right.render_line(0).text.strip() == "No paragraph here mentions Hezbollah"
        assert HEZBOLLAH_FREE not in pane_text(left)
        bar = reader.query_one(FilterBar)
        assert bar.display and bar.region.height == 1
        label = str(bar.query_one("#filter-label").render())
        assert "Entities (any): Hezbollah" in label


async def test_a_toggles_any_and_all(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(120, 35)) as pilot:
        corpus = await analysed(pilot)
        ids = [entity_named(corpus, n).id for n in ("Damascus", "Reuters")]
        any_ids, all_ids = corpus.query(ids, "any"), corpus.query(ids, "all")
        assert all_ids and all_ids < any_ids
        await filter_by(pilot, "damascus", "reuters")
        reader = seeds_app.reader
        assert reader.state.entity_filter.entity_ids == tuple(ids)
        both = shown_ids(reader.pane(0)) | shown_ids(reader.pane(1))
        assert both == any_ids
        await pilot.press("a")
        assert reader.state.entity_filter.mode == "all"
        both = shown_ids(reader.pane(0)) | shown_ids(reader.pane(1))
        assert both == all_ids
        assert "Entities (all)" in str(reader.query_one("#filter-label").render())
        await pilot.press("a")
        assert reader.state.entity_filter.mode == "any"
        assert shown_ids(reader.pane(0)) | shown_ids(reader.pane(1)) == any_ids


async def test_c_clears_the_filter(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        await analysed(pilot)
        reader = seeds_app.reader
        everything = [len(reader.pane(i).paragraphs) for i in range(2)]
        await filter_by(pilot, "hezb")
        assert len(reader.pane(0).paragraphs) < everything[0]
        await pilot.press("c")
        assert not reader.state.entity_filter.active
        assert [len(reader.pane(i).paragraphs) for i in range(2)] == everything
        assert not reader.query_one(FilterBar).display
        # The cursor stays on the paragraph it was on, at the same screen row.
        first_match = reader.pane(0).current_paragraph
        assert first_match is not None and "Hezbollah" in reader.reports[0].span(first_match)
        assert reader.pane(0).scroll_offset.y == reader.pane(0)._tops[reader.pane(0).cursor]
        await pilot.press("g")
        assert HEZBOLLAH_FREE in pane_text(reader.pane(0), 20)


async def test_filter_keys_without_a_filter_say_so(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        await analysed(pilot)
        await pilot.press("a", "c", "full_stop")
        messages = [n.message for n in seeds_app._notifications]
        assert messages.count("No entity filter: press e to pick entities") == 2
        # c clears every filter (entity, source, topic): with none on, it says so.
        assert "No filter to clear: e, s or t filters the panes" in messages
        assert seeds_app.reader.pane(0).cursor == 0


async def test_picker_keeps_the_current_filter_selected(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(120, 35)) as pilot:
        corpus = await analysed(pilot)
        await filter_by(pilot, "hezb")
        await pilot.press("e")
        screen = picker(seeds_app)
        assert screen.selected == [entity_named(corpus, "Hezbollah").id]
        # Add Qusair to the selection (typing in the list starts a new search).
        await pilot.press("down", *"qusair", "down", "space", "enter")
        names = [corpus.entity(e).name for e in seeds_app.reader.state.entity_filter.entity_ids]
        assert names == ["Hezbollah", "Qusair"]


async def test_filter_survives_report_cycling_and_boilerplate(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        corpus = await analysed(pilot)
        await filter_by(pilot, "hezb")
        reader = seeds_app.reader
        allowed = corpus.query(reader.state.entity_filter.entity_ids)
        await pilot.press("tab", "right_square_bracket")
        assert reader.pane(1).report is reader.reports[0]
        assert shown_ids(reader.pane(1)) == shown_ids(reader.pane(0)) <= allowed
        await pilot.press("b")
        assert shown_ids(reader.pane(1)) <= allowed


async def test_narrow_screen_with_a_filter(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(50, 24)) as pilot:
        await analysed(pilot)
        await filter_by(pilot, "hezb")
        reader = seeds_app.reader
        assert reader.has_class("-narrow")
        # The keys go under the names (never split), so the names keep the whole width.
        bar = reader.query_one(FilterBar)
        assert bar.region.height == 2
        names, keys = screen_lines(seeds_app)[bar.region.y : bar.region.bottom]
        assert names.strip() == "Entities (any): Hezbollah · 4 paragraphs"
        assert keys.rstrip().endswith(" . , mentions  a any/all  c clear")
        assert reader.pane(0).region.width > 40


# ---------------------------------------------------------------------- marks and jumps


async def test_mentions_are_marked_in_the_pane(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        await analysed(pilot)
        pane = seeds_app.reader.pane(0)
        unmarked = [s for y in range(20) for s in pane.render_line(y) if "Hezbollah" in s.text]
        assert not any(s.style and s.style.reverse for s in unmarked)
        await filter_by(pilot, "hezb")
        marked = [
            segment
            for y in range(20)
            for segment in pane.render_line(y)
            if segment.text == "Hezbollah"
        ]
        assert marked, "no segment holds exactly the mention"
        for segment in marked:
            assert segment.style is not None
            assert segment.style.reverse and segment.style.bold
        # Words around a mention are not marked.
        for y in range(20):
            for segment in pane.render_line(y):
                if "Lebanese" in segment.text:
                    assert not (segment.style and segment.style.reverse)


async def test_marks_map_past_stripped_control_characters(tmp_path: Path) -> None:
    # Each escape sequence removed before display shifts the shown text left of
    # the source offsets; the mark must still cover exactly the name.
    text = (
        "\x1b[31mOfficials\x1b[0m in the town \x07said on Sunday \x1b]0;x\x07that Hezbollah"
        " fighters had left the area before dawn, witnesses told reporters.\n\n"
        "Hezbollah denied that any of its units had been in the area at all."
    )
    path = tmp_path / "escapes.txt"
    path.write_text(text, encoding="utf-8")
    app = NewsprismApp([str(path)])
    async with app.run_test(size=(100, 30)) as pilot:
        corpus = await analysed(pilot)
        assert any(e.name == "Hezbollah" for e in corpus.entities)
        await filter_by(pilot, "hezb")
        pane = app.reader.pane(0)
        marked = [
            segment.text
            for y in range(6)
            for segment in pane.render_line(y)
            if segment.style is not None and segment.style.reverse
        ]
        assert marked == ["Hezbollah", "Hezbollah"]


async def test_full_stop_and_comma_jump_between_mentions(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        corpus = await analysed(pilot)
        await filter_by(pilot, "hezb")
        pane = seeds_app.reader.pane(0)
        marked = {p.id for p in pane.paragraphs if p.id in pane.view.marks}
        assert len(marked) == len(pane.paragraphs) >= 3
        assert pane.cursor == 0
        await pilot.press("full_stop")
        assert pane.cursor == 1 and pane.current_paragraph.id in marked
        await pilot.press("full_stop")
        assert pane.cursor == 2
        await pilot.press("comma", "comma")
        assert pane.cursor == 0
        # Past the first mention: round to the last, and say so.
        await pilot.press("comma")
        assert pane.cursor == len(pane.paragraphs) - 1
        assert any("Back to the last mention" in n.message for n in seeds_app._notifications)
        chosen = seeds_app.reader.state.entity_filter.entity_ids
        assert pane.current_paragraph.id in corpus.query(chosen)
        # The right pane has no mention of Hezbollah.
        await pilot.press("tab", "full_stop")
        assert any("No mention in this pane" in n.message for n in seeds_app._notifications)


async def test_jump_scrolls_the_mention_into_view(tmp_path: Path) -> None:
    paragraphs = [
        f"Paragraph {i} " + ("says Hezbollah " if i % 3 == 0 else "") + "word " * 40
        for i in range(30)
    ]
    path = tmp_path / "long.txt"
    path.write_text("\n\n".join(paragraphs), encoding="utf-8")
    app = NewsprismApp([str(path)])
    async with app.run_test(size=(80, 24)) as pilot:
        await analysed(pilot)
        await filter_by(pilot, "hezb")
        pane = app.reader.pane(0)
        assert len(pane.paragraphs) == 10
        await pilot.press(*(["full_stop"] * 8))
        assert pane.cursor == 8
        top = pane._tops[pane.cursor]
        height = pane.scrollable_content_region.height
        assert pane.scroll_offset.y > 0
        assert pane.scroll_offset.y <= top < pane.scroll_offset.y + height


# ---------------------------------------------------------------------- corrections


async def test_split_then_merge_from_the_picker(seeds_app: NewsprismApp, data_dir: Path) -> None:
    # Notices expire on a timer; record them so a slow run cannot lose them.
    said: list[str] = []
    notify = seeds_app.notify

    def record(message: str, *args: object, **kwargs: object) -> None:
        said.append(message)
        notify(message, *args, **kwargs)  # type: ignore[arg-type]

    seeds_app.notify = record  # type: ignore[method-assign]
    async with seeds_app.run_test(size=(120, 35)) as pilot:
        corpus = await analysed(pilot)
        hts = entity_named(corpus, "Hayat Tahrir al-Sham")
        assert "HTS" in hts.aliases
        # s on Hayat Tahrir al-Sham, then pick the spelling "HTS".
        await pilot.press("e", *"hayat tahrir", "down", "s")
        assert isinstance(seeds_app.screen, AliasPicker)
        alias_list = seeds_app.screen.query_one(OptionList)
        await pilot.press(*(["down"] * hts.aliases.index("HTS")), "enter")
        corpus = await analysed(pilot)
        assert any(e.aliases == ("HTS",) for e in corpus.entities)
        assert "HTS" not in entity_named(corpus, "Hayat Tahrir al-Sham").aliases
        saved = json.loads((data_dir / "corrections.json").read_text(encoding="utf-8"))
        assert saved["splits"] == ["HTS"]
        # The picker stayed open with the new entities.
        screen = picker(seeds_app)
        assert screen.corpus is corpus
        assert alias_list is not None

        # m on Hezbollah, then m on Qusair: one entity.
        await pilot.press("backspace")
        await pilot.press(*(["backspace"] * 20), *"hezbollah", "down", "m")
        assert screen.merge_from == entity_named(corpus, "Hezbollah").id
        await pilot.press(*"qusair", "down", "m")
        corpus = await analysed(pilot)
        merged = next(e for e in corpus.entities if "Hezbollah" in e.aliases)
        assert {"Hezbollah", "Qusair", "Qusayr"} <= set(merged.aliases)
        assert any(r.rule == "merged by hand" for r in merged.merged_because)
        saved = json.loads((data_dir / "corrections.json").read_text(encoding="utf-8"))
        assert saved["merges"] == [["Hezbollah", "Qusair"]]
        assert saved["splits"] == ["HTS"]
        messages = " ".join(said)
        assert "Split HTS off" in messages and "Merged Hezbollah and Qusair" in messages

    # A fresh start applies the saved corrections.
    again = NewsprismApp([str(seeds_dir())])
    async with again.run_test(size=(80, 24)) as pilot:
        corpus = await analysed(pilot)
        assert any(e.aliases == ("HTS",) for e in corpus.entities)
        merged = next(e for e in corpus.entities if "Hezbollah" in e.aliases)
        assert "Qusair" in merged.aliases


async def test_filter_carries_over_a_reanalysis(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(120, 35)) as pilot:
        await analysed(pilot)
        await filter_by(pilot, "qusair")
        reader = seeds_app.reader
        before = shown_ids(reader.pane(0))
        # Merge Qusair into Hezbollah: the filter now means the merged entity.
        await pilot.press("e", *"qusair", "down", "m", *"hezbollah", "down", "m")
        corpus = await analysed(pilot)
        await pilot.press("escape")
        (entity_id,) = reader.state.entity_filter.entity_ids
        assert "Qusair" in corpus.entity(entity_id).aliases
        assert before < shown_ids(reader.pane(0)) == corpus.query([entity_id])


async def test_split_with_one_spelling_says_there_is_nothing_to_split(
    seeds_app: NewsprismApp, data_dir: Path
) -> None:
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        await analysed(pilot)
        await pilot.press("e", *"hezbollah", "down", "s")
        assert isinstance(seeds_app.screen, EntityPicker)
        assert any("nothing to split off" in n.message for n in seeds_app._notifications)
        assert not (data_dir / "corrections.json").exists()


async def test_alias_picker_escape_changes_nothing(seeds_app: NewsprismApp, data_dir: Path) -> None:
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        await analysed(pilot)
        await pilot.press("e", *"sednaya", "down", "s")
        assert isinstance(seeds_app.screen, AliasPicker)
        await pilot.press("escape")
        assert isinstance(seeds_app.screen, EntityPicker)
        assert not seeds_app.analysis_running
        assert not (data_dir / "corrections.json").exists()


async def test_a_correction_the_analysis_ignores_is_reported(
    seeds_app: NewsprismApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.pipeline.build

    real = tui.pipeline.build.analysis_stages

    def ignoring_corrections(reports, errors=(), corrections=None, **options):
        return real(reports, errors, None, **options)

    monkeypatch.setattr(tui.pipeline.build, "analysis_stages", ignoring_corrections)
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        await analysed(pilot)
        await pilot.press("e", *"sednaya", "down", "s", "down", "enter")
        await analysed(pilot)
        messages = [n.message for n in seeds_app._notifications]
        assert "Saved, but the analysis did not change Saydnaya" in messages


# ---------------------------------------------------------------------- palette, help


async def test_help_describes_the_entity_keys(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        await analysed(pilot)
        await pilot.press("question_mark")
        assert isinstance(seeds_app.screen, HelpScreen)
        keys = {description: key for key, description in seeds_app.screen.rows}
        assert keys["Filter by entity"] == "e"
        assert keys["Next mention"] == "."
        assert keys["Previous mention"] == ","
        assert keys["Match any/all entities"] == "a"
        assert keys["Clear all filters (entity, source, topic)"] == "c"


# ---------------------------------------------------------------------- long details


# A made-up entity with more spellings and reasons than the details have room for.
SPELLINGS = tuple(f"Northern Coastal Front {n}" for n in range(1, 9))
REASONS = tuple(
    MergeReason(rule, (SPELLINGS[0], SPELLINGS[n]))
    for n, rule in enumerate(
        ("spelling variant", "acronym defined in the text", "partial name", "title dropped"), 1
    )
)


def many_spellings_corpus(corpus: Corpus) -> Corpus:
    report = corpus.reports[0]
    paragraph = report.paragraphs[0]
    entity = Entity(
        id="e1",
        name=SPELLINGS[0],
        type="ORG",
        aliases=SPELLINGS,
        mentions=1,
        reports=(report.id,),
        merged_because=REASONS,
        report_counts=((report.id, 1),),
    )
    mention = Mention("e1", report.id, paragraph.id, paragraph.start, paragraph.start + 3)
    return replace(
        corpus,
        entities=(entity,),
        mentions={paragraph.id: (mention,)},
        entity_paragraphs={"e1": frozenset({paragraph.id})},
    )


@pytest.mark.parametrize("size", [(80, 24), (60, 24)])
async def test_long_details_can_be_read_whole(
    seeds_app: NewsprismApp, size: tuple[int, int]
) -> None:
    """The details under the list ("Why merged", the spellings) longer than their room:
    tab from the list moves into them, and ↓ brings every word of them on screen."""
    async with seeds_app.run_test(size=size) as pilot:
        corpus = await analysed(pilot)
        seeds_app.post_message(AnalysisReady(many_spellings_corpus(corpus), Corrections()))
        await pilot.pause()
        await pilot.press("e", "down")
        screen = picker(seeds_app)
        expected = "Spellings: " + ", ".join(SPELLINGS)
        expected += " Why merged: " + "; ".join(str(reason) for reason in REASONS)
        await pilot.pause()

        def shown() -> list[str]:
            """The screen lines between the list and the hint: the details."""
            top = screen.option_list.region.bottom
            return screen_lines(seeds_app)[top : screen.query_one("#picker-hint").region.y]

        seen = shown()
        assert missing_words(expected, seen), "the details fit: the test shows nothing"
        await pilot.press("tab")
        assert screen.focused not in (screen.query_one(Input), screen.option_list)
        for _ in range(20):
            await pilot.press("down")
            await pilot.pause()
            seen += shown()
        assert missing_words(expected, seen) == []
        # Back to the list: the highlighted entity and the selection are as they were.
        await pilot.press("shift+tab")
        assert screen.focused is screen.option_list
        await pilot.press("space", "enter")
        assert seeds_app.reader.state.entity_filter.entity_ids == ("e1",)


# ---------------------------------------------------------------------- hostile names


HOSTILE = "[bold red]Evil[/] \x1b]0;pwned\x07Corp [link=https://x.example]y[/link]"
HOSTILE_SHOWN = "[bold red]Evil[/] Corp [link=https://x.example]y[/link]"


def hostile_corpus(corpus: Corpus) -> Corpus:
    """The seeds with one made-up entity whose name and alias are markup and escapes."""
    report = corpus.reports[0]
    paragraph = report.paragraphs[0]
    entity = Entity(
        id="e1",
        name=HOSTILE,
        type="ORG",
        aliases=(HOSTILE, "[/]\x1b[2J"),
        mentions=1,
        reports=(report.id,),
        report_counts=((report.id, 1),),
    )
    mention = Mention("e1", report.id, paragraph.id, paragraph.start, paragraph.start + 3)
    return replace(
        corpus,
        entities=(entity,),
        mentions={paragraph.id: (mention,)},
        entity_paragraphs={"e1": frozenset({paragraph.id})},
    )


async def test_hostile_entity_names_render_literally(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(120, 35)) as pilot:
        corpus = await analysed(pilot)
        seeds_app.post_message(AnalysisReady(hostile_corpus(corpus), Corrections()))
        await pilot.pause()
        await pilot.press("e")
        screen = picker(seeds_app)
        option_list = screen.query_one("#picker-list", OptionList)
        row = option_list.render_line(0).text
        assert "[bold red]Evil[/] Corp [link=" in row
        assert_clean(row)
        details = "\n".join(
            screen.query_one("#picker-details").render_line(y).text for y in range(4)
        )
        assert HOSTILE_SHOWN in details and "[/]" in details
        assert_clean(details)
        await pilot.press("enter")
        reader = seeds_app.reader
        bar = str(reader.query_one("#filter-label").render())
        assert HOSTILE_SHOWN in bar
        assert_clean(bar)
        message = reader.pane(1).render_line(0).text
        assert "No paragraph here mentions [bold red]Evil[/]" in message
        assert_clean(message)
        for strip in (reader.pane(0).render_line(y) for y in range(5)):
            for segment in strip:
                assert segment.style is None or segment.style.link is None
