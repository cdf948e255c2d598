"""Which paragraphs a filter keeps (`tui.query`): one answer for the reader and export.

That the reader's panes, its "n paragraphs" count and the export of the paragraphs in
view agree under every filter is checked under Textual's Pilot, in
tests/app/test_query_agreement.py.
"""

from __future__ import annotations

from tui.model.corpus import Corpus
from tui.query import Filter, View, build_index, view_of


def test_view_keeps_boilerplate_only_when_asked(seeds_corpus: Corpus) -> None:
    report = next(
        r for r in seeds_corpus.reports if any(p.kind == "boilerplate" for p in r.paragraphs)
    )
    assert View(Filter(boilerplate=True)).paragraphs(report) == list(report.paragraphs)
    hidden = View(Filter()).paragraphs(report)
    assert hidden == [p for p in report.paragraphs if p.kind != "boilerplate"]
    assert not View().narrowed and not Filter(boilerplate=True).narrows


def test_outlet_keeps_its_boilerplate_when_shown(seeds_corpus: Corpus) -> None:
    report = next(
        r for r in seeds_corpus.reports if any(p.kind == "boilerplate" for p in r.paragraphs)
    )
    flt = Filter(outlets=(report.outlet,), boilerplate=True)
    kept = view_of(seeds_corpus, flt, build_index(seeds_corpus))
    assert kept.narrowed
    assert [p for _, p in kept.selected(seeds_corpus.reports)] == list(report.paragraphs)
