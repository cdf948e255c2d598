"""Shared facts: link sentences of different reports that state the same thing.

Each sentence becomes clauses of terms (word stems, entities by id; see `terms`).
Candidate pairs come from an index of each sentence's rarest words (prefix
filtering), never from all pairs. A pair's score is the best IDF-weighted cosine
between runs of one to three clauses of each sentence, so a long sentence that states
two facts can match each of them. A match needs two shared terms, at least one a word;
the other may be a person or an organisation both name, never a place ("Damascus" and
one word link nothing). The organisations a paragraph cites ("told Reuters") are left
out: they say who reported it, not what it states. Numbers are terms that count as
names do ("23 pirates" on both sides is evidence, never enough alone). Clauses naming
different people or organisations on each side score lower, and so do sentences giving
another time or date for what they both time. Links above a floor are kept, so moving the
threshold (the reader's sensitivity) only re-clusters, without re-reading or
re-scoring.

Facts are stars of links (see `cluster_facts`): a centre sentence and the sentences
linked to it that matched on the same terms, so one sentence stating two facts belongs
to two facts and a large story never chains into one giant fact. Numbers, quantities
and dates that differ between a fact's sentences are recorded as discrepancies.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, replace
from itertools import chain

from tui.analysis.background import term_weights
from tui.analysis.descriptions import (
    capital_mentions,
    description_mentions,
    learn_capitals,
    learn_names,
    learn_roles,
    lower_case_mentions,
)
from tui.analysis.quantities import discrepancies, may_state_a_value, states_a_time
from tui.analysis.terms import SentenceTerms, sentence_terms, stage_terms, with_details
from tui.model.document import UNANALYSED_KINDS, Paragraph, Report
from tui.model.entities import Mention
from tui.model.facts import Discrepancy, Fact, FactLink
from tui.model.ids import (
    ENTITY_TERM,
    NUMBER_TERM,
    id_number,
    is_name_term,
    sentence_order,
    term_entity,
)
from tui.model.ids import fact_id as make_fact_id
from tui.model.pickling import compact_pickle
from tui.model.tags import CitedSource

# The reader's default sensitivity. ECB+ development topics (score --part facts), 0.4 ->
# 0.3 with `_THIN` and the conflict penalty scaled with it: same-fact recall 0.224 ->
# 0.330 at precision 0.945 -> 0.921 (TF-IDF within each gold story at that precision:
# 0.124), facts across two gold stories 0.6% -> 0.7%, sentences in no fact 26% -> 17%;
# own lookalike pairs (bench/fact_pairs_eval.py, in one fact) accuracy 0.573 -> 0.583,
# F1 0.554 -> 0.602. Near-duplicate facts rise (bench/fact_duplicates.py 0.17 -> 0.21).
DEFAULT_THRESHOLD = 0.3
# Links scoring below this are not kept: the lowest threshold the reader offers.
LINK_FLOOR = 0.2
# Two links are one fact when the terms they matched on overlap this much, in this many
# terms at least: one shared word ("prisoners") does not make a quotation and the
# narrative around it one fact (ECB+ development topics: facts sharing half their
# sentences with another 0.189 -> 0.135, precision 0.928 -> 0.931, recall 0.190 ->
# 0.187, facts across two gold stories 1.03% -> 0.94%).
_SAME_FACT_OVERLAP = 0.3
_SAME_FACT_MIN_TERMS = 2
# A fact of this many sentences or more, this share of which another fact holds, is that
# fact when the terms the two matched on overlap this much (Jaccard; `_unsubsumed`).
# Chosen on the ECB+ development topics 1-35: facts sharing half their sentences or more
# with another 34% -> 19%, recall 0.178 -> 0.190 at precision 0.937 -> 0.928; on topics
# 36-45 (not tuned on) 40% -> 22%. With no terms condition the seeds' quotation of the
# rebels and the prison's capture around it became one fact. Half rather than 0.6 once the
# story's protagonist counted in a match (`_PERSON_FLOOR`) made more stars of one
# statement: near-duplicates 26.6% -> 24.6% (topics 36-45: 25.6% -> 24.2%), recall 0.529
# -> 0.538 at precision 0.897 -> 0.892.
_NEAR_SAME_SIZE = 3
_NEAR_SAME = 0.5
_NEAR_SAME_TERMS = 0.3
# A number a window states counts this share of its weight in the window's mass (the
# norm of a pair's value): shared, it is evidence in full ("23 pirates" on both sides);
# unshared, it is less against a match than an unshared word, as two reports of one
# fact often give other figures (a discrepancy to show). ECB+ development topics, with
# numbers as terms: precision 0.931 -> 0.938 and recall 0.187 -> 0.205 at 1; 0.929 and
# 0.217 at 0.5, which keeps "about 150 vehicles" / "some 200 vehicles" one fact.
_NUMBER_MASS = 0.5
_MAX_WINDOW = 3
_MIN_SHARED = 2
# ...of which at least this many words: the rest may be people or organisations named on
# both sides (a participant is evidence: "Thomas was placed on IR" / "Thomas was placed
# on injured reserve") or numbers above two both state ("12 people had been killed" / "12
# people were killed", said by a cited source: no participant); places and adjectives of
# place never count ("Damascus", "Syrian"). ECB+ development topics, such numbers
# counted (and indexed as cues): same fact P 0.899 -> 0.901, R 0.412 -> 0.422; same
# event P 0.910 -> 0.915, R 0.387 -> 0.397; wrong "unique" marks 0.057 -> 0.053; facts
# sharing half their sentences with another 0.236 -> 0.232 (topics 36-45, not tuned on:
# 0.259 -> 0.235). With one and two as well, "two residents said" was a match of its own.
_MIN_WORDS = 1
# Each sentence is indexed by this many of its rarest words.
_PREFIX = 6
# A word in more sentences' prefixes than this pairs too many to be telling.
_MAX_POSTING = 100
# Each sentence is scored against at most this many of its closest candidates.
_MAX_CANDIDATES = 30
# A matched clause pair naming different people or organisations on each side
# ("Colts beat Chiefs" / "Colts beat Jaguars") is about another event: its score is cut,
# so that only a match that would score 0.8 stays a fact at the default sensitivity
# (0.3 / 0.375), as at 0.4 / 0.5 before.
_CONFLICT_PENALTY = 0.375
# ...unless the match shares this many words or more besides the names: then the two
# state the same thing and name other people around it ("Gomes was arrested on Tuesday
# after investigators found him barricaded in Mendes's apartment" / "the District
# Attorney said ... Gary Gomes was arrested at another house where he was found
# barricaded"). Our fact pairs, each alone (bench/fact_pairs_eval.py --alone):
# accuracy / F1 0.720 / 0.789 -> 0.727 / 0.796; ECB+ development topics unchanged (at 3:
# same-fact recall 0.539 -> 0.544 at precision 0.892 -> 0.891, the pairs 0.724 / 0.794).
_CONFLICT_MAX_WORDS = 4
# A link matched on this many shared words or fewer, and no participant, weighs this
# share of its match: two words ("freed", "prisoners") are thin evidence, and at the
# default sensitivity such a link needs a match of 0.45. Without it, at 0.3, the seeds'
# "We celebrate" quotation joins the prison's capture around it. ECB+ development topics
# with `_SMALLER_SIDE` 0.7: 3/4 and 2/3 give the same recall (0.355, 0.354) at the same
# precision (0.911).
_THIN_TERMS = 2
_THIN = 0.67
_PARTICIPANT_TYPES = frozenset({"PERSON", "ORG"})
# A match sharing a person both sentences name (not one cited as a source) needs this
# share of the mass that counts as full evidence: who did it and what was done is the
# event ("President Bashar al-Assad has reportedly fled the country" / "The Syrian
# president has fled Damascus on a plane"), where the same two words without the person
# are thin. ECB+ development topics (score --part facts): same-fact recall 0.350 -> 0.400
# at precision 0.910 -> 0.900; wrong "unique" marks 0.078 -> 0.059 (bench/unique_ecb.py);
# our lookalike pairs in one fact 0.606 -> 0.591 (bench/fact_pairs_eval.py). For an
# organisation too ("HTS" and "rebel") precision fell further and the seeds' unique
# Golani quotation joined HTS's announcement; at 0.7 recall was 0.383. An organisation
# counts so with `_ORG_WORDS` shared words besides ("the Colts released receiver
# Harrison" / "Harrison, a receiver, was released by the Colts"): recall 0.400 -> 0.408
# at precision 0.898 -> 0.899 (same event: 0.375 -> 0.383 at 0.908 -> 0.910). With two
# words recall was 0.418, but a name mistyped as an organisation ("The Geysers", a
# place) and "quake" and "miles" joined a year-old 3.0 quake and a 2.0 aftershock to
# the 4.4 one (topic 38, not tuned on: a false magnitude discrepancy).
_SHARED_PERSON = 0.5
# The least weight of a person both sentences of a match name, as a share of the median
# term's weight (`_Scorer.enough`): the people a story is about are named in many of its
# sentences, so their IDF weight is low, yet a person and what they did are the event
# ("President Bashar al-Assad has reportedly fled the country" / "The Syrian president has
# fled Damascus on a plane ..."). ECB+ development topics, same fact: recall 0.426 ->
# 0.535 at precision 0.906 -> 0.898 (0.1: 0.462 at 0.906; 0.2: 0.517 at 0.899; 0.3: 0.535
# at 0.898). More lookalikes are linked on a person and one word ("Jeffs stood mute" /
# "Jeffs stood trial"): on the labelled pairs of tests/data, 1 more hard negative wrong.
_PERSON_FLOOR = 0.25
_ORG_WORDS = 3
# Details whose disagreement makes two sentences lookalikes, not one fact (`_told_apart`).
_TIMING = frozenset({"time", "date"})
# Two sentences giving another time or date for what they both time score this share of
# their match: at the default sensitivity only a match of 0.9 stays a fact (and shows the
# disagreement: "150 vehicles left on Saturday" / "200 vehicles left on Sunday"), where
# "appeared in court on Monday" / "on Friday" is another hearing. It was
# `_CONFLICT_PENALTY` (a match of 0.8) until two short reports compared alone weighed
# their shared words by English at large too (`tui.analysis.background`), which scores
# such pairs higher. ECB+ development topics: no figure moves.
_TIME_PENALTY = 1 / 3
# What a match keeps when each sentence names a stage of the story and they name none in
# common (data/stages.txt): "was convicted" / "was sentenced", "is negotiating" / "was hired".
_STAGE_PENALTY = 1 / 3
# A window pair's value is the mass it shares over (the smaller window's mass ** this x
# the larger's ** (1 - this)): nearer the share of the smaller window than a cosine (0.5)
# is, so a sentence that adds detail ("fled Damascus on a plane for an unknown
# destination") still restates a shorter one ("has fled the country"). Chosen on the
# ECB+ development topics: at 0.4 (no `_THIN`), 0.5 -> 0.6 took recall 0.15 -> 0.17 at
# precision 0.94; at 0.3 with `_THIN`, 0.6 -> 0.7 takes it 0.334 -> 0.354 at precision
# 0.923 -> 0.911, wrong "unique" marks 0.087 -> 0.080, our lookalike pairs in one fact
# 0.583 -> 0.604 (F1 0.602 -> 0.632), near-duplicate facts 0.205 -> 0.214; 0.8 adds
# little recall (0.379 at 0.904) and more near-duplicates (0.231).
_SMALLER_SIDE = 0.7


@compact_pickle
@dataclass(frozen=True, slots=True)
class FactAnalysis:
    links: tuple[FactLink, ...]
    facts: tuple[Fact, ...]
    sentence_facts: Mapping[str, tuple[str, ...]]
    threshold: float


# words, names, weight mass, the people and the organisations it names (and its mass to
# the powers of `_powers`)
_Window = tuple[frozenset[str], frozenset[str], float, frozenset[str], frozenset[str], float, float]
# Bounds are compared with this much slack, so rounding can never prune the best match.
_BOUND_SLACK = 1 + 1e-9


def _split(terms: Iterable[str]) -> tuple[frozenset[str], frozenset[str]]:
    terms = set(terms)
    names = frozenset(t for t in terms if is_name_term(t) or NUMBER_TERM.marks(t))
    return frozenset(terms - names), names


def _windows(clauses: Sequence[tuple[str, ...]]) -> set[frozenset[str]]:
    """The sentence and every run of one to three consecutive clauses, as term sets."""
    windows = {frozenset(t for c in clauses for t in c)}
    for size in range(1, _MAX_WINDOW + 1):
        for i in range(len(clauses) - size + 1):
            windows.add(frozenset(t for c in clauses[i : i + size] for t in c))
    return windows


class _Scorer:
    def __init__(
        self,
        sentences: Sequence[SentenceTerms],
        entity_types: Mapping[str, str],
        cited: Mapping[str, Sequence[CitedSource]] | None = None,
    ) -> None:
        self.entity_types = entity_types
        terms = [item.terms for item in sentences]
        df: Counter[str] = Counter()
        for found in terms:
            df.update(found)
        total = len(sentences)
        self.weight = term_weights(df, total)
        # What each term weighs in a window's mass (`_NUMBER_MASS`).
        self.mass_weight = {
            t: w * _NUMBER_MASS if NUMBER_TERM.marks(t) else w for t, w in self.weight.items()
        }
        self.df = df
        # Shared mass that counts as full evidence: the weight of the median term.
        weights = sorted(self.weight.values())
        self.enough = weights[len(weights) // 2] if weights else 1.0
        # What a person weighs in a match besides their weight, when both sentences name
        # them as a participant (`_PERSON_FLOOR`).
        floor = self.enough * _PERSON_FLOOR
        self.lifted = {
            t: floor - w
            for t, w in self.weight.items()
            if w < floor and is_name_term(t) and entity_types.get(term_entity(t)) == "PERSON"
        }
        self.split = [_split(found) for found in terms]
        # The people and organisations each sentence names, but for those its paragraph
        # cites (`cited`): "told Reuters" says who reported it, not who took part.
        sources: dict[str, frozenset[str]] = {}
        for paragraph, cites in (cited or {}).items():
            sources[paragraph] = frozenset(
                ENTITY_TERM.of(source.entity) for source in cites if source.entity
            )
        self.participants = [
            self._participants(names) - sources.get(item.paragraph, frozenset())
            for (_, names), item in zip(self.split, sentences, strict=True)
        ]
        # What a match may count besides its words (`_MIN_SHARED`): the participants, and
        # the numbers the sentence states ("12 people had been killed" / "12 people were
        # killed": a count and what it counts are one statement).
        self.anchors = [
            parts | frozenset(t for t in names if _telling_number(t))
            for parts, (_, names) in zip(self.participants, self.split, strict=True)
        ]
        self.clauses = [item.clauses for item in sentences]
        # What each number a sentence states counts (`_counted`): made when first asked.
        self._counted: list[dict[str, frozenset[str]] | None] = [None] * total
        # Made when a sentence is first scored: many sentences are never a candidate.
        self._windows: list[list[_Window] | None] = [None] * total
        # The least mass of each sentence's windows (made with them): a bound on a pair.
        self._least: list[float] = [0.0] * total

    def windows(self, i: int) -> list[_Window]:
        """Sentence i's clause windows that could match: a word and a participant, or more."""
        found = self._windows[i]
        if found is None:
            found = self._windows[i] = self._make_windows(i)
            self._least[i] = min((window[2] for window in found), default=0.0)
        return found

    def _make_windows(self, i: int) -> list[_Window]:
        mass_weight = self.mass_weight
        all_names = self.split[i][1]
        all_persons, all_orgs = self._kind(all_names, "PERSON"), self._kind(all_names, "ORG")
        all_parts = self.anchors[i]
        windows = []
        for window in _windows(self.clauses[i]):
            names = window & all_names
            words = window - names
            if len(words) >= _MIN_WORDS and len(words) + len(names & all_parts) >= _MIN_SHARED:
                mass = math.fsum(map(mass_weight.__getitem__, window))
                windows.append(
                    (words, names, mass, names & all_persons, names & all_orgs, *_powers(mass))
                )
        return windows

    def _participants(self, names: frozenset[str]) -> frozenset[str]:
        types = self.entity_types
        return frozenset(t for t in names if types.get(term_entity(t)) in _PARTICIPANT_TYPES)

    def counted(self, i: int) -> dict[str, frozenset[str]]:
        """What each number sentence i states counts (`_counted`)."""
        found = self._counted[i]
        if found is None:
            found = self._counted[i] = _counted(self.clauses[i])
        return found

    def _same_counts(
        self, i: int, j: int, anchored: frozenset[str], taking: frozenset[str]
    ) -> frozenset[str]:
        """`anchored` without the numbers that count other things on each side ("six
        miles west of Cobb" / "six smaller ones")."""
        counted_i, counted_j = self.counted(i), self.counted(j)
        other = frozenset(
            t
            for t in anchored - taking
            if counted_i.get(t) and counted_j.get(t) and not counted_i[t] & counted_j[t]
        )
        return anchored - other

    def cues(self) -> list[frozenset[str]]:
        """What each sentence can match on (`_candidate_pairs`): its words, the people
        and organisations it names and the numbers it states (`anchors`)."""
        return [words | parts for (words, _), parts in zip(self.split, self.anchors, strict=True)]

    def _kind(self, names: frozenset[str], kind: str) -> frozenset[str]:
        return frozenset(t for t in names if self.entity_types.get(term_entity(t)) == kind)

    def score(self, i: int, j: int, least: float = 0.0) -> tuple[float, frozenset[str]]:
        """The best clause-window match of sentences i and j (0 when they share too little,
        or when no match reaches `least`: window pairs that cannot are not looked at).

        Names alone ("Damascus", "Syrian") never make two clauses one fact: a match needs
        two shared terms, at least one a word, the other a word or a person or
        organisation named on both sides (not one the paragraph cites as its source).
        """
        common = self.split[i][0] & self.split[j][0]
        taking = self.participants[i] & self.participants[j]
        anchored = self.anchors[i] & self.anchors[j]
        if anchored - taking:
            anchored = self._same_counts(i, j, anchored, taking)
        if len(common) < _MIN_WORDS or len(common) + len(anchored) < _MIN_SHARED:
            return 0.0, frozenset()
        weight = self.weight
        enough = self.enough
        # A person both sentences name weighs at least `_PERSON_FLOOR` of the median term
        # (`lifted`): what each such person adds to a match's mass.
        lifted = self.lifted
        lift = {t: lifted[t] for t in taking if t in lifted} if taking and lifted else None

        def mass_of(terms: frozenset[str]) -> float:
            # fsum: exact, so the result never depends on the sets' iteration order.
            found = math.fsum(map(weight.__getitem__, terms))
            if lift and not terms.isdisjoint(lift):
                found += math.fsum([lift[t] for t in terms if t in lift])
            return found

        if taking and (
            len(common) >= _ORG_WORDS
            or any(self.entity_types.get(term_entity(t)) == "PERSON" for t in taking)
        ):
            enough *= _SHARED_PERSON  # a bound: see `_SHARED_PERSON`
        # The names (and numbers) both sentences hold: all a window can share of its own.
        named = self.split[i][1] & self.split[j][1]
        windows_i, windows_j = self.windows(i), self.windows(j)
        if not windows_i or not windows_j:
            return 0.0, frozenset()
        if least > 0.0:
            # First a bound on the whole pair: no window pair shares more than the two
            # sentences do, and its norm is at least that of their lightest windows (the
            # norm grows with either mass). Half the candidates stop here.
            reach = mass_of(common | named)
            light, heavy = sorted((self._least[i], self._least[j]))
            norm = light**_SMALLER_SIDE * heavy ** (1 - _SMALLER_SIDE)
            bound = reach / norm * _BOUND_SLACK if norm > 0.0 else math.inf
            if bound < least or bound * reach < least * enough:
                return 0.0, frozenset()
        # A window pair's shared mass is at most the smaller of what each window can
        # share (its common words and names: `reach`), so its value is at most
        # reach / norm * min(1, reach / enough) (norm: see `_SMALLER_SIDE`): pairs whose
        # bound cannot reach the best value so far (or `least`) are skipped, and the
        # result is the same, found sooner.
        side_b = []
        for words, names, mass, persons, orgs, high, low in windows_j:
            part = words & common
            if len(part) >= _MIN_WORDS and len(part) + len(names & anchored) >= _MIN_SHARED:
                reach = mass_of(part | (names & named))
                side_b.append((part, names, mass, persons, orgs, reach, high, low))
        if not side_b:
            return 0.0, frozenset()
        side_a = []
        for words, names, mass, persons, orgs, high, low in windows_i:
            part = words & common
            if len(part) >= _MIN_WORDS and len(part) + len(names & anchored) >= _MIN_SHARED:
                reach = mass_of(part | (names & named))
                side_a.append((part, names, mass, persons, orgs, reach, high, low))
        best, best_shared, best_mass = 0.0, frozenset[str](), 0.0
        limit = least  # a pair must reach this: `least`, then the best value so far
        for part, names, mass_a, persons, orgs, reach_a, high_a, low_a in side_a:
            for part_b, names_b, mass_b, persons_b, orgs_b, reach_b, high_b, low_b in side_b:
                reach = reach_a if reach_a < reach_b else reach_b
                norm = high_a * low_b if mass_a <= mass_b else high_b * low_a
                bound = reach / norm * _BOUND_SLACK
                if bound < limit or bound * reach < limit * enough:
                    continue  # bound * min(1, reach / enough) < limit
                shared = part & part_b
                if len(shared) < _MIN_WORDS:
                    continue
                both = names & names_b
                if len(shared) + len(both & anchored) < _MIN_SHARED:
                    continue
                shared |= both
                mass = mass_of(shared)
                # Two rare words in a tiny clause are less evidence than six in a long one.
                evidence = self.enough
                if both & persons & taking or (
                    both & orgs & taking and len(shared - both) >= _ORG_WORDS
                ):
                    evidence *= _SHARED_PERSON  # who (and what) is the event
                value = mass / norm * min(1.0, mass / evidence)
                if (
                    value > best
                    and len(shared - both) < _CONFLICT_MAX_WORDS
                    and (
                        (persons - names_b and persons_b - names)
                        or (orgs - names_b and orgs_b - names)
                    )
                ):
                    # Each side names a person (or organisation) the other does not.
                    value *= _CONFLICT_PENALTY
                if value < least:
                    continue
                if value > best or (
                    value == best and _better_tie(shared, mass, best_shared, best_mass)
                ):
                    best, best_shared, best_mass = value, shared, mass
                    limit = best
        return best, best_shared


