"""Find report files, read them, and build the reports; bad files become LoadErrors."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol, overload

from tui.ingest.decode import UnreadableFile, decode_bytes
from tui.ingest.report import HTML_SUFFIXES, MARKDOWN_SUFFIXES, REPORT_SUFFIXES, build_report
from tui.model.corpus import LoadError
from tui.model.document import Report
from tui.model.ids import report_id
from tui.textsafe import first_line, safe_line

SOURCES_FILE = "sources.toml"
# Larger files are refused rather than read: the analysis goes through about 250 KB of
# text a second and holds over 100 bytes per character, so a file of this size already
# takes half a minute and a gigabyte (the longest news reports are a few hundred KB).
MAX_FILE_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Discovery:
    files: tuple[Path, ...]
    errors: tuple[LoadError, ...]


def _reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    return (exc.strerror or str(exc)).lower()


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a symlink loop: not a folder, and reported when it is checked
        return False


def _not_regular(path: Path) -> str | None:
    """Why `path` cannot be read as a report file (None when it is a regular file, or a
    symlink to one): a symlink loop or a dangling link, a FIFO (reading it would wait
    forever), a socket or a device."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return _reason(exc)
    if stat.S_ISREG(mode):
        return None
    return "is a directory" if stat.S_ISDIR(mode) else "not a regular file"


def _walk(folder: Path, recursive: bool) -> Iterator[Path]:
    """Every entry of `folder` (and below, if `recursive`) but folders, sorted."""
    if not recursive:
        with os.scandir(folder) as entries:
            names = sorted(e.name for e in entries if not _is_dir(e))
        for name in names:
            yield folder / name
        return
    # followlinks=False: a symlink loop cannot trap the walk.
    for root, dirs, names in os.walk(folder, followlinks=False):
        dirs.sort()
        for name in sorted(names):
            yield Path(root) / name


def _none_found(folder: Path, recursive: bool) -> str:
    """Why `folder` gave no report: none at all, or only in subfolders (without -r)."""
    below = 0
    if not recursive:
        below = sum(p.suffix.lower() in REPORT_SUFFIXES for p in _walk(folder, recursive=True))
    if below:
        from tui.wording import count_of

        return f"{count_of(below, 'report')} in subfolders: add -r"
    return "no .txt, .md, .markdown, .html or .htm files"


def _without_fetched_pages(found: list[Path]) -> list[Path]:
    """`found` but for each web page with a Markdown file of the same name beside it
    (what `newsprism fetch` saves: the article, and the page kept for a later reading):
    the article is read, once."""
    markdown = {p.with_suffix("") for p in found if p.suffix.lower() in MARKDOWN_SUFFIXES}
    return [
        p
        for p in found
        if p.suffix.lower() not in HTML_SUFFIXES or p.with_suffix("") not in markdown
    ]


def discover(paths: Iterable[str | os.PathLike[str]], recursive: bool = False) -> Discovery:
    """Expand files and folders into report files, in the order given (folders sorted)."""
    files: list[Path] = []
    errors: list[LoadError] = []
    for raw in paths:
        path = Path(raw)
        try:
            if path.is_dir():
                found = _without_fetched_pages(
                    [p for p in _walk(path, recursive) if p.suffix.lower() in REPORT_SUFFIXES]
                )
                if not found:
                    errors.append(LoadError(str(path), _none_found(path, recursive)))
            else:
                found = [path]
            for file in found:
                problem = _not_regular(file)
                if problem is None:
                    files.append(file)
                else:
                    errors.append(LoadError(str(file), problem))
        except OSError as exc:
            errors.append(LoadError(str(path), _reason(exc)))
    return Discovery(tuple(files), tuple(errors))


# What an entry of `sources.toml` may set.
SOURCE_FIELDS = ("source", "title", "date", "url")


def _quoted(name: str) -> str:
    """A name from a `sources.toml` for a one-line message: made safe, in quotes."""
    return f'"{safe_line(name)}"'


