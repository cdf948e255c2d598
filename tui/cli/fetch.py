"""`newsprism fetch URL|FEED|OPML... -o DIR`: web pages and feeds saved as reports."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from tui.cli.common import EXIT_OK, EXIT_UNREADABLE, Parser, positive_whole, print_error


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 < value <= 600:
        raise argparse.ArgumentTypeError("must be more than 0 and at most 600")
    return value


def fetch_parser() -> argparse.ArgumentParser:
    from tui.ingest.fetch import DEFAULT_PER_HOST, DEFAULT_TIMEOUT

    parser = Parser(
        prog="newsprism fetch",
        description="Save web pages, every entry of RSS/Atom feeds and every feed of OPML "
        "lists into a folder, one Markdown report per article (with front matter: "
        "source, title, date, url, author) and the page's HTML beside it. Run again on "
        "the same folder, it fetches only what is new. Then: newsprism DIR.",
    )
    parser.add_argument("sources", nargs="+", metavar="URL", help="pages, feeds or OPML lists")
    parser.add_argument("-o", "--output", required=True, metavar="DIR", help="the folder")
    parser.add_argument(
        "--ignore-robots", action="store_true", help="fetch what robots.txt disallows"
    )
    parser.add_argument(
        "--per-host",
        type=positive_whole,
        default=DEFAULT_PER_HOST,
        metavar="N",
        help=f"parallel requests to one host at most (default {DEFAULT_PER_HOST})",
    )
    parser.add_argument(
        "--timeout",
        type=_seconds,
        default=DEFAULT_TIMEOUT,
        metavar="S",
        help=f"seconds to wait for a server (default {DEFAULT_TIMEOUT:g})",
    )
    return parser


def run_fetch(argv: Sequence[str]) -> int:
    args = fetch_parser().parse_args(argv)
    from tui.ingest.fetch import Fetcher, describe, fetch

    folder = Path(args.output)
    if folder.exists() and not folder.is_dir():
        print_error(f"{folder}: not a folder")
        return EXIT_UNREADABLE
    fetcher = Fetcher(timeout=args.timeout, per_host=args.per_host, robots=not args.ignore_robots)
    try:
        result = fetch(args.sources, folder, fetcher)
    except OSError as exc:
        print_error(f"{folder}: {exc.strerror or exc}")
        return EXIT_UNREADABLE
    for url, reason in result.failed:
        print_error(f"{url}: {reason}")
    for line in describe(result, folder):
        print(line)
    return EXIT_UNREADABLE if result.failed else EXIT_OK
