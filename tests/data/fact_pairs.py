"""The fact-pair development set: pairs of ECB+ sentences of one story, labelled `same`
or `different` statement (rule and counts: FACT_PAIRS.md).

`fact_pairs.tsv` holds references only (document, line) and labels; the sentences are
read from the ECB+ text export in `../shared/data/ecbplus/text` (the dataset's text is
never copied into this repository). `NEWSPRISM_ECBPLUS` names another folder. In a test,
`pairs_or_skip()` skips cleanly when the folder is absent.

    from tests.data.fact_pairs import load_pairs
    for pair in load_pairs():          # raises DataMissing without the corpus
        pair.text_a, pair.text_b, pair.same, pair.kind
"""

from __future__ import annotations

import csv
import math
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PAIRS = HERE / "fact_pairs.tsv"
DATA = Path(os.environ.get("NEWSPRISM_ECBPLUS", ROOT.parent / "shared" / "data" / "ecbplus"))
FIELDS = (
    "doc_a",
    "line_a",
    "doc_b",
    "line_b",
    "label",
    "kind",
    "overlap",
    "gold_event",
    "stratum",
    "note",
)
LABELS = ("same", "different")


class DataMissing(RuntimeError):
    """The ECB+ text export is not there."""


@dataclass(frozen=True, slots=True)
class FactPair:
    doc_a: str
    line_a: int
    doc_b: str
    line_b: int
    label: str  # "same" or "different"
    kind: str
    overlap: float  # TF-IDF cosine of the two sentences (see `overlap_vectors`)
    gold_event: str  # "yes"/"no": share a cross-document ECB+ event chain; "na": topics 36-45
    stratum: str  # how the pair was drawn (sample_fact_pairs.py)
    note: str
    text_a: str = ""
    text_b: str = ""

    @property
    def same(self) -> bool:
        return self.label == "same"

    @property
    def topic(self) -> int:
        return int(self.doc_a.split("_", 1)[0])

    @property
    def story(self) -> str:
        """The gold story: topic and `ecb` or `ecbplus`, e.g. `1_ecbplus`."""
        return f"{self.topic}_{'ecbplus' if self.doc_a.endswith('ecbplus') else 'ecb'}"

    @property
    def hard(self) -> bool:
        """A hard negative (different, overlap >= HIGH) or a hard positive (same,
        overlap < LOW)."""
        return (not self.same and self.overlap >= HIGH) or (self.same and self.overlap < LOW)


# Overlap bands that make a pair hard (FACT_PAIRS.md).
HIGH = 0.3
LOW = 0.2


def read_rows(path: Path = PAIRS) -> list[FactPair]:
    """The labelled pairs without their text (needs no corpus)."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return [
        FactPair(
            r["doc_a"],
            int(r["line_a"]),
            r["doc_b"],
            int(r["line_b"]),
            r["label"],
            r["kind"],
            float(r["overlap"]),
            r["gold_event"],
            r["stratum"],
            r["note"],
        )
        for r in rows
    ]


def doc_path(doc: str, data: Path = DATA) -> Path:
    return data / "text" / doc.split("_", 1)[0] / f"{doc}.txt"


@cache
def doc_lines(doc: str, data: Path = DATA) -> tuple[str, ...]:
    path = doc_path(doc, data)
    if not path.is_file():
        raise DataMissing(f"no ECB+ text at {path}")
    return tuple(path.read_text(encoding="utf-8").split("\n"))


def story_docs(story: str, data: Path = DATA) -> list[str]:
    """The documents of a gold story (`1_ecb`), in number order."""
    topic, part = story.split("_", 1)
    folder = data / "text" / topic
    if not folder.is_dir():
        raise DataMissing(f"no ECB+ text at {folder}")
    docs = [p.stem for p in folder.glob("*.txt") if p.stem.endswith(part) and
            (part == "ecbplus" or not p.stem.endswith("ecbplus"))]  # fmt: skip
    return sorted(docs, key=lambda d: int(re.search(r"_(\d+)ecb", d).group(1)))


def load_pairs(path: Path = PAIRS, data: Path = DATA) -> list[FactPair]:
    """The labelled pairs with both sentences read from the corpus."""
    if not (data / "text").is_dir():
        raise DataMissing(f"no ECB+ text folder at {data / 'text'}")
    found = []
    for pair in read_rows(path):
        a, b = doc_lines(pair.doc_a, data), doc_lines(pair.doc_b, data)
        found.append(
            FactPair(
                *(getattr(pair, f) for f in FactPair.__slots__[:10]), a[pair.line_a], b[pair.line_b]
            )
        )
    return found


def pairs_or_skip() -> list[FactPair]:
    """`load_pairs()`, or skip the calling test when the corpus is absent."""
    import pytest

    try:
        return load_pairs()
    except DataMissing as exc:
        pytest.skip(str(exc))


# ------------------------------------------------------------------ word overlap
#
# The `overlap` column and the TF-IDF baseline of bench/fact_pairs_eval.py: word
# unigrams (two or more word characters, lower case, English stop words left out),
# IDF over the story's documents (each report one document) ln((1+N)/(1+df))+1, raw
# counts, L2 norm; the overlap of two sentences is their cosine.

TOKEN = re.compile(r"\b\w\w+\b")
STOP_WORDS = frozenset(
    """a about above after again against all almost along already also although always am
    among an and another any anyone anything are around as at be became because become been
    before being below between both but by can cannot could did do does doing done down
    during each either else enough even ever every few for from further get got had has
    have having he her here hers herself him himself his how however i if in into is it its
    itself just least less like made many may me might more most much must my myself neither
    never no nor not now of off often on once one only onto or other others otherwise our
    ours ourselves out over own per perhaps quite rather same she should since so some
    still such than that the their theirs them themselves then there therefore these they
    this those though through thus to together too toward towards under until up upon us
    very via was we well were what whatever when where whether which while who whom whose
    why will with within without would yet you your yours yourself yourselves""".split()
)


def words(text: str) -> list[str]:
    return [t for t in TOKEN.findall(text.lower()) if t not in STOP_WORDS]


def overlap_vectors(
    documents: Mapping[str, Sequence[str]], sentences: Iterable[str]
) -> list[dict[str, float]]:
    """L2-normalised TF-IDF vectors of `sentences`, IDF over `documents` (each a
    report's lines)."""
    df: Counter[str] = Counter()
    for lines in documents.values():
        df.update({w for line in lines for w in words(line)})
    n = len(documents)
    vectors = []
    for sentence in sentences:
        weights = {
            t: c * (math.log((1 + n) / (1 + df[t])) + 1)
            for t, c in Counter(words(sentence)).items()
        }
        norm = math.sqrt(sum(w * w for w in weights.values()))
        vectors.append({t: w / norm for t, w in weights.items()} if norm else {})
    return vectors


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())
