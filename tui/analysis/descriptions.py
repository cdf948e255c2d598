"""Descriptions that stand for a named person, learned from the story itself.

Reports name a person once and then describe them: "President Bashar al-Assad", later
"the Syrian president" or "the president"; "actress Tara Reid", then "the actress".
Another report may only describe: "The Syrian president has fled Damascus". For
matching (`tui.analysis.facts`), a description stands for the person when the story's
own text ties its title to that person: the title written right before their name
("President Assad", "actress Tara Reid"), at least `MIN_USES` times, and to no one else
(or nearly: `DOMINANT` of those uses). Two presidents in one story: "the president"
stands for neither.

A description is "the", at most two words ("the Syrian president", "the former
coach") and the title, with no name right after it ("the President Obama" is the name
itself, already a mention). It becomes a mention of the person, over the title word, so
the sentence's terms hold the person as if it named them.

Names are also written with their later words in lower case ("the Indian navy" in a
story that writes "Indian Navy"): such a phrase stands for the one entity the story's
mentions give that name of two to four capitalised words (`learn_names`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import cache

from tui.analysis.entities import lexicon as lx
from tui.analysis.entities.extract import demonym_country
from tui.model.document import Paragraph, Report
from tui.model.entities import Mention

# Titles that describe a person on their own ("the president", "the actress"), unlike
# honorifics ("Mr", "Dr") and the words that only qualify a title ("foreign", "vice").
_NOT_ROLES = frozenset(
    """foreign defence defense interior finance health state crown vice prime deputy
    general private officer agent star player father chief mr mr. mrs mrs. ms ms. dr dr.
    sir lord lady dame gen gen. lt lt. col col. maj capt capt. sgt sgt. adm sen sen. rep
    rep. gov gov. rev rev. prof prof. president-elect""".split()
)
ROLES = frozenset(lx.PERSON_TITLES - _NOT_ROLES)
# A title stands for a person once the story writes it before their name this often...
MIN_USES = 2
# ...and this share of its uses before a name are before theirs.
DOMINANT = 0.75

_WORD_BEFORE = re.compile(r"([^\W\d_][\w.-]*)[ \t]+$")
_DESCRIPTION = re.compile(
    r"\b[Tt]he\s+(?:[\w’'-]+\s+){0,2}?(?P<role>(?i:"
    + "|".join(sorted(map(re.escape, ROLES), key=len, reverse=True))
    + r"))\b(?!['’]s?\s+[A-Z]|\s+[A-Z])"
)


def learn_roles(
    reports: Iterable[Report],
    mentions: Mapping[str, Sequence[Mention]],
    types: Mapping[str, str],
) -> dict[str, str]:
    """Each title (lower case) the reports tie to one person: title -> entity id."""
    uses: dict[str, Counter[str]] = defaultdict(Counter)
    for report in reports:
        for paragraph in report.paragraphs:
            for mention in mentions.get(paragraph.id, ()):
                if types.get(mention.entity) != "PERSON":
                    continue
                before = _WORD_BEFORE.search(report.text, max(0, mention.start - 40), mention.start)
                if before is None:
                    continue
                role = before.group(1).lower()
                if role in ROLES:
                    uses[role][mention.entity] += 1
    roles = {}
    for role, people in uses.items():
        total = sum(people.values())
        entity, count = min(people.items(), key=lambda item: (-item[1], item[0]))
        if count >= MIN_USES and count >= DOMINANT * total:
            roles[role] = entity
    return roles


def description_mentions(
    report: Report,
    paragraph: Paragraph,
    roles: Mapping[str, str],
    mentions: Sequence[Mention],
) -> list[Mention]:
    """Mentions of the people the paragraph's descriptions stand for (`roles`: see
    `learn_roles`), over each description's title word; none where a mention is already."""
    if not roles:
        return []
    found = []
    for match in _DESCRIPTION.finditer(report.text, paragraph.start, paragraph.end):
        entity = roles.get(match.group("role").lower())
        if entity is None:
            continue
        start, end = match.span("role")
        if any(m.start < end and start < m.end for m in mentions):
            continue
        found.append(Mention(entity, report.id, paragraph.id, start, end))
    return found


