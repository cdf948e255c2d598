"""Pilot tests: cited sources and topics in the reader (the tag line under each
paragraph and its toggle, the source and topic pickers and filters, how they combine
with the entity filter, `c`), the sources overview and the palette entries
(NEWSPRISM_DATA_DIR is a temporary folder in every test)."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

from textual.widgets import DataTable, OptionList

from tests.app_helpers import (
    analysed,
    analysis_started,
    assert_clean,
    notes,
    pick,
    run_command,
    segments,
    shown_ids,
)
from tui.analysis.entities import Corrections
from tui.analysis.topics import UserTopic
from tui.app.app import NewsprismApp
from tui.app.messages import AnalysisReady
from tui.app.render import SOURCE_MARK, TOPIC_MARK
from tui.app.screens.help import HelpScreen
from tui.app.screens.sources_overview import SourcesOverview
from tui.app.screens.tag_picker import SourcePicker, TopicPicker
from tui.app.widgets.filter_bar import FilterBar
from tui.app.widgets.report_pane import GUTTER, ReportPane
from tui.model.corpus import Corpus
from tui.model.document import Paragraph
from tui.model.tags import CitedSource, Topic

# A seed paragraph citing Reuters and two residents, about Damascus.
GUNFIRE = "Gunfire is heard in a central district of Damascus"
# The first seed paragraph cites no one.
UNCITED = "The extremist Islamist group"
# The two seed reports' wordings of the fact that the rebels took Homs: both say so on
# the rebels' word alone.
HOMS_LEFT = "full control of the strategic city of Homs"
HOMS_RIGHT = "complete control of the key city of Homs"


def write_three_reports(folder: Path) -> list[str]:
    """Three reports from two outlets (front matter), citing Reuters, AP and residents."""
    texts = {
        "a.txt": (
            "Daily Planet",
            "Fighting broke out near the port on Monday, two residents told Reuters.\n\n"
            "The mayor said the harbour would stay closed until further notice.",
        ),
        "b.txt": (
            "Daily Planet",
            "Ships were turned away from the harbour, officials told AP.\n\n"
            "Traders at the market said prices of bread had doubled overnight.",
        ),
        "c.txt": (
            "Evening Gazette",
            "The port was shut after clashes on Monday, according to Reuters.\n\n"
            "Residents queued for water in the old town through the night.",
        ),
    }
    paths = []
    for name, (outlet, body) in texts.items():
        path = folder / name
        path.write_text(f"---\nsource: {outlet}\n---\n{body}\n", encoding="utf-8")
        paths.append(str(path))
    return paths


# ---------------------------------------------------------------------- helpers


def entity_id(corpus: Corpus, name: str) -> str:
    return next(e.id for e in corpus.entities if e.name == name)


def topic_id(corpus: Corpus, label: str) -> str:
    return next(t.id for t in corpus.topics if t.label == label)


def paragraph_with(corpus: Corpus, words: str) -> Paragraph:
    for report in corpus.reports:
        for paragraph in report.paragraphs:
            if words in report.span(paragraph):
                return paragraph
    raise AssertionError(f"no paragraph contains {words!r}")


def sentence_id(corpus: Corpus, words: str) -> str:
    for report in corpus.reports:
        for paragraph in report.paragraphs:
            for sentence in paragraph.sentences:
                if words in report.span(sentence):
                    return sentence.id
    raise AssertionError(f"no sentence contains {words!r}")


def both_panes(app: NewsprismApp) -> set[str]:
    return shown_ids(app.reader.pane(0)) | shown_ids(app.reader.pane(1))


def readable(corpus: Corpus, ids: frozenset[str]) -> set[str]:
    """`ids` without boilerplate (hidden in the reader until b)."""
    kinds = {p.id: p.kind for r in corpus.reports for p in r.paragraphs}
    return {i for i in ids if kinds[i] != "boilerplate"}


def paragraph_lines(pane: ReportPane, paragraph: Paragraph) -> list[str]:
    """The screen lines of one paragraph, put at the top of the pane."""
    assert pane.reveal([paragraph.id], 0)
    index = pane.cursor
    region = pane._paragraph_region(index)
    assert region is not None
    top = region.y - pane.scroll_offset.y  # the last paragraphs cannot reach the top
    return [pane.render_line(y).text for y in range(top, top + region.height)]


def tag_line_of(pane: ReportPane, paragraph: Paragraph) -> str | None:
    found = [
        line
        for line in paragraph_lines(pane, paragraph)
        if line[2:].lstrip().startswith((SOURCE_MARK, TOPIC_MARK))
    ]
    assert len(found) <= 1, found
    return found[0] if found else None


def bar_label(app: NewsprismApp) -> str:
    return str(app.reader.query_one("#filter-label").render())


# ---------------------------------------------------------------------- tag line


async def test_tag_line_names_cited_sources_and_topics(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(120, 35)) as pilot:
        corpus = await analysed(pilot)
        paragraph = paragraph_with(corpus, GUNFIRE)
        cited = {s.key for s in corpus.cited[paragraph.id]}
        assert cited == {entity_id(corpus, "Reuters"), "name:two residents"}
        topics = [t.label for t in corpus.topics if t.id in corpus.paragraph_topics[paragraph.id]]
        assert topics == ["Damascus"]
        line = tag_line_of(seeds_app.reader.pane(0), paragraph)
        assert line is not None
        tags = line[2:].strip()
        assert tags.startswith(SOURCE_MARK)
        sources, _, topic_part = tags[len(SOURCE_MARK) :].partition("  " + TOPIC_MARK)
        assert sorted(sources.split(", ")) == ["Reuters", "two residents"]
        assert topic_part == "Damascus"
        # A paragraph citing no one has topics only.
        line = tag_line_of(seeds_app.reader.pane(0), paragraph_with(corpus, UNCITED))
        assert line is not None and line[2:].strip().startswith(TOPIC_MARK)
        assert SOURCE_MARK not in line


async def test_T_hides_and_shows_the_tags(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        corpus = await analysed(pilot)
        reader = seeds_app.reader
        pane = reader.pane(0)
        paragraph = paragraph_with(corpus, GUNFIRE)
        with_tags = paragraph_lines(pane, paragraph)
        assert tag_line_of(pane, paragraph) is not None
        await pilot.press("T")
        assert not reader.show_tags and "Tags hidden" in notes(seeds_app)
        assert tag_line_of(pane, paragraph) is None
        assert len(paragraph_lines(pane, paragraph)) == len(with_tags) - 1
        await pilot.press("T")
        assert reader.show_tags and "Tags shown" in notes(seeds_app)
        assert tag_line_of(pane, paragraph) is not None


async def test_tag_lines_fit_an_80_column_pane(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        corpus = await analysed(pilot)
        for index in range(2):
            pane = seeds_app.reader.pane(index)
            room = pane.scrollable_content_region.width - GUTTER
            drawn = [
                text
                for _, text in pane._lines
                if text is not None and text.plain.startswith((SOURCE_MARK, TOPIC_MARK))
            ]
            assert len(drawn) == sum(1 for p in pane.paragraphs if p.id in pane.view.tags)
            for text in drawn:
                assert text.cell_len <= room, text.plain
        # The paragraph citing five sources says how many it leaves out, topic kept.
        crowded = max(corpus.cited.items(), key=lambda item: len(item[1]))[0]
        pane = seeds_app.reader.pane(1)
        paragraph = next(p for p in pane.paragraphs if p.id == crowded)
        line = tag_line_of(pane, paragraph)
        assert line is not None and ", +" in line and TOPIC_MARK in line


async def test_tags_keep_navigation_and_highlights(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(120, 35)) as pilot:
        await analysed(pilot)
        pane = seeds_app.reader.pane(0)
        # One j per paragraph, tag line or not; the cursor covers the tag line.
        for expected in range(1, 5):
            await pilot.press("j")
            assert pane.cursor == expected
        region = pane._paragraph_region(pane.cursor)
        assert region is not None
        # The tag line is the paragraph's last before the blank one, under the cursor.
        tag_line = pane.render_line(region.bottom - 2 - pane.scroll_offset.y).text
        assert tag_line.startswith("▌ " + SOURCE_MARK) or tag_line.startswith("▌ " + TOPIC_MARK)
        await pilot.press("g")
        # Fact numbers and entity mentions are still drawn in the text.
        await pick(pilot, "e", "reuters")
        marked = [s for s in segments(pane) if s.text == "Reuters" and s.style and s.style.reverse]
        assert marked, "the mention of Reuters is not marked"
        assert any(s.style and s.style.underline for s in segments(pane)), "no fact drawn"
        await pilot.press("full_stop")
        assert pane.current_paragraph is not None
        assert pane.current_paragraph.id in pane.view.marks


# ---------------------------------------------------------------------- source filter


async def test_s_filters_both_panes_by_a_cited_source(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        corpus = await analysed(pilot)
        reuters = entity_id(corpus, "Reuters")
        await pilot.press("s")
        screen = seeds_app.screen
        assert isinstance(screen, SourcePicker)
        # Sources come with paragraph and outlet counts, most outlets first.
        first = screen.matches[0]
        assert first.id == reuters
        prompt = str(screen.query_one("#picker-list", OptionList).get_option_at_index(0).prompt)
        assert "Reuters" in prompt and "8" in prompt and "2 outlets" in prompt
        # With two reports there is nothing to gain from outlets: only cited sources.
        assert all(item.kind != "outlet" for item in screen.matches)
        await pilot.press(*"reuters", "enter")
        await pilot.pause()
        reader = seeds_app.reader
        assert reader.tag_filter.sources == (reuters,)
        allowed = corpus.query_sources([reuters])
        for index in range(2):
            assert shown_ids(reader.pane(index)) and shown_ids(reader.pane(index)) <= allowed
        assert both_panes(seeds_app) == readable(corpus, allowed)
        assert "Sources: Reuters" in bar_label(seeds_app)
        assert "8 paragraphs" in bar_label(seeds_app)
        # The chosen source stands out in the tag lines.
        chosen = [
            s for s in segments(reader.pane(0)) if s.text == "Reuters" and s.style and s.style.bold
        ]
        assert chosen


async def test_source_picker_selects_several_and_keeps_the_choice(
    seeds_app: NewsprismApp,
) -> None:
    async with seeds_app.run_test(size=(120, 35)) as pilot:
        corpus = await analysed(pilot)
        keys = [entity_id(corpus, "Al Manar TV"), "name:two residents"]
        await pick(pilot, "s", "al manar", "two residents")
        reader = seeds_app.reader
        assert reader.tag_filter.sources == tuple(keys)
        assert both_panes(seeds_app) == readable(corpus, corpus.query_sources(keys))
        assert "Sources: Al Manar TV, two residents" in bar_label(seeds_app)
        await pilot.press("s")
        screen = seeds_app.screen
        assert isinstance(screen, SourcePicker) and screen.selected == keys
        await pilot.press("escape")
        assert reader.tag_filter.sources == tuple(keys)


async def test_outlets_are_listed_with_more_than_two_reports(tmp_path: Path) -> None:
    app = NewsprismApp(write_three_reports(tmp_path))
    async with app.run_test(size=(120, 35)) as pilot:
        corpus = await analysed(pilot)
        await pilot.press("s")
        screen = app.screen
        assert isinstance(screen, SourcePicker)
        outlets = {item.name: item for item in screen.matches if item.kind == "outlet"}
        assert set(outlets) == {"Daily Planet", "Evening Gazette"}
        assert outlets["Daily Planet"].reports == 2
        # Cited sources first, then the outlets.
        is_outlet = [item.kind == "outlet" for item in screen.matches]
        assert is_outlet == sorted(is_outlet) and not is_outlet[0]
        await pilot.press(*"daily planet", "enter")
        await pilot.pause()
        planet = {p.id for r in corpus.reports if r.source == "Daily Planet" for p in r.paragraphs}
        assert app.reader.tag_filter.sources == ("outlet:Daily Planet",)
        assert both_panes(app) == planet
        assert "Outlets: Daily Planet" in bar_label(app)


async def test_outlet_and_cited_source_filters_combine(tmp_path: Path) -> None:
    app = NewsprismApp(write_three_reports(tmp_path))
    async with app.run_test(size=(120, 35)) as pilot:
        corpus = await analysed(pilot)
        reuters = entity_id(corpus, "Reuters")
        await pick(pilot, "s", "evening gazette", "reuters")
        reader = app.reader
        assert set(reader.tag_filter.sources) == {"outlet:Evening Gazette", reuters}
        gazette = {
            p.id for r in corpus.reports if r.source == "Evening Gazette" for p in r.paragraphs
        }
        expected = gazette & corpus.query_sources([reuters])
        assert expected
        # Reports 1 and 2 are the Daily Planet's: no paragraph there, and they say so.
        assert shown_ids(reader.pane(0)) == set()
        assert "Nothing here matches all filters" in reader.pane(0).render_line(0).text
        await pilot.press("tab", "right_square_bracket")
        assert reader.pane(1).report is corpus.reports[2]
        assert shown_ids(reader.pane(1)) == expected
        label = bar_label(app)
        assert "Sources: Reuters" in label and "Outlets: Evening Gazette" in label


# ---------------------------------------------------------------------- topic filter


async def test_t_filters_both_panes_by_a_topic(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        corpus = await analysed(pilot)
        homs = topic_id(corpus, "Homs")
        await pilot.press("t")
        screen = seeds_app.screen
        assert isinstance(screen, TopicPicker)
        assert [item.id for item in screen.matches] == [t.id for t in corpus.topics]
        await pilot.press(*"homs")
        assert screen.matches[0].id == homs
        await pilot.press("enter")
        await pilot.pause()
        reader = seeds_app.reader
        assert reader.tag_filter.topics == (homs,)
        allowed = corpus.query_topics([homs])
        assert both_panes(seeds_app) == readable(corpus, allowed)
        assert shown_ids(reader.pane(0)) and shown_ids(reader.pane(1))
        assert "Topics: Homs" in bar_label(seeds_app)


async def test_user_topics_are_listed_as_yours(tmp_path: Path) -> None:
    paths = write_three_reports(tmp_path)
    app = NewsprismApp(paths, user_topics=(UserTopic("Bread", keywords=("bread",)),))
    async with app.run_test(size=(120, 35)) as pilot:
        corpus = await analysed(pilot)
        bread = next(t for t in corpus.topics if t.label == "Bread")
        assert bread.user
        await pick(pilot, "t", "bread")
        assert app.reader.tag_filter.topics == (bread.id,)
        assert both_panes(app) == set(bread.paragraphs)
        await pilot.press("t", *"bread")
        screen = app.screen
        assert isinstance(screen, TopicPicker)
        assert screen.matches[0].kind == "user"
        details = str(screen.query_one("#picker-details").render())
        assert "your topic" in details


# ---------------------------------------------------------------------- combined, c


async def test_entity_source_and_topic_filters_intersect(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        corpus = await analysed(pilot)
        hezbollah = entity_id(corpus, "Hezbollah")
        reuters = entity_id(corpus, "Reuters")
        topic = topic_id(corpus, "Hezbollah · Qusair")
        await pick(pilot, "e", "hezbollah")
        await pick(pilot, "s", "reuters")
        reader = seeds_app.reader
        both = corpus.query([hezbollah]) & corpus.query_sources([reuters])
        assert both_panes(seeds_app) == readable(corpus, both)
        await pick(pilot, "t", "qusair")
        assert reader.tag_filter.topics == (topic,)
        expected = both & corpus.query_topics([topic])
        assert expected and expected < corpus.query([hezbollah])
        assert both_panes(seeds_app) == readable(corpus, expected)
        # The right report has nothing of it: one line says so, the rest is blank.
        right = reader.pane(1)
        assert shown_ids(right) == set()
        assert right.render_line(0).text.strip() == "Nothing here matches all filters"
        assert right.render_line(1).text.strip() == ""
        label = bar_label(seeds_app)
        for part in ("Entities (any): Hezbollah", "Sources: Reuters", "Topics: Hezbollah"):
            assert part in label
        assert reader.query_one(FilterBar).region.height == 1


async def test_a_wide_pane_says_what_the_filters_ask(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(200, 30)) as pilot:
        await analysed(pilot)
        await pick(pilot, "e", "hezbollah")
        await pick(pilot, "s", "reuters")
        message = seeds_app.reader.pane(1).render_line(0).text.strip()
        assert message == "No paragraph here mentions Hezbollah and cites Reuters"


async def test_c_clears_entity_source_and_topic_filters(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        await analysed(pilot)
        reader = seeds_app.reader
        everything = [len(reader.pane(i).paragraphs) for i in range(2)]
        await pick(pilot, "e", "damascus")
        await pick(pilot, "s", "reuters")
        await pick(pilot, "t", "damascus")
        assert reader.entity_filter.active and reader.tag_filter.active
        await pilot.press("c")
        assert not reader.entity_filter.active and not reader.tag_filter.active
        assert [len(reader.pane(i).paragraphs) for i in range(2)] == everything
        assert not reader.query_one(FilterBar).display
        assert "Filters cleared" in notes(seeds_app)
        await pilot.press("c")
        assert "No filter to clear: e, s or t filters the panes" in notes(seeds_app)


async def test_source_filter_carries_over_a_reanalysis(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(120, 35)) as pilot:
        await analysed(pilot)
        await pick(pilot, "s", "reuters")
        await pick(pilot, "t", "homs")
        # Merge two other entities: every entity id may change; Reuters is still Reuters
        # (and the topics are found again).
        await pilot.press("e", *"qusair", "down", "m", *"hezbollah", "down", "m")
        corpus = await analysed(pilot)
        await pilot.press("escape")
        reader = seeds_app.reader
        reuters, homs = entity_id(corpus, "Reuters"), topic_id(corpus, "Homs")
        assert reader.tag_filter.sources == (reuters,)
        assert reader.tag_filter.topics == (homs,)
        expected = corpus.query_sources([reuters]) & corpus.query_topics([homs])
        assert both_panes(seeds_app) == readable(corpus, expected)


# ---------------------------------------------------------------------- overview


async def test_overview_counts_sources_and_tells_single_from_independent_facts(
    seeds_app: NewsprismApp,
) -> None:
    async with seeds_app.run_test(size=(120, 35)) as pilot:
        corpus = await analysed(pilot)
        await pilot.press("o")
        screen = seeds_app.screen
        assert isinstance(screen, SourcesOverview)
        sources = screen.query_one("#overview-sources", DataTable)
        reuters = entity_id(corpus, "Reuters")
        row = [cell.text.plain for cell in sources.get_row(reuters)]
        paragraphs = corpus.query_sources([reuters])
        outlets = {
            r.source for r in corpus.reports if any(p.id in paragraphs for p in r.paragraphs)
        }
        assert row[0] == "Reuters"
        assert row[2] == str(len(paragraphs)) == "8"
        assert row[3] == str(len(outlets)) == "2"
        # Sorted by outlets, then paragraphs.
        rows = [[c.text.plain for c in sources.get_row_at(i)] for i in range(sources.row_count)]
        order = [(-int(r[3]), -int(r[2])) for r in rows]
        assert order == sorted(order)
        assert rows[0][0] == "Reuters"

        facts = screen.query_one("#overview-facts", DataTable)
        basis = {f.id: [c.text.plain for c in facts.get_row(f.id)] for f in corpus.facts}
        # The Homs fact: both reports say it on the rebels' word alone.
        homs = next(f for f in corpus.facts if sentence_id(corpus, HOMS_LEFT) in f.sentences)
        assert sentence_id(corpus, HOMS_RIGHT) in homs.sentences
        assert basis[homs.id][2] == "one source"
        assert basis[homs.id][3] == "all via rebels"
        # A fact one report states citing no one is independent.
        independent = [fid for fid, row in basis.items() if row[2] == "independent"]
        assert independent and any("cites no one" in basis[f][3] for f in independent)
        # Every row agrees with what the fact's paragraphs cite.
        places = {s.id: p.id for r in corpus.reports for p in r.paragraphs for s in p.sentences}
        for fact in corpus.facts:
            cited = [
                {c.key for c in corpus.cited.get(pid, ())}
                for pid in {places[s] for s in fact.sentences}
            ]
            single = all(len(keys) == 1 for keys in cited) and len(set.union(*cited)) == 1
            assert (basis[fact.id][2] == "one source") == single, basis[fact.id]


async def test_overview_enter_filters_by_a_source_or_shows_a_fact(
    seeds_app: NewsprismApp,
) -> None:
    async with seeds_app.run_test(size=(120, 35)) as pilot:
        corpus = await analysed(pilot)
        reader = seeds_app.reader
        await pilot.press("o", "j", "enter")
        assert seeds_app.screen is reader
        second = reader.tags.sources[1]
        assert reader.tag_filter.sources == (second.id,)
        assert both_panes(seeds_app) == readable(corpus, corpus.query_sources([second.id]))
        await pilot.press("c", "o", "tab", "enter")
        assert seeds_app.screen is reader
        first_fact = corpus.facts[0]
        shown = {s.id for s in reader.pane(0).current_paragraph.sentences}
        assert shown & set(first_fact.sentences)
        await pilot.press("o", "escape")
        assert seeds_app.screen is reader


async def test_overview_details_follow_the_highlighted_row(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        await analysed(pilot)
        await pilot.press("o")
        details = seeds_app.screen.query_one("#overview-details")
        assert "cited in 8 paragraphs by 2 outlets" in str(details.render())
        await pilot.press("tab")
        text = str(details.render())
        assert text.startswith("f1 · ") and "Sky News:" in text


# ---------------------------------------------------------------------- keys, palette


async def test_keys_wait_for_the_analysis(
    seeds_app: NewsprismApp, held_analysis: threading.Event
) -> None:
    release = held_analysis
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        await analysis_started(pilot)
        await pilot.press("s", "t", "o", "T")
        assert seeds_app.screen is seeds_app.reader
        assert notes(seeds_app).count("Analysis still running") == 4
        release.set()
        await analysed(pilot)
        await pilot.press("s")
        assert isinstance(seeds_app.screen, SourcePicker)


async def test_palette_entries(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        await analysed(pilot)
        reader = seeds_app.reader
        await run_command(pilot, "filter by source")
        assert isinstance(seeds_app.screen, SourcePicker)
        await pilot.press(*"reuters", "enter")
        assert reader.tag_filter.sources
        await run_command(pilot, "filter by topic")
        assert isinstance(seeds_app.screen, TopicPicker)
        await pilot.press(*"damascus", "enter")
        assert reader.tag_filter.topics
        await run_command(pilot, "toggle tags")
        assert not reader.show_tags
        await run_command(pilot, "sources overview")
        assert isinstance(seeds_app.screen, SourcesOverview)
        await pilot.press("escape")
        await run_command(pilot, "clear filters")
        assert not reader.tag_filter.active


async def test_help_describes_the_source_and_topic_keys(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        await analysed(pilot)
        await pilot.press("question_mark")
        assert isinstance(seeds_app.screen, HelpScreen)
        keys = {description: key for key, description in seeds_app.screen.rows}
        assert keys["Filter by cited source or outlet"] == "s"
        assert keys["Filter by topic"] == "t"
        assert keys["Show / hide the tag line (sources, topics)"] == "T"
        assert keys["Sources overview: who each fact rests on"] == "o"
        assert keys["Clear all filters (entity, source, topic)"] == "c"


async def test_footer_stays_uncluttered(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        await analysed(pilot)
        shown = {
            binding.key
            for binding in (a.binding for a in seeds_app.reader.active_bindings.values())
            if binding.show
        }
        assert not shown & {"s", "t", "o", "T"}


# ---------------------------------------------------------------------- hostile names


HOSTILE = "[bold red]Evil[/] \x1b]0;pwned\x07Wire"
HOSTILE_SHOWN = "[bold red]Evil[/] Wire"


def hostile_corpus(corpus: Corpus) -> Corpus:
    """The seeds with one made-up source and topic whose names are markup and escapes."""
    paragraph = corpus.reports[0].paragraphs[0]
    source = CitedSource(HOSTILE)
    topic = Topic("t99", "[i]x[/i]\x1b[2J topic", (paragraph.id,))
    return replace(
        corpus,
        cited={paragraph.id: (source,)},
        source_paragraphs={source.key: frozenset({paragraph.id})},
        topics=(topic,),
        paragraph_topics={paragraph.id: ("t99",)},
    )


async def test_hostile_source_and_topic_names_render_literally(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(120, 35)) as pilot:
        corpus = await analysed(pilot)
        seeds_app.post_message(AnalysisReady(hostile_corpus(corpus), Corrections()))
        await pilot.pause()
        pane = seeds_app.reader.pane(0)
        pane.move_cursor(0)
        line = tag_line_of(pane, pane.paragraphs[0])
        assert line is not None
        assert HOSTILE_SHOWN in line and "[i]x[/i] topic" in line
        assert_clean(line)
        await pick(pilot, "s", "evil")
        assert HOSTILE_SHOWN in bar_label(seeds_app)
        assert_clean(bar_label(seeds_app))
        message = seeds_app.reader.pane(1).render_line(0).text
        assert "[bold red]Evil[/]" in message
        assert_clean(message)


async def test_tag_lines_are_drawn_in_the_tag_style(seeds_app: NewsprismApp) -> None:
    """A tag line is one styled Text with no spans of its own: its style must still
    reach the screen (Text.render alone leaves it out)."""
    async with seeds_app.run_test(size=(120, 35)) as pilot:
        await analysed(pilot)
        pane = seeds_app.reader.pane(0)
        tag_colour = pane.get_component_rich_style("report-pane--tags").color
        body_colour = pane.rich_style.color
        assert tag_colour is not None and tag_colour != body_colour
        tag_rows = [
            y
            for y in range(30)
            if pane.render_line(y).text[GUTTER:].startswith((SOURCE_MARK, TOPIC_MARK))
        ]
        assert tag_rows
        for y in tag_rows:
            marks = [
                seg
                for seg in pane.render_line(y)
                if seg.text.strip().startswith((SOURCE_MARK, TOPIC_MARK))
            ]
            assert marks and all(seg.style and seg.style.color == tag_colour for seg in marks)
