"""Everything about one session, as a screen or a report shows it, with what derives
from it (timeline, vitals schedule, dose delivered)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from monitor.alarms import Alarm, highest_open
from monitor.assessments import Assessment
from monitor.changes import Change
from monitor.corrections import Correction, Marks, effective
from monitor.medications import MedicationGiven
from monitor.protocol import exact_mg
from monitor.pump import delivered_mg
from monitor.records import InfusionSession, Patient
from monitor.review import Addendum
from monitor.schedule import Schedule, VitalsDue
from monitor.side_effects import SideEffect
from monitor.timeline import EventKind, SessionEvent, Timeline
from monitor.vitals import AlarmCheck, VitalsSet


@dataclass
class SessionRecord:
    session: InfusionSession
    patient: Patient
    events: list[SessionEvent] = field(default_factory=list)
    vitals: list[VitalsSet] = field(default_factory=list)
    side_effects: list[SideEffect] = field(default_factory=list)
    alarms: list[Alarm] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    medications: list[MedicationGiven] = field(default_factory=list)
    addenda: list[Addendum] = field(default_factory=list)
    # user id → "Dana Whitfield, MD": who made the entries (not part of the signed digest)
    users: dict[int, str] = field(default_factory=dict)

    def who(self, user_id: int | None) -> str:
        """The name of the user who made an entry; "" before accounts existed."""
        return self.users.get(user_id, f"user {user_id}") if user_id else ""
    corrections: list[Correction] = field(default_factory=list)

    @property
    def marks(self) -> Marks:
        return Marks.of(self.corrections)

    def effective(self) -> SessionRecord:
        """Only the entries that count (``monitor.corrections``): what alarms, schedule,
        pre-fills, summaries and trends read."""
        return effective(self)

    @property
    def timeline(self) -> Timeline:
        return Timeline(self.session.planned_minutes, self.events, self.session.warnings)

    def baseline(self) -> VitalsSet | None:
        """The baseline set, an artifact or an entry in error never being one."""
        return baseline_of(self.effective().vitals, self.session.started_at)

    @property
    def schedule(self) -> Schedule:
        s = self.session
        return Schedule.minutes(s.vitals_every_infusing_min, s.vitals_every_observation_min,
                                s.overdue_after_min)

    @property
    def alarm_check(self) -> AlarmCheck:
        return AlarmCheck(self.session.limits)

    def vitals_due(self, now: datetime, timeline: Timeline | None = None) -> VitalsDue | None:
        return self.schedule.due(timeline or self.timeline,
                                 [v.taken_at for v in self.effective().vitals], now)

    def rates(self) -> list[tuple[datetime, float]]:
        """(from when, mL/h): the rate set at the start, then each change in the order
        entered (two at the same second: the later entry is the rate that holds)."""
        s = self.session
        if s.started_at is None or s.pump_rate_ml_h is None:
            return []
        return [(s.started_at, s.pump_rate_ml_h), *self._rate_changes()]

    def exact_rates(self) -> list[tuple[datetime, float]]:
        """As ``rates``, but the starting rate exact (dose ÷ concentration over the
        planned time), unrounded by the pump's resolution: the delivered estimate."""
        s = self.session
        if s.started_at is None or s.pump_rate_ml_h is None or not s.concentration_mg_ml:
            return []
        exact = (exact_mg(s.weight_kg, s.mg_per_kg) * 60
                 / (Decimal(str(s.concentration_mg_ml)) * s.planned_minutes))
        return [(s.started_at, float(exact)), *self._rate_changes()]

    def _rate_changes(self) -> list[tuple[datetime, float]]:
        changes = [e for e in self.events
                   if e.kind is EventKind.RATE_CHANGE and e.value is not None]
        return [(e.at, float(e.value or 0))
                for e in sorted(changes, key=lambda e: (e.at, e.id))]

    def current_rate(self) -> float | None:
        rates = self.rates()
        return rates[-1][1] if rates else None

    def delivered_mg(self, now: datetime, timeline: Timeline | None = None) -> float | None:
        """Dose delivered so far, estimated from the pump rates; None without a bag."""
        s = self.session
        if s.concentration_mg_ml is None:
            return None
        segments = (timeline or self.timeline).infusion_segments(now)
        return delivered_mg(segments, self.exact_rates(), s.concentration_mg_ml,
                            s.bag_volume_ml)

    def bag_mg(self) -> float | None:
        """What the bag holds (volume × concentration); None without a bag."""
        s = self.session
        if s.concentration_mg_ml is None or s.bag_volume_ml is None:
            return None
        return s.bag_volume_ml * s.concentration_mg_ml

    def open_alarm(self) -> Alarm | None:
        """The alarm to show; one raised by a set marked as an artifact is not open."""
        return highest_open(self.effective().alarms)

    def replace_alarm(self, alarm: Alarm) -> None:
        self.alarms = [alarm if a.id == alarm.id else a for a in self.alarms]

    def apply(self, change: Change) -> None:
        """Folds a change just stored into this record (the one place that does)."""
        if change.session is not None:
            self.session = change.session
        entry = change.entry
        if isinstance(entry, Alarm):
            self.replace_alarm(entry)
            return
        if entry is None:
            return
        getattr(self, _LIST_OF[type(entry)]).append(entry)
        if isinstance(entry, VitalsSet) and entry.alarm is not None:
            self.alarms.append(entry.alarm)


# Which list of the record holds each kind of entry.
_LIST_OF = {VitalsSet: "vitals", SideEffect: "side_effects", SessionEvent: "events",
            Assessment: "assessments", MedicationGiven: "medications", Addendum: "addenda",
            Correction: "corrections"}


def baseline_of(vitals: list[VitalsSet], started_at: datetime | None) -> VitalsSet | None:
    """The last vitals set taken before the infusion started (or so far, before it)."""
    before = [v for v in vitals if started_at is None or v.taken_at <= started_at]
    return max(before, key=lambda v: v.taken_at, default=None)
