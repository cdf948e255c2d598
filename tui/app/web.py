"""The reader opened on web addresses (`newsprism URL...`): the pages are fetched in a
worker (`tui.ingest.fetch`), with a progress bar, and read as the reports they become.

The reader does not wait for the slowest page: once `OPEN_AFTER` seconds have passed and
`OPEN_WITH` articles have arrived, it opens on those (read, analysed into stories,
shown) while the rest are fetched; when the fetch ends, the articles that came later
are read after them and the analysis runs again on all of them (the reader keeps the
first one on screen until then). A fetch that ends sooner opens the reader once, on
everything.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from tui.app.messages import PageArrived, PagesFetched, PagesReady, ReportFailed
from tui.model.corpus import LoadError

if TYPE_CHECKING:
    from tui.app.app import NewsprismApp

# The reader opens on what has arrived once the fetch has taken this long...
OPEN_AFTER = 2.0
# ...and this many articles are in.
OPEN_WITH = 2


class WebLoading:
    """The fetch and the reader's opening on its articles, in one or two rounds (see
    the module); `NewsprismApp` holds one when it was given web addresses."""

    def __init__(self, app: NewsprismApp, paths: list[str]) -> None:
        self.app = app
        # The paths given beside the addresses: read first, every round.
        self.paths = paths
        self.arrived: list[str] = []
        # The articles the reader was opened on (None: not yet).
        self.opened: list[str] | None = None
        # Whether `OPEN_AFTER` seconds have passed since the fetch began.
        self.waited = False
        # The articles left for a second round, once the first round's analysis is done.
        self.later: list[str] = []

    def start(self) -> None:
        self.app.reader.show_fetched(0, 0)
        self.app.set_timer(OPEN_AFTER, self._time_up)
        self.app.run_worker(
            partial(_fetch_pages, self.app),
            thread=True,
            exclusive=True,
            exit_on_error=False,
            group="fetch",
        )

    def page_arrived(self, path: str) -> None:
        self.arrived.append(path)
        self._open_early()

    def _time_up(self) -> None:
        self.waited = True
        self._open_early()

    def _open_early(self) -> None:
        """Open on the articles in, once the fetch has taken `OPEN_AFTER` seconds and
        `OPEN_WITH` are in (checked as each arrives, and when the time is up)."""
        if self.opened is None and self.waited and len(self.arrived) >= OPEN_WITH:
            self._open(list(self.arrived))

    def pages_ready(self, message: PagesReady) -> None:
        """Each failed address said (as a file that could not be read is); the reader
        opened on the articles, or given those that came after it opened."""
        app = self.app
        for url, reason in message.failed:
            app.on_report_failed(ReportFailed(LoadError(url, reason), 0, 0))
        if self.opened is None:
            self._open(list(message.articles))
            return
        shown = set(self.opened)
        self.later = [path for path in message.articles if path not in shown]
        if self.later and not app.analysis_running and not app.loading:
            self.read_later()

    def analysis_done(self) -> None:
        """An analysis is on screen: the articles that came later, if any, are read."""
        if self.later and not self.app.loading:
            self.read_later()

    def read_later(self) -> None:
        assert self.opened is not None
        self.opened += self.later
        self.later = []
        self.app.read_paths([*self.paths, *self.opened], more=True)

    def _open(self, articles: list[str]) -> None:
        self.opened = articles
        self.app.read_paths([*self.paths, *articles], more=False)


def _fetch_pages(app: NewsprismApp) -> None:
    """Fetch the web sources into their folder, posting the progress and each article
    as it arrives, then the end of the fetch."""
    assert app.web is not None, "started only with web sources"

    def progress(done: int, total: int) -> None:
        app.post_message(PagesFetched(done, total))

    def arrived(path: object) -> None:
        app.post_message(PageArrived(str(path)))

    result = app.web.fetch(progress, arrived)
    articles = tuple(str(path) for path in result.articles)
    app.post_message(PagesReady(articles, tuple(result.failed)))
