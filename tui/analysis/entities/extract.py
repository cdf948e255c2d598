"""Finding name mentions in paragraphs, with evidence of what kind of thing each names.

A mention is a run of capitalised words (with the particles and connectors names use:
"Bashar al-Assad", "Syrian Observatory for Human Rights"), an acronym ("HTS") or a
particle name ("al-Qaeda"). Titles, possessives and hyphenated tails are trimmed off;
words that are capitalised only because they start a sentence are dropped unless the
corpus shows them as names elsewhere. The words around a mention vote for its type.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import pairwise

import tui.analysis.entities.lexicon as lx
from tui.ingest.text import visible_with_offsets
from tui.model.document import Paragraph, Report
from tui.model.pickling import compact_pickle

_TOKEN = re.compile(
    r"(?:[A-Z]\.(?: (?=[A-Z]\.))?){2,}|[^\W\d_](?:[\w'’\-]*\w)?|\d[\d.,:]*(?:[^\W\d_]\w*)?|\S"
)
_INITIALS = re.compile(r"(?<![\w.])(?:[a-z]\. ?){2,}")
_TEAM_NUMBER = re.compile(r"\d+ers$")
_INITIAL = re.compile(r"(?<![\w.])([a-z])\.(?= |$)")
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z]*(?![\w'’-])")
_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")
_PARTICLE_NAME = re.compile(r"^(?:al|el|ad|as|ash|an|ar|at|az|ibn|bin|abu)-[A-Z]")
_OPENERS = frozenset(".!?“\"‘'([:—–-•*")


@compact_pickle
@dataclass(slots=True)
class Candidate:
    """One mention found in a paragraph, before entities are merged."""

    report: str
    paragraph: str
    start: int  # offsets into report.text
    end: int
    surface: str
    tokens: tuple[str, ...]
    sentence_initial: bool  # a single word that starts a sentence
    votes: Counter[str] = field(default_factory=Counter)
    acronym_of: str | None = None  # "Name (ACR)": the name this acronym was defined for
    vstart: int = 0  # offsets into the paragraph's visible text
    vend: int = 0
    starts_sentence: bool = False
    headline: bool = False  # from a title-case line, where capitals say nothing
    side: bool = False  # a side in a line of results ("Sion 3 Servette 1")
    word_spans: tuple[tuple[int, int], ...] = ()  # offsets into report.text, per token

    def part(self, first: int, last: int) -> Candidate:
        """The mention made of tokens[first..last] alone."""
        start, end = self.word_spans[first][0], self.word_spans[last][1]
        return Candidate(
            report=self.report,
            paragraph=self.paragraph,
            start=start,
            end=end,
            surface=self.surface[start - self.start : end - self.start],
            tokens=self.tokens[first : last + 1],
            sentence_initial=False,
            votes=Counter(self.votes) if last == len(self.tokens) - 1 else Counter(),
            word_spans=self.word_spans[first : last + 1],
        )


@lru_cache(maxsize=1 << 16)
@lru_cache(maxsize=1 << 16)
def normalise(name: str) -> str:
    """The key two spellings must share to be the same form: case, accents, hyphens."""
    folded = name
    if not name.isascii():
        folded = unicodedata.normalize("NFKD", name)
        folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    folded = folded.lower().replace("’", "'").replace("-", " ")
    if "." in folded:
        # Initials however spaced are one word: "U.S.", "U. S." and "US" -> "us".
        folded = _INITIALS.sub(lambda m: m.group().replace(".", "").replace(" ", "") + " ", folded)
        # One initial inside a name: "James R. Dabney" and "James R Dabney" -> "james r dabney".
        folded = _INITIAL.sub(r"\1", folded)
    words = folded.split()
    if len(words) > 1 and words[-1].rstrip(".,") in _CORPORATE:
        words.pop()  # "Hewlett-Packard Co." is Hewlett-Packard
    return " ".join(words)


# The abbreviated legal forms a company's name may end with, and be the same name without.
_CORPORATE = frozenset("co corp inc ltd llc plc".split())


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "").replace(" ", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


@cache
def _place_prefixes() -> frozenset[str]:
    """The one-word places' names and their beginnings that miss at most three letters
    ("syri", "leban", "mexic"): what a demonym is made of. Not shorter ones: "Horton" is
    no demonym of Hortolândia."""
    prefixes: set[str] = set()
    for place in lx.place_names():
        if " " not in place:
            prefixes.update(place[:n] for n in range(max(4, len(place) - 3), len(place) + 1))
    return frozenset(prefixes)


_DEMONYM_SUFFIXES = ("ians", "ian", "ans", "an", "ese", "is", "i", "ish", "ns", "n", "s")
_PLURAL_ENDINGS = ("is", "s")


@lru_cache(maxsize=1 << 16)
def is_adjectival(word: str) -> bool:
    """Demonyms and -ist words ("Syrian", "Lebanese", "Israeli", "Islamist"). Cached: a
    corpus asks for the same capitalised words again and again."""
    lower = word.lower()
    if lower in lx.place_names():
        return False
    if lower in lx.IRREGULAR_ADJECTIVES:
        return True
    if lower in lx.given_names():
        return False  # "Martin" (not of Martinique), "Adrian", "Julian"
    if lower.endswith(("ist", "ists")) and len(lower) > 5:
        return True
    prefixes = _place_prefixes()
    for suffix in _DEMONYM_SUFFIXES:
        if lower.endswith(suffix):
            stem = lower[: -len(suffix)]
            if suffix in _PLURAL_ENDINGS:
                # "Israelis", "Texans": a demonym's plural; never a name that merely
                # starts like a place's ("Alexandros", "Stavros", "Scott Boras").
                if suffix == "s" and is_adjectival(word[:-1]):
                    return True
                continue
            # "Syrian" -> "syria", "Lebanese" -> "leban(on)", "Israeli" -> "israel"
            places = lx.place_names()
            if suffix == "n" and stem not in places and stem + "s" not in places:
                continue  # "Kenyan", "Texan"; not "Putin" (Putian), "Green", "Patton"
            if suffix in ("an", "ian") and not _place_less_a_letter(stem, places):
                continue  # "Syrian", "Canadian", "Iranian"; not "Florian" (Florida)
            if len(stem) >= 4 and (stem in prefixes or (stem[:-1] in prefixes and len(stem) > 5)):
                return True
    return False


def _place_less_a_letter(stem: str, places: frozenset[str]) -> bool:
    """Whether a one-word place is the stem or the stem and one more letter ("syri" +
    "a", "canad" + "a", "iran"): what "-an" and "-ian" demonyms drop of their place."""
    return stem in places or any(stem + letter in places for letter in _LAST_LETTERS)


_LAST_LETTERS = "aeiouy"


@lru_cache(maxsize=1 << 12)
def demonym_country(word: str) -> str | None:
    """The country (lower case, as `lexicon.capitals` names it) a demonym is of:
    "Syrian" -> "syria", "Ukrainian" -> "ukraine", "British" -> "united kingdom"; None
    when it is none, or of several ("Korean")."""
    lower = word.lower()
    countries = lx.capitals()
    if lower in lx.IRREGULAR_DEMONYMS:
        country = lx.IRREGULAR_DEMONYMS[lower]
        return country if country in countries else None
    # The longest stem first: "Nigerian" is "nigeri-an" (Nigeria), not "niger-ian".
    for suffix in sorted(_DEMONYM_SUFFIXES, key=len):
        if not lower.endswith(suffix) or suffix in _PLURAL_ENDINGS:
            continue
        stem = lower[: -len(suffix)]
        if len(stem) < 4:
            continue
        found = {
            c
            for c in countries
            if " " not in c
            and len(stem) >= len(c) - 3
            and (c.startswith(stem) or (len(stem) > 5 and c.startswith(stem[:-1])))
        }
        if found:
            return found.pop() if len(found) == 1 else None
    return None


@dataclass(slots=True)
class _Token:
    text: str
    start: int  # offsets into the visible text
    end: int
    word: bool
    cap: bool
    acronym: bool
    particle_name: bool
    breaks_after: bool  # possessive or hyphenated tail: the name ends here
    hyphen_tail: str


def _tokens(visible: str) -> list[_Token]:
    # The hot loop of entity extraction: cheap tests first, regexes only where needed.
    tokens: list[_Token] = []
    append = tokens.append
    for match in _TOKEN.finditer(visible):
        text = match.group()
        start, end = match.span()
        first = text[0]
        if not first.isalpha():
            # "Philadelphia 76ers", "San Francisco 49ers": a team's number-word goes on
            # the name before it (and never starts one).
            team = (
                text.endswith("ers")
                and _TEAM_NUMBER.match(text) is not None
                and bool(tokens)
                and tokens[-1].cap
                and tokens[-1].end + 1 == start
            )
            append(_Token(text, start, end, team, team, False, False, False, ""))
            continue
        cap = first.isupper() and (len(text) > 4 or text.lower() not in lx.TIME_WORDS)
        breaks = False
        tail = ""
        if "-" in text and cap:
            head, _, rest = text.partition("-")
            if rest[:1].islower() and _is_word_tail(rest, head):
                tail = rest
                text, end, breaks = head, start + len(head), True
        particle = not cap and "-" in text and bool(_PARTICLE_NAME.match(text))
        if (cap or particle) and len(text) > 3 and text[-1] in "s'’" and _POSSESSIVE.search(text):
            cut = 2 if text[-2] in "'’" else 1
            text, end, breaks = text[:-cut], end - cut, True
        acronym = cap and text[-1:].isupper() and _is_acronym(text) and text not in lx.NOT_ACRONYMS
        append(_Token(text, start, end, True, cap, acronym, particle, breaks, tail))
    return tokens


# Lower-case words after a hyphen that end a name ("Damascus-based", "Obama-era",
# "President-elect", "Hong Kong-style"): these, function words of three letters or more
# ("Gomes-who": a dash), and any in -ed or -ing or longer than six letters.
_WORD_TAILS = frozenset(
    """born run made built held hit style era like type wide free friendly proof
    only centric old bound grown owned elect men woman women day days year years list
    area scale class top term party sex member members trade deal deals""".split()
)


def _is_word_tail(tail: str, head: str = "") -> bool:
    """Whether `tail`, after "Name-", is an English word that ends the name ("-based",
    "-led", "-style"), not a syllable of it ("Kim Jong-un", "Lee Cheuk-yan", "Moon
    Jae-in": romanised Korean and Cantonese given names). After an acronym it always is
    ("NATO-member Turkey", "US-led")."""
    word = tail.split("-", 1)[0].lower()
    return (
        (len(head) > 1 and head.isupper())
        or word in _WORD_TAILS
        or word.endswith("ed")
        or (word.endswith("ing") and len(word) > 5)  # not "Yau Wai-ching"
        or len(word) > 6
        or (len(word) >= 3 and word in lx.FUNCTION_WORDS)
        or word in lx.CONTRACTIONS  # "Colts-don't": a dash written as a hyphen
    )


def _namey(token: _Token) -> bool:
    return token.cap or token.particle_name


def _joins(tokens: Sequence[_Token], i: int) -> bool:
    """Whether tokens[i] is a connector inside a name ("of", "al", "for" ... and the "&"
    of a firm's name: "Douglas & Lomason", "Procter & Gamble")."""
    token = tokens[i]
    if token.text == "&":
        return (
            0 < i < len(tokens) - 1
            and tokens[i - 1].cap
            and tokens[i + 1].cap
            and token.start == tokens[i - 1].end + 1
            and tokens[i + 1].start == token.end + 1
            and not _cited(tokens, i + 1)
        )
    if token.cap or not token.word or i + 1 >= len(tokens):
        return False
    lower = token.text.lower()
    nxt = tokens[i + 1]
    if not _namey(nxt) or nxt.start != token.end + 1:
        return False
    if nxt.text == "The":
        return False  # "Carl Bernstein for The Washington Post": two names
    if i > 0 and tokens[i - 1].acronym:
        return False  # "ABC for Oscar night", "CNN of Atlanta": an acronym ends its name
    if lower in lx.ENGLISH_PARTICLES:
        return False
    return lower in lx.NAME_PARTICLES or lower in lx.INNER_CONNECTORS


def _and_in_name(tokens: Sequence[_Token], first: int, i: int) -> bool:
    """Whether the "and" at tokens[i] is inside a body's name: the words after it end on
    an organisation's word, and the run before it, no whole name itself, follows "the"
    ("the Food and Drug Administration", "the United Nations Relief and Works Agency",
    "the Department of Health and Human Services"; not "Israel and Egypt", "Major
    League Baseball and General Motors", "Google and Apple Inc")."""
    n = len(tokens)
    if tokens[i].text != "and" or i + 2 >= n:
        return False
    j = i + 1
    if not (_namey(tokens[j]) and tokens[j].start == tokens[i].end + 1):
        return False
    while (
        j + 1 < n
        and not tokens[j].breaks_after
        and _namey(tokens[j + 1])
        and tokens[j + 1].start == tokens[j].end + 1
    ):
        j += 1
    after = [t.text.lower() for t in tokens[i + 1 : j + 1]]
    if len(after) < 2 or after[-1] not in lx.ORG_WORDS:
        return False
    before = [t.text.lower() for t in tokens[first:i] if t.word]
    if before and before[0] == "the":
        before = before[1:]
        led = True
    else:
        led = first > 0 and tokens[first - 1].text.lower() == "the"
    if not before or before[-1] in lx.ORG_WORDS or tokens[i - 1].breaks_after:
        return False
    places = lx.place_names()
    if _is_place_word(before[-1], places) or _is_place_word(after[0], places):
        return False  # "the U.S. and European Union", "University of California and
        # Columbia University": two names, a place's at the seam
    return led


def _is_place_word(word: str, places: frozenset[str]) -> bool:
    return word in places or word.replace(".", "").upper() in lx.PLACE_ACRONYMS


_YEAR_CITED = re.compile(r"(?:1[5-9]|20)\d\d[a-z]?")


def _cited(tokens: Sequence[_Token], i: int) -> bool:
    """Whether the name that starts at tokens[i] is followed by a year or a reference
    number, as authors are cited ("(Baron & Beresford, 2014)", "Carrano & Biewener [7]"):
    two people, not a firm."""
    n = len(tokens)
    while i + 1 < n and tokens[i + 1].cap and tokens[i + 1].start == tokens[i].end + 1:
        i += 1
    k = i + 1
    if k < n and tokens[k].text == ",":
        k += 1
    return k < n and (tokens[k].text == "[" or _YEAR_CITED.fullmatch(tokens[k].text) is not None)


def _initial_inside(tokens: Sequence[_Token], first: int, last: int) -> bool:
    """Whether tokens[last] is an initial with its period inside a person's name, so that
    the run goes on past the period: a middle initial after a first name ("Judge James
    R. Dabney", "Frederick C. LaRue") or a leading one before a first name ("W. Mark
    Felt") or, where no word leads it, before a surname ("(A. Dale 69"). Otherwise only
    next to a known first name: "Plan B. Officials said" is a sentence end."""
    initial = tokens[last]
    if not (len(initial.text) == 1 and initial.cap) or last + 2 >= len(tokens):
        return False
    dot, after = tokens[last + 1], tokens[last + 2]
    if dot.text != "." or dot.start != initial.end or after.start != dot.end + 1:
        return False
    if not after.cap or after.acronym or after.text.lower() in lx.FUNCTION_WORDS:
        return False
    given = lx.given_names()
    if last == first:
        # Before a first name ("W. Mark Felt"), or before a surname where no word leads
        # the initial: a list's item or a line's start ("(A. Dale 69, H. Morris 69;",
        # "R. Kettleborough scored"), not "Plan B. Officials said".
        return after.text.lower() in given or (
            (first == 0 or not tokens[first - 1].word)
            and after.text.lower() not in lx.MONTHS_AND_DAYS
            and not is_title(after.text)
        )
    before = tokens[last - 1]  # inside the run: last > first
    return before.cap and before.text.lower() in given


def _initial_of_run(tokens: Sequence[_Token], first: int, last: int) -> bool:
    """Whether tokens[first] is an initial with its period inside the run ("A. Stewart
    not out 40"): no article "A", which a period never follows."""
    return (
        first + 1 < last
        and len(tokens[first].text) == 1
        and tokens[first].cap
        and tokens[first + 1].text == "."
        and tokens[first + 1].start == tokens[first].end
    )


def _breaks_run(token: _Token) -> bool:
    """A capitalised function word inside a run ends the name: title case ("Gary Ross Is
    Boss", "Carl Bernstein For The Post")."""
    return token.cap and not token.acronym and token.text.lower() in lx.RUN_BREAKERS


def _person_then_of(tokens: Sequence[_Token], first: int, i: int) -> bool:
    """ "Joyce LaRue of Jackson", "Vishwanand Subryan of Schenectady": a first name and a
    surname before "of" are a person, and what follows is where they are from (or the
    party or union they belong to: "of LSD")."""
    if tokens[i].text not in ("of", "for"):
        return False
    given = lx.given_names()
    if any(tokens[k].text.lower() in given for k in range(first, i - 1)):
        return True
    # Two or more plain name words (no organisation's or place's word: not "Royal Bank
    # of Scotland", "United States of America") and a known place after "of".
    head = [tokens[k].text.lower() for k in range(first, i)]
    if tokens[i].text != "of" or len(head) < 2 or not all(tokens[k].cap for k in range(first, i)):
        return False
    if any(
        w in lx.ORG_WORDS or w in lx.PLACE_LAST_WORDS or w in lx.PLACE_PLURALS or is_title(w)
        for w in head
    ):
        return False
    if i + 1 < len(tokens) and tokens[i + 1].acronym:
        return True  # "Leung Kwok-hung of LSD": a party's or a union's member
    places = lx.place_names()
    after = [t.text.lower() for t in tokens[i + 1 : i + 4] if t.word]
    return any(" ".join(after[:n]) in places for n in range(1, len(after) + 1))


def _is_sentence_start(tokens: Sequence[_Token], i: int) -> bool:
    """First word of a sentence, of a quote ("“Long live Syria”") or after a colon (or
    after a number that ends a sentence: "won 3-1. The")."""
    if i == 0:
        return True
    before = tokens[i - 1].text
    if before == "." and i > 1 and tokens[i - 2].text.lower() + "." in lx.PERSON_TITLES:
        return False  # "Gov. Sarah Palin", "Dr. Regina Benjamin": an abbreviated title
    return before in _OPENERS or (before[-1] == "." and before[0].isdigit())


def _opening_participle(word: str) -> bool:
    """A word in -ing that opens a sentence ("Describing", "Following"), unless a known
    first name or place ("Sterling", "Reading", "Beijing")."""
    lower = word.lower()
    return (
        len(lower) >= 7
        and lower.endswith("ing")
        and lower not in lx.given_names()
        and lower not in lx.place_names()
    )


def _skippable(word: str) -> bool:
    if _is_acronym(word) and len(word) <= 3:
        # "WHO", "IT": acronyms are names even when they spell a word; not "ABOUT" (of
        # "ABOUT A BOY"), a longer word in capitals
        return False
    lower = word.lower().rstrip(".")
    return lower in lx.FUNCTION_WORDS or lower in lx.MONTHS_AND_DAYS or lower in lx.CONTRACTIONS


def is_title(word: str) -> bool:
    """A title or a role, hyphenated ones too ("Secretary-General", "Co-Founder")."""
    lower = word.lower().rstrip(".")
    if word.lower() in lx.PERSON_TITLES or lower in lx.PERSON_TITLES or lower in lx.ROLE_WORDS:
        return True
    parts = lower.split("-")
    return len(parts) > 1 and all(
        p in lx.PERSON_TITLES or p in lx.ROLE_WORDS or p in ("co", "vice") for p in parts
    )


def _word_after(tokens: Sequence[_Token], i: int) -> str:
    return tokens[i].text.lower() if i < len(tokens) and tokens[i].word else ""


# The offices of a place, written after its name ("Sonoma County Sheriff").
_OFFICES = frozenset("sheriff mayor governor marshal coroner commissioner ranger".split())
# What a name in the place gazetteer (`lexicon.place_names`) gets for PLACE, each mention.
PLACE_NAME_VOTE = 3
# What a place's name gets for ORG where it names a side in a game: four times its
# gazetteer vote (`_vote`).
SIDE_VOTE = 4 * PLACE_NAME_VOTE
# A vote that the name is no person, and no more than that (`_vote`: "the Space
# Shuttle"): it never makes a kind, and no merge reads it (`merge._main_type`).
THING = "THING"
# A vote that a one-word name is a side in a line of results (`_mark_side`): an
# organisation unless anything else says what it is, or a longer name of it is a
# person's by default ("Romney" of "Obama 332 Romney 206" and "Mitt Romney").
SIDE = "SIDE"


def _vote(tokens: Sequence[_Token], first: int, last: int, name: Sequence[str]) -> Counter[str]:
    """Evidence from the words in and around tokens[first..last] for the name's type."""
    votes: Counter[str] = Counter()
    lower_name = " ".join(name).lower()
    if last - first > 1 and any(tokens[k].text == "&" for k in range(first + 1, last)):
        votes["ORG"] += 3  # "Douglas & Lomason", "Marks & Spencer": a firm
    if lower_name in lx.place_names():
        votes["PLACE"] += PLACE_NAME_VOTE
    if len(name) > 1 and name[-1].lower() in lx.FACILITY_LAST_WORDS:
        votes["PLACE"] += 3  # "Johnson Space Center", "Betty Ford Center": a site
    elif len(name) > 1 and name[-1].lower() in lx.BUSINESS_LAST_WORDS:
        votes["ORG"] += 3  # "Brick Oven Pizza": a business
    elif len(name) == 1 and name[0].lower() in lx.INSTITUTIONS:
        votes["ORG"] += 2  # "Congress", "the Senate", "Parliament": the institution
    elif lower_name not in lx.place_names() and (
        any(word.lower() in lx.ORG_WORDS for word in name[1:])
        or (len(name) > 1 and name[0].lower() in lx.ORG_WORDS and name[0].lower() not in lx.COMPASS)
    ):
        # (not a place the gazetteer knows: "West Bank", "United States")
        votes["ORG"] += 3
    if len(name) == 1 and _is_acronym(name[0]):
        letters = name[0].replace(".", "").replace(" ", "")
        votes["PLACE" if letters in lx.PLACE_ACRONYMS else "ORG"] += 2
    if name[0].lower() in ("abu", "umm", "bin", "ibn"):
        votes["PERSON"] += 2
    elif len(name) > 1 and len(name[0].rstrip(".")) == 1 and len(name[1]) > 1:
        votes["PERSON"] += 2  # an initial and a surname: "R. Kettleborough", "W. Mark Felt"
    elif name[0].lower() in lx.given_names() and lower_name not in lx.place_names():
        # "Yvonne Hiller", "Gary Ross": a first name leads a person's name; alone
        # ("Lindsay") it is weaker evidence.
        votes["PERSON"] += 2 if len(name) > 1 else 1
    before = tokens[first - 1].text.lower() if first > 0 else ""
    before2 = tokens[first - 2].text.lower() if first > 1 else ""
    # The words before the name, past a "the" ("two miles from the Geysers").
    lead, lead2 = before, before2
    if before == "the":
        lead = before2
        lead2 = tokens[first - 3].text.lower() if first > 2 else ""
    measured = lead in ("of", "from") and (lead2 in lx.COMPASS or lead2 in _DISTANCE_UNITS)
    near = lead == "near" and before == "the"
    if (measured or near) and not _modifies_a_noun(tokens, last):
        # "two miles northeast of The Geysers", "14 km from Manokwari", "near the
        # Geysers": a distance is measured from a place, and one is near a place
        votes["PLACE"] += 3
    elif (
        _is_plural_name(name)
        and lower_name not in lx.place_names()
        and (before == "the" or " ".join(name[:-1]).lower() in lx.place_names())
    ):
        # "Kansas City Chiefs", "the Tar Heels", "the Colts": a team, a band, a group
        # ("Mo Cheeks" alone is no team: a place or "the" must lead).
        votes["ORG"] += 2
    elif len(name) > 1 and (
        name[-1].lower() in lx.PLACE_PLURALS
        or name[-1].lower() in lx.PLACE_LAST_WORDS
        or name[0].lower() in lx.PLACE_FIRST_WORDS
        or name[-1].lower() in lx.COMPASS
    ):
        # "Niagara Falls", "Canary Islands", "Pelham County", "Mount Cook", "the Middle
        # East", "the Far East"
        votes["PLACE"] += 2
    if tokens[last].hyphen_tail == "based":
        votes["PLACE"] += 2
    if (
        len(name) == 1
        and before == ","
        and name[0].lower().rstrip(".") in lx.STATE_ABBREVIATIONS
        and first > 1
        and tokens[first - 2].cap
    ):
        votes["PLACE"] += 3  # "Palo Alto, Calif.": a town's state
    if (
        first == 0
        and all(t.text.isupper() for t in tokens[first : last + 1] if t.word)
        and last + 1 < len(tokens)
        and tokens[last + 1].text in (",", "-", "—", "–", "(")
        and any(t.word and t.text.islower() for t in tokens[last + 1 : last + 12])
    ):
        # a dateline: "PALO ALTO, Calif. -", "GAZA CITY (Reuters) -" (not a headline in
        # capitals: "OBAMA, MCCAIN SPAR")
        votes["PLACE"] += 3
    if before in lx.PERSON_TITLES and tokens[first - 1].word:
        votes["PERSON"] += 2
    if before == "the" and tokens[first - 1].word and not _modifies_a_noun(tokens, last):
        # "the Space Shuttle", "the Freewinds": a thing, a ship, a body, an event; a
        # person's name never takes "the" (but as a noun's modifier: "the Ratliff
        # interception"). Outweighed by any evidence of a kind.
        votes[THING] += 1
    if (
        last + 1 < len(tokens)
        and tokens[last + 1].text[:1].isdigit()
        and tokens[last + 1].start == tokens[last].end + 1
        and "-" not in tokens[last + 1].text
        and (last + 2 >= len(tokens) or tokens[last + 2].text not in "-–")
    ):
        # "Internet Explorer 9", "PlayStation 4": a model, a version (not a record or a
        # score: "Muhammad Ali 22-3", "Drake 53")
        votes[THING] += 1
    if len(name) > 1 and name[-1].lower() in lx.EVENT_LAST_WORDS:
        votes[THING] += 1  # "the World Cup", "Labor Day": an event (not "Doris Day")
    if (
        before in lx.COMPANY_NOUNS_BEFORE
        and tokens[first - 1].word
        and len(name) <= 3
        and name[0].lower() not in lx.given_names()
    ):
        votes["ORG"] += 2  # "tyre giant Pirelli", "carmaker Hyundai"
    if before in ("group", "organisation", "organization", "movement", "militia", "party"):
        votes["ORG"] += 2
    if before in ("in", "near", "towards", "toward", "across", "outside", "around"):
        votes["PLACE"] += 1
    if before == "of" and before2 in lx.PLACE_NOUNS_BEFORE:
        votes["PLACE"] += 3
    if before in ("of", "for", "at") and before2 in lx.ORG_NOUNS_BEFORE:
        votes["ORG"] += 2  # "co-founder of Google", "a spokeswoman for Qantas"
    if before == "including" and any(
        tokens[j].text.lower() in lx.PLACE_NOUNS_AFTER for j in range(max(first - 4, 0), first)
    ):
        votes["PLACE"] += 2
    after = _word_after(tokens, last + 1)
    after2 = _word_after(tokens, last + 2)
    if (
        lower_name in lx.place_names()
        and not lx.is_nation(lower_name)
        and (
            after in lx.GAME_VERBS
            or (before in lx.GAME_VERBS and tokens[first - 1].word)
            or _score_after(tokens, last)
        )
    ):
        # A place's team ("Evansville defeated Drake", "beat Evansville 91-73"): four
        # times the place name's own vote, so a city named as a side in games in a
        # quarter of its mentions is its team in this story (the rest name the team
        # too: "against Evansville", "Evansville defenders"). ECB+ topics 1-35: ORG
        # right 0.816 -> 0.838 (at twice or three times, with the score: 0.816). A
        # country's side stays the country ("Pakistan were 318 for two", "Ferreira of
        # South Africa defeated Tim Henman of Britain 6-4"), as news NER sets type it.
        votes["ORG"] += SIDE_VOTE
    if after in lx.ORG_NOUNS_AFTER or (after == "news" and after2 == "agency"):
        votes["ORG"] += 2
    if after in lx.PLACE_NOUNS_AFTER or (
        after2 in lx.PLACE_NOUNS_AFTER and after in ("international", "military", "central")
    ):
        votes["PLACE"] += 2
    if tokens[last].breaks_after and not tokens[last].hyphen_tail:
        # "al-Qaeda's former arm", "Syria's army"
        if after in ("former", "armed", "military") and after2 in ("arm", "wing", "branch"):
            votes["ORG"] += 2
        if after in ("arm", "wing", "branch", "affiliate", "affiliates", "leader", "fighters"):
            votes["ORG"] += 2
    # "Deir el Zor in the east", "Hama, in central Syria"
    k = last + 1
    if k < len(tokens) and tokens[k].text == ",":
        k += 1
    if _word_after(tokens, k) == "in":
        nxt = _word_after(tokens, k + 1)
        if (nxt == "the" and _word_after(tokens, k + 2) in lx.COMPASS) or nxt in lx.COMPASS:
            votes["PLACE"] += 2
    if (
        last + 2 < len(tokens)
        and tokens[last + 1].text == ","
        and _word_after(tokens, last + 2) in lx.PERSON_TITLES
    ):
        votes["PERSON"] += 2
    if len(name) == 1 and not tokens[first].acronym and _speaks(tokens, last):
        # "Tarango told reporters", "Parnevik, who ...": one word that tells or admits, or
        # that "who" follows, is most often a person's surname (CoNLL-2003's development
        # names: 8 of 9 before "told", 29 of 36 before ", who"); a weak vote, which a
        # place's or an organisation's own evidence outweighs. Not "said": companies say
        # as often as people in ECB+ ("Microsoft said"; its organisations typed right
        # 0.863 -> 0.760 with it), though 68 of CoNLL's 86 were people.
        votes["PERSON"] += 1
    # A person's age: "23-year-old Vishwanand Subryan", "Vishwanand Subryan, 23, of ...".
    if before == "year-old" or (
        last + 2 < len(tokens) and tokens[last + 1].text == "," and _is_age(tokens[last + 2].text)
    ):
        votes["PERSON"] += 2
    return votes


_SPEECH = frozenset({"told", "tells", "insisted", "admitted"})


def _speaks(tokens: Sequence[_Token], last: int) -> bool:
    """Whether the name tells or admits ("X told reporters") or a relative "who" follows
    it ("X, who ...")."""
    if _word_after(tokens, last + 1) in _SPEECH:
        return True
    return (
        last + 2 < len(tokens)
        and tokens[last + 1].text == ","
        and _word_after(tokens, last + 2) == "who"
    )


def _modifies_a_noun(tokens: Sequence[_Token], last: int) -> bool:
    """Whether the name ending at tokens[last] seems to qualify the word after it ("the
    Ratliff interception"): a lower-case word, neither a function word nor a past tense."""
    if last + 1 >= len(tokens) or not tokens[last + 1].word or tokens[last + 1].cap:
        return False
    word = tokens[last + 1].text.lower()
    return word not in lx.FUNCTION_WORDS and not word.endswith("ed")


_DISTANCE_UNITS = frozenset(
    "miles mile mi kilometres kilometers kilometre kilometer km yards metres meters".split()
)
_SCORE_PART = re.compile(r"\d{1,3}[,;.]?")


def _score_after(tokens: Sequence[_Token], last: int) -> bool:
    """Whether a game's score follows the name ("Evansville 91-73", "Drake, 65-53"): a
    side in a game, a team."""
    k = last + 1
    if k < len(tokens) and tokens[k].text == ",":
        k += 1
    return (
        k + 2 < len(tokens)
        and _SCORE_PART.fullmatch(tokens[k].text) is not None
        and tokens[k + 1].text == "-"
        and _SCORE_PART.fullmatch(tokens[k + 2].text) is not None
    )


_AGE = re.compile(r"(\d{1,3})[,;.]")


def _is_age(text: str) -> bool:
    """An age as news gives it after a name (", 23," or ", 23."): one to three digits,
    1 to 115, the comma or stop glued to it (a score, "Drake, 65-53", goes on)."""
    found = _AGE.fullmatch(text)
    return found is not None and 1 <= int(found.group(1)) <= 115


def _is_plural_name(name: Sequence[str]) -> bool:
    """A name ending in a capitalised plural noun that is not a place's ("Falls") and not
    a person's ("Serena Williams": a first name leads it)."""
    last = name[-1]
    return (
        len(last) > 3
        and (last[0].isupper() or _TEAM_NUMBER.match(last) is not None)
        and last.endswith("s")
        and not last.endswith(("ss", "us", "is", "'s", "’s"))
        and last.lower() not in lx.PLACE_PLURALS
        and last.lower() not in lx.plural_surnames()
        and last.lower() not in lx.given_names()
        and name[0].lower() not in lx.given_names()
        and not is_adjectival(last)
    )


def _is_headline(tokens: Sequence[_Token]) -> bool:
    """Title case ("Lohan Checks Into Rehab At Betty Ford"): most longer words capitalised,
    and function words too, which running text never capitalises mid-sentence."""
    long_words = [t for t in tokens if t.word and len(t.text) > 3]
    if len(long_words) < 4 or sum(t.cap for t in long_words) < 0.7 * len(long_words):
        return False
    return any(
        # not an initial: "Bryant A. Dalton"
        t.cap and not t.acronym and len(t.text) > 1 and t.text.lower() in lx.FUNCTION_WORDS
        for i, t in enumerate(tokens)
        if not _is_sentence_start(tokens, i)
    )


def _lower_content_word(long_words: Sequence[_Token]) -> bool:
    """Whether a longer word other than a function word is in lower case: a line in
    sentence case ("Tim Henman (Britain) beat Doug Flach (U.S.) 6-3 6-4", "Lohan checks
    into Betty Ford"), whose capitals are names, where title case capitalises every
    longer word but function words."""
    return any(t.text[:1].islower() and t.text.lower() not in lx.FUNCTION_WORDS for t in long_words)


def _is_title_line(tokens: Sequence[_Token], paragraph: Paragraph, visible: str) -> bool:
    """A headline in title case that leaves its short function words in lower case ("Ellen
    DeGeneres Returns to Host the Oscars", "... Protections!"): a heading, or one line
    that ends no sentence with a period, whose longer words are nearly all capitalised."""
    if paragraph.kind != "heading" and (
        "\n" in visible.strip() or visible.rstrip()[-1:] in ".\"”'’:;,"
    ):
        return False
    long_words = [t for t in tokens if t.word and len(t.text) > 3]
    if _lower_content_word(long_words):
        return False
    return len(long_words) >= 3 and sum(t.cap for t in long_words) >= 0.8 * len(long_words)


_COUNTRY_AFTER = re.compile(r"\s*\(([^()]{2,40})\)")


def _competitor(cand: Candidate, visible: str) -> bool:
    """A results line's competitor: two or three plain capitalised words and a place of
    the gazetteer in brackets after them ("2. Florian Schwarthoff (Germany) 13.36",
    "Cosmin Contra (Romania)"), in a line that is otherwise read as a headline."""
    if not 2 <= len(cand.tokens) <= 3 or not all(
        w[:1].isupper() and w[1:2].islower() and w.lower() not in lx.FUNCTION_WORDS
        for w in cand.tokens
    ):
        return False
    after = _COUNTRY_AFTER.match(visible, cand.vend)
    if after is None:
        return False
    place = after.group(1).strip()
    return place.lower() in lx.place_names() or place.replace(".", "") in lx.PLACE_ACRONYMS


def _shouted(words: Sequence[str]) -> bool:
    """A run of words in capitals inside a line in lower case ("BREAKING NEWS-3 DEAD due
    to ..."): no acronyms, two longer words or more; its capitals say nothing."""
    return sum(len(w) > 3 for w in words) >= 2 and all(w.isupper() for w in words)


def _is_all_caps(tokens: Sequence[_Token]) -> bool:
    long_words = [t.text for t in tokens if t.word and len(t.text) > 2]
    return len(long_words) >= 4 and sum(w.isupper() for w in long_words) >= 0.8 * len(long_words)


def find_candidates(
    report: Report, paragraph: Paragraph, lowercase: Counter[str] | None = None
) -> list[Candidate]:
    """Every name-like mention in one paragraph, with type votes.

    `lowercase` collects how often each word is written in lower case, the corpus-wide
    evidence that a capitalised word is a common word.
    """
    visible, offsets = visible_with_offsets(report, paragraph)
    tokens = _tokens(visible)
    if lowercase is not None:
        lowercase.update(_LOWER_WORD.findall(visible))
    shouting = _is_all_caps(tokens)
    if shouting:
        # "COLTS BEAT CHIEFS TO CLINCH BERTH": capitals say nothing, not even "acronym".
        for token in tokens:
            if token.word:
                token.acronym = False
    headline = shouting or _is_headline(tokens) or _is_title_line(tokens, paragraph, visible)
    if headline:
        # Capitalised function words ("Of", "Into") in a headline separate names.
        for token in tokens:
            if token.cap and _skippable(token.text):
                token.cap = False
    found: list[Candidate] = []
    i = 0
    n = len(tokens)
    while i < n:
        token = tokens[i]
        if not (token.cap or token.particle_name or token.acronym):
            i += 1  # (`_namey` written out: this runs for every word of the corpus)
            continue
        first = i
        last = i
        while not tokens[last].breaks_after and last + 1 < n:
            nxt = tokens[last + 1]
            if _breaks_run(nxt) and not _initial_inside(tokens, first, last + 1):
                break  # but "Gary A. Moss"
            if _namey(nxt) and nxt.start == tokens[last].end + 1:
                last += 1
            elif (
                (_joins(tokens, last + 1) and not _person_then_of(tokens, first, last + 1))
                or _initial_inside(tokens, first, last)
                or (tokens[last + 1].text == "and" and _and_in_name(tokens, first, last + 1))
            ):
                last += 2  # "Syrian Observatory for Human Rights", "James R. Dabney"
            else:
                break
        i = last + 1
        found.extend(_name_candidates(report, paragraph, tokens, first, last, visible, offsets))
    for cand in found:
        # A run in capitals is read as a headline too, but a dateline ("PALO VERDE,
        # Calif. -"), which its place votes tell
        if headline or (_shouted(cand.tokens) and not cand.votes["PLACE"]):
            cand.headline = True
            if _competitor(cand, visible):
                cand.headline = False
                cand.votes["PERSON"] += 2
    if found and not shouting and len(visible) <= _RESULTS_LINE:
        # Lines of results and of scorecards are short, and hold numbers or a "v", or
        # a scorecard's own marks: C-speed tests first, as most paragraphs are prose.
        if (" v" in visible or _A_DIGIT.search(visible) is not None) and _is_results_line(visible):
            for cand in found:
                _mark_side(cand, visible)
        if "-" in visible or " b " in visible or " out " in visible or " lbw " in visible:
            _mark_players(found, visible)
    _propagate_lists(found, visible)
    _link_defined_acronyms(found, visible)
    return found


_RESULTS_LINE = 300  # characters at most, brackets and all
_A_DIGIT = re.compile(r"\d")
_LONG_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]{4,}(?![\w'’-])")
_BRACKETED = re.compile(r"\s*\([^)]*\)?")
# A results line's parts, once its brackets are gone: a label ("At Cardiff:", "Postponed:"),
# a rank ("20."), names (capitalised words and the particles of clubs' names: "Racing
# de Santander"), numbers (scores, points, times, prices: "236-4", ".576", "1:58.579").
_NAME_PARTICLE = "de|del|da|do|dos|di|van|von|der|den|la|le|of|the|and|&"
# A capital letter: Latin, with its accents ("Újpest", "Örebro"), not a lower-case one.
_CAPITAL = r"[^\W\d_a-zß-ÿ]"
_NAME = rf"{_CAPITAL}[\w.'’&/-]*+(?: (?:{_CAPITAL}[\w.'’&/-]*+|{_NAME_PARTICLE}))*+"
# A number ends on a digit: the stops and commas after it are the line's (and no
# character can go two ways, so a long line of "Lot 1. Lot 2. ..." takes no time).
_NUMBER = r"\.?\d(?:[\d.,:/]*\d)?(?:-\d(?:[\d.]*\d)?)*"
_LABEL_CHARS = 42
_LABEL = r"(?:[A-Z][^:\d]{0,40}: )?(?:\d+\.? )?"
_SCORE_ROW = re.compile(rf"{_LABEL}(?:{_NAME} {_NUMBER}(?: {_NUMBER})*+[ .,;:-]*+)++")
# "v" and "vs" of fixtures; not "v." of a court's case ("Roe v. Wade")
_VERSUS = r"(?:vs\.?|v(?!\.))"
_FIXTURES = re.compile(rf"{_LABEL}{_NAME} {_VERSUS} {_NAME}(?:[,;] {_NAME} {_VERSUS} {_NAME})*+\.?")
_ONE_NUMBER = re.compile(rf"{_LABEL}{_NAME} \.?\d(?:[\d.,:/]*\d)?[ .,;:-]*+")


def _is_results_line(visible: str) -> bool:
    """A line of results, standings, fixtures or prices: names and numbers and nothing
    else, but what is in brackets ("Sion 3 Servette 1", "Leeds 21 6 0 15 531 681 12",
    "Marseille 1 (Gravelaine 24th) Metz 2", "At Cardiff: Kent 128-1 (M. Walker 59)",
    "Postponed: Peterborough v Notts County, Wrexham v Bristol", "KOMERCNI BANKA 2320.00
    2370.00"). Not a caption, a section or an address ("Figure 2.11", "Method 2 of 3:
    Caring for Basil", "Born 23 January 1928 Paris, France"): one name with one number
    is a line of results only with a score ("Essex 72-0.")."""
    line = visible.strip()
    if "\n" in line or len(line) > _RESULTS_LINE:
        return False
    body = line.split(": ", 1)[-1] if ": " in line[:_LABEL_CHARS] else line
    if "(" not in body and _LONG_LOWER_WORD.search(body) is not None:
        return False  # a sentence: the quickest answer, and the most frequent
    line = _BRACKETED.sub("", line)
    if _FIXTURES.fullmatch(line):
        return True
    return _SCORE_ROW.fullmatch(line) is not None and _ONE_NUMBER.fullmatch(line) is None


# What follows a side in a results line: its score, its points, its price ("3", "236-4",
# "14.12", "1:58.579", "2320.00"), or "v" and the other side.
_SIDE_AFTER = re.compile(
    r"(?: \([^()]{2,40}\))? \d[\d.:,]*(?:-\d+)?(?![\d-])| (?:vs\.?|v(?!\.)) [^\W\d_a-z]"
)
_NOT_SCORE = re.compile(r" (?:\d+-\d+-\d|\d{4}-\d\d-\d\d|(?:19|20)\d\d\b(?![.:,]\d))")
_SIDE_BEFORE = re.compile(r"(?:^|[:;,)]|\d)$")
_FIXTURE_BEFORE = re.compile(r"(?:^|\s)(?:vs\.?|v)$")


def _mark_side(cand: Candidate, visible: str) -> None:
    """A name that is a side in a line of results ("Sion 3 Servette 1", "Leeds 21 6 0 15",
    "Marseille 1 (Gravelaine 24th) Metz 2", "Manchester City v Charlton") is a team, a
    club, a company: a name although the line opens with it or reads as a headline, and
    an organisation unless a person's (a first name, an initial) or a country's (a
    national side, typed as the country). Not a bowler's figures ("Mushtaq Ahmed
    27-5-72-3"), a dateline's date ("BOMBAY 1996-08-22"), a ranked runner ("1. Pivotal
    100-30"), or a name after a lower-case word ("b Mullally 176")."""
    after = visible[cand.vend :]
    before = visible[: cand.vstart].rstrip()
    if len(cand.tokens) > 4:
        return
    if before.count("(") > before.count(")"):
        # In brackets: a player's country, or a scorer and the minute ("(Gravelaine
        # 24th)", "(Rouxel 10th, Baret 89th)"): a person
        if _SCORER_AFTER.match(after):
            _keep_as(cand, "PERSON")
        return
    if _FIXTURE_BEFORE.search(before) is None and (
        _SIDE_AFTER.match(after) is None
        or _NOT_SCORE.match(after) is not None
        or _SIDE_BEFORE.search(before) is None
    ):
        return
    lower = " ".join(cand.tokens).lower()
    first = cand.tokens[0]
    places = lx.place_names()
    if lx.is_nation(lower):
        _keep_as(cand, "PLACE", 1)
    elif lower in places:
        # A town's club ("Leeds 21 6 0 15"): more than the town's own vote for this
        # mention, less than a few mentions of the town in prose (a line of weather or of
        # votes, "Rome 28, Berlin 22", names places).
        _keep_as(cand, "ORG", 2 * PLACE_NAME_VOTE)
    elif len(cand.tokens) == 1:
        if not lx.is_common_word(first):
            _keep_as(cand, SIDE, 1)  # "Servette", not "Season 3 Episode 12"
    elif len(first.rstrip(".")) == 1 or first.lower() in lx.given_names():
        _keep_as(cand, "PERSON", 0)  # "Greg Norman 69 70 71 70", "M. Walker 59": a player
    elif _PLAYERS_AFTER.match(after):
        _keep_as(cand, "PERSON", 0)  # "Goran Ivanisevic 6-4 6-3", "Retief Goosen 70 71"
    else:
        _keep_as(cand, "ORG", 2)  # "Atletico Madrid", "Rostselmash Rostov": a club


def _keep_as(cand: Candidate, kind: str, vote: int = 2) -> None:
    """A name of a line of results, whatever its capitals say, with a vote for its kind.
    In a headline ("Colts Beat Chiefs 20-13") the names the corpus knows come first
    (`merge`); elsewhere the name is one even where a sentence would open with it."""
    cand.side = True
    cand.sentence_initial = False
    cand.votes.pop(THING, None)  # the number after it is a score, not a model's
    if vote:
        cand.votes[kind] += vote


# What follows a player, not a club: sets of tennis ("6-4 7-6(5)"), rounds of golf ("70
# 71 68 69").
_PLAYERS_AFTER = re.compile(
    r"(?: [0-7]-[0-7](?:\(\d+\))?){2,}(?![\d-])|(?: [6-8]\d){2,}(?![\d.,:/-])"
)
# A scorer's minute ("Gravelaine 24th"), a bowler's figures ("Mullally 10-3-31-1": overs,
# maidens, runs, wickets), a batsman's line of a scorecard ("Saeed Anwar c Croft b Cork
# 176", "A. Stewart not out 40", "Ijaz Ahmed lbw b Gough 12").
_SCORER_AFTER = re.compile(r" \d{1,3}(?:st|nd|rd|th)\b")
_BOWLING_AFTER = re.compile(r" \d{1,2}(?:\.\d)?-\d{1,2}-\d{1,3}-\d{1,2}\b(?!-\d)")
_BATTING = re.compile(
    rf"(?:{_NAME}) (?:(?:c|st) {_NAME} b {_NAME}|c & b {_NAME}|(?:lbw )?b {_NAME}"
    rf"|run out(?: \({_NAME}\))?|not out|retired hurt) \d{{1,3}}\.?"
)


def _mark_players(found: Sequence[Candidate], visible: str) -> None:
    """The players a scorecard names by its own marks: each name of a batsman's line,
    and bowlers before their figures where a line gives two or more (one such figure
    may be a team's record: "Boston Bruins 28-10-4-2")."""
    line = visible.strip()
    batting = "\n" not in line and len(line) < 120 and _BATTING.fullmatch(line) is not None
    bowlers = (
        [c for c in found if _BOWLING_AFTER.match(visible, c.vend)]
        if not batting and "-" in visible
        else []
    )
    for cand in found if batting else bowlers if len(bowlers) > 1 else ():
        # more than a town's gazetteer vote: "Saeed Anwar c Croft b Cork 176"
        _keep_as(cand, "PERSON", PLACE_NAME_VOTE + 1)


def _name_candidates(
    report: Report,
    paragraph: Paragraph,
    tokens: Sequence[_Token],
    first: int,
    last: int,
    visible: str,
    offsets: Sequence[int],
) -> Iterable[Candidate]:
    """The name candidates in tokens `first`..`last` (a run of capitalised words), once
    leading function words, months and titles are dropped from it."""
    initial = _is_sentence_start(tokens, first)
    person_title = False
    if initial and first < last and _opening_participle(tokens[first].text):
        # "Describing Yida as ...", "Following Tuesday's vote": a verb opens the sentence
        first += 1
        initial = False
        while first <= last and not _namey(tokens[first]):
            first += 1
    # Drop leading function words, months and titles ("In Homs", "President Assad"); not a
    # title that opens an organisation's name ("Major League Baseball", "General Motors").
    org_name = any(t.text.lower() in lx.ORG_WORDS for t in tokens[first + 1 : last + 1])
    while first <= last and (
        (_skippable(tokens[first].text) and not _initial_of_run(tokens, first, last))
        or (is_title(tokens[first].text) and not org_name)
    ):
        if is_title(tokens[first].text) and not _skippable(tokens[first].text):
            person_title = True
        first += 1
        initial = False
        while first <= last and not _namey(tokens[first]):
            first += 1
    # Trailing connectors, weekdays and months cannot end a name ("Queens Friday").
    while last >= first and (
        (not _namey(tokens[last]) and not tokens[last].acronym)
        or (last > first and _skippable(tokens[last].text))
    ):
        last -= 1
    if (
        last > first
        and tokens[last].text.lower() in _OFFICES
        and (
            tokens[last - 1].text.lower() in lx.PLACE_LAST_WORDS
            or " ".join(t.text for t in tokens[first:last] if t.word).lower() in lx.place_names()
        )
    ):
        # "Sonoma County Sheriff's dispatcher", "Los Angeles Mayor": the office of a
        # place, which names no one; the name is the place's.
        last -= 1
        while last > first and not _namey(tokens[last]):
            last -= 1
    if first > last:
        return
    words = [t.text for t in tokens[first : last + 1] if t.word]
    # "Lebanese Hezbollah" -> "Hezbollah"; but "Syrian Observatory for Human Rights" stays.
    if (
        len(words) > 1
        and is_adjectival(words[0])
        and not any(w.lower() in lx.ORG_WORDS for w in words[1:])
        and " ".join(words).lower() not in lx.place_names()  # "Saudi Arabia"
    ):
        first += 1
        initial = False
        while first <= last and not _namey(tokens[first]):
            first += 1
        # "Russian President Vladimir Putin": the title after the nationality goes too
        while first < last and is_title(tokens[first].text):
            person_title = True
            first += 1
            while first <= last and not _namey(tokens[first]):
                first += 1
    kept = [t for t in tokens[first : last + 1] if t.word]
    words = [t.text for t in kept]
    if not words:
        return
    if len(words) == 1:
        word = words[0]
        if _skippable(word) or is_title(word) or word == "I":
            return
        if is_adjectival(word) and not tokens[first].acronym:
            return
    start = offsets[tokens[first].start]
    end = offsets[tokens[last].end - 1] + 1
    surface = report.text[start:end]
    if surface != visible[tokens[first].start : tokens[last].end]:
        return  # the name spans Markdown markup: no exact offsets to give
    votes = _vote(tokens, first, last, words)
    if person_title:
        votes["PERSON"] += 3
    yield Candidate(
        report=report.id,
        paragraph=paragraph.id,
        start=start,
        end=end,
        surface=surface,
        tokens=tuple(words),
        # (nor "U.S." in "(U.S.)", dotted: no word opens a sentence in capitals and stops)
        sentence_initial=initial and len(words) == 1 and not _is_acronym(words[0]),
        votes=votes,
        vstart=tokens[first].start,
        vend=tokens[last].end,
        starts_sentence=initial,
        word_spans=tuple((offsets[t.start], offsets[t.end - 1] + 1) for t in kept),
    )


def _propagate_lists(found: list[Candidate], visible: str) -> None:
    """Names in one list ("Maadamiyah, Jaramana and Daraya") share a place type: three
    names or more, two joined by "and" / "or", or a town and its state after a comma
    ("Healdsburg, California", "Palo Alto, Calif."); not "In Gaza, Ismail Haniyeh
    said", a place and a person."""
    if len(found) < 2:
        return
    groups: list[list[Candidate]] = [[found[0]]]
    joined: list[bool] = [False]
    for prev, cand in pairwise(found):
        gap = visible[prev.vend : cand.vstart]
        if _LIST_GAP.fullmatch(gap):
            groups[-1].append(cand)
            joined[-1] = joined[-1] or "and" in gap or "or" in gap
        else:
            groups.append([cand])
            joined.append(False)
    for group, conjunction in zip(groups, joined, strict=True):
        if len(group) == 2 and not conjunction:
            # "Healdsburg, California", "Palo Alto, Calif.": a town and its state; not
            # "In Gaza, Ismail Haniyeh said", a place and then a person
            town, state = group
            if state.votes["PLACE"] >= 2 or (town.votes["PLACE"] >= 2 and len(state.tokens) == 1):
                town.votes["PLACE"] += 1
                state.votes["PLACE"] += 1
        elif len(group) > 1 and any(c.votes["PLACE"] >= 2 for c in group):
            for cand in group:
                cand.votes["PLACE"] += 1


_LIST_GAP = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")


_ACRONYM_GAP = re.compile(r"\s*\(\s*")


def _link_defined_acronyms(found: list[Candidate], visible: str) -> None:
    """ "Hayat Tahrir al-Sham (HTS)": the acronym in brackets names the entity before it."""
    for prev, cand in pairwise(found):
        if (
            len(cand.tokens) == 1
            and _is_acronym(cand.tokens[0])
            and len(prev.tokens) > 1
            and _ACRONYM_GAP.fullmatch(visible[prev.vend : cand.vstart])
            and visible[cand.vend : cand.vend + 3].lstrip().startswith(")")
            and _initial_of_a_word(cand.tokens[0], prev.tokens)
        ):
            cand.acronym_of = prev.surface
            cand.votes.update(prev.votes)


def _initial_of_a_word(acronym: str, words: Sequence[str]) -> bool:
    """Whether the acronym can stand for the name: its first letter starts a word of it
    ("Hayat Tahrir al-Sham (HTS)", "Kurdistan Workers' Party (PKK)"), or two of its
    letters do, for a name found in part ("... Against Drunk Driving (MADD)", "...
    Works Agency for Palestine Refugees (UNRWA)"), or one of a body's ("Geophysics
    Agency (BMG)"); not "Doug Flach (U.S.)", a person's country in brackets."""
    letters = [c for c in acronym.lower() if c.isalpha()]
    initials = Counter(word[:1].lower() for word in words)
    if letters and initials[letters[0]]:
        return True
    shared = sum((Counter(letters) & initials).values())
    # One letter will do for a body's name found in part ("... Meteorology and
    # Geophysics Agency (BMG)": its acronym in its own language)
    return shared >= 2 or (shared == 1 and bool(words) and words[-1].lower() in lx.ORG_WORDS)
