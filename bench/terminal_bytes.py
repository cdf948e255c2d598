"""Bytes written to the terminal per scroll key and per filter change, at 100x30 (tmux).

For each mode (normal; `--low-bandwidth`) the reader runs on the seeds (and, with
--thousand, on 1,000 reports) in a detached 100x30 tmux session whose output goes to a
file through `tmux pipe-pane` from the very first byte. Once the status line says the
analysis is in and the output has been quiet for a second, keys are sent one at a time,
each followed by a settle wait (the file stops growing for --quiet seconds, 0.3 by
default), and the growth of the file is that key's bytes:

- `j` (next paragraph) and `space` (page down), --keys each; a key that leaves the screen
  unchanged (end of the report) is not counted and `]` moves the pane to the next report;
- a filter change, --filter-runs times: `e` opens the entity picker, a few letters of an
  entity's name are typed one by one, `enter` applies the filter, `c` clears it (and its
  "Filters cleared" notice goes away two seconds later);
- baselines: one full-screen frame (the window is resized to 100x29 and back; Textual
  draws the screen whole a few times, and the median of those frames is the figure; all
  the bytes of the resize are printed too), the first screen (launch until the analysis
  is in), and idle output per second (in the reader, and in the picker, whose cursor
  blinks).

Normal mode is what a user of a modern terminal gets by default: Textual's default
animations and frame rate, 24-bit colour (COLORTERM=truecolor), no SSH variables; the
low-bandwidth mode adds `--low-bandwidth` in the same terminal. Prints median, p95 and max
bytes per key; the last line is `FIGURES {json}` for `run_all.py`. Asserts nothing.

    python bench/terminal_bytes.py [--keys 30] [--filter-runs 3] [--thousand] [--data DIR]
"""

from __future__ import annotations

import argparse
import datetime
import math
import platform
import re
import shlex
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from _reports import (
    ANALYSIS_FAILED,
    DEFAULT_DATA,
    THOUSAND,
    Terminal,
    find_newsprism,
    has_data,
    need_tmux,
    nproc,
    print_figures,
    wait_for_analysis,
    write_thousand,
)

WIDTH, HEIGHT = 100, 30
GOAL = 4096  # bytes per scroll step
MODES = {"normal": [], "low-bandwidth": ["--low-bandwidth"]}
ANALYSIS_TIMEOUT = 900.0
TOAST_WAIT = 2.6  # "Filters cleared" lasts 2 s
IDLE = 2.0
# The app waits for this file before it starts, so the pipe sees its first byte.
WAIT_THEN_RUN = 'while [ ! -e "$0" ]; do sleep 0.01; done; exec "$@"'

# (key in the table, what it is)
ROWS = [
    ("frame", "one full-screen frame (of the resize)"),
    ("repaint", "resize 100x29 -> 100x30, all frames"),
    ("first_screen", "first screen, launch to analysis in"),
    ("idle", "idle in the reader, bytes/s"),
    ("j", "j: next paragraph"),
    ("space", "space: page down"),
    ("open", "e: open the entity picker"),
    ("picker_idle", "picker open, idle bytes/s (blink)"),
    ("letter", "a letter typed in the picker"),
    ("apply", "enter: apply the entity filter"),
    ("clear", "c: clear the filter"),
    ("toast", "the 'cleared' notice going, 2 s on"),
]


@dataclass
class Result:
    corpus: str
    mode: str
    samples: dict[str, list[float]] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)

    def add(self, key: str, value: float) -> None:
        self.samples.setdefault(key, []).append(value)


