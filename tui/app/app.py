"""The newsprism Textual app: loads reports in a worker and shows the reader screen."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual import work
from textual.app import App, SystemCommand
from textual.screen import Screen

from tui.app.messages import LoadingFinished, ReportFailed, ReportLoaded
from tui.app.screens.help import HelpScreen
from tui.app.screens.reader import ReaderScreen
from tui.model.corpus import LoadError
from tui.resources import styles_dir


class NewsprismApp(App[None]):
    TITLE = "newsprism"
    CSS_PATH = [str(styles_dir() / "app.tcss")]
    ENABLE_COMMAND_PALETTE = True

    def __init__(self, paths: Sequence[str], *, recursive: bool = False) -> None:
        super().__init__()
        self.paths = list(paths)
        self.recursive = recursive
        self.load_errors: list[LoadError] = []
        self.report_count = 0
        self.reader = ReaderScreen()

    def on_mount(self) -> None:
        self.push_screen(self.reader)
        self.load_reports()

    # ------------------------------------------------------------------ loading

    @work(thread=True, exclusive=True, exit_on_error=False, group="load")
    def load_reports(self) -> None:
        """Read the files in a thread; each result is posted as it arrives."""
        from tui.ingest.loader import discover, iter_reports

        found = discover(self.paths, recursive=self.recursive)
        total = len(found.files)
        for error in found.errors:
            self.post_message(ReportFailed(error, 0, total))
        for done, item in enumerate(iter_reports(found.files), start=1):
            if isinstance(item, LoadError):
                self.post_message(ReportFailed(item, min(done, total), total))
            else:
                self.post_message(ReportLoaded(item, min(done, total), total))
        self.post_message(LoadingFinished())

    def on_report_loaded(self, message: ReportLoaded) -> None:
        self.report_count += 1
        self.reader.add_report(message.report)
        self.reader.query_one("#status").show_progress(message.done, message.total)

    def on_report_failed(self, message: ReportFailed) -> None:
        self.load_errors.append(message.error)
        self.notify(
            str(message.error), title="Skipped", severity="warning", timeout=8, markup=False
        )

    def on_loading_finished(self) -> None:
        reports = self.reader.reports
        paragraphs = sum(len(r.paragraphs) for r in reports)
        summary = f"{len(reports)} reports · {paragraphs} paragraphs"
        if self.load_errors:
            summary += f" · {len(self.load_errors)} skipped"
        if not reports:
            summary = "No reports could be read." if self.load_errors else "No reports found."
        self.reader.finish_loading(summary)

    # ------------------------------------------------------------------ commands

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.binding_rows()))

    def binding_rows(self) -> list[tuple[str, str]]:
        """(keys, description) for every active binding, keys of one action merged."""
        merged: dict[str, list[str]] = {}
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            description = binding.description or binding.action
            keys = merged.setdefault(description, [])
            display = self.get_key_display(binding.with_key(key))
            if display not in keys:
                keys.append(display)
        return [(", ".join(keys), description) for description, keys in merged.items()]

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, ReaderScreen):
            yield SystemCommand(
                "Toggle boilerplate",
                "Show or hide publisher chrome (read-more links, promotions)",
                screen.action_toggle_boilerplate,
            )
            yield SystemCommand(
                "Next report in pane",
                "Show the next report in the focused pane",
                lambda: screen.action_cycle_report(1),
            )
            yield SystemCommand(
                "Previous report in pane",
                "Show the previous report in the focused pane",
                lambda: screen.action_cycle_report(-1),
            )
            yield SystemCommand("Keys", "Show every key binding", self.action_help)
