"""End to end: the installed `newsprism` script in a real terminal (tmux), driven by keys.

Skipped when tmux is missing or the console script is not installed
(`pip install -e '.[test]'`). The terminal is tests/e2e/harness.py's `Terminal`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from tests.e2e.harness import WIDTH, Terminal

pytestmark = pytest.mark.slow

# Wide enough for the fact matrix to give each seed report's wording of a fact one line.
WIDE = 240

LEFT_HEADER = "unknown outlet (000_2ba436d79053c5cc)  1 of 2"
RIGHT_HEADER = "Sky News  2 of 2"
FIRST_PARAGRAPH = "The extremist Islamist group Hayat Tahrir al-Sham"
RIGHT_FIRST_PARAGRAPH = "The Syrian president has fled"
# A paragraph of the left seed report that cites Reuters (the first one that does).
REUTERS_PARAGRAPH = "Meanwhile, President Bashar al-Assad"
# The first seed paragraph cites no one.
UNCITED = "The extremist Islamist group"
# The two seed reports' wordings of one shared fact.
HOMS_LEFT = "full control of the strategic city of Homs"
HOMS_RIGHT = "complete control of the key city of Homs"


def test_reader_in_a_real_terminal(
    newsprism_script: str, start_terminal: Callable[..., Terminal]
) -> None:
    term = start_terminal([newsprism_script])

    # First screen: both headers and the first paragraph of the left report.
    screen = term.wait_for_text(LEFT_HEADER, RIGHT_HEADER, FIRST_PARAGRAPH)
    header_line = next(line for line in screen.splitlines() if LEFT_HEADER in line)
    assert header_line.index(LEFT_HEADER) < header_line.index(RIGHT_HEADER), header_line
    assert header_line.index(RIGHT_HEADER) >= WIDTH // 2 - 2, "Sky News is not on the right"
    term.wait_for_text("2 reports")  # loading finished

    # j: next paragraph (left pane); tab: right pane; G: its bottom.
    term.press("j", "Tab", "G")
    term.wait_for_text("Quneitra and Deraa in the south.")

    # ?: the help screen, generated from the live bindings; esc closes it.
    term.press("?")
    term.wait_for_text("Keys", "closes this help")
    term.press("Escape")
    term.wait_for(lambda s: "closes this help" not in s, "the help screen to close")

    # b: boilerplate shown ("Read more:" lines of the Sky News report).
    term.press("b")
    term.wait_for_text("Boilerplate shown")
    term.press("g")  # back to the top of the right pane, where the first read-more link is
    term.wait_for_text("Read more: Why significance")

    # q: quit, exit status 0.
    term.press("q")
    assert term.wait_for_exit() == 0


def test_entity_filter_in_a_real_terminal(
    newsprism_script: str, start_terminal: Callable[..., Terminal]
) -> None:
    term = start_terminal([newsprism_script])
    term.wait_for_text(FIRST_PARAGRAPH, RIGHT_FIRST_PARAGRAPH)
    term.wait_for(lambda s: re.search(r"\d+ entities", s) is not None, "the entity count")

    # e, type, enter: only paragraphs naming Hezbollah; the right report names none.
    term.press("e")
    term.wait_for_text("Filter by entity", "Why merged")
    term.press("hezbollah")
    term.wait_for(lambda s: "Spellings: Hezbollah" in s, "Hezbollah to be the highlighted entity")
    term.press("Enter")
    screen = term.wait_for_text("Entities (any): Hezbollah", "No paragraph here mentions Hezbollah")
    left = [line[: WIDTH // 2] for line in screen.splitlines()[1:-3]]
    assert any("Hezbollah" in line for line in left), screen
    assert FIRST_PARAGRAPH not in screen
    assert RIGHT_FIRST_PARAGRAPH not in screen

    # c: every paragraph again (the left cursor stays on its paragraph; g goes to the top).
    term.press("c")
    term.wait_for(
        lambda s: "Entities (any)" not in s and RIGHT_FIRST_PARAGRAPH in s,
        "the filter to clear",
    )
    term.press("g")
    term.wait_for_text(FIRST_PARAGRAPH)

    term.press("q")
    assert term.wait_for_exit() == 0


def test_fact_matrix_in_a_real_terminal(
    newsprism_script: str, start_terminal: Callable[..., Terminal]
) -> None:
    term = start_terminal([newsprism_script], width=WIDE)
    term.wait_for_text(FIRST_PARAGRAPH, RIGHT_FIRST_PARAGRAPH)
    term.wait_for(
        lambda s: re.search(r"\d+ shared facts? \(≥\d\.\d\d\)", s) is not None,
        "the shared fact count",
    )

    # m: the matrix; one row holds both reports' wordings of the Homs fact side by side
    # (the lines under the table give each report's wording on a line of its own).
    term.press("m")
    screen = term.wait_for_text("Shared facts", HOMS_LEFT, HOMS_RIGHT)
    rows = [line for line in screen.splitlines() if HOMS_LEFT in line]
    assert any(HOMS_RIGHT in line for line in rows), screen

    # esc: back to the reader.
    term.press("Escape")
    term.wait_for(lambda s: "Shared facts" not in s and FIRST_PARAGRAPH in s, "the matrix to close")

    term.press("q")
    assert term.wait_for_exit() == 0


def test_source_filter_in_a_real_terminal(
    newsprism_script: str, start_terminal: Callable[..., Terminal]
) -> None:
    term = start_terminal([newsprism_script])
    term.wait_for_text(FIRST_PARAGRAPH, RIGHT_FIRST_PARAGRAPH)
    term.wait_for(lambda s: re.search(r"\d+ entities", s) is not None, "the analysis")
    # Tags under the paragraphs: who each cites ("◂") and what it is about ("#").
    term.wait_for(lambda s: "◂ Reuters" in s and "# " in s, "the tag lines")

    # s, type, enter: only paragraphs citing Reuters, in both panes.
    term.press("s")
    term.wait_for_text("Filter by cited source or outlet", "Spellings:")
    term.press("reuters")
    term.wait_for(lambda s: "Spellings: Reuters" in s, "Reuters to be the highlighted source")
    term.press("Enter")
    screen = term.wait_for_text("Sources: Reuters", REUTERS_PARAGRAPH)
    assert UNCITED not in screen
    assert RIGHT_FIRST_PARAGRAPH not in screen

    # c: every paragraph again, the cursor paragraph kept on its row (so the panes stay
    # where they were); g: the top of the left report, which cites no one.
    term.press("c")
    term.wait_for(
        lambda s: "Sources: Reuters" not in s and REUTERS_PARAGRAPH in s,
        "the filter to clear",
    )
    term.press("g")
    term.wait_for_text(UNCITED)

    term.press("q")
    assert term.wait_for_exit() == 0
