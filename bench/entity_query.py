"""Entity filter latency: `Corpus.query` on 1,000 reports, against a linear scan baseline.

    python bench/entity_query.py [--data ../shared/data/ecbplus] [--reports 1000]

Uses the ECB+ texts (cycled to reach --reports) and prints the median and 95th percentile
of `Corpus.query` for one, two and five entities (any and all), and of a baseline that
scans every paragraph's mentions, in the same run. Prints figures only; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tui import analyze_texts  # noqa: E402
from tui.model.corpus import Corpus  # noqa: E402


def load_texts(data: Path, count: int) -> dict[str, str]:
    files = sorted((data / "text").rglob("*.txt"))
    texts: dict[str, str] = {}
    for i in range(count):
        path = files[i % len(files)]
        texts[f"{i:04d}_{path.stem}.txt"] = path.read_text(encoding="utf-8")
    return texts


def scan(corpus: Corpus, ids: set[str], mode: str) -> set[str]:
    found = set()
    for report in corpus.reports:
        for paragraph in report.paragraphs:
            mentioned = {m.entity for m in corpus.mentions.get(paragraph.id, ())}
            if (mode == "any" and mentioned & ids) or (mode == "all" and ids <= mentioned):
                found.add(paragraph.id)
    return found


def timed(function, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "ecbplus")
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    if not (args.data / "text").is_dir():
        print(f"ECB+ data not found at {args.data}: nothing to measure")
        return 0
    texts = load_texts(args.data, args.reports)
    start = time.perf_counter()
    corpus = analyze_texts(texts)
    paragraphs = sum(len(r.paragraphs) for r in corpus.reports)
    print(
        f"{len(corpus.reports)} reports, {paragraphs} paragraphs, {len(corpus.entities)} "
        f"entities; analysis {time.perf_counter() - start:.2f} s"
    )
    print(f"{'query':<22}{'median ms':>10}{'p95 ms':>10}{'scan median ms':>16}{'matches':>9}")
    for size in (1, 2, 5):
        ids = [e.id for e in corpus.entities[:size]]
        for mode in ("any", "all"):
            if size == 1 and mode == "all":
                continue
            ours = timed(lambda ids=ids, mode=mode: corpus.query(ids, mode), args.repeat)
            base = timed(lambda ids=ids, mode=mode: scan(corpus, set(ids), mode), 5)
            agree = corpus.query(ids, mode) == scan(corpus, set(ids), mode)
            p95 = statistics.quantiles(ours, n=20)[-1]
            label = f"{size} entit{'y' if size == 1 else 'ies'} ({mode})"
            print(
                f"{label:<22}"
                f"{statistics.median(ours):>10.3f}{p95:>10.3f}{statistics.median(base):>16.1f}"
                f"{len(corpus.query(ids, mode)):>9}" + ("" if agree else "  MISMATCH with scan")
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
