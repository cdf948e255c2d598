"""Counts and lists in plain English, for every message the user reads."""

from __future__ import annotations

from collections.abc import Sequence

# Nouns whose plural is not the singular plus "s".
_IRREGULAR = {
    "child": "children",
    "person": "people",
    "is": "are",
    "was": "were",
    "has": "have",
    "this": "these",
}


def plural_of(noun: str) -> str:
    """The plural of `noun` ("report" -> "reports", "entity" -> "entities").

    Only the last word is inflected, so "shared fact" -> "shared facts"."""
    head, _, last = noun.rpartition(" ")
    if last in _IRREGULAR:
        inflected = _IRREGULAR[last]
    elif last.endswith(("s", "x", "ch", "sh")):
        inflected = last + "es"
    elif last.endswith("y") and last[-2:-1] not in ("a", "e", "i", "o", "u", ""):
        inflected = last[:-1] + "ies"
    else:
        inflected = last + "s"
    return f"{head} {inflected}" if head else inflected


def count_of(count: int, noun: str, plural: str | None = None) -> str:
    """`count` and `noun`, the noun in the plural unless the count is one:
    "1 report", "2 reports", "0 reports"."""
    word = noun if count == 1 else (plural or plural_of(noun))
    return f"{count} {word}"


def joined(items: Sequence[str], conjunction: str = "and") -> str:
    """ "a", "a and b", "a, b and c"."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def date_span(first: str | None, last: str | None) -> str:
    """ "2024-12-08", "2024-12-08 to 2024-12-10", or "" when neither is known."""
    if first and last and first != last:
        return f"{first} to {last}"
    return first or last or ""


def folded(name: str) -> str:
    """A name as it is compared with another: case-folded, white space collapsed."""
    return " ".join(name.casefold().split())
