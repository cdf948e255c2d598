"""The stories in the query layer (tui/query/stories.py): the story list's rows, their
filters and sorts, the stories naming an entity, and one story's part of a corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

import tui
from tests.unit.harness import write_story_reports
from tui.model.corpus import Corpus
from tui.model.facts import Fact
from tui.query import Filter, view_of
from tui.query.stories import (
    date_span,
    filter_story_rows,
    sort_story_rows,
    stories_mentioning,
    story_corpus,
    story_fact_counts,
    story_rows,
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return tui.analyze([write_story_reports(tmp_path_factory.mktemp("stories"))])


def names(corpus: Corpus, report_ids: tuple[str, ...]) -> list[str]:
    return [corpus.report(r).name for r in report_ids]


def test_the_generated_coverage_is_four_stories(corpus: Corpus) -> None:
    assert [names(corpus, s.report_ids) for s in corpus.stories] == [
        ["quake_1", "quake_2", "quake_3"],
        ["heist_1", "heist_2"],
        ["oscars_1", "oscars_2"],
        ["flood_1"],
    ]


@pytest.mark.parametrize(
    ("dates", "shown"),
    [
        ((None, None), ""),
        (("2024-03-04", None), "2024-03-04"),
        (("2024-03-04", "2024-03-04"), "2024-03-04"),
        (("2024-03-04", "2024-03-06"), "2024-03-04–06"),
        (("2024-03-04", "2024-04-06"), "2024-03-04–04-06"),
        (("2023-12-30", "2024-01-02"), "2023-12-30–2024-01-02"),
        (("2024-03-04T10:00:00Z", "2024-03-05T01:00:00Z"), "2024-03-04–05"),
        (("March 3", "March 5"), "March 3–March 5"),
        (("2024-03-04\x1b[31m", None), "2024-03-04"),
    ],
)
def test_date_span(dates: tuple[str | None, str | None], shown: str) -> None:
    assert date_span(dates) == shown


def test_rows_give_reports_outlets_dates_and_shared_facts(corpus: Corpus) -> None:
    rows = story_rows(corpus, facts_found=True)
    assert [(r.id, r.number, r.reports) for r in rows] == [
        ("s1", 1, 3),
        ("s2", 2, 2),
        ("s3", 3, 2),
        ("s4", 4, 1),
    ]
    quake = rows[0]
    assert quake.outlets == ("AP", "BBC", "Reuters")
    assert quake.dates == "2024-03-04–05"
    assert quake.title == corpus.stories[0].title
    counts = story_fact_counts(corpus)
    assert [r.facts for r in rows] == [counts[r.id] for r in rows]
    assert rows[0].facts and rows[1].facts and rows[3].facts == 0
    # Before the facts are found the counts are not known.
    assert all(r.facts is None for r in story_rows(corpus, facts_found=False))


def test_rows_filter_by_title_and_outlet(corpus: Corpus) -> None:
    rows = story_rows(corpus, facts_found=True)
    assert [r.id for r in filter_story_rows(rows, "  reuTERS ")] == ["s1"]
    assert [r.id for r in filter_story_rows(rows, "oscars")] == ["s3"]
    assert filter_story_rows(rows, "") == rows
    assert [r.id for r in filter_story_rows(rows, "", frozenset({"s4", "s2"}))] == ["s2", "s4"]
    assert filter_story_rows(rows, "oscars", frozenset({"s1"})) == []


def test_rows_sort_by_each_column(corpus: Corpus) -> None:
    rows = story_rows(corpus, facts_found=True)

    def order(column: str, reverse: bool = False) -> list[str]:
        return [r.id for r in sort_story_rows(rows, column, reverse)]

    # Counts: largest first (ties in story order); reversed, smallest first.
    assert order("reports") == ["s1", "s2", "s3", "s4"]
    assert order("reports", reverse=True) == ["s4", "s2", "s3", "s1"]
    assert order("outlets")[0] == "s1" and order("outlets")[-1] == "s4"
    # Text from A; dates oldest first.
    titles = [r.title.casefold() for r in sort_story_rows(rows, "title")]
    assert titles == sorted(titles)
    assert order("dates") == ["s2", "s3", "s1", "s4"]
    assert order("number", reverse=True) == ["s4", "s3", "s2", "s1"]
    # Counts not known yet sort last, either way.
    pending = story_rows(corpus, facts_found=False)
    assert [r.id for r in sort_story_rows(pending, "facts")] == ["s1", "s2", "s3", "s4"]
    with pytest.raises(ValueError, match="unknown column"):
        sort_story_rows(rows, "nope")


def test_stories_naming_entities(corpus: Corpus) -> None:
    golani = next(e.id for e in corpus.entities if e.name == "Miriam Golani")
    pena = next(e.id for e in corpus.entities if e.name == "Rodrigo Pena")
    assert stories_mentioning(corpus, [golani]) == {"s1", "s4"}
    assert stories_mentioning(corpus, [golani, pena], "any") == {"s1", "s4"}
    # "all": a story naming each of them somewhere (not in one paragraph).
    assert stories_mentioning(corpus, [golani, pena], "all") == {"s1"}
    assert stories_mentioning(corpus, []) == frozenset()


def test_a_story_corpus_holds_its_reports_facts_sources_and_topics(corpus: Corpus) -> None:
    story = corpus.stories[0]
    facts = {fact.id: fact for fact in corpus.facts}
    part = story_corpus(corpus, story, facts)
    inside = set(story.report_ids)
    assert [r.id for r in part.reports] == list(story.report_ids)
    assert part.stories == (story,)
    assert set(part.report_story) == inside
    assert part.facts and all(set(f.reports) <= inside for f in part.facts)
    assert [f.id for f in part.facts] == [f.id for f in corpus.facts if set(f.reports) <= inside]
    paragraphs = {p.id for r in part.reports for p in r.paragraphs}
    sentences = {s.id for r in part.reports for p in r.paragraphs for s in p.sentences}
    assert set(part.sentence_facts) <= sentences
    assert set(part.cited) <= paragraphs
    assert all(ids <= paragraphs for ids in part.source_paragraphs.values())
    assert all(set(t.paragraphs) <= paragraphs for t in part.topics)
    assert part.topics and set(part.paragraph_topics) <= paragraphs
    # The links between its reports (what a fact matched on; which sentences are
    # unique), its wire copies and each fact's basis come along.
    own_links = [k for k in corpus.fact_links if k.a in sentences and k.b in sentences]
    assert part.fact_links and list(part.fact_links) == own_links
    assert part.linked_sentences() == corpus.linked_sentences() & sentences
    assert list(part.wire) == [w for w in corpus.wire if set(w.reports) <= inside]
    assert part.sentence_wire == {s: w for s, w in corpus.sentence_wire.items() if s in sentences}
    assert all(f.basis is not None for f in part.facts)
    # Entities are the whole corpus's: the entity filter spans stories.
    assert part.entities == corpus.entities
    assert part.entity_paragraphs is corpus.entity_paragraphs
    # A filter over the story keeps its paragraphs only.
    golani = next(e.id for e in corpus.entities if e.name == "Miriam Golani")
    kept = view_of(part, Filter(entities=(golani,)))
    assert [r.id for r, _ in kept.selected(part.reports)] == [story.report_ids[0]]


def test_a_fact_across_stories_keeps_its_sentences_in_the_story(corpus: Corpus) -> None:
    """Until facts are found per story, one may join reports of two stories: a story
    keeps its own sentences of it when two or more of its reports state it."""
    quake, heist = corpus.stories[0], corpus.stories[1]
    first = [p.sentences[0].id for r in corpus.reports for p in r.paragraphs[:1]]
    by_report = {s.partition(".")[0]: s for s in first}
    crossing = Fact(
        "f99",
        tuple(by_report[r] for r in (*quake.report_ids[:2], heist.report_ids[0])),
        (*quake.report_ids[:2], heist.report_ids[0]),
        0.9,
    )
    sentence_facts = dict(corpus.sentence_facts)
    for sentence_id in crossing.sentences:
        sentence_facts[sentence_id] = (*sentence_facts.get(sentence_id, ()), "f99")
    facts = {fact.id: fact for fact in (*corpus.facts, crossing)}
    mixed = Corpus(
        reports=corpus.reports,
        stories=corpus.stories,
        report_story=corpus.report_story,
        facts=(*corpus.facts, crossing),
        sentence_facts=sentence_facts,
    )
    in_quake = story_corpus(mixed, quake, facts)
    kept = next(f for f in in_quake.facts if f.id == "f99")
    assert kept.reports == quake.report_ids[:2]
    assert kept.sentences == crossing.sentences[:2]
    # In the heist only one report states it: nothing shared there.
    in_heist = story_corpus(mixed, heist, facts)
    assert "f99" not in {f.id for f in in_heist.facts}
    assert all("f99" not in ids for ids in in_heist.sentence_facts.values())
    assert story_fact_counts(mixed)["s1"] == story_fact_counts(corpus)["s1"] + 1


def test_story_titles_and_outlets_in_rows_are_safe(tmp_path: Path) -> None:
    hostile = {
        "evil": [
            ("[bold red]Evil[/] \x1b]0;pwned\x07Wire", "2024-01-01",
             "[b]Markup[/b] headline \x1b[31mred",
             "A fire destroyed a warehouse in Leeds on Monday, the fire service said."),
            ("Other", "2024-01-01", "Warehouse fire in Leeds",
             "A fire destroyed a warehouse in Leeds on Monday, firefighters said."),
        ],
    }  # fmt: skip
    corpus = tui.analyze([write_story_reports(tmp_path, hostile)])
    rows = story_rows(corpus, facts_found=True)
    for row in rows:
        for text in (row.title, *row.outlets, row.dates):
            assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in text), text
    assert any("[bold red]Evil[/]" in outlet for row in rows for outlet in row.outlets)
