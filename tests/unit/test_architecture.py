"""The package's shape: imports point down the layers, never round in a cycle, and the
core never imports Textual.

Layers, lowest first (a module may import its own layer and the ones below):

    0  model, and the base helpers textsafe, wording, perf, resources, version
    1  ingest
    2  analysis
    3  pipeline
    4  query
    5  export
    6  settings
    7  cli
    8  app
    9  __main__ (`python -m tui`)

Every module of `tui/` is parsed (not imported), and every import counts: at module level,
inside functions, and under `if TYPE_CHECKING:`. Three rules, each failure naming the
module, the line and the import:

- no import cycle between modules (a package's `__init__` is a module of its own);
- nothing inside imports the package root `tui` (`from tui import __version__`): the root
  is the public API (`tui.analyze`), and every `import tui.x` runs it. The root itself may
  reach any layer, but only when called (inside a function) or for type checking;
- no import points up a layer. One exception, named in ALLOWED_UPWARD: the CLI starts the
  reader, importing the app's `NewsprismApp` inside the function that runs it.

The checker is tested on small made-up packages too, so a rule that stopped seeing
something would fail here rather than pass quietly.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import textwrap
from collections import deque
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "tui"

LAYERS: dict[str, int] = {
    "model": 0,
    "ingest": 1,
    "analysis": 2,
    "pipeline": 3,
    "query": 4,
    "export": 5,
    "settings": 6,
    "cli": 7,
    "app": 8,
}
# Modules directly under tui/ that everything may use; they import nothing above model.
BASE_MODULES = frozenset({"textsafe", "wording", "perf", "resources", "version", "files"})
ENTRY_MODULE = "__main__"
ENTRY_LAYER = max(LAYERS.values()) + 1

# (importer's package, imported module) -> why; only for imports made inside a function.
ALLOWED_UPWARD: dict[tuple[str, str], str] = {
    ("cli", "app.app"): "the reader command starts the app when it runs",
}


# ------------------------------------------------------------------------- the checker


@dataclass(frozen=True)
class Import:
    """One import of a module of the package, as written in its importer."""

    importer: str  # dotted module name, e.g. "tui.cli.serve"
    imported: str  # the module it names, e.g. "tui.cli"
    line: int
    statement: str  # the import as written, e.g. "from tui.cli import _inputs"
    deferred: bool  # inside a function: runs when called, not when imported
    typing_only: bool  # under `if TYPE_CHECKING:`
    # The package of `from package import module` (its __init__ runs first): counted
    # for cycles only, as the module itself is counted for the other rules.
    through_package: bool = False

    def where(self) -> str:
        when = " (in a function)" if self.deferred else ""
        when += " (type checking only)" if self.typing_only else ""
        return f"{self.importer}, line {self.line}: `{self.statement}`{when}"


def module_names(package: Path) -> dict[str, Path]:
    """Every module and package (folders too: namespace packages) under `package`."""
    name = package.name
    modules: dict[str, Path] = {name: package / "__init__.py"}
    for path in sorted(package.rglob("*")):
        if "__pycache__" in path.parts:
            continue
        relative = path.relative_to(package.parent)
        if path.is_dir():
            modules.setdefault(".".join(relative.parts), path / "__init__.py")
        elif path.suffix == ".py":
            parts = relative.with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join(parts)] = path
    return modules


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


class _Collector(ast.NodeVisitor):
    def __init__(self, module: str, is_package: bool, modules: dict[str, Path]) -> None:
        self.module, self.is_package, self.modules = module, is_package, modules
        self.root = module.split(".")[0]
        self.found: list[Import] = []
        self._functions = 0
        self._typing = 0

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self._functions += 1
        self.generic_visit(node)
        self._functions -= 1

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_If(self, node: ast.If) -> None:
        if not _is_type_checking(node.test):
            self.generic_visit(node)
            return
        self._typing += 1
        for child in node.body:
            self.visit(child)
        self._typing -= 1
        for child in node.orelse:
            self.visit(child)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(node, self._known(alias.name))

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        base = node.module or ""
        if node.level:
            parts = self.module.split(".")
            keep = len(parts) - node.level + (1 if self.is_package else 0)
            base = ".".join(parts[:keep] + ([base] if base else []))
        for alias in node.names:
            submodule = f"{base}.{alias.name}"
            if submodule not in self.modules:
                self._add(node, self._known(base))
                continue
            self._add(node, submodule)
            if base != self.root and self.modules[base].is_file():
                # `from package import module` reads the package's namespace, so the
                # package's __init__ runs first: a module of the package importing it
                # this way while the __init__ imports that module is a cycle.
                self._add(node, base, through_package=True)

    def _known(self, name: str) -> str:
        """The module itself, or the nearest package above it that exists (`import a.b`
        of an attribute-like name still runs a)."""
        while name not in self.modules and "." in name:
            name = name.rsplit(".", 1)[0]
        return name

    def _add(
        self, node: ast.Import | ast.ImportFrom, imported: str, through_package: bool = False
    ) -> None:
        if imported != self.root and not imported.startswith(self.root + "."):
            return
        self.found.append(
            Import(
                importer=self.module,
                imported=imported,
                line=node.lineno,
                statement=ast.unparse(node),
                deferred=self._functions > 0,
                typing_only=self._typing > 0,
                through_package=through_package,
            )
        )


def package_imports(package: Path) -> list[Import]:
    """Every import, by a module of `package`, of a module of `package`."""
    modules = module_names(package)
    found: list[Import] = []
    for name, path in modules.items():
        if not path.is_file():
            continue
        collector = _Collector(name, path.name == "__init__.py", modules)
        collector.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        found.extend(i for i in collector.found if i.imported != name)
    return found


def foreign_imports(package: Path, top: str) -> list[Import]:
    """Every import of the top-level package `top` (e.g. "textual") in `package`."""
    found: list[Import] = []
    for name, path in module_names(package).items():
        if not path.is_file():
            continue
        modules = {top: Path()}
        collector = _Collector(name, path.name == "__init__.py", modules)
        collector.root = top
        collector.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        found.extend(collector.found)
    return found


def layer_of(module: str) -> int | None:
    """The layer of a dotted module name (None: the root, or a module in no layer)."""
    parts = module.split(".")
    if len(parts) == 1:
        return None
    if parts[1] in LAYERS:
        return LAYERS[parts[1]]
    if len(parts) == 2 and parts[1] in BASE_MODULES:
        return 0
    if len(parts) == 2 and parts[1] == ENTRY_MODULE:
        return ENTRY_LAYER
    return None


def unplaced_modules(package: Path) -> list[str]:
    return sorted(m for m in module_names(package) if "." in m and layer_of(m) is None)


def root_imports(imports: list[Import]) -> list[str]:
    """Imports of the package root from inside it."""
    return [i.where() for i in imports if "." not in i.imported and "." in i.importer]


def upward_imports(imports: list[Import]) -> list[str]:
    """Imports that point up a layer, with both layers named."""
    problems = []
    for i in imports:
        if i.through_package:
            continue
        below, above = layer_of(i.importer), layer_of(i.imported)
        if "." not in i.importer:  # the root: only when called, or for type checking
            if not (i.deferred or i.typing_only) and (above or 0) > 0:
                problems.append(f"{i.where()}: the root imports layer {above} when imported")
            continue
        if below is None or above is None or above <= below:
            continue
        importer_package = i.importer.split(".")[1]
        allowed = (importer_package, i.imported.split(".", 1)[1])
        if i.deferred and allowed in ALLOWED_UPWARD:
            continue
        problems.append(f"{i.where()}: layer {below} imports layer {above} ({i.imported})")
    return problems


def import_cycles(imports: list[Import]) -> list[str]:
    """One shortest cycle per group of modules that import each other (a strongly
    connected component), each step with the import that makes it, and the group's other
    members."""
    edges: dict[str, dict[str, Import]] = {}
    for i in imports:
        edges.setdefault(i.importer, {}).setdefault(i.imported, i)
    groups = _strongly_connected(edges)
    cycles = []
    for group in groups:
        start = min(group)
        path = _shortest_cycle(start, edges, group)
        steps = [edges[a][b].where() for a, b in pairwise(path)]
        others = sorted(group - set(path))
        also = f" (and through {', '.join(others)})" if others else ""
        cycles.append(" -> ".join(path) + also + "\n    " + "\n    ".join(steps))
    return sorted(cycles)


def _strongly_connected(edges: dict[str, dict[str, Import]]) -> list[set[str]]:
    """Tarjan's algorithm, iteratively: the groups of two or more modules."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges.get(start, {}))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, {})))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(group)
    return groups


