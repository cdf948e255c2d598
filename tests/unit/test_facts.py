"""Shared facts: the seeds' gold, and matching rules on reports written here."""

from __future__ import annotations

import json
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import tui
from tests.conftest import GOLD_FILE
from tests.unit.harness import sentence_with
from tui.analysis.facts import (
    _THIN,
    LINK_FLOOR,
    _candidate_pairs,
    _Scorer,
    _unsubsumed,
    cluster_facts,
    compared_sentences,
    find_fact_links,
    find_facts,
)
from tui.analysis.terms import SentenceTerms, content_term, stem
from tui.model.corpus import Corpus
from tui.model.document import Sentence
from tui.model.facts import FactLink
from tui.model.ids import is_name_term
from tui.pipeline.build import with_fact_threshold


def linked(corpus: Corpus, a: str, b: str) -> bool:
    return any(a in f.sentences and b in f.sentences for f in corpus.facts)


def in_any_fact(corpus: Corpus, sentence_id: str) -> bool:
    return bool(corpus.sentence_facts.get(sentence_id))


def analyse(*texts: str) -> Corpus:
    return tui.analyze_texts({f"r{i}.txt": t for i, t in enumerate(texts, start=1)})


# ---------------------------------------------------------------- the seeds' gold


def test_gold_facts_are_linked(seeds_corpus: Corpus, gold: dict) -> None:
    for fact in gold["fact"]:
        a = sentence_with(seeds_corpus, 0, fact["A"])
        b = sentence_with(seeds_corpus, 1, fact["B"])
        assert linked(seeds_corpus, a, b), fact["id"]


# The seeds' restatement the matcher does not link yet: "doors ... opened to prisoners" /
# "freed prisoners" share the prison and one word, and that doors opened to prisoners
# frees them is an inference, not a word meaning the matcher has (issue 14). Strict: the
# test turns red once it is linked.
_NOT_YET = {"sednaya-doors-opened"}


def _restatements() -> list[Any]:
    if not GOLD_FILE.is_file():
        return []
    with GOLD_FILE.open("rb") as handle:
        items = tomllib.load(handle).get("restatement", [])
    return [
        pytest.param(
            item,
            id=item["id"],
            marks=[pytest.mark.xfail(strict=True, reason="not yet (issue 14)")]
            if item["id"] in _NOT_YET
            else [],
        )
        for item in items
    ]


@pytest.mark.parametrize("item", _restatements())
def test_gold_restatements_are_linked(seeds_corpus: Corpus, item: dict[str, str]) -> None:
    """Facts stated in other words ("launched attacks ... last week, quickly capturing"
    / "a shock offensive which began last week with the capture of Aleppo"): each pair
    in one fact."""
    assert linked(
        seeds_corpus,
        sentence_with(seeds_corpus, 0, item["A"]),
        sentence_with(seeds_corpus, 1, item["B"]),
    )


def test_the_person_a_story_is_about_still_counts_in_a_match() -> None:
    """The person every sentence of a story names weighs next to nothing by IDF, yet a
    person and what they did are the event: "Lena Marsh has reportedly fled the country"
    and "Lena Marsh fled the capital on a boat for an unknown destination" are one fact
    in a story that names her everywhere (`_PERSON_FLOOR`)."""
    about_her = [
        "Lena Marsh ran the port authority for a decade.",
        "Auditors found that Lena Marsh moved funds abroad.",
        "Lena Marsh was due in court on Friday.",
        "The board had backed Lena Marsh until March.",
        "Lena Marsh hired three new deputies in 2019.",
        "Dock workers protested against Lena Marsh in May.",
        "Two of her deputies left the port authority in June.",
        "Ministers questioned Lena Marsh about the budget.",
        "Lena Marsh owns two houses near the harbour.",
        "A judge froze the accounts of Lena Marsh.",
    ]
    more = [
        "Lena Marsh had been questioned twice by auditors.",
        "The port reopened in the afternoon.",
        "Lena Marsh earned a large salary.",
        "Customs officers searched the office of Lena Marsh.",
        "Lena Marsh was appointed by the previous government.",
        "Unions welcomed the inquiry into Lena Marsh.",
        "Several officials left the capital after the scandal.",
        "Police guarded the home of Lena Marsh overnight.",
        "Lena Marsh studied law in Lisbon.",
        "The harbour master replaced Lena Marsh on an interim basis.",
    ]
    corpus = analyse(
        "\n\n".join(["Lena Marsh has reportedly fled the country.", *about_her]),
        "\n\n".join(["Lena Marsh fled the capital on a boat for an unknown destination.", *more]),
    )
    assert linked(
        corpus,
        sentence_with(corpus, 0, "has reportedly fled the country"),
        sentence_with(corpus, 1, "fled the capital on a boat"),
    )


