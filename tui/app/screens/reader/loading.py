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

    def show_fetched(self, done: int, total: int) -> None:
        """`done` of `total` pages fetched (the reader opened on web addresses)."""
        self.set_state(replace(self.state, fetching=(done, total)))

    def read_more(self) -> None:
        """More reports are being read after the first ones (the reader opened on web
        addresses before every page was in)."""
        self.set_state(replace(self.state, reading=True, loaded=None))

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
        story = self._kept_story(analysis)
        shown = story.analysis if story is not None else analysis
        entity_ids, tag_filter = state.entity_filter.entity_ids, state.tag_filter
        old = state.corpus
        if old is not None and old is not shown.corpus:
            entity_ids = remap_entity_ids(old, shown.corpus, entity_ids)
            tag_filter = remap_tag_filter(old, shown.corpus, shown.tags, tag_filter)
        pane_reports = state.pane_reports
        if story is not None:
            pane_reports = self._placed(pane_reports, story.reports)
        self.set_state(
            replace(
                state.with_analysis(analysis, story),
                entity_filter=EntityFilter(entity_ids, state.entity_filter.mode),
                tag_filter=tag_filter,
                pane_reports=pane_reports,
            )
        )
        self.offer_stories()
        threshold = self.state.fact_threshold
        if threshold is not None and threshold != corpus.fact_threshold:
            self.set_fact_threshold(threshold)

    def _placed(self, pane_reports: tuple[int, ...], story: tuple[int, ...]) -> tuple[int, ...]:
        """The panes' reports with a report of `story` (by number) in each pane whose
        report is no longer in it (a story changed by a new analysis): the next one no
        pane shows, else none."""
        if all(number in story for number in pane_reports):
            return pane_reports
        spare = iter(number for number in story if number not in pane_reports)
        return tuple(
            number if number in story else next(spare, self.no_report) for number in pane_reports
        )
