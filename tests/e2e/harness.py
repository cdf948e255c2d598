"""The end-to-end harness: the installed reader in a real terminal (tmux), and a headless
browser (Chromium over its DevTools protocol) for `newsprism serve`.

`Terminal` is a detached tmux session on a tmux server of its own, 120x35 unless told,
with a clean environment: no stale terminal size, none of the caller's TEXTUAL_* or
NEWSPRISM_* settings, no SSH variables (they would turn on low-bandwidth mode), no
NO_COLOR; animations off, and the analysis cache and saved corrections in the test's own
folder. With `record=True` every byte the app writes is appended to a file from the very
first one (`tmux pipe-pane -O`; the app waits for a go file until the pipe is on).

The app draws on stderr, so nothing here redirects it. Waits poll the screen until what is
expected shows; their timeouts guard against a hang, they are not speed tests.
The fixtures (`newsprism_script`, `start_terminal`, `chromium`) are in conftest.py.
"""

from __future__ import annotations

import json
import os
import shlex
import signal
import struct
import subprocess
import time
import uuid
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

WIDTH, HEIGHT = 120, 35
TIMEOUT = 60.0  # a guard against a hang, not a measurement
POLL = 0.05

# Left out of tmux's environment (and so of the app's): a stale terminal size (under pytest,
# readline exports COLUMNS/LINES into the C environment and a child believes them over its
# terminal), the caller's settings, SSH (low-bandwidth mode), NO_COLOR, an outer tmux.
_DROPPED = ("COLUMNS", "LINES", "SSH_CONNECTION", "SSH_TTY", "SSH_CLIENT", "NO_COLOR", "TMUX")
_DROPPED_PREFIXES = ("TEXTUAL_", "NEWSPRISM_")


def clean_environment() -> dict[str, str]:
    """This process's environment without the variables that would change the app."""
    return {
        name: value
        for name, value in os.environ.items()
        if name not in _DROPPED and not name.startswith(_DROPPED_PREFIXES)
    }


class Terminal:
    """A detached tmux session running one command, on its own server socket."""

    SESSION = "main"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        name = f"newsprism-e2e-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.socket = name
        self.status_file = folder / f"{name}.status"
        self.output = folder / f"{name}.bytes"
        self.go = folder / f"{name}.go"
        self.socket_path = ""
        self.env = clean_environment()

    # ------------------------------------------------------------------ starting, ending

    def start(
        self,
        command: Sequence[str],
        *,
        width: int = WIDTH,
        height: int = HEIGHT,
        env: Mapping[str, str] | None = None,
        record: bool = False,
    ) -> None:
        """Run `command` in the session; its exit status is written to a file when it
        ends. `env` is added to the defaults (animations off, a fresh cache and data
        folder); `record` appends every byte written to the terminal to `self.output`."""
        variables = {
            "TEXTUAL_ANIMATIONS": "none",
            "NEWSPRISM_DATA_DIR": str(self.folder / "data"),
            "NEWSPRISM_CACHE_DIR": str(self.folder / "cache"),
            **(env or {}),
        }
        shell = f"{shlex.join(command)}; echo $? > {shlex.quote(str(self.status_file))}"
        if record:
            shell = f"while [ ! -e {shlex.quote(str(self.go))} ]; do sleep 0.01; done; {shell}"
        extra = [f"-e{name}={value}" for name, value in variables.items()]
        done = self.tmux(
            "new-session", "-d", "-s", self.SESSION, "-x", str(width), "-y", str(height),
            *extra, "sh", "-c", shell,
        )  # fmt: skip
        assert done.returncode == 0, f"tmux new-session failed: {done.stderr}"
        self.socket_path = self.tmux("display-message", "-p", "#{socket_path}").stdout.strip()
        # Keep the window open if the app dies early, so the screen can still be read.
        self.tmux("set-option", "-t", self.SESSION, "remain-on-exit", "on")
        if record:
            # An OSC 52 that got through would land in a tmux paste buffer.
            self.tmux("set-option", "-s", "set-clipboard", "on")
            piped = self.tmux(
                "pipe-pane", "-O", "-o", "-t", self.SESSION,
                f"cat >> {shlex.quote(str(self.output))}",
            )  # fmt: skip
            assert piped.returncode == 0, piped.stderr
            self.go.touch()

    def close(self) -> None:
        """Kill the tmux server and remove its socket file (tmux leaves it behind)."""
        self.tmux("kill-server")
        if self.socket_path:
            Path(self.socket_path).unlink(missing_ok=True)

    def tmux(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
            env=self.env,
        )

    # ------------------------------------------------------------------ keys and screen

    def screen(self) -> str:
        """The visible screen as plain text (empty if the pane is gone)."""
        return self.tmux("capture-pane", "-p", "-t", self.SESSION).stdout

    def press(self, *keys: str) -> None:
        """tmux key names: "Tab", "Escape", "Space", "j", "?"; or text to type."""
        for key in keys:
            done = self.tmux("send-keys", "-t", self.SESSION, key)
            assert done.returncode == 0, done.stderr

    def wait_for(
        self, predicate: Callable[[str], bool], what: str, timeout: float = TIMEOUT
    ) -> str:
        """Poll the screen until predicate(screen) holds; fail with the last screen."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if predicate(screen):
                return screen
            time.sleep(POLL)
        pytest.fail(f"timed out after {timeout}s waiting for {what}; screen:\n{screen}")

    def wait_for_text(self, *texts: str, timeout: float = TIMEOUT) -> str:
        return self.wait_for(
            lambda screen: all(text in screen for text in texts),
            " and ".join(repr(text) for text in texts),
            timeout,
        )

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

    def wait_for_exit(self, timeout: float = TIMEOUT) -> int:
        """The command's exit status, written by the shell wrapper after it ends."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.status_file.exists():
                text = self.status_file.read_text().strip()
                if text:
                    return int(text)
            time.sleep(POLL)
        pytest.fail(f"the app did not exit within {timeout}s; screen:\n{self.screen()}")

    def raw_output(self) -> bytes:
        """Everything written to the terminal (`record=True`), once the pipe has stopped
        growing."""
        size, same = -1, 0
        deadline = time.monotonic() + TIMEOUT
        while same < 5 and time.monotonic() < deadline:
            now = self.output.stat().st_size if self.output.exists() else 0
            same = same + 1 if now == size else 0
            size = now
            time.sleep(POLL)
        return self.output.read_bytes()


