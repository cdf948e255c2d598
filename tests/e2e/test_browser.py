"""End to end: `newsprism serve` on the bundled seeds, drawn in a real browser.

Skipped without Debian's Chromium (`apt-get install -y chromium`). Headless Chromium is
driven over the DevTools protocol (aiohttp's websocket client: aiohttp comes with
textual-serve; tests/e2e/harness.py). The page draws the terminal with xterm.js on a
canvas, so the screen's text is not in the DOM: a script the test adds before the page's
own keeps the xterm.js `Terminal` the page creates (`this.terminal = new Terminal(...)` in
textual-serve's textual.js), and the test reads the screen through xterm's public buffer
API (`buffer.active.getLine(y).translateToString()`) until one row holds both pane
headers, left before right, worded as the reader's PaneHeader words them for the two seed
reports (`header_text`), and the terminal has faded in. Then it saves a screenshot and
checks it is a PNG of the page's size whose terminal area is drawn (many colours there,
not one).
"""

from __future__ import annotations

import asyncio
import base64
import time
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.harness import POLL, TIMEOUT, DevTools, png_pixels
from tests.unit.harness import free_port, newsprism_argv

pytestmark = pytest.mark.slow

# Many more colours than a blank or one-colour area has: anti-aliased text.
MIN_COLOURS = 16

# Keeps the xterm.js Terminal that textual.js assigns to `this.terminal`: an own property
# is defined as usual, and the first value that looks like a Terminal is remembered.
CAPTURE_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal", {
      value, writable: true, configurable: true, enumerable: true,
    });
    if (!window.__newsprismTerminal && value && value.buffer && value.onData) {
      window.__newsprismTerminal = value;
    }
  },
});
"""

READ_SCREEN = """
(() => {
  const term = window.__newsprismTerminal;
  const element = document.querySelector(".textual-terminal");
  if (!term || !element) return null;
  const buffer = term.buffer.active;
  const rows = [];
  for (let y = 0; y < term.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    rows.push(line ? line.translateToString(true) : "");
  }
  const box = element.getBoundingClientRect();
  return {
    rows,
    opacity: getComputedStyle(element).opacity,
    box: [box.left, box.top, box.right, box.bottom],
    page: [window.innerWidth, window.innerHeight],
    scale: window.devicePixelRatio,
  };
})()
"""


def seed_headers() -> list[str]:
    """The two pane headers of the first screen, as the reader's PaneHeader words them."""
    from tui.app.widgets.pane_header import header_text
    from tui.ingest.loader import ReadReport, discover, iter_reports
    from tui.resources import seeds_dir

    read = list(iter_reports(discover([seeds_dir()]).files))
    reports = [item.report for item in read if isinstance(item, ReadReport)]
    assert len(reports) == len(read) == 2
    return [header_text(report, number, 2).plain for number, report in enumerate(reports, 1)]


async def open_and_read(devtools_port: int, url: str, headers: list[str]) -> tuple[dict, bytes]:
    """Open `url`, wait for the first screen (both headers, faded in): it and a PNG."""
    import aiohttp

    async with aiohttp.ClientSession() as session:
        async with session.get(f"http://127.0.0.1:{devtools_port}/json/list") as response:
            targets = await response.json()
        page = next(target for target in targets if target["type"] == "page")
        async with session.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as ws:
            devtools = DevTools(ws)
            await devtools.send("Page.enable")  # without it the script below is not run
            await devtools.send("Page.addScriptToEvaluateOnNewDocument", source=CAPTURE_TERMINAL)
            await devtools.send("Page.navigate", url=url)
            deadline = time.monotonic() + TIMEOUT
            screen: dict | None = None
            while time.monotonic() < deadline:
                screen = await devtools.evaluate(READ_SCREEN)
                if screen and screen["opacity"] == "1" and header_row(screen["rows"], headers):
                    break
                await asyncio.sleep(POLL)
            else:
                rows = "\n".join(screen["rows"]) if screen else "(no terminal yet)"
                pytest.fail(f"timed out waiting for {headers} in the browser; screen:\n{rows}")
            shot = await devtools.send("Page.captureScreenshot", format="png")
            return screen, base64.b64decode(shot["data"])


def header_row(rows: list[str], headers: list[str]) -> str | None:
    """The row holding both headers, the left one first."""
    left, right = headers
    for row in rows:
        if left in row and right in row and row.index(left) < row.index(right):
            return row
    return None


def test_the_reader_in_a_browser(chromium: int, start_server: Any, tmp_path: Path) -> None:
    pytest.importorskip("textual_serve", reason="textual-serve is not installed")
    pytest.importorskip("aiohttp", reason="aiohttp (comes with textual-serve) is not installed")
    headers = seed_headers()
    port = free_port()
    server = start_server([*newsprism_argv(), "serve", "--port", str(port)], port)

    screen, png = asyncio.run(open_and_read(chromium, f"http://127.0.0.1:{port}/", headers))
    shot = tmp_path / "serve.png"
    shot.write_bytes(png)

    row = header_row(screen["rows"], headers)
    assert row is not None
    assert row.index(headers[1]) >= len(row) // 2 - 2, (
        f"the right header is not on the right: {row}"
    )

    # The screenshot: a PNG of the page, whose terminal area is drawn.
    width, height, size, rows = png_pixels(png)
    scale = screen["scale"]
    assert (width, height) == (round(screen["page"][0] * scale), round(screen["page"][1] * scale))
    left, top, right, bottom = (round(edge * scale) for edge in screen["box"])
    assert right - left > 100 and bottom - top > 100, screen["box"]
    colours: set[bytes] = set()
    for y, line in enumerate(rows):
        if y < top:
            continue
        if y >= bottom or len(colours) >= MIN_COLOURS:
            break
        colours.update(line[x : x + size] for x in range(left * size, right * size, size))
    assert len(colours) >= MIN_COLOURS, f"{shot}: the terminal area has {len(colours)} colours"

    assert server.stop() == 0, server.output()
    assert "Traceback" not in server.output()
