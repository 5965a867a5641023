"""A patient's course at a glance: one summary row per session, and the mood trends.

Response is a drop of 50 % or more from the course's first score; remission is PHQ-9
below 5 or MADRS 10 or less (clinical reference).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import datetime

from monitor.assessments import Assessment, phq9_item9
from monitor.pump import beyond_plan
from monitor.scales import SCALES
from monitor.session_record import SessionRecord
from monitor.side_effects import KINDS as SIDE_EFFECT_KINDS
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
    # issue 9 §5: what a psychiatrist reads across a course at a glance
    infusion_started_at: datetime | None = None
    delivered_mg: float | None = None  # the pump estimate; None without a bag
    beyond_plan: str = ""  # in words, when the estimate is past the planned dose
    ran_over: bool = False  # ran longer than the planned minutes (whole minutes)
    pauses: int = 0
    paused_minutes: float = 0.0
    lowest_moaas: int | None = None
    worst_side_effects: tuple[tuple[str, int], ...] = ()  # (label, 0–10), worst first
    vitals_gaps: int = 0  # spans past the schedule's interval + overdue tolerance
    longest_gap_minutes: float | None = None  # from the due time to the next reading
    rescue_totals: tuple[str, ...] = ()  # each drug summed: "Ondansetron 8 mg IV (2 doses)"
    days_since_previous: float | None = None  # since the patient's previous infusion

    @property
    def overrun(self) -> bool:
        return self.ran_over or bool(self.beyond_plan)


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
        **_glance(record, now),
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


def summarize_all(records: list[SessionRecord], now: datetime) -> list[SessionSummary]:
    """Every session of a patient (oldest first), each with the days since the
    patient's previous infusion, whichever course that one belonged to."""
    out, previous = [], None
    for record in records:
        s = summarize(record, now)
        start = s.infusion_started_at
        if start is not None:
            if previous is not None:
                s = replace(s, days_since_previous=(start - previous).total_seconds() / 86400)
            previous = start
        out.append(s)
    return out


def _glance(record: SessionRecord, now: datetime) -> dict:
    s, timeline = record.session, record.timeline
    delivered = record.delivered_mg(now, timeline) if s.started_at else None
    minutes = timeline.elapsed(now).total_seconds() / 60 if s.started_at else None
    spans = timeline.pause_spans(now)
    gaps = record.schedule.gaps(timeline, [v.taken_at for v in record.vitals], now)
    return dict(
        infusion_started_at=s.started_at,
        delivered_mg=delivered,
        beyond_plan=(beyond_plan(delivered, s.total_mg, record.bag_mg())
                     if delivered is not None else ""),
        ran_over=minutes is not None and round(minutes) > s.planned_minutes,
        pauses=len(spans),
        paused_minutes=sum((b - a).total_seconds() for a, b, _r in spans) / 60,
        lowest_moaas=min((a.score for a in record.assessments if a.kind == "moaas"),
                         default=None),
        worst_side_effects=_worst_side_effects(record),
        vitals_gaps=len(gaps),
        longest_gap_minutes=max(((b - a).total_seconds() / 60 for a, b in gaps),
                                default=None),
        rescue_totals=_rescue_totals(record),
    )


def _worst_side_effects(record: SessionRecord) -> tuple[tuple[str, int], ...]:
    worst: dict[str, int] = {}
    for e in record.side_effects:
        worst[e.kind] = max(worst.get(e.kind, 0), e.severity)
    order = list(SIDE_EFFECT_KINDS)
    ranked = sorted(worst.items(), key=lambda kv: (-kv[1], order.index(kv[0])
                                                   if kv[0] in order else len(order)))
    return tuple((SIDE_EFFECT_KINDS.get(k, k), v) for k, v in ranked)


def _rescue_totals(record: SessionRecord) -> tuple[str, ...]:
    """Each drug given, its doses summed (same unit and route), in the order first given."""
    total: dict[tuple[str, str, str], float] = defaultdict(float)
    count: dict[tuple[str, str, str], int] = defaultdict(int)
    for m in sorted(record.medications, key=lambda m: (m.at, m.id)):
        key = (m.drug, m.unit, m.route)
        total[key] += m.dose
        count[key] += 1
    return tuple(f"{drug} {round(total[k], 3):g} {unit} {route}".rstrip()
                 + (f" ({count[k]} doses)" if count[k] > 1 else "")
                 for k in total for drug, unit, route in [k])


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
