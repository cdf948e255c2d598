"""Stories: the reports about one happening (the same event, at the same time and place)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tui.model.pickling import compact_pickle


@compact_pickle
@dataclass(frozen=True, slots=True)
class Story:
    """A story of the corpus. Ids run `s1`, `s2`... by size, largest first (ties: the
    story whose first report comes first), except after reports were added to a cached
    clustering (`tui.pipeline.incremental`): the old stories keep their ids and new ones
    are numbered after them. Every report is in exactly one story."""

    id: str
    # In corpus order.
    report_ids: tuple[str, ...]
    # Its most representative headline or lead sentence, safe to show on one line.
    title: str
    # The reports' distinct outlets, sorted (empty ones left out).
    outlets: tuple[str, ...]
    # The first and last ISO date of its reports, where any is known.
    dates: tuple[str | None, str | None] = (None, None)
    # Aligned with `report_ids`: where the story has seams (see
    # `tui.analysis.stories.cluster`), each report's part ("" for one in none); shared
    # facts never join two reports of different parts with the same prefix (before the
    # dot). () for a story without seams.
    parts: tuple[str, ...] = ()

    def apart(self) -> dict[str, str]:
        """The part of each report in one, by report id."""
        return {r: part for r, part in zip(self.report_ids, self.parts, strict=False) if part}

    @property
    def size(self) -> int:
        """How many reports it holds."""
        return len(self.report_ids)

    def to_dict(self, facts: int | None = None) -> dict[str, Any]:
        """Its JSON form; `counts` gives its reports and outlets, and its shared facts
        when `facts` is known (the facts are found per story, after the stories)."""
        counts = {"reports": self.size, "outlets": len(self.outlets)}
        if facts is not None:
            counts["facts"] = facts
        return {
            "id": self.id,
            "title": self.title,
            "reports": list(self.report_ids),
            "outlets": list(self.outlets),
            "dates": list(self.dates),
            "counts": counts,
        }
