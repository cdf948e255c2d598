"""Export from the reader (`x`): which export and which format, then a file in the
current folder, written in a worker thread, and a notification with its path.

The paragraphs exported are the reader's view: its entity, source, outlet and topic
filters and its fact view (all / shared / unique), with boilerplate if it is shown, as
one `tui.query.Filter` (`ReaderScreen.query_filter`). The text comes from `tui.export`,
as `newsprism export` writes it.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.app.actions import bindings_for
from tui.export import (
    EXPORT_FORMATS,
    ExportFormat,
    ExportKind,
    export_file_name,
    export_text,
)
from tui.model.corpus import Corpus
from tui.query import Filter
from tui.textsafe import first_line, safe_line

ExportChoice = tuple[ExportKind, ExportFormat]

FORMAT_LABELS: dict[ExportFormat, str] = {
    "md": "Markdown  .md",
    "csv": "CSV  .csv",
    "json": "JSON  .json",
}
KIND_LABELS: dict[ExportKind, str] = {
    "paragraphs": "Paragraphs in view",
    "facts": "Fact matrix",
    "entities": "Entity table",
}
# A new name is tried this many times when the file exists already (same second).
NAME_ATTEMPTS = 100


# What each export counts, in the singular and the plural.
KIND_NOUNS: dict[ExportKind, tuple[str, str]] = {
    "paragraphs": ("paragraph", "paragraphs"),
    "facts": ("shared fact", "shared facts"),
    "entities": ("entity", "entities"),
}


def write_export(folder: Path, text: str, fmt: ExportFormat, when: datetime) -> Path:
    """Write `text` to a new file in `folder` (never over an existing one)."""
    for attempt in range(NAME_ATTEMPTS):
        path = folder / export_file_name(fmt, when, attempt)
        try:
            with path.open("x", encoding="utf-8") as handle:
                handle.write(text)
        except FileExistsError:
            continue
        return path
    raise FileExistsError(f"too many exports named {export_file_name(fmt, when)}")


def start_export(app: App[object], corpus: Corpus, choice: ExportChoice, flt: Filter) -> None:
    """Write the export in a worker thread of the app (it outlives the screens); a
    notification says where, or why not."""
    kind, fmt = choice

    def say(message: str, error: bool = False) -> None:
        line = safe_line(message)
        if error:
            app.call_from_thread(app.notify, line, severity="error", timeout=8, markup=False)
        else:
            app.call_from_thread(app.notify, line, timeout=6, markup=False)

    def run() -> None:
        try:
            text = export_text(corpus, kind, fmt, flt)
            path = write_export(Path.cwd(), text, fmt, datetime.now())
        except OSError as exc:
            say(f"Export failed: {exc.strerror or exc}", error=True)
        except Exception as exc:  # a worker's failure is one line, never a traceback
            say(f"Export failed: {first_line(exc)}", error=True)
        else:
            say(f"{KIND_LABELS[kind]} exported to {path}")

    app.run_worker(run, name="export", group="export", thread=True, exit_on_error=False)


class ExportScreen(ModalScreen[ExportChoice | None]):
    """Two lists, what and format: the highlighted option of each is the choice; enter
    starts the export (dismissed with the choice), esc cancels."""

    BINDINGS = bindings_for("export")

    def __init__(
        self, corpus: Corpus, flt: Filter, counts: dict[ExportKind, int], about: str
    ) -> None:
        """`flt`: the paragraphs in view; `counts`: how many paragraphs, facts and
        entities there are to export; `about`: which paragraphs, in words."""
        super().__init__()
        self.corpus = corpus
        self.flt = flt
        self.counts = counts
        self.about = about

    def compose(self) -> ComposeResult:
        whats: list[Option] = []
        for kind, label in KIND_LABELS.items():
            count = self.counts[kind]
            noun = KIND_NOUNS[kind][count != 1]
            text = Text.assemble(label, (f"  {count} {noun}", "dim"))
            whats.append(Option(text, id=kind, disabled=not count))
        formats = (Option(Text(FORMAT_LABELS[fmt]), id=fmt) for fmt in EXPORT_FORMATS)
        with Vertical(id="export"):
            yield Static(Text("Export to a file in the current folder", "bold"), id="export-title")
            with Horizontal(id="export-lists"):
                yield OptionList(*whats, id="export-what", markup=False)
                yield OptionList(*formats, id="export-format", markup=False)
            about = safe_line(self.about)
            yield Static(Text(f"Paragraphs: {about}", "dim"), id="export-about")
            yield Static(
                Text("tab / ←→ what · format   enter export · esc cancel"), id="export-hint"
            )

    def on_mount(self) -> None:
        what = self.query_one("#export-what", OptionList)
        first = next((n for n, kind in enumerate(KIND_LABELS) if self.counts[kind]), None)
        what.highlighted = first
        self.query_one("#export-format", OptionList).highlighted = 0
        what.focus()

    @property
    def choice(self) -> ExportChoice | None:
        what = self.query_one("#export-what", OptionList).highlighted_option
        fmt = self.query_one("#export-format", OptionList).highlighted_option
        if what is None or fmt is None or what.disabled:
            return None
        kind = next(k for k in KIND_LABELS if k == what.id)
        return kind, next(f for f in EXPORT_FORMATS if f == fmt.id)

    @on(OptionList.OptionSelected)
    def _chosen(self) -> None:
        choice = self.choice
        if choice is None:
            self.notify("Nothing to export", timeout=2)
            return
        start_export(self.app, self.corpus, choice, self.flt)
        self.dismiss(choice)

    def action_focus_list(self, which: str) -> None:
        self.query_one(f"#export-{which}", OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
