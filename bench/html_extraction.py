"""Article extraction from web pages: body F1 by shingles, newsprism beside trafilatura
alone, in the same run.

    python bench/html_extraction.py [--pages N] [--seed S]
    python bench/html_extraction.py --benchmark DIR

With `--benchmark DIR`, real pages instead: DIR laid out as the public article
extraction benchmark of Scrapinghub (now Zyte), https://github.com/scrapinghub/
article-extraction-benchmark (MIT licence; 181 news and blog pages saved from the web,
`html/<id>.html.gz`, and `ground-truth.json` with each page's `articleBody`). Check it
out anywhere (never into this repository) and point DIR at it. The page bytes go to
`page_markdown` as a fetched page's do (its encoding found from the page), the front
matter is left out, and the same shingle measure is pooled over the pages and also
averaged page by page (the benchmark's own figure is a per-page mean).

Pages are generated here from the ECB+ texts (../shared/data/ecbplus/text): each text's
lines are an article (its first line the headline), put in one of several page layouts
with the chrome real news sites carry (navigation, a cookie notice, share buttons, a
related-links list, a newsletter box, comments, a footer, scripts and styles). The gold
body is the article: its headline and paragraphs. A body's score is the precision and
recall of its word 4-gram shingles against the gold's (the usual article-extraction
measure), pooled over all pages. "trafilatura alone" is `trafilatura.extract` with its
defaults; "newsprism" is the text the reader shows of the report a page becomes
(`tui.ingest.html.page_markdown`, then the report's visible runs). Pages newsprism
refuses ("no article text found") count as empty bodies. Generated pages are easier
than real ones: this guards the wiring and the chrome rules, not the extractor's
quality on the open web.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "ecbplus" / "text"
_WORD = re.compile(r"\w+")

NAV = "".join(
    f'<li><a href="/{w.lower()}">{w}</a></li>'
    for w in "Home World Politics Business Tech Sport Culture Opinion Video".split()
)
CHROME = {
    "nav": f'<header><div class="logo">The Daily Ledger</div><nav><ul>{NAV}</ul></nav></header>',
    "cookie": (
        '<div class="cookie-banner">We use cookies to improve your experience on our site. '
        'By continuing to browse you agree to our use of cookies. <a href="/privacy">Learn '
        "more</a> <button>Accept all cookies</button></div>"
    ),
    "share": (
        '<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a>'
        ' <a href="#">Email this story</a> <a href="#">Print</a></div>'
    ),
    "related": (
        '<aside class="related"><h3>Related stories</h3><ul>'
        + "".join(
            f'<li><a href="/s/{n}">{t}</a></li>'
            for n, t in enumerate(
                [
                    "Markets rally as investors shrug off rate fears",
                    "Ten things you need to know before the weekend",
                    "The best photos of the week from around the world",
                    "Opinion: why the city council got it wrong again",
                ]
            )
        )
        + "</ul></aside>"
    ),
    "newsletter": (
        '<div class="newsletter"><h3>Get our morning briefing</h3><p>Sign up for the '
        "newsletter and get the day's top stories delivered to your inbox every morning.</p>"
        '<form><input type="email"><button>Subscribe</button></form></div>'
    ),
    "comments": (
        '<section id="comments"><h3>Comments (3)</h3>'
        '<div class="comment"><b>reader42</b> This is terrible news, my thoughts are with '
        "everyone affected by it today.</div>"
        '<div class="comment"><b>jsmith</b> Why is nobody talking about the real cause of '
        "all this? Wake up people.</div></section>"
    ),
    "footer": (
        "<footer><p>Copyright 2024 The Daily Ledger Media Group. All rights reserved.</p>"
        '<ul><li><a href="/about">About us</a></li><li><a href="/contact">Contact</a></li>'
        '<li><a href="/terms">Terms of use</a></li></ul></footer>'
    ),
    "script": '<script>window.dataLayer=[];function track(){return "tracking code"}</script>'
    "<style>.article p{font-size:18px}</style>",
}
LAYOUTS = [
    ["script", "nav", "cookie", "ARTICLE", "share", "related", "footer"],
    ["script", "nav", "share", "ARTICLE", "newsletter", "comments", "footer"],
    ["nav", "related", "ARTICLE", "comments", "newsletter", "cookie", "footer", "script"],
    ["cookie", "nav", "ARTICLE", "related", "footer"],
]
WRAPPERS = [
    ("<article>", "</article>"),
    ('<div class="story-body">', "</div>"),
    ('<main><div class="content"><div class="text">', "</div></div></main>"),
]


def shingles(text: str, n: int = 4) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return {tuple(words[i : i + n]) for i in range(max(len(words) - n + 1, 0))}


def make_page(lines: list[str], rng: random.Random) -> tuple[str, str]:
    headline, paragraphs = lines[0], lines[1:]
    start, end = rng.choice(WRAPPERS)
    article = (
        start
        + f"<h1>{html.escape(headline)}</h1>"
        + "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
        + end
    )
    parts = [article if part == "ARTICLE" else CHROME[part] for part in rng.choice(LAYOUTS)]
    page = (
        '<!doctype html><html><head><meta charset="utf-8">'
        f"<title>{html.escape(headline)} | The Daily Ledger</title></head><body>"
        + "".join(parts)
        + "</body></html>"
    )
    return page, "\n".join([headline, *paragraphs])


def article_lines(path: Path) -> list[str]:
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line and not line.startswith(("http://", "https://"))]
    return lines if len(lines) >= 3 else []


def newsprism_body(page: str) -> str:
    from tui.ingest.decode import UnreadableFile
    from tui.ingest.loader import reports_from_texts

    try:
        (report,) = reports_from_texts({"page.html": page})
    except UnreadableFile:
        return ""
    return "\n".join(
        "".join(report.span(run) for run in paragraph.runs) for paragraph in report.paragraphs
    )


def benchmark_pages(folder: Path) -> list[tuple[bytes, str, str]]:
    """The public benchmark's pages: (HTML bytes, gold body, url)."""
    import gzip

    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key, item in sorted(truth.items()):
        path = folder / "html" / f"{key}.html.gz"
        if path.is_file():
            pages.append((gzip.decompress(path.read_bytes()), item["articleBody"], item["url"]))
    return pages


