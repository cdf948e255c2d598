"""A plain-text report's head: URL, outlet, headline, dateline, byline (`tui.ingest.textmeta`)."""

from __future__ import annotations

from pathlib import Path

import pytest

import tui
from tui.ingest.textmeta import (
    is_byline,
    is_dateline,
    parse_date,
    read_head,
    registrable_domain,
    url_date,
)

ECBPLUS = Path(__file__).resolve().parents[3] / "shared" / "data" / "ecbplus" / "text"


def report(text: str, name: str = "page.txt") -> tui.Report:
    return tui.analyze_texts({name: text}).reports[0]


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("May 03, 2013", "2013-05-03"),
        ("PUBLISHED: THURSDAY, MAY 2, 2013, 1:32 PM", "2013-05-02"),
        ("December 15th, 2008, 7:35 am", "2008-12-15"),
        ("26 September 2013, 10:00 (GMT+05: 00)", "2013-09-26"),
        ("Published on Friday, 27 September 2013", "2013-09-27"),
        ("Sat Nov 12 2011, 01:19 hrs", "2011-11-12"),
        ("August 8, 2012-4:43 pm", "2012-08-08"),
        ("POSTED: 05/02/07, 9:00 PM PDT |", "2007-05-02"),
        ("Monday, Sep 10, 2012 | Updated 9:01 AM EDT", "2012-09-10"),
        ("8/2/13 at 1:30 PM", "2013-08-02"),
        ("27 NOVEMBER, 2005", "2005-11-27"),
        ("12:52 p. m. EDT May 2, 2013", "2013-05-02"),
        ("2019-03-15", "2019-03-15"),
        ("Published: 2012.08.08 09:01 AM", "2012-08-08"),
        ("Sunday, November 27-2005 at 16:12", "2005-11-27"),
        ("08.07.2012", "2012-07-08"),  # dotted: day first
        ("12.31.2012 10:00", "2012-12-31"),  # unless the second number is over 12
        ("Jul 13, 2009/02:00 pm", "2009-07-13"),  # a clock time after a slash
    ],
)
def test_datelines_are_read_as_iso_dates(line: str, iso: str) -> None:
    assert is_dateline(line), line
    assert parse_date(line) == iso


@pytest.mark.parametrize(
    "line",
    [
        "The fire broke out on May 3, 2013, and burned for hours.",
        "Elections are planned for December 15, 2013.",
        "Lohan was at the clinic from September 2010 to January 2011.",
        "31/31/2013 was no date",
        "10.1.2013.5",  # a version's number
        "2.10.2013-rc1",
        "Storm Hits Coast",
    ],
)
def test_sentences_naming_a_date_are_no_datelines(line: str) -> None:
    assert not is_dateline(line)


def test_a_day_first_date_when_the_first_number_cannot_be_a_month() -> None:
    assert parse_date("27/09/2013") == "2013-09-27"
    assert parse_date("09/10/2013") == "2013-09-10"
    assert parse_date("no date here") is None


def test_bylines() -> None:
    assert is_byline("By Jane Doe")
    assert is_byline("By JANE DOE and JOHN ROE, Staff Writers")
    assert not is_byline("By the time police arrived, the building had collapsed.")


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("http://articles.latimes.com/2013/may/03/local/x", "Los Angeles Times"),
        ("https://www.theguardian.com/world/2024/jan/01/x", "The Guardian"),
        ("https://news.bbc.co.uk/2/hi/x.stm", "BBC"),
        ("http://www.examplecountynews.com/story/1", "examplecountynews.com"),
        ("http://news.example.co.uk/a", "example.co.uk"),
        ("http://somebody.blogspot.nl/2005/06/x.html", "somebody.blogspot.nl"),
        ("www.example-herald.org/a/b", "example-herald.org"),
    ],
)
def test_the_outlet_of_a_url(url: str, outlet: str) -> None:
    assert report(f"{url}\nStorm hits the coast\nThe storm hit at dawn.\n").outlet == outlet


def test_registrable_domains() -> None:
    assert registrable_domain("www.a.b.example.com") == "example.com"
    assert registrable_domain("x.example.com.au") == "example.com.au"


def test_a_pages_head_is_its_metadata_and_the_url_is_no_text() -> None:
    found = report(
        "https://www.reuters.com/world/flood-2031-04-02/\n"
        "Floods cut off mountain villages\n"
        "April 2, 2031 | Updated 6:10 AM GMT\n"
        "By Ana Lima\n"
        "Floods cut off twelve mountain villages on Tuesday, officials said.\n"
        "Rescue teams reached two of them by helicopter.\n"
    )
    assert found.url == "https://www.reuters.com/world/flood-2031-04-02/"
    assert found.outlet == "Reuters"
    assert found.title == "Floods cut off mountain villages"
    assert found.date == "2031-04-02"
    kinds = [p.kind for p in found.paragraphs]
    assert kinds[:3] == ["boilerplate", "heading", "boilerplate"]  # the dateline too
    assert kinds[3] == "boilerplate"  # the byline
    assert kinds[4:] == ["body", "body"]


