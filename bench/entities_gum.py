"""Typed names on text the entity rules were never tuned on: GUM's news (and other
genres), against its entity annotation (no Textual).

GUM (Georgetown University Multilayer corpus, https://github.com/amir-zeldes/gum;
annotations CC BY 4.0, Wikinews texts CC BY 2.5) annotates every mention of a person,
place, organisation and more, with its syntax. A gold *name* here is a mention of a
person, place or organisation whose syntactic head is a proper noun (UPOS PROPN or XPOS
NNP: "United States"); its span, as a news NER set would write it, is the run of proper
nouns around that head, with "of", "&", hyphens and name particles between them
("University of Texas"; a person's name joins by particles only: not "Frederick Fung of
ADPL"), without leading "the". A name nested inside another gold name is left out (news
NER sets do not nest): the outer one counts, as it is written.

Each document is read as one report (`tui.ingest.report.build_report`, one paragraph
per GUM paragraph) and run through `find_entities` alone. Printed per genre group:

- untyped spans: precision, recall, F1 of our PERSON/ORG/PLACE mentions against the
  gold names (exact span);
- typed: the same, a match counting only with the same type (the figure a news NER
  test set reports as typed F1);
- typed, head match: a match when our mention overlaps the gold span and holds its
  head word (span edges forgiven; one-to-one);
- the confusion of types over head matches, and with `--errors N` the most frequent
  misses, false alarms and wrong types.

The GUM checkout is not in this repository: pass its `dep` folder (or any folder of
its `.conllu` files). Reddit documents carry no text there and are skipped.

    python bench/entities_gum.py --data PATH/TO/gum/dep [--genres news,bio] [--errors N]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tui.analysis.entities import find_entities
from tui.ingest.report import build_report

TYPES = {"person": "PERSON", "organization": "ORG", "place": "PLACE"}
OURS = frozenset(TYPES.values())
# Words that may join proper nouns inside one name ("Bank of America", "AT&T").
# ("Frederick Fung of ADPL", "Ben Chan and Leung Che-cheung": a person of an
# organisation, two people, in one mention; a person's name joins only by particles).
_JOINERS = frozenset({"of", "&", "-", "de", "da", "del", "van", "von", "al", "bin"})
_PERSON_JOINERS = _JOINERS - {"of", "&"}
_OPEN = re.compile(r"\((\d+)-([a-z]+)")
_CLOSE = re.compile(r"(\d+)\)")


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    proper: bool  # a proper noun by its part of speech (UPOS PROPN or XPOS NNP/NNPS)
    head: int  # index into the sentence's tokens, -1 for the root
    start: int  # character offsets in the document's text
    end: int


@dataclass(frozen=True, slots=True)
class Name:
    doc: str
    start: int
    end: int
    head_start: int
    head_end: int
    type: str
    text: str


@dataclass
class Document:
    name: str
    text: str
    names: list[Name]


def read_conllu(path: Path) -> Document | None:
    """The document's text (paragraphs apart by blank lines) and its gold names."""
    paragraphs: list[list[list[list[str]]]] = []  # paragraph -> sentence -> token fields
    current: list[list[str]] = []
    new_paragraph = True
    lines = path.read_text(encoding="utf-8").splitlines()
    for line in [*lines, ""]:
        if line.startswith("# newpar"):
            new_paragraph = True
        elif line.startswith("#"):
            continue
        elif not line.strip():
            if current:
                if new_paragraph or not paragraphs:
                    paragraphs.append([])
                    new_paragraph = False
                paragraphs[-1].append(current)
                current = []
        else:
            fields = line.split("\t")
            if "-" in fields[0] or "." in fields[0]:
                continue  # multi-word token lines and empty nodes
            current.append(fields)
    if not paragraphs or all(f[1] == "_" for p in paragraphs for s in p for f in s):
        return None
    text_parts: list[str] = []
    offset = 0
    names: list[Name] = []
    for p_index, paragraph in enumerate(paragraphs):
        if p_index:
            text_parts.append("\n\n")
            offset += 2
        for s_index, raw in enumerate(paragraph):
            if s_index:
                text_parts.append(" ")
                offset += 1
            tokens: list[Token] = []
            for fields in raw:
                word = fields[1]
                tokens.append(
                    Token(
                        word,
                        fields[3] == "PROPN" or fields[4] in ("NNP", "NNPS"),
                        int(fields[6]) - 1,
                        offset,
                        offset + len(word),
                    )
                )
                text_parts.append(word)
                offset += len(word)
                if "SpaceAfter=No" not in fields[9]:
                    text_parts.append(" ")
                    offset += 1
            names.extend(_sentence_names(path.stem, tokens, raw))
    text = "".join(text_parts)
    return Document(path.stem, text, _outermost(names))


