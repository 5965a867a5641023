"""One session as rich text for the review screen: header, sign-off, addenda and the
record's sections (infusion course, side effects, scales, medications, alarms, notes,
discharge). Everything typed by a user is escaped."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from html import escape

from export.colours import Colors
from monitor.review import Addendum
from monitor.session_record import SessionRecord
from monitor.timeline import EventKind, Phase
from monitor.vitals import Tier
from ui.common.patient_line import patient_line_html
from ui.common.timefmt import hhmm, local

NOWRAP = " style='white-space:nowrap; padding-right:8px'"


def when(at: datetime | None, tz: tzinfo | None) -> str:
    return "—" if at is None else f"{local(at, tz):%Y-%m-%d %H:%M}"


def header_html(r: SessionRecord, c: Colors, tz: tzinfo | None, today: date) -> str:
    s, p = r.session, r.patient
    pump = ""
    if s.concentration_mg_ml is not None:
        pump = f" · bag {s.concentration_mg_ml:g} mg/mL"
        if s.bag_volume_ml is not None:
            pump += f", {s.bag_volume_ml:g} mL"
        if s.pump_rate_ml_h is not None:
            pump += f" · pump {s.pump_rate_ml_h:g} mL/h at start"
        changes = [e for e in r.events if e.kind is EventKind.RATE_CHANGE]
        if changes:
            pump += f" ({len(changes)} rate change{'s' if len(changes) > 1 else ''})"
    return (
        f"{patient_line_html(p, c, today, 17)}<br>"
        f"<b>{local(s.created_at, tz):%A %Y-%m-%d %H:%M}</b> · chair {escape(s.chair)} · "
        f"{escape(s.protocol_name)} · {r.timeline.phase_label}<br>"
        f"{escape(s.drug)} {s.mg_per_kg:g} mg/kg × {s.weight_kg:g} kg = "
        f"<b>{s.total_mg:g} mg</b> over {s.planned_minutes} min planned{pump}")


def signoff_html(r: SessionRecord, c: Colors, tz: tzinfo | None) -> str:
    s = r.session
    if s.signed:
        text = (f"<b style='color:{c.ok}'>✔ Signed by {escape(s.signed_by)} at "
                f"{when(s.signed_at, tz)}</b> — locked; corrections are addenda.")
    elif s.phase is Phase.DISCHARGED:
        text = (f"<b style='color:{c.advisory}'>Not signed</b> — completed, waiting for "
                "the psychiatrist's sign-off.")
    else:
        text = (f"<b style='color:{c.muted}'>Not signed</b> — the session is still "
                f"{s.phase.value}; it can be signed once discharged.")
    warnings = [a for a in r.assessments if a.needs_attention]
    for a in warnings:
        text += (f"<br><b style='color:{c.critical}'>⚠ {hhmm(a.at, tz)} "
                 f"{escape(a.summary())}</b>")
    return text


def addenda_html(addenda: list[Addendum], c: Colors, tz: tzinfo | None) -> str:
    lines = [f"<b style='color:{c.accent}'>Addenda ({len(addenda)})</b>"]
    for a in addenda:
        lines.append(f"<b>{when(a.at, tz)} · {escape(a.author)}</b> — reason: "
                     f"<i>{escape(a.reason)}</i><br>{_para(a.text)}")
    return "<br>".join(lines)


def details_html(r: SessionRecord, c: Colors, tz: tzinfo | None, now: datetime) -> str:
    parts = [_infusion(r, tz, now), _side_effects(r, tz), _assessments(r, c, tz),
             _medications(r, tz), _alarms(r, c, tz), _notes(r, tz), _discharge(r, tz)]
    return "".join(parts)


def _para(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def _section(title: str, rows: list[tuple[str, ...]], empty: str, intro: str = "") -> str:
    html = f"<h3 style='margin-bottom:2px'>{title}</h3>"
    if intro:
        html += f"<p style='margin-top:0; margin-bottom:2px'>{intro}</p>"
    if not rows:
        return html + f"<p style='margin-top:0'>{empty}</p>"
    body = "".join(
        "<tr>" + "".join(f"<td valign='top'{NOWRAP if i == 0 else ''}>{cell}</td>"
                         for i, cell in enumerate(row)) + "</tr>" for row in rows)
    return html + f"<table cellspacing='0' cellpadding='2'>{body}</table>"


def _infusion(r: SessionRecord, tz: tzinfo | None, now: datetime) -> str:
    tl, s = r.timeline, r.session
    rows = []
    for e in tl.events:
        if e.kind is EventKind.NOTE:
            continue
        text = e.text
        if e.kind is EventKind.RATE_CHANGE:
            text = f"{e.value:g} mL/h" + (f" — {e.text}" if e.text else "")
        label = f"<b>{e.kind.label}</b>"
        rows.append((hhmm(e.at, tz), f"{label}: {escape(text)}" if text else label))
    if tl.started_at is None:
        return _section("Infusion", rows, "The infusion was never started.")
    ran = tl.elapsed(now).total_seconds()
    line = f"Ran {int(ran // 60)} min {int(ran % 60):02d} s of {s.planned_minutes} planned"
    if tl.pauses:
        paused = sum(((p.end or now) - p.start).total_seconds() for p in tl.pauses)
        line += f"; paused {len(tl.pauses)}× for {round(paused / 60)} min in all"
    observed = tl.observation_elapsed(now)
    if observed is not None:
        line += f"; observed {round(observed.total_seconds() / 60)} min"
    if s.discharge_ready_at:
        line += f"; discharge score met at {hhmm(s.discharge_ready_at, tz)}"
    return _section("Infusion", rows, "", intro=f"{line}.")


def _side_effects(r: SessionRecord, tz: tzinfo | None) -> str:
    rows = [(hhmm(e.at, tz), escape(e.summary())) for e in sorted(r.side_effects,
                                                                   key=lambda e: e.at)]
    return _section("Side effects", rows, "None logged.")


def _assessments(r: SessionRecord, c: Colors, tz: tzinfo | None) -> str:
    rows = []
    for a in sorted(r.assessments, key=lambda a: a.at):
        text = escape(a.summary())
        if a.needs_attention:
            text = f"<b style='color:{c.critical}'>⚠ {text}</b>"
        rows.append((hhmm(a.at, tz), text))
    return _section("Scales and assessments", rows, "None recorded.")


def _medications(r: SessionRecord, tz: tzinfo | None) -> str:
    rows = [(hhmm(m.at, tz), escape(m.summary())) for m in r.medications]
    return _section("Medications given", rows, "None.")


def _alarms(r: SessionRecord, c: Colors, tz: tzinfo | None) -> str:
    rows = []
    for a in r.alarms:
        color = c.critical if a.tier is Tier.CRITICAL else c.advisory
        raised = (f"<b style='color:{color}'>{a.tier.value.capitalize()}</b> "
                  f"{escape(' '.join(a.messages))}")
        if a.acknowledged:
            ack = (f"Acknowledged {hhmm(a.acknowledged_at, tz)} by "
                   f"{escape(a.acknowledged_by)}: {escape(a.action)}")
            if a.note:
                ack += f" — {escape(a.note)}"
        else:
            ack = f"<b style='color:{c.critical}'>Not acknowledged</b>"
        rows.append((hhmm(a.raised_at, tz), f"{raised}<br>{ack}"))
    return _section("Alarms", rows, "No alarm was raised.")


def _notes(r: SessionRecord, tz: tzinfo | None) -> str:
    rows = [(hhmm(e.at, tz), _para(e.text)) for e in r.events if e.kind is EventKind.NOTE]
    return _section("Notes", rows, "No notes.")


def _discharge(r: SessionRecord, tz: tzinfo | None) -> str:
    rows = [(hhmm(e.at, tz), escape(e.text)) for e in r.events
            if e.kind is EventKind.DISCHARGE]
    return _section("Discharge", rows, "Not discharged yet.")
