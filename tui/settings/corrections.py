"""Corrections made by hand, saved between sessions: entity merges and splits, and
changes to the stories (a report moved, stories split or merged).

They live in `corrections.json` in the user's data directory (platformdirs; override
with NEWSPRISM_DATA_DIR). Entity corrections are keyed by surface form, so they apply
to any corpus that contains those names; story corrections name reports by their key
(`tui.model.ids.report_key`), so they apply whenever those reports are loaded, in any
order, and are ignored otherwise. A file from before story corrections (no "stories")
loads as it did.

Saving never loses a correction (`tui.settings.files`): the file is replaced in one
step, and a save made from corrections loaded earlier (`since`) applies only what
changed since then to the file as it is now, under the file's lock, so two readers (or
a reader and `serve`) correcting at once keep both their corrections. A file that
cannot be read is kept aside (`corrections.json.broken-<time>`) with one line saying
so, and the reader starts with no corrections; nothing overwrites it.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from tui.files import data_folder, keep_aside, locked, write_atomically
from tui.model.corrections import STORY_CORRECTION_KINDS, Corrections, StoryCorrection
from tui.textsafe import first_line

FILE_NAME = "corrections.json"
T = TypeVar("T")


def corrections_path() -> Path:
    return data_folder() / FILE_NAME


class CorrectionsError(Exception):
    """The corrections file exists but cannot be used; the message is one line."""


def load_corrections(path: Path | None = None) -> Corrections:
    """The saved corrections (none when there is no file). A file that cannot be used
    is kept aside (see the module) and `CorrectionsError` says so in one line."""
    path = path or corrections_path()
    try:
        return _read(path)
    except CorrectionsError as exc:
        aside = keep_aside(path)
        where = f"kept aside as {aside.name}" if aside else "left as it is"
        raise CorrectionsError(f"{path}: not read ({exc}); {where}, none applied") from None


def _read(path: Path) -> Corrections:
    """The corrections in `path` (none when there is none); `CorrectionsError` (what is
    wrong, one line) when it cannot be read or is not a corrections file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Corrections()
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CorrectionsError(first_line(exc)) from None
    try:
        merges = tuple(_pair(pair) for pair in data.get("merges", []))
        splits = tuple(str(s) for s in data.get("splits", []))
        stories = tuple(_story_correction(entry) for entry in data.get("stories", []))
    except (AttributeError, KeyError, TypeError, ValueError):
        raise CorrectionsError("not a corrections file") from None
    return Corrections(merges=merges, splits=splits, stories=stories)


def _pair(entry: Any) -> tuple[str, str]:
    """A saved merge: two names ("ab" is no pair of "a" and "b")."""
    if not isinstance(entry, list) or len(entry) != 2:
        raise ValueError(entry)
    return str(entry[0]), str(entry[1])


def _kept(path: Path) -> dict[str, Any]:
    """What else the file holds (keys the user added: a note), kept when it is saved."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if k not in ("merges", "splits", "stories")}


def _story_correction(entry: Any) -> StoryCorrection:
    """A saved story correction: {"kind": "move", "reports": [key, anchor]}."""
    kind, keys = entry["kind"], entry["reports"]
    if not isinstance(keys, list) or kind not in STORY_CORRECTION_KINDS:
        raise ValueError(kind)
    reports = tuple(str(key) for key in keys)
    if not reports or (kind != "split" and len(reports) != 2):
        raise ValueError(kind)
    return StoryCorrection(kind, reports)


def save_corrections(
    corrections: Corrections, path: Path | None = None, *, since: Corrections | None = None
) -> Corrections:
    """Save `corrections`; returns what was saved. With `since` (the corrections they
    were made from, as loaded or saved before), only the changes from `since` to
    `corrections` are applied to the file as it is now (`merged`): what another process
    saved in between is kept. Raises OSError when the file cannot be written."""
    path = path or corrections_path()
    with locked(path):
        if since is not None:
            try:
                current = _read(path)
            except CorrectionsError:
                keep_aside(path)  # broken since it was loaded: kept, not written over
                current = Corrections()
            corrections = merged(current, since, corrections)
        data = {
            **_kept(path),
            "merges": [list(pair) for pair in corrections.merges],
            "splits": list(corrections.splits),
            "stories": [
                {"kind": change.kind, "reports": list(change.reports)}
                for change in corrections.stories
            ],
        }
        try:
            text = json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate in a name: written as an escape
            text = json.dumps(data, indent=1).encode("ascii")
        write_atomically(path, text)
    return corrections


def merged(current: Corrections, since: Corrections, wanted: Corrections) -> Corrections:
    """`current` with the changes from `since` to `wanted`: what `since` holds and
    `wanted` does not is taken out of `current` (its last occurrences), what `wanted`
    adds is added at the end (story corrections apply in order: an undo takes back the
    last one)."""
    return Corrections(
        merges=_changed(current.merges, since.merges, wanted.merges),
        splits=_changed(current.splits, since.splits, wanted.splits),
        stories=_changed(current.stories, since.stories, wanted.stories),
    )


def _changed(current: tuple[T, ...], since: tuple[T, ...], wanted: tuple[T, ...]) -> tuple[T, ...]:
    removed = Counter(since) - Counter(wanted)
    added = Counter(wanted) - Counter(since)
    kept: list[T] = []
    for item in reversed(current):
        if removed[item] > 0:
            removed[item] -= 1
        else:
            kept.append(item)
    kept.reverse()
    for item in wanted:
        if added[item] > 0:
            added[item] -= 1
            if item not in kept or isinstance(item, StoryCorrection):
                kept.append(item)
    return tuple(kept)


def with_merge(corrections: Corrections, a: str, b: str) -> Corrections:
    """Add a merge of two forms; a merge undoes an earlier split of either form."""
    splits = tuple(s for s in corrections.splits if s not in (a, b))
    return replace(corrections, merges=(*corrections.merges, (a, b)), splits=splits)


def with_split(corrections: Corrections, form: str) -> Corrections:
    """Detach one form from its entity; earlier merges naming it are dropped."""
    merges = tuple(m for m in corrections.merges if form not in m)
    splits = corrections.splits if form in corrections.splits else (*corrections.splits, form)
    return replace(corrections, merges=merges, splits=splits)


def with_story_correction(corrections: Corrections, change: StoryCorrection) -> Corrections:
    """Add a change to the stories, after the earlier ones (each applies to the stories
    the ones before it left)."""
    return replace(corrections, stories=(*corrections.stories, change))


def without_last_story_correction(corrections: Corrections) -> Corrections:
    """The corrections without the last change to the stories (its undo: the stories
    as the ones before it leave them)."""
    return replace(corrections, stories=corrections.stories[:-1])
