"""Names in exports: the entities, sources, outlets and topics a user names on the
command line (any spelling, any case) resolved to the corpus's keys, and a filter
described in words ("the paragraphs that mention Assad or HTS and cite Reuters")."""

from __future__ import annotations

from tui.model.corpus import Corpus
from tui.model.entities import Entity
from tui.model.ids import NAME
from tui.model.tags import CitedSource
from tui.query import Filter
from tui.textsafe import safe_line
from tui.wording import folded, joined


class UnknownName(ValueError):
    """A name given on the command line that the corpus does not have."""


def resolve_entity(corpus: Corpus, name: str) -> str:
    """The id of the entity named `name` (its name or any alias, any case); an entity
    whose own name it is comes first, then the most mentioned."""
    wanted = folded(name)
    found = [
        entity
        for entity in corpus.entities
        if wanted in {folded(form) for form in (entity.name, *entity.aliases)}
    ]
    if not found:
        raise UnknownName(f"unknown entity: {name}")
    found.sort(key=lambda e: (folded(e.name) != wanted, -e.mentions))
    return found[0].id


def resolve_source(corpus: Corpus, name: str) -> str:
    """The key of the cited source named `name`: its entity's name or an alias, or how
    a paragraph words it ("two residents"), any case."""
    wanted = folded(name)
    entities = {entity.id: entity for entity in corpus.entities}
    forms: dict[str, set[str]] = {}
    for sources in corpus.cited.values():
        for source in sources:
            forms.setdefault(source.key, set()).add(folded(source.name))
    found = []
    for key, paragraph_ids in corpus.source_paragraphs.items():
        names = set(forms.get(key, ()))
        entity = entities.get(key)
        if entity is not None:
            names.update(folded(form) for form in (entity.name, *entity.aliases))
        if wanted in names or wanted == key:
            found.append((-len(paragraph_ids), key))
    if not found:
        outlets = {folded(report.outlet) for report in corpus.reports}
        hint = " (an outlet: --outlet)" if wanted in outlets else ""
        raise UnknownName(f"unknown source: {name}{hint}")
    return min(found)[1]


def resolve_outlet(corpus: Corpus, name: str) -> str:
    """The outlet (`Report.outlet`) named `name`, any case."""
    wanted = folded(name)
    for report in corpus.reports:
        if folded(report.outlet) == wanted:
            return report.outlet
    for report in corpus.reports:  # "unknown outlet (x)" is named by its file name too
        if not report.outlet_known and folded(report.name) == wanted:
            return report.outlet
    raise UnknownName(f"unknown outlet: {name}")


def resolve_topic(corpus: Corpus, name: str) -> str:
    """The id of the topic labelled `name` (any case), or with that id."""
    wanted = folded(name)
    for topic in corpus.topics:
        if folded(topic.label) == wanted or topic.id == name:
            return topic.id
    raise UnknownName(f"unknown topic: {name}")


def entity_name(corpus: Corpus, entity_id: str) -> str:
    try:
        return corpus.entity(entity_id).name
    except KeyError:
        return entity_id


def source_name(corpus: Corpus, key: str) -> str:
    """A cited source's name: its entity's, or its first wording."""
    wording = NAME.value(key)
    if wording is None:
        return entity_name(corpus, key)
    for sources in corpus.cited.values():
        for source in sources:
            if source.key == key:
                return source.name
    return wording


def cited_name(source: CitedSource, entities: dict[str, Entity]) -> str:
    """How an export names a cited source: its entity's name, else its wording."""
    entity = entities.get(source.entity or "")
    return safe_line(entity.name if entity else source.name)


def describe_filter(corpus: Corpus, flt: Filter) -> str:
    """ "the paragraphs that mention Assad or HTS and cite Reuters", for a title."""
    clauses = []
    if flt.entities:
        names = [safe_line(entity_name(corpus, e)) for e in flt.entities]
        clauses.append("mention " + joined(names, "and" if flt.match == "all" else "or"))
    if flt.sources:
        names = [safe_line(source_name(corpus, key)) for key in flt.sources]
        clauses.append("cite " + joined(names, "or"))
    if flt.outlets:
        clauses.append("are from " + joined([safe_line(o) for o in flt.outlets], "or"))
    if flt.topics:
        labels = {topic.id: topic.label for topic in corpus.topics}
        names = [safe_line(labels.get(t, t)) for t in flt.topics]
        clauses.append("are about " + joined(names, "or"))
    if flt.fact_view == "shared":
        clauses.append("state a shared fact")
    elif flt.fact_view == "unique":
        clauses.append("have a sentence no other report states")
    what = "every paragraph" if not clauses else "the paragraphs that " + joined(clauses)
    return what + (", boilerplate included" if flt.boilerplate else "")
