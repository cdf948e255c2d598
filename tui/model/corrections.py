"""Entity corrections made by hand: which surface forms to merge, which to split off.

Plain data (the analysis applies them, `tui.settings.corrections` saves them)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Corrections:
    """Merges and splits made by hand, by surface form, reapplied on every analysis."""

    merges: tuple[tuple[str, str], ...] = ()
    splits: tuple[str, ...] = ()
