"""Publisher chrome: read-more links, update notices, promotions, copyright lines.

The rules describe what chrome is, not any one outlet's wording. Reporting uses the
same words ("more details will be released", "sign up for alerts", "via the app"), but
it reports what someone said or does; chrome speaks to the reader about the publisher's
own page and products. So only short paragraphs qualify, and:
- a link label, a rights line or a note naming this page ("this story is being
  updated") is chrome as it stands;
- other notices ("more to follow") and prompts to comment ("Tell us in the comments")
  only when nothing is attributed to anyone;
- a promotion (app, alerts, newsletter, social accounts, "refresh the page") only when,
  besides, it speaks to the reader (an imperative, "you", "our", "us") about the
  publisher's news, not about a bank's, a shop's or a city's service;
- a paragraph of the site's own labels and nothing else (its menus, sections, account,
  legal pages and share buttons: "Home", "News | Sport | Weather", "Privacy Policy").
"""

from __future__ import annotations

import re

# Chrome is short; a long paragraph that happens to say "read more" is still reporting.
_MAX_WORDS = 60


def _any(*patterns: str, flags: re.RegexFlag = re.I) -> re.Pattern[str]:
    """One alternation: a single search per paragraph instead of one per rule."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), flags)


# The start of a sentence: the paragraph's start, or after a sentence's end.
_START = r"(?:^|(?<=[.!?:])\s+)\W*"

# Links to other stories: a label at the very start of the paragraph, or a list heading.
# A headline may follow, and a headline may say "says": no attribution check here.
_LINKS = _any(
    r"^\W*(read|see|view|watch|listen|related|more)( more| also| all| now| here)?\s*[:|>»-]",
    r"^\W*(read|see|view) (more|also|all|the full story)\b",
    r"^\W*(related|recommended|most read|trending)( stories| articles| content)?\W*$",
    r"\b(click|tap) here\b",
)

# Rights lines: a copyright sign, or the word with a sign or a year, opening the paragraph.
_RIGHTS = _any(
    r"^\W*©",
    r"^\W*\(c\)\s*\d{4}\b",
    r"^\W*copyright\s*(©|\(c\)|\d{4}\b)",
)

# Notes about this page itself: it is being updated ("this story": the page names
# itself, so even a correction note saying what someone said is chrome) ...
_THIS_PAGE = _any(
    r"\bthis (\w+ ){0,2}(story|article|page|post) (is|will be|has been|may be) "
    r"(being |constantly |regularly )?(updated|developing|updating)\b",
    r"\b(this is a|breaking:?) (breaking|developing) (news )?story\b",
)
# ... more will be added, all rights are reserved: unless someone is said to say so.
_NOTICES = _any(
    rf"{_START}more( details| information| updates)? (to follow|will follow|soon)\W*($|[.!])",
    r"\bmore (details|information|updates) (will be|are being) (added|published|posted)\b",
    r"\ball rights reserved\b",
)

# Promotions of the publisher's app, alerts, newsletter, channels and social accounts.
_PROMOTIONS = _any(
    r"\b(download|get|install|via|on) (the|our) [\w&' -]{0,40}\bapp\b",
    r"\b(receive|get|sign up for|turn on) [\w' -]{0,30}\b(alerts|notifications)\b",
    r"\b(sign up|subscribe|register) (to|for|now)\b.{0,40}\b(newsletter|channel|podcast)",
    r"\b(follow|like) (us|@\w+)\b.{0,30}\b(on|at)\b",
    r"\bsubscribe to (our|the) [\w ]{0,30}\b(youtube|channel|newsletter|podcast)\b",
    r"\brefresh (the|this|your) (page|browser|screen)\b",
)
# ... spoken to the reader: an imperative opening a sentence, or "you", "our", "us"
# ("US" in capitals is the country).
_TO_THE_READER = re.compile(
    rf"{_START}(?i:(please )?(download|get|install|sign up|subscribe|register|follow|like"
    r"|turn on|refresh|join|never miss|stay)\b)"
    r"|\b(?i:you|your|our)\b|\bus\b"
)
# ... about the publisher's own news.
_OWN_NEWS = re.compile(
    r"\b(news|headlines|latest|stories|story|updates|breaking|our|us|page|browser|screen)\b",
    re.I,
)

# Prompts to comment on this page: the page's comment section, spoken to the reader.
_COMMENTS = _any(
    r"\b(tell|let) us (know )?(what you think )?(in|below|via|through) (the )?comments?\b",
    r"\b(tell|let) us (what you think|know what you think)\W*$",
    r"\b(leave|post|add|share) (a|your) comments?\b",
    r"\b(leave|share|post|add) your (thoughts|views|opinions?|ideas)\b.{0,60}\bcomments?\b",
    r"\b(sound|weigh) off (in|below)\b",
    r"\bjoin the (conversation|discussion)\b",
)

# Reporting attributes what it says; chrome never does.
_ATTRIBUTION = re.compile(r"\b(said|says|say|saying|told|tells|according to)\b", re.I)

# Every rule needs one of these words (or "©"): a paragraph with none of them is not
# searched at all. The searches are slow for what they find; this set test is not.
_TRIGGERS = frozenset(
    """read see view watch listen related more recommended most trending click tap c copyright
    story article page post this breaking details information updates rights app alerts
    notifications newsletter channel podcast follow like subscribe refresh comments comment
    think sound weigh conversation discussion""".split()
)
_WORDS = re.compile(r"\w+")

# A site's own labels: its sections, its navigation, the reader's account, its legal
# pages, sharing. A paragraph made of nothing else ("Home", "Privacy Policy", "News |
# Sport | Weather", "Facebook Twitter Email") is a menu, a footer or a share bar, never
# reporting, which always says something of someone. One or several labels, in any
# order, with separators between them at most.
_LABELS = frozenset(
    tuple(label.split())
    for label in """
    home|news|latest|latest news|top stories|local|local news|national|world|world news|u s|us
    |politics|business|money|markets|economy|sport|sports|opinion|opinions|editorials
    |columnists|letters|entertainment|arts|culture|lifestyle|life|style|fashion|food|travel
    |health|science|tech|technology|education|weather|traffic|crime|obituaries|obits
    |classifieds|real estate|jobs|cars|autos|events|reviews|features|photos|photo
    |galleries|video|videos|podcasts|podcast|live|more|menu|search|close|sections
    |all sections|back to top|back to main menu|skip to content|skip to main content
    |next|previous|prev|advertisement|advertising|advertise|advertise with us|sponsored
    |sponsored content|subscribe|subscribe now|subscriptions|subscriber services|sign in
    |sign up|sign out|log in|login|log out|register|my account|account|newsletter
    |newsletters|e edition|rss|site map|sitemap|help|faq|contact|contact us|about|about us
    |careers|privacy|privacy policy|cookie policy|cookies|terms|terms of use
    |terms of service|terms and conditions|accessibility|share|share this|email|print
    |comments|facebook|twitter|instagram|pinterest|linkedin|youtube|whatsapp|reddit
    |tumblr|flipboard|snapchat|tiktok""".replace("\n", " ").split("|")
    if label.strip()
)
_LONGEST_LABEL = max(map(len, _LABELS))
_FIRST_WORDS = frozenset(label[0] for label in _LABELS)
# Labels a menu line holds at most.
_MAX_LABELS = 12


def _only_labels(text: str) -> bool:
    """Whether the paragraph is made of the site's labels only (`_LABELS`)."""
    # The cheap tests first: this runs for every paragraph read.
    if text.rstrip()[-1:] in ".?!\"”'" or any(ch.isdigit() for ch in text):
        return False  # a sentence, a date or a score: said of something
    words = _WORDS.findall(text.lower())
    if not words or len(words) > 2 * _MAX_LABELS or words[0] not in _FIRST_WORDS:
        return False
    i = labels = 0
    while i < len(words):
        for size in range(min(_LONGEST_LABEL, len(words) - i), 0, -1):
            if tuple(words[i : i + size]) in _LABELS:
                i += size
                labels += 1
                break
        else:
            return False
    return labels <= _MAX_LABELS


def is_boilerplate(visible_text: str) -> bool:
    """Whether a paragraph (its visible text, markup removed) is publisher chrome."""
    if len(visible_text.split()) > _MAX_WORDS:
        return False
    if _only_labels(visible_text):
        return True
    if "©" not in visible_text and _TRIGGERS.isdisjoint(_WORDS.findall(visible_text.lower())):
        return False
    return _is_chrome(visible_text)


def _is_chrome(text: str) -> bool:
    """The rules themselves (`is_boilerplate` first skips what they cannot match)."""
    if _LINKS.search(text) or _RIGHTS.search(text) or _THIS_PAGE.search(text):
        return True
    if _ATTRIBUTION.search(text):
        return False
    if _NOTICES.search(text) or _COMMENTS.search(text):
        return True
    return (
        _PROMOTIONS.search(text) is not None
        and _TO_THE_READER.search(text) is not None
        and _OWN_NEWS.search(text) is not None
    )