def test_a_person_and_what_they_did_restate_through_added_detail() -> None:
    """One person (here described: "the mayor" of a story that writes "Mayor Helen
    Varga") and one shared word ("resigned") are the event, however much detail the
    other report adds: the shared person halves the mass a match needs in full."""
    corpus = analyse(
        "Meanwhile, Mayor Helen Varga has reportedly resigned from office. Two aides told"
        " the local paper that Mayor Varga signed a letter on Monday night. The council met"
        " in an emergency session. Protesters gathered outside the town hall with banners.",
        "The mayor has resigned from her post in Bradford on a bus to an undisclosed"
        " clinic. Her deputy will lead the city until an election in March. Shops on the"
        " main street stayed closed.",
    )
    assert linked(
        corpus,
        sentence_with(corpus, 0, "has reportedly resigned"),
        sentence_with(corpus, 1, "has resigned from her post"),
    )


def test_gold_unique_sentences_stay_unlinked(seeds_corpus: Corpus, gold: dict) -> None:
    for index, key in ((0, "A"), (1, "B")):
        for snippet in gold["unique"][key]:
            sentence = sentence_with(seeds_corpus, index, snippet)
            assert not in_any_fact(seeds_corpus, sentence), snippet


def test_gold_unique_sentences_are_marked_unique(seeds_corpus: Corpus, gold: dict) -> None:
    """The blindspot view shows them: no sentence of the other report comes close, at any
    sensitivity."""
    linked_ids = seeds_corpus.linked_sentences()
    for index, key in ((0, "A"), (1, "B")):
        report = seeds_corpus.reports[index]
        for snippet in gold["unique"][key]:
            sentence = sentence_with(seeds_corpus, index, snippet)
            paragraph = next(
                p for p in report.paragraphs if any(s.id == sentence for s in p.sentences)
            )
            found = next(s for s in paragraph.sentences if s.id == sentence)
            assert seeds_corpus.is_unique(paragraph, found, linked_ids), snippet


def test_one_sentence_can_state_two_facts(seeds_corpus: Corpus) -> None:
    both = sentence_with(seeds_corpus, 0, "boarded a plane")
    assert len(seeds_corpus.sentence_facts[both]) == 2


def test_fact_json(seeds_corpus: Corpus) -> None:
    data = seeds_corpus.to_dict()
    assert data["facts"]
    ids = set()
    for fact in data["facts"]:
        assert set(fact) == {"id", "sentences", "reports", "score", "discrepancies", "basis"}
        assert len(fact["reports"]) >= 2 and 0 <= fact["score"] <= 1
        ids.add(fact["id"])
    listed = {
        f
        for r in data["reports"]
        for p in r["paragraphs"]
        for s in p["sentences"]
        for f in s["facts"]
    }
    assert listed == ids


def test_facts_never_link_sentences_of_one_report(seeds_corpus: Corpus) -> None:
    for fact in seeds_corpus.facts:
        assert len(fact.reports) >= 2
    for link in seeds_corpus.fact_links:
        assert link.a.split(".")[0] != link.b.split(".")[0]


def test_boilerplate_states_no_fact(seeds_corpus: Corpus) -> None:
    chrome = {
        s.id
        for r in seeds_corpus.reports
        for p in r.paragraphs
        if p.kind == "boilerplate"
        for s in p.sentences
    }
    assert not chrome & set(seeds_corpus.sentence_facts)


# ---------------------------------------------------------------- rules on new text


def test_paraphrase_and_spelling_variants_link() -> None:
    corpus = analyse(
        "Government troops retook the northern town of Kherson on Friday after a week of "
        "fighting. The mayor of Kharkiv said the power plant was shelled overnight.",
        "After seven days of battles, army units recaptured the northern town of Kherson. "
        "Prices of bread rose sharply in the capital.",
        "Ukrainian forces regained the town of Kherson in the north, officials said. "
        "The Kharkov power plant was shelled overnight, its mayor said.",
    )
    k1 = sentence_with(corpus, 0, "retook the northern town")
    k2 = sentence_with(corpus, 1, "recaptured the northern town")
    p1 = sentence_with(corpus, 0, "power plant was shelled")
    p3 = sentence_with(corpus, 2, "Kharkov power plant")
    assert linked(corpus, k1, k2)
    # Kharkiv / Kharkov are one entity, so the plant sentences share their place.
    assert linked(corpus, p1, p3)
    bread = sentence_with(corpus, 1, "Prices of bread")
    assert not in_any_fact(corpus, bread)


def test_reordered_clauses_link() -> None:
    corpus = analyse(
        "Fire crews evacuated the hospital in Leeds after a gas leak, police said.",
        "Police said that after a gas leak, the hospital in Leeds was evacuated by fire crews.",
    )
    assert corpus.facts and len(corpus.facts[0].reports) == 2


