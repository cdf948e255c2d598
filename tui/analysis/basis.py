"""Source basis: what each shared fact rests on, counted as an analyst would.

Five reports stating a fact are five confirmations only if they got it from five
places. For each report stating a fact, the sources its wording rests on are those it
cites (`tui.analysis.attribution`):

- in the paragraph of a sentence stating the fact (so in the sentence too), and in the
  next paragraph when that opens by pointing back ("That's according to two officers
  speaking to Reuters"): a next paragraph that does not point back is about something
  else, and its sources are not this fact's;
- named sources before unnamed ones: "two residents told Reuters" rests on Reuters, the
  report's known source (the residents are Reuters' own); only a report naming nobody
  rests on its unnamed sources;
- one name, one source: a named source is its entity (all spellings merged: "Reuters",
  "the Reuters news agency"), an unnamed one its kind (`unnamed_kind`: "two residents"
  and "residents of the capital" are one source, "police" and "Police" another; unnamed
  sources of one kind cannot be told apart).

Reports whose wording of the fact is one wire text (`tui.analysis.wire`) count once,
with the sources of all their copies: a confirmation. Then, in this order:

- *wire-copy*: every report prints one text; the sources are what the text cites;
- *unattributed*: no confirmation cites anyone;
- *one-source*: a source that every confirmation citing anyone cites ("all via
  Reuters"); a report citing no one confirms nothing and refutes nothing (it may be
  the outlet's own reporting, or the same source uncredited: it cannot be told). A fact
  every report states as the same direct quotation is one source too, its speaker (the
  first source the quoting paragraphs name), however the reports credit it;
- *independent*: at least two confirmations cite sources and no source is common to
  them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from tui.analysis.attribution import unnamed_kind
from tui.analysis.unionfind import UnionFind
from tui.model.document import UNANALYSED_KINDS, Paragraph, Report, Sentence
from tui.model.facts import BasisKind, Fact, FactBasis
from tui.model.ids import NAME
from tui.model.tags import CitedSource

# A paragraph that opens by crediting the one before it: "That's according to...",
# "This was reported by...", "The information comes from...".
_POINTS_BACK = re.compile(
    r"\W*(?:that|this|these|those|it|the (?:news|report|claim|information|account)s?)"
    r"(?:['’]s|\s+(?:is|was|were|are|comes?|came|has been|had been|have been))?"
    r"\s+(?:\w+\s+){0,2}?"
    r"(?:according to|from|reported by|confirmed by|citing|cited by|based on|via)\b",
    re.I,
)
# Quotation marks that open a direct quotation.
_QUOTE = re.compile(r"[“\"«„]([^”\"»“]{12,})[”\"»“]")
_WORD = re.compile(r"\w+")
# A sentence is a quotation when its quoted words are at least this share of its words.
QUOTED_SHARE = 0.5
# Two quotations are one when this share of the shorter one's words are in the other.
SAME_QUOTE = 0.5


@dataclass(frozen=True, slots=True)
class _Place:
    report: Report
    paragraph: int  # its index in report.paragraphs
    sentence: Sentence


def _places(reports: Sequence[Report], wanted: set[str]) -> dict[str, _Place]:
    places: dict[str, _Place] = {}
    for report in reports:
        for index, paragraph in enumerate(report.paragraphs):
            for sentence in paragraph.sentences:
                if sentence.id in wanted:
                    places[sentence.id] = _Place(report, index, sentence)
    return places


def _next_analysed(report: Report, index: int) -> Paragraph | None:
    for paragraph in report.paragraphs[index + 1 :]:
        if paragraph.kind not in UNANALYSED_KINDS:
            return paragraph
    return None


def _attributed(place: _Place, cited: Mapping[str, tuple[CitedSource, ...]]) -> list[CitedSource]:
    """The sources a sentence stating a fact is attributed to: its paragraph's, then
    those the next paragraph names in an opening that points back to it."""
    report = place.report
    paragraph = report.paragraphs[place.paragraph]
    found = list(cited.get(paragraph.id, ()))
    after = _next_analysed(report, place.paragraph)
    if after is not None and after.sentences and after.id in cited:
        first = after.sentences[0]
        opening = report.text[first.start : first.end]
        if _POINTS_BACK.match(opening):
            found.extend(s for s in cited[after.id] if s.name in opening)
    return found


def _named(source: CitedSource) -> bool:
    """Whether a source names someone: an entity that is more than a common noun
    ("Police" opening a sentence is an entity, but the same source as "police")."""
    return source.entity is not None and not (
        unnamed_kind(source.name) and len(_WORD.findall(source.name)) == 1
    )


def source_key(source: CitedSource) -> str:
    """One key per source for the basis: its entity, else its unnamed kind ("two
    residents" and "Police" are `name:resident` and `name:police`), else its wording."""
    if source.entity and _named(source):
        return source.entity
    kind = unnamed_kind(source.name)
    return NAME.of(kind) if kind else source.key


def _rests_on(sources: Sequence[CitedSource]) -> tuple[str, ...]:
    """The keys a report's wording rests on: its named sources if it names any, else
    its unnamed ones; in the order cited."""
    named = [s for s in sources if _named(s)]
    return tuple(dict.fromkeys(source_key(s) for s in (named or sources)))


def _merge_kinds(
    by_report: dict[str, tuple[str, ...]], names: Mapping[str, str]
) -> dict[str, tuple[str, ...]]:
    """Unnamed sources of a kind that a named source of the fact is ("police" and
    "Vancouver Police"): the named one."""
    named_kind: dict[str, str] = {}
    for keys in by_report.values():
        for key in keys:
            if not NAME.marks(key):
                name = names.get(key, "")
                kind = unnamed_kind(name)
                if kind and kind == unnamed_kind(_WORD.findall(name)[-1]):
                    named_kind.setdefault(NAME.of(kind), key)
    return {
        report: tuple(dict.fromkeys(named_kind.get(k, k) for k in keys))
        for report, keys in by_report.items()
    }


def _quoted_words(text: str) -> frozenset[str] | None:
    """The words of a sentence's direct quotation, when most of it is one (else None)."""
    quoted = [_WORD.findall(m.group(1).casefold()) for m in _QUOTE.finditer(text)]
    words = [w for part in quoted for w in part]
    if len(words) < 4 or len(words) < QUOTED_SHARE * len(_WORD.findall(text)):
        return None
    return frozenset(words)


def _one_quotation(quotes: Sequence[frozenset[str] | None]) -> bool:
    """Whether every report's wording is the same direct quotation."""
    if len(quotes) < 2 or any(q is None for q in quotes):
        return False
    first = quotes[0]
    assert first is not None
    return all(
        q is not None and len(first & q) >= SAME_QUOTE * min(len(first), len(q)) for q in quotes[1:]
    )


def _fact_basis(
    fact: Fact,
    places: Mapping[str, _Place],
    cited: Mapping[str, tuple[CitedSource, ...]],
    sentence_wire: Mapping[str, str],
    entity_names: Mapping[str, str],
) -> FactBasis:
    """The basis of one fact (`entity_names`: each entity's name, by id)."""
    said: dict[str, list[str]] = defaultdict(list)  # report id -> its sentences of the fact
    for sentence_id in fact.sentences:
        if sentence_id in places:
            said[places[sentence_id].report.id].append(sentence_id)
    by_report: dict[str, tuple[str, ...]] = {}
    # Unnamed sources are named as this fact's reports word them first ("residents").
    names = dict(entity_names)
    for report_id, sentence_ids in said.items():
        sources = [s for sid in sentence_ids for s in _attributed(places[sid], cited)]
        by_report[report_id] = _rests_on(sources)
        for source in sources:
            names.setdefault(source_key(source), " ".join(source.name.split()))
    by_report = _merge_kinds(by_report, names)
    # Reports whose wordings are copies of one wire text: one confirmation.
    copies = UnionFind(said)
    by_wire: dict[str, str] = {}
    for report_id, sentence_ids in said.items():
        for sentence_id in sentence_ids:
            wire = sentence_wire.get(sentence_id)
            if wire is not None:
                copies.union(report_id, by_wire.setdefault(wire, report_id))
    units: dict[str, list[str]] = defaultdict(list)
    for report_id in said:
        units[copies.find(report_id)].append(report_id)
    confirmations = [
        tuple(dict.fromkeys(k for r in members for k in by_report[r])) for members in units.values()
    ]
    groups = tuple(tuple(members) for members in units.values() if len(members) > 1)
    every = tuple(dict.fromkeys(k for keys in confirmations for k in keys))
    kind: BasisKind
    if len(units) == 1 and len(said) > 1:
        kind, keys = "wire-copy", every
    elif not every:
        kind, keys = "unattributed", ()
    elif _one_quotation(
        [_quoted_words(_wording(places, said[members[0]])) for members in units.values()]
    ):
        kind, keys = "one-source", every[:1]
    else:
        cited_any = [keys for keys in confirmations if keys]
        common = tuple(k for k in every if all(k in keys for keys in cited_any))
        kind, keys = ("one-source", common) if common else ("independent", every)
    return FactBasis(
        kind,
        tuple(names.get(k, k) for k in keys),
        keys,
        groups,
        tuple((r, tuple(names.get(k, k) for k in keys)) for r, keys in by_report.items()),
    )


def _wording(places: Mapping[str, _Place], sentence_ids: Sequence[str]) -> str:
    return " ".join(
        places[s].report.text[places[s].sentence.start : places[s].sentence.end]
        for s in sentence_ids
    )


def with_bases(
    facts: Sequence[Fact],
    reports: Sequence[Report],
    cited: Mapping[str, tuple[CitedSource, ...]],
    sentence_wire: Mapping[str, str],
    entity_names: Mapping[str, str],
) -> tuple[Fact, ...]:
    """`facts`, each with its basis."""
    wanted = {s for fact in facts for s in fact.sentences}
    holding = {r for fact in facts for r in fact.reports}
    places = _places([r for r in reports if r.id in holding], wanted)
    return tuple(
        replace(fact, basis=_fact_basis(fact, places, cited, sentence_wire, entity_names))
        for fact in facts
    )
