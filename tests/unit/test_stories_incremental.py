"""Incremental story clustering: reports added to a folder already analysed (and cached)
join its stories, the old stories keep their ids, and nothing is clustered again
(`tui.pipeline.incremental`); anything else clusters everything again."""

from __future__ import annotations

import pickle
import random
from collections import defaultdict
from pathlib import Path

import pytest

import tui.analysis.stories.cluster as cluster
from tests.unit.test_stories import coverage, entity_analysis, gold_partition, partition
from tui.analysis.stories import StoryIndex, find_stories
from tui.analysis.stories.incremental import kept_ids
from tui.model.corpus import Corpus
from tui.model.corrections import Corrections, StoryCorrection
from tui.model.ids import report_key
from tui.pipeline import incremental
from tui.pipeline.cache import AnalysisCache
from tui.pipeline.load import load_corpus

EVENTS = {"quake-2014": 8, "quake-2005": 7, "quake-2007": 6, "flood-2019": 5}


@pytest.fixture
def clusterings(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many full clusterings ran (average-link over every report): one entry each."""
    calls: list[int] = []
    real = cluster.average_link_and_parts

    def counted(count: int, *args: object, **kwargs: object) -> object:
        calls.append(count)
        return real(count, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(cluster, "average_link_and_parts", counted)
    return calls


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NEWSPRISM_CACHE_DIR", str(tmp_path / "cache"))
    made = tmp_path / "reports"
    made.mkdir()
    return made


def texts_and_events() -> tuple[dict[str, str], dict[str, str], list[str]]:
    """Generated coverage of four events (three earthquakes in one region, years apart,
    and a flood), its names shuffled: the held-out ones come last."""
    texts, events = coverage(EVENTS)
    names = list(texts)
    random.Random(4).shuffle(names)
    return texts, events, names


def write(folder: Path, texts: dict[str, str], names: list[str]) -> None:
    for name in names:
        (folder / f"{name}.txt").write_text(texts[name], encoding="utf-8")


def analysed(folder: Path, corrections: Corrections | None = None) -> Corpus:
    return load_corpus([folder], corrections=corrections, cache=AnalysisCache())


def story_by_name(corpus: Corpus) -> dict[str, str]:
    """Each report's file name (without .txt) -> its story id."""
    names = {r.id: r.name.removesuffix(".txt") for r in corpus.reports}
    return {names[r]: story.id for story in corpus.stories for r in story.report_ids}


def named_partition(corpus: Corpus) -> frozenset[frozenset[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for name, story in story_by_name(corpus).items():
        groups[story].append(name)
    return partition(list(groups.values()))


def assert_partition(corpus: Corpus) -> None:
    ids = [r for story in corpus.stories for r in story.report_ids]
    assert sorted(ids) == sorted(r.id for r in corpus.reports)
    assert corpus.report_story == {r: s.id for s in corpus.stories for r in s.report_ids}
    for story in corpus.stories:
        order = [int(r[1:]) for r in story.report_ids]
        assert order == sorted(order)  # in corpus order


# ---------------------------------------------------------------- through the loader


def test_reports_added_to_an_analysed_folder_join_their_stories_and_ids_stay(
    folder: Path, clusterings: list[int]
) -> None:
    texts, events, names = texts_and_events()
    held = names[-4:]  # they sort among the others: the old reports' ids shift
    write(folder, texts, names[:-4])
    first = analysed(folder)
    assert len(clusterings) == 1
    write(folder, texts, held)
    grown = analysed(folder)
    assert len(clusterings) == 1  # not clustered again
    assert_partition(grown)
    before, after = story_by_name(first), story_by_name(grown)
    assert {name: after[name] for name in before} == before
    assert named_partition(grown) == gold_partition(events)
    # The facts, sources and topics are those of the grown stories.
    assert set(grown.story_fact_spans) <= {s.id for s in grown.stories}
    # Clustering all of them at once tells the same events apart, but numbers them by
    # size: here two stories of the first analysis swap ids.
    whole = load_corpus([folder])
    assert named_partition(whole) == named_partition(grown)
    assert [s.id for s in whole.stories] == [s.id for s in grown.stories]
    assert story_by_name(whole) != after


def test_an_unrelated_report_starts_a_story_after_the_others(
    folder: Path, clusterings: list[int]
) -> None:
    texts, _, names = texts_and_events()
    write(folder, texts, names)
    first = analysed(folder)
    (folder / "000-other.txt").write_text(
        "Ellen DeGeneres will host the Oscars next year, the Academy said on Tuesday.\n",
        encoding="utf-8",
    )
    grown = analysed(folder)
    assert len(clusterings) == 1
    after = story_by_name(grown)
    assert after["000-other"] == f"s{len(first.stories) + 1}"
    assert {name: after[name] for name in story_by_name(first)} == story_by_name(first)
    assert grown.reports[0].name == "000-other" and grown.reports[0].id == "r1"


def test_a_copy_of_a_report_joins_its_story(folder: Path, clusterings: list[int]) -> None:
    texts, _, names = texts_and_events()
    write(folder, texts, names)
    first = story_by_name(analysed(folder))
    (folder / "zz-copy.txt").write_text(texts[names[0]], encoding="utf-8")
    after = story_by_name(analysed(folder))
    assert len(clusterings) == 1
    assert after["zz-copy"] == after[names[0]] == first[names[0]]


def test_a_clustering_grows_again_and_again(folder: Path, clusterings: list[int]) -> None:
    texts, events, names = texts_and_events()
    write(folder, texts, names[:-4])
    analysed(folder)
    for name in names[-4:]:
        write(folder, texts, [name])
        analysed(folder)
    assert len(clusterings) == 1
    assert named_partition(analysed(folder)) == gold_partition(events)


def test_a_removed_report_clusters_everything_again(folder: Path, clusterings: list[int]) -> None:
    texts, _, names = texts_and_events()
    write(folder, texts, names[:-1])
    analysed(folder)
    (folder / f"{names[0]}.txt").unlink()
    write(folder, texts, names[-1:])
    corpus = analysed(folder)
    assert len(clusterings) == 2
    assert corpus.to_dict() == load_corpus([folder]).to_dict()


def test_a_changed_report_clusters_everything_again(folder: Path, clusterings: list[int]) -> None:
    texts, _, names = texts_and_events()
    write(folder, texts, names[:-1])
    analysed(folder)
    changed = folder / f"{names[0]}.txt"
    changed.write_text(texts[names[0]] + "Officials gave no further details.\n", "utf-8")
    write(folder, texts, names[-1:])
    corpus = analysed(folder)
    assert len(clusterings) == 2
    assert corpus.to_dict() == load_corpus([folder]).to_dict()


def test_many_new_reports_cluster_everything_again(folder: Path, clusterings: list[int]) -> None:
    texts, _, names = texts_and_events()
    kept = int(len(names) / (1 + incremental.MAX_GROWTH)) - 1
    write(folder, texts, names[:kept])
    analysed(folder)
    write(folder, texts, names[kept:])
    corpus = analysed(folder)
    assert len(clusterings) == 2
    assert corpus.to_dict() == load_corpus([folder]).to_dict()


def test_story_corrections_apply_on_a_grown_clustering(
    folder: Path, clusterings: list[int]
) -> None:
    texts, _, names = texts_and_events()
    write(folder, texts, names[:-4])
    plain = analysed(folder)
    # One report of the largest story on a story of its own.
    alone = next(r for r in plain.reports if r.id == plain.stories[0].report_ids[0])
    split = Corrections(stories=(StoryCorrection("split", (report_key(alone.text),)),))
    first = analysed(folder, split)
    assert len(clusterings) == 2  # other corrections: clustered again
    write(folder, texts, names[-4:])
    grown = analysed(folder, split)
    assert len(clusterings) == 2
    before, after = story_by_name(first), story_by_name(grown)
    assert {name: after[name] for name in before} == before
    loner = alone.name.removesuffix(".txt")
    assert [n for n, s in after.items() if s == after[loner]] == [loner]
    # Without the correction (other corrections): everything clustered again.
    analysed(folder)
    assert len(clusterings) == 3


def test_a_kept_clustering_that_does_not_fit_is_as_none(
    folder: Path, clusterings: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    texts, _, names = texts_and_events()
    write(folder, texts, names[:-1])
    analysed(folder)
    write(folder, texts, names[-1:])

    def broken(*args: object) -> None:
        raise KeyError("e7")

    monkeypatch.setattr(StoryIndex, "add_all", broken)
    corpus = analysed(folder)
    assert len(clusterings) == 2
    assert corpus.to_dict() == load_corpus([folder]).to_dict()


def test_one_story_keeps_no_clustering(folder: Path, clusterings: list[int]) -> None:
    texts, _, names = texts_and_events()
    write(folder, texts, names[:-1])
    load_corpus([folder], cache=AnalysisCache(), one_story=True)
    write(folder, texts, names[-1:])
    corpus = load_corpus([folder], cache=AnalysisCache(), one_story=True)
    assert len(corpus.stories) == 1 and not clusterings
    analysed(folder)
    assert len(clusterings) == 1


# ---------------------------------------------------------------- the parts


def test_the_pipeline_clusters_as_find_stories_does_the_first_time() -> None:
    texts, _, names = texts_and_events()
    corpus = entity_analysis({n: texts[n] for n in names})
    reports = corpus.reports
    split = Corrections(stories=(StoryCorrection("split", (report_key(reports[3].text),)),))
    for corrections in (None, split):
        found = incremental.StoryClustering()(
            reports, corpus.mentions, corpus.entities, corrections=corrections
        )
        assert found == find_stories(
            reports, corpus.mentions, corpus.entities, corrections=corrections
        )


def test_an_index_from_another_analysis_takes_its_entities_by_alias() -> None:
    """Built over the entities of the first reports, grown with those of all of them
    (other entity ids), pickled in between: the events are told apart all the same."""
    texts, events, names = texts_and_events()
    ordered = {n: texts[n] for n in names}
    first = entity_analysis(dict(list(ordered.items())[:-6]))
    index = StoryIndex.build(first.reports, first.mentions, first.entities)
    index = pickle.loads(pickle.dumps(index))
    assert index.reports == []
    index.rebind(first.reports)
    whole = entity_analysis(ordered)
    ids = {e.name: e.id for e in whole.entities}
    assert any(ids.get(e.name) != e.id for e in first.entities)  # renumbered
    index.add_all(whole.reports[-6:], whole.mentions, whole.entities)
    by_id = {r.id: r.name for r in whole.reports}
    grown = partition([[by_id[r] for r in s.report_ids] for s in index.stories()])
    assert grown == gold_partition(events)


def test_kept_ids() -> None:
    before = {0: "s1", 1: "s1", 2: "s2", 3: "s3"}
    # Grown: 4 joins s2, 5 and 6 are new stories (the larger first).
    assert kept_ids([[0, 1], [2, 4], [3], [5, 6], [7]], before) == ["s1", "s2", "s3", "s4", "s5"]
    # A story split in two: its id stays with the part holding more of it (ties: the
    # first part).
    assert kept_ids([[0], [1, 2], [3]], {0: "s1", 1: "s1", 2: "s1", 3: "s2"}) == [
        "s3",
        "s1",
        "s2",
    ]
    assert kept_ids([[0], [1, 4, 5], [2], [3]], before) == ["s1", "s4", "s2", "s3"]
    # Two stories joined: the one of the lower id keeps it; the other's is not taken again.
    assert kept_ids([[0, 1, 2], [3], [4]], before) == ["s1", "s3", "s4"]
    assert kept_ids([[1], [0, 2], [3]], {}) == ["s2", "s1", "s3"]  # by size, as ever
