"""newsprism: compare news reports side by side in the terminal.

`analyze(paths)` (`tui.pipeline.load.load_corpus`: files and folders, with an optional
cache) and `analyze_texts({name: text})` return a `Corpus`; the reader lives in
`tui.app` and is only imported when it runs. Both are imported on first use: `import
tui` alone loads no analysis.

Large inputs are analysed story by story on a pool of processes (`jobs=`, default every
core), started as multiprocessing's "forkserver" or "spawn" start methods do: a script
that calls them must keep its top-level code under `if __name__ == "__main__":`, or
pass `jobs=1`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from tui.version import __version__

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from tui.analysis.topics import UserTopic
    from tui.model.corpus import Corpus
    from tui.model.corrections import Corrections
    from tui.pipeline.load import load_corpus as analyze

__all__ = ["__version__", "analyze", "analyze_texts"]


def __getattr__(name: str) -> Any:
    """`tui.analyze` is the loader's `load_corpus`, imported when first asked for."""
    if name == "analyze":
        from tui.pipeline.load import load_corpus

        return load_corpus
    raise AttributeError(f"module 'tui' has no attribute {name!r}")


def analyze_texts(
    texts: Mapping[str, str],
    corrections: Corrections | None = None,
    user_topics: Sequence[UserTopic] = (),
    *,
    one_story: bool = False,
    jobs: int | None = None,
    executor: Executor | None = None,
) -> Corpus:
    """Analyse reports given as `{name: text}`; names ending .md are Markdown. With
    `one_story` every report is taken to be about one story. `jobs` and `executor`: where
    the per-story analyses run, as for `analyze` (the result is the same)."""
    from tui.ingest.loader import reports_from_texts
    from tui.pipeline.build import analysis_stages, last_corpus

    reports = reports_from_texts(texts)
    stages = analysis_stages(
        reports,
        corrections=corrections,
        user_topics=user_topics,
        one_story=one_story,
        jobs=jobs,
        executor=executor,
    )
    return last_corpus(stages)
