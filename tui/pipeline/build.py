"""Read reports to a Corpus: the analyses, stage by stage (the loader, `tui.pipeline.load`,
reads the files and keeps the cache)."""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor

from tui.analysis.entities import find_entities
from tui.analysis.facts import DEFAULT_THRESHOLD
from tui.analysis.stories import find_stories
from tui.analysis.topics import UserTopic
from tui.model.corpus import Corpus, LoadError
from tui.model.corrections import Corrections
from tui.model.document import Report
from tui.model.entities import Mention
from tui.model.stories import Story
from tui.perf import paused_gc
from tui.pipeline.executors import StoryWork
from tui.pipeline.per_report import report_candidates, report_cited, story_terms
from tui.pipeline.per_story import (
    join_facts,
    join_sources_and_topics,
    recluster_facts,
    story_analyses,
    story_inputs,
)


def last_corpus(stages: Iterable[tuple[str, Corpus]]) -> Corpus:
    """The corpus of the last stage (the earlier ones are dropped as they come)."""
    return deque(stages, maxlen=1)[0][1]


def analysis_stages(
    reports: Sequence[Report],
    errors: Sequence[LoadError] = (),
    corrections: Corrections | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    user_topics: Sequence[UserTopic] = (),
    *,
    one_story: bool = False,
    jobs: int | None = None,
    executor: Executor | None = None,
    clustering: Callable[..., tuple[Story, ...]] | None = None,
    work: StoryWork | None = None,
) -> Iterator[tuple[str, Corpus]]:
    """The analyses one stage at a time, each yielding (stage, the corpus so far): first
    the entities and their mentions (over all reports) with the stories (all reports in
    one with `one_story`; else as clustered, then as `corrections` regroup them), then
    the shared facts, then cited sources and topics, story by story
    (`tui.pipeline.per_story`). The last corpus is the whole analysis; a reader shows
    each as it comes.

    The per-report work (name candidates, terms for clustering: `tui.pipeline.per_report`)
    and the per-story work run on `executor` when one is given (a Dask cluster's), else
    on a pool of `jobs` local processes (default: every core) when that pays, else here;
    the result is the same wherever it ran. `work`: where they run, made already (the
    loader's, whose pool may be running); it is closed once the facts are back.

    `clustering` finds the stories instead of `find_stories` (with its arguments): the
    loader's `tui.pipeline.incremental.StoryClustering`, which grows a cached one."""
    with work if work is not None else StoryWork(jobs, executor) as work:
        with paused_gc():
            found = report_candidates(work, reports)
            analysis = find_entities(reports, corrections, found)
            del found
            by_paragraph: dict[str, list[Mention]] = defaultdict(list)
            by_entity: dict[str, set[str]] = defaultdict(set)
            for mention in analysis.mentions:
                by_paragraph[mention.paragraph].append(mention)
                by_entity[mention.entity].add(mention.paragraph)
            mentions = {
                p: tuple(sorted(ms, key=lambda m: m.start)) for p, ms in by_paragraph.items()
            }
            terms = None if one_story else story_terms(work, reports, mentions)
            # Found on the pool (when it pays) while the stories are clustered here.
            types = {entity.id: entity.type for entity in analysis.entities}
            cited = report_cited(work, reports, mentions, types)
            stories = (clustering or find_stories)(
                reports,
                mentions,
                analysis.entities,
                one_story=one_story,
                corrections=corrections,
                terms=terms,
            )
            del terms
            corpus = Corpus(
                reports=tuple(reports),
                errors=tuple(errors),
                stories=stories,
                report_story={r: story.id for story in stories for r in story.report_ids},
                entities=analysis.entities,
                mentions=mentions,
                entity_paragraphs={e: frozenset(ps) for e, ps in by_entity.items()},
                fact_threshold=threshold,
            )
            inputs = story_inputs(corpus, cited())
            del cited
            # Handed out before the collector runs again: its first pass over all that
            # was made above (a tenth of a second) then runs as the pool works.
            facts, sources = story_analyses(work, inputs, threshold)
        yield "entities", corpus
        with paused_gc():
            facts_found = facts()
    # What ran elsewhere is all back with the facts: the pool's processes are gone
    # before the rest (and the cache write) needs the memory.
    with paused_gc():
        corpus = join_facts(corpus, inputs, facts_found, threshold)
    yield "facts", corpus
    with paused_gc():
        corpus = join_sources_and_topics(corpus, inputs, sources(), user_topics)
    yield "topics", corpus


def with_fact_threshold(corpus: Corpus, threshold: float) -> Corpus:
    """The corpus with facts re-clustered at another threshold, story by story: no
    re-reading, no re-scoring."""
    return recluster_facts(corpus, threshold)
