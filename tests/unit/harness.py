"""Helpers shared by the command-line tests: the CLI in-process, `newsprism analyze` in a
process, and a `newsprism serve` process (used by tests/e2e's browser test too)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tui.cli import main
from tui.model.corpus import Corpus

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 30.0  # a guard against hanging, not a measurement
POLL = 0.1


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


def find_newsprism() -> str | None:
    """The installed console script: next to this interpreter first, then on PATH."""
    import shutil

    beside = Path(sys.executable).parent / "newsprism"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("newsprism")


def newsprism_argv() -> list[str]:
    """The console script installed beside this Python, else `python -m tui`."""
    beside = Path(sys.executable).parent / "newsprism"
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside)]
    return [sys.executable, "-m", "tui"]


def child_environment(tmp_path: Path) -> dict[str, str]:
    """For a `newsprism` process: its own cache and data folders, no animations, not
    over SSH, no stale terminal size, this checkout importable."""
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("COLUMNS", "LINES", "SSH_CONNECTION", "SSH_TTY")
    }
    environment.update(
        NEWSPRISM_DATA_DIR=str(tmp_path / "data"),
        NEWSPRISM_CACHE_DIR=str(tmp_path / "cache"),
        TEXTUAL_ANIMATIONS="none",
        PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
    )
    return environment


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def descendants(pid: int) -> set[int]:
    """Every live process below `pid` (from /proc: parent ids), readers in their own
    sessions included."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if fields[0] != "Z":  # a zombie has ended
            parents[int(entry.name)] = int(fields[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        children = {child for child, parent in parents.items() if parent in frontier}
        frontier = children - found
        found |= children
    return found


class Running:
    """A `newsprism serve` process; its output goes to files, so it can never block.
    Started by the `start_server` fixture (tests/conftest.py), which kills it afterwards."""

    def __init__(self, argv: list[str], tmp_path: Path) -> None:
        self.out = tmp_path / "serve.out"
        self.err = tmp_path / "serve.err"
        with self.out.open("wb") as out, self.err.open("wb") as err:
            self.process = subprocess.Popen(
                argv,
                cwd=ROOT,
                env=child_environment(tmp_path),
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                start_new_session=True,  # its readers too can be ended as one group
            )

    def output(self) -> str:
        return (
            f"stdout:\n{self.out.read_text(errors='replace')}\n"
            f"stderr:\n{self.err.read_text(errors='replace')}"
        )

    def wait_for_port(self, port: int) -> None:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"newsprism serve exited ({self.process.returncode})\n{self.output()}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    return
            except OSError:
                time.sleep(POLL)
        pytest.fail(f"newsprism serve did not listen on {port} in {TIMEOUT}s\n{self.output()}")

    def stop(self) -> int:
        """SIGTERM (a graceful stop), then the exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            pytest.fail(f"newsprism serve did not stop on SIGTERM\n{self.output()}")

    def kill(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=TIMEOUT)


# Reports of three clearly different events (two, two and one report), each with front
# matter, for tests of the stories command and story corrections: the analysis puts
# each event in a story of its own.
EVENT_REPORTS = {
    "chile-reuters.txt": (
        "Reuters",
        "Strong quake kills 12 in northern Chile",
        "2024-03-04",
        "A strong earthquake struck northern Chile on Monday, killing at least 12 people "
        "and damaging hundreds of homes in the port city of Iquique, officials said.\n\n"
        "The magnitude 7.1 quake hit at 14:20 local time, the national seismological "
        "centre said. Rescue teams were searching collapsed buildings in Iquique and Arica.",
    ),
    "chile-ap.txt": (
        "AP",
        "Chile earthquake leaves 12 dead, homes destroyed in Iquique",
        "2024-03-05",
        "At least 12 people died when a magnitude 7.1 earthquake shook northern Chile on "
        "Monday, officials said, as rescue teams dug through collapsed buildings in "
        "Iquique.\n\nThe quake damaged hundreds of homes in Iquique and Arica, the national "
        "emergency office said.",
    ),
    "oscars-bbc.txt": (
        "BBC",
        "DeGeneres to host the Oscars again",
        "2024-03-05",
        "Ellen DeGeneres will host the Academy Awards ceremony next year, the Academy of "
        "Motion Picture Arts and Sciences announced on Tuesday.\n\nDeGeneres, who first "
        "hosted the Oscars in 2007, said she was thrilled to return to the Dolby Theatre "
        "in Hollywood.",
    ),
    "oscars-variety.txt": (
        "Variety",
        "Ellen DeGeneres returns as Oscars host",
        "2024-03-05",
        "The Academy of Motion Picture Arts and Sciences said on Tuesday that Ellen "
        "DeGeneres will host the Oscars ceremony next year at the Dolby Theatre.\n\n"
        "DeGeneres hosted the Academy Awards in 2007 and said she was thrilled to return "
        "to Hollywood.",
    ),
    "floods-guardian.txt": (
        "The Guardian",
        "Floods in Dhaka displace thousands",
        "2024-03-06",
        "Monsoon floods swept through low-lying districts of Dhaka on Wednesday, forcing "
        "thousands of families from their homes, Bangladeshi authorities said.\n\nThe "
        "Buriganga river burst its banks after three days of torrential rain, officials "
        "said.",
    ),
}


def event_text(name: str) -> str:
    """The file text of one of `EVENT_REPORTS`: front matter, then the report."""
    source, title, date, body = EVENT_REPORTS[name]
    return f"---\nsource: {source}\ntitle: {title}\ndate: {date}\n---\n{body}\n"


def write_event_reports(folder: Path) -> Path:
    """`EVENT_REPORTS` as files in `folder` (made if need be): the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in EVENT_REPORTS:
        (folder / name).write_text(event_text(name), encoding="utf-8")
    return folder


# Generated coverage of four clearly different events (a quake, a heist, an award
# ceremony, a flood): each story's reports share facts, and the clustering keeps them
# apart on any reasonable tuning. Miriam Golani is named in two stories (the quake and
# the flood). Story ids by size: s1 quake (3 reports), s2 heist (2), s3 Oscars (2),
# s4 flood (1); the files sort flood, heist, Oscars, quake.
STORY_REPORTS: dict[str, list[tuple[str, str, str, str]]] = {
    "quake": [
        ("Reuters", "2024-03-04", "Earthquake kills 12 in northern Chile",
         "A magnitude 7.1 earthquake struck northern Chile on Monday, killing 12 people in "
         "the port city of Iquique.\n\n"
         "Rescue teams searched collapsed buildings in Iquique through the night, interior "
         "minister Rodrigo Pena said.\n\n"
         "The earthquake cut power to 200,000 homes across the Tarapaca region.\n\n"
         "UN envoy Miriam Golani said the United Nations would send tents and water to "
         "Iquique."),
        ("AP", "2024-03-04", "Deadly quake hits Chilean port of Iquique",
         "A powerful earthquake of magnitude 7.1 hit northern Chile on Monday and killed 12 "
         "people in the port city of Iquique.\n\n"
         "Interior minister Rodrigo Pena said rescue teams searched collapsed buildings "
         "through the night.\n\n"
         "Power was cut to 200,000 homes in the Tarapaca region after the earthquake."),
        ("BBC", "2024-03-05", "Chile counts the cost of Iquique earthquake",
         "Twelve people were killed when a magnitude 7.1 earthquake struck the Chilean port "
         "of Iquique on Monday.\n\n"
         "Rescue teams worked through the night in collapsed buildings, said interior "
         "minister Rodrigo Pena.\n\n"
         "About 200,000 homes in the Tarapaca region lost power."),
    ],
    "oscars": [
        ("Variety", "2024-01-09", "Ellen DeGeneres to host the Oscars",
         "Ellen DeGeneres will host the Academy Awards ceremony in Los Angeles next "
         "February, the Academy said on Tuesday.\n\n"
         "Academy president Dawn Hudson said DeGeneres was the perfect host for the "
         "ceremony at the Dolby Theatre.\n\n"
         "DeGeneres hosted the Oscars once before, in 2007."),
        ("Hollywood Reporter", "2024-01-10", "DeGeneres returns as Oscars host",
         "The Academy said on Tuesday that Ellen DeGeneres will host the Academy Awards in "
         "Los Angeles next February.\n\n"
         "DeGeneres was the perfect host for the Dolby Theatre ceremony, Academy president "
         "Dawn Hudson said.\n\n"
         "She first hosted the Oscars in 2007."),
    ],
    "heist": [
        ("Le Monde", "2023-12-07", "Armed robbers take 80 million euros in jewels in Paris",
         "Armed robbers stole jewels worth 80 million euros from the Harry Winston store on "
         "Avenue Montaigne in Paris on Thursday.\n\n"
         "Four men disguised as women entered the store and threatened staff with a "
         "handgun, police said.\n\n"
         "Interpol issued an alert for the stolen diamonds."),
        ("AFP", "2023-12-08", "Paris jewel heist nets 80 million euros",
         "Jewels worth 80 million euros were stolen from the Harry Winston store on Avenue "
         "Montaigne in Paris on Thursday by armed robbers.\n\n"
         "Police said four men dressed as women threatened staff with a handgun.\n\n"
         "Interpol has issued an alert for the diamonds."),
    ],
    "flood": [
        ("Dhaka Tribune", "2024-07-02", "Monsoon floods cut off villages in Sylhet",
         "Monsoon floods cut off hundreds of villages in the Sylhet district of Bangladesh "
         "on Tuesday after the Surma river burst its banks.\n\n"
         "UN envoy Miriam Golani said relief boats had reached some of the villages."),
    ],
}  # fmt: skip


def write_story_reports(
    folder: Path, stories: dict[str, list[tuple[str, str, str, str]]] | None = None
) -> Path:
    """`stories` (STORY_REPORTS unless given) as Markdown files with front matter (outlet,
    date, title) in `folder`, named `<story>_<n>.md`; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for story, reports in (STORY_REPORTS if stories is None else stories).items():
        for number, (outlet, date, title, body) in enumerate(reports, start=1):
            text = f"---\ntitle: {title}\nsource: {outlet}\ndate: {date}\n---\n\n{body}\n"
            (folder / f"{story}_{number}.md").write_text(text, encoding="utf-8")
    return folder


def sentence_with(corpus: Corpus, report_index: int, snippet: str) -> str:
    report = corpus.reports[report_index]
    found = [
        s.id
        for p in report.paragraphs
        for s in p.sentences
        if snippet in report.text[s.start : s.end]
    ]
    assert len(found) == 1, f"{snippet!r} in {len(found)} sentences of {report.id}"
    return found[0]
