"""A patient's course as a printed first page: who, which course, the mood trends with
response, remission and where each stands now, and one row per session (the columns of
``monitor.report.course_columns``, the same as the screen's and the CSV's). No Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from monitor.course import RESPONSE_DROP, SessionSummary, TrendPoint, summarize_all, trend
from monitor.course_status import CourseStatus, Status, course_status
from monitor.records import Patient
from monitor.report.course_columns import CourseLine, shown_columns
from monitor.report.format import ADVISORY, PLAIN, Row, Table, Times
from monitor.scales import MOOD_SCALES, SCALES
from monitor.session_record import SessionRecord
from monitor.timeline import Phase
from monitor.treatment_course import CourseChoice, current_choice
from monitor.vitals import Tier, default_limits, tier_reached

RESPONSE_NOTE = (f"Response: a drop of {RESPONSE_DROP:.0%} or more from the course's first "
                 "score. Remission: PHQ-9 below 5, MADRS 10 or less (named instead of "
                 "response where both hold). Now: the latest score's status; lost response "
                 "once a score of the course was a response or remission and the latest is "
                 "neither. Rise: peak systolic BP over the session's baseline.")


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
    course_name: str = ""
    status: dict[str, CourseStatus] = field(default_factory=dict)  # scale → now
    lines: list[CourseLine] = field(default_factory=list)  # the table's sessions
    keys: tuple[str, ...] = ()  # the table's column keys, in order
    overview_levels: tuple[str, ...] = ()  # per overview line: advisory = lost response


def course_report(patient: Patient, records: list[SessionRecord], now: datetime,
                  times: Times, summaries: list[SessionSummary] | None = None,
                  course: CourseChoice | None = None) -> CourseReport:
    """The course of ``records`` (oldest first; the sessions of ``course`` when given).
    ``summaries`` of them, when the caller already has them (with the days since each
    previous infusion counted over the patient's whole history), are not made again."""
    if summaries is None:
        summaries = summarize_all(records, now)
    limits = records[-1].session.limits if records else default_limits()
    points = {scale: trend(summaries, scale) for scale in MOOD_SCALES}
    status = {scale: course_status(points[scale]) for scale in MOOD_SCALES}
    item9 = {n for n, s in enumerate(summaries, 1) if s.phq9_item9}
    today = times.local(now).date()
    overview, levels = [], []
    if course is not None:
        overview.append(course_line(course, times))
    overview.append(_sessions_line(summaries, times))
    levels = [PLAIN] * len(overview)
    for scale in MOOD_SCALES:
        overview.append(_trend_line(points[scale], SCALES[scale].short, status[scale]))
        lost = status[scale].status is Status.LOST_RESPONSE
        levels.append(ADVISORY if lost else PLAIN)
    warnings = []
    if item9:
        where = ", ".join(f"session {n} ({times.date(summaries[n - 1].opened_at)})"
                          for n in sorted(item9))
        warnings.append(f"PHQ-9 item 9 (thoughts of self-harm) answered above 0 at {where}: "
                        "review suicide risk.")
    lines = course_lines(records, summaries, points, times)
    return CourseReport(
        patient_name=patient.name, mrn=patient.mrn,
        date_of_birth=f"{patient.date_of_birth:%Y-%m-%d}",
        patient=[("Name", patient.name), ("MRN", patient.mrn),
                 ("Date of birth", f"{patient.date_of_birth:%Y-%m-%d} "
                                   f"(age {patient.age_on(today)})"),
                 ("Allergies", patient.allergy_text()),
                 ("Notes", patient.notes or "—")],
        overview=overview, warnings=warnings,
        table=_table(lines),
        phq9=points["phq9"], madrs=points["madrs"],
        rises=[(n, s.sbp_rise) for n, s in enumerate(summaries, 1)],
        rise_tiers={n: tier_reached(r.session.limits, "sbp", s.sbp_rise, relative=True)
                    for n, (r, s) in enumerate(zip(records, summaries, strict=True), 1)},
        item9_sessions=item9, sessions=len(summaries),
        rise_limits=[(lim.threshold, lim.tier) for lim in limits
                     if lim.measure == "sbp" and lim.relative],
        course_name=course.label if course is not None else "",
        status=status, lines=lines, keys=tuple(c.key for c in shown_columns(lines)),
        overview_levels=tuple(levels))


def course_line(course: CourseChoice, times: Times) -> str:
    """"Course: Induction (induction), from 2026-11-24, running." """
    c = course.course
    if c is None:
        return f"Course: {course.label} (no course was started for them)."
    dates = f"from {times.date(c.started_at)}"
    dates += f" to {times.date(c.ended_at)}" if c.ended_at else ", running"
    return f"Course: {course.label}, {dates}."


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


def _trend_line(points: list[TrendPoint], name: str, status: CourseStatus) -> str:
    if not points:
        return f"{name}: not recorded in this course."
    first, last = points[0], points[-1]
    if len(points) == 1:
        return f"{name} {first.score} at session {first.session_number} (one score so far)."
    text = f"{name} {first.score} → {last.score}"
    if last.change is not None:
        text += f" ({last.change * 100:+.0f} %)".replace("-", "−")
    marks = []
    if status.first_response:
        marks.append(f"first response at session {status.first_response}")
    if status.first_remission:
        marks.append(f"first remission at session {status.first_remission}")
    text += ": " + ", ".join(marks) if marks else ": no response yet"
    if status.status is not Status.NO_RESPONSE:
        text += f"; now {status.text}"
    return text + "."


def _table(lines: list[CourseLine]) -> Table:
    columns = shown_columns(lines)
    rows = []
    for line in lines:
        cells = [c.cell(line) for c in columns]
        rows.append(Row(tuple(cell.text for cell in cells), PLAIN,
                        tuple(cell.level for cell in cells)))
    return Table(tuple(c.title for c in columns), rows, "No sessions yet.")


def course_lines(records: list[SessionRecord], summaries: list[SessionSummary],
                 points: dict[str, list[TrendPoint]], times: Times) -> list[CourseLine]:
    """Each session of the course as the table's columns read it."""
    by_session = {scale: {p.session_id: p for p in pts} for scale, pts in points.items()}
    return [CourseLine(n, s, r.session.limits, times, by_session["phq9"].get(s.session_id),
                       by_session["madrs"].get(s.session_id), len(r.addenda))
            for n, (r, s) in enumerate(zip(records, summaries, strict=True), 1)]


@dataclass(frozen=True)
class ChosenCourse:
    """The sessions of one course out of a patient's whole history, with their summaries
    (the days since each previous infusion counted over the whole history)."""

    choice: CourseChoice | None
    records: list[SessionRecord]
    summaries: list[SessionSummary]


def choose_course(records: list[SessionRecord], summaries: list[SessionSummary],
                  choices: list[CourseChoice], choice: CourseChoice | None = None
                  ) -> ChosenCourse:
    """``choice`` (the current course when None; every session when there are no
    courses and no sessions to group) out of the patient's ``records``, oldest first."""
    choice = choice or current_choice(choices)
    if choice is None:
        return ChosenCourse(None, records, summaries)
    ids = set(choice.session_ids)
    pairs = [(r, s) for r, s in zip(records, summaries, strict=True) if r.session.id in ids]
    return ChosenCourse(choice, [r for r, _s in pairs], [s for _r, s in pairs])
