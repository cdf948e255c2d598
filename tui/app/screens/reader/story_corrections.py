"""The reader's story corrections: move the focused pane's report to another story or
to a new one (`v`), merge its story with another (`V`), take back the last one
(`ctrl+z`; again, the one before).

A correction names reports by their key (`tui.model.ids.report_key`), never by story
id: story ids change with every analysis. It is asked of the app
(`StoryCorrectionRequested`), which saves it with the other corrections and runs the
analysis again, as it does for entity corrections; the stories are then regrouped
after the clustering, on every load from then on. An undo goes the same way
(`StoryCorrectionUndoRequested`): the app drops the last story correction from the
saved ones and runs the analysis again.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from tui.app.messages import StoryCorrectionRequested, StoryCorrectionUndoRequested
from tui.app.screens.reader.base import ReaderBase, needs
from tui.model.corpus import Corpus
from tui.model.corrections import StoryCorrection
from tui.model.document import Report
from tui.model.ids import report_key
from tui.model.stories import Story
from tui.textsafe import safe_line

if TYPE_CHECKING:
    from collections.abc import Iterable

    from tui.app.screens.picker import Picked

# A story's title in a notice is cut to this many characters.
TITLE_IN_NOTICE = 40


def _quoted(story: Story) -> str:
    title = safe_line(story.title) or story.id
    if len(title) > TITLE_IN_NOTICE:
        title = title[: TITLE_IN_NOTICE - 1].rstrip() + "…"
    return f"“{title}”"


def undone_notice(change: StoryCorrection, reports: Iterable[Report]) -> str:
    """What taking back `change` undoes, naming its reports by their ids in `reports`
    (those loaded)."""
    keys = set(change.reports)
    ids: dict[str, str] = {}
    for report in reports:
        key = report_key(report.text)
        if key in keys:
            ids.setdefault(key, report.id)
            if len(ids) == len(keys):
                break
    named = [ids.get(key, "a report not loaded") for key in change.reports]
    if change.kind == "move":
        return f"Undid moving {named[0]} to the story of {named[1]}"
    if change.kind == "split":
        return f"Undid putting {' and '.join(named)} in a story of its own"
    return f"Undid merging the stories of {named[0]} and {named[1]}"


class StoryCorrectionsPart(ReaderBase):
    def _focused_story(self, doing: str) -> tuple[Corpus, Report, Story] | None:
        """The corpus, the focused pane's report and its story, when there is another
        story to go to; else a notice says why not (`doing`: "move it to")."""
        corpus = self.whole.corpus  # every story's: the open one's part has only its own
        report = self.pane(self.state.focused).report
        if report is None:
            self.notify("No report in this pane", timeout=3)
            return None
        if self.state.analysis_running:
            self.notify("Analysis still running", timeout=3)
            return None
        story_id = corpus.story_of(report.id)
        if story_id is None or len(corpus.stories) < 2:
            self.notify(f"These reports tell one story: no other story to {doing}", timeout=3)
            return None
        return corpus, report, corpus.story(story_id)

    @needs("entities")
    def action_move_to_story(self) -> None:
        """Pick the story the focused pane's report belongs in (or a new one)."""
        found = self._focused_story("move it to")
        if found is None:
            return
        corpus, report, story = found
        from tui.app.screens.story_picker import StoryPicker, story_choices

        others = [s for s in corpus.stories if s.id != story.id]
        choices = story_choices(others, new_story=story.size > 1)
        about = f"{report.id} {safe_line(report.outlet)}, now in {story.id} {_quoted(story)}"
        picker = StoryPicker(corpus, choices, f"Move {report.id} to which story?", about)
        self.app.push_screen(picker, partial(self._move_picked, report))

    def _move_picked(self, report: Report, picked: Picked | None) -> None:
        from tui.app.screens.story_picker import NEW_STORY

        if picked is None:
            return
        (choice,) = picked.ids
        key = report_key(report.text)
        if choice == NEW_STORY:
            change = StoryCorrection("split", (key,))
            done = f"Moved {report.id} to a new story"
        else:
            target = picked.corpus.story(choice)
            anchor = picked.corpus.report(target.report_ids[0])
            change = StoryCorrection("move", (key, report_key(anchor.text)))
            done = f"Moved {report.id} to {_quoted(target)}"
        self.post_message(StoryCorrectionRequested(change, done))

    @needs("entities")
    def action_merge_stories(self) -> None:
        """Pick the story to merge the focused pane's story with."""
        found = self._focused_story("merge it with")
        if found is None:
            return
        corpus, report, story = found
        from tui.app.screens.story_picker import StoryPicker, story_choices

        choices = story_choices(s for s in corpus.stories if s.id != story.id)
        about = f"{story.id} {_quoted(story)}, the story of {report.id}"
        picker = StoryPicker(corpus, choices, f"Merge {story.id} with which story?", about)
        self.app.push_screen(picker, partial(self._merge_picked, report, story))

    def _merge_picked(self, report: Report, story: Story, picked: Picked | None) -> None:
        if picked is None:
            return
        (choice,) = picked.ids
        target = picked.corpus.story(choice)
        anchor = picked.corpus.report(target.report_ids[0])
        change = StoryCorrection("merge", (report_key(report.text), report_key(anchor.text)))
        self.post_message(
            StoryCorrectionRequested(change, f"Merged {_quoted(story)} and {_quoted(target)}")
        )

    def action_undo_story_correction(self) -> None:
        """Take back the last story correction (the app keeps them, and knows which)."""
        if self.state.analysis_running:
            self.notify("Analysis still running", timeout=3)
            return
        self.post_message(StoryCorrectionUndoRequested())
