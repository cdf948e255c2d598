"""Cited sources: who each paragraph attributes its information to.

Not the outlet that printed a report, but the people, organisations and media it cites:
"told Reuters", "X said", "according to X", "citing X", "speaking to X", "as X
reports", "via X", "known from X", in quotes and reported speech alike. Named sources
are linked to their entity; unnamed ones ("two residents", "sources from the Syrian
army") are kept as written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from tui.analysis.entities import lexicon as lx
from tui.ingest.text import VisiblePositions, visible_positions
from tui.model.document import UNANALYSED_KINDS, Paragraph, Report
from tui.model.entities import Mention
from tui.model.pickling import compact_pickle
from tui.model.tags import CitedSource

# A cue after which the source is named: "told the Reuters news agency". The cues and
# the reporting verbs are lower case: they are searched for in the lower-cased text (three
# times faster than ignoring case), or ignoring case where lower-casing moves offsets.
_CUE_BEFORE_SOURCE = (
    r"\b(?:told|telling|tells|said to|confirmed to|speaking to|spoke to|talking to|talked to|"
    r"according to|citing|cited by|quoted by|reported by|via|"
    r"(?:known|learned|learnt|heard|information|data|figures) from|"
    r"as (?=\S+(?: \S+){0,5} reports?\b))"
)
# A reporting verb after which... the source stands before it: "Al Manar TV reported".
_REPORTING_VERB = (
    r"\b(?:said|says|say|told|tells|reported|reports|reporting|confirmed|confirms|"
    r"announced|announces|added|adds|stated|states|claimed|claims|warned|warns|noted|"
    r"notes|wrote|writes|tweeted|posted|insisted|explained|acknowledged|denied|"
    r"estimated|estimates|indicated|indicates|showed|shows|show)\b"
)
_CUE_AND_VERB = (re.compile(_CUE_BEFORE_SOURCE), re.compile(_REPORTING_VERB))
_CUE_AND_VERB_ANY_CASE = (re.compile(_CUE_BEFORE_SOURCE, re.I), re.compile(_REPORTING_VERB, re.I))
# Words that may stand between a subject and its verb: "Reuters also reported".
_SUBJECT_GAP = re.compile(
    r"\s*(?:,[^,;“”\"]{1,160},\s*)?(?:(?:also|later|earlier|previously|has|have|had|"
    r"then|further|separately|which|who|records|data|figures|statistics|readings)\s+){0,2}",
    re.I,
)
_SOURCE_NOUNS = (
    r"residents?|officials?|officers?|sources?|witness(?:es)?|diplomats?|activists?|"
    r"analysts?|doctors?|medics?|police|spokes(?:man|woman|person)|people|monitors?|"
    r"observers?|commanders?|soldiers?|fighters?|journalists?|correspondents?|experts?|"
    r"researchers?|investigators?|authorities|ministry|government|army|military|"
    r"insiders?|aides?|advisers?|advisors?|negotiators?|rebels?|survivors?|relatives?|"
    r"dispatchers?|representatives?|employees?|workers?|neighbou?rs?|staff"
)
# An unnamed source: "two senior Syrian army officers", "sources from the Syrian army".
_UNNAMED = re.compile(
    r"\b(?:(?:a|an|the|two|three|four|five|six|several|some|many|one|\d+|local|senior|other)"
    r"\s+(?:[\w’'-]+\s+){0,3})?(?:" + _SOURCE_NOUNS + r")\b"
    r"(?:\s+(?:from|of|in|at|with|close to)\s+(?:the\s+|a\s+)?[\w’'-]+(?:\s+[\w’'-]+){0,5})?",
    re.I,
)
_SOURCE_NOUN = re.compile(r"\b(?:" + _SOURCE_NOUNS + r")\b", re.I)
_OF_WHOM = re.compile(r"\s+(?:from|of|in|at|with|close to)\s", re.I)
_QUALIFIERS = re.compile(r"\s+(?:who|which|that|,).*$", re.I | re.S)
_LEAD = re.compile(r"\s*(?:the\s+|a\s+)?")


def _cues_and_verbs(text: str) -> tuple[list[re.Match[str]], list[re.Match[str]]]:
    """The attribution cues and the reporting verbs in `text`, in order (their offsets
    are `text`'s; their groups are in lower case or as written)."""
    lower = text.lower()
    if len(lower) == len(text):  # every character lower-cased in place
        cue, verb = _CUE_AND_VERB
        searched = lower
    else:  # "İ" becomes two: offsets would move
        cue, verb = _CUE_AND_VERB_ANY_CASE
        searched = text
    return list(cue.finditer(searched)), list(verb.finditer(searched))


@compact_pickle
@dataclass(frozen=True, slots=True)
class _Name:
    start: int  # offsets into the paragraph's visible text
    end: int
    entity: str
    kind: str
    text: str


def _names(
    report: Report,
    mentions: Sequence[Mention],
    to_visible: VisiblePositions,
    types: Mapping[str, str],
) -> list[_Name]:
    names = []
    for mention in mentions:
        start = to_visible.get(mention.start)
        last = to_visible.get(mention.end - 1)
        if start is not None and last is not None:
            text = report.text[mention.start : mention.end]
            names.append(
                _Name(start, last + 1, mention.entity, types.get(mention.entity, ""), text)
            )
    return names


def _unnamed_at(text: str, start: int) -> str | None:
    """An unnamed source phrase starting at `start`, trimmed of relative clauses."""
    match = _UNNAMED.match(text, start)
    if not match:
        return None
    phrase = _QUALIFIERS.sub("", match.group()).strip(" ,")
    return phrase or None


def _unnamed_before(text: str, end: int) -> str | None:
    """An unnamed source phrase ending at `end` ("two residents told")."""
    window_start = max(0, end - 80)
    best = None
    for match in _UNNAMED.finditer(text, window_start, end):
        if not text[match.end() : end].strip():
            best = match.group().strip(" ,")
    return best


def unnamed_kind(phrase: str) -> str | None:
    """What kind of unnamed source a phrase names, singular and lower case: "two
    residents", "Residents in a central district" -> "resident"; "police" -> "police".
    None when it names none of the kinds `find_cited_sources` knows. Unnamed sources of
    one kind cannot be told apart, so a fact's basis counts them as one source."""
    head = _OF_WHOM.split(phrase, maxsplit=1)[0]  # "sources from the army": sources
    found = _SOURCE_NOUN.findall(head)
    if not found:
        return None
    noun = found[-1].lower()  # "Syrian army officers": officers
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    if noun.endswith(("sses", "shes", "ches", "xes")):  # witnesses
        return noun[:-2]
    if noun.endswith("s") and not noun.endswith("ss"):
        return noun[:-1]
    return noun


def find_cited_sources(
    report: Report,
    paragraph: Paragraph,
    mentions: Sequence[Mention],
    types: Mapping[str, str],
) -> tuple[CitedSource, ...]:
    """The sources one paragraph cites, in the order it names them."""
    text, to_visible = visible_positions(report, paragraph)
    names = _names(report, mentions, to_visible, types)
    found: list[tuple[int, CitedSource]] = []

    def cite_name(name: _Name, at: int) -> None:
        found.append((at, CitedSource(name.text, name.entity)))

    cues, verbs = _cues_and_verbs(text)
    # "told X", "according to X and Y of Z, speaking to W", "citing X".
    for cue in cues:
        clause_end = _clause_end(text, cue.end(), cue.group().lower().startswith("according"))
        named = [n for n in names if cue.end() <= n.start < clause_end and n.kind != "PLACE"]
        lead = _LEAD.match(text, cue.end())
        first = lead.end() if lead else cue.end()
        if cue.group().lower().startswith("according"):
            for name in named:
                cite_name(name, name.start)
        elif named and named[0].start <= first + 1:
            cite_name(named[0], named[0].start)
        if not named or named[0].start > first + 1:
            phrase = _unnamed_at(text, first)
            if phrase:
                found.append((first, CitedSource(phrase)))
    # "X said", "the Syrian Observatory for Human Rights, an opposition war monitor, said".
    for verb in verbs:
        if text[verb.start()].isupper() and _inside_sentence(text, verb.start()):
            continue  # "the United States", "Mountain View Reports": a name's word
        if verb.group().lower() in _ALSO_DOING and _COUNT_AFTER.match(text, verb.end()):
            continue  # "Hillis added 101 yards", "Curry posted 29 points": no one said it
        subject = _subject(text, names, verb.start())
        if subject is not None and subject.kind == "PLACE" and not _speaks(subject.text):
            # "HP of Palo Alto, Calif., said": the one of the town speaks, not the town
            subject = _of_place(text, names, subject)
        if subject is not None:
            cite_name(subject, subject.start)
        else:
            phrase = _unnamed_before(text, verb.start())
            if phrase:
                found.append((verb.start() - len(phrase), CitedSource(phrase)))
    seen: set[str] = set()
    cited: list[CitedSource] = []
    for _, source in sorted(found, key=lambda item: item[0]):
        if source.key not in seen:
            seen.add(source.key)
            cited.append(source)
    return tuple(cited)


def _inside_sentence(text: str, at: int) -> bool:
    """Whether `at` is inside a sentence: not at the text's start, nor after a full
    stop, a colon or an opening quote."""
    before = text[:at].rstrip()
    return bool(before) and before[-1] not in ".!?:\"“‘'"


# Reporting verbs that are also verbs of doing, and are so when a number follows: "added
# 101", "posted a game-high 29 points" are no one's words ("reported 5 deaths" and
# "estimated 200" still are: a source's count).
_ALSO_DOING = frozenset({"added", "adds", "posted"})
_COUNT_AFTER = re.compile(
    r"\s+(?:(?:a|an|another|just|only|about|some|nearly|almost|over|more than|at least)\s+)?"
    r"(?:(?:career|season|game|team|personal)[\w-]*\s+)?"
    r"(?:[$£€]?\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"twenty|thirty|forty|fifty|hundred|dozen)\b)",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[;.!?](?:\s|$)|\s(?:and|but)\s+(?:the\s+)?\w+\s+(?:said|says)\b")
