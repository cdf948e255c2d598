"""How many reading panes fit side by side, how they are named, and the column that
holds one (a header above a reading pane)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical

from tui.app.state import OPEN_PANES
from tui.app.widgets.pane_header import PaneHeader
from tui.app.widgets.report_pane import ReportPane

# `p` adds panes, as many as fit side by side: from each width (the widest first), that
# many panes.
PANE_WIDTHS = ((160, 4), (120, 3))
MAX_PANES = PANE_WIDTHS[0][1]
# Below this width the panes are shown one at a time.
NARROW_WIDTH = 60


def pane_limit(width: int) -> int:
    """How many panes fit side by side in `width` columns."""
    return next((panes for least, panes in PANE_WIDTHS if width >= least), OPEN_PANES)


def pane_name(index: int, count: int) -> str:
    """How a pane is named to the user: "the left pane" of two, "pane 3" of more."""
    if count == 1:
        return "the pane"
    if count == 2:
        return ("the left pane", "the right pane")[index]
    return f"pane {index + 1}"


def no_room_note(width: int, limit: int, hidden: int, close_keys: str) -> str:
    """Why `p` adds no pane in `width` columns (`hidden`: panes open but not shown;
    `close_keys`: the keys that close a pane, as bound now)."""
    if limit == MAX_PANES:
        return f"{MAX_PANES} panes at most: {close_keys} closes the focused one"
    wider = min(least for least, panes in PANE_WIDTHS if panes > limit)
    note = f"No room for another pane in {width} columns: {limit + 1} panes need {wider}"
    return f"{note} ({hidden} hidden until then)" if hidden else note


class ReportColumn(Vertical):
    """A header above a reading pane."""

    def __init__(self, index: int) -> None:
        super().__init__(id=f"column-{index}")
        self.index = index

    def compose(self) -> ComposeResult:
        yield PaneHeader(id=f"header-{self.index}", classes="pane-header")
        yield ReportPane(id=f"pane-{self.index}")
