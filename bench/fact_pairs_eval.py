"""Same statement or not: scorers against the fact-pair development set.

`tests/data/fact_pairs.tsv` (FACT_PAIRS.md) holds a few hundred pairs of ECB+ sentences
from different reports of one gold story, labelled `same` or `different` statement by
a person, with many lookalikes (high word overlap, different statement) and low-overlap
restatements. For each scorer this prints accuracy and F1 (`same` = positive) with the
threshold chosen on one half of the stories and applied to the other (2-fold: each pair
is predicted once, by the threshold learnt on the other half), with the threshold
chosen either for the best accuracy or for the best F1; and the AUC (the chance that
a same pair outscores a different one), over all pairs, over the hard ones and over
the rest. The set is balanced and built adversarially (the hard negatives have high
word overlap, the hard positives low), so a scorer that mostly measures overlap can
fall below chance here: predicting `same` for everything gives accuracy 0.5, F1 0.667.
Also: the share of the hard
negatives (different, overlap >= 0.3) and hard positives (same, overlap < 0.2) got
right, and accuracy by kind.

Scorers:

- `tfidf`: cosine of TF-IDF vectors of the two sentences (word unigrams, English stop
  words left out, IDF over the story's reports; `tests.data.fact_pairs.overlap_vectors`).
  The set's hard negatives were drawn as pairs this scores high, so it is at a
  disadvantage by construction;
- `matcher`: newsprism's pair score (`tui.analysis.facts._Scorer.score`) between the two
  sentences, each story analysed alone (`analysis_stages(..., one_story=True)`: its
  entities and mentions) and its sentences' terms from `find_fact_links`; called for
  every pair, whether or not the candidate filter would have offered it;
- `linked`: the score of the fact link newsprism keeps between the two sentences (0
  when the candidate filter never offers the pair or it scores under the floor);
- `in-one-fact`: 1 when newsprism puts both sentences in one fact at its default
  threshold, else 0 (no threshold to learn; shown as is).

A line of ECB+ is a sentence of the set; when newsprism splits it in two, the best of
its sentences counts. No asserts.

`--alone`: each pair of both files (fact_pairs.tsv and fact_pairs_rest.tsv: 678 pairs, 64%
`same`, nearer what a reader meets than the balanced set) analysed on its own, as two
reports of one sentence each, as a user comparing two short reports would load them:
accuracy and F1 of "the two are one fact" at the default threshold, and at others.

    PYTHONPATH=. python bench/fact_pairs_eval.py [--data ../shared/data/ecbplus]
                                                 [--seed 1] [--errors N] [--alone]
"""

from __future__ import annotations

import argparse
import bisect
import json
import math
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from itertools import pairwise
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.data.fact_pairs import (
    DATA,
    HERE,
    HIGH,
    LOW,
    DataMissing,
    FactPair,
    cosine,
    doc_lines,
    doc_path,
    load_pairs,
    overlap_vectors,
    story_docs,
)
from tui.analysis.facts import DEFAULT_THRESHOLD, _Scorer, find_fact_links
from tui.ingest.loader import reports_from_texts
from tui.pipeline.build import analysis_stages, last_corpus

Key = tuple[str, int, str, int]


def key(p: FactPair) -> Key:
    return (p.doc_a, p.line_a, p.doc_b, p.line_b)


# ------------------------------------------------------------------------ scorers


def tfidf_scores(story: str, pairs: Sequence[FactPair], data: Path) -> dict[Key, float]:
    docs = story_docs(story, data)
    documents = {d: doc_lines(d, data) for d in docs}
    found = {}
    for p in pairs:
        va, vb = overlap_vectors(documents, [p.text_a, p.text_b])
        found[key(p)] = cosine(va, vb)
    return found


