"""Shared-fact links against ECB+ gold event coreference (no Textual).

One corpus per ECB+ topic (all its reports: usually two similar events, the `ecb` and
the `ecbplus` reports, which the analysis takes as stories and compares apart), analysed
once (`analysis_stages`). In the sentences
ECB+ annotated systematically (topics 1-35):

- gold: two sentences of different reports both mentioning the same cross-document
  EVENT chain (`INTRA_*` chains left out) are a pair that states the same fact;
- ours: the fact links (`Corpus.fact_links`, every scored pair above the floor) between
  those sentences scoring at least the threshold, and, for reference, the pairs of them
  that end up in one fact (clusters: `with_fact_threshold`).

Precision, recall and F1 are micro-averaged over topics for each threshold (all from the
same links), with the default threshold marked and the best one found; in the same run
a baseline, all-pairs TF-IDF cosine over the same sentences, at its best threshold.
With `--errors N` it lists the N highest-scoring false links and N missed gold pairs.

    python bench/facts_ecb.py [--data ../shared/data/ecbplus] [--topics 1-35]
                              [--thresholds 0.15,0.2,0.25,...] [--errors N]
"""

from __future__ import annotations

import argparse
import bisect
import datetime
import json
import math
import os
import platform
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from tui.analysis.facts import DEFAULT_THRESHOLD, LINK_FLOOR, find_fact_links
from tui.analysis.terms import SentenceTerms
from tui.ingest.loader import reports_from_texts
from tui.model.corpus import Corpus
from tui.pipeline.build import analysis_stages, last_corpus, with_fact_threshold

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "ecbplus"
DEFAULT_THRESHOLDS = "0.15,0.2,0.25,0.3,0.35,0.4,0.45,0.5,0.6,0.7"
NAME_TERMS = ("E:", "D:")  # entity and demonym terms of tui.analysis.terms

# --------------------------------------------------------------- TF-IDF baseline
#
# What scikit-learn's TfidfVectorizer does by default (tokens of two or more word
# characters, lower case, smooth IDF ln((1+n)/(1+df))+1, raw counts, L2 norm), written
# out with the standard library; optionally without English stop words.

# The same tokens and English stop words as the fact-pair baseline (tests/data).
sys.path.insert(0, str(REPO))
from tests.data.fact_pairs import STOP_WORDS, TOKEN  # noqa: E402


def tokens(text: str, stop: bool) -> list[str]:
    found = TOKEN.findall(text.lower())
    return [t for t in found if t not in STOP_WORDS] if stop else found


def tfidf(idf_docs: Iterable[list[str]], docs: Sequence[list[str]]) -> list[dict[str, float]]:
    """L2-normalised TF-IDF vectors of `docs`, document frequencies from `idf_docs`."""
    df: Counter[str] = Counter()
    n = 0
    for doc in idf_docs:
        df.update(set(doc))
        n += 1
    vectors = []
    for doc in docs:
        weights = {t: c * (math.log((1 + n) / (1 + df[t])) + 1) for t, c in Counter(doc).items()}
        norm = math.sqrt(sum(w * w for w in weights.values()))
        vectors.append({t: w / norm for t, w in weights.items()} if norm else {})
    return vectors


def all_pairs_cosine(
    vectors: Sequence[dict[str, float]], groups: Sequence[object], floor: float
) -> Iterator[tuple[int, int, float]]:
    """(i, j, cosine) for every pair i < j of different groups with cosine >= floor.

    Exact all-pairs cosine computed as a sparse X.X^T: each vector is multiplied against
    the posting lists of its terms, so every pair sharing a term is scored (the others
    are 0) and nothing is pruned.
    """
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for j, vector in enumerate(vectors):
        acc: dict[int, float] = defaultdict(float)
        for term, w in vector.items():
            for i, wi in postings[term]:
                acc[i] += w * wi
        group = groups[j]
        for i, value in acc.items():
            if value >= floor and groups[i] != group:
                yield i, j, value
        for term, w in vector.items():
            postings[term].append((j, w))


# ------------------------------------------------------------------------- data

Unit = tuple[int, int]  # (document index in its topic, line number) = a gold sentence
Pair = tuple[Unit, Unit]  # ordered, first < second


