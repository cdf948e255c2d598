"""What a sentence states that reports can disagree on: counts, measures, times, dates.

`sentence_details` reads a sentence (its text between entity mentions) into `Detail`s:
"Three people were injured" is `injured` = 3, "a 4.4-magnitude temblor" is `magnitude` =
4.4, "$1.2 million" is an `amount`, "at 2:09 a.m." a `time`, "on Tuesday" a `date`. Each
is labelled in words of the sentence (never a stem) and keyed by what it counts or
measures, so only like is compared with like. A number that is part of a date, a time,
an ordinal, a score, a web address or a name ("Highway 175", "No. 5") is no count, and
an age or a count attached to a named person or organisation is compared only with
those of the same one (the ages of two defendants are no discrepancy).

`discrepancies` compares the details of a fact's sentences, report by report: two
reports disagree on a key when nothing either says of it agrees with what the other
says ("at least 70" agrees with 74, "dozens" with 30, "about 150" with 160; "at least
3" and "at least 10" disagree). The rules are general; the lexicon is of units and
measures only.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from tui.analysis.entities.extract import is_adjectival
from tui.model.facts import Discrepancy
from tui.model.pickling import compact_pickle

INFINITY = math.inf


@compact_pickle
@dataclass(frozen=True, slots=True)
class Detail:
    """One thing a sentence states with a value: "injured" = at least 3."""

    kind: str  # number (a count), quantity (a measure, an amount), time, date
    key: str  # what is counted or measured: details are compared only on one key
    label: str  # the key in words of the sentence: "injured", "distance from Cobb"
    low: float  # the values the wording allows, low..high ("at least 3": 3..inf)
    high: float
    bound: str  # "", "at least", "at most", "about": how the wording qualified it
    shown: str  # the value as the sentence gives it: "at least 3", "$1.2 million"
    participants: frozenset[str] = frozenset()  # whose it is (entity ids), if anyone's
    # For a date, a time or a distance: the words around it ("charged ... Saturday"), as
    # prefixes; two such details are compared only when these share a word.
    context: frozenset[str] = frozenset()


# ------------------------------------------------------------------- the lexicon

_UNITS_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
_SMALL = {word: float(n) for n, word in enumerate(_UNITS_WORDS)}
_TENS = {
    word: float(10 * n)
    for n, word in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)
}
_SCALES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "m": 1e6, "mn": 1e6, "bn": 1e9, "k": 1e3,
}  # fmt: skip
# Vague counts: the range a reader takes them to mean.
_VAGUE = {
    "dozens": (24.0, 99.0), "scores": (40.0, 99.0), "hundreds": (200.0, 999.0),
    "thousands": (2e3, 9999.0), "millions": (2e6, 999e6), "billions": (2e9, 999e9),
}  # fmt: skip
_QUALIFIERS = {
    ("at", "least"): "at least", ("more", "than"): "at least", ("over",): "at least",
    ("upwards", "of"): "at least", ("at", "most"): "at most", ("up", "to"): "at most",
    ("less", "than"): "at most", ("fewer", "than"): "at most", ("under",): "at most",
    ("nearly",): "at most", ("almost",): "at most", ("about",): "about",
    ("around",): "about", ("some",): "about", ("approximately",): "about",
    ("roughly",): "about", ("an", "estimated"): "about", ("estimated",): "about",
}  # fmt: skip
# The qualifiers by their last word, in the order above.
_QUALIFIERS_ENDING: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _words, _bound in _QUALIFIERS.items():
    _QUALIFIERS_ENDING.setdefault(_words[-1], []).append((_words, _bound))
_CURRENCY_SIGNS = {"$": "$", "€": "€", "£": "£", "¥": "¥"}
_CURRENCY_WORDS = {
    "dollar": "$", "dollars": "$", "euro": "€", "euros": "€", "pound": "£", "pounds": "£",
    "sterling": "£", "yen": "¥", "yuan": "yuan", "rupees": "rupees", "francs": "francs",
}  # fmt: skip
# Units of measure -> what they measure.
_MEASURES = {
    "mile": "distance", "miles": "distance", "km": "distance", "kilometre": "distance",
    "kilometres": "distance", "kilometer": "distance", "kilometers": "distance",
    "metre": "distance", "metres": "distance", "meter": "distance", "meters": "distance",
    "feet": "distance", "foot": "distance", "ft": "distance", "yards": "distance",
    "inches": "distance", "kg": "weight", "kilograms": "weight", "kilos": "weight",
    "tons": "weight", "tonnes": "weight", "lbs": "weight", "mph": "speed", "km/h": "speed",
    "knots": "speed", "acres": "area", "hectares": "area", "gallons": "volume",
    "litres": "volume", "liters": "volume", "barrels": "volume", "degrees": "temperature",
    "caliber": "caliber", "calibre": "caliber",
}  # fmt: skip
# "12 miles deep": the measure named after the unit.
_MEASURE_ADJECTIVES = {
    "deep": "depth", "long": "length", "high": "height", "tall": "height", "wide": "width",
}  # fmt: skip
_DURATIONS = {
    "second": "seconds", "minute": "minutes", "hour": "hours", "day": "days",
    "week": "weeks", "month": "months", "year": "years", "decade": "decades",
}  # fmt: skip
_RELATIVE = frozenset("ago earlier later before after since old".split())
_SEISMIC = frozenset("quake quakes earthquake earthquakes temblor tremor aftershock shock".split())
_DIRECTIONS = frozenset(
    "north south east west northeast northwest southeast southwest about some".split()
)
_PERCENT = frozenset({"%", "percent", "pct"})
# Words for "everyone" that say nothing of what is counted: "three people were injured"
# counts the injured.
_GENERIC = frozenset("people persons person others individuals".split())
_PREDICATE_WORDS = frozenset("dead died hurt missing injured killed wounded homeless".split())
_AUXILIARIES = frozenset("were was are is been being have has had reportedly".split())
_SPEECH = frozenset("said says say told tells reported reports announced stated".split())
_FUNCTION = frozenset(
    """a an the of to in on at by for from with and or but as than that this these those
    which who whom whose was were is are be been being has have had will would could
    should may might can it its their his her our your they them he she we i you more
    after before when then while since during until also just only still very
    most less least other others such per each every all both any some no not""".split()
)

_WEEKDAYS = {
    day: n
    for n, day in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())
}
_MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()
_MONTHS = {name.lower(): n for n, name in enumerate(_MONTH_NAMES, 1)}
_MONTHS.update({name[:3].lower(): n for n, name in enumerate(_MONTH_NAMES, 1)})
_MONTHS["sept"] = 9

# ------------------------------------------------------------- times and dates

_MERIDIEM = r"(?P<mer>[ap])\.?\s?m\b\.?"
_TIME = re.compile(
    rf"\b(?P<h>[01]?\d|2[0-3])(?:[:.](?P<m>[0-5]\d))?\s*{_MERIDIEM}"
    r"|\b(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?![\d:])"
    r"|\b(?P<hhmm>[01]\d|2[0-3])(?P<mm>[0-5]\d)\s*(?P<zone0>GMT|UTC)\b",
    re.IGNORECASE,
)
_ZONE = re.compile(r"\s*\(?(?P<zone>GMT|UTC|[A-Z][DS]?T|local time)\b")
_MONTH_WORD = r"(?P<{}>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?" \
    r"|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"  # fmt: skip
_DATE = re.compile(
    rf"\b{_MONTH_WORD.format('m1')}\b\.?\s*(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\b(?!:)"
    rf"|\b(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_WORD.format('m2')}\b\.?"
    r"|\b(?P<weekday>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b"
    r"|\b(?P<month>January|February|March|April|June|July|August|September|October"
    r"|November|December)\b"
    r"|\b(?P<year>(?:19|20)\d\d)\b(?![.,]?\d)"
)
_ABOUT_BEFORE = re.compile(r"\b(?:about|around|approximately|roughly|some)\s+$", re.IGNORECASE)
_SAID_BEFORE = re.compile(r"\b(?:said|says|told|announced|reported|stated)\s+(?:on\s+)?$")
_URL = re.compile(r"https?://\S+|www\.\S+|\S+\.(?:com|org|net|html?)\S*")


def _clock(hour: int, minute: int, meridiem: str) -> tuple[int, str]:
    """Minutes after midnight, and the time as people write it ("2:09 a.m.")."""
    if meridiem:
        hour24 = hour % 12 + (12 if meridiem == "p" else 0)
        return hour24 * 60 + minute, f"{hour}:{minute:02d} {meridiem}.m."
    return hour * 60 + minute, f"{hour:02d}:{minute:02d}"


# A time or a date converted to another zone, in brackets after the one the report
# gives: "6:41pm PST this evening (0241 GMT Friday)".
_CONVERTED = re.compile(
    r"\([^()]{0,40}?\b(?:GMT|UTC|[ECMP][SD]?T|local time)\b[^()]{0,40}\)", re.IGNORECASE
)
# A clock time on a 12-hour clock with no "a.m." or "p.m.": "at 6:41 last night" may be
# 18:41 (the value is the morning's; `_agree` compares it both ways).
TWELVE_HOUR = "12-hour"


def _times_and_dates(text: str) -> Iterator[tuple[int, int, Detail | None]]:
    """Times and dates in `text`: (start, end, the detail), None where a date or year is
    no detail to compare (it still is no count), as are those converted to another zone
    in brackets after the one given (`_CONVERTED`)."""
    converted = [m.span() for m in _CONVERTED.finditer(text)] if "(" in text else []

    def inside(match: re.Match[str]) -> bool:
        return any(s <= match.start() and match.end() <= e for s, e in converted)

    for match in _TIME.finditer(text):
        if inside(match):
            yield match.start(), match.end(), None
            continue
        zone = ""
        if match["hhmm"]:
            minutes, shown = _clock(int(match["hhmm"]), int(match["mm"]), "")
            zone = match["zone0"].upper()
        else:
            hour = int(match["h"] or match["h24"])
            meridiem = (match["mer"] or "").lower()
            if meridiem and not 1 <= hour <= 12:
                continue
            minutes, shown = _clock(hour, int(match["m"] or match["m24"] or 0), meridiem)
            after = _ZONE.match(text, match.end())
            if after:
                zone = after["zone"]
        key = f"time {zone}" if zone else "time"
        if zone:
            shown = f"{shown} {zone}"
        low = high = float(minutes)
        bound = ""
        if match["h24"] and not match["h24"].startswith("0") and 1 <= int(match["h24"]) <= 12:
            bound, shown = TWELVE_HOUR, shown.lstrip("0")
        if _ABOUT_BEFORE.search(text, 0, match.start()):  # "at about 8.40am": give or take
            low, high, bound, shown = low - 5, high + 5, "about", f"about {shown}"
        yield match.start(), match.end(), Detail("time", key, "time", low, high, bound, shown)
    for match in _DATE.finditer(text):
        if inside(match):
            yield match.start(), match.end(), None
            continue
        said = _SAID_BEFORE.search(text, 0, match.start()) is not None
        if match["m1"] or match["m2"]:
            month = _MONTHS[(match["m1"] or match["m2"]).lower()[:3]]
            day = int(match["d1"] or match["d2"])
            if not 1 <= day <= 31:
                continue
            value = month * 100 + day
            shown = f"{_MONTH_NAMES[month - 1]} {day}"
            detail = Detail("date", "date", "date", value, value, "", shown)
        elif match["weekday"]:
            name = match["weekday"]
            value = _WEEKDAYS[name.lower()]
            detail = Detail("date", "weekday", "date", value, value, "", name.capitalize())
        elif match["month"]:
            name = match["month"]
            value = _MONTHS[name.lower()]
            detail = Detail("date", "month", "date", value, value, "", name)
        else:
            detail = None  # a year: a date, so no count, but mostly of the background
        yield match.start(), match.end(), None if said else detail


def states_a_time(text: str) -> bool:
    """Whether `text` gives a time or a date (not only a year) that `sentence_details`
    may read: a cheap test before reading them."""
    if not _MAY_TIME.search(text):
        return False
    return any(detail is not None for _, _, detail in _times_and_dates(text))


# What every time or date `_times_and_dates` reads holds: a digit, a weekday, a month.
_MAY_TIME = re.compile(
    r"\d|day\b|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)", re.IGNORECASE
)


# ------------------------------------------------------------------ the tokens


def _token_pattern() -> re.Pattern[str]:
    """Tokens: a number, a word, a mixed run, a punctuation mark. A hyphenated word is
    one word ("co-workers", not "co" and "workers"), unless a number word opens it
    ("eight-year": eight, then year) or follows the hyphen ("three workers-two women
    and a man-were killed": a dash typed as a hyphen)."""
    numbers = {*_SMALL, *_TENS, *_SCALES, *_VAGUE, "dozen", "dozens"}
    opening = "|".join(sorted(map(re.escape, numbers), key=len, reverse=True))
    return re.compile(
        r"(?P<num>(?<![\w.])\d+(?:[.,]\d+)*)(?:(?P<ord>st|nd|rd|th)?(?![\w])|(?=(?:bn|mn|m|k)\b))"
        rf"|(?P<word>(?!(?i:{opening})-)[^\W\d_]+(?:['’][^\W\d_]+)?"
        rf"(?:-(?!(?i:{opening})\b)[^\W\d_]+)*"
        r"|[^\W\d_]+(?:['’][^\W\d_]+)?)"
        r"|(?P<mixed>\w+)"
        r"|(?P<punct>\S)"
    )


_TOKEN = _token_pattern()
# `_TOKEN` without its number-word checks around hyphens: the same tokens for a text
# with no hyphenated word that a number word opens or continues (`_token_matches`), and
# a quarter of the time (those checks run at every word).
_PLAIN_TOKEN = re.compile(
    r"(?P<num>(?<![\w.])\d+(?:[.,]\d+)*)(?:(?P<ord>st|nd|rd|th)?(?![\w])|(?=(?:bn|mn|m|k)\b))"
    r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)?(?:-[^\W\d_]+)*)"
    r"|(?P<mixed>\w+)"
    r"|(?P<punct>\S)"
)
_HYPHEN_NUMBERS = frozenset({*_SMALL, *_TENS, *_SCALES, *_VAGUE, "dozen", "dozens"})


