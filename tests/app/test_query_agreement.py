"""The reader and export keep the same paragraphs (`tui.query`, under Textual's Pilot).

The reader's panes, its "n paragraphs" count and the export of the paragraphs in view
must keep the same paragraphs under every filter: entities (any / all), cited sources,
outlets, topics, the fact view (all / shared / unique), boilerplate shown or hidden, and
any mix of them. The filter on its own is tested in tests/unit/test_query.py.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.app.harness import analysed
from tui.app.app import NewsprismApp
from tui.app.screens.export import ExportScreen
from tui.export import export_text
from tui.model.corpus import Corpus, MatchMode
from tui.model.document import Report
from tui.model.ids import OUTLET
from tui.query import FACT_VIEWS, FactView, Filter
from tui.query.entities import EntityFilter
from tui.query.tags import TagFilter
from tui.resources import seeds_dir


def filter_bar_count(app: NewsprismApp) -> int:
    """The "n paragraphs" the filter bar says the filters keep."""
    label = str(app.reader.query_one("#filter-label").render())
    # The bar wraps when the names need it, perhaps between the count and its noun.
    found = re.search(r"(\d+)\s+paragraphs?\b", label)
    assert found, label
    return int(found[1])


def shown_in_panes(app: NewsprismApp) -> set[str]:
    reader = app.reader
    return {p.id for index in range(reader.pane_count) for p in reader.pane(index).paragraphs}


def exported(corpus: Corpus, flt: Filter) -> list[str]:
    """The paragraphs `newsprism export` and the reader's `x` write, in order."""
    data = json.loads(export_text(corpus, "paragraphs", "json", flt))
    return [p["paragraph"] for p in data["paragraphs"]]


