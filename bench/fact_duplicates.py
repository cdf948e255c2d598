"""One fact, one star: how many facts are near-copies of another, and how many join two
stories, on ECB+.

Each ECB+ topic folder is analysed as one corpus (`tui.analyze_texts`, as
`../shared/eval/score` does). A fact is a *near-duplicate* when it shares two
sentences or more, and at least half of the smaller one's, with another fact of its
folder: two stars of one statement, which an analyst reads twice. Printed for the
development topics (1-35, the figures the facts were tuned on) and for topics 36-45
(not tuned on), with the facts' mean and largest size (merging near-duplicates must not
make giant facts).

Then each group of topics is analysed as one corpus (the reader's case: a folder of
several stories), and the facts whose reports lie in two gold stories are counted (a
gold story: a topic's `ecb` or its `ecbplus` documents, read from the file names, so
topics 36-45, which have no annotations, count too). No asserts; the last line is
`FIGURES {json}`.

    python bench/fact_duplicates.py [--data ../shared/data/ecbplus]
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _reports import print_figures

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus"
GROUPS = {"dev": range(1, 36), "held": range(36, 46)}


def texts_of(data: Path, topic: int) -> dict[str, str]:
    folder = data / "text" / str(topic)
    return {f.stem: f.read_text(encoding="utf-8") for f in sorted(folder.glob("*.txt"))}


def near_duplicates(facts: list[frozenset[str]]) -> int:
    """How many of `facts` share two sentences or more, and half of the smaller one's or
    more, with another."""
    holding: dict[str, list[int]] = defaultdict(list)
    for k, fact in enumerate(facts):
        for sentence in fact:
            holding[sentence].append(k)
    flagged: set[int] = set()
    for k, fact in enumerate(facts):
        for other in {o for s in fact for o in holding[s] if o > k}:
            shared = len(fact & facts[other])
            if shared >= 2 and 2 * shared >= min(len(fact), len(facts[other])):
                flagged |= {k, other}
    return len(flagged)


def gold_story(name: str) -> str:
    """ "12_3ecbplus" -> "12 ecbplus"."""
    topic, _, rest = name.partition("_")
    return f"{topic} {'ecbplus' if rest.endswith('ecbplus') else 'ecb'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    import tui

    figures: dict[str, float] = {}
    for group, topics in GROUPS.items():
        total = flagged = largest = sentences = 0
        merged: dict[str, str] = {}
        for topic in topics:
            texts = texts_of(args.data, topic)
            if not texts:
                continue
            merged.update(texts)
            facts = [frozenset(f.sentences) for f in tui.analyze_texts(texts).facts]
            total += len(facts)
            flagged += near_duplicates(facts)
            sentences += sum(len(f) for f in facts)
            largest = max([largest, *map(len, facts)])
        if not total:
            continue
        share = flagged / total
        print(f"topics {topics.start}-{topics.stop - 1}, each folder one corpus: {total} facts;")
        print(f"  near-duplicates {flagged} ({share:.3f}); size mean "
              f"{sentences / total:.2f}, largest {largest}")  # fmt: skip
        corpus = tui.analyze_texts(merged)
        story_of = {r.id: gold_story(r.name) for r in corpus.reports}
        across = sum(len({story_of[r] for r in fact.reports}) > 1 for fact in corpus.facts)
        print(f"  all in one corpus: {len(corpus.facts)} facts, {across} across two gold "
              f"stories ({across / max(1, len(corpus.facts)):.4f})")  # fmt: skip
        figures[f"{group}_near_duplicates"] = round(share, 4)
        figures[f"{group}_cross_story_facts"] = across
        figures[f"{group}_cross_story_share"] = round(across / max(1, len(corpus.facts)), 4)
    summary = ", ".join(f"{k} {v}" for k, v in figures.items() if k.endswith("duplicates"))
    print_figures("fact_duplicates.py", "ECB+ topics 1-35 and 36-45", summary, figures)


if __name__ == "__main__":
    main()