def _token_matches(text: str) -> Iterable[re.Match[str]]:
    """`_TOKEN`'s matches in `text`, found by `_PLAIN_TOKEN` unless a hyphenated word
    has a number word for a piece ("eight-year", "workers-two"): only there can the two
    differ."""
    if "-" not in text:
        return _PLAIN_TOKEN.finditer(text)
    matches = list(_PLAIN_TOKEN.finditer(text))
    for match in matches:
        word = match["word"]
        if (
            word
            and "-" in word
            and any(piece.lower() in _HYPHEN_NUMBERS for piece in word.split("-"))
        ):
            return _TOKEN.finditer(text)
    return matches


@dataclass(slots=True)
class _Token:
    kind: str  # num, ord, word, punct, name (an entity mention), used (a time, a date)
    text: str
    entity: str = ""
    lower: str = ""  # `text` in lower case (made once: it is read again and again)


def _tokens(segments: Sequence[tuple[str, str]], found: list[Detail]) -> list[_Token]:
    """The sentence's tokens; times and dates go into `found` (with the words around
    them) and stay as "used". They are found in the whole text: a mention may end one
    ("02:45 PM", where "PM" was taken for a name)."""
    whole = "".join(text for text, _ in segments)
    spans = [(m.start(), m.end()) for m in _URL.finditer(whole)]
    details: list[tuple[int, int, Detail]] = []
    for start, end, detail in _times_and_dates(whole):
        if not any(s < end and start < e for s, e in spans):
            spans.append((start, end))
            if detail is not None:
                details.append((start, end, detail))

    def used(start: int, end: int) -> bool:
        return bool(spans) and any(s < end and start < e for s, e in spans)

    tokens: list[_Token] = []
    starts: list[int] = []  # where each token starts in `whole`
    offset = 0
    for text, entity in segments:
        if entity:
            starts.append(offset)
            kind = "used" if used(offset, offset + len(text)) else "name"
            tokens.append(_Token(kind, text, entity, text.lower()))
        else:
            for match in _token_matches(text):
                start = offset + match.start()
                starts.append(start)
                text_of = match.group()
                # The group that matched last names the kind: "ord" after "num" in "5th".
                if spans and used(start, start + len(text_of)):
                    kind = "used"
                else:
                    kind = match.lastgroup or "punct"
                tokens.append(_Token(kind, text_of, "", text_of.lower()))
        offset += len(text)
    for start, end, detail in details:
        first, last = bisect_left(starts, start), bisect_left(starts, end)
        found.append(replace(detail, context=_context(tokens, first, last, 3)))
    return tokens


