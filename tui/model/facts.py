"""Shared facts: sentences of different reports that state the same thing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from tui.model.pickling import compact_pickle


@compact_pickle
@dataclass(frozen=True, slots=True)
class Discrepancy:
    """A detail the reports of one fact give differently: "injured: 3 vs 5"."""

    kind: str  # number (a count), quantity (a measure, an amount), time, date
    detail: str  # the label and the values, to read: "magnitude: 4.4 vs 4.6"
    label: str = ""  # what is counted or measured, in words: "injured", "amount"
    values: tuple[str, ...] = ()  # each value as a report gives it, lowest first

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "detail": self.detail,
            "label": self.label,
            "values": list(self.values),
        }


@compact_pickle
@dataclass(frozen=True, slots=True)
class FactLink:
    """Two sentences of different reports scored as stating the same fact."""

    a: str  # sentence ids, a < b
    b: str
    score: float
    shared: frozenset[str]  # the terms (words, entities) the matched clauses share


# What a shared fact rests on (see `tui.analysis.basis`): one source every report's
# wording is attributed to, one wire text its reports copy, reports attributing it to
# different sources, or no attribution at all.
BasisKind = Literal["one-source", "wire-copy", "independent", "unattributed"]
BASIS_KINDS: tuple[BasisKind, ...] = ("one-source", "wire-copy", "independent", "unattributed")


@compact_pickle
@dataclass(frozen=True, slots=True)
class FactBasis:
    """The sources a shared fact rests on, as an analyst would count them."""

    kind: BasisKind
    # Names of the sources (entity names, or an unnamed source's plain wording such as
    # "residents"): one-source, the shared one(s); independent, one per confirmation;
    # wire-copy, what the copied text cites (maybe none); unattributed, none.
    sources: tuple[str, ...]
    # Their keys (`CitedSource.key`: entity id, or "name:<wording>"), in the same order.
    keys: tuple[str, ...] = ()
    # Groups of two or more reports whose wording of the fact is one text copied
    # (wire copy): each group counts once.
    copies: tuple[tuple[str, ...], ...] = ()
    # (report id, names of the sources its wording rests on), in the fact's report order.
    by_report: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "sources": list(self.sources),
            "copies": [list(group) for group in self.copies],
        }


@compact_pickle
@dataclass(frozen=True, slots=True)
class Fact:
    id: str
    sentences: tuple[str, ...]
    reports: tuple[str, ...]
    score: float
    discrepancies: tuple[Discrepancy, ...] = ()
    # Found once the cited sources are (`tui.analysis.basis`); None before.
    basis: FactBasis | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "sentences": list(self.sentences),
            "reports": list(self.reports),
            "score": round(self.score, 3),
            "discrepancies": [d.to_dict() for d in self.discrepancies],
            "basis": None if self.basis is None else self.basis.to_dict(),
        }


@compact_pickle
@dataclass(frozen=True, slots=True)
class WireCopy:
    """One passage that reports of a story print near-verbatim (an agency's story, a
    press release): each report's sentences of it, which count as one text."""

    id: str
    sentences: tuple[str, ...]  # in reading order, of two reports or more
    reports: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "sentences": list(self.sentences), "reports": list(self.reports)}
