"""Time of the story clustering as reports grow (no Textual).

Reports: the 982 ECB+ texts, then synthetic batches of them (`facts_scale.build_texts`:
every content word given a prefix of the batch's own, so each batch is a new set of
stories of the same shape). Without the ECB+ folder it says so and stops. For each size
the reports are read and their entities found first (not timed: they are the
clustering's input), then `find_stories` runs, timed by step: the reports' terms and
vectors, the candidate pairs and their scores, the clustering, the stories' titles.
Printed: seconds by step and in all (wall clock, and the process's CPU time: the wall
clock of a shared machine says as much about the others), and the growth from the first
size to the last (near-linear is about 10x for 10x the reports).

    python bench/stories_scale.py [--data ../shared/data/ecbplus] [--sizes 1000,10000]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from facts_scale import DEFAULT_DATA, build_texts

from tui.analysis.entities import find_entities
from tui.analysis.stories.cluster import THRESHOLD, StoryFeatures, story_groups
from tui.analysis.stories.titles import make_stories
from tui.ingest.loader import reports_from_texts
from tui.model.entities import Mention
from tui.perf import paused_gc


def clustering_seconds(data: Path, size: int) -> dict[str, float]:
    reports = reports_from_texts(build_texts(data, size))
    analysis = find_entities(reports)
    by_paragraph: dict[str, list[Mention]] = defaultdict(list)
    for mention in analysis.mentions:
        by_paragraph[mention.paragraph].append(mention)
    mentions = {p: tuple(sorted(ms, key=lambda m: m.start)) for p, ms in by_paragraph.items()}
    # As in the pipeline (`tui.pipeline.build`): no garbage collection while it runs.
    with paused_gc():
        cpu = time.process_time()
        marks = [time.perf_counter()]
        features = StoryFeatures.of(reports, mentions)
        marks.append(time.perf_counter())
        scores = features.scores
        marks.append(time.perf_counter())
        groups = story_groups(features, THRESHOLD)
        marks.append(time.perf_counter())
        stories = make_stories(reports, groups, scores)
        marks.append(time.perf_counter())
        cpu = time.process_time() - cpu
    steps = ("terms and vectors", "candidates and scores", "clustering", "titles")
    seconds = {step: b - a for step, a, b in zip(steps, marks, marks[1:], strict=False)}
    seconds["all"] = marks[-1] - marks[0]
    seconds["cpu"] = cpu
    seconds["stories"] = len(stories)
    seconds["pairs"] = len(scores)
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sizes", default="1000,10000")
    args = parser.parse_args()
    if not (args.data / "text").is_dir():
        print(f"skipped: no ECB+ texts in {args.data}")
        return 0
    sizes = [int(s) for s in args.sizes.split(",")]
    results = {}
    for size in sizes:
        results[size] = figures = clustering_seconds(args.data, size)
        steps = ", ".join(
            f"{k} {v:.2f} s"
            for k, v in figures.items()
            if k not in ("all", "cpu", "stories", "pairs")
        )
        print(
            f"{size:>6} reports: {figures['all']:.2f} s, {figures['cpu']:.2f} s of CPU "
            f"({steps}); "
            f"{figures['pairs']:.0f} pairs scored, {figures['stories']:.0f} stories",
            flush=True,
        )
    if len(sizes) > 1:
        first, last = sizes[0], sizes[-1]
        growth = results[last]["all"] / results[first]["all"]
        print(f"growth {first} -> {last} reports ({last / first:.0f}x): {growth:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