def _sentence_names(doc: str, tokens: Sequence[Token], raw: Sequence[list[str]]) -> Iterator[Name]:
    open_spans: dict[str, list[tuple[int, str]]] = defaultdict(list)
    spans: list[tuple[int, int, str]] = []
    for i, fields in enumerate(raw):
        misc = dict(part.split("=", 1) for part in fields[9].split("|") if "=" in part).get(
            "Entity", ""
        )
        position = 0
        while position < len(misc):
            opened = _OPEN.match(misc, position)
            if opened:
                open_spans[opened.group(1)].append((i, opened.group(2)))
                # skip to the end of this opener: up to the next "(" or a ")" that ends it
                end = position + 1
                while end < len(misc) and misc[end] not in "()":
                    end += 1
                if end < len(misc) and misc[end] == ")":
                    start, kind = open_spans[opened.group(1)].pop()
                    spans.append((start, i, kind))
                    end += 1
                position = end
                continue
            closed = _CLOSE.match(misc, position)
            if closed and open_spans.get(closed.group(1)):
                start, kind = open_spans[closed.group(1)].pop()
                spans.append((start, i, kind))
                position = closed.end()
                continue
            position += 1
    for first, last, kind in spans:
        if kind not in TYPES:
            continue
        inside = range(first, last + 1)
        heads = [i for i in inside if tokens[i].head not in inside]
        if len(heads) != 1 or not tokens[heads[0]].proper:
            continue
        head = heads[0]
        left = right = head
        joiners = _PERSON_JOINERS if kind == "person" else _JOINERS
        while left - 1 >= first and _in_name(tokens, left - 1, first, last, joiners):
            left -= 1
        while right + 1 <= last and _in_name(tokens, right + 1, first, last, joiners):
            right += 1
        while left < right and not tokens[left].proper:
            left += 1
        while right > left and not tokens[right].proper:
            right -= 1
        start, end = tokens[left].start, tokens[right].end
        yield Name(
            doc,
            start,
            end,
            tokens[head].start,
            tokens[head].end,
            TYPES[kind],
            " ".join(t.text for t in tokens[left : right + 1]),
        )


def _in_name(
    tokens: Sequence[Token], i: int, first: int, last: int, joiners: frozenset[str]
) -> bool:
    token = tokens[i]
    if token.proper:
        return True
    if token.text.lower() in joiners:
        # only between proper nouns
        return first < i < last and tokens[i - 1].proper and tokens[i + 1].proper
    return False


def _outermost(names: Iterable[Name]) -> list[Name]:
    found = sorted(set(names), key=lambda n: (n.start, -n.end))
    kept: list[Name] = []
    for name in found:
        if kept and name.start < kept[-1].end:
            continue  # nested in (or crossing) the one before
        kept.append(name)
    return kept


Span = tuple[str, int, int, str]


def our_names(document: Document) -> list[Span]:
    report = build_report("r1", document.name, document.text, markdown=False)
    if report.text != document.text:
        raise SystemExit(f"entities_gum: {document.name}: the report's text is not the document's")
    analysis = find_entities([report])
    types = {entity.id: entity.type for entity in analysis.entities}
    return [
        (document.name, m.start, m.end, types[m.entity])
        for m in analysis.mentions
        if types.get(m.entity) in OURS
    ]


