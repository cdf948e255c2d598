"""`newsprism fetch`: pages, feeds and OPML from a local HTTP server (a thread in the
test, on 127.0.0.1; the tests never use the internet) (issue 16)."""

from __future__ import annotations

from pathlib import Path

import pytest

import tui
from tests.web_site import Site, article, atom, rss
from tui.cli import main
from tui.ingest.fetch import MAX_BYTES, Fetcher, FetchError, fetch

pytest.importorskip("trafilatura")
pytest.importorskip("feedparser")


def test_pages_and_feeds_become_reports_of_one_story(
    site: tuple[Site, str], tmp_path: Path
) -> None:
    served, base = site
    served.add("/a", article("Ferry capsizes off Marrow", "The Ledger", "twelve"))
    served.add("/b", article("Twelve dead as ferry sinks", "Harbor Courier", "twelve"))
    served.add("/c", article("Ferry disaster at Marrow Island", "Island Post", "fourteen"))
    served.add("/rss.xml", rss(base, ["/b"]), Content_Type="application/rss+xml")
    served.add("/atom.xml", atom(base, ["/c"]), Content_Type="application/atom+xml")
    result = fetch([f"{base}/a", f"{base}/rss.xml", f"{base}/atom.xml"], tmp_path, Fetcher())
    assert result.failed == []
    assert len(result.saved) == 3
    assert len(list(tmp_path.glob("*.html"))) == 3  # the pages themselves, beside
    text = sorted(p.read_text() for p in tmp_path.glob("*.md"))
    assert all(t.startswith("---\n") and f'url: "{base}/' in t for t in text)
    corpus = tui.analyze([tmp_path], jobs=1)  # each article once: its .md, not its page
    assert len(corpus.reports) == 3
    assert {r.outlet for r in corpus.reports} == {"The Ledger", "Harbor Courier", "Island Post"}
    assert len(corpus.stories) == 1
    assert corpus.facts


def test_an_opml_list_brings_its_feeds_entries(site: tuple[Site, str], tmp_path: Path) -> None:
    served, base = site
    served.add("/a", article("Ferry capsizes", "The Ledger", "ten"))
    served.add("/rss.xml", rss(base, ["/a"]))
    served.add(
        "/list.opml",
        f'<?xml version="1.0"?><opml version="2.0"><body><outline text="Ledger" '
        f'type="rss" xmlUrl="{base}/rss.xml"/></body></opml>'.encode(),
    )
    result = fetch([f"{base}/list.opml"], tmp_path / "web", Fetcher())
    assert (len(result.saved), result.failed) == (1, [])
    # The same list exported from a feed reader, on this machine.
    local = tmp_path / "feeds.opml"
    local.write_bytes(served.routes["/list.opml"][2])
    result = fetch([str(local)], tmp_path / "local", Fetcher())
    assert (len(result.saved), result.failed) == (1, [])
    (tmp_path / "notes.txt").write_text("not a list")
    result = fetch([str(tmp_path / "notes.txt")], tmp_path / "none", Fetcher())
    assert [reason for _, reason in result.failed] == [
        "refused: only http and https addresses, or a local .opml file"
    ]


def test_a_second_fetch_asks_only_for_what_is_new(site: tuple[Site, str], tmp_path: Path) -> None:
    served, base = site
    served.add("/a", article("Ferry capsizes", "The Ledger", "ten"))
    served.add("/b", article("Ferry sinks", "Courier", "ten"))
    served.add("/rss.xml", rss(base, ["/a"]), ETag='"v1"')
    first = fetch([f"{base}/rss.xml"], tmp_path, Fetcher())
    assert len(first.saved) == 1
    again = fetch([f"{base}/rss.xml"], tmp_path, Fetcher())
    assert (len(again.saved), again.unchanged) == (0, 1)  # 304: the feed did not change
    # ...and its entries are those it had: the reader opened on it again reads them.
    assert again.articles == first.articles and again.skipped == 1
    served.add("/rss.xml", rss(base, ["/a", "/b"]), ETag='"v2"')
    third = fetch([f"{base}/rss.xml"], tmp_path, Fetcher())
    assert (len(third.saved), third.skipped) == (1, 1)
    assert served.asked["/a"] == 1 and served.asked["/b"] == 1