def _context(tokens: list[_Token], start: int, end: int, after: int) -> frozenset[str]:
    """The content words of the five tokens before `start` and `after` after `end`, cut
    to five letters ("charged" and "charges" meet). Not names: a place is named around
    every event of a story."""
    words = set()
    for token in (*tokens[max(0, start - 5) : start], *tokens[end : end + after]):
        if token.kind == "word" and len(token.text) > 2 and not token.text[0].isupper():
            word = token.lower
            if word.endswith("ly") or word in _FUNCTION or word in _SPEECH:
                continue  # "allegedly", "reportedly": said of anything
            if word not in _DIRECTIONS and word not in _SMALL:
                words.add(word[:5])
    return frozenset(words)


# ------------------------------------------------------------------ the numbers


def _number_at(tokens: list[_Token], i: int) -> tuple[float, float, int] | None:
    """The number starting at token i: (low, high, the index after it), or None."""
    if i >= len(tokens):
        return None  # "the 24-": the text ends where a range or score would go on
    token = tokens[i]
    lower = token.lower
    if token.kind == "num":
        digits = token.text.replace(",", "")
        if token.text.count(",") and not re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", token.text):
            return None  # "3,4": a list, not a number
        try:
            value = float(digits)
        except ValueError:
            return None
        low = high = value
        j = i + 1
    elif token.kind == "word" and lower in _VAGUE:
        low, high = _VAGUE[lower]
        j = i + 1
        if _word(tokens, j) == "of" and _word(tokens, j + 1) in _VAGUE:
            scale = _VAGUE[_word(tokens, j + 1)][0] / 2  # "tens of thousands"
            return low * scale, high * scale, j + 2
        return low, high, j
    elif token.kind == "word" and (lower in _SMALL or lower in _TENS or lower == "dozen"):
        value = _SMALL.get(lower, _TENS.get(lower, 12.0))
        j = i + 1
        if lower in _TENS and _word(tokens, j) == "-" and _word(tokens, j + 1) in _SMALL:
            value += _SMALL[_word(tokens, j + 1)]  # "twenty-six"
            j += 2
        low = high = value
    elif lower in ("a", "an") and _word(tokens, i + 1) in ("dozen", "hundred", "thousand"):
        value = 12.0 if _word(tokens, i + 1) == "dozen" else _SCALES[_word(tokens, i + 1)]
        low = high = value
        j = i + 2
    else:
        return None
    if [_word(tokens, k) for k in range(j, j + 3)] == ["and", "a", "half"]:
        low, high, j = low + 0.5, high + 0.5, j + 3  # "four and a half months"
    scale_word = _word(tokens, j)
    if scale_word in _SCALES and not (scale_word in ("m", "k") and tokens[j - 1].kind == "word"):
        factor = _SCALES[scale_word]
        low, high, j = low * factor, high * factor, j + 1
    return low, high, j


