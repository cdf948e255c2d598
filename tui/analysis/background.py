"""How telling a matching term is: its rarity in the corpus, and in English at large.

A term's weight is its inverse document frequency over the sentences being compared.
A corpus of a few sentences says little about that: two one-sentence reports put every
shared word in "all" of it, and the words only one of them has outweighed what they
share. Such a corpus is filled up with sentences of English, read from how often a
sentence of English holds each term (data/background.txt, from wordfreq's English list:
see tools/build_background.py), so a shared "placed" or "reserve" is the evidence it is,
and a shared "play" or "place" less of it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from tui.model.ids import is_name_term

# A corpus of fewer sentences than this is filled up to it with sentences of English: a
# term in df of the corpus's N sentences weighs as if in df + (PRIOR - N) * q of PRIOR
# sentences, q being the share of English sentences that hold it. A larger corpus
# decides alone: a story's own common words ("forces", "rebels") are common in it,
# however rare in English. Chosen on our fact pairs, each pair alone as two one-sentence
# reports (bench/fact_pairs_eval.py --alone, 678 pairs): accuracy / F1 at the default
# threshold 0.715 / 0.773 with no background, 0.715 / 0.787 with 20 (0.714 / 0.786 with
# `_TIME_PENALTY`). The same background as a prior of 20 sentences for every corpus,
# however large, took ECB+ same-fact recall from 0.422 to 0.464 at precision 0.902, but
# linked the seeds' unique sentences and made one of their single-source facts
# "independent": a story's common words weighed as rare ones.
PRIOR_SENTENCES = 20
# Words per sentence: a word of frequency f per word is in about 1 - exp(-f * this) of
# sentences.
_WORDS_PER_SENTENCE = 25
# The frequency taken for a term the background lacks (Zipf 2.5: a word rarer than one
# in a million, a name, a number).
_RARE_ZIPF = 2.5
_DATA = Path(__file__).resolve().parent / "data" / "background.txt"


def _sentence_share(zipf: float) -> float:
    """The share of sentences holding a word of this Zipf frequency."""
    return -math.expm1(-(10 ** (zipf - 9)) * _WORDS_PER_SENTENCE)


_RARE = _sentence_share(_RARE_ZIPF)
# A term this common in English at large (Zipf 4.5: some 30 in a million words: "season",
# "chapter", "terminal", "comments"; not "Leeds" 4.0, "Arsenal" 4.3) is a common word.
_COMMON_ZIPF = 4.5
_COMMON = _sentence_share(_COMMON_ZIPF)


def is_common_term(term: str) -> bool:
    """Whether a matching term is a common word of English at large (data/background.txt)."""
    return background().get(term, 0.0) >= _COMMON


@cache
def background() -> dict[str, float]:
    """Term -> the share of English sentences that hold it (data/background.txt)."""
    shares: dict[str, float] = {}
    for line in _DATA.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        zipf, *terms = line.split()
        share = _sentence_share(float(zipf))
        for term in terms:
            shares[term] = share
    return shares


def term_weights(df: Mapping[str, int], total: int) -> dict[str, float]:
    """Each term's weight among `total` sentences, `df[term]` of which hold it: its
    smoothed inverse document frequency, squared (a term's share of a match)."""
    prior = max(0, PRIOR_SENTENCES - total)
    if not prior:
        return {term: math.log(1 + total / count) ** 2 for term, count in df.items()}
    shares = background()
    extra = total + prior
    weights = {}
    for term, count in df.items():
        share = _RARE if is_name_term(term) else shares.get(term, _RARE)
        weights[term] = math.log(1 + extra / (count + prior * share)) ** 2
    return weights