class SourcesTable:
    """`sources.toml` beside the reports: file name -> source/title/date/url.

    What a table says but cannot mean (a key other than the four fields, an entry
    naming no file beside it) goes to `warnings`, one line each; a file that cannot be
    read or parsed goes to `errors`.
    """

    def __init__(self) -> None:
        self._tables: dict[Path, dict[str, dict[str, str]]] = {}
        self.errors: list[LoadError] = []
        self.warnings: list[str] = []

    def metadata_for(self, path: Path) -> Mapping[str, str]:
        folder = path.parent
        if folder not in self._tables:
            self._tables[folder] = self._read(folder / SOURCES_FILE)
        table = self._tables[folder]
        return table.get(path.name) or table.get(path.stem) or {}

    def _read(self, file: Path) -> dict[str, dict[str, str]]:
        import tomllib

        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            self.errors.append(LoadError(str(file), f"ignored: {first_line(exc)}"))
            return {}
        files = _names_beside(file)
        table: dict[str, dict[str, str]] = {}
        for key, value in data.items():
            if isinstance(value, dict):
                table[key] = {}
                for field, field_value in value.items():
                    if field in SOURCE_FIELDS:
                        table[key][field] = str(field_value)
                    else:
                        self._warn(file, _unknown_key(key, field, files))
            elif isinstance(value, str):  # the short form: "file.txt" = "Outlet"
                table[key] = {"source": value}
            else:
                self._warn(file, f"{_quoted(key)} is neither an outlet nor a table")
            if key not in files:
                self._warn(file, f"{_quoted(key)} names no file in its folder")
        return table

    def _warn(self, file: Path, message: str) -> None:
        self.warnings.append(f"{safe_line(str(file))}: {message}")


def _names_beside(file: Path) -> frozenset[str]:
    """The names and stems of the files in `file`'s folder: what its keys may name."""
    try:
        with os.scandir(file.parent) as entries:
            names = [entry.name for entry in entries]
    except OSError:
        return frozenset()
    return frozenset(names) | frozenset(Path(name).stem for name in names)


def _unknown_key(entry: str, key: str, files: frozenset[str]) -> str:
    if key in files or Path(key).suffix.lower() in REPORT_SUFFIXES:
        # `"b.txt" = "Outlet"` after `["a.txt"]` belongs to a.txt's table.
        return (
            f"{_quoted(key)} is read as a key of {_quoted(entry)}: short forms "
            '("file" = "Outlet") go before the first [table]'
        )
    return (
        f"unknown key {_quoted(key)} in {_quoted(entry)} (an entry sets {', '.join(SOURCE_FIELDS)})"
    )


class ReportStore(Protocol):
    """Where already-built reports are kept (the pipeline's analysis cache): ingest only
    asks, and knows nothing of how reports are keyed or stored."""

    def find(
        self, data: bytes, path: Path, report_id: str, metadata: Mapping[str, str]
    ) -> tuple[str, Report | None]:
        """The key of the report these inputs build, and the report if it is stored."""
        ...


@dataclass(frozen=True, slots=True)
class ReportSource:
    """A report read but not built yet: `build_report`'s arguments (what `read_report`
    gives with `build=False`, so that reports can be built elsewhere, several at once)."""

    report_id: str
    name: str
    text: str
    markdown: bool
    path: str
    metadata: Mapping[str, str]

    @property
    def sentences(self) -> int:
        """The building's work, roughly, in sentences (about 150 characters each)."""
        return len(self.text) // 150 + 1

    def build(self) -> Report:
        return build_report(
            self.report_id,
            self.name,
            self.text,
            markdown=self.markdown,
            path=self.path,
            metadata=self.metadata,
        )


def build_sources(sources: Sequence[ReportSource]) -> list[Report]:
    """The reports of `sources`, in order."""
    return [source.build() for source in sources]


@overload
def read_report(
    path: Path,
    report_id: str,
    sources: SourcesTable,
    store: ReportStore | None = None,
    *,
    build: Literal[True] = True,
) -> tuple[Report, str, bool]: ...


@overload
def read_report(
    path: Path,
    report_id: str,
    sources: SourcesTable,
    store: ReportStore | None = None,
    *,
    build: Literal[False],
) -> tuple[Report | ReportSource, str, bool]: ...