def _counted(clauses: Sequence[tuple[str, ...]]) -> dict[str, frozenset[str]]:
    """Each number term of the clauses -> the terms right before and after it (what it
    counts or measures: "#:6" -> {"strike", "mile"} in "struck six miles west of Cobb";
    "#:4.4" -> {"magnitud"} in "magnitude 4.4" and in "a 4.4-magnitude quake")."""
    found: dict[str, set[str]] = defaultdict(set)
    for clause in clauses:
        for k, term in enumerate(clause):
            if NUMBER_TERM.marks(term):
                found[term].update(clause[max(0, k - 1) : k] + clause[k + 1 : k + 2])
    return {term: frozenset(around) for term, around in found.items()}


def _telling_number(term: str) -> bool:
    """Whether a term is a number that can stand for what a clause states ("12 people
    had been killed"): not one or two, which count anything ("two residents said")."""
    value = NUMBER_TERM.value(term)
    if value is None:
        return False
    if value.endswith("+"):
        return False  # "hundreds of", "dozens of": how many, roughly; anything has them
    return not value.isdecimal() or int(value) > 2  # isdigit() holds for "²", int() fails


def _powers(mass: float) -> tuple[float, float]:
    """A window's mass to the powers its pair's norm takes it to: as the smaller window,
    and as the larger (`_SMALLER_SIDE`)."""
    return mass**_SMALLER_SIDE, mass ** (1 - _SMALLER_SIDE)


