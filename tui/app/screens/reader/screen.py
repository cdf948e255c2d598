"""The side-by-side reader: columns of a header and a reading pane, two to begin with,
over the filter bar, the status line and the footer.

The screen is put together here from its parts, one concern a module: `panes`
(how many, which report each shows, the focus), `stories` (the story list, the story
open), `filters` (entities, sources, topics, toggles), `facts` (shared facts,
counterparts, follow mode, the threshold), `loading` (what the App tells it while
loading and analysing), `output` (export, clipboard, links) and `story_corrections`
(moving reports between stories, merging stories), all on `base` (the state, the one
redraw, `needs`). Its keys and their help groups are here, in one block.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal

from tui.app.actions import bindings_for, help_groups
from tui.app.screens.reader.facts import FactsPart
from tui.app.screens.reader.filters import FiltersPart
from tui.app.screens.reader.layout import ReportColumn
from tui.app.screens.reader.loading import LoadingPart
from tui.app.screens.reader.output import OutputPart
from tui.app.screens.reader.panes import laid_out
from tui.app.screens.reader.stories import StoriesPart
from tui.app.screens.reader.story_corrections import StoryCorrectionsPart
from tui.app.widgets.filter_bar import FilterBar
from tui.app.widgets.quiet_footer import QuietFooter
from tui.app.widgets.status_bar import StatusBar


class ReaderScreen(
    StoriesPart, FactsPart, FiltersPart, LoadingPart, OutputPart, StoryCorrectionsPart
):
    # The reader's keys and its panes', grouped for help (`?`), are in the action
    # registry (tui/app/actions.py); tests/app/test_help.py fails on a key in no group.
    BINDINGS = bindings_for("reader")
    HELP_GROUPS = help_groups("reader")

    def compose(self) -> ComposeResult:
        with Horizontal(id="columns"):
            for index in range(self.pane_count):
                yield ReportColumn(index)
        yield FilterBar(id="filter-bar")
        yield StatusBar(id="status")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.state = laid_out(self.state, self.app.size.width)
        self._draw_layout()
        self.focus_pane(0)
        for index in range(self.pane_count):
            self._show_pane(index)
        self._draw_status()
