"""Pilot tests: cited sources and topics in the reader (the tag line under each
paragraph and its toggle, the source and topic pickers and filters, how they combine
with the entity filter, `c`), the sources overview and the palette entries
(NEWSPRISM_DATA_DIR is a temporary folder in every test)."""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList, Static

from tests.app.harness import (
    analysed,
    analysis_started,
    assert_clean,
    footer_keys,
    footer_line,
    missing_words,
    notes,
    pick,
    screen_lines,
    segments,
    shown_ids,
)
from tui.analysis.topics import UserTopic
from tui.app.app import NewsprismApp
from tui.app.messages import AnalysisReady
from tui.app.render import SOURCE_MARK, TOPIC_MARK, WIRE_MARK
from tui.app.screens.help import HelpScreen
from tui.app.screens.sources_overview import SourcesOverview
from tui.app.screens.tag_picker import SourcePicker, TopicPicker
from tui.app.widgets.filter_bar import FilterBar
from tui.app.widgets.report_pane import GUTTER, ReportPane
from tui.model.corpus import Corpus
from tui.model.corrections import Corrections
from tui.model.document import Paragraph
from tui.model.entities import Entity
from tui.model.tags import CitedSource, Topic
from tui.query.entities import match_entities

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


def tag_lines_of(pane: ReportPane, paragraph: Paragraph) -> list[str]:
    """The paragraph's tag lines as drawn, without the gutter: the last lines of the
    paragraph, from the first that starts with a tag mark."""
    lines = [line[GUTTER:].rstrip() for line in paragraph_lines(pane, paragraph)]
    first = next(
        (
            i
            for i, line in enumerate(lines)
            if line.lstrip().startswith((SOURCE_MARK, TOPIC_MARK, WIRE_MARK))
        ),
        len(lines),
    )
    return [line for line in lines[first:] if line]


def tag_line_of(pane: ReportPane, paragraph: Paragraph) -> str | None:
    """The paragraph's tags as one line of text (None without any)."""
    lines = tag_lines_of(pane, paragraph)
    return " ".join(line.strip() for line in lines) if lines else None


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
        tags = tag_line_of(seeds_app.reader.pane(0), paragraph)
        assert tags is not None
        assert tags.startswith(SOURCE_MARK)
        sources, _, topic_part = tags[len(SOURCE_MARK) :].partition("  " + TOPIC_MARK)
        assert sorted(sources.split(", ")) == ["Reuters", "two residents"]
        assert topic_part == "Damascus"
        # A paragraph citing no one has topics only.
        line = tag_line_of(seeds_app.reader.pane(0), paragraph_with(corpus, UNCITED))
        assert line is not None and line.startswith(TOPIC_MARK)
        assert SOURCE_MARK not in line


