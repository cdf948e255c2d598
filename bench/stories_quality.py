"""Story clustering against the ECB+ gold stories (no Textual).

Each ECB+ topic folder holds two different events of one kind (two earthquakes in one
region, years apart): its `*ecb` texts are one gold story, its `*ecbplus` texts another.
The texts of the chosen topics are analysed together, as a user's mixed coverage
(`find_entities`, then `find_stories`), and the stories scored with B-cubed precision,
recall and F1 against the gold stories.

Held out: the parameters are meant to be tuned on `--tune` topics only; the figure that
counts is on `--test` topics (by default the even development topics and 36-45, whose
texts have no annotations but whose gold stories need none). In the same run, a
baseline: TF-IDF (raw counts, smoothed IDF, no stop words) cosine over all pairs,
average-link, its threshold tuned on the `--tune` topics (its best on `--test` is shown
too, for reference: that one is not a fair figure).

With `--subsample N`, also N seeded samples of the `--test` topics in which each gold
story keeps only some of its reports (1, 2, 3, 4 or 6 of them, or all, at random): a day
of mixed coverage, many stories told by one or a few outlets, is sparser than ECB+.

    python bench/stories_quality.py [--data ../shared/data/ecbplus]
                                    [--tune 1,3,...,35] [--test 2,4,...,34,36-45]
                                    [--sweep 0.05,0.1,...] [--subsample N] [--errors]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from facts_ecb import all_pairs_cosine, tfidf, tokens

from tui.analysis.entities import find_entities
from tui.analysis.stories.cluster import THRESHOLD, StoryFeatures, story_groups
from tui.analysis.stories.linkage import average_link
from tui.ingest.loader import reports_from_texts
from tui.model.document import Report
from tui.model.entities import Mention

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "ecbplus"
DEFAULT_TUNE = ",".join(str(t) for t in range(1, 36, 2))
DEFAULT_TEST = ",".join(str(t) for t in range(2, 36, 2)) + ",36-45"
BASELINE_THRESHOLDS = [round(0.02 * n, 2) for n in range(1, 31)]


def parse_topics(value: str) -> list[int]:
    topics: list[int] = []
    for part in value.split(","):
        low, _, high = part.partition("-")
        topics.extend(range(int(low), int(high or low) + 1))
    return topics


def load_texts(data: Path, topics: Sequence[int]) -> tuple[dict[str, str], dict[str, str]]:
    """{name: text} of every text of the topics, and {name: gold story}."""
    texts, gold = {}, {}
    for topic in topics:
        for path in sorted((data / "text" / str(topic)).glob("*.txt")):
            texts[path.stem] = path.read_text(encoding="utf-8")
            gold[path.stem] = f"{topic}{'ecbplus' if path.stem.endswith('ecbplus') else 'ecb'}"
    return texts, gold


def bcubed(pred: Mapping[str, object], gold: Mapping[str, object]) -> tuple[float, float, float]:
    both = Counter((pred[i], gold[i]) for i in gold)
    psize = Counter(pred[i] for i in gold)
    gsize = Counter(gold.values())
    p = sum(c * c / psize[a] for (a, _), c in both.items()) / len(gold)
    r = sum(c * c / gsize[b] for (_, b), c in both.items()) / len(gold)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def labels(names: Sequence[str], groups: Sequence[Sequence[int]]) -> dict[str, int]:
    return {names[i]: n for n, group in enumerate(groups) for i in group}


class TopicSet:
    """The texts of some topics, read and analysed once (entities), and the baseline's
    pair scores."""

    def __init__(
        self,
        data: Path,
        topics: Sequence[int],
        keep: Callable[[list[str]], list[str]] | None = None,
    ) -> None:
        texts, self.gold = load_texts(data, topics)
        if keep is not None:
            by_story: dict[str, list[str]] = defaultdict(list)
            for name, story in self.gold.items():
                by_story[story].append(name)
            kept = {n for story in sorted(by_story) for n in keep(by_story[story])}
            texts = {n: t for n, t in texts.items() if n in kept}
            self.gold = {n: s for n, s in self.gold.items() if n in kept}
        self.texts = texts
        self.names = list(self.texts)
        started = time.perf_counter()
        self.reports: list[Report] = list(reports_from_texts(self.texts))
        analysis = find_entities(self.reports)
        by_paragraph: dict[str, list[Mention]] = defaultdict(list)
        for mention in analysis.mentions:
            by_paragraph[mention.paragraph].append(mention)
        self.mentions = {
            p: tuple(sorted(ms, key=lambda m: m.start)) for p, ms in by_paragraph.items()
        }
        self.entities = analysis.entities
        self.read_seconds = time.perf_counter() - started
        started = time.perf_counter()
        self.features = StoryFeatures.of(self.reports, self.mentions)
        self.feature_seconds = time.perf_counter() - started
        self._baseline_scores: dict[tuple[int, int], float] | None = None

    @property
    def baseline_scores(self) -> dict[tuple[int, int], float]:
        """The baseline's cosine of every pair of reports sharing a word."""
        if self._baseline_scores is None:
            docs = [tokens(self.texts[n], stop=True) for n in self.names]
            vectors = tfidf(docs, docs)
            groups = list(range(len(docs)))
            pairs = all_pairs_cosine(vectors, groups, 1e-9)
            self._baseline_scores = {(i, j): value for i, j, value in pairs}
        return self._baseline_scores

    def ours(self, threshold: float) -> tuple[tuple[float, float, float], float]:
        started = time.perf_counter()
        groups = story_groups(self.features, threshold)
        seconds = time.perf_counter() - started
        return bcubed(labels(self.names, groups), self.gold), seconds

    def baseline(self, threshold: float) -> tuple[float, float, float]:
        groups = average_link(len(self.names), self.baseline_scores, threshold)
        return bcubed(labels(self.names, groups), self.gold)

    def best_baseline(self) -> tuple[float, tuple[float, float, float]]:
        return max(
            ((t, self.baseline(t)) for t in BASELINE_THRESHOLDS), key=lambda x: (x[1][2], -x[0])
        )

    def errors(self, threshold: float) -> None:
        """Per gold story: the predicted stories its reports are in."""
        groups = story_groups(self.features, threshold)
        pred = labels(self.names, groups)
        by_gold: dict[str, Counter[int]] = defaultdict(Counter)
        for name, story in self.gold.items():
            by_gold[story][pred[name]] += 1
        members: Counter[int] = Counter(pred.values())
        for story, counts in by_gold.items():
            if len(counts) > 1 or any(members[p] != n for p, n in counts.items()):
                shown = ", ".join(f"#{p}:{n}/{members[p]}" for p, n in counts.most_common())
                print(f"  {story:>10}  {shown}")