async def test_outlet_filter_with_boilerplate_shown_exports_what_the_reader_shows(
    seeds_app: NewsprismApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Boilerplate shown (b) and an outlet filter on: the reader showed the outlet's
    # paragraphs without its boilerplate, "Export -> Paragraphs in view" wrote them all.
    monkeypatch.chdir(tmp_path)
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        corpus = await analysed(pilot)
        reader = seeds_app.reader
        report = next(
            (r for r in corpus.reports if any(p.kind == "boilerplate" for p in r.paragraphs)),
            None,
        )
        assert report is not None, "a seed report has boilerplate"
        await pilot.press("b")
        reader.apply_tag_filter(TagFilter((OUTLET.of(report.outlet),), ()))
        await pilot.pause()
        shown = shown_in_panes(seeds_app)
        assert shown == {p.id for p in report.paragraphs}
        assert filter_bar_count(seeds_app) == len(shown)
        await pilot.press("x")
        assert isinstance(seeds_app.screen, ExportScreen)
        assert seeds_app.screen.counts["paragraphs"] == len(shown)
        await pilot.press("l", "down", "down", "enter")  # paragraphs in view, JSON
        await seeds_app.workers.wait_for_complete()
        await pilot.pause()
    (file,) = tmp_path.glob("newsprism-export-*.json")
    written = [p["paragraph"] for p in json.loads(file.read_text("utf-8"))["paragraphs"]]
    assert len(written) == len(shown) and set(written) == shown


async def test_boilerplate_toggle_before_the_analysis_is_kept(
    seeds_app: NewsprismApp, held_analysis
) -> None:
    # `b` works before there is a corpus, and the analysis arriving keeps it.
    async with seeds_app.run_test(size=(80, 24)) as pilot:
        for _ in range(200):
            await pilot.pause(0.01)
            if len(seeds_app.reader.reports) == 2:
                break
        reports = seeds_app.reader.reports
        every = {p.id for r in reports for p in r.paragraphs}
        readable = {p.id for r in reports for p in r.paragraphs if p.kind != "boilerplate"}
        assert every != readable, "the seeds have boilerplate"
        assert shown_in_panes(seeds_app) == readable
        await pilot.press("b")
        assert shown_in_panes(seeds_app) == every
        held_analysis.set()
        corpus = await analysed(pilot)
        assert shown_in_panes(seeds_app) == every
        assert exported(corpus, seeds_app.reader.state.query_filter()) == [
            p.id for r in corpus.reports for p in r.paragraphs
        ]


@dataclass(frozen=True)
class ReaderState:
    """What the reader's filters can be set to."""

    entities: tuple[str, ...] = ()
    match: MatchMode = "any"
    cited: tuple[str, ...] = ()  # `CitedSource.key`s
    outlets: tuple[str, ...] = ()  # `Report.outlet`s
    topics: tuple[str, ...] = ()
    fact_view: FactView = "all"
    boilerplate: bool = False


@dataclass(frozen=True)
class Choices:
    """What a corpus offers each filter."""

    entities: list[str]
    cited: list[str]
    outlets: list[str]
    topics: list[str]

    @classmethod
    def of(cls, corpus: Corpus) -> Choices:
        # The most mentioned entities: "all" of two of them keeps a paragraph now and then.
        busiest = sorted(corpus.entities, key=lambda e: -e.mentions)[:12]
        return cls(
            entities=[e.id for e in busiest],
            cited=list(corpus.source_paragraphs),
            outlets=list(dict.fromkeys(r.outlet for r in corpus.reports)),
            topics=[t.id for t in corpus.topics],
        )


def one_kind_at_a_time(choices: Choices) -> list[ReaderState]:
    """Each filter kind alone (each choice of it), with boilerplate hidden and shown."""
    states: list[ReaderState] = [ReaderState()]
    states += [ReaderState(entities=(e,)) for e in choices.entities]
    states += [ReaderState(entities=tuple(choices.entities[:2]), match=m) for m in ("any", "all")]
    states += [ReaderState(cited=(k,)) for k in choices.cited]
    states += [ReaderState(outlets=(o,)) for o in choices.outlets]
    states += [ReaderState(topics=(t,)) for t in choices.topics]
    states += [ReaderState(fact_view=view) for view in FACT_VIEWS]
    return [replace(state, boilerplate=shown) for state in states for shown in (False, True)]


def reader_states(choices: Choices) -> st.SearchStrategy[ReaderState]:
    def some(ids: list[str]) -> st.SearchStrategy[tuple[str, ...]]:
        """Mostly none (a filter off), else one or two of `ids`."""
        if not ids:
            return st.just(())
        chosen = st.lists(st.sampled_from(ids), min_size=1, max_size=2, unique=True)
        return st.one_of(st.just(()), st.just(()), chosen.map(tuple))

    return st.builds(
        ReaderState,
        entities=some(choices.entities),
        match=st.sampled_from(("any", "all")),
        cited=some(choices.cited),
        outlets=some(choices.outlets),
        topics=some(choices.topics),
        fact_view=st.sampled_from(("all", *FACT_VIEWS)),
        boilerplate=st.booleans(),
    )


def set_reader(app: NewsprismApp, state: ReaderState) -> None:
    """The reader's filters as a user sets them (e, a, s, t, u, b), all at once."""
    reader = app.reader
    outlets = tuple(OUTLET.of(outlet) for outlet in state.outlets)
    reader.set_state(
        replace(
            reader.state,
            tag_filter=TagFilter((*state.cited, *outlets), state.topics),
            fact_view=state.fact_view,
            show_boilerplate=state.boilerplate,
        )
    )
    reader.apply_filter(EntityFilter(state.entities, state.match))


def shown_by_reader(app: NewsprismApp, reports: tuple[Report, ...]) -> list[str]:
    """Every paragraph the reader shows, report after report in one pane."""
    pane = app.reader.pane(0)
    shown = []
    for report in reports:
        pane.show_report(report)
        shown.extend(p.id for p in pane.paragraphs)
    return shown


def expected(app: NewsprismApp, corpus: Corpus, state: ReaderState) -> list[str]:
    """What the filters ask for, from their definitions: each kind its own way (the
    fact views: the paragraphs the reader colours a fact or marks a unique sentence in)."""
    facts = app.reader.state.facts
    found = []
    for report in corpus.reports:
        for paragraph in report.paragraphs:
            pid = paragraph.id
            named = [pid in corpus.entity_paragraphs.get(e, ()) for e in state.entities]
            topics = corpus.paragraph_topics.get(pid, ())
            checks = (
                state.boilerplate or paragraph.kind != "boilerplate",
                not named or (all(named) if state.match == "all" else any(named)),
                not state.cited
                or any(pid in corpus.source_paragraphs.get(k, ()) for k in state.cited),
                not state.outlets or report.outlet in state.outlets,
                not state.topics or any(t in state.topics for t in topics),
                state.fact_view != "shared" or pid in facts.spans,
                state.fact_view != "unique" or pid in facts.unique,
            )
            if all(checks):
                found.append(pid)
    return found


async def check_every_filter(app: NewsprismApp, examples: int) -> None:
    """Under each filter kind alone, then under random mixes of them, the reader shows
    the paragraphs export writes, in the same order, and its filter bar counts them."""
    async with app.run_test(size=(160, 45)) as pilot:
        corpus = await analysed(pilot)
        assert corpus.entities and corpus.topics and corpus.source_paragraphs and corpus.facts
        choices = Choices.of(corpus)

        def agree(state: ReaderState) -> None:
            set_reader(app, state)
            flt = app.reader.state.query_filter()
            shown = shown_by_reader(app, corpus.reports)
            assert shown == exported(corpus, flt), state
            assert shown == expected(app, corpus, state), state
            if flt.narrows:
                assert filter_bar_count(app) == len(shown), state

        for state in one_kind_at_a_time(choices):
            agree(state)
        settings(
            max_examples=examples,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow],
        )(given(reader_states(choices))(agree))()