def _better_tie(
    shared: frozenset[str], mass: float, best: frozenset[str], best_mass: float
) -> bool:
    """Of two matches with the same value, the one sharing more mass, then the first in
    sorted order: the same answer whatever order the sets were visited in."""
    if mass != best_mass:
        return mass > best_mass
    return sorted(shared) < sorted(best)


def _candidate_pairs(
    sentences: Sequence[SentenceTerms],
    df: Mapping[str, int],
    words: Sequence[frozenset[str]] | None = None,
) -> set[tuple[int, int]]:
    """Pairs of sentences in different reports that may state the same fact.

    Prefix filtering: each sentence's few rarest words are its prefix. Two sentences are
    a candidate when they share at least two words, each in the prefix of one of them.
    The index holds prefixes only, so it grows with the corpus, not with the number of
    pairs, and a story's common words cannot flood it.
    """
    if words is None:  # each sentence's terms that are not names
        words = [_split(item.terms)[0] for item in sentences]
    words_of: list[list[str]] = []
    all_postings: dict[str, list[int]] = defaultdict(list)
    prefix_postings: dict[str, list[int]] = defaultdict(list)
    for index, found in enumerate(words):
        # Words in no other sentence cannot pair it with anything.
        ranked = [t for t in found if df[t] > 1]
        ranked.sort(key=lambda t: (df[t], t))
        words_of.append(ranked)
        for term in ranked:
            all_postings[term].append(index)
        for term in ranked[:_PREFIX]:
            prefix_postings[term].append(index)
    weight = term_weights(df, len(sentences))
    word_sets = [frozenset(ranked) for ranked in words_of]
    pairs: set[tuple[int, int]] = set()
    report_of = [item.report for item in sentences]
    for i, ranked in enumerate(words_of):
        report = report_of[i]
        # Each shared word counts once: through our prefix, or else through theirs.
        lists = []
        for rank, term in enumerate(ranked):
            members = (all_postings if rank < _PREFIX else prefix_postings).get(term, ())
            if len(members) <= _MAX_POSTING:
                lists.append(members)
        hits = Counter(chain.from_iterable(lists))
        close = [j for j, count in hits.items() if count >= _MIN_SHARED and report_of[j] != report]
        if len(close) > _MAX_CANDIDATES:
            # Only the closest few: a sentence of a big story need not meet every
            # retelling of it to be linked, and the work stays linear in sentences.
            mine = word_sets[i]

            def closeness(j: int, mine: frozenset[str] = mine) -> float:
                return math.fsum(map(weight.__getitem__, mine & word_sets[j]))

            close = heapq.nlargest(_MAX_CANDIDATES, close, key=closeness)
        pairs.update((min(i, j), max(i, j)) for j in close)
    return pairs