def _word(tokens: list[_Token], i: int) -> str:
    return tokens[i].lower if 0 <= i < len(tokens) and tokens[i].kind != "used" else ""


def _shown_number(tokens: list[_Token], start: int, end: int) -> str:
    """The number as written, number words as numerals ("three" -> "3")."""
    words = [t.text for t in tokens[start:end]]
    low = _number_at(tokens, start)
    if tokens[start].kind == "word" and low is not None and low[0] == low[1]:
        value = low[0]
        return f"{value:,.0f}" if value >= 10_000 else f"{value:g}"
    if tokens[start].kind == "word":
        return " ".join(words).lower()  # "dozens", "tens of thousands"
    shown = " ".join(words).replace(" - ", "-").replace(" , ", ",").replace(" . ", ".")
    return re.sub(r"(\d) (bn|mn|m|k)$", r"\1\2", shown)  # "5bn" as written


def _qualifier(tokens: list[_Token], i: int) -> tuple[str, int]:
    """The qualifier ending just before token i ("at least"), and where it starts."""
    for words, bound in _QUALIFIERS_ENDING.get(_word(tokens, i - 1), ()):
        start = i - len(words)
        if start >= 0 and tuple(_word(tokens, k) for k in range(start, i)) == words:
            return bound, start
    return "", i


def _entity_before(tokens: list[_Token], i: int, reach: int) -> _Token | None:
    """An entity mention within `reach` words before token i, not a speaker ("X said")."""
    for k in range(i - 1, max(-1, i - 1 - reach), -1):
        token = tokens[k]
        if token.kind == "punct" and token.text not in "$€£¥":
            return None
        if token.kind == "name":
            if _word(tokens, k + 1) in _SPEECH or _word(tokens, k - 1) == "to":
                return None
            return token
    return None


