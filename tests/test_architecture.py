"""The layers' rules (docs/architecture.md), read from the source with ``ast``.

- monitor/ imports no Qt and no ORM: tests/monitor/test_purity.py.
- export/ paints with QtGui only: no QtWidgets, no pyqtgraph, nothing from ui/.
- Only db/ imports ``db``, and the composition root: main.py (tests/, bench/ and scripts/
  build their own).
- ui/ and export/ reach the records through services only: no attribute named ``repo``.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# where a module may import db: the storage layer itself and the composition root
MAY_IMPORT_DB = {"db", "tests", "bench", "scripts", "main.py"}
NOT_OURS = {".git", ".venv", "build"}
WIDGETS = ("PySide6.QtWidgets", "pyqtgraph", "ui")


def python_files(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py"))


def module_name(path: Path, root: Path | None = None) -> list[str]:
    parts = list(path.relative_to(root or ROOT).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def imports(path: Path, root: Path | None = None) -> list[tuple[int, str]]:
    """(line, dotted name) of every import, in functions too; ``from a import b`` gives
    both ``a`` and ``a.b`` (b may be a module), relative imports are made absolute."""
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            found.append((node.lineno, module))
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return found


def within(name: str, roots: tuple[str, ...]) -> bool:
    return any(name == root or name.startswith(root + ".") for root in roots)


def repo_accesses(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    return sorted(node.lineno for node in ast.walk(tree)
                  if isinstance(node, ast.Attribute) and node.attr == "repo")


def where(path: Path, line: int, what: str = "") -> str:
    return f"{path.relative_to(ROOT)}:{line}" + (f" {what}" if what else "")


# --- the walk itself can fail ---------------------------------------------------------------


def test_the_walk_sees_every_form_of_import(tmp_path):
    package = tmp_path / "ui" / "board"
    package.mkdir(parents=True)
    sample = package / "tile.py"
    sample.write_text("import os\nfrom PySide6 import QtWidgets\n"
                      "def f():\n    import db.storage\n"
                      "from ..common import fields\nfrom . import chair\n")
    names = {name for _line, name in imports(sample, tmp_path)}
    assert {"os", "PySide6.QtWidgets", "db.storage", "ui.common.fields",
            "ui.board.chair"} <= names
    assert within("PySide6.QtWidgets", WIDGETS) and within("ui.common.fields", WIDGETS)
    assert not within("uikit", WIDGETS)


def test_the_walk_sees_a_repository_access(tmp_path):
    sample = tmp_path / "view.py"
    sample.write_text("def f(service, repo):\n    service.repo.vitals(1)\n"
                      "    return repo.vitals(2), service.reporting\n")
    assert repo_accesses(sample) == [2]


def test_the_walk_finds_the_modules():
    names = {p.relative_to(ROOT).as_posix() for p in python_files("export", "ui")}
    assert {"export/documents.py", "ui/app/main_window.py",
            "ui/session/vitals_form.py"} <= names


# --- the rules ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", python_files("export"), ids=lambda p: p.name)
def test_export_imports_no_widgets(path):
    assert [where(path, line, name) for line, name in imports(path)
            if within(name, WIDGETS)] == []


def test_exporting_loads_no_widgets():
    """A PDF needs fonts and painting only: in a fresh process every export/ module and
    the application it makes leave QtWidgets unloaded."""
    names = ", ".join(".".join(module_name(p)) for p in python_files("export"))
    code = (f"import sys, {names}\n"
            "app = export.documents.ensure_app()\n"
            f"print(type(app).__name__, sorted(m for m in sys.modules if any("
            f"m == r or m.startswith(r + '.') for r in {WIDGETS!r})))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, check=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.stdout.split(maxsplit=1) == ["QGuiApplication", "[]\n"]


def db_importers() -> list[str]:
    outside = [p for p in ROOT.rglob("*.py")
               if not ({p.relative_to(ROOT).parts[0]} & (MAY_IMPORT_DB | NOT_OURS))]
    return [where(p, line, name) for p in sorted(outside) for line, name in imports(p)
            if within(name, ("db",))]


def test_the_db_walk_covers_the_layers():
    walked = {p.relative_to(ROOT).parts[0] for p in ROOT.rglob("*.py")
              if not ({p.relative_to(ROOT).parts[0]} & (MAY_IMPORT_DB | NOT_OURS))}
    assert {"monitor", "export", "ui"} <= walked


def test_only_db_and_the_composition_root_import_db():
    assert db_importers() == []


def test_ui_and_export_never_touch_a_repository():
    assert [where(p, line) for p in python_files("ui", "export")
            for line in repo_accesses(p)] == []


def test_every_layer_is_packaged():
    """A wheel holds the packages pyproject names: a layer left out installs without it."""
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    include = config["tool"]["setuptools"]["packages"]["find"]["include"]
    layers = {p.parent.name for p in ROOT.glob("*/__init__.py")} - {"tests", "bench", "scripts"}
    assert layers == {"monitor", "db", "export", "ui"}
    assert {layer for layer in layers if f"{layer}*" not in include} == set()
