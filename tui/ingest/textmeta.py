"""What a plain-text report says about itself before its story starts.

Saved or pasted news pages often begin with the page's chrome as lines of text: the URL
the page came from, the headline, a dateline ("May 03, 2013", "Posted: 05/02/07, 9:00 PM
PDT |", "Monday, Sep 10, 2012 | Updated 9:01 AM EDT"), a byline ("By Jane Doe"). They
say where, when and by whom; they state no fact of the story. `read_head` finds them:

- a URL alone on the first line is the report's `url`, and its domain names the outlet
  (`known_outlet`: a table of news domains shipped as data, else the domain itself);
  the day its path files the page under ("/2013/05/03/") is the report's `date` when no
  dateline gives one (`url_date`);
- a dateline is a short line that is a date, maybe with a time, a weekday and the words
  pages put around them (posted, published, updated, on, at, "|"): the first one near
  the top is the report's `date` (ISO 8601), and every one, anywhere, is chrome;
- a byline ("By Jane Doe", "By JANE DOE and JOHN ROE, Staff Writers") is chrome;
- the headline is the first line near the top that is none of these, short, and does
  not end a sentence with a period: the report's `title`. It stays text of the report
  (a headline states the story).

Only the first `HEAD_LINES` lines are looked at for the URL, the headline and the date:
a line further down is the story's, whatever its shape. Datelines are chrome anywhere.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

# The URL, the headline and the date are looked for in this many first lines.
HEAD_LINES = 6
# A time stamp with its label ("PUBLISHED: 16:05 GMT, 9 June 2013") dates the report this
# far down, below a headline and its summary lines.
_STAMP_LINES = 12
# A headline is at most this long (words, characters).
_HEADLINE_WORDS = 30
_HEADLINE_CHARS = 220
# A dateline or byline is at most this long.
_SHORT_LINE = 120
# A line of the head this short that gives a date and at most this many words of its
# own gives the report's date ("TNN Nov 12, 2011, 05.51AM IST MUMBAI:").
_DATED_LINE = 100
_DATED_WORDS = 3

_URL_LINE = re.compile(r"^\s*(?P<url>(?:https?://|www\.)[^\s<>\"]+)\s*$", re.IGNORECASE)

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<{}>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<{}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{}>(?:19|20)\d\d)"
# "May 03, 2013", "Sep 10 2012", "November 27-2005"; "27 November, 2005", "21 July 2013";
# "2013-05-03", "2012.08.08";
# "05/02/07", "8/2/13", "27/09/2013" (day first only when the first number is over 12);
# "08.07.2012" (dotted: day first, as the countries that write dates so write them, unless
# the second number is over 12). A clock time may follow a slash ("Jul 13, 2009/02:00 pm").
_DATE = re.compile(
    r"\b(?:"
    + _MONTH.format("m1") + r"\s+" + _DAY.format("d1") + r"(?:,?\s+|-)" + _YEAR.format("y1")
    + r"|" + _DAY.format("d2") + r"\s+" + _MONTH.format("m2") + r",?\s+" + _YEAR.format("y2")
    + r"|" + _YEAR.format("y3") + r"(?P<s3>[-.])(?P<n3>[01]?\d)(?P=s3)(?P<d3>[0-3]?\d)"
    + r"|(?P<a4>[0-3]?\d)/(?P<b4>[0-3]?\d)/(?P<y4>(?:19|20)?\d\d)"
    + r"|(?<![\d.])(?P<a5>[0-3]?\d)\.(?P<b5>[0-3]?\d)\.(?P<y5>(?:19|20)\d\d)(?!\.\d|-\w)"
    + r")(?!\w|/(?!\d{1,2}:\d\d))",
    re.IGNORECASE,
)  # fmt: skip
# What every date `_DATE` reads holds: a year, or a slash between numbers.
_MAY_DATE = re.compile(r"(?:19|20)\d\d|\d/\d")
# A page's time stamp opens with one of these ("Posted", "Last updated on").
_STAMP = re.compile(
    r"\W*(?:originally |first )?(?:posted|published|updated|last updated|modified)\b",
    re.IGNORECASE,
)
# A page's time stamp is a label, then a date or a time and at most this many words of
# its own (a clock time without a colon, a zone: "POSTED: 1052 GMT (1852 HKT)").
_STAMP_WORDS = 4
# What a page writes around a date on its dateline: nothing left once these are gone.
_AROUND_DATE = re.compile(
    r"\b(?:posted|published|updated|last|modified|created|date|on|at|in|hrs|hours|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|"
    r"a\.?\s?m\.?|p\.?\s?m\.?|noon|midnight|[a-z]{1,4}t|gmt|utc|bst|cet|ist)(?![\w])"
    r"|\d{1,2}[:.]\d\d(?::\d\d)?(?:\s*[ap]\.?\s?m\.?)?|\d{1,2}\s*[ap]\.?\s?m\.?"
    r"|[+-]\d{1,2}:?\s*\d{1,2}|[\s|,.;:()\[\]/–—@-]+",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^\s*[Bb][Yy]\s+[A-Z][\w.'’-]*(?:\s+[\w.'’,&-]+){0,8}\s*$")


@dataclass(frozen=True, slots=True)
class Head:
    """What a report's first lines say about it, and which of its blocks are chrome."""

    url: str | None = None
    title: str | None = None
    date: str | None = None  # ISO 8601: 2013-05-03
    chrome: frozenset[int] = field(default_factory=frozenset)  # block numbers, from 0
    title_block: int | None = None


