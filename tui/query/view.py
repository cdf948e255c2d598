"""A filter applied to a corpus: which paragraphs it keeps."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from tui.model.corpus import Corpus
from tui.model.document import Paragraph, Report
from tui.query.filter import Filter
from tui.query.index import ParagraphIndex, build_index


@dataclass(frozen=True, slots=True)
class View:
    """Which paragraphs `filter` keeps: those every narrowing filter matches
    (`matching`; None when none is on), boilerplate only if the filter asks for it."""

    filter: Filter = field(default_factory=Filter)
    matching: frozenset[str] | None = None

    @property
    def narrowed(self) -> bool:
        """Whether a filter other than the boilerplate rule is on."""
        return self.matching is not None

    def keeps(self, paragraph: Paragraph) -> bool:
        if paragraph.kind == "boilerplate" and not self.filter.boilerplate:
            return False
        return self.matching is None or paragraph.id in self.matching

    def paragraphs(self, report: Report) -> list[Paragraph]:
        """The report's paragraphs kept, in text order."""
        return [p for p in report.paragraphs if self.keeps(p)]

    def selected(self, reports: Iterable[Report]) -> list[tuple[Report, Paragraph]]:
        """The paragraphs kept, in report and text order."""
        return [(r, p) for r in reports for p in r.paragraphs if self.keeps(p)]

    def count(self, reports: Iterable[Report]) -> int:
        """How many of the reports' paragraphs are kept."""
        return sum(1 for r in reports for p in r.paragraphs if self.keeps(p))


def view_of(corpus: Corpus, flt: Filter, index: ParagraphIndex | None = None) -> View:
    """`flt` applied to `corpus`; `index` is `build_index(corpus)`, built here if not
    given (a reader builds it once per corpus)."""
    if not flt.narrows:
        return View(flt)
    if index is None:
        index = build_index(corpus)
    found: list[frozenset[str]] = []
    if flt.entities:
        found.append(corpus.query(flt.entities, flt.match))
    if flt.sources:
        found.append(corpus.query_sources(flt.sources))
    if flt.outlets:
        found.append(frozenset().union(*(index.outlets.get(o, frozenset()) for o in flt.outlets)))
    if flt.topics:
        found.append(corpus.query_topics(flt.topics))
    if flt.fact_view != "all":
        found.append(index.shared if flt.fact_view == "shared" else index.unique)
    return View(flt, frozenset.intersection(*found))
