"""What the filters need beyond the corpus's own indexes, built once per corpus (and
fact threshold): which paragraphs state a shared fact, which have a sentence no other
report states, and each outlet's paragraphs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from tui.model.corpus import Corpus
from tui.model.document import Paragraph, Sentence


def states_fact(corpus: Corpus, sentence: Sentence) -> bool:
    """Whether the sentence states a shared fact."""
    return bool(corpus.sentence_facts.get(sentence.id))


def unique_sentence(
    corpus: Corpus,
    paragraph: Paragraph,
    sentence: Sentence,
    linked: frozenset[str] | None = None,
) -> bool:
    """Whether the sentence (of `paragraph`) is one no other report states
    (`Corpus.is_unique`; `linked`: `Corpus.linked_sentences()`, found once for many
    sentences)."""
    if linked is None:
        linked = corpus.linked_sentences()
    return corpus.is_unique(paragraph, sentence, linked)


@dataclass(frozen=True, slots=True)
class ParagraphIndex:
    # Paragraphs with a sentence stating a shared fact.
    shared: frozenset[str]
    # Paragraphs with a sentence no other report states.
    unique: frozenset[str]
    # Outlet (`Report.outlet`) -> the ids of its reports' paragraphs.
    outlets: Mapping[str, frozenset[str]]


def build_index(corpus: Corpus) -> ParagraphIndex:
    shared: list[str] = []
    unique: list[str] = []
    outlets: dict[str, list[str]] = {}
    linked = corpus.linked_sentences()
    for report in corpus.reports:
        ids = outlets.setdefault(report.outlet, [])
        for paragraph in report.paragraphs:
            ids.append(paragraph.id)
            sentences = paragraph.sentences
            if any(states_fact(corpus, s) for s in sentences):
                shared.append(paragraph.id)
            if any(unique_sentence(corpus, paragraph, s, linked) for s in sentences):
                unique.append(paragraph.id)
    return ParagraphIndex(
        shared=frozenset(shared),
        unique=frozenset(unique),
        outlets={outlet: frozenset(ids) for outlet, ids in outlets.items()},
    )