def _passive_label(tokens: list[_Token], j: int) -> tuple[str, int]:
    """A predicate after a count ("people [were] injured", "died"): the label, or ""."""
    k = j
    while _word(tokens, k) in _AUXILIARIES and k < j + 3:
        k += 1
    word = _word(tokens, k)
    if k >= len(tokens) or tokens[k].kind != "word":
        return "", j
    if word in _PREDICATE_WORDS or (word.endswith("ed") and len(word) > 4):
        return word, k + 1
    if k > j and not tokens[k].text[:1].isupper() and _participle(word):
        return word, k + 1  # "were shot", "were taken": a participle after "were"
    return "", j


def _participle(word: str) -> bool:
    """Whether a word after "were" may be a participle: a content word, not one in -ing
    ("were fleeing") nor an adverb ("were reportedly")."""
    return (
        len(word) >= 3
        and word not in _FUNCTION
        and word not in _SPEECH
        and not word.endswith(("ing", "ly"))
    )


def _verb_label(tokens: list[_Token], i: int) -> str:
    """A verb just before a count ("killing 10 people", "killed 10"), as a participle."""
    word = _word(tokens, i - 1)
    if tokens[i - 1].kind != "word" if i > 0 else True:
        return ""
    if word.endswith("ed") and len(word) > 4 and word not in _FUNCTION:
        return word
    stem = word[:-3]
    if word.endswith("ing") and len(stem) >= 3 and stem[-1] not in "aeioyvw":
        if stem[-1] == stem[-2] and stem[-1] != "l":
            return ""  # "hitting": no regular participle to make
        return stem + ("d" if stem.endswith("e") else "ed")
    if word.endswith("ing") and len(stem) >= 3 and stem.endswith("u"):
        return stem + "ed"  # "rescuing"
    return ""


def _verb_before(tokens: list[_Token], start: int) -> str:
    """The word that governs a count when written right before it ("shot three",
    "killing two", "allegedly killed two"), in lower case (a participle for one in
    -ing); "" when that is a function word, a word of speech, a name or no word."""
    k = start - 1
    while k > 0 and tokens[k].kind == "word" and tokens[k].lower.endswith("ly"):
        k -= 1  # "allegedly", "reportedly"
    if k < 0 or tokens[k].kind != "word" or tokens[k].text[:1].isupper():
        return ""
    word = tokens[k].lower
    if word in _FUNCTION or word in _SPEECH or word in _AUXILIARIES or len(word) < 3:
        return ""
    return _verb_label(tokens, k + 1) or word


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _starts(tokens: list[_Token], k: int) -> bool:
    """Whether token k begins the sentence (so its capital says nothing)."""
    return all(t.kind == "punct" for t in tokens[:k])


def _is_name_word(token: _Token) -> bool:
    return token.kind == "name" or (token.kind in ("word", "mixed") and token.text[:1].isupper())


