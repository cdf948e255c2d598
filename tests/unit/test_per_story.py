"""Facts, sources and topics story by story: nothing spans two stories, ids are numbered
in story order, and where the work runs (here, a process pool, a Dask cluster) changes
nothing in the result."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tui
import tui.pipeline.build
import tui.pipeline.executors as executors
import tui.pipeline.load
from tests.unit.harness import ROOT, run
from tui.analysis.attribution import find_all_cited
from tui.analysis.entities import find_candidates_of
from tui.analysis.entities import lexicon as lx
from tui.analysis.facts import LINK_FLOOR
from tui.analysis.stories.features import report_terms
from tui.ingest.loader import ReportSource, build_sources, reports_from_texts
from tui.model.corpus import ANALYSIS_STAGES, Corpus
from tui.model.document import Report
from tui.model.ids import report_of
from tui.model.stories import Story
from tui.pipeline.build import analysis_stages, last_corpus, with_fact_threshold
from tui.pipeline.cache import AnalysisCache
from tui.pipeline.executors import SchedulerError, StoryWork, batches, pool_pays
from tui.pipeline.load import Loader, ReportRead, ReportSkipped, load_corpus
from tui.pipeline.per_report import (
    report_candidates,
    report_chunks,
    report_cited,
    story_terms,
)
from tui.pipeline.per_story import StoryInput

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def renamed(text: str, prefix: str) -> str:
    """The text about another happening: every content word given `prefix` ("Assad" ->
    "Kaassad"), function words kept, so it reads the same and shares no name or word."""

    def rename(match: re.Match[str]) -> str:
        word = match.group()
        if len(word) < 4 or word.lower() in lx.FUNCTION_WORDS:
            return word
        return prefix.capitalize() + word.lower() if word[0].isupper() else prefix + word

    return _WORD.sub(rename, text)


def several_stories(prefixes: Sequence[str] = ("", "ka", "lo", "mi")) -> dict[str, str]:
    """The two seed reports, and the same pair about as many other happenings."""
    texts = {}
    for number, prefix in enumerate(prefixes):
        for path in SEEDS:
            text = path.read_text(encoding="utf-8")
            texts[f"{number}_{path.name}"] = renamed(text, prefix) if prefix else text
    return texts


def as_json(corpus: Corpus) -> str:
    """Everything the analysis found, links and re-clustering state included."""
    links = [(k.a, k.b, k.score, sorted(k.shared)) for k in corpus.fact_links]
    return json.dumps(
        [
            corpus.to_dict(),
            links,
            sorted(corpus.fact_state or {}),
            corpus.story_fact_spans,
            corpus.story_topic_spans,
        ],
        sort_keys=True,
    )


@contextmanager
def pool_always() -> Iterator[None]:
    """The local pool used whatever the size of the input (it would not pay for inputs
    this small), in batches however small."""
    with (
        mock.patch.object(executors, "pool_pays", lambda work, jobs, *costs: True),
        mock.patch.object(executors, "_MIN_BATCH", 1),
    ):
        yield


@contextmanager
def running_pool(jobs: int = 2) -> Iterator[StoryWork]:
    """A local pool whose workers run already (else this process may do all the work
    before they do)."""
    with pool_always(), StoryWork(jobs=jobs) as runner:
        assert runner.start()
        runner._ready.wait()
        yield runner


def assert_within_stories(corpus: Corpus) -> None:
    """No fact, link or automatic topic joins two stories; each story's facts and topics
    are its stretch of the corpus's, numbered in story order."""
    story_of = corpus.report_story
    for link in corpus.fact_links:
        assert story_of[report_of(link.a)] == story_of[report_of(link.b)]
    numbered = 0
    for story in corpus.stories:
        for fact in corpus.story_facts(story.id):
            assert {story_of[r] for r in fact.reports} == {story.id}
            numbered += 1
            assert fact.id == f"f{numbered}"
        for topic in corpus.story_topics(story.id):
            assert {story_of[report_of(p)] for p in topic.paragraphs} == {story.id}
    assert numbered == len(corpus.facts)
    automatic = [t for t in corpus.topics if not t.user]
    assert sum(len(corpus.story_topics(s.id)) for s in corpus.stories) == len(automatic)
    assert [t.id for t in corpus.topics] == [f"t{n}" for n in range(1, len(corpus.topics) + 1)]


