"""End to end: report text never drives the terminal (tmux, the raw bytes written to it).

The installed `newsprism` runs in a detached tmux session on reports full of escape
sequences (an OSC 0 title change, an OSC 52 clipboard write, OSC 8 hyperlinks, CSI
colours and cursor moves, BEL, an 8-bit CSI), Rich/Textual markup, a file whose *name*
holds escapes, and Markdown links. `tmux pipe-pane -O` appends every byte the app writes
to a file from its very first one (the app waits for a go file until the pipe is on).
The reports are paged through, the links, report list and help are opened, and then:
none of the payloads is in the bytes, tmux's own view of the pane kept its title and
clipboard, and the markup shows on the screen as the characters it is made of.

Skipped when tmux or the installed console script is missing.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests import hostile

WIDTH, HEIGHT = 120, 35
TIMEOUT = 60.0
POLL = 0.05
# Left out of tmux's environment (so of the app's): a stale terminal size (readline
# exports COLUMNS/LINES), the caller's Textual and newsprism settings, SSH, NO_COLOR.
_DROPPED = ("COLUMNS", "LINES", "SSH_CONNECTION", "SSH_TTY", "SSH_CLIENT", "NO_COLOR", "TMUX")
_DROPPED_PREFIXES = ("TEXTUAL_", "NEWSPRISM_")
_ANALYSIS_DONE = re.compile(r"shared facts? \(≥[0-9.]+\)|analysis failed")

LINKS_MD = (
    "# Links\n\n"
    "Read [the \x1bPPWNED\x1b\\ statement](https://example.org/statement) or "
    "[this](javascript:alert(1)) and a raw \x1b]8;;https://evil.example/osc8-target\x1b\\"
    "hyperlink\x1b]8;;\x1b\\ too.\n"
)

# Bytes of the reports' payloads that must never be written to the terminal.
FORBIDDEN = (
    b"PWNED",
    b"cHduZWQ",
    hostile.OSC8_URL.encode(),
    b"\x1b]0;",
    b"\x1b]2;",
    b"\x1b]8;",
    b"\x1b]52;",
    b"\xc2\x9b",  # U+009B, the 8-bit CSI, as UTF-8
    b"\x1b[31;1mconfirmed",
    b"moves \x1b[",
    b"bell\x07",
)


class Session:
    """A detached tmux session on a server of its own, its output piped to a file."""

    NAME = "main"

    def __init__(self, folder: Path) -> None:
        self.socket = f"newsprism-security-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.output = folder / "terminal.bytes"
        self.status = folder / "exit.status"
        self.go = folder / "go"
        self.socket_path = ""
        self.env = {
            k: v
            for k, v in os.environ.items()
            if k not in _DROPPED and not k.startswith(_DROPPED_PREFIXES)
        }

    def tmux(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
            env=self.env,
        )

    def start(self, command: list[str], env: dict[str, str]) -> None:
        shell = (
            f"while [ ! -e {shlex.quote(str(self.go))} ]; do sleep 0.01; done; "
            f"{shlex.join(command)}; echo $? > {shlex.quote(str(self.status))}"
        )
        extra = [f"-e{k}={v}" for k, v in env.items()]
        done = self.tmux(
            "new-session", "-d", "-s", self.NAME, "-x", str(WIDTH), "-y", str(HEIGHT),
            *extra, "sh", "-c", shell,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        self.socket_path = self.tmux("display-message", "-p", "#{socket_path}").stdout.strip()
        # An OSC 52 that got through would land in a tmux paste buffer.
        self.tmux("set-option", "-s", "set-clipboard", "on")
        self.tmux("set-option", "-t", self.NAME, "remain-on-exit", "on")
        piped = self.tmux(
            "pipe-pane", "-O", "-o", "-t", self.NAME, f"cat >> {shlex.quote(str(self.output))}"
        )
        assert piped.returncode == 0, piped.stderr
        self.go.touch()

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.NAME).stdout

    def press(self, *keys: str) -> None:
        for key in keys:
            done = self.tmux("send-keys", "-t", self.NAME, key)
            assert done.returncode == 0, done.stderr

    def wait_for(self, found: Callable[[str], bool], what: str) -> str:
        deadline = time.monotonic() + TIMEOUT
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if found(screen):
                return screen
            time.sleep(POLL)
        pytest.fail(f"timed out waiting for {what}; screen:\n{screen}")

    def settle(self) -> str:
        """The screen once it has stayed the same for a few polls."""
        same, screen = 0, self.screen()
        deadline = time.monotonic() + TIMEOUT
        while same < 4 and time.monotonic() < deadline:
            time.sleep(POLL)
            now = self.screen()
            same = same + 1 if now == screen else 0
            screen = now
        return screen

    def exit_status(self) -> int:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if self.status.exists() and self.status.read_text().strip():
                return int(self.status.read_text())
            time.sleep(POLL)
        pytest.fail(f"the app did not exit; screen:\n{self.screen()}")

    def raw_output(self) -> bytes:
        """Everything written to the terminal, once the pipe has stopped growing."""
        size, same = -1, 0
        deadline = time.monotonic() + TIMEOUT
        while same < 5 and time.monotonic() < deadline:
            now = self.output.stat().st_size if self.output.exists() else 0
            same = same + 1 if now == size else 0
            size = now
            time.sleep(POLL)
        return self.output.read_bytes()

    def close(self) -> None:
        self.tmux("kill-server")
        if self.socket_path:
            Path(self.socket_path).unlink(missing_ok=True)


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    started = Session(tmp_path)
    try:
        yield started
    finally:
        started.close()


def write_reports(folder: Path) -> list[str]:
    """The hostile reports (sorted as the reader reads them) and a badly named file."""
    hostile.write_escapes(folder)
    hostile.write_markup(folder)
    hostile.write_good(folder)
    (folder / "links.md").write_text(LINKS_MD, encoding="utf-8")
    hostile.write_hostile_name(folder)  # empty: skipped, and its name is in a notice
    hostile.write_hostile_name_report(folder)  # read: its name is its outlet
    return sorted(p.stem for p in folder.iterdir() if p.stat().st_size)


def test_report_text_never_drives_the_terminal(
    newsprism_script: str, session: Session, tmp_path: Path
) -> None:
    folder = tmp_path / "reports"
    names = write_reports(folder)
    count = len(names)
    env = {
        "TEXTUAL_ANIMATIONS": "none",
        "NEWSPRISM_DATA_DIR": str(tmp_path / "data"),
        "NEWSPRISM_CACHE_DIR": str(tmp_path / "cache"),
    }
    session.start([newsprism_script, str(folder)], env)
    session.wait_for(lambda s: _ANALYSIS_DONE.search(s) is not None, "the analysis")

    # Every report in the left pane, paged from top to bottom, boilerplate shown too.
    screens = [session.settle()]
    for number in range(1, count + 1):
        header = f"{number} of {count}"
        session.wait_for(
            lambda s, h=header: any(h in line[: WIDTH // 2] for line in s.splitlines()[:3]),
            header,
        )
        for key in ("Space", "G", "b", "g"):
            session.press(key)
            screens.append(session.settle())
        if names[number - 1] == "links":
            session.press("j", "L")  # the links of the paragraph with them
            screens.append(session.wait_for(lambda s: "in this paragraph" in s, "the links"))
            session.press("Escape")
            session.wait_for(lambda s: "in this paragraph" not in s, "the links to close")
        session.press("]")
    # The report list and the help draw the reports' names and outlets too.
    for key, shows in (("r", "sorted by"), ("?", "closes this help")):
        session.press(key)
        screens.append(session.wait_for(lambda s, w=shows: w in s, shows))
        session.press("Escape")
        session.wait_for(lambda s, w=shows: w not in s, f"{shows!r} to close")
    title = session.tmux("display-message", "-p", "-t", session.NAME, "#{pane_title}").stdout
    buffers = session.tmux("list-buffers").stdout
    session.press("q")
    # 1: one file (the badly named one) could not be read; its stderr line is in the
    # bytes below too.
    assert session.exit_status() == 1
    data = session.raw_output()

    assert len(data) > 10_000, "the pipe caught too little to judge"
    for payload in FORBIDDEN:
        assert payload not in data, f"{payload!r} reached the terminal"
    assert "PWNED" not in title
    assert buffers.strip() == "", buffers  # no clipboard write got through

    shown = "\n".join(screens)
    for markup in hostile.MARKUP:
        assert markup in shown, markup  # markup shows as the text it is
    assert "A title change was attempted here." in shown
    assert "A clipboard write was attempted here." in shown
    assert "https://example.org/statement" in shown  # in the list of links
    assert b"/reports/name.txt: empty file" in data  # the error line, its file name made safe
