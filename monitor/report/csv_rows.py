"""One session as spreadsheet rows: everything in time order, vitals in their own columns.

Columns: time_utc, time_local, kind, detail, then sbp, dbp, hr, spo2, rr, temp_c and flags
(filled on vitals rows only). Times are written "YYYY-MM-DD HH:MM:SS", which spreadsheets
read as dates.
"""

from __future__ import annotations

from datetime import datetime, timezone

from monitor.corrections import KINDS, Correction, Status
from monitor.report.format import Times
from monitor.report.marks import recheck_text
from monitor.session_record import SessionRecord
from monitor.timeline import EventKind

COLUMNS = ("time_utc", "time_local", "kind", "detail", "sbp", "dbp", "hr", "spo2", "rr",
           "temp_c", "flags")
_FMT = "%Y-%m-%d %H:%M:%S"


def csv_rows(record: SessionRecord, times: Times) -> list[tuple[str, ...]]:
    """The rows (without the header), oldest first."""
    s = record.session
    items: list[tuple[datetime, int, tuple[str, ...]]] = []
    marks = record.marks

    def add(at: datetime, kind: str, detail: str, vitals: tuple[str, ...] = (),
            entry: object = None) -> None:
        mark = marks.mark_of(entry) if entry is not None else None
        if mark is not None:  # kept, marked: a spreadsheet cannot strike through
            detail = f"[{mark.status.label.upper()}: {mark.reason}] {detail}"
        utc = at.astimezone(timezone.utc)
        row = (f"{utc:{_FMT}}", f"{times.local(at):{_FMT}}", kind, detail)
        items.append((utc, len(items), row + (vitals or ("",) * 7)))

    add(s.created_at, "session_opened",
        f"Session #{s.id}, chair {s.chair}, {s.protocol_name}: {s.weight_kg:g} kg × "
        f"{s.mg_per_kg:g} mg/kg = {s.total_mg:g} mg over {s.planned_minutes} min")
    for v in record.vitals:
        x = v.values
        add(v.taken_at, "vitals", f"BP {x.sbp}/{x.dbp}, HR {x.hr}, SpO2 {x.spo2}, RR {x.rr}",
            (str(x.sbp), str(x.dbp), str(x.hr), str(x.spo2), str(x.rr),
             "" if x.temp_c is None else f"{x.temp_c:.1f}", " | ".join(v.flags)), v)
    for e in record.events:
        detail = e.kind.label
        if e.kind is EventKind.RATE_CHANGE:
            detail += f": {e.value:g} mL/h"
            detail += f" ({e.text})" if e.text else ""
        elif e.text:
            detail += f": {e.text}"
        add(e.at, "note" if e.kind is EventKind.NOTE else "event", detail, entry=e)
    for se in record.side_effects:
        add(se.at, "side_effect", se.summary(), entry=se)
    for a in record.assessments:
        add(a.at, "assessment", a.summary(), entry=a)
    for m in record.medications:
        add(m.at, "medication", m.summary(), entry=m)
    for c in record.corrections:
        add(c.made_at, "correction", correction_detail(c, record, times))
    for alarm in record.alarms:
        add(alarm.raised_at, "alarm", alarm.summary())
        if alarm.acknowledged_at is not None:
            detail = (f"{alarm.tier.value.capitalize()} alarm acknowledged by "
                      f"{alarm.acknowledged_by}: {alarm.action}")
            add(alarm.acknowledged_at, "alarm_acknowledged",
                f"{detail} ({alarm.note})" if alarm.note else detail)
    if s.signed_at is not None:
        add(s.signed_at, "signed", f"Signed by {s.signed_by}")
    for ad in record.addenda:
        fixes = f" [corrects {KINDS[ad.corrects_kind]} #{ad.corrects_id}]" \
            if ad.corrects is not None and ad.corrects_kind in KINDS else ""
        add(ad.at, "addendum", ad.summary() + fixes)
    items.sort(key=lambda item: (item[0], item[1]))
    return [row for _at, _n, row in items]


def correction_detail(c: Correction, record: SessionRecord, times: Times) -> str:
    """"Vitals set #12 marked artifact by Ann Lee RN: cuff", or the recheck's link."""
    if c.status is Status.RECHECK:
        return f"Vitals set #{c.entry_id}: " + recheck_text(c, record, times.for_day(c.made_at))
    by = f" by {c.made_by}" if c.made_by else ""
    what = f"{KINDS[c.entry_kind].capitalize()} #{c.entry_id}"
    if c.status is Status.WITHDRAWN:
        return f"{what}: its mark withdrawn{by}: {c.reason}"
    return f"{what} marked {c.status.label.lower()}{by}: {c.reason}"
