"""A patient's course at a glance: one summary row per session, and the mood trends.

Response is a drop of 50 % or more from the course's first score; remission is PHQ-9
below 5 or MADRS 10 or less (clinical reference).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from monitor.assessments import Assessment, phq9_item9
from monitor.scales import SCALES
from monitor.session_record import SessionRecord
from monitor.timeline import Phase

RESPONSE_DROP = 0.5


@dataclass(frozen=True)
class SessionSummary:
    session_id: int
    opened_at: datetime
    chair: str
    phase: Phase
    mg_per_kg: float
    total_mg: float
    planned_minutes: int
    infusion_minutes: float | None  # actual, pauses excluded; None if never started
    stopped_early: str | None  # the reason, when the infusion was stopped before the plan
    baseline_bp: tuple[int, int] | None
    peak_bp: tuple[int, int] | None  # highest systolic after the start, with its diastolic
    sbp_rise: int | None
    lowest_spo2: int | None
    highest_hr: int | None
    peak_dissociation: int | None  # 0–10 (side effect or quick rating)
    worst_nausea: int | None
    rescue_medications: tuple[str, ...]
    alarm_count: int
    minutes_to_ready: float | None  # end of infusion → first met discharge criteria
    phq9: int | None
    phq9_item9: bool
    madrs: int | None
    signed: bool
    # after sign-off corrections are addenda: those naming a medication given or a score
    # of this session, as "Ondansetron 4 mg: Dose was 8 mg (Dr Quinn)"
    corrected_medications: tuple[str, ...] = ()
    corrected_scores: tuple[str, ...] = ()


def summarize(record: SessionRecord, now: datetime) -> SessionSummary:
    """The session's row, from the entries that count (an artifact SBP 185 is not its
    peak rise, a medication entered in error not a rescue)."""
    record = record.effective()
    s = record.session
    timeline = record.timeline
    after = [v for v in record.vitals if s.started_at and v.taken_at > s.started_at]
    base = record.baseline()
    peak = max(after, key=lambda v: (v.values.sbp, v.values.dbp), default=None)
    everything = record.vitals
    phq9 = _last(record, "phq9")
    ready = None
    if s.discharge_ready_at and s.infusion_ended_at:
        ready = (s.discharge_ready_at - s.infusion_ended_at).total_seconds() / 60
    return SessionSummary(
        session_id=s.id, opened_at=s.created_at, chair=s.chair, phase=s.phase,
        mg_per_kg=s.mg_per_kg, total_mg=s.total_mg, planned_minutes=s.planned_minutes,
        stopped_early=timeline.stopped_early_reason,
        infusion_minutes=(timeline.elapsed(now).total_seconds() / 60
                          if s.started_at else None),
        baseline_bp=(base.values.sbp, base.values.dbp) if base else None,
        peak_bp=(peak.values.sbp, peak.values.dbp) if peak else None,
        sbp_rise=(peak.values.sbp - base.values.sbp) if peak and base else None,
        lowest_spo2=min((v.values.spo2 for v in everything), default=None),
        highest_hr=max((v.values.hr for v in everything), default=None),
        peak_dissociation=_peak_dissociation(record),
        worst_nausea=max((e.severity for e in record.side_effects if e.kind == "nausea"),
                         default=None),
        rescue_medications=tuple(f"{m.drug} {m.dose:g} {m.unit}" for m in record.medications),
        alarm_count=len(record.alarms),
        minutes_to_ready=ready,
        phq9=phq9.score if phq9 else None,
        # any PHQ-9 of the session with item 9 above 0 flags it, not only the last one
        phq9_item9=any(phq9_item9(a.items) for a in record.assessments if a.kind == "phq9"),
        madrs=_score(record, "madrs"),
        signed=s.signed,
        corrected_medications=_corrected(record, "medication"),
        corrected_scores=_corrected(record, "assessment"),
    )


def _corrected(record: SessionRecord, kind: str) -> tuple[str, ...]:
    """The addenda that correct an entry of ``kind``, each beside the entry it names."""
    entries = {e.id: e for e in (record.medications if kind == "medication"
                                 else record.assessments)}
    found = []
    for a in record.addenda:
        if a.corrects_kind == kind and a.corrects_id in entries:
            found.append(f"{entries[a.corrects_id].summary()}: {a.text} ({a.author})")
    return tuple(found)


def _last(record: SessionRecord, kind: str) -> Assessment | None:
    found = [a for a in record.assessments if a.kind == kind]
    return max(found, key=lambda a: a.at, default=None)


def _score(record: SessionRecord, kind: str) -> int | None:
    last = _last(record, kind)
    return last.score if last else None


def _peak_dissociation(record: SessionRecord) -> int | None:
    values = [e.severity for e in record.side_effects if e.kind == "dissociation"]
    values += [a.score for a in record.assessments if a.kind == "dissociation"]
    return max(values, default=None)


@dataclass(frozen=True)
class TrendPoint:
    session_number: int  # 1-based, in course order
    session_id: int
    opened_at: datetime
    score: int
    change: float | None  # fraction from the first score (−0.5 = halved)
    response: bool
    remission: bool


def trend(summaries: list[SessionSummary], scale: str) -> list[TrendPoint]:
    """Scores of one scale ("phq9" or "madrs") by session, marked for response and
    remission against the course's first score."""
    points: list[TrendPoint] = []
    first = None
    for number, s in enumerate(summaries, 1):
        score = getattr(s, scale)
        if score is None:
            continue
        first = score if first is None else first
        change = (score - first) / first if first else None
        response = change is not None and change <= -RESPONSE_DROP
        points.append(TrendPoint(number, s.session_id, s.opened_at, score, change, response,
                                 SCALES[scale].remitted(score)))
    return points
