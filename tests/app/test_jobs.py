"""The reader runs the per-story analyses on a process pool from its worker thread (the
pool's processes must start although Textual captures stderr), with the same result."""

from __future__ import annotations

from pathlib import Path

import tui
from tests.unit.test_per_story import as_json, pool_always, several_stories
from tui.app.app import NewsprismApp
from tui.cli.reader import reader_parser
from tui.cli.serve import reader_command


async def test_the_reader_analyses_on_a_pool(tmp_path: Path) -> None:
    texts = several_stories(("", "ka", "lo"))
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    app = NewsprismApp([str(tmp_path)], use_cache=False, jobs=2)
    with pool_always():
        async with app.run_test(size=(120, 35)) as pilot:
            for _ in range(600):  # a guard against hanging, not a measurement
                await pilot.pause(0.05)
                if app.corpus is not None or app.reader.state.analysis_failed:
                    break
            corpus = app.corpus
    assert corpus is not None, "the analysis failed or did not finish"
    alone = tui.analyze([tmp_path], jobs=1)
    assert as_json(corpus) == as_json(alone)


def test_jobs_reach_the_reader_and_serve() -> None:
    assert reader_parser().parse_args(["--jobs", "3"]).jobs == 3
    assert reader_parser().parse_args([]).jobs is None
    assert "--jobs=3" in reader_command(["a.txt"], jobs=3)
    assert "--jobs" not in reader_command(["a.txt"])
