"""Guards a paper chart cannot give: ending before the planned time, discharging before
the protocol's observation, and discharging with a severe side effect or deep sedation
that nobody reassessed. Each names what is short; the nurse may still go on with a reason,
and the reason is recorded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from monitor.safety_settings import SafetySettings
from monitor.session_record import SessionRecord
from monitor.timeline import Timeline


def clock_text(span: timedelta) -> str:
    """m:ss, as the session clock shows it (2:55)."""
    seconds = max(int(span.total_seconds()), 0)
    return f"{seconds // 60}:{seconds % 60:02d}"


@dataclass(frozen=True)
class EarlyEnd:
    """An infusion ended before its planned time: what ran and what is short."""

    ran: timedelta
    planned_minutes: int
    delivered_mg: float | None
    planned_mg: float

    @property
    def short(self) -> timedelta:
        return timedelta(minutes=self.planned_minutes) - self.ran

    def text(self) -> str:
        line = (f"The infusion has run {clock_text(self.ran)} of the planned "
                f"{self.planned_minutes} min: {clock_text(self.short)} short")
        if self.delivered_mg is not None:
            left = max(self.planned_mg - self.delivered_mg, 0)
            line += (f", ≈ {self.delivered_mg:.1f} of {self.planned_mg:g} mg delivered "
                     f"({left:.1f} mg short)")
        return line + "."


def early_end(record: SessionRecord, now: datetime, safety: SafetySettings,
              timeline: Timeline | None = None) -> EarlyEnd | None:
    """The shortfall when ending now is earlier than the planned time by the tolerance
    or more; None when ending now is a normal end."""
    tl = timeline or record.timeline
    if tl.remaining(now) < timedelta(minutes=safety.early_end_tolerance_min):
        return None
    s = record.session
    return EarlyEnd(tl.elapsed(now), s.planned_minutes, record.delivered_mg(now, tl),
                    s.total_mg)


def discharge_concerns(record: SessionRecord, now: datetime,
                       safety: SafetySettings) -> list[str]:
    """What stands against discharging now besides the Aldrete, escort and driving: an
    observation shorter than the protocol's, and a severe side effect or a MOAA/S below
    fully alert whose latest entry is still that (no later reassessment)."""
    found = []
    record = record.effective()  # an entry marked in error or artifact raises no concern
    watched = record.timeline.observation_elapsed(now)
    minimum = timedelta(minutes=record.session.observation_minutes)
    if watched is not None and watched < minimum:
        found.append(f"Observation {clock_text(watched)} of the protocol's "
                     f"{record.session.observation_minutes} min.")
    latest = {}
    for effect in sorted(record.side_effects, key=lambda e: (e.at, e.id)):
        latest[effect.label] = effect  # the last entry of each kind is its reassessment
    for label, effect in latest.items():
        if effect.severity >= safety.severe_side_effect:
            found.append(f"Severe side effect, {label.lower()} {effect.severity}/10, with "
                         "no later reassessment.")
    moaas = [a for a in record.assessments if a.kind == "moaas"]
    last = max(moaas, key=lambda a: (a.at, a.id), default=None)
    if last is not None and last.score < safety.alert_moaas:
        found.append(f"MOAA/S {last.score} (below {safety.alert_moaas}) with no later "
                     "reassessment.")
    return found
