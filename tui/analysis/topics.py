"""Topics: groups of paragraphs, across the reports of one story, about one sub-story.

Automatic topics are found story by story (`story_topics`). They are anchored on names:
each paragraph is filed under its one or two most specific entities that other
paragraphs of its story also mention (and that are not in half the story: "Syria" in a
Syria story says nothing). Anchors that keep company (most
paragraphs naming one name the other) are one topic: "Hezbollah · Qusair". A paragraph
naming nothing specific is filed under its rarest shared word. Labels are the anchors'
names (or words), never stop words and never a report's name.

User topics (a TOML file) are tagged in addition, over all stories: `[topics."Prison"]`
with `keywords` and/or `entities`.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tui.analysis.entities import lexicon as lx
from tui.analysis.entities.extract import normalise
from tui.analysis.unionfind import UnionFind
from tui.ingest.text import visible_text
from tui.model.document import UNANALYSED_KINDS, Paragraph, Report
from tui.model.entities import Entity, Mention
from tui.model.ids import WORD
from tui.model.ids import topic_id as make_topic_id
from tui.model.pickling import compact_pickle
from tui.model.tags import CitedSource, Topic
from tui.textsafe import first_line

_ANCHORS_PER_PARAGRAPH = 2
# An entity in more than this share of paragraphs is the story's backdrop, not a topic.
_UBIQUITOUS = 0.5
# Two anchors whose paragraphs overlap this much (Jaccard) are one topic.
_SAME_TOPIC = 0.5
_MAX_LABEL_PARTS = 3
_WORD = re.compile(r"[^\W\d_][\w'’-]{3,}")
# A topic is a thread to follow across reports: it spans this many reports or more...
MIN_REPORTS = 2
# ...and a story has at most this many, the widest first.
MAX_TOPICS = 12
# Words that are no thread of a story, whatever their count: pieces of web addresses and
# page chrome, clock words, and the common words of any news story (verbs of saying and
# doing, time, people, places in general). A word topic stands for what its paragraphs
# are about ("tsunami", "aftershocks"), and these say nothing of that.
NOT_TOPIC_WORDS = frozenset(
    """http https www html htm php aspx com org net index article articles story stories
    news updated posted published comments share email print photo video click page
    am pm gmt utc edt est pdt pst cdt cst bst cet ist hrs
    around about after before during while since until today yesterday tomorrow
    time times day days week weeks month months year years ago later earlier early late
    people person man men woman women thing things something someone anyone everyone
    come comes came going goes went gone think thinks thought make makes made making
    take takes took taken give gives gave given know knows knew known look looks looked
    want wants wanted said says told tell tells asked added according reported reports
    report reporter reporters spokesman spokeswoman official officials statement
    better best good great big small large little much many more most less least
    back away down also still just even really very well where when what which there
    here them they their these those this that with from into over under again
    place places area areas part parts side sides number numbers percent
    didn't don't doesn't isn't wasn't weren't can't couldn't won't wouldn't it's that's
    he's she's they're we're i'm you're there's what's let's
    several another other others many some first second third last next new old
    including include includes included left right high low long short""".split()
)


class UserTopicsError(Exception):
    """A user topics file that cannot be used; the message is one line."""


@compact_pickle
@dataclass(frozen=True, slots=True)
class UserTopic:
    name: str
    keywords: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()


def load_user_topics(path: Path) -> tuple[UserTopic, ...]:
    """`[topics."Name"]` tables with `keywords` and/or `entities` lists of strings."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise UserTopicsError(f"{path}: cannot read ({first_line(exc)})") from None
    except tomllib.TOMLDecodeError as exc:
        raise UserTopicsError(f"{path}: not valid TOML ({first_line(exc)})") from None
    table = data.get("topics")
    if not isinstance(table, dict) or not table:
        raise UserTopicsError(f'{path}: expected [topics."Name"] tables with keywords/entities')
    topics = []
    for name, spec in table.items():
        if not isinstance(spec, dict):
            raise UserTopicsError(f"{path}: topic {name!r} must be a table")
        lists = {}
        for key in ("keywords", "entities"):
            value = spec.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise UserTopicsError(f"{path}: topic {name!r}: {key} must be a list of strings")
            lists[key] = tuple(v for v in value if v.strip())
        if not lists["keywords"] and not lists["entities"]:
            raise UserTopicsError(f"{path}: topic {name!r} has no keywords or entities")
        topics.append(UserTopic(str(name), lists["keywords"], lists["entities"]))
    return tuple(topics)


@lru_cache(maxsize=1 << 16)
def _topic_word(token: str) -> str:
    """What a word counts as for topics ("" for nothing): it depends on the word alone,
    and news repeats its words."""
    if token[0].isupper():  # names are anchored as entities, or not at all
        return ""
    word = token.lower().replace("’", "'")
    if (
        word not in lx.FUNCTION_WORDS
        and word not in NOT_TOPIC_WORDS
        and not word.endswith(("'s", "ly"))
    ):
        return word
    return ""


