"""`newsprism serve`: the reader in a web browser, through textual-serve.

The parts that need no browser: the command run for each browser session (through a real
shell), the Host/Origin checks, and the one-line errors (port taken, bad port,
textual-serve missing); `python -m tui serve` answering HTTP, loading nothing from
elsewhere, logging at the chosen level. The reader drawn in headless Chromium is
tests/e2e/test_browser.py.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import socket
import subprocess
import sys
import textwrap
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.unit.harness import ROOT, child_environment, free_port, newsprism_argv
from tui import cli
from tui.cli import serve
from tui.cli.common import inputs_or_seeds
from tui.cli.reader import reader_parser

# ---------------------------------------------------------------------------- helpers


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
        command: str, host: str, port: int, reports: int, log_level: str, max_readers: int
    ) -> _StubServer:
        assert log_level == serve.DEFAULT_LOG_LEVEL
        assert max_readers == serve.DEFAULT_MAX_READERS
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
