"""Publisher chrome: read-more links, update notices, promotions, copyright lines.

The rules describe kinds of chrome in general terms, not any one outlet's wording.
Long paragraphs are reporting even when a phrase matches, so only short ones qualify.
"""

from __future__ import annotations

import re

# Chrome is short; a long paragraph that happens to say "read more" is still reporting.
_MAX_WORDS = 60

_PATTERNS: tuple[str, ...] = (
    # Links to other stories.
    r"^\W*(read|see|watch|listen|related|more)( more| also| now| here)?\s*[:|>»-]",
    r"^\W*(read|see) (more|also|the full story)\b",
    r"^\W*(related|recommended|most read|trending)( stories| articles| content)?\W*$",
    # The story is still moving.
    r"\b(story|article|report|page) (is|will be) (being )?(updated|developing|updating)\b",
    r"\b(this is a|breaking:?) (breaking|developing) (news )?story\b",
    r"\bmore (details|to follow|updates) (will|to) (be|follow)",
    r"\brefresh (the|this|your) (page|browser|screen)\b",
    # Promotions: apps, alerts, newsletters, social accounts.
    r"\b(download|get|install|via) (the|our) [\w&' -]{0,40}\bapp\b",
    r"\b(receive|get|sign up for|turn on) [\w' -]{0,30}\b(alerts|notifications)\b",
    r"\b(sign up|subscribe|register) (to|for|now)\b.{0,40}\b(newsletter|channel|podcast)",
    r"\bfollow (us|@\w+)\b.{0,30}\b(on|at)\b",
    r"\bsubscribe to (our|the) [\w ]{0,30}\b(youtube|channel|newsletter|podcast)\b",
    r"\b(click|tap) here\b",
    # Rights and credits.
    r"^\W*(©|\(c\)|copyright\b)",
    r"\ball rights reserved\b",
)
# One alternation: a single search per paragraph instead of one per rule.
_CHROME = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.I)
# Every rule needs one of these words (or "©"): a paragraph with none of them is not
# searched at all. The search is slow for what it finds; this set test is not.
_TRIGGERS = frozenset(
    """read see watch listen related more recommended most trending story article report
    page this breaking refresh app alerts notifications newsletter channel podcast follow
    subscribe click tap c copyright rights""".split()
)
_WORDS = re.compile(r"\w+")


def is_boilerplate(visible_text: str) -> bool:
    """Whether a paragraph (its visible text, markup removed) is publisher chrome."""
    if len(visible_text.split()) > _MAX_WORDS:
        return False
    if "©" not in visible_text and _TRIGGERS.isdisjoint(_WORDS.findall(visible_text.lower())):
        return False
    return _CHROME.search(visible_text) is not None
