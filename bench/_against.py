"""Comparing the working tree with another commit in the same run (`--against REV`).

`other_tree(rev)` checks the commit out into a temporary `git worktree` (detached, removed
afterwards). Each tree's code is run with this Python, `python -m tui` with the tree first
on PYTHONPATH (`tree_command`, `tree_environment`), so both use the same interpreter and
installed dependencies and differ only in newsprism's own code. `run_script` runs a tree's
own copy of a benchmark script and returns its `FIGURES` line; `print_comparison` prints
both trees' figures side by side with their ratio.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _git(*args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(REPO), *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        sys.exit(f"git {' '.join(args)}: {done.stderr.strip()}")
    return done.stdout.strip()


def describe(rev: str) -> str:
    """`abc1234 subject` of a commit, cut to 70 characters."""
    line = _git("log", "-1", "--format=%h %s", rev)
    return line if len(line) <= 70 else line[:69] + "…"


@contextlib.contextmanager
def other_tree(rev: str) -> Iterator[Path]:
    """A temporary detached worktree of `rev`; removed (and pruned) afterwards."""
    commit = _git("rev-parse", "--verify", f"{rev}^{{commit}}")
    holder = Path(tempfile.mkdtemp(prefix="newsprism-against-"))
    tree = holder / commit[:10]
    _git("worktree", "add", "--detach", "--quiet", str(tree), commit)
    try:
        yield tree
    finally:
        subprocess.run(
            ["git", "-C", str(REPO), "worktree", "remove", "--force", str(tree)],
            capture_output=True,
            check=False,
        )
        subprocess.run(["git", "-C", str(REPO), "worktree", "prune"], check=False)
        with contextlib.suppress(OSError):
            holder.rmdir()


def tree_command() -> list[str]:
    """The reader of the tree on PYTHONPATH (see `tree_environment`)."""
    return [sys.executable, "-m", "tui"]


def tree_environment(tree: Path) -> dict[str, str]:
    """PYTHONPATH with `tree` first, so its `tui` is imported (an editable install of
    another checkout comes later on the path)."""
    rest = os.environ.get("PYTHONPATH", "")
    return {"PYTHONPATH": str(tree) + (os.pathsep + rest if rest else "")}


def run_script(tree: Path, script: str, args: Sequence[str]) -> dict[str, object]:
    """Run `tree`'s own `bench/<script>` with `args` (its output shown as it comes); the
    figures of its `FIGURES` line."""
    env = {**os.environ, **tree_environment(tree)}
    command = [sys.executable, str(tree / "bench" / script), *args]
    process = subprocess.Popen(
        command, cwd=tree, env=env, stdout=subprocess.PIPE, text=True, encoding="utf-8"
    )
    assert process.stdout is not None
    figures: dict[str, object] | None = None
    for line in process.stdout:
        print(f"  | {line}", end="", flush=True)
        if line.startswith("FIGURES "):
            figures = json.loads(line.removeprefix("FIGURES "))["figures"]
    if process.wait() != 0 or figures is None:
        sys.exit(f"{script} in {tree} failed (exit {process.returncode}) or printed no FIGURES")
    return figures


def print_comparison(
    title: str, names: tuple[str, str], figures: tuple[Mapping[str, object], Mapping[str, object]]
) -> dict[str, float]:
    """Both trees' numeric figures side by side and `this / other`: the ratios, by key."""
    this, other = figures
    keys = [k for k in this if k in other and _number(this[k]) and _number(other[k])]
    width = max([len(k) for k in keys] + [6])
    print(f"\n{title}")
    print(f"  {'figure':<{width}} {names[0]:>14} {names[1]:>14} {'ratio':>7}")
    ratios: dict[str, float] = {}
    for key in keys:
        a, b = float(this[key]), float(other[key])  # type: ignore[arg-type]
        ratio = a / b if b else float("nan")
        ratios[key] = round(ratio, 3)
        print(f"  {key:<{width}} {a:>14.3f} {b:>14.3f} {ratio:>7.2f}")
    print(f"  ratio = {names[0]} / {names[1]} (below 1: {names[0]} is faster or smaller)")
    return ratios


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
