"""A leading `---` block of `key: value` lines (YAML-style front matter)."""

from __future__ import annotations

import re

_BLOCK = re.compile(r"\A---[ \t]*\n(?P<body>.*?)^(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S | re.M)
_LINE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$")

# Keys people use for the same field, mapped to the model's field names.
_KEYS = {
    "title": "title",
    "headline": "title",
    "source": "source",
    "outlet": "source",
    "publisher": "source",
    "site": "source",
    "date": "date",
    "published": "date",
    "url": "url",
    "link": "url",
    "author": "author",
    "byline": "author",
}


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def parse_front_matter(text: str) -> tuple[dict[str, str], int]:
    """Return the known fields of a leading front-matter block and where the body starts.

    A block counts only when it closes and holds at least one `key: value` line, so a
    report that merely starts with a `---` rule is left alone.
    """
    match = _BLOCK.match(text)
    if not match:
        return {}, 0
    fields: dict[str, str] = {}
    seen_key = False
    for line in match.group("body").split("\n"):
        found = _LINE.match(line)
        if not found:
            continue
        seen_key = True
        field = _KEYS.get(found.group("key").lower())
        value = _unquote(found.group("value"))
        if field and value and field not in fields:
            fields[field] = value
    if not seen_key:
        return {}, 0
    return fields, match.end()
