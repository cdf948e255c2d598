"""Saved web pages: the article and its metadata, never the page's chrome (issue 16)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tui
from tui.cli import main
from tui.ingest.decode import UnreadableFile
from tui.ingest.html import page_markdown
from tui.ingest.loader import discover
from tui.model.document import Paragraph, Report

pytest.importorskip("trafilatura")

ARTICLE = (
    "<p>A strong earthquake struck the island of Varno on Sunday, killing at least ten "
    "people, officials said.</p>"
    "<p>The quake had a magnitude of 5.9, according to the national seismic institute, "
    "and was felt across the region.</p>"
    "<p>Rescue teams reached the worst-hit villages on Monday morning, the Red Crescent "
    "said, and more than fifty people were taken to hospital.</p>"
)


def page(
    body: str = ARTICLE,
    *,
    head: str = "",
    charset: str = "utf-8",
    chrome: bool = True,
) -> str:
    nav = (
        '<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li>'
        '<li><a href="/sport">Sport</a></li></ul></nav>'
        if chrome
        else ""
    )
    return (
        f'<!doctype html><html><head><meta charset="{charset}">'
        f"<title>Quake hits Varno | The Morning Ledger</title>{head}</head><body>{nav}"
        '<script>document.write("SCRIPT TEXT")</script><style>p{color:red}</style>'
        f"<article><h1>Quake hits Varno</h1>{body}</article>"
        "<footer>Copyright 2024 The Morning Ledger. Subscribe now for full access.</footer>"
        "</body></html>"
    )


METADATA = (
    '<meta property="og:site_name" content="The Morning Ledger">'
    '<meta property="article:published_time" content="2024-03-05T10:00:00Z">'
    '<meta name="author" content="Dana Quill">'
    '<link rel="canonical" href="https://ledger.example/world/varno-quake">'
)


def visible(report: Report, paragraph: Paragraph) -> str:
    """What the reader shows of a paragraph (its runs: no Markdown syntax)."""
    return "".join(report.span(run) for run in paragraph.runs)


def write(folder: Path, name: str, html: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(html.encode(encoding))
    return path


def test_a_page_becomes_its_article_with_the_page_metadata(tmp_path: Path) -> None:
    write(tmp_path, "varno.html", page(head=METADATA))
    corpus = tui.analyze([tmp_path], jobs=1)
    (report,) = corpus.reports
    assert report.outlet == "The Morning Ledger"
    assert report.title == "Quake hits Varno"
    assert report.date == "2024-03-05"
    assert report.author == "Dana Quill"
    assert report.url == "https://ledger.example/world/varno-quake"
    body = [visible(report, p) for p in report.paragraphs]
    assert body[0] == "Quake hits Varno"
    assert any(p.startswith("A strong earthquake struck the island of Varno") for p in body)
    assert len(body) == 4
    shown = report.text
    for chrome in ("SCRIPT TEXT", "color:red", "Home", "World news", "Subscribe now"):
        assert chrome not in shown
    data = corpus.to_dict()["reports"][0]
    assert (data["source"], data["author"]) == ("The Morning Ledger", "Dana Quill")


def test_without_a_site_name_the_outlet_is_the_pages_domain(tmp_path: Path) -> None:
    head = '<link rel="canonical" href="https://news.ledger-example.co.uk/world/1">'
    write(tmp_path, "a.htm", page(head=head))
    (report,) = tui.analyze([tmp_path], jobs=1).reports
    assert report.outlet == "ledger-example.co.uk"


def test_a_page_of_navigation_only_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    menu = (
        '<html><body><nav><a href="/">Home</a> | <a href="/a">About us</a> | '
        '<a href="/c">Contact</a></nav><footer>© 2024</footer></body></html>'
    )
    write(tmp_path, "menu.html", menu)
    write(tmp_path, "varno.html", page())
    code = main(["analyze", "--format", "text", "--no-cache", str(tmp_path)])
    out, err = capsys.readouterr()
    assert code == 1  # a file that failed, the other still analysed
    assert err.strip() == f"newsprism: {tmp_path / 'menu.html'}: no article text found"
    assert "1 report" in out and "Home" not in out
    with pytest.raises(UnreadableFile, match="no article text found"):
        page_markdown(menu.encode())


def test_pages_are_found_in_folders_beside_text_files(tmp_path: Path) -> None:
    write(tmp_path, "one.html", page())
    write(tmp_path, "two.HTM", page())
    (tmp_path / "three.txt").write_text("A third report, in plain text, about the quake.\n")
    assert [p.name for p in discover([tmp_path]).files] == ["one.html", "three.txt", "two.HTM"]


@pytest.mark.parametrize(
    ("declared", "encoding"),
    [("windows-1252", "windows-1252"), ("utf-8", "utf-8"), ("iso-8859-1", "utf-8")],
)
def test_encodings_declared_and_misdeclared(tmp_path: Path, declared: str, encoding: str) -> None:
    body = ARTICLE.replace("Red Crescent", "Croissant-Rouge café")
    write(tmp_path, "p.html", page(body, charset=declared), encoding)
    (report,) = tui.analyze([tmp_path], jobs=1).reports
    assert "Croissant-Rouge café" in report.text


def test_malformed_deep_and_large_pages_are_read(tmp_path: Path) -> None:
    malformed = page(ARTICLE.replace("</p>", "")).replace("</article>", "<div><span><b>")
    deep = page("<div>" * 200 + ARTICLE + "</div>" * 200)
    large = page(ARTICLE * 400)  # about 170 KB of article
    for name, html in (("malformed", malformed), ("deep", deep), ("large", large)):
        folder = tmp_path / name
        folder.mkdir()
        write(folder, "p.html", html)
        started = time.monotonic()
        (report,) = tui.analyze([folder], jobs=1).reports
        assert "island of Varno" in report.text, name
        assert time.monotonic() - started < 60, name  # no pathological slowness


@pytest.mark.parametrize("depth", [300, 5000, 100_000])
def test_pages_nested_past_the_parsers_depth_give_their_article(depth: int) -> None:
    """libxml2 stops at 256 levels and loses the text below: the page is read again
    without its layout tags."""
    nested = "<div><span>" * (depth // 2) + ARTICLE + "</span></div>" * (depth // 2)
    text = page_markdown(page(nested).encode())
    assert "island of Varno" in text and "fifty people" in text
    assert "SCRIPT TEXT" not in text and "Subscribe now" not in text


def test_page_text_is_data_escapes_out_markup_literal(tmp_path: Path) -> None:
    hostile = (
        "<p>The mayor said [bold red]nothing[/] about it \x1b[31mtoday\x1b[0m, and "
        "officials added that the roads would stay closed until Friday night.</p>"
    )
    write(tmp_path, "p.html", page(ARTICLE + hostile))
    (report,) = tui.analyze([tmp_path], jobs=1).reports
    assert "\x1b" not in report.text
    shown = " ".join(visible(report, p) for p in report.paragraphs)
    assert "[bold red]nothing[/] about it [31mtoday[0m" in shown


def test_a_title_with_quotes_and_line_breaks_stays_one_field(tmp_path: Path) -> None:
    head = '<meta property="og:title" content="&quot;Ten dead&quot;: quake\nhits Varno">'
    html = page(head=head).replace("<title>Quake hits Varno | The Morning Ledger</title>", "")
    write(tmp_path, "p.html", html)
    (report,) = tui.analyze([tmp_path], jobs=1).reports
    assert report.title is not None and "\n" not in report.title
    assert report.title.startswith('"Ten dead"')


def test_without_the_web_extra_a_page_is_refused_with_how_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import raises ImportError
    with pytest.raises(UnreadableFile, match=r"pip install 'newsprism\[web\]'"):
        page_markdown(page().encode())


MARKUP_CHARACTERS = "<>/=\"' pabdivscrt\n&;#x0123é\x00\x1b"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(alphabet=st.sampled_from(list("<>/=\"' pabdivscrt\n&;#x0123é\x00\x1b")), max_size=300)
)
def test_any_markup_gives_a_report_or_one_reason(markup: str) -> None:
    try:
        text = page_markdown(("<html><body>" + markup).encode("utf-8", "surrogatepass"))
    except UnreadableFile as exc:
        assert "\n" not in str(exc)
    else:
        assert "\x1b" not in text and "\x00" not in text


def test_an_article_in_a_script_without_spaces_is_running_text() -> None:
    """Japanese writes no spaces between words: its lines are counted in characters."""
    body = (
        "<p>先日、不正に改造した端末を販売したとして、商標法違反の疑いで男性が逮捕されたという"
        "ニュースを耳にしました。</p><p>報道によると、今回販売されたのは改造された端末です。</p>"
    )
    text = page_markdown(page(body).encode())
    assert "商標法違反の疑いで男性が逮捕された" in text
    with pytest.raises(UnreadableFile, match="no article text found"):
        page_markdown(page("<p>ホーム</p><p>ニュース</p><p>お問い合わせ</p>").encode())
