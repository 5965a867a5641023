"""The course page's header as rich text: who, how many sessions, where the mood scores
went, and any PHQ-9 item 9 answer above 0 (always shown, in the critical colour)."""

from __future__ import annotations

from datetime import date, tzinfo
from html import escape

from export.colours import Colors
from monitor.course import SessionSummary, TrendPoint, trend
from monitor.records import Patient
from monitor.scales import MOOD_SCALES, SCALES
from monitor.timeline import Phase
from ui.common.patient_line import patient_line_html
from ui.common.timefmt import local


def course_header_html(patient: Patient | None, summaries: list[SessionSummary],
                       c: Colors, tz: tzinfo | None, today: date) -> str:
    if patient is None:
        return (f"<span style='font-size:15pt; color:{c.muted}'>Choose a patient on the "
                "left to see the course.</span>")
    p = patient
    lines = [patient_line_html(p, c, today, 17)]
    if p.notes:
        lines.append(f"<i style='color:{c.muted}'>{escape(p.notes)}</i>")
    lines.append(_sessions_line(summaries, c, tz))
    for scale in MOOD_SCALES:
        line = _trend_line(trend(summaries, scale), scale, c)
        if line:
            lines.append(line)
    flagged = [(n, s) for n, s in enumerate(summaries, 1) if s.phq9_item9]
    if flagged:
        where = ", ".join(f"session {n} ({local(s.opened_at, tz):%Y-%m-%d})"
                          for n, s in flagged)
        lines.append(f"<b style='color:{c.critical}'>⚠ PHQ-9 item 9 (thoughts of self-harm) "
                     f"answered above 0 at {where}: review suicide risk.</b>")
    return "<br>".join(lines)


def _sessions_line(summaries: list[SessionSummary], c: Colors, tz: tzinfo | None) -> str:
    n = len(summaries)
    if not n:
        return "No sessions yet."
    first = local(summaries[0].opened_at, tz)
    last = local(summaries[-1].opened_at, tz)
    signed = sum(s.signed for s in summaries)
    waiting = sum(1 for s in summaries if s.phase is Phase.DISCHARGED and not s.signed)
    text = (f"{n} session{'s' if n > 1 else ''}, {first:%Y-%m-%d} to {last:%Y-%m-%d} · "
            f"{signed} signed")
    if waiting:
        text += f" · <b style='color:{c.advisory}'>{waiting} waiting for sign-off</b>"
    running = n - signed - waiting
    if running:
        text += f" · {running} in progress"
    return text


def _trend_line(points: list[TrendPoint], scale: str, c: Colors) -> str:
    if not points:
        return ""
    name = SCALES[scale].short
    first, last = points[0], points[-1]
    text = f"{name} {first.score} → {last.score}"
    if last.change is not None and len(points) > 1:
        text += f" ({last.change * 100:+.0f} %)"
    response = next((p for p in points if p.response), None)
    remission = next((p for p in points if p.remission), None)
    marks = []
    if response:
        marks.append(f"first response at session {response.session_number}")
    if remission:
        marks.append(f"first remission at session {remission.session_number}")
    if marks:
        text += f": <span style='color:{c.ok}'>{', '.join(marks)}</span>"
    return text
