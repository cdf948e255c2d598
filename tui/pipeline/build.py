"""Read reports to a Corpus: the analyses, stage by stage (the loader, `tui.pipeline.load`,
reads the files and keeps the cache)."""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from tui.analysis.attribution import find_all_cited
from tui.analysis.entities import find_entities
from tui.analysis.facts import DEFAULT_THRESHOLD, cluster_facts, find_facts
from tui.analysis.stories import find_stories
from tui.analysis.topics import UserTopic, find_topics
from tui.model.corpus import Corpus, LoadError
from tui.model.corrections import Corrections
from tui.model.document import Report
from tui.model.entities import Mention
from tui.model.tags import CitedSource
from tui.perf import paused_gc


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
) -> Iterator[tuple[str, Corpus]]:
    """The analyses one stage at a time, each yielding (stage, the corpus so far): first
    the entities and their mentions with the stories (all reports in one with
    `one_story`; else as clustered, then as `corrections` regroup them), then the
    shared facts, then cited sources and topics. The last corpus is the whole analysis;
    a reader shows each as it comes."""
    with paused_gc():
        analysis = find_entities(reports, corrections)
        by_paragraph: dict[str, list[Mention]] = defaultdict(list)
        by_entity: dict[str, set[str]] = defaultdict(set)
        for mention in analysis.mentions:
            by_paragraph[mention.paragraph].append(mention)
            by_entity[mention.entity].add(mention.paragraph)
        mentions = {p: tuple(sorted(ms, key=lambda m: m.start)) for p, ms in by_paragraph.items()}
        stories = find_stories(
            reports, mentions, analysis.entities, one_story=one_story, corrections=corrections
        )
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
    yield "entities", corpus
    with paused_gc():
        types = {entity.id: entity.type for entity in analysis.entities}
        facts, fact_state = find_facts(reports, mentions, threshold, types)
        corpus = replace(
            corpus,
            facts=facts.facts,
            sentence_facts=dict(facts.sentence_facts),
            fact_links=facts.links,
            fact_threshold=facts.threshold,
            fact_state=fact_state,
        )
    yield "facts", corpus
    with paused_gc():
        cited = find_all_cited(reports, mentions, types)
        topics, paragraph_topics = find_topics(
            reports, mentions, analysis.entities, user_topics, cited
        )
        corpus = replace(
            corpus,
            cited=cited,
            source_paragraphs=_source_index(cited),
            topics=topics,
            paragraph_topics=paragraph_topics,
        )
    yield "topics", corpus


def _source_index(cited: dict[str, tuple[CitedSource, ...]]) -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = defaultdict(set)
    for paragraph_id, sources in cited.items():
        for source in sources:
            index[source.key].add(paragraph_id)
    return {key: frozenset(ids) for key, ids in index.items()}


def with_fact_threshold(corpus: Corpus, threshold: float) -> Corpus:
    """The corpus with facts re-clustered at another threshold: no re-reading, no re-scoring."""
    facts, sentence_facts = cluster_facts(corpus.fact_links, corpus.fact_state or {}, threshold)
    return replace(
        corpus,
        facts=tuple(facts),
        sentence_facts=sentence_facts,
        fact_threshold=threshold,
    )
