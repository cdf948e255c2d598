"""Helpers shared by the command-line tests: the CLI in-process and in a process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main

ROOT = Path(__file__).resolve().parents[2]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """`newsprism ARGS` in-process: (exit code, stdout, stderr); usage errors exit
    through SystemExit. Never a traceback."""
    try:
        code = main(list(args))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def run_subprocess(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`newsprism analyze ARGS` in a process of its own; `timeout` guards against a
    hang, it is not a speed test."""
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    result = subprocess.run(
        [sys.executable, "-m", "tui", "analyze", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    return result