def test_redirects_followed_within_limits_and_only_to_the_web(
    site: tuple[Site, str], tmp_path: Path
) -> None:
    served, base = site
    served.add("/a", article("Ferry capsizes", "The Ledger", "ten"))
    served.add("/moved", b"", 301, Location="/a")
    served.add("/ftp", b"", 302, Location="ftp://127.0.0.1/file")
    served.add("/file", b"", 302, Location="file:///etc/passwd")
    for n in range(8):
        served.add(f"/loop{n}", b"", 302, Location=f"/loop{n + 1}")
    fetcher = Fetcher()
    assert fetcher.get(f"{base}/moved").url == f"{base}/a"
    for path in ("/ftp", "/file"):
        with pytest.raises(FetchError, match="only http and https"):
            fetcher.get(base + path)
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetcher.get(f"{base}/loop0")
    result = fetch(["ftp://127.0.0.1/x", "javascript:alert(1)"], tmp_path, fetcher)
    assert len(result.failed) == 2


def test_failures_are_one_line_each_and_the_rest_arrives(
    site: tuple[Site, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    served, base = site
    served.add("/a", article("Ferry capsizes", "The Ledger", "ten"))
    served.add("/gone", b"gone", 410)
    served.add("/menu", b'<html><body><nav><a href="/">Home</a></nav></body></html>')
    code = main(["fetch", f"{base}/a", f"{base}/missing", f"{base}/gone", f"{base}/menu",
                 "-o", str(tmp_path)])  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 1
    assert sorted(err.strip().splitlines()) == [
        f"newsprism: {base}/gone: HTTP 410",
        f"newsprism: {base}/menu: no article text found",
        f"newsprism: {base}/missing: HTTP 404",
    ]
    assert out.startswith(f"1 new, 3 failed in {tmp_path}")


def test_timeout_size_limit_and_compression(site: tuple[Site, str]) -> None:
    served, base = site
    served.add("/slow", article("Slow", "Ledger", "ten"))
    served.slow.add("/slow")
    served.add("/big", b"x" * (MAX_BYTES + 10))
    served.add("/zipped", article("Zipped", "Ledger", "ten"), Content_Encoding="gzip")
    with pytest.raises(FetchError, match="timed out"):
        Fetcher(timeout=0.5).get(f"{base}/slow")
    with pytest.raises(FetchError, match="too large"):
        Fetcher().get(f"{base}/big")
    assert b"Marrow Island" in Fetcher().get(f"{base}/zipped").body


def test_robots_txt_is_honoured_unless_told_otherwise(
    site: tuple[Site, str], tmp_path: Path
) -> None:
    served, base = site
    served.add("/robots.txt", b"User-agent: *\nDisallow: /private/\n")
    served.add("/private/a", article("Ferry capsizes", "The Ledger", "ten"))
    result = fetch([f"{base}/private/a"], tmp_path, Fetcher())
    assert result.failed == [(f"{base}/private/a", result.failed[0][1])]
    assert "robots.txt" in result.failed[0][1]
    assert served.asked["/private/a"] == 0
    result = fetch([f"{base}/private/a"], tmp_path, Fetcher(robots=False))
    assert len(result.saved) == 1


def test_requests_say_who_asks(site: tuple[Site, str]) -> None:
    served, base = site
    seen: list[str] = []

    class Spy(Fetcher):
        def _send(self, url: str, extra: dict[str, str]):  # type: ignore[no-untyped-def]
            seen.append(url)
            return super()._send(url, extra)

    served.add("/a", article("Ferry capsizes", "The Ledger", "ten"))
    Spy().get(f"{base}/a")
    assert seen == [f"{base}/robots.txt", f"{base}/a"]
