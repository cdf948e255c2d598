"""Wire copy: sentences that reports of one story print near-verbatim.

Agencies' stories and press releases are reprinted by many outlets with small edits (a
word changed, a clause cut, a dateline added). Ten reprints of one wire story are one
confirmation of what it says, not ten: `tui.analysis.basis` counts them once.

Each sentence of the reports' analysed paragraphs becomes a set of word shingles (three
words in a row, case folded). Candidate pairs come from a bottom-k sketch, never from all
pairs: each sentence is indexed by its `SKETCH` least shingle hashes, and two sentences
meet when they share one. The least hashes of the two sentences' shingles together are
among each one's least whenever they lie in both, so two sentences sharing a share J of
their shingles miss each other with a chance of about (1 - J) ** SKETCH: 2 in 100 at
the copy's least overlap (J = 0.4). Each candidate pair of sentences of different
reports is then checked on the shingles themselves: a copy holds most of the shorter
sentence's shingles, and most of the two sentences' shingles together. Copies join into
passages (a union of pairs), so a story reprinted ten times is one passage in ten
reports.

Short sentences (fewer than `MIN_WORDS` words) are left out: "Police said the man was
arrested." is what reporters write, not what they copy. The hashes are CRC-32 of the
shingle's words (not Python's `hash`, which differs from process to process), so the
result is the same in every process and every run.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Sequence

from tui.analysis.unionfind import UnionFind
from tui.model.document import UNANALYSED_KINDS, Report
from tui.model.ids import sentence_order

SHINGLE = 3
# A sentence shorter than this says too little to tell a copy from a common phrase.
MIN_WORDS = 8
# Each sentence is indexed by this many of its least shingle hashes (its sketch).
SKETCH = 8
# A copy: the other sentence holds this share of the shorter one's shingles...
CONTAINED = 0.6
# ...and the two share this share of all their shingles (Jaccard).
OVERLAP = 0.4
# A bucket this large is a passage printed in that many reports: each newcomer is
# checked against the first few of it only, as one copy is much like another.
_BUCKET_CHECKS = 8

_WORD = re.compile(r"\w+")


def shingles(text: str) -> frozenset[int]:
    """The hashes of `text`'s runs of `SHINGLE` words (none when it has fewer than
    `MIN_WORDS` words)."""
    words = _WORD.findall(text.casefold())
    if len(words) < MIN_WORDS:
        return frozenset()
    return frozenset(
        zlib.crc32(" ".join(words[i : i + SHINGLE]).encode("utf-8", "surrogatepass"))
        for i in range(len(words) - SHINGLE + 1)
    )


def signature(hashes: frozenset[int]) -> tuple[int, ...]:
    """The bottom-k sketch of a set of shingle hashes: its `SKETCH` least, in order (all
    of them when it has fewer)."""
    return tuple(sorted(hashes)[:SKETCH])


def near_verbatim(a: frozenset[int], b: frozenset[int]) -> bool:
    """Whether two sentences' shingles make one a copy of the other, small edits aside."""
    if not a or not b:
        return False
    shared = len(a & b)
    return shared >= CONTAINED * min(len(a), len(b)) and shared >= OVERLAP * len(a | b)


def find_wire_copies(reports: Sequence[Report]) -> list[tuple[str, ...]]:
    """The passages several of `reports` (one story's) print near-verbatim: each the ids
    of its sentences (two reports or more), in reading order; the passages in the order
    of their first sentence."""
    ids: list[str] = []
    report_of: list[str] = []
    sets: list[frozenset[int]] = []
    for report in reports:
        for paragraph in report.paragraphs:
            if paragraph.kind in UNANALYSED_KINDS:
                continue
            for sentence in paragraph.sentences:
                found = shingles(report.text[sentence.start : sentence.end])
                if found:
                    ids.append(sentence.id)
                    report_of.append(report.id)
                    sets.append(found)
    buckets: dict[int, list[int]] = defaultdict(list)
    for index, found in enumerate(sets):
        for value in signature(found):
            buckets[value].append(index)
    joined = UnionFind(ids)
    for members in buckets.values():
        if len(members) < 2 or len({report_of[i] for i in members}) < 2:
            continue
        for position, index in enumerate(members):
            checked = 0
            for other in members[:position]:
                if checked >= _BUCKET_CHECKS:
                    break
                if report_of[other] == report_of[index] or joined.find(ids[other]) == joined.find(
                    ids[index]
                ):
                    continue
                checked += 1
                if near_verbatim(sets[index], sets[other]):
                    joined.union(ids[index], ids[other])
    groups: dict[str, list[int]] = defaultdict(list)
    for index, sentence_id in enumerate(ids):
        groups[joined.find(sentence_id)].append(index)
    passages = [
        tuple(sorted((ids[i] for i in members), key=sentence_order))
        for members in groups.values()
        if len({report_of[i] for i in members}) > 1
    ]
    return sorted(passages, key=lambda passage: sentence_order(passage[0]))
