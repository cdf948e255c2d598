"""Time to first screen of the whole process, in a real terminal (tmux).

For each run, start each command in a detached 120x35 tmux session, poll `capture-pane -p`
until a marker text shows, then quit and kill the session. The commands, interleaved run
by run:

- bare: a Textual app showing one Static (the floor: Python and Textual start-up);
- seeds: `newsprism` on the bundled seeds (or --paths), a fresh empty cache each run;
- 1,000 cold: `newsprism` on 1,000 reports (the 982 ECB+ texts and 18 generated from
  them, written to a temporary folder), a fresh empty cache each run;
- 1,000 warm: the same, with one cache folder primed once beforehand by a run that waits
  for the analysis to finish.

newsprism's marker is the start of the first paragraph of the report in the left pane.
Prints median, min and max seconds for each and the ratio to bare of the medians; the
last line is `FIGURES {json}` for `run_all.py`. Asserts nothing.

With `--against REV`, the commit REV is checked out into a temporary git worktree and
each newsprism case is run for both trees, in turn within every run, both as
`python -m tui` with the tree first on PYTHONPATH (the same Python and dependencies);
the table then gives both medians and their ratio (this tree / REV).

    python bench/first_screen.py [--runs N] [--data DIR] [--no-thousand]
                                 [--paths PATH ...] [--marker TEXT] [--against REV]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import platform
import shlex
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from _against import REPO, describe, other_tree, tree_command, tree_environment
from _reports import (
    ANALYSIS_FAILED,
    DEFAULT_DATA,
    THOUSAND,
    Terminal,
    find_newsprism,
    has_data,
    marker,
    need_tmux,
    nproc,
    print_figures,
    wait_for_analysis,
    write_thousand,
)

WIDTH, HEIGHT = 120, 35
POLL = 0.01
TIMEOUT = 60.0
# The priming run waits for the whole analysis of 1,000 reports.
ANALYSIS_TIMEOUT = 900.0

BARE_MARKER = "READY-bare"
BARE_APP = f"""\
from textual.app import App
from textual.widgets import Static


class Bare(App):
    def compose(self):
        yield Static({BARE_MARKER!r})


if __name__ == "__main__":
    Bare().run()
