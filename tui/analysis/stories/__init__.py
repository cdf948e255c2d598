"""Stories: group reports by the happening they are about (see `cluster` for how)."""

from tui.analysis.stories.cluster import find_stories

__all__ = ["find_stories"]
