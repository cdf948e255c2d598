"""Typed names on a news NER set in the CoNLL-2003 format: newswire the entity rules were
never tuned on, scored as a news NER test set scores a tagger (no Textual).

CoNLL-2003's English data (Reuters news of 1996: articles, sports results, tables,
headlines in capitals) tags every name PER, ORG, LOC or MISC, one token a line (the
token first, the tag last, IOB1 or IOB2), sentences apart by blank lines, documents by
`-DOCSTART-` lines. Pass a file of that format; none is in this repository (Reuters'
text is licensed to research users), so use the copy you may read, and score on its
development split (`testa`): the test split is for a final figure.

Each document becomes one report of one paragraph per sentence, its tokens joined by
spaces but before closing punctuation and after opening brackets, and runs through
`find_entities` alone. Gold names are the PER, ORG and LOC spans (PERSON, ORG, PLACE);
MISC names ("Dutch", "World Cup") are no gold name, so calling one a person, an
organisation or a place is a false alarm, as a tagger's typed F1 counts it. The
figures and the lists of errors are those of `entities_gum.py`.

    python bench/entities_conll.py --data PATH/TO/eng.testa [--errors N]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from entities_gum import Document, Name, Span, our_names, score

TYPES = {"PER": "PERSON", "ORG": "ORG", "LOC": "PLACE"}
# Tokens written against the word before them, and after which no space comes.
_CLOSING = frozenset(", . : ; ) ] } % ? ! 's 'S n't 're 've 'll 'd 'm '".split())
_OPENING = frozenset("( [ { $".split())

Token = tuple[str, str]  # the token and its tag


def read_conll(path: Path) -> list[Document]:
    """The documents of a CoNLL-2003 file, with their text and their gold names."""
    documents: list[list[list[Token]]] = [[]]
    sentence: list[Token] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split()
        if not fields or fields[0] == "-DOCSTART-":
            if sentence:
                documents[-1].append(sentence)
                sentence = []
            if fields and documents[-1]:
                documents.append([])
            continue
        sentence.append((fields[0], fields[-1]))
    if sentence:
        documents[-1].append(sentence)
    return [
        _document(f"{path.stem}-{number}", sentences)
        for number, sentences in enumerate(documents, 1)
        if sentences
    ]


def _document(name: str, sentences: list[list[Token]]) -> Document:
    parts: list[str] = []
    names: list[Name] = []
    offset = 0
    for number, sentence in enumerate(sentences):
        if number:
            parts.append("\n\n")
            offset += 2
        spans: list[tuple[int, int, str]] = []
        current: tuple[int, int, str] | None = None
        for index, (word, tag) in enumerate(sentence):
            if index and word not in _CLOSING and sentence[index - 1][0] not in _OPENING:
                parts.append(" ")
                offset += 1
            start = offset
            parts.append(word)
            offset += len(word)
            kind = tag[2:] if tag != "O" else None
            if current is not None and (kind != current[2] or tag.startswith("B-")):
                spans.append(current)
                current = None
            if kind is not None:
                current = (start, offset, kind) if current is None else (current[0], offset, kind)
        if current is not None:
            spans.append(current)
        text = "".join(parts)
        for start, end, kind in spans:
            if kind in TYPES:
                names.append(Name(name, start, end, start, end, TYPES[kind], text[start:end]))
    return Document(name, "".join(parts), names)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="a CoNLL-2003-format file")
    parser.add_argument("--errors", type=int, default=0)
    args = parser.parse_args()
    if not args.data.is_file():
        sys.exit(f"entities_conll: no such file: {args.data}")
    documents = read_conll(args.data)
    if not any(d.names for d in documents):
        sys.exit(f"entities_conll: no PER, ORG or LOC names in {args.data}")
    ours: dict[str, list[Span]] = {d.name: our_names(d) for d in documents}
    score(documents, ours, args.errors, args.data.name)


if __name__ == "__main__":
    main()
