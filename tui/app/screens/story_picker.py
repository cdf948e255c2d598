"""Pick one story: where to move a report, or which story to merge with.

The picker of `picker.py` over the corpus's stories (searched by title, outlet and id),
one story at a time: enter chooses the highlighted one (a click does too). Moving a
report offers "A new story" first. Titles and outlets are report text: drawn as `Text`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import BindingType

from tui.app.actions import bindings_for
from tui.app.screens.picker import ItemPicker, Picked, picker_row
from tui.model.corpus import Corpus
from tui.model.stories import Story
from tui.textsafe import safe_line
from tui.wording import count_of, date_span

# The id of the choice that is no story yet.
NEW_STORY = "new"
REPORTS_SHOWN = 6


@dataclass(frozen=True, slots=True)
class StoryChoice:
    """A row of the picker: a story (`story`), or a new story (None)."""

    id: str
    name: str
    story: Story | None = None


def story_choices(stories: Iterable[Story], new_story: bool = False) -> list[StoryChoice]:
    """The picker's rows: "A new story" first if offered, then `stories` in order."""
    choices = [StoryChoice(NEW_STORY, "A new story")] if new_story else []
    choices.extend(StoryChoice(s.id, s.title or "(no title)", s) for s in stories)
    return choices


class StoryPicker(ItemPicker[StoryChoice]):
    """The stories `choices` offers, to choose one (`Picked` with its id)."""

    BINDINGS: ClassVar[list[BindingType]] = bindings_for("story_picker")
    NOUN = "story"
    PLACEHOLDER = "Type a title, an outlet or an id…"
    INPUT_HINT = "type to search · ↓ list · enter choose · esc cancel"
    LIST_HINT = "enter choose · esc cancel"
    DETAILS_HINT = "↑ ↓ scroll details · tab search · enter choose · esc cancel"

    def __init__(
        self, corpus: Corpus, choices: Sequence[StoryChoice], title: str, about: str
    ) -> None:
        """`title`: what choosing does ("Move r3 to which story?"); `about`: a line on
        the report or story it is done to, at the top of every story's details."""
        self.choices = tuple(choices)
        self.PICKER_TITLE = title
        self.about = about
        super().__init__(corpus)

    def all_items(self) -> Sequence[StoryChoice]:
        return self.choices

    def search_forms(self, item: StoryChoice) -> Iterable[str]:
        outlets = item.story.outlets if item.story is not None else ()
        return (item.name, item.id, *outlets)

    def row(self, item: StoryChoice, selected: bool) -> Text:
        story = item.story
        if story is None:
            return picker_row(item.name, self.name_width, False, "", 1, "this report alone")
        outlets = count_of(len(story.outlets), "outlet")
        note = " · ".join(x for x in (outlets, date_span(*story.dates)) if x)
        return picker_row(item.name, self.name_width, False, story.id, story.size, note)

    def details(self, item: StoryChoice) -> Text:
        text = Text(end="")
        text.append(self.about + "\n", "italic")
        story = item.story
        if story is None:
            text.append("A new story", "bold")
            text.append(": the report alone, in a story of its own")
            return text
        text.append(safe_line(story.title) or "(no title)", "bold")
        text.append(f"  {story.id} · {count_of(story.size, 'report')}")
        dates = date_span(*story.dates)
        if dates:
            text.append(f" · {safe_line(dates)}")
        reports = {report.id: report for report in self.corpus.reports}
        for report_id in story.report_ids[:REPORTS_SHOWN]:
            report = reports.get(report_id)
            if report is not None:
                text.append(f"\n{report_id} ", "bold")
                text.append(safe_line(report.outlet))
                title = safe_line(report.title)
                if title:
                    text.append(f" — {title}")
        if story.size > REPORTS_SHOWN:
            text.append(f"\n+{story.size - REPORTS_SHOWN} more reports", "dim")
        return text

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # One story is chosen, never several: no "Select" key.
        if action == "toggle_selected":
            return False
        return super().check_action(action, parameters)

    def action_apply(self) -> None:
        """Choose the highlighted story."""
        item = self.highlighted_item
        if item is None:
            self.notify("No story matches: nothing to choose", timeout=3)
            return
        self.dismiss(Picked(self.corpus, (item.id,)))

    def action_toggle_selected(self) -> None:
        """A click on a story chooses it (a key cannot select several here)."""
        self.action_apply()
