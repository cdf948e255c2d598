"""What every command shares: exit codes, the one-line error, the input options, and
the analysis of the inputs through the one loader (`tui.pipeline.load`).

Exit codes: 0 every input was read; 1 some input could not be read (one line each on
stderr, the rest still used); 2 usage error; 70 an internal error, a bug (one line;
`NEWSPRISM_DEBUG=1` shows the traceback).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from tui.analysis.topics import UserTopic
    from tui.model.corpus import Corpus
    from tui.model.corrections import Corrections
    from tui.pipeline.cache import AnalysisCache

EXIT_OK = 0
EXIT_UNREADABLE = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70  # EX_SOFTWARE of sysexits.h

# JSON escapes C0 controls itself; these would still reach a terminal raw: DEL, the C1
# controls (U+009B is an 8-bit CSI), line separators and bidi marks and overrides.
_RAW_IN_JSON = re.compile("[\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def print_error(message: object) -> None:
    """One line on stderr, with nothing from a file name or text able to drive the terminal."""
    from tui.textsafe import safe_line

    print("newsprism: " + safe_line(str(message)), file=sys.stderr)


def fail(message: object, code: int = EXIT_UNREADABLE) -> int:
    """Say what went wrong in one line (`print_error`) and return the exit code: the one
    way a command stops on an error (`return fail(...)`)."""
    print_error(message)
    return code


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see --help)\n")


def add_inputs(parser: argparse.ArgumentParser) -> None:
    """The report paths and the options every command reading them takes."""
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="report files or folders (.txt, .md, .markdown, saved web pages .html/.htm); "
        "none = the bundled seeds",
    )
    parser.add_argument("-r", "--recursive", action="store_true", help="search folders recursively")
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="neither read nor write the analysis cache",
    )
    parser.add_argument(
        "--topics",
        metavar="FILE",
        help="your own topics (TOML); default: topics.toml beside the reports, if any",
    )
    parser.add_argument(
        "--one-story",
        action="store_true",
        help="take every report to be about one story (no story grouping, no story corrections)",
    )


def positive_whole(text: str) -> int:
    """A count from the command line (processes, requests): 1 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {text}")
    return value


def add_format(parser: argparse.ArgumentParser, choices: Sequence[str], help: str) -> None:
    """`--format` among `choices` (the first is the default), and `-o FILE`: how and
    where a command writes what it prints."""
    parser.add_argument("--format", choices=tuple(choices), default=choices[0], help=help)
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")


def add_jobs(parser: argparse.ArgumentParser, *, scheduler: bool = True) -> None:
    """Where the per-story analyses run: `--jobs N` local processes and, for the
    commands that print an analysis, `--scheduler ADDRESS` (a Dask cluster)."""
    parser.add_argument(
        "--jobs",
        type=positive_whole,
        metavar="N",
        help="processes for the per-story analyses (shared facts, sources, topics); "
        "default: every core; 1: this process only. Small inputs use one anyway",
    )
    if scheduler:
        parser.add_argument(
            "--scheduler",
            metavar="ADDRESS",
            help="run the per-story analyses on the Dask cluster whose scheduler is at "
            "ADDRESS (tcp://HOST:8786; needs the cluster extra, and newsprism on its workers)",
        )


@contextmanager
def story_executor(args: argparse.Namespace) -> Iterator[tuple[Executor | None, int | None]]:
    """The executor of `--scheduler` (None without it) and the number of processes for
    the per-story analyses (`--jobs`, or the cluster's threads). A scheduler that cannot
    be used is a usage error: one line, exit code 2."""
    address = getattr(args, "scheduler", None)
    if not address:
        yield None, args.jobs
        return
    from tui.pipeline.executors import SchedulerError, scheduler_executor

    try:
        with scheduler_executor(address) as (executor, threads):
            yield executor, threads
    except SchedulerError as exc:
        print_error(exc)
        raise SystemExit(EXIT_USAGE) from None


def _threshold(text: str) -> float:
    """A fact threshold from the command line: from the analysis's link floor (the
    loosest, the most facts) to 1 (the strictest)."""
    from tui.analysis.facts import LINK_FLOOR

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not LINK_FLOOR <= value <= 1:  # also refuses nan
        raise argparse.ArgumentTypeError(f"must be {LINK_FLOOR} to 1, not {text}")
    return value


