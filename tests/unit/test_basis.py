"""Source basis: what each shared fact rests on. The seeds' gold, and each rule on
reports written here.

The rules are tested on facts made here from the sentences named (`basis_of`), not on
the facts the matcher finds: which sentences state one fact is the matcher's job, what
they rest on is this one's.
"""

from __future__ import annotations

from typing import Any

import tui
from tests.unit.harness import sentence_with
from tui.analysis.basis import with_bases
from tui.model.corpus import Corpus
from tui.model.facts import Fact, FactBasis


def analyse(*texts: str) -> Corpus:
    return tui.analyze_texts(
        {f"r{i}.txt": text for i, text in enumerate(texts, start=1)}, one_story=True
    )


def basis_of(corpus: Corpus, *snippets: str) -> FactBasis:
    """The basis of a fact stated by the sentence holding each snippet (the nth snippet
    in the nth report)."""
    sentences = tuple(sentence_with(corpus, i, s) for i, s in enumerate(snippets))
    reports = tuple(dict.fromkeys(s.partition(".")[0] for s in sentences))
    fact = Fact("f1", sentences, reports, 1.0)
    names = {entity.id: entity.name for entity in corpus.entities}
    (found,) = with_bases((fact,), corpus.reports, corpus.cited, corpus.sentence_wire, names)
    assert found.basis is not None
    return found.basis


# ---------------------------------------------------------------- the seeds' gold


def gold_fact(corpus: Corpus, gold: dict[str, Any], fact_id: str) -> Fact:
    """The fact holding the gold fact's A and B sentences."""
    (entry,) = [fact for fact in gold["fact"] if fact["id"] == fact_id]
    a, b = sentence_with(corpus, 0, entry["A"]), sentence_with(corpus, 1, entry["B"])
    found = [f for f in corpus.facts if a in f.sentences and b in f.sentences]
    assert found, fact_id
    return found[0]


def test_gold_basis(seeds_corpus: Corpus, gold: dict[str, Any]) -> None:
    assert gold["basis"]
    for entry in gold["basis"]:
        basis = gold_fact(seeds_corpus, gold, entry["fact"]).basis
        assert basis is not None, entry
        assert (basis.kind, basis.sources) == (entry["kind"], (entry["source"],)), entry


def test_every_fact_of_the_seeds_has_a_basis_in_json(seeds_corpus: Corpus) -> None:
    for fact in seeds_corpus.to_dict()["facts"]:
        assert fact["basis"]["kind"] in {"one-source", "wire-copy", "independent", "unattributed"}
        assert set(fact["basis"]) == {"kind", "sources", "copies"}


# ---------------------------------------------------------------- where attribution counts


def test_attribution_in_the_same_sentence_with_source_names_merged() -> None:
    corpus = analyse(
        "Gunfire was heard in a central district of Damascus, two residents told Reuters.",
        "Shots rang out near the main square of the capital on Sunday, residents said to "
        "the Reuters news agency.",
    )
    basis = basis_of(corpus, "Gunfire was heard", "Shots rang out")
    assert (basis.kind, basis.sources) == ("one-source", ("Reuters",))


def test_attribution_in_a_next_paragraph_that_points_back() -> None:
    fled = "The president has fled the capital on a plane for an unknown destination."
    corpus = analyse(
        f"{fled}\n\nThat's according to two senior army officers speaking to Reuters.\n",
        "Two officers told the Associated Press that the president left on a plane.",
    )
    basis = basis_of(corpus, "has fled the capital", "left on a plane")
    assert basis.kind == "independent"
    assert set(basis.sources) == {"Reuters", "Associated Press"}


def test_a_next_paragraph_about_something_else_does_not_count() -> None:
    fled = "The president has fled the capital on a plane for an unknown destination."
    corpus = analyse(
        f"{fled}\n\nThe airport was later closed to all flights, Reuters reported.\n",
        "Two officers told the Associated Press that the president left on a plane.",
    )
    basis = basis_of(corpus, "has fled the capital", "left on a plane")
    # The first report cites no one for the fact: only the AP is named.
    assert (basis.kind, basis.sources) == ("one-source", ("Associated Press",))
    assert dict(basis.by_report)["r1"] == ()


