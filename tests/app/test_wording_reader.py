"""Counted nouns in the reader, under Textual's Pilot (the wording helpers themselves:
tests/unit/test_wording.py).
"""

from __future__ import annotations

from pathlib import Path

from tests.app.harness import analysed
from tui.app.app import NewsprismApp
from tui.app.widgets.status_bar import StatusBar


async def test_one_report_is_one_report(tmp_path: Path) -> None:
    path = tmp_path / "only.txt"
    path.write_text("The only paragraph of the only report.\n", encoding="utf-8")
    app = NewsprismApp([str(path)], use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await analysed(pilot)
        assert app.load_summary == "1 report · 1 paragraph"
        bar = app.reader.query_one(StatusBar)
        bar.show_progress(1, 1)
        await pilot.pause()
        assert str(bar.query_one("#status-label").render()) == "Reading 1/1 file"
