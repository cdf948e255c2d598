"""`newsprism serve`: the reader in a web browser, through textual-serve.

First the parts that need no browser: the command run for each browser session (through a
real shell), the Host/Origin checks, and the one-line errors (port taken, bad port,
textual-serve missing); `python -m tui serve` answering HTTP.

Then end to end, skipped without Debian's Chromium (`apt-get install -y chromium`):
`newsprism serve` on the bundled seeds, opened in headless Chromium driven over the
DevTools protocol (aiohttp's websocket client: aiohttp comes with textual-serve). The page
draws the terminal with xterm.js on a canvas, so the screen's text is not in the DOM: a
script the test adds before the page's own keeps the xterm.js `Terminal` the page creates
(`this.terminal = new Terminal(...)` in textual-serve's textual.js), and the test reads the
screen through xterm's public buffer API (`buffer.active.getLine(y).translateToString()`)
until one row holds both pane headers, left before right, worded as the reader's PaneHeader
words them for the two seed reports (`header_text`), and the terminal has faded in. Then it
saves a screenshot and checks it is a PNG of the page's size whose terminal area is drawn
(many colours there, not one).
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import re
import shlex
import signal
import socket
import struct
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tui import cli
from tui.cli import serve
from tui.cli.common import inputs_or_seeds
from tui.cli.reader import reader_parser

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
TIMEOUT = 30.0  # a guard against hanging, not a measurement
POLL = 0.1
WINDOW = (1280, 800)
# Many more colours than a blank or one-colour area has: anti-aliased text.
MIN_COLOURS = 16

# Keeps the xterm.js Terminal that textual.js assigns to `this.terminal`: an own property
# is defined as usual, and the first value that looks like a Terminal is remembered.
CAPTURE_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal", {
      value, writable: true, configurable: true, enumerable: true,
    });
    if (!window.__newsprismTerminal && value && value.buffer && value.onData) {
      window.__newsprismTerminal = value;
    }
  },
});
"""

READ_SCREEN = """
(() => {
  const term = window.__newsprismTerminal;
  const element = document.querySelector(".textual-terminal");
  if (!term || !element) return null;
  const buffer = term.buffer.active;
  const rows = [];
  for (let y = 0; y < term.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    rows.push(line ? line.translateToString(true) : "");
  }
  const box = element.getBoundingClientRect();
  return {
    rows,
    opacity: getComputedStyle(element).opacity,
    box: [box.left, box.top, box.right, box.bottom],
    page: [window.innerWidth, window.innerHeight],
    scale: window.devicePixelRatio,
  };
})()
"""


# ---------------------------------------------------------------------------- helpers


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def newsprism_argv() -> list[str]:
    """The installed console script beside this Python, else `python -m tui`."""
    beside = Path(sys.executable).parent / "newsprism"
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside)]
    return [sys.executable, "-m", "tui"]


def child_environment(tmp_path: Path) -> dict[str, str]:
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("COLUMNS", "LINES", "SSH_CONNECTION", "SSH_TTY")
    }
    environment.update(
        NEWSPRISM_DATA_DIR=str(tmp_path / "data"),
        NEWSPRISM_CACHE_DIR=str(tmp_path / "cache"),
        TEXTUAL_ANIMATIONS="none",
        PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
    )
    return environment


