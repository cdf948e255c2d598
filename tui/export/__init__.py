"""Exports for reading elsewhere and for scripts: the fact matrix, the paragraphs a
filter keeps (with their tags) and the entity table, as Markdown, CSV or JSON.

Pure functions from a `Corpus` (and, for paragraphs, a `tui.query.Filter`) to text: no
Textual, no I/O. `newsprism export` and the reader's `x` both use them, and the reader's
`y` / `Y` copy `paragraph_clip` / `facts_clip`. Which paragraphs a filter keeps is
`tui.query`'s answer, the one the reader's panes show.

What an export holds is `select` (and `names` for names given on the command line);
each format is a module of its own: `to_markdown`, `to_csv`, `to_json`.

Every row names its report (id, file path, outlet) and the character offsets of its
text in the report: `report.text[start:end]`, with escape sequences and control
characters taken out (`clean`), is exactly the row's `text`. `visible` is the same span
as the reader shows it: Markdown syntax left out, white space collapsed. Report text is
data: nothing in an export can drive a terminal, and each format is escaped its own way
(CSV quoting, Markdown backslashes and HTML entities, JSON strings).
"""

from __future__ import annotations

from datetime import datetime

from tui.export.names import (
    UnknownName,
    describe_filter,
    resolve_entity,
    resolve_outlet,
    resolve_source,
    resolve_topic,
)
from tui.export.select import (
    EXPORT_FORMATS,
    EXPORT_KINDS,
    ExportFormat,
    ExportKind,
    clean,
    facts_clip,
    paragraph_clip,
)
from tui.export.to_csv import (
    ENTITY_COLUMNS,
    FACT_COLUMNS,
    PARAGRAPH_COLUMNS,
    entities_csv,
    facts_csv,
    paragraphs_csv,
)
from tui.export.to_json import entities_json, facts_json, paragraphs_json
from tui.export.to_markdown import entities_markdown, facts_markdown, paragraphs_markdown
from tui.model.corpus import Corpus
from tui.query import Filter

__all__ = [
    "ENTITY_COLUMNS",
    "EXPORT_FORMATS",
    "EXPORT_KINDS",
    "FACT_COLUMNS",
    "PARAGRAPH_COLUMNS",
    "ExportFormat",
    "ExportKind",
    "UnknownName",
    "clean",
    "describe_filter",
    "export_file_name",
    "export_text",
    "facts_clip",
    "paragraph_clip",
    "resolve_entity",
    "resolve_outlet",
    "resolve_source",
    "resolve_topic",
]

FILE_SUFFIXES: dict[ExportFormat, str] = {"md": ".md", "csv": ".csv", "json": ".json"}


def export_text(
    corpus: Corpus,
    kind: ExportKind,
    fmt: ExportFormat,
    flt: Filter | None = None,
) -> str:
    """The export `kind` ("facts", "paragraphs", "entities") in format `fmt` ("md",
    "csv", "json"); `flt` chooses the paragraphs (all but boilerplate when None)."""
    flt = flt or Filter()
    if kind == "facts":
        by_format = {"csv": facts_csv, "json": facts_json, "md": facts_markdown}
        return by_format[fmt](corpus)
    if kind == "paragraphs":
        filtered = {"csv": paragraphs_csv, "json": paragraphs_json, "md": paragraphs_markdown}
        return filtered[fmt](corpus, flt)
    if kind == "entities":
        by_format = {"csv": entities_csv, "json": entities_json, "md": entities_markdown}
        return by_format[fmt](corpus)
    raise ValueError(f"unknown export: {kind}")


def export_file_name(fmt: ExportFormat, when: datetime, attempt: int = 0) -> str:
    """ "newsprism-export-20241208-143005.md"; "...-2.md" on the second attempt."""
    suffix = f"-{attempt + 1}" if attempt else ""
    return f"newsprism-export-{when:%Y%m%d-%H%M%S}{suffix}{FILE_SUFFIXES[fmt]}"
