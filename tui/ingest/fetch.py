"""Pages and feeds from the web into a folder of reports (`newsprism fetch`).

Each argument is a page, an RSS/Atom feed (every entry's page is fetched) or an OPML
list of feeds. Each article is saved as Markdown with front matter (`tui.ingest.html`),
with the page's HTML beside it, so that everything after a fetch works with no network
and a newer extractor can read the pages again. Running it again on the same folder asks
feeds only for what changed (ETag, Last-Modified) and never fetches a saved article again.

A good citizen: http and https only (a redirect to any other scheme is refused), at
most `MAX_REDIRECTS` redirects, a timeout, a size limit (the reader's file limit), a
User-Agent naming newsprism, robots.txt honoured unless told otherwise, gzip and deflate,
and at most `per_host` requests at a time to one host. Every failure is one line; the
other articles still arrive.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import threading
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from tui.files import locked, private_folder, write_atomically
from tui.ingest.decode import UnreadableFile
from tui.version import __version__
from tui.wording import count_of

USER_AGENT = f"newsprism/{__version__} (news reader; fetches each page once)"
MAX_REDIRECTS = 5
MAX_BYTES = 8 * 1024 * 1024  # the reader's own file limit (`tui.ingest.loader`)
DEFAULT_TIMEOUT = 20.0
DEFAULT_PER_HOST = 2
# The parallel requests of a whole fetch, all hosts together.
MAX_WORKERS = 8
STATE_FILE = ".newsprism-fetch.json"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


class FetchError(Exception):
    """One thing that could not be fetched; the message is one line for the user."""


@dataclass(frozen=True, slots=True)
class Response:
    url: str  # where the body came from, after redirects
    status: int
    headers: dict[str, str]
    body: bytes


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects are followed by `Fetcher.get` itself: it checks each one's scheme."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _scheme_ok(url: str) -> bool:
    return urlsplit(url).scheme.lower() in ("http", "https") and bool(urlsplit(url).hostname)


def _decoded(body: bytes, encoding: str) -> bytes:
    encoding = encoding.strip().lower()
    try:
        if encoding == "gzip":
            return gzip.decompress(body)
        if encoding == "deflate":
            try:
                return zlib.decompress(body)
            except zlib.error:
                return zlib.decompress(body, -zlib.MAX_WBITS)  # raw deflate
    except (OSError, EOFError, zlib.error) as exc:
        raise FetchError(f"bad {encoding} content") from exc
    return body


class Fetcher:
    """HTTP GETs under the rules above. Thread-safe: one per fetch, shared by its
    workers; `requests` counts what was sent."""

    def __init__(
        self,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        per_host: int = DEFAULT_PER_HOST,
        robots: bool = True,
    ) -> None:
        self.timeout = timeout
        self.per_host = max(1, per_host)
        self.robots = robots
        self.requests = 0
        self._lock = threading.Lock()
        self._hosts: dict[str, threading.Semaphore] = {}
        self._rules: dict[str, RobotFileParser | None] = {}
        self._opener = urllib.request.build_opener(_NoRedirects())

    def _host_slot(self, url: str) -> threading.Semaphore:
        host = urlsplit(url).netloc.lower()
        with self._lock:
            return self._hosts.setdefault(host, threading.BoundedSemaphore(self.per_host))

    def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}".lower()
        with self._lock:
            known = origin in self._rules
            rules = self._rules.get(origin)
        if not known:
            rules = None
            try:
                found = self._send(origin + "/robots.txt", {})
            except FetchError:
                found = None  # no robots.txt to be had: nothing is disallowed
            if found is not None and found.status == 200:
                rules = RobotFileParser()
                rules.parse(found.body.decode("utf-8", "replace").splitlines())
            with self._lock:
                self._rules[origin] = rules
        return rules is None or rules.can_fetch(USER_AGENT, url)

    def _send(self, url: str, extra: dict[str, str]) -> Response:
        request = urllib.request.Request(
            url,
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate", **extra},
        )
        with self._host_slot(url):
            with self._lock:
                self.requests += 1
            try:
                handle = self._opener.open(request, timeout=self.timeout)
            except urllib.error.HTTPError as exc:  # 3xx (not followed here), 4xx, 5xx
                handle = exc
            except (urllib.error.URLError, OSError, ValueError) as exc:
                reason = getattr(exc, "reason", exc)
                if isinstance(reason, TimeoutError) or isinstance(exc, TimeoutError):
                    raise FetchError("timed out") from exc
                raise FetchError(f"cannot connect: {reason}") from exc
            try:
                status = handle.status or 0
                headers: Message = handle.headers
                length = headers.get("Content-Length", "")
                if length.isdecimal() and int(length) > MAX_BYTES:
                    raise FetchError(f"too large (limit {MAX_BYTES // 2**20} MiB)")
                body = handle.read(MAX_BYTES + 1)
            except TimeoutError as exc:
                raise FetchError("timed out") from exc
            except OSError as exc:
                raise FetchError(f"connection lost: {exc}") from exc
            finally:
                handle.close()
        if len(body) > MAX_BYTES:
            raise FetchError(f"too large (limit {MAX_BYTES // 2**20} MiB)")
        lowered = {k.lower(): v for k, v in headers.items()}
        body = _decoded(body, lowered.get("content-encoding", ""))
        if len(body) > MAX_BYTES:
            raise FetchError(f"too large (limit {MAX_BYTES // 2**20} MiB)")
        return Response(url, status, lowered, body)

    def get(self, url: str, *, etag: str = "", modified: str = "") -> Response:
        """The page at `url`, after redirects (a 304 when `etag`/`modified` say it has
        not changed). Raises FetchError."""
        extra = {}
        if etag:
            extra["If-None-Match"] = etag
        if modified:
            extra["If-Modified-Since"] = modified
        for _ in range(MAX_REDIRECTS + 1):
            if not _scheme_ok(url):
                raise FetchError("refused: only http and https addresses are fetched")
            if self.robots and not self._allowed(url):
                raise FetchError("disallowed by the site's robots.txt (--ignore-robots)")
            response = self._send(url, extra)
            if response.status in _REDIRECTS and response.headers.get("location"):
                url = urljoin(url, response.headers["location"])
                continue
            if response.status == 304 or 200 <= response.status < 300:
                return response
            raise FetchError(f"HTTP {response.status}")
        raise FetchError(f"more than {MAX_REDIRECTS} redirects")


# ------------------------------------------------------------------- what a body is


def _kind(response: Response) -> str:
    """ "opml", "feed" or "page"."""
    head = response.body[:2048].lstrip().lower()
    if b"<opml" in head:
        return "opml"
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return "feed"
    content_type = response.headers.get("content-type", "").lower()
    if any(t in content_type for t in ("rss", "atom")):
        return "feed"
    return "page"


def _feed_links(body: bytes, base: str) -> list[str]:
    try:
        import feedparser  # type: ignore[import-untyped]
    except ImportError as exc:
        raise FetchError("reading feeds needs the web extra: pip install 'newsprism[web]'") from exc
    parsed = feedparser.parse(body)
    if not parsed.entries and parsed.get("bozo"):
        raise FetchError("not a feed newsprism can read")
    links = []
    for entry in parsed.entries:
        link = entry.get("link") or ""
        if link:
            links.append(urljoin(base, link))
    return links


def _opml_feeds(body: bytes, base: str) -> list[str]:
    # xmlUrl attributes of the outlines: a regular expression, not an XML parser, so
    # that a hostile list cannot make one expand entities.
    found = re.findall(rb"""xmlUrl\s*=\s*["']([^"']+)["']""", body, re.I)
    return [urljoin(base, link.decode("utf-8", "replace").replace("&amp;", "&")) for link in found]


def file_stem(url: str) -> str:
    """A file name for a page's URL: its host and path, readable, and unique (a hash)."""
    parts = urlsplit(url)
    readable = re.sub(r"[^A-Za-z0-9]+", "-", f"{parts.hostname or ''}{parts.path}").strip("-")
    digest = hashlib.sha1(url.encode("utf-8")).hexdigest()[:10]
    return f"{readable[:80].rstrip('-') or 'page'}-{digest}"


