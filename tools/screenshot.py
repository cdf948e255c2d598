"""Write the README's screenshot: the reader on the bundled seeds, as an SVG.

    python tools/screenshot.py [--out docs/newsprism.svg] [--size 110x32]

It runs the real app headless (Textual's Pilot) with an empty cache and data folder,
waits for the analysis, moves to the first shared fact and saves the screen.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


async def shoot(out: Path, size: tuple[int, int]) -> None:
    from tui.app.app import NewsprismApp
    from tui.resources import seeds_dir

    app = NewsprismApp([str(seeds_dir())], use_cache=False)
    async with app.run_test(size=size) as pilot:
        for _ in range(1000):
            await pilot.pause(0.01)
            if app.reader.corpus is not None and not app.analysis_running:
                break
        await pilot.press("n")
        await pilot.pause(0.3)
        out.parent.mkdir(parents=True, exist_ok=True)
        app.save_screenshot(filename=out.name, path=str(out.parent))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "newsprism.svg")
    parser.add_argument("--size", default="110x32", help="columns x rows")
    args = parser.parse_args()
    columns, rows = (int(n) for n in args.size.lower().split("x"))
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["NEWSPRISM_DATA_DIR"] = str(Path(tmp) / "data")
        os.environ["NEWSPRISM_CACHE_DIR"] = str(Path(tmp) / "cache")
        os.environ["NEWSPRISM_CONFIG_DIR"] = str(Path(tmp) / "config")
        asyncio.run(shoot(args.out, (columns, rows)))
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