@dataclass(slots=True)
class Doc:
    name: str
    text: str
    line_starts: list[int]
    annotated: frozenset[int]
    chains: dict[int, set[str]]  # line -> cross-document event chains mentioned there

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset) - 1

    def line(self, number: int) -> str:
        start = self.line_starts[number]
        end = self.text.find("\n", start)
        return self.text[start : end if end >= 0 else len(self.text)]

    @property
    def plus(self) -> bool:
        return self.name.endswith("ecbplus")


@dataclass(slots=True)
class Topic:
    number: int
    docs: list[Doc]
    descriptors: dict[str, str]
    gold: set[Pair] = field(default_factory=set)
    strict: set[Pair] = field(default_factory=set)  # gold pairs sharing 2+ event chains
    units: list[Unit] = field(default_factory=list)  # annotated sentences


def parse_topics(spec: str) -> set[int]:
    topics: set[int] = set()
    for part in spec.split(","):
        part = part.strip()
        if "-" in part:
            lo, hi = part.split("-", 1)
            topics.update(range(int(lo), int(hi) + 1))
        elif part:
            topics.add(int(part))
    return topics


def load_topics(data: Path, wanted: set[int]) -> list[Topic]:
    topics = []
    for folder in sorted((data / "annotations").iterdir(), key=lambda p: int(p.name)):
        if int(folder.name) not in wanted:
            continue
        docs = []
        descriptors: dict[str, str] = {}
        for path in sorted((data / "text" / folder.name).glob("*.txt")):
            with path.open(encoding="utf-8", newline="") as fh:
                text = fh.read()
            starts = [0] + [m.end() for m in re.finditer("\n", text)]
            annotated: frozenset[int] = frozenset()
            chains: dict[int, set[str]] = defaultdict(set)
            ann_path = folder / f"{path.stem}.json"
            if ann_path.is_file():
                ann = json.loads(ann_path.read_text(encoding="utf-8"))
                annotated = frozenset(ann["annotated_sentences"])
                for cid, info in ann["chains"].items():
                    descriptors.setdefault(cid, info.get("descriptor") or cid)
                for m in ann["events"]:
                    chain = m["chain"]
                    if chain and not chain.startswith("INTRA_") and m["sentence"] in annotated:
                        chains[m["sentence"]].add(chain)
            docs.append(Doc(path.stem, text, starts, annotated, dict(chains)))
        topic = Topic(int(folder.name), docs, descriptors)
        by_chain: dict[str, list[Unit]] = defaultdict(list)
        for d, doc in enumerate(docs):
            topic.units.extend((d, line) for line in sorted(doc.annotated))
            for line, found in doc.chains.items():
                for chain in found:
                    by_chain[chain].append((d, line))
        shared: Counter[Pair] = Counter()
        for members in by_chain.values():
            for u, v in combinations(sorted(set(members)), 2):
                if u[0] != v[0]:
                    shared[u, v] += 1
        topic.gold = set(shared)
        topic.strict = {pair for pair, n in shared.items() if n >= 2}
        topics.append(topic)
    return topics


# ---------------------------------------------------------------------- scoring


@dataclass(slots=True)
class Analysed:
    """One topic's analysis, reduced to pairs of annotated sentences."""

    topic: Topic
    corpus: Corpus
    unit_of: dict[str, Unit]  # our sentence id -> gold sentence (line)
    sentences_of: dict[Unit, list[str]]  # gold sentence -> our sentence ids
    links: dict[Pair, float]  # best link score between two annotated sentences
    shared: dict[Pair, frozenset[str]]  # terms of that best link


