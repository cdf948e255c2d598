"""Every third-party package `tui/` imports is declared in pyproject.toml: an install
from the wheel must not depend on what another package happens to pull in."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _normalised(name: str) -> str:
    """A distribution name as PEP 503 compares them."""
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> set[str]:
    """The distributions pyproject.toml names: dependencies and every extra."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        requirements.extend(extra)
    return {_normalised(re.split(r"[\s\[<>=!~;]", r, maxsplit=1)[0]) for r in requirements}


def imported_top_levels() -> dict[str, list[str]]:
    """Each top-level module imported anywhere in tui/ (at any depth, inside functions
    too), with the files that import it; relative imports left out."""
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "tui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], []).append(str(path.relative_to(ROOT)))
    return found


def test_every_third_party_import_is_declared() -> None:
    distributions = packages_distributions()
    wanted = declared()
    undeclared = {}
    for module, files in imported_top_levels().items():
        if module in sys.stdlib_module_names or module in ("tui", "__future__"):
            continue
        owners = {_normalised(d) for d in distributions.get(module, [])}
        assert owners, f"{module} (imported by {files[0]}) is not installed"
        if not owners & wanted:
            undeclared[module] = sorted(set(files))
    assert undeclared == {}, f"imported but not declared in pyproject.toml: {undeclared}"


def test_the_check_sees_imports_inside_functions() -> None:
    # platformdirs is imported only inside functions: the walk must reach it.
    assert "platformdirs" in imported_top_levels()
