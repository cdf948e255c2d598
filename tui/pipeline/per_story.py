"""The analyses done story by story: shared facts, cited sources and topics.

A fact or an automatic topic never spans two stories: each story's reports are compared
with each other only. The work of one story depends on nothing outside it, so it is
packed (`story_inputs`) into a `StoryInput` holding just what it needs, and the batch
functions (`facts_of_stories`, `sources_and_topics_of_stories`) can run in another
process (`tui.pipeline.executors`). Their results are joined here in story order: ids
stay global and do not depend on where the work ran (facts `f1`... and topics `t1`...
numbered story by story, `s1` first, and within a story as for a single story).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from tui.analysis.attribution import find_all_cited
from tui.analysis.basis import with_bases
from tui.analysis.facts import cluster_facts, compared_sentences, find_facts, read_details
from tui.analysis.terms import SentenceTerms
from tui.analysis.topics import (
    TopicDraft,
    UserTopic,
    number_topics,
    story_topics,
    user_topic_drafts,
)
from tui.analysis.wire import find_wire_copies
from tui.model.corpus import Corpus
from tui.model.document import UNANALYSED_KINDS, Report
from tui.model.entities import Mention
from tui.model.facts import Fact, FactLink, WireCopy
from tui.model.ids import fact_id, report_of, wire_id
from tui.model.tags import CitedSource
from tui.pipeline.executors import StoryWork


@dataclass(frozen=True, slots=True)
class StoryInput:
    """One story's reports and what the per-story analyses need of the corpus."""

    story: str
    reports: tuple[Report, ...]
    # Mentions by paragraph id, of these reports' paragraphs only.
    mentions: dict[str, tuple[Mention, ...]]
    # Type and name by entity id, of the entities these reports mention.
    types: dict[str, str]
    names: dict[str, str]
    # Sentences in the paragraphs the analyses read: the measure of the work.
    sentences: int
    # The part of each report in one (`Story.parts`): no fact joins two parts.
    parts: dict[str, str] = field(default_factory=dict)
    # The cited sources of its paragraphs, when found already (else found with the topics).
    cited: dict[str, tuple[CitedSource, ...]] | None = None


@dataclass(frozen=True, slots=True)
class StoryFacts:
    links: tuple[FactLink, ...]
    # Numbered from f1 within the story; `join_facts` numbers them for the corpus.
    facts: tuple[Fact, ...]
    # The terms of the linked sentences, to cluster again at another threshold.
    terms: dict[str, SentenceTerms]


@dataclass(frozen=True, slots=True)
class StorySources:
    cited: dict[str, tuple[CitedSource, ...]]
    topics: list[TopicDraft]
    # Passages its reports print near-verbatim: each its sentence ids (`find_wire_copies`).
    wire: list[tuple[str, ...]] = field(default_factory=list)


def story_inputs(
    corpus: Corpus, cited: Mapping[str, tuple[CitedSource, ...]] | None = None
) -> list[StoryInput]:
    """What each story's analyses need, in story order (`cited`: every paragraph's cited
    sources, if found already: `tui.pipeline.per_report.report_cited`)."""
    by_id = {report.id: report for report in corpus.reports}
    entities = {entity.id: entity for entity in corpus.entities}
    inputs = []
    for story in corpus.stories:
        reports = tuple(by_id[r] for r in story.report_ids)
        mentions: dict[str, tuple[Mention, ...]] = {}
        sentences = 0
        for report in reports:
            for paragraph in report.paragraphs:
                found = corpus.mentions.get(paragraph.id)
                if found:
                    mentions[paragraph.id] = found
                if paragraph.kind not in UNANALYSED_KINDS:
                    sentences += len(paragraph.sentences)
        named = {m.entity for found in mentions.values() for m in found}
        inputs.append(
            StoryInput(
                story.id,
                reports,
                mentions,
                {e: entities[e].type for e in named},
                {e: entities[e].name for e in named},
                sentences,
                story.apart(),
                None if cited is None else _cited_of(reports, cited),
            )
        )
    return inputs


def _cited_of(
    reports: Sequence[Report], cited: Mapping[str, tuple[CitedSource, ...]]
) -> dict[str, tuple[CitedSource, ...]]:
    """The cited sources of the paragraphs of `reports`, in their order."""
    return {p.id: cited[p.id] for r in reports for p in r.paragraphs if p.id in cited}