def _shortest_cycle(start: str, edges: dict[str, dict[str, Import]], group: set[str]) -> list[str]:
    came_from: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for child in sorted(edges.get(node, {})):
            if child not in group:
                continue
            if child == start:
                path = [node]
                while path[-1] != start:
                    path.append(came_from[path[-1]])
                return [*reversed(path), start]
            if child not in came_from:
                came_from[child] = node
                queue.append(child)
    raise AssertionError(f"no cycle through {start}")  # a group always has one


def _report(title: str, problems: list[str]) -> str:
    return f"{len(problems)} {title}:\n" + "\n".join(f"  {p}" for p in problems)


# ------------------------------------------------------------------- the package itself


IMPORTS = package_imports(PACKAGE)


def test_every_module_is_in_a_layer() -> None:
    unplaced = unplaced_modules(PACKAGE)
    if unplaced:
        title = "modules in no layer (see LAYERS and BASE_MODULES)"
        pytest.fail(_report(title, unplaced), pytrace=False)


def test_nothing_inside_imports_the_package_root() -> None:
    problems = root_imports(IMPORTS)
    if problems:
        pytest.fail(_report("imports of the package root `tui`", problems), pytrace=False)


def test_imports_point_down_the_layers() -> None:
    problems = upward_imports(IMPORTS)
    if problems:
        pytest.fail(_report("upward imports", problems), pytrace=False)


