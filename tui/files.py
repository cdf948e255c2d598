"""The one way newsprism writes a file it keeps (`config.toml`, `corrections.json`, a
fetch's pages and state): nothing lost when two processes save at once or one dies
mid-save.

- `write_atomically`: the new content goes to a temporary file of a unique name in the
  same folder, is flushed to disk (fsync), and replaces the file in one step
  (`os.replace`), so a reader of the file sees the old content or the new, never half
  of either, and a process killed mid-save leaves at most a stray temporary file
  (`.NAME.*.tmp`, removed by the next save).
- `locked`: an exclusive lock (`flock` on `NAME.lock` beside the file) held while a
  process reads the file, changes what it read and writes it back: two writers take
  turns, so neither writes over what the other has just saved. The lock goes with the
  process (the kernel drops it), so a killed process never leaves the file locked.
- `keep_aside`: a file that does not parse is renamed `NAME.broken-<time>` and kept,
  never silently replaced.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: saves are still atomic, only not taken in turns
    fcntl = None  # type: ignore[assignment]


def data_folder() -> Path:
    """The user's newsprism data folder: NEWSPRISM_DATA_DIR, else the platform's
    (corrections, fetched pages, the cache's key)."""
    override = os.environ.get("NEWSPRISM_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("newsprism", appauthor=False))


def pages_folder() -> Path:
    """Where the reader saves the pages it is given by address (`newsprism URL...`)
    unless told where: `pages` in the data folder."""
    return data_folder() / "pages"


def private_folder(folder: Path) -> None:
    """Make `folder` (and its missing parents) readable by the user only, if it is not
    there yet; one that is there is left as it is (the user's choice)."""
    missing = []
    current = folder
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    for made in reversed(missing):
        with contextlib.suppress(FileExistsError):
            made.mkdir(mode=0o700)


def secret(path: Path, size: int = 32) -> bytes:
    """A random secret kept in `path` (made on first use, readable by the user only).
    Raises OSError when it can be neither read nor made."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        data = b""
    if len(data) >= size:
        return data
    private_folder(path.parent)
    made = os.urandom(size)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it just now (or it was short)
        data = path.read_bytes()
        if len(data) >= size:
            return data
        raise OSError(f"{path} holds no usable key") from None
    with os.fdopen(descriptor, "wb") as out:
        out.write(made)
        out.flush()
        os.fsync(out.fileno())
    return made


# Temporary files older than this, beside a settings file, were left by a killed save.
_STRAY_AFTER = 3600.0


def _temporary_prefix(path: Path) -> str:
    return f".{path.name}."


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step, the data on disk first (see the module).
    Raises OSError when the folder cannot be written."""
    private_folder(path.parent)
    handle, temporary = tempfile.mkstemp(
        prefix=_temporary_prefix(path), suffix=".tmp", dir=path.parent
    )
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        with contextlib.suppress(OSError):
            # The new file keeps the old one's permissions (mkstemp makes it 0600).
            os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(path.parent)
    _remove_strays(path)


def _sync_folder(folder: Path) -> None:
    """The rename on disk too (POSIX: a folder's entries are flushed by its own fsync)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _remove_strays(path: Path) -> None:
    """Temporary files of saves killed long ago (a save takes milliseconds)."""
    now = time.time()
    with contextlib.suppress(OSError):
        for stray in path.parent.glob(f"{_temporary_prefix(path)}*.tmp"):
            with contextlib.suppress(OSError):
                if now - stray.stat().st_mtime > _STRAY_AFTER:
                    stray.unlink()


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the lock of `path` (see the module) until the block ends. Raises OSError
    when the lock file cannot be made (a folder that cannot be written)."""
    private_folder(path.parent)
    lock = path.with_name(path.name + ".lock")
    descriptor = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if fcntl is not None:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing drops the lock


def keep_aside(path: Path) -> Path | None:
    """Rename a file that cannot be used to `NAME.broken-<time>` (kept for the user);
    the new name, or None when it could not be renamed (or is gone)."""
    stamp = time.strftime("%Y%m%dT%H%M%S")
    aside = path.with_name(f"{path.name}.broken-{stamp}")
    number = 1
    while aside.exists():
        number += 1
        aside = path.with_name(f"{path.name}.broken-{stamp}-{number}")
    try:
        os.replace(path, aside)
    except OSError:
        return None
    return aside