def parse_date(text: str) -> str | None:
    """The first whole date in `text` as ISO 8601 ("May 03, 2013" -> "2013-05-03"), or
    None. Numeric dates are read month first ("05/02/07": May 2), as US pages write
    them, unless the first number cannot be a month ("27/09/2013")."""
    for match in _DATE.finditer(text):
        found = _date_of(match)
        if found is not None:
            return found
    return None


def _date_of(match: re.Match[str]) -> str | None:
    if match["m1"] or match["m2"]:
        month = _MONTHS[(match["m1"] or match["m2"]).lower()]
        day, year = int(match["d1"] or match["d2"]), int(match["y1"] or match["y2"])
    elif match["y3"]:
        year, month, day = int(match["y3"]), int(match["n3"]), int(match["d3"])
    elif match["y5"]:
        first, second, year = int(match["a5"]), int(match["b5"]), int(match["y5"])
        day, month = (second, first) if second > 12 else (first, second)
    else:
        first, second, year = int(match["a4"]), int(match["b4"]), int(match["y4"])
        month, day = (second, first) if first > 12 else (first, second)
        if year < 100:
            year += 2000 if year < 70 else 1900
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _besides_date(line: str) -> list[str] | None:
    """The words of a line besides its first date and what pages write around one (a
    weekday, a time and its zone, posted / published / updated); None: no date."""
    if not _MAY_DATE.search(line):
        return None  # every date `_DATE` reads has a year or a slash: a quick test first
    dates = [m for m in _DATE.finditer(line) if _date_of(m) is not None]
    if not dates:
        return None
    # Every date goes ("Posted: Nov 27, 2005 8:20 AM ET Last Updated: Nov 27, 2005").
    rest, end = [], 0
    for match in dates:
        rest.append(line[end : match.start()])
        end = match.end()
    rest.append(line[end:])
    return _AROUND_DATE.sub(" ", " ".join(rest)).split()


def _is_time_stamp(line: str, rest: list[str] | None) -> bool:
    """ "Updated 5:40 p. m. ET", "POSTED: 1052 GMT (1852 HKT), April 10, 2007", "Originally
    published 05/03/2013 at 10:20 AM EDT": a label that opens a short line giving a date
    or a time (a digit) and few words of its own. `rest`: `_besides_date(line)`."""
    if _STAMP.match(line) is None or not any(ch.isdigit() for ch in line):
        return False
    if rest is None:
        rest = _AROUND_DATE.sub(" ", line).split()
    return len(rest) <= _STAMP_WORDS


