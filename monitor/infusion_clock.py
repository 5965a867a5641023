"""The clock's figures from one reading: elapsed and remaining come from the same whole
number of seconds, so on screen they always add up to the planned time (00:08 + 39:52,
never 00:08 + 39:51 from two separate roundings of 8.6 s)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from monitor.clock import as_utc, mmss
from monitor.timeline import Phase, Timeline


@dataclass(frozen=True)
class InfusionClock:
    """Whole seconds: ``elapsed`` run so far (pauses excluded), ``planned``, and the
    current pause's length while paused."""

    elapsed: int
    planned: int
    paused_for: int | None = None

    @property
    def remaining(self) -> int:
        """Planned minus elapsed: negative once over the planned time."""
        return self.planned - self.elapsed

    @property
    def over(self) -> bool:
        return self.remaining < 0

    def remaining_text(self) -> str:
        return mmss(self.remaining) if self.remaining >= 0 else f"+{mmss(-self.remaining)}"


def infusion_clock(timeline: Timeline, now: datetime) -> InfusionClock:
    elapsed = math.floor(timeline.elapsed(now).total_seconds())
    paused_for = None
    if timeline.phase is Phase.PAUSED and timeline.pauses and timeline.pauses[-1].end is None:
        paused_for = max(0, math.floor((as_utc(now) - timeline.pauses[-1].start)
                                       .total_seconds()))
    return InfusionClock(elapsed, math.floor(timeline.planned.total_seconds()), paused_for)


def observation_clock(observed_seconds: float, minimum_seconds: int) -> tuple[int, int]:
    """(observed, left of the minimum) in whole seconds from one reading."""
    observed = math.floor(observed_seconds)
    return observed, minimum_seconds - observed
