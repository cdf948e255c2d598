"""Draw candidate sentence pairs for the fact-pair development set (see FACT_PAIRS.md).

Prints candidates (with their text, for the annotator to read) to a scratch file outside
the repository; only references and labels ever go into `fact_pairs.tsv`. The draw is
seeded, so running it again gives the same candidates.

    python tests/data/sample_fact_pairs.py --out /tmp/fact_pair_candidates.jsonl

Per gold story (topic + `ecb` or `ecbplus`), over sentences of different reports
(`*ecbplus` line 0, the URL, and lines of fewer than 6 words left out). `gold_event` is
`yes` when the two share a cross-document ECB+ event chain, `no` when they do not and
both are sentences ECB+ annotated systematically, `unk` when they do not but one is
outside those (its mentions may be incomplete), `na` in topics 36-45:

- `high` (7 a story): pairs among the story's 40 most similar (TF-IDF cosine, `overlap`), a
  sentence in at most one of them; pairs with near-identical wording (cosine >= 0.9)
  mostly left out. Half of them, where the story has enough, drawn among those that
  share no gold event chain or differ in a number or a capitalised name (likely
  lookalikes): the source of hard negatives;
- `gold-low` (3): pairs of systematically annotated sentences that share a
  cross-document gold event chain (topics 1-35) but have low word overlap
  (cosine < 0.2): the source of hard positives;
- `gold-mid` (1): pairs that share a gold event chain, cosine 0.2-0.45;
- `mid` (3): topics 36-45 (no annotations): pairs of cosine 0.15-0.45;
- `random`: any pair of the story, up to 12 a story.

`--round 2` (after round 1 gave too few hard negatives and low-overlap positives), in
every story:

- `lookalike` (2 a story): pairs of cosine 0.3-0.9 with at least one sign of a
  lookalike (both name numbers and not the same ones; both name days and not the same;
  each names a capitalised word the other lacks; no shared gold event chain), those
  with two or more signs first;
- `gold-low2` (1 a story, topics 1-35): pairs of cosine < 0.2 of systematically
  annotated sentences sharing two or more gold event chains.

Round 3 (still too few hard negatives): round 2's lookalike draw again with another seed,
`--round 2 --seed 3 --lookalikes 2 --gold-low2 0`, pairs drawn before left out.
"""

# The helpers defined in the loop over stories are used within their own iteration only.
# ruff: noqa: B023

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from tests.data.fact_pairs import DATA, overlap_vectors  # noqa: E402

MIN_WORDS = 6
NUMBER = re.compile(r"\b\d[\d,.:]*\b")
DAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:yesterday|today|tonight)\b")
CAPITAL = re.compile(r"(?<![.!?\"]\s)(?<!^)\b[A-Z][a-z]+")


def story_docs(data: Path) -> dict[tuple[int, str], list[str]]:
    stories: dict[tuple[int, str], list[str]] = defaultdict(list)
    for folder in (data / "text").iterdir():
        for path in folder.glob("*.txt"):
            part = "ecbplus" if path.stem.endswith("ecbplus") else "ecb"
            stories[int(folder.name), part].append(path.stem)
    for docs in stories.values():
        docs.sort(key=lambda d: int(re.search(r"_(\d+)ecb", d).group(1)))
    return dict(stories)