# A name of two to four capitalised words, written with the capitals of all but its
# first in lower case ("the Indian navy" for "Indian Navy"): see `learn_names`.
_CAPITALISED = re.compile(r"\b[A-Z][\w’'-]*")
_NAME_WORDS = (2, 4)


class Names(dict[str, dict[tuple[str, ...], str]]):
    """Names of two to four capitalised words (`learn_names`): first word (lower case)
    -> {words (lower case) -> entity}; `later`: their later words in lower case (a
    paragraph that writes none of them writes none of the names in lower case)."""

    later: frozenset[str] = frozenset()


def learn_names(reports: Iterable[Report], mentions: Mapping[str, Sequence[Mention]]) -> Names:
    """The names of two to four capitalised words the reports write ("Indian Navy"),
    each of one entity only (see `Names`)."""
    seen: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for report in reports:
        for paragraph in report.paragraphs:
            for mention in mentions.get(paragraph.id, ()):
                written = report.text[mention.start : mention.end].split()
                if _NAME_WORDS[0] <= len(written) <= _NAME_WORDS[1] and all(
                    word[:1].isupper() for word in written
                ):
                    seen[tuple(word.lower() for word in written)][mention.entity] += 1
    names = Names()
    later: set[str] = set()
    for name, entities in seen.items():
        if len(entities) == 1:
            names.setdefault(name[0], {})[name] = next(iter(entities))
            later.update(name[1:])
    names.later = frozenset(later)
    return names


def lower_case_mentions(
    report: Report,
    paragraph: Paragraph,
    names: Names,
    mentions: Sequence[Mention],
) -> list[Mention]:
    """Mentions of the entities whose names (`learn_names`) the paragraph writes with
    later words in lower case ("the Indian navy has captured ..."): the same name, where
    no mention is already."""
    text = report.text
    written = text[paragraph.start : paragraph.end]
    if not any(word in written for word in names.later):
        return []
    found = []
    for match in _CAPITALISED.finditer(text, paragraph.start, paragraph.end):
        options = names.get(match.group().lower())
        if not options:
            continue
        following = text[match.end() : min(paragraph.end, match.end() + 80)].split()
        for words, entity in sorted(options.items(), key=lambda item: -len(item[0])):
            rest = following[: len(words) - 1]
            bare = [word.rstrip(".,;:!?’'\"”)") for word in rest]
            if len(bare) < len(words) - 1 or [w.lower() for w in bare] != list(words[1:]):
                continue
            if all(word[:1].isupper() for word in bare):
                break  # written as the name: a mention already, or not one for a reason
            end = text.index(bare[-1], match.end()) + len(bare[-1])
            start = match.start()
            if not any(m.start < end and start < m.end for m in mentions):
                found.append(Mention(entity, report.id, paragraph.id, start, end))
            break
    return found


# "the capital", "the Syrian capital", "Syria's capital", "the capital of Syria" (not
# "the capital, Damascus" or "the capital Damascus": the name is written, a mention).
_CAPITAL = re.compile(
    r"(?<![\w’'-])(?:[Tt]he\s+(?:(?P<demonym>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)\s+)?"
    r"(?P<word>capital)(?:\s+of\s+(?P<of>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?))?"
    r"|(?<![\w’'-])(?P<owner>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)['’]s\s+(?P<word2>capital))"
    r"\b(?!\s*,?\s*(?:city\s+(?:of\s+)?)?[A-Z])"
)
# What follows "capital" when it is no city: "capital gains", "capital punishment", "the
# capital of the province" (a country's capital is "of" a name, read above).
_NOT_A_CITY = re.compile(
    r"\s+(?:of\b|['’]s\b|(?:gains?|punishment|investments?|spending|markets?|flight|"
    r"expenditures?|offen[cs]es?|crimes?|cases?|letters?|projects?|budgets?|costs?|"
    r"requirements?|controls?|accounts?|stock|reserves?|ratios?|charges?|murder)\b)"
)


