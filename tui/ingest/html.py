"""Web pages -> reports: the article of a saved page, as Markdown with front matter.

The article body and the page's metadata (title, site name, date, author, canonical URL)
come from trafilatura, a maintained extractor made for news pages (scripts, styles,
navigation, comments and footers never reach the text). The Markdown it gives becomes
the report's text, the one the reader shows and the offsets point into; its metadata is
written in front of it as front matter, which `build_report` reads like any other. The
page itself stays where it is (the file given), so a newer extractor can read it again.

trafilatura is imported only when a page is read: the reader's start-up never pays for
it, and without the `web` extra a page is refused in one line.
"""

from __future__ import annotations

import re
from typing import Any

from tui.ingest.decode import UnreadableFile, decode_bytes
from tui.ingest.textmeta import known_outlet, registrable_domain_of

_INSTALL_HINT = "reading web pages needs the web extra: pip install 'newsprism[web]'"
# trafilatura's own header: `key: value` lines between two `---` lines.
_HEADER = re.compile(r"\A---\n(?P<body>.*?)\n---\n", re.S)
# A page's article has a line of running text this long at least ("Home | About" is none).
_ARTICLE_LINE_WORDS = 8
# ...or, in a script written without spaces between words (Chinese, Japanese, Thai),
# this many of its characters: about as much text.
_ARTICLE_LINE_CHARACTERS = 24
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _running_text(line: str) -> bool:
    """Whether a line of the extracted page is running text, not a menu or a label."""
    return (
        len(line.split()) >= _ARTICLE_LINE_WORDS
        or len(_UNSPACED.findall(line)) >= _ARTICLE_LINE_CHARACTERS
    )


# What may stand in a front-matter value: no line break, no control character.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def _extractor() -> Any:
    try:
        import trafilatura
    except ImportError as exc:
        raise UnreadableFile(_INSTALL_HINT) from exc
    return trafilatura


def _header_fields(header: str) -> dict[str, str]:
    fields = {}
    for line in header.split("\n"):
        key, sep, value = line.partition(":")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1].replace('\\"', '"')
        if sep and value:
            fields[key.strip().lower()] = value
    return fields


def _host(url: str) -> str:
    return url.split("//", 1)[-1].split("/", 1)[0].lower() if url else ""


def _clean(value: str) -> str:
    return _UNSAFE.sub(" ", value).strip()


# Tags that only lay a page out or format its words: a page nested deeper than the HTML
# parser goes (libxml2 stops at 256 levels, and the text below is lost) is read again
# without them (`_flattened`), its paragraphs then children of the body.
_LAYOUT_TAGS = re.compile(
    rb"</?(?:div|span|section|article|main|aside|font|center|table|tbody|thead|tfoot|tr|td|th"
    rb"|b|i|u|em|strong|small|big|ins|del|mark)\b[^>]*>",
    re.I,
)


def _flattened(data: bytes) -> bytes:
    """The page without its layout and formatting tags (see `_LAYOUT_TAGS`)."""
    return _LAYOUT_TAGS.sub(b" ", data)


def _article(data: bytes) -> str | None:
    """The extractor's Markdown of the page (its metadata header first), None when it
    has no line of running text."""
    extracted = _extractor().extract(
        data,
        output_format="markdown",
        with_metadata=True,
        include_comments=False,
        include_images=False,
        include_links=False,
        include_formatting=True,
        # Not trafilatura's deduplication: it remembers text across pages, and two
        # outlets printing one wire story must both keep it.
        deduplicate=False,
        favor_precision=True,
        # The date the page states, never one guessed from its copyright line.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if not extracted:
        return None
    # The page's text is untrusted like any report's: escapes out, newlines plain.
    text = decode_bytes(extracted.encode("utf-8"))
    header = _HEADER.match(text)
    body = text[header.end() :] if header else text
    if not any(map(_running_text, body.split("\n"))):
        return None  # menus, link lists, a cookie notice: no line of running text
    return text


def page_markdown(data: bytes, url: str | None = None) -> str:
    """The article of an HTML page as Markdown, with its title, outlet (the site's name,
    else the table of news domains, else the registrable domain), date, author and URL
    as front matter (`url`: where the page came from, when it names no canonical URL).
    Raises `UnreadableFile` for a page with no article text (one of
    navigation only, say) or when the extractor is not installed."""
    text = _article(data)
    if text is None:
        # Nothing found: it may be nested too deep for the parser to reach its text.
        text = _article(_flattened(data))
    if text is None:
        raise UnreadableFile("no article text found")
    header = _HEADER.match(text)
    fields = _header_fields(header.group("body")) if header else {}
    body = text[header.end() :] if header else text
    url = fields.get("url", "") or url or ""
    if not url.startswith(("http://", "https://")):
        url = ""
    sitename = fields.get("sitename", "")
    if sitename.lower() in (fields.get("hostname", "").lower(), _host(url)):
        sitename = ""  # the extractor's fallback: the host name, no site's own name
    source = sitename or (url and known_outlet(url)) or (url and registrable_domain_of(url)) or ""
    front = {
        "title": fields.get("title", ""),
        "source": source,
        "date": fields.get("date", ""),
        "author": fields.get("author", ""),
        "url": url,
    }
    # Quoted whole: front matter takes the quotes off, and only those.
    lines = [f'{key}: "{_clean(value)}"' for key, value in front.items() if _clean(value)]
    if not lines:
        return body
    return "---\n" + "\n".join(lines) + "\n---\n" + body.lstrip("\n")