class Output:
    """The file `pipe-pane` appends the app's output to."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.span = (0, 0)

    def size(self) -> int:
        try:
            return self.path.stat().st_size
        except FileNotFoundError:
            return 0

    def settle(self, quiet: float, first: float | None = 1.5, limit: float = 20.0) -> int:
        """Wait until output starts (within `first` s; None: it has started) and then
        stops for `quiet` s; the bytes written since the call (0 when nothing came)."""
        start = time.perf_counter()
        before = last = self.size()
        changed = start if first is None else None
        first = first or 0.0
        while True:
            time.sleep(0.01)
            now = time.perf_counter()
            size = self.size()
            if size != last:
                last, changed = size, now
            if (
                (changed is None and now - start > first)
                or (changed is not None and now - changed >= quiet)
                or now - start > limit
            ):
                self.span = (before, last)
                return last - before

    def last_bytes(self) -> bytes:
        """What the last `settle` counted."""
        start, end = self.span
        with self.path.open("rb") as fh:
            fh.seek(start)
            return fh.read(end - start)

    def during(self, seconds: float) -> int:
        before = self.size()
        time.sleep(seconds)
        return self.size() - before


_MOVE = re.compile(rb"\x1b\[(\d+);\d+H")
_HOME = b"\x1b[1;1H"


def full_frames(data: bytes, height: int = HEIGHT) -> list[int]:
    """The sizes of the full-screen frames in `data`: the stretches that start at the
    top left and move to every row (a heuristic: Textual marks no frame boundaries
    unless the terminal does synchronized output, and tmux 3.3 does not)."""
    sizes = []
    for chunk in data.split(_HOME)[1:]:
        rows = {int(m) for m in _MOVE.findall(_HOME + chunk)}
        if rows >= set(range(1, height + 1)):
            sizes.append(len(_HOME) + len(chunk))
    return sizes


def p95(values: list[float]) -> float:
    """Nearest-rank 95th percentile."""
    ordered = sorted(values)
    return ordered[max(math.ceil(0.95 * len(ordered)) - 1, 0)]


def entity_query(paths: list[str]) -> str:
    """A few letters of the most mentioned entity of the first report, to type."""
    from tui import analyze
    from tui.ingest.loader import discover

    files = discover(paths).files
    corpus = analyze(files[:1])
    if not corpus.entities:
        return ""
    letters = [c for c in corpus.entities[0].name if c.isalpha()]
    return "".join(letters[:4])


def scroll(term: Terminal, out: Output, key: str, count: int, quiet: float, result: Result) -> None:
    """`count` keys that change the screen; at the end of a report `]` goes to the next."""
    counted = noop = streak = 0
    while counted < count and streak < 2 and counted + noop < 3 * count:
        before = term.screen()
        term.keys(key)
        written = out.settle(quiet)
        if term.screen() == before:
            noop += 1
            streak += 1
            term.keys("]")
            out.settle(quiet)
            continue
        streak = 0
        counted += 1
        result.add(key, written)
    result.skipped[key] = noop


def measure(
    newsprism: str,
    paths: list[str],
    corpus: str,
    mode: str,
    args: argparse.Namespace,
    query: str,
    tmp: Path,
    cache: Path,
) -> Result:
    result = Result(corpus, mode)
    go = tmp / f"go-{corpus}-{mode}"
    out = Output(tmp / f"out-{corpus}-{mode}")
    env = {
        "COLORTERM": "truecolor",
        "NEWSPRISM_CACHE_DIR": str(cache),
        "NEWSPRISM_DATA_DIR": str(tmp / "data"),
    }
    command = ["sh", "-c", WAIT_THEN_RUN, str(go), newsprism, *MODES[mode], *paths]
    with Terminal() as term:
        term.start(command, WIDTH, HEIGHT, env)
        term.tmux(
            "pipe-pane", "-O", "-t", term.SESSION, f"cat >> {shlex.quote(str(out.path))}",
            check=True,
        )  # fmt: skip
        go.touch()
        screen = wait_for_analysis(
            term, ANALYSIS_TIMEOUT, 0.05, f"{corpus} {mode}: end of the analysis"
        )
        if ANALYSIS_FAILED in screen:
            raise RuntimeError(f"{corpus} {mode}: the analysis failed:\n{screen}")
        out.settle(1.0, first=None)
        result.add("first_screen", out.size())
        result.add("idle", out.during(IDLE) / IDLE)

        term.tmux("resize-window", "-t", term.SESSION, "-x", str(WIDTH), "-y", str(HEIGHT - 1))
        out.settle(args.quiet)
        term.tmux("resize-window", "-t", term.SESSION, "-x", str(WIDTH), "-y", str(HEIGHT))
        result.add("repaint", out.settle(args.quiet))
        frames = full_frames(out.last_bytes())
        if frames:
            result.add("frame", statistics.median(frames))

        scroll(term, out, "j", args.keys, args.quiet, result)
        term.keys("g")
        out.settle(args.quiet)
        scroll(term, out, "space", args.keys, args.quiet, result)
        term.keys("g")
        out.settle(args.quiet)

        for run in range(args.filter_runs):
            term.keys("e")
            result.add("open", out.settle(args.quiet))
            if run == 0:
                result.add("picker_idle", out.during(IDLE) / IDLE)
            for letter in query:
                term.keys(letter, literal=True)
                result.add("letter", out.settle(args.quiet))
            term.keys("Enter")
            result.add("apply", out.settle(args.quiet))
            term.keys("c")
            result.add("clear", out.settle(args.quiet))
            result.add("toast", out.during(TOAST_WAIT))
        term.keys("q")
        time.sleep(0.3)
    return result


def cell(values: list[float] | None) -> str:
    if not values:
        return f"{'-':>7} {'-':>7} {'-':>7} {'-':>3}"
    return (
        f"{statistics.median(values):>7,.0f} {p95(values):>7,.0f} {max(values):>7,.0f} "
        f"{len(values):>3}"
    )


def print_table(results: list[Result]) -> None:
    corpora = list(dict.fromkeys(r.corpus for r in results))
    for corpus in corpora:
        shown = [r for r in results if r.corpus == corpus]
        print(f"\n{corpus}, {WIDTH}x{HEIGHT}: bytes (median, p95, max, n)")
        head = "".join(f"  {r.mode:^30}" for r in shown)
        print(f"{'':<40}{head}")
        sub = "".join(f"  {'median':>7} {'p95':>7} {'max':>7} {'n':>3}" for _ in shown)
        print(f"{'':<40}{sub}")
        for key, label in ROWS:
            print(f"{label:<40}" + "".join(f"  {cell(r.samples.get(key))}" for r in shown))
        print("in full-screen frames' worth (median bytes / one full-screen frame):")
        for r in shown:
            frame = statistics.median(r.samples.get("frame") or [0])
            if not frame:
                print(f"  {r.mode}: no full-screen frame found in the resize output")
                continue
            worth = ", ".join(
                f"{key} {statistics.median(r.samples[key]) / frame:.2f}"
                for key in ("repaint", "j", "space", "open", "letter", "apply", "clear")
                if r.samples.get(key)
            )
            print(f"  {r.mode}: {worth}")
        print(f"goal: <= {GOAL:,} B per scroll step (p95):")
        for r in shown:
            frame = statistics.median(r.samples.get("frame") or [0]) or None
            parts = []
            for key in ("j", "space"):
                values = r.samples.get(key) or []
                if not values:
                    continue
                verdict = "met" if p95(values) <= GOAL else "not met"
                share = f" = {p95(values) / frame:.0%} of a full frame" if frame else ""
                parts.append(
                    f"{key} p95 {p95(values):,.0f} B{share}, {verdict} "
                    f"({r.skipped.get(key, 0)} end-of-report keys not counted)"
                )
            print(f"  {r.mode}: " + "; ".join(parts))


def figures_of(results: list[Result]) -> tuple[dict[str, object], str]:
    figures: dict[str, object] = {}
    summary = []
    for r in results:
        prefix = f"{r.corpus}_{r.mode.replace('-', '_')}"
        for key, _label in ROWS:
            values = r.samples.get(key)
            if not values:
                continue
            figures[f"{prefix}_{key}_median_B"] = round(statistics.median(values))
            if key in ("j", "space", "letter", "apply", "clear"):
                figures[f"{prefix}_{key}_p95_B"] = round(p95(values))
                figures[f"{prefix}_{key}_max_B"] = round(max(values))

        def med(key: str, r: Result = r) -> str:
            values = r.samples.get(key)
            return f"{statistics.median(values):,.0f}" if values else "-"

        def top(key: str, r: Result = r) -> str:
            values = r.samples.get(key)
            return f"{p95(values):,.0f}" if values else "-"

        summary.append(
            f"{r.corpus} {r.mode}: j {med('j')} B (p95 {top('j')}), space {med('space')} B "
            f"(p95 {top('space')}), apply filter {med('apply')} B, clear {med('clear')} B; "
            f"one full-screen frame {med('frame')} B"
        )
    return figures, "; ".join(summary)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=30, help="j and space keys each (30)")
    parser.add_argument("--filter-runs", type=int, default=3, help="filter changes (3)")
    parser.add_argument(
        "--quiet", type=float, default=0.3, help="seconds without output that end a key (0.3)"
    )
    parser.add_argument(
        "--paths", nargs="+", metavar="PATH", help="reports to open (default: bundled seeds)"
    )
    parser.add_argument(
        "--thousand", action="store_true", help="also measure on 1,000 reports (ECB+)"
    )
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="ECB+ export folder (default %(default)s)"
    )
    parser.add_argument(
        "--modes", default=",".join(MODES), help="comma-separated: normal,low-bandwidth"
    )
    args = parser.parse_args(argv)
    need_tmux()
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    if not modes or any(m not in MODES for m in modes):
        parser.error(f"--modes: choose from {', '.join(MODES)}")
    if args.keys < 1 or args.filter_runs < 0:
        parser.error("--keys must be at least 1 and --filter-runs at least 0")

    import textual

    from tui.resources import seeds_dir

    newsprism = find_newsprism()
    thousand = args.thousand
    if thousand and not has_data(args.data):
        print(f"ECB+ data not found at {args.data}: the 1,000-report case is skipped")
        thousand = False
    label = "paths" if args.paths else "seeds"
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="newsprism-bench-") as name:
        tmp = Path(name)
        corpora = [(label, [str(p) for p in (args.paths or [seeds_dir()])])]
        if thousand:
            folder = tmp / "reports"
            write_thousand(args.data, folder, THOUSAND)
            corpora.append(("1000", [str(folder)]))
        for corpus, paths in corpora:
            query = entity_query(paths)
            cache = tmp / f"cache-{corpus}"  # shared by the modes: the analysis is the same
            print(f"{corpus}: typing {query!r} in the entity picker", flush=True)
            for mode in modes:
                t0 = time.perf_counter()
                result = measure(newsprism, paths, corpus, mode, args, query, tmp, cache)
                results.append(result)
                print(f"  {mode}: done in {time.perf_counter() - t0:.1f} s", flush=True)

    print(
        f"\n{datetime.date.today().isoformat()}  Python {platform.python_version()}  "
        f"Textual {textual.__version__}  nproc {nproc()}  terminal {WIDTH}x{HEIGHT} (tmux "
        f"pipe-pane, COLORTERM=truecolor)  keys {args.keys}  filter runs {args.filter_runs}  "
        f"quiet {args.quiet} s"
    )
    print_table(results)
    figures, summary = figures_of(results)
    print_figures(
        "terminal_bytes.py",
        f"{WIDTH}x{HEIGHT}, {args.keys} keys, {args.filter_runs} filter runs",
        summary,
        figures,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
