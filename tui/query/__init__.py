"""Which paragraphs a filter keeps: the one answer the reader and export both use.

A `Filter` holds every choice that decides which paragraphs are kept (entities, cited
sources, outlets, topics, the fact view, boilerplate); `view_of` applies it to a corpus
and gives a `View`, which says of any paragraph whether it is kept. No Textual here.

Beside it, what the reader draws over the kept paragraphs, built from the same corpus:
`marks` (the `FilterView` a pane draws: kept paragraphs, marked spans, tags, the line
an empty pane shows), `entities` (the entity filter, carried to a new analysis by
name), `tags` (cited sources, outlets and topics: the tag index, the source and topic
filters, a fact's basis), `facts` (the fact index, the fact view's wording,
counterparts, the threshold steps), `why` (what a fact matched on, as words) and
`search` (the pickers' name matching).
"""

from tui.query.filter import FACT_VIEWS, FactView, Filter
from tui.query.index import ParagraphIndex, build_index, states_fact, unique_sentence
from tui.query.view import View, view_of

__all__ = [
    "FACT_VIEWS",
    "FactView",
    "Filter",
    "ParagraphIndex",
    "View",
    "build_index",
    "states_fact",
    "unique_sentence",
    "view_of",
]
