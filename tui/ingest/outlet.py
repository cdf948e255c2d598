"""Who published a report, from the way its own chrome names the publisher."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

# A proper name of up to five capitalised words ("Sky News", "The Washington Post").
_WORD = r"[A-Z][\w&'’-]*"
_NAME = rf"(?P<name>{_WORD}(?:[ \t]+(?:of[ \t]+|the[ \t]+)?{_WORD}){{0,4}})"

_SELF_REFERENCES: tuple[re.Pattern[str], ...] = (
    re.compile(rf"\b(?i:via|download|get|install|on) the {_NAME}[ \t]+[Aa]pp\b"),
    re.compile(rf"©[ \t]*(?:\d{{4}}[ \t,]*)?{_NAME}"),
    re.compile(rf"\b[Cc]opyright[ \t]*(?:©[ \t]*)?(?:\d{{4}}[ \t,]*)?{_NAME}"),
    re.compile(rf"\b(?:to|for) (?:the )?{_NAME}[ \t]+(?:newsletter|[Pp]odcast)\b"),
)
_HANDLE = re.compile(r"\bfollow @(?P<handle>[A-Za-z][A-Za-z0-9_]{2,30})\b", re.I)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")

_NOT_NAMES = {"All", "The", "This", "Our", "You", "Your"}


def _handle_to_name(handle: str) -> str:
    return _CAMEL.sub(" ", handle)


def find_outlet(chrome_paragraphs: Iterable[str]) -> str | None:
    """The publisher a report names in its own chrome (app, copyright, newsletter, handle).

    Only publisher chrome is searched: "told Reuters" in the body is a cited source,
    not the outlet.
    """
    names: Counter[str] = Counter()
    handles: list[str] = []
    for text in chrome_paragraphs:
        for pattern in _SELF_REFERENCES:
            for match in pattern.finditer(text):
                name = match.group("name").strip(" .’'")
                if name and name not in _NOT_NAMES:
                    names[name] += 1
        handles.extend(_handle_to_name(m.group("handle")) for m in _HANDLE.finditer(text))
    if names:
        return names.most_common(1)[0][0]
    return handles[0] if handles else None
