"""Benchmark 2: full analysis of 10 / 100 / 1,000 / 10,000 reports, cold and from the cache.

For each size the reports are written to a temporary folder as files (the 982 ECB+ texts
in topic order, then synthetic batches of 982: see `facts_scale.py`), and two fresh Python
processes run `tui.analyze(folder, cache=AnalysisCache(...))`, the call `newsprism
analyze` makes:

- **cold**: an empty cache. Timed by stage (reading the files, entities, shared facts,
  sources and topics, writing the cache), with its peak RSS;
- **cached**: the same files again with the cache the cold run filled: what reopening an
  unchanged corpus costs, with its peak RSS.

Baseline, in the same run: the exact all-pairs TF-IDF cosine of `facts_scale.py` over the
same sentences (its time excludes reading), skipped above `--baseline-max` sentences.

Goals (printed, never asserted): 1,000 reports in <= 10 s cold and <= 1 s cached on this
machine, peak RSS <= 500 MB, cost near-linear from 1,000 to 10,000.

    python bench/analysis_scale.py [--sizes 10,100,1000,10000] [--data ../shared/data/ecbplus]

The last line is `FIGURES {json}` for `run_all.py`.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _reports import print_figures
from facts_scale import DEFAULT_DATA, build_texts, comparisons, peak_rss

REPO = Path(__file__).resolve().parents[1]
GOAL_COLD_S, GOAL_CACHED_S, GOAL_RSS_MB = 10.0, 1.0, 500.0


# ----------------------------------------------------------------------- workers


def work_load(folder: Path, cache_dir: Path) -> dict[str, object]:
    """One `load_corpus` with the cache in `cache_dir`, timed by stage."""
    import tui.pipeline.build as builder
    import tui.pipeline.load as loader
    from tui.pipeline.cache import AnalysisCache

    marks: dict[str, float] = {}
    real_iter, real_stages = loader.iter_reports, builder.analysis_stages
    real_put_many = AnalysisCache.put_many

    def timed_iter(*args, **kwargs):
        start = time.perf_counter()
        yield from real_iter(*args, **kwargs)
        marks["read"] = marks.get("read", 0.0) + time.perf_counter() - start

    def timed_stages(*args, **kwargs):
        start = time.perf_counter()
        for stage, corpus in real_stages(*args, **kwargs):
            now = time.perf_counter()
            marks[stage] = now - start
            yield stage, corpus
            start = time.perf_counter()

    def timed_put_many(self, kind, items):
        start = time.perf_counter()
        real_put_many(self, kind, items)
        marks["cache write"] = marks.get("cache write", 0.0) + time.perf_counter() - start

    loader.iter_reports, builder.analysis_stages = timed_iter, timed_stages
    AnalysisCache.put_many = timed_put_many  # type: ignore[method-assign]
    cache = AnalysisCache(cache_dir / "analysis.sqlite3")
    start = time.perf_counter()
    corpus = loader.load_corpus([folder], cache=cache)
    total = time.perf_counter() - start
    return {
        "total": total,
        "stages": marks,
        "reports": len(corpus.reports),
        "sentences": sum(len(p.sentences) for r in corpus.reports for p in r.paragraphs),
        "entities": len(corpus.entities),
        "facts": len(corpus.facts),
        "hits": cache.hits,
        "warnings": cache.warnings,
        "peak_kib": peak_rss(),
    }


def work_baseline(folder: Path) -> dict[str, object]:
    from facts_ecb import all_pairs_cosine, tfidf, tokens

    from tui.ingest.loader import discover, iter_reports

    reports = [
        r.report for r in iter_reports(discover([folder]).files, None) if hasattr(r, "report")
    ]
    start = time.perf_counter()
    docs, groups = [], []
    for report in reports:
        for paragraph in report.paragraphs:
            if paragraph.kind in ("boilerplate", "code"):
                continue
            for sentence in paragraph.sentences:
                docs.append(tokens(report.text[sentence.start : sentence.end], stop=True))
                groups.append(report.id)
    pairs = sum(1 for _ in all_pairs_cosine(tfidf(docs, docs), groups, 0.5))
    return {"time": time.perf_counter() - start, "sentences": len(docs), "pairs": pairs,
            "peak_kib": peak_rss()}  # fmt: skip


def run_worker(*args: str) -> dict[str, object] | str:
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", *args]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, env=env, check=False)
    if done.returncode:
        tail = (done.stderr.strip().splitlines() or ["?"])[-1]
        return f"failed (exit {done.returncode}): {tail}"
    return json.loads(done.stdout.strip().splitlines()[-1])


# -------------------------------------------------------------------------- main


def mb(kib: object) -> float:
    return int(kib) * 1024 / 1e6  # type: ignore[call-overload]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="ECB+ export folder")
    parser.add_argument("--sizes", default="10,100,1000,10000", help="numbers of reports")
    parser.add_argument("--quick", action="store_true", help="only 10, 100 and 1,000 reports")
    parser.add_argument("--baseline-max", type=int, default=20000, help="most sentences")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        kind, *rest = args.worker
        result = (
            work_load(Path(rest[0]), Path(rest[1]))
            if kind == "load"
            else work_baseline(Path(rest[0]))
        )
        print(json.dumps(result))
        return 0
    if not (args.data / "text").is_dir():
        print(f"ECB+ data not found at {args.data}: benchmark skipped")
        print_figures("analysis_scale.py", "skipped", "ECB+ data not found", {})
        return 0

    sizes = [int(x) for x in ("10,100,1000" if args.quick else args.sizes).split(",") if x]
    print(
        f"Benchmark 2: full analysis, cold and cached. Python {platform.python_version()}, "
        f"nproc {len(os.sched_getaffinity(0))}, "
        f"{datetime.datetime.now().astimezone().isoformat(timespec='seconds')}\n"
        "Each figure is one fresh process running tui.analyze(folder, cache=...) on files "
        "written beforehand;\npeak RSS = ru_maxrss of that process (1 MB = 10^6 bytes). "
        "Baseline: all-pairs TF-IDF cosine over\nthe same sentences (reading excluded), "
        f"skipped above {args.baseline_max:,} sentences."
    )
    figures: dict[str, float] = {}
    rows = []
    for size in sizes:
        work = Path(tempfile.mkdtemp(prefix=f"np-scale-{size}-"))
        try:
            folder, cache_dir = work / "reports", work / "cache"
            folder.mkdir()
            cache_dir.mkdir()
            for name, text in build_texts(args.data, size).items():
                (folder / name).write_text(text, encoding="utf-8")
            cold = run_worker("load", str(folder), str(cache_dir))
            warm = run_worker("load", str(folder), str(cache_dir))
            if isinstance(cold, str) or isinstance(warm, str):
                print(f"\n{size:,} reports: cold {cold if isinstance(cold, str) else 'ok'}, "
                      f"cached {warm if isinstance(warm, str) else 'ok'}")  # fmt: skip
                continue
            sentences = int(cold["sentences"])  # type: ignore[call-overload]
            base: dict[str, object] | str | None = None
            if sentences <= args.baseline_max:
                base = run_worker("baseline", str(folder))
        finally:
            shutil.rmtree(work, ignore_errors=True)
        stages = cold["stages"]
        assert isinstance(stages, dict)
        parts = ", ".join(f"{name} {seconds:.2f}" for name, seconds in stages.items())
        print(
            f"\n{size:,} reports, {sentences:,} sentences: {cold['entities']:,} entities, "
            f"{cold['facts']:,} shared facts\n"
            f"  cold   {cold['total']:7.2f} s  ({parts}), peak RSS {mb(cold['peak_kib']):,.0f} MB\n"
            f"  cached {warm['total']:7.2f} s  ({warm['hits']} cache hit), peak RSS "
            f"{mb(warm['peak_kib']):,.0f} MB"
        )
        if isinstance(base, dict):
            print(f"  baseline {base['time']:.2f} s, {base['pairs']:,} pairs >= 0.5, peak RSS "
                  f"{mb(base['peak_kib']):,.0f} MB")  # fmt: skip
        elif isinstance(base, str):
            print(f"  baseline {base}")
        else:
            print(f"  baseline skipped: {comparisons(size, sentences):,} comparisons")
        rows.append((size, sentences, cold, warm, base))
        figures[f"analysis_{size}_cold_s"] = round(float(cold["total"]), 3)  # type: ignore[arg-type]
        figures[f"analysis_{size}_cached_s"] = round(float(warm["total"]), 3)  # type: ignore[arg-type]
        figures[f"analysis_{size}_cold_peak_mb"] = round(mb(cold["peak_kib"]), 1)
        figures[f"analysis_{size}_cached_peak_mb"] = round(mb(warm["peak_kib"]), 1)
        if isinstance(base, dict):
            figures[f"analysis_{size}_baseline_s"] = round(float(base["time"]), 3)  # type: ignore[arg-type]

    print(
        "\n  reports  sentences   cold s  cached s  cold MB  cached MB  baseline s   "
        "growth: sentences  cold s"
    )
    previous = None
    for size, sentences, cold, warm, base in rows:
        total = float(cold["total"])  # type: ignore[arg-type]
        b = f"{float(base['time']):10.2f}" if isinstance(base, dict) else f"{'-':>10}"  # type: ignore[arg-type]
        growth = ""
        if previous:
            growth = (
                f"{'x%.1f' % (sentences / previous[0]):>17}  {'x%.1f' % (total / previous[1]):>6}"
            )
        print(
            f"{size:>9,}  {sentences:>9,}  {total:7.2f}  {float(warm['total']):8.2f}  "  # type: ignore[arg-type]
            f"{mb(cold['peak_kib']):7,.0f}  {mb(warm['peak_kib']):9,.0f}  {b}   {growth}"
        )
        previous = (sentences, total)
    summary = "; ".join(
        f"{size:,}: cold {figures[f'analysis_{size}_cold_s']:.2f} s, cached "
        f"{figures[f'analysis_{size}_cached_s']:.2f} s, peak "
        f"{figures[f'analysis_{size}_cold_peak_mb']:,.0f} MB"
        for size, *_ in rows
    )
    if "analysis_1000_cold_s" in figures:
        cold_s, warm_s = figures["analysis_1000_cold_s"], figures["analysis_1000_cached_s"]
        peak = max(figures["analysis_1000_cold_peak_mb"], figures["analysis_1000_cached_peak_mb"])
        goals = (
            f"goals at 1,000 reports: cold {cold_s:.2f} s (<= {GOAL_COLD_S:.0f} s: "
            f"{'met' if cold_s <= GOAL_COLD_S else 'not met'}), cached {warm_s:.2f} s "
            f"(<= {GOAL_CACHED_S:.0f} s: {'met' if warm_s <= GOAL_CACHED_S else 'not met'}); "
            f"peak RSS {peak:,.0f} MB (<= {GOAL_RSS_MB:.0f} MB: "
            f"{'met' if peak <= GOAL_RSS_MB else 'not met'})"
        )
        print("\n" + goals)
    settings = "sizes " + ",".join(str(size) for size, *_ in rows)
    print_figures("analysis_scale.py", settings, summary, figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
