"""Command line: `newsprism [PATH...]` opens the reader; `newsprism analyze` prints JSON/text;
`newsprism export` writes the shared facts, paragraphs or entities as Markdown, CSV or JSON.

Exit codes: 0 every input was read; 1 some input could not be read (one line each on
stderr, the rest still used); 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from tui.version import __version__

if TYPE_CHECKING:
    from tui.analysis.entities import Corrections
    from tui.analysis.topics import UserTopic
    from tui.model.corpus import Corpus
    from tui.model.document import Paragraph
    from tui.pipeline.cache import AnalysisCache

EXIT_OK = 0
EXIT_UNREADABLE = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see --help)\n")


def _add_inputs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="report files or folders (.txt, .md, .markdown); none = the bundled seeds",
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


def _add_threshold(parser: argparse.ArgumentParser) -> None:
    from tui.analysis.facts import DEFAULT_THRESHOLD, LINK_FLOOR

    parser.add_argument(
        "--threshold",
        type=_threshold,
        metavar="T",
        help=f"how closely sentences must match to state one shared fact, as the reader's "
        f"+/- set it: {LINK_FLOOR} (loosest, most facts) to 1 (strictest); "
        f"default {DEFAULT_THRESHOLD}",
    )


def _reader_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="newsprism",
        description="Read news reports side by side. `newsprism analyze --help` for the "
        "non-interactive analysis, `newsprism export --help` for exports, "
        "`newsprism serve --help` to read in a web browser.",
    )
    _add_inputs(parser)
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
    parser.add_argument("--version", action="version", version=f"newsprism {__version__}")
    return parser


# What low-bandwidth mode sets, unless the user set it already. Textual reads these when
# it is imported, so they must be in place before the reader is.
LOW_BANDWIDTH_ENVIRONMENT = {
    "TEXTUAL_ANIMATIONS": "none",
    "TEXTUAL_FPS": "20",
    "TEXTUAL_COLOR_SYSTEM": "standard",
}


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


def _analyze_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="newsprism analyze",
        description="Analyse reports and print the result (JSON schema 1, or a text summary).",
    )
    _add_inputs(parser)
    parser.add_argument(
        "--format",
        choices=("json", "text"),
        default="json",
        help="json (default) or text: per report its outlet, title and date, per paragraph "
        "one line of text and one of its shared facts, cited sources and topics",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    _add_threshold(parser)
    return parser


def _inputs(paths: Sequence[str]) -> list[str]:
    if paths:
        return list(paths)
    from tui.resources import seeds_dir

    return [str(seeds_dir())]


def print_error(message: object) -> None:
    """One line on stderr, with nothing from a file name or text able to drive the terminal."""
    from tui.textsafe import safe_text

    print("newsprism: " + " ".join(safe_text(str(message)).split("\n")), file=sys.stderr)


def _report_errors(corpus: Corpus) -> int:
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


# JSON escapes C0 controls itself; these would still reach a terminal raw: DEL, the C1
# controls (U+009B is an 8-bit CSI), line separators and bidi marks and overrides.
_RAW_IN_JSON = re.compile("[\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def json_safe(document: str) -> str:
    """A JSON document with those characters written as `\\uXXXX`: the same JSON value
    (they can only occur inside strings), but safe to print to a terminal."""
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", document)


# Each paragraph's text is cut to this many characters in the text format.
TEXT_WIDTH = 100


def _paragraph_tags(corpus: Corpus, paragraph: Paragraph, topic_labels: Mapping[str, str]) -> str:
    """ "facts: f1, f6 | cited: Reuters; two residents | topics: Damascus" ("" if none):
    names are separated by semicolons, as a name may hold a comma."""
    from tui.textsafe import safe_line

    facts = dict.fromkeys(
        fact for s in paragraph.sentences for fact in corpus.sentence_facts.get(s.id, ())
    )
    cited = dict.fromkeys(safe_line(c.name) for c in corpus.cited.get(paragraph.id, ()))
    topics = [safe_line(topic_labels[t]) for t in corpus.paragraph_topics.get(paragraph.id, ())]
    parts = [
        f"{name}: {separator.join(items)}"
        for name, separator, items in (
            ("facts", ", ", sorted(facts, key=lambda f: (len(f), f))),
            ("cited", "; ", list(cited)),
            ("topics", "; ", topics),
        )
        if items
    ]
    return " | ".join(parts)


def format_text(corpus: Corpus) -> str:
    """A terminal-safe summary for reading and grep: each report (id, outlet, title,
    date; file and counts), then each paragraph on one line (id, kind, its text cut to
    `TEXT_WIDTH` characters) and, under it, a line with the same id giving its shared
    facts, cited sources and topics. Text is made safe before it is cut."""
    from tui.textsafe import safe_line, safe_visible_span
    from tui.wording import count_of

    topic_labels = {topic.id: topic.label for topic in corpus.topics}
    width = max((len(p.id) for r in corpus.reports for p in r.paragraphs), default=0)
    lines: list[str] = []
    for report in corpus.reports:
        meta = " · ".join(safe_line(x) for x in (report.title, report.date) if x)
        lines.append(f"{report.id}  {safe_line(report.outlet)}" + (f" — {meta}" if meta else ""))
        sentences = sum(len(p.sentences) for p in report.paragraphs)
        boiler = sum(p.kind == "boilerplate" for p in report.paragraphs)
        lines.append(
            f"    {safe_line(report.path or report.name)}: "
            f"{count_of(len(report.paragraphs), 'paragraph')}, "
            f"{count_of(sentences, 'sentence')}, {boiler} boilerplate"
        )
        for paragraph in report.paragraphs:
            visible = safe_line(safe_visible_span(report, paragraph))
            if len(visible) > TEXT_WIDTH:
                visible = visible[: TEXT_WIDTH - 1] + "…"
            lines.append(f"  {paragraph.id:<{width}} {paragraph.kind:<11} {visible}")
            tags = _paragraph_tags(corpus, paragraph, topic_labels)
            if tags:
                lines.append(f"  {paragraph.id:<{width}} {'':<11} {tags}")
        lines.append("")
    lines.append(
        f"{count_of(len(corpus.reports), 'report')} · "
        f"{count_of(len(corpus.facts), 'shared fact')} at ≥{corpus.fact_threshold:.2f} · "
        f"{count_of(len(corpus.topics), 'topic')}"
    )
    return "\n".join(lines) + "\n"


def _corrections() -> Corrections | None:
    """The user's saved entity corrections; a broken file is reported and ignored."""
    from tui.settings.corrections import CorrectionsError, load_corrections

    try:
        return load_corrections()
    except CorrectionsError as exc:
        print_error(exc)
        return None


