"""Pick cited sources (and outlets) or topics to filter the reader by.

The picker of `picker.py` over a `TagIndex`'s items: each row gives the item's kind,
its paragraphs and how many outlets it reaches; the lines under the list give the
outlets and, for a source, every way the reports write it (its spellings).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.text import Text

from tui.app.screens.picker import ItemPicker, picker_row
from tui.model.corpus import Corpus
from tui.query.tags import OUTLET_KIND, TagItem

OUTLETS_SHOWN = 6
# "unnamed" (a source such as "two residents") is the longest kind.
KIND_WIDTH = 7


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def tag_note(item: TagItem) -> str:
    """The dim note after the paragraph count: "¶ · 2 outlets" ("¶ · 3 reports" for an
    outlet)."""
    if item.kind == OUTLET_KIND:
        return f"¶ · {_plural(item.reports, 'report')}"
    return f"¶ · {_plural(len(item.outlets), 'outlet')}"


def tag_details(item: TagItem) -> Text:
    text = Text(end="")
    text.append(item.name, "bold")
    if item.kind == OUTLET_KIND:
        text.append(
            f"  outlet · {_plural(item.reports, 'report')}, {_plural(item.paragraphs, 'paragraph')}"
        )
        return text
    outlets = _plural(len(item.outlets), "outlet")
    paragraphs = _plural(item.paragraphs, "paragraph")
    if item.kind in ("found", "user"):
        kind = "your topic" if item.kind == "user" else "topic"
        text.append(f"  {kind} · {paragraphs} in {outlets}")
    else:
        text.append(f"  {item.kind} · cited in {paragraphs} by {outlets}")
    text.append("\nOutlets: ", "bold")
    shown = [f"{outlet}: {count}" for outlet, count in item.outlets[:OUTLETS_SHOWN]]
    if len(item.outlets) > OUTLETS_SHOWN:
        shown.append(f"+{len(item.outlets) - OUTLETS_SHOWN} more")
    text.append(", ".join(shown))
    if item.kind not in ("found", "user"):
        text.append("\nSpellings: ", "bold")
        text.append(", ".join(item.forms))
    return text


class TagPicker(ItemPicker[TagItem]):
    """A picker over `items` (in the order given when nothing is typed)."""

    def __init__(
        self, corpus: Corpus, items: Sequence[TagItem], selected: Sequence[str] = ()
    ) -> None:
        self.items = tuple(items)
        super().__init__(corpus, selected)

    def all_items(self) -> Sequence[TagItem]:
        return self.items

    def search_forms(self, item: TagItem) -> Iterable[str]:
        return item.forms

    def row(self, item: TagItem, selected: bool) -> Text:
        return picker_row(
            item.name,
            self.name_width,
            selected,
            item.kind,
            item.paragraphs,
            tag_note(item),
            kind_width=KIND_WIDTH,
        )

    def details(self, item: TagItem) -> Text:
        return tag_details(item)


class SourcePicker(TagPicker):
    NOUN = "source"
    PICKER_TITLE = "Filter by cited source or outlet"
    PLACEHOLDER = "Type a source (Reuters, residents…)"


class TopicPicker(TagPicker):
    NOUN = "topic"
    PICKER_TITLE = "Filter by topic"
    PLACEHOLDER = "Type a topic…"