def read_report(
    path: Path,
    report_id: str,
    sources: SourcesTable,
    store: ReportStore | None = None,
    *,
    build: bool = True,
) -> tuple[Report | ReportSource, str, bool]:
    """Read and build one report: (report, its key, whether it came from `store`); with
    `build` false, a report not in `store` is given as what builds it (`ReportSource`).

    Raises UnreadableFile or OSError.
    """
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise UnreadableFile(
            f"too large ({size / 2**20:.0f} MiB; limit {MAX_FILE_BYTES // 2**20} MiB)"
        )
    with path.open("rb") as handle:
        data = handle.read()
    metadata = sources.metadata_for(path)
    key = ""
    if store is not None:
        key, cached = store.find(data, path, report_id, metadata)
        if cached is not None:
            return cached, key, True
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        from tui.ingest.html import page_markdown  # the extractor only when a page is read

        text, markdown = page_markdown(data), True
    else:
        text, markdown = decode_bytes(data), suffix in MARKDOWN_SUFFIXES
    source = ReportSource(report_id, path.stem, text, markdown, str(path), metadata)
    return (source.build() if build else source), key, False


@dataclass(frozen=True, slots=True)
class ReadReport:
    """A report read by `iter_reports`, with its cache key and whether it was cached."""

    report: Report
    key: str
    cached: bool


class ReportBuilder(Protocol):
    """Builds reports several at once (elsewhere, perhaps): `iter_reports` hands it the
    reports of up to `window` files at a time (1: each report as its file is read)."""

    @property
    def window(self) -> int: ...

    def __call__(self, sources: Sequence[ReportSource]) -> list[Report]: ...


def iter_reports(
    files: Iterable[Path],
    store: ReportStore | None = None,
    warn: Callable[[str], None] | None = None,
    builder: ReportBuilder | None = None,
) -> Iterator[ReadReport | LoadError]:
    """Read files one by one; ids count only the reports that could be read.

    Reports are built as they are read, or by `builder`, a window of files at a time
    (the events come in file order either way, a window's once it is built).
    `warn` gets each one-line warning about what was read but cannot be used (see
    `SourcesTable`), as soon as it is known; it may be called from a worker thread."""
    sources = SourcesTable()
    number = 0
    build = builder if builder is not None else build_sources
    # Read, in order: errors, reports, and what builds a report (with its key).
    held: list[LoadError | ReadReport | tuple[ReportSource, str]] = []
    unbuilt = 0

    def flush() -> Iterator[ReadReport | LoadError]:
        nonlocal unbuilt
        built = iter(build([item[0] for item in held if isinstance(item, tuple)]))
        for item in held:
            yield ReadReport(next(built), item[1], False) if isinstance(item, tuple) else item
        held.clear()
        unbuilt = 0

    for path in files:
        try:
            found, key, cached = read_report(
                path, report_id(number + 1), sources, store, build=False
            )
        except UnreadableFile as exc:
            held.append(LoadError(str(path), str(exc)))
        except OSError as exc:
            held.append(LoadError(str(path), _reason(exc)))
        else:
            number += 1
            if isinstance(found, ReportSource):
                held.append((found, key))
                unbuilt += 1
            else:
                held.append(ReadReport(found, key, cached))
        while sources.errors:
            held.append(sources.errors.pop(0))
        while sources.warnings:
            warning = sources.warnings.pop(0)
            if warn is not None:
                warn(warning)
        if unbuilt == 0 or unbuilt >= (builder.window if builder is not None else 1):
            yield from flush()
    yield from flush()


def reports_from_texts(texts: Mapping[str, str]) -> list[Report]:
    """Reports from in-memory texts; a name ending in .md/.markdown is Markdown, one
    ending in .html/.htm a web page (its article: `tui.ingest.html`)."""
    reports = []
    for number, (name, text) in enumerate(texts.items(), start=1):
        suffix = Path(name).suffix.lower()
        stem = Path(name).stem if suffix in REPORT_SUFFIXES else name
        if suffix in HTML_SUFFIXES:
            from tui.ingest.html import page_markdown

            text = page_markdown(text.encode("utf-8"))
        reports.append(
            build_report(
                report_id(number),
                stem,
                text.replace("\r\n", "\n").replace("\r", "\n"),
                markdown=suffix in MARKDOWN_SUFFIXES or suffix in HTML_SUFFIXES,
            )
        )
    return reports