def analyse(topic: Topic) -> tuple[Analysed, int]:
    """Run the analysis; also returns how many of our sentences cross a line end (plus
    reports whose text differs from the file: both would break the mapping to lines)."""
    texts = {f"{d.name}.txt": d.text for d in topic.docs}
    reports = reports_from_texts(texts)
    corpus = last_corpus(analysis_stages(reports))
    doc_of = {r.id: i for i, r in enumerate(reports)}
    annotated = set(topic.units)
    unit_of: dict[str, Unit] = {}
    sentences_of: dict[Unit, list[str]] = defaultdict(list)
    crossing = 0
    for report in reports:
        d = doc_of[report.id]
        doc = topic.docs[d]
        crossing += report.text != doc.text  # offsets would not match the gold
        for paragraph in report.paragraphs:
            for sentence in paragraph.sentences:
                line = doc.line_of(sentence.start)
                crossing += doc.line_of(sentence.end - 1) != line
                if (d, line) in annotated:
                    unit_of[sentence.id] = (d, line)
                    sentences_of[d, line].append(sentence.id)
    links: dict[Pair, float] = {}
    shared: dict[Pair, frozenset[str]] = {}
    for link in corpus.fact_links:
        u, v = unit_of.get(link.a), unit_of.get(link.b)
        if u is None or v is None or u[0] == v[0]:
            continue
        pair = (u, v) if u < v else (v, u)
        if link.score > links.get(pair, -1.0):
            links[pair] = link.score
            shared[pair] = link.shared
    return Analysed(topic, corpus, unit_of, dict(sentences_of), links, shared), crossing


def fact_pairs(a: Analysed, threshold: float) -> set[Pair]:
    """Pairs of annotated sentences of different reports that share a fact."""
    corpus = with_fact_threshold(a.corpus, threshold)
    pairs: set[Pair] = set()
    for fact in corpus.facts:
        units = sorted({a.unit_of[s] for s in fact.sentences if s in a.unit_of})
        pairs.update((u, v) for u, v in combinations(units, 2) if u[0] != v[0])
    return pairs


@dataclass(slots=True)
class Counts:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, predicted: set[Pair], gold: set[Pair]) -> None:
        self.tp += len(predicted & gold)
        self.pred += len(predicted)
        self.gold += len(gold)

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / self.pred if self.pred else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def line(self) -> str:
        p, r, f = self.prf()
        return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}  ({self.tp}/{self.pred} pred, {self.gold} gold)"


def best_threshold(scored: Iterable[tuple[float, bool]], gold: int) -> tuple[float, Counts]:
    """The threshold maximising micro F1 over (score, is_gold) of the scorable pairs."""
    ordered = sorted(scored, key=lambda x: -x[0])
    best_t, best = math.inf, Counts(0, 0, gold)
    tp = 0
    for k, (score, hit) in enumerate(ordered, start=1):
        tp += hit
        if k < len(ordered) and ordered[k][0] == score:
            continue  # ties: all pairs of one score are in or out together
        current = Counts(tp, k, gold)
        if current.prf()[2] > best.prf()[2]:
            best_t, best = score, current
    return best_t, best


def at_precision(
    scored: Iterable[tuple[float, bool]], gold: int, precision: float
) -> tuple[float, Counts]:
    """The lowest threshold whose predictions still reach `precision`: best recall there."""
    ordered = sorted(scored, key=lambda x: -x[0])
    best_t, best = math.inf, Counts(0, 0, gold)
    tp = 0
    for k, (score, hit) in enumerate(ordered, start=1):
        tp += hit
        if k < len(ordered) and ordered[k][0] == score:
            continue
        if tp / k >= precision and tp > best.tp:
            best_t, best = score, Counts(tp, k, gold)
    return best_t, best


def baseline_scores(topic: Topic, stop: bool) -> dict[Pair, float]:
    """TF-IDF cosine between every two annotated sentences of different reports; IDF
    over all lines of the topic's reports."""
    all_lines = (tokens(line, stop) for doc in topic.docs for line in doc.text.split("\n"))
    docs = [tokens(topic.docs[d].line(line), stop) for d, line in topic.units]
    vectors = tfidf(all_lines, docs)
    groups = [d for d, _ in topic.units]
    scores: dict[Pair, float] = {}
    for i, j, value in all_pairs_cosine(vectors, groups, 1e-12):
        u, v = topic.units[i], topic.units[j]
        scores[(u, v) if u < v else (v, u)] = value
    return scores


# ------------------------------------------------------------------------ errors


def cut(text: str, limit: int = 110) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def false_class(topic: Topic, pair: Pair) -> str:
    (da, la), (db, lb) = pair
    a, b = topic.docs[da], topic.docs[db]
    if a.plus != b.plus:
        return "ecb vs ecbplus report: the topic's other, similar event"
    ca, cb = a.chains.get(la, set()), b.chains.get(lb, set())
    if ca and cb:
        return "same event set, both state cross-doc events, but different ones"
    return "same event set, a sentence with no cross-doc gold event"


