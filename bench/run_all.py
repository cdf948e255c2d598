"""Run the four benchmarks of the issue one after another and sum up their figures.

1. first_screen.py     time to first screen: bare Textual app, seeds, 1,000 reports
2. analysis_scale.py   analysis time by size (skipped with a note if absent)
3. keypress_latency.py keypress latency (skipped with a note if absent)
4. terminal_bytes.py   bytes written to the terminal per key, normal and low-bandwidth

Each runs in its own process (`sys.executable`), one at a time, its output shown as it
comes. A benchmark's last line `FIGURES {json}` (see `_reports.print_figures`) is
collected; at the end come the date, the machine and a Markdown table ready for the
Figures table of bench/README.md.

--quick passes small settings for a smoke run: to our own scripts their own (first_screen
--runs 2, terminal_bytes --keys 8 --filter-runs 1, no 1,000-report case there); to the
others `--quick` if their --help lists it, else `--runs 2` if it lists that. --data is
passed to every script whose --help lists --data, and --against REV (compare with another
commit in the same run) to every script whose --help lists --against (first_screen.py and
keypress_latency.py).

    python bench/run_all.py [--quick] [--data DIR] [--only first_screen,terminal_bytes]
                            [--against REV]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shlex
import subprocess
import sys
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from _reports import DEFAULT_DATA, REPO, nproc

BENCH = Path(__file__).resolve().parent
FIGURES = "FIGURES "
# Figures a summary made up for a FIGURES line without one shows.
SUMMARY_FIGURES = 8


@dataclass
class Benchmark:
    script: str
    what: str
    # Arguments for a full run and for --quick; None: probe the script's --help.
    full: list[str] | None = None
    quick: list[str] | None = None
    command: list[str] = field(default_factory=list)
    status: str = "not run"
    seconds: float = 0.0
    figures: dict[str, object] | None = None


BENCHMARKS = [
    Benchmark("first_screen.py", "time to first screen", [], ["--runs", "2"]),
    Benchmark("analysis_scale.py", "analysis time by size"),
    Benchmark("keypress_latency.py", "keypress latency"),
    Benchmark(
        "terminal_bytes.py",
        "bytes to the terminal per key",
        ["--thousand"],
        ["--keys", "8", "--filter-runs", "1"],
    ),
]


def options_of(path: Path) -> str:
    """The script's --help text ('' if it has none)."""
    try:
        done = subprocess.run(
            [sys.executable, str(path), "--help"],
            capture_output=True,
            text=True,
            cwd=REPO,
            timeout=120,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return done.stdout if done.returncode == 0 else ""


def arguments(
    bench: Benchmark, path: Path, quick: bool, data: Path, against: str | None = None
) -> list[str]:
    known = bench.quick if quick else bench.full
    helptext = options_of(path)
    args: list[str] = []
    if known is not None:
        args = list(known)
    elif quick and "--quick" in helptext:
        args = ["--quick"]
    elif quick and "--runs" in helptext:
        args = ["--runs", "2"]
    if "--data" in helptext:
        args += ["--data", str(data)]
    if against and "--against" in helptext:
        args += ["--against", against]
    return args


def normalised(line: dict[str, object], script: str) -> dict[str, object]:
    """A FIGURES object in the documented form; a flat {name: value} one is taken as its
    figures, summed up by its first few."""
    figures = line.get("figures")
    if not isinstance(figures, dict):
        meta = ("benchmark", "settings", "summary")
        figures = {k: v for k, v in line.items() if k not in meta}
    summary = line.get("summary")
    if not summary:
        shown = list(figures.items())[:SUMMARY_FIGURES]
        summary = ", ".join(f"{k} {v}" for k, v in shown)
        if len(figures) > len(shown):
            summary += f", … ({len(figures)} figures)"
    return {
        "benchmark": line.get("benchmark") or script,
        "settings": line.get("settings") or "",
        "summary": summary,
        "figures": figures,
    }


def run(
    bench: Benchmark, quick: bool, data: Path, number: int, total: int, against: str | None
) -> None:
    path = BENCH / bench.script
    title = f"({number}/{total}) {bench.script}: {bench.what}"
    print(f"\n{'=' * 88}\n{title}", flush=True)
    if not path.is_file():
        bench.status = "missing"
        print(f"{bench.script} is missing: skipped", flush=True)
        return
    bench.command = [sys.executable, str(path), *arguments(bench, path, quick, data, against)]
    shown = shlex.join(["python", str(path.relative_to(REPO)), *bench.command[2:]])
    print(f"$ {shown}\n{'=' * 88}", flush=True)
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    start = time.perf_counter()
    with subprocess.Popen(
        bench.command,
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        bufsize=1,
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            print(line, end="", flush=True)
            if line.startswith(FIGURES):
                try:
                    bench.figures = normalised(json.loads(line[len(FIGURES) :]), bench.script)
                except (json.JSONDecodeError, AttributeError):
                    print("(run_all: that FIGURES line is not a JSON object)", flush=True)
        code = process.wait()
    bench.seconds = time.perf_counter() - start
    bench.status = "ok" if code == 0 else f"failed (exit {code})"
    if code == 0 and bench.figures is None:
        bench.status = "ok, no FIGURES line"


def version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small settings: a smoke run")
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="ECB+ export folder (default %(default)s)"
    )
    parser.add_argument(
        "--only", help="comma-separated scripts to run (e.g. first_screen,terminal_bytes)"
    )
    parser.add_argument(
        "--against", metavar="REV", help="compare with commit REV where a script can"
    )
    args = parser.parse_args(argv)
    chosen = BENCHMARKS
    if args.only:
        names = {n.strip().removesuffix(".py") for n in args.only.split(",") if n.strip()}
        unknown = names - {b.script.removesuffix(".py") for b in BENCHMARKS}
        if unknown:
            parser.error(f"--only: no benchmark {', '.join(sorted(unknown))}")
        chosen = [b for b in BENCHMARKS if b.script.removesuffix(".py") in names]

    started = datetime.datetime.now().astimezone()
    load_before = os.getloadavg()
    for number, bench in enumerate(chosen, start=1):
        run(bench, args.quick, args.data.resolve(), number, len(chosen), args.against)
    load_after = os.getloadavg()

    date = started.date().isoformat()
    machine = (
        f"{nproc()} cores (nproc), {platform.machine()}, Python {platform.python_version()}, "
        f"Textual {version('textual')}"
    )
    rows = [b for b in chosen if b.figures]
    print(f"\n{'=' * 88}\nSummary ({'--quick' if args.quick else 'full run'})")
    if rows:
        print("\nEvery figure:\n\n| benchmark | figure | value |\n| --- | --- | --- |")
        for bench in rows:
            values = (bench.figures or {}).get("figures") or {}
            if isinstance(values, dict):
                for key, value in values.items():
                    print(f"| `{bench.script}` | {cell(key)} | {cell(value)} |")
    print(f"\ndate: {started.isoformat(timespec='seconds')}")
    print(f"machine: {platform.platform()}; {machine}")
    print(
        f"load average (1, 5, 15 min): before {', '.join(f'{x:.2f}' for x in load_before)}; "
        f"after {', '.join(f'{x:.2f}' for x in load_after)}"
    )
    print()
    for bench in chosen:
        took = f" in {bench.seconds:.0f} s" if bench.command else ""
        print(f"  {bench.script:<22} {bench.status}{took}")
    if rows:
        print("\nFor the Figures table of bench/README.md:\n")
        print("| date | machine | benchmark | figure |\n| --- | --- | --- | --- |")
        for bench in rows:
            figures = bench.figures or {}
            name = f"`{figures.get('benchmark', bench.script)}`"
            settings = figures.get("settings")
            label = f"{name}, {settings}" if settings else name
            if args.quick:
                label += " (--quick)"
            print(f"| {date} | {cell(machine)} | {cell(label)} | {cell(figures.get('summary'))} |")
    failed = [b for b in chosen if b.status.startswith("failed")]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
