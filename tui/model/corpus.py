"""The corpus: all reports plus the results of the analyses, with JSON export."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from tui.model.document import UNANALYSED_KINDS, Paragraph, Report, Sentence
from tui.model.entities import Entity, Mention
from tui.model.facts import Fact, FactLink, WireCopy
from tui.model.pickling import compact_pickle
from tui.model.stories import Story
from tui.model.tags import CitedSource, Topic

MatchMode = Literal["any", "all"]

SCHEMA_VERSION = 1
# The analysis runs in these stages, in this order; a reader shows each one as it is done
# (see tui.pipeline.build.analysis_stages). The stories come with the entities.
ANALYSIS_STAGES = ("entities", "facts", "topics")


@compact_pickle
@dataclass(frozen=True, slots=True)
class LoadError:
    """A file that could not be read, with one line saying why."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@compact_pickle
@dataclass(frozen=True, slots=True)
class Corpus:
    reports: tuple[Report, ...]
    errors: tuple[LoadError, ...] = ()
    # The reports grouped by happening: each report is in exactly one story.
    stories: tuple[Story, ...] = ()
    # Story id by report id.
    report_story: dict[str, str] = field(default_factory=dict)
    entities: tuple[Entity, ...] = ()
    # Mentions of entities, by paragraph id, in text order.
    mentions: dict[str, tuple[Mention, ...]] = field(default_factory=dict)
    # Paragraph ids that mention each entity: the index `query` answers from.
    entity_paragraphs: dict[str, frozenset[str]] = field(default_factory=dict)
    facts: tuple[Fact, ...] = ()
    # Fact ids by sentence id (a sentence can state several facts).
    sentence_facts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Every scored link above the floor, so the threshold can move without re-scoring.
    fact_links: tuple[FactLink, ...] = ()
    fact_threshold: float = 0.0
    # What the fact analysis needs to re-cluster at another threshold (terms per sentence).
    fact_state: Any = None
    # Who each paragraph cites, by paragraph id (paragraphs citing no one are absent).
    cited: dict[str, tuple[CitedSource, ...]] = field(default_factory=dict)
    # Paragraph ids citing each source, by `CitedSource.key` (entity id or "name:...").
    source_paragraphs: dict[str, frozenset[str]] = field(default_factory=dict)
    topics: tuple[Topic, ...] = ()
    # Topic ids by paragraph id.
    paragraph_topics: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Facts and automatic topics are found story by story and numbered in story order:
    # each story's are one stretch of `facts` / `topics`, (start, end) by story id. The
    # user's own topics come after every story's and belong to none.
    story_fact_spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    story_topic_spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    # Passages reports of one story print near-verbatim (wire copy), story by story, and
    # the one each sentence belongs to, by sentence id (found with the cited sources).
    wire: tuple[WireCopy, ...] = ()
    sentence_wire: dict[str, str] = field(default_factory=dict)
    # One line each about what was read but not used (a `sources.toml` entry naming no
    # file, an unknown key): said to the user, but no report was skipped.
    warnings: tuple[str, ...] = ()

    def report(self, report_id: str) -> Report:
        for report in self.reports:
            if report.id == report_id:
                return report
        raise KeyError(report_id)

    def story(self, story_id: str) -> Story:
        for story in self.stories:
            if story.id == story_id:
                return story
        raise KeyError(story_id)

    def story_of(self, report_id: str) -> str | None:
        """The id of the report's story (None before the stories are found)."""
        return self.report_story.get(report_id)

    def story_facts(self, story_id: str) -> tuple[Fact, ...]:
        """The shared facts of a story (none before the facts stage), without a search."""
        start, end = self.story_fact_spans.get(story_id, (0, 0))
        return self.facts[start:end]

    def story_topics(self, story_id: str) -> tuple[Topic, ...]:
        """The automatic topics of a story (none before the topics stage)."""
        start, end = self.story_topic_spans.get(story_id, (0, 0))
        return self.topics[start:end]

    def entity(self, entity_id: str) -> Entity:
        for entity in self.entities:
            if entity.id == entity_id:
                return entity
        raise KeyError(entity_id)

    def fact(self, fact_id: str) -> Fact:
        for fact in self.facts:
            if fact.id == fact_id:
                return fact
        raise KeyError(fact_id)

    def query(self, entity_ids: Iterable[str], mode: MatchMode = "any") -> frozenset[str]:
        """Ids of the paragraphs that mention any (or all) of the entities."""
        sets = [self.entity_paragraphs.get(e, frozenset()) for e in entity_ids]
        if not sets:
            return frozenset()
        if mode == "all":
            return frozenset.intersection(*sets)
        return frozenset.union(*sets)

    def query_sources(self, keys: Iterable[str]) -> frozenset[str]:
        """Ids of the paragraphs citing any of the sources (by `CitedSource.key`)."""
        return frozenset().union(*(self.source_paragraphs.get(k, frozenset()) for k in keys))

    def query_topics(self, topic_ids: Iterable[str]) -> frozenset[str]:
        """Ids of the paragraphs under any of the topics."""
        wanted = set(topic_ids)
        return frozenset(p for t in self.topics if t.id in wanted for p in t.paragraphs)

    def linked_sentences(self) -> frozenset[str]:
        """The sentences linked to a sentence of another report of their story, however
        weakly (`fact_links` holds the links down to the lowest sensitivity the reader
        offers), whether or not a fact joins them at the threshold in use."""
        return frozenset(s for link in self.fact_links for s in (link.a, link.b))

    def is_unique(self, paragraph: Paragraph, sentence: Sentence, linked: frozenset[str]) -> bool:
        """Whether the sentence (of `paragraph`) is one no other report states: read by
        the fact analysis, not empty, in no shared fact, and linked to no sentence of
        another report at any sensitivity (`linked`: `linked_sentences()`). A sentence
        that another report states in other words, too loosely for a fact at the
        threshold in use, is not unique: the blindspot view is for what only one report
        says."""
        return (
            paragraph.kind not in UNANALYSED_KINDS
            and sentence.end > sentence.start
            and not self.sentence_facts.get(sentence.id)
            and sentence.id not in linked
        )

    def _sentence_dict(
        self, paragraph: Paragraph, sentence: Sentence, linked: frozenset[str]
    ) -> dict[str, Any]:
        return {
            "id": sentence.id,
            "start": sentence.start,
            "end": sentence.end,
            "facts": list(self.sentence_facts.get(sentence.id, [])),
            "wire": self.sentence_wire.get(sentence.id),
            "unique": self.is_unique(paragraph, sentence, linked),
        }

    def _paragraph_dict(self, paragraph: Paragraph, linked: frozenset[str]) -> dict[str, Any]:
        return {
            "id": paragraph.id,
            "start": paragraph.start,
            "end": paragraph.end,
            "kind": paragraph.kind,
            "topics": list(self.paragraph_topics.get(paragraph.id, ())),
            "cited": [source.to_dict() for source in self.cited.get(paragraph.id, ())],
            "sentences": [self._sentence_dict(paragraph, s, linked) for s in paragraph.sentences],
            "mentions": [
                {"entity": m.entity, "start": m.start, "end": m.end}
                for m in self.mentions.get(paragraph.id, ())
            ],
        }

    def to_dict(self) -> dict[str, Any]:
        """Exactly what `newsprism analyze --format json` prints (schema 1)."""
        linked = self.linked_sentences()
        return {
            "schema": SCHEMA_VERSION,
            "reports": [
                {
                    "id": r.id,
                    "name": r.name,
                    "path": r.path,
                    "source": r.outlet,
                    "title": r.title,
                    "date": r.date,
                    "url": r.url,
                    "author": r.author,
                    "story": self.report_story.get(r.id),
                    "text": r.text,
                    "paragraphs": [self._paragraph_dict(p, linked) for p in r.paragraphs],
                }
                for r in self.reports
            ],
            "stories": [story.to_dict(len(self.story_facts(story.id))) for story in self.stories],
            "entities": [entity.to_dict() for entity in self.entities],
            "facts": [fact.to_dict() for fact in self.facts],
            "topics": [topic.to_dict() for topic in self.topics],
            "wire": [copy.to_dict() for copy in self.wire],
        }
