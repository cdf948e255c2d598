"""Benchmark 2: the whole analysis of 1,000 and 10,000 reports, cold, by where it runs.

Reports: the 982 ECB+ texts in topic order, then synthetic batches of 982 (`facts_scale.py`
says how: every content word of a batch gets a prefix of its own, "Lohan" -> "Kalohan",
and two neighbouring lines of each text are swapped). Each batch is a new set of stories
of ECB+'s shape (a topic holds two happenings of one kind, a story about a dozen reports),
sharing no name or content word with the other batches: 10,000 reports are about ten
times ECB+'s stories, many stories of modest size, as a day's coverage is, never ten
copies of one text (which would make ten-times-larger stories). Deterministic.

For each size the reports are written to a temporary folder, and each run is a fresh
Python process calling `tui.analyze(folder, cache=...)` (`load_corpus`, the call
`newsprism analyze` makes) with an empty cache: cold. Runs:

- this tree with `jobs=1` (the per-story work in the process itself) and with the
  default (every core: a process pool when it pays);
- this tree again, from the cache the default run filled (reopening: `cached`);
- with `--against REV`, the commit REV (checked out into a temporary git worktree, run
  with the same Python), its default: the baseline, in the same run.

Each run is timed by stage (reading the files, entities and stories, shared facts,
sources and topics, writing the cache). Peak memory is given twice: the process's own
peak RSS (`ru_maxrss`), and the peak of the sum of the RSS of the process and all its
descendants (pool workers, the fork server), sampled every 0.1 s from /proc: the figure
the memory goal is judged on (pages shared between processes are counted in each).

The machine's load average before each run is printed with it: other work on the
machine slows a run, the pool's the most. Goals (printed, never asserted), on a 2-core
machine: 1,000 reports <= 5 s cold; 10,000
reports <= 60 s cold and <= 1.5 GB peak; cost growth 1,000 -> 10,000 <= 12x.

    python bench/analysis_scale.py [--sizes 1000,10000] [--quick] [--against REV]
                                   [--repeat N] [--data ../shared/data/ecbplus]

With `--repeat N` every run is made N times, in rounds, and its median counts: a run
on this machine varies by a fifth from one minute to the next.

The last line is `FIGURES {json}` for `run_all.py`.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _against import describe, other_tree, tree_environment
from _reports import nproc, print_figures
from facts_scale import DEFAULT_DATA, build_texts, peak_rss

REPO = Path(__file__).resolve().parents[1]
GOAL_1000_S, GOAL_10000_S, GOAL_10000_MB, GOAL_GROWTH = 5.0, 60.0, 1500.0, 12.0
SAMPLE_EVERY = 0.1


# ----------------------------------------------------------------------- workers


def work_load(folder: Path, cache_dir: Path, jobs: str) -> dict[str, object]:
    """One `load_corpus` with the cache in `cache_dir`, timed by stage; `jobs` is a
    number, or "default" (the tree's own default; a tree without `jobs` gets none)."""
    import inspect

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
    options = {}
    if jobs != "default":
        if "jobs" not in inspect.signature(loader.load_corpus).parameters:
            raise SystemExit("this tree's load_corpus takes no jobs")
        options["jobs"] = int(jobs)
    cache = AnalysisCache(cache_dir / "analysis.sqlite3")
    start = time.perf_counter()
    corpus = loader.load_corpus([folder], cache=cache, **options)
    total = time.perf_counter() - start
    return {
        "total": total,
        "stages": marks,
        "reports": len(corpus.reports),
        "sentences": sum(len(p.sentences) for r in corpus.reports for p in r.paragraphs),
        "stories": len(getattr(corpus, "stories", ())),
        "facts": len(corpus.facts),
        "hits": cache.hits,
        "peak_kib": peak_rss(),
    }


# ------------------------------------------------------------------ the runs


def tree_rss_kib(pid: int) -> int:
    """The summed VmRSS of `pid` and all its descendants (Linux /proc), in KiB."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        with contextlib.suppress(OSError, ValueError):
            with open(f"/proc/{current}/status", encoding="ascii") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as kids:
                    todo.extend(int(k) for k in kids.read().split())
    return total


@contextlib.contextmanager
def sampled_peak(pid: int) -> Iterator[list[int]]:
    """Sample `tree_rss_kib(pid)` until the block ends; the peak is in the list."""
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(SAMPLE_EVERY):
            peak[0] = max(peak[0], tree_rss_kib(pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        yield peak
    finally:
        done.set()
        sampler.join()


@dataclass
class Run:
    name: str
    tree: Path
    jobs: str  # a number, or "default"
    cached: bool = False  # from the cache of the run before it (same tree)
    results: dict[int, dict[str, object] | str] = field(default_factory=dict)


def run_worker(run: Run, folder: Path, cache_dir: Path) -> dict[str, object] | str:
    command = [sys.executable, str(Path(__file__).resolve()), "--worker",
               str(folder), str(cache_dir), run.jobs]  # fmt: skip
    env = {**os.environ, **tree_environment(run.tree), "PYTHONHASHSEED": "0"}
    load = os.getloadavg()[0]
    with (
        subprocess.Popen(
            command,
            cwd=run.tree,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        ) as process,
        sampled_peak(process.pid) as peak,
    ):
        out, err = process.communicate()
    if process.returncode:
        tail = (err.strip().splitlines() or ["?"])[-1]
        return f"failed (exit {process.returncode}): {tail}"
    result = json.loads(out.strip().splitlines()[-1])
    result["tree_peak_kib"] = max(peak[0], int(result["peak_kib"]))
    result["load"] = load
    return result


def mb(kib: object) -> float:
    return int(kib) * 1024 / 1e6  # type: ignore[call-overload]


def describe_result(result: dict[str, object]) -> str:
    stages = result["stages"]
    assert isinstance(stages, dict)
    parts = ", ".join(f"{name} {seconds:.2f}" for name, seconds in stages.items())
    return (
        f"{float(result['total']):7.2f} s  ({parts}); peak RSS {mb(result['tree_peak_kib']):,.0f}"  # type: ignore[arg-type]
        f" MB in all, {mb(result['peak_kib']):,.0f} MB the process; load average "
        f"{float(result['load']):.2f} before"  # type: ignore[arg-type]
    )


# -------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="ECB+ export folder")
    parser.add_argument("--sizes", default="1000,10000", help="numbers of reports")
    parser.add_argument("--quick", action="store_true", help="only 100 and 1,000 reports")
    parser.add_argument("--against", metavar="REV", help="also run this commit: the baseline")
    parser.add_argument(
        "--repeat", type=int, default=1, metavar="N",
        help="each run N times, in rounds (the runs interleaved); the median counts",
    )  # fmt: skip
    parser.add_argument("--worker", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        folder, cache_dir, jobs = args.worker
        print(json.dumps(work_load(Path(folder), Path(cache_dir), jobs)))
        return 0
    if not (args.data / "text").is_dir():
        print(f"ECB+ data not found at {args.data}: benchmark skipped")
        print_figures("analysis_scale.py", "skipped", "ECB+ data not found", {})
        return 0

    sizes = [int(x) for x in ("100,1000" if args.quick else args.sizes).split(",") if x]
    print(
        f"Benchmark 2: full analysis, cold. Python {platform.python_version()}, nproc "
        f"{nproc()}, {datetime.datetime.now().astimezone().isoformat(timespec='seconds')}\n"
        "Each figure is one fresh process running tui.analyze(folder, cache=<empty>) on "
        "files written beforehand\n(cached: again, from the cache the run before filled); "
        "peak RSS in all = the process and its pool\n(sampled every "
        f"{SAMPLE_EVERY} s), the process = its own ru_maxrss; 1 MB = 10^6 bytes."
    )
    with contextlib.ExitStack() as stack:
        runs = [
            Run("jobs 1", REPO, "1"),
            Run("default", REPO, "default"),
            Run("cached", REPO, "default", cached=True),
        ]
        if args.against:
            tree = stack.enter_context(other_tree(args.against))
            print(f"--against {args.against}: {describe(args.against)}")
            runs.append(Run(args.against, tree, "default"))
        for size in sizes:
            measure(size, runs, args.data, max(1, args.repeat))
    return report(sizes, runs, max(1, args.repeat))


def measure(size: int, runs: Sequence[Run], data: Path, repeat: int = 1) -> None:
    """Each run on `size` reports, `repeat` times in rounds (every run once a round, so
    that a slow spell of the machine touches them all alike); a run's result is its
    median round."""
    work = Path(tempfile.mkdtemp(prefix=f"np-scale-{size}-"))
    try:
        folder = work / "reports"
        folder.mkdir()
        for name, text in build_texts(data, size).items():
            (folder / name).write_text(text, encoding="utf-8")
        cache_dir = work / "cache"
        rounds: dict[str, list[dict[str, object]]] = {run.name: [] for run in runs}
        for number in range(1, repeat + 1):
            for run in runs:
                if not run.cached:
                    shutil.rmtree(cache_dir, ignore_errors=True)
                    cache_dir.mkdir()
                result = run_worker(run, folder, cache_dir)
                if isinstance(result, str):
                    run.results[size] = result
                    print(f"\n{size:,} reports, {run.name}: {result}", flush=True)
                    continue
                rounds[run.name].append(result)
                label = f" (round {number} of {repeat})" if repeat > 1 else ""
                print(
                    f"\n{size:,} reports, {int(result['sentences']):,} sentences, "  # type: ignore[call-overload]
                    f"{result['stories']:,} stories, {result['facts']:,} shared facts: "
                    f"{run.name}{label}\n  {describe_result(result)}",
                    flush=True,
                )
        for run in runs:
            found = sorted(rounds[run.name], key=lambda r: float(r["total"]))  # type: ignore[arg-type]
            if found:
                run.results[size] = found[(len(found) - 1) // 2]
                if repeat > 1:
                    totals = ", ".join(f"{float(r['total']):.2f}" for r in found)  # type: ignore[arg-type]
                    print(f"\n{size:,} reports, {run.name}: median of {totals} s", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def key(run: Run, size: int) -> str:
    return f"analysis_{size}_{run.name.replace(' ', '')}"


def report(sizes: Sequence[int], runs: Sequence[Run], repeat: int = 1) -> int:
    figures: dict[str, float] = {}
    print(f"\n{'run':>12}  " + "  ".join(f"{s:>7,} s  {'MB':>6}" for s in sizes) + "  growth")
    for run in runs:
        cells, totals = [], []
        for size in sizes:
            result = run.results.get(size)
            if not isinstance(result, dict):
                cells.append(f"{'-':>9}  {'-':>6}")
                continue
            total, peak = float(result["total"]), mb(result["tree_peak_kib"])  # type: ignore[arg-type]
            totals.append(total)
            cells.append(f"{total:9.2f}  {peak:6,.0f}")
            figures[f"{key(run, size)}_s"] = round(total, 3)
            figures[f"{key(run, size)}_peak_mb"] = round(peak, 1)
        growth = f"x{totals[-1] / totals[0]:.1f}" if len(totals) > 1 and len(sizes) > 1 else ""
        print(f"{run.name:>12}  " + "  ".join(cells) + f"  {growth}")
    goals = []
    for run in runs[:2]:
        small, big = run.results.get(1000), run.results.get(10000)
        if isinstance(small, dict):
            seconds = float(small["total"])  # type: ignore[arg-type]
            goals.append(f"{run.name}: 1,000 in {seconds:.1f} s (<= {GOAL_1000_S:.0f} s: "
                         f"{'met' if seconds <= GOAL_1000_S else 'NOT met'})")  # fmt: skip
        if isinstance(big, dict):
            seconds, peak = float(big["total"]), mb(big["tree_peak_kib"])  # type: ignore[arg-type]
            goals.append(
                f"{run.name}: 10,000 in {seconds:.1f} s (<= {GOAL_10000_S:.0f} s: "
                f"{'met' if seconds <= GOAL_10000_S else 'NOT met'}), peak {peak:,.0f} MB "
                f"(<= {GOAL_10000_MB:,.0f}: {'met' if peak <= GOAL_10000_MB else 'NOT met'})"
            )
        if isinstance(small, dict) and isinstance(big, dict):
            growth = float(big["total"]) / float(small["total"])  # type: ignore[arg-type]
            figures[f"analysis_growth_{run.name.replace(' ', '')}"] = round(growth, 2)
            goals.append(f"{run.name}: growth x{growth:.1f} (<= {GOAL_GROWTH:.0f}: "
                         f"{'met' if growth <= GOAL_GROWTH else 'NOT met'})")  # fmt: skip
    if goals:
        print("\ngoals on this machine:\n  " + "\n  ".join(goals))
    summary = "; ".join(
        f"{run.name} {size:,}: {figures[f'{key(run, size)}_s']:.1f} s"
        for run in runs
        for size in sizes
        if f"{key(run, size)}_s" in figures
    )
    settings = "sizes " + ",".join(map(str, sizes))
    settings += f", median of {repeat}" if repeat > 1 else ""
    print_figures("analysis_scale.py", settings, summary, figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