def load_story(data: Path, topic: int, docs: list[str]):
    lines: dict[str, list[str]] = {}
    chains: dict[tuple[str, int], set[str]] = defaultdict(set)
    annotated: dict[str, set[int] | None] = {}
    for doc in docs:
        lines[doc] = (
            (data / "text" / str(topic) / f"{doc}.txt").read_text(encoding="utf-8").split("\n")
        )
        ann_path = data / "annotations" / str(topic) / f"{doc}.json"
        if ann_path.is_file():
            ann = json.loads(ann_path.read_text(encoding="utf-8"))
            annotated[doc] = set(ann["annotated_sentences"])
            for m in ann["events"]:
                if m["chain"] and not m["chain"].startswith("INTRA_"):
                    chains[doc, m["sentence"]].add(m["chain"])
        else:
            annotated[doc] = None
    return lines, chains, annotated


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=20261203)
    parser.add_argument("--topics", default="")
    parser.add_argument("--per-story", type=int, default=12)
    parser.add_argument("--round", type=int, default=1, choices=(1, 2))
    parser.add_argument("--lookalikes", type=int, default=2, help="round 2: a story")
    parser.add_argument("--gold-low2", type=int, default=1, help="round 2: a story")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    stories = story_docs(args.data)
    wanted = {int(t) for t in args.topics.split(",") if t} or {t for t, _ in stories}
    out = []
    for (topic, part), docs in sorted(stories.items()):
        if topic not in wanted or len(docs) < 2:
            continue
        lines, chains, annotated = load_story(args.data, topic, docs)
        units = []
        for doc in docs:
            for n, text in enumerate(lines[doc]):
                if part == "ecbplus" and n == 0:
                    continue
                if len(text.split()) >= MIN_WORDS:
                    units.append((doc, n))
        vectors = overlap_vectors({d: lines[d] for d in docs}, [lines[d][n] for d, n in units])
        pairs = []
        for i in range(len(units)):
            for j in range(i + 1, len(units)):
                if units[i][0] == units[j][0]:
                    continue
                vi, vj = vectors[i], vectors[j]
                if len(vi) > len(vj):
                    vi, vj = vj, vi
                cos = sum(w * vj.get(t, 0.0) for t, w in vi.items())
                pairs.append((cos, i, j))
        if not pairs:
            continue
        has_gold = annotated[docs[0]] is not None

        def complete(i: int) -> bool:
            doc, n = units[i]
            return annotated[doc] is not None and n in annotated[doc]

        def gold(i: int, j: int) -> bool:
            return bool(chains.get(units[i], set()) & chains.get(units[j], set()))

        def gold_mark(i: int, j: int) -> str:
            if not has_gold:
                return "na"
            if gold(i, j):
                return "yes"
            return "no" if complete(i) and complete(j) else "unk"

        def lookalike(i: int, j: int) -> bool:
            a, b = lines[units[i][0]][units[i][1]], lines[units[j][0]][units[j][1]]
            na, nb = set(NUMBER.findall(a)), set(NUMBER.findall(b))
            ca, cb = set(CAPITAL.findall(a)), set(CAPITAL.findall(b))
            return (na != nb and bool(na) and bool(nb)) or bool(ca ^ cb) or gold_mark(i, j) == "no"

        def signals(i: int, j: int) -> int:
            """How many signs of a lookalike: other numbers, other weekdays, names on
            each side the other lacks, no shared gold event chain."""
            a, b = lines[units[i][0]][units[i][1]], lines[units[j][0]][units[j][1]]
            na = {x.replace(",", "") for x in NUMBER.findall(a)}
            nb = {x.replace(",", "") for x in NUMBER.findall(b)}
            da, db = set(DAY.findall(a.lower())), set(DAY.findall(b.lower()))
            ca, cb = set(CAPITAL.findall(a)), set(CAPITAL.findall(b))
            return (
                (bool(na) and bool(nb) and na != nb)
                + (bool(da) and bool(db) and da != db)
                + (bool(ca - cb) and bool(cb - ca))
                + (gold_mark(i, j) == "no")
            )

        chosen: list[tuple[str, float, int, int]] = []
        used: set[int] = set()

        def take(stratum: str, pool: list[tuple[float, int, int]], k: int) -> None:
            pool = [p for p in pool if p[1] not in used and p[2] not in used]
            rng.shuffle(pool)
            for cos, i, j in pool:
                if k <= 0:
                    break
                if i in used or j in used:
                    continue
                chosen.append((stratum, cos, i, j))
                used.update((i, j))
                k -= 1

        pairs.sort(reverse=True)
        if args.round == 2:
            # Lookalike-enriched high-overlap pairs, and low-overlap pairs sharing two
            # or more gold event chains (more often the same statement than one chain).
            pool = [p for p in pairs if 0.3 <= p[0] < 0.9 and signals(p[1], p[2])]
            rng.shuffle(pool)
            pool.sort(key=lambda p: -min(2, signals(p[1], p[2])))
            best = (
                [p for p in pool if signals(p[1], p[2]) >= min(2, signals(pool[0][1], pool[0][2]))]
                if pool
                else []
            )
            take("lookalike", best, args.lookalikes)
            take("lookalike", pool, args.lookalikes - len(chosen))
            if has_gold:
                take(
                    "gold-low2",
                    [
                        p
                        for p in pairs
                        if p[0] < 0.2
                        and complete(p[1])
                        and complete(p[2])
                        and len(chains.get(units[p[1]], set()) & chains.get(units[p[2]], set()))
                        >= 2
                    ],
                    args.gold_low2,
                )
            pairs = []
        top = [p for p in pairs if p[0] < 0.9][:40]
        n_high = (args.per_story + 1) // 2 + 1
        take("high", [p for p in top if lookalike(p[1], p[2])], n_high // 2 + 1)
        take("high", top, n_high - sum(1 for c in chosen if c[0] == "high"))
        if has_gold:
            take(
                "gold-low",
                [
                    p
                    for p in pairs
                    if p[0] < 0.2 and gold(p[1], p[2]) and complete(p[1]) and complete(p[2])
                ],
                args.per_story // 4,
            )
            take(
                "gold-mid",
                [
                    p
                    for p in pairs
                    if 0.2 <= p[0] < 0.45 and gold(p[1], p[2]) and complete(p[1]) and complete(p[2])
                ],
                1,
            )
        else:
            take("mid", [p for p in pairs if 0.15 <= p[0] < 0.45], args.per_story // 4)
        if pairs:
            take("random", pairs, args.per_story - len(chosen))
        for stratum, cos, i, j in chosen:
            (da, la), (db, lb) = units[i], units[j]
            out.append(
                {
                    "story": f"{topic}_{part}",
                    "stratum": stratum,
                    "doc_a": da,
                    "line_a": la,
                    "doc_b": db,
                    "line_b": lb,
                    "overlap": round(cos, 3),
                    "gold_event": gold_mark(i, j),
                    "a": lines[da][la],
                    "b": lines[db][lb],
                }
            )
    with args.out.open("w", encoding="utf-8") as fh:
        for row in out:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(
        len(out),
        "candidates from",
        len({r["story"] for r in out}),
        "stories",
        Counter(r["stratum"] for r in out),
    )


if __name__ == "__main__":
    main()
