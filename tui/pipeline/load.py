"""The one loader: report files -> Corpus, in stages, with the analysis cache.

`Loader` is used the same way by the command line and the reader (`serve` runs a
reader per browser session):

1. `Loader(paths, ...)` finds the files (`found`, or takes what `discover` found);
2. `read_first()` (optional) reads the first file alone: the reader shows it before its
   first screen is drawn;
3. `read(corrections)` reads the rest, yielding a `ReportRead` or `ReportSkipped` per
   file as it comes; an unchanged input (every file's size and times, its
   `sources.toml`, the settings: see `_inputs_key`) is taken whole from the cache
   instead of file by file;
4. `stages(corrections)` yields (stage, corpus so far) for each analysis stage
   (`tui.model.corpus.ANALYSIS_STAGES`); the last is the whole corpus, stored in the cache,
   with the story clustering of these inputs (the paths and recursion as given): when
   reports are added to them, the clustering grows instead of being redone
   (`tui.pipeline.incremental`).

`load_corpus` runs all of it at once. Warnings (a `sources.toml` entry naming no file...)
go to `warn` as soon as they are known, and into `Corpus.warnings`.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from tui.ingest.loader import (
    SOURCES_FILE,
    Discovery,
    ReportSource,
    build_sources,
    discover,
    iter_reports,
)
from tui.model.corpus import ANALYSIS_STAGES, Corpus, LoadError
from tui.model.corrections import Corrections
from tui.model.document import Report
from tui.pipeline.cache import AnalysisCache, content_key
from tui.pipeline.executors import Costs, StoryWork

# Building a report, per sentence (`ReportSource.sentences`): about 55 us; shipping what
# builds it to a worker and the report back, about 5 us.
BUILD_COSTS = Costs(work=55e-6, shipping=5e-6)

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from tui.analysis.topics import UserTopic
    from tui.pipeline.incremental import StoryClustering, StoryState

# The analysis (`tui.pipeline.build`) is imported when it runs: finding the files and
# reading the first one (the reader's first screen, `serve`) need none of it.


@dataclass(frozen=True, slots=True)
class ReportRead:
    """A report was read: `done` of `total` files so far."""

    report: Report
    done: int
    total: int


@dataclass(frozen=True, slots=True)
class ReportSkipped:
    """A file or folder could not be used (`done` is 0 for what was never a file)."""

    error: LoadError
    done: int
    total: int


LoadEvent = ReportRead | ReportSkipped


class CachedReports:
    """The analysis cache as ingest's `ReportStore`: reports by what they are built from."""

    def __init__(self, cache: AnalysisCache) -> None:
        self.cache = cache

    def find(
        self, data: bytes, path: Path, report_id: str, metadata: Mapping[str, str]
    ) -> tuple[str, Report | None]:
        key = content_key(data, str(path), report_id, sorted(metadata.items()))
        cached = self.cache.get("report", key)
        return key, cached if isinstance(cached, Report) else None


def cached_stages(
    reports: Sequence[Report],
    errors: Sequence[LoadError],
    report_keys: Sequence[str],
    cache: AnalysisCache | None,
    corrections: Corrections | None = None,
    user_topics: Sequence[UserTopic] = (),
    *,
    one_story: bool = False,
    jobs: int | None = None,
    executor: Executor | None = None,
    clustering: StoryClustering | None = None,
    work: StoryWork | None = None,
) -> Iterator[tuple[str, Corpus]]:
    """`build.analysis_stages`, or only its last stage, from the cache, when nothing it
    uses changed; a fresh analysis is stored when its last stage is done. Where it runs
    (`jobs`, `executor`, `work`) changes nothing in it, so it is not in the cache's key.
    `clustering` (when given) finds the stories (see `build.analysis_stages`)."""
    from tui.pipeline import build

    def stages() -> Iterator[tuple[str, Corpus]]:
        return build.analysis_stages(
            reports,
            errors,
            corrections,
            user_topics=user_topics,
            one_story=one_story,
            jobs=jobs,
            executor=executor,
            clustering=clustering,
            work=work,
        )

    if cache is None or len(report_keys) != len(reports):
        yield from stages()
        return
    key = _corpus_key(report_keys, corrections, user_topics, one_story)
    cached = cached_corpus(cache, key, report_keys)
    if cached is not None:
        yield ANALYSIS_STAGES[-1], replace(cached, errors=tuple(errors))
        return
    for stage, corpus in stages():
        if stage == ANALYSIS_STAGES[-1]:
            store_corpus(cache, key, corpus)
        yield stage, corpus


