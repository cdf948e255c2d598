"""newsprism: compare news reports side by side in the terminal.

`analyze(paths)` and `analyze_texts({name: text})` return a `Corpus`; the reader lives
in `tui.app` and is only imported when it runs.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from tui.version import __version__

if TYPE_CHECKING:
    from tui.analysis.topics import UserTopic
    from tui.model.corpus import Corpus
    from tui.model.corrections import Corrections
    from tui.pipeline.cache import AnalysisCache

__all__ = ["__version__", "analyze", "analyze_texts"]


def analyze(
    paths: Iterable[str | os.PathLike[str]],
    recursive: bool = False,
    corrections: Corrections | None = None,
    user_topics: Sequence[UserTopic] = (),
    cache: AnalysisCache | None = None,
) -> Corpus:
    """Read report files and folders; unreadable ones are listed in `Corpus.errors`.

    With an `AnalysisCache` (`tui.pipeline.cache`), unchanged files and corpora are not redone.
    """
    from tui.pipeline.load import load_corpus

    return load_corpus(
        paths,
        recursive=recursive,
        corrections=corrections,
        user_topics=user_topics,
        cache=cache,
    )


def analyze_texts(
    texts: Mapping[str, str],
    corrections: Corrections | None = None,
    user_topics: Sequence[UserTopic] = (),
) -> Corpus:
    """Analyse reports given as `{name: text}`; names ending .md are Markdown."""
    from tui.ingest.loader import reports_from_texts
    from tui.pipeline.build import corpus_from_reports

    return corpus_from_reports(
        reports_from_texts(texts), corrections=corrections, user_topics=user_topics
    )