_PHRASE_END = re.compile(r"[,;.!?](?:\s|$)")


def _clause_end(text: str, start: int, phrase_only: bool) -> int:
    """Where the attribution after a cue ends: the clause, or for "according to" the
    phrase ("according to Reuters information, about 150 vehicles ...")."""
    match = (_PHRASE_END if phrase_only else _CLAUSE_END).search(text, start)
    return match.start() if match else len(text)


# Between a subject and the place it is at: "the Survey in Golden", "officials at the
# ministry in Tehran".
_WHERE = re.compile(r"\s+(?:in|at|near|based in)\s+(?:the\s+)?", re.I)


@cache
def _speaking_places() -> frozenset[str]:
    """Places that say things: countries and their capitals ("Israel said", "Moscow
    warned"), the government named by its seat. A town does not ("PALO ALTO, Calif. --
    ... said" is a dateline)."""
    capitals = lx.capitals()
    names = {c.removeprefix("the ") for c in capitals} | {c.lower() for c in capitals.values()}
    return frozenset(names | {a.lower() for a in lx.PLACE_ACRONYMS})


_OF_PLACE = re.compile(r"\s+(?:of|in|at|from)\s+(?:the\s+)?|\s*,\s*", re.I)


def _of_place(text: str, names: Sequence[_Name], place: _Name) -> _Name | None:
    """The name a town's name is said of, right before it ("HP of Palo Alto, Calif."):
    not a place that does not speak; None when there is none."""
    for earlier in sorted(names, key=lambda n: -n.end):
        if earlier.end <= place.start:
            if not _OF_PLACE.fullmatch(text, earlier.end, place.start):
                return None
            if earlier.kind != "PLACE" or _speaks(earlier.text):
                return earlier
            return _of_place(text, names, earlier)
    return None


