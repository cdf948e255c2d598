"""Which paragraphs a filter keeps: the one answer the reader and export both use.

A `Filter` holds every choice that decides which paragraphs are kept (entities, cited
sources, outlets, topics, the fact view, boilerplate); `view_of` applies it to a corpus
and gives a `View`, which says of any paragraph whether it is kept. No Textual here.
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
