"""Where the bundled styles and seed reports are, installed or in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """`tui/<name>` inside a wheel, or `<checkout>/<name>` for a source/editable install."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled folder {name!r} is missing from this installation")


def seeds_dir() -> Path:
    return resource_dir("seeds")


def styles_dir() -> Path:
    return resource_dir("styles")
