"""Why a shared fact was linked: the words and names its sentences matched on, as an
analyst reads them, and its score (no Textual here).

A link (`FactLink`) keeps the terms its sentences' clauses share: word stems ("injur"),
synonym classes, entities and name-like words ("Syrian"). Each is shown as a word: an
entity by its name; any other term by the word the linked sentences write for it, found
with the tokeniser the terms were made by (`tui.analysis.terms.term_words`), so a bare
stem is never shown. Where the two sentences use different words of one synonym class,
both are shown ("freed/released").

A fact is a star of links (`tui.analysis.facts.cluster_facts`): its sentences joined
the link that scored best, on the terms they share with it. What the fact matched on is
what most of its links share (at least half of them, when it holds three or more and
they share two terms or more), else the terms of the link whose score is the fact's;
`FactWhy.links` gives every link inside the fact, for a view in full.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tui.analysis.terms import stem, term_words
from tui.model.corpus import Corpus
from tui.model.facts import Fact, FactLink
from tui.model.ids import ENTITY_TERM, NAME_LIKE_TERM, SYNONYM_TERM, is_name_term, report_of
from tui.textsafe import safe_line

# One term is shown as at most this many words ("freed/released").
_FORMS_SHOWN = 2
_FORM_JOINER = "/"
WORD_JOINER = ", "
ELLIPSIS = "…"


@dataclass(frozen=True, slots=True)
class LinkWhy:
    """One link inside a fact: its two sentences, its score, what they share as words."""

    a: str
    b: str
    score: float
    matched: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FactWhy:
    """Why a fact's sentences were linked: its score and the words and names it matched
    on (most of its links, else its best link: see the module), in the order its
    sentences say them (safe to draw)."""

    score: float
    matched: tuple[str, ...]
    links: tuple[LinkWhy, ...] = ()  # every link inside the fact, best first


# (term, text as written, whether it is the sentence's first word), in text order
_Words = list[tuple[str, str, bool]]


class FactWhys:
    """`why(fact)` for the facts of one corpus, each found when first asked for (the
    reader asks for the fact under its cursor; the exports for every one)."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._names = {entity.id: entity.name for entity in corpus.entities}
        self._reports = {report.id: report for report in corpus.reports}
        self._links = _links_by_fact(corpus)
        self._words: dict[str, _Words] = {}
        self._found: dict[str, FactWhy] = {}

    def why(self, fact: Fact) -> FactWhy:
        found = self._found.get(fact.id)
        if found is None:
            found = self._found[fact.id] = self._why(fact)
        return found

    def _why(self, fact: Fact) -> FactWhy:
        links = sorted(self._links.get(fact.id, ()), key=lambda link: -link.score)
        whys = tuple(LinkWhy(link.a, link.b, link.score, self._matched(link)) for link in links)
        if not whys:
            return FactWhy(fact.score, ())
        common = _held_by_most(links)
        if common:
            # The link that says most of them, the best of those, shows them first.
            shown = max(links, key=lambda link: (len(link.shared & common), link.score))
            ids = dict.fromkeys((shown.a, shown.b, *fact.sentences))
            return FactWhy(fact.score, self._words_for(common, tuple(ids)), whys)
        # The link whose score the fact took (capped at 1 by `cluster_facts`): the best one,
        # unless a link between two of its other sentences happens to score higher.
        core = min(whys, key=lambda link: abs(min(link.score, 1.0) - fact.score))
        return FactWhy(fact.score, core.matched, whys)

    def _matched(self, link: FactLink) -> tuple[str, ...]:
        """The link's shared terms as words, in the order sentence a (then b) says them."""
        return self._words_for(link.shared, (link.a, link.b))

    def _words_for(self, shared: frozenset[str], sentence_ids: Sequence[str]) -> tuple[str, ...]:
        """The terms `shared` as words, in the order the sentences (in turn) say them."""
        forms: dict[str, list[tuple[str, bool]]] = defaultdict(list)
        for sentence_id in sentence_ids:
            for term, text, first in self._sentence_words(sentence_id):
                if term in shared:
                    forms[term].append((text, first))
        ordered = [*forms, *sorted(shared - forms.keys())]
        shown = (self._term_word(term, forms.get(term, [])) for term in ordered)
        return tuple(dict.fromkeys(word for word in shown if word))

    def _term_word(self, term: str, forms: Sequence[tuple[str, bool]]) -> str:
        """What a term is shown as: an entity's name; else the words the sentences write
        for it (one per stem, the lower-case form first); "" for a bare stem no sentence
        writes (never shown)."""
        entity = ENTITY_TERM.value(term)
        if entity is not None and entity in self._names:
            return safe_line(self._names[entity])
        by_stem: dict[str, list[str]] = {}
        for text, first in forms:
            word = _unopened(text) if first and not is_name_term(term) else text
            by_stem.setdefault(stem(word.lower()), []).append(word)
        words = [next((w for w in ws if w.islower()), ws[0]) for ws in by_stem.values()]
        if words:
            return safe_line(_FORM_JOINER.join(words[:_FORMS_SHOWN]))
        # Written nowhere in the two sentences (it should be): a class or a name-like
        # word is a word itself, a stem is not.
        for prefix in (SYNONYM_TERM, NAME_LIKE_TERM):
            value = prefix.value(term)
            if value is not None:
                return safe_line(value)
        return ""

    def _sentence_words(self, sentence_id: str) -> _Words:
        found = self._words.get(sentence_id)
        if found is None:
            found = self._words[sentence_id] = self._read_words(sentence_id)
        return found

    def _read_words(self, sentence_id: str) -> _Words:
        report = self._reports.get(report_of(sentence_id))
        if report is None:
            return []
        for paragraph in report.paragraphs:
            for sentence in paragraph.sentences:
                if sentence.id == sentence_id:
                    mentions = self.corpus.mentions.get(paragraph.id, ())
                    return list(term_words(report, paragraph, sentence, mentions))
        return []


