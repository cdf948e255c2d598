"""Shared by the terminal benchmarks: the 1,000 test reports, tmux sessions, FIGURES lines.

- `write_thousand(data, folder)`: the 982 ECB+ texts plus 18 generated from the first of
  them (`facts_scale.build_texts`: every content word given a prefix, two neighbouring
  lines swapped), written as 1,000 files whose sorted order is that order.
- `first_paragraph(paths)`: the first paragraph newsprism shows in the left pane, and
  `marker(paths)` the first words of it, to look for on the screen.
- `Terminal`: a detached tmux session on its own `-L` socket, closed (server killed,
  socket file removed, the app's process gone) even on error.
- `print_figures(...)`: the last line a benchmark prints for `run_all.py`:
  `FIGURES {"benchmark": ..., "settings": ..., "summary": ..., "figures": {...}}`.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "bench"
DEFAULT_DATA = REPO.parent / "shared" / "data" / "ecbplus"
THOUSAND = 1000

# Left out of every tmux server's environment (so of the app's): a stale terminal size
# (readline exports COLUMNS/LINES into the C environment), the user's Textual settings
# and an SSH session (which would turn low-bandwidth mode on by itself), colour opt-outs.
_DROPPED = ("COLUMNS", "LINES", "SSH_CONNECTION", "SSH_TTY", "SSH_CLIENT", "NO_COLOR", "TMUX")
_DROPPED_PREFIXES = ("TEXTUAL_", "NEWSPRISM_")


# ------------------------------------------------------------------------ reports


def has_data(data: Path) -> bool:
    return (data / "text").is_dir()


def write_thousand(data: Path, folder: Path, count: int = THOUSAND) -> list[Path]:
    """`count` report files in `folder` (created): ECB+ texts, then generated ones."""
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    from facts_scale import build_texts

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in build_texts(data, count).items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return sorted(paths)


def first_paragraph(paths: Sequence[str | os.PathLike[str]]) -> str:
    """The visible text of the first paragraph of the first report, as the reader finds
    the files (`discover`: in the order given, folders sorted) and leaves boilerplate out."""
    from tui.ingest.decode import UnreadableFile
    from tui.ingest.loader import SourcesTable, discover, read_report
    from tui.ingest.text import visible_text

    for path in discover(paths).files:
        try:
            report, _key, _cached = read_report(path, "r1", SourcesTable())
        except (UnreadableFile, OSError):
            continue  # the reader skips it too: the next readable file is report 1
        for paragraph in report.paragraphs:
            if paragraph.kind != "boilerplate":
                return visible_text(report, paragraph).strip()
        return ""
    return ""


def marker(paths: Sequence[str | os.PathLike[str]], width: int = 28) -> str:
    """The first words (at most `width` characters) of the first paragraph shown: short
    enough to fit on the first line of a pane."""
    text = first_paragraph(paths)
    line = text.split("\n", 1)[0]
    if len(line) <= width:
        return line.strip()
    cut = line[: width + 1].rsplit(" ", 1)[0]
    return (cut if len(cut) >= 8 else line[:width]).strip()


# The status line once every analysis stage is done ends with the shared facts: "2 reports
# · 33 paragraphs · 30 entities · 7 shared facts (≥0.40)"; while a stage still runs it
# goes on with "· finding sources and topics…" and a progress bar.
_ANALYSIS_DONE = re.compile(r"\bshared facts? \(≥[0-9.]+\)[ \t]*$", re.MULTILINE)
ANALYSIS_FAILED = "analysis failed"


def analysis_done(screen: str) -> bool:
    """Whether the reader's status line says the whole analysis is in (or failed)."""
    return bool(_ANALYSIS_DONE.search(screen)) or ANALYSIS_FAILED in screen


# The story list's title: with reports about several stories the reader opens on it once
# the stories are found (unless a key was pressed), over the status line.
_STORY_LIST = re.compile(r"^ Stories  \d", re.MULTILINE)


def wait_for_analysis(term: Terminal, timeout: float, poll: float, what: str) -> str:
    """The screen once the reader's status line says the whole analysis is in (or
    failed); a story list that takes the screen first is closed (`escape`), so that the
    keys sent next reach the reader, on every report, as before there were stories."""
    screen = term.wait_for(
        lambda s: analysis_done(s) or _STORY_LIST.search(s) is not None, timeout, poll, what
    )
    if _STORY_LIST.search(screen) is not None:
        term.keys("Escape")
        screen = term.wait_for(analysis_done, timeout, poll, what)
    return screen