async def test_reader_and_export_keep_the_same_paragraphs_on_the_seeds(
    seeds_app: NewsprismApp,
) -> None:
    await check_every_filter(seeds_app, examples=80)


# Reports from three more outlets, one with two reports, each with publisher chrome, on
# one happening: with the seeds, five reports from four outlets.
MORE_REPORTS = {
    "gazette-1.txt": (
        "---\nsource: Harbour Gazette\ntitle: Storm closes the port\n---\n"
        "A storm closed the port of Kessling on Tuesday, the harbour authority said.\n\n"
        "Two ferries were stuck outside the harbour wall, a coastguard spokesman told "
        "Reuters.\n\n"
        "Read more: How the port was built\n\n"
        "Fishermen in Kessling said the waves were the highest they had seen in years.\n\n"
        "Sign up for our newsletter to get the latest news.\n"
    ),
    "gazette-2.txt": (
        "---\nsource: Harbour Gazette\ntitle: Port reopens\n---\n"
        "The port of Kessling reopened on Wednesday after the storm, the harbour "
        "authority said.\n\n"
        "Both ferries reached the harbour safely, the coastguard said.\n\n"
        "Follow us on X at @gazette for updates.\n"
    ),
    "radio.md": (
        "---\nsource: Coast Radio\n---\n"
        "# Storm in Kessling\n\n"
        "A storm closed the port of Kessling on Tuesday, officials said.\n\n"
        "Two ferries were stuck outside the harbour wall, the coastguard told Reuters.\n\n"
        "> The waves were the highest we have seen, a fisherman said.\n\n"
        "This story is being updated.\n"
    ),
}


async def test_reader_and_export_keep_the_same_paragraphs_across_outlets(
    tmp_path: Path,
) -> None:
    for seed in seeds_dir().glob("*.txt"):
        shutil.copy(seed, tmp_path / seed.name)
    for name, text in MORE_REPORTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    app = NewsprismApp([str(tmp_path)])
    await check_every_filter(app, examples=60)
