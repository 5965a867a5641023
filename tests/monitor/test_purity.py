"""monitor/ is pure Python: no Qt, no ORM (house style rule 1)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import monitor

FORBIDDEN = {"PySide6", "shiboken6", "pyqtgraph", "sqlalchemy", "alembic"}
PACKAGE = Path(monitor.__file__).parent
MODULES = sorted(PACKAGE.rglob("*.py"))


def imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def test_the_walk_finds_the_modules():
    names = {p.name for p in MODULES}
    assert {"timeline.py", "vitals.py", "service.py", "demo.py"} <= names


def test_the_walk_would_see_a_forbidden_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import os\nfrom sqlalchemy.orm import Session\n"
                      "def f():\n    import PySide6.QtCore\n")
    assert imported_roots(sample) & FORBIDDEN == {"sqlalchemy", "PySide6"}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_qt_or_orm_import(path):
    assert imported_roots(path) & FORBIDDEN == set()


def test_importing_monitor_loads_no_qt_or_orm():
    names = ", ".join(".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts)
                      for p in MODULES if p.stem != "__init__")
    code = (f"import sys, {names}\n"
            f"print(sorted(m for m in {sorted(FORBIDDEN)!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=PACKAGE.parent, check=True)
    assert out.stdout.strip() == "[]"
