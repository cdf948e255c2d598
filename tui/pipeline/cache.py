"""The analysis cache: SQLite in the user's cache directory.

Two kinds of entries, both keyed by content, never by file name or time:
- a report, by its file's bytes, its place in the input (the ids depend on it), the
  `sources.toml` metadata and the program version: a changed or added file is read
  again alone;
- a whole analysed corpus, by the keys of all its reports plus the settings
  (corrections, user topics, fact threshold): reopening an unchanged corpus loads it.
  Its reports are not in it again: they are its reports' own entries (one is missing:
  the corpus is a miss).

Beside them the loader keeps (`tui.pipeline.load`): a whole input's entry, by its files'
sizes and times (the key of its corpus, its reports' keys); and an input's story
clustering, by its paths as given (`tui.pipeline.incremental.StoryState`), grown when
reports are added to it.

Values are pickled and compressed. The file lives in the user's own cache directory
(platformdirs; NEWSPRISM_CACHE_DIR overrides). A corrupt cache is discarded and a locked
one skipped, each with a one-line warning: the cache never stops an analysis.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from tui.perf import paused_gc
from tui.version import __version__

FILE_NAME = "analysis.sqlite3"
# `get_many` asks for this many keys in one query (SQLite allows 32,766 parameters).
_KEYS_PER_QUERY = 500
# Bump when the model or an analysis changes what it produces.
FORMAT = 54


def cache_path() -> Path:
    override = os.environ.get("NEWSPRISM_CACHE_DIR")
    if override:
        return Path(override) / FILE_NAME
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("newsprism", appauthor=False)) / FILE_NAME


def content_key(*parts: object) -> str:
    """A key for the given parts, the program version and the cache format."""
    digest = hashlib.sha256(f"{__version__}\0{FORMAT}".encode())
    for part in parts:
        digest.update(b"\0")
        digest.update(part if isinstance(part, bytes) else repr(part).encode("utf-8"))
    return digest.hexdigest()


class _Compressing:
    """A file for a pickler that compresses what it is given as it comes."""

    def __init__(self) -> None:
        self.compressor = zlib.compressobj(1)
        self.chunks: list[bytes] = []

    def write(self, data: bytes) -> int:
        self.chunks.append(self.compressor.compress(data))
        return len(data)

    def getvalue(self) -> bytes:
        self.chunks.append(self.compressor.flush())
        return b"".join(self.chunks)


def packed(value: object) -> bytes:
    """`value` pickled and compressed (zlib), in one stream: the whole pickle, as large
    as a whole corpus, is never in memory at once."""
    sink = _Compressing()
    pickle.Pickler(sink, pickle.HIGHEST_PROTOCOL).dump(value)
    return sink.getvalue()


class AnalysisCache:
    """Get and put pickled values by (kind, key); failures become `warnings`, never errors."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or cache_path()
        self.warnings: list[str] = []
        self.hits = 0
        self.misses = 0
        self._db: sqlite3.Connection | None = None
        self._open()

    def _open(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=0.5, check_same_thread=False)
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS entries ("
                "kind TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL, "
                "PRIMARY KEY (kind, key))"
            )
            self._db.commit()
        except sqlite3.DatabaseError as exc:
            self._discard(exc)
        except OSError as exc:
            self._disable(f"cache not used: {self.path}: {exc.strerror or exc}")

    def _discard(self, exc: Exception) -> None:
        """A corrupt or foreign file: remove it and start a fresh cache."""
        if self._db is not None:
            self._db.close()
            self._db = None
        if "locked" in str(exc).lower():
            self._disable(f"cache not used: {self.path} is locked by another newsprism")
            return
        self.warnings.append(f"cache at {self.path} was unreadable and has been discarded")
        try:
            self.path.unlink(missing_ok=True)
            self._db = sqlite3.connect(self.path, timeout=0.5, check_same_thread=False)
            self._db.execute(
                "CREATE TABLE entries (kind TEXT NOT NULL, key TEXT NOT NULL, "
                "value BLOB NOT NULL, PRIMARY KEY (kind, key))"
            )
            self._db.commit()
        except (OSError, sqlite3.DatabaseError):
            self._db = None

    def _disable(self, warning: str) -> None:
        self.warnings.append(warning)
        self._db = None

    @property
    def enabled(self) -> bool:
        return self._db is not None

    def get(self, kind: str, key: str) -> Any | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute(
                "SELECT value FROM entries WHERE kind = ? AND key = ?", (kind, key)
            ).fetchone()
        except sqlite3.DatabaseError as exc:
            self._discard(exc)
            return None
        if row is None:
            self.misses += 1
            return None
        try:
            with paused_gc():
                value = pickle.loads(zlib.decompress(row[0]))
        except Exception:  # a damaged entry is a miss, whatever the unpickler raised
            self.misses += 1
            return None
        self.hits += 1
        return value

    def get_many(self, kind: str, keys: Sequence[str]) -> list[Any | None]:
        """The entries of `kind` under `keys`, in their order (None for each one missing
        or damaged), found in a few queries rather than one per key: counted as one
        lookup (`hits`, `misses`)."""
        if self._db is None:
            return [None] * len(keys)
        found: dict[str, bytes] = {}
        try:
            for first in range(0, len(keys), _KEYS_PER_QUERY):
                part = list(dict.fromkeys(keys[first : first + _KEYS_PER_QUERY]))
                marks = ", ".join("?" * len(part))
                rows = self._db.execute(
                    f"SELECT key, value FROM entries WHERE kind = ? AND key IN ({marks})",
                    (kind, *part),
                )
                found.update(rows.fetchall())
        except sqlite3.DatabaseError as exc:
            self._discard(exc)
            return [None] * len(keys)
        values: list[Any | None] = []
        with paused_gc():
            for key in keys:
                data = found.get(key)
                try:
                    value = None if data is None else pickle.loads(zlib.decompress(data))
                except Exception:  # a damaged entry is a miss, whatever the unpickler raised
                    value = None
                values.append(value)
        # One lookup: a hit when every entry was there.
        if all(value is not None for value in values):
            self.hits += 1
        else:
            self.misses += 1
        return values

    def put(self, kind: str, key: str, value: object) -> None:
        self.put_many(kind, [(key, value)])

    def put_many(self, kind: str, items: Iterable[tuple[str, object]]) -> None:
        """Several entries in one transaction (one disk sync, not one per entry)."""
        if self._db is None:
            return
        with paused_gc():
            rows = [(kind, key, packed(v)) for key, v in items]
        self._put_rows(rows)

    def put_packed(self, kind: str, key: str, data: bytes) -> None:
        """An entry whose value is already `packed(value)`."""
        if self._db is not None:
            self._put_rows([(kind, key, data)])

    def _put_rows(self, rows: list[tuple[str, str, bytes]]) -> None:
        assert self._db is not None
        try:
            self._db.executemany(
                "INSERT OR REPLACE INTO entries (kind, key, value) VALUES (?, ?, ?)", rows
            )
            self._db.commit()
        except sqlite3.DatabaseError as exc:
            self._discard(exc)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