def find_fact_links(
    reports: Sequence[Report],
    mentions: Mapping[str, Sequence[Mention]],
    entity_types: Mapping[str, str] | None = None,
    apart: Mapping[str, str] | None = None,
    cited: Mapping[str, Sequence[CitedSource]] | None = None,
) -> tuple[list[FactLink], dict[str, SentenceTerms]]:
    """The links between sentences of different reports, and every sentence's terms.
    `apart`: the part of each report in one (`tui.model.stories.Story.parts`); no link
    joins reports of two parts with the same prefix. `cited`: the sources each paragraph
    cites (`tui.analysis.attribution`), which are not participants of what it states."""
    sentences: list[SentenceTerms] = []
    roles = learn_roles(reports, mentions, entity_types or {})
    names = learn_names(reports, mentions)
    capitals = learn_capitals(reports, mentions, entity_types or {})
    for report in reports:
        for paragraph in report.paragraphs:
            if paragraph.kind in UNANALYSED_KINDS:
                continue
            found = mentions.get(paragraph.id, ())
            described = description_mentions(report, paragraph, roles, found)
            described += lower_case_mentions(report, paragraph, names, found)
            described += capital_mentions(report, paragraph, capitals, found)
            if described:  # "the Syrian president": the person the story calls so
                found = tuple(sorted((*found, *described), key=lambda m: m.start))
            outlets = _cited_outlets(paragraph.id, cited, entity_types or {})
            for sentence in paragraph.sentences:
                item = sentence_terms(report, paragraph, sentence, found, details=False)
                if outlets:
                    item = _without(item, outlets)
                if item.clauses:
                    sentences.append(item)
    scorer = _Scorer(sentences, entity_types or {}, cited)
    stage = stage_terms()
    stages = [frozenset(stage[t] for t in item.terms if t in stage) for item in sentences]
    links: list[FactLink] = []
    for i, j in _candidate_pairs(sentences, scorer.df, scorer.cues()):
        if apart and _across_seam(apart, sentences[i].report, sentences[j].report):
            continue
        value, shared = scorer.score(i, j, LINK_FLOOR)
        if stages[i] and stages[j] and not stages[i] & stages[j]:
            # "charged" / "convicted", "in negotiations" / "hired": two stages of one
            # affair, each a fact of its own
            value *= _STAGE_PENALTY
        if len(shared) <= _THIN_TERMS and not any(map(is_name_term, shared)):
            # kept at the floor at least: still there at the lowest sensitivity
            value = max(value * _THIN, min(value, LINK_FLOOR))
        if value >= LINK_FLOOR:
            a, b = sorted((sentences[i].sentence.id, sentences[j].sentence.id), key=sentence_order)
            # At most 1, as the sensitivity runs: a match can weigh more than its
            # windows' norm, whose numbers count for half (`_NUMBER_MASS`).
            links.append(FactLink(a, b, min(value, 1.0), shared))
    by_id = {item.sentence.id: item for item in sentences}
    links = _told_apart(links, by_id, reports, mentions)
    links += _verbatim_links(sentences, links, apart)
    links.sort(key=lambda link: (sentence_order(link.a), sentence_order(link.b)))
    return links, by_id