# ------------------------------------------------------------------------- the browser

CHROMIUM = Path("/usr/bin/chromium")
WINDOW = (1280, 800)


def start_chromium(folder: Path) -> tuple[subprocess.Popen[bytes], int]:
    """Headless Chromium with the DevTools protocol on a port of its choosing: the process
    and that port. Every host name but 127.0.0.1 fails at once (a page must need nothing
    from the internet; CI has no network), and Chromium's own background traffic is off.
    Its output goes to `folder/chromium.log`."""
    profile = folder / "chromium-profile"
    log_path = folder / "chromium.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                str(CHROMIUM),
                "--headless",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                f"--user-data-dir={profile}",
                "--remote-debugging-port=0",
                f"--window-size={WINDOW[0]},{WINDOW[1]}",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-proxy-server",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
    active_port = profile / "DevToolsActivePort"
    deadline = time.monotonic() + TIMEOUT
    while not (active_port.is_file() and active_port.read_text().strip()):
        if process.poll() is not None or time.monotonic() > deadline:
            stop_chromium(process)
            pytest.fail(
                "Chromium did not open its DevTools port:\n"
                + log_path.read_text(errors="replace")[-3000:]
            )
        time.sleep(POLL)
    return process, int(active_port.read_text().split()[0])


def stop_chromium(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=TIMEOUT)


class DevTools:
    """The Chrome DevTools protocol over one page's websocket: a command, its result."""

    def __init__(self, websocket: Any) -> None:
        self.websocket = websocket
        self.last_id = 0

    async def send(self, method: str, **params: Any) -> dict[str, Any]:
        self.last_id += 1
        ident = self.last_id
        await self.websocket.send_json({"id": ident, "method": method, "params": params})
        while True:
            message = json.loads(await self.websocket.receive_str())
            if message.get("id") == ident:  # anything else is an event
                assert "error" not in message, f"{method}: {message['error']}"
                return message.get("result", {})

    async def evaluate(self, expression: str) -> Any:
        result = await self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        assert "exceptionDetails" not in result, result["exceptionDetails"]
        return result["result"].get("value")


def png_pixels(data: bytes) -> tuple[int, int, int, Iterator[bytes]]:
    """Width, height, bytes per pixel and the rows of pixels (one bytes object each) of an
    8-bit RGB or RGBA PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    position, chunks = 8, {}
    idat = bytearray()
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        assert zlib.crc32(kind + body) == struct.unpack(">I", data[position + 8 + length :][:4])[0]
        if kind == b"IDAT":
            idat += body
        else:
            chunks.setdefault(kind, body)
        position += 12 + length
    assert b"IEND" in chunks
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[b"IHDR"])
    assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour, interlace)
    size = 3 if colour == 2 else 4
    stride = width * size

    # Decompressing whole is quick; un-filtering is slow in Python, so rows are
    # un-filtered lazily, as they are asked for.
    raw = zlib.decompress(bytes(idat))
    assert len(raw) == height * (stride + 1), "truncated image data"

    def unfiltered() -> Iterator[bytes]:
        previous = bytearray(stride)
        for y in range(height):
            start = y * (stride + 1)
            kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
            if kind == 1:
                for i in range(size, stride):
                    line[i] = (line[i] + line[i - size]) & 0xFF
            elif kind == 2:
                line = bytearray((a + b) & 0xFF for a, b in zip(line, previous, strict=True))
            elif kind == 3:
                for i in range(stride):
                    left = line[i - size] if i >= size else 0
                    line[i] = (line[i] + ((left + previous[i]) >> 1)) & 0xFF
            elif kind == 4:
                for i in range(stride):
                    a = line[i - size] if i >= size else 0
                    b = previous[i]
                    c = previous[i - size] if i >= size else 0
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    predictor = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                    line[i] = (line[i] + predictor) & 0xFF
            else:
                assert kind == 0, f"unknown PNG filter {kind}"
            previous = line
            yield bytes(line)

    return width, height, size, unfiltered()