def matcher_scores(
    story: str, pairs: Sequence[FactPair], data: Path
) -> tuple[dict[Key, float], dict[Key, float], dict[Key, float], dict[Key, str]]:
    """(pair score, kept link score, in one fact, shared terms) for the story's pairs."""
    docs = story_docs(story, data)
    texts = {f"{d}.txt": doc_path(d, data).read_text(encoding="utf-8") for d in docs}
    reports = reports_from_texts(texts)
    corpus = last_corpus(analysis_stages(reports, one_story=True, jobs=1))
    types = {entity.id: entity.type for entity in corpus.entities}
    _, sentences = find_fact_links(corpus.reports, corpus.mentions, types, cited=corpus.cited)
    items = list(sentences.values())
    scorer = _Scorer(items, types, corpus.cited)
    index = {item.sentence.id: n for n, item in enumerate(items)}
    # (document, line) -> our sentence ids there (a sentence may cross a line end: it
    # then counts for each line it touches).
    by_line: dict[tuple[str, int], list[str]] = defaultdict(list)
    for report in corpus.reports:
        doc = report.name
        text = texts[f"{doc}.txt"]
        starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        for paragraph in report.paragraphs:
            for sentence in paragraph.sentences:
                first = bisect.bisect_right(starts, sentence.start) - 1
                last = bisect.bisect_right(starts, max(sentence.start, sentence.end - 1)) - 1
                for line in range(first, last + 1):
                    by_line[doc, line].append(sentence.id)
    links: dict[frozenset[str], float] = {}
    for link in corpus.fact_links:
        links[frozenset((link.a, link.b))] = max(
            link.score, links.get(frozenset((link.a, link.b)), 0)
        )
    fact_of: dict[str, set[str]] = defaultdict(set)
    for fact in corpus.facts:
        for s in fact.sentences:
            fact_of[s].add(fact.id)
    score, linked, one_fact, shared = {}, {}, {}, {}
    for p in pairs:
        ours_a, ours_b = by_line.get((p.doc_a, p.line_a), []), by_line.get((p.doc_b, p.line_b), [])
        best, best_terms = 0.0, frozenset[str]()
        link_best, together = 0.0, False
        for a in ours_a:
            for b in ours_b:
                if a in index and b in index:
                    value, terms = scorer.score(index[a], index[b])
                    if value > best:
                        best, best_terms = value, terms
                link_best = max(link_best, links.get(frozenset((a, b)), 0.0))
                together = together or bool(fact_of[a] & fact_of[b])
        k = key(p)
        score[k], linked[k], one_fact[k] = best, link_best, float(together)
        no_terms = not any(a in index for a in ours_a) or not any(b in index for b in ours_b)
        shared[k] = "(a sentence has no terms)" if no_terms else " ".join(sorted(best_terms))
    return score, linked, one_fact, shared


# --------------------------------------------------------------------- figures


def counts(pairs: Sequence[FactPair], predicted: Sequence[bool]) -> tuple[float, float]:
    tp = sum(p.same and y for p, y in zip(pairs, predicted, strict=True))
    fp = sum((not p.same) and y for p, y in zip(pairs, predicted, strict=True))
    fn = sum(p.same and not y for p, y in zip(pairs, predicted, strict=True))
    accuracy = sum(p.same == y for p, y in zip(pairs, predicted, strict=True)) / len(pairs)
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return accuracy, f1


def best_threshold(
    pairs: Sequence[FactPair], scores: Sequence[float], by: Callable[[float, float], float]
) -> float:
    """The threshold (predict same when score >= it) best on these pairs; ties: the
    midpoint between neighbouring distinct scores, lowest best."""
    values = sorted(set(scores))
    cuts = [values[0] - 1e-9] + [(a + b) / 2 for a, b in pairwise(values)] + [values[-1] + 1e-9]
    best, best_cut = -math.inf, cuts[0]
    for cut in cuts:
        value = by(*counts(pairs, [s >= cut for s in scores]))
        if value > best:
            best, best_cut = value, cut
    return best_cut


def two_fold(
    pairs: Sequence[FactPair], scores: dict[Key, float], folds: dict[str, int], by: Callable
) -> tuple[list[bool], list[float]]:
    predicted = [False] * len(pairs)
    cuts = []
    for held in (0, 1):
        train = [i for i, p in enumerate(pairs) if folds[p.story] != held]
        cut = best_threshold([pairs[i] for i in train], [scores[key(pairs[i])] for i in train], by)
        cuts.append(cut)
        for i, p in enumerate(pairs):
            if folds[p.story] == held:
                predicted[i] = scores[key(p)] >= cut
    return predicted, cuts