def facts_of_stories(batch: Sequence[StoryInput], threshold: float) -> list[StoryFacts]:
    """The shared facts of each story of `batch`, its reports compared with each other
    only (term weights are the story's own: a word every report of the story uses says
    little about which fact a sentence states), never across its seams."""
    found = []
    for work in batch:
        if len(work.reports) < 2:  # a fact needs two reports
            found.append(StoryFacts((), (), {}))
            continue
        analysis, terms = find_facts(
            work.reports, work.mentions, threshold, work.types, apart=work.parts, cited=work.cited
        )
        found.append(StoryFacts(analysis.links, analysis.facts, terms))
    return found


def sources_and_topics_of_stories(batch: Sequence[StoryInput]) -> list[StorySources]:
    """The cited sources of each paragraph, the automatic topics and the wire copies of
    each story of `batch`."""
    found = []
    for work in batch:
        cited = work.cited
        if cited is None:
            cited = find_all_cited(work.reports, work.mentions, work.types)
        topics = story_topics(work.reports, work.mentions, work.names, cited)
        wire = find_wire_copies(work.reports) if len(work.reports) > 1 else []
        found.append(StorySources(cited, topics, wire))
    return found


def analyse_stories(
    batch: Sequence[StoryInput], threshold: float
) -> list[tuple[StoryFacts, StorySources]]:
    """Both per-story analyses of each story of `batch`: what a worker is sent, so that
    a story's reports are shipped to it once; each fact comes back with its basis too
    (what `with_fact_bases` would find for it once the stories are joined)."""
    found = []
    for work, facts, sources in zip(
        batch, facts_of_stories(batch, threshold), sources_and_topics_of_stories(batch), strict=True
    ):
        wire = {s: str(n) for n, sentences in enumerate(sources.wire) for s in sentences}
        based = with_bases(facts.facts, work.reports, sources.cited, wire, work.names)
        found.append((replace(facts, facts=based), sources))
    return found


def story_analyses(
    work: StoryWork, inputs: Sequence[StoryInput], threshold: float
) -> tuple[Callable[[], list[StoryFacts]], Callable[[], list[StorySources]]]:
    """Start the per-story analyses of `inputs` (`work` decides where); returns what waits
    for the facts and what waits for the sources and topics. Run elsewhere, both are
    found in one go (each story shipped once), so once the facts are back nothing runs
    elsewhere any more; run here, each when it is waited for, so that the facts are
    shown before the topics are found."""
    if not work.distributes(inputs):
        return (
            lambda: facts_of_stories(inputs, threshold),
            lambda: sources_and_topics_of_stories(inputs),
        )
    both = work.submit(analyse_stories, inputs, threshold)
    return lambda: [f for f, _ in both()], lambda: [s for _, s in both()]


def join_facts(
    corpus: Corpus, inputs: Sequence[StoryInput], found: Sequence[StoryFacts], threshold: float
) -> Corpus:
    """The corpus with the stories' facts, numbered story by story."""
    facts: list[Fact] = []
    links: list[FactLink] = []
    terms: dict[str, SentenceTerms] = {}
    spans: dict[str, tuple[int, int]] = {}
    for work, story in zip(inputs, found, strict=True):
        start = len(facts)
        facts.extend(
            fact if fact.id == fact_id(start + n) else replace(fact, id=fact_id(start + n))
            for n, fact in enumerate(story.facts, start=1)
        )
        spans[work.story] = (start, len(facts))
        links.extend(story.links)
        terms.update(story.terms)
    return replace(
        corpus,
        facts=tuple(facts),
        sentence_facts=_sentence_facts(facts),
        fact_links=tuple(links),
        fact_threshold=threshold,
        fact_state=terms,
        story_fact_spans=spans,
    )


def _sentence_facts(facts: Iterable[Fact]) -> dict[str, tuple[str, ...]]:
    by_sentence: dict[str, list[str]] = defaultdict(list)
    for fact in facts:
        for sentence_id in fact.sentences:
            by_sentence[sentence_id].append(fact.id)
    return {s: tuple(ids) for s, ids in by_sentence.items()}


