"""`L`: the links of the cursor paragraph, with their URLs; enter opens http(s) ones only."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import OptionList

import tui.ingest.markdown
from tests.app.harness import analysed, assert_clean, notes, run_command
from tui.app.app import NewsprismApp
from tui.app.screens.help import HelpScreen
from tui.app.screens.links import (
    NOT_OPENED,
    Link,
    LinksScreen,
    link_prompt,
    openable,
    paragraph_links,
)
from tui.ingest.report import build_report

LINKS_MD = (
    "See [the ministry statement](https://example.org/statement) and "
    "[write to us](mailto:desk@example.org) or [the *full* text](https://example.org/full).\n\n"
    "A paragraph without links.\n\n"
    "Click [this](javascript:alert(document.cookie)) and "
    "[the \x1bPPWNED\x1b\\ archive](http://example.org/archive).\n"
)


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every URL the app is asked to open (none is really opened)."""
    urls: list[str] = []
    monkeypatch.setattr(NewsprismApp, "open_url", lambda self, url, **kw: urls.append(url))
    return urls


@pytest.fixture
def script_links(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Markdown parser that keeps even `javascript:` links (markdown-it drops them), so
    the reader itself must refuse to open them."""
    parser = MarkdownIt("commonmark")
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    monkeypatch.setattr(tui.ingest.markdown, "_parser", lambda: parser)


def links_app(tmp_path: Path) -> NewsprismApp:
    path = tmp_path / "links.md"
    path.write_text(LINKS_MD, encoding="utf-8")
    return NewsprismApp([str(path)])


def prompts(app: NewsprismApp) -> list[str]:
    option_list = app.screen.query_one(OptionList)
    prompts = []
    for index in range(option_list.option_count):
        prompt = option_list.get_option_at_index(index).prompt
        assert isinstance(prompt, Text)  # never markup
        prompts.append(prompt.plain)
    return prompts


async def open_links(pilot: Pilot) -> LinksScreen:
    await pilot.press("L")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, LinksScreen)
    return screen


# ---------------------------------------------------------------------------
# Pure functions
# ---------------------------------------------------------------------------


def test_paragraph_links_join_the_runs_of_one_link():
    report = build_report("r1", "links", LINKS_MD, markdown=True)
    first = paragraph_links(report, report.paragraphs[0])
    assert first == [
        Link("the ministry statement", "https://example.org/statement"),
        Link("write to us", "mailto:desk@example.org"),
        Link("the full text", "https://example.org/full"),
    ]
    assert paragraph_links(report, report.paragraphs[1]) == []
    assert paragraph_links(None, None) == []


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a?b=c#d", True),
        ("http://example.org", True),
        ("HTTPS://EXAMPLE.ORG/", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html;base64,PHNjcmlwdD4=", False),
        ("file:///etc/passwd", False),
        ("mailto:desk@example.org", False),
        ("ftp://example.org/x", False),
        ("https:", False),
        ("https:///no-host", False),
        ("//example.org/x", False),
        ("/relative/path", False),
        ("https://example.org/\x1b]0;PWNED\x07", False),
        ("https://example.org/a b", False),
        ("https://[::1", False),
        ("", False),
    ],
)
def test_only_http_and_https_urls_are_openable(url, expected):
    assert openable(url) is expected


def test_link_prompt_is_safe_text():
    prompt = link_prompt(Link("a \x1b[31mred\x1b[0m [bold]x[/]", "https://e.org/\x1b]0;PWNED\x07"))
    assert prompt.plain == "a red [bold]x[/]\nhttps://e.org/"
    assert_clean(prompt.plain)


# ---------------------------------------------------------------------------
# The reader
# ---------------------------------------------------------------------------


async def test_enter_opens_an_https_link(tmp_path, opened):
    app = links_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await analysed(pilot)
        assert opened == []  # nothing is opened before a link is chosen
        await open_links(pilot)
        shown = prompts(app)
        assert shown == [
            "the ministry statement\nhttps://example.org/statement",
            "write to us\nmailto:desk@example.org",
            "the full text\nhttps://example.org/full",
        ]
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert opened == ["https://example.org/full"]
        assert app.screen is app.reader


async def test_other_schemes_are_not_opened(tmp_path, opened):
    app = links_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await analysed(pilot)
        await open_links(pilot)
        await pilot.press("down", "enter")  # mailto:
        await pilot.pause()
        assert opened == []
        assert NOT_OPENED in notes(app)
        assert isinstance(app.screen, LinksScreen)  # still there: choose another or esc
        await pilot.press("escape")
        assert app.screen is app.reader
        assert opened == []


async def test_javascript_link_is_never_opened(tmp_path, opened, script_links):
    app = links_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await analysed(pilot)
        await pilot.press("j", "j")  # the third paragraph
        await open_links(pilot)
        shown = prompts(app)
        assert shown[0] == "this\njavascript:alert(document.cookie)"
        assert shown[1] == "the archive\nhttp://example.org/archive"
        for text in shown:
            assert_clean(text)
            assert "PWNED" not in text
        await pilot.press("enter")
        await pilot.pause()
        assert opened == []
        assert NOT_OPENED in notes(app)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert opened == ["http://example.org/archive"]


async def test_no_links_says_so(tmp_path, opened):
    app = links_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await analysed(pilot)
        await pilot.press("j", "L")
        await pilot.pause()
        assert app.screen is app.reader
        assert "No links in this paragraph" in notes(app)
        # Keys that act on a paragraph never open anything by themselves.
        await pilot.press("k", "enter", "f", "n", "j", "G", "g")
        assert opened == []


async def test_links_from_the_palette_and_in_help(tmp_path, opened):
    app = links_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await analysed(pilot)
        await run_command(pilot, "links in paragraph")
        assert isinstance(app.screen, LinksScreen)
        await pilot.press("escape")
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert ("L", "Links in the paragraph") in app.screen.rows
        assert opened == []
