"""One session as rich text for the review screen, rendered from the plain-data report
the PDF prints (``monitor.report.session``) with the PDF's own HTML pieces
(``export.report_html``), in the screen's theme: header, sign-off, addenda and the
record's sections. Everything typed is escaped."""

from __future__ import annotations

from datetime import date, tzinfo
from html import escape

from export.colours import Colors
from export.report_html import facts, table
from monitor.report.session import SessionReport
from monitor.session_record import SessionRecord
from monitor.timeline import Phase
from ui.common.patient_line import patient_line_html
from ui.common.timefmt import hhmm


def _fact(rows: list[tuple[str, str]], key: str) -> str:
    return next(value for k, value in rows if k == key)


def header_html(r: SessionRecord, rep: SessionReport, c: Colors, today: date,
                tz: tzinfo | None) -> str:
    """Who, which session (and when it was opened) and protocol, where it stands, and
    the dose; the bag and pump head the details."""
    return (f"{patient_line_html(r.patient, c, today, 17)}<br>"
            f"<b>{escape(rep.title)}</b>, opened {hhmm(r.session.created_at, tz)} · "
            f"{escape(_fact(rep.protocol, 'Name'))} · "
            f"{escape(r.timeline.phase_label)}<br>{escape(_fact(rep.protocol, 'Drug'))}: "
            f"{escape(_fact(rep.dose, 'Dose'))}")


def signoff_html(r: SessionRecord, rep: SessionReport, c: Colors) -> str:
    """The sign-off, then every warning of the report (PHQ-9 item 9, open alarms)."""
    s = r.session
    tone = c.ok if s.signed else c.advisory if s.phase is Phase.DISCHARGED else c.muted
    mark = "✔ " if s.signed else ""
    text = f"<b style='color:{tone}'>{mark}{escape(rep.signoff)}</b>"
    for warning in rep.warnings:
        text += f"<br><b style='color:{c.critical}'>⚠ {escape(warning)}</b>"
    return text


def addenda_html(rep: SessionReport, c: Colors) -> str:
    n = len(rep.addenda.rows)
    return (f"<b style='color:{c.accent}'>Addenda ({n})</b>"
            f"{table(rep.addenda, colors=c, zebra=None)}")


def details_html(rep: SessionReport, c: Colors) -> str:
    """The report's sections in the PDF's order (the vitals have their own table)."""

    def section(title: str, body: str) -> str:
        return f"<h2>{title}</h2>{body}"

    def rows(t) -> str:
        return table(t, colors=c, zebra=None)

    aldrete = rows(rep.aldrete) if rep.aldrete.rows else ""
    gaps_ink = {"advisory": c.advisory, "ok": c.ok}.get(rep.gaps_level, c.text)
    warnings = "".join(f"<p style='color:{c.critical}; font-weight:600'>⚠ {escape(w)}</p>"
                       for w in rep.warnings)  # at the top, as on the first printed page
    return warnings + "".join([
        section("Dose and pump", facts(rep.dose)),
        section("Timings", f"<p>{escape(rep.timing_summary)}</p>{rows(rep.timings)}"),
        section("Vitals", f"<p style='color:{gaps_ink}'>{escape(rep.gaps)}</p>"),
        section("Side effects", rows(rep.side_effects)),
        section("Scales and assessments", rows(rep.assessments)),
        section("Alarms", rows(rep.alarms)),
        section("Medications", rows(rep.medications)),
        section("Discharge", facts(rep.discharge) + aldrete),
        section("Notes", rows(rep.notes)),
    ])
