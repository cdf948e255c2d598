"""Site chrome in scraped text: how many lines of real pages that are not the article
newsprism's boilerplate rules flag, and how many article lines they flag by mistake,
beside a naive same-run baseline (every line of three words or fewer).

    python bench/chrome_lines.py --benchmark DIR

DIR is the public article extraction benchmark of Scrapinghub (now Zyte),
https://github.com/scrapinghub/article-extraction-benchmark (MIT; 181 real pages,
`html/<id>.html.gz`, and `ground-truth.json` with each page's `articleBody`), checked
out outside this repository. Each page becomes the text a scrape of it gives: scripts
and styles out, one line per paragraph, list item, heading, table cell or leaf block
(lxml). A line whose words all stand, in order, in the gold body is an article line (of
four words or more: shorter ones are too ambiguous to count); any other line is chrome
(menus, share bars, footers, related links, comments, captions, ads). Each line is
given to `tui.ingest.boilerplate.is_boilerplate` as a paragraph of a plain-text report.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

_WORD = re.compile(r"\w+")
_LINE_TAGS = {
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "blockquote", "dt", "dd",
    "td", "th", "button", "label", "time",
}  # fmt: skip
_LEAF_TAGS = {"div", "span", "a"}


def page_lines(data: bytes) -> list[str]:
    import lxml.html

    document = lxml.html.fromstring(data)
    for dropped in document.xpath("//script|//style|//noscript|//svg|//template"):
        dropped.drop_tree()
    lines: list[str] = []
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in _LINE_TAGS or (element.tag in _LEAF_TAGS and len(element) == 0):
            text = " ".join(element.text_content().split())
            if text and (not lines or lines[-1] != text):
                lines.append(text)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--benchmark", type=Path, required=True)
    args = parser.parse_args()
    from tui.ingest.boilerplate import is_boilerplate

    truth = json.loads((args.benchmark / "ground-truth.json").read_text(encoding="utf-8"))
    rules = {"newsprism": is_boilerplate, "three words or fewer": _short}
    flagged = {name: [0, 0] for name in rules}  # chrome lines, article lines
    chrome = article = pages = 0
    for key, item in sorted(truth.items()):
        path = args.benchmark / "html" / f"{key}.html.gz"
        if not path.is_file():
            continue
        pages += 1
        body = " ".join(_WORD.findall(item["articleBody"].lower()))
        for line in page_lines(gzip.decompress(path.read_bytes())):
            words = _WORD.findall(line.lower())
            if not words:
                continue
            in_body = " ".join(words) in body
            if in_body and len(words) < 4:
                continue
            chrome += not in_body
            article += in_body
            for name, rule in rules.items():
                if rule(line):
                    flagged[name][0 if not in_body else 1] += 1
    print(f"{pages} real pages: {chrome} chrome lines, {article} article lines\n")
    print(f"{'':>22}  {'chrome flagged':>15}  {'article flagged':>16}")
    figures: dict[str, float] = {}
    for name, (hit, wrong) in flagged.items():
        print(f"{name:>22}  {hit / chrome:15.3f}  {wrong / article:16.4f}")
        key = "newsprism" if name == "newsprism" else "short_lines"
        figures |= {
            f"{key}_chrome_flagged": round(hit / chrome, 4),
            f"{key}_article_flagged": round(wrong / article, 4),
        }
    ours, short = (
        (figures[f"{k}_chrome_flagged"], figures[f"{k}_article_flagged"])
        for k in ("newsprism", "short_lines")
    )
    summary = (
        f"chrome lines flagged {ours[0]:.3f} (article lines {ours[1]:.4f}); "
        f"short lines baseline {short[0]:.3f} ({short[1]:.4f})"
    )
    print(
        "FIGURES "
        + json.dumps(
            {
                "benchmark": "chrome_lines.py",
                "settings": f"{pages} pages",
                "summary": summary,
                "figures": figures,
            }
        )
    )


def _short(line: str) -> bool:
    return len(line.split()) <= 3


if __name__ == "__main__":
    main()
