"""Pick entities to filter the reader by; merge and split entities by hand.

The picker of `picker.py` over the corpus's entities (searched by every spelling). In
the list, `m` marks one entity and then merges it with a second, and `s` splits a
spelling off; the analysis runs again and the picker stays open with its result.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar, Literal

from rich.text import Text
from textual.binding import BindingType

from tui.app.actions import bindings_for, keys_for
from tui.app.messages import CorrectionRequested
from tui.app.screens.alias_picker import AliasPicker
from tui.app.screens.picker import ItemPicker, name_column_width, picker_row
from tui.model.corpus import Corpus
from tui.model.entities import Entity
from tui.query.entities import match_entities, remap_entity_ids
from tui.textsafe import safe_line

REPORT_COUNTS_SHOWN = 6

MERGE_MARK = "⇄ "
BUSY_NOTE = "Analysis still running"


def report_counts_label(entity: Entity) -> str:
    """ "r1:4 r2:3", the busiest reports first when there are many."""
    counts = list(entity.report_counts)
    if len(counts) > REPORT_COUNTS_SHOWN:
        counts.sort(key=lambda item: -item[1])
        rest = len(counts) - REPORT_COUNTS_SHOWN
        shown = " ".join(f"{r}:{n}" for r, n in counts[:REPORT_COUNTS_SHOWN])
        return f"{shown} +{rest} more"
    return " ".join(f"{r}:{n}" for r, n in counts)


def entity_details(entity: Entity, report_names: dict[str, str]) -> Text:
    """Spellings and why they were merged, for the highlighted entity."""
    text = Text(end="")
    text.append(safe_line(entity.name), "bold")
    reports = len(entity.reports)
    text.append(
        f"  {entity.type} · {entity.mentions} mention{'s' if entity.mentions != 1 else ''}"
        f" in {reports} report{'s' if reports != 1 else ''}"
    )
    if entity.report_counts:
        text.append(" (")
        for index, (report_id, count) in enumerate(entity.report_counts[:REPORT_COUNTS_SHOWN]):
            if index:
                text.append(", ")
            text.append(f"{report_id} {safe_line(report_names.get(report_id, ''))}: {count}")
        if len(entity.report_counts) > REPORT_COUNTS_SHOWN:
            text.append(", …")
        text.append(")")
    text.append("\nSpellings: ", "bold")
    text.append(", ".join(safe_line(alias) for alias in entity.aliases) or "—")
    text.append("\nWhy merged: ", "bold")
    reasons = [safe_line(str(reason)) for reason in entity.merged_because]
    text.append("; ".join(reasons) if reasons else "one spelling, nothing merged")
    return text


class EntityPicker(ItemPicker[Entity]):
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("entity_picker")
    NOUN = "entity"
    PICKER_TITLE = "Filter by entity"
    LIST_HINT = "space select · enter filter · m merge · s split · esc cancel"
    LIST_KEYS = ("space", "m", "s")

    def __init__(self, corpus: Corpus, selected: Sequence[str] = ()) -> None:
        super().__init__(corpus, selected)
        self.merge_from: str | None = None
        self.busy = False

    def all_items(self) -> Sequence[Entity]:
        return self.corpus.entities

    def search_forms(self, item: Entity) -> Iterable[str]:
        return (item.name, *item.aliases)

    def match(self, query: str) -> list[Entity]:
        return match_entities(self.corpus.entities, query)

    def row(self, item: Entity, selected: bool) -> Text:
        marked = item.id == self.merge_from
        return picker_row(
            item.name,
            self.name_width,
            selected,
            item.type,
            item.mentions,
            report_counts_label(item),
            suffix=MERGE_MARK + "merge with…" if marked else "",
        )

    def details(self, item: Entity) -> Text:
        names = {report.id: report.outlet for report in self.corpus.reports}
        text = entity_details(item, names)
        if self.busy:
            text.append(f"\n{BUSY_NOTE}: finding entities again…", "italic")
        return text

    def set_corpus(self, corpus: Corpus) -> None:
        """A new analysis arrived (after a correction): same query, remapped choices."""
        old = self.corpus
        current = self.highlighted_item
        self.corpus = corpus
        self.name_width = name_column_width(e.name for e in corpus.entities)
        self.selected = list(remap_entity_ids(old, corpus, self.selected))
        self.merge_from = None
        self.busy = False
        keep = remap_entity_ids(old, corpus, [current.id]) if current else ()
        self._rebuild(keep[0] if keep else None)

    # ------------------------------------------------------------------ corrections

    def action_merge(self) -> None:
        entity = self.highlighted_item
        if entity is None:
            return
        if self.busy:
            self.notify(BUSY_NOTE, timeout=3)
            return
        first = self.merge_from
        if first is None or first == entity.id:
            self.merge_from = None if first == entity.id else entity.id
            self._refresh_row(entity.id)
            if self.merge_from:
                self.notify(
                    f"Merge {safe_line(entity.name)} with…: press "
                    f"{keys_for(self, 'merge_entities')} on another entity",
                    timeout=4,
                    markup=False,
                )
            else:
                self.notify("Merge cancelled", timeout=2)
            return
        self.merge_from = None
        self._refresh_row(first)
        first_name = self.corpus.entity(first).name
        self._request("merge", (first_name, entity.name))

    def action_split(self) -> None:
        entity = self.highlighted_item
        if entity is None:
            return
        if self.busy:
            self.notify(BUSY_NOTE, timeout=3)
            return
        if len(entity.aliases) < 2:
            self.notify(
                f"{safe_line(entity.name)} has one spelling: nothing to split off",
                timeout=4,
                markup=False,
            )
            return

        def split(alias: str | None) -> None:
            if alias is not None:
                self._request("split", (alias,))

        self.app.push_screen(AliasPicker(entity), split)

    def _request(self, kind: Literal["merge", "split"], forms: tuple[str, ...]) -> None:
        self.busy = True
        self._show_details()
        self.post_message(CorrectionRequested(kind, forms))
