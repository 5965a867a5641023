"""The layers keep to their rooms (checked on the source, by walking each module's AST):

- ui/ and export/ never touch a repository: no ``db`` import, no ``.repo``/``._repo``;
  they talk to the services.
- Only db/ imports ``db.*``, apart from main.py (the composition root) and the tests,
  benchmarks and scripts that build a database on purpose.
- No module imports another module's private name (``from x import _y``).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVED = ("ui", "export")  # screens and documents: services only
MAY_IMPORT_DB = ("db", "tests", "bench", "scripts", "main.py")
REPOSITORY_NAMES = {"repo", "_repo"}


def project_modules() -> list[Path]:
    skip = {".venv", ".git", "__pycache__", "build", "dist"}
    return sorted(p for p in ROOT.rglob("*.py")
                  if not skip & set(p.relative_to(ROOT).parts))


def top(path: Path) -> str:
    return path.relative_to(ROOT).parts[0]


def tree(path: Path) -> ast.AST:
    return ast.parse(path.read_text(encoding="utf-8"), str(path))


def imported_modules(node: ast.AST) -> set[str]:
    names = set()
    for n in ast.walk(node):
        if isinstance(n, ast.Import):
            names |= {alias.name for alias in n.names}
        elif isinstance(n, ast.ImportFrom) and n.level == 0 and n.module:
            names.add(n.module)
    return names


def imports_db(node: ast.AST) -> bool:
    return any(m == "db" or m.startswith("db.") for m in imported_modules(node))


def repository_uses(node: ast.AST) -> list[int]:
    return [n.lineno for n in ast.walk(node)
            if isinstance(n, ast.Attribute) and n.attr in REPOSITORY_NAMES]


def private_imports(node: ast.AST) -> list[str]:
    return [f"from {n.module} import {alias.name}" for n in ast.walk(node)
            if isinstance(n, ast.ImportFrom) and n.module
            for alias in n.names if alias.name.startswith("_")
            and not alias.name.startswith("__")]


MODULES = project_modules()
SERVED_MODULES = [p for p in MODULES if top(p) in SERVED]
OUTSIDE_DB = [p for p in MODULES if top(p) not in MAY_IMPORT_DB]


def name(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_the_walk_finds_every_layer():
    assert {top(p) for p in MODULES} >= {"monitor", "db", "ui", "export", "tests", "main.py"}
    assert {"main_window.py", "documents.py"} <= {p.name for p in SERVED_MODULES}


def test_the_walk_would_see_each_kind_of_breach():
    sample = ast.parse("import db.models\nfrom monitor._x import _helper\n"
                       "def f(service):\n    return service.repo.vitals(1), service._repo\n")
    assert imports_db(sample)
    assert repository_uses(sample) == [4, 4]
    assert private_imports(sample) == ["from monitor._x import _helper"]


def test_screens_and_documents_never_touch_a_repository():
    breaches = [f"{name(p)}:{line}" for p in SERVED_MODULES for line in repository_uses(tree(p))]
    breaches += [f"{name(p)} imports db" for p in SERVED_MODULES if imports_db(tree(p))]
    assert breaches == []


def test_only_db_and_the_composition_root_import_db():
    assert [name(p) for p in OUTSIDE_DB if imports_db(tree(p))] == []


def test_no_private_name_is_imported_across_modules():
    assert [f"{name(p)}: {i}" for p in MODULES for i in private_imports(tree(p))] == []
