"""From files or texts to a Corpus: ingest, then (in later stages) the analyses."""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace

from tui.analysis.attribution import find_all_cited
from tui.analysis.entities import Corrections, find_entities
from tui.analysis.facts import DEFAULT_THRESHOLD, cluster_facts, find_facts
from tui.analysis.topics import UserTopic, find_topics
from tui.ingest.loader import discover, iter_reports
from tui.model.corpus import Corpus, LoadError
from tui.model.document import Report
from tui.model.entities import Mention
from tui.model.tags import CitedSource


def corpus_from_reports(
    reports: Sequence[Report],
    errors: Sequence[LoadError] = (),
    corrections: Corrections | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    user_topics: Sequence[UserTopic] = (),
) -> Corpus:
    """Run the analyses over read reports and index the results."""
    analysis = find_entities(reports, corrections)
    by_paragraph: dict[str, list[Mention]] = defaultdict(list)
    by_entity: dict[str, set[str]] = defaultdict(set)
    for mention in analysis.mentions:
        by_paragraph[mention.paragraph].append(mention)
        by_entity[mention.entity].add(mention.paragraph)
    mentions = {p: tuple(sorted(ms, key=lambda m: m.start)) for p, ms in by_paragraph.items()}
    types = {entity.id: entity.type for entity in analysis.entities}
    facts, fact_state = find_facts(reports, mentions, threshold, types)
    cited = find_all_cited(reports, mentions, types)
    topics, paragraph_topics = find_topics(reports, mentions, analysis.entities, user_topics, cited)
    return Corpus(
        reports=tuple(reports),
        errors=tuple(errors),
        entities=analysis.entities,
        mentions=mentions,
        entity_paragraphs={e: frozenset(ps) for e, ps in by_entity.items()},
        facts=facts.facts,
        sentence_facts=dict(facts.sentence_facts),
        fact_links=facts.links,
        fact_threshold=facts.threshold,
        fact_state=fact_state,
        cited=cited,
        source_paragraphs=_source_index(cited),
        topics=topics,
        paragraph_topics=paragraph_topics,
    )


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


def load_corpus(
    paths: Iterable[str | os.PathLike[str]],
    recursive: bool = False,
    corrections: Corrections | None = None,
    user_topics: Sequence[UserTopic] = (),
) -> Corpus:
    found = discover(paths, recursive=recursive)
    reports: list[Report] = []
    errors: list[LoadError] = list(found.errors)
    for item in iter_reports(found.files):
        if isinstance(item, Report):
            reports.append(item)
        else:
            errors.append(item)
    return corpus_from_reports(reports, errors, corrections, user_topics=user_topics)
