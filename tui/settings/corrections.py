"""Corrections made by hand, saved between sessions: entity merges and splits, and
changes to the stories (a report moved, stories split or merged).

They live in `corrections.json` in the user's data directory (platformdirs; override
with NEWSPRISM_DATA_DIR). Entity corrections are keyed by surface form, so they apply
to any corpus that contains those names; story corrections name reports by their key
(`tui.model.ids.report_key`), so they apply whenever those reports are loaded, in any
order, and are ignored otherwise. A file from before story corrections (no "stories")
loads as it did. A corrupt file is reported in one line and ignored.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from tui.model.corrections import STORY_CORRECTION_KINDS, Corrections, StoryCorrection
from tui.textsafe import first_line

FILE_NAME = "corrections.json"


def data_dir() -> Path:
    """The user's newsprism data folder: NEWSPRISM_DATA_DIR, else the platform's."""
    override = os.environ.get("NEWSPRISM_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("newsprism", appauthor=False))


def corrections_path() -> Path:
    return data_dir() / FILE_NAME


def pages_dir() -> Path:
    """Where the reader saves the pages it is given by address (`newsprism URL...`)
    unless told where."""
    return data_dir() / "pages"


class CorrectionsError(Exception):
    """The corrections file exists but cannot be used; the message is one line."""


def load_corrections(path: Path | None = None) -> Corrections:
    path = path or corrections_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Corrections()
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CorrectionsError(f"{path}: ignored ({first_line(exc)})") from None
    try:
        merges = tuple((str(a), str(b)) for a, b in data.get("merges", []))
        splits = tuple(str(s) for s in data.get("splits", []))
        stories = tuple(_story_correction(entry) for entry in data.get("stories", []))
    except (AttributeError, KeyError, TypeError, ValueError):
        raise CorrectionsError(f"{path}: ignored (not a corrections file)") from None
    return Corrections(merges=merges, splits=splits, stories=stories)


def _story_correction(entry: Any) -> StoryCorrection:
    """A saved story correction: {"kind": "move", "reports": [key, anchor]}."""
    kind, keys = entry["kind"], entry["reports"]
    if not isinstance(keys, list) or kind not in STORY_CORRECTION_KINDS:
        raise ValueError(kind)
    reports = tuple(str(key) for key in keys)
    if not reports or (kind != "split" and len(reports) != 2):
        raise ValueError(kind)
    return StoryCorrection(kind, reports)


def save_corrections(corrections: Corrections, path: Path | None = None) -> Path:
    path = path or corrections_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "merges": [list(pair) for pair in corrections.merges],
        "splits": list(corrections.splits),
        "stories": [
            {"kind": change.kind, "reports": list(change.reports)} for change in corrections.stories
        ],
    }
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    temporary.replace(path)
    return path


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
