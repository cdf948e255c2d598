"""From files or texts to a Corpus: ingest, then (in later stages) the analyses."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

from tui.ingest.loader import discover, iter_reports
from tui.model.corpus import Corpus, LoadError
from tui.model.document import Report


def corpus_from_reports(reports: Sequence[Report], errors: Sequence[LoadError] = ()) -> Corpus:
    return Corpus(reports=tuple(reports), errors=tuple(errors))


def load_corpus(paths: Iterable[str | os.PathLike[str]], recursive: bool = False) -> Corpus:
    found = discover(paths, recursive=recursive)
    reports: list[Report] = []
    errors: list[LoadError] = list(found.errors)
    for item in iter_reports(found.files):
        if isinstance(item, Report):
            reports.append(item)
        else:
            errors.append(item)
    return corpus_from_reports(reports, errors)
