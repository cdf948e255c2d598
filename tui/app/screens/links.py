"""The links of one paragraph (`L`): each link's text and URL, and enter opens one.

Markdown links keep their URL (`Run.href`), but the pane shows only a "↗" after the
link text. Here the URL is shown too, both drawn as plain text with escapes and control
characters stripped. Nothing is opened without this screen's enter, and only http and
https URLs are opened at all: `javascript:`, `file:`, `mailto:` and the rest are refused
with a one-line notice.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.app.actions import bindings_for
from tui.model.document import Paragraph, Report
from tui.textsafe import safe_line, safe_slice, safe_text

OPENABLE_SCHEMES = frozenset({"http", "https"})
NOT_OPENED = "Not opened: only http(s) links"


@dataclass(frozen=True, slots=True)
class Link:
    """A link as the paragraph shows it: its visible text and where it points."""

    text: str
    url: str


def paragraph_links(report: Report | None, paragraph: Paragraph | None) -> list[Link]:
    """The paragraph's links in order; neighbouring runs with one URL are one link."""
    if report is None or paragraph is None:
        return []
    links: list[Link] = []
    previous: str | None = None
    for run in paragraph.runs:
        href = run.href
        if href is None:
            previous = None
            continue
        piece = safe_slice(report.text, run.start, run.end)
        if href == previous and links:
            links[-1] = Link(links[-1].text + piece, href)
        else:
            links.append(Link(piece, href))
        previous = href
    return links


def openable(url: str) -> bool:
    """Whether `url` may be handed to a browser: http(s) with a host, and nothing in it
    that a terminal or a shell could read as anything but a URL."""
    if not url or url != safe_text(url) or any(ch.isspace() for ch in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in OPENABLE_SCHEMES and bool(parts.netloc)


def link_prompt(link: Link) -> Text:
    text = Text(end="")
    text.append(safe_line(link.text) or "(no text)", "bold")
    text.append("\n")
    text.append(
        safe_line(link.url) or "(no address)", "dim" if openable(link.url) else "dim strike"
    )
    return text


class LinksScreen(ModalScreen[None]):
    BINDINGS = bindings_for("links")

    def __init__(self, links: list[Link]) -> None:
        super().__init__()
        self.links = links

    def compose(self) -> ComposeResult:
        count = len(self.links)
        with Vertical(id="links"):
            yield Static(
                Text(f"{count} {'link' if count == 1 else 'links'} in this paragraph"),
                id="links-title",
            )
            yield OptionList(
                *(Option(link_prompt(link)) for link in self.links),
                id="links-list",
                markup=False,
            )
            yield Static(Text("enter open (http/https only) · esc close"), id="links-hint")

    def on_mount(self) -> None:
        option_list = self.query_one(OptionList)
        option_list.highlighted = 0
        option_list.focus()

    @on(OptionList.OptionSelected, "#links-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        url = self.links[event.option_index].url
        if not openable(url):
            self.notify(NOT_OPENED, severity="warning", timeout=3, markup=False)
            return
        self.app.open_url(url)
        self.notify(f"Opening {safe_line(url)}", timeout=3, markup=False)
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
