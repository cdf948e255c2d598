"""Choose the fact threshold from a list (the palette's "Fact sensitivity…").

Lower thresholds match sentences more loosely (more, larger facts); higher ones more
strictly. `+` and `-` in the reader move one step without this list.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.app.actions import bindings_for
from tui.query.facts import threshold_steps

CURRENT_MARK = "● "


def threshold_prompt(threshold: float, current: float, default: float) -> Text:
    steps = threshold_steps()
    text = Text(end="")
    text.append(CURRENT_MARK if abs(threshold - current) < 1e-9 else "  ", "bold")
    text.append(f"{threshold:.2f}")
    notes = []
    if threshold == steps[0]:
        notes.append("loosest: most facts")
    if threshold == steps[-1]:
        notes.append("strictest: near-identical sentences only")
    if abs(threshold - default) < 1e-9:
        notes.append("default")
    if notes:
        text.append("  " + ", ".join(notes), "dim")
    return text


class SensitivityPicker(ModalScreen[float | None]):
    BINDINGS = bindings_for("sensitivity")

    def __init__(self, current: float) -> None:
        super().__init__()
        self.current = current
        self.steps = threshold_steps()

    def compose(self) -> ComposeResult:
        from tui.analysis.facts import DEFAULT_THRESHOLD  # loaded by the analysis already

        with Vertical(id="sensitivity"):
            yield Static(
                Text("Fact sensitivity: how alike two sentences must be"), id="sensitivity-title"
            )
            yield OptionList(
                *(Option(threshold_prompt(t, self.current, DEFAULT_THRESHOLD)) for t in self.steps),
                id="sensitivity-list",
                markup=False,
            )
            yield Static(Text("enter choose · esc cancel"), id="sensitivity-hint")

    def on_mount(self) -> None:
        option_list = self.query_one(OptionList)
        nearest = min(range(len(self.steps)), key=lambda i: abs(self.steps[i] - self.current))
        option_list.highlighted = nearest
        option_list.focus()

    @on(OptionList.OptionSelected, "#sensitivity-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.steps[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)
