"""`newsprism [PATH|URL...]`: the reader in this terminal (Textual, imported only here and
only when it runs, with low-bandwidth mode's settings in place first).

The one module of the command line that imports `tui.app`: it starts the reader."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import tui.cli.common as common
from tui.version import __version__

if TYPE_CHECKING:
    from tui.ingest.loader import Discovery

# What low-bandwidth mode sets, unless the user set it already. Textual reads these when
# it is imported, so they must be in place before the reader is.
LOW_BANDWIDTH_ENVIRONMENT = {
    "TEXTUAL_ANIMATIONS": "none",
    "TEXTUAL_FPS": "20",
    "TEXTUAL_COLOR_SYSTEM": "standard",
}


def reader_parser() -> argparse.ArgumentParser:
    parser = common.Parser(
        prog="newsprism",
        description="Read news reports side by side. `newsprism analyze --help` for the "
        "non-interactive analysis, `newsprism stories --help` to list the stories, "
        "`newsprism export --help` for exports, `newsprism serve --help` to read in a "
        "web browser.",
    )
    common.add_inputs(parser)
    common.add_jobs(parser, scheduler=False)
    parser.add_argument(
        "--low-bandwidth",
        action="store_true",
        help="no animations, fewer frames, the terminal's own colours (on by itself over SSH)",
    )
    from tui.settings.config import THEMES

    parser.add_argument(
        "--theme",
        choices=THEMES,
        help="colours for this session (default: the one last chosen in the reader; "
        "newsprism-ansi in low-bandwidth mode)",
    )
    web = parser.add_argument_group(
        "web addresses",
        "A PATH that is an http or https address (a page, an RSS/Atom feed, an OPML list) "
        "is fetched first, as `newsprism fetch` does (needs the web extra).",
    )
    web.add_argument(
        "--save",
        metavar="DIR",
        help="the folder the pages are saved in (default: pages in newsprism's data "
        "folder); read them again later with no network: newsprism DIR",
    )
    web.add_argument("--ignore-robots", action="store_true", help="fetch what robots.txt disallows")
    parser.add_argument("--version", action="version", version=f"newsprism {__version__}")
    return parser


@contextmanager
def low_bandwidth_environment(low_bandwidth: bool) -> Iterator[None]:
    """Low-bandwidth mode's settings in the environment while the reader (and Textual
    with it) is imported, and only then: the programs the reader starts (a browser)
    and the rest of the process see the user's own environment."""
    added = [name for name in LOW_BANDWIDTH_ENVIRONMENT if low_bandwidth and name not in os.environ]
    for name in added:
        os.environ[name] = LOW_BANDWIDTH_ENVIRONMENT[name]
    try:
        yield
    finally:
        for name in added:
            os.environ.pop(name, None)


def low_bandwidth_wanted(flag: bool, environ: Mapping[str, str]) -> bool:
    """The flag, or an SSH session (SSH_CONNECTION / SSH_TTY set)."""
    return flag or bool(environ.get("SSH_CONNECTION") or environ.get("SSH_TTY"))


def terminal_missing() -> bool:
    """Whether the reader would have no terminal to draw on and read keys from (a pipe,
    a file, a job without a tty). Under `newsprism serve` the browser is the terminal."""
    if os.environ.get("TEXTUAL_DRIVER"):
        return False
    try:
        return not (sys.stdin.isatty() and sys.stdout.isatty())
    except (AttributeError, ValueError):  # closed or replaced streams
        return True


def _no_report_files(found: Discovery) -> bool:
    """Whether the inputs name no report file at all, each reason said in one line (as
    `analyze` says them): then the reader does not start, to show nothing."""
    if found.files:
        return False
    for error in found.errors:
        common.print_error(error)
    if not found.errors:
        common.print_error("no reports to read")
    return True


def run_reader(argv: Sequence[str]) -> int:
    args = reader_parser().parse_args(argv)
    if terminal_missing():
        # Without a terminal the reader would wait for keys that never come.
        return common.fail(
            "the reader needs a terminal; `newsprism analyze` or `export` write to pipes",
            common.EXIT_USAGE,
        )
    from tui.ingest.fetch import WebSources, is_web_address, web_extra_missing
    from tui.ingest.loader import discover

    addresses = tuple(path for path in args.paths if is_web_address(path))
    paths = [path for path in args.paths if not is_web_address(path)]
    web = None
    if addresses:
        missing = web_extra_missing()
        if missing:
            return common.fail(missing, common.EXIT_USAGE)
        from tui.files import pages_folder

        folder = Path(args.save) if args.save else pages_folder()
        web = WebSources(addresses, folder, robots=not args.ignore_robots)
    elif args.save or args.ignore_robots:
        return common.fail("--save and --ignore-robots are for web addresses", common.EXIT_USAGE)
    inputs = paths if web is not None else common.inputs_or_seeds(paths)
    # Found once: the reader reads what was found here (and then the pages fetched).
    found = discover(inputs, recursive=args.recursive)
    if web is None and _no_report_files(found):
        return common.EXIT_UNREADABLE
    low_bandwidth = low_bandwidth_wanted(args.low_bandwidth, os.environ)
    with low_bandwidth_environment(low_bandwidth):
        from tui.app.app import NewsprismApp, load_user_keymap
    from tui.settings.keymap import KeymapError

    try:
        # `[keys]` in config.toml, checked before the reader starts (which then uses it).
        keymap = load_user_keymap()
    except KeymapError as exc:
        return common.fail(exc, common.EXIT_USAGE)
    topics, bad_topics = common.user_topics(args.topics, inputs)
    app = NewsprismApp(
        inputs,
        recursive=args.recursive,
        user_topics=topics,
        use_cache=not args.no_cache,
        low_bandwidth=low_bandwidth,
        theme=args.theme,
        found=found,
        keymap=keymap,
        one_story=args.one_story,
        jobs=args.jobs,
        web=web,
    )
    app.run()
    if bad_topics:
        common.print_error("user topics were not applied (see above)")
    for error in app.load_errors:
        common.print_error(error)
    if app.load_errors or not app.report_count:
        if not app.load_errors:
            common.print_error("no reports to read")
        return common.EXIT_UNREADABLE
    return common.EXIT_OK