def is_dateline(line: str) -> bool:
    """Whether a line is a dateline: a date, and around it only what pages write around
    one (a weekday, a time and its zone, posted / published / updated)."""
    if len(line) > _SHORT_LINE:
        return False
    rest = _besides_date(line)
    return rest == [] or _is_time_stamp(line, rest)


def _dated_line(line: str) -> str | None:
    """The date of a short line that is mostly a dateline, with a word or two of its
    own ("TNN Nov 12, 2011, 05.51AM IST MUMBAI:"): not a sentence that names a date
    ("Betty Page, born April 22, 1923, has died")."""
    words = _besides_date(line) if len(line) <= _DATED_LINE else None
    return parse_date(line) if words is not None and len(words) <= _DATED_WORDS else None


# A date in a URL's path, as news sites file their stories: "/2013/05/03/",
# "/2013/aug/02/", "/2009/04/27-1" (not "/2013/12/24-hours-in-paris", a month and a
# slug), "/2013-07-21/", "...-2013-04-24-204500",
# "..._web_2013_09_14_q.html", "/20130308/" (a year, a month, a day, whole parts of it).
_URL_DATE = re.compile(
    r"/" + _YEAR.format("y1") + r"/(?:(?P<n1>[01]?\d)|" + _MONTH.format("m1") + r")/"
    + r"(?P<d1>[0-3]?\d)(?=/|[._-]\d+(?:/|$)|\.\w+$|$)"
    + r"|[/_-]" + _YEAR.format("y2") + r"(?P<s2>[-_])(?P<n2>[01]\d)(?P=s2)(?P<d2>[0-3]\d)"
    + r"(?=[/._-]|$)"
    + r"|/" + _YEAR.format("y3") + r"(?P<n3>[01]\d)(?P<d3>[0-3]\d)(?=/)",
    re.IGNORECASE,
)  # fmt: skip


def url_date(url: str) -> str | None:
    """The day a URL's path files its page under, as ISO 8601 ("http://ktla.com/2013/05/
    03/lohan-..." -> "2013-05-03"), or None: no year, month and day there (a month alone,
    "/2008/12/", says too little), or no such day."""
    path = url.split("?", 1)[0].split("#", 1)[0]
    for match in _URL_DATE.finditer(path):
        year = int(match["y1"] or match["y2"] or match["y3"])
        if match["m1"]:
            month = _MONTHS[match["m1"].lower()]
        else:
            month = int(match["n1"] or match["n2"] or match["n3"])
        day = int(match["d1"] or match["d2"] or match["d3"])
        try:
            return datetime.date(year, month, day).isoformat()
        except ValueError:
            continue
    return None


def is_byline(line: str) -> bool:
    """Whether a line is a byline: "By Jane Doe", "By JANE DOE, Staff Writer"."""
    return len(line) <= _SHORT_LINE and _BYLINE.match(line) is not None


def _headline(line: str, period: bool = False) -> bool:
    """Whether a line has a headline's shape: short, not markup, and (unless `period`)
    not ending a sentence with a period."""
    words = line.split()
    return (
        2 <= len(words) <= _HEADLINE_WORDS
        and len(line) <= _HEADLINE_CHARS
        and (period or not line.rstrip("\"'”’) ").endswith("."))
        and (line[0].isalnum() or line[0] in "\"'“‘")  # not markup: "# ...", "* ..."
        and any(ch.isalpha() for ch in line)
    )


def _stamped(lines: list[str], number: int) -> bool:
    """Whether the next line of the head with text is a dateline: what pages print
    under their headline ("Colts clinch playoff berth with 20-13 win in K. C." /
    "Posted on December 23, 2012, 4:42 PM EDT")."""
    for line in lines[number + 1 : HEAD_LINES]:
        text = " ".join(line.split())
        if text:
            return is_dateline(text) or _dated_line(text) is not None
    return False


