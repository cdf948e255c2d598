"""End to end: the installed `newsprism` on coverage of several stories, in a real
80x24 terminal (tmux): the story list it opens on, a story opened, back, quit.

On generated coverage (four stories, tests/unit/harness.py) always; on the development
texts of ECB+ (`../shared/data/ecbplus/text`, 982 files about dozens of stories) when
they are there. How many stories the clustering finds is not asserted: only what the
reader does with them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SHARED
from tests.e2e.harness import Terminal
from tests.unit.harness import write_story_reports

pytestmark = pytest.mark.slow

ECBPLUS = SHARED / "data" / "ecbplus" / "text"
# Cold analysis of the ECB+ texts on a busy 2-core machine: a guard, not a measure.
SLOW_TIMEOUT = 240.0


def story_list(screen: str) -> bool:
    """The story list, with its keys in the footer."""
    found = re.search(r"Stories  \d+ · sorted by reports ↓", screen) is not None
    return found and "⏎ Open story" in screen


def walk_the_stories(term: Terminal, timeout: float) -> None:
    """From the first screen: the story list, open the first story, `]`, back, quit."""
    screen = term.wait_for(story_list, "the story list", timeout)
    lines = screen.rstrip("\n").splitlines()
    assert "⏎ Open story" in lines[-1]
    assert all(len(line) <= 80 for line in lines)
    # The table's first row: story 1, its title cut to fit, its counts on the same line
    # (its shared facts "…" while they are still being found).
    first = next(line for line in lines if re.match(r"^ +1 ", line))
    assert re.search(r"\d+ +\d+ +\S*? +(\d+|…) *$", first.rstrip()), first

    # enter: story 1 in the panes; the status line says which story (its place, its id).
    status = re.compile(r"Story 1 of \d+ \(s1\) · (\d+) reports?")
    term.press("Enter")
    screen = term.wait_for(
        lambda s: status.search(s) is not None and "esc Stories" in s, "story 1 open"
    )
    assert "esc Stories" in screen.rstrip("\n").splitlines()[-1]
    count = int(status.search(screen).group(1))  # type: ignore[union-attr]
    # ]: the next report of the story the right pane does not show ("3 of N" in the left
    # pane's header; with two reports, the second).
    after = 3 if count > 2 else count
    term.press("]")
    term.wait_for(lambda s: f"{after} of {count}" in s.splitlines()[0], "the story's next report")

    # esc: the list again, the cursor on story 1; esc: back in the story.
    term.press("Escape")
    term.wait_for(story_list, "the story list again")
    term.press("Escape")
    term.wait_for_text("Story 1 of")

    term.press("q")
    assert term.wait_for_exit() == 0


def test_generated_stories_in_a_real_terminal(
    newsprism_script: str, start_terminal: Callable[..., Terminal], tmp_path: Path
) -> None:
    folder = write_story_reports(tmp_path / "coverage")
    term = start_terminal([newsprism_script, str(folder)], width=80, height=24)
    walk_the_stories(term, timeout=60)


def test_the_ecbplus_texts_in_a_real_terminal(
    newsprism_script: str, start_terminal: Callable[..., Terminal]
) -> None:
    if not ECBPLUS.is_dir():
        pytest.skip(f"the ECB+ texts are not available: {ECBPLUS}")
    term = start_terminal([newsprism_script, str(ECBPLUS), "-r"], width=80, height=24)
    walk_the_stories(term, timeout=SLOW_TIMEOUT)