def test_no_import_cycles() -> None:
    cycles = import_cycles(IMPORTS)
    if cycles:
        pytest.fail(_report("import cycles", cycles), pytrace=False)


def test_below_the_app_no_module_imports_textual_even_when_called() -> None:
    # The run-time tests below see what importing a module loads; this sees the imports
    # made inside functions too, which only run when called.
    problems = [
        i.where()
        for i in foreign_imports(PACKAGE, "textual")
        if (layer_of(i.importer) or 0) < LAYERS["app"]
    ]
    if problems:
        pytest.fail(_report("imports of Textual below tui.app", problems), pytrace=False)


# --------------------------------------------------------- the checker on made-up packages


def make_package(folder: Path, files: dict[str, str]) -> Path:
    """A package `tui` in `folder` holding `files` ({"model/a.py": source}); every folder
    gets an `__init__.py` unless given one."""
    package = folder / "tui"
    for name, source in {"__init__.py": "", **files}.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source), encoding="utf-8")
    for path in [package, *package.rglob("*")]:
        if path.is_dir() and not (path / "__init__.py").exists():
            (path / "__init__.py").write_text("", encoding="utf-8")
    return package


def test_the_checker_sees_upward_imports_however_they_are_written(tmp_path: Path) -> None:
    package = make_package(
        tmp_path,
        {
            "model/a.py": """
                from typing import TYPE_CHECKING
                if TYPE_CHECKING:
                    from tui.query.view import View
                def later():
                    from ..app import screen
                """,
            "ingest/b.py": "import tui.pipeline.build as build\nfrom tui.model import a\n",
            "pipeline/build.py": "from . import cache\n",
            "pipeline/cache.py": "",
            "query/view.py": "",
            "app/screen.py": "from tui.cli import run\n",
            "cli/run.py": "def main():\n    from tui.app import screen\n",
            # Each package is a layer of its own: ingest < analysis, export < settings.
            "ingest/c.py": "from tui.analysis import d\n",
            "analysis/d.py": "from tui.ingest import b\n",
            "export/e.py": "from tui.settings.f import g\nfrom tui.query import view\n",
            "settings/f.py": "from tui.export import e\n",
        },
    )
    problems = "\n".join(upward_imports(package_imports(package)))
    assert "tui.model.a, line 4: `from tui.query.view import View` (type checking only)" in (
        problems
    )
    assert "tui.model.a, line 6: `from ..app import screen` (in a function)" in problems
    assert "tui.ingest.b, line 1: `import tui.pipeline.build as build`" in problems
    assert "layer 1 imports layer 3 (tui.pipeline.build)" in problems
    assert "tui.cli.run, line 2" in problems  # only app.app is allowed, not app.screen
    assert "tui.ingest.c, line 1: `from tui.analysis import d`" in problems
    assert "tui.export.e, line 1: `from tui.settings.f import g`" in problems
    assert len(problems.splitlines()) == 6, problems