def add_threshold(parser: argparse.ArgumentParser) -> None:
    from tui.analysis.facts import DEFAULT_THRESHOLD, LINK_FLOOR

    parser.add_argument(
        "--threshold",
        type=_threshold,
        metavar="T",
        help=f"how closely sentences must match to state one shared fact, as the reader's "
        f"+/- set it: {LINK_FLOOR} (loosest, most facts) to 1 (strictest); "
        f"default {DEFAULT_THRESHOLD}",
    )


def inputs_or_seeds(paths: Sequence[str]) -> list[str]:
    """The paths given, or the bundled seeds when none are."""
    if paths:
        return list(paths)
    from tui.resources import seeds_dir

    return [str(seeds_dir())]


def report_errors(corpus: Corpus) -> int:
    """Say the corpus's warnings and errors (one line each): the exit code they mean."""
    # Warnings (a sources.toml entry naming no file...) are said, but change no exit code.
    for warning in corpus.warnings:
        print_error(f"warning: {warning}")
    for error in corpus.errors:
        print_error(error)
    if corpus.errors or not corpus.reports:
        if not corpus.reports and not corpus.errors:
            print_error("no reports to read")
        return EXIT_UNREADABLE
    return EXIT_OK


def saved_corrections() -> Corrections | None:
    """The user's saved corrections (entities, stories); a broken file is reported and
    ignored."""
    from tui.settings.corrections import CorrectionsError, load_corrections

    try:
        return load_corrections()
    except CorrectionsError as exc:
        print_error(exc)
        return None


def user_topics(option: str | None, inputs: Sequence[str]) -> tuple[Sequence[UserTopic], bool]:
    """The user's topics, and whether their file was bad (reported in one line)."""
    path: Path | None = Path(option) if option else None
    if path is None:
        for raw in inputs:
            folder = Path(raw) if Path(raw).is_dir() else Path(raw).parent
            if (folder / "topics.toml").is_file():
                path = folder / "topics.toml"
                break
    if path is None:
        return (), False
    # Only now: the analysis modules are not needed before the reader's first screen.
    from tui.analysis.topics import UserTopicsError, load_user_topics

    try:
        return load_user_topics(path), False
    except UserTopicsError as exc:
        print_error(exc)
        return (), True


def open_cache(disabled: bool) -> AnalysisCache | None:
    """The analysis cache, unless disabled; its problems become warnings (`.warnings`)."""
    if disabled:
        return None
    from tui.pipeline.cache import AnalysisCache

    return AnalysisCache()


def analysed(args: argparse.Namespace) -> tuple[Corpus, bool]:
    """The corpus of the inputs `add_inputs` parsed (cache, corrections and user topics
    applied, at `--threshold` for a command that takes one, the per-story analyses where
    `add_jobs` said), and whether the user topics file was bad (already reported)."""
    from tui.pipeline.load import load_corpus

    inputs = inputs_or_seeds(args.paths)
    with story_executor(args) as (executor, jobs):
        topics, bad_topics = user_topics(args.topics, inputs)
        cache = open_cache(args.no_cache)
        corpus = load_corpus(
            inputs,
            recursive=args.recursive,
            corrections=saved_corrections(),
            user_topics=topics,
            cache=cache,
            jobs=jobs,
            executor=executor,
            one_story=args.one_story,
        )
    if cache is not None:
        for warning in cache.warnings:
            print_error(f"warning: {warning}")
        cache.close()
    threshold = getattr(args, "threshold", None)
    if threshold is not None and threshold != corpus.fact_threshold:
        from tui.pipeline.build import with_fact_threshold

        corpus = with_fact_threshold(corpus, threshold)
    return corpus, bad_topics


def json_safe(document: str) -> str:
    """A JSON document with those characters written as `\\uXXXX`: the same JSON value
    (they can only occur inside strings), but safe to print to a terminal."""
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", document)


def write_output(output: str, path: str | None) -> int:
    """`output` to the file `path`, or to stdout: EXIT_UNREADABLE if it cannot be written."""
    if path:
        try:
            Path(path).write_text(output, encoding="utf-8")
        except OSError as exc:
            return fail(f"cannot write {path}: {exc.strerror or exc}")
    else:
        try:
            sys.stdout.write(output)
            sys.stdout.flush()
        except BrokenPipeError:  # `newsprism analyze | head`
            sys.stdout = None
    return EXIT_OK
