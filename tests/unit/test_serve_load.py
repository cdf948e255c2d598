"""`newsprism serve` under load (issue 17): 20 browser sessions at once on 127.0.0.1
(websockets, bounded in count and time), a tab beyond the limit, tabs closed while their
reader analyses; afterwards no reader process is left (checked in the process list)."""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.unit.harness import descendants, free_port

pytest.importorskip("textual_serve", reason="textual-serve is not installed")
aiohttp = pytest.importorskip("aiohttp")

SESSIONS = 20
# Every bound of the test: a session drawing its first screen, readers ending.
DEADLINE = 90.0


async def gone(pid: int) -> bool:
    """Whether every process below `pid` has ended, within the deadline."""
    deadline = time.monotonic() + DEADLINE
    while descendants(pid):
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.2)
    return True


async def open_session(base: str, port: int, *, until_drawn: bool) -> Any:
    """A browser tab's websocket, once its reader has started (with `until_drawn`, once
    it has drawn)."""
    session = aiohttp.ClientSession()
    socket = await session.ws_connect(
        f"ws://127.0.0.1:{port}/ws?width=80&height=24", headers={"Origin": base}
    )
    received = 0
    # The reader has started once something arrives; drawn once its first screen has.
    while received < (2000 if until_drawn else 1):  # the first screen is a few kB
        message = await asyncio.wait_for(socket.receive(), DEADLINE)
        assert message.type in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT), message
        received += len(message.data)
    return session, socket


async def close(pair: Any) -> None:
    session, socket = pair
    await socket.close()
    await session.close()


def serve(start_server: Any, tmp_path: Path) -> tuple[Any, str, int]:
    """A `newsprism serve` of two small reports, at most `SESSIONS` readers: the process,
    its address and port."""
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a.txt").write_text(
        "A ferry capsized off Marrow Island on Thursday; twelve people died.\n", "utf-8"
    )
    (reports / "b.txt").write_text(
        "Twelve people died when a ferry sank off Marrow Island, officials said.\n", "utf-8"
    )
    port = free_port()
    server = start_server(
        [sys.executable, "-m", "tui", "serve", str(reports), "--port", str(port),
         "--max-readers", str(SESSIONS)],
        port,
    )  # fmt: skip
    return server, f"http://127.0.0.1:{port}", port


def stopped_cleanly(server: Any) -> None:
    assert asyncio.run(gone(server.process.pid)), "readers were left running"
    assert server.process.poll() is None, server.output()  # still serving
    assert server.stop() == 0, server.output()
    assert "Traceback" not in server.output()


ON_LINUX = pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")


@ON_LINUX
def test_tabs_closed_while_their_readers_start_leave_none(
    start_server: Any, tmp_path: Path
) -> None:
    server, base, port = serve(start_server, tmp_path)

    async def scenario() -> None:
        early = await asyncio.gather(
            *(open_session(base, port, until_drawn=False) for _ in range(5))
        )
        await asyncio.gather(*(close(pair) for pair in early))

    asyncio.run(scenario())
    stopped_cleanly(server)


@ON_LINUX
def test_twenty_sessions_then_none_left(start_server: Any, tmp_path: Path) -> None:
    server, base, port = serve(start_server, tmp_path)

    async def scenario() -> None:
        # Twenty at once, each until its reader has drawn.
        started = time.monotonic()
        pairs = await asyncio.wait_for(
            asyncio.gather(*(open_session(base, port, until_drawn=True) for _ in range(SESSIONS))),
            DEADLINE,
        )
        assert time.monotonic() - started < DEADLINE
        async with aiohttp.ClientSession() as client:
            # The server keeps answering: one more tab gets a page saying why it waits.
            async with client.get(base + "/") as reply:
                assert reply.status == 503
                assert f"all {SESSIONS} readers are in use" in await reply.text()
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await client.ws_connect(
                    f"ws://127.0.0.1:{port}/ws?width=80&height=24", headers={"Origin": base}
                )
            assert refused.value.status == 503
        assert len(descendants(server.process.pid)) >= SESSIONS
        await asyncio.gather(*(close(pair) for pair in pairs))
        # A tab can be opened again once a closed one's reader has ended.
        status, deadline = 0, time.monotonic() + DEADLINE
        async with aiohttp.ClientSession() as client:
            while status != 200 and time.monotonic() < deadline:
                async with client.get(base + "/") as reply:
                    status = reply.status
                await asyncio.sleep(0.1)
        assert status == 200

    asyncio.run(scenario())
    stopped_cleanly(server)
