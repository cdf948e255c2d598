"""The newsprism Textual app: loads reports in a worker and shows the reader screen.

When loading is done a second worker finds the entities and the stories (with the
user's saved corrections) and posts the corpus; corrections made in the entity picker
or to the stories (the reader's `StoryCorrectionsPart`, which can take the last one
back too) are saved and the analysis runs again. Reading and analysing are
`tui.pipeline.load.Loader`'s; this module runs them in workers and hands their
messages to the reader. (About 400 lines: the two workers, their messages,
corrections, the theme and the palette are each short; split further, each piece would
be a file of one method.)
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, SystemCommand
from textual.screen import Screen
from textual.worker import Worker, WorkerState, get_current_worker

from tui.app.actions import APP, bindings_for, load_user_keymap, palette_commands
from tui.app.messages import (
    AnalysisProgress,
    AnalysisReady,
    CorrectionRequested,
    LoadingFinished,
    PageArrived,
    PagesFetched,
    PagesReady,
    ReportFailed,
    ReportLoaded,
    StoryCorrectionRequested,
)
from tui.app.screens.reader import ReaderScreen
from tui.app.themes import ThemeChoice, pick_theme
from tui.model.corpus import ANALYSIS_STAGES, Corpus, LoadError
from tui.model.corrections import Corrections
from tui.query.tags import build_tag_index
from tui.resources import styles_dir
from tui.textsafe import first_line, safe_line, safe_text
from tui.wording import count_of

if TYPE_CHECKING:
    from textual.theme import Theme

    from tui.analysis.topics import UserTopic
    from tui.app.screens.entity_picker import EntityPicker
    from tui.app.web import WebLoading
    from tui.ingest.fetch import WebSources
    from tui.ingest.loader import Discovery
    from tui.pipeline.cache import AnalysisCache
    from tui.pipeline.load import Loader


# A first file up to this size is read before the first screen is drawn.
FIRST_READ_LIMIT = 512 * 1024
# The reader's return code when no input held a report (the command line's "unreadable").
EXIT_NO_REPORTS = 1


class NewsprismApp(App[None]):
    TITLE = "newsprism"
    CSS_PATH = [str(styles_dir() / "app.tcss"), str(styles_dir() / "themes.tcss")]
    ENABLE_COMMAND_PALETTE = True
    # Help (f1) from every screen; the keys of every screen are in tui/app/actions.py.
    BINDINGS = bindings_for(APP)

    def __init__(
        self,
        paths: Sequence[str],
        *,
        recursive: bool = False,
        user_topics: Sequence[UserTopic] = (),
        use_cache: bool = True,
        low_bandwidth: bool = False,
        theme: str | None = None,
        found: Discovery | None = None,
        keymap: Mapping[str, str] | None = None,
        one_story: bool = False,
        jobs: int | None = None,
        web: WebSources | None = None,
    ) -> None:
        """`found` (what `discover(paths, recursive)` found) and `keymap` (the user's,
        checked: `load_user_keymap`) are what the command line already has; without
        them the app finds the files and reads the keymap itself. With `one_story`
        every report is taken to be about one story (no story list). `jobs`: processes
        for the per-story analyses (default: every core; see `tui.pipeline.executors`).
        `web`: pages and feeds to fetch first, in a worker (their reports are read with
        `paths`'s)."""
        super().__init__()
        self.low_bandwidth = low_bandwidth
        # The first theme (`theme`, else low-bandwidth's 16 colours, else the saved
        # choice), set before the styles are first read; later choices are saved.
        self.theme_choice = ThemeChoice(theme, low_bandwidth=low_bandwidth)
        self.theme_choice.start(self)
        self.paths = list(paths)
        self.recursive = recursive
        self._found_files = found
        self._checked_keymap: dict[str, str] | None = dict(keymap) if keymap is not None else None
        self.user_topics = tuple(user_topics)
        self.use_cache = use_cache
        self.one_story = one_story
        self.jobs = jobs
        self.web = web
        self.web_loading: WebLoading | None = None
        # Reports and errors the loading worker does not post again (`read_paths`).
        self._skip = (0, 0)
        self.cache: AnalysisCache | None = None
        self.load_errors: list[LoadError] = []
        self.reader = ReaderScreen()
        self.corrections: Corrections | None = None
        # The correction the running analysis applies and the spellings of the entity it
        # changes, checked when the result arrives.
        self._pending_correction: tuple[CorrectionRequested, frozenset[str]] | None = None
        # The one loader (tui.pipeline.load), made before the first screen; the saved
        # corrections it read, and problems to say when the analysis is ready.
        self.loader: Loader | None = None
        self._saved_corrections = Corrections()
        self._problems: list[str] = []

    def on_mount(self) -> None:
        if self.low_bandwidth:
            self.animation_level = "none"
        for problem in self.theme_choice.problems:
            self.notify(problem, title="Settings", severity="warning", timeout=8, markup=False)
        self.theme_changed_signal.subscribe(self, self._restyle_fact_screens)
        if self.web is not None:
            # The pages first: the files are found and read once they are saved.
            self.push_screen(self.reader)
            self._start_fetching(self.web)
            return
        first = self._read_first_report()
        self.push_screen(self.reader)
        if first is not None:
            self.reader.show_loaded(1, first)
            # The rest after the first screen is drawn: reading competes with drawing.
            self.call_after_refresh(self.load_reports)
        else:
            self.load_reports()

    # ------------------------------------------------------------------ the reader's state

    @property
    def report_count(self) -> int:
        """The reports read so far."""
        return len(self.reader.reports)

    @property
    def load_summary(self) -> str:
        """What loading read ("3 reports · 40 paragraphs"; "" while reading)."""
        return self.reader.state.load_summary

    @property
    def analysis_running(self) -> bool:
        return self.reader.state.analysis_running

    @property
    def corpus(self) -> Corpus | None:
        """The last whole analysis's own corpus (facts at its threshold), None before
        the first is done; the reader's is at the threshold the user chose."""
        analysis = self.reader.state.analysis
        if analysis is None or analysis.stage != ANALYSIS_STAGES[-1]:
            return None
        return analysis.base

    # ------------------------------------------------------------------ themes

    def watch_theme(self, theme: str) -> None:
        """A theme chosen in the palette is saved."""
        # Textual calls this from App.__init__ too, before the choice exists.
        choice: ThemeChoice | None = getattr(self, "theme_choice", None)
        if choice is not None:
            choice.changed(self, theme)

    def _restyle_fact_screens(self, _theme: Theme) -> None:
        """The open fact matrix and sources overview take the new fact colours (the
        reading panes restyle themselves)."""
        from tui.app.screens.fact_matrix import FactMatrix
        from tui.app.screens.sources_overview import SourcesOverview

        # Only when one is open: a theme can change (a saved choice, --low-bandwidth)
        # before the reader's panes exist to read the colours from.
        screens = [s for s in self.screen_stack if isinstance(s, FactMatrix | SourcesOverview)]
        if screens:
            styles = self.reader.fact_styles()
            for screen in screens:
                screen.restyle_facts(styles)

    # ------------------------------------------------------------------ loading

    def _start_fetching(self, web: WebSources) -> None:
        """The fetch in a worker, and the reader opened on its articles (`tui.app.web`)."""
        from tui.app.web import OPEN_AFTER, WebLoading, fetch_pages

        def failed(error: LoadError) -> None:
            self.on_report_failed(ReportFailed(error, 0, 0))

        def read(paths: list[str], more: bool) -> None:
            self.read_paths(paths, more=more)

        self.web_loading = loading = WebLoading(
            self.paths, read, failed, lambda: self.analysis_running or self.loading
        )
        self.reader.show_fetched(0, 0)
        self.set_timer(OPEN_AFTER, loading.time_up)
        self.run_worker(
            partial(fetch_pages, web, self.post_message),
            thread=True,
            exclusive=True,
            exit_on_error=False,
            group="fetch",
        )

    def on_pages_fetched(self, message: PagesFetched) -> None:
        self.reader.show_fetched(message.done, message.total)

    def on_page_arrived(self, message: PageArrived) -> None:
        if self.web_loading is not None:
            self.web_loading.page_arrived(message.path)

    def on_pages_ready(self, message: PagesReady) -> None:
        if self.web_loading is not None:
            self.web_loading.pages_ready(message)

    def read_paths(self, paths: Sequence[str], *, more: bool) -> None:
        """Read these paths now (the reader opened on web addresses: `tui.app.web`).
        With `more`, they begin with those read before, whose reports (and errors) the
        reader has: they are read again (from the cache), not shown again."""
        loader = self.loader
        self._skip = (len(self.reader.reports), len(loader.errors)) if more and loader else (0, 0)
        self.paths = list(paths)
        self._found_files = None  # found again, with the articles
        self._make_loader()
        if more:
            self.reader.read_more()
        self.load_reports()

    @property
    def loading(self) -> bool:
        """Whether reports are being read."""
        return self.reader.state.reading and self.loader is not None

    def _make_loader(self) -> Loader:
        """The one loader for the paths (and the cache, unless it is off)."""
        from tui.pipeline.load import Loader

        if self.use_cache:
            from tui.pipeline.cache import AnalysisCache

            self.cache = AnalysisCache()
        self.loader = Loader(
            self.paths,
            recursive=self.recursive,
            cache=self.cache,
            user_topics=self.user_topics,
            warn=self._warn_loading,
            found=self._found_files,
            one_story=self.one_story,
            jobs=self.jobs,
        )
        return self.loader

    def _read_first_report(self) -> int | None:
        """Find the files and read the first one before the reader is first drawn, so
        the first screen is drawn once, with the report on it: returns the number of
        files. A large first file is left to the loading worker (it must not hold up
        the first screen)."""
        loader = self._make_loader()
        found = loader.found
        try:
            small = bool(found.files) and found.files[0].stat().st_size <= FIRST_READ_LIMIT
        except OSError:
            small = False
        if not small or found.errors:
            return None
        report = loader.read_first()
        if report is None:
            return None
        self.reader.reports.append(report)
        return loader.total

    def _warn_loading(self, warning: str) -> None:
        """A loading warning (a `sources.toml` entry naming no file...), from the loading
        worker too (`notify` is thread-safe): nothing was skipped."""
        line = " ".join(safe_text(warning).split())
        self.notify(line, severity="warning", timeout=8, markup=False)

    @work(thread=True, exclusive=True, exit_on_error=False, group="load")
    def load_reports(self) -> None:
        """Read the other files in a thread; each result is posted as it arrives. The
        saved corrections are read first: with them, an unchanged input is found whole
        in the cache."""
        from tui.pipeline.load import ReportRead

        assert self.loader is not None, "the files are found before the worker starts"
        self._saved_corrections = self._load_saved_corrections()
        # Reports and errors the reader has already (`read_paths`): not posted again.
        reports, errors = self._skip
        for event in self.loader.read(self._saved_corrections):
            if isinstance(event, ReportRead):
                if reports:
                    reports -= 1
                    continue
                self.post_message(ReportLoaded(event.report, event.done, event.total))
            else:
                if errors:
                    errors -= 1
                    continue
                self.post_message(ReportFailed(event.error, event.done, event.total))
        self.post_message(LoadingFinished())

    def _load_saved_corrections(self) -> Corrections:
        """The user's saved corrections; a broken file is said once, when the analysis
        is ready, and ignored."""
        from tui.settings.corrections import CorrectionsError, load_corrections

        try:
            return load_corrections()
        except CorrectionsError as exc:
            self._problems.append(f"Corrections not applied: {exc}")
            return Corrections()

    def on_report_loaded(self, message: ReportLoaded) -> None:
        # Once the app shuts down, the reader draws nothing (`ReaderBase.gone`).
        self.reader.add_report(message.report)
        self.reader.show_loaded(message.done, message.total)

    def on_report_failed(self, message: ReportFailed) -> None:
        self.load_errors.append(message.error)
        # A file name is data too: no escape sequence in it may reach the terminal.
        line = " ".join(safe_text(str(message.error)).split("\n"))
        self.notify(line, title="Skipped", severity="warning", timeout=8, markup=False)

    def on_loading_finished(self) -> None:
        reports = self.reader.reports
        paragraphs = sum(len(r.paragraphs) for r in reports)
        summary = f"{count_of(len(reports), 'report')} · {count_of(paragraphs, 'paragraph')}"
        if self.load_errors:
            summary += f" · {len(self.load_errors)} skipped"
        if not reports:
            # Nothing to read: the reader closes, and the command line says why, a line
            # per file (`load_errors`), with exit code 1.
            self.exit(return_code=EXIT_NO_REPORTS)
            return
        self.reader.finish_loading(summary)
        if not self.reader.gone():
            # After the screen shows what was read: the analysis worker competes with
            # drawing it for the interpreter.
            self.call_after_refresh(self.start_analysis)

    # ------------------------------------------------------------------ analysis

    def start_analysis(
        self, corrections: Corrections | None = None, since: Corrections | None = None
    ) -> None:
        """Find entities again; `corrections` (when given, made from `since`) are saved
        first."""
        self.reader.show_stage_progress()
        self.analyse(corrections, since)

    @work(thread=True, exclusive=True, exit_on_error=False, group="analysis")
    def analyse(self, corrections: Corrections | None, since: Corrections | None = None) -> None:
        """The analysis stages of the loader, each posted as it is done (the last one
        from the cache when nothing it uses changed). New corrections are saved as
        changes to `since` (what another process saved meanwhile is kept, and used)."""
        from tui.settings.corrections import save_corrections

        assert self.loader is not None, "the files are read before they are analysed"
        problems, self._problems = self._problems, []
        if corrections is None:
            corrections = self._saved_corrections
        else:
            try:
                corrections = save_corrections(corrections, since=since)
            except OSError as exc:
                problems.append(f"Corrections not saved: {first_line(exc)}")
        warnings = len(self.cache.warnings) if self.cache is not None else 0
        worker = get_current_worker()
        for stage, corpus in self.loader.stages(corrections):
            if worker.is_cancelled:
                return
            # Here, not on the UI thread: the tag index visits every paragraph.
            tags = build_tag_index(corpus)
            if stage != ANALYSIS_STAGES[-1]:
                self.post_message(AnalysisProgress(stage, corpus, tags))
                continue
            if self.cache is not None:
                problems.extend(f"Cache: {w}" for w in self.cache.warnings[warnings:])
            self.post_message(AnalysisReady(corpus, corrections, tuple(problems), tags))

    def on_analysis_progress(self, message: AnalysisProgress) -> None:
        """Show what the first analysis has found so far. A re-analysis (after a
        correction) keeps the whole previous one on screen until it is done."""
        if not self.analysis_running or self.corpus is not None:
            return
        self.reader.set_corpus(message.corpus, message.tags, stage=message.stage)
        for screen in self._entity_pickers():
            screen.set_corpus(message.corpus)

    def on_analysis_ready(self, message: AnalysisReady) -> None:
        # The corpus lives as long as the reader: move it (millions of objects with 1,000
        # reports) out of the collector's sight, or every full collection walks it again
        # and a keypress now and then waits a few hundred milliseconds for it.
        gc.freeze()
        self.corrections = message.corrections
        for problem in message.problems:
            self.notify(problem, severity="warning", timeout=8, markup=False)
        # The status line says what was found.
        self.reader.set_corpus(message.corpus, message.tags)
        for screen in self._entity_pickers():
            screen.set_corpus(message.corpus)
        if self._pending_correction is not None:
            self._check_correction(*self._pending_correction, message.corpus)
            self._pending_correction = None
        if self.web_loading is not None:
            self.web_loading.analysis_done()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "analysis" and event.state == WorkerState.ERROR:
            self._pending_correction = None
            if self.web_loading is not None:
                self.web_loading.analysis_done()
            error = first_line(event.worker.error) if event.worker.error else ""
            self.reader.show_analysis_failed()
            self.notify(f"Entity analysis failed: {error}", severity="error", markup=False)
            for screen in self._entity_pickers():
                if self.corpus is not None:
                    screen.set_corpus(self.corpus)

    def _entity_pickers(self) -> list[EntityPicker]:
        """The open entity pickers (they show the analysis as it changes)."""
        from tui.app.screens.entity_picker import EntityPicker  # not on the first screen

        return [screen for screen in self.screen_stack if isinstance(screen, EntityPicker)]

    def on_correction_requested(self, message: CorrectionRequested) -> None:
        from tui.settings.corrections import with_merge, with_split

        if self.analysis_running or self.corrections is None:
            self.notify("Analysis still running", timeout=3)
            return
        names = [safe_line(form) for form in message.forms]
        if message.kind == "merge":
            corrections = with_merge(self.corrections, *message.forms)
            done = f"Merged {names[0]} and {names[1]}"
        else:
            corrections = with_split(self.corrections, message.forms[0])
            done = f"Split {names[0]} off"
        since, self.corrections = self.corrections, corrections
        self._pending_correction = (message, self._spellings_of(message.forms[0]))
        self.notify(f"{done}; finding entities again…", timeout=4, markup=False)
        self.start_analysis(corrections, since)

    def on_story_correction_requested(self, message: StoryCorrectionRequested) -> None:
        from tui.settings.corrections import with_story_correction

        if self.analysis_running or self.corrections is None:
            self.notify("Analysis still running", timeout=3)
            return
        self._regroup(with_story_correction(self.corrections, message.change), message.done)

    def on_story_correction_undo_requested(self) -> None:
        """The last story correction taken back: saved, and the stories found again."""
        from tui.app.screens.reader.story_corrections import undone_notice
        from tui.settings.corrections import without_last_story_correction

        if self.analysis_running or self.corrections is None:
            self.notify("Analysis still running", timeout=3)
            return
        if not self.corrections.stories:
            self.notify("No story correction to undo", timeout=3)
            return
        done = undone_notice(self.corrections.stories[-1], self.reader.reports)
        self._regroup(without_last_story_correction(self.corrections), done)

    def _regroup(self, corrections: Corrections, done: str) -> None:
        """The story corrections changed (`done` says how): saved, and the analysis
        runs again."""
        since, self.corrections = self.corrections, corrections
        self.notify(f"{done}; finding the stories again…", timeout=4, markup=False)
        self.start_analysis(corrections, since)

    def _spellings_of(self, form: str) -> frozenset[str]:
        """Every spelling of the entity that has `form` as one, in the current corpus."""
        for entity in self.corpus.entities if self.corpus else ():
            if form in entity.aliases:
                return frozenset(entity.aliases)
        return frozenset()

    def _check_correction(
        self, request: CorrectionRequested, before: frozenset[str], corpus: Corpus
    ) -> None:
        """Say so when the analysis did not carry out a correction."""
        holders = [frozenset(e.aliases) for e in corpus.entities]
        if request.kind == "merge":
            took = any(set(request.forms) <= aliases for aliases in holders)
        else:
            took = before not in holders
        if not took:
            forms = " and ".join(safe_line(f) for f in request.forms)
            self.notify(
                f"Saved, but the analysis did not change {forms}",
                severity="warning",
                timeout=8,
                markup=False,
            )

    # ------------------------------------------------------------------ commands

    def action_help(self) -> None:
        """Help on the keys of the screen in front; from help, `f1` closes it."""
        from tui.app.screens.help import HelpScreen, key_groups  # not on the first screen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        self.push_screen(HelpScreen(key_groups(self.screen)))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette: Textual's commands but its "Theme" and "Keys", then the registry's
        commands of the screen in front and the app's (tui/app/actions.py)."""
        # Textual's "Theme" gives way to ours (the same themes, with what each is for),
        # its "Keys" (a panel of every binding, a table's cursor keys too) to our help,
        # which lists the screen's own keys.
        theirs = (
            self.action_change_theme,
            self.action_show_help_panel,
            self.action_hide_help_panel,
        )
        yield from (
            command
            for command in super().get_system_commands(screen)
            if command.callback not in theirs
        )
        scope = "reader" if isinstance(screen, ReaderScreen) else None
        yield from palette_commands(self, screen, scope)

    def action_pick_theme(self) -> None:
        """newsprism's themes, each with what it is for (the palette's "Theme…")."""
        pick_theme(self)

    def on_load(self) -> None:
        """The user's keymap (`[keys]` in config.toml), before any key is read. The
        command line refuses a keymap it cannot use; an app started otherwise (tests,
        embedding) says why in a notice and keeps the default keys."""
        from tui.settings.keymap import KeymapError

        keymap = self._checked_keymap
        if keymap is None:
            try:
                keymap = load_user_keymap()
            except KeymapError as exc:
                self.notify(str(exc), title="Keys", severity="warning", timeout=8, markup=False)
                return
        if keymap:
            self.set_keymap(keymap)
