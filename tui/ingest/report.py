"""Build a `Report` from decoded text: paragraphs, kinds, sentences, metadata."""

from __future__ import annotations

from collections.abc import Mapping

from tui.ingest.boilerplate import is_boilerplate
from tui.ingest.frontmatter import parse_front_matter
from tui.ingest.outlet import find_outlet
from tui.ingest.plaintext import split_plain_paragraphs
from tui.ingest.sentences import split_sentences
from tui.ingest.text import Block, runs_text
from tui.ingest.textmeta import known_outlet, read_head, registrable_domain_of
from tui.model.document import Paragraph, Report, Run, Sentence, unknown_outlet
from tui.model.ids import paragraph_id, sentence_id

MARKDOWN_SUFFIXES = (".md", ".markdown")
# Saved web pages: their article, extracted as Markdown (`tui.ingest.html`).
HTML_SUFFIXES = (".html", ".htm")
REPORT_SUFFIXES = (".txt", *MARKDOWN_SUFFIXES, *HTML_SUFFIXES)


def _blocks(text: str, body_start: int, markdown: bool) -> list[Block]:
    if markdown:
        # Imported here: most reports are plain text and never pay for the parser.
        from tui.ingest.markdown import parse_markdown_blocks

        return parse_markdown_blocks(text, body_start)
    return [Block(s, e, "body", (Run(s, e),)) for s, e in split_plain_paragraphs(text, body_start)]


def build_report(
    report_id: str,
    name: str,
    text: str,
    *,
    markdown: bool,
    path: str | None = None,
    metadata: Mapping[str, str] | None = None,
) -> Report:
    """Split decoded text into a report.

    Metadata precedence for each field: front matter, then `metadata` (from a
    `sources.toml` beside the file), then what the text itself says (the outlet's own
    chrome; a Markdown file's first heading as title), then the file stem as source.
    """
    front, body_start = parse_front_matter(text)
    blocks = _blocks(text, body_start, markdown)
    visibles = [runs_text(text, block.runs) for block in blocks]
    # The page's own lines: its URL, headline, datelines and bylines (`textmeta`).
    head = read_head(
        [v if b.kind != "code" else "" for b, v in zip(blocks, visibles, strict=True)],
        headline=not markdown,
    )

    paragraphs: list[Paragraph] = []
    chrome: list[str] = []
    first_heading: str | None = None
    sentence_count = 0
    for number, (block, visible) in enumerate(zip(blocks, visibles, strict=True), start=1):
        kind, runs = block.kind, block.runs
        if number - 1 == head.title_block:
            kind = "heading"
        if kind == "heading" and first_heading is None:
            first_heading = visible.strip() or None
        if kind != "code" and (number - 1 in head.chrome or is_boilerplate(visible)):
            kind = "boilerplate"
            chrome.append(visible)
        if kind == "code":
            spans = [(runs[0].start, runs[-1].end)]
        else:
            spans = split_sentences(text, runs)
        sentences = []
        for s, e in spans:
            sentence_count += 1
            sentences.append(Sentence(sentence_id(report_id, sentence_count), s, e))
        paragraphs.append(
            Paragraph(
                paragraph_id(report_id, number),
                block.start,
                block.end,
                kind,
                tuple(sentences),
                runs,
                block.depth,
            )
        )

    meta = dict(metadata or {})
    meta.update(front)
    title = meta.get("title") or first_heading
    url = meta.get("url") or head.url
    source = (
        meta.get("source")
        or (url and known_outlet(url))
        or find_outlet(chrome)
        or (url and registrable_domain_of(url))
        or unknown_outlet(name)
    )
    return Report(
        id=report_id,
        name=name,
        path=path,
        outlet=source,
        title=title,
        date=meta.get("date") or head.date,
        url=url,
        text=text,
        paragraphs=tuple(paragraphs),
        author=meta.get("author"),
    )