def test_sharing_a_name_or_topic_is_not_a_fact() -> None:
    corpus = analyse(
        "Gunfire is heard in central Nairobi, residents told the BBC.",
        "Opposition supporters marched into Nairobi on Tuesday.",
        "The BBC reported heavy rain in Mombasa.",
    )
    assert corpus.facts == ()


def test_a_number_both_sides_state_is_evidence_and_a_name_in_lower_case_is_the_name() -> None:
    """ "the Indian navy has captured 23 Somali pirates" / "the Indian Navy on Saturday
    arrested 23 Somali pirates": in a story where the navy and pirates are in every
    paragraph, the shared count and the navy (written "navy" once) make them one fact."""
    corpus = analyse(
        "The Indian navy has captured 23 Somali pirates in the Gulf of Aden.\n\n"
        "The Indian Navy said its warship was on patrol. Pirates have attacked many ships.",
        "The Indian Navy on Saturday arrested 23 Somali pirates after a chase.\n\n"
        "The Indian Navy has sent warships to the region. Pirates hold several ships.",
        "Pirates fired at the Indian Navy frigate before they were caught.\n\n"
        "The Indian Navy has been praised for its work against pirates.",
    )
    a = sentence_with(corpus, 0, "has captured 23")
    b = sentence_with(corpus, 1, "arrested 23")
    assert linked(corpus, a, b)
    (link,) = [x for x in corpus.fact_links if {x.a, x.b} == {a, b}]
    navy = next(e.id for e in corpus.entities if e.name == "Indian Navy")
    assert {"#:23", f"E:{navy}"} <= link.shared


def test_a_sentence_printed_word_for_word_by_two_reports_is_one_fact() -> None:
    """Too few telling words to match ("injured" and a vague count), yet the same words:
    one statement, never unique; a one-word line is not enough."""
    corpus = analyse(
        "A quake hit Aceh on Tuesday, killing a child.\n\nDozens have been reported injured."
        "\n\nUpdated.",
        "Rescuers searched collapsed homes in Takengon.\n\nDozens have been reported injured."
        "\n\nUpdated.",
    )
    a = sentence_with(corpus, 0, "Dozens have")
    b = sentence_with(corpus, 1, "Dozens have")
    assert linked(corpus, a, b)
    assert len(corpus.facts) == 1


def test_a_year_is_no_matching_term() -> None:
    """ "the 2004 tsunami" dates the background: a count is a term, a year is not."""
    corpus = analyse("A quake struck Aceh, where the 2004 tsunami killed 170,000 people.")
    _, sentences = find_fact_links(corpus.reports, corpus.mentions)
    (terms,) = (item.terms for item in sentences.values())
    assert "#:170000" in terms
    assert "#:2004" not in terms


def test_an_ordinal_ending_is_no_word_to_match_on() -> None:
    """ "his 11th point": "th" is no word the reader shows among what a fact matched on."""
    corpus = analyse("He scored his 11th point and his 2nd rebound on the 3rd play.")
    _, sentences = find_fact_links(corpus.reports, corpus.mentions)
    (terms,) = (item.terms for item in sentences.values())
    assert not terms & {"th", "nd", "rd", "st"}
    assert "point" in terms


def test_only_linked_sentences_that_both_may_state_a_value_are_read_for_values() -> None:
    """Values are compared between linked sentences only: a link whose sentence states
    no number, time or date needs no details read on either side."""
    corpus = analyse(
        "Rebels freed the prisoners of the old fortress. Three people were injured in the blast.",
        "Rebels freed the prisoners of the fortress. Five people were injured in the blast.",
    )
    links, sentences = find_fact_links(corpus.reports, corpus.mentions)
    freed = {sentence_with(corpus, i, "freed the prisoners") for i in (0, 1)}
    injured = {sentence_with(corpus, i, "were injured") for i in (0, 1)}
    assert {frozenset((link.a, link.b)) for link in links} >= {frozenset(freed), frozenset(injured)}
    assert compared_sentences(links, LINK_FLOOR, sentences, corpus.reports) == injured
    fact = next(f for f in corpus.facts if injured <= set(f.sentences))
    assert [d.detail for d in fact.discrepancies] == ["injured: 3 vs 5"]


def test_a_participant_named_on_both_sides_counts_as_evidence() -> None:
    """One shared word and one shared person make a match; one shared word and one shared
    place do not."""
    corpus = analyse(
        "Coach Dan Moreno said on Wednesday that Pierre Thomasson was placed on IR. "
        "Heavy snow fell on Portland overnight.",
        "Pierre Thomasson was placed on injured reserve by the team on Wednesday. "
        "Schools in Portland stayed closed overnight.",
    )
    pairs = {frozenset((link.a, link.b)) for link in corpus.fact_links}
    placed_a = sentence_with(corpus, 0, "was placed on IR")
    placed_b = sentence_with(corpus, 1, "placed on injured reserve")
    assert frozenset((placed_a, placed_b)) in pairs
    snow = sentence_with(corpus, 0, "Heavy snow")
    schools = sentence_with(corpus, 1, "Schools in Portland")
    assert frozenset((snow, schools)) not in pairs


