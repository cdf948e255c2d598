"""The reader's state (tui/app/state.py) without a screen: what a key needing the
analysis says while it is not ready, what the status line shows at each point of
loading and analysing, how panes are laid out by width, and the one `needs` check."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tui.app.screens.reader.base import needs
from tui.app.screens.reader.panes import laid_out
from tui.app.state import Analysis, ReaderState, status_line
from tui.query.entities import EntityFilter

# The reader's keys as a screen names them (`ReaderBase.keys`); moved keys are
# tests/app/test_keymap_hints.py's.
KEYS = {"pick_entities": "e"}


@pytest.fixture(scope="module")
def whole(seeds_corpus) -> Analysis:
    return Analysis.of(seeds_corpus, "topics")


def test_every_need_is_refused_until_its_stage_is_done(seeds_corpus):
    state = ReaderState()
    assert state.refusal("entities", KEYS.__getitem__) == "Analysis still running"
    failed = replace(state, analysis_note="Entity analysis failed")
    assert failed.refusal("topics", KEYS.__getitem__) == "Entity analysis failed"
    entities = replace(state, analysis=Analysis.of(seeds_corpus, "entities"))
    assert entities.refusal("entities", KEYS.__getitem__) is None
    assert entities.refusal("facts", KEYS.__getitem__) == "Still finding shared facts…"
    assert entities.refusal("topics", KEYS.__getitem__) == "Still finding sources and topics…"
    facts = replace(state, analysis=Analysis.of(seeds_corpus, "facts"))
    assert facts.refusal("facts", KEYS.__getitem__) is None
    assert facts.refusal("topics", KEYS.__getitem__) == "Still finding sources and topics…"


def test_chosen_entities_need_an_entity_filter(whole):
    state = ReaderState(analysis=whole)
    refusal = state.refusal("chosen entities", KEYS.__getitem__)
    assert refusal == "No entity filter: press e to pick entities"
    assert state.refusal("chosen entities", {"pick_entities": "E"}.__getitem__) == (
        "No entity filter: press E to pick entities"
    )
    chosen = replace(state, entity_filter=EntityFilter((whole.corpus.entities[0].id,)))
    assert chosen.refusal("chosen entities", KEYS.__getitem__) is None
    assert ReaderState().refusal("chosen entities", KEYS.__getitem__) == "Analysis still running"


def test_the_status_line_through_loading_and_analysis(seeds_corpus, whole):
    state = ReaderState()
    assert status_line(state) is None  # nothing read yet
    reading = replace(state, loaded=(2, 5))
    assert status_line(reading) == status_line(replace(reading, load_summary="x"))
    assert (status_line(reading).done, status_line(reading).total) == (2, 5)
    read = replace(reading, reading=False, load_summary="5 reports")
    assert status_line(read).kind == "summary"
    assert status_line(read).label == "5 reports"
    started = replace(read, analysis_running=True)
    line = status_line(started)
    assert (line.kind, line.label, line.done) == ("stage", "5 reports · finding entities…", 0)
    part = started.with_analysis(Analysis.of(seeds_corpus, "entities"))
    line = status_line(part)
    assert (line.kind, line.done) == ("stage", 1)
    assert line.label.endswith("· finding shared facts…")
    done = part.with_analysis(whole)
    line = status_line(done)
    assert line.kind == "summary" and not done.analysis_running
    assert f"(≥{whole.corpus.fact_threshold:.2f})" in line.label
    noted = replace(done, status_note="matching facts at 0.70…")
    assert status_line(noted).label.endswith("matching facts at 0.70…")
    rerun = replace(done, analysis_running=True)  # a correction: the whole run again
    assert status_line(rerun).done == 0
    failed = replace(rerun, analysis_failed=True)
    assert status_line(failed).label == "5 reports · entity analysis failed"


@pytest.mark.parametrize(
    ("width", "panes", "focused", "expected"),
    [
        (200, 4, 3, (4, False, 3)),
        (130, 4, 3, (3, False, 2)),  # the focus leaves a hidden pane
        (100, 3, 0, (2, False, 0)),
        (50, 2, 1, (2, True, 1)),
    ],
)
def test_panes_are_laid_out_by_width(width, panes, focused, expected):
    state = ReaderState(pane_reports=tuple(range(panes)), focused=focused)
    shown = laid_out(state, width)
    assert (shown.shown_panes, shown.narrow, shown.focused) == expected
    assert shown.pane_reports == state.pane_reports  # hidden, not closed


class _Screen:
    """What `needs` asks of a screen: its state and a way to say something."""

    def __init__(self, state: ReaderState) -> None:
        self.state = state
        self.notices: list[str] = []
        self.done: list[int] = []

    def keys(self, action_id: str) -> str:
        return KEYS[action_id]

    def notify(self, message: str, timeout: float) -> None:
        self.notices.append(message)

    @needs("facts")
    def action_step(self, step: int) -> None:
        self.done.append(step)


def test_an_action_needing_the_analysis_says_why_and_does_nothing(seeds_corpus, whole):
    early = _Screen(ReaderState(analysis=Analysis.of(seeds_corpus, "entities")))
    early.action_step(1)
    assert (early.notices, early.done) == (["Still finding shared facts…"], [])
    ready = _Screen(ReaderState(analysis=whole))
    ready.action_step(-1)
    assert (ready.notices, ready.done) == ([], [-1])
