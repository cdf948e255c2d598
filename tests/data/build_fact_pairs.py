"""Write `fact_pairs.tsv` from the annotator's candidate files and labels (FACT_PAIRS.md).

    python tests/data/build_fact_pairs.py --candidates c1.jsonl c2.jsonl ... \
        --labels labels.tsv [--per-label 200]

Candidates are `sample_fact_pairs.py` output (with text; kept outside the repository),
each with an `id`; labels are lines `id<TAB>s|d|x<TAB>kind code<TAB>note`, `x` for a
line that is not a statement (a dateline, a timestamp, a byline). The final set:

1. drops `x` pairs and pairs whose two sentences repeat another pair's two sentences
   word for word (ECB+ has some reports twice);
2. keeps every hard pair: `different` with overlap >= HIGH, `same` with overlap < LOW;
3. fills each label up to `--per-label` with a seeded random draw of its other pairs.

The labelled pairs left out by 3. go to `--rest` (same columns), for whoever wants more.

Only references, labels, kinds, notes and overlap figures are written, never text.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.data.fact_pairs import FIELDS, HIGH, LOW, PAIRS

KINDS = {
    "P": "paraphrase",
    "R": "restatement",
    "RD": "restatement-with-detail",
    "RDesc": "restatement-with-description",
    "SE": "same-event-other-fact",
    "OF": "other-fact",
    "LN": "lookalike-number",
    "LP": "lookalike-participant",
    "LT": "lookalike-time",
    "LPl": "lookalike-place",
    "LQ": "lookalike-quote",
    "LS": "lookalike-stage",
    "DN": "discrepancy-number",
    "DT": "discrepancy-time",
    "CX": "contradiction",
}
SAME_KINDS = {"P", "R", "RD", "RDesc"}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--candidates", type=Path, nargs="+", required=True)
    parser.add_argument("--labels", type=Path, required=True)
    parser.add_argument("--per-label", type=int, default=200)
    parser.add_argument("--seed", type=int, default=20261203)
    parser.add_argument("--out", type=Path, default=PAIRS)
    parser.add_argument("--rest", type=Path, default=PAIRS.with_name("fact_pairs_rest.tsv"))
    args = parser.parse_args()
    rows = {}
    for path in args.candidates:
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            rows[row["id"]] = row
    labels = {}
    for line in args.labels.read_text(encoding="utf-8").splitlines():
        ident, label, kind, note = line.split("\t")
        labels[int(ident)] = (label, kind, note)
    missing = sorted(set(rows) - set(labels))
    if missing:
        raise SystemExit(f"unlabelled candidates: {missing}")
    seen: set[frozenset[str]] = set()
    pool = []
    for ident in sorted(rows):
        row, (label, kind, note) = rows[ident], labels[ident]
        if label == "x":
            continue
        if (label == "s") != (kind in SAME_KINDS):
            raise SystemExit(f"{ident}: label {label} with kind {kind}")
        texts = frozenset((row["a"], row["b"]))
        if texts in seen:
            continue
        seen.add(texts)
        pool.append((row, "same" if label == "s" else "different", KINDS[kind], note))
    rng = random.Random(args.seed)
    chosen = []
    for label in ("same", "different"):
        mine = [p for p in pool if p[1] == label]
        hard = [
            p
            for p in mine
            if (p[0]["overlap"] < LOW if label == "same" else p[0]["overlap"] >= HIGH)
        ]
        rest = [p for p in mine if p not in hard]
        rng.shuffle(rest)
        chosen += hard + rest[: max(0, args.per_label - len(hard))]

    def order(p):
        row = p[0]
        return (int(row["story"].split("_")[0]), row["story"], row["doc_a"], row["line_a"])

    rest = sorted((p for p in pool if p not in chosen), key=order)
    chosen.sort(key=order)
    for path, part in ((args.out, chosen), (args.rest, rest)):
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
            writer.writerow(FIELDS)
            for row, label, kind, note in part:
                (da, la), (db, lb) = sorted(
                    ((row["doc_a"], row["line_a"]), (row["doc_b"], row["line_b"]))
                )
                overlap = f"{row['overlap']:.3f}"
                writer.writerow(
                    (da, la, db, lb, label, kind, overlap, row["gold_event"], row["stratum"], note)
                )
    print(
        len(pool),
        "labelled pairs,",
        len(chosen),
        "written to",
        args.out,
        len(rest),
        "to",
        args.rest,
    )
    print(Counter(p[1] for p in chosen))


if __name__ == "__main__":
    main()