# A sentence of this many terms or more that another report prints in the same terms
# states the same thing (`_verbatim_links`), however common its words.
_VERBATIM_TERMS = 2


def _verbatim_links(
    sentences: Sequence[SentenceTerms],
    links: Sequence[FactLink],
    apart: Mapping[str, str] | None,
) -> list[FactLink]:
    """Links, scored 1, between sentences of different reports that are the same terms
    in the same clauses, in order: the same words but for function words ("Dozens have
    been reported injured.", "He will be sentenced November 8."), too few telling
    words for the matching, yet plainly one statement. Each joins the first
    report's sentence that prints them (a star, however many reports copy it); pairs
    already linked are left as they are."""
    first: dict[tuple[tuple[str, ...], ...], SentenceTerms] = {}
    found: list[FactLink] = []
    linked = {(link.a, link.b) for link in links}
    for item in sentences:
        if sum(map(len, item.clauses)) < _VERBATIM_TERMS:
            continue
        earlier = first.setdefault(item.clauses, item)
        if earlier is item or earlier.report == item.report:
            continue
        if apart and _across_seam(apart, earlier.report, item.report):
            continue
        a, b = sorted((earlier.sentence.id, item.sentence.id), key=sentence_order)
        if (a, b) not in linked:
            found.append(FactLink(a, b, 1.0, item.terms))
    return found


