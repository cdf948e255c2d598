"""Time to first screen of the whole process, in a real terminal (tmux).

For each run, start (a) a bare Textual app showing one Static and (b) `newsprism` in a
detached 120x35 tmux session, poll `capture-pane -p` until a marker text shows, then quit
and kill the session. The two commands are interleaved run by run. Prints median, min and
max seconds for each and the ratio newsprism/bare of the medians.

    python bench/first_screen.py [--runs N] [--paths PATH ...] [--marker TEXT]
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

WIDTH, HEIGHT = 120, 35
POLL = 0.01
TIMEOUT = 60.0

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
    times: list[float] = field(default_factory=list)


def find_newsprism() -> str:
    beside = Path(sys.executable).parent / "newsprism"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("newsprism")
    if found is None:
        sys.exit("newsprism is not installed: pip install -e . (with the venv active)")
    return found


def tmux(socket: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["tmux", "-L", socket, "-f", "/dev/null", *args],
        capture_output=True,
        text=True,
        timeout=10,
        check=False,
        # An explicit environment: a COLUMNS/LINES exported by readline into the C
        # environment (not os.environ) would override the real terminal size.
        env={k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")},
    )


def time_first_screen(case: Case) -> float:
    """Seconds from starting the session until the marker is on screen."""
    socket = f"newsprism-bench-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    socket_path = ""
    try:
        start = time.perf_counter()
        result = tmux(
            socket,
            "new-session",
            "-d",
            "-s",
            "bench",
            "-x",
            str(WIDTH),
            "-y",
            str(HEIGHT),
            "-e",
            "TEXTUAL_ANIMATIONS=none",
            *case.command,
        )
        if result.returncode != 0:
            raise RuntimeError(f"tmux new-session failed: {result.stderr.strip()}")
        socket_path = tmux(socket, "display-message", "-p", "#{socket_path}").stdout.strip()
        deadline = start + TIMEOUT
        screen = ""
        while True:
            screen = tmux(socket, "capture-pane", "-p", "-t", "bench").stdout
            if case.marker in screen:
                elapsed = time.perf_counter() - start
                break
            if time.perf_counter() > deadline:
                raise RuntimeError(
                    f"{case.name}: {case.marker!r} not seen within {TIMEOUT}s; screen:\n{screen}"
                )
            time.sleep(POLL)
        tmux(socket, "send-keys", "-t", "bench", case.quit_key)
        time.sleep(0.2)  # let the app restore the terminal before the session goes
        return elapsed
    finally:
        tmux(socket, "kill-server")
        if socket_path:  # tmux leaves the socket file behind
            Path(socket_path).unlink(missing_ok=True)


def nproc() -> str:
    try:
        return subprocess.run(["nproc"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return str(os.cpu_count())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each command (default 5)")
    parser.add_argument(
        "--paths", nargs="+", metavar="PATH", help="reports to open (default: bundled seeds)"
    )
    parser.add_argument(
        "--marker",
        default="The extremist Islamist group",
        help="text whose appearance marks newsprism's first screen "
        "(default: the start of the first seed's first paragraph)",
    )
    args = parser.parse_args(argv)
    if shutil.which("tmux") is None:
        sys.exit("tmux is not installed")
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    import textual

    newsprism = find_newsprism()
    with tempfile.TemporaryDirectory(prefix="newsprism-bench-") as tmp:
        bare_path = Path(tmp) / "bare_app.py"
        bare_path.write_text(BARE_APP, encoding="utf-8")
        cases = [
            Case("bare", [sys.executable, str(bare_path)], BARE_MARKER, "C-q"),
            Case("newsprism", [newsprism, *(args.paths or [])], args.marker, "q"),
        ]
        for run in range(1, args.runs + 1):
            for case in cases:
                seconds = time_first_screen(case)
                case.times.append(seconds)
                print(f"run {run}/{args.runs}  {case.name:<10} {seconds:.3f} s", flush=True)

    print()
    print(
        f"Python {platform.python_version()}  Textual {textual.__version__}  "
        f"nproc {nproc()}  runs {args.runs}  terminal {WIDTH}x{HEIGHT} (tmux)"
    )
    command = shlex.join(["newsprism", *(args.paths or [])])
    print(f"newsprism command: {command}  marker: {args.marker!r}")
    print()
    print(f"{'command':<10} {'median s':>9} {'min s':>9} {'max s':>9}")
    for case in cases:
        print(
            f"{case.name:<10} {statistics.median(case.times):>9.3f} "
            f"{min(case.times):>9.3f} {max(case.times):>9.3f}"
        )
    bare, app = (statistics.median(case.times) for case in cases)
    print(f"ratio newsprism/bare (medians): {app / bare:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
