"""`sources.toml` warnings in the reader, under Textual's Pilot (the table itself:
tests/unit/test_sources_toml.py).
"""

from __future__ import annotations

from tests.app.harness import analysed, notes
from tests.unit.test_sources_toml import write
from tui.app.app import NewsprismApp


async def test_reader_shows_each_warning(tmp_path):
    folder = write(tmp_path, {"a.txt": "Report a.\n", "b.txt": "Report b.\n"})
    (folder / "sources.toml").write_text(
        '"a.txt" = { sorce = "Outlet A" }\n"c.txt" = "Outlet C"\n', encoding="utf-8"
    )
    app = NewsprismApp([str(folder)], use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await analysed(pilot)
        warned = [note for note in notes(app) if "sources.toml" in note]
        assert len(warned) == 2
        assert any('"sorce"' in note for note in warned)
        assert any('"c.txt"' in note for note in warned)
        assert app.load_errors == []  # nothing was skipped
