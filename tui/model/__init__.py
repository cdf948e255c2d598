"""Plain, frozen data: no Textual, no I/O."""

from tui.model.corpus import Corpus, LoadError
from tui.model.document import PARAGRAPH_KINDS, Paragraph, Report, Run, Sentence

__all__ = ["PARAGRAPH_KINDS", "Corpus", "LoadError", "Paragraph", "Report", "Run", "Sentence"]
