"""`newsprism serve [PATH...]`: the reader in a web browser, through textual-serve.

textual-serve runs a shell command for every browser session and relays its screen over a
websocket. Here that command is this same Python running the reader (`-m tui`) on the same
inputs and options, quoted with shlex. The server listens on 127.0.0.1 unless `--host`
says otherwise, and then warns that anyone who can reach it can read the reports.

Because a page from any web site can open a websocket to 127.0.0.1, the server answers only
requests whose Host is the address it was opened at (a loopback name, when it listens on
loopback: no DNS rebinding) and whose Origin, when the browser sends one, is that same
address (no other site's page can start a reader and read it).

Under load: at most `--max-readers` sessions at once (a tab opened beyond it gets a page
saying so, HTTP 503); every reader runs in a process group of its own, and when its tab
goes (closed, reloaded, the connection lost) or the server stops, the reader is asked to
quit and then the whole group, the reader's analysis workers included, is ended: no
reader outlives its tab.

Core module: Textual, textual-serve and aiohttp are imported only when the server starts.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ipaddress
import logging
import os
import shlex
import signal
import socket
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tui.cli.common import (
    EXIT_OK,
    EXIT_UNREADABLE,
    Parser,
    add_inputs,
    add_jobs,
    fail,
    inputs_or_seeds,
    positive_whole,
    print_error,
    user_topics,
)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
INSTALL_HINT = "pip install 'newsprism[serve]' (from a checkout: pip install '.[serve]')"
# The page served instead of textual-serve's, which loads its font from Google Fonts:
# this one loads nothing but what the server itself serves.
PAGE_FOLDER = Path(__file__).parent / "serve_page"
# The server's log (every request, at info) goes to stderr from this level up.
LOG_LEVELS = ("debug", "info", "warning", "error")
DEFAULT_LOG_LEVEL = "warning"
# Readers at once: each is a process of its own (about 100 MB, more while it analyses).
DEFAULT_MAX_READERS = 8
# A reader told to quit has this long to end by itself; then its process group is
# ended (SIGTERM, and SIGKILL what is left this long after).
QUIT_WAIT = 3.0
KILL_WAIT = 2.0
CLOSE_WAIT = 2.0
FULL_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>newsprism</title>
<meta name="viewport" content="width=device-width"></head><body style="font-family:
monospace;margin:2em"><p>newsprism: all {limit} readers are in use.</p><p>Close a
newsprism tab (or wait for one to close), then reload this page.</p></body></html>
"""
# Set in an SSH session, where the reader would take them for a slow link and drop to 16
# colours; a browser session's screen goes through this server, not through that link.
_SSH_VARIABLES = ("SSH_CONNECTION", "SSH_TTY")


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port must be 1 to 65535, not {port}")
    return port


def serve_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="newsprism serve",
        description="Run the reader in a web browser (textual-serve): every browser tab "
        "opened at the printed address gets its own reader on these reports.",
    )
    add_inputs(parser)
    add_jobs(parser, scheduler=False)
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help="address to listen on (default %(default)s: this machine only; with any other, "
        "anyone who can reach it can read the reports)",
    )
    parser.add_argument(
        "--port", type=_port, default=DEFAULT_PORT, help="port (default %(default)s)"
    )
    parser.add_argument(
        "--max-readers",
        type=positive_whole,
        default=DEFAULT_MAX_READERS,
        metavar="N",
        help="browser tabs with a reader at once (default %(default)s; each reader is a "
        "process: a tab beyond them gets a page saying so)",
    )
    parser.add_argument(
        "--log-level",
        choices=LOG_LEVELS,
        default=DEFAULT_LOG_LEVEL,
        help="the server's log on stderr from this level up: info shows every request "
        "(default %(default)s: problems only)",
    )
    return parser


def reader_command(
    paths: Sequence[str],
    *,
    recursive: bool = False,
    no_cache: bool = False,
    topics: str | None = None,
    one_story: bool = False,
    jobs: int | None = None,
    python: str = sys.executable,
) -> str:
    """The shell command that runs the reader on these inputs (one per browser session).

    Every argument is quoted; `--` keeps a path starting with `-`, or named `analyze` or
    `serve`, a path.
    """
    argv = [python, "-m", "tui"]
    if recursive:
        argv.append("--recursive")
    if no_cache:
        argv.append("--no-cache")
    if topics is not None:
        argv.append(f"--topics={topics}")
    if one_story:
        argv.append("--one-story")
    if jobs is not None:
        argv.append(f"--jobs={jobs}")
    argv += ["--", *paths]
    return shlex.join(argv)


def is_loopback(host: str) -> bool:
    """`localhost`, `*.localhost` or a loopback address (127.0.0.0/8, ::1)."""
    name = host.strip("[]").rstrip(".").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def url_for(host: str, port: int) -> str:
    """The address to open: `http://127.0.0.1:8000`, `http://[::1]:8000`."""
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}"