def _told_apart(
    links: list[FactLink],
    sentences: dict[str, SentenceTerms],
    reports: Iterable[Report],
    mentions: Mapping[str, Sequence[Mention]],
) -> list[FactLink]:
    """The links, each between two sentences that give another time or date for what
    they both time ("charged on Monday" / "charged on Friday": another stage, or another
    event of the same kind) scored lower (`_TIME_PENALTY`); those then under the floor
    are dropped. A match strong enough
    to stay a fact shows the disagreement as a discrepancy. The values are read only for
    linked sentences that both give a time or a date (into `sentences`: the facts need
    them later)."""
    if not links:
        return links
    texts = {report.id: report.text for report in reports}
    timed: dict[str, bool] = {}

    def gives_time(sentence_id: str) -> bool:
        found = timed.get(sentence_id)
        if found is None:
            item = sentences[sentence_id].sentence
            text = texts[sentences[sentence_id].report][item.start : item.end]
            found = timed[sentence_id] = states_a_time(text)
        return found

    both = [link for link in links if gives_time(link.a) and gives_time(link.b)]
    if not both:
        return links
    read_details(sentences, {s for link in both for s in (link.a, link.b)}, reports, mentions)
    kept = []
    for link in links:
        a, b = sentences[link.a], sentences[link.b]
        if timed[link.a] and timed.get(link.b, False) and _times_differ(a, b):
            value = link.score * _TIME_PENALTY
            if value < LINK_FLOOR:
                continue
            link = replace(link, score=value)
        kept.append(link)
    return kept


def _times_differ(a: SentenceTerms, b: SentenceTerms) -> bool:
    """Whether the two sentences give different times or dates for one thing."""
    timed_a = [d for d in a.details or () if d.kind in _TIMING]
    timed_b = [d for d in b.details or () if d.kind in _TIMING]
    if not timed_a or not timed_b:
        return False
    return any(
        found.kind in _TIMING for found in discrepancies(((a.report, timed_a), (b.report, timed_b)))
    )


def _cited_outlets(
    paragraph: str, cited: Mapping[str, Sequence[CitedSource]] | None, types: Mapping[str, str]
) -> frozenset[str]:
    """The terms of the organisations a paragraph cites ("told Reuters", "according to
    the ministry"): who reported what it states, not what it states."""
    if not cited:
        return frozenset()
    return frozenset(
        ENTITY_TERM.of(source.entity)
        for source in cited.get(paragraph, ())
        if source.entity and types.get(source.entity) == "ORG"
    )


