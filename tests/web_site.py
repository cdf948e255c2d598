"""A local web site for the tests of pages, feeds and fetching: an HTTP server on
127.0.0.1 in a thread of the test (the tests never use the internet), with generated
articles, RSS and Atom feeds (issue 16). The `site` fixture (tests/conftest.py) serves
one."""

from __future__ import annotations

import gzip
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def article(title: str, outlet: str, dead: str) -> bytes:
    return (
        f'<!doctype html><html><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="og:site_name" content="{outlet}">'
        '<meta property="article:published_time" content="2024-05-02T08:00:00Z"></head>'
        '<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>'
        f"<article><h1>{title}</h1><p>A ferry capsized off the coast of Marrow Island on "
        f"Thursday, and {dead} people died, the coast guard said on Friday morning.</p>"
        "<p>Rescuers pulled forty passengers from the water, and the search for the "
        "missing went on through the night, officials said.</p></article>"
        "<footer>Copyright 2024. Subscribe now.</footer></body></html>"
    ).encode()


class Site:
    """What the local server serves: path -> (status, headers, body), and what it was
    asked (path -> count)."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, dict[str, str], bytes]] = {}
        self.asked: Counter[str] = Counter()
        self.slow: set[str] = set()

    def add(self, path: str, body: bytes, status: int = 200, **headers: str) -> None:
        self.routes[path] = (status, {k.replace("_", "-"): v for k, v in headers.items()}, body)


@contextmanager
def serving() -> Iterator[tuple[Site, str]]:
    """A `Site` served on 127.0.0.1, and its base address."""
    served = Site()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            served.asked[self.path] += 1
            if self.path in served.slow:
                time.sleep(2)
            status, headers, body = served.routes.get(self.path, (404, {}, b"not found"))
            etag = headers.get("ETag")
            if etag and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.end_headers()
                return
            if "gzip" in headers.get("Content-Encoding", ""):
                body = gzip.compress(body)
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield served, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def rss(base: str, paths: list[str]) -> bytes:
    items = "".join(
        f"<item><title>Story {n}</title><link>{base}{p}</link></item>" for n, p in enumerate(paths)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Ledger</title>'
        f"<link>{base}/</link>{items}</channel></rss>"
    ).encode()


def atom(base: str, paths: list[str]) -> bytes:
    entries = "".join(
        f'<entry><title>Story {n}</title><link href="{base}{p}"/><id>{p}</id>'
        "<updated>2024-05-02T08:00:00Z</updated></entry>"
        for n, p in enumerate(paths)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Courier</title><id>{base}/</id>{entries}</feed>"
    ).encode()
