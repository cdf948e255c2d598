"""Command line: `newsprism [PATH...]` opens the reader (`tui.cli.reader`); `newsprism
analyze` prints JSON/text (`tui.cli.analyze`); `newsprism stories` lists the stories
(`tui.cli.stories`); `newsprism export` writes the shared facts, paragraphs or entities
as Markdown, CSV or JSON (`tui.cli.export`); `newsprism serve` runs the reader in a
browser (`tui.cli.serve`). What they share is `tui.cli.common`.

`main` only picks the command; each is imported when it runs. Exit codes: see
`tui.cli.common`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from tui.cli.common import EXIT_INTERNAL, EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE, fail

__all__ = ["EXIT_INTERNAL", "EXIT_OK", "EXIT_UNREADABLE", "EXIT_USAGE", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command, rest = (argv[0], argv[1:]) if argv else ("", [])
    try:
        if command == "analyze":
            from tui.cli.analyze import run_analyze

            return run_analyze(rest)
        if command == "stories":
            from tui.cli.stories import run_stories

            return run_stories(rest)
        if command == "export":
            from tui.cli.export import run_export

            return run_export(rest)
        if command == "fetch":
            from tui.cli.fetch import run_fetch

            return run_fetch(rest)
        if command == "serve":
            from tui.cli.serve import run_serve

            return run_serve(rest)
        from tui.cli.reader import run_reader

        return run_reader(argv)
    except KeyboardInterrupt:
        return fail("interrupted", 130)
    except Exception as exc:  # a bug in newsprism: one line, the traceback on request
        if os.environ.get("NEWSPRISM_DEBUG"):
            raise
        return fail(
            f"internal error: {type(exc).__name__}: {exc} (a bug in newsprism; "
            "NEWSPRISM_DEBUG=1 shows where, please report it)",
            EXIT_INTERNAL,
        )
