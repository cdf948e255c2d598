"""Stories in the reader (no Textual here): the story list's rows, which stories an
entity filter keeps, and the part of the analysis that is one story's.

A row gives a story's title, reports, outlets, date span and shared facts; the list
filters rows by a query (title, outlets) and by the stories naming chosen entities, and
sorts them by a column. `story_corpus` cuts a corpus down to one story: its reports,
its paragraphs' sources and topics, and the facts its reports share with each other.
Entities stay the whole corpus's (an entity filter spans stories), so the entity
picker and the entity filter mean the same in every story.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from tui.model.corpus import Corpus, MatchMode
from tui.model.facts import Fact
from tui.model.ids import report_of
from tui.model.stories import Story
from tui.model.tags import CitedSource, Topic
from tui.textsafe import safe_line

# The story list's columns, "#" (the stories' own order: largest first) first; keys
# 1..5 sort by the others.
STORY_SORT_COLUMNS = ("title", "reports", "outlets", "dates", "facts")
STORY_COLUMNS = ("number", *STORY_SORT_COLUMNS)
# Columns whose first sort puts the largest first.
LARGEST_FIRST = frozenset({"reports", "outlets", "facts"})
# What the list opens sorted by (largest first).
DEFAULT_SORT = "reports"


@dataclass(frozen=True, slots=True)
class StoryRow:
    id: str
    number: int  # the story's place in `Corpus.stories`, from 1 (the "#" column)
    title: str  # safe to draw on one line
    reports: int
    outlets: tuple[str, ...]  # safe to draw, sorted
    dates: str  # the date span ("2024-03-04–05"), "" when no date is known
    facts: int | None  # shared facts within the story; None before the facts are found

    def matches(self, query: str) -> bool:
        """Whether `query` is in the title or an outlet (any case)."""
        needle = query.strip().casefold()
        if not needle:
            return True
        return needle in self.title.casefold() or any(
            needle in outlet.casefold() for outlet in self.outlets
        )


def date_span(dates: tuple[str | None, str | None]) -> str:
    """A story's first and last date, short: "2024-03-04", "2024-03-04–06" (what the
    second shares with the first left out: its year, or year and month),
    "2023-12-30–2024-01-02"; "" when neither is known."""
    first, last = (_day(safe_line(d)) if d else "" for d in dates)
    if not (first and last) or first == last:
        return first or last
    if _iso_day(first) and _iso_day(last):
        if first[:8] == last[:8]:
            return f"{first}–{last[8:]}"
        if first[:5] == last[:5]:
            return f"{first}–{last[5:]}"
    return f"{first}–{last}"


def _day(date: str) -> str:
    """An ISO date and time as its day ("2024-03-04T10:00Z" -> "2024-03-04")."""
    return date[:10] if _iso_day(date[:10]) else date


def _iso_day(date: str) -> bool:
    """Whether `date` is a day written YYYY-MM-DD."""
    return len(date) == 10 and date[4] == date[7] == "-" and date.replace("-", "").isdigit()


def story_fact_counts(corpus: Corpus) -> Counter[str]:
    """How many shared facts each story holds: a fact counts for a story when two or more
    of its reports are in it (as in `story_corpus`)."""
    counts: Counter[str] = Counter()
    for fact in corpus.facts:
        stories = Counter(corpus.report_story.get(r) for r in set(fact.reports))
        counts.update(story for story, reports in stories.items() if story and reports > 1)
    return counts


def story_rows(corpus: Corpus, facts_found: bool) -> list[StoryRow]:
    """A row per story, in the corpus's order; shared-fact counts once `facts_found`."""
    counts = story_fact_counts(corpus) if facts_found else None
    return [
        StoryRow(
            id=story.id,
            number=number,
            title=safe_line(story.title),
            reports=story.size,
            outlets=tuple(safe_line(outlet) for outlet in story.outlets),
            dates=date_span(story.dates),
            facts=None if counts is None else counts[story.id],
        )
        for number, story in enumerate(corpus.stories, start=1)
    ]


def stories_mentioning(
    corpus: Corpus, entity_ids: Sequence[str], mode: MatchMode = "any"
) -> frozenset[str]:
    """The ids of the stories whose reports name any (or all) of the entities: "all"
    asks each story to name every one of them, not each paragraph."""
    found = [
        frozenset(
            corpus.report_story[report]
            for paragraph in corpus.entity_paragraphs.get(entity_id, ())
            if (report := report_of(paragraph)) in corpus.report_story
        )
        for entity_id in entity_ids
    ]
    if not found:
        return frozenset()
    return frozenset.intersection(*found) if mode == "all" else frozenset.union(*found)


@dataclass(frozen=True, slots=True)
class StoryOrder:
    """How the story list is sorted (`column`, one of STORY_COLUMNS; `reverse`) and
    what its filter box holds: kept while the reader runs, so the list comes back as it
    was left, and a story's place ("story 3 of 86 (s45)") is its place in this order."""

    column: str = DEFAULT_SORT
    reverse: bool = False
    query: str = ""


def story_place(rows: Sequence[StoryRow], story_id: str, order: StoryOrder) -> int:
    """Story `story_id`'s place, from 1, among all `rows` sorted as `order` says (the
    filter text narrows the list for a search, it does not renumber the stories); 0
    when no row is that story."""
    ordered = sort_story_rows(rows, order.column, order.reverse)
    return next((n for n, row in enumerate(ordered, start=1) if row.id == story_id), 0)