def test_the_outlet_a_sentence_cites_is_not_what_it_states() -> None:
    """ "told Reuters" on both sides says who reported it, not that the reports agree."""
    corpus = analyse(
        "The mayor closed the bridge, an aide told Reuters.",
        "Floods closed the schools, a witness told Reuters.",
    )
    assert corpus.fact_links == ()
    linked_ids = corpus.linked_sentences()
    for report in corpus.reports:
        for paragraph in report.paragraphs:
            for sentence in paragraph.sentences:
                assert corpus.is_unique(paragraph, sentence, linked_ids)


def test_a_sentence_restated_below_the_threshold_is_not_unique() -> None:
    """Linked too loosely for a fact at a high threshold: in no fact, yet not unique (the
    blindspot view is for what only one report says)."""
    corpus = with_fact_threshold(
        analyse(
            "Firefighters evacuated the hospital in Leeds after a gas leak on Monday.",
            "A gas leak forced the evacuation of a Leeds hospital, firefighters said.",
        ),
        0.95,
    )
    assert corpus.fact_links and not corpus.facts
    data = corpus.to_dict()
    marks = [s["unique"] for r in data["reports"] for p in r["paragraphs"] for s in p["sentences"]]
    assert marks == [False, False]


def test_discrepancies_in_numbers_and_days() -> None:
    corpus = analyse(
        "About 150 vehicles carrying hundreds of fighters left Qusair for the border on "
        "Saturday, the monitor said.",
        "Some 200 vehicles carrying hundreds of fighters left Qusayr for the border on "
        "Sunday, witnesses said.",
    )
    assert len(corpus.facts) == 1
    details = {(d.kind, d.detail) for d in corpus.facts[0].discrepancies}
    assert ("number", "vehicles: about 150 vs some 200") in details
    assert ("date", "date: Saturday vs Sunday") in details
    # "hundreds of fighters" in both: the same.
    assert not any("fighters" in d.detail for d in corpus.facts[0].discrepancies)
    # Qusair / Qusayr are spellings of one entity: not a discrepancy.
    assert not any("qus" in d.detail.lower() for d in corpus.facts[0].discrepancies)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "The suspect appeared in court in Leeds on Monday to face the charges.",
            "The suspect appeared in court in Leeds on Friday, where he was sentenced.",
        ),
        (
            "The governor signed the budget bill on March 3.",
            "The governor signed the budget bill into law on March 19 after a long fight.",
        ),
    ],
)
def test_another_day_makes_a_lookalike_not_a_fact(a: str, b: str) -> None:
    """Two sentences that say the same thing of two different days are two happenings
    (another stage, another event of the kind) unless they match closely: linked more
    loosely, and in no fact at the default threshold."""
    corpus = analyse(a, b)
    undated = analyse(a.replace(" on Monday", ""), b.replace(" on March 19", ""))
    assert corpus.facts == ()
    assert [link.score for link in corpus.fact_links] < [link.score for link in undated.fact_links]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Prosecutors charged Marek Halloran with the murder of his business partner.",
            "A jury convicted Marek Halloran of the murder of his business partner.",
        ),
        (
            "Director Ines Corvo is in negotiations to direct the sequel of the film.",
            "The studio said Ines Corvo has been hired to direct the sequel of the film.",
        ),
    ],
)
def test_another_stage_of_the_affair_is_a_lookalike_not_a_fact(a: str, b: str) -> None:
    """ "charged" / "convicted", "in negotiations" / "hired": the same people and words,
    two stages of one affair, so no fact; a sentence naming both stages ("convicted ...
    and sentenced") still restates one that names one of them."""
    assert analyse(a, b).facts == ()
    corpus = analyse(
        "A jury convicted Marek Halloran of the murder of his business partner, and he"
        " was sentenced to life.",
        "Marek Halloran was found guilty of the murder of his business partner.",
    )
    assert len(corpus.facts) == 1


def test_an_assault_charge_is_no_raid() -> None:
    """ "convicted ... of sexual assault" / "Police raided the ranch": an assault in court
    is no armed attack, so no synonym joins it to a raid (a review of ECB+ topic 36 found
    a fact of 26 sentences matched on "assault/raid")."""
    corpus = analyse(
        "A jury convicted Harlan Voss of sexual assault on Monday.\n\nThe trial lasted a week.",
        "Police raided the Voss ranch in April.\n\nHarlan Voss was not there.",
    )
    assert corpus.facts == ()


