"""Print every fact's discrepancies with its sentences, to read as an analyst.

    python bench/discrepancies.py [TOPIC ...]      # ECB+ topic folders, each one story

Reads /work/shared/data/ecbplus/text/<topic> (or $ECB_TEXT/<topic>); the last line
counts the facts with discrepancies and the discrepancies.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import tui


def main() -> None:
    base = Path(os.environ.get("ECB_TEXT", "/work/shared/data/ecbplus/text"))
    topics = sys.argv[1:] or ["1", "18", "24", "32", "38", "41"]
    facts = labels = 0
    for topic in topics:
        corpus = tui.analyze([base / topic], one_story=True, jobs=1)
        text = {
            s.id: " ".join(report.text[s.start : s.end].split())
            for report in corpus.reports
            for p in report.paragraphs
            for s in p.sentences
        }
        for fact in corpus.facts:
            if not fact.discrepancies:
                continue
            facts += 1
            labels += len(fact.discrepancies)
            print(f"== topic {topic} {fact.id}")
            for d in fact.discrepancies:
                print(f"  ≠ {d.detail}")
            for s in fact.sentences:
                print(f"    [{s}] {text[s][:300]}")
    print(f"{facts} facts with discrepancies, {labels} discrepancies")


if __name__ == "__main__":
    main()