# ------------------------------------------------------------------- the fetch


@dataclass
class FetchResult:
    saved: list[Path] = field(default_factory=list)
    # Every article of the sources, new or saved by an earlier fetch, in their order.
    articles: list[Path] = field(default_factory=list)
    skipped: int = 0  # articles saved by an earlier fetch
    unchanged: int = 0  # feeds that said nothing changed
    failed: list[tuple[str, str]] = field(default_factory=list)  # (url, one-line reason)
    requests: int = 0


def _load_state(folder: Path) -> dict[str, Any]:
    try:
        state = json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"pages": {}, "feeds": {}}
    if not isinstance(state, dict):
        return {"pages": {}, "feeds": {}}
    pages = state.get("pages") if isinstance(state.get("pages"), dict) else {}
    feeds = state.get("feeds") if isinstance(state.get("feeds"), dict) else {}
    return {"pages": pages, "feeds": feeds}


def _save_state(folder: Path, state: dict[str, Any]) -> None:
    """What this fetch learnt, added to the state file as it is now, under its lock:
    another fetch into the folder meanwhile keeps what it saved."""
    path = folder / STATE_FILE
    with locked(path):
        now = _load_state(folder)
        now["pages"].update(state["pages"])
        now["feeds"].update(state["feeds"])
        write_atomically(path, json.dumps(now, indent=1).encode("utf-8"))


