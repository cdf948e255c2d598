"""Stories: reports grouped by happening, the Story model and its JSON, the corpus lookups."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tui
from tui.analysis.stories import find_stories
from tui.ingest.loader import reports_from_texts
from tui.model.corpus import Corpus
from tui.model.stories import Story
from tui.pipeline.build import analysis_stages

STORY_KEYS = {"id", "title", "reports", "outlets", "dates"}


def stories_of(texts: dict[str, str], **options: bool) -> tuple[tuple[str, ...], ...]:
    """The stories of `texts` (analysed together), each as its reports' names."""
    corpus = tui.analyze_texts(texts, **options)
    names = {r.id: r.name for r in corpus.reports}
    return tuple(tuple(names[r] for r in story.report_ids) for story in corpus.stories)


def assert_partition(corpus: Corpus) -> None:
    """Every report in exactly one story, ids s1..sN, largest first, reports in order."""
    seen = [r for story in corpus.stories for r in story.report_ids]
    assert sorted(seen) == sorted(r.id for r in corpus.reports)
    assert len(seen) == len(set(seen))
    assert [s.id for s in corpus.stories] == [f"s{n}" for n in range(1, len(corpus.stories) + 1)]
    sizes = [len(s.report_ids) for s in corpus.stories]
    assert sizes == sorted(sizes, reverse=True)
    order = {r.id: n for n, r in enumerate(corpus.reports)}
    for story in corpus.stories:
        assert list(story.report_ids) == sorted(story.report_ids, key=order.__getitem__)
        for report_id in story.report_ids:
            assert corpus.story_of(report_id) == story.id


# ---------------------------------------------------------------- the seeds, the model


def test_the_seeds_are_one_story(seeds_corpus: Corpus) -> None:
    assert len(seeds_corpus.stories) == 1
    story = seeds_corpus.stories[0]
    assert story.report_ids == tuple(r.id for r in seeds_corpus.reports)
    assert story.title
    assert_partition(seeds_corpus)


def test_story_json_keys(seeds_corpus: Corpus) -> None:
    data = seeds_corpus.to_dict()
    assert data["schema"] == 1
    assert [set(s) for s in data["stories"]] == [STORY_KEYS]
    story = data["stories"][0]
    assert story["id"] == "s1"
    assert story["reports"] == [r["id"] for r in data["reports"]]
    assert story["dates"] == [None, None]
    assert story["outlets"] == sorted({r["source"] for r in data["reports"]})
    assert all(report["story"] == "s1" for report in data["reports"])


def test_corpus_story_lookups(seeds_corpus: Corpus) -> None:
    assert seeds_corpus.story("s1") is seeds_corpus.stories[0]
    with pytest.raises(KeyError):
        seeds_corpus.story("s2")
    assert seeds_corpus.story_of("r1") == "s1"
    assert seeds_corpus.story_of("r999") is None


def test_story_to_dict() -> None:
    story = Story("s2", ("r1", "r4"), "Quake hits", ("AP", "Reuters"), ("2024-01-02", None))
    assert story.to_dict() == {
        "id": "s2",
        "title": "Quake hits",
        "reports": ["r1", "r4"],
        "outlets": ["AP", "Reuters"],
        "dates": ["2024-01-02", None],
    }


def test_stories_come_with_the_entities_stage() -> None:
    reports = reports_from_texts({"a.txt": "Floods hit Dhaka.", "b.txt": "Floods hit Dhaka again."})
    stage, corpus = next(iter(analysis_stages(reports)))
    assert stage == "entities"
    assert corpus.stories and corpus.report_story


def test_no_reports_no_stories() -> None:
    assert find_stories([], {}, []) == ()


def test_one_story_puts_every_report_in_one() -> None:
    texts = {
        "quake.txt": "A strong earthquake struck northern Chile on Monday, killing 12 people.",
        "oscars.txt": "Ellen DeGeneres will host the Oscars next year, the Academy said.",
    }
    assert len(stories_of(texts)) == 2
    assert stories_of(texts, one_story=True) == (("quake", "oscars"),)


def test_titles_are_safe_lead_sentences() -> None:
    texts = {
        "a.txt": "http://example.com/x\nBomb\x1b[31m blast kills 9 in Quetta market on Friday.\n",
        "b.txt": "A bomb blast killed 9 people in a Quetta market on Friday, police said.\n",
    }
    corpus = tui.analyze_texts(texts)
    for story in corpus.stories:
        assert "\x1b" not in story.title and "http" not in story.title
        assert len(story.title) <= 100


def test_the_one_story_setting_is_in_the_cache_key(tmp_path) -> None:
    from tui.pipeline.cache import AnalysisCache
    from tui.pipeline.load import load_corpus

    for name, text in {
        "quake.txt": "A strong earthquake struck northern Chile on Monday, killing 12 people.",
        "oscars.txt": "Ellen DeGeneres will host the Oscars next year, the Academy said.",
    }.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    cache = AnalysisCache(tmp_path / "cache.sqlite3")
    try:
        assert len(load_corpus([tmp_path], cache=cache).stories) == 2
        assert len(load_corpus([tmp_path], cache=cache, one_story=True).stories) == 1
        assert len(load_corpus([tmp_path], cache=cache).stories) == 2
    finally:
        cache.close()


# ---------------------------------------------------------------- properties

_WORDS = st.sampled_from(
    "quake flood fire storm Chile Peru Lima police killed injured 12 2009 2013 Monday "
    "minister said rescue village coast hospital".split()
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.lists(st.lists(_WORDS, min_size=1, max_size=12), min_size=0, max_size=4),
        min_size=1,
        max_size=8,
    )
)
def test_every_report_is_in_exactly_one_story(documents: list[list[list[str]]]) -> None:
    texts = {
        f"d{n}.txt": "\n".join(" ".join(s) + "." for s in doc) for n, doc in enumerate(documents)
    }
    reports = reports_from_texts(texts)
    _, corpus = next(iter(analysis_stages(reports)))
    assert_partition(corpus)