def filter_story_rows(
    rows: Sequence[StoryRow], query: str, kept: frozenset[str] | None = None
) -> list[StoryRow]:
    """The rows matching `query` (title, outlets) among the stories `kept` (None: all)."""
    return [row for row in rows if (kept is None or row.id in kept) and row.matches(query)]


def sort_story_rows(rows: Sequence[StoryRow], column: str, reverse: bool = False) -> list[StoryRow]:
    """`rows` sorted by `column` (one of STORY_COLUMNS), ties in the stories' order.
    Counts sort largest first (`reverse` smallest first), text from A (`reverse` Z);
    empty text and counts not known yet sort last either way."""
    if column not in STORY_COLUMNS:
        raise ValueError(f"unknown column: {column}")
    ordered = sorted(rows, key=lambda row: row.number, reverse=column == "number" and reverse)
    if column == "number":
        return ordered
    if column in LARGEST_FIRST:
        known = [row for row in ordered if _count(row, column) is not None]
        unknown = [row for row in ordered if _count(row, column) is None]
        known.sort(key=lambda row: _count(row, column) or 0, reverse=not reverse)
        return known + unknown
    text = {"title": lambda row: row.title, "dates": lambda row: row.dates}[column]
    filled = [row for row in ordered if text(row)]
    filled.sort(key=lambda row: text(row).casefold(), reverse=reverse)
    return filled + [row for row in ordered if not text(row)]


def _count(row: StoryRow, column: str) -> int | None:
    if column == "outlets":
        return len(row.outlets)
    value: int | None = getattr(row, column)
    return value


# ---------------------------------------------------------------------- one story


def story_corpus(corpus: Corpus, story: Story, facts: Mapping[str, Fact]) -> Corpus:
    """`corpus` cut down to `story`: its reports; the facts two or more of its reports
    state, with their sentences in it only; the fact links and wire copies between its
    reports (what a fact matched on, which sentences are unique, the copies); its
    paragraphs' sources and topics. Entities and mentions stay the whole corpus's.
    `facts`: the corpus's facts by id. Costs the story's size, but for one pass over the
    corpus's fact links."""
    wanted = set(story.report_ids)
    reports = tuple(r for r in corpus.reports if r.id in wanted)
    paragraphs = [p for report in reports for p in report.paragraphs]
    sentence_ids = [s.id for p in paragraphs for s in p.sentences]
    fact_ids = dict.fromkeys(f for s in sentence_ids for f in corpus.sentence_facts.get(s, ()))
    kept_facts = [cut for f in fact_ids if f in facts and (cut := _fact_within(facts[f], wanted))]
    kept_ids = {fact.id for fact in kept_facts}
    order = {fact.id: n for n, fact in enumerate(corpus.facts)}
    kept_facts.sort(key=lambda fact: order.get(fact.id, len(order)))
    sentence_facts = {
        s: stated
        for s in sentence_ids
        if (stated := tuple(f for f in corpus.sentence_facts.get(s, ()) if f in kept_ids))
    }
    cited: dict[str, tuple[CitedSource, ...]] = {
        p.id: corpus.cited[p.id] for p in paragraphs if p.id in corpus.cited
    }
    source_paragraphs: dict[str, set[str]] = {}
    for paragraph_id, sources in cited.items():
        for source in sources:
            source_paragraphs.setdefault(source.key, set()).add(paragraph_id)
    paragraph_topics = {
        p.id: corpus.paragraph_topics[p.id] for p in paragraphs if p.id in corpus.paragraph_topics
    }
    inside = set(sentence_ids)
    wire = tuple(copy for copy in corpus.wire if wanted.issuperset(copy.reports))
    return Corpus(
        reports=reports,
        stories=(story,),
        report_story={r.id: story.id for r in reports},
        entities=corpus.entities,
        mentions=corpus.mentions,
        entity_paragraphs=corpus.entity_paragraphs,
        facts=tuple(kept_facts),
        sentence_facts=sentence_facts,
        fact_links=tuple(
            link for link in corpus.fact_links if link.a in inside and link.b in inside
        ),
        fact_threshold=corpus.fact_threshold,
        cited=cited,
        source_paragraphs={k: frozenset(v) for k, v in source_paragraphs.items()},
        topics=_topics_within(corpus.topics, paragraph_topics),
        paragraph_topics=paragraph_topics,
        wire=wire,
        sentence_wire={s: copy.id for copy in wire for s in copy.sentences},
    )


def _fact_within(fact: Fact, reports: set[str]) -> Fact | None:
    """`fact` with only its sentences in `reports`, None when fewer than two of them
    state it (it is then nothing they share)."""
    if all(r in reports for r in fact.reports):
        return fact
    inside = tuple(r for r in fact.reports if r in reports)
    if len(inside) < 2:
        return None
    sentences = tuple(s for s in fact.sentences if report_of(s) in reports)
    return replace(fact, sentences=sentences, reports=inside)


def _topics_within(
    topics: Iterable[Topic], paragraph_topics: Mapping[str, tuple[str, ...]]
) -> tuple[Topic, ...]:
    """The topics with a paragraph among `paragraph_topics`' (one story's), each with
    those paragraphs only, in the corpus's order."""
    found: dict[str, list[str]] = {}
    for paragraph_id, topic_ids in paragraph_topics.items():
        for topic_id in topic_ids:
            found.setdefault(topic_id, []).append(paragraph_id)
    return tuple(Topic(t.id, t.label, tuple(found[t.id]), t.user) for t in topics if t.id in found)
