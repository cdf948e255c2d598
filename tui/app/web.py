"""The reader opened on web addresses (`newsprism URL...`): the pages are fetched in a
worker (`fetch_pages`, `tui.ingest.fetch`), with a progress bar, and read as the reports
they become.

The reader does not wait for the slowest page: once `OPEN_AFTER` seconds have passed and
`OPEN_WITH` articles have arrived, it opens on those (read, analysed into stories,
shown) while the rest are fetched; when the fetch ends, the articles that came later
are read after them and the analysis runs again on all of them (the reader keeps the
first one on screen until then). A fetch that ends sooner opens the reader once, on
everything. `WebLoading` decides when; the app reads (`NewsprismApp.read_paths`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from tui.app.messages import PageArrived, PagesFetched, PagesReady
from tui.model.corpus import LoadError

if TYPE_CHECKING:
    from textual.message import Message

    from tui.ingest.fetch import WebSources

# The reader opens on what has arrived once the fetch has taken this long...
OPEN_AFTER = 2.0
# ...and this many articles are in.
OPEN_WITH = 2


class WebLoading:
    """When the reader opens on the fetch's articles, in one round or two (see the
    module). `read(paths, more)` reads them (with `more`, after those read before);
    `failed(error)` says an address that failed; `busy()`: whether reports are being
    read or analysed."""

    def __init__(
        self,
        paths: Sequence[str],
        read: Callable[[list[str], bool], None],
        failed: Callable[[LoadError], None],
        busy: Callable[[], bool],
    ) -> None:
        # The paths given beside the addresses: read first, every round.
        self.paths = list(paths)
        self.read = read
        self.failed = failed
        self.busy = busy
        self.arrived: list[str] = []
        # The articles the reader was opened on (None: not yet).
        self.opened: list[str] | None = None
        # Whether `OPEN_AFTER` seconds have passed since the fetch began (`time_up`).
        self.waited = False
        # The articles left for a second round, once the first round's analysis is done.
        self.later: list[str] = []

    def time_up(self) -> None:
        """`OPEN_AFTER` seconds since the fetch began (the app's timer)."""
        self.waited = True
        self._open_early()

    def page_arrived(self, path: str) -> None:
        self.arrived.append(path)
        self._open_early()

    def _open_early(self) -> None:
        """Open on the articles in, once the fetch has taken `OPEN_AFTER` seconds and
        `OPEN_WITH` are in (checked as each arrives, and when the time is up)."""
        if self.opened is None and self.waited and len(self.arrived) >= OPEN_WITH:
            self._open(list(self.arrived))

    def pages_ready(self, message: PagesReady) -> None:
        """Each failed address said (as a file that could not be read is); the reader
        opened on the articles, or given those that came after it opened."""
        for url, reason in message.failed:
            self.failed(LoadError(url, reason))
        if self.opened is None:
            self._open(list(message.articles))
            return
        shown = set(self.opened)
        self.later = [path for path in message.articles if path not in shown]
        if self.later and not self.busy():
            self._read_later()

    def analysis_done(self) -> None:
        """An analysis is on screen (or failed): the articles that came later are read."""
        if self.later and not self.busy():
            self._read_later()

    def _read_later(self) -> None:
        assert self.opened is not None
        self.opened += self.later
        self.later = []
        self.read([*self.paths, *self.opened], True)

    def _open(self, articles: list[str]) -> None:
        self.opened = articles
        self.read([*self.paths, *articles], False)


def fetch_pages(web: WebSources, post: Callable[[Message], object]) -> None:
    """Fetch the web sources into their folder (in a worker), posting the progress and
    each article as it arrives, then the end of the fetch."""

    def progress(done: int, total: int) -> None:
        post(PagesFetched(done, total))

    def arrived(path: object) -> None:
        post(PageArrived(str(path)))

    result = web.fetch(progress, arrived)
    articles = tuple(str(path) for path in result.articles)
    post(PagesReady(articles, tuple(result.failed)))
