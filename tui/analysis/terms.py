"""Sentences as terms for matching: stems of content words, and entities by id.

Entity mentions become one term per entity ("E:e7"), so every spelling of a name
("Sednaya", "Saydnaya") is the same term. Other words are lower-cased and stemmed
(Snowball, irregular forms first taken to their base word: "freed"/"freeing" meet), and
words news uses for one thing are one term (data/synonyms.txt: "central"/"centre").
A number other than a year is a term too ("#:23", "three" as "#:3"), which counts as a
name does: shared, it is evidence that two sentences state one thing ("captured 23
pirates" / "arrested 23 pirates"), never enough alone; the values a sentence states are
also read as details to compare (`quantities`). Weekdays and months are kept apart:
they date, they do not say.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path

from tui.analysis.entities import lexicon as lx
from tui.analysis.entities.extract import is_adjectival
from tui.analysis.quantities import Detail, sentence_details
from tui.model.document import Paragraph, Report, Sentence
from tui.model.entities import Mention
from tui.model.ids import DATE_TERM, ENTITY_TERM, NAME_LIKE_TERM, NUMBER_TERM, SYNONYM_TERM
from tui.model.pickling import compact_pickle

# Tokens: a web domain, a word, a number, a clause's punctuation. A web domain is the only
# token with a dot that ends in a letter.
_TOKENS = re.compile(
    r"(?:(?:[\w-]+\.)+(?:com|org|net|gov|edu|int|info|news|co|uk|io|tv)\b)"
    r"|[^\W\d_][\w'’-]*|\d[\d,.]*\d|\d|[,;:()\[\]“”\"—–]"
)
# What follows the digits of an ordinal ("11th", "2nd"), a token of its own.
_ORDINAL_ENDINGS = frozenset({"st", "nd", "rd", "th"})
# A year ("the 2004 tsunami") dates the background more than it counts: no term.
_YEAR = re.compile(r"(?:19|20)\d\d")
_SPLITTERS = frozenset(',;:()[]“”"—–')
_CONJUNCTIONS = frozenset({"and", "but", "while", "although", "though", "whereas"})
_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
    "twenty": "20", "thirty": "30", "forty": "40", "fifty": "50", "hundred": "100",
    "dozen": "12", "dozens": "24+", "hundreds": "200+", "thousand": "1000",
    "thousands": "2000+",
}  # fmt: skip
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_MONTHS = frozenset(
    "january february march april may june july august september october november december".split()
)
# Words too common in news to say anything about which fact a clause states.
_EXTRA_STOP = frozenset(
    """said says say told tell according also would could reportedly new last
    year years time people mr mrs ms news agency agencies speaking spoke spoken citing
    cited quoted quoting source sources reported reporting report reports statement
    interview correspondent media wire outlet week weeks day days month months hour
    hours morning evening night minute minutes""".split()
)
_STOP = lx.FUNCTION_WORDS | lx.CONTRACTIONS | lx.PERSON_TITLES | _EXTRA_STOP


def _word_lines(name: str) -> Iterator[list[str]]:
    """The words of each line of data/`name` (blank lines and # comments left out)."""
    path = Path(__file__).resolve().parent / "data" / name
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.split() and not line.startswith("#"):
            yield line.split()


@cache
def _irregular() -> dict[str, str]:
    """Irregular forms -> the word they are a form of (data/irregular.txt)."""
    forms: dict[str, str] = {}
    for words in _word_lines("irregular.txt"):
        for word in words[1:]:
            forms.setdefault(word, words[0])
    return forms


_VOWELS = frozenset("aeiou")


def _derived(word: str) -> str:
    """A word of a regular derivation that the Snowball stemmer leaves apart from its
    base word, written as that base word: nouns in -sion of verbs in -de/-d
    ("explosion" -> "explode", "expansion" -> "expand"; not -ssion: "commission" is no
    "commit"), in -acy
    of words in -ate ("piracy" -> "pirate", "privacy" -> "private"), compass adjectives
    ("southern" -> "south"). Only where the base keeps four letters or more, so a short
    word is never taken for another ("pension" stays)."""
    if word.endswith("sion") and not word.endswith("ssion"):
        base = word[:-4]
        if len(base) >= 4 and base[-1] in _VOWELS:
            return base + "de"
        if len(base) >= 5 and base[-1] in "nr":
            return base + "d"
    if word.endswith("acy") and len(word) >= 6:
        return word[:-3] + "ate"
    if (word.endswith("thern") or word.endswith("stern")) and len(word) >= 7:
        return word[:-3]
    return word


def _american(stemmed: str) -> str:
    """A stem in American spelling, so "organise" / "organize", "defence" / "defense",
    "honour" / "honor", "centre" / "center", "programme" / "program" meet: the regular
    British endings, rewritten on the stem."""
    if len(stemmed) < 5:
        # "metre" / "meter", "litre" / "liter": the one short British ending
        return stemmed[:-1] + "er" if len(stemmed) == 4 and stemmed.endswith("tr") else stemmed
    if stemmed[-2:] in ("is", "ys"):
        return stemmed[:-1] + "z"
    if stemmed.endswith("enc"):
        return stemmed[:-1] + "s"
    if stemmed.endswith("our") and len(stemmed) >= 6 and stemmed[-4] not in _VOWELS:
        return stemmed[:-2] + "r"
    if stemmed.endswith("tr"):
        return stemmed[:-1] + "er"
    if stemmed.endswith("mm"):
        return stemmed[:-1]
    return stemmed


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """The stem of a lower-case word: Snowball's English stemmer ("officials" ->
    "offici", "captured" -> "captur"), irregular forms taken to their base word first
    ("fled" -> "flee", "freed" -> "free"), regular derivations the stemmer keeps apart
    taken to theirs (`_derived`), British spellings written as American (`_american`)."""
    word = _irregular().get(word, word)
    return _american(str(lx.english_stemmer().stemWord(_derived(word))))


@cache
def _synonyms() -> dict[str, str]:
    """Stem -> the name of its synonym class (data/synonyms.txt)."""
    classes: dict[str, str] = {}
    for words in _word_lines("synonyms.txt"):
        for word in words:
            classes.setdefault(stem(word), SYNONYM_TERM.of(words[0]))
    return classes


@cache
def stage_terms() -> dict[str, int]:
    """Matching term -> the stage of a story it names (data/stages.txt): "convicted" and
    "guilty" one stage, "sentenced" another."""
    stages: dict[str, int] = {}
    for number, words in enumerate(_word_lines("stages.txt")):
        for word in words:
            stages.setdefault(content_term(word), number)
    return stages


@lru_cache(maxsize=1 << 16)
def content_term(word: str) -> str:
    """The matching term of a lower-case content word: its synonym class, else its stem."""
    stemmed = stem(word)
    return _synonyms().get(stemmed, stemmed)


def _bare(token: str) -> str:
    """Lower case, without possessive or contraction endings and stray quotes."""
    word = token.lower().replace("’", "'").strip("'")
    if word.endswith("'s"):
        word = word[:-2]
    return word


@compact_pickle
@dataclass(frozen=True, slots=True)
class SentenceTerms:
    """What a sentence says, for matching, and the details to compare."""

    sentence: Sentence
    report: str
    paragraph: str
    # Clauses (split at punctuation and conjunctions), each a tuple of terms.
    clauses: tuple[tuple[str, ...], ...]
    # What it states with a value (counts, measures, times, dates): see `quantities`.
    # The values it states (`quantities`); None until read (`with_details`).
    details: tuple[Detail, ...] | None

    @property
    def terms(self) -> frozenset[str]:
        return frozenset(t for clause in self.clauses for t in clause)


def _pieces(
    paragraph: Paragraph, start: int, end: int, mentions: Sequence[Mention]
) -> Iterator[tuple[int, int, str]]:
    """The visible text of `start:end` (within the paragraph) as (start, end, "")
    stretches and (start, end, entity) mentions."""
    inside = sorted((m for m in mentions if start <= m.start < end), key=lambda m: m.start)
    for run in paragraph.runs:
        s, e = max(run.start, start), min(run.end, end)
        if s >= e:
            continue
        pos = s
        for mention in inside:
            if mention.end <= pos or mention.start >= e:
                continue
            if mention.start > pos:
                yield pos, mention.start, ""
            yield mention.start, mention.end, mention.entity
            pos = max(pos, mention.end)
        if pos < e:
            yield pos, e, ""


# What a token is, for `sentence_terms` (see `_token`).
_SKIP, _SPLIT, _NUMBER, _DOMAIN, _WORD_TOKEN = range(5)
# A word's part: a date, a term of its clause, or nothing.
_DATE, _TERM, _NOTHING = range(3)


@lru_cache(maxsize=1 << 17)
def _token(token: str, domain: bool) -> tuple[int, str, int, str]:
    """What `sentence_terms` makes of a token (it depends on the token alone, and news
    repeats its words): (kind, a number's value, a word's part, its date or term)."""
    if domain:  # "washingtonpost.com" names a source, like a name
        return _DOMAIN, "", _TERM, NAME_LIKE_TERM.of(token.lower())
    lower = _bare(token)
    if not lower:
        return _SKIP, "", _NOTHING, ""
    if token in _SPLITTERS or lower in _CONJUNCTIONS:
        return _SPLIT, "", _NOTHING, ""
    if token[0].isdecimal() or lower in _NUMBER_WORDS:  # not "²": int() cannot read it
        return _NUMBER, _NUMBER_WORDS.get(lower, token.replace(",", "")), _NOTHING, ""
    if lower in WEEKDAYS or lower in _MONTHS:
        return _WORD_TOKEN, "", _DATE, lower
    if token[0].isupper() and is_adjectival(token):
        # "Syrian", "Lebanese": name-like, so they cannot carry a match alone.
        return _WORD_TOKEN, "", _TERM, NAME_LIKE_TERM.of(lower)
    if len(lower) > 1 and lower not in _STOP:
        return _WORD_TOKEN, "", _TERM, content_term(lower)
    return _WORD_TOKEN, "", _NOTHING, ""


@lru_cache(maxsize=1 << 17)
def _clause_term(token: str) -> str | None:
    """What a token adds to its clause in `sentence_terms`: a term, "" for nothing (a
    term is never empty), None for a break between clauses. `_token`'s answer read
    once per token, not once per time a sentence holds it."""
    if token in _ORDINAL_ENDINGS:
        return ""  # "11th" is read as 11 and "th": the ending is no word
    # A web domain is the only token with a dot that ends in a letter.
    kind, value, part, term = _token(token, "." in token and token[-1].isalpha())
    if kind == _WORD_TOKEN:
        return term if part == _TERM else ""
    if kind == _NUMBER:
        # "23 pirates" in both: evidence they say one thing.
        return "" if _YEAR.fullmatch(value) else NUMBER_TERM.of(value)
    if kind == _DOMAIN:
        return term
    return None if kind == _SPLIT else ""


# A clock time ("9:27 a.m.") and a month's day ("March 14", "Feb. 17th"): numbers that
# say when, not how many; no term (the details read them: `quantities`), so "March 14"
# never matches "14 people".
_WHEN_NUMBER = re.compile(
    r"\b\d{1,2}:\d{2}\b"
    r"|(?P<month>\b(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|january|february|march"
    r"|april|may|june|july|august|september|october|november|december)\.?\s+)"
    r"\d{1,2}(?:st|nd|rd|th)?\b(?![,.]?\d)",
    re.IGNORECASE,
)


_DIGIT = re.compile(r"\d")


def _tokens_of(text: str, start: int, end: int) -> list[str]:
    """`_TOKENS` of `text[start:end]`, clock times and days of a month left out."""
    piece = text[start:end]
    if _DIGIT.search(piece):
        piece = _WHEN_NUMBER.sub(lambda m: m["month"] or " ", piece)
    return _TOKENS.findall(piece)


def sentence_terms(
    report: Report,
    paragraph: Paragraph,
    sentence: Sentence,
    mentions: Sequence[Mention],
    *,
    details: bool = True,
) -> SentenceTerms:
    """The sentence's terms, and (`details`) the values it states (else None: they are
    needed only for the sentences some fact holds, and `with_details` reads them)."""
    clauses: list[list[str]] = [[]]
    segments: list[tuple[str, str]] = []
    for start, end, entity in _pieces(paragraph, sentence.start, sentence.end, mentions):
        segments.append((report.text[start:end], entity))
        if entity:
            clauses[-1].append(ENTITY_TERM.of(entity))
            continue
        for term in map(_clause_term, _tokens_of(report.text, start, end)):
            if term:
                clauses[-1].append(term)
            elif term is None and clauses[-1]:
                clauses.append([])
    return SentenceTerms(
        sentence=sentence,
        report=report.id,
        paragraph=paragraph.id,
        clauses=tuple(tuple(c) for c in clauses if c),
        details=sentence_details(segments) if details else None,
    )


def term_words(
    report: Report, paragraph: Paragraph, sentence: Sentence, mentions: Sequence[Mention]
) -> Iterator[tuple[str, str, bool]]:
    """Each term of the sentence, as `sentence_terms` makes it (the same tokens, the same
    `_token`), with the text it was made of, in text order: (term, text, whether it is the
    sentence's first word). A word's text is as written, without a possessive ending or
    stray quotes ("Assad's" -> "Assad"); a mention's is its text. What a match is shown
    as (`tui.query.why`): never a bare stem."""
    first = True
    for start, end, entity in _pieces(paragraph, sentence.start, sentence.end, mentions):
        if entity:
            yield ENTITY_TERM.of(entity), report.text[start:end], first
            first = False
            continue
        for token in _tokens_of(report.text, start, end):
            kind, value, part, term = _token(token, "." in token and token[-1].isalpha())
            if part == _TERM:
                yield term, _written(token), first
            elif kind == _NUMBER and not _YEAR.fullmatch(value):
                yield NUMBER_TERM.of(value), token, first
            if kind in (_WORD_TOKEN, _DOMAIN, _NUMBER):
                first = False


def _written(token: str) -> str:
    """A word as written, without possessive or contraction endings and stray quotes
    (`_bare`, keeping its case)."""
    word = token.strip("'’")
    if word[-2:].lower() in ("'s", "’s"):
        word = word[:-2]
    return word


def with_details(
    item: SentenceTerms, report: Report, paragraph: Paragraph, mentions: Sequence[Mention]
) -> SentenceTerms:
    """`item` (made by `sentence_terms` without details) with the values its sentence
    states."""
    sentence = item.sentence
    segments = [
        (report.text[start:end], entity)
        for start, end, entity in _pieces(paragraph, sentence.start, sentence.end, mentions)
    ]
    return replace(item, details=sentence_details(segments))


@lru_cache(maxsize=1 << 18)
def bag_term(token: str) -> str:
    """What a token counts as in a bag of terms: its matching term (as in
    `sentence_terms`), `#:value` for a number, `T:word` for a weekday or month, "" for
    a stop word or punctuation. Cached, and called through `map`: a bag of a whole
    report's words is counted without a Python loop over them."""
    if "." in token and token[-1].isalpha():  # a web domain: a dot, and no number
        return NAME_LIKE_TERM.of(token.lower())
    kind, value, part, term = _token(token, False)
    if kind == _NUMBER:
        return NUMBER_TERM.of(value)
    if part == _DATE:
        return DATE_TERM.of(term)
    return term if part == _TERM else ""


class TermBag:
    """Terms counted over stretches of text, without clauses or order: quicker than
    `sentence_terms` for whole reports (see `bag_term`)."""

    def __init__(self) -> None:
        self._tokens: list[str] = []
        self._entities: list[str] = []

    def add(
        self,
        report: Report,
        paragraph: Paragraph,
        start: int,
        end: int,
        mentions: Sequence[Mention],
        times: int = 1,
    ) -> None:
        """Count `report.text[start:end]` (within the paragraph) in, `times` times."""
        for s, e, entity in _pieces(paragraph, start, end, mentions):
            if entity:
                self._entities.extend([ENTITY_TERM.of(entity)] * times)
            else:
                self._tokens.extend(_TOKENS.findall(report.text, s, e) * times)

    def counted(self) -> Counter[str]:
        """Each term with how often it came ("" for all that counts as nothing)."""
        counts = Counter(map(bag_term, self._tokens))
        counts.update(self._entities)
        return counts