# ---------------------------------------------------------------- per story


@pytest.fixture(scope="module")
def stories_corpus() -> Corpus:
    return tui.analyze_texts(several_stories(), jobs=1)


def test_each_story_has_its_own_facts_and_topics(stories_corpus: Corpus) -> None:
    assert len(stories_corpus.stories) == 4
    assert all(stories_corpus.story_facts(s.id) for s in stories_corpus.stories)
    assert all(stories_corpus.story_topics(s.id) for s in stories_corpus.stories)
    assert_within_stories(stories_corpus)
    assert stories_corpus.story_facts("s99") == ()


def test_one_story_alone_is_analysed_as_in_the_corpus(stories_corpus: Corpus) -> None:
    """A story's facts do not depend on the other stories: the seeds alone state the
    same facts (ids aside) as the seeds' story among others."""
    alone = tui.analyze_texts({n: t for n, t in several_stories().items() if n[0] == "0"})
    story = stories_corpus.story_of("r1")
    assert story is not None
    among = stories_corpus.story_facts(story)
    assert [(f.sentences, f.score) for f in among] == [(f.sentences, f.score) for f in alone.facts]


def test_the_threshold_moves_within_stories(stories_corpus: Corpus) -> None:
    for threshold in (LINK_FLOOR, 0.3, 0.55, 0.9):
        moved = with_fact_threshold(stories_corpus, threshold)
        assert moved.fact_links is stories_corpus.fact_links
        assert_within_stories(moved)
        assert all(f.score >= threshold for f in moved.facts)
    back = with_fact_threshold(moved, stories_corpus.fact_threshold)
    assert back.facts == stories_corpus.facts
    assert back.sentence_facts == stories_corpus.sentence_facts
    assert back.story_fact_spans == stories_corpus.story_fact_spans


def test_user_topics_span_stories_and_come_last() -> None:
    from tui.analysis.topics import UserTopic

    corpus = tui.analyze_texts(
        several_stories(("", "ka")), user_topics=[UserTopic("Said", keywords=("said",))], jobs=1
    )
    user = corpus.topics[-1]
    assert user.user and user.label == "Said"
    assert {corpus.story_of(report_of(p)) for p in user.paragraphs} == {"s1", "s2"}
    assert all(user not in corpus.story_topics(s.id) for s in corpus.stories)


# ---------------------------------------------------------------- the property


def _partition_by_name(reports: Sequence[Report], *args: object, **kwargs: object) -> tuple:
    """Stories given by the test: the reports whose names start alike (`e2-...`)."""
    groups: dict[str, list[Report]] = {}
    for report in reports:
        groups.setdefault(report.name.split("-")[0], []).append(report)
    ordered = sorted(groups.values(), key=lambda rs: (-len(rs), reports.index(rs[0])))
    return tuple(
        Story(f"s{n}", tuple(r.id for r in rs), rs[0].name, ())
        for n, rs in enumerate(ordered, start=1)
    )


_EVENT_WORDS = (
    "fire crews evacuated the hospital after a gas leak near the station",
    "floodwater breached the levee close to the old mill overnight",
    "the council approved the budget for the new bridge over the river",
    "police arrested two men after the robbery at the jewellery shop",
)
_SHARED = (
    "officials said the investigation was continuing",
    "witnesses described hearing a loud bang before the alarm sounded",
)


