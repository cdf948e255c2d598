"""The line above a reading pane: the report's outlet, title, date and position."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from tui.model.document import Report
from tui.textsafe import safe_text


def outlet_name(report: Report) -> str:
    """The report's outlet, safe to draw on one line."""
    return safe_text(report.outlet).replace("\n", " ")


def header_text(report: Report | None, position: int, total: int) -> Text:
    if report is None:
        return Text("No report")
    text = Text()
    text.append(outlet_name(report), "bold")
    details = [safe_text(x).replace("\n", " ") for x in (report.title, report.date) if x]
    if details:
        text.append(" — " + " · ".join(details))
    text.append(f"  {position} of {total}", "dim")
    return text


class PaneHeader(Static):
    """Shows which report a pane holds; never interprets report text as markup."""

    def show(self, report: Report | None, position: int, total: int) -> None:
        self.update(header_text(report, position, total))
