"""Regenerate tui/analysis/data/background.txt: how common each matching term is in
English at large, from the wordfreq package's English word list.

Not run by the product or the tests: `pip install wordfreq && PYTHONPATH=. python
tools/build_background.py`. Each word of the list that is written in lower-case letters
(with inner apostrophes or hyphens) and is at least as common as `MIN_ZIPF` is taken to
its matching term (`tui.analysis.terms.content_term`: stem, irregular forms, synonym
classes), and a term's frequency is the sum of its words'. The file lists terms by
Zipf frequency (log10 of occurrences per billion words), one decimal. Rerun it when the
stemming, data/irregular.txt or data/synonyms.txt change (tests/unit check a sample).

wordfreq (https://github.com/rspeer/wordfreq) is by Robyn Speer; its data is licensed
CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/), and so is this file.
"""

from __future__ import annotations

import math
import re
import textwrap
from collections import defaultdict
from importlib.metadata import version
from pathlib import Path

import wordfreq

from tui.analysis.terms import content_term

MIN_ZIPF = 3.0
WORD = re.compile(r"[a-z][a-z'-]*[a-z]")
OUT = Path(__file__).resolve().parents[1] / "tui" / "analysis" / "data" / "background.txt"
HEADER = """\
# How common each matching term is in English at large: Zipf frequency (log10 of
# occurrences per billion words), then the terms that common, for the terms of words at
# least 1 per million. Made by tools/build_background.py from wordfreq {version}'s English
# list (https://github.com/rspeer/wordfreq, by Robyn Speer); that data, and so this
# file, is licensed CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/).
"""


def main() -> None:
    frequency: dict[str, float] = defaultdict(float)
    for word, share in wordfreq.get_frequency_dict("en", wordlist="large").items():
        if WORD.fullmatch(word) and wordfreq.zipf_frequency(word, "en") >= MIN_ZIPF:
            frequency[content_term(word)] += share
    by_zipf: dict[float, list[str]] = defaultdict(list)
    for term, share in frequency.items():
        by_zipf[round(math.log10(share) + 9, 1)].append(term)
    lines = [HEADER.format(version=version("wordfreq"))]
    for zipf in sorted(by_zipf, reverse=True):
        prefix = f"{zipf:.1f} "
        for line in textwrap.wrap(" ".join(sorted(by_zipf[zipf])), 88 - len(prefix)):
            lines.append(prefix + line + "\n")
    OUT.write_text("".join(lines), encoding="utf-8")
    print(f"{len(frequency)} terms -> {OUT}")


if __name__ == "__main__":
    main()
