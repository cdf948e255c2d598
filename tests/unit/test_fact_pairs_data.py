"""The fact-pair development set (tests/data/FACT_PAIRS.md): well-formed, and, when the
ECB+ text is at ../shared, every reference names a real sentence."""

from __future__ import annotations

import re
from collections import Counter

from tests.data.fact_pairs import FIELDS, LABELS, PAIRS, pairs_or_skip, read_rows

KINDS_SAME = {
    "paraphrase",
    "restatement",
    "restatement-with-detail",
    "restatement-with-description",
}


def test_rows_are_well_formed() -> None:
    header = PAIRS.read_text(encoding="utf-8").splitlines()[0].split("\t")
    assert tuple(header) == FIELDS
    rows = read_rows()
    assert 300 <= len(rows) <= 400
    keys = Counter(frozenset(((r.doc_a, r.line_a), (r.doc_b, r.line_b))) for r in rows)
    assert max(keys.values()) == 1
    for row in rows:
        assert row.label in LABELS
        assert (row.kind in KINDS_SAME) == row.same, row
        assert row.doc_a != row.doc_b
        assert row.doc_a.split("_")[0] == row.doc_b.split("_")[0]
        assert row.doc_a.endswith("ecbplus") == row.doc_b.endswith("ecbplus")  # one gold story
        assert 0 < len(row.note) <= 100  # a note in our words, not the text


def _runs(text: str, n: int) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def test_references_name_sentences() -> None:
    for pair in pairs_or_skip():
        assert len(pair.text_a.split()) >= 6 and len(pair.text_b.split()) >= 6
        assert not pair.text_a.startswith("http") and not pair.text_b.startswith("http")
        # The note is ours: no run of four words copied from either sentence.
        copied = _runs(pair.note, 4) & (_runs(pair.text_a, 4) | _runs(pair.text_b, 4))
        assert not copied, (pair.note, copied)
