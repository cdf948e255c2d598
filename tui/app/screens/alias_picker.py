"""Choose which spelling of an entity to split off (enter), or cancel (esc)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.app.actions import bindings_for
from tui.model.entities import Entity
from tui.textsafe import safe_line


class AliasPicker(ModalScreen[str | None]):
    BINDINGS = bindings_for("alias_picker")

    def __init__(self, entity: Entity) -> None:
        super().__init__()
        self.entity = entity

    def compose(self) -> ComposeResult:
        with Vertical(id="alias-picker"):
            title = Text("Split which spelling off ")
            title.append(safe_line(self.entity.name), "bold")
            title.append("?")
            yield Static(title, id="alias-title")
            yield OptionList(
                *(Option(Text(safe_line(alias))) for alias in self.entity.aliases),
                id="alias-list",
                markup=False,
            )
            yield Static(Text("enter split · esc cancel", "dim"), id="alias-hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected, "#alias-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.entity.aliases[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)
