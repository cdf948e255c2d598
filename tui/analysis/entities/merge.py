"""Merging mentions into entities: one entity per real-world thing, across reports.

Forms (normalised spellings) are joined by a union-find, each join recording its rule:
acronyms defined in the text or matching a name's initials, transliteration variants
(same consonant skeleton and close spelling), and short or partial forms that fit exactly
one fuller name. Types come from the evidence of all mentions of the merged entity.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from rapidfuzz import fuzz

import tui.analysis.entities.lexicon as lx
from tui.analysis.entities.extract import (
    PLACE_NAME_VOTE,
    SIDE,
    THING,
    Candidate,
    is_title,
    normalise,
)
from tui.analysis.unionfind import UnionFind
from tui.ingest.textmeta import outlet_names
from tui.model.corrections import Corrections
from tui.model.entities import Entity, EntityType, Mention, MergeReason
from tui.model.ids import SPLIT, id_number
from tui.model.ids import entity_id as make_entity_id

# Transliterations of one name are close in spelling once vowels are set aside.
_MIN_VARIANT_SIMILARITY = 75.0  # rapidfuzz ratio, 0-100
_MIN_SKELETON = 3
# The most words of a place name a title-case run is searched for (`_headline_name`).
_HEADLINE_PLACE_WORDS = 3
# What a known news outlet's name gets for ORG, each mention (as a gazetteer place for PLACE).
OUTLET_VOTE = PLACE_NAME_VOTE
# Acronyms this long may spell a word ("NATO", "AIDS"); a longer one that the corpus
# writes in lower case is a word in capitals.
_LONGEST_WORDLIKE_ACRONYM = 4
_ABD = re.compile(r"\babd\s?(?:el|al|ul|ur|ar|er|an|as|ad|ol)\s?")
_SKELETON_DROP = str.maketrans("", "", "aeiouyhw '-")
_INITIALS_SKIP = lx.NAME_PARTICLES | frozenset({"of", "for", "the", "and", "on", "in"})


@dataclass(slots=True)
class _Form:
    key: str
    surfaces: Counter[str] = field(default_factory=Counter)
    votes: Counter[str] = field(default_factory=Counter)
    words: tuple[str, ...] = ()  # normalised tokens without particles
    acronym: bool = False
    mentions: list[Candidate] = field(default_factory=list)


# A surname several people share stands for the one whose names hold this share of its
# fitting mentions. ECB+ topics 1-35 (score --part entities): merge recall 0.850 ->
# 0.876, F1 0.789 -> 0.799 (at 0.9: 0.866, 0.798); pairs of two gold chains wrongly
# merged unchanged (48), the rest of the "false" pairs are gold mentions ECB+ leaves
# unchained. Topics 36-45: "Jeffs", "Kiir", "Feldman", "Tucker" join their people.
_DOMINANT = 0.8

# A capital inside a word, after a lower-case letter or a hyphen ("SeaMicro",
# "Hewlett-Packard"): a name's spelling, wherever the word stands.
_INNER_CAPITAL = re.compile(r"[a-z][A-Z]|\w-[A-Z]")
# An apostrophe parts words ("al'assad"), but for a one-letter prefix: "O'Brien" and
# "D'Antoni" are one word, the surname "Jim O'Brien" ends with.
_APOSTROPHE = re.compile(r"(?<!\b[a-z])'")


@lru_cache(maxsize=1 << 16)
def _words(key: str) -> tuple[str, ...]:
    words = []
    for word in _APOSTROPHE.sub(" ", key).split():
        for part in word.split():
            if part not in lx.NAME_PARTICLES:
                words.append(part)
    return tuple(words)


@lru_cache(maxsize=1 << 16)
def skeleton(key: str) -> str:
    """Consonants of a name, doubled letters collapsed: "saydnaya" and "sednaya" -> "sdn"."""
    stripped = " ".join(w for w in key.split() if w not in lx.NAME_PARTICLES)
    consonants = _ABD.sub("abd", stripped).translate(_SKELETON_DROP)
    return re.sub(r"(.)\1+", r"\1", consonants)


# Words that say what kind of place a name is: alone, never its short form (a paper's
# "Times" or "Post" is: "the Post reported").
_KIND_WORDS = lx.PLACE_LAST_WORDS | lx.FACILITY_LAST_WORDS | lx.PLACE_PLURALS
# An entity with this many times more votes for a thing than for its main kind is a thing.
_THING_OVER = 3


def _main_type(votes: Counter[str]) -> str | None:
    """The kind most votes are for (None without any); `THING` and `SIDE` are no kind."""
    kinds = sorted(k for k in votes if k != THING and k != SIDE)
    if not kinds:
        return None
    return max(kinds, key=lambda t: votes[t])


def _compatible(a: Counter[str], b: Counter[str]) -> bool:
    ta, tb = _main_type(a), _main_type(b)
    return ta is None or tb is None or ta == tb or "OTHER" in (ta, tb)


class _Evidence:
    """What the corpus says about capitalised words: which are names, which common words."""

    def __init__(self, candidates: Sequence[Candidate], lowercase: Counter[str]) -> None:
        self.lowercase = lowercase
        plain = [c for c in candidates if not c.headline and not c.sentence_initial]
        self.full_names = {normalise(c.surface) for c in plain}
        self.name_words = {w for name in self.full_names for w in _words(name)}
        self.skeletons = {skeleton(k) for k in self.full_names}
        self.capitalised = Counter(normalise(c.surface) for c in plain if len(c.tokens) == 1)

    def is_common_word(self, word: str) -> bool:
        """Written in lower case at least as often as capitalised inside sentences."""
        key = normalise(word)
        return self.lowercase[key] > 0 and self.lowercase[key] >= self.capitalised[key]

    def refine(self, cand: Candidate) -> list[Candidate]:
        """The mentions a raw candidate really holds, given the corpus."""
        if cand.headline:
            return self._segment_headline(cand)
        key = normalise(cand.surface)
        if cand.sentence_initial:
            if key in lx.place_names() or (key in _outlet_keys() and not self.lowercase[key]):
                return [cand]  # "Germany", "Xinhua" opening a sentence (not "People")
            if (key in self.full_names or key in self.name_words) and not (
                len(cand.tokens) == 1 and self.is_common_word(cand.surface)
            ):
                # A word of a name elsewhere ("Assad" of "Bashar al-Assad"), but not one
                # the corpus writes in lower case more often: "Police" opening a sentence
                # is the police, though "Staunton Police Department" is a name.
                return [cand]
            if _INNER_CAPITAL.search(cand.surface):
                return [cand]  # "Hewlett-Packard", "SeaMicro": no common word is written so
            if self.is_common_word(cand.surface):
                return []  # "Witnesses said": written "witnesses" elsewhere, not a spelling
            shape = skeleton(key)
            return [cand] if len(shape) >= _MIN_SKELETON and shape in self.skeletons else []
        if len(cand.tokens) == 1:
            letters = cand.surface.replace(".", "").replace(" ", "")
            if letters.isupper():
                # An acronym ("NATO", "UNESCO"), but not a longer word in capitals that the
                # corpus writes in lower case too ("DIED IN A BLAZE that broke out").
                common = len(letters) > _LONGEST_WORDLIKE_ACRONYM and self.lowercase[key] > 0
                return [] if common else [cand]
            return [] if self.is_common_word(cand.surface) else [cand]
        if cand.starts_sentence and self.is_common_word(cand.tokens[0]):
            # "Coroner Gary Hargrove", "Forward Tyler Hansbrough" at a sentence start.
            first = 1
            while first < len(cand.tokens) and not cand.tokens[first][:1].isupper():
                first += 1
            if first >= len(cand.tokens):
                return []
            cand = cand.part(first, len(cand.tokens) - 1)
        start = self._person_start(cand.tokens)
        if not start:
            return [cand]
        person = cand.part(start, len(cand.tokens) - 1)
        # A first name after a title or a role: a person, whatever the run's other words
        # said of it ("Relief Group Co-Founder Dana Prewitt" is no organisation).
        person.votes = Counter({"PERSON": 2})
        votes = _name_votes(cand.tokens[: start - 1]) if start >= 2 else Counter()
        if votes:
            # "NASA Administrator Charles Bolden", "Alaska Governor Sarah Palin": what
            # comes before the title is a name too, the body or place the person serves
            # (when its words say so: not "Shadow Home Secretary").
            before = cand.part(0, start - 2)
            before.votes.update(votes)
            return [before, person]
        return [person]

    def _person_start(self, tokens: tuple[str, ...]) -> int:
        """Where a person's name starts inside a longer run: at a first name that a
        surname follows, right after a title or a role ("Alaska Governor Sarah Palin",
        "Public Defender Peter Lynch"); 0: nowhere."""
        given = lx.given_names()
        for k in range(1, len(tokens) - 1):
            if tokens[k].lower() in given and tokens[k + 1][:1].isupper():
                return k if is_title(tokens[k - 1]) else 0
        # No first name the census knows ("B.C. Attorney General Wally Oppal", "UN
        # Secretary-General Ban Ki-moon"): after the last title, two or three plain
        # capitalised words to the run's end are the person.
        for k in range(len(tokens) - 2, 1, -1):
            if is_title(tokens[k - 1]):
                rest = tokens[k:]
                if len(rest) <= 3 and all(_plain_name_word(w) for w in rest):
                    return k
                return 0
        return 0

    def _segment_headline(self, cand: Candidate) -> list[Candidate]:
        """A title-case run holds only the names the rest of the corpus knows, longest
        first; else a place the gazetteer knows ("Germany" in "3. Florian Schwarthoff
        (Germany) 13.36") or a first name and a surname ("ROBERTO DURAN FIGHTS ...")."""
        parts: list[Candidate] = []
        tokens = cand.tokens
        i, n = 0, len(tokens)
        while i < n:
            for j in range(n - 1, i - 1, -1):
                if normalise(" ".join(tokens[i : j + 1])) in self.full_names:
                    parts.append(cand.part(i, j))
                    i = j + 1
                    break
            else:
                if cand.side:
                    i += 1
                    continue
                found = self._headline_name(tokens, i)
                if found is None:
                    i += 1
                    continue
                j, kind, vote = found
                part = cand.part(i, j)
                part.votes = Counter({kind: vote})
                parts.append(part)
                i = j + 1
        if cand.side and (not parts or (len(parts) == 1 and parts[0].tokens == tokens)):
            # A side in a line of results that reads as a headline ("East Stirling 0
            # Albion 1", "Norwich v Wolverhampton"), where the corpus knows no name
            # inside it: the run is the name, with its votes as a side.
            return [cand]
        return parts

    def _headline_name(self, tokens: Sequence[str], i: int) -> tuple[int, str, int] | None:
        """A name of a title-case run that starts at tokens[i] by its own words: (its last
        token, its type, the vote): a place of the gazetteer that is the whole run, or a first
        name the census knows and a surname, neither a word the corpus writes in lower
        case ("Will Investigate", "Grant Funding" are no one)."""
        n = len(tokens)
        whole = " ".join(tokens)
        if (n <= _HEADLINE_PLACE_WORDS and whole.lower() in lx.place_names()) or (
            n == 1 and whole.replace(".", "").replace(" ", "") in lx.PLACE_ACRONYMS
        ):
            # The whole run: "(Germany)", "(U.S.)", "IN MILWAUKEE"; not "Van" of
            # "Escapes Prison Van", a city's name that is a common word too.
            return n - 1, "PLACE", PLACE_NAME_VOTE
        if (
            i + 1 < n
            and tokens[i].lower() in lx.given_names()
            and not self.is_common_word(tokens[i])
            and _plain_name_word(tokens[i + 1])
            and tokens[i + 1].lower() not in lx.FUNCTION_WORDS
            and tokens[i + 1].lower() not in lx.MONTHS_AND_DAYS
            and not self.is_common_word(tokens[i + 1])
        ):
            return i + 1, "PERSON", 2
        return None


@cache
def _outlet_keys() -> frozenset[str]:
    """The news outlets of the domains table as name forms (`normalise`d: "times picayune")."""
    return frozenset(normalise(name) for name in outlet_names())


def _plain_name_word(word: str) -> bool:
    """A word a person's name may hold: capitalised, no acronym, no word of an
    organisation's or a place's name, no title."""
    lower = word.lower()
    return (
        word[:1].isupper()
        and not word.replace(".", "").isupper()
        and lower not in lx.ORG_WORDS
        and lower not in lx.PLACE_LAST_WORDS
        and lower not in lx.PLACE_PLURALS
        and not is_title(word)
    )


def _name_votes(words: Sequence[str]) -> Counter[str]:
    """What a name's own words say of its kind, out of context: a known place ("Alaska")
    or an acronym ("NASA"; "US" a place). Nothing for other words: "White House Press"
    (of "White House Press Secretary Jay Carney") is no name of its own."""
    votes: Counter[str] = Counter()
    lower = " ".join(words).lower()
    if lower in lx.place_names():
        votes["PLACE"] += PLACE_NAME_VOTE
    elif len(words) == 1 and len(words[0]) > 1 and words[0].replace(".", "").isupper():
        letters = words[0].replace(".", "")
        votes["PLACE" if letters in lx.PLACE_ACRONYMS else "ORG"] += 2
    return votes


def _collect_forms(candidates: Sequence[Candidate], lowercase: Counter[str]) -> dict[str, _Form]:
    evidence = _Evidence(candidates, lowercase)
    forms: dict[str, _Form] = {}
    outlets = _outlet_keys()
    for raw in candidates:
        for cand in evidence.refine(raw):
            key = normalise(cand.surface)
            form = forms.get(key)
            if form is None:
                form = forms[key] = _Form(
                    key=key,
                    words=_words(key),
                    acronym=len(cand.tokens) == 1 and cand.surface.replace(".", "").isupper(),
                )
            elif form.acronym and not cand.surface.replace(".", "").isupper():
                # "SHEARER" of a headline in capitals, then "Shearer": a word, no acronym
                form.acronym = False
            # Counted by hand, not with `Counter.update` and `+= 1` (the same counts in the
            # same order): this runs for every mention of the corpus, in the main process
            # alone, where Counter's own Python code costs more than the counting.
            surfaces = form.surfaces
            surfaces[cand.surface] = surfaces.get(cand.surface, 0) + 1
            votes = form.votes
            for kind, count in cand.votes.items():
                votes[kind] = count + votes.get(kind, 0)
            if key in outlets and (" " in key or not lowercase[key]):
                # "told Reuters", "Xinhua said": a news outlet of the domains table (not
                # one word the corpus also writes in lower case: "People", "Time")
                votes["ORG"] = votes.get("ORG", 0) + OUTLET_VOTE
            form.mentions.append(cand)
    return forms


class _Merger:
    def __init__(self, forms: dict[str, _Form]) -> None:
        self.forms = forms
        self.sets = UnionFind(forms)
        self.reasons: dict[str, list[MergeReason]] = defaultdict(list)
        self.votes: dict[str, Counter[str]] = {k: Counter(f.votes) for k, f in forms.items()}

    def cluster_votes(self, key: str) -> Counter[str]:
        return self.votes[self.sets.find(key)]

    def join(self, a: str, b: str, rule: str) -> None:
        ra, rb = self.sets.find(a), self.sets.find(b)
        if ra == rb:
            return
        merged = self.votes[ra] + self.votes[rb]
        reasons = self.reasons.pop(ra, []) + self.reasons.pop(rb, [])
        self.sets.union(ra, rb)
        root = self.sets.find(ra)
        self.votes[root] = merged
        display = (self._display(a), self._display(b))
        reasons.append(MergeReason(rule, display))
        self.reasons[root] = reasons

    def _display(self, key: str) -> str:
        return self.forms[key].surfaces.most_common(1)[0][0]

    # -- rules -------------------------------------------------------------

    def defined_acronyms(self) -> None:
        for form in self.forms.values():
            for cand in form.mentions:
                name = normalise(cand.acronym_of) if cand.acronym_of else None
                if name and name in self.forms:
                    self.join(name, form.key, "acronym defined in the text")

    def initials(self) -> None:
        by_initials: dict[str, set[str]] = defaultdict(set)
        for form in self.forms.values():
            words = [w for w in form.key.split() if w not in _INITIALS_SKIP]
            if len(words) >= 2 and not form.acronym:
                by_initials["".join(w[0] for w in words)].add(form.key)
                if _CORPORATE_ENDING.search(next(iter(form.surfaces))):
                    # "Taiwan Semiconductor Manufacturing Co" -> "TSMC": the legal form
                    # the key leaves out (`normalise`) has its letter in the acronym.
                    by_initials["".join(w[0] for w in words) + "c"].add(form.key)
                # "US Geological Survey" -> "USGS": a short word counts whole.
                whole = "".join(w if len(w) <= 2 else w[0] for w in words)
                if len(whole) > len(words):
                    by_initials[whole].add(form.key)
        for form in self.forms.values():
            if not form.acronym:
                continue
            letters = form.key.replace(".", "").replace(" ", "")
            matches = by_initials.get(letters, set())
            if len(letters) == 2:
                # Two letters are too many things ("TD", "AM") to stand for a person.
                matches = {
                    k for k in matches if _main_type(self.cluster_votes(k)) in ("ORG", "PLACE")
                }
            roots = {self.sets.find(k) for k in matches}
            if len(roots) > 1:
                # "UN": "United Nations" (an organisation, as the acronym's own votes say),
                # not "Upper Nile" (a place) of the same story.
                kind = _main_type(self.cluster_votes(form.key))
                matches = {k for k in matches if _main_type(self.cluster_votes(k)) == kind}
                roots = {self.sets.find(k) for k in matches}
            if len(roots) == 1:
                self.join(next(iter(matches)), form.key, "acronym of the name's initials")

    def spelling_variants(self) -> None:
        by_skeleton: dict[str, list[str]] = defaultdict(list)
        for form in self.forms.values():
            if not form.acronym:
                shape = skeleton(form.key)
                # Very short skeletons ("dr" for Daraa/Deraa) only for longer single words.
                if len(shape) >= _MIN_SKELETON or (len(shape) == 2 and len(form.key) >= 5):
                    by_skeleton[shape].append(form.key)
        for keys in by_skeleton.values():
            for i, a in enumerate(keys):
                for b in keys[i + 1 :]:
                    flat_a, flat_b = a.replace(" ", ""), b.replace(" ", "")
                    words_a, words_b = set(_words(a)), set(_words(b))
                    if words_a < words_b or words_b < words_a:
                        # "Klitschko" / "Klitschko-Haye": a whole word more (whose
                        # skeleton is empty) is another name, no other spelling
                        continue
                    if (
                        flat_a[0] == flat_b[0]
                        and not _other_initials(a, b)
                        and fuzz.ratio(flat_a, flat_b) >= _MIN_VARIANT_SIMILARITY
                        and _compatible(self.cluster_votes(a), self.cluster_votes(b))
                    ):
                        self.join(a, b, "spelling variant")

    def given_names(self) -> None:
        """One person's name written with and without initials or in full: "James R.
        Dabney" / "James Dabney", "Warren S. Jeffs" / "Warren Steed Jeffs", "W. Mark
        Felt" / "William Mark Felt", "Benjamin C. Bradlee" / "Ben Bradlee". The names of
        a surname that may be one person's (`_same_person_name`) are joined, unless two
        of them name two people: "Gary Moss" is neither "Gary A. Moss" nor "Gary B. Moss"
        when a story names both."""
        by_surname: dict[str, list[_Form]] = defaultdict(list)
        for form in self.forms.values():
            if len(form.words) >= 2 and not form.acronym and all(map(_person_word, form.words)):
                by_surname[form.words[-1]].append(form)
        for forms in by_surname.values():
            if len(forms) < 2:
                continue
            groups = UnionFind()
            for i, a in enumerate(forms):
                for b in forms[i + 1 :]:
                    if _same_person_name(a.words, b.words):
                        groups.union(a.key, b.key)
            members: dict[str, list[_Form]] = defaultdict(list)
            for form in forms:
                members[groups.find(form.key)].append(form)
            for group in members.values():
                if len(group) < 2 or any(
                    len(a.words) == len(b.words) and not _same_person_name(a.words, b.words)
                    for i, a in enumerate(group)
                    for b in group[i + 1 :]
                ):
                    continue
                first, *rest = sorted(group, key=lambda f: (-len(f.mentions), f.key))
                for form in rest:
                    if _compatible(self.cluster_votes(first.key), self.cluster_votes(form.key)):
                        self.join(first.key, form.key, "the same name, in full or short")

    def short_forms(self) -> None:
        """ "Assad" -> "Bashar al-Assad", "Hayat al-Tahrir" -> "Hayat Tahrir al-Sham"."""
        # word -> longer forms containing it (an index, so this stays near-linear)
        containing: dict[str, set[str]] = defaultdict(set)
        for form in self.forms.values():
            if len(form.words) > 1 and not form.acronym:
                for word in form.words:
                    containing[word].add(form.key)
        for form in sorted(self.forms.values(), key=lambda f: len(f.words)):
            place = form.key in lx.place_names()
            if form.acronym or not form.words or (place and not _named_as_no_place(form)):
                # A place named inside a longer name is that place; the longer name is
                # something else: "San Francisco" / "San Francisco Bay Area", "Sudan" /
                # "Republic of South Sudan".
                continue
            supersets = set.intersection(*(containing.get(w, set()) for w in form.words))
            fits: set[str] = set()
            for key in supersets:
                other = self.forms[key]
                if len(other.words) <= len(form.words) or not set(form.words) < set(other.words):
                    continue
                if len(form.words) == 1:
                    # One word stands for the last word of a personal (or team) name:
                    # never for a known place, an organisation's name, or mid-name words.
                    # Or a first name alone for the one person the story so names
                    # ("Hugh" for Hugh Jackman), unless it is used alone far more often
                    # than that name: then it is something else ("Oscar", the award,
                    # and a boy named Oscar Maximillian).
                    word = form.words[0]
                    if word in _KIND_WORDS:
                        # "Lake" of "Hidden Valley Lake", "County" of "Sonoma County": a
                        # word that says what kind of place a name is, no name ("Sonoma
                        # and Lake counties").
                        continue
                    if other.words[-1] != word and not (
                        other.words[0] == word
                        and word in lx.given_names()
                        and len(form.mentions) <= 2 * len(other.mentions)
                    ):
                        continue
                    if not self._name_like(other) or _after_preposition(other.key):
                        continue
                    if place and not (
                        other.words[-1] == word and _main_type(self.cluster_votes(key)) == "PERSON"
                    ):
                        continue  # "Jackson" of "Vincent Jackson": a surname, no city
                    fits.add(key)
                elif _compatible(self.cluster_votes(form.key), self.cluster_votes(key)):
                    fits.add(key)
            roots = {self.sets.find(k) for k in fits}
            if len(roots) > 1 and len(form.words) > 1:
                # "Red Sox" of "Boston Red Sox", not of a headline's "Red Sox for
                # Teixeira": a name the longer one ends with, if only one does; not
                # after a person's name ("the Clinton White House" is no White House).
                person = _main_type(self.cluster_votes(form.key)) == "PERSON"
                ending = {
                    k
                    for k in fits
                    if self.forms[k].words[-len(form.words) :] == form.words
                    and not self._person_form(self.forms[k].words[: -len(form.words)])
                    and (person or _main_type(self.cluster_votes(k)) != "PERSON")
                }
                if len({self.sets.find(k) for k in ending}) == 1:
                    fits, roots = ending, {self.sets.find(k) for k in ending}
            if len(roots) > 1 and len(form.words) == 1 and self._people(fits):
                # Several people share the surname: alone, it names the one the story
                # names far the most ("Hansbrough": Tyler's 40 mentions, Ben's 3). Not
                # so for places: "Aceh" is neither "Central Aceh" nor "West Aceh".
                fits = self._dominant(fits)
                roots = {self.sets.find(k) for k in fits}
            if len(roots) == 1:
                target = max(fits, key=lambda k: (len(self.forms[k].words), k))
                rule = "short form" if len(form.words) == 1 else "partial name"
                if place:
                    # A surname: the gazetteer's votes were for the city of that name.
                    gazetteer = PLACE_NAME_VOTE * len(form.mentions)
                    for votes in (form.votes, self.cluster_votes(form.key)):
                        votes["PLACE"] = max(votes["PLACE"] - gazetteer, 0)
                self.join(target, form.key, rule)
            elif roots and len(form.words) == 1 and self._people(fits):
                # "LaRue" of "Fred LaRue" and "Joyce LaRue": whose, the corpus cannot say,
                # but a person's: the surname of people only, a vote for each mention (as
                # the gazetteer gives a place's), over a few words of context around it.
                form.votes["PERSON"] += len(form.mentions)
                self.votes[self.sets.find(form.key)]["PERSON"] += len(form.mentions)

    def _person_form(self, words: Sequence[str]) -> bool:
        """Whether `words` are a name of the corpus that names a person."""
        key = " ".join(words)
        return key in self.forms and _main_type(self.cluster_votes(key)) == "PERSON"

    def _people(self, keys: set[str]) -> bool:
        """Whether the forms' entities are people (one at least; none something else)."""
        types = {_main_type(self.cluster_votes(k)) for k in keys}
        return "PERSON" in types and types <= {"PERSON", None}

    def _dominant(self, fits: set[str]) -> set[str]:
        """The forms of `fits` in the entity they mention the most, if it holds
        `_DOMINANT` of their mentions, else all of them."""
        weight: Counter[str] = Counter()
        for key in fits:
            weight[self.sets.find(key)] += len(self.forms[key].mentions)
        (root, top), *_ = sorted(weight.items(), key=lambda item: (-item[1], item[0]))
        if top < _DOMINANT * sum(weight.values()):
            return fits
        return {key for key in fits if self.sets.find(key) == root}

    def _name_like(self, form: _Form) -> bool:
        if form.key in lx.place_names() or any(w in lx.ORG_WORDS for w in form.words):
            return False
        return _main_type(self.cluster_votes(form.key)) in (None, "PERSON", "OTHER") or (
            2 <= len(form.words) <= 3
        )

    def corrections(self, corrections: Corrections) -> set[str]:
        for a, b in corrections.merges:
            ka, kb = normalise(a), normalise(b)
            if ka in self.forms and kb in self.forms:
                self.join(ka, kb, "merged by hand")
        return {normalise(s) for s in corrections.splits if normalise(s) in self.forms}


def _after_preposition(key: str) -> bool:
    """Whether a name's last word follows "of" ("Kingdom of God", "Children of Earth",
    "Friends of the Earth"): the word names something else, never a surname the name
    could be cut to. Not after a word for a town or a country ("City of Palmer")."""
    words = key.split()
    if len(words) > 2 and words[-2] == "the":
        words.pop(-2)
    return len(words) > 2 and words[-2] in ("of", "for") and words[0] not in _SETTLEMENTS


_SETTLEMENTS = frozenset("city town village borough county state republic province".split())
# A company's legal form, which its key leaves out ("Co", "Corp", "Inc").
_CORPORATE_ENDING = re.compile(r"\b(?:Co|Corp|CORP|CO)\.?$")


def _other_initials(a: str, b: str) -> bool:
    """Whether two names differ in an initial ("gary a moss" / "gary b moss"): two
    people, however alike the rest (`_Merger.given_names` joins initials that match)."""
    initials_a = [w for w in a.split() if len(w) == 1]
    initials_b = [w for w in b.split() if len(w) == 1]
    return (bool(initials_a) or bool(initials_b)) and initials_a != initials_b


def _person_word(word: str) -> bool:
    """A word of a person's name (lower case): no organisation's or place's word."""
    return not (
        word in lx.ORG_WORDS
        or word in lx.PLACE_LAST_WORDS
        or word in lx.PLACE_PLURALS
        or word in lx.FACILITY_LAST_WORDS
    )


def _given_match(a: str, b: str) -> bool:
    """Whether two given names may be one: the same, an initial of the other ("w" /
    "william"), or the short form of the other ("ben" / "benjamin", "fred" /
    "frederick")."""
    short, long = sorted((a, b), key=len)
    if short == long:
        return True
    if len(short) == 1:
        return long.startswith(short)
    if len(short) >= 3 and long.startswith(short) and short in lx.given_names():
        return True
    return _nickname(a, b)


@cache
def _nicknamer() -> Any:
    from nicknames import NickNamer  # a curated table of English given names' nicknames

    return NickNamer()


@lru_cache(maxsize=1 << 12)
def _nickname(a: str, b: str) -> bool:
    """Whether two given names are one: a nickname and its name ("jim" / "james",
    "terry" / "terence", "katie" / "kathryn"). Not two names that share a nickname: the
    table makes "fred" a nickname of "wilfred" and "will", so "Fred" is no "William"."""
    names = _nicknamer()
    return b in names.canonicals_of(a) or a in names.canonicals_of(b)


def _same_person_name(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether name words `a` and `b` (the same surname) may be one person's name written
    two ways: given names that match in order (`_given_match`), where the longer name may
    add initials ("james r dabney" / "james dabney") but no other word."""
    if a == b or a[-1] != b[-1]:
        return False
    short, long = sorted((a[:-1], b[:-1]), key=len)
    if not short:
        return False
    k = 0
    for word in long:
        if k < len(short) and _given_match(short[k], word):
            k += 1
        elif len(word) != 1:
            return False  # a word the shorter name does not have: "Mark Felt Jr" is no Mark Felt
    return k == len(short)


def _named_as_no_place(form: _Form) -> bool:
    """Whether a place's name ("Jackson", "Houston") is hardly ever written as a place:
    one word whose evidence of place, but for the gazetteer's own vote for each mention,
    comes to a tenth of its mentions at most ("in Jackson" adds to it). Such a word may be
    a person's surname."""
    mentions = len(form.mentions)
    context = form.votes.get("PLACE", 0) - PLACE_NAME_VOTE * mentions
    return len(form.words) == 1 and context <= mentions / 10


def _entity_type(
    votes: Counter[str], forms: Sequence[_Form], lowercase: Counter[str] | None = None
) -> EntityType:
    main = _main_type(votes)
    if main in ("PERSON", "ORG", "PLACE"):
        if votes[THING] > _THING_OVER * votes[main] and (main != "PLACE" or votes[main] == 1):
            # "the Doctor" 33 times and one stray vote for a place, "the MacBook Pro", "the
            # Endangered Species Act": a thing's name (a role, a title, a product, a
            # law). Not a place with evidence of its own: "the Gulf of Aden", "the
            # Middle East" are written with "the" too.
            return "OTHER"
        return main  # type: ignore[return-value]
    if votes[THING]:
        return "OTHER"  # "the Space Shuttle": no person, and no evidence of a kind
    names = [f for f in forms if len(f.words) >= 2 and not f.acronym]
    if names and lowercase and all(all(lowercase[w] for w in f.words) for f in names):
        # "Silver Clouds", "Rotten Tomatoes", "Space Shuttle": every word one the corpus
        # also writes in lower case, the name of a thing or a title, not of a person.
        return "OTHER"
    if names:
        return "PERSON"
    if votes[SIDE]:
        return "ORG"  # "Servette" of "Sion 3 Servette 1", and nothing else said of it
    return "OTHER"


def _canonical(forms: Sequence[_Form]) -> str:
    """The name the reports use in full: a name written in running text (not only in
    headlines), of two words or more (not an acronym), in the most reports; then the
    fullest, then the most mentioned. "Ellen DeGeneres" in nine reports, not "Ellen
    DeGeneres Returns" of one headline; "Gary Ross", not "Moviemaker Gary Ross" once.
    Not another name glued to one of the entity's by a hyphen ("Computerworld-Microsoft",
    a dateline run into its first word), however many words it has."""
    keys = {form.key for form in forms}

    def glued(surface: str) -> bool:
        # one word of two capitalised halves, one of them another form of the entity
        # (not "Bashar al-Assad", "Andrew Lloyd-Webber": a name's own hyphen)
        head, _, tail = surface.rpartition("-")
        return (
            " " not in surface
            and head[:1].isupper()
            and tail[:1].isupper()
            and (normalise(tail) in keys or normalise(head) in keys)
        )

    def rank(surface_form: tuple[str, _Form]) -> tuple[bool, bool, bool, int, int, int, str]:
        surface, form = surface_form
        used = [m for m in form.mentions if m.surface == surface]
        return (
            any(not m.headline for m in used),
            not glued(surface),
            not form.acronym and len(form.words) > 1,
            len({m.report for m in used}),
            0 if form.acronym else len(form.words),
            form.surfaces[surface],
            surface,
        )

    pairs = [(surface, form) for form in forms for surface in form.surfaces]
    return max(pairs, key=rank)[0]


def _led_by_org(name: str, org_words: set[str]) -> bool:
    """Whether a name of whole words opens with an organisation's one-word name and
    goes on with no title and no first name ("BBC America", "Intel Xeon"; not "NASA
    Administrator", a person by office, nor "NASA Bill Ingalls", a credit)."""
    words = name.split()
    if len(words) < 2 or normalise(words[0]) not in org_words:
        return False
    given = lx.given_names()
    return not any(is_title(w) or w.lower() in given for w in words[1:])


def merge_entities(
    candidates: Sequence[Candidate],
    corrections: Corrections | None = None,
    lowercase: Counter[str] | None = None,
) -> tuple[list[Entity], list[Mention]]:
    forms = _collect_forms(candidates, lowercase or Counter())
    merger = _Merger(forms)
    merger.defined_acronyms()
    merger.initials()
    merger.spelling_variants()
    merger.given_names()
    merger.short_forms()
    split = merger.corrections(corrections or Corrections())

    clusters: dict[str, list[_Form]] = defaultdict(list)
    for key, form in forms.items():
        # A form split off by hand stands alone; the rest of its entity stays together.
        root = SPLIT.of(key) if key in split else merger.sets.find(key)
        clusters[root].append(form)

    built: list[tuple[int, str, list[_Form], str]] = []
    for root, members in clusters.items():
        count = sum(len(f.mentions) for f in members)
        built.append((count, _canonical(members), members, root))
    built.sort(key=lambda item: (-item[0], item[1].lower()))

    all_votes: list[Counter[str]] = []
    for _, _, members, _ in built:
        votes: Counter[str] = Counter()
        for form in members:
            votes.update(form.votes)
        all_votes.append(votes)
    types = [
        _entity_type(votes, members, lowercase)
        for votes, (_, _, members, _) in zip(all_votes, built, strict=True)
    ]
    # The one-word names of organisations ("BBC", "Intel"): a longer name they open and
    # nothing types is the organisation's too ("BBC America", "Intel Xeon").
    org_words = {
        form.key
        for kind, (_, _, members, _) in zip(types, built, strict=True)
        if kind == "ORG"
        for form in members
        if len(form.words) == 1
    }
    entities: list[Entity] = []
    mentions: list[Mention] = []
    split_off = {merger.forms[k].surfaces.most_common(1)[0][0] for k in split}
    for number, (count, name, members, root) in enumerate(built, start=1):
        entity_id = make_entity_id(number)
        votes = all_votes[number - 1]
        kind = types[number - 1]
        if kind in ("PERSON", "PLACE") and not votes[kind] and _led_by_org(name, org_words):
            kind = "ORG"  # "BBC America", "Intel Xeon": the organisation's, no one's
        per_report: dict[str, int] = {}
        surfaces: Counter[str] = Counter()
        for form in members:
            surfaces.update(form.surfaces)
            # A plain dict, not a Counter (whose missing keys cost a Python call each):
            # this runs for every mention of the corpus.
            for cand in form.mentions:
                per_report[cand.report] = per_report.get(cand.report, 0) + 1
            mentions.extend(
                [Mention(entity_id, c.report, c.paragraph, c.start, c.end) for c in form.mentions]
            )
        reasons = [
            reason
            for reason in merger.reasons.get(root, [])
            if not SPLIT.marks(root) and not split_off & set(reason.forms)
        ]
        respelt = [f for f in members if len(f.surfaces) > 1]
        reasons.extend(MergeReason("same name, other spelling", tuple(f.surfaces)) for f in respelt)
        reports = sorted(per_report, key=id_number)
        entities.append(
            Entity(
                id=entity_id,
                name=name,
                type=kind,
                aliases=tuple(s for s, _ in surfaces.most_common()),
                mentions=count,
                reports=tuple(reports),
                merged_because=tuple(reasons),
                report_counts=tuple((r, per_report[r]) for r in reports),
            )
        )
    return entities, mentions
