"""Nothing lost (issue 17): settings and corrections saved by two processes at once, by
a process killed mid-save, with awkward names; broken files kept aside."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.files import keep_aside, write_atomically
from tui.model.corrections import Corrections, StoryCorrection
from tui.settings.config import Config, load_config, save_config
from tui.settings.corrections import (
    CorrectionsError,
    load_corrections,
    merged,
    save_corrections,
    with_merge,
    with_split,
)

ROOT = Path(__file__).resolve().parents[2]


def _python(code: str, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


# ---------------------------------------------------------------- two writers at once

_SAVER = """
import sys
from pathlib import Path
from tui.settings.corrections import load_corrections, save_corrections, with_merge
path, me, rounds = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
mine = load_corrections(path)
for i in range(rounds):
    wanted = with_merge(mine, f"{me} {i} a", f"{me} {i} b")
    mine = save_corrections(wanted, path, since=mine)
"""


def test_two_processes_saving_at_once_lose_no_correction(tmp_path: Path) -> None:
    path = tmp_path / "corrections.json"
    save_corrections(Corrections(merges=(("Assad", "Bashar al-Assad"),)), path)
    rounds = 200
    writers = [_python(_SAVER, str(path), name, str(rounds)) for name in ("left", "right")]
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err.decode()
    merges = set(load_corrections(path).merges)
    expected = {(f"{me} {i} a", f"{me} {i} b") for me in ("left", "right") for i in range(rounds)}
    assert merges == expected | {("Assad", "Bashar al-Assad")}
    # No temporary file left behind.
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "corrections.json",
        "corrections.json.lock",
    ]


def test_a_save_applies_only_what_changed_since_its_corrections() -> None:
    since = Corrections(merges=(("A", "B"),), splits=("C",))
    # Another process added a merge and a story correction meanwhile.
    move = StoryCorrection("move", ("r1", "r2"))
    current = Corrections(merges=(("A", "B"), ("D", "E")), splits=("C",), stories=(move,))
    wanted = with_split(with_merge(since, "C", "F"), "A")  # merge C/F, split A off
    result = merged(current, since, wanted)
    assert result.merges == (("D", "E"), ("C", "F"))  # A/B dropped by the split
    assert result.splits == ("A",)  # C's split undone by the merge
    assert result.stories == (move,)  # theirs kept
    # An undo takes back the last story correction, not an earlier equal one.
    twice = Corrections(stories=(move, StoryCorrection("split", ("r3",)), move))
    undone = merged(twice, twice, Corrections(stories=twice.stories[:-1]))
    assert undone.stories == twice.stories[:-1]


# ---------------------------------------------------------------- killed mid-save

_KILLED = """
import sys
from pathlib import Path
from tui.model.corrections import Corrections
from tui.settings.corrections import save_corrections
path = Path(sys.argv[1])
versions = [
    Corrections(merges=tuple((f"{v} name {i}", f"{v} other {i}") for i in range(3000)))
    for v in ("old", "new")
]
print("ready", flush=True)
n = 0
while True:
    save_corrections(versions[n % 2], path)
    n += 1