def request_allowed(host_header: str | None, origin: str | None, *, loopback_only: bool) -> bool:
    """Whether to answer a request with these Host and Origin headers.

    With `loopback_only` (the server listens on loopback) the Host must be a loopback name:
    a page whose own name was rebound to 127.0.0.1 is refused. An Origin, when present
    (browsers always send one with a websocket), must name the same host and port as the
    Host: another site's page cannot open a session.
    """
    if not host_header:
        return False
    try:
        hostname = urlsplit("//" + host_header).hostname
        origin_netloc = urlsplit(origin).netloc if origin is not None else None
    except ValueError:
        return False
    if not hostname or (loopback_only and not is_loopback(hostname)):
        return False
    return origin_netloc is None or origin_netloc.lower() == host_header.lower()


def _listen_error(host: str, port: int, exc: OSError) -> str:
    reason = (exc.strerror or str(exc)).lower()
    hint = " (another server is using it: choose one with --port)" if "in use" in reason else ""
    return f"cannot listen on {url_for(host, port)}: {reason}{hint}"


def listen_problem(host: str, port: int) -> str | None:
    """Why the server could not listen on host:port (port taken, unknown host, ...), or None.

    Binds and closes a socket on every address the server will bind, as it will.
    """
    try:
        addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        return f"cannot listen on {host}: {reason.lower()}"
    for family, kind, proto, _name, address in dict.fromkeys(addresses):
        try:
            with socket.socket(family, kind, proto) as probe:
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                if family == socket.AF_INET6 and hasattr(socket, "IPV6_V6ONLY"):
                    probe.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
                probe.bind(address)
        except OSError as exc:
            return _listen_error(host, port, exc)
    return None


def _signal_group(process: Any, sig: int) -> bool:
    """Send `sig` to the process group a reader leads (it and its analysis workers);
    False when there is no such group any more."""
    if process is None or not hasattr(os, "killpg"):
        return False
    try:
        os.killpg(process.pid, sig)
    except (ProcessLookupError, PermissionError):
        return False
    return True


async def _end_group(process: Any) -> None:
    """End what is left of a reader's process group: SIGTERM, then (once the reader is
    gone, or after `KILL_WAIT`) SIGKILL for anything else still in it."""
    if not _signal_group(process, signal.SIGTERM):
        return
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(process.wait(), KILL_WAIT)
    _signal_group(process, signal.SIGKILL)


def _close_pipes(process: Any) -> None:
    """Close the ended reader's pipes while the server's loop runs: left to the garbage
    collector, they are closed after the loop has ended, and each says so on stderr
    ("Event loop is closed") when the server stops."""
    transport = getattr(process, "_transport", None)  # asyncio's, for its pipes
    if transport is not None:
        transport.close()


def _reader_service() -> type:
    """textual-serve's `AppService`, with each reader in a process group of its own that
    is ended when the session ends (see the module)."""
    from textual_serve.app_service import AppService

    class ReaderService(AppService):
        async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
            environment = self._build_environment(width=width, height=height)
            self._process = process = await asyncio.create_subprocess_shell(
                self.command,
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
                env=environment,
                start_new_session=True,  # a group of its own: `_end_group`
            )
            assert process.stdin is not None
            self._stdin = process.stdin
            return process

        async def stop(self) -> None:
            """Ask the reader to quit; whatever is left of its group after `QUIT_WAIT`
            is ended (a reader busy analysing, its pool's workers)."""
            process = getattr(self, "_process", None)
            try:
                # Not quitting in time is no error: what is left is ended below.
                with contextlib.suppress(TimeoutError, ConnectionError, RuntimeError):
                    await asyncio.wait_for(super().stop(), QUIT_WAIT)
                await _end_group(process)
                if process is not None:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(process.wait(), KILL_WAIT)
            except asyncio.CancelledError:
                # The server is stopping: at once, before its loop ends.
                _signal_group(process, signal.SIGKILL)
                raise
            finally:
                _close_pipes(process)

    return ReaderService


