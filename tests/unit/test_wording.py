"""Counts in what the user reads: "1 report", "2 reports", never "1 reports"."""

from __future__ import annotations

import pytest

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