"""


@dataclass
class Case:
    name: str
    command: list[str]
    marker: str
    quit_key: str
    # "cold": a fresh empty cache folder each run; a path: that (primed) cache folder.
    cache: str = ""
    goal: float | None = None
    # Added to the environment (PYTHONPATH for a tree of --against).
    env: dict[str, str] = field(default_factory=dict)
    # The same case on the tree of --against, compared with this one.
    against: Case | None = None
    times: list[float] = field(default_factory=list)


def environment(case: Case, tmp: Path) -> dict[str, str]:
    env = {
        "TEXTUAL_ANIMATIONS": "none",
        # No saved entity corrections of the user's: an empty data folder.
        "NEWSPRISM_DATA_DIR": str(tmp / "data"),
        **case.env,
    }
    if case.cache == "cold":
        env["NEWSPRISM_CACHE_DIR"] = tempfile.mkdtemp(prefix="cache-", dir=tmp)
    elif case.cache:
        env["NEWSPRISM_CACHE_DIR"] = case.cache
    return env


def time_first_screen(case: Case, tmp: Path) -> float:
    """Seconds from starting the session until the marker is on screen."""
    env = environment(case, tmp)
    try:
        with Terminal() as term:
            start = time.perf_counter()
            term.start(case.command, WIDTH, HEIGHT, env)
            term.wait_for(
                lambda s: case.marker in s, TIMEOUT, POLL, f"{case.name}: {case.marker!r}"
            )
            elapsed = time.perf_counter() - start
            term.keys(case.quit_key)
            time.sleep(0.2)  # let the app restore the terminal before the session goes
        return elapsed
    finally:
        if case.cache == "cold":
            shutil.rmtree(env["NEWSPRISM_CACHE_DIR"], ignore_errors=True)


def prime(case: Case, tmp: Path) -> float:
    """Run `case` until its analysis is done (so its cache is written); the seconds."""
    env = environment(case, tmp)
    with Terminal() as term:
        start = time.perf_counter()
        term.start(case.command, WIDTH, HEIGHT, env)
        screen = wait_for_analysis(term, ANALYSIS_TIMEOUT, 0.1, f"{case.name}: end of the analysis")
        elapsed = time.perf_counter() - start
        if ANALYSIS_FAILED in screen:
            raise RuntimeError(f"{case.name}: the analysis failed:\n{screen}")
        term.keys(case.quit_key)
        deadline = time.perf_counter() + 20
        while term.screen().strip() and time.perf_counter() < deadline:
            time.sleep(0.05)  # until the app has quit (the pane is blank or gone)
    return elapsed


def make_cases(
    args: argparse.Namespace,
    tmp: Path,
    newsprism: str,
    paths: list[str],
    seeds_marker: str,
    label: str,
    thousand: bool,
) -> tuple[list[Case], float | None]:
    """The cases (bare first) and, with the 1,000 reports, the priming run's seconds."""
    bare_path = tmp / "bare_app.py"
    bare_path.write_text(BARE_APP, encoding="utf-8")
    cases = [
        Case("bare", [sys.executable, str(bare_path)], BARE_MARKER, "C-q"),
        Case(label, [newsprism, *paths], seeds_marker, "q", "cold", 1.3),
    ]
    if not thousand:
        return cases, None
    folder = tmp / "reports"
    write_thousand(args.data, folder, THOUSAND)
    mark = marker([folder])
    warm = tmp / "warm-cache"
    warm.mkdir()
    command = [newsprism, str(folder)]
    cases.append(Case("1000 cold", command, mark, "q", "cold", 2.0))
    cases.append(Case("1000 warm", command, mark, "q", str(warm), 2.0))
    print(f"{THOUSAND:,} reports written to a temporary folder; marker {mark!r}")
    primed = prime(cases[-1], tmp)
    print(f"cache primed: the analysis of {THOUSAND:,} reports was in after {primed:.1f} s")
    return cases, primed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each command (default 5)")
    parser.add_argument(
        "--paths", nargs="+", metavar="PATH", help="reports to open (default: bundled seeds)"
    )
    parser.add_argument(
        "--marker",
        help="text whose appearance marks newsprism's first screen with --paths "
        "(default: the start of the first paragraph of the first report)",
    )
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="ECB+ export folder (default %(default)s)"
    )
    parser.add_argument("--no-thousand", action="store_true", help="skip the 1,000-report cases")
    parser.add_argument(
        "--against",
        metavar="REV",
        help="also run every newsprism case on commit REV (a temporary git worktree), "
        "in turn, and print both and the ratio",
    )
    args = parser.parse_args(argv)
    need_tmux()
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    import textual

    from tui.resources import seeds_dir

    newsprism = find_newsprism()
    paths = [str(p) for p in (args.paths or [seeds_dir()])]
    seeds_marker = args.marker or marker(paths)
    if not seeds_marker:
        sys.exit("no paragraph to look for in the first report: pass --marker")
    label = "seeds" if not args.paths else "paths"
    thousand = not args.no_thousand
    if thousand and not has_data(args.data):
        print(f"ECB+ data not found at {args.data}: the 1,000-report cases are skipped")
        thousand = False
    elif not thousand:
        print("--no-thousand: the 1,000-report cases are skipped")

    with contextlib.ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="newsprism-bench-")))
        other = stack.enter_context(other_tree(args.against)) if args.against else None
        cases, primed = make_cases(args, tmp, newsprism, paths, seeds_marker, label, thousand)
        if other is not None:
            short = describe(args.against).split()[0]
            print(f"--against {args.against}: {describe(args.against)} (worktree {other})")
            for case in cases[1:]:
                case.command = [*tree_command(), *case.command[1:]]
                case.env = tree_environment(REPO)
                twin = Case(
                    f"{case.name} {short}",
                    list(case.command),
                    case.marker,
                    case.quit_key,
                    case.cache,
                    case.goal,
                    tree_environment(other),
                )
                if case.cache not in ("", "cold"):  # its own primed cache
                    twin.cache = str(Path(case.cache).with_name(f"{short}-warm-cache"))
                    Path(twin.cache).mkdir()
                    seconds = prime(twin, tmp)
                    print(f"{short}: cache primed, the analysis was in after {seconds:.1f} s")
                case.against = twin
            cases = [c for case in cases for c in (case, case.against) if c is not None]
        for run in range(1, args.runs + 1):
            for case in cases:
                seconds = time_first_screen(case, tmp)
                case.times.append(seconds)
                print(f"run {run}/{args.runs}  {case.name:<18} {seconds:.3f} s", flush=True)

    print()
    print(
        f"{datetime.date.today().isoformat()}  Python {platform.python_version()}  "
        f"Textual {textual.__version__}  nproc {nproc()}  runs {args.runs}  "
        f"terminal {WIDTH}x{HEIGHT} (tmux, TEXTUAL_ANIMATIONS=none)"
    )
    print(f"{label}: {shlex.join(['newsprism', *paths])}  marker: {seeds_marker!r}")
    if thousand:
        print(
            f"1000: newsprism <folder of {THOUSAND:,} reports>; cold = a fresh empty "
            "NEWSPRISM_CACHE_DIR each run, warm = one cache primed once"
        )
    print()
    bare = statistics.median(cases[0].times)
    against = f"x {args.against}" if args.against else ""
    print(
        f"{'command':<18} {'median s':>9} {'min s':>9} {'max s':>9} {'x bare':>7}  "
        f"{against:>10}  goal"
    )
    figures: dict[str, object] = {"runs": args.runs, "bare_s": round(bare, 3)}
    summary = []
    for case in cases:
        median = statistics.median(case.times)
        ratio = median / bare
        goal = ""
        if case.goal is not None:
            goal = f"<= {case.goal:.1f}x: {'met' if ratio <= case.goal else 'not met'}"
        versus = ""
        if case.against is not None:
            versus = f"{median / statistics.median(case.against.times):.2f}"
        print(
            f"{case.name:<18} {median:>9.3f} {min(case.times):>9.3f} {max(case.times):>9.3f} "
            f"{ratio:>7.2f}  {versus:>10}  {goal}"
        )
        if case is not cases[0]:
            key = case.name.replace(" ", "_")
            figures[f"{key}_s"] = round(median, 3)
            figures[f"{key}_x_bare"] = round(ratio, 2)
            text = f"{case.name} {median:.3f} s (x{ratio:.2f}, goal x{case.goal:.1f}"
            if versus:
                figures[f"{key}_x_against"] = float(versus)
                text += f"; x{versus} {args.against}"
            summary.append(text + ")")
    if primed is not None:
        figures["1000_analysis_cold_s"] = round(primed, 1)
        summary.append(f"1000 analysis in after {primed:.1f} s (cold, 1 run)")
    print_figures(
        "first_screen.py",
        f"{args.runs} runs, {WIDTH}x{HEIGHT}",
        f"bare {bare:.3f} s; " + "; ".join(summary),
        figures,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
