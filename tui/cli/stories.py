"""`newsprism stories [PATH...]`: the stories the reports tell, each with its title,
reports, outlets and dates, as text for reading and grep or as JSON."""

from __future__ import annotations

import argparse
import json
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from tui.cli.common import (
    EXIT_OK,
    EXIT_UNREADABLE,
    Parser,
    add_format,
    add_inputs,
    add_jobs,
    analysed,
    json_safe,
    report_errors,
    write_output,
)

if TYPE_CHECKING:
    from tui.model.corpus import Corpus
    from tui.model.stories import Story

# The text format's lines fit this many columns.
TEXT_COLUMNS = 80
STORIES_SCHEMA = 1


def stories_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="newsprism stories",
        description="List the stories the reports tell: the reports grouped by the "
        "happening they are about, largest story first, each with its title, reports, "
        "outlets and dates. Story ids (s1, s2...) are what `export --story` takes.",
    )
    add_inputs(parser)
    add_jobs(parser)
    add_format(
        parser,
        ("text", "json"),
        "text (default): lines of at most 80 columns, each starting with its story's "
        'id (grep "^s3 "); json: the "stories" of `analyze --format json`, each with its '
        "reports' names",
    )
    return parser


def _width(text: str) -> int:
    """The columns `text` takes in a terminal (wide East Asian characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def fitted(line: str, columns: int = TEXT_COLUMNS) -> str:
    """`line` cut to `columns` columns, with an ellipsis if cut."""
    if _width(line) <= columns:
        return line
    kept, used = [], 1
    for ch in line:
        used += _width(ch)
        if used > columns:
            break
        kept.append(ch)
    return "".join(kept).rstrip() + "…"


def _outlets(story: Story, room: int) -> str:
    """The story's outlets, separated by semicolons (a name may hold a comma), as many
    as fit in `room` columns and "+N more" for the rest."""
    from tui.textsafe import safe_line

    names = [safe_line(outlet) for outlet in story.outlets]
    for shown in range(len(names), 0, -1):
        line = "; ".join(names[:shown])
        if shown < len(names):
            line += f" +{len(names) - shown} more"
        if _width(line) <= room:
            return line
    return f"{len(names)} outlets" if names else ""


def format_text(corpus: Corpus) -> str:
    """Per story, every line starting with its id: its title; its report count, dates
    and outlets; then each report (id, outlet, file name). The last line counts the
    stories and reports. Report text is made safe before it is cut."""
    from tui.textsafe import safe_line
    from tui.wording import count_of, date_span

    width = max((len(story.id) for story in corpus.stories), default=0)
    reports = {report.id: report for report in corpus.reports}
    lines: list[str] = []
    for story in corpus.stories:
        tag = f"{story.id:<{width}}"
        lines.append(fitted(f"{tag}  {safe_line(story.title) or '(no title)'}"))
        summary = f"{tag}    {count_of(story.size, 'report')}"
        span = safe_line(date_span(*story.dates))
        if span:
            summary += f" · {span}"
        outlets = _outlets(story, TEXT_COLUMNS - _width(summary) - 3)
        lines.append(summary + (f" · {outlets}" if outlets else ""))
        for report_id in story.report_ids:
            report = reports[report_id]
            outlet, name = safe_line(report.outlet), safe_line(report.name)
            about = f"{outlet} · {name}" if report.outlet_known else outlet
            lines.append(fitted(f"{tag}    {report_id:<5} {about}"))
        lines.append("")
    lines.append(
        f"{count_of(len(corpus.stories), 'story')} · {count_of(len(corpus.reports), 'report')}"
    )
    return "\n".join(lines) + "\n"


def stories_dict(corpus: Corpus) -> dict[str, Any]:
    """The corpus's stories as `analyze --format json` gives them, each with its
    reports' names (in the order of its `reports`)."""
    names = {report.id: report.name for report in corpus.reports}
    return {
        "schema": STORIES_SCHEMA,
        "stories": [
            {
                **story.to_dict(len(corpus.story_facts(story.id))),
                "report_names": [names[r] for r in story.report_ids],
            }
            for story in corpus.stories
        ],
    }


def run_stories(argv: Sequence[str]) -> int:
    args = stories_parser().parse_args(argv)
    corpus, bad_topics = analysed(args)
    if args.format == "json":
        document = json.dumps(stories_dict(corpus), ensure_ascii=False, indent=1)
        output = json_safe(document) + "\n"
    else:
        output = format_text(corpus)
    status = report_errors(corpus) or (EXIT_UNREADABLE if bad_topics else EXIT_OK)
    if not corpus.reports:
        return status  # nothing was read: no empty document (nor an `-o` file overwritten)
    return write_output(output, args.output) or status
