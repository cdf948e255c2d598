"""`newsprism serve` under load: memory per reader, time to the first screen, and how
soon readers are gone once their tabs close, for N browser sessions at once, with one
session alone as the same-run baseline.

    python bench/serve_load.py [--sessions 20] [--data seeds] [--settle 8]

A `newsprism serve` process on 127.0.0.1 serves the reports in `--data` (default: the
bundled seeds; an ECB+ topic folder makes each reader analyse more). Each round opens N
websockets at once, as N browser tabs would (textual-serve's protocol: the reader starts
on connect and its screen arrives as bytes), waits until every reader has drawn its
first screen, then `--settle` seconds for the analyses to finish, and samples the
resident memory (RSS, from /proc) of each reader's process group: the reader and its
analysis workers. Then the tabs close, and the time until no process is left below the
server is measured. Linux only (/proc).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.unit.harness import child_environment, descendants, free_port  # noqa: E402

PAGE = 4096


def rss_mb(pid: int) -> float:
    try:
        pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0.0
    return pages * PAGE / 1e6


def group_of(pid: int) -> int:
    stat = Path(f"/proc/{pid}/stat").read_text()
    return int(stat[stat.rindex(")") + 2 :].split()[2])


async def round_of(base: str, port: int, server: int, sessions: int, settle: float) -> dict:
    import aiohttp

    async def tab(client: aiohttp.ClientSession) -> tuple[float, object]:
        started = time.monotonic()
        socket = await client.ws_connect(
            f"ws://127.0.0.1:{port}/ws?width=80&height=24", headers={"Origin": base}
        )
        received = 0
        while received < 2000:
            message = await asyncio.wait_for(socket.receive(), 120)
            received += len(message.data)
        return time.monotonic() - started, socket

    async with aiohttp.ClientSession() as client:
        opened = await asyncio.gather(*(tab(client) for _ in range(sessions)))
        await asyncio.sleep(settle)
        groups: dict[int, float] = {}
        for pid in descendants(server):
            try:
                group = group_of(pid)
            except OSError:
                continue
            if group != server:  # a reader's own group (the server's shell aside)
                groups[group] = groups.get(group, 0.0) + rss_mb(pid)
        closing = time.monotonic()
        for _, socket in opened:
            await socket.close()  # type: ignore[attr-defined]
    while descendants(server) and time.monotonic() - closing < 120:
        await asyncio.sleep(0.05)
    gone = time.monotonic() - closing
    per_reader = sorted(groups.values())
    return {
        "sessions": sessions,
        "first_screen_s": statistics.median(t for t, _ in opened),
        "first_screen_max_s": max(t for t, _ in opened),
        "reader_mb": statistics.median(per_reader) if per_reader else 0.0,
        "reader_max_mb": per_reader[-1] if per_reader else 0.0,
        "readers_seen": len(per_reader),
        "all_gone_s": gone,
        "left": len(descendants(server)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--data", default=str(ROOT / "seeds"))
    parser.add_argument("--settle", type=float, default=8.0)
    args = parser.parse_args()
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        argv = [sys.executable, "-m", "tui", "serve", args.data, "-r", "--port", str(port)]
        argv += ["--max-readers", str(args.sessions)]
        server = subprocess.Popen(
            argv,
            cwd=ROOT,
            env=child_environment(Path(folder)),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + 60
            import socket

            while time.monotonic() < deadline:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.1)
            base = f"http://127.0.0.1:{port}"
            rounds = [
                asyncio.run(round_of(base, port, server.pid, n, args.settle))
                for n in (1, args.sessions)
            ]
        finally:
            server.terminate()
            server.wait(timeout=60)
    print(f"newsprism serve on {args.data}: each round opens N tabs at once\n")
    print(f"{'tabs':>6} {'first screen s':>15} {'(slowest)':>10} {'MB/reader':>10} "
          f"{'(largest)':>10} {'all gone s':>11} {'left':>5}")  # fmt: skip
    for r in rounds:
        print(
            f"{r['sessions']:>6} {r['first_screen_s']:>15.2f} {r['first_screen_max_s']:>10.2f} "
            f"{r['reader_mb']:>10.0f} {r['reader_max_mb']:>10.0f} {r['all_gone_s']:>11.2f} "
            f"{r['left']:>5}"
        )
    alone, loaded = rounds
    summary = (
        f"{loaded['sessions']} tabs: {loaded['reader_mb']:.0f} MB a reader "
        f"(alone {alone['reader_mb']:.0f}), first screen {loaded['first_screen_s']:.1f} s "
        f"(alone {alone['first_screen_s']:.1f}), all gone {loaded['all_gone_s']:.1f} s after "
        f"closing, {loaded['left']} left"
    )
    figures = {
        "serve_reader_mb": round(loaded["reader_mb"], 1),
        "serve_reader_alone_mb": round(alone["reader_mb"], 1),
        "serve_first_screen_s": round(loaded["first_screen_s"], 2),
        "serve_first_screen_alone_s": round(alone["first_screen_s"], 2),
        "serve_all_gone_s": round(loaded["all_gone_s"], 2),
        "serve_left": loaded["left"],
    }
    print(
        "FIGURES "
        + json.dumps(
            {
                "benchmark": "serve_load.py",
                "settings": f"{args.sessions} sessions, {Path(args.data).name}",
                "summary": summary,
                "figures": figures,
            }
        )
    )


if __name__ == "__main__":
    main()
