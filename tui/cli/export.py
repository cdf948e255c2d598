"""`newsprism export`: the shared facts, the paragraphs a filter keeps, or the entity
table, as Markdown, CSV or JSON; of every report, or of one story (`--story`)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui.cli.common import (
    EXIT_OK,
    EXIT_UNREADABLE,
    EXIT_USAGE,
    Parser,
    add_format,
    add_inputs,
    add_jobs,
    add_threshold,
    analysed,
    fail,
    report_errors,
    write_output,
)

if TYPE_CHECKING:
    from tui.model.corpus import Corpus


def export_parser() -> argparse.ArgumentParser:
    from tui.export import EXPORT_FORMATS, EXPORT_KINDS
    from tui.query import FACT_VIEWS

    parser = Parser(
        prog="newsprism export",
        description="Export the shared facts (each report's wording), the paragraphs (with "
        "their sources, topics and entities; filtered) or the entity table, as Markdown, "
        "CSV or JSON. Every row gives its report (id, file, source) and the character "
        "offsets of its text in the report.",
    )
    add_inputs(parser)
    add_jobs(parser)
    parser.add_argument(
        "--what",
        choices=EXPORT_KINDS,
        required=True,
        help="facts: the fact matrix; paragraphs: the paragraphs the filters keep, with "
        "their tags; entities: the entity table",
    )
    parser.add_argument(
        "--story",
        metavar="ID",
        help="export only this story (its reports' paragraphs, its facts and entities); "
        "`newsprism stories` lists the ids",
    )
    add_format(parser, EXPORT_FORMATS, "default: md")
    add_threshold(parser)
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


def unknown_story(corpus: Corpus, story_id: str) -> str:
    """Why `--story story_id` names nothing, and which ids there are."""
    from tui.textsafe import safe_line
    from tui.wording import joined

    ids = [story.id for story in corpus.stories]
    known = joined(ids) if len(ids) <= 4 else f"{ids[0]} to {ids[-1]}"
    return (
        f"--story {safe_line(story_id)!r}: no such story; the stories are {known} "
        "(newsprism stories lists them)"
    )


def run_export(argv: Sequence[str]) -> int:
    args = export_parser().parse_args(argv)
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
        return fail(
            "--entity, --source, --outlet, --topic, --view and --boilerplate "
            "filter --what paragraphs only (see --help)",
            EXIT_USAGE,
        )
    corpus, bad_topics = analysed(args)
    status = report_errors(corpus) or (EXIT_UNREADABLE if bad_topics else EXIT_OK)
    if not corpus.reports:
        return status  # nothing was read: no empty document (nor an `-o` file overwritten)
    if args.story is not None:
        story_id = args.story.strip().lower()  # "S3" is s3
        if story_id not in {story.id for story in corpus.stories}:
            return fail(unknown_story(corpus, args.story), EXIT_USAGE)
        from tui.query.story_corpus import story_corpus

        corpus = story_corpus(corpus, story_id)
    try:
        flt = Filter(
            entities=tuple(dict.fromkeys(resolve_entity(corpus, n) for n in args.entity)),
            match=args.match,
            sources=tuple(dict.fromkeys(resolve_source(corpus, n) for n in args.source)),
            outlets=tuple(dict.fromkeys(resolve_outlet(corpus, n) for n in args.outlet)),
            topics=tuple(dict.fromkeys(resolve_topic(corpus, n) for n in args.topic)),
            fact_view=args.view,
            boilerplate=args.boilerplate,
        )
    except UnknownName as exc:
        return fail(exc, EXIT_USAGE)
    output = export_text(corpus, args.what, args.format, flt)
    return write_output(output, args.output) or status
