"""The reader opened on web addresses (`newsprism URL...`): pages and feeds from a local
site (tests/web_site.py: a server on 127.0.0.1, never the internet) are fetched in a
worker with a progress bar, saved, read and analysed into stories (issue 16)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from tests.app.harness import analysed
from tests.web_site import article, rss
from tui.app.app import NewsprismApp
from tui.app.widgets.status_bar import StatusBar
from tui.cli import main
from tui.ingest.fetch import WebSources

pytest.importorskip("trafilatura")
pytest.importorskip("feedparser")


def _two_stories(site: Any) -> list[str]:
    """A page and a feed of two more on one ferry disaster, and a page on a fire."""
    served, base = site
    served.add("/a", article("Ferry capsizes off Marrow", "The Ledger", "twelve"))
    served.add("/b", article("Twelve dead as ferry sinks", "Harbor Courier", "twelve"))
    served.add("/c", article("Ferry disaster at Marrow Island", "Island Post", "fourteen"))
    served.add(
        "/rss.xml",
        rss(base, ["/b", "/c", "/gone"]),
        Content_Type="application/rss+xml",
        ETag='"v1"',  # a second opening is answered 304 Not Modified
    )
    return [f"{base}/a", f"{base}/rss.xml"]


def held(served: Any, path: str) -> threading.Event:
    """The site answers `path` only once the returned event is set (20 s at most)."""
    gate = threading.Event()

    class Held(dict[str, Any]):
        def get(self, key: str, default: Any = None) -> Any:
            if key == path:
                gate.wait(20)
            return super().get(key, default)

    served.routes = Held(served.routes)
    return gate


def _label(app: NewsprismApp) -> str:
    return str(app.reader.query_one("#status-label").render())


async def test_the_reader_fetches_pages_and_feeds_then_shows_their_stories(
    site: Any, tmp_path: Path
) -> None:
    served, base = site
    addresses = _two_stories(site)
    # One article (of four pages: the feed names a dead one) waits until the test has
    # seen the progress bar.
    gate = held(served, "/c")
    web = WebSources(tuple(addresses), tmp_path / "pages")
    app = NewsprismApp([], web=web, use_cache=False)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(500):
            await pilot.pause(0.01)
            if "Fetching 3/4 pages" in _label(app):
                break
        assert "Fetching 3/4 pages" in _label(app)
        assert app.reader.query_one(StatusBar).query_one("#status-progress").display
        gate.set()
        corpus = await analysed(pilot)
        assert {r.outlet for r in corpus.reports} == {"The Ledger", "Harbor Courier", "Island Post"}
        assert len(corpus.stories) == 1 and corpus.facts
        # The feed's dead link is said in one line; the other articles arrived.
        assert [str(e) for e in app.load_errors] == [f"{base}/gone: HTTP 404"]
    saved = sorted(p.suffix for p in (tmp_path / "pages").iterdir() if not p.name.startswith("."))
    assert saved == [".html"] * 3 + [".md"] * 3  # offline from now on: newsprism DIR


async def test_a_second_opening_reads_what_was_saved_and_asks_only_the_feed(
    site: Any, tmp_path: Path
) -> None:
    served, _ = site
    addresses = _two_stories(site)
    web = WebSources(tuple(addresses), tmp_path / "pages")
    for _ in range(2):
        app = NewsprismApp([], web=web, use_cache=False)
        async with app.run_test(size=(100, 30)) as pilot:
            corpus = await analysed(pilot)
            assert len(corpus.reports) == 3
    assert served.asked["/b"] == served.asked["/c"] == 1  # saved once, read twice
    assert served.asked["/rss.xml"] == 2


async def test_nothing_fetched_closes_the_reader_with_each_failure(
    site: Any, tmp_path: Path
) -> None:
    _, base = site
    web = WebSources((f"{base}/missing",), tmp_path / "pages")
    app = NewsprismApp([], web=web, use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(500):
            await pilot.pause(0.01)
            if app.return_code is not None:
                break
    assert app.return_code == 1
    assert [str(e) for e in app.load_errors] == [f"{base}/missing: HTTP 404"]


def test_the_command_line_hands_addresses_and_paths_to_the_reader(
    site: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    started: list[NewsprismApp] = []
    monkeypatch.setattr(NewsprismApp, "run", lambda self: started.append(self))
    local = tmp_path / "local.txt"
    local.write_text("A ferry capsized off Marrow Island on Thursday, officials said.\n")
    _, base = site
    url = f"{base}/a"
    main([url, str(local), "--save", str(tmp_path / "saved"), "--ignore-robots"])
    (app,) = started
    assert app.paths == [str(local)]  # no bundled seeds beside the addresses
    assert app.web is not None and app.web.addresses == (url,)
    assert app.web.folder == tmp_path / "saved" and not app.web.robots


def test_without_addresses_the_web_options_are_a_usage_error(capsys: Any) -> None:
    assert main(["--save", "somewhere"]) == 2
    assert capsys.readouterr().err == (
        "newsprism: --save and --ignore-robots are for web addresses\n"
    )


@pytest.mark.parametrize("cache", [False, True])
async def test_the_reader_opens_on_the_first_articles_while_a_slow_page_is_fetched(
    site: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache: bool
) -> None:
    """It does not wait for the slowest page: the first articles are read and analysed
    into their story, then the late one joins them and the analysis runs again."""
    import tui.app.web

    monkeypatch.setattr(tui.app.web, "OPEN_AFTER", 0.1)
    served, _ = site
    addresses = _two_stories(site)
    gate = held(served, "/c")
    app = NewsprismApp([], web=WebSources(tuple(addresses), tmp_path / "pages"), use_cache=cache)
    async with app.run_test(size=(100, 30)) as pilot:
        first = await analysed(pilot)
        assert {r.outlet for r in first.reports} == {"The Ledger", "Harbor Courier"}
        assert len(first.stories) == 1 and first.facts
        # The reader is open on them; the status line says pages are still coming.
        assert "Fetching" not in _label(app) and "fetching" in _label(app)
        gate.set()
        for _ in range(1000):
            await pilot.pause(0.01)
            corpus = app.reader.corpus
            if corpus is not None and len(corpus.reports) == 3 and not app.analysis_running:
                break
        corpus = await analysed(pilot)
        outlets = [r.outlet for r in corpus.reports]
        # The late one after those the reader opened on (in the order they arrived).
        assert set(outlets[:2]) == {"The Ledger", "Harbor Courier"}
        assert outlets[2] == "Island Post"
        assert [r.outlet for r in app.reader.reports] == outlets  # each shown once
        assert "fetching" not in _label(app)
        assert len(corpus.stories) == 1
        assert [str(e) for e in app.load_errors] == [f"{site[1]}/gone: HTTP 404"]