def fetch(
    sources: Sequence[str],
    folder: Path,
    fetcher: Fetcher | None = None,
    progress: Callable[[int, int], None] | None = None,
    arrived: Callable[[Path], None] | None = None,
) -> FetchResult:
    """Fetch `sources` (pages, feeds, OPML lists) into `folder`. `progress(done,
    total)` is called (from the fetching threads) once the pages are known, and as each
    is saved, found saved before or failed; `arrived(path)` with each article's report
    as soon as it is there (saved now or before)."""
    from tui.ingest.html import page_markdown

    fetcher = fetcher or Fetcher()
    private_folder(folder)
    state = _load_state(folder)
    result = FetchResult()
    lock = threading.Lock()

    def failed(url: str, reason: str) -> None:
        with lock:
            result.failed.append((url, reason))

    def expand(url: str, depth: int = 0) -> list[str]:
        """The pages `url` stands for (itself, a feed's entries, an OPML's feeds')."""
        saved = state["feeds"].get(url, {}) if isinstance(state["feeds"].get(url), dict) else {}
        try:
            response = fetcher.get(
                url, etag=str(saved.get("etag", "")), modified=str(saved.get("modified", ""))
            )
        except FetchError as exc:
            failed(url, str(exc))
            return []
        if response.status == 304:
            # Unchanged: its entries are those it had (saved ones are read, not fetched).
            with lock:
                result.unchanged += 1
            entries = saved.get("entries", [])
            return [e for e in entries if isinstance(e, str)] if isinstance(entries, list) else []
        kind = _kind(response)
        if kind == "page":
            return [response.url] if depth == 0 else []
        try:
            if kind == "opml":
                if depth > 0:
                    return []
                return [
                    p for feed in _opml_feeds(response.body, response.url) for p in expand(feed, 1)
                ]
            links = _feed_links(response.body, response.url)
        except FetchError as exc:
            failed(url, str(exc))
            return []
        with lock:
            state["feeds"][url] = {
                "etag": response.headers.get("etag", ""),
                "modified": response.headers.get("last-modified", ""),
                "entries": links,
            }
        return links

    done = 0

    def save(url: str) -> Path | None:
        nonlocal done
        try:
            path = _save(url)
            if path is not None and arrived:
                arrived(path)
            return path
        finally:
            with lock:
                done += 1
                count = done
            if progress:
                progress(count, len(pages))

    def _save(url: str) -> Path | None:
        stem = state["pages"].get(url)
        if isinstance(stem, str) and (folder / f"{stem}.md").is_file():
            with lock:
                result.skipped += 1
            return folder / f"{stem}.md"
        try:
            response = fetcher.get(url)
            markdown = page_markdown(response.body, url=response.url)
        except (FetchError, UnreadableFile) as exc:
            failed(url, str(exc))
            return None
        stem = file_stem(url)
        write_atomically(folder / f"{stem}.html", response.body)
        write_atomically(folder / f"{stem}.md", markdown.encode("utf-8"))
        with lock:
            state["pages"][url] = stem
            result.saved.append(folder / f"{stem}.md")
        return folder / f"{stem}.md"

    pages: list[str] = []
    for source in sources:
        if not _scheme_ok(source):
            pages.extend(_local_list(source, expand, failed))
            continue
        pages.extend(expand(source))
    pages = list(dict.fromkeys(pages))
    if progress:
        progress(0, len(pages))
    with ThreadPoolExecutor(max_workers=MAX_WORKERS) as pool:
        result.articles = [path for path in pool.map(save, pages) if path is not None]
    _save_state(folder, state)
    result.requests = fetcher.requests
    return result