class Internals:
    """Each story's document frequencies of the analysed terms and, from the private
    candidate generator of `tui.analysis.facts` when it still has the same signature,
    its candidate pairs: to tell "never a candidate" from "scored under the floor", and
    both from "in two stories" (the analysis compares the sentences of one story only)."""

    def __init__(self, a: Analysed) -> None:
        corpus = a.corpus
        types = {entity.id: entity.type for entity in corpus.entities}
        by_id = {report.id: report for report in corpus.reports}
        self.story_of = dict(corpus.report_story)
        self.state: dict[str, SentenceTerms] = {}
        self.df: dict[str, Counter[str]] = {}  # by story
        self.candidates: set[frozenset[str]] | None = set()
        try:
            from tui.analysis.facts import _candidate_pairs  # private: may change
        except ImportError:
            _candidate_pairs, self.candidates = None, None
        for story in corpus.stories:
            reports = [by_id[r] for r in story.report_ids]
            _, sentences = find_fact_links(reports, corpus.mentions, types)
            items = list(sentences.values())
            self.state.update(sentences)
            df: Counter[str] = Counter()
            for item in items:
                df.update(item.terms)
            self.df[story.id] = df
            if self.candidates is not None and _candidate_pairs is not None:
                try:
                    pairs = _candidate_pairs(items, df)
                except (TypeError, AttributeError):
                    self.candidates = None
                    continue
                self.candidates.update(
                    frozenset((items[i].sentence.id, items[j].sentence.id)) for i, j in pairs
                )

    def _story(self, sentence_id: str) -> str | None:
        return self.story_of.get(sentence_id.partition(".")[0])

    def shared_words(self, a: Analysed, pair: Pair) -> list[str]:
        """Word terms (not names) both gold sentences have, rarest first, with their df
        in the story of the first (or in neither, when they are in two stories: 0)."""
        terms = []
        stories = set()
        for unit in pair:
            found: set[str] = set()
            for sid in a.sentences_of.get(unit, ()):
                stories.add(self._story(sid))
                if sid in self.state:
                    found |= self.state[sid].terms
            terms.append(found)
        df = self.df.get(stories.pop(), Counter()) if len(stories) == 1 else Counter()
        words = [t for t in terms[0] & terms[1] if t[:2] not in NAME_TERMS]
        return [f"{t}:{df[t]}" for t in sorted(words, key=lambda t: (df[t], t))]

    def why(self, a: Analysed, pair: Pair) -> str:
        if pair in a.links:
            return "linked, but under the threshold"
        first, second = ([s for s in a.sentences_of.get(u, ()) if s in self.state] for u in pair)
        if not first or not second:
            return "no link: a sentence has no terms (not analysed)"
        if self._story(first[0]) != self._story(second[0]):
            return "not compared: the reports are in two stories"
        candidate = self.candidates is not None and any(
            frozenset((i, j)) in self.candidates for i in first for j in second
        )
        if candidate:
            return "no link: a candidate, scored under the floor"
        few = len(self.shared_words(a, pair)) < 2
        if self.candidates is None:
            return "no link: " + ("fewer than 2 shared words" if few else "2+ shared words")
        if few:
            return "not a candidate: fewer than 2 shared words (names aside)"
        return "not a candidate: 2+ shared words, but too common for the candidate index"