def _folded(name: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", name.lower()) if not unicodedata.combining(c)
    )


@cache
def _capital_countries() -> dict[str, str]:
    """A capital's name (lower case, and without accents) -> its country; a name two
    countries share ("Kingston") stands for neither."""
    capitals_of: dict[str, set[str]] = defaultdict(set)
    for country, capital in lx.capitals().items():
        capitals_of[capital.lower()].add(country)
        capitals_of[_folded(capital)].add(country)
    return {name: next(iter(c)) for name, c in capitals_of.items() if len(c) == 1}


class Capitals(dict[str, str]):
    """The capitals a story names (`learn_capitals`): country (lower case) -> the entity
    of its capital; `alone`: the entity "the capital" stands for, when the story names one
    capital only."""

    alone: str | None = None


def learn_capitals(
    reports: Iterable[Report],
    mentions: Mapping[str, Sequence[Mention]],
    types: Mapping[str, str],
) -> Capitals:
    """The countries' capitals (`lexicon.capitals`) the reports name, each as the one
    place entity its mentions are of."""
    country_of = _capital_countries()
    seen: dict[str, set[str]] = defaultdict(set)
    for report in reports:
        text = report.text
        for paragraph in report.paragraphs:
            for mention in mentions.get(paragraph.id, ()):
                if types.get(mention.entity) != "PLACE":
                    continue  # "Hamilton" the driver is no capital
                written = text[mention.start : mention.end]
                named = country_of.get(written.lower())
                if named is None and not written.isascii():
                    named = country_of.get(_folded(written))
                if named is not None:
                    seen[named].add(mention.entity)
    found = Capitals({c: next(iter(e)) for c, e in seen.items() if len(e) == 1})
    if len(found) == 1:
        found.alone = next(iter(found.values()))
    return found


def capital_mentions(
    report: Report,
    paragraph: Paragraph,
    capitals: Capitals,
    mentions: Sequence[Mention],
) -> list[Mention]:
    """Mentions of the capital a paragraph's "the capital" (of the one the story names),
    "the Syrian capital", "Syria's capital" or "the capital of Syria" stands for, over
    the word "capital"; none where a mention is already, or for a capital the story
    never names."""
    if not capitals:
        return []
    found = []
    text = report.text
    for match in _CAPITAL.finditer(text, paragraph.start, paragraph.end):
        word = "word" if match.group("word") else "word2"
        start, end = match.span(word)
        if _NOT_A_CITY.match(text, end) and not match.group("of"):
            continue
        demonym = match.group("demonym")
        named = match.group("of") or match.group("owner")
        if demonym and named:
            continue
        if demonym:
            # "the Syrian capital", "the South Korean capital"
            entity = capitals.get(_country_of_demonym(demonym) or "")
        elif named:
            # "In Syria's capital": the country is the last word or two
            entity = capitals.get(_country_key(named)) or capitals.get(
                _country_key(named.split()[-1])
            )
        else:
            entity = capitals.alone
        if entity is None:
            continue
        if any(m.start < end and start < m.end for m in mentions):
            continue
        found.append(Mention(entity, report.id, paragraph.id, start, end))
    return found


def _country_key(name: str) -> str:
    """A country's name as `lexicon.capitals` keys it ("Netherlands" is "the
    netherlands" there)."""
    folded = _folded(name)
    countries = lx.capitals()
    if folded in countries:
        return folded
    return "the " + folded if "the " + folded in countries else folded


def _country_of_demonym(words: str) -> str | None:
    """The country of a demonym of one word or two ("Syrian", "South Korean")."""
    parts = words.split()
    if len(parts) == 2:
        # "South Korean" -> "south korea"
        whole = f"{parts[0].lower()} {parts[1].lower()[:-1]}"
        return whole if whole in lx.capitals() else None
    country = demonym_country(words)
    return None if country is None else _country_key(country)
