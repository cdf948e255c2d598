"""The key footer, rebuilt only when the keys it shows change; the palette's key
(`^p palette`) only when the screen's own keys leave room for it.

Textual's footer rebuilds all its key widgets whenever the focus moves or a screen
changes. The reader's panes show the same keys, so switching panes paid for a rebuild
that changed nothing (about two thirds of the time `tab` took).

The palette's key is drawn at the right end of the line, over the keys that run into
it: in 80 columns the reader's keys with its stories (`esc`) take the whole line, and
a key cut in half is worse than the palette's hint (`ctrl+p` works all the same, and
help lists it).
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.cells import cell_len
from textual.app import App
from textual.binding import ActiveBinding
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer

# Each key takes its key, its description and three spaces (the footer's padding).
KEY_PADDING = 3


def shown_keys(bindings: Mapping[str, ActiveBinding]) -> tuple[tuple[object, ...], ...]:
    """What the footer would show of a screen's active bindings: each shown binding and
    its state."""
    return tuple(
        (key, binding.action, binding.description, binding.key_display, enabled, tooltip)
        for key, (_, binding, enabled, tooltip) in bindings.items()
        if binding.show
    )


def palette_fits(app: App[object], bindings: Mapping[str, ActiveBinding], width: int) -> bool:
    """Whether the footer's keys (of a screen's active bindings) and the palette's key
    fit in `width` cells (the footer shows one key per action, as Textual's does)."""
    used: dict[str, int] = {}
    palette = 0
    for key, active in bindings.items():
        binding = active.binding
        size = cell_len(app.get_key_display(binding)) + cell_len(binding.description)
        if key == app.COMMAND_PALETTE_BINDING:
            palette = size + KEY_PADDING
        elif binding.show:
            used.setdefault(binding.action, size + KEY_PADDING)
    return sum(used.values()) + palette <= width


class QuietFooter(Footer):
    _shown: tuple[tuple[object, ...], ...] | None = None

    def bindings_changed(self, screen: Screen) -> None:
        bindings = screen.active_bindings  # worked out on every call: once here
        fits = palette_fits(screen.app, bindings, screen.app.size.width)
        shown = (*shown_keys(bindings), ("palette", fits))
        if self._bindings_ready and shown == self._shown:
            return
        self.set_reactive(Footer.show_command_palette, fits)
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._shown = shown  # the rebuild below will happen
        super().bindings_changed(screen)

    def on_resize(self, event: Resize) -> None:
        if self._bindings_ready and self.is_attached:
            self.bindings_changed(self.screen)
