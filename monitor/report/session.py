"""One session as a printed summary: plain sections of text and tables, no Qt.

``session_report`` reads a ``SessionRecord`` and returns what the PDF shows, in order:
who and what (patient, session, protocol, dose and pump), timings, vitals (and the gaps in
them), side effects, scales, alarms with their acknowledgement, medications, discharge,
notes, sign-off and addenda. The PDF layer only lays these out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from monitor.accounts.addendum_signature import addendum_altered, addendum_manifestation
from monitor.assessments import item9_warning
from monitor.devices.edits import source_note
from monitor.protocol import DosePlan, exact_figure
from monitor.pump import PumpPlan, beyond_plan
from monitor.report.care import (
    alarms_table,
    aldrete_table,
    assessments_table,
    discharge_facts,
    side_effects_table,
    signoff_text,
)
from monitor.report.format import ADVISORY, CRITICAL, LEVELS, OK, PLAIN, Row, Table, Times
from monitor.report.format import duration_text as _duration
from monitor.report.format import times_word as _times
from monitor.report.marks import marked
from monitor.report.who import with_by
from monitor.review import Addendum
from monitor.session_record import SessionRecord
from monitor.timeline import EventKind, Phase

Facts = list[tuple[str, str]]


@dataclass(frozen=True)
class SessionReport:
    title: str
    patient_name: str
    mrn: str
    date_of_birth: str
    patient: Facts
    session: Facts
    protocol: Facts
    dose: Facts
    warnings: list[str]  # shown in a box at the top (PHQ-9 item 9, open alarms)
    timing_summary: str
    timings: Table
    vitals: Table
    gaps: str
    gaps_level: str
    side_effects: Table
    assessments: Table
    alarms: Table
    medications: Table
    discharge: Facts
    aldrete: Table
    notes: Table
    signoff: str
    signed: bool
    addenda: Table


def session_report(record: SessionRecord, now: datetime, times: Times) -> SessionReport:
    """The summary of one session as it stands at ``now`` (times in ``times``' zone)."""
    s, p = record.session, record.patient
    t = times.for_day(s.created_at)
    opened = t.local(s.created_at)
    return SessionReport(
        title=f"Infusion session — {opened:%A} {opened:%Y-%m-%d}, chair {s.chair}",
        patient_name=p.name, mrn=p.mrn, date_of_birth=f"{p.date_of_birth:%Y-%m-%d}",
        patient=[("Name", p.name), ("MRN", p.mrn),
                 ("Date of birth", f"{p.date_of_birth:%Y-%m-%d} "
                                   f"(age {p.age_on(opened.date())})"),
                 ("Allergies", p.allergy_text()),
                 ("Weight", f"{s.weight_kg:g} kg")],
        session=[("Date", f"{opened:%a %Y-%m-%d}"), ("Chair", s.chair),
                 ("Status", _status(record)), ("Sign-off", _signed_short(record, times)),
                 ("Session", f"#{s.id}")],
        protocol=_protocol(record),
        dose=_dose(record, now, t),
        warnings=_warnings(record, t),
        timing_summary=_timing_summary(record, now, t),
        timings=_timings(record, t),
        vitals=_vitals(record, t),
        **_gaps(record, now, t),
        side_effects=side_effects_table(record, t),
        assessments=assessments_table(record, t),
        alarms=alarms_table(record, t),
        medications=with_by(record, Table(("Time", "Medication", "Dose", "Route", "Note"), [
            marked(Row((t.hm(m.at), m.drug, f"{m.dose:g} {m.unit}", m.route, m.note)), m,
                   record, t)
            for m in record.medications], "No medication was given."),
            [m.entered_by for m in record.medications]),
        discharge=discharge_facts(record, t),
        aldrete=aldrete_table(record),
        notes=with_by(record, Table(("Time", "Note"), [
            marked(Row((t.hm(e.at), e.text)), e, record, t) for e in _notes(record)],
            "No notes."), [e.entered_by for e in _notes(record)]),
        signoff=signoff_text(record, times),
        signed=s.signed,
        addenda=Table(("Added", "Author", "Reason", "Addendum"), [
            Row((times.full(a.at), a.author, a.reason, _signed(a, times)),
                CRITICAL if addendum_altered(a) else PLAIN) for a in record.addenda],
            "No addenda."),
    )


def _signed(addendum: Addendum, times: Times) -> str:
    """The addendum's words, then its signature's manifestation (when it was signed)."""
    signed = addendum_manifestation(addendum, times.tz)
    return f"{addendum.text}\n{signed}" if signed else addendum.text


def _notes(record: SessionRecord) -> list:
    return [e for e in record.events if e.kind is EventKind.NOTE]


def _status(record: SessionRecord) -> str:
    label = record.timeline.phase_label
    if record.session.phase is not Phase.DISCHARGED:
        label += " (in progress: figures as of the time printed)"
    return label


def _signed_short(record: SessionRecord, times: Times) -> str:
    s = record.session
    return f"{s.signed_by}, {times.full(s.signed_at)}" if s.signed else "Not signed"


def _protocol(record: SessionRecord) -> Facts:
    s = record.session
    return [
        ("Name", s.protocol_name), ("Drug", s.drug),
        ("Dose", f"{s.mg_per_kg:g} mg/kg"),
        ("Infusion", f"{s.planned_minutes} min planned"),
        ("Observation", f"{s.observation_minutes} min"),
        ("Vitals", f"every {s.vitals_every_infusing_min} min infusing, "
                   f"{s.vitals_every_observation_min} min observing; overdue "
                   f"{s.overdue_after_min} min later"),
        ("Discharge", f"Aldrete ≥ {s.discharge_min_aldrete}, escort, no driving"),
    ]


def _dose(record: SessionRecord, now: datetime, t: Times) -> Facts:
    s = record.session
    dose = DosePlan(s.drug, s.weight_kg, s.mg_per_kg, s.planned_minutes)
    facts = [("Dose", f"{dose.arithmetic()} (total {s.total_mg:g} mg)")]
    if s.concentration_mg_ml is None:
        facts.append(("Bag and pump", "No bag recorded; pump rate and dose delivered not "
                                      "estimated."))
        return facts
    conc = s.concentration_mg_ml
    plan = PumpPlan(dose, conc, s.bag_volume_ml or 0)
    bag = f"{s.bag_volume_ml:g} mL bag" if s.bag_volume_ml is not None else "volume not recorded"
    facts.append(("Bag", f"{conc:g} mg/mL, {bag}; {exact_figure(plan.dose.exact_mg)} mg ÷ "
                         f"{conc:g} mg/mL = {exact_figure(plan.exact_volume_ml)} mL to infuse"))
    rate = s.pump_rate_ml_h if s.pump_rate_ml_h is not None else plan.rate_ml_h
    facts.append(("Pump rate", f"{rate:g} mL/h at the start ({plan.arithmetic()[2]})"))
    changes = record.rates()[1:]
    if changes:
        facts.append(("Rate changes", "; ".join(f"{t.hm(at)} → {rate:g} mL/h"
                                                 for at, rate in changes)))
    else:
        facts.append(("Rate changes", "None"))
    delivered = record.delivered_mg(now)
    if delivered is not None and s.started_at is not None:
        share = delivered / float(plan.dose.exact_mg) * 100 if s.total_mg else 0
        beyond = beyond_plan(delivered, s.total_mg, record.bag_mg())
        beyond += "; " if beyond else ""
        facts.append(("Dose delivered", f"≈ {delivered:.1f} mg of {s.total_mg:g} mg planned "
                                        f"({share:.0f} %), {beyond}estimated from the pump "
                                        "rates and the running time"))
    else:
        facts.append(("Dose delivered", "None: the infusion was not started"))
    return facts


def _warnings(record: SessionRecord, t: Times) -> list[str]:
    counted = record.effective()  # an entry marked in error or artifact warns of nothing
    found = [f"{t.hm(a.at)} {item9_warning(a.items)}"
             for a in sorted(counted.assessments, key=lambda a: a.at) if a.needs_attention]
    found += record.timeline.warnings  # stored events that break the phase rules
    unacknowledged = [a for a in counted.alarms if not a.acknowledged]
    if unacknowledged:
        n = len(unacknowledged)
        found.append(f"{n} alarm{'s' if n > 1 else ''} not acknowledged (see Alarms).")
    return found


def _timing_summary(record: SessionRecord, now: datetime, t: Times) -> str:
    tl, s = record.timeline, record.session
    if tl.started_at is None:
        return "The infusion was not started."
    ran = tl.elapsed(now).total_seconds()
    parts = [f"Infusion ran {_duration(ran)} of {s.planned_minutes} min planned"]
    if tl.stopped_early_reason is not None:
        parts[0] += f", stopped early ({tl.stopped_early_reason})"
    if tl.pauses:
        paused = sum(((p.end or now) - p.start).total_seconds() for p in tl.pauses)
        parts.append(f"paused {_times(len(tl.pauses))} for {round(paused / 60)} min in all")
    observed = tl.observation_elapsed(now)
    if observed is not None:
        parts.append(f"observed {round(observed.total_seconds() / 60)} min")
    if s.discharge_ready_at and tl.infusion_ended_at:
        ready = (s.discharge_ready_at - tl.infusion_ended_at).total_seconds() / 60
        parts.append(f"ready for discharge {round(ready)} min after the infusion ended")
    return "; ".join(parts) + "."


def _timings(record: SessionRecord, t: Times) -> Table:
    s, tl = record.session, record.timeline
    rows: list[tuple[datetime, Row, int | None]] = [
        (s.created_at, Row((t.hm(s.created_at), "Session opened", "")), s.created_by)]
    rate = s.pump_rate_ml_h
    pauses = iter(tl.pauses)
    for e in tl.events:
        if e.kind is EventKind.NOTE:
            continue
        detail, level = e.text, PLAIN
        if e.kind is EventKind.START and s.pump_rate_ml_h is not None:
            detail = "; ".join(x for x in (f"pump {s.pump_rate_ml_h:g} mL/h", e.text) if x)
        elif e.kind is EventKind.PAUSE:
            detail, level = f"Reason: {e.text}", ADVISORY
            pause = next(pauses, None)
            if pause is not None and pause.end is not None:
                detail += f" ({round((pause.end - pause.start).total_seconds() / 60)} min)"
        elif e.kind is EventKind.RATE_CHANGE:
            detail = f"{rate:g} → {e.value:g} mL/h" if rate is not None else f"{e.value:g} mL/h"
            detail += f"; {e.text}" if e.text else ""
            rate = e.value
        elif e.kind is EventKind.STOP_EARLY:
            detail, level = f"Reason: {e.text}", ADVISORY
        rows.append((e.at, Row((t.hm(e.at), e.kind.label, detail), level), e.entered_by))
    if s.discharge_ready_at is not None:
        rows.append((s.discharge_ready_at, Row((
            t.hm(s.discharge_ready_at), "Ready for discharge",
            f"Modified Aldrete ≥ {s.discharge_min_aldrete} first met"), OK), None))
    rows.sort(key=lambda triple: triple[0])
    return with_by(record, Table(("Time", "Event", "Details"), [row for _at, row, _by in rows]),
                   [by for _at, _row, by in rows])


def _vitals(record: SessionRecord, t: Times) -> Table:
    s = record.session
    base = record.baseline()
    rows = []
    for v in record.vitals:
        x = v.values
        if base is not None and v.id == base.id:
            when = "baseline"
        elif s.started_at is not None:
            when = f"{(v.taken_at - s.started_at).total_seconds() / 60:+.0f}"
        else:
            when = "before start"
        level = LEVELS[v.tier]
        temp = "—" if x.temp_c is None else f"{x.temp_c:.1f}"
        notes = [*v.flags, source_note(v.source, v.device_edits)]  # a monitor's, edited
        rows.append(marked(Row((t.hm(v.taken_at), when, f"{x.sbp}/{x.dbp}", str(x.hr),
                                str(x.spo2), str(x.rr), temp, "\n".join(filter(None, notes))),
                               level),
                           v, record, t))
    return with_by(record, Table(("Time", "Min", "BP mmHg", "HR /min", "SpO₂ %", "RR /min",
                                  "Temp °C", "Flags"), rows, "No vitals were recorded."),
                   [v.entered_by for v in record.vitals])


def _gaps(record: SessionRecord, now: datetime, t: Times) -> dict:
    s = record.session
    taken = [v.taken_at for v in record.effective().vitals]  # an artifact is no set taken
    until = s.discharged_at or now
    gaps = record.schedule.gaps(record.timeline, taken, until)
    if record.timeline.started_at is None:
        return {"gaps": "Vitals schedule not started (the infusion was not started).",
                "gaps_level": PLAIN}
    if not gaps:
        return {"gaps": "No gaps in vitals beyond the schedule.", "gaps_level": OK}
    taken_set = set(taken)
    parts = []
    for due, end in gaps:
        late = round((end - due).total_seconds() / 60)
        if end in taken_set:
            parts.append(f"due {t.hm(due)}, next set {t.hm(end)} ({late} min after due)")
        else:
            parts.append(f"due {t.hm(due)}, none by {t.hm(end)} ({late} min)")
    head = (f"Vitals were overdue {_times(len(gaps))} (beyond the schedule and "
            f"{s.overdue_after_min} min grace): ")
    return {"gaps": head + "; ".join(parts) + ".", "gaps_level": ADVISORY}