def _paragraph_words(text: str) -> set[str]:
    # Added in the order of the text, as one by one (the set's order is the same).
    return {word for word in map(_topic_word, _WORD.findall(text)) if word}


# A topic before it is numbered: its label, its paragraph ids in corpus order, and
# whether it is one of the user's.
TopicDraft = tuple[str, tuple[str, ...], bool]


def _analysed_paragraphs(reports: Sequence[Report]) -> list[tuple[Report, Paragraph]]:
    return [
        (report, paragraph)
        for report in reports
        for paragraph in report.paragraphs
        if paragraph.kind not in UNANALYSED_KINDS
    ]


def story_topics(
    reports: Sequence[Report],
    mentions: Mapping[str, Sequence[Mention]],
    names: Mapping[str, str],
    cited: Mapping[str, Sequence[CitedSource]] | None = None,
) -> list[TopicDraft]:
    """The automatic topics of one story's reports, largest first (`names`: entity
    names by id, for the labels; those the reports mention are enough).

    A name a paragraph cites as its source ("told Reuters") is not what it is about.
    """
    cited = cited or {}
    paragraphs = _analysed_paragraphs(reports)
    if not paragraphs:
        return []
    anchors_of: dict[str, set[str]] = {
        p.id: {m.entity for m in mentions.get(p.id, ())}
        - {c.entity for c in cited.get(p.id, ()) if c.entity}
        for _, p in paragraphs
    }
    count = Counter(a for found in anchors_of.values() for a in found)
    total = len(paragraphs)
    texts: dict[str, str] = {}
    words_of: dict[str, set[str]] = {}
    word_count: Counter[str] = Counter()
    for report, paragraph in paragraphs:
        texts[paragraph.id] = visible_text(report, paragraph)
        words_of[paragraph.id] = _paragraph_words(texts[paragraph.id])
        word_count.update(words_of[paragraph.id])

    chosen: dict[str, list[str]] = {}
    for _, paragraph in paragraphs:
        specific = [a for a in anchors_of[paragraph.id] if 2 <= count[a] <= _UBIQUITOUS * total]
        specific.sort(key=lambda a: (count[a], names.get(a, a)))
        picks = specific[:_ANCHORS_PER_PARAGRAPH]
        if not picks:
            shared = [a for a in anchors_of[paragraph.id] if count[a] >= 2]
            shared.sort(key=lambda a: (-count[a], names.get(a, a)))
            picks = shared[:1]
        if not picks:
            words = [w for w in words_of[paragraph.id] if word_count[w] >= 2]
            words.sort(key=lambda w: (word_count[w], w))
            picks = [WORD.of(w) for w in words[:1]]
        chosen[paragraph.id] = picks

    members: dict[str, set[str]] = defaultdict(set)
    for paragraph_id, picks in chosen.items():
        for anchor in picks:
            members[anchor].add(paragraph_id)
    groups = UnionFind()
    anchors = sorted(members)
    for anchor in anchors:
        groups.find(anchor)
    for picks in chosen.values():
        for a in picks:
            for b in picks:
                if a < b and _jaccard(members[a], members[b]) >= _SAME_TOPIC:
                    groups.union(a, b)
    grouped: dict[str, list[str]] = defaultdict(list)
    for anchor in anchors:
        grouped[groups.find(anchor)].append(anchor)

    order = {p.id: n for n, (_, p) in enumerate(paragraphs)}
    report_of = {p.id: r.id for r, p in paragraphs}
    # Only groups that span enough reports with all their anchors can make a topic: the
    # words of those alone are tested as nouns.
    wide = [
        group
        for group in grouped.values()
        if len({report_of[p] for a in group for p in members[a]}) >= MIN_REPORTS
    ]
    candidates = {w for group in wide for a in group if (w := WORD.value(a)) is not None}
    nouns = _used_as_nouns(
        candidates,
        # Only the paragraphs that hold one of the words (in lower case, as a noun is).
        (texts[p] for p in texts if words_of[p] & candidates),
    )
    ranked: list[tuple[int, int, list[str], set[str]]] = []
    for group in wide:
        labelled = [a for a in group if _labels_a_thread(a, names, nouns)]
        in_topic = {p for a in labelled for p in members[a]}
        spanned = len({report_of[p] for p in in_topic})
        if spanned < MIN_REPORTS:
            continue  # one report's own matter: no thread across reports
        ranked.append((spanned, len(in_topic), labelled, in_topic))
    # The widest threads, then the largest: a handful a story, not dozens.
    ranked.sort(key=lambda t: (-t[0], -t[1], sorted(_label(a, names) for a in t[2])))
    kept = ranked[:MAX_TOPICS]
    # A paragraph whose own anchors made no topic joins the kept topics of the other
    # names it gives ("Hezbollah left Qusair in the Homs province": Homs).
    topic_of = {a: n for n, (_, _, labelled, _) in enumerate(kept) for a in labelled}
    filed = {p for _, _, _, in_topic in kept for p in in_topic}
    for _, paragraph in paragraphs:
        if paragraph.id in filed:
            continue
        named = sorted(
            (a for a in anchors_of[paragraph.id] if a in topic_of),
            key=lambda a: (count[a], names.get(a, a)),
        )
        for anchor in named[:_ANCHORS_PER_PARAGRAPH]:
            kept[topic_of[anchor]][3].add(paragraph.id)
    built: list[TopicDraft] = []
    for _, _, labelled, in_topic in kept:
        parts = sorted(labelled, key=lambda a: (-len(members[a]), _label(a, names)))
        label = " · ".join(_label(a, names) for a in parts[:_MAX_LABEL_PARTS])
        built.append((label, tuple(sorted(in_topic, key=order.__getitem__)), False))
    built.sort(key=lambda t: (-len(t[1]), t[0]))
    return built


