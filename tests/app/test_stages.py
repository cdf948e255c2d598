"""The reader shows each analysis stage as it is done: entities first, then shared
facts, then sources and topics; keys that need a later stage say what is still running."""

from __future__ import annotations

import threading

import pytest
from textual.binding import Binding
from textual.pilot import Pilot

from tests.app.harness import analysed, hold, notes
from tui.app.app import NewsprismApp
from tui.app.screens.entity_picker import EntityPicker


@pytest.fixture
def held_facts(monkeypatch: pytest.MonkeyPatch):
    """Hold the shared-fact stage of the analysis until the returned event is set."""
    release = hold(monkeypatch, "join_facts")
    yield release
    release.set()


async def entities_shown(pilot: Pilot) -> None:
    app = pilot.app
    assert isinstance(app, NewsprismApp)
    for _ in range(500):
        await pilot.pause(0.01)
        if app.reader.corpus is not None:
            break
    await pilot.pause()


def status(app: NewsprismApp) -> str:
    return str(app.reader.query_one("#status-label").render())


async def test_entities_are_usable_while_facts_are_found(
    seeds_app: NewsprismApp, held_facts: threading.Event
) -> None:
    async with seeds_app.run_test(size=(120, 35)) as pilot:
        await entities_shown(pilot)
        reader = seeds_app.reader
        corpus = reader.corpus
        assert corpus is not None and corpus.entities and not corpus.facts
        assert seeds_app.analysis_running
        assert "finding shared facts…" in status(seeds_app)
        assert "entities" in status(seeds_app)
        assert reader.query_one("#status-progress").display
        # Facts and topics are not there yet: the keys say so, and nothing breaks.
        for key, note in (
            ("n", "Still finding shared facts…"),
            ("m", "Still finding shared facts…"),
            ("t", "Still finding sources and topics…"),
            ("o", "Still finding sources and topics…"),
        ):
            await pilot.press(key)
            assert note in notes(seeds_app), key
            assert seeds_app.screen is reader
        # The entity filter works already.
        await pilot.press("e")
        assert isinstance(seeds_app.screen, EntityPicker)
        await pilot.press(*"damascus", "enter")
        await pilot.pause()
        assert reader.state.entity_filter.active
        filtered = [len(reader.pane(i).paragraphs) for i in range(2)]
        held_facts.set()
        final = await analysed(pilot)
        assert final.facts and final.topics
        assert "finding" not in status(seeds_app)
        assert "shared facts" in status(seeds_app)
        assert not reader.query_one("#status-progress").display
        # The filter carried over to the whole analysis.
        assert reader.state.entity_filter.active
        assert [len(reader.pane(i).paragraphs) for i in range(2)] == filtered
        await pilot.press("n")
        assert "Still finding shared facts…" not in notes(seeds_app)[-1:]


async def test_every_key_needing_the_analysis_says_so_before_there_is_one(
    seeds_app: NewsprismApp, held_analysis: threading.Event
) -> None:
    from tui.app.screens.reader import ReaderScreen

    # Every filter, fact and export key (the reader's keys that read the analysis).
    expected = {
        "pick_entities", "pick_sources", "pick_topics", "toggle_match_mode",
        "next_mention", "previous_mention", "clear_filters", "toggle_tags",
        "sources_overview", "next_fact", "previous_fact", "show_counterpart",
        "toggle_follow", "fact_matrix", "stricter_facts", "looser_facts",
        "cycle_fact_view", "toggle_unique", "export", "copy_fact",
    }  # fmt: skip
    needing = [
        binding
        for binding in ReaderScreen.BINDINGS
        if isinstance(binding, Binding) and binding.id in expected
    ]
    assert {binding.id for binding in needing} == expected
    async with seeds_app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        reader = seeds_app.reader
        for binding in needing:
            before = len(notes(seeds_app))
            await pilot.press(binding.key)
            assert seeds_app.screen is reader, binding.key
            assert notes(seeds_app)[before:] == ["Analysis still running"], binding.key
        assert reader.corpus is None
