"""The line above a reading pane: the report's outlet, title, date and position.

The position ("2 of 14": in the story, with more than one) stays on the line however
long the title: the title and date are cut to leave it room.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.events import Resize
from textual.widgets import Static

from tui.app.fit import fit
from tui.model.document import Report
from tui.textsafe import safe_text


def outlet_name(report: Report) -> str:
    """The report's outlet, safe to draw on one line."""
    return safe_text(report.outlet).replace("\n", " ")


def header_text(report: Report | None, position: int, total: int, width: int = 0) -> Text:
    """The header's line; in `width` cells (0: any) the title and date, then the outlet,
    are cut before the position is."""
    if report is None:
        return Text("No report")
    outlet = outlet_name(report)
    details = [safe_text(x).replace("\n", " ") for x in (report.title, report.date) if x]
    rest = " — " + " · ".join(details) if details else ""
    place = f"  {position} of {total}"
    if width > 0:
        room = width - cell_len(place)
        outlet = fit(outlet, room)
        rest = fit(rest, room - cell_len(outlet))
        if cell_len(rest) <= len(" — "):  # nothing of the title left: no dash either
            rest = ""
    text = Text()
    text.append(outlet, "bold")
    text.append(rest)
    text.append(place, "dim")
    return text


class PaneHeader(Static):
    """Shows which report a pane holds; never interprets report text as markup."""

    _shown: tuple[Report | None, int, int] | None = None

    def show(self, report: Report | None, position: int, total: int) -> None:
        self._shown = (report, position, total)
        self.update(header_text(report, position, total, self.content_region.width))

    def on_resize(self, event: Resize) -> None:
        if self._shown is not None:
            self.update(header_text(*self._shown, self.content_region.width))