def test_no_fact_crosses_a_seam_of_its_story() -> None:
    """Reports in two parts of one story with a seam between them (see
    `tui.analysis.stories.cluster`) share no fact; parts under other prefixes (joined by
    other evidence) and reports in no part do."""
    from tui.ingest.loader import reports_from_texts

    reports = reports_from_texts(
        {
            "a.txt": "Fire crews evacuated the hospital in Leeds after a gas leak, police said.",
            "b.txt": "After a gas leak, fire crews evacuated the hospital in Leeds, police said.",
            "c.txt": "Police said fire crews evacuated the Leeds hospital after a gas leak.",
        }
    )
    ids = [report.id for report in reports]

    def reports_linked(apart: dict[str, str] | None) -> set[frozenset[str]]:
        analysis, _ = find_facts(reports, {}, apart=apart)
        found = set()
        for fact in analysis.facts:
            found |= {frozenset((a, b)) for a in fact.reports for b in fact.reports if a < b}
        return found

    every = {frozenset(pair) for pair in [(ids[0], ids[1]), (ids[0], ids[2]), (ids[1], ids[2])]}
    assert reports_linked(None) == every
    # a and b on two sides of a seam; c in no part links with both.
    assert reports_linked({ids[0]: "0.1", ids[1]: "0.2"}) == every - {frozenset(ids[:2])}
    # Parts of two groups joined otherwise (another prefix) are no seam.
    assert reports_linked({ids[0]: "0.1", ids[1]: "3.2"}) == every


def test_threshold_moves_without_rescoring(seeds_corpus: Corpus) -> None:
    strict = with_fact_threshold(seeds_corpus, 0.7)
    loose = with_fact_threshold(seeds_corpus, LINK_FLOOR)
    assert strict.fact_links is seeds_corpus.fact_links is loose.fact_links
    assert strict.reports is seeds_corpus.reports
    linked_strict = {s for f in strict.facts for s in f.sentences}
    linked_loose = {s for f in loose.facts for s in f.sentences}
    assert linked_strict < linked_loose
    assert all(f.score >= 0.7 for f in strict.facts)
    assert with_fact_threshold(strict, seeds_corpus.fact_threshold).facts == seeds_corpus.facts


def test_candidate_pairs_come_from_an_index_not_all_pairs() -> None:
    # 40 reports on 40 different subjects, and two more that share one fact.
    syllables = ["ka", "lo", "mi", "ne", "su", "ta", "vo", "ri", "de", "pa"]
    texts = {}
    for n in range(40):
        words = [
            syllables[n % 10] + syllables[(n // 10 + k) % 10] + syllables[k % 10] + "n"
            for k in range(12)
        ]
        sentences = [" ".join(words[i : i + 6]) + " reported." for i in range(0, 12, 2)]
        texts[f"{n:02d}.txt"] = " ".join(s.capitalize() for s in sentences)
    texts["a.txt"] = "Floodwater breached the levee near the old mill overnight."
    texts["b.txt"] = "Overnight, floodwater breached a levee close to the old mill."
    corpus = tui.analyze_texts(texts)
    links, sentences = find_fact_links(corpus.reports, corpus.mentions)
    items = list(sentences.values())
    df: Counter[str] = Counter()
    for item in items:
        df.update(item.terms)
    pairs = _candidate_pairs(items, df)
    cross_report = sum(
        1 for i, a in enumerate(items) for b in items[i + 1 :] if a.report != b.report
    )
    assert len(pairs) < cross_report / 20
    found = {tuple(sorted((items[i].sentence.id, items[j].sentence.id))) for i, j in pairs}
    assert {tuple(sorted((link.a, link.b))) for link in links} <= found
    assert any(len(f.reports) == 2 for f in corpus.facts)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("officers", "officer"),
        ("freed", "freeing"),
        ("capture", "captured"),
        ("fled", "flee"),
        ("struck", "strikes"),
        ("prisoners", "prison"),
        *((word, word + "s") for word in ("official", "hospital", "trial", "capital")),
        # regular derivations the stemmer keeps apart, and British spellings
        ("explosion", "exploded"),
        ("invasion", "invading"),
        ("extension", "extended"),
        ("piracy", "pirates"),
        ("accuracy", "accurate"),
        ("southern", "south"),
        ("organised", "organized"),
        ("defence", "defense"),
        ("honour", "honor"),
        ("metres", "meters"),
        ("programme", "program"),
    ],
)
def test_stems_meet(a: str, b: str) -> None:
    assert stem(a) == stem(b)


@pytest.mark.parametrize(("a", "b"), [("central", "centre"), ("killed", "dead")])
def test_words_of_one_class_meet(a: str, b: str) -> None:
    assert content_term(a) == content_term(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("early", "ear"),
        ("news", "new"),
        ("general", "generate"),
        ("commission", "committed"),
        ("pension", "pend"),
        ("version", "verde"),
        ("pattern", "pat"),
    ],
)
def test_other_words_stay_apart(a: str, b: str) -> None:
    assert content_term(a) != content_term(b)


def test_no_reports_no_facts() -> None:
    corpus = tui.analyze_texts({})
    assert corpus.facts == () and corpus.fact_links == ()