def auc(pairs: Sequence[FactPair], scores: dict[Key, float]) -> float:
    """Chance that a random same pair scores above a random different one (ties half)."""
    same = sorted(scores[key(p)] for p in pairs if p.same)
    other = [scores[key(p)] for p in pairs if not p.same]
    if not same or not other:
        return float("nan")
    wins = 0.0
    for v in other:
        below = bisect.bisect_left(same, v)
        ties = bisect.bisect_right(same, v) - below
        wins += (len(same) - below - ties) + ties / 2
    return wins / (len(same) * len(other))


def hard_shares(pairs: Sequence[FactPair], predicted: Sequence[bool]) -> str:
    neg = [y for p, y in zip(pairs, predicted, strict=True) if not p.same and p.overlap >= HIGH]
    pos = [y for p, y in zip(pairs, predicted, strict=True) if p.same and p.overlap < LOW]
    return (
        f"hard negatives right {sum(not y for y in neg)}/{len(neg)}, "
        f"low-overlap positives right {sum(pos)}/{len(pos)}"
    )


def by_kind(pairs: Sequence[FactPair], predicted: Sequence[bool]) -> str:
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for p, y in zip(pairs, predicted, strict=True):
        total[p.kind] += 1
        right[p.kind] += p.same == y
    return ", ".join(f"{k} {right[k]}/{n}" for k, n in total.most_common())


