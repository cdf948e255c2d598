"""Messages the workers and screens post to the app."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from textual.message import Message

from tui.model.corpus import LoadError
from tui.model.document import Report

if TYPE_CHECKING:
    from tui.model.corpus import Corpus
    from tui.model.corrections import Corrections, StoryCorrection
    from tui.query.tags import TagIndex


class ReportLoaded(Message):
    def __init__(self, report: Report, done: int, total: int) -> None:
        super().__init__()
        self.report = report
        self.done = done
        self.total = total


class ReportFailed(Message):
    def __init__(self, error: LoadError, done: int, total: int) -> None:
        super().__init__()
        self.error = error
        self.done = done
        self.total = total


class LoadingFinished(Message):
    pass


class PagesFetched(Message):
    """`done` of `total` pages fetched (the reader opened on web addresses)."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total


class PageArrived(Message):
    """An article's report is saved (`path`), fetched now or before."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path


class PagesReady(Message):
    """The fetch is over: `articles` are the saved reports to read, `failed` the
    addresses that failed, each with one line saying why."""

    def __init__(self, articles: tuple[str, ...], failed: tuple[tuple[str, str], ...]) -> None:
        super().__init__()
        self.articles = articles
        self.failed = failed


class AnalysisReady(Message):
    """The analysis worker's result; `problems` are one-line notices (e.g. a bad
    corrections file) to show the user; `tags` the corpus's tag index, built in the
    worker too (None: the reader builds it)."""

    def __init__(
        self,
        corpus: Corpus,
        corrections: Corrections,
        problems: tuple[str, ...] = (),
        tags: TagIndex | None = None,
    ) -> None:
        super().__init__()
        self.corpus = corpus
        self.corrections = corrections
        self.problems = problems
        self.tags = tags


class AnalysisProgress(Message):
    """An analysis stage is done ("entities", "facts"): `corpus` holds what is known so
    far, so highlights and filters can show before the whole analysis is."""

    def __init__(self, stage: str, corpus: Corpus, tags: TagIndex | None = None) -> None:
        super().__init__()
        self.stage = stage
        self.corpus = corpus
        self.tags = tags


class CorrectionRequested(Message):
    """The entity picker asks for a hand correction: merge two forms, or split one off."""

    def __init__(self, kind: Literal["merge", "split"], forms: tuple[str, ...]) -> None:
        super().__init__()
        self.kind = kind
        self.forms = forms


class StoryCorrectionRequested(Message):
    """The reader asks for a hand correction of the stories (`change` names reports by
    key); `done` says what it does, for the notice."""

    def __init__(self, change: StoryCorrection, done: str) -> None:
        super().__init__()
        self.change = change
        self.done = done


class StoryCorrectionUndoRequested(Message):
    """The reader asks for the last story correction to be taken back."""


class FactsMatched(Message):
    """The facts re-clustered at another threshold: `corpus` is `base` with new facts."""

    def __init__(self, corpus: Corpus, base: Corpus) -> None:
        super().__init__()
        self.corpus = corpus
        self.base = base
