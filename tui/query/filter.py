"""The filter: everything that decides which paragraphs are kept."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tui.model.corpus import MatchMode

# Every paragraph, only those stating a shared fact, or only those with a sentence no
# other report states (the reader's `u` cycles through them in this order).
FactView = Literal["all", "shared", "unique"]
FACT_VIEWS: tuple[FactView, ...] = ("all", "shared", "unique")


@dataclass(frozen=True, slots=True)
class Filter:
    """Which paragraphs to keep; all the filters hold at once.

    `entities` (ids) are matched any or all (`match`); `sources` (`CitedSource.key`),
    `outlets` (`Report.outlet`) and `topics` (ids) each any of the chosen. `fact_view` keeps
    every paragraph, those stating a shared fact, or those with a sentence no other
    report states. Boilerplate is left out unless `boilerplate`.
    """

    entities: tuple[str, ...] = ()
    match: MatchMode = "any"
    sources: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    fact_view: FactView = "all"
    boilerplate: bool = False

    @property
    def narrows(self) -> bool:
        """Whether a filter other than the boilerplate rule is on."""
        return bool(self.entities or self.sources or self.outlets or self.topics) or (
            self.fact_view != "all"
        )