def read_head(lines: list[str], headline: bool = True) -> Head:
    """`lines`: the visible text of each of the report's blocks, in order. `headline`:
    whether a headline is looked for (not in Markdown, whose headings say it)."""
    url = title = date = None
    title_block = None
    chrome: set[int] = set()
    for number, line in enumerate(lines):
        head = number < HEAD_LINES
        if not head and len(line) > 2 * _SHORT_LINE:
            continue  # a paragraph of the story: no dateline (and the cheapest test first)
        text = " ".join(line.split())
        if not text:
            continue
        found = _URL_LINE.match(text) if number == 0 else None
        if found:
            url = found["url"]
            chrome.add(number)
        elif is_dateline(text):
            if date is None and (head or (number < _STAMP_LINES and _STAMP.match(text))):
                date = parse_date(text)
            chrome.add(number)
        elif head and is_byline(text):
            chrome.add(number)
        else:
            dated = _dated_line(text) if head else None
            if dated is not None:
                # A dateline with a word or two of its own ("March 14, 2013-UNITED STATES
                # -", "TNN Nov 12, 2011, 05.51AM IST MUMBAI:"): its date, and no headline.
                date = date or dated
                continue
            if (
                headline
                and head
                and title is None
                and (_headline(text) or (_headline(text, period=True) and _stamped(lines, number)))
            ):
                # A short line with a period is a headline too when a dateline follows.
                title, title_block = text, number
            elif head and title is None:
                headline = False  # the story has begun: a later short line is no headline
    if date is None and url is not None:
        date = url_date(url)  # no dateline: the day the site files the page under
    return Head(url, title, date, frozenset(chrome), title_block)


# ---------------------------------------------------------------------- outlets


@cache
def _news_domains() -> dict[str, str]:
    """Domain -> outlet name (data/news_domains.tsv)."""
    table: dict[str, str] = {}
    text = resources.files("tui.ingest").joinpath("data/news_domains.tsv").read_text("utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            domain, _, name = line.partition("\t")
            table[domain.strip().lower()] = name.strip()
    return table


@cache
def outlet_names() -> frozenset[str]:
    """The outlets of the news domains table, in lower case and without a leading "the"
    ("reuters", "new york times"): organisations, whatever the context says."""
    found = set()
    for name in _news_domains().values():
        lower = name.lower()
        found.add(lower[4:] if lower.startswith("the ") else lower)
    return frozenset(found)


# Second-level labels under which a country's registrable domains sit ("bbc.co.uk").
_SECOND_LEVEL = frozenset(
    "co com net org gov ac edu ne or go gob nic mil ltd plc sch".split()
)  # fmt: skip


# Hosts of other people's sites: the publisher is the name under them
# ("someone.blogspot.com", "someone.wordpress.com").
_HOSTING = frozenset("blogspot wordpress tumblr substack typepad livejournal wixsite".split())


def registrable_domain(host: str) -> str:
    """The part of a host name a publisher registers: "articles.latimes.com" ->
    "latimes.com", "news.bbc.co.uk" -> "bbc.co.uk" (a country's second level kept),
    "someone.blogspot.com" -> itself (a blog host's site is its user's)."""
    labels = [label for label in host.lower().strip(".").split(".") if label]
    if labels and labels[0] == "www":
        labels = labels[1:]
    keep = 2
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        keep = 3
    if len(labels) > keep and labels[-keep] in _HOSTING:
        keep += 1
    return ".".join(labels[-keep:])


_HOST = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?(?:[^@/\s]*@)?(?P<host>[^/:?#\s]+)", re.I)


def _host(url: str) -> str | None:
    found = _HOST.match(url.strip())
    if found is None or "." not in found["host"]:
        return None
    host = found["host"].lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def known_outlet(url: str) -> str | None:
    """The outlet of a page's URL in the table of news domains (the host, then its parent
    domains: "articles.latimes.com" -> "Los Angeles Times"), or None."""
    host = _host(url)
    if host is None:
        return None
    table = _news_domains()
    labels = host.split(".")
    for start in range(len(labels) - 1):
        name = table.get(".".join(labels[start:]))
        if name:
            return name
    return None


def registrable_domain_of(url: str) -> str | None:
    """The registrable domain of a page's URL ("ocregister.com"), or None."""
    host = _host(url)
    return registrable_domain(host) if host is not None else None