def _without(item: SentenceTerms, terms: frozenset[str]) -> SentenceTerms:
    clauses = tuple(kept for c in item.clauses if (kept := tuple(t for t in c if t not in terms)))
    return replace(item, clauses=clauses)


def compared_sentences(
    links: Iterable[FactLink],
    threshold: float,
    sentences: Mapping[str, SentenceTerms],
    reports: Iterable[Report],
) -> set[str]:
    """The sentences whose values a fact may compare at `threshold`: those of the links
    there (values are compared between linked sentences only) whose two sentences may
    both state a value (`may_state_a_value`); reading the others' details would find
    nothing to compare."""
    texts = {report.id: report.text for report in reports}
    valued: dict[str, bool] = {}

    def may(sentence_id: str) -> bool:
        found = valued.get(sentence_id)
        if found is None:
            item = sentences[sentence_id]
            text = texts[item.report][item.sentence.start : item.sentence.end]
            found = valued[sentence_id] = may_state_a_value(text)
        return found

    return {
        s
        for link in links
        if link.score >= threshold and link.a in sentences and link.b in sentences
        if may(link.a) and may(link.b)
        for s in (link.a, link.b)
    }


def read_details(
    sentences: dict[str, SentenceTerms],
    ids: Iterable[str],
    reports: Iterable[Report],
    mentions: Mapping[str, Sequence[Mention]],
) -> None:
    """The values the sentences `ids` state, read into `sentences` where they are not
    yet (`tui.analysis.terms.with_details`: only the sentences a fact holds need them,
    a third of those of a story or less)."""
    wanted = {s for s in ids if sentences[s].details is None}
    if not wanted:
        return
    paragraphs = {sentences[s].paragraph for s in wanted}
    where: dict[str, tuple[Report, Paragraph]] = {
        p.id: (r, p) for r in reports for p in r.paragraphs if p.id in paragraphs
    }
    for sentence_id in wanted:
        item = sentences[sentence_id]
        report, paragraph = where[item.paragraph]
        sentences[sentence_id] = with_details(
            item, report, paragraph, mentions.get(paragraph.id, ())
        )


def _across_seam(apart: Mapping[str, str], a: str, b: str) -> bool:
    """Whether reports a and b lie in two parts of one story that facts do not join."""
    part_a, part_b = apart.get(a), apart.get(b)
    return (
        part_a is not None
        and part_b is not None
        and part_a != part_b
        and part_a.split(".")[0] == part_b.split(".")[0]
    )


def _overlaps(a: frozenset[str], b: frozenset[str]) -> bool:
    both = len(a & b)
    return both >= _SAME_FACT_MIN_TERMS and both >= _SAME_FACT_OVERLAP * min(len(a), len(b))


def cluster_facts(
    links: Iterable[FactLink],
    sentences: Mapping[str, SentenceTerms],
    threshold: float = DEFAULT_THRESHOLD,
    first: int = 1,
    apart: Mapping[str, str] | None = None,
) -> tuple[list[Fact], dict[str, tuple[str, ...]]]:
    """Facts from the links at or above `threshold`, without chaining, numbered from
    `first` (a story's facts follow those of the stories before it).

    Star clustering: the best-linked sentences become centres, and a fact is a centre
    with the sentences linked to it directly, grouped by what the links matched on (so
    a centre stating two facts makes two). A fact thus never spans more than two links,
    however many similar sentences a large story has; every link lies inside a fact; and
    a candidate fact whose sentences another fact already holds is dropped. With
    `apart` (the parts of the story's reports: see `find_fact_links`), no fact holds
    reports of two parts that no link may join, even through a centre in neither.
    """
    neighbours: dict[str, list[tuple[str, FactLink]]] = defaultdict(list)
    for link in links:
        if link.score >= threshold:
            neighbours[link.a].append((link.b, link))
            neighbours[link.b].append((link.a, link))
    centres = sorted(neighbours, key=lambda s: (-len(neighbours[s]), sentence_order(s)))
    built: list[tuple[list[str], float, frozenset[str]]] = []
    holding: dict[str, list[int]] = defaultdict(list)  # sentence -> indexes into built
    for centre in centres:
        groups: list[tuple[frozenset[str], set[str], float, set[str]]] = []
        for other, link in sorted(neighbours[centre], key=lambda x: -x[1].score):
            for core, members, _, matched in groups:
                if _overlaps(core, link.shared) and not (
                    apart
                    and any(
                        _across_seam(apart, sentences[other].report, sentences[m].report)
                        for m in members
                    )
                ):
                    members.add(other)
                    matched |= link.shared
                    break
            else:
                groups.append((link.shared, {other}, link.score, set(link.shared)))
        for _, members, score, matched in groups:
            ids = {centre, *members}
            if any(ids <= set(built[k][0]) for k in holding[centre]):
                continue
            holding_ids = sorted(ids, key=sentence_order)
            for sentence_id in holding_ids:
                holding[sentence_id].append(len(built))
            built.append((holding_ids, min(score, 1.0), frozenset(matched)))

    def joinable(a: set[str], b: set[str]) -> bool:
        """Whether one fact may hold the sentences of both (no seam between them)."""
        if not apart:
            return True
        reports_a = {sentences[s].report for s in a}
        reports_b = {sentences[s].report for s in b}
        return not any(_across_seam(apart, x, y) for x in reports_a for y in reports_b)

    def reports_of(ids: Sequence[str]) -> list[str]:
        return sorted({sentences[s].report for s in ids}, key=id_number)

    linked = {frozenset((link.a, link.b)) for pairs in neighbours.values() for _, link in pairs}
    ranked = sorted(
        _unsubsumed(built, joinable),
        key=lambda item: (-len(reports_of(item[0])), -item[1], sentence_order(item[0][0])),
    )
    facts: list[Fact] = []
    sentence_facts: dict[str, list[str]] = defaultdict(list)
    for number, (fact_sentences, score) in enumerate(ranked, start=first):
        fact_id = make_fact_id(number)
        discrepancies = _discrepancies(fact_sentences, sentences, linked)
        facts.append(
            Fact(
                fact_id,
                tuple(fact_sentences),
                tuple(reports_of(fact_sentences)),
                score,
                discrepancies,
            )
        )
        for sentence_id in fact_sentences:
            sentence_facts[sentence_id].append(fact_id)
    return facts, {s: tuple(f) for s, f in sentence_facts.items()}


