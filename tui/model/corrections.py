"""Corrections made by hand: entity spellings to merge or split off, and reports to
regroup into stories.

Plain data (the analysis applies them, `tui.settings.corrections` saves them)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

StoryCorrectionKind = Literal["move", "split", "merge"]
STORY_CORRECTION_KINDS: tuple[StoryCorrectionKind, ...] = ("move", "split", "merge")


@dataclass(frozen=True, slots=True)
class StoryCorrection:
    """One change to the stories, naming reports by their key (`tui.model.ids.report_key`:
    story and report ids change between loads, a report's key does not).

    - "move" `(report, anchor)`: the report goes to the story the anchor report is in;
    - "split" `(report, ...)`: these reports leave their stories for one new story;
    - "merge" `(a, b)`: the story of report a and the story of report b become one.
    """

    kind: StoryCorrectionKind
    reports: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Corrections:
    """Merges and splits of entities, by surface form, and changes to the stories in the
    order they were made, reapplied on every analysis."""

    merges: tuple[tuple[str, str], ...] = ()
    splits: tuple[str, ...] = ()
    stories: tuple[StoryCorrection, ...] = ()
