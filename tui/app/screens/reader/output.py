"""What leaves the reader: export to a file (`x`), the clipboard (`y`, `Y`) and a
paragraph's links (`L`, opened in a browser)."""

from __future__ import annotations

from tui.app.screens.reader.base import ReaderBase, needs
from tui.model.ids import fact_label
from tui.query import view_of


class OutputPart(ReaderBase):
    @needs("topics")
    def action_export(self) -> None:
        """Export the paragraphs in view, the fact matrix or the entities to a file."""
        analysis = self.ready
        from tui.app.screens.export import ExportScreen  # not on the first screen
        from tui.export import ExportKind, describe_filter

        corpus = analysis.corpus
        flt = self.state.query_filter()
        counts: dict[ExportKind, int] = {
            "paragraphs": view_of(corpus, flt, analysis.paragraphs).count(corpus.reports),
            "facts": len(corpus.facts),
            "entities": len(corpus.entities),
        }
        self.app.push_screen(ExportScreen(corpus, flt, counts, describe_filter(corpus, flt)))

    def action_copy_paragraph(self) -> None:
        """Copy the cursor paragraph, with a "— source, report" line (OSC 52)."""
        pane = self.pane(self.state.focused)
        if pane.report is None or pane.current_paragraph is None:
            self.notify("No paragraph to copy", timeout=2)
            return
        from tui.export import paragraph_clip

        self.app.copy_to_clipboard(paragraph_clip(pane.report, pane.current_paragraph))
        self.notify("Paragraph copied to the clipboard", timeout=2)

    @needs("facts")
    def action_copy_fact(self) -> None:
        """Copy the shared facts the cursor paragraph states, in every report's words."""
        corpus, facts = self.ready.corpus, self.ready.facts
        fact_ids = facts.paragraph_facts(self.pane(self.state.focused).current_paragraph)
        if not fact_ids:
            next_fact = self.keys("next_fact")
            self.notify(
                f"No shared fact in this paragraph: {next_fact} finds the next one", timeout=3
            )
            return
        from tui.export import facts_clip

        self.app.copy_to_clipboard(facts_clip(corpus, fact_ids))
        names = ", ".join(fact_label(facts.numbers[f]) for f in fact_ids)
        self.notify(f"Copied {names} in every report's words", timeout=2)

    def action_links(self) -> None:
        """The links of the cursor paragraph, with their URLs: enter opens an http(s) one."""
        from tui.app.screens.links import LinksScreen, paragraph_links  # not on first screen

        pane = self.pane(self.state.focused)
        links = paragraph_links(pane.report, pane.current_paragraph)
        if not links:
            self.notify("No links in this paragraph", timeout=2)
            return
        self.app.push_screen(LinksScreen(links))
