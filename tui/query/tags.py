"""Cited sources and topics in the reader (no Textual here): the tags under each
paragraph, the source and topic filters, what the source and topic pickers and the
sources overview list, and whether a shared fact rests on one cited source.

A `TagIndex` is built once per analysis. Sources are keyed by `CitedSource.key` (an
entity id, or "name:<wording>" for unnamed sources such as "two residents"). Outlets
(the publisher of a report, `Report.outlet`) go in the same source filter as
"outlet:<name>", but as a kind of their own: a paragraph shown must come from one of
the chosen outlets *and* cite one of the chosen sources. `query_filter` turns the
reader's filters into the one `tui.query.Filter` that decides which paragraphs are
shown (and exported).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from tui.model.corpus import Corpus
from tui.model.facts import BasisKind, FactBasis
from tui.model.ids import NAME, OUTLET
from tui.query.entities import EntityFilter, remap_entity_ids
from tui.query.filter import FactView, Filter
from tui.query.marks import FilterView, Tag
from tui.textsafe import safe_line
from tui.wording import count_of, joined

# The source picker lists outlets too from this many reports on (with two, each pane
# shows one outlet already).
OUTLETS_LISTED_FROM = 3
UNNAMED = "unnamed"
# A wire-copy tag names this many other reports' outlets, then "+N".
WIRE_OUTLETS_NAMED = 3
OUTLET_KIND = "outlet"

BASIS_LABELS: dict[BasisKind, str] = {
    "one-source": "one source",
    "wire-copy": "wire copy",
    "independent": "independent",
    "unattributed": "unattributed",
}


@dataclass(frozen=True, slots=True)
class TagItem:
    """A cited source, an outlet or a topic, as the pickers and the overview list it."""

    id: str
    name: str  # safe to draw
    # An entity's type or "unnamed" (sources), "outlet", "found" or "user" (topics).
    kind: str
    paragraphs: int
    # (outlet, paragraphs) for each outlet with a paragraph under this item, most first.
    outlets: tuple[tuple[str, int], ...]
    reports: int
    # Every way the reports write it, the name first: what the picker searches.
    forms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TagFilter:
    """Chosen sources (keys, and "outlet:<name>" for outlets) and topics (ids)."""

    sources: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        return bool(self.sources or self.topics)

    @property
    def cited(self) -> tuple[str, ...]:
        return tuple(k for k in self.sources if not OUTLET.marks(k))

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(k for k in self.sources if OUTLET.marks(k))

    @property
    def outlet_names(self) -> tuple[str, ...]:
        """The chosen outlets as `Report.outlet` names (their keys without the prefix)."""
        return tuple(name for k in self.sources if (name := OUTLET.value(k)) is not None)


@dataclass(frozen=True, slots=True)
class TagIndex:
    # The tags under each paragraph (sources first, then topics), by paragraph id.
    tags: Mapping[str, tuple[Tag, ...]]
    # Cited sources, most outlets first, then most paragraphs.
    sources: tuple[TagItem, ...]
    # Outlets, most paragraphs first.
    outlets: tuple[TagItem, ...]
    # Topics, in the analysis's order.
    topics: tuple[TagItem, ...]
    # Item id -> item, for sources and outlets, and for topics.
    source_items: Mapping[str, TagItem]
    topic_items: Mapping[str, TagItem]


EMPTY_TAGS = TagIndex({}, (), (), (), {}, {})


@dataclass(frozen=True, slots=True)
class _Outlets:
    """Where each paragraph was published."""

    of: dict[str, str]  # paragraph id -> its report's outlet, as shown
    report_of: dict[str, str]  # paragraph id -> report id
    shown: dict[str, str]  # outlet (Report.outlet) -> as shown
    paragraphs: dict[str, set[str]]  # outlet -> its readable paragraphs
    reports: Counter[str]  # outlet -> its reports

    def spread(self, paragraph_ids: Iterable[str]) -> tuple[tuple[str, int], ...]:
        """(outlet, paragraphs) for these paragraphs, most first."""
        counts = Counter(self.of.get(p, "") for p in paragraph_ids)
        return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold())))

    def report_count(self, paragraph_ids: Iterable[str]) -> int:
        return len({self.report_of.get(p) for p in paragraph_ids})


def _outlets(corpus: Corpus) -> _Outlets:
    found = _Outlets({}, {}, {}, defaultdict(set), Counter())
    for report in corpus.reports:
        found.reports[report.outlet] += 1
        shown = found.shown.setdefault(report.outlet, safe_line(report.outlet))
        for paragraph in report.paragraphs:
            found.of[paragraph.id] = shown
            found.report_of[paragraph.id] = report.id
            if paragraph.kind != "boilerplate":
                found.paragraphs[report.outlet].add(paragraph.id)
    return found


def _by_reach(items: Iterable[TagItem]) -> tuple[TagItem, ...]:
    """Most outlets first, then most paragraphs, then by name."""
    return tuple(sorted(items, key=lambda i: (-len(i.outlets), -i.paragraphs, i.name.casefold())))


def _source_items(corpus: Corpus, outlets: _Outlets) -> tuple[TagItem, ...]:
    """The cited sources, by reach: named by their entity, or by their first wording."""
    raw: dict[str, dict[str, None]] = defaultdict(dict)
    for sources in corpus.cited.values():
        for source in sources:
            raw[source.key][source.name] = None
    entities = {entity.id: entity for entity in corpus.entities}
    items = []
    for key, paragraph_ids in corpus.source_paragraphs.items():
        entity = entities.get(key)
        written = tuple(w for w in dict.fromkeys(map(safe_line, raw.get(key, {}))) if w)
        name = safe_line(entity.name) if entity else (written[0] if written else key)
        items.append(
            TagItem(
                id=key,
                name=name,
                kind=entity.type if entity else UNNAMED,
                paragraphs=len(paragraph_ids),
                outlets=outlets.spread(paragraph_ids),
                reports=outlets.report_count(paragraph_ids),
                forms=tuple(dict.fromkeys((name, *written))),
            )
        )
    return _by_reach(items)


def _outlet_items(outlets: _Outlets) -> tuple[TagItem, ...]:
    """The outlets, most paragraphs first."""
    items = []
    for outlet, paragraph_ids in outlets.paragraphs.items():
        name = outlets.shown[outlet]
        items.append(
            TagItem(
                id=OUTLET.of(outlet),
                name=name,
                kind=OUTLET_KIND,
                paragraphs=len(paragraph_ids),
                outlets=((name, len(paragraph_ids)),),
                reports=outlets.reports[outlet],
                forms=(name,),
            )
        )
    return tuple(sorted(items, key=lambda i: (-i.paragraphs, i.name.casefold())))


def _topic_items(corpus: Corpus, outlets: _Outlets) -> tuple[TagItem, ...]:
    items = []
    for topic in corpus.topics:
        name = safe_line(topic.label)
        items.append(
            TagItem(
                id=topic.id,
                name=name,
                kind="user" if topic.user else "found",
                paragraphs=len(topic.paragraphs),
                outlets=outlets.spread(topic.paragraphs),
                reports=outlets.report_count(topic.paragraphs),
                forms=(name,),
            )
        )
    return tuple(items)


def _wire_tags(corpus: Corpus, outlets: _Outlets) -> dict[str, Tag]:
    """ "AP, Fox News +2": for each paragraph with a sentence other reports print
    near-verbatim, those reports' outlets (their names when no outlet is known)."""
    if not corpus.wire:
        return {}
    copies = {copy.id: copy for copy in corpus.wire}
    shown = {report.id: outlets.shown[report.outlet] for report in corpus.reports}
    tags: dict[str, Tag] = {}
    for report in corpus.reports:
        for paragraph in report.paragraphs:
            wires = [w for s in paragraph.sentences if (w := corpus.sentence_wire.get(s.id))]
            if not wires:
                continue
            others = (r for w in dict.fromkeys(wires) for r in copies[w].reports if r != report.id)
            names = list(dict.fromkeys(shown[r] for r in others))
            more = len(names) - WIRE_OUTLETS_NAMED
            label = ", ".join(names[:WIRE_OUTLETS_NAMED]) + (f" +{more}" if more > 0 else "")
            tags[paragraph.id] = Tag("wire", " ".join(dict.fromkeys(wires)), label)
    return tags