async def test_T_hides_and_shows_the_tags(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        corpus = await analysed(pilot)
        reader = seeds_app.reader
        pane = reader.pane(0)
        paragraph = paragraph_with(corpus, GUNFIRE)
        with_tags = paragraph_lines(pane, paragraph)
        tag_rows = len(tag_lines_of(pane, paragraph))
        assert tag_rows
        await pilot.press("T")
        assert not reader.state.show_tags and "Tags hidden" in notes(seeds_app)
        assert tag_line_of(pane, paragraph) is None
        assert len(paragraph_lines(pane, paragraph)) == len(with_tags) - tag_rows
        await pilot.press("T")
        assert reader.state.show_tags and "Tags shown" in notes(seeds_app)
        assert tag_line_of(pane, paragraph) is not None


async def test_tag_lines_fit_an_80_column_pane(seeds_app: NewsprismApp) -> None:
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        corpus = await analysed(pilot)
        for index in range(2):
            pane = seeds_app.reader.pane(index)
            room = pane.scrollable_content_region.width - GUTTER
            for paragraph in pane.paragraphs:
                tags = pane.view.tags.get(paragraph.id, ())
                lines = tag_lines_of(pane, paragraph)
                assert bool(lines) == bool(tags)
                assert all(cell_len(line) <= room for line in lines), lines
                # Every tag in full: none cut, none counted away.
                joined = " ".join(line.strip() for line in lines)
                assert all(tag.label in joined for tag in tags), (joined, tags)
        # The paragraph citing five sources wraps its tags: sources first, then topics.
        crowded = max(corpus.cited.items(), key=lambda item: len(item[1]))[0]
        pane = seeds_app.reader.pane(1)
        paragraph = next(p for p in pane.paragraphs if p.id == crowded)
        lines = tag_lines_of(pane, paragraph)
        assert len(lines) > 1 and lines[0].startswith(SOURCE_MARK)
        assert lines[-1].startswith(TOPIC_MARK) or lines[-1].startswith(" " * len(TOPIC_MARK))
        assert "…" not in " ".join(lines) and ", +" not in " ".join(lines)


# Made-up sources and topics, long enough to need several lines at 80 and 60 columns.
LONG_SOURCES = (
    "the deputy governor of the northern province",
    "two senior officers of the coastal brigade",
    "a spokeswoman for the regional health ministry",
    "the harbour master's office",
    "an official of the international relief committee",
    "volunteers at the field hospital",
)
LONG_TOPICS = (
    "Evacuation of the eastern districts",
    "Humanitarian corridor talks",
    "Water supply · old town",
)
# A query that finds each of them first in its picker.
SOURCE_QUERIES = ("deputy", "coastal", "spokeswoman", "master's", "relief", "volunteers")
TOPIC_QUERIES = ("evacuation", "humanitarian", "water supply")


def crowded_corpus(corpus: Corpus) -> Corpus:
    """The corpus with the first paragraph citing LONG_SOURCES and about LONG_TOPICS."""
    paragraph = corpus.reports[0].paragraphs[0]
    sources = tuple(CitedSource(name) for name in LONG_SOURCES)
    topics = tuple(
        Topic(f"t{90 + n}", label, (paragraph.id,)) for n, label in enumerate(LONG_TOPICS)
    )
    return replace(
        corpus,
        cited={**corpus.cited, paragraph.id: sources},
        source_paragraphs={
            **corpus.source_paragraphs,
            **{source.key: frozenset({paragraph.id}) for source in sources},
        },
        topics=(*corpus.topics, *topics),
        paragraph_topics={**corpus.paragraph_topics, paragraph.id: tuple(t.id for t in topics)},
    )


async def crowded(pilot: Pilot) -> Corpus:
    app = pilot.app
    assert isinstance(app, NewsprismApp)
    corpus = crowded_corpus(await analysed(pilot))
    app.post_message(AnalysisReady(corpus, Corrections()))
    await pilot.pause()
    assert app.reader.corpus is not None
    return app.reader.corpus


def shortest_query(corpus: Corpus, entity: Entity) -> str:
    """The shortest start of the entity's name the entity picker finds it first by."""
    name = entity.name.lower()
    return next(
        name[:n]
        for n in range(1, len(name) + 1)
        if match_entities(corpus.entities, name[:n])[0].id == entity.id
    )


@pytest.mark.parametrize("size", [(80, 24), (60, 24)])
async def test_a_long_tag_line_wraps_and_shows_every_tag(
    seeds_app: NewsprismApp, size: tuple[int, int]
) -> None:
    app = seeds_app
    async with app.run_test(size=size) as pilot:
        corpus = await crowded(pilot)
        pane = app.reader.pane(0)
        paragraph = corpus.reports[0].paragraphs[0]
        lines = tag_lines_of(pane, paragraph)
        room = pane.scrollable_content_region.width - GUTTER
        assert len(lines) > 2 and all(cell_len(line) <= room for line in lines)
        # Each tag line is on screen (a paragraph taller than the pane after a page
        # down), and together they give every tag, word for word.
        await pilot.pause()
        screen = screen_lines(app)
        await pilot.press("space")
        await pilot.pause()
        screen += screen_lines(app)
        assert all(any(line.strip() in row for row in screen) for line in lines)
        joined = " ".join(line.strip() for line in lines)
        assert [label for label in (*LONG_SOURCES, *LONG_TOPICS) if label not in joined] == []
        # The cursor still takes one step from paragraph to paragraph.
        await pilot.press("g", "j")
        assert pane.cursor == 1


async def test_a_long_filter_bar_wraps_and_shows_every_name(seeds_app: NewsprismApp) -> None:
    """Four entities, six sources, three topics and follow mode at 80x24, then 60x24:
    the bar takes the lines it needs and every name is on screen."""
    app = seeds_app
    async with app.run_test(size=(80, 24)) as pilot:
        corpus = await crowded(pilot)
        entities = sorted(corpus.entities, key=lambda e: -len(e.name))[:4]
        await pick(pilot, "e", *(shortest_query(corpus, e) for e in entities))
        await pick(pilot, "s", *SOURCE_QUERIES)
        await pick(pilot, "t", *TOPIC_QUERIES)
        reader = app.reader
        assert set(reader.state.entity_filter.entity_ids) == {e.id for e in entities}
        tag_filter = reader.state.tag_filter
        assert set(tag_filter.sources) == {CitedSource(name).key for name in LONG_SOURCES}
        assert set(tag_filter.topics) == {t.id for t in corpus.topics[-len(LONG_TOPICS) :]}
        await pilot.press("f")  # follow mode: one more word at the end
        label = bar_label(app)
        assert "· follow " in label and label.endswith(" c clear")  # keys last, whole
        bar = reader.query_one(FilterBar)
        for size in ((80, 24), (60, 24)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            rows = screen_lines(app)[bar.region.y : bar.region.bottom]
            assert bar.region.height > 1
            assert missing_words(label, rows) == [], size
            # The panes keep room to read in.
            assert reader.pane(0).size.height >= 8


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
        assert reader.state.tag_filter.sources == (reuters,)
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
        assert reader.state.tag_filter.sources == tuple(keys)
        assert both_panes(seeds_app) == readable(corpus, corpus.query_sources(keys))
        assert "Sources: Al Manar TV, two residents" in bar_label(seeds_app)
        await pilot.press("s")
        screen = seeds_app.screen
        assert isinstance(screen, SourcePicker) and screen.selected == keys
        await pilot.press("escape")
        assert reader.state.tag_filter.sources == tuple(keys)


async def test_outlets_are_listed_with_more_than_two_reports(tmp_path: Path) -> None:
    app = NewsprismApp(write_three_reports(tmp_path), one_story=True)
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
        planet = {p.id for r in corpus.reports if r.outlet == "Daily Planet" for p in r.paragraphs}
        assert app.reader.state.tag_filter.sources == ("outlet:Daily Planet",)
        assert both_panes(app) == planet
        assert "Outlets: Daily Planet" in bar_label(app)


async def test_outlet_and_cited_source_filters_combine(tmp_path: Path) -> None:
    app = NewsprismApp(write_three_reports(tmp_path), one_story=True)
    async with app.run_test(size=(120, 35)) as pilot:
        corpus = await analysed(pilot)
        reuters = entity_id(corpus, "Reuters")
        await pick(pilot, "s", "evening gazette", "reuters")
        reader = app.reader
        assert set(reader.state.tag_filter.sources) == {"outlet:Evening Gazette", reuters}
        gazette = {
            p.id for r in corpus.reports if r.outlet == "Evening Gazette" for p in r.paragraphs
        }
        expected = gazette & corpus.query_sources([reuters])
        assert expected
        # Reports 1 and 2 are the Daily Planet's: no paragraph there. The first pane turns
        # to report 3, which has them; the second, with no other report to turn to, says so.
        await pilot.pause()
        assert reader.pane(0).report is corpus.reports[2]
        assert shown_ids(reader.pane(0)) == expected
        assert reader.pane(1).report is corpus.reports[1]
        assert shown_ids(reader.pane(1)) == set()
        assert "Nothing here matches all filters" in reader.pane(1).render_line(0).text
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
        assert reader.state.tag_filter.topics == (homs,)
        allowed = corpus.query_topics([homs])
        assert both_panes(seeds_app) == readable(corpus, allowed)
        assert shown_ids(reader.pane(0)) and shown_ids(reader.pane(1))
        assert "Topics: Homs" in bar_label(seeds_app)


async def test_user_topics_are_listed_as_yours(tmp_path: Path) -> None:
    paths = write_three_reports(tmp_path)
    app = NewsprismApp(
        paths, user_topics=(UserTopic("Bread", keywords=("bread",)),), one_story=True
    )
    async with app.run_test(size=(120, 35)) as pilot:
        corpus = await analysed(pilot)
        bread = next(t for t in corpus.topics if t.label == "Bread")
        assert bread.user
        await pick(pilot, "t", "bread")
        assert app.reader.state.tag_filter.topics == (bread.id,)
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
        topic = topic_id(corpus, "Homs")
        await pick(pilot, "e", "hezbollah")
        await pick(pilot, "s", "reuters")
        reader = seeds_app.reader
        both = corpus.query([hezbollah]) & corpus.query_sources([reuters])
        assert both_panes(seeds_app) == readable(corpus, both)
        await pick(pilot, "t", "homs")
        assert reader.state.tag_filter.topics == (topic,)
        expected = both & corpus.query_topics([topic])
        assert expected and expected < corpus.query([hezbollah])
        assert both_panes(seeds_app) == readable(corpus, expected)
        # The right report has nothing of it: one line says so, the rest is blank.
        right = reader.pane(1)
        assert shown_ids(right) == set()
        assert right.render_line(0).text.strip() == "Nothing here matches all filters"
        assert right.render_line(1).text.strip() == ""
        label = bar_label(seeds_app)
        for part in ("Entities (any): Hezbollah", "Sources: Reuters", "Topics: Homs"):
            assert part in label
        # All of it on screen: the bar wraps onto a second line at 80 columns.
        bar = reader.query_one(FilterBar)
        assert bar.region.height == 2
        assert missing_words(label, screen_lines(seeds_app)[bar.region.y : bar.region.bottom]) == []


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
        assert reader.state.entity_filter.active and reader.state.tag_filter.active
        await pilot.press("c")
        assert not reader.state.entity_filter.active and not reader.state.tag_filter.active
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
        assert reader.state.tag_filter.sources == (reuters,)
        assert reader.state.tag_filter.topics == (homs,)
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
            r.outlet for r in corpus.reports if any(p.id in paragraphs for p in r.paragraphs)
        }
        assert row[0] == "Reuters"
        assert row[2] == str(len(paragraphs)) == "8"
        assert row[3] == str(len(outlets)) == "2"
        # The title counts outlets as the story list does: the seed no outlet names
        # (000_...) is counted apart.
        title = str(screen.query_one("#overview-title", Static).render())
        assert "in 2 reports from 1 outlet (+1 unknown)" in title
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
        # The gunfire fact rests on Reuters (the residents spoke to it), in both reports.
        gunfire = next(f for f in corpus.facts if sentence_id(corpus, GUNFIRE) in f.sentences)
        assert basis[gunfire.id][2:] == ["one source", "all via Reuters"]
        # A fact two reports credit to different sources is independent.
        independent = [fid for fid, row in basis.items() if row[2] == "independent"]
        assert independent
        # Every row is the fact's basis, found with the analysis.
        labels = {
            "one-source": "one source",
            "independent": "independent",
            "unattributed": "unattributed",
        }
        for fact in corpus.facts:
            assert fact.basis is not None
            assert basis[fact.id][2] == labels[fact.basis.kind], basis[fact.id]
        title = str(screen.query_one("#overview-facts-title").render())
        kinds = Counter(f.basis.kind for f in corpus.facts if f.basis)
        assert f"{len(corpus.facts)} facts: {kinds['one-source']} one source" in title


async def test_overview_enter_filters_by_a_source_or_shows_a_fact(
    seeds_app: NewsprismApp,
) -> None:
    async with seeds_app.run_test(size=(120, 35)) as pilot:
        corpus = await analysed(pilot)
        reader = seeds_app.reader
        await pilot.press("o", "j", "enter")
        assert seeds_app.screen is reader
        second = reader.state.tags.sources[1]
        assert reader.state.tag_filter.sources == (second.id,)
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
        # f1 is the rebels' "We celebrate" statement, quoted by both: it rests on them
        # (the seeds' gold basis), and each report's line says what it cites.
        assert (
            "f1 · one source: via Hayat Tahrir al-Sham in 1 report; 1 report cites no one" in text
        )
        assert text.count("Hayat Tahrir al-Sham") >= 2, text


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
    # What the footer draws at 80 columns: the reader's main keys, every one whole on
    # the line, and none of the source and topic keys (those are in the help and palette).
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        await analysed(pilot)
        keys, line = footer_keys(seeds_app), footer_line(seeds_app)
        assert {"e", "?", "q"} <= keys.keys(), keys
        assert not keys.keys() & {"s", "t", "o", "T"}, keys
        for key, description in keys.items():
            assert f"{key} {description}" in line, line
        for hidden in ("source", "topic", "tag line", "overview"):
            assert hidden not in line.lower(), line


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


# ---------------------------------------------------------------------- wire copy

WIRE_SENTENCES = (
    "A magnitude 6.1 earthquake struck the Indonesian island of Sumatra on Tuesday, "
    "damaging hundreds of homes in the province of Aceh.",
    "Rescue workers pulled at least four people from the rubble of a collapsed mosque in "
    "the district of Bener Meriah, police said.",
)


def write_reprints(folder: Path) -> list[str]:
    """Three reports printing one wire story (small edits), each with a line of its own,
    and one that does not."""
    own = {
        "apnews": "Aftershocks rattled the region for hours after the quake, residents said.",
        "foxnews": "Officials in Jakarta said they were sending tents and medicine to Aceh.",
        "guardian": "Residents slept outside in the rain, afraid to go back to their homes.",
    }
    paths = []
    for number, (name, line) in enumerate(own.items()):
        story = " ".join(WIRE_SENTENCES).replace(
            "on Tuesday", ["on Tuesday", "early on Tuesday", "on Tuesday morning"][number]
        )
        path = folder / f"{name}.txt"
        path.write_text(f"{story}\n\n{line}\n", encoding="utf-8")
        paths.append(str(path))
    other = folder / "local.txt"
    other.write_text(
        "The quake that hit Sumatra damaged a mosque in Bener Meriah, where rescuers "
        "searched the rubble through the night, the district chief told local radio.\n",
        encoding="utf-8",
    )
    return [*paths, str(other)]


async def test_a_paragraph_printed_by_other_reports_says_where(tmp_path: Path) -> None:
    app = NewsprismApp(write_reprints(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        corpus = await analysed(pilot)
        assert len(corpus.wire) == 2
        pane = app.reader.pane(0)
        report = pane.report
        assert report is not None
        first = report.paragraphs[0]
        line = tag_line_of(pane, first)
        assert (
            line is not None
            and WIRE_MARK + "unknown outlet (foxnews), unknown outlet (guardian)" in line
        ), line
        # The report's own paragraph is printed by no other.
        own = tag_line_of(pane, report.paragraphs[1])
        assert own is None or WIRE_MARK not in own
        # Every tag line fits the pane.
        room = pane.scrollable_content_region.width - GUTTER
        assert all(cell_len(row) <= room for row in tag_lines_of(pane, first))
