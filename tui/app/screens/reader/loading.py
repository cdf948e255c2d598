"""What the App tells the reader while it loads and analyses: reports as they are read,
progress, the end of loading, each analysis (whole or up to a stage), a failure.

These are the reader's public methods for the loader; each turns what it is told into
a new state (`set_state` redraws).
"""

from __future__ import annotations

from dataclasses import replace

from tui.app.screens.reader.base import ReaderBase
from tui.app.state import Analysis
from tui.model.corpus import ANALYSIS_STAGES, Corpus
from tui.model.document import Report
from tui.query.entities import EntityFilter, remap_entity_ids
from tui.query.tags import TagIndex, remap_tag_filter


class LoadingPart(ReaderBase):
    def add_report(self, report: Report) -> None:
        """One more report read (before the reader is drawn too)."""
        if self.gone():
            return
        self.reports.append(report)
        number = len(self.reports) - 1
        if self.is_mounted:
            for index, shown in enumerate(self.state.pane_reports):
                if shown == number:
                    self._show_pane(index)
        self._schedule_loading_refresh()

    def show_loaded(self, done: int, total: int) -> None:
        """`done` of `total` files read (shown once the status bar is there)."""
        self.set_state(replace(self.state, loaded=(done, total)))

    def finish_loading(self, summary: str) -> None:
        self.set_state(replace(self.state, reading=False, load_summary=summary))

    def show_stage_progress(self) -> None:
        """An analysis has started: the status line says what it looks for, with a
        progress bar (the stages a run finishes arrive with `set_corpus`)."""
        self.set_state(replace(self.state, analysis_running=True, analysis_failed=False))

    def show_analysis_failed(self) -> None:
        """The analysis worker failed: the status line says so, as does a key needing
        the analysis while there is none."""
        self.set_state(
            replace(
                self.state,
                analysis_running=False,
                analysis_failed=True,
                analysis_note="Entity analysis failed",
            )
        )

    def set_corpus(
        self, corpus: Corpus, tags: TagIndex | None = None, stage: str = ANALYSIS_STAGES[-1]
    ) -> None:
        """A new analysis (and its tag index, built here if not given), whole or up to
        `stage`: the filters carry over to it by name, and the facts are matched again
        at the threshold the user chose, if any."""
        if self.gone():
            return  # the app is shutting down: no indexes to build
        state = self.state
        analysis = Analysis.of(corpus, stage, tags)
        entity_ids, tag_filter = state.entity_filter.entity_ids, state.tag_filter
        old = state.corpus
        if old is not None and old is not corpus:
            entity_ids = remap_entity_ids(old, corpus, entity_ids)
            tag_filter = remap_tag_filter(old, corpus, analysis.tags, tag_filter)
        self.set_state(
            replace(
                state.with_analysis(analysis),
                entity_filter=EntityFilter(entity_ids, state.entity_filter.mode),
                tag_filter=tag_filter,
            )
        )
        threshold = self.state.fact_threshold
        if threshold is not None and threshold != corpus.fact_threshold:
            self.set_fact_threshold(threshold)
