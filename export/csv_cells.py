"""Cells written to a CSV file that a spreadsheet opens (the audit report, a session, a
course): text that starts like a formula is shown, never run ("CSV injection", OWASP)."""

from __future__ import annotations

from collections.abc import Iterable

# what a spreadsheet reads as a formula at the start of a cell
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert(cell: object) -> object:
    """The cell, with a leading apostrophe when it is text starting like a formula
    (numbers such as -2 are left as they are)."""
    if not isinstance(cell, str) or not cell.startswith(_FORMULA_START):
        return cell
    try:
        float(cell)
    except ValueError:
        return "'" + cell
    return cell


def inert_rows(rows: Iterable[Iterable[object]]) -> list[list[object]]:
    return [[inert(cell) for cell in row] for row in rows]
