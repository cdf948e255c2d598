"""Why a shared fact was linked (`tui.query.why`): the words and names its sentences
matched on, as written (never a bare stem), names by the entity's name, and the score;
and the one line that says it, cut to a width."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len

from tui import analyze_texts
from tui.analysis.terms import stem, term_words
from tui.model.corpus import Corpus
from tui.model.ids import ENTITY_TERM, report_of
from tui.query.why import FactWhys, fact_whys, matched_line

# Two reports stating one fact in other words: a synonym pair opening each sentence
# ("Wounded" / "Injured"), words whose stems are no words ("ferri", "capsiz"), and a
# place written once with a possessive.
FERRY = {
    "a.txt": (
        "Wounded passengers were taken to the hospital in Karvona after the ferry "
        "capsized.\n\nThe weather was calm."
    ),
    "b.txt": (
        "Injured passengers were brought to Karvona's hospital when the ferry "
        "capsized.\n\nRescue boats searched the river."
    ),
}


@pytest.fixture(scope="module")
def ferry() -> Corpus:
    return analyze_texts(FERRY)


def words_of(corpus: Corpus, sentence_id: str) -> list[str]:
    """The words of a sentence as written, lower case."""
    report = corpus.report(report_of(sentence_id))
    sentence = next(s for p in report.paragraphs for s in p.sentences if s.id == sentence_id)
    return re.findall(r"[^\W\d_][\w'’-]*", report.text[sentence.start : sentence.end].lower())


def test_a_fact_matched_on_words_as_written_and_names_by_their_entity(ferry: Corpus) -> None:
    (fact,) = ferry.facts
    why = FactWhys(ferry).why(fact)
    assert why.score == fact.score
    # In the order the first sentence says them; the synonyms both, in lower case; the
    # place by its entity's name, without the possessive.
    assert why.matched == (
        "wounded/injured",
        "passengers",
        "hospital",
        "Karvona",
        "ferry",
        "capsized",
    )
    (link,) = why.links
    assert (link.a, link.b, link.score) == (*fact.sentences, fact.score)
    assert link.matched == why.matched


def test_a_name_like_word_opening_a_sentence_keeps_its_capital() -> None:
    corpus = analyze_texts(
        {
            "a.txt": "Syrian soldiers abandoned the northern airbase overnight.",
            "b.txt": "Syrian soldiers quietly abandoned the northern airbase on the coast.",
        }
    )
    (fact,) = corpus.facts
    matched = FactWhys(corpus).why(fact).matched
    assert matched[:3] == ("Syrian", "soldiers", "abandoned")


def test_no_bare_stem_is_shown_on_the_seeds(seeds_corpus: Corpus) -> None:
    """Every word shown is a word one of the fact's sentences writes (or an entity's
    name), and every name term of a link is shown by its entity's name."""
    names = {entity.id: entity.name for entity in seeds_corpus.entities}
    whys = fact_whys(seeds_corpus)
    assert set(whys) == {fact.id for fact in seeds_corpus.facts}
    for fact in seeds_corpus.facts:
        why = whys[fact.id]
        assert why.matched, fact.id
        assert why.score == fact.score
        assert why.links and why.links[0].score >= seeds_corpus.fact_threshold
        written = {w for s in fact.sentences for w in words_of(seeds_corpus, s)}
        for shown in why.matched:
            if shown in names.values():
                continue
            for word in shown.split("/"):
                assert word.lower() in written, (fact.id, shown)
    for link in seeds_corpus.fact_links:
        if link.score < seeds_corpus.fact_threshold:
            continue
        fact_id = next(
            f
            for f in seeds_corpus.sentence_facts[link.a]
            if f in seeds_corpus.sentence_facts[link.b]
        )
        shown = next(w for w in whys[fact_id].links if (w.a, w.b) == (link.a, link.b))
        for term in link.shared:
            entity = ENTITY_TERM.value(term)
            if entity is not None:
                assert names[entity] in shown.matched


def test_the_terms_are_read_as_the_matching_reads_them(ferry: Corpus) -> None:
    """`term_words` gives the terms `sentence_terms` gives, with the words they come from."""
    from tui.analysis.terms import sentence_terms

    for report in ferry.reports:
        for paragraph in report.paragraphs:
            mentions = ferry.mentions.get(paragraph.id, ())
            for sentence in paragraph.sentences:
                found = list(term_words(report, paragraph, sentence, mentions))
                terms = sentence_terms(report, paragraph, sentence, mentions, details=False)
                assert [term for term, _, _ in found] == [t for c in terms.clauses for t in c]
                assert [first for _, _, first in found].count(True) <= 1
                for term, text, _ in found:
                    if not term.startswith(("E:", "D:", "S:")):
                        assert stem(text.lower()) == term


def test_a_fact_without_links_matched_on_nothing_it_can_show(ferry: Corpus) -> None:
    from dataclasses import replace

    bare = replace(ferry, fact_links=())
    why = FactWhys(bare).why(bare.facts[0])
    assert (why.score, why.matched, why.links) == (bare.facts[0].score, (), ())


@pytest.mark.parametrize(
    ("room", "line"),
    [
        (None, "Assad, fled, Damascus, plane"),
        (80, "Assad, fled, Damascus, plane"),
        (28, "Assad, fled, Damascus, plane"),
        (27, "Assad, fled, Damascus, …"),
        (24, "Assad, fled, Damascus, …"),
        (23, "Assad, fled, …"),
        (8, "Assad, …"),
        (7, "Assad…"),
        (3, "As…"),
        (1, "…"),
        (0, ""),
    ],
)
def test_the_line_is_cut_after_the_last_word_that_fits(room: int | None, line: str) -> None:
    words = ("Assad", "fled", "Damascus", "plane")
    assert matched_line(words, room) == line
    if room is not None:
        assert len(line) <= room


def test_the_line_is_measured_in_cells() -> None:
    words = ("北京", "东京", "plane")
    line = matched_line(words, 10, cell_len)
    assert line == "北京, …" and cell_len(line) <= 10


def test_a_fact_matched_on_what_most_of_its_links_share() -> None:
    """Two copies of one long sentence share every word of it; the fact they are in with
    two retellings matched on what its links share, not on the copies' every word."""
    long = (
        "Residents ran out of their houses in panic when the quake shook the coastal town "
        "of Meulaboh, located on the western tip of the island, officials said."
    )
    corpus = analyze_texts(
        {
            "a.txt": long + "\n\nThe weather was calm.",
            "b.txt": long + "\n\nSchools were closed.",
            "c.txt": "Many residents ran out of their houses in panic, witnesses said.",
            "d.txt": "Frightened residents ran from their houses in panic after the shaking.",
        }
    )
    (fact,) = corpus.facts
    why = FactWhys(corpus).why(fact)
    assert why.score == fact.score == 1.0
    assert {"residents", "ran", "houses", "panic"} <= set(why.matched)
    assert not {"Meulaboh", "coastal", "western", "tip", "island"} & set(why.matched)
    # The link in full still says all it matched on.
    assert "Meulaboh" in why.links[0].matched