def _count_or_measure(tokens: list[_Token], i: int) -> tuple[Detail, int] | None:
    """The detail a number starting at token i states, and the index after it."""
    parsed = _number_at(tokens, i)
    if parsed is None:
        return None
    low, high, j = parsed
    p = i
    currency = ""
    if p > 0 and tokens[p - 1].text in _CURRENCY_SIGNS:
        currency = _CURRENCY_SIGNS[tokens[p - 1].text]
        p -= 1
        if _word(tokens, p - 1) in ("us", "c", "a", "hk", "nz") and tokens[p - 1].text.isupper():
            currency = tokens[p - 1].text + currency  # "US$"
            p -= 1
    bound, start = _qualifier(tokens, p)
    if tokens[i].lower in _VAGUE:
        bound = bound or "about"
    before = tokens[start - 1] if start > 0 else None
    before2 = _word(tokens, start - 2)
    if before is not None:
        if before.kind in ("ord", "used", "mixed") or before.lower in (
            "no",
            "#",
            "number",
            "-",
            "/",
        ):
            return None
        if (
            _is_name_word(before)
            and not currency
            and before.lower not in _FUNCTION
            and not _starts(tokens, start - 1)
        ):
            return None  # "Highway 175", "Curve 8900", "Colts 31": a name or a score
        if before.text == "." and before2 == "no":
            return None
    nxt = _word(tokens, j)
    if nxt in ("-", "–", "/") and _number_at(tokens, j + 1) is not None:
        return None  # "31-24", "10-15", "24/7": a score or a range
    if nxt in _PERCENT or (nxt == "per" and _word(tokens, j + 1) == "cent"):
        return None
    if nxt == "of" and _word(tokens, j + 1) in ("the", "them", "those", "these", "us", "its"):
        return None  # "15 of them": a part of a count given elsewhere
    qualifier = " ".join(t.lower for t in tokens[start:p])
    number = _shown_number(tokens, i, j)
    shown = f"{qualifier} {number}" if qualifier else number
    if tokens[i].lower not in _VAGUE:
        low, high = _bounded(low, high, bound)
    hyphen = nxt == "-"
    after = _word(tokens, j + 1) if hyphen else nxt
    k = j + 2 if hyphen else j + 1  # the index after the unit word

    def made(kind: str, key: str, label: str, text: str, whose: frozenset[str] = frozenset()):
        return Detail(kind, key, label, low, high, bound, text, whose)

    # Money: "$1.2 million", "US$5bn", "5 million euros".
    if currency or (after in _CURRENCY_WORDS and not hyphen):
        unit = currency or _CURRENCY_WORDS[after]
        if currency:
            text = f"{qualifier} {currency}{number}" if qualifier else f"{currency}{number}"
        else:
            text = f"{shown} {tokens[j].text}"
        whose = _ids(_entity_before(tokens, start, 3))
        detail = Detail("quantity", f"amount {unit}", "amount", low, high, bound, text, whose)
        return detail, j if currency else k
    # Magnitudes: "magnitude 4.4", "a 4.4-magnitude quake", "4.6 on the Richter scale".
    richter = any(_word(tokens, m) == "richter" for m in range(j, min(j + 4, len(tokens))))
    decimal = tokens[i].kind == "num" and "." in tokens[i].text
    said_before = before.lower if before is not None else ""
    if (
        after == "magnitude"
        or said_before == "magnitude"
        or (said_before == "of" and before2 == "magnitude")
        or richter
        or (decimal and after in _SEISMIC)
    ):
        return made("quantity", "magnitude", "magnitude", shown), j
    # Ages: "15-year-old", "15 years old", "aged 15", "Smith, 15,".
    if after in ("year", "years") and (
        _word(tokens, k) == "old" or (_word(tokens, k) == "-" and _word(tokens, k + 1) == "old")
    ):
        end = k + (1 if _word(tokens, k) == "old" else 2)
        owner = tokens[end] if end < len(tokens) and tokens[end].kind == "name" else None
        return made("number", "age", "age", shown, _ids(owner)), end
    if before is not None and before.lower in ("aged", "age"):
        return made("number", "age", "age", shown, _ids(_entity_before(tokens, start - 1, 2))), j
    if (
        before is not None
        and before.text == ","
        and start >= 2
        and _is_name_word(tokens[start - 2])
        and (tokens[start - 2].kind == "name" or not _starts(tokens, start - 2))
        and high < 120
        and low == high
        and (j >= len(tokens) or tokens[j].text in (",", ")") or nxt == "and")
    ):
        name = tokens[start - 2]
        return made("number", "age", "age", shown, frozenset({name.entity or name.lower})), j
    # Units of measure: "14 miles north of Healdsburg", "a depth of 1.2 miles".
    if after in _MEASURES:
        return _measure(tokens, i, start, j, k, after, shown, low, high, bound)
    # Durations: "a 90-day stay", "for 10 years" (not "three years ago").
    unit = _DURATIONS.get(after, after if after in _DURATIONS.values() else "")
    if unit:
        if _word(tokens, k) in _RELATIVE:
            return None
        text = f"{shown} {unit if high != 1 else after.rstrip('s')}"
        return made("quantity", f"duration {unit}", "duration", text), k
    if hyphen:
        return None  # "two-tenths", "4-door": no count
    return _count(tokens, i, start, j, shown, low, high, bound)


def _bounded(low: float, high: float, bound: str) -> tuple[float, float]:
    if bound == "at least":
        return low, INFINITY
    if bound == "at most":
        return 0.0, high
    if bound == "about":
        return low * 0.9, high * 1.1
    return low, high


def _ids(token: _Token | None) -> frozenset[str]:
    return frozenset({token.entity}) if token is not None and token.entity else frozenset()


def _measure(
    tokens: list[_Token],
    i: int,
    start: int,
    j: int,
    k: int,
    unit: str,
    shown: str,
    low: float,
    high: float,
    bound: str,
) -> tuple[Detail, int]:
    dimension = _MEASURES[unit]
    text = f"{shown} {tokens[k - 1].text}"
    label = dimension
    participants: frozenset[str] = frozenset()
    after = _word(tokens, k)
    if after == "(":  # "two metres (6.6 feet) wide": the same measure in other units
        close = next((m for m in range(k, min(k + 6, len(tokens))) if tokens[m].text == ")"), k)
        after = _word(tokens, close + 1)
        k = close + 1 if close > k else k
    if after in _MEASURE_ADJECTIVES:
        label = _MEASURE_ADJECTIVES[after]
    elif (
        _word(tokens, start - 1) == "of" and tokens[start - 2].kind == "word"
        if start >= 2
        else False
    ):
        named = tokens[start - 2].lower
        if named not in _FUNCTION:
            label = named  # "a depth of 1.2 miles"
    if label == "distance":
        # "14 miles north-northeast of Healdsburg": the distance from a place.
        for m in range(k, min(k + 6, len(tokens))):
            if _word(tokens, m) in ("of", "from") and m + 1 < len(tokens):
                place = _place(tokens, m + 1)
                if place:
                    label = f"distance from {place[0]}"
                    participants = frozenset({place[1]})
                break
            if _word(tokens, m) in ("", ",", "and") or tokens[m].kind not in ("word", "punct"):
                break
    key = f"{label.split()[0] if label.startswith('distance') else label} {unit}"
    if participants:
        key += " " + min(participants)
    context = _context(tokens, start, start, 0) if label.startswith("distance") else frozenset()
    return Detail("quantity", key, label, low, high, bound, text, participants, context), k