def prf(tp: int, predicted: int, gold: int) -> str:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.3f} R {r:.3f} F1 {f:.3f}"


def score(docs: Sequence[Document], ours: dict[str, list[Span]], errors: int, label: str) -> None:
    gold = [n for d in docs for n in d.names]
    predicted = [s for d in docs for s in ours[d.name]]
    gold_spans = {(n.doc, n.start, n.end): n for n in gold}
    exact_untyped = sum((s[0], s[1], s[2]) in gold_spans for s in predicted)
    exact_typed = sum(
        (s[0], s[1], s[2]) in gold_spans and gold_spans[s[0], s[1], s[2]].type == s[3]
        for s in predicted
    )
    # head matches, one-to-one, in text order
    by_doc: dict[str, list[Span]] = defaultdict(list)
    for s in predicted:
        by_doc[s[0]].append(s)
    used: set[Span] = set()
    confusion: Counter[tuple[str, str]] = Counter()
    missed: Counter[str] = Counter()
    wrong_type: Counter[str] = Counter()
    head_typed = 0
    for n in gold:
        match = next(
            (
                s
                for s in by_doc[n.doc]
                if s not in used
                and s[1] <= n.head_start
                and n.head_end <= s[2]
                and s[1] < n.end
                and n.start < s[2]
            ),
            None,
        )
        if match is None:
            confusion[n.type, "-"] += 1
            missed[f"{n.text} ({n.type})"] += 1
            continue
        used.add(match)
        confusion[n.type, match[3]] += 1
        if match[3] == n.type:
            head_typed += 1
        else:
            wrong_type[f"{n.text} ({n.type} as {match[3]})"] += 1
    texts = {d.name: d.text for d in docs}
    false_alarms = Counter(
        f"{texts[s[0]][s[1] : s[2]]} ({s[3]})" for s in predicted if s not in used
    )
    print(f"\n{label}: {len(docs)} documents, {len(gold)} gold names, {len(predicted)} of ours")
    print(f"  untyped spans, exact : {prf(exact_untyped, len(predicted), len(gold))}")
    print(f"  typed, exact         : {prf(exact_typed, len(predicted), len(gold))}")
    print(f"  typed, head match    : {prf(head_typed, len(predicted), len(gold))}")
    rows = ("PERSON", "ORG", "PLACE")
    print("  gold \\ ours  " + "  ".join(f"{c:>6}" for c in (*rows, "-")))
    for g in rows:
        print(f"  {g:<12}" + "  ".join(f"{confusion[g, c]:>6}" for c in (*rows, "-")))
    if errors:
        for title, counter in (
            ("missed", missed),
            ("false alarms", false_alarms),
            ("wrong type", wrong_type),
        ):
            print(f"  {title}: " + "; ".join(f"{k} x{v}" for k, v in counter.most_common(errors)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="GUM's dep folder")
    parser.add_argument("--genres", default="news", help="comma-separated, or 'all'")
    parser.add_argument("--errors", type=int, default=0)
    args = parser.parse_args()
    files = sorted(args.data.glob("GUM_*.conllu"))
    if not files:
        sys.exit(f"entities_gum: no GUM_*.conllu files in {args.data}")
    wanted = None if args.genres == "all" else set(args.genres.split(","))
    groups: dict[str, list[Document]] = defaultdict(list)
    for path in files:
        genre = path.stem.split("_")[1]
        if wanted is not None and genre not in wanted:
            continue
        document = read_conllu(path)
        if document is not None:
            groups[genre].append(document)
    ours: dict[str, list[Span]] = {}
    for documents in groups.values():
        for document in documents:
            ours[document.name] = our_names(document)
    for genre, documents in sorted(groups.items()):
        score(documents, ours, args.errors, genre)
    if len(groups) > 1:
        score([d for ds in groups.values() for d in ds], ours, args.errors, "all")


if __name__ == "__main__":
    main()
