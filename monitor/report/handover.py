"""The handover sheet as plain data: every open chair on one page, what the nurse taking
over needs first (patient, chair, phase, clock, dose so far, last vitals, open alarms,
side effects, time to discharge-ready). ``export.handover_sheet`` paints it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from monitor.alarms import Alarm
from monitor.board import chair_name, chair_order, clock_texts
from monitor.protocol import exact_mg
from monitor.report.format import ADVISORY, CRITICAL, PLAIN, Times
from monitor.session_record import SessionRecord
from monitor.timeline import Phase, Timeline
from monitor.vitals import Tier

HEADERS = ("Chair", "Patient", "Phase", "Clock", "Dose so far", "Last vitals",
           "Open alarms", "Side effects", "Discharge-ready")


@dataclass(frozen=True)
class HandoverRow:
    cells: tuple[str, ...]  # one per header; a cell may hold several lines
    level: str = PLAIN  # the colour of the chair's open alarm, if any
    session_id: int = 0


@dataclass(frozen=True)
class HandoverReport:
    title: str
    printed: str  # "Printed 2026-11-30 14:32 CET (UTC+01:00)"
    rows: tuple[HandoverRow, ...]
    headers: tuple[str, ...] = HEADERS
    empty: str = "No chair is open."
    sign_line: str = ("Handed over by ____________________   to ____________________   "
                      "at ________")
    note: str = ("Chairside is not a replacement for the patient monitor's own alarms. "
                 "Times are local. Discharge-ready is the protocol's earliest (infusion "
                 "left plus the minimum observation), then an Aldrete score at or above "
                 "the minimum.")

    @property
    def session_ids(self) -> list[int]:
        return [row.session_id for row in self.rows]


def handover_report(records: list[SessionRecord], now: datetime, times: Times,
                    clinic_name: str = "") -> HandoverReport:
    """One row per open session, in chair order."""
    open_ = [r for r in records if r.session.phase is not Phase.DISCHARGED]
    open_.sort(key=lambda r: (*chair_order(chair_name(r.session.chair)), r.session.id))
    title = f"Handover — {clinic_name}" if clinic_name else "Handover"
    printed = f"Printed {times.full(now)} {times.zone(now)}"
    return HandoverReport(title, printed, tuple(handover_row(r, now, times) for r in open_))


def handover_row(record: SessionRecord, now: datetime, times: Times) -> HandoverRow:
    s, p = record.session, record.patient
    timeline = record.timeline
    big, small, _over = clock_texts(record, timeline, now)
    open_alarms = [a for a in record.alarms if not a.acknowledged]
    worst = max((a.tier for a in open_alarms), key=lambda t: t is Tier.CRITICAL,
                default=None)
    cells = (
        chair_name(s.chair),
        f"{p.name}\nMRN {p.mrn} · {s.weight_kg:g} kg",
        timeline.phase_label,
        f"{big}\n{small}",
        dose_text(record, timeline, now),
        vitals_text(record, now, times),
        "\n".join(alarm_line(a, times)
                  for a in sorted(open_alarms, key=lambda a: a.raised_at)) or "None",
        "\n".join(f"{e.label} {e.severity}/10 ({times.hm(e.at)})"
                  for e in sorted(record.side_effects, key=lambda e: e.at)) or "None",
        ready_text(record, timeline, now, times),
    )
    level = {Tier.CRITICAL: CRITICAL, Tier.ADVISORY: ADVISORY}.get(worst, PLAIN) \
        if worst else PLAIN
    return HandoverRow(cells, level, s.id)


def alarm_line(alarm: Alarm, times: Times) -> str:
    """"Critical 14:29: SBP 182 … (+3 more)": the first finding, as the board says it."""
    more = f" (+{len(alarm.messages) - 1} more)" if len(alarm.messages) > 1 else ""
    first = alarm.messages[0] if alarm.messages else ""
    return f"{alarm.tier.value.capitalize()} {times.hm(alarm.raised_at)}: {first}{more}"


def dose_text(record: SessionRecord, timeline: Timeline, now: datetime) -> str:
    s = record.session
    planned = float(exact_mg(s.weight_kg, s.mg_per_kg))
    given = record.delivered_mg(now, timeline)
    if given is None:  # no bag recorded: the plan only
        return f"— of {planned:.1f} mg planned\n(no bag recorded)"
    return f"{given:.1f} of {planned:.1f} mg\n{s.mg_per_kg:g} mg/kg"


def vitals_text(record: SessionRecord, now: datetime, times: Times) -> str:
    last = max(record.vitals, key=lambda v: v.taken_at, default=None)
    if last is None:
        text = "None yet"
    else:
        v = last.values
        text = (f"{times.hm(last.taken_at)} BP {v.sbp}/{v.dbp} HR {v.hr}\n"
                f"SpO2 {v.spo2}% RR {v.rr}")
    due = record.vitals_due(now)
    if due is not None:
        text += f"\n{due.text(now)}"
    return text


def ready_text(record: SessionRecord, timeline: Timeline, now: datetime,
               times: Times) -> str:
    s = record.session
    if s.discharge_ready_at is not None:
        return f"Ready since {times.hm(s.discharge_ready_at)}"
    observation = timedelta(minutes=s.observation_minutes)
    if timeline.phase is Phase.OBSERVATION:
        seen = timeline.observation_elapsed(now) or timedelta(0)
        left = observation - seen
        if left <= timedelta(0):
            return "Observation done:\nneeds the Aldrete score"
        return f"In {minutes(left)} (~{times.hm(now + left)}):\nobservation, then Aldrete"
    infusion_left = max(timeline.planned - timeline.elapsed(now), timedelta(0))
    total = infusion_left + observation
    when = "" if timeline.phase is Phase.BASELINE else f" (~{times.hm(now + total)})"
    paused = ", paused" if timeline.phase is Phase.PAUSED else ""
    return f"At least {minutes(total)}{when}\ninfusion + observation{paused}"


def minutes(span: timedelta) -> str:
    """Whole minutes, rounded up: "in 12 min" is never sooner than the truth."""
    return f"{-(-int(span.total_seconds()) // 60)} min"
