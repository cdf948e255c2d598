"""Descriptions that stand for a named person, and names written in lower case, learned
from the story's own text."""

from __future__ import annotations

import tui
from tests.unit.harness import sentence_with
from tui.analysis.descriptions import description_mentions, learn_roles
from tui.analysis.facts import find_fact_links
from tui.model.corpus import Corpus
from tui.model.ids import ENTITY_TERM


def analyse(*texts: str) -> Corpus:
    return tui.analyze_texts({f"r{i}.txt": t for i, t in enumerate(texts, start=1)})


def roles_and_terms(corpus: Corpus) -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    types = {entity.id: entity.type for entity in corpus.entities}
    roles = learn_roles(corpus.reports, corpus.mentions, types)
    _, sentences = find_fact_links(corpus.reports, corpus.mentions, types)
    return roles, {sid: item.terms for sid, item in sentences.items()}


def entity_named(corpus: Corpus, name: str) -> str:
    return next(e.id for e in corpus.entities if e.name == name)


def test_the_president_stands_for_the_one_president_of_the_story() -> None:
    corpus = analyse(
        "President Maria Castellanos signed the decree on Monday. Critics said "
        "President Castellanos ignored the courts.",
        "The Bolivian president resigned on Tuesday after the vote.",
    )
    roles, terms = roles_and_terms(corpus)
    person = entity_named(corpus, "Maria Castellanos")
    assert roles == {"president": person}
    resigned = sentence_with(corpus, 1, "resigned on Tuesday")
    assert ENTITY_TERM.of(person) in terms[resigned]


def test_a_title_two_people_hold_stands_for_neither() -> None:
    corpus = analyse(
        "President Maria Castellanos met President Oyelaran in Lima. "
        "President Castellanos spoke first. President Oyelaran replied.",
        "The president left the summit early.",
    )
    roles, terms = roles_and_terms(corpus)
    assert "president" not in roles
    left = sentence_with(corpus, 1, "left the summit")
    assert not any(t.startswith(ENTITY_TERM.of("")) for t in terms[left])


def test_a_title_before_a_name_is_the_name_not_a_description() -> None:
    corpus = analyse(
        "President Maria Castellanos signed the decree. President Castellanos left.",
        "The President Castellanos decree was published.",
    )
    types = {entity.id: entity.type for entity in corpus.entities}
    roles = learn_roles(corpus.reports, corpus.mentions, types)
    report = corpus.reports[1]
    found = [
        m
        for p in report.paragraphs
        for m in description_mentions(report, p, roles, corpus.mentions.get(p.id, ()))
    ]
    assert found == []


def test_a_name_written_with_later_words_in_lower_case_is_the_name() -> None:
    """ "the Indian navy" is "Indian Navy", a name the story writes with capitals; a
    phrase another name starts with is not ("the Indian coast")."""
    corpus = analyse(
        "The Indian Navy sent a frigate. The Indian Navy said the ship was safe.",
        "The Indian navy captured the pirates near the Indian coast.",
    )
    _, terms = roles_and_terms(corpus)
    navy = entity_named(corpus, "Indian Navy")
    captured = sentence_with(corpus, 1, "captured the pirates")
    assert ENTITY_TERM.of(navy) in terms[captured]
    assert sum(t == ENTITY_TERM.of(navy) for t in terms[captured]) == 1
    assert "navi" not in terms[captured]


def test_the_capital_stands_for_the_capital_the_story_names() -> None:
    """ "the Ukrainian capital", "Ukraine's capital", "the capital of Ukraine", and "the
    capital" of a story that names one capital, stand for it (GeoNames' capitals: "Kyiv"
    is Ukraine's); a capital the story never names is nobody's, and "the capital, Kyiv"
    is the name itself."""
    corpus = analyse(
        "Sirens sounded in Kyiv overnight. Residents of Kyiv sheltered in the metro.",
        "Drones struck the Ukrainian capital before dawn. Power failed across the capital.",
        "Ukraine's capital was quiet by noon. The capital of Ukraine reopened its schools.",
        "The capital, Kyiv, held a vigil. The Syrian capital was calm.",
    )
    _, terms = roles_and_terms(corpus)
    kyiv = ENTITY_TERM.of(entity_named(corpus, "Kyiv"))
    for report, snippet in (
        (1, "struck the Ukrainian capital"),
        (1, "failed across the capital"),
        (2, "capital was quiet"),
        (2, "The capital of Ukraine"),
        (3, "held a vigil"),
    ):
        assert kyiv in terms[sentence_with(corpus, report, snippet)], snippet
    calm = terms[sentence_with(corpus, 3, "The Syrian capital was calm")]
    assert not any(t.startswith(ENTITY_TERM.of("")) for t in calm)


def test_the_capital_is_no_city_in_other_senses_and_no_person_is_a_capital() -> None:
    """ "capital gains", "the capital of the province" are no country's capital; a
    person named like a capital ("Hamilton") is none; "In Ukraine's capital" finds the
    country past the sentence's first word."""
    corpus = analyse(
        "Drones hit Kyiv. He paid the capital gains tax. Lviv, the capital of the"
        " province, was calm. In Ukraine's capital, sirens sounded.",
        "Lewis Hamilton won in Brazil. Hamilton won again. The capital was busy.",
    )
    _, terms = roles_and_terms(corpus)
    kyiv = ENTITY_TERM.of(entity_named(corpus, "Kyiv"))
    assert kyiv not in terms[sentence_with(corpus, 0, "capital gains")]
    assert kyiv not in terms[sentence_with(corpus, 0, "capital of the province")]
    assert kyiv in terms[sentence_with(corpus, 0, "sirens sounded")]
    busy = terms[sentence_with(corpus, 1, "The capital was busy")]
    assert ENTITY_TERM.of(entity_named(corpus, "Lewis Hamilton")) not in busy