# ------------------------------------------------------------------------ terminal


def tmux_environment() -> dict[str, str]:
    return {
        k: v
        for k, v in os.environ.items()
        if k not in _DROPPED and not k.startswith(_DROPPED_PREFIXES)
    }


def need_tmux() -> None:
    if shutil.which("tmux") is None:
        sys.exit("tmux is not installed (apt-get install -y tmux)")


def find_newsprism() -> str:
    beside = Path(sys.executable).parent / "newsprism"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("newsprism")
    if found is None:
        sys.exit("newsprism is not installed: pip install -e . (with the venv active)")
    return found


def _alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie, waiting for its parent to reap it, does not)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True


class Terminal:
    """A detached tmux session running one command, on a server of its own."""

    SESSION = "bench"

    def __init__(self, prefix: str = "newsprism-bench") -> None:
        self.socket = f"{prefix}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.socket_path = ""
        self.pid = 0
        self.env = tmux_environment()
        self.killed_late = False

    def tmux(self, *args: str, check: bool = False) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
            env=self.env,
        )
        if check and done.returncode != 0:
            raise RuntimeError(f"tmux {args[0]} failed: {done.stderr.strip()}")
        return done

    def start(
        self, command: Sequence[str], width: int, height: int, env: Mapping[str, str] = ()
    ) -> None:
        """Start `command` in a `width` x `height` session, with `env` added."""
        extra = [f"-e{k}={v}" for k, v in dict(env).items()]
        self.tmux(
            "new-session",
            "-d",
            "-s",
            self.SESSION,
            "-x",
            str(width),
            "-y",
            str(height),
            *extra,
            *command,
            check=True,
        )
        info = self.tmux("display-message", "-p", "-t", self.SESSION, "#{socket_path} #{pane_pid}")
        path, _, pid = info.stdout.strip().rpartition(" ")
        self.socket_path = path
        self.pid = int(pid) if pid.isdigit() else 0

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.SESSION).stdout

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.tmux("send-keys", "-t", self.SESSION, *(["-l"] if literal else []), *keys)

    def wait_for(
        self, found: Callable[[str], bool], timeout: float, poll: float = 0.01, what: str = ""
    ) -> str:
        """Poll the screen until `found(screen)` is true; the screen. Raises on timeout."""
        deadline = time.perf_counter() + timeout
        while True:
            done = self.tmux("capture-pane", "-p", "-t", self.SESSION)
            screen = done.stdout
            if found(screen):
                return screen
            if done.returncode != 0:
                raise RuntimeError(
                    f"{what or 'screen'}: the session ended (the command exited; run it by "
                    f"hand to see why): {done.stderr.strip()}"
                )
            if time.perf_counter() > deadline:
                raise RuntimeError(f"{what or 'screen'} not seen within {timeout:.0f} s:\n{screen}")
            time.sleep(poll)

    def close(self) -> None:
        """Kill the server, remove its socket file, and wait for the app's process to go
        (a process still analysing would slow the next run down)."""
        self.tmux("kill-server")
        if self.socket_path:
            Path(self.socket_path).unlink(missing_ok=True)
        if self.pid:
            deadline = time.perf_counter() + 10
            while _alive(self.pid) and time.perf_counter() < deadline:
                time.sleep(0.02)
            if _alive(self.pid):
                self.killed_late = True
                with contextlib.suppress(OSError):
                    os.kill(self.pid, signal.SIGKILL)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# ------------------------------------------------------------------------ figures


def nproc() -> str:
    try:
        return subprocess.run(["nproc"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return str(os.cpu_count())


def print_figures(
    benchmark: str, settings: str, summary: str, figures: Mapping[str, object]
) -> None:
    """The machine-readable last line `run_all.py` collects (one JSON object)."""
    line = {"benchmark": benchmark, "settings": settings, "summary": summary,
            "figures": dict(figures)}  # fmt: skip
    print("FIGURES " + json.dumps(line, ensure_ascii=False), flush=True)
