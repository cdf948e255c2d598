"""One story of a corpus as a corpus of its own: its reports and what the analysis
found in them, so that whatever reads a corpus (an export, a filter) reads the story
alone.

Entities keep their ids, names and spellings, with their mentions, reports and counts
those of the story; a shared fact stays when all its reports are the story's (a fact
spanning two stories is not the story's); topics keep the story's paragraphs. Ids are
the corpus's: `r7` is the same report in both.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from tui.model.corpus import Corpus
from tui.model.entities import Entity, Mention
from tui.model.ids import report_of


def story_corpus(corpus: Corpus, story_id: str) -> Corpus:
    """The corpus of story `story_id` alone (KeyError if the corpus has no such story)."""
    story = corpus.story(story_id)
    ids = set(story.report_ids)
    reports = tuple(r for r in corpus.reports if r.id in ids)
    paragraphs = {p.id for r in reports for p in r.paragraphs}
    sentences = {s.id for r in reports for p in r.paragraphs for s in p.sentences}
    mentions = {p: ms for p, ms in corpus.mentions.items() if p in paragraphs}
    facts = tuple(f for f in corpus.facts if ids.issuperset(f.reports))
    fact_ids = {f.id for f in facts}
    sentence_facts = {}
    for sentence, found in corpus.sentence_facts.items():
        kept = tuple(f for f in found if f in fact_ids)
        if kept and sentence in sentences:
            sentence_facts[sentence] = kept
    cited = {p: sources for p, sources in corpus.cited.items() if p in paragraphs}
    topics = []
    for topic in corpus.topics:
        kept_paragraphs = tuple(p for p in topic.paragraphs if p in paragraphs)
        if kept_paragraphs:
            topics.append(replace(topic, paragraphs=kept_paragraphs))
    return replace(
        corpus,
        reports=reports,
        stories=(story,),
        report_story={r: story.id for r in story.report_ids},
        entities=_story_entities(corpus.entities, mentions),
        mentions=mentions,
        entity_paragraphs=_narrowed(corpus.entity_paragraphs, paragraphs),
        facts=facts,
        sentence_facts=sentence_facts,
        fact_links=tuple(
            link
            for link in corpus.fact_links
            if report_of(link.a) in ids and report_of(link.b) in ids
        ),
        cited=cited,
        source_paragraphs=_narrowed(corpus.source_paragraphs, paragraphs),
        topics=tuple(topics),
        paragraph_topics={p: t for p, t in corpus.paragraph_topics.items() if p in paragraphs},
        wire=tuple(w for w in corpus.wire if ids.issuperset(w.reports)),
        sentence_wire={s: w for s, w in corpus.sentence_wire.items() if s in sentences},
    )


def _narrowed(index: dict[str, frozenset[str]], paragraphs: set[str]) -> dict[str, frozenset[str]]:
    """A paragraph index (key -> paragraph ids) with the story's paragraphs only."""
    narrowed = {key: found & paragraphs for key, found in index.items()}
    return {key: found for key, found in narrowed.items() if found}


def _story_entities(
    entities: tuple[Entity, ...], mentions: dict[str, tuple[Mention, ...]]
) -> tuple[Entity, ...]:
    """The entities the story mentions, counted in the story, most mentioned first (ties
    in the corpus's order)."""
    counts: dict[str, Counter[str]] = {}
    for found in mentions.values():
        for mention in found:
            counts.setdefault(mention.entity, Counter())[mention.report] += 1
    kept = []
    for entity in entities:
        by_report = counts.get(entity.id)
        if by_report:
            kept.append(
                replace(
                    entity,
                    mentions=sum(by_report.values()),
                    reports=tuple(r for r in entity.reports if r in by_report),
                    report_counts=tuple((r, n) for r, n in entity.report_counts if r in by_report),
                )
            )
    return tuple(sorted(kept, key=lambda e: -e.mentions))