def print_errors(analysed: list[Analysed], baseline: dict[int, dict[Pair, float]], n: int) -> None:
    t = DEFAULT_THRESHOLD
    false: list[tuple[float, Analysed, Pair]] = []
    missed: list[tuple[float, Analysed, Pair]] = []
    for a in analysed:
        gold = a.topic.gold
        for pair, score in a.links.items():
            if score >= t and pair not in gold:
                false.append((score, a, pair))
        for pair in gold:
            if a.links.get(pair, 0.0) < t:
                missed.append((baseline[a.topic.number].get(pair, 0.0), a, pair))
    print(f"\nerrors at the default threshold {t}:")
    print(f"  false links ({len(false)}) by class:")
    for c, k in Counter(false_class(a.topic, p) for _, a, p in false).most_common():
        print(f"    {k:5d}  {c}")
    internals = {a.topic.number: Internals(a) for a in analysed}
    why = {(a.topic.number, p): internals[a.topic.number].why(a, p) for _, a, p in missed}
    print(f"  missed gold pairs ({len(missed)}) by class:")
    for c, k in Counter(why.values()).most_common():
        print(f"    {k:5d}  {c}")
    sub = sum(a.topic.docs[p[0][0]].plus != a.topic.docs[p[1][0]].plus for _, a, p in missed)
    same = sum(
        a.topic.docs[p[0][0]].line(p[0][1]).lower() == a.topic.docs[p[1][0]].line(p[1][1]).lower()
        for _, a, p in missed
    )
    print(
        f"    (of which {sub} pair an ecb with an ecbplus report; {same} are the same text "
        "ignoring case)"
    )

    def show(a: Analysed, pair: Pair) -> None:
        for d, line in pair:
            doc = a.topic.docs[d]
            print(f"        {doc.name}:{line}  {cut(doc.line(line))}")

    print(f"\n  top {n} false links (score, topic, class; shared terms):")
    false.sort(key=lambda x: (-x[0], x[1].topic.number, x[2]))
    for score, a, pair in false[:n]:
        terms = " ".join(sorted(a.shared[pair]))
        print(f"    {score:.3f}  topic {a.topic.number}, {false_class(a.topic, pair)}")
        print(f"        shared: {cut(terms, 100)}")
        show(a, pair)
    print(
        f"\n  top {n} missed gold pairs by baseline TF-IDF cosine, one per topic and class "
        "(our score, class;\n  shared word terms with their document frequency in the topic; "
        "gold chains shared):"
    )
    missed.sort(key=lambda x: (-x[0], x[1].topic.number, x[2]))
    seen: set[tuple[int, str]] = set()
    shown = 0
    for cosine, a, pair in missed:
        key = (a.topic.number, why[a.topic.number, pair])
        if key in seen:
            continue
        seen.add(key)
        shown += 1
        if shown > n:
            break
        (da, la), (db, lb) = pair
        common = a.topic.docs[da].chains[la] & a.topic.docs[db].chains[lb]
        chains = ", ".join(sorted(a.topic.descriptors.get(c, c) for c in common))
        ours = f"{a.links[pair]:.3f}" if pair in a.links else "none"
        words = " ".join(internals[a.topic.number].shared_words(a, pair)) or "-"
        print(f"    cos {cosine:.3f}  ours {ours}  topic {a.topic.number}, {key[1]}")
        print(f"        words: {cut(words, 100)}; gold: {cut(chains, 60)}")
        show(a, pair)