def test_unnamed_officials_of_two_reports_are_one_source() -> None:
    corpus = analyse(
        "Officials said the bridge would stay closed until Friday for repairs.",
        "The bridge will remain shut for repairs until Friday, city officials said.",
    )
    basis = basis_of(corpus, "bridge would stay closed", "bridge will remain shut")
    assert basis.kind == "one-source"
    assert len(basis.sources) == 1 and "fficials" in basis.sources[0]


def test_police_and_police_are_one_source() -> None:
    corpus = analyse(
        "Police said the gunman was arrested outside the school on Monday.",
        "The gunman was detained outside the school on Monday, police said.",
    )
    basis = basis_of(corpus, "gunman was arrested", "gunman was detained")
    assert basis.kind == "one-source" and len(basis.sources) == 1


def test_a_fact_no_report_attributes_is_unattributed() -> None:
    corpus = analyse(
        "The bridge was closed on Friday after a crack appeared in its main span.",
        "A crack in the main span closed the bridge on Friday.",
    )
    basis = basis_of(corpus, "bridge was closed", "closed the bridge")
    assert (basis.kind, basis.sources) == ("unattributed", ())


def test_reports_on_different_sources_are_independent() -> None:
    corpus = analyse(
        "The gunman was arrested outside the school on Monday, police said.",
        "The gunman was detained outside the school on Monday, the mayor told Reuters.",
    )
    basis = basis_of(corpus, "gunman was arrested", "gunman was detained")
    assert basis.kind == "independent"
    assert len(basis.sources) == 2 and "Reuters" in basis.sources


def test_the_same_quotation_rests_on_its_speaker() -> None:
    corpus = analyse(
        "“We will rebuild every home that was lost in this flood,” Governor Maria Lopez "
        "said on Tuesday.",
        "“We will rebuild every single home lost in this flood,” she told the Associated Press.",
    )
    basis = basis_of(corpus, "We will rebuild every home", "We will rebuild every single")
    # Two outlets quoting one statement: one source, its speaker (not the AP).
    assert (basis.kind, basis.sources) == ("one-source", ("Maria Lopez",))


# ---------------------------------------------------------------- wire copy counted once

WIRE = (
    "A magnitude 6.1 earthquake struck the Indonesian island of Sumatra on Tuesday, "
    "damaging hundreds of homes in the province of Aceh, the U.S. Geological Survey said."
)
EDITS = ("on Tuesday", "early on Tuesday", "on Tuesday morning", "on Tuesday local time")


def reprints(count: int) -> list[str]:
    return [WIRE.replace("on Tuesday", EDITS[n % len(EDITS)]) for n in range(count)]


def test_ten_reprints_of_one_wire_story_are_one_wire_copy() -> None:
    corpus = analyse(*reprints(10))
    basis = basis_of(corpus, *["earthquake struck"] * 10)
    assert basis.kind == "wire-copy"
    assert len(basis.copies) == 1 and len(basis.copies[0]) == 10
    assert basis.sources == ("U.S. Geological Survey",) or len(basis.sources) == 1


def test_ten_reprints_count_once_beside_an_independent_report() -> None:
    own = (
        "Hundreds of houses in Aceh were damaged when the quake hit Sumatra, a local "
        "police chief told AFP."
    )
    corpus = analyse(*reprints(10), own)
    basis = basis_of(corpus, *["earthquake struck"] * 10, "quake hit Sumatra")
    # Two confirmations (the wire and AFP's report), not eleven.
    assert basis.kind == "independent"
    assert len(basis.copies) == 1 and len(basis.copies[0]) == 10
    assert len(basis.sources) == 2


def test_reprints_and_a_report_on_the_same_source_are_one_source() -> None:
    own = "The Geological Survey said the quake that hit Sumatra damaged hundreds of houses."
    corpus = analyse(*reprints(3), own)
    basis = basis_of(corpus, *["earthquake struck"] * 3, "quake that hit Sumatra")
    assert basis.kind == "one-source" and len(basis.sources) == 1


def test_police_and_a_named_police_force_are_one_source() -> None:
    corpus = analyse(
        "Police said the gunman was arrested outside the school on Monday.",
        "The gunman was detained outside the school on Monday, according to Vancouver Police.",
    )
    basis = basis_of(corpus, "gunman was arrested", "gunman was detained")
    assert (basis.kind, len(basis.sources)) == ("one-source", 1)