def _unopened(word: str) -> str:
    """A capitalised word opening a sentence, in lower case ("Injured" -> "injured"): it
    is no name (names are terms of their own); a word in capitals stays as it is."""
    return word.lower() if word[:1].isupper() and word[1:].islower() else word


# A fact of this many links or more is shown by the terms at least half of them share
# (`_held_by_most`), when there are at least `_COMMON_SHOWN` of those.
_MANY_LINKS = 3
_COMMON_SHOWN = 2


def _held_by_most(links: Sequence[FactLink]) -> frozenset[str]:
    """The terms at least half of a fact's links matched on, when it has `_MANY_LINKS`
    or more and they share `_COMMON_SHOWN` or more: what its sentences have in common.
    The best link alone may be two copies of one long sentence, sharing every word of it
    ("quake, appears, shaken, provincial, capital, ...") while the fact's other
    sentences share a few ("ran out of their houses in panic"). Else none."""
    if len(links) < _MANY_LINKS:
        return frozenset()
    counts = Counter(term for link in links for term in link.shared)
    common = frozenset(term for term, n in counts.items() if 2 * n >= len(links))
    return common if len(common) >= _COMMON_SHOWN else frozenset()


def _links_by_fact(corpus: Corpus) -> dict[str, list[FactLink]]:
    """The links each fact holds: those at the corpus's threshold between two of its
    sentences."""
    found: dict[str, list[FactLink]] = defaultdict(list)
    sentence_facts = corpus.sentence_facts
    for link in corpus.fact_links:
        if link.score < corpus.fact_threshold:
            continue
        of_b = sentence_facts.get(link.b, ())
        for fact_id in sentence_facts.get(link.a, ()):
            if fact_id in of_b:
                found[fact_id].append(link)
    return found


def fact_whys(corpus: Corpus) -> dict[str, FactWhy]:
    """Every fact's why, by fact id."""
    whys = FactWhys(corpus)
    return {fact.id: whys.why(fact) for fact in corpus.facts}


def matched_line(
    words: Sequence[str], room: int | None = None, width: Callable[[str], int] = len
) -> str:
    """ "Assad, fled, Damascus, plane": the words, cut after the last that fits in `room`
    cells (as `width` measures them) with "…"; all of them when `room` is None."""
    line = WORD_JOINER.join(words)
    if room is None or width(line) <= room:
        return line
    more = WORD_JOINER + ELLIPSIS  # "Assad, fled, …"
    kept = ""
    for word in words:
        longer = f"{kept}{WORD_JOINER}{word}" if kept else word
        if width(longer) + width(more) > room:
            break
        kept = longer
    if kept:
        return kept + more
    # Not even the first word fits: it is cut.
    cut = words[0]
    while cut and width(cut) + width(ELLIPSIS) > room:
        cut = cut[:-1]
    return cut + ELLIPSIS if room >= width(ELLIPSIS) else ""