def store_corpus(cache: AnalysisCache, key: str, corpus: Corpus) -> None:
    """Keep an analysed corpus under `key`, without its reports and errors: the reports
    are their own entries already (the loader stores each one it reads), and pickling
    them again would cost as much as a third of the entry."""
    cache.put("corpus", key, replace(corpus, reports=(), errors=()))


def cached_corpus(cache: AnalysisCache, key: str, report_keys: Sequence[str]) -> Corpus | None:
    """The corpus kept under `key` (see `store_corpus`) with its reports, whose entries
    are under `report_keys`; None if it or any of them is missing."""
    corpus = cache.get("corpus", key)
    if not isinstance(corpus, Corpus):
        return None
    reports = cache.get_many("report", report_keys)
    if not all(isinstance(report, Report) for report in reports):
        return None
    return replace(corpus, reports=tuple(reports))  # type: ignore[arg-type]


# An input of this many bytes or more starts the pool before it is read (when there is
# one: `jobs` > 1, no executor given): the reports are built on it as they are read, and
# it is running when the analysis needs it. About 500 news reports; smaller inputs start
# it (if it pays) only for the analysis.
PRESTART_BYTES = 1_000_000
# Reports are then built this many files at a time.
BUILD_WINDOW = 256


def _large(files: Sequence[Path]) -> bool:
    """Whether `files` hold `PRESTART_BYTES` or more."""
    total = 0
    for path in files:
        with contextlib.suppress(OSError):
            total += path.stat().st_size
            if total >= PRESTART_BYTES:
                return True
    return False


class PoolBuilder:
    """Builds reports (`tui.ingest.loader.ReportBuilder`): on `work`'s pool when it runs
    and that pays, else here. `window` is 1 until the pool is started for reading."""

    def __init__(self, work: StoryWork) -> None:
        self.work = work
        self.window = 1

    def __call__(self, sources: Sequence[ReportSource]) -> list[Report]:
        if len(sources) > 1 and self.work.distributes(sources, BUILD_COSTS):
            return self.work.submit(build_sources, sources)()
        return build_sources(sources)


def _corpus_key(
    report_keys: Sequence[str],
    corrections: Corrections | None,
    user_topics: Sequence[UserTopic],
    one_story: bool,
) -> str:
    """The key of an analysis: its reports' keys and the settings."""
    from tui.analysis.facts import DEFAULT_THRESHOLD

    return content_key(
        tuple(report_keys), corrections, tuple(user_topics), DEFAULT_THRESHOLD, one_story
    )


def _stories_key(paths: Sequence[str | os.PathLike[str]], recursive: bool) -> str:
    """The key of the story clustering of these inputs: the paths as given (resolved)."""
    resolved = []
    for path in paths:
        try:
            resolved.append(str(Path(path).resolve()))
        except (OSError, RuntimeError):
            resolved.append(str(Path(path).absolute()))
    return content_key("stories", tuple(resolved), recursive)


# A file changed this recently (ctime or mtime, in ns) may change again without its
# times changing (they tick coarsely on some file systems): its bytes go into the
# inputs' key instead.
RECENT_NS = 3_000_000_000


def _file_part(path: Path, now_ns: int) -> tuple[object, ...]:
    """What `path` contributes to the inputs' key: its size and times, which every write
    changes (ctime cannot be set back); its bytes' digest if it changed so recently that
    another write could leave its times as they are; why it cannot be read otherwise."""
    try:
        st = path.stat()
        if max(st.st_ctime_ns, st.st_mtime_ns) < now_ns - RECENT_NS:
            return (str(path), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)
        return (str(path), hashlib.sha256(path.read_bytes()).digest())
    except OSError as exc:
        return (str(path), type(exc).__name__)


def _inputs_key(
    files: Sequence[Path],
    found_errors: Sequence[LoadError],
    corrections: Corrections | None,
    user_topics: Sequence[UserTopic],
    one_story: bool,
) -> str:
    """What a whole analysis depends on: every input file (`_file_part`: its size and
    times, without reading it, unless it has just changed), the `sources.toml` beside
    them, and the settings. A file whose times changed is a miss; its bytes are then read
    once, by `iter_reports`, and looked up in the cache by content."""
    now_ns = time.time_ns()
    parts: list[object] = [tuple(str(e) for e in found_errors)]
    folders = sorted({path.parent for path in files})
    for folder in folders:
        try:
            table = (folder / SOURCES_FILE).read_bytes()
            # Its warnings depend on the names beside it (an entry naming no file).
            parts.append((str(folder), table, sorted(os.listdir(folder))))
        except OSError:
            parts.append((str(folder), None))
    parts.extend(_file_part(path, now_ns) for path in files)
    from tui.analysis.facts import DEFAULT_THRESHOLD

    return content_key(tuple(parts), corrections, tuple(user_topics), DEFAULT_THRESHOLD, one_story)