def test_the_analysis_does_not_depend_on_hash_order() -> None:
    """Sets are visited in an order that changes with PYTHONHASHSEED: ties between
    matches (identical sentences match equally well clause by clause) must be broken on
    content, so every run finds the same facts with the same shared words."""
    import os
    import subprocess
    import sys

    sentence = (
        "The family thanked the nurses and doctors for their care, asked reporters to "
        "respect their privacy, and said the funeral would be held in the village church."
    )
    texts = {
        f"{outlet}.txt": f"{outlet} reported the death on Monday.\n\n{sentence}\n\n"
        f"{outlet} staff contributed to this report."
        for outlet in ("Alpha", "Bravo", "Charlie", "Delta")
    }
    script = (
        "import json, sys, tui; corpus = tui.analyze_texts(json.loads(sys.stdin.read())); "
        "links = [(k.a, k.b, k.score, sorted(k.shared)) for k in corpus.fact_links]; "
        "print(json.dumps([corpus.to_dict(), links], sort_keys=True))"
    )
    outputs = set()
    for seed in ("0", "1", "2", "3", "12345"):
        done = subprocess.run(
            [sys.executable, "-c", script],
            input=json.dumps(texts),
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1


ECBPLUS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "ecbplus" / "text"


def test_links_sharing_one_word_with_a_centre_make_two_facts() -> None:
    """A quotation ("We celebrate ... the news of freeing our prisoners") linked to its
    restatement on six terms and to the narrative ("freeing the prisoners") on two, one
    of them in common: two facts, not one."""
    ids = ["r1.s1", "r2.s1", "r3.s1"]
    sentences = {
        s: SentenceTerms(Sentence(s, 0, 1), s.split(".")[0], s.replace("s", "p"), (), ())
        for s in ids
    }
    quotation = frozenset({"celebr", "S:prisoners", "era", "injustic", "S:end", "E:e7"})
    links = [
        FactLink("r1.s1", "r2.s1", 1.0, quotation),
        FactLink("r1.s1", "r3.s1", 0.7, frozenset({"S:freed", "S:prisoners"})),
    ]
    facts, _ = cluster_facts(links, sentences, 0.4)
    assert sorted(f.sentences for f in facts) == [("r1.s1", "r2.s1"), ("r1.s1", "r3.s1")]


def test_stars_sharing_most_sentences_and_terms_are_one_fact() -> None:
    """Headlines retold by many reports make a star around each of them: two stars that
    share most of their sentences and matched on mostly the same terms are one fact; two
    that share sentences but matched on other terms (a quotation, and the narrative
    that shares two of its words) stay two."""
    quake = frozenset({"magnitud", "quak", "strike", "E:aceh"})
    headlines = frozenset({"magnitud", "quak", "hit", "E:aceh"})
    built = [
        (["r1.s1", "r2.s1", "r3.s1", "r4.s1"], 0.9, quake),
        (["r1.s1", "r2.s1", "r5.s1"], 0.8, headlines),
    ]
    assert _unsubsumed(built) == [(["r1.s1", "r2.s1", "r3.s1", "r4.s1", "r5.s1"], 0.9)]
    quotation = frozenset({"celebr", "S:prisoners", "era", "injustic", "E:hts"})
    narrative = frozenset({"S:freed", "S:prisoners"})
    built = [
        (["r1.s7", "r1.s8", "r2.s10"], 1.0, quotation),
        (["r1.s7", "r2.s9", "r2.s10"], 0.7, narrative),
    ]
    assert len(_unsubsumed(built)) == 2


def test_a_fact_grown_by_a_near_same_one_takes_in_those_it_now_holds() -> None:
    """A fact joined by a near-same one may come to hold a whole third one (kept apart
    before, on other terms): that one is then no fact of its own."""
    terms = frozenset({"charg", "murder", "E:hiller"})
    built = [
        (["r1.s1", "r2.s1", "r3.s1", "r4.s1"], 0.9, terms),
        (["r3.s1", "r4.s1", "r5.s1"], 0.5, frozenset({"court", "appear"})),
        (["r1.s1", "r2.s1", "r5.s1"], 0.8, terms),
    ]
    found = _unsubsumed(built)
    assert found == [(["r1.s1", "r2.s1", "r3.s1", "r4.s1", "r5.s1"], 0.9)]


def test_no_fact_is_inside_another_on_real_coverage() -> None:
    """One fact, one star: nine reports of one escape retell the same sentences, and a
    star built around one of them inside a larger star around another is not a fact of
    its own."""
    folder = ECBPLUS / "3"
    if not folder.is_dir():
        pytest.skip("the ECB+ development data (../shared) is not here")
    corpus = tui.analyze([folder], cache=None)
    assert corpus.facts
    sets = [frozenset(f.sentences) for f in corpus.facts]
    assert not any(a < b for a in sets for b in sets)
    assert len(set(sets)) == len(sets)


def test_a_pair_pruned_by_its_bound_could_not_reach_the_floor() -> None:
    """The scorer skips a pair (and window pairs) whose bound cannot reach `least`: the
    value is the same as the full search's whenever that reaches it, else none."""
    from tui.analysis.facts import _Scorer

    folder = ECBPLUS / "3"
    if not folder.is_dir():
        pytest.skip("the ECB+ development data (../shared) is not here")
    corpus = tui.analyze([folder], cache=None, one_story=True, jobs=1)
    types = {entity.id: entity.type for entity in corpus.entities}
    _, terms = find_fact_links(corpus.reports, corpus.mentions, types)
    sentences = list(terms.values())
    pruned, exact = _Scorer(sentences, types), _Scorer(sentences, types)
    pairs = sorted(_candidate_pairs(sentences, pruned.df, pruned.cues()))
    assert len(pairs) > 500
    reached = 0
    for i, j in pairs:
        value, shared = exact.score(i, j)
        if value >= LINK_FLOOR:
            reached += 1
            assert pruned.score(i, j, LINK_FLOOR) == (value, shared)
        else:
            assert pruned.score(i, j, LINK_FLOOR)[0] < LINK_FLOOR
    assert 0 < reached < len(pairs)


def test_scores_run_from_the_floor_to_one_on_real_coverage() -> None:
    """Numbers weigh half in a window's norm, not in what a match shares: a score is
    still never above 1 (the sensitivity's range)."""
    folder = ECBPLUS / "31"
    if not folder.is_dir():
        pytest.skip("the ECB+ development data (../shared) is not here")
    corpus = tui.analyze([folder], cache=None, one_story=True, jobs=1)
    assert corpus.fact_links and corpus.facts
    assert all(LINK_FLOOR <= link.score <= 1.0 for link in corpus.fact_links)
    assert all(fact.score <= 1.0 for fact in corpus.facts)


def _links_and_raw_scores(*texts: str) -> list[tuple[FactLink, float]]:
    """The links of `texts` as reports, each with the score its match had before
    `find_fact_links` weighed it (`_Scorer.score`, at most 1)."""
    corpus = analyse(*texts)
    types = {entity.id: entity.type for entity in corpus.entities}
    links, sentences = find_fact_links(corpus.reports, corpus.mentions, types, cited=corpus.cited)
    items = list(sentences.values())
    scorer = _Scorer(items, types, corpus.cited)
    index = {item.sentence.id: n for n, item in enumerate(items)}
    found = []
    for link in links:
        raw, shared = scorer.score(index[link.a], index[link.b])
        assert shared == link.shared
        found.append((link, min(raw, 1.0)))
    return found


def test_two_shared_words_alone_are_thin_evidence() -> None:
    """A link made of two shared words and nothing else ("freed", "prisoners") weighs
    two thirds of its match, so it needs a stronger match than one of three terms
    or one naming a participant on both sides to make a fact at the default
    sensitivity; it stays at the lowest sensitivity."""
    ((link, raw),) = _links_and_raw_scores(
        "Rebels freed the prisoners. The weather was cold today. Markets opened late.",
        "The prisoners were freed at dawn. Schools stayed shut all week. Trains ran late.",
    )
    assert len(link.shared) == 2 and not any(map(is_name_term, link.shared))
    assert link.score == pytest.approx(max(raw * _THIN, min(raw, LINK_FLOOR)))
    assert link.score < raw


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (  # three shared terms
            "Rebels freed the prisoners. The weather was cold today.",
            "Rebels freed the prisoners at dawn. Schools stayed shut all week.",
        ),
        (  # a word and a person named on both sides
            "Coach Dan Moreno said that Pierre Thomasson was placed on IR.",
            "Pierre Thomasson was placed on injured reserve by the team.",
        ),
    ],
)
def test_a_link_of_three_terms_or_with_a_participant_is_not_thinned(a: str, b: str) -> None:
    found = _links_and_raw_scores(a, b)
    assert found
    for link, raw in found:
        assert len(link.shared) >= 3 or any(map(is_name_term, link.shared))
        assert link.score == pytest.approx(raw)


