"""End to end: report text never drives the terminal (tmux, the raw bytes written to it).

The installed `newsprism` runs in a detached tmux session on reports full of escape
sequences (an OSC 0 title change, an OSC 52 clipboard write, OSC 8 hyperlinks, CSI
colours and cursor moves, BEL, an 8-bit CSI), Rich/Textual markup, a file whose *name*
holds escapes, and Markdown links. `tmux pipe-pane -O` appends every byte the app writes
to a file from its very first one (the app waits for a go file until the pipe is on).
The reports are paged through, the links, report list and help are opened, and then:
none of the payloads is in the bytes, tmux's own view of the pane kept its title and
clipboard, and the markup shows on the screen as the characters it is made of.

Skipped when tmux or the installed console script is missing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests import hostile
from tests.e2e.harness import WIDTH, Terminal

pytestmark = pytest.mark.slow

_ANALYSIS_DONE = re.compile(r"shared facts? \(≥[0-9.]+\)|analysis failed")
# The story list's title: the reader opens on it when the reports are about several stories.
STORY_LIST = " Stories  "

LINKS_MD = (
    "# Links\n\n"
    "Read [the \x1bPPWNED\x1b\\ statement](https://example.org/statement) or "
    "[this](javascript:alert(1)) and a raw \x1b]8;;https://evil.example/osc8-target\x1b\\"
    "hyperlink\x1b]8;;\x1b\\ too.\n"
)

# Bytes of the reports' payloads that must never be written to the terminal.
FORBIDDEN = (
    b"PWNED",
    b"cHduZWQ",
    hostile.OSC8_URL.encode(),
    b"\x1b]0;",
    b"\x1b]2;",
    b"\x1b]8;",
    b"\x1b]52;",
    b"\xc2\x9b",  # U+009B, the 8-bit CSI, as UTF-8
    b"\x1b[31;1mconfirmed",
    b"moves \x1b[",
    b"bell\x07",
)


def write_reports(folder: Path) -> list[str]:
    """The hostile reports (sorted as the reader reads them) and a badly named file."""
    hostile.write_escapes(folder)
    hostile.write_markup(folder)
    hostile.write_good(folder)
    (folder / "links.md").write_text(LINKS_MD, encoding="utf-8")
    hostile.write_hostile_name(folder)  # empty: skipped, and its name is in a notice
    hostile.write_hostile_name_report(folder)  # read: its name is its outlet
    return sorted(p.stem for p in folder.iterdir() if p.stat().st_size)


def test_report_text_never_drives_the_terminal(
    newsprism_script: str, start_terminal: Callable[..., Terminal], tmp_path: Path
) -> None:
    folder = tmp_path / "reports"
    names = write_reports(folder)
    count = len(names)
    session = start_terminal([newsprism_script, str(folder)], record=True)
    screens = []
    first = session.wait_for(
        lambda s: _ANALYSIS_DONE.search(s) is not None or STORY_LIST in s,
        "the analysis (or the story list)",
    )
    if STORY_LIST in first:
        # The reports are about several stories: the story list draws their titles and
        # outlets; esc goes back to the reader, on every report.
        screens.append(session.wait_for(lambda s: "Open story" in s, "the story list's keys"))
        session.press("Escape")
        session.wait_for(lambda s: _ANALYSIS_DONE.search(s) is not None, "the analysis")

    # Every report in the left pane, paged from top to bottom, boilerplate shown too (the
    # right pane closed: `]` passes over a report another pane shows).
    screens.append(session.settle())
    session.press("Tab", "P")
    screens.append(session.settle())
    for number in range(1, count + 1):
        header = f"{number} of {count}"
        session.wait_for(
            lambda s, h=header: any(h in line[: WIDTH // 2] for line in s.splitlines()[:3]),
            header,
        )
        for key in ("Space", "G", "b", "g"):
            session.press(key)
            screens.append(session.settle())
        if names[number - 1] == "links":
            session.press("j", "L")  # the links of the paragraph with them
            screens.append(session.wait_for(lambda s: "in this paragraph" in s, "the links"))
            session.press("Escape")
            session.wait_for(lambda s: "in this paragraph" not in s, "the links to close")
        session.press("]")
    # The report list and the help draw the reports' names and outlets too.
    for key, shows in (("r", "sorted by"), ("?", "closes this help")):
        session.press(key)
        screens.append(session.wait_for(lambda s, w=shows: w in s, shows))
        session.press("Escape")
        session.wait_for(lambda s, w=shows: w not in s, f"{shows!r} to close")
    title = session.tmux("display-message", "-p", "-t", session.SESSION, "#{pane_title}").stdout
    buffers = session.tmux("list-buffers").stdout
    session.press("q")
    # 1: one file (the badly named one) could not be read; its stderr line is in the
    # bytes below too.
    assert session.wait_for_exit() == 1
    data = session.raw_output()

    assert len(data) > 10_000, "the pipe caught too little to judge"
    for payload in FORBIDDEN:
        assert payload not in data, f"{payload!r} reached the terminal"
    assert "PWNED" not in title
    assert buffers.strip() == "", buffers  # no clipboard write got through

    shown = "\n".join(screens)
    for markup in hostile.MARKUP:
        assert markup in shown, markup  # markup shows as the text it is
    assert "A title change was attempted here." in shown
    assert "A clipboard write was attempted here." in shown
    assert "https://example.org/statement" in shown  # in the list of links
    assert b"/reports/name.txt: empty file" in data  # the error line, its file name made safe
