"""The course page's header as rich text, rendered from the plain-data course report the
PDF prints (``monitor.report.course``): who, how many sessions, where the mood scores
went, and any PHQ-9 item 9 answer above 0 (always shown, in the critical colour)."""

from __future__ import annotations

from datetime import date
from html import escape

from export.colours import Colors
from monitor.records import Patient
from monitor.report.course import CourseReport
from ui.common.patient_line import patient_line_html


def course_header_html(patient: Patient | None, report: CourseReport | None, c: Colors,
                       today: date) -> str:
    if patient is None or report is None:
        return (f"<span style='font-size:15pt; color:{c.muted}'>Choose a patient on the "
                "left to see the course.</span>")
    lines = [patient_line_html(patient, c, today, 17)]
    if patient.notes:
        lines.append(f"<i style='color:{c.muted}'>{escape(patient.notes)}</i>")
    levels = report.overview_levels or ("",) * len(report.overview)
    for line, level in zip(report.overview, levels, strict=True):
        # a lost response is said in the advisory colour (it needs the psychiatrist's eye)
        lines.append(f"<b style='color:{c.advisory}'>{escape(line)}</b>" if level
                     else escape(line))
    lines += [f"<b style='color:{c.critical}'>⚠ {escape(w)}</b>" for w in report.warnings]
    return "<br>".join(lines)