def _place(tokens: list[_Token], k: int) -> tuple[str, str] | None:
    """The name starting at token k ("Santa Rosa", "The Geysers"): as written, and as an
    entity id or in lower case."""
    if k < len(tokens) and tokens[k].kind == "name":
        return tokens[k].text, tokens[k].entity
    words = []
    while k < len(tokens) and tokens[k].kind == "word" and tokens[k].text[:1].isupper():
        words.append(tokens[k].text)
        k += 1
    if k < len(tokens) and tokens[k].kind == "name":
        return " ".join([*words, tokens[k].text]), tokens[k].entity
    if not words:
        return None
    name = " ".join(words)
    return name, name.lower()


def _count(
    tokens: list[_Token],
    i: int,
    start: int,
    j: int,
    shown: str,
    low: float,
    high: float,
    bound: str,
) -> tuple[Detail, int] | None:
    """A count: "150 vehicles", "three people were injured", "killing at least 10"."""
    k = j
    if _word(tokens, k) == "of" and tokens[i].lower in _VAGUE:
        k += 1  # "hundreds of fighters"
    modifiers: list[_Token] = []
    head: _Token | None = None
    while k < len(tokens) and len(modifiers) < 3:
        token = tokens[k]
        word = token.lower
        if token.kind == "name" or (token.kind == "word" and token.text[:1].isupper()):
            if token.kind == "word" and is_adjectival(token.text) and not modifiers:
                k += 1  # "23 Somalian pirates"
                continue
            break
        if token.kind != "word" or word in _FUNCTION or word in _SPEECH:
            break
        if word in _PREDICATE_WORDS or word in _AUXILIARIES:
            break
        if (word.endswith("s") and not word.endswith("ss")) or low == high == 1:
            head = token
            k += 1
            break
        modifiers.append(token)
        k += 1
    if head is None and modifiers and not modifiers[-1].lower.endswith(("ed", "ing", "ly")):
        head = modifiers.pop()
    if head is not None and head.lower in _GENERIC:
        predicate, k = _passive_label(tokens, k)
        predicate = predicate or _verb_label(tokens, start)
        if not predicate:
            return None
        label, key = predicate, predicate
    elif head is not None:
        predicate, k = _passive_label(tokens, k)
        # "killed two co-workers" is "two co-workers were killed", not "shot three
        # co-workers": what is done to them is part of what is counted, either voice.
        predicate = predicate or _verb_before(tokens, start)
        label = head.lower if not predicate else f"{head.lower} {predicate}"
        key = f"{_singular(head.lower)} {predicate}".strip()
    else:
        predicate, k = _passive_label(tokens, j)
        predicate = predicate or _verb_label(tokens, start)
        if not predicate:
            return None
        label, key = predicate, predicate
    whose = _entity_before(tokens, start, 3)
    if whose is not None and _word(tokens, start - 1) in _PREDICATE_WORDS:
        whose = None
    detail = Detail("number", key, label, low, high, bound, shown, _ids(whose))
    return detail, max(k, j)


def _coordinated(tokens: list[_Token], i: int, first: Detail, found: list[Detail]) -> int:
    """The values listed after a measure's first ("magnitude 2.9 and 2.2"): of the same
    measure, added to `found`. The index after them."""
    while _word(tokens, i) in (",", "and", "or") and i + 1 < len(tokens):
        k = i + 1 if _word(tokens, i + 1) not in ("and", "or") else i + 2
        if k >= len(tokens) or tokens[k].kind != "num" or _word(tokens, k + 1).isalpha():
            break
        value = float(tokens[k].text.replace(",", ""))
        found.append(Detail(first.kind, first.key, first.label, value, value, "", tokens[k].text))
        i = k + 1
    return i


def _trigger() -> re.Pattern[str]:
    """What every sentence stating a value holds: a digit, a number word, a weekday or a
    month (most sentences hold none, and are read no further). Searched for in lower
    case (lower-casing first is quicker than a search ignoring case)."""
    words = {*_SMALL, *_TENS, *_SCALES, *_VAGUE, *_WEEKDAYS, *_MONTHS, "dozen"}
    alternatives = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    return re.compile(rf"\d|\b(?:{alternatives})\b")


_TRIGGER = _trigger()


def may_state_a_value(text: str) -> bool:
    """Whether `text` holds what every value holds (`_TRIGGER`): without it,
    `sentence_details` of its text finds nothing."""
    return _TRIGGER.search(text.lower()) is not None


def sentence_details(segments: Sequence[tuple[str, str]]) -> tuple[Detail, ...]:
    """What a sentence states with a value. `segments`: its visible text in order, as
    (text, "") stretches and (text, entity id) mentions."""
    if not any(_TRIGGER.search(text.lower()) for text, _ in segments):
        return ()
    found: list[Detail] = []
    tokens = _tokens(segments, found)
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.kind in ("num", "word") and (
            token.kind == "num" or _number_at(tokens, i) is not None
        ):
            if token.kind == "word" and token.lower == "one":
                i += 1  # "one" alone is mostly no count ("one day after", "one of")
                continue
            result = _count_or_measure(tokens, i)
            if result is not None:
                detail, after = result
                if detail.kind == "quantity" and _restated(tokens, i):
                    i = max(after, i + 1)  # "$US1 million ($1.52 million)": a conversion
                    continue
                found.append(detail)
                i = max(after, i + 1)
                if detail.key == "magnitude":
                    i = _coordinated(tokens, i, detail, found)
                continue
        i += 1
    if found and _RUNNING_TOTAL.search(" ".join(text for text, _ in segments)):
        found = [_in_all(detail) for detail in found]
    return tuple(found)


