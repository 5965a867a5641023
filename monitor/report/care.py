"""The care sections of a printed session (side effects, scales, alarms, discharge,
sign-off) as plain rows; see ``monitor.report.session``. No Qt."""

from __future__ import annotations

from monitor.assessments import ALDRETE, MOAAS, PHQ9_ANSWERS, Assessment, phq9_band
from monitor.report.format import (
    ADVISORY,
    CRITICAL,
    LEVELS,
    PLAIN,
    STRUCK,
    Row,
    Table,
    Times,
)
from monitor.report.marks import marked
from monitor.report.who import with_by
from monitor.scales import SCALES
from monitor.session_record import SessionRecord
from monitor.side_effects import severity_label
from monitor.timeline import EventKind, Phase

Facts = list[tuple[str, str]]


def side_effects_table(record: SessionRecord, t: Times) -> Table:
    rows = []
    effects = sorted(record.side_effects, key=lambda e: e.at)
    for e in effects:
        level = CRITICAL if e.severity >= 7 else PLAIN
        rows.append(marked(Row((t.hm(e.at), e.label,
                                f"{e.severity}/10 ({severity_label(e.severity)})", e.note),
                               level), e, record, t))
    return with_by(record, Table(("Time", "Side effect", "Severity", "Note"), rows,
                                 "No side effects logged."), [e.entered_by for e in effects])


def assessments_table(record: SessionRecord, t: Times) -> Table:
    rows = []
    scales = sorted(record.assessments, key=lambda a: a.at)
    for a in scales:
        meaning, level = "", PLAIN
        if a.kind == "moaas":
            meaning = MOAAS[a.score]
        elif a.kind == "phq9":
            meaning = phq9_band(a.score)
            if len(a.items) == 9:
                item9 = a.items[8]
                if item9 > 0:
                    meaning += (f"\n⚠ ITEM 9 (thoughts of self-harm): “{PHQ9_ANSWERS[item9]}” "
                                f"({item9}) — review suicide risk")
                    level = CRITICAL
                else:
                    meaning += f"; item 9: {item9} ({PHQ9_ANSWERS[item9]})"
        elif a.kind == "aldrete" and len(a.items) == len(ALDRETE):
            meaning = " · ".join(f"{label} {score}" for (label, _w), score
                                 in zip(ALDRETE.values(), a.items, strict=True))
        if a.note:
            meaning = f"{meaning}\nNote: {a.note}" if meaning else f"Note: {a.note}"
        rows.append(marked(Row((t.hm(a.at), a.label, f"{a.score}/{SCALES[a.kind].high}",
                                meaning), level), a, record, t))
    return with_by(record, Table(("Time", "Scale", "Score", "Meaning"), rows,
                                 "No scales recorded."), [a.entered_by for a in scales])


def alarms_table(record: SessionRecord, t: Times) -> Table:
    rows = []
    marks = record.marks
    for a in record.alarms:
        level = LEVELS[a.tier]
        mark = marks.alarm_mark(a)
        if mark is not None:  # kept and shown, but not an open alarm any more
            ack = (f"Raised by a reading marked {mark.status.label.lower()} "
                   f"({mark.reason}): not counted")
            if a.acknowledged:
                ack += f"\nAcknowledged {t.hm(a.acknowledged_at)} by {a.acknowledged_by}"
            rows.append(Row((t.hm(a.raised_at), a.tier.value.capitalize(),
                             "\n".join(a.messages), ack), STRUCK,
                            (STRUCK, STRUCK, STRUCK, ADVISORY)))
            continue
        if a.acknowledged:
            by = record.who(a.acknowledged_by_user) or a.acknowledged_by
            ack = f"{t.hm(a.acknowledged_at)} by {by}\nAction: {a.action}"
            if a.note:
                ack += f"\nNote: {a.note}"
            ack_level = PLAIN
        else:
            ack, ack_level = "Not acknowledged", CRITICAL
        rows.append(Row((t.hm(a.raised_at), a.tier.value.capitalize(), "\n".join(a.messages),
                         ack), PLAIN, (PLAIN, level, PLAIN, ack_level)))
    return Table(("Raised", "Tier", "Finding", "Acknowledged"), rows, "No alarm was raised.")


def _last_aldrete(record: SessionRecord) -> Assessment | None:
    found = [a for a in record.effective().assessments if a.kind == "aldrete"]
    return max(found, key=lambda a: a.at, default=None)


def discharge_facts(record: SessionRecord, t: Times) -> Facts:
    s = record.session
    score = _last_aldrete(record)
    facts: Facts = []
    if score is None:
        facts.append(("Discharge score", "No Modified Aldrete score recorded."))
    else:
        met = "met" if score.score >= s.discharge_min_aldrete else "NOT met"
        facts.append(("Discharge score", f"Modified Aldrete {score.score}/10 at "
                                         f"{t.hm(score.at)} (minimum {s.discharge_min_aldrete}: "
                                         f"{met})"))
    discharge = next((e for e in record.events if e.kind is EventKind.DISCHARGE), None)
    facts.append(("Ready for discharge", t.hm(s.discharge_ready_at)
                  if s.discharge_ready_at else "—"))
    if discharge is None:
        facts.append(("Discharged", "Not discharged yet."))
    else:
        facts.append(("Criteria", discharge.text))
        facts.append(("Discharged", t.hm(discharge.at)))
    return facts


def aldrete_table(record: SessionRecord) -> Table:
    score = _last_aldrete(record)
    rows = []
    if score is not None and len(score.items) == len(ALDRETE):
        for (label, wording), value in zip(ALDRETE.values(), score.items, strict=True):
            rows.append(Row((label, str(value), wording[value]), PLAIN if value == 2 else
                            ADVISORY))
    return Table(("Item", "Score", "Finding"), rows, "")


def signoff_text(record: SessionRecord, times: Times) -> str:
    s = record.session
    if s.signed:
        return (f"Signed by {s.signed_by} on {times.full(s.signed_at)}. The record is locked; "
                "corrections are addenda.")
    if s.phase is Phase.DISCHARGED:
        return "Not signed: completed, waiting for the psychiatrist's sign-off."
    return f"Not signed: the session is still {s.phase.value}."