class Loader:
    """Files -> Corpus for one set of inputs (see the module's docstring for the steps).

    `reports`, `errors` and `warnings` grow as the files are read. Its generators may run
    in a worker thread; `warn` is called from there too."""

    def __init__(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        recursive: bool = False,
        cache: AnalysisCache | None = None,
        user_topics: Sequence[UserTopic] = (),
        warn: Callable[[str], None] | None = None,
        found: Discovery | None = None,
        one_story: bool = False,
        jobs: int | None = None,
        executor: Executor | None = None,
    ) -> None:
        # `found`: what `discover(paths, recursive)` already found (the command line
        # checks there is something to read before the reader starts).
        paths = list(paths)
        self.found = found if found is not None else discover(paths, recursive=recursive)
        # The key of these inputs' story clustering (grown when reports are added).
        self._stories_key = _stories_key(paths, recursive)
        self.cache = cache
        self.user_topics = tuple(user_topics)
        # Every report taken to be about one story (no story clustering).
        self.one_story = one_story
        # Where the per-story analyses run (see `tui.pipeline.executors.StoryWork`).
        self.jobs = jobs
        self.executor = executor
        self.reports: list[Report] = []
        self.errors: list[LoadError] = []
        self.warnings: list[str] = []
        self._warn = warn
        self._keys: list[str] = []
        self._fresh: list[tuple[str, Report]] = []
        self._held: list[LoadError] = []
        self._done = 0
        store = CachedReports(cache) if cache is not None else None
        # Where the analyses (and, for a large input, the building of the reports) run.
        self.work = StoryWork(jobs, executor)
        self._builder = PoolBuilder(self.work)
        self._items = iter_reports(
            self.found.files, store, warn=self._warned, builder=self._builder
        )
        # The inputs' key and settings, and the whole corpus when the cache had it.
        self._inputs: tuple[str, Corrections | None] | None = None
        self._whole: Corpus | None = None

    @property
    def total(self) -> int:
        """How many files were found."""
        return len(self.found.files)

    def _warned(self, warning: str) -> None:
        self.warnings.append(warning)
        if self._warn is not None:
            self._warn(warning)

    def read_first(self) -> Report | None:
        """Read the first file alone (None if it could not be read: `read` says why)."""
        item = next(self._items, None)
        if item is None:
            return None
        self._done += 1
        if isinstance(item, LoadError):
            self._held.append(item)
            return None
        self._take(item.report, item.key, item.cached)
        return item.report

    def _take(self, report: Report, key: str, cached: bool) -> None:
        self.reports.append(report)
        self._keys.append(key)
        if not cached:
            self._fresh.append((key, report))

    def read(self, corrections: Corrections | None = None) -> Iterator[LoadEvent]:
        """Read every file not read yet, one event each, in order (with the settings
        `stages` will get, to find the whole input in the cache)."""
        total = self.total
        for error in self.found.errors:
            self.errors.append(error)
            yield ReportSkipped(error, 0, total)
        if self.cache is not None:
            key = _inputs_key(
                self.found.files, self.found.errors, corrections, self.user_topics, self.one_story
            )
            self._inputs = (key, corrections)
            whole = self._cached_whole(key)
            if whole is not None:
                yield from self._take_whole(*whole)
                return
        for error in self._held:
            self.errors.append(error)
            yield ReportSkipped(error, min(self._done, total), total)
        self._held = []
        if _large(self.found.files[self._done :]) and self.work.start():
            # The pool builds reports as this process reads the next files.
            self._builder.window = BUILD_WINDOW
        for item in self._items:
            self._done += 1
            if isinstance(item, LoadError):
                self.errors.append(item)
                yield ReportSkipped(item, min(self._done, total), total)
            else:
                self._take(item.report, item.key, item.cached)
                yield ReportRead(item.report, min(self._done, total), total)
        # The reports read are stored once the analysis has handed out its first
        # per-story work (`stages`): the pool's workers have it while this process writes.

    def _store_fresh(self) -> None:
        """Store the reports read that the cache does not hold yet."""
        if self.cache is not None and self._fresh:
            self.cache.put_many("report", self._fresh)
            self._fresh = []

    def _cached_whole(
        self, key: str
    ) -> tuple[Corpus, tuple[LoadError, ...], tuple[str, ...], tuple[str, ...]] | None:
        """The corpus, errors, warnings and report keys of these very inputs, from the
        cache."""
        assert self.cache is not None
        entry = self.cache.get("inputs", key)
        if not (isinstance(entry, tuple) and len(entry) == 4 and isinstance(entry[0], str)):
            return None
        corpus = cached_corpus(self.cache, entry[0], tuple(entry[3]))
        if corpus is None:
            return None
        return corpus, tuple(entry[1]), tuple(entry[2]), tuple(entry[3])

    def _take_whole(
        self,
        corpus: Corpus,
        errors: tuple[LoadError, ...],
        warnings: tuple[str, ...],
        keys: tuple[str, ...],
    ) -> Iterator[LoadEvent]:
        """The events of a whole input from the cache: what `read_first` took is not
        taken again (the cache's first report is the same one). The reports' keys come
        too, so that another analysis of them (after a correction) is cached as well."""
        total = self.total
        self._whole = corpus
        self._keys = list(keys)
        self._held = []
        for warning in warnings[len(self.warnings) :]:
            self._warned(warning)
        for error in errors[len(self.errors) :]:
            self._done += 1
            self.errors.append(error)
            yield ReportSkipped(error, min(self._done, total), total)
        for report in corpus.reports[len(self.reports) :]:
            self._done += 1
            self.reports.append(report)
            yield ReportRead(report, min(self._done, total), total)

    def stages(self, corrections: Corrections | None = None) -> Iterator[tuple[str, Corpus]]:
        """The analyses of what was read, one stage at a time (the last from the cache
        when nothing it uses changed); the last one is stored for the next time."""
        same_settings = self._inputs is not None and self._inputs[1] == corrections
        if self._whole is not None and same_settings:
            self._store_fresh()
            yield ANALYSIS_STAGES[-1], self._finished(self._whole)
            return
        clustering = None
        if self.cache is not None:
            from tui.pipeline.incremental import StoryClustering

            clustering = StoryClustering(self._stored_stories)
        stages = cached_stages(
            self.reports,
            self.errors,
            self._keys,
            self.cache,
            corrections,
            self.user_topics,
            one_story=self.one_story,
            jobs=self.jobs,
            executor=self.executor,
            clustering=clustering,
            work=self.work,
        )
        for stage, corpus in stages:
            self._store_fresh()
            if stage != ANALYSIS_STAGES[-1]:
                yield stage, corpus
                continue
            complete = len(self._keys) == len(self.reports)
            if self.cache is not None and self._inputs is not None and same_settings and complete:
                entry = (
                    _corpus_key(self._keys, corrections, self.user_topics, self.one_story),
                    tuple(self.errors),
                    tuple(self.warnings),
                    tuple(self._keys),
                )
                self.cache.put("inputs", self._inputs[0], entry)
            if self.cache is not None and clustering is not None and clustering.kept is not None:
                self.cache.put_packed("stories", self._stories_key, clustering.kept)
            yield stage, self._finished(corpus)

    def _stored_stories(self) -> StoryState | None:
        """The story clustering stored for these inputs, if any."""
        from tui.pipeline.incremental import StoryState

        if self.cache is None:
            return None
        state = self.cache.get("stories", self._stories_key)
        return state if isinstance(state, StoryState) else None

    def _finished(self, corpus: Corpus) -> Corpus:
        return replace(corpus, errors=tuple(self.errors), warnings=tuple(self.warnings))


def load_corpus(
    paths: Iterable[str | os.PathLike[str]],
    recursive: bool = False,
    corrections: Corrections | None = None,
    user_topics: Sequence[UserTopic] = (),
    cache: AnalysisCache | None = None,
    *,
    one_story: bool = False,
    jobs: int | None = None,
    executor: Executor | None = None,
) -> Corpus:
    """Read and analyse reports at once. With a cache, an unchanged input is loaded
    whole, and otherwise only changed or added files are read again before the
    cross-report analyses run. With `one_story` every report is taken to be about one
    story. The per-story analyses run on `executor` if given (a Dask cluster's:
    `tui.pipeline.executors.scheduler_executor`), else on `jobs` local processes
    (default: every core) when that pays; the result is the same."""
    loader = Loader(
        paths,
        recursive=recursive,
        cache=cache,
        user_topics=user_topics,
        one_story=one_story,
        jobs=jobs,
        executor=executor,
    )
    from tui.pipeline.build import last_corpus

    deque(loader.read(corrections), maxlen=0)
    return last_corpus(loader.stages(corrections))