def run_cli(argv: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        argv,
        cwd=ROOT,
        env=child_environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def assert_one_line(stderr: str, starts: str) -> None:
    assert "Traceback" not in stderr, stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith(starts), stderr


class Running:
    """A `newsprism serve` process; its output goes to files, so it can never block."""

    def __init__(self, argv: list[str], tmp_path: Path) -> None:
        self.out = tmp_path / "serve.out"
        self.err = tmp_path / "serve.err"
        with self.out.open("wb") as out, self.err.open("wb") as err:
            self.process = subprocess.Popen(
                argv,
                cwd=ROOT,
                env=child_environment(tmp_path),
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                start_new_session=True,  # its readers too can be ended as one group
            )

    def output(self) -> str:
        return (
            f"stdout:\n{self.out.read_text(errors='replace')}\n"
            f"stderr:\n{self.err.read_text(errors='replace')}"
        )

    def wait_for_port(self, port: int) -> None:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"newsprism serve exited ({self.process.returncode})\n{self.output()}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    return
            except OSError:
                time.sleep(POLL)
        pytest.fail(f"newsprism serve did not listen on {port} in {TIMEOUT}s\n{self.output()}")

    def stop(self) -> int:
        """SIGTERM (a graceful stop), then the exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            pytest.fail(f"newsprism serve did not stop on SIGTERM\n{self.output()}")

    def kill(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=TIMEOUT)


@pytest.fixture
def start_server(tmp_path: Path) -> Iterator[Any]:
    started: list[Running] = []

    def start(argv: list[str], port: int) -> Running:
        running = Running(argv, tmp_path)
        started.append(running)
        running.wait_for_port(port)
        return running

    try:
        yield start
    finally:
        for running in started:
            running.kill()


def http_get(url: str, **headers: str) -> tuple[int, str]:
    """Straight to the server (never through a proxy from the environment)."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    request = urllib.request.Request(url, headers=headers)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


# ---------------------------------------------------------------------------- no browser


def test_the_serve_module_imports_no_textual() -> None:
    code = textwrap.dedent(
        """
        import sys
        import tui.cli.serve
        print(sorted(m for m in sys.modules
                     if m.split(".")[0] in ("textual", "textual_serve", "aiohttp")))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


AWKWARD_PATHS = [
    "a report.txt",
    "-starts-with-dash.md",
    "analyze",
    "serve",
    "it's; echo pwned $(id) `id`.txt",
    "$HOME/*.txt",
    "naïve\ttab.md",
]


def test_each_session_runs_this_python_on_the_same_inputs(tmp_path: Path) -> None:
    assert shlex.split(serve.reader_command(["x.txt"])) == [
        sys.executable,
        "-m",
        "tui",
        "--",
        "x.txt",
    ]
    # textual-serve runs the command with /bin/sh. A stand-in for the Python (in a folder
    # whose name needs quoting too) prints the arguments it gets.
    python = tmp_path / "my $python's"
    python.mkdir()
    python = python / "python"
    python.write_text(
        f"#!{sys.executable}\nimport json, sys\nprint(json.dumps(sys.argv[1:]))\n",
        encoding="utf-8",
    )
    python.chmod(0o755)
    topics = str(tmp_path / "my topics.toml")
    command = serve.reader_command(
        AWKWARD_PATHS, recursive=True, no_cache=True, topics=topics, python=str(python)
    )

    result = subprocess.run(
        ["/bin/sh", "-c", command],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    argv = json.loads(result.stdout)
    assert argv[:2] == ["-m", "tui"]
    assert argv[2:] == ["--recursive", "--no-cache", f"--topics={topics}", "--", *AWKWARD_PATHS]
    args = reader_parser().parse_args(argv[2:])
    assert args.paths == AWKWARD_PATHS
    assert args.recursive and args.no_cache and args.topics == topics


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("localhost", True),
        ("app.localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.5", False),
        ("example.com", False),
        ("localhost.example.com", False),
    ],
)
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert serve.is_loopback(host) is loopback


@pytest.mark.parametrize(
    ("host", "origin", "loopback_only", "allowed"),
    [
        ("127.0.0.1:8000", None, True, True),
        ("localhost:8000", "http://localhost:8000", True, True),
        ("[::1]:8000", "http://[::1]:8000", True, True),
        # DNS rebinding: another site's name pointed at 127.0.0.1.
        ("evil.example:8000", None, True, False),
        ("evil.example:8000", "http://evil.example:8000", True, False),
        # Another site's page opening a websocket to this server.
        ("127.0.0.1:8000", "http://evil.example", True, False),
        ("127.0.0.1:8000", "http://127.0.0.1:9000", True, False),
        ("127.0.0.1:8000", "null", True, False),
        # Listening on another address: any name reaches it, but the origin must match.
        ("reader.lan:8000", "http://reader.lan:8000", False, True),
        ("reader.lan:8000", "http://evil.example", False, False),
        (None, None, True, False),
        ("", None, False, False),
    ],
)
def test_request_checks(
    host: str | None, origin: str | None, loopback_only: bool, allowed: bool
) -> None:
    assert serve.request_allowed(host, origin, loopback_only=loopback_only) is allowed


def test_url_for_brackets_ipv6() -> None:
    assert serve.url_for("127.0.0.1", 8000) == "http://127.0.0.1:8000"
    assert serve.url_for("::1", 8080) == "http://[::1]:8080"


@pytest.fixture
def taken_port() -> Iterator[int]:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        yield holder.getsockname()[1]


def test_listen_problem_names_a_taken_port(taken_port: int) -> None:
    problem = serve.listen_problem("127.0.0.1", taken_port)
    assert problem is not None and "address already in use" in problem
    assert serve.listen_problem("127.0.0.1", free_port()) is None


@pytest.mark.parametrize("entry", ["script", "module"])
def test_a_taken_port_is_one_line(entry: str, taken_port: int, tmp_path: Path) -> None:
    argv = newsprism_argv() if entry == "script" else [sys.executable, "-m", "tui"]
    result = run_cli([*argv, "serve", "--port", str(taken_port)], tmp_path)
    assert result.returncode == cli.EXIT_UNREADABLE, result.stderr
    assert_one_line(
        result.stderr,
        f"newsprism: cannot listen on http://127.0.0.1:{taken_port}: address already in use",
    )
    assert result.stdout == ""


@pytest.mark.parametrize("port", ["0", "65536", "http"])
def test_a_bad_port_is_a_usage_error(port: str, tmp_path: Path) -> None:
    result = run_cli([sys.executable, "-m", "tui", "serve", "--port", port], tmp_path)
    assert result.returncode == cli.EXIT_USAGE
    assert_one_line(result.stderr, "newsprism serve: argument --port")


def test_missing_inputs_are_one_line_each(tmp_path: Path) -> None:
    result = run_cli(
        [sys.executable, "-m", "tui", "serve", str(tmp_path / "nowhere.txt")], tmp_path
    )
    assert result.returncode == cli.EXIT_UNREADABLE
    assert_one_line(result.stderr, "newsprism: ")
    assert "nowhere.txt: no such file or directory" in result.stderr


def test_without_textual_serve_it_says_how_to_install_it(tmp_path: Path) -> None:
    code = "import sys; sys.modules['textual_serve'] = None\n" + (
        "from tui.cli import main; raise SystemExit(main(['serve']))"
    )
    result = run_cli([sys.executable, "-c", code], tmp_path)
    assert result.returncode == cli.EXIT_UNREADABLE
    assert_one_line(result.stderr, "newsprism: serve needs textual-serve")
    # Both ways to install it: from the package index, and from a checkout.
    assert "pip install 'newsprism[serve]'" in result.stderr
    assert "pip install '.[serve]'" in result.stderr


class _StubServer:
    def __init__(self) -> None:
        self.served = False

    def serve(self) -> None:
        self.served = True


def test_another_host_must_be_explicit_and_is_warned_about(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    made: list[tuple[str, str, int]] = []
    stub = _StubServer()

    def make_server(
        command: str, host: str, port: int, reports: int, log_level: str
    ) -> _StubServer:
        assert log_level == serve.DEFAULT_LOG_LEVEL
        made.append((command, host, port))
        return stub

    monkeypatch.setattr(serve, "make_server", make_server)
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.1 50000 10.0.0.2 22")
    port = free_port()

    # The default: loopback, no warning.
    assert serve.run_serve(["--port", str(port)]) == cli.EXIT_OK
    assert made[-1] == (serve.reader_command(inputs_or_seeds([])), "127.0.0.1", port)
    assert stub.served
    assert capsys.readouterr().err == ""
    # The reader in the browser is not on the SSH link: it keeps its colours.
    assert "SSH_CONNECTION" not in os.environ

    # Another address: served, with one line of warning.
    assert serve.run_serve(["--host", "0.0.0.0", "--port", str(port), "-r"]) == cli.EXIT_OK
    assert made[-1][1] == "0.0.0.0"
    assert "--recursive" in shlex.split(made[-1][0])
    assert_one_line(capsys.readouterr().err, "newsprism: warning: listening on 0.0.0.0: anyone")


def test_python_m_tui_serve_answers_http_and_refuses_other_sites(
    start_server: Any, tmp_path: Path
) -> None:
    pytest.importorskip("textual_serve", reason="textual-serve is not installed")
    port = free_port()
    server = start_server([sys.executable, "-m", "tui", "serve", "--port", str(port)], port)
    base = f"http://127.0.0.1:{port}"

    status, page = http_get(base + "/")
    assert status == 200, server.output()
    assert "textual-terminal" in page
    assert f"ws://127.0.0.1:{port}/ws" in page
    # Opened as localhost, the page's websocket goes back to localhost (same origin).
    status, page = http_get(base + "/", Host=f"localhost:{port}")
    assert status == 200 and f"ws://localhost:{port}/ws" in page

    # DNS rebinding and another site's websocket are refused before any reader starts.
    status, _ = http_get(base + "/", Host=f"evil.example:{port}")
    assert status == 403
    status, _ = http_get(base + "/ws", Origin="http://evil.example")
    assert status == 403

    assert server.stop() == 0, server.output()
    assert f"newsprism: serving 2 report files at {base}" in server.output()
    assert "Traceback" not in server.output()


# Where a page can name something for the browser to load.
_LOADS = re.compile(r"""(?:src|href)\s*=\s*["']([^"']*)["']|url\(\s*["']?([^"')]*)""")


def test_the_page_loads_nothing_from_elsewhere(start_server: Any, tmp_path: Path) -> None:
    # The reader may run on a machine with no internet access: no fonts from Google,
    # nothing from anywhere but this server, and what it names is there.
    pytest.importorskip("textual_serve", reason="textual-serve is not installed")
    port = free_port()
    server = start_server([sys.executable, "-m", "tui", "serve", "--port", str(port)], port)
    base = f"http://127.0.0.1:{port}"
    status, page = http_get(base + "/")
    assert status == 200, server.output()
    loads = [a or b for a, b in _LOADS.findall(page)]
    assert any(url.endswith(".ttf") for url in loads), loads  # the font, from here
    assert any(url.endswith("textual.js") for url in loads), loads
    for url in loads:
        assert url.startswith((f"{base}/", "?")), f"the page loads {url}"
        if url.startswith(base):
            assert http_get(url)[0] == 200, url
    # The only other addresses in it name the SVG namespace, if any: nothing to load.
    assert set(re.findall(r"https?://[^\s\"'<>)]+", page)) - {
        url for url in loads if url.startswith(base)
    } <= {"http://www.w3.org/2000/svg"}
    assert server.stop() == 0, server.output()


@pytest.mark.parametrize("level", [None, "info"])
def test_access_logs_go_to_the_chosen_log_level(
    level: str | None, start_server: Any, tmp_path: Path
) -> None:
    pytest.importorskip("textual_serve", reason="textual-serve is not installed")
    port = free_port()
    option = [] if level is None else ["--log-level", level]
    server = start_server(
        [sys.executable, "-m", "tui", "serve", "--port", str(port), *option], port
    )
    assert http_get(f"http://127.0.0.1:{port}/")[0] == 200
    assert http_get(f"http://127.0.0.1:{port}/", Host="evil.example")[0] == 403
    assert server.stop() == 0, server.output()
    out = server.out.read_text(errors="replace")
    err = server.err.read_text(errors="replace")
    assert out.splitlines()[0].startswith("newsprism: serving 2 report files")
    if level is None:
        # By default the terminal shows the one line, not a line per request.
        assert len(out.splitlines()) == 1 and "GET /" not in out + err, server.output()
    else:
        assert "GET / HTTP/1.1" in err and "GET / HTTP/1.1" not in out, server.output()


def test_a_bad_log_level_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli([sys.executable, "-m", "tui", "serve", "--log-level", "loud"], tmp_path)
    assert result.returncode == cli.EXIT_USAGE
    assert_one_line(result.stderr, "newsprism serve: argument --log-level")


# ---------------------------------------------------------------------------- browser


def seed_headers() -> list[str]:
    """The two pane headers of the first screen, as the reader's PaneHeader words them."""
    from tui.app.widgets.pane_header import header_text
    from tui.ingest.loader import ReadReport, discover, iter_reports
    from tui.resources import seeds_dir

    read = list(iter_reports(discover([seeds_dir()]).files))
    reports = [item.report for item in read if isinstance(item, ReadReport)]
    assert len(reports) == len(read) == 2
    return [header_text(report, number, 2).plain for number, report in enumerate(reports, 1)]


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


@pytest.fixture
def chromium(tmp_path: Path) -> Iterator[int]:
    """Headless Chromium with the DevTools protocol on a port of its choosing: that port.

    Every host name but 127.0.0.1 fails at once (the page must need nothing from the
    internet; CI has no network), and Chromium's own background traffic is off.
    """
    if not CHROMIUM.is_file():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install -y chromium)")
    profile = tmp_path / "chromium-profile"
    log = (tmp_path / "chromium.log").open("wb")
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
    try:
        active_port = profile / "DevToolsActivePort"
        deadline = time.monotonic() + TIMEOUT
        while not (active_port.is_file() and active_port.read_text().strip()):
            if process.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail(
                    "Chromium did not open its DevTools port:\n"
                    + (tmp_path / "chromium.log").read_text(errors="replace")[-3000:]
                )
            time.sleep(POLL)
        yield int(active_port.read_text().split()[0])
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=TIMEOUT)
        log.close()


async def open_and_read(devtools_port: int, url: str, headers: list[str]) -> tuple[dict, bytes]:
    """Open `url`, wait for the first screen (both headers, faded in): it and a PNG."""
    import aiohttp

    async with aiohttp.ClientSession() as session:
        async with session.get(f"http://127.0.0.1:{devtools_port}/json/list") as response:
            targets = await response.json()
        page = next(target for target in targets if target["type"] == "page")
        async with session.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as ws:
            devtools = DevTools(ws)
            await devtools.send("Page.enable")  # without it the script below is not run
            await devtools.send("Page.addScriptToEvaluateOnNewDocument", source=CAPTURE_TERMINAL)
            await devtools.send("Page.navigate", url=url)
            deadline = time.monotonic() + TIMEOUT
            screen: dict | None = None
            while time.monotonic() < deadline:
                screen = await devtools.evaluate(READ_SCREEN)
                if screen and screen["opacity"] == "1" and header_row(screen["rows"], headers):
                    break
                await asyncio.sleep(POLL)
            else:
                rows = "\n".join(screen["rows"]) if screen else "(no terminal yet)"
                pytest.fail(f"timed out waiting for {headers} in the browser; screen:\n{rows}")
            shot = await devtools.send("Page.captureScreenshot", format="png")
            return screen, base64.b64decode(shot["data"])


def header_row(rows: list[str], headers: list[str]) -> str | None:
    """The row holding both headers, the left one first."""
    left, right = headers
    for row in rows:
        if left in row and right in row and row.index(left) < row.index(right):
            return row
    return None


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


def test_the_reader_in_a_browser(chromium: int, start_server: Any, tmp_path: Path) -> None:
    pytest.importorskip("textual_serve", reason="textual-serve is not installed")
    pytest.importorskip("aiohttp", reason="aiohttp (comes with textual-serve) is not installed")
    headers = seed_headers()
    port = free_port()
    server = start_server([*newsprism_argv(), "serve", "--port", str(port)], port)

    screen, png = asyncio.run(open_and_read(chromium, f"http://127.0.0.1:{port}/", headers))
    shot = tmp_path / "serve.png"
    shot.write_bytes(png)

    row = header_row(screen["rows"], headers)
    assert row is not None
    assert row.index(headers[1]) >= len(row) // 2 - 2, (
        f"the right header is not on the right: {row}"
    )

    # The screenshot: a PNG of the page, whose terminal area is drawn.
    width, height, size, rows = png_pixels(png)
    scale = screen["scale"]
    assert (width, height) == (round(screen["page"][0] * scale), round(screen["page"][1] * scale))
    left, top, right, bottom = (round(edge * scale) for edge in screen["box"])
    assert right - left > 100 and bottom - top > 100, screen["box"]
    colours: set[bytes] = set()
    for y, line in enumerate(rows):
        if y < top:
            continue
        if y >= bottom or len(colours) >= MIN_COLOURS:
            break
        colours.update(line[x : x + size] for x in range(left * size, right * size, size))
    assert len(colours) >= MIN_COLOURS, f"{shot}: the terminal area has {len(colours)} colours"

    assert server.stop() == 0, server.output()
    assert "Traceback" not in server.output()
