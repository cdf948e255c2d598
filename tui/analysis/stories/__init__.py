"""Stories: group reports by the happening they are about (see `cluster` for how, and
`incremental` for adding reports one at a time)."""

from tui.analysis.stories.cluster import find_stories
from tui.analysis.stories.incremental import StoryIndex

__all__ = ["StoryIndex", "find_stories"]