@st.composite
def coverage(draw: st.DrawFn) -> dict[str, str]:
    """Reports of two to four happenings: each report restates some of its happening's
    sentences (reordered, with a place name) and some sentences that every happening's
    reports use, the bait for a fact across stories."""
    events = draw(st.integers(2, 4))
    texts = {}
    for event in range(events):
        place = ["Leeds", "Dhaka", "Lyon", "Quito"][event]
        for number in range(draw(st.integers(2, 3))):
            own = draw(st.lists(st.sampled_from(_EVENT_WORDS[event:] + _EVENT_WORDS[:event]),
                                min_size=1, max_size=3))  # fmt: skip
            shared = draw(st.lists(st.sampled_from(_SHARED), max_size=2))
            lines = [f"In {place}, {s}." for s in own] + [s.capitalize() + "." for s in shared]
            texts[f"e{event}-{number}.txt"] = "\n\n".join(draw(st.permutations(lines)))
    return texts


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=coverage(), threshold=st.sampled_from([LINK_FLOOR, 0.3, 0.4, 0.6]))
def test_no_fact_spans_two_stories(texts: dict[str, str], threshold: float) -> None:
    reports = reports_from_texts(texts)
    with mock.patch.object(tui.pipeline.build, "find_stories", _partition_by_name):
        corpus = last_corpus(analysis_stages(reports, jobs=1))
    assert len(corpus.stories) == len({name.split("-")[0] for name in texts})
    assert_within_stories(corpus)
    assert_within_stories(with_fact_threshold(corpus, threshold))


# ---------------------------------------------------------------- where it runs


def test_jobs_give_the_same_analysis() -> None:
    reports = reports_from_texts(several_stories())
    alone = last_corpus(analysis_stages(reports, jobs=1))
    with pool_always():
        stages = list(analysis_stages(reports, jobs=2))
    assert [stage for stage, _ in stages] == list(ANALYSIS_STAGES)
    assert as_json(stages[-1][1]) == as_json(alone)
    # On a pool running from the start (as the loader's is for a large input), which
    # then takes part in every stage.
    with running_pool(jobs=3) as runner:
        assert as_json(last_corpus(analysis_stages(reports, work=runner))) == as_json(alone)
    # The default (every core) too, as `newsprism analyze` runs it.
    with pool_always():
        assert as_json(last_corpus(analysis_stages(reports))) == as_json(alone)


def test_the_pool_finds_the_same_candidates_in_the_same_order() -> None:
    reports = reports_from_texts(several_stories())
    candidates, lowercase = find_candidates_of(reports)
    chunks = report_chunks(reports, size=3)
    assert [r for chunk in chunks for r in chunk.reports] == reports
    with running_pool() as runner:
        pooled, pooled_lowercase = report_candidates(runner, reports)
    assert [repr(c) for c in pooled] == [repr(c) for c in candidates]
    assert list(pooled_lowercase.items()) == list(lowercase.items())


def test_the_pool_finds_the_same_cited_sources_in_the_same_order() -> None:
    """Cited sources are found on the pool (all batches given at once, while this
    process clusters the stories), and what it has not started is taken back here."""
    corpus = load_corpus(SEEDS, jobs=1)
    types = {entity.id: entity.type for entity in corpus.entities}
    reports = list(corpus.reports) * 20  # more batches than the pool takes at once
    alone = find_all_cited(reports, corpus.mentions, types)
    assert alone and any(not c.entity for cs in alone.values() for c in cs)
    with running_pool() as runner:
        pooled = report_cited(runner, reports, corpus.mentions, types)()
    assert list(pooled.items()) == list(alone.items())
    assert report_cited(StoryWork(jobs=1), reports, corpus.mentions, types)() == alone


def test_the_pool_finds_the_same_story_terms() -> None:
    reports = reports_from_texts(several_stories())
    stages = analysis_stages(reports, jobs=1)
    mentions = next(stages)[1].mentions
    alone = [report_terms(report, mentions) for report in reports]
    with running_pool() as runner:
        assert story_terms(runner, reports, mentions) == alone


