"""The pipeline runs one way: the core (model, ingest, analysis, query, export, CLI) never
imports Textual."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_core_modules_do_not_import_textual():
    result = _run(
        """
        import sys
        import tui, tui.model, tui.ingest, tui.analysis, tui.query, tui.cli
        import tui.query.entities, tui.query.facts, tui.query.marks, tui.query.tags
        import tui.query.search
        import tui.pipeline.build, tui.textsafe, tui.resources, tui.export
        import tui.settings.config, tui.cli.serve, tui.pipeline.cache, tui.perf
        loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
        print(loaded)
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_query_and_export_do_not_import_the_reader():
    # Which paragraphs a filter keeps is answered below the reader (tui.query), for the
    # reader and export alike: neither reaches up into tui.app.
    result = _run(
        """
        import sys
        import tui.query, tui.query.entities, tui.query.facts, tui.query.tags, tui.export
        print(sorted(m for m in sys.modules if m == "tui.app" or m.startswith("tui.app.")))
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_analyze_command_does_not_import_textual():
    result = _run(
        """
        import contextlib, io, sys
        from tui.cli import main
        with contextlib.redirect_stdout(io.StringIO()) as out:
            code = main(["analyze", "--format", "text"])
        assert code == 0 and out.getvalue(), code
        print("textual" in sys.modules)
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_the_check_can_see_textual():
    # Guards the two tests above: the same check notices Textual once it is imported.
    result = _run("import sys, textual; print('textual' in sys.modules)")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"
