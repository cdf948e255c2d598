"""Text cut to its room (tui/app/fit.py): at a character, between words, in lines."""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content

from tui.app.fit import fit, fit_lines, fit_words


def test_fit_cuts_at_a_character_with_an_ellipsis() -> None:
    assert fit("short", 10) == "short"
    assert fit("a longer line", 8) == "a longe…"
    assert fit("東京の地震", 5) == "東京…"  # wide characters: cells, not characters
    assert fit("anything", 0) == ""


def test_fit_words_cuts_between_words() -> None:
    line = "Story 1 of 2 (s1) · 3 reports · Rescue teams search collapsed buildings"
    assert fit_words(line, len(line)) == line
    assert fit_words(line, 50) == "Story 1 of 2 (s1) · 3 reports · Rescue teams…"
    # No separator left dangling before the ellipsis.
    assert fit_words(line, 33) == "Story 1 of 2 (s1) · 3 reports…"
    # A first word longer than the room: cut at a character.
    assert fit_words("Supercalifragilistic", 8) == "Superca…"
    for width in range(1, len(line)):
        assert cell_len(fit_words(line, width)) <= width


def test_fit_lines_keeps_to_its_lines_as_textual_wraps() -> None:
    title = "A very long headline about the Iquique earthquake " * 4
    for width in (20, 38, 78, 158):
        cut = fit_lines(title.strip(), width, 2)
        assert len(Content(cut).wrap(width)) <= 2
        if cut != title.strip():
            assert cut.endswith("…") and title.startswith(cut.removesuffix("…"))
            assert title[len(cut) - 1] == " "  # cut between words
    assert fit_lines("Short title", 40, 2) == "Short title"
