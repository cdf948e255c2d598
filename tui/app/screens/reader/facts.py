"""The reader's shared facts: jumps (`n`/`N`), the same fact in the other panes
(`enter`, follow mode `f`), the fact view (`u`) and unique sentences (`U`), the fact
matrix (`m`) and the fact threshold (`+`/`-`, matched again in a worker).

Sentences stating a fact another report states too ("shared facts") are coloured, one
colour and number per fact in every pane. A pane's "counterpart" of a paragraph is
another report's sentences stating the same facts, each pane on another report stating
it where there are enough.
"""

from __future__ import annotations

from dataclasses import replace

from textual import work
from textual.worker import Worker, WorkerState, get_current_worker

from tui.app.messages import FactsMatched
from tui.app.screens.reader.base import needs
from tui.app.screens.reader.panes import PanesPart
from tui.app.state import Analysis
from tui.app.widgets.pane_header import outlet_name
from tui.app.widgets.report_pane import ReportPane
from tui.model.corpus import Corpus
from tui.model.ids import fact_label
from tui.query import FACT_VIEWS
from tui.query.facts import Counterpart, fact_sentences_in, find_counterparts, stepped_threshold
from tui.textsafe import first_line
from tui.wording import count_of


class FactsPart(PanesPart):
    @needs("facts")
    def action_jump_fact(self, step: int) -> None:
        spans = self.ready.facts.spans
        result = self.pane(self.state.focused).jump_to_paragraph_in(spans, step)
        self.say_jump(result, step, "shared fact")

    @needs("facts")
    def action_show_counterpart(self) -> None:
        """The other panes on the sentences stating the cursor paragraph's facts."""
        source = self.state.focused
        if not self.ready.facts.paragraph_facts(self.pane(source).current_paragraph):
            next_fact = self.keys("next_fact")
            self.notify(
                f"No shared fact in this paragraph: {next_fact} finds the next one", timeout=3
            )
            return
        if self.state.shown_panes < 2:
            self.notify(f"No other pane to show it in: {self.keys('add_pane')} adds one", timeout=3)
            return
        if self._follow(source, quiet=False) and self.state.narrow:
            self.action_switch_pane(1)  # one pane at a time: show the counterpart

    def _follow(self, source: int, quiet: bool = True) -> bool:
        """Show the counterpart of pane `source`'s cursor paragraph in every other pane
        shown, from the next one on, each on another report stating its facts (a pane
        keeps its report when that states them); a pane left without one has its marks
        cleared. `quiet`: say nothing (follow mode). True if any pane shows it."""
        facts = self.state.facts
        pane, count = self.pane(source), self.state.shown_panes
        targets = [(source + step) % count for step in range(1, count)]
        fact_ids = self._followed_facts(pane)
        found: list[Counterpart | None] = [None] * len(targets)
        if fact_ids and pane.report is not None:
            shown = [self._pane_report_id(target) for target in targets]
            found = find_counterparts(facts, fact_ids, pane.report.id, shown, self._order())
        revealed = False
        switched: list[str] = []
        hidden: list[str] = []
        for target, where in zip(targets, found, strict=True):
            if where is None:
                self.pane(target).set_counterparts(())
                continue
            switch = self._pane_report_id(target) != where.report_id
            if not self._reveal(target, where, pane.cursor_row):
                hidden.append(self._report_name(where.report_id))
                continue
            revealed = True
            if switch:
                switched.append(self._report_name(where.report_id))
        # The outlets' names are report text: never markup.
        if hidden and not quiet:
            names = ", ".join(fact_label(facts.numbers[f]) for f in fact_ids)
            places = ", ".join(hidden)
            self.notify(f"{names} in {places} is hidden by the filter", timeout=3, markup=False)
        if switched and not quiet:
            self.notify(f"Showing {', '.join(switched)}", timeout=2, markup=False)
        return revealed

    def _followed_facts(self, pane: ReportPane) -> tuple[str, ...]:
        """The facts the other panes follow: the fact a jump chose while the pane's
        cursor stays where the jump put it, else every fact of its cursor paragraph."""
        paragraph = pane.current_paragraph
        if self._chosen_fact is not None:
            landed, fact_id = self._chosen_fact
            if paragraph is not None and paragraph.id == landed:
                return (fact_id,)
            self._chosen_fact = None  # the user moved on
        return self.state.facts.paragraph_facts(paragraph)

    def _order(self) -> list[str]:
        """The ids of the reports shown, in order: where counterparts are looked for."""
        return [self.reports[number].id for number in self.open_reports]

    def _pane_report_id(self, index: int) -> str | None:
        report = self.pane(index).report
        return report.id if report is not None else None

    def _reveal(self, pane_index: int, where: Counterpart, row: int) -> bool:
        """Show `where` in a pane (switching its report if need be), its sentences marked
        and the cursor on the first shown paragraph; False if the filter hides them."""
        self.show_report_in(pane_index, self.numbers()[where.report_id])
        pane = self.pane(pane_index)
        pane.set_counterparts(where.sentence_ids)
        return pane.reveal(where.paragraph_ids, row)

    def _report_name(self, report_id: str) -> str:
        return outlet_name(next(r for r in self.reports if r.id == report_id))

    @needs("facts")
    def action_toggle_follow(self) -> None:
        # The filter bar says "follow"; the redraw puts the other panes on the fact.
        self.set_state(replace(self.state, follow=not self.state.follow))

    def on_report_pane_cursor_moved(self, event: ReportPane.CursorMoved) -> None:
        # Follow mode is only ever turned on with the facts in (`needs`).
        if self.state.follow and event.pane.has_focus:
            self._follow(self.state.focused)

    @needs("facts")
    def action_cycle_fact_view(self) -> None:
        # The filter bar names the view.
        following = FACT_VIEWS[(FACT_VIEWS.index(self.state.fact_view) + 1) % len(FACT_VIEWS)]
        self.set_state(replace(self.state, fact_view=following))

    @needs("facts")
    def action_toggle_unique(self) -> None:
        # The filter bar says "◦ unique".
        self.set_state(replace(self.state, show_unique=not self.state.show_unique))

    @needs("facts")
    def action_fact_matrix(self) -> None:
        analysis = self.ready
        corpus = analysis.corpus
        if not corpus.facts:
            looser = self.keys("looser_facts")
            self.notify(
                f"No shared facts at {corpus.fact_threshold:.2f}: {looser} matches more loosely",
                timeout=3,
            )
            return
        from tui.app.screens.fact_matrix import FactMatrix  # not needed for the first screen

        matrix = FactMatrix(corpus, analysis.facts, self.fact_styles())
        self.app.push_screen(matrix, self._matrix_closed)

    def _matrix_closed(self, fact_id: str | None) -> None:
        if fact_id is not None:
            self.jump_to_fact(fact_id)

    def jump_to_fact(self, fact_id: str) -> None:
        """Left pane on the fact's first sentence, every other pane shown on another
        report's (as many as state it; a pane left over has its marks cleared)."""
        facts = self.state.facts
        fact = facts.facts.get(fact_id)
        if fact is None:
            return
        first_report = facts.places[fact.sentences[0]][0]
        own = fact_sentences_in(facts, fact_id, first_report)
        assert own is not None
        self.focus_pane(0)
        shown = self._reveal(0, own, 0)
        landed = self.pane(0).current_paragraph
        self._chosen_fact = (landed.id, fact_id) if shown and landed is not None else None
        targets = range(1, self.state.shown_panes)
        found = find_counterparts(
            facts,
            (fact_id,),
            first_report,
            [self._pane_report_id(target) for target in targets],
            self._order(),
        )
        for target, where in zip(targets, found, strict=True):
            if where is None:
                self.pane(target).set_counterparts(())
            else:
                shown = self._reveal(target, where, self.pane(0).cursor_row) and shown
        if not shown:
            label = fact_label(facts.numbers[fact_id])
            self.notify(f"{label} is partly hidden by the filter", timeout=3)

    # ------------------------------------------------------------------ threshold

    @needs("facts")
    def action_fact_sensitivity(self, step: int) -> None:
        """Stricter (step 1) or looser (-1) fact matching: fewer or more facts."""
        current = self._current_threshold()
        wanted = stepped_threshold(current, step)
        if wanted == current:
            which = "strictest" if step > 0 else "loosest"
            self.notify(f"Already the {which} fact matching ({current:.2f})", timeout=2)
            return
        self.set_fact_threshold(wanted)

    @needs("facts")
    def action_pick_sensitivity(self) -> None:
        from tui.app.screens.sensitivity import SensitivityPicker

        picker = SensitivityPicker(self._current_threshold())
        self.app.push_screen(picker, self._sensitivity_picked)

    def _current_threshold(self) -> float:
        """The threshold chosen last (maybe still being matched), else the corpus's."""
        chosen = self.state.fact_threshold
        return self.ready.corpus.fact_threshold if chosen is None else chosen

    def _sensitivity_picked(self, threshold: float | None) -> None:
        if threshold is not None and self.state.analysis is not None:
            self.set_fact_threshold(threshold)

    def set_fact_threshold(self, threshold: float) -> None:
        """Match the facts again at `threshold`, in a worker (FactsMatched): the whole
        analysis's (a story shows its part of them); with an analysis (the picker's
        callback and `set_corpus` have one)."""
        analysis = self.whole
        note = f"matching facts at {threshold:.2f}…"
        self.set_state(replace(self.state, fact_threshold=threshold, status_note=note))
        self._match_facts(analysis.base, threshold)

    @work(thread=True, exclusive=True, exit_on_error=False, group="facts")
    def _match_facts(self, base: Corpus, threshold: float) -> None:
        from tui.pipeline.build import with_fact_threshold

        corpus = with_fact_threshold(base, threshold)
        if not get_current_worker().is_cancelled:
            self.post_message(FactsMatched(corpus, base))

    def on_facts_matched(self, message: FactsMatched) -> None:
        analysis = self.state.analysis
        if analysis is None or message.base is not analysis.base:
            return  # a newer analysis arrived meanwhile
        threshold = self.state.fact_threshold
        if message.corpus.fact_threshold != threshold:
            return  # the user has moved the threshold again
        matched = Analysis.of(analysis.base, analysis.stage, analysis.tags, message.corpus)
        self.set_state(self.state.with_analysis(matched, self._kept_story(matched)))
        total = len(message.corpus.facts)
        shown = self.state.corpus
        if shown is not None and shown is not message.corpus:
            # A story's view: its count, as the status line gives it, then all stories'.
            found = f"{count_of(len(shown.facts), 'shared fact')} in this story, {total} in all"
        else:
            found = count_of(total, "shared fact")
        self.notify(f"Fact matching {threshold:.2f}: {found}", timeout=2)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "facts" and event.state == WorkerState.ERROR:
            error = first_line(event.worker.error) if event.worker.error else ""
            self.show_status()
            self.notify(f"Fact matching failed: {error}", severity="error", markup=False)
