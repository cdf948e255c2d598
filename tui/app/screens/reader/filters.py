"""The reader's filters and toggles: entities (`e`, `a`, `.`/`,`), cited sources and
outlets (`s`), topics (`t`), clearing them (`c`), the tag line (`T`), the sources
overview (`o`) and boilerplate (`b`).

Once the analysis is in, the reader can be narrowed to paragraphs naming chosen
entities, citing chosen sources (or from chosen outlets) and about chosen topics: all
the filters hold at once, and the filter bar says which are on. Mentions of the chosen
entities are marked in every pane; under each paragraph a line gives its tags.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from tui.app.screens.reader.base import ReaderBase, needs
from tui.query.entities import EntityFilter, remap_entity_ids
from tui.query.tags import TagFilter, remap_tag_filter, source_choices

if TYPE_CHECKING:
    from tui.app.screens.picker import Picked


class FiltersPart(ReaderBase):
    def apply_filter(self, entity_filter: EntityFilter) -> None:
        """Narrow the panes to paragraphs naming `entity_filter`'s entities (the other
        filters stay). Panes whose report has no such paragraph turn to reports that
        have some."""
        if not entity_filter.active:
            entity_filter = EntityFilter(mode=entity_filter.mode)
        self.set_state(replace(self.state, entity_filter=entity_filter))
        self.panes_to_matches()

    def apply_tag_filter(self, tag_filter: TagFilter) -> None:
        """Narrow the panes to paragraphs citing `tag_filter`'s sources (from its
        outlets) and about its topics; the entity filter stays. Panes whose report
        has no such paragraph turn to reports that have some."""
        self.set_state(replace(self.state, tag_filter=tag_filter))
        self.panes_to_matches()

    # ------------------------------------------------------------------ entities

    @needs("entities")
    def action_pick_entities(self) -> None:
        # The whole corpus's entities, with a story open too: the filter spans stories.
        corpus = self.whole.corpus
        if not corpus.entities:
            self.notify("No entities found in these reports", timeout=3)
            return
        from tui.app.screens.entity_picker import EntityPicker  # not on the first screen

        chosen = self.state.entity_filter.entity_ids
        self.app.push_screen(EntityPicker(corpus, chosen), self._entities_picked)

    def _entities_picked(self, picked: Picked | None) -> None:
        analysis = self.state.analysis
        if picked is None or analysis is None:
            return
        corpus = analysis.corpus
        ids = picked.ids
        if picked.corpus is not corpus:  # re-analysed while the picker was open
            ids = remap_entity_ids(picked.corpus, corpus, ids)
        self.apply_filter(EntityFilter(ids, self.state.entity_filter.mode))

    @needs("chosen entities")
    def action_toggle_match_mode(self) -> None:
        self.apply_filter(self.state.entity_filter.toggled_mode())
        mode = "all of" if self.state.entity_filter.mode == "all" else "any of"
        self.notify(f"Paragraphs naming {mode} the entities", timeout=2)

    @needs("chosen entities")
    def action_jump_mention(self, step: int) -> None:
        self.say_jump(self.pane(self.state.focused).jump_to_mark(step), step, "mention")

    @needs("entities")
    def action_clear_filter(self) -> None:
        """Clear every filter: entities, sources and outlets, topics."""
        if not self.state.filtered:
            keys = [self.keys(a) for a in ("pick_entities", "pick_sources", "pick_topics")]
            which = f"{', '.join(keys[:-1])} or {keys[-1]}"
            self.notify(f"No filter to clear: {which} filters the panes", timeout=3)
            return
        entities = EntityFilter(mode=self.state.entity_filter.mode)
        self.set_state(replace(self.state, tag_filter=TagFilter(), entity_filter=entities))
        self.notify("Filters cleared", timeout=2)

    # ------------------------------------------------------------------ sources, topics

    @needs("topics")
    def action_pick_sources(self) -> None:
        analysis = self.ready
        corpus = analysis.corpus
        choices = source_choices(corpus, analysis.tags)
        if not choices:
            self.notify("No paragraph in these reports says who it cites", timeout=3)
            return
        from tui.app.screens.tag_picker import SourcePicker  # not on the first screen

        picker = SourcePicker(corpus, choices, self.state.tag_filter.sources)
        self.app.push_screen(picker, self._sources_picked)

    def _sources_picked(self, picked: Picked | None) -> None:
        if picked is not None and self.state.analysis is not None:
            self._apply_tags(picked, TagFilter(picked.ids, self.state.tag_filter.topics))

    @needs("topics")
    def action_pick_topics(self) -> None:
        analysis = self.ready
        if not analysis.tags.topics:
            self.notify("No topics found in these reports", timeout=3)
            return
        from tui.app.screens.tag_picker import TopicPicker  # not on the first screen

        topics = analysis.tags.topics
        picker = TopicPicker(analysis.corpus, topics, self.state.tag_filter.topics)
        self.app.push_screen(picker, self._topics_picked)

    def _topics_picked(self, picked: Picked | None) -> None:
        if picked is not None and self.state.analysis is not None:
            self._apply_tags(picked, TagFilter(self.state.tag_filter.sources, picked.ids))

    def _apply_tags(self, picked: Picked, flt: TagFilter) -> None:
        """Filter by `flt`, chosen in a picker over `picked.corpus` (the picker's
        callback has checked there is an analysis)."""
        analysis = self.ready
        if picked.corpus is not analysis.corpus:  # re-analysed while the picker was open
            flt = remap_tag_filter(picked.corpus, analysis.corpus, analysis.tags, flt)
        self.apply_tag_filter(flt)

    @needs("topics")
    def action_toggle_tags(self) -> None:
        self.set_state(replace(self.state, show_tags=not self.state.show_tags))
        self.notify(f"Tags {'shown' if self.state.show_tags else 'hidden'}", timeout=2)

    @needs("topics")
    def action_sources_overview(self) -> None:
        analysis = self.ready
        from tui.app.screens.sources_overview import SourcesOverview  # not on first screen

        styles = self.fact_styles()
        overview = SourcesOverview(analysis.corpus, analysis.facts, analysis.tags, styles)
        self.app.push_screen(overview, self._overview_closed)

    def _overview_closed(self, choice: tuple[str, str] | None) -> None:
        if choice is None:
            return
        kind, key = choice
        if kind == "fact":
            self.jump_to_fact(key)
        else:
            self.apply_tag_filter(TagFilter((key,), self.state.tag_filter.topics))

    # ------------------------------------------------------------------ boilerplate

    def action_toggle_boilerplate(self) -> None:
        shown = not self.state.show_boilerplate
        self.set_state(replace(self.state, show_boilerplate=shown))
        self.notify(f"Boilerplate {'shown' if shown else 'hidden'}", timeout=2)
