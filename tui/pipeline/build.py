"""From files or texts to a Corpus: ingest, then (in later stages) the analyses."""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from tui.analysis.attribution import find_all_cited
from tui.analysis.entities import Corrections, find_entities
from tui.analysis.facts import DEFAULT_THRESHOLD, cluster_facts, find_facts
from tui.analysis.topics import UserTopic, find_topics
from tui.ingest.loader import SOURCES_FILE, discover, iter_reports
from tui.model.corpus import ANALYSIS_STAGES, Corpus, LoadError
from tui.model.document import Report
from tui.model.entities import Mention
from tui.model.tags import CitedSource
from tui.perf import paused_gc
from tui.pipeline.cache import AnalysisCache, content_key


def corpus_from_reports(
    reports: Sequence[Report],
    errors: Sequence[LoadError] = (),
    corrections: Corrections | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    user_topics: Sequence[UserTopic] = (),
) -> Corpus:
    """Run the analyses over read reports and index the results."""
    return _last(analysis_stages(reports, errors, corrections, threshold, user_topics))


def _last(stages: Iterator[tuple[str, Corpus]]) -> Corpus:
    """The corpus of the last stage (the earlier ones are dropped as they come)."""
    return deque(stages, maxlen=1)[0][1]


def analysis_stages(
    reports: Sequence[Report],
    errors: Sequence[LoadError] = (),
    corrections: Corrections | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    user_topics: Sequence[UserTopic] = (),
) -> Iterator[tuple[str, Corpus]]:
    """The analyses one stage at a time, each yielding (stage, the corpus so far): first
    the entities and their mentions, then the shared facts, then cited sources and
    topics. The last corpus is the whole analysis; a reader shows each as it comes."""
    with paused_gc():
        analysis = find_entities(reports, corrections)
        by_paragraph: dict[str, list[Mention]] = defaultdict(list)
        by_entity: dict[str, set[str]] = defaultdict(set)
        for mention in analysis.mentions:
            by_paragraph[mention.paragraph].append(mention)
            by_entity[mention.entity].add(mention.paragraph)
        mentions = {p: tuple(sorted(ms, key=lambda m: m.start)) for p, ms in by_paragraph.items()}
        corpus = Corpus(
            reports=tuple(reports),
            errors=tuple(errors),
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


def analyse_cached(
    reports: Sequence[Report],
    errors: Sequence[LoadError],
    report_keys: Sequence[str],
    cache: AnalysisCache | None,
    corrections: Corrections | None = None,
    user_topics: Sequence[UserTopic] = (),
) -> Corpus:
    """`corpus_from_reports`, or its result from the cache when nothing it uses changed."""
    return _last(cached_stages(reports, errors, report_keys, cache, corrections, user_topics))


def cached_stages(
    reports: Sequence[Report],
    errors: Sequence[LoadError],
    report_keys: Sequence[str],
    cache: AnalysisCache | None,
    corrections: Corrections | None = None,
    user_topics: Sequence[UserTopic] = (),
) -> Iterator[tuple[str, Corpus]]:
    """`analysis_stages`, or only its last stage, from the cache, when nothing it uses
    changed; a fresh analysis is stored when its last stage is done."""
    if cache is None or len(report_keys) != len(reports):
        yield from analysis_stages(reports, errors, corrections, user_topics=user_topics)
        return
    key = _corpus_key(report_keys, corrections, user_topics)
    cached = cache.get("corpus", key)
    if isinstance(cached, Corpus):
        yield ANALYSIS_STAGES[-1], replace(cached, errors=tuple(errors))
        return
    for stage, corpus in analysis_stages(reports, errors, corrections, user_topics=user_topics):
        if stage == ANALYSIS_STAGES[-1]:
            cache.put("corpus", key, replace(corpus, errors=()))
        yield stage, corpus


def _corpus_key(
    report_keys: Sequence[str], corrections: Corrections | None, user_topics: Sequence[UserTopic]
) -> str:
    """The key of an analysis: its reports' keys and the settings."""
    return content_key(tuple(report_keys), corrections, tuple(user_topics), DEFAULT_THRESHOLD)


def _inputs_key(
    files: Sequence[Path],
    found_errors: Sequence[LoadError],
    corrections: Corrections | None,
    user_topics: Sequence[UserTopic],
) -> str:
    """What a whole analysis depends on: every input's bytes (or why it could not be
    read), the `sources.toml` beside them, and the settings."""
    parts: list[object] = [tuple(str(e) for e in found_errors)]
    folders = sorted({path.parent for path in files})
    for folder in folders:
        try:
            table = (folder / SOURCES_FILE).read_bytes()
            # Its warnings depend on the names beside it (an entry naming no file).
            parts.append((str(folder), table, sorted(os.listdir(folder))))
        except OSError:
            parts.append((str(folder), None))
    for path in files:
        try:
            parts.append((str(path), hashlib.sha256(path.read_bytes()).digest()))
        except OSError as exc:
            parts.append((str(path), type(exc).__name__))
    return content_key(tuple(parts), corrections, tuple(user_topics), DEFAULT_THRESHOLD)


def load_corpus(
    paths: Iterable[str | os.PathLike[str]],
    recursive: bool = False,
    corrections: Corrections | None = None,
    user_topics: Sequence[UserTopic] = (),
    cache: AnalysisCache | None = None,
) -> Corpus:
    """Read and analyse reports. With a cache, an unchanged corpus is loaded whole, and
    otherwise only changed or added files are read again before the cross-report
    analyses run."""
    found = discover(paths, recursive=recursive)
    whole_key = ""
    if cache is not None:
        whole_key = _inputs_key(found.files, found.errors, corrections, user_topics)
        # The key of the analysis of these inputs, the files that could not be read and
        # the warnings (the analysis itself is stored once, under its own key).
        entry = cache.get("inputs", whole_key)
        if isinstance(entry, tuple) and len(entry) == 3 and isinstance(entry[0], str):
            cached = cache.get("corpus", entry[0])
            if isinstance(cached, Corpus):
                return replace(cached, errors=tuple(entry[1]), warnings=tuple(entry[2]))
    reports: list[Report] = []
    keys: list[str] = []
    fresh: list[tuple[str, Report]] = []
    errors: list[LoadError] = list(found.errors)
    warnings: list[str] = []
    for item in iter_reports(found.files, cache, warn=warnings.append):
        if isinstance(item, LoadError):
            errors.append(item)
            continue
        reports.append(item.report)
        keys.append(item.key)
        if not item.cached:
            fresh.append((item.key, item.report))
    if cache is not None and fresh:
        cache.put_many("report", fresh)
    corpus = analyse_cached(reports, errors, keys, cache, corrections, user_topics)
    if cache is not None and len(keys) == len(reports):
        entry = (_corpus_key(keys, corrections, user_topics), tuple(errors), tuple(warnings))
        cache.put("inputs", whole_key, entry)
    return replace(corpus, warnings=tuple(warnings))
