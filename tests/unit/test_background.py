"""Term weights smoothed towards English at large (`tui.analysis.background`)."""

from __future__ import annotations

import math

import pytest

import tui
from tui.analysis.background import PRIOR_SENTENCES, background, term_weights
from tui.analysis.terms import content_term, sentence_terms
from tui.model.corpus import Corpus


def analyse(*texts: str) -> Corpus:
    return tui.analyze_texts({f"r{i}.txt": t for i, t in enumerate(texts, start=1)})


def in_one_fact(corpus: Corpus, a: str, b: str) -> bool:
    """Whether a fact holds a sentence of report 1 holding `a` and one of 2 holding `b`."""

    def sentence(index: int, snippet: str) -> str:
        report = corpus.reports[index]
        return next(
            s.id
            for p in report.paragraphs
            for s in p.sentences
            if snippet in report.text[s.start : s.end]
        )

    first, second = sentence(0, a), sentence(1, b)
    return any(first in f.sentences and second in f.sentences for f in corpus.facts)


def test_the_table_knows_common_english_words() -> None:
    # A sample of everyday words: each one's matching term is in the table, so the table
    # is in step with the stemming (rebuild it with tools/build_background.py if not).
    shares = background()
    words = """government police killed announced officials hospital earthquake prison
    released arrested court players season company shares election minister army
    fire building students""".split()
    missing = [w for w in words if content_term(w) not in shares]
    assert not missing
    assert shares[content_term("police")] > shares[content_term("earthquake")]
    assert content_term("aftershocks") not in shares  # rarer than one in a million
    assert all(0.0 < share < 1.0 for share in shares.values())


@pytest.mark.parametrize("total", [PRIOR_SENTENCES, 40, 20_000])
def test_a_corpus_of_some_size_decides_its_own_weights(total: int) -> None:
    # A story's own common words are common in it, however rare in English.
    df = {"rare": 1, "forc": total // 2, content_term("police"): 3}
    smoothed = term_weights(df, total)
    assert smoothed == {term: math.log(1 + total / count) ** 2 for term, count in df.items()}


def test_in_a_tiny_corpus_english_decides() -> None:
    # Two sentences: every shared word is in "all" of them, and alone the corpus cannot
    # tell a rare shared word from a common one; English can.
    weights = term_weights({content_term("reserve"): 2, content_term("place"): 2}, 2)
    assert weights[content_term("reserve")] > weights[content_term("place")]
    # A shared word still weighs most of what a word in one sentence does.
    alone = term_weights({content_term("reserve"): 1}, 2)[content_term("reserve")]
    assert weights[content_term("reserve")] > 0.6 * alone


# Pairs of one-sentence reports, each compared alone: the shared words were worth less than
# the words only one of them had (each shared word is in "every" sentence of such a
# corpus), and none was linked.
_RESTATED = [
    (
        "Former Dalton College linebacker Aaron Pell has received a sentence of life in"
        " prison without parole for a 2019 shooting spree at a courthouse in Macon,"
        " according to reports.",
        "A judge in Bibb County sentenced Aaron Pell on Saturday to multiple life prison"
        " sentences for his deadly 2019 rampage at the county courthouse.",
    ),
    (
        "Larkfield Chief of Police Dana Ruiz was listed in critical condition at Mercy"
        " General and a bank teller received minor injuries.",
        "Larkfield Police Chief Dana Ruiz received critical injuries and was taken to Mercy"
        " General Hospital, according to state police.",
    ),
    (
        "Two suspected gang members were arrested in the fatal shooting of a sheriff's"
        " deputy who was killed as he left for work, officials announced Saturday.",
        "Two gang members whose names were not released were arrested last night in the"
        " murder of Deputy Tom Kessler outside his home.",
    ),
]


@pytest.mark.parametrize(("first", "second"), _RESTATED, ids=["sentence", "injured", "arrests"])
def test_two_short_reports_share_a_fact(first: str, second: str) -> None:
    corpus = analyse(first + "\n", second + "\n")
    assert in_one_fact(corpus, first[:30], second[:30])


def test_two_short_reports_of_other_facts_stay_apart() -> None:
    corpus = analyse(
        "Coach Marta Ilves said on Tuesday that Tomas Berglund was placed on injured reserve.\n",
        "The Harbour City Rovers sold their stadium to a property developer for $40 million.\n",
    )
    assert not corpus.facts


def test_contractions_are_no_terms() -> None:
    corpus = analyse("He won't play and they didn't say why.\n")
    report = corpus.reports[0]
    paragraph = report.paragraphs[0]
    terms = sentence_terms(report, paragraph, paragraph.sentences[0], (), details=False).terms
    assert not {"won't", "didn't", "won", "didn"} & terms
