"""From files or texts to a Corpus: ingest, then (in later stages) the analyses."""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Sequence

from tui.analysis.entities import Corrections, find_entities
from tui.ingest.loader import discover, iter_reports
from tui.model.corpus import Corpus, LoadError
from tui.model.document import Report
from tui.model.entities import Mention


def corpus_from_reports(
    reports: Sequence[Report],
    errors: Sequence[LoadError] = (),
    corrections: Corrections | None = None,
) -> Corpus:
    """Run the analyses over read reports and index the results."""
    analysis = find_entities(reports, corrections)
    by_paragraph: dict[str, list[Mention]] = defaultdict(list)
    by_entity: dict[str, set[str]] = defaultdict(set)
    for mention in analysis.mentions:
        by_paragraph[mention.paragraph].append(mention)
        by_entity[mention.entity].add(mention.paragraph)
    return Corpus(
        reports=tuple(reports),
        errors=tuple(errors),
        entities=analysis.entities,
        mentions={p: tuple(sorted(ms, key=lambda m: m.start)) for p, ms in by_paragraph.items()},
        entity_paragraphs={e: frozenset(ps) for e, ps in by_entity.items()},
    )


def load_corpus(
    paths: Iterable[str | os.PathLike[str]],
    recursive: bool = False,
    corrections: Corrections | None = None,
) -> Corpus:
    found = discover(paths, recursive=recursive)
    reports: list[Report] = []
    errors: list[LoadError] = list(found.errors)
    for item in iter_reports(found.files):
        if isinstance(item, Report):
            reports.append(item)
        else:
            errors.append(item)
    return corpus_from_reports(reports, errors, corrections)
