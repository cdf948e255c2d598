"""The reader's stories: the story list (`esc`), opening a story, and offering the
list when the stories are found.

With more than one story the reader shows one story at a time: the panes show its
reports, `[`/`]` and the report list stay inside it, and the facts, sources and topics
are its own (`ReaderState.story`). The stories come with the first analysis stage, after
the first report is on screen: the story list then takes the screen if no key has been
pressed in the reader yet; otherwise a notice names the key that lists them. The list
comes back sorted and filtered as it was left (`ReaderState.story_order`), and the
status line gives the open story's place in that order with its id ("Story 3 of 86
(s45)"). With one story nothing here shows: the key is off (not in the footer, help or
palette).
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from textual import events

from tui.app.screens.reader.panes import PanesPart
from tui.app.state import OpenStory
from tui.query.entities import EntityFilter
from tui.query.tags import remap_tag_filter
from tui.wording import count_of

if TYPE_CHECKING:
    from tui.app.screens.story_list import StoryList


class StoriesPart(PanesPart):
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "story_list":
            # Off (and out of sight) until there are stories to list.
            analysis = self.state.analysis
            return analysis is not None and analysis.has_stories
        return True

    def on_key(self, event: events.Key) -> None:
        # The user is reading: stories found from now on are offered in a notice.
        if not self.state.reading_started:
            self.set_state(replace(self.state, reading_started=True))

    def offer_stories(self) -> None:
        """Once the stories are found (more than one): the story list, if the reader is
        in front and no key has been pressed in it yet, else a notice naming its key.
        Once only; an open story list shows the new analysis."""
        analysis = self.state.analysis
        if analysis is None or not analysis.has_stories:
            self.refresh_bindings()  # the key goes, with the stories
            return
        for screen in self._story_lists():
            screen.set_corpus(analysis.corpus, analysis.facts_found)
        if self.state.stories_offered:
            return
        self.set_state(replace(self.state, stories_offered=True))
        self.refresh_bindings()  # the key comes, in the footer too
        if not self.state.reading_started and self.app.screen is self:
            self.action_story_list()
            return
        found = count_of(len(analysis.corpus.stories), "story")
        self.notify(f"{found} found: {self.keys('story_list')} lists them", timeout=8)

    def _story_lists(self) -> list[StoryList]:
        """The open story lists (they show the analysis as it changes)."""
        from tui.app.screens.story_list import StoryList  # not on the first screen

        return [screen for screen in self.app.screen_stack if isinstance(screen, StoryList)]

    def action_story_list(self) -> None:
        """The story list: the story chosen there opens; the entity filter set there is
        the reader's."""
        analysis = self.state.analysis
        if analysis is None or not analysis.has_stories:
            return  # only by a direct call: the key is off then
        from tui.app.screens.story_list import StoryList  # not on the first screen

        story = self.state.story
        screen = StoryList(
            analysis.corpus,
            analysis.facts_found,
            self.state.entity_filter,
            current=story.id if story is not None else None,
            on_entities=self._entities_chosen,
            order=self.state.story_order,
        )
        self.app.push_screen(screen, partial(self._story_chosen, screen))

    def _entities_chosen(self, entity_filter: EntityFilter) -> None:
        """The entity filter, set in the story list (it spans stories)."""
        if not entity_filter.active:
            entity_filter = EntityFilter(mode=entity_filter.mode)
        self.set_state(replace(self.state, entity_filter=entity_filter))

    def _story_chosen(self, screen: StoryList, story_id: str | None) -> None:
        """The list closed (on story `story_id`, or None): its sort and filter text are
        kept for the next time, and the open story's place is its place in that order."""
        state, order = self.state, screen.order
        if order != state.story_order:
            story = state.story
            if story is not None and state.analysis is not None:
                story = story.placed(state.analysis, order)
            self.set_state(replace(state, story_order=order, story=story))
        if story_id is not None:
            self.open_story(story_id)

    def open_story(self, story_id: str) -> None:
        """Show story `story_id`: its first reports in the panes, the focus on the first
        pane; the source and topic filters keep what the story has of them. The story
        open already stays as it is."""
        state = self.state
        analysis = state.analysis
        if analysis is None or (state.story is not None and state.story.id == story_id):
            return
        story = OpenStory.of(analysis, story_id, self.numbers(), state.story_order)
        if story is None:
            return
        old = state.scope
        assert old is not None
        tag_filter = state.tag_filter
        if tag_filter.active:
            part = story.analysis
            tag_filter = remap_tag_filter(old.corpus, part.corpus, part.tags, tag_filter)
        reports = story.reports
        panes = tuple(
            reports[index] if index < len(reports) else self.no_report
            for index in range(self.pane_count)
        )
        self._chosen_fact = None
        self.set_state(
            replace(state, story=story, pane_reports=panes, focused=0, tag_filter=tag_filter)
        )