def _paragraph_tags(
    corpus: Corpus, sources: Sequence[TagItem], topics: Sequence[TagItem], outlets: _Outlets
) -> dict[str, tuple[Tag, ...]]:
    """Each paragraph's tags: its sources, those most outlets rely on first, then its
    topics, then the other reports printing its text (wire copy)."""
    reach = {item.id: rank for rank, item in enumerate(sources)}
    source_names = {item.id: item.name for item in sources}
    topic_names = {item.id: item.name for item in topics}
    wire = _wire_tags(corpus, outlets)
    tags: dict[str, tuple[Tag, ...]] = {}
    for paragraph_id in set(corpus.cited) | set(corpus.paragraph_topics) | set(wire):
        keys = sorted(
            {s.key for s in corpus.cited.get(paragraph_id, ()) if s.key in reach},
            key=reach.__getitem__,
        )
        found = [Tag("source", key, source_names[key]) for key in keys]
        found.extend(
            Tag("topic", topic_id, topic_names[topic_id])
            for topic_id in corpus.paragraph_topics.get(paragraph_id, ())
            if topic_id in topic_names
        )
        if paragraph_id in wire:
            found.append(wire[paragraph_id])
        if found:
            tags[paragraph_id] = tuple(found)
    return tags


def build_tag_index(corpus: Corpus) -> TagIndex:
    outlets = _outlets(corpus)
    sources = _source_items(corpus, outlets)
    outlet_items = _outlet_items(outlets)
    topics = _topic_items(corpus, outlets)
    return TagIndex(
        tags=_paragraph_tags(corpus, sources, topics, outlets),
        sources=sources,
        outlets=outlet_items,
        topics=topics,
        source_items={item.id: item for item in (*sources, *outlet_items)},
        topic_items={item.id: item for item in topics},
    )


