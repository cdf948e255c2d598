"""Wrong "unique" marks on ECB+: sentences marked as stated by no other report that do
share a happening with another report.

Each ECB+ topic folder of the development set (topics 1-35) is analysed as one corpus
(`tui.analyze_texts`, as `../shared/eval/score` does). Of the annotated sentences that
share a cross-document event chain with an annotated sentence of another report of the
folder ("such sentences"), the share the analysis marks unique: in the JSON, the
sentence's `unique` (a line counts as unique when every sentence of ours starting on it
is); a tree without that key is taken to mark unique every sentence in no fact (what
the reader did before it had the key). Also printed: the share of such sentences in no
fact at all, whatever `unique` says. No asserts; the last line is `FIGURES {json}`.

    python bench/unique_ecb.py [--data ../shared/data/ecbplus] [--topics 1-35]
"""

from __future__ import annotations

import argparse
import bisect
import json
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _reports import print_figures

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus"


def topics(spec: str) -> list[int]:
    first, _, last = spec.partition("-")
    return list(range(int(first), int(last or first) + 1))


def folder_marks(data: Path, topic: int) -> list[tuple[bool, bool]]:
    """(marked unique, in no fact) for each annotated sentence of the folder that shares
    an event chain with an annotated sentence of another report."""
    import tui

    paths = sorted((data / "text" / str(topic)).glob("*.txt"))
    texts = {}
    for path in paths:
        with open(path, encoding="utf-8", newline="") as handle:
            texts[path.stem] = handle.read()
    if not texts:
        return []
    analysis = tui.analyze_texts(texts, jobs=1).to_dict()
    by_name = {report["name"]: report for report in analysis["reports"]}
    annotated = []  # (doc, events, our sentences on its line)
    for name, text in texts.items():
        path = data / "annotations" / str(topic) / f"{name}.json"
        if not path.exists():
            continue
        gold = json.loads(path.read_text(encoding="utf-8"))
        lines = set(gold.get("annotated_sentences", []))
        events: dict[int, set[str]] = {line: set() for line in lines}
        for mention in gold.get("events", []):
            if mention.get("sentence") in lines and mention.get("chain"):
                events[mention["sentence"]].add(mention["chain"])
        starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        ours: dict[int, list[dict]] = defaultdict(list)
        for paragraph in by_name.get(name, {}).get("paragraphs", []):
            for sentence in paragraph["sentences"]:
                ours[bisect.bisect_right(starts, sentence["start"]) - 1].append(sentence)
        for line in lines:
            annotated.append((name, events[line], ours.get(line, [])))
    marks = []
    for name, events, sentences in annotated:
        if not events or not sentences:
            continue
        if not any(events & other for doc, other, _ in annotated if doc != name):
            continue
        no_fact = all(not s["facts"] for s in sentences)
        unique = all(s.get("unique", not s["facts"]) for s in sentences)
        marks.append((unique, no_fact))
    return marks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--topics", default="1-35")
    args = parser.parse_args()
    if not (args.data / "text").is_dir():
        sys.exit(f"unique_ecb.py: no ECB+ data at {args.data}")
    marks = [mark for topic in topics(args.topics) for mark in folder_marks(args.data, topic)]
    total = len(marks)
    unique = sum(u for u, _ in marks) / total if total else 0.0
    no_fact = sum(n for _, n in marks) / total if total else 0.0
    print(f"ECB+ topics {args.topics}: {total} annotated sentences share a gold happening")
    print(f"with another report; marked unique {unique:.3f}; in no fact {no_fact:.3f}")
    print_figures(
        "unique_ecb.py",
        f"topics {args.topics}",
        f"wrong unique {unique:.3f}",
        {"wrong_unique": round(unique, 4), "in_no_fact": round(no_fact, 4), "sentences": total},
    )


if __name__ == "__main__":
    main()
