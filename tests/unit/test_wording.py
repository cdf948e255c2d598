"""Counts in what the user reads: "1 report", "2 reports", never "1 reports"."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.harness import analysed
from tui.app.app import NewsprismApp
from tui.app.widgets.status_bar import StatusBar
from tui.wording import count_of, joined


@pytest.mark.parametrize(
    ("count", "noun", "expected"),
    [
        (0, "report", "0 reports"),
        (1, "report", "1 report"),
        (2, "report file", "2 report files"),
        (1, "shared fact", "1 shared fact"),
        (3, "entity", "3 entities"),
        (2, "story", "2 stories"),
        (2, "day", "2 days"),
        (2, "match", "2 matches"),
    ],
)
def test_count_of(count: int, noun: str, expected: str) -> None:
    assert count_of(count, noun) == expected


def test_joined() -> None:
    assert [joined(x) for x in ([], ["a"], ["a", "b"], ["a", "b", "c"])] == [
        "",
        "a",
        "a and b",
        "a, b and c",
    ]


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
