"""The audit report (issue 10 §3, the certification criteria's "audit report"): the
entries an admin's filter found, as CSV or as a PDF (landscape, every page headed)."""

from __future__ import annotations

import csv
from pathlib import Path

from export.csv_cells import inert
from monitor.audit.entry import AuditEntry
from monitor.audit.report_rows import COLUMNS, row

# the PDF leaves out the workstation's and OS user's columns' width to the detail
PDF_WIDTHS = (4, 11, 8, 9, 7, 9, 9, 5, 16, 22)


def write_audit_csv(entries: list[AuditEntry], path: Path | str) -> int:
    """Writes the entries as CSV (UTF-8, one row each); returns the number of rows."""
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        writer.writerows([inert(cell) for cell in row(e)] for e in entries)
    return len(entries)