"""


def test_a_process_killed_mid_save_leaves_the_old_or_the_new_file(tmp_path: Path) -> None:
    path = tmp_path / "corrections.json"
    shapes = set()
    rng = random.Random(17)
    for _ in range(12):
        saver = _python(_KILLED, str(path))
        assert saver.stdout is not None
        assert saver.stdout.readline() == b"ready\n"
        time.sleep(rng.uniform(0.05, 0.4))
        os.kill(saver.pid, signal.SIGKILL)
        saver.wait(timeout=30)
        assert saver.stdout.read() == b""
        saver.stdout.close()
        assert saver.stderr is not None
        saver.stderr.close()
        if not path.exists():
            continue  # killed before its first save ended: no file, never half of one
        merges = load_corrections(path).merges  # parses: never a broken file
        assert len(merges) == 3000
        assert len({a.split()[0] for a, _ in merges}) == 1  # all old or all new
        shapes.add(merges[0][0].split()[0])
    assert shapes  # at least one save finished before a kill


# ---------------------------------------------------------------- awkward characters

AWKWARD = st.text(
    alphabet=st.characters(codec=None, exclude_categories=()), min_size=1, max_size=30
)


@settings(max_examples=60, deadline=None)
@given(a=AWKWARD, b=AWKWARD)
def test_names_with_any_characters_round_trip(
    tmp_path_factory: pytest.TempPathFactory, a: str, b: str
) -> None:
    path = tmp_path_factory.mktemp("c") / "corrections.json"
    corrections = Corrections(merges=((a, b),), splits=(b,))
    save_corrections(corrections, path)
    assert load_corrections(path) == corrections


@pytest.mark.parametrize(
    "keys", ["\x7f", '"quoted" \\ and \x00\x1b[31m', "\u2028 line\nbreak\t", "日本 é ✓"]
)
def test_saving_the_theme_keeps_awkward_keys_readable(config_dir: Path, keys: str) -> None:
    path = config_dir / "config.toml"
    config_dir.mkdir(parents=True, exist_ok=True)
    escaped = json.dumps(keys)  # a JSON string is a TOML basic string
    path.write_text(f"[keys]\nnext_fact = {escaped}\n", encoding="utf-8")
    save_config(Config(theme="newsprism-light"))
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data == {"theme": "newsprism-light", "keys": {"next_fact": keys}}
    assert load_config() == (Config(theme="newsprism-light"), None)


# ---------------------------------------------------------------- broken files


def test_a_broken_corrections_file_is_kept_aside_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "corrections.json"
    path.write_text('{"merges": [["Obama", "Barack Obama"]], "spl', encoding="utf-8")
    with pytest.raises(CorrectionsError) as raised:
        load_corrections(path)
    message = str(raised.value)
    assert "\n" not in message and "kept aside as corrections.json.broken-" in message
    (aside,) = tmp_path.glob("corrections.json.broken-*")
    assert aside.read_text(encoding="utf-8").startswith('{"merges": [["Obama"')
    # The next save starts afresh beside it; the broken file is never written over.
    save_corrections(Corrections(splits=("Lynch",)), path, since=Corrections())
    assert load_corrections(path) == Corrections(splits=("Lynch",))
    assert aside.read_text(encoding="utf-8").startswith('{"merges": [["Obama"')


def test_a_broken_config_is_kept_aside_when_the_theme_is_saved(config_dir: Path) -> None:
    config_dir.mkdir(parents=True, exist_ok=True)
    path = config_dir / "config.toml"
    path.write_text('[keys]\nnext_fact = "f\n', encoding="utf-8")
    config, problem = load_config()
    assert config == Config() and problem is not None and "\n" not in problem
    saved = save_config(Config(theme="newsprism-light"))
    assert saved.aside is not None and saved.aside.name.startswith("config.toml.broken-")
    assert saved.aside.read_text(encoding="utf-8") == '[keys]\nnext_fact = "f\n'
    assert load_config() == (Config(theme="newsprism-light"), None)


def test_keep_aside_never_overwrites_an_earlier_broken_file(tmp_path: Path) -> None:
    path = tmp_path / "corrections.json"
    names = set()
    for n in range(3):
        write_atomically(path, f"broken {n}".encode())
        aside = keep_aside(path)
        assert aside is not None
        names.add(aside.name)
    assert len(names) == 3
    assert sorted(p.read_text() for p in tmp_path.glob("*.broken-*")) == [
        "broken 0",
        "broken 1",
        "broken 2",
    ]


def test_a_save_keeps_what_else_the_file_holds_and_a_merge_is_two_names(tmp_path: Path) -> None:
    path = tmp_path / "corrections.json"
    path.write_text('{"note": "keep me", "merges": [["Obama", "Barack Obama"]]}', "utf-8")
    mine = load_corrections(path)
    save_corrections(with_split(mine, "Lynch"), path, since=mine)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["note"] == "keep me" and data["splits"] == ["Lynch"]
    path.write_text('{"merges": ["ab"]}', "utf-8")
    with pytest.raises(CorrectionsError, match="not a corrections file"):
        load_corrections(path)


def test_the_cache_and_a_new_data_folder_are_the_users_only(tmp_path: Path) -> None:
    from tui.files import private_folder
    from tui.pipeline.cache import AnalysisCache

    cache = AnalysisCache(tmp_path / "cache" / "analysis.sqlite3")
    cache.put("report", "k", "text of a report")
    assert (tmp_path / "cache").stat().st_mode & 0o777 == 0o700
    assert (tmp_path / "cache" / "analysis.sqlite3").stat().st_mode & 0o777 == 0o600
    private_folder(tmp_path / "data" / "pages")
    assert (tmp_path / "data").stat().st_mode & 0o777 == 0o700
    assert (tmp_path / "data" / "pages").stat().st_mode & 0o777 == 0o700