def _user_topics(option: str | None, inputs: Sequence[str]) -> tuple[Sequence[UserTopic], bool]:
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


def _cache(disabled: bool) -> AnalysisCache | None:
    """The analysis cache, unless disabled; its problems become warnings (`.warnings`)."""
    if disabled:
        return None
    from tui.pipeline.cache import AnalysisCache

    return AnalysisCache()


def _analysed(args: argparse.Namespace) -> tuple[Corpus, bool]:
    """The corpus of the inputs `_add_inputs` parsed (cache and user topics applied),
    and whether the user topics file was bad (already reported)."""
    from tui import analyze

    inputs = _inputs(args.paths)
    topics, bad_topics = _user_topics(args.topics, inputs)
    cache = _cache(args.no_cache)
    corpus = analyze(
        inputs,
        recursive=args.recursive,
        corrections=_corrections(),
        user_topics=topics,
        cache=cache,
    )
    if cache is not None:
        for warning in cache.warnings:
            print_error(f"warning: {warning}")
        cache.close()
    if args.threshold is not None and args.threshold != corpus.fact_threshold:
        from tui.pipeline.build import with_fact_threshold

        corpus = with_fact_threshold(corpus, args.threshold)
    return corpus, bad_topics


def _write_output(output: str, path: str | None) -> int:
    """`output` to the file `path`, or to stdout: EXIT_UNREADABLE if it cannot be written."""
    if path:
        try:
            Path(path).write_text(output, encoding="utf-8")
        except OSError as exc:
            print_error(f"cannot write {path}: {exc.strerror or exc}")
            return EXIT_UNREADABLE
    else:
        try:
            sys.stdout.write(output)
            sys.stdout.flush()
        except BrokenPipeError:  # `newsprism analyze | head`
            sys.stdout = None
    return EXIT_OK


def run_analyze(argv: Sequence[str]) -> int:
    args = _analyze_parser().parse_args(argv)
    corpus, bad_topics = _analysed(args)
    if args.format == "json":
        output = json_safe(json.dumps(corpus.to_dict(), ensure_ascii=False, indent=1)) + "\n"
    else:
        output = format_text(corpus)
    status = _report_errors(corpus) or (EXIT_UNREADABLE if bad_topics else EXIT_OK)
    return _write_output(output, args.output) or status


