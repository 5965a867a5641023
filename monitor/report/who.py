"""Who made each entry, as a last "By" column of a printed table (issue 10 §1). Shown
once a record has entries made by signed-in users; a record from before accounts prints
as it always did."""

from __future__ import annotations

from dataclasses import replace

from monitor.report.format import PLAIN, Table
from monitor.session_record import SessionRecord


def with_by(record: SessionRecord, table: Table, user_ids: list[int | None]) -> Table:
    """``table`` with a "By" column (one user id per row, in row order)."""
    if not record.users:
        return table
    rows = [replace(row, cells=(*row.cells, record.who(user_id)),
                    cell_levels=(*row.cell_levels, PLAIN) if row.cell_levels else ())
            for row, user_id in zip(table.rows, user_ids, strict=True)]
    return Table((*table.headers, "By"), rows, table.empty)