@pytest.mark.parametrize(
    ("kind", "words", "halved"),
    [("PERSON", 1, True), ("ORG", 3, True), ("ORG", 2, False), ("PLACE", 3, False)],
)
def test_who_did_it_is_half_the_evidence_a_match_needs(
    kind: str, words: int, halved: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A person both sentences name, or an organisation with three words besides, is the
    event's participant: the match needs half the shared mass to count in full. A place
    never is, and an organisation with fewer words is thin ("HTS" and "rebel")."""
    import tui.analysis.facts as facts

    def item(n: int, *clauses: tuple[str, ...]) -> SentenceTerms:
        report = f"r{n % 2 + 1}"
        return SentenceTerms(
            Sentence(f"{report}.s{n}", 0, 1), report, f"{report}.p{n}", clauses, ()
        )

    shared = ("close", "plant", "flood")[:words]
    # What the pair shares is common in the story; the rest of each sentence is rare.
    common = [item(10 + n, ("E:e1", *shared, f"w{n}")) for n in range(20)]
    pair = [
        item(1, ("E:e1", *shared, "tuesday", "statement")),
        item(2, ("E:e1", *shared, "engineers", "pump", "water", "basement", "insurers")),
    ]
    rare = [item(40 + n, (f"x{n}", f"y{n}")) for n in range(80)]

    def score() -> float:
        return facts._Scorer([*pair, *common, *rare], {"e1": kind}).score(0, 1)[0]

    value = score()
    monkeypatch.setattr(facts, "_SHARED_PERSON", 1.0)
    full = score()  # as if no participant were shared
    assert 0 < full < 0.5
    assert (value > 1.5 * full) is halved


def test_a_count_and_what_it_counts_are_one_statement_whoever_says_it() -> None:
    """ "12 people had been killed" / "12 people were killed": the number both state and
    the word it counts are a match, even when the one who says so is the paragraph's
    cited source (and so no participant) and the places are written differently."""
    corpus = analyse(
        "Our correspondent saw no bodies, but Mr Odoma, the governor of Velm province,"
        " said that 14 people had been killed and the toll could rise.",
        "Ruth Odoma, governor of the northern Velm Province, said earlier that 14 people"
        " were killed and 30 were wounded in the attack on Thursday.",
    )
    assert linked(
        corpus,
        sentence_with(corpus, 0, "14 people had been killed"),
        sentence_with(corpus, 1, "14 people were killed"),
    )


def test_a_number_counting_other_things_on_each_side_is_no_match() -> None:
    """ "six miles west of Cobb" / "six smaller ones": the same number counts other
    things, and with one shared word ("quake") it made a fact (ECB+ topic 38). A count of
    the same thing still matches ("a magnitude 4.4 quake" / "a 4.4-magnitude quake")."""
    corpus = analyse(
        "The quake struck six miles west of Harlow, near Mill Springs. A magnitude 4.4"
        " quake shook the valley.",
        "The quake near Harlow and Mill Springs was followed by six smaller ones. A"
        " 4.4-magnitude quake shook the valley towns.",
    )
    assert not linked(
        corpus,
        sentence_with(corpus, 0, "six miles west"),
        sentence_with(corpus, 1, "six smaller ones"),
    )
    assert linked(
        corpus,
        sentence_with(corpus, 0, "A magnitude 4.4"),
        sentence_with(corpus, 1, "A 4.4-magnitude"),
    )


def test_a_day_of_the_month_or_a_clock_time_is_no_count_to_match_on() -> None:
    """ "on March 14" and "at 9:27 a.m." say when, not how many: with one shared word
    they make no fact ("The storm wrecked the harbour on March 14" / "The mayor toured
    the harbour on March 14"); the dates are still compared as details."""
    corpus = analyse(
        "The storm wrecked the harbour on March 14. Engineers inspected the dam at 9:27"
        " a.m. on Tuesday.",
        "The mayor toured the harbour on March 14. The quake struck at 9:27 a.m. near the dam.",
    )
    assert not linked(
        corpus,
        sentence_with(corpus, 0, "storm wrecked"),
        sentence_with(corpus, 1, "mayor toured"),
    )
    assert not linked(
        corpus,
        sentence_with(corpus, 0, "Engineers inspected"),
        sentence_with(corpus, 1, "quake struck"),
    )


def test_other_people_count_against_a_thin_match_not_against_a_full_one() -> None:
    """Each side naming a person the other does not ("Halvorsen praised Okafor" /
    "Halvorsen praised Lindqvist") is another happening when the two share little else;
    when they share four words or more besides, the others named are detail around one
    statement ("investigators found X barricaded in a basement with a rifle next to Y" /
    "Z said investigators found X barricaded in a basement with a rifle")."""
    thin = analyse(
        "Coach Erik Halvorsen praised Daniel Okafor.",
        "Coach Erik Halvorsen praised Tomas Lindqvist.",
    )
    assert thin.facts == ()
    full = analyse(
        "Investigators found Rafael Dunmore barricaded in a basement with a hunting rifle"
        " next to Lena Marsh.",
        "Owen Pratt said investigators found Rafael Dunmore barricaded in a basement with a rifle.",
    )
    assert len(full.facts) == 1


def test_a_superscript_digit_is_no_number_to_count() -> None:
    """ "²" is a digit to str.isdigit() but no number int() reads: two reports printing
    one (a hypothesis example: b"Offici  \\xb2" read as Latin-1) analyse without error."""
    corpus = analyse("Offici  \xb2", "Offici  \xb2")
    assert corpus.reports
