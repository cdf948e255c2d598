"""Time and memory of the analysis (ingest, entities, shared facts) as reports grow.

Each size runs in a fresh Python process (`sys.executable`), so its peak RSS
(`ru_maxrss`) is its own: one process for our analysis, one for the baseline, an exact
all-pairs TF-IDF cosine between the same sentences (as in `facts_ecb.py`, English stop
words out), skipped above `--baseline-max` sentences.

Reports: the 982 ECB+ texts in topic order (so small sizes are one or a few stories, as
a reader would load them), then synthetic batches of 982 beyond that: batch b is the
982 texts again with every content word given a prefix of its own ("Lohan" ->
"Kalohan", "rehab" -> "karehab"; function words kept) and two neighbouring lines of
each text swapped. A batch is thus a new set of stories with the same shape (sentence
lengths, word frequencies, overlap between the reports of a story) that shares no
content word with the other batches, and every text is distinct.

    python bench/facts_scale.py [--data ../shared/data/ecbplus] [--sizes 10,100,1000]
                                [--baseline-max 20000] [--baseline-threshold 0.5]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import random
import re
import resource
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "ecbplus"
CONSONANTS = "kbdfgmnprstvz"
# Paragraph kinds the fact analysis reads (not boilerplate or code).
ANALYSED = ("body", "heading", "quote", "list")
VOWELS = "aeiou"
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


# ------------------------------------------------------------------------ texts


def originals(data: Path) -> list[tuple[str, str]]:
    folders = sorted((data / "text").iterdir(), key=lambda p: int(p.name))
    found = []
    for folder in folders:
        for path in sorted(folder.glob("*.txt")):
            found.append((path.stem, path.read_text(encoding="utf-8")))
    return found


def prefix(batch: int) -> str:
    """A syllable per batch: 1 -> "ka", 2 -> "ke", ..., 6 -> "ba"; unique for any batch."""
    b = batch - 1
    out = ""
    while True:
        out += CONSONANTS[(b // len(VOWELS)) % len(CONSONANTS)] + VOWELS[b % len(VOWELS)]
        b //= len(VOWELS) * len(CONSONANTS)
        if not b:
            return out


def synthetic(text: str, batch: int, seed: int, keep: frozenset[str]) -> str:
    """The text with every content word prefixed and two neighbouring lines swapped."""
    p = prefix(batch)

    def rename(m: re.Match[str]) -> str:
        word = m.group()
        if len(word) < 3 or word.lower() in keep:
            return word
        if word.isupper():
            return p.upper() + word
        if word[0].isupper():
            return p.capitalize() + word.lower()
        return p + word

    lines = _WORD.sub(rename, text).split("\n")
    body = [i for i, line in enumerate(lines) if line.strip()]
    if len(body) > 3:
        i = random.Random(seed).randrange(1, len(body) - 1)
        a, b = body[i], body[i + 1]
        lines[a], lines[b] = lines[b], lines[a]
    return "\n".join(lines)


def build_texts(data: Path, count: int) -> dict[str, str]:
    from facts_ecb import STOP_WORDS

    keep = STOP_WORDS | frozenset("said says told according".split())
    base = originals(data)
    texts: dict[str, str] = {}
    for i in range(count):
        batch, k = divmod(i, len(base))
        name, text = base[k]
        if batch:
            text = synthetic(text, batch, i, keep)
        texts[f"{i:05d}_{name}.txt"] = text
    return texts


# ----------------------------------------------------------------------- workers


def rss_now() -> int:
    """Current resident set size in KiB (Linux /proc), or 0."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def peak_rss() -> int:
    """Peak resident set size of this process in KiB (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def work_ours(data: Path, size: int) -> dict[str, object]:
    from tui.analysis.entities import find_entities
    from tui.analysis.facts import find_facts
    from tui.ingest.loader import reports_from_texts

    texts = build_texts(data, size)
    base = rss_now()
    t0 = time.perf_counter()
    reports = reports_from_texts(texts)
    t1 = time.perf_counter()
    # What analysis_stages does, stage by stage (the facts of all reports as one story).
    analysis = find_entities(reports)
    by_paragraph = defaultdict(list)
    for mention in analysis.mentions:
        by_paragraph[mention.paragraph].append(mention)
    mentions = {p: tuple(sorted(ms, key=lambda m: m.start)) for p, ms in by_paragraph.items()}
    t2 = time.perf_counter()
    facts, _ = find_facts(reports, mentions)
    t3 = time.perf_counter()
    return {
        "sentences": sum(len(p.sentences) for r in reports for p in r.paragraphs),
        "analysed": sum(
            len(p.sentences) for r in reports for p in r.paragraphs if p.kind in ANALYSED
        ),
        "words": sum(len(t.split()) for t in texts.values()),
        "links": len(facts.links),
        "facts": len(facts.facts),
        "ingest": t1 - t0,
        "entities": t2 - t1,
        "facts_s": t3 - t2,
        "base_kib": base,
        "peak_kib": peak_rss(),
    }


def work_baseline(data: Path, size: int, threshold: float) -> dict[str, object]:
    from facts_ecb import all_pairs_cosine, tfidf, tokens

    from tui.ingest.loader import reports_from_texts

    texts = build_texts(data, size)
    base = rss_now()
    reports = reports_from_texts(texts)
    t0 = time.perf_counter()
    docs, groups = [], []
    for report in reports:
        for paragraph in report.paragraphs:
            if paragraph.kind in ("boilerplate", "code"):  # as the fact analysis does
                continue
            for sentence in paragraph.sentences:
                docs.append(tokens(report.text[sentence.start : sentence.end], stop=True))
                groups.append(report.id)
    vectors = tfidf(docs, docs)
    pairs = sum(1 for _ in all_pairs_cosine(vectors, groups, threshold))
    t1 = time.perf_counter()
    return {"sentences": len(docs), "pairs": pairs, "time": t1 - t0, "base_kib": base,
            "peak_kib": peak_rss()}  # fmt: skip


# -------------------------------------------------------------------------- main


def run_worker(kind: str, args: argparse.Namespace, size: int) -> dict[str, object] | str:
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--worker",
        kind,
        "--size",
        str(size),
        "--data",
        str(args.data),
        "--baseline-threshold",
        str(args.baseline_threshold),
    ]
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, check=False)
    if done.returncode:
        tail = (done.stderr.strip().splitlines() or ["?"])[-1]
        return f"failed (exit {done.returncode}): {tail}"
    return json.loads(done.stdout.strip().splitlines()[-1])


def comparisons(size: int, sentences: int) -> int:
    """Sentence pairs in different reports, with the sentences spread evenly."""
    per = sentences / max(size, 1)
    return int((sentences * sentences - size * per * per) // 2)


def mib(kib: object) -> str:
    return f"{int(kib) / 1024:,.0f}"  # type: ignore[call-overload]


def ratio(a: float | None, b: float | None) -> str:
    return f"x{a / b:.1f}" if a and b else "-"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="ECB+ export folder")
    parser.add_argument("--sizes", default="10,100,1000", help="numbers of reports, e.g. 10,100")
    parser.add_argument("--baseline-max", type=int, default=20000, help="most sentences")
    parser.add_argument(
        "--baseline-threshold", type=float, default=0.5, help="cosine kept by the baseline"
    )
    parser.add_argument("--worker", choices=("ours", "baseline"), help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if not (args.data / "text").is_dir():
        print(f"ECB+ data not found at {args.data}: benchmark skipped")
        return 0
    if args.worker:
        if args.worker == "ours":
            result = work_ours(args.data, args.size)
        else:
            result = work_baseline(args.data, args.size, args.baseline_threshold)
        print(json.dumps(result))
        return 0

    sizes = [int(x) for x in args.sizes.split(",") if x.strip()]
    print(
        f"Python {platform.python_version()}, nproc {len(os.sched_getaffinity(0))}, "
        f"{datetime.datetime.now().astimezone().isoformat(timespec='seconds')}"
    )
    print(
        "reports: the 982 ECB+ texts in topic order, then synthetic batches of 982 (every "
        "content word\n  given a batch prefix, two neighbouring lines swapped: new stories "
        "of the same shape, no shared\n  content words across batches). One fresh process "
        "per size and method; peak RSS = ru_maxrss.\nours: reports_from_texts, find_entities, "
        "find_facts (what analysis_stages runs), timed apart.\nbaseline: exact all-pairs "
        f"TF-IDF cosine (stop words out) between the same sentences, pairs >= "
        f"{args.baseline_threshold} kept;\n  its time excludes ingest; skipped above "
        f"{args.baseline_max:,} sentences."
    )
    rows = []
    for size in sizes:
        t0 = time.perf_counter()
        ours = run_worker("ours", args, size)
        wall = time.perf_counter() - t0
        if isinstance(ours, str):
            print(f"{size} reports: ours {ours}")
            continue
        sentences = int(ours["sentences"])  # type: ignore[call-overload]
        total = float(ours["ingest"]) + float(ours["entities"]) + float(ours["facts_s"])  # type: ignore[arg-type]
        print(
            f"\n{size:,} reports, {sentences:,} sentences ({ours['analysed']:,} analysed), "
            f"{ours['words']:,} words: ours ingest {ours['ingest']:.2f} s, entities "
            f"{ours['entities']:.2f} s, facts {ours['facts_s']:.2f} s = {total:.2f} s; "
            f"{ours['links']:,} links, {ours['facts']:,} facts; RSS {mib(ours['base_kib'])} MiB "
            f"before ingest, peak {mib(ours['peak_kib'])} MiB (process wall {wall:.1f} s)"
        )
        base: dict[str, object] | None = None
        pairs = comparisons(size, sentences)
        if sentences > args.baseline_max:
            print(f"  baseline skipped: all-pairs would need {pairs:,} comparisons")
        else:
            found = run_worker("baseline", args, size)
            if isinstance(found, str):
                print(f"  baseline {found}")
            else:
                base = found
                print(
                    f"  baseline: {pairs:,} comparisons, {base['time']:.2f} s, {base['pairs']:,} "
                    f"pairs >= {args.baseline_threshold}; RSS {mib(base['base_kib'])} MiB before "
                    f"ingest, peak {mib(base['peak_kib'])} MiB"
                )
        rows.append((size, sentences, total, ours, base))

    print(
        "\n  reports  sentences    ours s  ours MiB  baseline s  base MiB   growth: "
        "sentences   ours s  baseline s"
    )
    previous = None
    for size, sentences, total, ours, base in rows:
        b_time = float(base["time"]) if base else None  # type: ignore[arg-type]
        b_cells = (
            f"{b_time:10.2f}  {mib(base['peak_kib']):>8}" if base else f"{'skipped':>10}  {'-':>8}"
        )
        growth = ""
        if previous:
            p_sent, p_total, p_base = previous
            growth = (
                f"{ratio(sentences, p_sent):>17}  {ratio(total, p_total):>7}  "
                f"{ratio(b_time, p_base):>10}"
            )
        print(
            f"{size:>9,}  {sentences:>9,}  {total:8.2f}  {mib(ours['peak_kib']):>8}  {b_cells}"
            f"  {growth}"
        )
        previous = (sentences, total, b_time)
    return 0


if __name__ == "__main__":
    sys.exit(main())