def fmt(prf: tuple[float, float, float]) -> str:
    return f"P {prf[0]:.3f}  R {prf[1]:.3f}  F1 {prf[2]:.3f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--tune", default=DEFAULT_TUNE, help="topics to tune on")
    parser.add_argument("--test", default=DEFAULT_TEST, help="held-out topics")
    parser.add_argument("--sweep", default="", help="story thresholds to try on --tune")
    parser.add_argument("--errors", action="store_true", help="list split and merged stories")
    parser.add_argument("--subsample", type=int, default=0, help="sparse samples of --test")
    args = parser.parse_args()
    if not (args.data / "text").is_dir():
        print(f"skipped: no ECB+ texts in {args.data}")
        return 0
    sets = {"tune": parse_topics(args.tune), "test": parse_topics(args.test)}
    loaded = {}
    for name, topics in sets.items():
        loaded[name] = TopicSet(args.data, topics)
    tuned_t, _ = loaded["tune"].best_baseline()
    for name, topic_set in loaded.items():
        print(
            f"{name}: {len(topic_set.names)} reports, {len(set(topic_set.gold.values()))} gold "
            f"stories (topics {args.tune if name == 'tune' else args.test}); entities "
            f"{topic_set.read_seconds:.1f} s, story features {topic_set.feature_seconds:.2f} s"
        )
        prf, seconds = topic_set.ours(THRESHOLD)
        print(f"  ours at {THRESHOLD:<5}        {fmt(prf)}   (clustering {seconds:.2f} s)")
        print(
            f"  baseline at {tuned_t:<5}     {fmt(topic_set.baseline(tuned_t))}   (tuned on tune)"
        )
        best_t, best = topic_set.best_baseline()
        print(f"  baseline best {best_t:<5}   {fmt(best)}")
        if args.errors:
            topic_set.errors(THRESHOLD)
    for seed in range(args.subsample):
        rng = random.Random(seed)

        def keep(names: list[str], rng: random.Random = rng) -> list[str]:
            count = rng.choice([1, 2, 3, 4, 6, len(names)])
            return sorted(rng.sample(names, min(count, len(names))))

        sample = TopicSet(args.data, sets["test"], keep)
        prf, _ = sample.ours(THRESHOLD)
        print(
            f"test sample {seed}: {len(sample.names)} reports, "
            f"{len(set(sample.gold.values()))} gold stories"
        )
        print(f"  ours at {THRESHOLD:<5}        {fmt(prf)}")
        print(f"  baseline at {tuned_t:<5}     {fmt(sample.baseline(tuned_t))}   (tuned on tune)")
    if args.sweep:
        print("ours on tune by threshold:")
        for threshold in (float(t) for t in args.sweep.split(",")):
            print(f"  {threshold:<6} {fmt(loaded['tune'].ours(threshold)[0])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