def test_reports_built_on_the_pool_are_the_same_and_come_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for n, (name, text) in enumerate(several_stories().items()):
        (folder / name).write_text(text, encoding="utf-8")
        if n % 5 == 2:  # errors between the reports
            (folder / f"{name}.bad.txt").write_bytes(b"\x00\x01\x02\x03" * 64)

    def events(loader: Loader) -> list[tuple[str, int, int]]:
        found = []
        for event in loader.read():
            name = event.report.id if isinstance(event, ReportRead) else event.error.path
            found.append((name, event.done, event.total))
        return found

    alone = Loader([folder], jobs=1)
    alone_events = events(alone)
    monkeypatch.setattr(tui.pipeline.load, "PRESTART_BYTES", 0)
    monkeypatch.setattr(tui.pipeline.load, "BUILD_WINDOW", 4)
    with pool_always():
        pooled = Loader([folder], jobs=2)
        assert events(pooled) == alone_events
        assert pooled._builder.window == 4
        assert pooled.reports == alone.reports and pooled.errors == alone.errors
        corpus = last_corpus(pooled.stages())
    assert as_json(corpus) == as_json(last_corpus(alone.stages()))
    assert any(isinstance(e, ReportSkipped) for e in Loader([folder], jobs=1).read())


def test_work_shared_with_the_pool_comes_back_in_order() -> None:
    sources = [
        ReportSource(f"r{n}", name, text, False, name, {})
        for n, (name, text) in enumerate(several_stories(("", "ka", "zo")).items(), start=1)
    ]
    alone = build_sources(sources)
    with StoryWork(jobs=3) as runner:
        assert runner.start()
        # Before the workers run, this process does the batches the pool cannot take.
        found = runner.submit(build_sources, sources)()
        runner._ready.wait()
        assert runner.submit(build_sources, sources)() == found == alone


def _dies_in_a_worker(batch: Sequence[ReportSource], parent: int) -> list[Report]:
    """`build_sources`, except that a pool worker running it dies at once."""
    import os

    if os.getpid() != parent:
        os._exit(1)
    return build_sources(batch)


def test_a_worker_that_dies_leaves_its_work_to_this_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import os
    from concurrent.futures import Future

    sources = [
        ReportSource(f"r{n}", name, text, False, name, {})
        for n, (name, text) in enumerate(several_stories(("", "ka", "zo")).items(), start=1)
    ]
    # Every batch sent is taken by a worker (none is taken back to be done here).
    monkeypatch.setattr(Future, "cancel", lambda self: False)
    with running_pool() as runner:
        found = runner.submit(_dies_in_a_worker, sources, os.getpid())()
        assert runner._broken
        # and what comes later is done here too
        assert runner.submit(build_sources, sources)() == found == build_sources(sources)


