"""Session phases and the infusion clock, derived from stored events and a given time.

Nothing here counts seconds in memory: elapsed, remaining and observation time are
computed from the UTC timestamps of the session's events, so a restart (or a crash)
resumes a running session to the second.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import Enum

from monitor.clock import as_utc
from monitor.errors import TransitionRefused


class Phase(str, Enum):
    BASELINE = "baseline"
    INFUSING = "infusing"
    PAUSED = "paused"
    OBSERVATION = "observation"
    DISCHARGED = "discharged"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class EventKind(str, Enum):
    START = "start"
    PAUSE = "pause"
    RESUME = "resume"
    STOP_EARLY = "stop_early"
    END_INFUSION = "end_infusion"
    DISCHARGE = "discharge"
    NOTE = "note"
    RATE_CHANGE = "rate_change"

    @property
    def label(self) -> str:
        return _EVENT_LABELS[self]


_EVENT_LABELS = {
    EventKind.START: "Infusion started",
    EventKind.PAUSE: "Infusion paused",
    EventKind.RESUME: "Infusion resumed",
    EventKind.STOP_EARLY: "Infusion stopped early",
    EventKind.END_INFUSION: "Infusion ended",
    EventKind.DISCHARGE: "Discharged",
    EventKind.NOTE: "Note",
    EventKind.RATE_CHANGE: "Pump rate changed",
}

# phase before → event → phase after; anything else is refused.
_TRANSITIONS = {
    (Phase.BASELINE, EventKind.START): Phase.INFUSING,
    (Phase.INFUSING, EventKind.PAUSE): Phase.PAUSED,
    (Phase.PAUSED, EventKind.RESUME): Phase.INFUSING,
    (Phase.INFUSING, EventKind.STOP_EARLY): Phase.OBSERVATION,
    (Phase.PAUSED, EventKind.STOP_EARLY): Phase.OBSERVATION,
    (Phase.INFUSING, EventKind.END_INFUSION): Phase.OBSERVATION,
    (Phase.PAUSED, EventKind.END_INFUSION): Phase.OBSERVATION,
    (Phase.OBSERVATION, EventKind.DISCHARGE): Phase.DISCHARGED,
    (Phase.INFUSING, EventKind.RATE_CHANGE): Phase.INFUSING,
    (Phase.PAUSED, EventKind.RATE_CHANGE): Phase.PAUSED,
}

_REFUSALS = {
    EventKind.START: "The infusion can only be started from baseline; it is {phase} now.",
    EventKind.PAUSE: "Only a running infusion can be paused; the session is {phase}.",
    EventKind.RESUME: "Only a paused infusion can be resumed; the session is {phase}.",
    EventKind.STOP_EARLY: "Only a running or paused infusion can be stopped; "
    "the session is {phase}.",
    EventKind.END_INFUSION: "Only a running or paused infusion can be ended; "
    "the session is {phase}.",
    EventKind.DISCHARGE: "A patient can be discharged only after the infusion has ended "
    "(observation); the session is {phase}.",
    EventKind.RATE_CHANGE: "The pump rate can be changed only during the infusion; "
    "the session is {phase}.",
}

NEEDS_REASON = {EventKind.PAUSE, EventKind.STOP_EARLY, EventKind.NOTE}

# The session time a phase-changing event records: a field of ``InfusionSession`` and
# the column of the same name in storage.
PHASE_TIME = {
    EventKind.START: "started_at",
    EventKind.STOP_EARLY: "infusion_ended_at",
    EventKind.END_INFUSION: "infusion_ended_at",
    EventKind.DISCHARGE: "discharged_at",
}


def next_phase(phase: Phase, kind: EventKind) -> Phase:
    """The phase after ``kind`` happens in ``phase``; refuses what makes no sense."""
    if kind is EventKind.NOTE:
        return phase
    try:
        return _TRANSITIONS[(phase, kind)]
    except KeyError:
        raise TransitionRefused(_REFUSALS[kind].format(phase=phase.value)) from None


@dataclass(frozen=True)
class SessionEvent:
    id: int
    session_id: int
    kind: EventKind
    at: datetime
    text: str = ""
    entered_at: datetime | None = None
    value: float | None = None  # the new rate (mL/h) of a rate change
    entered_by: int | None = None  # the user who entered it (None: before accounts)


@dataclass(frozen=True)
class Pause:
    start: datetime
    end: datetime | None
    reason: str


# Replaying a stored record that breaks the rules (two workstations before the version
# check, an edited database): an event that moves the session further along its course
# (baseline → infusion → observation → discharged) is applied; one that would move it back
# or sideways (a second start, a resume with no pause) is only named in a warning.
_TOLERANT_TARGET = {
    EventKind.START: Phase.INFUSING, EventKind.PAUSE: Phase.PAUSED,
    EventKind.RESUME: Phase.INFUSING, EventKind.STOP_EARLY: Phase.OBSERVATION,
    EventKind.END_INFUSION: Phase.OBSERVATION, EventKind.DISCHARGE: Phase.DISCHARGED,
}
_COURSE_STEP = {Phase.BASELINE: 0, Phase.INFUSING: 1, Phase.PAUSED: 1,
                Phase.OBSERVATION: 2, Phase.DISCHARGED: 3}


class Timeline:
    """The phase and clocks of one session, from its events, in the order they were
    committed (their id, a database sequence), never in the order of their clocks.

    A workstation's clock may be behind another's or stepped back: an event stamped earlier
    than the one committed before it counts as happening at that earlier event's time, so
    no span is negative and elapsed time never runs backwards. A stored sequence that
    breaks the phase rules is replayed anyway and described in ``warnings``: loading never
    refuses what is stored.

    Times are handled in UTC: aware datetimes in a zone with daylight saving compare and
    subtract by wall clock in Python, which would misorder events across a DST change.
    """

    def __init__(self, planned_minutes: int, events: list[SessionEvent],
                 stored_warnings: tuple[str, ...] = ()) -> None:
        self.planned = timedelta(minutes=planned_minutes)
        self.events = [replace(e, at=as_utc(e.at)) for e in sorted(events, key=lambda e: e.id)]
        self.phase = Phase.BASELINE
        self.started_at: datetime | None = None
        self.infusion_ended_at: datetime | None = None
        self.discharged_at: datetime | None = None
        self.stopped_early_reason: str | None = None
        self.pauses: list[Pause] = []
        self.warnings: list[str] = list(stored_warnings)  # noticed when the row was read
        latest: datetime | None = None
        for event in self.events:
            latest = event.at if latest is None else max(latest, event.at)
            self._apply(replace(event, at=latest))

    def _apply(self, e: SessionEvent) -> None:
        try:
            self.phase = next_phase(self.phase, e.kind)
        except TransitionRefused as refused:
            self.warnings.append(f"{e.kind.label} at {e.at:%Y-%m-%d %H:%M} UTC breaks the "
                                 f"rules: {refused} The record is shown as stored.")
            target = _TOLERANT_TARGET.get(e.kind, self.phase)
            if _COURSE_STEP[target] <= _COURSE_STEP[self.phase]:
                return
            self.phase = target
        if e.kind is EventKind.START:
            self.started_at = e.at
        elif e.kind is EventKind.PAUSE:
            self.pauses.append(Pause(e.at, None, e.text))
        elif e.kind is EventKind.RESUME:
            self._close_open_pause(e.at)
        elif e.kind in (EventKind.STOP_EARLY, EventKind.END_INFUSION):
            self._close_open_pause(e.at)
            self.infusion_ended_at = e.at
            if e.kind is EventKind.STOP_EARLY:
                self.stopped_early_reason = e.text
        elif e.kind is EventKind.DISCHARGE:
            self.discharged_at = e.at

    def _close_open_pause(self, at: datetime) -> None:
        if self.pauses and self.pauses[-1].end is None:
            last = self.pauses[-1]
            self.pauses[-1] = Pause(last.start, at, last.reason)

    # --- clocks -------------------------------------------------------------------

    def elapsed(self, now: datetime) -> timedelta:
        """Infusion time run so far, pauses excluded."""
        now = as_utc(now)
        if self.started_at is None:
            return timedelta(0)
        end = min(now, self.infusion_ended_at or now)
        run = end - self.started_at
        for p in self.pauses:
            p_end = min(p.end or end, end)
            if p_end > p.start:
                run -= p_end - p.start
        return max(run, timedelta(0))

    def remaining(self, now: datetime) -> timedelta:
        """Planned minus elapsed; negative once the planned time is over."""
        return self.planned - self.elapsed(now)

    def planned_end(self, now: datetime) -> datetime | None:
        """When the infusion will reach its planned time if it runs on from now."""
        now = as_utc(now)
        if self.phase in (Phase.INFUSING, Phase.PAUSED):
            return now + self.remaining(now)
        if self.phase is Phase.BASELINE:
            return None
        return self.infusion_ended_at

    def observation_elapsed(self, now: datetime) -> timedelta | None:
        now = as_utc(now)
        if self.infusion_ended_at is None:
            return None
        end = self.discharged_at or now
        return max(end - self.infusion_ended_at, timedelta(0))

    def planned_time_reached(self, now: datetime) -> bool:
        return self.phase is Phase.INFUSING and self.remaining(now) <= timedelta(0)

    def infusion_segments(self, now: datetime) -> list[tuple[datetime, datetime]]:
        """Spans when the drug was running (for shading charts)."""
        now = as_utc(now)
        if self.started_at is None:
            return []
        end = self.infusion_ended_at or now
        segments, cursor = [], self.started_at
        for p in self.pauses:
            segments.append((cursor, p.start))
            cursor = p.end or end
        if cursor < end:
            segments.append((cursor, end))
        return [(a, b) for a, b in segments if b > a]

    def pause_spans(self, now: datetime) -> list[tuple[datetime, datetime, str]]:
        now = as_utc(now)
        return [(p.start, p.end or now, p.reason) for p in self.pauses]

    @property
    def phase_label(self) -> str:
        if self.phase is Phase.OBSERVATION and self.stopped_early_reason is not None:
            return "Observation (stopped early)"
        return self.phase.label