def _speaks(name: str) -> bool:
    return " ".join(name.replace(".", "").split()).lower() in _speaking_places()


def _subject(text: str, names: Sequence[_Name], verb_start: int) -> _Name | None:
    """The name that is the subject of a reporting verb, if one stands right before it."""
    for name in sorted(names, key=lambda n: -n.end):
        if name.end > verb_start:
            continue
        gap = _SUBJECT_GAP.fullmatch(text, name.end, verb_start)
        if gap:
            return _located(text, names, name)
        break
    # "Rami Abdel Rahman, director of the London-based ... in Syria, said": the first
    # name of an appositive.
    for name in sorted(names, key=lambda n: n.start):
        if name.end <= verb_start and _SUBJECT_GAP.fullmatch(text, name.end, verb_start):
            return _located(text, names, name)
    return None


def _located(text: str, names: Sequence[_Name], name: _Name) -> _Name:
    """The name `name` says where it is of: "the U.S. Geological Survey in Golden, Colo.,
    said" is the Survey speaking, not Golden."""
    for earlier in sorted(names, key=lambda n: -n.end):
        if earlier.end <= name.start and _WHERE.fullmatch(text, earlier.end, name.start):
            return _located(text, names, earlier)
    return name


def find_all_cited(
    reports: Sequence[Report],
    mentions: Mapping[str, Sequence[Mention]],
    types: Mapping[str, str],
) -> dict[str, tuple[CitedSource, ...]]:
    """Cited sources of every non-boilerplate paragraph that cites any."""
    cited: dict[str, tuple[CitedSource, ...]] = {}
    for report in reports:
        for paragraph in report.paragraphs:
            if paragraph.kind in UNANALYSED_KINDS:
                continue
            sources = find_cited_sources(report, paragraph, mentions.get(paragraph.id, ()), types)
            if sources:
                cited[paragraph.id] = sources
    return cited
