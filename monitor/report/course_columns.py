"""The course table's columns: one definition the screen, the PDF and the CSV all read.

Each column turns one session of a course (``CourseLine``) into a ``CourseCell``: its
lines of text (the PDF prints them one under another, the screen and the CSV on one
line), a raw value to sort by (numbers as numbers; None sorts last), a tooltip where the
short text needs explaining, and a level (advisory, critical) that colours it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from monitor.course import SessionSummary, TrendPoint
from monitor.report.format import ADVISORY, CRITICAL, LEVELS, PLAIN, Times
from monitor.scales import SCALES
from monitor.side_effects import severity_label
from monitor.timeline import Phase
from monitor.vitals import Limit, Tier, tier_reached, worst

PHQ9, MADRS = SCALES["phq9"], SCALES["madrs"]
ACCENT = "accent"  # a signed session with addenda: see the session


@dataclass(frozen=True)
class CourseLine:
    """One session as the course table reads it."""

    number: int  # within the course, 1 = its first session
    summary: SessionSummary
    limits: tuple[Limit, ...]  # the alarm limits the session ran under
    times: Times
    phq9: TrendPoint | None = None
    madrs: TrendPoint | None = None
    addenda: int = 0

    def level(self, measure: str, value: float | None, relative: bool = False) -> str:
        return LEVELS[tier_reached(self.limits, measure, value, relative)]


@dataclass(frozen=True)
class CourseCell:
    lines: tuple[str, ...]
    sort: object = None
    tip: str | None = None
    level: str = PLAIN
    joiner: str = " "  # between the lines, where they are shown on one

    @property
    def text(self) -> str:
        """As printed: one line under another."""
        return "\n".join(self.lines)

    @property
    def line(self) -> str:
        """On one line (the screen, the CSV)."""
        return self.joiner.join(self.lines)


@dataclass(frozen=True)
class CourseColumn:
    key: str
    title: str  # "\n" where a printed header breaks
    cell: Callable[[CourseLine], CourseCell]
    tip: str = ""
    numeric: bool = True
    width: int = 5  # share of the printed page's width


def _cell(*lines: str, sort: object = None, tip: str | None = None,
          level: str = PLAIN, joiner: str = " ") -> CourseCell:
    return CourseCell(tuple(lines), sort, tip, level, joiner)


def _n(value: object) -> str:
    return "—" if value is None else str(value)


def _number(r: CourseLine) -> CourseCell:
    return _cell(str(r.number), sort=r.number)


def _date(r: CourseLine) -> CourseCell:
    at = r.summary.opened_at
    return _cell(r.times.date(at), f"chair {r.summary.chair}", sort=at.timestamp(),
                 tip=f"Opened {r.times.local(at):%a %Y-%m-%d %H:%M} in chair "
                     f"{r.summary.chair}")


def _score(point: TrendPoint | None, item9: bool = False) -> CourseCell:
    """"9 (−55%)" and, below, "remission" or else "response" when reached; PHQ-9 item 9
    above 0 always shown."""
    if point is None:
        return _cell("—")
    text = str(point.score)
    if point.change is not None and point.session_number > 1:
        text += f" ({point.change * 100:+.0f}%)".replace("-", "−")
    lines = [text]
    word = "remission" if point.remission else "response" if point.response else ""
    if word:
        lines.append(word)
    tip = None
    if item9:
        lines.append("⚠ item 9 > 0")
        tip = ("Item 9 (thoughts of self-harm) answered above 0: review suicide risk "
               "with the patient.")
    return _cell(*lines, sort=point.score, tip=tip, level=CRITICAL if item9 else PLAIN)


def _phq9(r: CourseLine) -> CourseCell:
    return _corrected(_score(r.phq9, r.summary.phq9_item9), r.summary.corrected_scores)


def _corrected(cell: CourseCell, addenda: tuple[str, ...]) -> CourseCell:
    """After sign-off corrections are addenda (issue 9 §4): each shown beside the item it
    corrects, "† addendum: Ondansetron 4 mg: Dose was 8 mg (Dr Quinn)"."""
    if not addenda:
        return cell
    notes = tuple(f"† addendum: {a}" for a in addenda)
    tip = "\n".join([*([cell.tip] if cell.tip else []),
                     *(f"Corrected by addendum: {a}" for a in addenda)])
    level = cell.level if cell.level != PLAIN else ADVISORY
    return replace(cell, lines=(*cell.lines, *notes), tip=tip, level=level)


def _madrs(r: CourseLine) -> CourseCell:
    return _score(r.madrs)


def _signed(r: CourseLine) -> CourseCell:
    s = r.summary
    if s.signed:
        if r.addenda:
            word = "addendum" if r.addenda == 1 else "addenda"
            return _cell("Yes", f"+ {r.addenda} {word}", sort=2,
                         tip="Signed; see the session for its addenda", level=ACCENT)
        return _cell("Yes", sort=2)
    if s.phase is Phase.DISCHARGED:
        return _cell("No", sort=1, tip="Completed, waiting for sign-off", level=ADVISORY)
    return _cell("In progress", f"({s.phase.value})", sort=0)


def _dose(r: CourseLine) -> CourseCell:
    s = r.summary
    return _cell(f"{s.total_mg:g} mg", f"({s.mg_per_kg:g} mg/kg)", sort=s.total_mg)


def _delivered(r: CourseLine) -> CourseCell:
    s = r.summary
    if s.infusion_started_at is None:
        return _cell("—", tip="The infusion was never started.")
    if s.delivered_mg is None:
        lines = ["no bag"]
        tip = (f"No bag was recorded: what was given of the {s.total_mg:g} mg planned "
               "cannot be estimated.")
    else:
        lines = [f"≈ {s.delivered_mg:.1f} of {s.total_mg:g} mg"]
        tip = "Estimated from the pump rates over the running time (pauses excluded)."
    if s.overrun:
        lines.append("overrun")
        tip += (f" Overrun: {s.beyond_plan}." if s.beyond_plan
                else " Overrun: ran longer than the planned minutes.")
    elif s.stopped_early is not None:
        lines.append("stopped early")
        tip += f" Stopped early: {s.stopped_early}"
    flagged = s.overrun or s.stopped_early is not None
    return _cell(*lines, sort=s.delivered_mg, tip=tip, level=ADVISORY if flagged else PLAIN)


def _infusion(r: CourseLine) -> CourseCell:
    s = r.summary
    if s.infusion_minutes is None:
        return _cell(f"—/{s.planned_minutes}", tip="The infusion was never started.")
    minutes, seconds = divmod(round(s.infusion_minutes * 60), 60)
    tip = (f"Infusion ran {minutes} min {seconds:02d} s of {s.planned_minutes} planned "
           "(pauses excluded).")
    text = f"{s.infusion_minutes:.0f}/{s.planned_minutes}"
    if s.stopped_early is not None:  # flagged in the table, the reason in the tooltip
        return _cell(text, "stopped early", sort=s.infusion_minutes,
                     tip=f"{tip} Stopped early: {s.stopped_early}", level=ADVISORY)
    if s.ran_over:
        return _cell(text, "ran over", sort=s.infusion_minutes, tip=tip, level=ADVISORY)
    return _cell(text, sort=s.infusion_minutes, tip=tip)


def _days(r: CourseLine) -> CourseCell:
    days = r.summary.days_since_previous
    if days is None:
        return _cell("—", tip="No earlier infusion of this patient.")
    return _cell(f"{days:.0f}", sort=days,
                 tip=f"{days:.1f} days since the start of the patient's previous infusion")


def _pauses(r: CourseLine) -> CourseCell:
    s = r.summary
    lines = [f"{s.pauses} ({s.paused_minutes:.0f} min)" if s.pauses else "0"]
    if s.stopped_early is not None:
        lines.append("stopped early")
    flagged = s.pauses > 0 or s.stopped_early is not None
    return _cell(*lines, sort=s.pauses + (s.stopped_early is not None),
                 level=ADVISORY if flagged else PLAIN, joiner=", ")


def _bp(r: CourseLine) -> CourseCell:
    s = r.summary
    base = "/".join(map(str, s.baseline_bp)) if s.baseline_bp else "—"
    peak = "/".join(map(str, s.peak_bp)) if s.peak_bp else "—"
    tier: Tier | None = None
    if s.peak_bp:
        tier = worst((tier_reached(r.limits, "sbp", s.peak_bp[0]),
                      tier_reached(r.limits, "dbp", s.peak_bp[1])))
    return _cell(f"{base} →", peak, sort=s.peak_bp[0] if s.peak_bp else None,
                 tip="Baseline (last set before the start) → the highest systolic set "
                     "after it", level=LEVELS[tier])


def _rise(r: CourseLine) -> CourseCell:
    rise = r.summary.sbp_rise
    return _cell("—" if rise is None else f"{rise:+d}", sort=rise,
                 tip="Peak systolic minus baseline systolic, mmHg",
                 level=r.level("sbp", rise, relative=True))


def _measure(attr: str, tip: str, measure: str = "") -> Callable[[CourseLine], CourseCell]:
    def cell(r: CourseLine) -> CourseCell:
        value = getattr(r.summary, attr)
        return _cell(_n(value), sort=value, tip=tip,
                     level=r.level(measure, value) if measure else PLAIN)
    return cell


def _side_effects(r: CourseLine) -> CourseCell:
    worst_ones = r.summary.worst_side_effects
    if not worst_ones:
        return _cell("—", sort=None)
    severe = any(severity_label(v) == "severe" for _k, v in worst_ones)
    return _cell(*(f"{kind} {v}" for kind, v in worst_ones), sort=worst_ones[0][1],
                 tip="The worst severity (0–10) logged for each kind",
                 level=ADVISORY if severe else PLAIN, joiner=", ")


def _rescue(r: CourseLine) -> CourseCell:
    meds = r.summary.rescue_totals
    return _corrected(_cell(*(meds or ("—",)), sort=len(r.summary.rescue_medications),
                            tip="\n".join(meds) or None, joiner="; "),
                      r.summary.corrected_medications)


def _gaps(r: CourseLine) -> CourseCell:
    s = r.summary
    if not s.vitals_gaps:
        return _cell("0", sort=0)
    return _cell(str(s.vitals_gaps), f"(longest {s.longest_gap_minutes:.0f} min)",
                 sort=s.vitals_gaps, level=ADVISORY,
                 tip="Times the next vitals set came later than the schedule's interval "
                     "plus the overdue tolerance; the longest, from the due time")


def _alarms(r: CourseLine) -> CourseCell:
    n = r.summary.alarm_count
    return _cell(str(n), sort=n, tip="Alarms raised by vitals sets",
                 level=ADVISORY if n else PLAIN)


def _ready(r: CourseLine) -> CourseCell:
    m = r.summary.minutes_to_ready
    return _cell(_n(None if m is None else round(m)), sort=m,
                 tip="Minutes from the end of the infusion to the first discharge score "
                     "that met the protocol's minimum")


# What the psychiatrist looks for first (mood, item 9, sign-off) comes before the
# infusion figures, so it stays in view when the screen's table is wider than the window.
COLUMNS: tuple[CourseColumn, ...] = (
    CourseColumn("number", "#", _number, width=2),
    CourseColumn("date", "Date,\nchair", _date, numeric=False, width=7),
    CourseColumn("phq9", PHQ9.short, _phq9, f"{PHQ9.short} total ({PHQ9.range_text}), "
                 "change from the course's first score; ⚠ item 9 = thoughts of self-harm "
                 "answered above 0", width=6),
    CourseColumn("madrs", MADRS.short, _madrs, f"{MADRS.name} ({MADRS.range_text}), "
                 "change from the course's first score", width=6),
    CourseColumn("signed", "Signed", _signed, numeric=False, width=4),
    CourseColumn("dose", "Dose\nplanned", _dose, "The planned total (mg/kg)", width=6),
    CourseColumn("delivered", "Dose\ngiven", _delivered,
                 "Dose delivered (pump estimate) of the planned dose; overruns and stops "
                 "early flagged", width=6),
    CourseColumn("infusion", "Min\nrun/plan", _infusion,
                 "Actual infusion minutes (pauses excluded) / planned minutes", width=4),
    CourseColumn("days", "Days\nsince", _days,
                 "Days since the patient's previous infusion (any course)", width=4),
    CourseColumn("pauses", "Pauses\n(stops)", _pauses,
                 "Pauses (minutes paused in all) and an early stop", width=5),
    CourseColumn("bp", "BP baseline\n→ peak", _bp,
                 "Baseline BP (last set before the start) → the highest systolic set after "
                 "it", numeric=False, width=6),
    CourseColumn("sbp_rise", "SBP\nrise", _rise,
                 "Peak systolic minus baseline systolic, mmHg", width=4),
    CourseColumn("lowest_spo2", "SpO₂\nlow", _measure(
        "lowest_spo2", "Lowest SpO₂ of the session, %", "spo2"), width=4),
    CourseColumn("highest_hr", "HR\nhigh", _measure(
        "highest_hr", "Highest heart rate of the session, /min", "hr"), width=4),
    CourseColumn("lowest_moaas", "MOAA/S\nlow", _measure(
        "lowest_moaas", "Lowest sedation score (MOAA/S 0–5; 5 = responds readily)"),
                 "Lowest MOAA/S of the session", width=5),
    CourseColumn("dissociation", "Dissoc.\npeak", _measure(
        "peak_dissociation", "Highest dissociation, 0–10 (side effect or quick rating)"),
                 width=5),
    CourseColumn("side_effects", "Side effects\n(worst)", _side_effects,
                 "The worst severity (0–10) of every kind of side effect logged",
                 numeric=False, width=8),
    CourseColumn("rescue", "Rescue meds", _rescue, "Rescue medications, each drug summed",
                 numeric=False, width=6),
    CourseColumn("vitals_gaps", "Vitals\ngaps", _gaps,
                 "Vitals later than the schedule's interval plus the overdue tolerance",
                 width=4),
    CourseColumn("alarms", "Alarms", _alarms, "Alarms raised by vitals sets", width=5),
    CourseColumn("ready", "To\nready", _ready,
                 "Minutes from the end of the infusion to meeting the discharge score",
                 width=4),
)
KEYS = tuple(c.key for c in COLUMNS)


def shown_columns(lines: list[CourseLine]) -> tuple[CourseColumn, ...]:
    """The columns of this course: MADRS only once a MADRS is recorded in it."""
    has_madrs = any(r.madrs is not None for r in lines)
    return tuple(c for c in COLUMNS if c.key != "madrs" or has_madrs)


def course_csv(lines: list[CourseLine]) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """The course table as spreadsheet rows: the header and one row per session, each
    cell on one line, the same columns as on screen and on paper."""
    columns = shown_columns(lines)
    header = tuple(c.title.replace("\n", " ") for c in columns)
    return header, [tuple(c.cell(line).line for c in columns) for line in lines]