def _local_list(
    source: str,
    expand: Callable[[str, int], list[str]],
    failed: Callable[[str, str], None],
) -> list[str]:
    """The pages of an OPML list saved on this machine (an export from a feed reader);
    any other non-web address is refused."""
    path = Path(source)
    if not path.is_file() or path.suffix.lower() not in (".opml", ".xml"):
        failed(source, "refused: only http and https addresses, or a local .opml file")
        return []
    try:
        body = path.read_bytes()[: MAX_BYTES + 1]
    except OSError as exc:
        failed(source, (exc.strerror or str(exc)).lower())
        return []
    if b"<opml" not in body[:2048].lower():
        failed(source, "not an OPML list")
        return []
    return [page for feed in _opml_feeds(body, "") for page in expand(feed, 1)]


def is_web_address(text: str) -> bool:
    """Whether a command-line input is an http or https address (else a path)."""
    return _scheme_ok(text.strip())


def web_extra_missing() -> str | None:
    """What to install to read pages and feeds, if it is not installed (None if it is)."""
    import importlib.util

    if all(importlib.util.find_spec(name) for name in ("trafilatura", "feedparser")):
        return None
    return "reading web pages and feeds needs the web extra: pip install 'newsprism[web]'"


@dataclass(frozen=True)
class WebSources:
    """Pages, feeds and OPML lists to fetch into `folder` before reading (the reader
    opened on addresses), with the fetch's rules."""

    addresses: tuple[str, ...]
    folder: Path
    robots: bool = True
    per_host: int = DEFAULT_PER_HOST
    timeout: float = DEFAULT_TIMEOUT

    def fetch(
        self,
        progress: Callable[[int, int], None] | None = None,
        arrived: Callable[[Path], None] | None = None,
    ) -> FetchResult:
        """Fetch them (`fetch`); a folder that cannot be made or written is one failure."""
        fetcher = Fetcher(timeout=self.timeout, per_host=self.per_host, robots=self.robots)
        try:
            return fetch(self.addresses, self.folder, fetcher, progress, arrived)
        except OSError as exc:
            result = FetchResult(requests=fetcher.requests)
            result.failed.append((str(self.folder), (exc.strerror or str(exc)).lower()))
            return result


def describe(result: FetchResult, folder: Path) -> Iterable[str]:
    """The summary line of a fetch."""
    parts = [f"{len(result.saved)} new"]
    if result.skipped:
        parts.append(f"{result.skipped} already saved")
    if result.unchanged:
        parts.append(f"{count_of(result.unchanged, 'unchanged feed')}")
    if result.failed:
        parts.append(f"{len(result.failed)} failed")
    yield f"{', '.join(parts)} in {folder} ({result.requests} requests)"
