"""`newsprism analyze [PATH...]`: the analysis printed as JSON (schema 1) or as a text
summary for reading and grep."""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from tui.cli.common import (
    EXIT_OK,
    EXIT_UNREADABLE,
    Parser,
    add_format,
    add_inputs,
    add_jobs,
    add_threshold,
    analysed,
    json_safe,
    report_errors,
    write_output,
)

if TYPE_CHECKING:
    from tui.model.corpus import Corpus
    from tui.model.document import Paragraph

# Each paragraph's text is cut to this many characters in the text format.
TEXT_WIDTH = 100


def analyze_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="newsprism analyze",
        description="Analyse reports and print the result (JSON schema 1, or a text summary).",
    )
    add_inputs(parser)
    add_jobs(parser)
    add_format(
        parser,
        ("json", "text"),
        "json (default) or text: per report its outlet, title and date, per paragraph "
        "one line of text and one of its shared facts, cited sources and topics, then "
        "per shared fact the words and names it matched on",
    )
    add_threshold(parser)
    return parser


def _paragraph_tags(corpus: Corpus, paragraph: Paragraph, topic_labels: Mapping[str, str]) -> str:
    """ "facts: f1, f6 | cited: Reuters; two residents | topics: Damascus" ("" if none):
    names are separated by semicolons, as a name may hold a comma."""
    from tui.model.ids import id_sort_key
    from tui.textsafe import safe_line

    facts = dict.fromkeys(
        fact for s in paragraph.sentences for fact in corpus.sentence_facts.get(s.id, ())
    )
    cited = dict.fromkeys(safe_line(c.name) for c in corpus.cited.get(paragraph.id, ()))
    topics = [safe_line(topic_labels[t]) for t in corpus.paragraph_topics.get(paragraph.id, ())]
    parts = [
        f"{name}: {separator.join(items)}"
        for name, separator, items in (
            ("facts", ", ", sorted(facts, key=id_sort_key)),
            ("cited", "; ", list(cited)),
            ("topics", "; ", topics),
        )
        if items
    ]
    return " | ".join(parts)


def _fact_lines(corpus: Corpus) -> list[str]:
    """ "  f5  in 2 reports · match 0.63 · matched on: Syrian, plane, departed/fled": each
    shared fact's reports, score and what it matched on (`tui.query.why`), under a
    heading; below it, what it rests on ("basis: one source: Reuters") and each
    discrepancy ("≠ injured: 3 vs 5")."""
    from tui.query.tags import BASIS_LABELS, basis_summary
    from tui.query.why import fact_whys, matched_line
    from tui.textsafe import safe_line
    from tui.wording import count_of

    if not corpus.facts:
        return []
    whys = fact_whys(corpus)
    width = max(len(fact.id) for fact in corpus.facts)
    lines = ["shared facts, with what each matched on"]
    indent = " " * (width + 4)
    for fact in corpus.facts:
        why = whys[fact.id]
        reports = count_of(len(fact.reports), "report")
        line = f"  {fact.id:<{width}}  in {reports} · match {why.score:.2f}"
        if why.matched:
            line += f" · matched on: {matched_line(why.matched)}"
        lines.append(line)
        # What it rests on and where its reports disagree, as the reader's fact view
        # (source names and values come from the reports: made safe).
        if fact.basis is not None:
            basis = safe_line(f"{BASIS_LABELS[fact.basis.kind]}: {basis_summary(fact.basis)}")
            lines.append(f"{indent}basis: {basis}")
        lines.extend(f"{indent}≠ {safe_line(d.detail)}" for d in fact.discrepancies)
    return [*lines, ""]


def analysis_dict(corpus: Corpus) -> dict[str, Any]:
    """What `newsprism analyze --format json` prints (schema 1): `Corpus.to_dict`, each
    fact with the words and names it matched on too (`"matched"`, `tui.query.why`)."""
    from tui.query.why import fact_whys

    data = corpus.to_dict()
    whys = fact_whys(corpus)
    for fact in data["facts"]:
        fact["matched"] = list(whys[fact["id"]].matched)
    return data


def format_text(corpus: Corpus) -> str:
    """A terminal-safe summary for reading and grep: each report (id, outlet, title,
    date; file and counts), then each paragraph on one line (id, kind, its text cut to
    `TEXT_WIDTH` characters) and, under it, a line with the same id giving its shared
    facts, cited sources and topics; then each shared fact on one line (its reports,
    match and what it matched on). Text is made safe before it is cut."""
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
    lines.extend(_fact_lines(corpus))
    lines.append(
        f"{count_of(len(corpus.reports), 'report')} · "
        f"{count_of(len(corpus.facts), 'shared fact')} at ≥{corpus.fact_threshold:.2f} · "
        f"{count_of(len(corpus.topics), 'topic')}"
    )
    return "\n".join(lines) + "\n"


def run_analyze(argv: Sequence[str]) -> int:
    args = analyze_parser().parse_args(argv)
    corpus, bad_topics = analysed(args)
    if args.format == "json":
        output = json_safe(json.dumps(analysis_dict(corpus), ensure_ascii=False, indent=1)) + "\n"
    else:
        output = format_text(corpus)
    status = report_errors(corpus) or (EXIT_UNREADABLE if bad_topics else EXIT_OK)
    if not corpus.reports:
        return status  # nothing was read: no empty document (nor an `-o` file overwritten)
    return write_output(output, args.output) or status