def test_an_unknown_domain_is_the_outlet_and_a_first_sentence_is_no_title() -> None:
    found = report(
        "http://www.valleyweekly-example.com/news/2031/fire\n"
        "A barn fire destroyed hay bales near the river on Sunday.\n"
        "No one was hurt.\n"
    )
    assert found.outlet == "valleyweekly-example.com"
    assert found.title is None  # a sentence, with its period: the story has begun
    assert found.date is None


def test_a_short_line_down_the_story_is_no_headline() -> None:
    head = read_head(
        [
            "The council voted on Monday to close the bridge.",
            "Repairs will take a year",
            "Residents objected.",
        ]
    )
    assert head.title is None


def test_a_dateline_anywhere_gives_no_date_but_the_first_one_near_the_top_does() -> None:
    head = read_head(["Quake shakes island", "Posted 3/4/2030", "Story text goes here."] + [
        "More text."
    ] * 8 + ["Updated 3/9/2030"])  # fmt: skip
    assert head.date == "2030-03-04"
    assert head.title == "Quake shakes island"


def test_a_dateline_with_a_place_is_the_date_and_never_the_title() -> None:
    """ "March 14, 2030-UNITED STATES -" (a date and a word or two of its own) gave the
    report its date and was taken for its headline too; the headline is the next
    headline-shaped line, if any."""
    head = read_head(["March 14, 2030-UNITED STATES -", "Quake shakes island", "Text."])
    assert head.date == "2030-03-14"
    assert head.title == "Quake shakes island"
    head = read_head(["http://example.org/a", "March 14, 2030-UNITED STATES -", "A quake hit."])
    assert head.title is None


def test_time_stamps_are_chrome_wherever_they_are_and_never_the_title() -> None:
    """Issue 15: "Posted:" and "Updated" lines stayed body text (and one, with two dates,
    became a report's title). A page's time stamp is chrome, whatever it holds: two dates,
    a time alone; a sentence that names a date is not one."""
    lines = [
        "Posted: Nov 27, 2030 8:20 AM ET Last Updated: Nov 27, 2030 8:10 PM ET",
        "Quake shakes island",
        "A strong quake shook the island on Sunday, officials said.",
        "Updated 5:40 p. m. ET",
        "The quake of March 3, 2029 was weaker.",
        "Published on Friday, 27 September 2030",
        "LAST UPDATED 13:26 14/09/2030",
    ]
    head = read_head(lines)
    assert head.title == "Quake shakes island"
    assert head.date == "2030-11-27"
    assert head.chrome == {0, 3, 5, 6}


@pytest.mark.parametrize(
    "line",
    [
        "Originally published 05/03/2031 at 10:20 AM EDT",
        "Published: 2031.08.08 09:01 AM",
        "POSTED: 1052 GMT (1852 HKT), April 10, 2031",
        "Updated Wednesday, Jan 5 at 5:53 PM",
        "9/10/2031 @ 1:19PM",
        "Friday August 2, 2031 @ 8:13am PDT",
    ],
)
def test_time_stamps_with_a_label_are_datelines(line: str) -> None:
    assert is_dateline(line)


@pytest.mark.parametrize(
    "line",
    [
        "Updated: the council voted 5-2 on the plan.",
        "Published reports said 12 people died in the fire on Monday night in the town.",
    ],
)
def test_news_that_starts_with_a_stamp_word_is_no_dateline(line: str) -> None:
    assert not is_dateline(line)


def test_markdown_keeps_its_own_headline() -> None:
    found = tui.analyze_texts(
        {"a.md": "https://example-news.net/a\n\n# Bridge closes\n\nThe bridge closed today.\n"}
    ).reports[0]
    assert found.title == "Bridge closes"
    assert found.url == "https://example-news.net/a"
    assert found.outlet == "example-news.net"


def test_front_matter_wins_over_the_head() -> None:
    found = report(
        "---\nsource: Valley Weekly\ntitle: Own title\n---\n"
        "https://www.reuters.com/x\n\nOther headline\n\nThe text.\n",
        name="a.md",
    )
    assert (found.outlet, found.title, found.url) == (
        "Valley Weekly",
        "Own title",
        "https://www.reuters.com/x",
    )


def test_real_pages_get_their_url_outlet_title_and_date() -> None:
    """Every ECB+ page that starts with its URL gets it, and an outlet that is not its
    file name; most get a headline and a date (not every page prints one)."""
    if not ECBPLUS.is_dir():
        pytest.skip("the ECB+ development data (../shared) is not here")
    texts = {
        path.name: path.read_text(encoding="utf-8", errors="replace")
        for path in sorted(ECBPLUS.glob("3*/*ecbplus.txt"))
    }
    texts = {name: text for name, text in texts.items() if text.startswith("http")}
    assert len(texts) > 20
    corpus = tui.analyze_texts(texts, one_story=True)
    for found in corpus.reports:
        first = texts[found.name + ".txt"].split("\n", 1)[0].strip()
        assert found.url == first
        assert found.outlet and found.outlet != found.name
        assert found.paragraphs[0].kind == "boilerplate"
    assert sum(bool(r.title) for r in corpus.reports) >= 0.9 * len(texts)
    assert sum(bool(r.date) for r in corpus.reports) >= 0.6 * len(texts)


