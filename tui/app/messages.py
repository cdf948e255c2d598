"""Messages the loading worker posts to the app."""

from __future__ import annotations

from textual.message import Message

from tui.model.corpus import LoadError
from tui.model.document import Report


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