# A sentence giving a tally so far ("have confiscated a total of 31 magazines during the
# five operations", "bringing the death toll to 40"): its counts are of every event so
# far, compared only with other tallies, never with one event's.
_RUNNING_TOTAL = re.compile(
    r"\b(?:so far|thus far|to date|a total of|in total|in all|altogether|all told"
    r"|bringing the (?:\w+ )?(?:total|toll|tally))\b",
    re.IGNORECASE,
)


def _in_all(detail: Detail) -> Detail:
    if detail.kind not in ("number", "quantity") or detail.key == "magnitude":
        return detail
    return replace(detail, key=f"{detail.key} in all", label=f"{detail.label} in all")


def _restated(tokens: list[_Token], i: int) -> bool:
    """Whether the value at token i is in brackets right after another value: the same
    amount or measure converted ("$US1 million ($1.52 million)", "10 miles (16 km)"),
    not a second one to compare."""
    j = i - 1
    while j >= 0 and tokens[j].kind == "punct" and tokens[j].text in _CURRENCY_SIGNS:
        j -= 1
    if j < 1 or tokens[j].text != "(":
        return False
    before = tokens[j - 1]
    return before.kind in ("num", "mixed") or before.lower in _SCALES or before.lower in _MEASURES


# ---------------------------------------------------------------- the comparison


def _agree(a: Detail, b: Detail) -> bool:
    """Whether two statements of one key can both be true, as reports give them:
    two lower bounds ("at least 3", "at least 10") tell different tolls; a time on a
    12-hour clock without "a.m." or "p.m." is either."""
    if TWELVE_HOUR in (a.bound, b.bound):
        return (a.low - b.low) % 720 == 0
    if a.bound == b.bound and a.bound in ("at least", "at most"):
        return a.low == b.low and a.high == b.high
    return a.low <= b.high and b.low <= a.high


# Kinds whose values, read exactly and tenfold apart, are of two different things.
_COUNTED = frozenset({"number", "quantity"})
_TENFOLD = 10.0


def _apart_tenfold(a: Detail, b: Detail) -> bool:
    """Whether two exact values are more than tenfold apart: reports that disagree on a
    count or a measure give nearby figures ("3 injured" / "5 injured", "4.4" / "4.6");
    23 points and 2,117 points, 10 killed and 612 killed, are a game and a career, this
    quake and an earlier one. A bounded or vague value ("at least 70", "dozens") is
    compared as before: an early and a later toll can be far apart."""
    if a.bound or b.bound or a.low != a.high or b.low != b.high:
        return False
    small, large = sorted((abs(a.low), abs(b.low)))
    return large > _TENFOLD * small


def _comparable(a: Detail, b: Detail) -> bool:
    """Whether two details are of one thing: never those of two different participants,
    an age only of one named person, a date or time only said of the same thing."""
    if a.key in _PERSONAL:
        return bool(a.participants) and a.participants == b.participants
    if a.context and b.context and not a.context & b.context:
        return False
    if a.kind in _COUNTED and _apart_tenfold(a, b):
        return False
    return a.participants == b.participants or not (a.participants and b.participants)


def discrepancies(
    statements: Iterable[tuple[str, Sequence[Detail]]],
    compared: Callable[[int, int], bool] | None = None,
) -> tuple[Discrepancy, ...]:
    """The keys on which a fact's reports disagree. `statements`: (report id, its
    sentence's details) for each sentence of the fact; `compared(i, j)`: whether the
    values of statements i and j are compared (default: all of them)."""
    by_key: dict[str, dict[str, list[tuple[int, Detail]]]] = defaultdict(lambda: defaultdict(list))
    for index, (report, details) in enumerate(statements):
        for detail in details:
            by_key[detail.key][report].append((index, detail))
    found: list[Discrepancy] = []
    for key in sorted(by_key):
        per_report = by_key[key]
        differing: list[Detail] = []
        reports = sorted(per_report)
        for n, a_report in enumerate(reports):
            for b_report in reports[n + 1 :]:
                pairs = [
                    (a, b)
                    for i, a in per_report[a_report]
                    for j, b in per_report[b_report]
                    if _comparable(a, b) and (compared is None or compared(i, j))
                ]
                if pairs and not any(_agree(a, b) for a, b in pairs):
                    differing.extend(d for pair in pairs for d in pair)
        if differing:
            found.append(_discrepancy(differing))
    return tuple(sorted(found, key=_order))


# Keys that belong to one person: never compared between unnamed ones.
_PERSONAL = frozenset({"age"})
_KIND_ORDER = {"number": 0, "quantity": 1, "time": 2, "date": 3}


def _order(found: Discrepancy) -> tuple[int, str]:
    return _KIND_ORDER.get(found.kind, 9), found.detail


def _discrepancy(details: Sequence[Detail]) -> Discrepancy:
    first = details[0]
    ranked = sorted(details, key=lambda d: (d.low, d.high, d.shown))
    # Values that agree are one value, given as the first of them: "about 2 miles" and
    # "2 miles" against "4 miles" are two values, not three.
    kept: list[Detail] = []
    for detail in ranked:
        if not any(_agree(detail, other) for other in kept):
            kept.append(detail)
    values = tuple(dict.fromkeys(d.shown for d in kept))
    label = min((d.label for d in details), key=lambda label: (len(label), label))
    return Discrepancy(first.kind, f"{label}: " + " vs ".join(values), label=label, values=values)