def test_a_head_line_naming_a_date_among_its_words_gives_no_date() -> None:
    head = read_head(["Pin-up star dies at 85", "She was born on April 22, 1923 in Nashville"])
    assert head.date is None
    head = read_head(["Pirate attack foiled", "TNN Nov 12, 2011, 05.51AM IST MUMBAI:"])
    assert head.date == "2011-11-12"


@pytest.mark.parametrize(
    ("url", "iso"),
    [
        ("http://example-news.com/2031/05/03/dam-breaks-upstream/", "2031-05-03"),
        ("https://www.example.co.uk/world/2031/aug/02/dam-breaks", "2031-08-02"),
        ("http://tv.example.com/news/story/2031-07-21/dam-breaks/", "2031-07-21"),
        ("http://example.com/article/20310308/LOCAL/703089893", "2031-03-08"),
        ("http://example.com/2031/6/1/3078122/dam-breaks", "2031-06-01"),
        ("https://www.example.org/newswire/2031/04/27-1", "2031-04-27"),
        ("http://example.com/stories/2031/38/dam_web_2031_09_14_q.html", "2031-09-14"),
        ("http://example.com/articles/dam-breaks-upstream-12-2031-04-24-204500", "2031-04-24"),
        ("http://example.com/2031/12/dam-breaks.html", None),  # a month says too little
        ("http://example.com/2031/12/24-hours-in-paris", None),  # a month and a slug
        ("http://example.com/2031/11/3-ways-to-save.html", None),
        ("http://example.com/2031/02/30/no-such-day", None),
        ("http://example.com/story?id=2031/05/03/", None),  # not the path
        ("http://example.com/items/120312/dam", None),
    ],
)
def test_the_day_a_url_files_its_page_under(url: str, iso: str | None) -> None:
    assert url_date(url) == iso


def test_a_url_dates_a_report_with_no_dateline_and_a_dateline_wins() -> None:
    undated = report("http://example-news.com/2031/05/03/dam-breaks/\nThe dam broke at dawn.\n")
    assert undated.date == "2031-05-03"
    dated = report(
        "http://example-news.com/2031/05/03/dam-breaks/\nMay 4, 2031\nThe dam broke at dawn.\n"
    )
    assert dated.date == "2031-05-04"


def test_a_labelled_time_stamp_below_a_summary_dates_the_report() -> None:
    lines = [
        "http://example-news.com/news/article-2338439/dam-breaks.html",
        "Dam breaks upstream of two villages",
        "Water reached the first houses within an hour",
        "Two hundred people were taken to the school",
        "The army has sent boats",
        "Officials say the second dam holds",
        "PUBLISHED: 16:05 GMT, 9 June 2031 | UPDATED: 06:55 GMT, 10 June 2031",
        "The dam broke at dawn, officials said.",
    ]
    assert read_head(lines).date == "2031-06-09"
    # An unlabelled date that far down is the story's, not the report's.
    assert read_head([*lines[:6], "9 June 2031", lines[7]]).date is None


def test_a_headline_with_a_period_is_the_title_when_a_dateline_follows() -> None:
    head = read_head(
        [
            "http://example-sports.com/2031/12/23/rovers-clinch/",
            "Rovers clinch playoff berth with 20-13 win in K. C.",
            "Posted on December 23, 2031, 4:42 PM EDT",
            "The Rovers clinched a playoff berth on Sunday.",
        ]
    )
    assert head.title == "Rovers clinch playoff berth with 20-13 win in K. C."
    # Without the dateline under it, a short line ending a sentence is the story's.
    head = read_head(
        [
            "http://example-sports.com/2031/12/23/rovers-clinch/",
            "The Rovers clinched a playoff berth.",
            "They won 20-13 in Kansas City on Sunday.",
        ]
    )
    assert head.title is None


def test_a_dotted_date_with_a_word_or_two_dates_the_report_and_is_no_title() -> None:
    """ "Article posted on 08.07.2031" under the URL: the report's date (day first, as
    dotted dates are written), not its headline, which is the next line."""
    page = report(
        "http://www.example-boxing.com/weblog/news.php?p=32688\n"
        "Article posted on 08.07.2031\n"
        "Champion stops challenger in six with efficient execution\n"
        "The champion once again displayed his dominance on Saturday night.\n"
    )
    assert page.date == "2031-07-08"
    assert page.title == "Champion stops challenger in six with efficient execution"
