"""The side-by-side reader: columns of a header and a reading pane, two to begin with,
over the filter bar, the status line and the footer.

The screen is put together here from its parts, one concern a module: `panes`
(how many, which report each shows, the focus), `filters` (entities, sources,
topics, toggles), `facts` (shared facts, counterparts, follow mode, the threshold),
`loading` (what the App tells it while loading and analysing) and `output` (export,
clipboard, links), all on `base` (the state, the one redraw, `needs`). Its keys and
their help groups are here, in one block.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal

from tui.app.screens.reader.facts import FactsPart
from tui.app.screens.reader.filters import FiltersPart
from tui.app.screens.reader.layout import ReportColumn
from tui.app.screens.reader.loading import LoadingPart
from tui.app.screens.reader.output import OutputPart
from tui.app.screens.reader.panes import laid_out
from tui.app.widgets.filter_bar import FilterBar
from tui.app.widgets.quiet_footer import QuietFooter
from tui.app.widgets.status_bar import StatusBar


class ReaderScreen(FactsPart, FiltersPart, LoadingPart, OutputPart):
    BINDINGS = [
        Binding("tab", "switch_pane(1)", "Other pane", key_display="tab", priority=True),
        Binding("shift+tab", "switch_pane(-1)", "Other pane", show=False, priority=True),
        Binding("left_square_bracket", "cycle_report(-1)", "Previous report", show=False),
        Binding("right_square_bracket", "cycle_report(1)", "Next report", show=False),
        Binding("r", "report_list", "Report list", show=False),
        # The footer keeps room for m at 80 columns: b is in help and the palette.
        Binding("b", "toggle_boilerplate", "Boilerplate", show=False),
        Binding("e", "pick_entities", "Filter by entity"),
        Binding("s", "pick_sources", "Filter by cited source or outlet", show=False),
        Binding("t", "pick_topics", "Filter by topic", show=False),
        Binding("a", "toggle_match_mode", "Match any/all entities", show=False),
        Binding("c", "clear_filter", "Clear all filters (entity, source, topic)", show=False),
        Binding("full_stop", "jump_mention(1)", "Next mention", key_display=".", show=False),
        Binding("comma", "jump_mention(-1)", "Previous mention", key_display=",", show=False),
        Binding("m", "fact_matrix", "Fact matrix"),
        Binding("o", "sources_overview", "Sources overview: who each fact rests on", show=False),
        Binding("T", "toggle_tags", "Show / hide the tag line (sources, topics)", show=False),
        Binding("n", "jump_fact(1)", "Next shared fact", show=False),
        Binding("N", "jump_fact(-1)", "Previous shared fact", show=False),
        Binding("enter", "show_counterpart", "Same fact in the other pane", show=False),
        Binding("f", "toggle_follow", "Follow mode: other pane keeps to the fact", show=False),
        Binding("u", "cycle_fact_view", "View: all / shared / unique paragraphs", show=False),
        Binding("U", "toggle_unique", "Mark sentences no other report states", show=False),
        Binding(
            "plus", "fact_sensitivity(1)", "Stricter fact matching", key_display="+", show=False
        ),
        Binding(
            "minus", "fact_sensitivity(-1)", "Looser fact matching", key_display="-", show=False
        ),
        Binding("p", "add_pane", "Add a pane (the next report not shown)", show=False),
        Binding("P", "remove_pane", "Close the focused pane", show=False),
        Binding("question_mark", "app.help", "Help", key_display="?"),
        Binding("q", "app.quit", "Quit"),
        Binding("L", "links", "Links", show=False),
        Binding("x", "export", "Export to a file: paragraphs in view, facts, entities", show=False),
        Binding("y", "copy_paragraph", "Copy the paragraph (clipboard)", show=False),
        Binding("Y", "copy_fact", "Copy the paragraph's shared facts (clipboard)", show=False),
    ]
    # Help (`?`) groups the reader's keys and its panes' by action name, in this order
    # (see tui/app/screens/help.py); tests/app/test_help.py fails on a key in no group.
    HELP_GROUPS = {
        "Move": (
            "cursor_down", "cursor_up", "page_down", "page_up",
            "half_page_down", "half_page_up", "first", "last",
        ),
        "Panes": ("switch_pane", "cycle_report", "report_list", "add_pane", "remove_pane"),
        "Facts": (
            "jump_fact", "show_counterpart", "toggle_follow", "fact_matrix",
            "sources_overview", "fact_sensitivity",
        ),
        "Filters": (
            "pick_entities", "pick_sources", "pick_topics", "toggle_match_mode",
            "jump_mention", "clear_filter",
        ),
        "Views": ("cycle_fact_view", "toggle_unique", "toggle_boilerplate", "toggle_tags", "links"),
        "Export": ("export", "copy_paragraph", "copy_fact"),
        "App": ("help", "quit"),
    }  # fmt: skip

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
