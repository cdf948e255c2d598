"""Plain, frozen data: no Textual, no I/O."""

from tui.model.corpus import Corpus, LoadError
from tui.model.document import PARAGRAPH_KINDS, Paragraph, Report, Run, Sentence
from tui.model.entities import ENTITY_TYPES, Entity, Mention, MergeReason
from tui.model.stories import Story

__all__ = [
    "ENTITY_TYPES",
    "PARAGRAPH_KINDS",
    "Corpus",
    "Entity",
    "LoadError",
    "Mention",
    "MergeReason",
    "Paragraph",
    "Report",
    "Run",
    "Sentence",
    "Story",
]