# -------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="ECB+ export folder")
    parser.add_argument("--topics", default="1-35", help="scored topics, e.g. 1-35 or 1,3,5-9")
    parser.add_argument("--thresholds", default=DEFAULT_THRESHOLDS, help="comma-separated")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="list N worst")
    args = parser.parse_args(argv)

    data: Path = args.data
    if not (data / "text").is_dir() or not (data / "annotations").is_dir():
        print(f"ECB+ data not found at {data}: benchmark skipped")
        return 0
    thresholds = sorted({float(x) for x in args.thresholds.split(",") if x.strip()})
    thresholds = sorted(set(thresholds) | {DEFAULT_THRESHOLD})

    print(
        f"Python {platform.python_version()}, nproc {len(os.sched_getaffinity(0))}, "
        f"{datetime.datetime.now().astimezone().isoformat(timespec='seconds')}"
    )
    t0 = time.perf_counter()
    topics = [t for t in load_topics(data, parse_topics(args.topics)) if t.units]
    n_docs = sum(len(t.docs) for t in topics)
    n_units = sum(len(t.units) for t in topics)
    n_gold = sum(len(t.gold) for t in topics)
    n_strict = sum(len(t.strict) for t in topics)
    print(
        f"data: {data}: {len(topics)} topics with annotations ({args.topics}), {n_docs} reports, "
        f"{n_units} annotated sentences, {n_gold} gold pairs (sentences of different reports "
        f"sharing a cross-document event chain); loaded in {time.perf_counter() - t0:.1f} s"
    )

    t0 = time.perf_counter()
    analysed: list[Analysed] = []
    crossing = 0
    for topic in topics:
        a, c = analyse(topic)
        analysed.append(a)
        crossing += c
    took = time.perf_counter() - t0
    n_links = sum(len(a.corpus.fact_links) for a in analysed)
    covered = sum(len(a.sentences_of) for a in analysed)
    split = sum(len(s) > 1 for a in analysed for s in a.sentences_of.values())
    print(
        f"ours: the analysis once per topic: {took:.1f} s; {n_links} links above the floor "
        f"{LINK_FLOOR} (all sentences), {sum(len(a.links) for a in analysed)} between annotated "
        f"sentences;\n  annotated sentences with a sentence of ours: {covered}/{n_units}, split "
        f"into several of ours: {split}; our sentences crossing a line end, or report.text != "
        f"file: {crossing}"
    )

    print("\nprecision / recall / F1, micro-averaged over topics (pairs of annotated sentences)")
    print(f"{'threshold':>10}  {'links: P':>8} {'R':>6} {'F1':>6} {'pred':>6} {'R 2+':>6}   "
          f"{'same fact: P':>12} {'R':>6} {'F1':>6} {'pred':>6}")  # fmt: skip
    for t in thresholds:
        links, facts, strict = Counts(), Counts(), Counts()
        for a in analysed:
            predicted = {p for p, s in a.links.items() if s >= t}
            links.add(predicted, a.topic.gold)
            strict.add(predicted, a.topic.strict)
            facts.add(fact_pairs(a, t), a.topic.gold)
        lp, lr, lf = links.prf()
        fp, fr, ff = facts.prf()
        mark = " *" if t == DEFAULT_THRESHOLD else "  "
        below = "  (below the link floor)" if t < LINK_FLOOR else ""
        print(
            f"{t:>8.2f}{mark}  {lp:8.3f} {lr:6.3f} {lf:6.3f} {links.pred:6d} "
            f"{strict.prf()[1]:6.3f}   "
            f"{fp:12.3f} {fr:6.3f} {ff:6.3f} {facts.pred:6d}{below}"
        )
    print(
        f"  * default threshold (tui.analysis.facts.DEFAULT_THRESHOLD = {DEFAULT_THRESHOLD})\n"
        f"  R 2+: recall of the links over the {n_strict} gold pairs sharing two or more event "
        "chains\n  same fact: pairs of sentences in one fact (cluster of links), so also pairs "
        "joined only through other sentences"
    )

    default = Counts()
    for a in analysed:
        default.add({p for p, s in a.links.items() if s >= DEFAULT_THRESHOLD}, a.topic.gold)
    best_t, best = best_threshold(
        ((s, p in a.topic.gold) for a in analysed for p, s in a.links.items()), n_gold
    )
    print(f"\nours, links at the default {DEFAULT_THRESHOLD}: {default.line()}")
    print(f"ours, links at the best threshold {best_t:.3f}: {best.line()}")
    reachable = sum(len(a.topic.gold & a.links.keys()) for a in analysed)
    print(f"  gold pairs with any link above the floor (recall ceiling): {reachable / n_gold:.3f}")

    t0 = time.perf_counter()
    baselines: dict[bool, dict[int, dict[Pair, float]]] = {}
    for stop in (False, True):
        baselines[stop] = {t.number: baseline_scores(t, stop) for t in topics}
    took = time.perf_counter() - t0
    total_pairs = 0
    for topic in topics:
        sizes = Counter(d for d, _ in topic.units)
        total_pairs += (sum(sizes.values()) ** 2 - sum(k * k for k in sizes.values())) // 2
    print(
        f"\nbaseline: all-pairs TF-IDF cosine over the same annotated sentences ({total_pairs} "
        f"pairs of different reports; IDF over all lines of the topic; {took:.1f} s for both):"
    )
    for stop, label in ((False, "scikit-learn defaults"), (True, "same, English stop words out")):
        scored = ((s, p in t.gold) for t in topics for p, s in baselines[stop][t.number].items())
        bt, bc = best_threshold(scored, n_gold)
        print(f"  {label:<30} best threshold {bt:.3f}: {bc.line()}")
    p_default = default.prf()[0]
    scored = ((s, p in t.gold) for t in topics for p, s in baselines[True][t.number].items())
    bt, bc = at_precision(scored, n_gold, p_default)
    print(
        f"  stop words out, at our default's precision {p_default:.3f}: threshold {bt:.3f}: "
        f"{bc.line()}"
    )

    if args.errors:
        print_errors(analysed, baselines[False], args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