def newsprism_page_body(data: bytes, url: str) -> str:
    from tui.ingest.decode import UnreadableFile
    from tui.ingest.html import page_markdown

    try:
        text = page_markdown(data, url=url)
    except UnreadableFile:
        return ""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        text = text[end + 5 :] if end >= 0 else text
    return text


def run_benchmark(folder: Path) -> None:
    import trafilatura

    pages = benchmark_pages(folder)
    if not pages:
        sys.exit(f"html_extraction: no benchmark pages in {folder}")
    names = ("newsprism", "trafilatura alone")
    pooled = {name: [0, 0, 0] for name in names}
    per_page: dict[str, list[float]] = {name: [] for name in names}
    seconds = dict.fromkeys(names, 0.0)
    empty = dict.fromkeys(names, 0)
    for data, gold, url in pages:
        want = shingles(gold)
        for name in names:
            started = time.perf_counter()
            if name == "newsprism":
                got_text = newsprism_page_body(data, url)
            else:
                got_text = trafilatura.extract(data, url=url) or ""
            seconds[name] += time.perf_counter() - started
            empty[name] += not got_text.strip()
            got = shingles(got_text)
            hit = len(got & want)
            for k, n in enumerate((hit, len(got), len(want))):
                pooled[name][k] += n
            p = hit / len(got) if got else 0.0
            r = hit / len(want) if want else 0.0
            per_page[name].append(2 * p * r / (p + r) if p + r else 0.0)
    print(f"{len(pages)} pages of the public article extraction benchmark ({folder})\n")
    print(f"{'':>18}  {'P':>6} {'R':>6} {'F1':>6}  {'mean F1':>7}  {'empty':>5}  {'ms/page':>7}")
    figures: dict[str, float] = {}
    for name, (hit, got, want) in pooled.items():
        p = hit / got if got else 0.0
        r = hit / want if want else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        mean = sum(per_page[name]) / len(per_page[name])
        ms = seconds[name] / len(pages) * 1000
        print(f"{name:>18}  {p:6.3f} {r:6.3f} {f1:6.3f}  {mean:7.3f}  {empty[name]:>5}  {ms:7.1f}")
        key = "newsprism" if name == "newsprism" else "trafilatura"
        figures |= {f"{key}_f1": round(f1, 4), f"{key}_mean_f1": round(mean, 4)}
    summary = (
        f"real pages: body F1 newsprism {figures['newsprism_f1']:.3f} (mean "
        f"{figures['newsprism_mean_f1']:.3f}), trafilatura alone "
        f"{figures['trafilatura_f1']:.3f} (mean {figures['trafilatura_mean_f1']:.3f})"
    )
    print(
        "FIGURES "
        + json.dumps(
            {
                "benchmark": "html_extraction.py",
                "settings": f"--benchmark, {len(pages)} pages",
                "summary": summary,
                "figures": figures,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--benchmark", type=Path, help="the public benchmark's folder")
    args = parser.parse_args()
    try:
        import trafilatura
    except ImportError:
        sys.exit("html_extraction: needs the web extra (pip install -e '.[web]')")
    if args.benchmark is not None:
        run_benchmark(args.benchmark)
        return
    if not args.data.is_dir():
        sys.exit(f"html_extraction: no ECB+ texts at {args.data}")
    rng = random.Random(args.seed)
    files = sorted(args.data.glob("*/*.txt"))
    rng.shuffle(files)
    pages = []
    for path in files:
        lines = article_lines(path)
        if lines:
            pages.append(make_page(lines, rng))
        if len(pages) == args.pages:
            break
    totals = {"newsprism": [0, 0, 0], "trafilatura alone": [0, 0, 0]}
    seconds = {"newsprism": 0.0, "trafilatura alone": 0.0}
    empty = {"newsprism": 0, "trafilatura alone": 0}
    for page, gold in pages:
        want = shingles(gold)
        for name in totals:
            started = time.perf_counter()
            if name == "newsprism":
                got_text = newsprism_body(page)
            else:
                got_text = trafilatura.extract(page) or ""
            seconds[name] += time.perf_counter() - started
            empty[name] += not got_text.strip()
            got = shingles(got_text)
            hit = len(got & want)
            totals[name][0] += hit
            totals[name][1] += len(got)
            totals[name][2] += len(want)
    figures: dict[str, float] = {}
    print(f"{len(pages)} generated pages from ECB+ texts (seed {args.seed})\n")
    print(f"{'':>18}  {'P':>6} {'R':>6} {'F1':>6}  {'empty':>5}  {'ms/page':>7}")
    for name, (hit, got, want) in totals.items():
        p = hit / got if got else 0.0
        r = hit / want if want else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        ms = seconds[name] / len(pages) * 1000
        print(f"{name:>18}  {p:6.3f} {r:6.3f} {f1:6.3f}  {empty[name]:>5}  {ms:7.1f}")
        key = "newsprism" if name == "newsprism" else "trafilatura"
        figures |= {f"{key}_precision": round(p, 4), f"{key}_recall": round(r, 4)}
        figures[f"{key}_f1"] = round(f1, 4)
    summary = (
        f"body F1 newsprism {figures['newsprism_f1']:.3f}, "
        f"trafilatura alone {figures['trafilatura_f1']:.3f}"
    )
    print(
        "FIGURES "
        + json.dumps(
            {
                "benchmark": "html_extraction.py",
                "settings": f"{len(pages)} pages, seed {args.seed}",
                "summary": summary,
                "figures": figures,
            }
        )
    )


if __name__ == "__main__":
    main()
