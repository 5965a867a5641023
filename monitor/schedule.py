"""When the next vitals set is due, and when it is overdue.

Baseline before the start; then every N minutes while infusing (paused included: the
patient is still being watched) and every M minutes in observation. A set is *overdue*
once the due time has passed by the grace minutes (2 by default: a "no reading in N
minutes" reminder halved gaps in anaesthesia charting, Nair 2013).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from monitor.clock import mmss
from monitor.timeline import Phase, Timeline


@dataclass(frozen=True)
class VitalsDue:
    due_at: datetime
    overdue: bool
    baseline: bool = False

    def text(self, now: datetime) -> str:
        if self.baseline:
            return "Baseline vitals needed before the start"
        left = (self.due_at - now).total_seconds()
        if self.overdue:
            return f"Vitals overdue by {mmss(-left)}"
        if left < 0:
            return f"Vitals due now ({mmss(-left)} ago)"
        return f"Next vitals in {mmss(left)}"


@dataclass(frozen=True)
class Schedule:
    every_infusing: timedelta
    every_observation: timedelta
    grace: timedelta

    @classmethod
    def minutes(cls, infusing: int, observation: int, grace: int) -> Schedule:
        return cls(timedelta(minutes=infusing), timedelta(minutes=observation),
                   timedelta(minutes=grace))

    def due(self, timeline: Timeline, taken: list[datetime], now: datetime) -> VitalsDue | None:
        """The next set due now, or None when nothing is scheduled (discharged)."""
        phase = timeline.phase
        if phase is Phase.BASELINE:
            if taken:
                return None
            return VitalsDue(now, False, baseline=True)
        if phase is Phase.DISCHARGED:
            return None
        if phase is Phase.OBSERVATION:
            anchor, every = timeline.infusion_ended_at, self.every_observation
        else:
            anchor, every = timeline.started_at, self.every_infusing
        assert anchor is not None, "a started phase has its start time"
        last = max((t for t in taken if t >= anchor), default=anchor)
        due_at = last + every
        return VitalsDue(due_at, now > due_at + self.grace)

    def gaps(self, timeline: Timeline, taken: list[datetime], until: datetime
             ) -> list[tuple[datetime, datetime]]:
        """Spans during which vitals were overdue (for the record and the PDF).

        A gap runs from the due time to the next reading (or the end of the infusion,
        where the observation schedule starts afresh, as ``due`` does).
        """
        start, ended = timeline.started_at, timeline.infusion_ended_at
        if start is None:
            return []
        end = timeline.discharged_at or until
        gaps: list[tuple[datetime, datetime]] = []
        last = start
        for t in [*sorted(t for t in taken if start <= t <= end), end]:
            if ended and last < ended <= t:
                if ended > last + self.every_infusing + self.grace:
                    gaps.append((last + self.every_infusing, ended))
                last = ended
            every = self.every_observation if ended and last >= ended else self.every_infusing
            if t > last + every + self.grace:
                gaps.append((last + every, t))
            last = max(last, t)
        return gaps