def _export_parser() -> argparse.ArgumentParser:
    from tui.export import EXPORT_FORMATS, EXPORT_KINDS
    from tui.query import FACT_VIEWS

    parser = _Parser(
        prog="newsprism export",
        description="Export the shared facts (each report's wording), the paragraphs (with "
        "their sources, topics and entities; filtered) or the entity table, as Markdown, "
        "CSV or JSON. Every row gives its report (id, file, source) and the character "
        "offsets of its text in the report.",
    )
    _add_inputs(parser)
    parser.add_argument(
        "--what",
        choices=EXPORT_KINDS,
        required=True,
        help="facts: the fact matrix; paragraphs: the paragraphs the filters keep, with "
        "their tags; entities: the entity table",
    )
    parser.add_argument("--format", choices=EXPORT_FORMATS, default="md", help="default: md")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    _add_threshold(parser)
    filters = parser.add_argument_group(
        "paragraph filters (--what paragraphs; all must hold, as in the reader)"
    )
    filters.add_argument(
        "--entity",
        action="append",
        default=[],
        metavar="NAME",
        help="paragraphs naming this entity (any spelling, any case); repeatable",
    )
    filters.add_argument(
        "--match",
        choices=("any", "all"),
        default="any",
        help="with several --entity: naming any (default) or all of them",
    )
    filters.add_argument(
        "--source",
        action="append",
        default=[],
        metavar="NAME",
        help='paragraphs citing this source (Reuters, "two residents"); repeatable: any',
    )
    filters.add_argument(
        "--outlet",
        action="append",
        default=[],
        metavar="NAME",
        help="paragraphs of this outlet's reports; repeatable: any",
    )
    filters.add_argument(
        "--topic",
        action="append",
        default=[],
        metavar="NAME",
        help="paragraphs about this topic; repeatable: any",
    )
    filters.add_argument(
        "--view",
        choices=FACT_VIEWS,
        default="all",
        help="all paragraphs, those stating a shared fact, or those with a sentence no "
        "other report states",
    )
    filters.add_argument("--boilerplate", action="store_true", help="include publisher boilerplate")
    return parser


def run_export(argv: Sequence[str]) -> int:
    args = _export_parser().parse_args(argv)
    from tui.export import (
        UnknownName,
        export_text,
        resolve_entity,
        resolve_outlet,
        resolve_source,
        resolve_topic,
    )
    from tui.query import Filter

    filters = (args.entity, args.source, args.outlet, args.topic, args.view != "all")
    if args.what != "paragraphs" and (any(filters) or args.boilerplate):
        print_error(
            "--entity, --source, --outlet, --topic, --view and --boilerplate "
            "filter --what paragraphs only (see --help)"
        )
        return EXIT_USAGE
    corpus, bad_topics = _analysed(args)
    status = _report_errors(corpus) or (EXIT_UNREADABLE if bad_topics else EXIT_OK)
    try:
        flt = Filter(
            entities=tuple(dict.fromkeys(resolve_entity(corpus, n) for n in args.entity)),
            match=args.match,
            sources=tuple(dict.fromkeys(resolve_source(corpus, n) for n in args.source)),
            outlets=tuple(dict.fromkeys(resolve_outlet(corpus, n) for n in args.outlet)),
            topics=tuple(dict.fromkeys(resolve_topic(corpus, n) for n in args.topic)),
            view=args.view,
            boilerplate=args.boilerplate,
        )
    except UnknownName as exc:
        print_error(exc)
        return EXIT_USAGE
    output = export_text(corpus, args.what, args.format, flt)
    return _write_output(output, args.output) or status


def terminal_missing() -> bool:
    """Whether the reader would have no terminal to draw on and read keys from (a pipe,
    a file, a job without a tty). Under `newsprism serve` the browser is the terminal."""
    if os.environ.get("TEXTUAL_DRIVER"):
        return False
    try:
        return not (sys.stdin.isatty() and sys.stdout.isatty())
    except (AttributeError, ValueError):  # closed or replaced streams
        return True


def _no_report_files(inputs: Sequence[str], recursive: bool) -> bool:
    """Whether the inputs name no report file at all, each reason said in one line (as
    `analyze` says them): then the reader does not start, to show nothing."""
    from tui.ingest.loader import discover

    found = discover(inputs, recursive=recursive)
    if found.files:
        return False
    for error in found.errors:
        print_error(error)
    if not found.errors:
        print_error("no reports to read")
    return True


def run_reader(argv: Sequence[str]) -> int:
    args = _reader_parser().parse_args(argv)
    if terminal_missing():
        # Without a terminal the reader would wait for keys that never come.
        print_error("the reader needs a terminal; `newsprism analyze` or `export` write to pipes")
        return EXIT_USAGE
    inputs = _inputs(args.paths)
    if _no_report_files(inputs, args.recursive):
        return EXIT_UNREADABLE
    low_bandwidth = low_bandwidth_wanted(args.low_bandwidth, os.environ)
    with low_bandwidth_environment(low_bandwidth):
        from tui.app.app import NewsprismApp

    topics, bad_topics = _user_topics(args.topics, inputs)
    app = NewsprismApp(
        inputs,
        recursive=args.recursive,
        user_topics=topics,
        use_cache=not args.no_cache,
        low_bandwidth=low_bandwidth,
        theme=args.theme,
    )
    app.run()
    if bad_topics:
        print_error("user topics were not applied (see above)")
    for error in app.load_errors:
        print_error(error)
    if app.load_errors or not app.report_count:
        if not app.load_errors:
            print_error("no reports to read")
        return EXIT_UNREADABLE
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] == "analyze":
            return run_analyze(argv[1:])
        if argv and argv[0] == "export":
            return run_export(argv[1:])
        if argv and argv[0] == "serve":
            from tui.cli.serve import run_serve

            return run_serve(argv[1:])
        return run_reader(argv)
    except KeyboardInterrupt:
        print_error("interrupted")
        return 130