def make_server(
    command: str,
    host: str,
    port: int,
    reports: int,
    log_level: str = DEFAULT_LOG_LEVEL,
    max_readers: int = DEFAULT_MAX_READERS,
) -> Any:
    """A textual-serve `Server` for `command`, with the request checks above, our own
    page, at most `max_readers` sessions, each reader ended with its session, and its
    log (aiohttp's access log included) on stderr from `log_level` up.

    Raises ImportError when textual-serve (or aiohttp) is not installed.
    """
    from aiohttp import web
    from textual_serve.server import Server, to_int

    loopback_only = is_loopback(host)
    address = url_for(host, port)
    sessions: set[asyncio.Task[Any]] = set()
    service = _reader_service()
    full = FULL_PAGE.format(limit=max_readers)

    class ReaderServer(Server):
        def _check(self, request: web.Request) -> None:
            if not request_allowed(
                request.headers.get("Host"),
                request.headers.get("Origin"),
                loopback_only=loopback_only,
            ):
                raise web.HTTPForbidden(text=f"open newsprism at {address}\n")

        async def handle_index(self, request: web.Request) -> web.StreamResponse:
            self._check(request)
            if len(sessions) >= max_readers:
                return web.Response(status=503, text=full, content_type="text/html")
            # The page's websocket goes back to the address the browser used (localhost,
            # 127.0.0.1, a LAN name), so that its Origin matches. Nothing awaits between
            # this and the page being rendered.
            self.public_url = f"{request.scheme}://{request.host}"
            return await super().handle_index(request)

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            self._check(request)
            if len(sessions) >= max_readers:
                raise web.HTTPServiceUnavailable(text=f"all {max_readers} readers are in use\n")
            task = asyncio.current_task()
            if task is not None:
                sessions.add(task)
            try:
                return await self._session(request)
            finally:
                sessions.discard(task)

        async def _session(self, request: web.Request) -> web.WebSocketResponse:
            """A reader relayed over the websocket until either side goes; then the
            reader is ended (`ReaderService.stop`), whatever ended the session."""
            # A tab that stopped answering delays nothing for long: its close is given
            # CLOSE_WAIT seconds (aiohttp's default is 10) when the server stops.
            websocket = web.WebSocketResponse(heartbeat=15, timeout=CLOSE_WAIT)
            width = to_int(request.query.get("width", "80"), 80)
            height = to_int(request.query.get("height", "24"), 24)
            reader = None
            try:
                await websocket.prepare(request)
                reader = service(
                    self.command,
                    write_bytes=websocket.send_bytes,
                    write_str=websocket.send_str,
                    close=websocket.close,
                    download_manager=self.download_manager,
                    debug=self.debug,
                )
                await reader.start(width, height)
                await self._process_messages(websocket, reader)
            except asyncio.CancelledError:
                await websocket.close()
            except Exception as error:  # a session's failure is logged, not the server's
                logging.getLogger("newsprism.serve").warning("session ended: %s", error)
            finally:
                if reader is not None:
                    await reader.stop()
            return websocket

        async def on_shutdown(self, app: web.Application) -> None:
            # aiohttp would wait up to a minute for open sessions to end by themselves:
            # end them now (textual-serve then tells each reader to quit and waits for it).
            ending = list(sessions)
            for task in ending:
                task.cancel()
            if ending:
                # Each ends its reader (`ReaderService.stop`) while the loop still runs.
                await asyncio.wait(ending, timeout=QUIT_WAIT + 2 * KILL_WAIT)

        async def on_startup(self, app: web.Application) -> None:
            # Instead of textual-serve's banner: one line.
            from tui.wording import count_of

            print(
                f"newsprism: serving {count_of(reports, 'report file')} at {address} "
                "(Ctrl+C to stop)",
                flush=True,
            )

        def initialize_logging(self) -> None:
            # Instead of every request on the terminal (textual-serve logs at info, to
            # stdout): the chosen level, on stderr, one plain line each.
            logging.basicConfig(
                level=log_level.upper(),
                format="%(levelname)s %(name)s: %(message)s",
                stream=sys.stderr,
                force=True,
            )

    return ReaderServer(
        command,
        host=host,
        port=port,
        title="newsprism",
        public_url=address,
        templates_path=PAGE_FOLDER,
    )


def run_serve(argv: Sequence[str]) -> int:
    args = serve_parser().parse_args(argv)
    inputs = inputs_or_seeds(args.paths)
    from tui.ingest.loader import discover

    # Only the files are found here: every browser session reads them itself.
    found = discover(inputs, recursive=args.recursive)
    for error in found.errors:
        print_error(error)
    if not found.files:
        return EXIT_UNREADABLE if found.errors else fail("no reports to serve")
    _topics, bad_topics = user_topics(args.topics, inputs)
    if bad_topics:  # every session would drop them without a word: say so once, now
        return EXIT_UNREADABLE

    command = reader_command(
        inputs,
        recursive=args.recursive,
        no_cache=args.no_cache,
        topics=args.topics,
        one_story=args.one_story,
        jobs=args.jobs,
    )
    try:
        server = make_server(
            command, args.host, args.port, len(found.files), args.log_level, args.max_readers
        )
    except ImportError as exc:
        missing = exc.name or "textual-serve"
        return fail(f"serve needs textual-serve ({missing} is not installed): {INSTALL_HINT}")
    problem = listen_problem(args.host, args.port)
    if problem is not None:
        return fail(problem)
    if not is_loopback(args.host):
        print_error(
            f"warning: listening on {args.host}: anyone who can reach "
            f"{url_for(args.host, args.port)} can read these reports"
        )
    for name in _SSH_VARIABLES:
        os.environ.pop(name, None)
    try:
        server.serve()
    except OSError as exc:  # taken between the check and the bind
        return fail(_listen_error(args.host, args.port, exc))
    return EXIT_UNREADABLE if found.errors else EXIT_OK
