"""The side-by-side reader (see `screen`), split by concern."""

from tui.app.screens.reader.layout import ReportColumn, pane_limit, pane_name
from tui.app.screens.reader.screen import ReaderScreen

__all__ = ["ReaderScreen", "ReportColumn", "pane_limit", "pane_name"]
