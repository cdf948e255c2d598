"""Entity corrections made by hand (merges and splits), saved between sessions.

They live in `corrections.json` in the user's data directory (platformdirs; override
with NEWSPRISM_DATA_DIR), keyed by surface form so they apply to any corpus that
contains those names. A corrupt file is reported in one line and ignored.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from tui.model.corrections import Corrections
from tui.textsafe import first_line

FILE_NAME = "corrections.json"


def corrections_path() -> Path:
    override = os.environ.get("NEWSPRISM_DATA_DIR")
    if override:
        return Path(override) / FILE_NAME
    from platformdirs import user_data_dir

    return Path(user_data_dir("newsprism", appauthor=False)) / FILE_NAME


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
    except (AttributeError, TypeError, ValueError):
        raise CorrectionsError(f"{path}: ignored (not a corrections file)") from None
    return Corrections(merges=merges, splits=splits)


def save_corrections(corrections: Corrections, path: Path | None = None) -> Path:
    path = path or corrections_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "merges": [list(pair) for pair in corrections.merges],
        "splits": list(corrections.splits),
    }
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    temporary.replace(path)
    return path


def with_merge(corrections: Corrections, a: str, b: str) -> Corrections:
    """Add a merge of two forms; a merge undoes an earlier split of either form."""
    splits = tuple(s for s in corrections.splits if s not in (a, b))
    return Corrections(merges=(*corrections.merges, (a, b)), splits=splits)


def with_split(corrections: Corrections, form: str) -> Corrections:
    """Detach one form from its entity; earlier merges naming it are dropped."""
    merges = tuple(m for m in corrections.merges if form not in m)
    splits = corrections.splits if form in corrections.splits else (*corrections.splits, form)
    return Corrections(merges=merges, splits=splits)