def _unsubsumed(
    built: Sequence[tuple[list[str], float, frozenset[str]]],
    joinable: Callable[[set[str], set[str]], bool] = lambda a, b: True,
) -> list[tuple[list[str], float]]:
    """One fact, one star: the facts of `built` with each one whose sentences another,
    larger fact holds too (a star built around one of its sentences before a larger one
    around another) joined to it, and so too a large one whose sentences the other
    holds most of and that matched on mostly the same terms (`_NEAR_SAME`,
    `_NEAR_SAME_TERMS`: five headlines "6.1-magnitude quake strikes Aceh", each the
    centre of a star of nearly the same headlines; not a quotation and the narrative
    around it, which share a sentence or two but not what they say), unless a seam
    lies between them (`joinable`). Of two with the same sentences, the first stays."""
    order = sorted(range(len(built)), key=lambda k: (-len(built[k][0]), k))
    kept: list[tuple[set[str], float, set[str]]] = []
    where: dict[str, list[int]] = defaultdict(list)  # sentence -> indexes into kept
    for index in order:
        ids, score, matched = built[index]
        mine = set(ids)
        into = None
        for other in dict.fromkeys(k for s in ids for k in where[s]):
            shared = len(mine & kept[other][0])
            if shared == len(mine) or (
                len(mine) >= _NEAR_SAME_SIZE
                and shared >= _NEAR_SAME * len(mine)
                and _jaccard(matched, kept[other][2]) >= _NEAR_SAME_TERMS
                and joinable(mine - kept[other][0], kept[other][0])
            ):
                into = other
                break
        if into is None:
            into = len(kept)
            kept.append((set(), score, set(matched)))
        held, best, terms = kept[into]
        for sentence in mine - held:
            where[sentence].append(into)
        held |= mine
        kept[into] = (held, max(best, score), terms)
    # A fact that grew by a near-same one may now hold a whole smaller fact: one fact.
    scores = [score for _, score, _ in kept]
    inside: set[int] = set()
    for index, (held, score, _) in enumerate(kept):
        bigger = {k for s in held for k in where[s] if len(kept[k][0]) > len(held)}
        into = next((k for k in sorted(bigger) if held <= kept[k][0]), None)
        if into is not None:
            inside.add(index)
            scores[into] = max(scores[into], score)
    return [
        (sorted(held, key=sentence_order), scores[k])
        for k, (held, _, _) in enumerate(kept)
        if k not in inside
    ]


def _jaccard(a: Set[str], b: Set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def _discrepancies(
    ids: Sequence[str],
    sentences: Mapping[str, SentenceTerms],
    linked: Set[frozenset[str]] | None = None,
) -> tuple[Discrepancy, ...]:
    """Counts, measures, times and dates the fact's reports give differently: between
    two of its sentences that a link joins (`linked`: each link as its two sentences),
    not between two a star joins only through its centre, which may each share
    something else with it ("Ford finished his career with 2,290 points" and "Hansbrough
    now has 2,301 career points", both linked to "the record")."""

    def compared(i: int, j: int) -> bool:
        return linked is None or frozenset((ids[i], ids[j])) in linked

    statements = [(sentences[s].report, sentences[s].details or ()) for s in ids]
    return discrepancies(statements, compared)


def linked_terms(
    links: Iterable[FactLink], sentences: Mapping[str, SentenceTerms]
) -> dict[str, SentenceTerms]:
    """The sentences some link holds, in `sentences`' order, with what `cluster_facts`
    reads of them (report, details) and without their clauses: all it needs to
    cluster again at another threshold (a sentence no link holds is in no fact at any
    threshold). The clauses are most of a sentence's terms, and these travel back from
    the pool's processes and into the cache."""
    held = {s for link in links for s in (link.a, link.b)}
    return {s: replace(item, clauses=()) for s, item in sentences.items() if s in held}


def find_facts(
    reports: Sequence[Report],
    mentions: Mapping[str, Sequence[Mention]],
    threshold: float = DEFAULT_THRESHOLD,
    entity_types: Mapping[str, str] | None = None,
    *,
    apart: Mapping[str, str] | None = None,
    cited: Mapping[str, Sequence[CitedSource]] | None = None,
) -> tuple[FactAnalysis, dict[str, SentenceTerms]]:
    """The facts of `reports` taken as one story (`apart`, `cited`: see
    `find_fact_links`), and the terms of the linked sentences (`linked_terms`)."""
    links, sentences = find_fact_links(reports, mentions, entity_types, apart, cited)
    compared = compared_sentences(links, threshold, sentences, reports)
    read_details(sentences, compared, reports, mentions)
    facts, sentence_facts = cluster_facts(links, sentences, threshold, apart=apart)
    analysis = FactAnalysis(tuple(links), tuple(facts), sentence_facts, threshold)
    return analysis, linked_terms(links, sentences)
