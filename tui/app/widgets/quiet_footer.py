"""The key footer, rebuilt only when the keys it shows change.

Textual's footer rebuilds all its key widgets whenever the focus moves or a screen
changes. The reader's panes show the same keys, so switching panes paid for a rebuild
that changed nothing (about two thirds of the time `tab` took).
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


def shown_keys(screen: Screen) -> tuple[tuple[object, ...], ...]:
    """What the footer would show for `screen`: each shown binding and its state."""
    return tuple(
        (key, binding.action, binding.description, binding.key_display, enabled, tooltip)
        for key, (_, binding, enabled, tooltip) in screen.active_bindings.items()
        if binding.show
    )


class QuietFooter(Footer):
    _shown: tuple[tuple[object, ...], ...] | None = None

    def bindings_changed(self, screen: Screen) -> None:
        shown = shown_keys(screen)
        if self._bindings_ready and shown == self._shown:
            return
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._shown = shown  # the rebuild below will happen
        super().bindings_changed(screen)
