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

Then, at the first size, the incremental clustering (`tui.pipeline.incremental`): the
clustering of `size` reports is kept as the cache keeps it (pickled and compressed),
then `--add` more reports come in: the entities are found again over all of them (as
the pipeline does; not timed), and the time to grow the kept clustering (unpacked,
the new reports added, the stories made) is printed beside the time to cluster all of
them again (`find_stories`), with how many of the added reports joined the same reports
as clustering everything puts them with (or a story holding all those), and how many of
the old reports' stories clustering everything regroups (growing keeps them); and what
keeping a clustering costs the first time (its size packed; the time to cluster and
pack it against `find_stories` alone). These times are the best of `--runs` (3).

    python bench/stories_scale.py [--data ../shared/data/ecbplus] [--sizes 1000,10000]
        [--add 10] [--runs 3]
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
import zlib
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from facts_scale import DEFAULT_DATA, build_texts

from tui.analysis.entities import find_entities
from tui.analysis.stories import find_stories
from tui.analysis.stories.cluster import THRESHOLD, StoryFeatures, story_groups
from tui.analysis.stories.titles import make_stories
from tui.ingest.loader import reports_from_texts
from tui.model.document import Report
from tui.model.entities import Entity, Mention
from tui.model.stories import Story
from tui.perf import paused_gc
from tui.pipeline.incremental import StoryClustering, StoryState


def entity_analysis(
    reports: list[Report],
) -> tuple[dict[str, tuple[Mention, ...]], tuple[Entity, ...]]:
    """The mentions by paragraph (as the pipeline sorts them) and the entities."""
    analysis = find_entities(reports)
    by_paragraph: dict[str, list[Mention]] = defaultdict(list)
    for mention in analysis.mentions:
        by_paragraph[mention.paragraph].append(mention)
    mentions = {p: tuple(sorted(ms, key=lambda m: m.start)) for p, ms in by_paragraph.items()}
    return mentions, tuple(analysis.entities)


def clustering_seconds(data: Path, size: int) -> dict[str, float]:
    reports = reports_from_texts(build_texts(data, size))
    mentions, _ = entity_analysis(reports)
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


def incremental_seconds(data: Path, size: int, added: int, runs: int) -> dict[str, float]:
    """Growing the kept clustering of `size` reports by `added` against clustering all
    (each the best of `runs`: wall clock and CPU time)."""
    texts = build_texts(data, size + added)
    first = reports_from_texts(dict(list(texts.items())[:size]))
    mentions, entities = entity_analysis(first)
    clustering = StoryClustering()
    plain = best_of(runs, lambda: find_stories(first, mentions, entities))
    keeping = best_of(runs, lambda: clustering(first, mentions, entities))
    stored = clustering.kept
    assert stored is not None
    reports = reports_from_texts(texts)
    mentions, entities = entity_analysis(reports)

    def kept() -> StoryState:
        state = pickle.loads(zlib.decompress(stored))
        assert isinstance(state, StoryState)
        return state

    growing = StoryClustering(kept)
    grow = best_of(runs, lambda: growing(reports, mentions, entities))
    assert growing.grown
    full = best_of(runs, lambda: find_stories(reports, mentions, entities))
    grown = growing(reports, mentions, entities)
    whole = find_stories(reports, mentions, entities)
    new = [r.id for r in reports[size:]]
    same = sum(companions(grown, r, new) == companions(whole, r, new) for r in new)
    within = sum(companions(grown, r, new) >= companions(whole, r, new) for r in new)
    old = {r.id for r in first}
    # The old reports' stories (as kept) that clustering all makes otherwise.
    kept_stories = {frozenset(s.report_ids) & old for s in grown} - {frozenset()}
    regrouped = kept_stories - ({frozenset(s.report_ids) & old for s in whole} - {frozenset()})
    return {
        "grow": grow[0],
        "grow cpu": grow[1],
        "full": full[0],
        "full cpu": full[1],
        "plain": plain[0],
        "keeping": keeping[0],
        "kilobytes": len(stored) / 1024,
        "same": same,
        "within": within,
        "regrouped": len(regrouped),
        "old stories": len(kept_stories),
        "grown stories": len(grown),
        "stories": len(whole),
    }


def best_of(runs: int, work: Callable[[], object]) -> tuple[float, float]:
    """The least wall clock and CPU seconds of `runs` runs of `work` (no garbage
    collection while it runs, as in the pipeline)."""
    walls, cpus = [], []
    for _ in range(runs):
        with paused_gc():
            cpu, wall = time.process_time(), time.perf_counter()
            work()
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)


def companions(stories: tuple[Story, ...], report: str, left_out: list[str]) -> frozenset[str]:
    """The other reports of `report`'s story, but those of `left_out`."""
    story = next(s for s in stories if report in s.report_ids)
    return frozenset(story.report_ids) - {report, *left_out}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--add", type=int, default=10, help="reports added (0: none)")
    parser.add_argument("--runs", type=int, default=3, help="of the incremental figures")
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
    if args.add > 0:
        size, added = sizes[0], args.add
        figures = incremental_seconds(args.data, size, added, args.runs)
        print(
            f"{added} reports added to the kept clustering of {size}: grown in "
            f"{figures['grow']:.2f} s ({figures['grow cpu']:.2f} s of CPU), clustering all "
            f"{size + added} again {figures['full']:.2f} s ({figures['full cpu']:.2f} s of "
            f"CPU). Of the {added} added, {figures['same']:.0f} joined the same reports as "
            f"clustering all puts them with, {figures['within']:.0f} a story holding all "
            f"those; clustering all regroups {figures['regrouped']:.0f} of the "
            f"{figures['old stories']:.0f} stories of the old reports (kept as they were "
            f"when grown); {figures['grown stories']:.0f} stories grown, "
            f"{figures['stories']:.0f} clustered anew. The kept clustering: "
            f"{figures['kilobytes']:.0f} KiB packed; clustering {size} and keeping it "
            f"{figures['keeping']:.2f} s, without keeping it {figures['plain']:.2f} s",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