def test_the_checker_allows_the_cli_to_start_the_app_only_when_called(tmp_path: Path) -> None:
    package = make_package(
        tmp_path,
        {
            "app/app.py": "",
            "cli/reader.py": "def run():\n    from tui.app.app import NewsprismApp\n",
            "cli/eager.py": "from tui.app.app import NewsprismApp\n",
        },
    )
    problems = upward_imports(package_imports(package))
    assert problems == [
        "tui.cli.eager, line 1: `from tui.app.app import NewsprismApp`: "
        "layer 7 imports layer 8 (tui.app.app)"
    ]


def test_the_checker_sees_cycles_through_packages_and_functions(tmp_path: Path) -> None:
    package = make_package(
        tmp_path,
        {
            "analysis/entities/__init__.py": "from .extract import find\n",
            "analysis/entities/extract.py": "from tui.analysis.entities import lexicon as lx\n",
            "analysis/entities/lexicon.py": "",
            # Outside the package, the same import closes no cycle.
            "analysis/facts.py": "from tui.analysis.entities import lexicon\n",
            "cli/__init__.py": "def main():\n    from tui.cli.serve import run\n",
            "cli/serve.py": "from tui.cli import _inputs\n",
        },
    )
    cycles = import_cycles(package_imports(package))
    assert cycles == [
        "tui.analysis.entities -> tui.analysis.entities.extract -> tui.analysis.entities\n"
        "    tui.analysis.entities, line 1: `from .extract import find`\n"
        "    tui.analysis.entities.extract, line 1: "
        "`from tui.analysis.entities import lexicon as lx`",
        "tui.cli -> tui.cli.serve -> tui.cli\n"
        "    tui.cli, line 2: `from tui.cli.serve import run` (in a function)\n"
        "    tui.cli.serve, line 1: `from tui.cli import _inputs`",
    ]


def test_the_checker_sees_the_root_imported_from_inside(tmp_path: Path) -> None:
    package = make_package(
        tmp_path,
        {
            "__init__.py": "def analyze():\n    from tui.pipeline import build\n",
            "__main__.py": "from tui.cli import main\n",
            "pipeline/build.py": "from tui import __version__\n",  # not a module: the root
            "export/json.py": "def f():\n    import tui\n",
            "cli/__init__.py": "from tui import pipeline\n",  # a package: not the root
        },
    )
    imports = package_imports(package)
    assert root_imports(imports) == [
        "tui.export.json, line 2: `import tui` (in a function)",
        "tui.pipeline.build, line 1: `from tui import __version__`",
    ]
    # The root may reach the pipeline when called; the entry point sits above the CLI.
    assert upward_imports(imports) == []
    assert len(import_cycles(imports)) == 1  # the root <-> pipeline.build


def test_the_checker_sees_textual_in_a_function_and_modules_in_no_layer(tmp_path: Path) -> None:
    package = make_package(
        tmp_path,
        {
            "query/view.py": "def draw():\n    from textual.widgets import Static\n",
            "widgets/pane.py": "import textual\n",
            "helpers.py": "",
        },
    )
    found = [i.where() for i in foreign_imports(package, "textual")]
    assert found == [
        "tui.query.view, line 2: `from textual.widgets import Static` (in a function)",
        "tui.widgets.pane, line 1: `import textual`",
    ]
    assert unplaced_modules(package) == ["tui.helpers", "tui.widgets", "tui.widgets.pane"]


# ------------------------------------------------------ what importing a module loads


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


CORE_PACKAGES = ("model", "ingest", "analysis", "pipeline", "query", "export", "settings", "cli")


@pytest.mark.parametrize("layer", CORE_PACKAGES)
def test_core_modules_do_not_import_textual(layer: str) -> None:
    # Every module of the layer imported at once, and then what got loaded.
    modules = sorted(m for m in module_names(PACKAGE) if m.startswith(f"tui.{layer}") and "." in m)
    base = sorted(f"tui.{m}" for m in BASE_MODULES if (PACKAGE / f"{m}.py").is_file())
    result = _run(
        f"""
        import importlib, sys
        for name in {[*modules, *base, "tui"]!r}:
            importlib.import_module(name)
        print(sorted(m for m in sys.modules if m == "textual" or m.startswith("textual.")))
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
