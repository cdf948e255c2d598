"""The pickers' search: names matched against a query, best first (no Textual here).

Every item has one or more spellings (an entity's aliases, the wordings of a cited
source). A spelling that is the query beats one that starts with it, which beats one
that contains it, which beats a close spelling (typo-tolerant, via rapidfuzz).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cache, lru_cache
from typing import TypeVar

T = TypeVar("T")

# Below this rapidfuzz partial ratio (0-100) a typo-tolerant match is no match.
_MIN_FUZZY_SCORE = 80.0
# Shorter queries only match as prefixes or substrings: fuzzy scores mean little there.
_MIN_FUZZY_QUERY = 4


@lru_cache(maxsize=1 << 16)
def _fold(form: str) -> str:
    """Case-folded spelling (the same few thousand names are folded at every keypress)."""
    return form.casefold()


@cache
def _partial_ratio() -> Callable[..., float]:
    from rapidfuzz import fuzz  # imported on first search, not at startup

    return fuzz.partial_ratio


def _form_tier(query: str, form: str) -> float:
    """How well one spelling matches: exact > word start > substring > close spelling."""
    if form == query:
        return 400.0
    if form.startswith(query) or f" {query}" in form or f"-{query}" in form:
        return 300.0
    if query in form:
        return 200.0
    if len(query) >= _MIN_FUZZY_QUERY:
        score = _partial_ratio()(query, form, score_cutoff=_MIN_FUZZY_SCORE)
        if score:
            return 100.0 + score / 100
    return 0.0


def match_items(items: Sequence[T], query: str, forms: Callable[[T], Iterable[str]]) -> list[T]:
    """The items one of whose `forms` matches `query`, best match first; items that match
    equally well (and all items, for an empty query) keep their order in `items`."""
    needle = " ".join(query.casefold().split())
    if not needle:
        return list(items)
    ranked: list[tuple[float, int, T]] = []
    for position, item in enumerate(items):
        tier = max((_form_tier(needle, _fold(form)) for form in forms(item)), default=0.0)
        if tier:
            ranked.append((-tier, position, item))
    ranked.sort(key=lambda entry: entry[:2])
    return [item for _, _, item in ranked]
