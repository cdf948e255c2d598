"""`newsprism fetch` of N articles from a local test server: wall time and requests per
second, by per-host limit, with one at a time as the same-run baseline.

    python bench/fetch_local.py [--articles 200] [--latency 0.02]

A ThreadingHTTPServer on 127.0.0.1 (a thread of this process) serves an RSS feed of N
article pages, each answered after `--latency` seconds (a server's think time; without
it a local server answers faster than any real one). Each run fetches the feed into a
fresh folder: the feed, robots.txt and the N pages, each page extracted and saved.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def page(n: int) -> bytes:
    return (
        f"<!doctype html><html><head><title>Story {n}</title>"
        '<meta property="og:site_name" content="Local Ledger"></head><body>'
        '<nav><a href="/">Home</a></nav><article>'
        f"<h1>Ferry capsizes off Marrow Island, report {n}</h1>"
        + "".join(
            f"<p>Paragraph {k} of report {n}: rescuers searched the water through the night "
            "and officials said more passengers were still missing on Friday.</p>"
            for k in range(8)
        )
        + "</article><footer>Copyright 2024</footer></body></html>"
    ).encode()


def serve(articles: int, latency: float) -> tuple[ThreadingHTTPServer, str]:
    pages = {f"/story/{n}": page(n) for n in range(articles)}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            time.sleep(latency)
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            if self.path == "/rss.xml":
                items = "".join(
                    f"<item><title>{p}</title><link>{base}{p}</link></item>" for p in pages
                )
                body = f'<rss version="2.0"><channel><title>L</title>{items}</channel></rss>'
                data = body.encode()
            elif self.path in pages:
                data = pages[self.path]
            else:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.02)
    args = parser.parse_args()
    try:
        import feedparser  # noqa: F401
        import trafilatura  # noqa: F401
    except ImportError:
        sys.exit("fetch_local: needs the web extra (pip install -e '.[web]')")
    from tui.ingest.fetch import Fetcher, fetch

    server, base = serve(args.articles, args.latency)
    figures: dict[str, float] = {}
    print(f"{args.articles} articles from a local server, {args.latency * 1000:.0f} ms a reply\n")
    print(f"{'per host':>12}  {'seconds':>8}  {'requests':>8}  {'req/s':>7}  saved")
    try:
        for per_host in (1, 2, 4, 8):
            with tempfile.TemporaryDirectory() as folder:
                started = time.perf_counter()
                result = fetch([f"{base}/rss.xml"], Path(folder), Fetcher(per_host=per_host))
                seconds = time.perf_counter() - started
            rate = result.requests / seconds
            label = f"{per_host}" + (" (baseline)" if per_host == 1 else "")
            print(
                f"{label:>12}  {seconds:8.2f}  {result.requests:8}  {rate:7.1f}  "
                f"{len(result.saved)}" + (f", {len(result.failed)} failed" if result.failed else "")
            )
            figures[f"per_host_{per_host}_s"] = round(seconds, 3)
            figures[f"per_host_{per_host}_rps"] = round(rate, 1)
    finally:
        server.shutdown()
    summary = (
        f"{args.articles} articles: per host 2 {figures['per_host_2_s']:.1f} s "
        f"({figures['per_host_2_rps']:.0f} req/s), one at a time {figures['per_host_1_s']:.1f} s"
    )
    print(
        "FIGURES "
        + json.dumps(
            {
                "benchmark": "fetch_local.py",
                "settings": f"{args.articles} articles, {args.latency}s latency",
                "summary": summary,
                "figures": figures,
            }
        )
    )


if __name__ == "__main__":
    main()
