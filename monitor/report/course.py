"""A patient's course as a printed first page: who, the mood trends with response and
remission, and one row per session (``monitor.course.summarize``). No Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from monitor.course import RESPONSE_DROP, SessionSummary, TrendPoint, summarize, trend
from monitor.records import Patient
from monitor.report.format import ADVISORY, CRITICAL, LEVELS, PLAIN, Row, Table, Times, minutes_text
from monitor.scales import MOOD_SCALES, SCALES
from monitor.session_record import SessionRecord
from monitor.timeline import Phase
from monitor.vitals import Limit, Tier, default_limits, tier_reached

RESPONSE_NOTE = (f"Response: a drop of {RESPONSE_DROP:.0%} or more from the course's first "
                 "score. Remission: PHQ-9 below 5, MADRS 10 or less (named instead of "
                 "response where both hold). Rise: peak systolic BP over the session's "
                 "baseline.")


@dataclass(frozen=True)
class CourseReport:
    patient_name: str
    mrn: str
    date_of_birth: str
    patient: list[tuple[str, str]]
    overview: list[str]
    warnings: list[str]
    table: Table
    phq9: list[TrendPoint]
    madrs: list[TrendPoint]
    rises: list[tuple[int, int | None]]  # (session number, peak systolic rise)
    rise_tiers: dict[int, Tier | None]  # session number → the tier its rise reached
    item9_sessions: set[int]
    sessions: int
    rise_limits: list[tuple[float, Tier]]  # systolic rise limits of the latest session


def course_report(patient: Patient, records: list[SessionRecord], now: datetime,
                  times: Times, summaries: list[SessionSummary] | None = None) -> CourseReport:
    """The course of ``records`` (oldest first); ``summaries`` of them, when the caller
    already has them, are not made again."""
    if summaries is None:
        summaries = [summarize(r, now) for r in records]
    limits = records[-1].session.limits if records else default_limits()
    points = {scale: trend(summaries, scale) for scale in MOOD_SCALES}
    item9 = {n for n, s in enumerate(summaries, 1) if s.phq9_item9}
    today = times.local(now).date()
    overview = [_sessions_line(summaries, times)]
    for scale in MOOD_SCALES:
        overview.append(_trend_line(points[scale], SCALES[scale].short))
    warnings = []
    if item9:
        where = ", ".join(f"session {n} ({times.date(summaries[n - 1].opened_at)})"
                          for n in sorted(item9))
        warnings.append(f"PHQ-9 item 9 (thoughts of self-harm) answered above 0 at {where}: "
                        "review suicide risk.")
    return CourseReport(
        patient_name=patient.name, mrn=patient.mrn,
        date_of_birth=f"{patient.date_of_birth:%Y-%m-%d}",
        patient=[("Name", patient.name), ("MRN", patient.mrn),
                 ("Date of birth", f"{patient.date_of_birth:%Y-%m-%d} "
                                   f"(age {patient.age_on(today)})"),
                 ("Allergies", patient.allergy_text()),
                 ("Notes", patient.notes or "—")],
        overview=overview, warnings=warnings,
        table=_table(records, summaries, points, times),
        phq9=points["phq9"], madrs=points["madrs"],
        rises=[(n, s.sbp_rise) for n, s in enumerate(summaries, 1)],
        rise_tiers={n: tier_reached(r.session.limits, "sbp", s.sbp_rise, relative=True)
                    for n, (r, s) in enumerate(zip(records, summaries, strict=True), 1)},
        item9_sessions=item9, sessions=len(summaries),
        rise_limits=[(lim.threshold, lim.tier) for lim in limits
                     if lim.measure == "sbp" and lim.relative])


def _sessions_line(summaries: list[SessionSummary], times: Times) -> str:
    n = len(summaries)
    if not n:
        return "No sessions yet."
    text = (f"{n} session{'s' if n > 1 else ''}, {times.date(summaries[0].opened_at)} to "
            f"{times.date(summaries[-1].opened_at)}; {sum(s.signed for s in summaries)} signed")
    waiting = sum(1 for s in summaries if s.phase is Phase.DISCHARGED and not s.signed)
    running = sum(1 for s in summaries if s.phase is not Phase.DISCHARGED)
    if waiting:
        text += f", {waiting} waiting for sign-off"
    if running:
        text += f", {running} in progress"
    return text + "."


def _trend_line(points: list[TrendPoint], name: str) -> str:
    if not points:
        return f"{name}: not recorded in this course."
    first, last = points[0], points[-1]
    if len(points) == 1:
        return f"{name} {first.score} at session {first.session_number} (one score so far)."
    text = f"{name} {first.score} → {last.score}"
    if last.change is not None and len(points) > 1:
        text += f" ({last.change * 100:+.0f} %)".replace("-", "−")
    response = next((p for p in points if p.response), None)
    remission = next((p for p in points if p.remission), None)
    marks = []
    if response:
        marks.append(f"first response at session {response.session_number}")
    if remission:
        marks.append(f"first remission at session {remission.session_number}")
    text += ": " + ", ".join(marks) if marks else ": no response yet"
    return text + "."


def _table(records: list[SessionRecord], summaries: list[SessionSummary],
           points: dict[str, list[TrendPoint]], times: Times) -> Table:
    show_madrs = bool(points["madrs"])
    by_session = {scale: {p.session_id: p for p in pts} for scale, pts in points.items()}
    headers = ["Session", "Dose", "Min\nrun/plan", "BP baseline\n→ peak (rise)", "SpO₂\nlow",
               "HR\nhigh", f"{SCALES['dissociation'].short}\npeak", "Nausea\nworst",
               "Rescue meds", "Alarms", "To\nready", SCALES["phq9"].short]
    if show_madrs:
        headers.append(SCALES["madrs"].short)
    rows = []
    for n, (record, s) in enumerate(zip(records, summaries, strict=True), 1):
        limits = record.session.limits
        minutes = "—" if s.infusion_minutes is None else f"{s.infusion_minutes:.0f}"
        bp = "—"
        if s.baseline_bp or s.peak_bp:
            bp = f"{_bp(s.baseline_bp)} → {_bp(s.peak_bp)}"
            bp += "" if s.sbp_rise is None else f"\n({s.sbp_rise:+d})"
        rescue = "\n".join(f"{m.drug}\n{m.dose:g} {m.unit}" for m in record.medications)
        cells = [f"{n} · {times.date(s.opened_at)}\nchair {s.chair}",
                 f"{s.mg_per_kg:g} mg/kg\n{s.total_mg:g} mg",
                 f"{minutes}/{s.planned_minutes}"
                 + ("\nstopped early" if s.stopped_early is not None else ""), bp,
                 _num(s.lowest_spo2), _num(s.highest_hr), _num(s.peak_dissociation),
                 _num(s.worst_nausea), rescue or "—",
                 str(s.alarm_count), minutes_text(s.minutes_to_ready)]
        levels = [PLAIN] * len(cells)
        levels[2] = ADVISORY if s.stopped_early is not None else PLAIN
        levels[3] = _level(limits, "sbp", s.sbp_rise, relative=True)
        levels[4] = _level(limits, "spo2", s.lowest_spo2)
        levels[5] = _level(limits, "hr", s.highest_hr)
        levels[9] = ADVISORY if s.alarm_count else PLAIN
        phq9 = _score_cell(by_session["phq9"].get(s.session_id))
        if s.phq9_item9:
            phq9 += "\n⚠ item 9 > 0"
        cells.append(phq9)
        levels.append(CRITICAL if s.phq9_item9 else PLAIN)
        if show_madrs:
            cells.append(_score_cell(by_session["madrs"].get(s.session_id)))
            levels.append(PLAIN)
        rows.append(Row(tuple(cells), PLAIN, tuple(levels)))
    return Table(tuple(headers), rows, "No sessions yet.")


def _bp(bp: tuple[int, int] | None) -> str:
    return "—" if bp is None else f"{bp[0]}/{bp[1]}"


def _num(value: int | None) -> str:
    return "—" if value is None else str(value)


def _score_cell(point: TrendPoint | None) -> str:
    """"10 (−52%)" and, below, "remission" or else "response" when reached."""
    if point is None:
        return "—"
    text = str(point.score)
    if point.change is not None and point.session_number > 1:
        text += f" ({point.change * 100:+.0f}%)".replace("-", "−")
    word = "remission" if point.remission else "response" if point.response else ""
    return f"{text}\n{word}" if word else text


def _level(limits: tuple[Limit, ...], measure: str, value: int | None,
           relative: bool = False) -> str:
    """The colour of the worst alarm tier ``value`` reaches under the session's limits."""
    return LEVELS[tier_reached(limits, measure, value, relative)]
