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

Nothing in the cache can run code: each entry carries an HMAC-SHA256 of its kind, key
and bytes made with a per-user secret kept outside the cache folder (`cache.key` in the
data folder, readable by the user only), and an entry whose tag does not match (written
by anyone else, or changed) is refused with a warning before it is unpickled. Pickle
stays (a corpus loads in a quarter of a second), but only the bytes this user's
newsprism wrote reach it, so a cache folder on a shared disk is safe.

The cache is bounded: `NEWSPRISM_CACHE_LIMIT` bytes (default 1 GiB; "500M", "2G"; 0: none),
least recently used entries removed first once a write goes over it, and the file
shrinks with them (SQLite's incremental vacuum).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import pickle
import re
import sqlite3
import time
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from tui.files import data_folder, private_folder, secret
from tui.perf import paused_gc
from tui.version import __version__

FILE_NAME = "analysis.sqlite3"
KEY_FILE = "cache.key"
DEFAULT_LIMIT = 1 << 30
# After an eviction the cache holds at most this share of its limit: room for the next
# writes before another eviction.
_EVICT_TO = 0.8
_SCHEMA = (
    "CREATE TABLE entries (kind TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL, "
    "tag BLOB NOT NULL, size INTEGER NOT NULL, used REAL NOT NULL, PRIMARY KEY (kind, key))"
)
_COLUMNS = ("kind", "key", "value", "tag", "size", "used")
# An entry read is marked used again once its mark is this old (seconds).
_TOUCH_AFTER = 3600.0
_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*", re.I)
# `get_many` asks for this many keys in one query (SQLite allows 32,766 parameters).
_KEYS_PER_QUERY = 500
# Bump when the model or an analysis changes what it produces.
FORMAT = 126


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


def cache_limit() -> int:
    """The cache's size limit in bytes: NEWSPRISM_CACHE_LIMIT ("500M", "2G", bytes),
    else `DEFAULT_LIMIT`. Raises ValueError for a value that is no size."""
    text = os.environ.get("NEWSPRISM_CACHE_LIMIT", "")
    if not text.strip():
        return DEFAULT_LIMIT
    found = _SIZE.fullmatch(text)
    if found is None:
        raise ValueError(f"NEWSPRISM_CACHE_LIMIT={text!r} is not a size (500M, 2G)")
    unit = 1024 ** "kmgt".find(found.group(2).lower()) * 1024 if found.group(2) else 1
    return int(float(found.group(1)) * unit)


def key_path() -> Path:
    """Where the cache's secret is kept: the data folder, outside the cache folder."""
    return data_folder() / KEY_FILE


class AnalysisCache:
    """Get and put pickled values by (kind, key); failures become `warnings`, never
    errors. `limit`: bytes at most (default: `cache_limit()`)."""

    def __init__(self, path: Path | None = None, limit: int | None = None) -> None:
        self.path = path or cache_path()
        self.warnings: list[str] = []
        self.hits = 0
        self.misses = 0
        self.evicted = 0
        self._refused = 0
        self._db: sqlite3.Connection | None = None
        self._secret = b""
        try:
            self.limit = cache_limit() if limit is None else limit
            self._secret = secret(key_path())
        except (OSError, ValueError) as exc:
            self._disable(f"cache not used: {exc}")
            return
        if self.limit <= 0:
            return  # NEWSPRISM_CACHE_LIMIT=0: no cache, as asked
        self._open()

    def _open(self) -> None:
        try:
            private_folder(self.path.parent)
            self._db = self._connect()
            columns = tuple(
                row[1] for row in self._db.execute("PRAGMA table_info(entries)").fetchall()
            )
            if columns != _COLUMNS:
                # No table yet, or one of an older newsprism (entries with no tags): anew.
                self._db.close()
                self._db = None
                self.path.unlink(missing_ok=True)
                self._db = self._create()
        except sqlite3.DatabaseError as exc:
            self._discard(exc)
        except OSError as exc:
            self._disable(f"cache not used: {self.path}: {exc.strerror or exc}")

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=0.5, check_same_thread=False)
        with contextlib.suppress(OSError):
            # The reports' text is in it: the user's only (SQLite's journal follows it).
            os.chmod(self.path, 0o600)
        return db

    def _create(self) -> sqlite3.Connection:
        db = self._connect()
        # Set before the first table: pages freed by evictions are given back.
        db.execute("PRAGMA auto_vacuum = INCREMENTAL")
        db.execute(_SCHEMA)
        db.commit()
        return db

    def _tag(self, kind: str, key: str, value: bytes) -> bytes:
        mac = hmac.new(self._secret, digestmod=hashlib.sha256)
        mac.update(f"{kind}\0{key}\0".encode())
        mac.update(value)
        return mac.digest()

    def _checked(self, kind: str, key: str, value: bytes, tag: bytes) -> bytes | None:
        """The entry's bytes if this user's newsprism wrote them (see the module); None,
        and a warning the first time, if not."""
        if hmac.compare_digest(self._tag(kind, key, value), tag):
            return value
        self._refused += 1
        if self._refused == 1:
            self.warnings.append(
                f"cache entries in {self.path} not signed with this user's key ({KEY_FILE} "
                "in the data folder) were refused unread and are made anew"
            )
        return None

    def _touch(self, kind: str, keys: Sequence[str]) -> None:
        """Mark entries used now (least recently used go first): those last marked more
        than `_TOUCH_AFTER` ago, so that reopening what was just analysed writes nothing."""
        if self._db is None or not keys:
            return
        now = time.time()
        try:
            for first in range(0, len(keys), _KEYS_PER_QUERY):
                part = list(keys[first : first + _KEYS_PER_QUERY])
                marks = ", ".join("?" * len(part))
                self._db.execute(
                    f"UPDATE entries SET used = ? WHERE kind = ? AND key IN ({marks})",
                    (now, kind, *part),
                )
            self._db.commit()
        except sqlite3.DatabaseError:
            pass  # another process writing: the order of eviction is only a little off

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
            self._db = self._create()
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
                "SELECT value, tag, used FROM entries WHERE kind = ? AND key = ?", (kind, key)
            ).fetchone()
        except sqlite3.DatabaseError as exc:
            self._discard(exc)
            return None
        data = None if row is None else self._checked(kind, key, row[0], row[1])
        if data is None:
            self.misses += 1
            return None
        try:
            with paused_gc():
                value = pickle.loads(zlib.decompress(data))
        except Exception:  # a damaged entry is a miss, whatever the unpickler raised
            self.misses += 1
            return None
        self.hits += 1
        if row[2] < time.time() - _TOUCH_AFTER:
            self._touch(kind, [key])
        return value

    def get_many(self, kind: str, keys: Sequence[str]) -> list[Any | None]:
        """The entries of `kind` under `keys`, in their order (None for each one missing
        or damaged), found in a few queries rather than one per key: counted as one
        lookup (`hits`, `misses`)."""
        if self._db is None:
            return [None] * len(keys)
        found: dict[str, bytes] = {}
        stale: list[str] = []
        since = time.time() - _TOUCH_AFTER
        try:
            for first in range(0, len(keys), _KEYS_PER_QUERY):
                part = list(dict.fromkeys(keys[first : first + _KEYS_PER_QUERY]))
                marks = ", ".join("?" * len(part))
                rows = self._db.execute(
                    "SELECT key, value, tag, used FROM entries "
                    f"WHERE kind = ? AND key IN ({marks})",
                    (kind, *part),
                )
                for key, data, tag, used in rows.fetchall():
                    checked = self._checked(kind, key, data, tag)
                    if checked is not None:
                        found[key] = checked
                        if used < since:
                            stale.append(key)
        except sqlite3.DatabaseError as exc:
            self._discard(exc)
            return [None] * len(keys)
        self._touch(kind, stale)
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
        now = time.time()
        tagged = [
            (kind, key, value, self._tag(kind, key, value), len(value) + len(key), now)
            for kind, key, value in rows
        ]
        try:
            self._db.executemany(
                "INSERT OR REPLACE INTO entries (kind, key, value, tag, size, used) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                tagged,
            )
            self._db.commit()
            self._evict()
        except sqlite3.DatabaseError as exc:
            self._discard(exc)

    def size(self) -> int:
        """The bytes the entries hold (the file is a little larger: SQLite's pages)."""
        if self._db is None:
            return 0
        (total,) = self._db.execute("SELECT COALESCE(SUM(size), 0) FROM entries").fetchone()
        return int(total)

    def _evict(self) -> None:
        """Over the limit: the least recently used entries out, down to `_EVICT_TO` of
        it, and their pages given back to the disk."""
        assert self._db is not None
        total = self.size()
        if total <= self.limit:
            return
        goal = self.limit * _EVICT_TO
        gone: list[int] = []
        rows = self._db.execute("SELECT rowid, size FROM entries ORDER BY used, rowid")
        for rowid, size in rows.fetchall():
            if total <= goal:
                break
            gone.append(rowid)
            total -= size
        for first in range(0, len(gone), _KEYS_PER_QUERY):
            part = gone[first : first + _KEYS_PER_QUERY]
            self._db.execute(
                f"DELETE FROM entries WHERE rowid IN ({', '.join('?' * len(part))})", part
            )
        self._db.commit()
        self._db.execute("PRAGMA incremental_vacuum")
        self._db.commit()
        self.evicted += len(gone)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
