"""The reader's story corrections: move the focused pane's report to another story or
to a new one (`v`), merge its story with another (`V`).

A correction names reports by their key (`tui.model.ids.report_key`), never by story
id: story ids change with every analysis. It is asked of the app
(`StoryCorrectionRequested`), which saves it with the other corrections and runs the
analysis again, as it does for entity corrections; the stories are then regrouped
after the clustering, on every load from then on.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from tui.app.messages import StoryCorrectionRequested
from tui.app.screens.reader.base import ReaderBase, needs
from tui.model.corpus import Corpus
from tui.model.corrections import StoryCorrection
from tui.model.document import Report
from tui.model.ids import report_key
from tui.model.stories import Story
from tui.textsafe import safe_line

if TYPE_CHECKING:
    from tui.app.screens.picker import Picked

# A story's title in a notice is cut to this many characters.
TITLE_IN_NOTICE = 40


def _quoted(story: Story) -> str:
    title = safe_line(story.title) or story.id
    if len(title) > TITLE_IN_NOTICE:
        title = title[: TITLE_IN_NOTICE - 1].rstrip() + "…"
    return f"“{title}”"


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