def test_a_script_without_a_main_guard_can_use_the_pool(tmp_path: Path) -> None:
    import os

    """multiprocessing runs the main script again in each new process unless told not
    to: a script calling `tui.analyze` at its top level would start the analysis again
    in every worker, and break the pool."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for name, text in several_stories(("", "ka", "zo")).items():
        (folder / name).write_text(text, encoding="utf-8")
    script = tmp_path / "script.py"
    script.write_text(
        "import tui.pipeline.executors as executors\n"
        "executors.pool_pays = lambda work, jobs, *costs: True\n"
        "executors._MIN_BATCH = 1\n"
        "import tui\n"
        f"corpus = tui.analyze([{str(folder)!r}], jobs=2)\n"
        "print(len(corpus.reports), len(corpus.stories))\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[0] == str(len(list(folder.iterdir())))
    assert "Traceback" not in done.stderr


def test_jobs_are_not_in_the_cache_key(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name, text in several_stories(("", "ka")).items():
        (folder / name).write_text(text, encoding="utf-8")
    cache = AnalysisCache(tmp_path / "cache.sqlite3")
    first = load_corpus([folder], cache=cache, jobs=1)
    hits = cache.hits
    with pool_always():
        again = load_corpus([folder], cache=cache, jobs=2)
    assert cache.hits > hits
    assert as_json(again) == as_json(first)


def test_the_pool_is_used_only_when_it_pays() -> None:
    def work(*sizes: int) -> list[StoryInput]:
        return [StoryInput(f"s{n}", (), {}, {}, {}, size) for n, size in enumerate(sizes)]

    assert not pool_pays(work(100_000), jobs=4)  # one story
    assert not pool_pays(work(20, 30, 10), jobs=4)  # a few small reports
    assert not pool_pays(work(*[1000] * 50), jobs=1)
    assert pool_pays(work(*[300] * 200), jobs=2)
    # One story holds nearly all the work: the others cannot make up for shipping it.
    assert not pool_pays(work(60_000, 100, 100), jobs=2)
    with StoryWork(jobs=2) as runner:
        assert not runner.distributes(work(20, 30, 10))
        assert runner.distributes(work(*[300] * 200))


def test_batches_keep_the_order_and_big_stories_alone() -> None:
    sizes = [900, 500, 40, 30, 30, 20, 10, 10, 5, 5]
    work = [StoryInput(f"s{n}", (), {}, {}, {}, size) for n, size in enumerate(sizes)]
    found = batches(work, workers=2)
    assert [item for batch in found for item in batch] == work
    assert found[0] == [work[0]] and found[1] == [work[1]]


def test_jobs_on_the_command_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name, text in several_stories(("", "ka")).items():
        (folder / name).write_text(text, encoding="utf-8")
    code, alone, _ = run(capsys, "analyze", str(folder), "--no-cache", "--jobs", "1")
    assert code == 0
    with pool_always():
        code, pooled, _ = run(capsys, "analyze", str(folder), "--no-cache", "--jobs", "2")
    assert code == 0 and pooled == alone
    for bad in ("0", "-2", "two"):
        code, _, err = run(capsys, "analyze", str(folder), "--jobs", bad)
        assert code == 2 and "--jobs" in err and len(err.strip().splitlines()) == 1


# ---------------------------------------------------------------- Dask


def test_importing_tui_imports_no_dask_nor_pool() -> None:
    script = (
        "import sys, tui; tui.analyze_texts({'a.txt': 'Floods hit Dhaka.'}); "
        "print(sorted(m for m in ('dask', 'distributed', 'concurrent.futures.process') "
        "if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("address", "reason"),
    [("nonsense://x:1", "unknown address scheme"), ("foo", "missing port")],
)
def test_a_bad_scheduler_is_one_line(
    capsys: pytest.CaptureFixture[str], address: str, reason: str
) -> None:
    pytest.importorskip("dask.distributed")
    code, out, err = run(capsys, "analyze", "--no-cache", "--scheduler", address)
    assert code == 2 and out == ""
    assert err.startswith("newsprism: cannot use the Dask scheduler at") and reason in err
    assert len(err.strip().splitlines()) == 1


def test_an_unreachable_scheduler_is_an_error() -> None:
    pytest.importorskip("dask.distributed")
    with (
        pytest.raises(SchedulerError, match="cannot use the Dask scheduler"),
        executors.scheduler_executor("tcp://127.0.0.1:9", timeout=0.5),
    ):
        pass


def test_without_dask_the_scheduler_says_how_to_get_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    code, _, err = run(capsys, "analyze", "--no-cache", "--scheduler", "tcp://127.0.0.1:8786")
    assert code == 2 and "pip install 'newsprism[cluster]'" in err
    assert len(err.strip().splitlines()) == 1


def test_a_dask_cluster_gives_the_same_analysis(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    distributed = pytest.importorskip("dask.distributed")
    folder = tmp_path / "reports"
    folder.mkdir()
    for name, text in several_stories().items():
        (folder / name).write_text(text, encoding="utf-8")
    reports = reports_from_texts(several_stories())
    alone = last_corpus(analysis_stages(reports, jobs=1))
    # Workers are threads of this process, but reached over TCP: every story and
    # result is serialised as for a remote cluster.
    with distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=2,
        processes=False,
        protocol="tcp",
        dashboard_address=None,
    ) as cluster:
        with executors.scheduler_executor(cluster.scheduler_address) as (executor, threads):
            assert threads == 2
            stages = list(analysis_stages(reports, executor=executor))
        code, on_cluster, err = run(
            capsys, "analyze", str(folder), "--no-cache", "--scheduler", cluster.scheduler_address
        )
    assert [stage for stage, _ in stages] == list(ANALYSIS_STAGES)
    assert as_json(stages[-1][1]) == as_json(alone)
    code_alone, here, _ = run(capsys, "analyze", str(folder), "--no-cache", "--jobs", "1")
    assert code == code_alone == 0, err
    assert on_cluster == here
