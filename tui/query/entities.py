"""The reader's entity filter and what it means for the panes (no Textual here).

A filter is a choice of entities and a match mode. Applied to a corpus it gives a
`FilterView`: which spans of report text to mark, and what a shown paragraph does
("mentions ..."); which paragraphs are shown is `tui.query`'s answer.
Entity ids are renumbered by every analysis, so a filter is carried over to a new corpus
by the entities' names (`remap_entity_ids`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tui.model.corpus import Corpus, MatchMode
from tui.model.entities import Entity
from tui.query.marks import NO_FILTER, FilterView, Span
from tui.query.search import match_items
from tui.textsafe import safe_line
from tui.wording import joined


@dataclass(frozen=True, slots=True)
class EntityFilter:
    entity_ids: tuple[str, ...] = ()
    mode: MatchMode = "any"

    @property
    def active(self) -> bool:
        return bool(self.entity_ids)

    def toggled_mode(self) -> EntityFilter:
        return EntityFilter(self.entity_ids, "all" if self.mode == "any" else "any")


def describe_entities(corpus: Corpus, flt: EntityFilter) -> list[str]:
    return [safe_line(corpus.entity(e).name) for e in flt.entity_ids]


def filter_view(corpus: Corpus, flt: EntityFilter) -> FilterView:
    if not flt.active:
        return NO_FILTER
    chosen = set(flt.entity_ids)
    marks: dict[str, tuple[Span, ...]] = {}
    for paragraph_id in corpus.query(flt.entity_ids, "any"):
        spans = tuple(
            (m.start, m.end) for m in corpus.mentions.get(paragraph_id, ()) if m.entity in chosen
        )
        if spans:
            marks[paragraph_id] = spans
    names = describe_entities(corpus, flt)
    named = joined(names, "and" if flt.mode == "all" else "or")
    return FilterView(marks=marks, clauses=(f"mentions {named}",))


def remap_entity_ids(old: Corpus, new: Corpus, entity_ids: Iterable[str]) -> tuple[str, ...]:
    """The ids in `new` of the entities `entity_ids` named in `old` (by name, then alias)."""
    by_form: dict[str, str] = {}
    for entity in new.entities:
        for form in entity.aliases:
            by_form.setdefault(form, entity.id)
    for entity in new.entities:
        by_form[entity.name] = entity.id  # an entity's own name beats another's alias
    mapped: list[str] = []
    for entity_id in entity_ids:
        try:
            entity = old.entity(entity_id)
        except KeyError:
            continue
        for form in (entity.name, *entity.aliases):
            found = by_form.get(form)
            if found is not None:
                if found not in mapped:
                    mapped.append(found)
                break
    return tuple(mapped)


def match_entities(entities: Sequence[Entity], query: str) -> list[Entity]:
    """Entities whose name or an alias matches `query`, best first, then by mentions."""
    return match_items(_busiest_first(entities), query, lambda e: (e.name, *e.aliases))


_busiest: tuple[Sequence[Entity] | None, list[Entity]] = (None, [])


def _busiest_first(entities: Sequence[Entity]) -> list[Entity]:
    """The entities by mentions (sorted once per corpus, not at every keypress)."""
    global _busiest
    if _busiest[0] is not entities:
        _busiest = (entities, sorted(entities, key=lambda e: (-e.mentions, e.name.casefold())))
    return _busiest[1]