def cut(text: str, limit: int = 100) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def alone(data: Path) -> None:
    """Each pair of both files as a corpus of its own (`--alone`)."""
    pairs = [*load_pairs(data=data), *load_pairs(HERE / "fact_pairs_rest.tsv", data=data)]
    started = time.perf_counter()
    best: list[float] = []
    for p in pairs:
        reports = reports_from_texts({"a.txt": p.text_a + "\n", "b.txt": p.text_b + "\n"})
        corpus = last_corpus(analysis_stages(reports, jobs=1))
        best.append(max((link.score for link in corpus.fact_links), default=0.0))
    same = sum(p.same for p in pairs)
    print(
        f"{len(pairs)} pairs ({same} same), each alone as two one-sentence reports; "
        f"analysed in {time.perf_counter() - started:.1f} s"
    )
    figures = {}
    for threshold in (0.2, 0.25, DEFAULT_THRESHOLD, 0.35, 0.4, 0.5):
        predicted = [score >= threshold for score in best]
        accuracy, f1 = counts(pairs, predicted)
        mark = "  (default)" if threshold == DEFAULT_THRESHOLD else ""
        print(f"  one fact at {threshold:.2f}: accuracy {accuracy:.3f}  F1 {f1:.3f}{mark}")
        if threshold == DEFAULT_THRESHOLD:
            figures = {"alone_accuracy": round(accuracy, 4), "alone_f1": round(f1, 4)}
    print(f"  by kind at the default: {by_kind(pairs, [s >= DEFAULT_THRESHOLD for s in best])}")
    line = {
        "benchmark": "fact_pairs_eval.py",
        "settings": "--alone",
        "summary": f"alone accuracy {figures['alone_accuracy']}, F1 {figures['alone_f1']}",
        "figures": figures,
    }
    print("FIGURES " + json.dumps(line))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--seed", type=int, default=1, help="which stories form each half")
    parser.add_argument("--errors", type=int, default=0, help="list N worst errors of the matcher")
    parser.add_argument("--alone", action="store_true", help="each pair as a corpus of its own")
    args = parser.parse_args()
    try:
        if args.alone:
            alone(args.data)
            return
        pairs = load_pairs(data=args.data)
    except DataMissing as exc:
        print(f"skipped: {exc}")
        return
    stories = sorted({p.story for p in pairs})
    rng = random.Random(args.seed)
    shuffled = stories[:]
    rng.shuffle(shuffled)
    folds = {s: i % 2 for i, s in enumerate(shuffled)}
    by_story: dict[str, list[FactPair]] = defaultdict(list)
    for p in pairs:
        by_story[p.story].append(p)
    print(
        f"{len(pairs)} pairs ({sum(p.same for p in pairs)} same), {len(stories)} stories; "
        f"2-fold by story (seed {args.seed}: {sum(1 for s in folds.values() if s == 0)} / "
        f"{sum(1 for s in folds.values() if s == 1)} stories)"
    )
    started = time.perf_counter()
    tfidf: dict[Key, float] = {}
    matcher: dict[Key, float] = {}
    linked: dict[Key, float] = {}
    one_fact: dict[Key, float] = {}
    shared: dict[Key, str] = {}
    for story, mine in sorted(by_story.items()):
        tfidf.update(tfidf_scores(story, mine, args.data))
        found = matcher_scores(story, mine, args.data)
        for into, part in zip((matcher, linked, one_fact, shared), found, strict=True):
            into.update(part)
    print(f"scored in {time.perf_counter() - started:.1f} s\n")
    scorers = {"tfidf": tfidf, "matcher": matcher, "linked": linked}
    for name, scores in scorers.items():
        for label, by in (("accuracy", lambda a, f: a), ("F1", lambda a, f: f)):
            predicted, cuts = two_fold(pairs, scores, folds, by)
            accuracy, f1 = counts(pairs, predicted)
            print(
                f"{name:8} threshold for best {label:8} (chosen {cuts[0]:.3f} / {cuts[1]:.3f}): "
                f"accuracy {accuracy:.3f}  F1 {f1:.3f}"
            )
        hard = [p for p in pairs if p.hard]
        easy = [p for p in pairs if not p.hard]
        print(
            f"{'':8} AUC {auc(pairs, scores):.3f} (hard pairs only {auc(hard, scores):.3f}, "
            f"the other {len(easy)} {auc(easy, scores):.3f})"
        )
        print(f"{'':8} {hard_shares(pairs, predicted)}")
        print(f"{'':8} by kind (F1 threshold): {by_kind(pairs, predicted)}\n")
    predicted = [matcher[key(p)] >= DEFAULT_THRESHOLD for p in pairs]
    accuracy, f1 = counts(pairs, predicted)
    print(
        f"matcher  at its default threshold {DEFAULT_THRESHOLD}: "
        f"accuracy {accuracy:.3f}  F1 {f1:.3f}"
    )
    print(f"{'':8} {hard_shares(pairs, predicted)}")
    print(f"{'':8} by kind: {by_kind(pairs, predicted)}")
    predicted = [one_fact[key(p)] > 0 for p in pairs]
    accuracy, f1 = counts(pairs, predicted)
    print(f"in-one-fact (default threshold, no learning): accuracy {accuracy:.3f}  F1 {f1:.3f}")
    print(f"{'':8} {hard_shares(pairs, predicted)}")
    print(f"{'':8} by kind: {by_kind(pairs, predicted)}")
    zero = [p for p in pairs if matcher[key(p)] == 0]
    print(
        f"\nmatcher scores 0 for {len(zero)} pairs ({sum(p.same for p in zero)} of them same; "
        f"{sum(shared[key(p)] == '(a sentence has no terms)' for p in zero)} because a sentence "
        "has no terms)"
    )
    if args.errors:
        for title, wrong in (
            ("highest-scoring different pairs", [p for p in pairs if not p.same]),
            ("lowest-scoring same pairs", [p for p in pairs if p.same]),
        ):
            wrong.sort(key=lambda p: matcher[key(p)], reverse=not wrong[0].same if wrong else False)
            print(f"\n{title} (matcher score, tfidf, kind, note / shared terms):")
            for p in wrong[: args.errors]:
                k = key(p)
                print(
                    f"  {matcher[k]:.3f} {tfidf[k]:.3f} {p.doc_a}:{p.line_a} "
                    f"{p.doc_b}:{p.line_b} {p.kind}: {p.note}"
                )
                print(f"      shared: {shared[k]}")
                print(f"      A: {cut(p.text_a)}\n      B: {cut(p.text_b)}")


if __name__ == "__main__":
    main()