def number_topics(
    drafts: Iterable[TopicDraft],
) -> tuple[tuple[Topic, ...], dict[str, tuple[str, ...]]]:
    """The topics `t1`, `t2`... in the drafts' order, and the topic ids of each paragraph."""
    topics: list[Topic] = []
    paragraph_topics: dict[str, list[str]] = defaultdict(list)
    for number, (label, topic_paragraphs, user) in enumerate(drafts, start=1):
        topic_id = make_topic_id(number)
        topics.append(Topic(topic_id, label, topic_paragraphs, user))
        for paragraph_id in topic_paragraphs:
            paragraph_topics[paragraph_id].append(topic_id)
    return tuple(topics), {p: tuple(ts) for p, ts in paragraph_topics.items()}


def _labels_a_thread(anchor: str, names: Mapping[str, str], nouns: set[str]) -> bool:
    """Whether an anchor can label a topic: not a stop word, not a letter or two (an
    initial cut off its name: "W", "E"; an acronym in capitals stays: "UN"), and a word
    only if the story uses it as a noun ("the aftershocks were", not "it is difficult")."""
    label = _label(anchor, names)
    if label.lower() in NOT_TOPIC_WORDS:
        return False
    if len(label) <= 2 and not (label.isupper() and len(label) == 2):
        return False
    word = WORD.value(anchor)
    return word is None or word in nouns


# A determiner, the word, then punctuation or a function word: the word is a noun there
# ("the tsunami was", "an investigation.", "their aftershocks,"), not an adjective ("the
# difficult task") nor a verb or an adverb.
_DETERMINERS = frozenset(
    "the a an this that these those its his her their our my your no each every".split()
)
_NOUN_USE = re.compile(
    r"\b(" + "|".join(sorted(_DETERMINERS)) + r")\s+([a-z][a-z'’-]*)(?=\s*[^\w\s]|\s+([a-z'’]+))",
    re.IGNORECASE,
)


def _used_as_nouns(words: set[str], texts: Iterable[str]) -> set[str]:
    """Those of `words` that the texts use as a noun at least once."""
    found: set[str] = set()
    if not words:
        return found
    function_words = lx.FUNCTION_WORDS
    for text in texts:
        for determiner, word, after in _NOUN_USE.findall(text):
            word = word.lower()
            if word in words and (not after or after.lower() in function_words):
                if word.endswith("est") and determiner.lower() == "the":
                    # "the largest in the area", "the latest": a superlative; a noun in
                    # -est is also written with another determiner ("a protest").
                    continue
                found.add(word)
    return found


def _label(anchor: str, names: Mapping[str, str]) -> str:
    word = WORD.value(anchor)
    return word if word is not None else names.get(anchor, anchor)


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def user_topic_drafts(
    user_topics: Iterable[UserTopic],
    reports: Sequence[Report],
    mentions: Mapping[str, Sequence[Mention]],
    entities: Sequence[Entity],
) -> list[TopicDraft]:
    """The user's topics over all `reports` (they are the user's own filters, so they
    span stories, as the entity filter does): the paragraphs naming one of a topic's
    entities (any spelling) or one of its keywords."""
    user_topics = tuple(user_topics)
    paragraphs = _analysed_paragraphs(reports) if user_topics else []
    if not paragraphs:
        return []
    by_alias: dict[str, set[str]] = defaultdict(set)
    for entity in entities:
        for alias in (entity.name, *entity.aliases):
            by_alias[normalise(alias)].add(entity.id)
    built: list[TopicDraft] = []
    for topic in user_topics:
        wanted = {e for name in topic.entities for e in by_alias.get(normalise(name), ())}
        pattern = (
            re.compile(r"\b(?:" + "|".join(re.escape(k) for k in topic.keywords) + r")\b", re.I)
            if topic.keywords
            else None
        )
        found = []
        for report, paragraph in paragraphs:
            named = {m.entity for m in mentions.get(paragraph.id, ())}
            if named & wanted or (pattern and pattern.search(visible_text(report, paragraph))):
                found.append(paragraph.id)
        built.append((topic.name, tuple(found), True))
    return built