def join_sources_and_topics(
    corpus: Corpus,
    inputs: Sequence[StoryInput],
    found: Sequence[StorySources],
    user_topics: Sequence[UserTopic],
) -> Corpus:
    """The corpus with every paragraph's cited sources, the topics (the stories' own,
    story by story, then the user's, over all stories), the wire copies (numbered story
    by story) and each fact's basis."""
    cited: dict[str, tuple[CitedSource, ...]] = {}
    drafts: list[TopicDraft] = []
    spans: dict[str, tuple[int, int]] = {}
    wire: list[WireCopy] = []
    for work, story in zip(inputs, found, strict=True):
        cited.update(story.cited)
        spans[work.story] = (len(drafts), len(drafts) + len(story.topics))
        drafts.extend(story.topics)
        for sentences in story.wire:
            reports = tuple(dict.fromkeys(report_of(s) for s in sentences))
            wire.append(WireCopy(wire_id(len(wire) + 1), sentences, reports))
    # Paragraph ids in corpus order, as the reports are (the stories interleave).
    order = {p.id: n for n, p in enumerate(p for r in corpus.reports for p in r.paragraphs)}
    cited = dict(sorted(cited.items(), key=lambda item: order[item[0]]))
    drafts.extend(user_topic_drafts(user_topics, corpus.reports, corpus.mentions, corpus.entities))
    topics, paragraph_topics = number_topics(drafts)
    joined = replace(
        corpus,
        cited=cited,
        source_paragraphs=_source_index(cited),
        topics=topics,
        paragraph_topics=paragraph_topics,
        story_topic_spans=spans,
        wire=tuple(wire),
        sentence_wire={s: copy.id for copy in wire for s in copy.sentences},
    )
    # The bases come with the facts when the stories were analysed together (elsewhere).
    if all(fact.basis is not None for fact in joined.facts):
        return joined
    return with_fact_bases(joined)


def with_fact_bases(corpus: Corpus) -> Corpus:
    """The corpus with each fact's basis (`tui.analysis.basis`), from its cited sources
    and wire copies."""
    names = {entity.id: entity.name for entity in corpus.entities}
    facts = with_bases(corpus.facts, corpus.reports, corpus.cited, corpus.sentence_wire, names)
    return replace(corpus, facts=facts)


def _source_index(cited: Mapping[str, tuple[CitedSource, ...]]) -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = defaultdict(set)
    for paragraph_id, sources in cited.items():
        for source in sources:
            index[source.key].add(paragraph_id)
    return {key: frozenset(ids) for key, ids in index.items()}


def recluster_facts(corpus: Corpus, threshold: float) -> Corpus:
    """The corpus with each story's facts clustered again from its links at another
    threshold (no re-reading, no re-scoring), numbered story by story as before."""
    story_of = corpus.report_story
    links_of: dict[str | None, list[FactLink]] = defaultdict(list)
    for link in corpus.fact_links:
        links_of[story_of.get(report_of(link.a))].append(link)
    # The sentences these links show get their details (values stated) read, once.
    state = dict(corpus.fact_state or {})
    compared = compared_sentences(corpus.fact_links, threshold, state, corpus.reports)
    read_details(state, compared, corpus.reports, corpus.mentions)
    facts: list[Fact] = []
    sentence_facts: dict[str, tuple[str, ...]] = {}
    spans: dict[str, tuple[int, int]] = {}
    # Links of reports in no story (a corpus made without stories) come last.
    apart = {story.id: story.apart() for story in corpus.stories}
    for story_id in [*(story.id for story in corpus.stories), None]:
        start = len(facts)
        if links_of.get(story_id):
            found, by_sentence = cluster_facts(
                links_of[story_id], state, threshold, start + 1, apart.get(story_id or "")
            )
            facts.extend(found)
            sentence_facts.update(by_sentence)
        if story_id is not None:
            spans[story_id] = (start, len(facts))
    reclustered = replace(
        corpus,
        facts=tuple(facts),
        sentence_facts=sentence_facts,
        fact_threshold=threshold,
        fact_state=state,
        story_fact_spans=spans,
    )
    # The basis needs the cited sources: found already when the stories' topics are.
    return with_fact_bases(reclustered) if corpus.story_topic_spans else reclustered
