"""The audit report (issue 10 §3, the certification criteria's "audit report"): the
entries an admin's filter found, as CSV or as a PDF (landscape, every page headed)."""

from __future__ import annotations

import csv
from datetime import datetime
from html import escape
from pathlib import Path

from export.csv_cells import inert
from export.documents import ensure_app
from export.pdf_writer import PageFrame, Part, write_pdf
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


def write_audit_pdf(entries: list[AuditEntry], path: Path | str, *, clinic: str,
                    described: str, now: datetime, by: str) -> int:
    """Writes the audit report as a PDF; returns the number of pages."""
    ensure_app()
    head = "".join(f"<th width='{w}%'>{escape(c)}</th>" for c, w in zip(COLUMNS, PDF_WIDTHS,
                                                                          strict=True))
    body = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row(e)) + "</tr>"
                   for e in entries)
    html = (f"<h1>Audit report</h1><p>Filter: {escape(described)}. {len(entries)} entries. "
            "Times are UTC.</p>"
            "<table width='100%' cellspacing='0' cellpadding='2' border='1' "
            f"style='font-size:7pt'><tr>{head}</tr>{body}</table>")
    frame = PageFrame(clinic, f"Audit report — {described}",
                      f"Generated {now:%Y-%m-%d %H:%M} UTC by {by} with Chairside")
    return write_pdf(path, "Chairside audit report", frame,
                     [Part(html, "Audit report", landscape=True)])