def source_choices(corpus: Corpus, index: TagIndex) -> tuple[TagItem, ...]:
    """What the source picker lists: the cited sources, then (with more than two
    reports) the outlets."""
    if len(corpus.reports) >= OUTLETS_LISTED_FROM:
        return (*index.sources, *index.outlets)
    return index.sources


def _names(items: Mapping[str, TagItem], ids: Iterable[str]) -> list[str]:
    return [items[i].name for i in ids if i in items]


def describe_tag_filter(index: TagIndex, flt: TagFilter) -> list[tuple[str, list[str]]]:
    """The filter bar's groups: ("Sources", names), ("Outlets", ...), ("Topics", ...)."""
    groups = [
        ("Sources", _names(index.source_items, flt.cited)),
        ("Outlets", _names(index.source_items, flt.outlets)),
        ("Topics", _names(index.topic_items, flt.topics)),
    ]
    return [(label, names) for label, names in groups if names]


def tag_filter_view(
    view: FilterView, index: TagIndex, flt: TagFilter, show_tags: bool
) -> FilterView:
    """`view` (the entity filter's) with what the chosen sources, outlets and topics
    ask of a paragraph, and the tags drawn if shown."""
    clauses = list(view.clauses)
    for ids, verb in ((flt.cited, "cites"), (flt.outlets, "is from")):
        if ids:
            clauses.append(f"{verb} {joined(_names(index.source_items, ids), 'or')}")
    if flt.topics:
        clauses.append(f"is about {joined(_names(index.topic_items, flt.topics), 'or')}")
    return replace(
        view,
        clauses=tuple(clauses),
        tags=index.tags if show_tags else {},
        chosen_tags=frozenset((*flt.sources, *flt.topics)),
    )


def query_filter(
    entities: EntityFilter, tags: TagFilter, fact_view: FactView, boilerplate: bool
) -> Filter:
    """The reader's filters as the one `Filter` that decides which paragraphs the
    panes show, the filter bar counts and export writes."""
    return Filter(
        entities=entities.entity_ids,
        match=entities.mode,
        sources=tags.cited,
        outlets=tags.outlet_names,
        topics=tags.topics,
        fact_view=fact_view,
        boilerplate=boilerplate,
    )


def remap_tag_filter(old: Corpus, new: Corpus, new_index: TagIndex, flt: TagFilter) -> TagFilter:
    """The filter in a new analysis: entity sources by the entity's name (ids are
    renumbered), topics by label; what the new analysis no longer has is dropped."""
    sources: list[str] = []
    for key in flt.sources:
        if not (NAME.marks(key) or OUTLET.marks(key)):
            key = next(iter(remap_entity_ids(old, new, [key])), "")
        if key in new_index.source_items and key not in sources:
            sources.append(key)
    labels = {topic.id: topic.label for topic in old.topics}
    by_label = {topic.label: topic.id for topic in new.topics}
    topics = [by_label[labels[t]] for t in flt.topics if labels.get(t) in by_label]
    return TagFilter(tuple(sources), tuple(dict.fromkeys(topics)))


# ---------------------------------------------------------------------- fact basis


def basis_summary(basis: FactBasis) -> str:
    """One line on what a fact rests on (safe to draw): "all via Reuters", "via AFP in 2
    reports; 6 reports cite no one", "3 reports print one text, citing police", "Reuters,
    police; 1 report cites no one", "no report names a source"; "...; 8 reports reprint
    3 texts"."""
    names = [safe_line(name) for name in basis.sources]
    copied = sum(len(group) for group in basis.copies)
    if basis.kind == "wire-copy":
        summary = f"{copied} reports print one text"
        return summary + (f", citing {joined(names)}" if names else ", citing no one")
    uncited = sum(1 for _, keys in basis.by_report if not keys)
    if basis.kind == "one-source":
        # "all via" only when every report says so: else how many of them do.
        cited = len(basis.by_report) - uncited
        summary = (
            f"all via {joined(names)}"
            if not uncited
            else f"via {joined(names)} in {count_of(cited, 'report')}"
        )
    elif basis.kind == "independent":
        summary = ", ".join(names)
    else:
        summary = "no report names a source"
    if basis.kind != "unattributed" and uncited:
        summary += f"; {count_of(uncited, 'report')} {'cites' if uncited == 1 else 'cite'} no one"
    if copied:
        texts = len(basis.copies)
        reprinted = "one text" if texts == 1 else f"{texts} texts"
        summary += f"; {count_of(copied, 'report')} reprint {reprinted}"
    return summary
