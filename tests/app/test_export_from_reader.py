"""Exports from the reader (`x`, `y`, `Y` and the palette), under Textual's Pilot; the
exports themselves and `newsprism export` are tested in tests/unit/test_export.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.app.harness import analysed, binding_rows, notes, run_command
from tests.unit.test_export import busiest_entities, readable
from tui.app.app import NewsprismApp
from tui.app.screens.export import ExportScreen
from tui.export import (
    export_text,
)
from tui.ingest.text import visible_text
from tui.model.ids import OUTLET
from tui.query.entities import EntityFilter
from tui.query.facts import sentence_wording
from tui.query.tags import TagFilter


async def test_x_exports_the_paragraphs_in_view(seeds_app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    async with seeds_app.run_test(size=(100, 30)) as pilot:
        corpus = await analysed(pilot)
        reader = seeds_app.reader
        pair = busiest_entities(corpus)
        named = corpus.query(pair, "any")
        outlet = next(r.outlet for r in corpus.reports if any(p.id in named for p in r.paragraphs))
        reader.apply_tag_filter(TagFilter((OUTLET.of(outlet),), ()))
        reader.apply_filter(EntityFilter(pair, "any"))
        await pilot.pause()
        shown = {p.id for _, p in reader.pane(0).view.kept.selected(corpus.reports)}
        await pilot.press("x")
        assert isinstance(seeds_app.screen, ExportScreen)
        await pilot.press("l", "down", "down", "enter")  # format: JSON
        await seeds_app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(seeds_app.screen, ExportScreen)
        files = list(tmp_path.glob("newsprism-export-*.json"))
        assert len(files) == 1
        assert any(note.endswith(files[0].name) for note in notes(seeds_app))
    data = json.loads(files[0].read_text(encoding="utf-8"))
    assert data["export"] == "paragraphs"
    found = {p["paragraph"] for p in data["paragraphs"]}
    assert found == shown and shown <= readable(corpus)
    assert {p["source"] for p in data["paragraphs"]} == {outlet}
    assert found, "the filter leaves paragraphs to export"


async def test_x_exports_the_fact_matrix_and_esc_cancels(seeds_app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    async with seeds_app.run_test(size=(100, 30)) as pilot:
        corpus = await analysed(pilot)
        await pilot.press("x", "escape")
        assert not isinstance(seeds_app.screen, ExportScreen)
        await pilot.press("x", "down", "enter")  # the fact matrix, Markdown
        await seeds_app.workers.wait_for_complete()
        await pilot.pause()
        # Twice in one second: a second file, never the first overwritten.
        await pilot.press("x", "down", "enter")
        await seeds_app.workers.wait_for_complete()
        await pilot.pause()
    files = sorted(tmp_path.glob("newsprism-export-*.md"))
    assert len(files) == 2
    for file in files:
        assert file.read_text(encoding="utf-8") == export_text(corpus, "facts", "md")


async def test_export_keys_in_help_and_palette(seeds_app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    async with seeds_app.run_test(size=(100, 30)) as pilot:
        await analysed(pilot)
        keys = {description: key for key, description in binding_rows(seeds_app)}
        assert keys["Export to a file: paragraphs in view, facts, entities"] == "x"
        assert keys["Copy the paragraph (clipboard)"] == "y"
        assert keys["Copy the paragraph's shared facts (clipboard)"] == "Y"
        await run_command(pilot, "Export")
        assert isinstance(seeds_app.screen, ExportScreen)


def clipboard(app: NewsprismApp, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    return copied


async def test_y_copies_the_paragraph_with_its_source(seeds_app, monkeypatch):
    copied = clipboard(seeds_app, monkeypatch)
    async with seeds_app.run_test(size=(100, 30)) as pilot:
        await analysed(pilot)
        pane = seeds_app.reader.pane(0)
        await pilot.press("j", "j")
        paragraph, report = pane.current_paragraph, pane.report
        await pilot.press("y")
        assert "Paragraph copied to the clipboard" in notes(seeds_app)
    assert len(copied) == 1
    body, source = copied[0].rsplit("\n", 1)
    assert body == " ".join(visible_text(report, paragraph).split())
    assert source.startswith(f"— {report.outlet}")
    assert Path(report.path or report.name).name in source


async def test_Y_copies_every_wording_of_the_facts(seeds_app, monkeypatch):
    copied = clipboard(seeds_app, monkeypatch)
    async with seeds_app.run_test(size=(100, 30)) as pilot:
        corpus = await analysed(pilot)
        reader = seeds_app.reader
        pane = reader.pane(0)
        plain = next(
            i for i, p in enumerate(pane.paragraphs) if not reader.state.facts.paragraph_facts(p)
        )
        pane.move_cursor(plain)
        await pilot.press("Y")
        assert copied == []
        await pilot.press("n", "Y")
        fact_ids = reader.state.facts.paragraph_facts(pane.current_paragraph)
    assert fact_ids and len(copied) == 1
    wordings = {}
    for report in corpus.reports:
        for paragraph in report.paragraphs:
            for sentence in paragraph.sentences:
                wordings[sentence.id] = sentence_wording(report, paragraph, sentence)
    for fact_id in fact_ids:
        fact = corpus.fact(fact_id)
        number = [f.id for f in corpus.facts].index(fact_id) + 1
        assert f"f{number}" in copied[0]
        for sentence_id in fact.sentences:
            assert wordings[sentence_id] in copied[0]
        for report_id in fact.reports:
            assert f"— {corpus.report(report_id).outlet}" in copied[0]


async def test_copy_from_the_palette(seeds_app, monkeypatch):
    copied = clipboard(seeds_app, monkeypatch)
    async with seeds_app.run_test(size=(100, 30)) as pilot:
        await analysed(pilot)
        await run_command(pilot, "Copy paragraph")
    assert len(copied) == 1 and copied[0].count("\n— ") == 1
