"""Where a bound monitor's feed stopped: silences longer than the clinic's setting
between its values (or since the last one, while the session runs). Drawn as bands on
the chart and listed in the PDF."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Gap:
    start: datetime  # the last value before the silence
    end: datetime | None  # the first value after it; None while still silent

    def text(self, fmt: str = "%H:%M:%S") -> str:
        end = self.end.strftime(fmt) if self.end else "still silent"
        return f"{self.start.strftime(fmt)} – {end}"


def gaps(times: Iterable[datetime], silence: timedelta,
         now: datetime | None = None) -> list[Gap]:
    ordered = sorted(set(times))
    found = [Gap(a, b) for a, b in zip(ordered, ordered[1:], strict=False) if b - a > silence]
    if now is not None and ordered and now - ordered[-1] > silence:
        found.append(Gap(ordered[-1], None))
    return found


def seconds_ago(last: datetime | None, now: datetime) -> str:
    """"last value 12 s ago", as the chair's feed status says it."""
    if last is None:
        return "no value yet"
    s = max(0, int((now - last).total_seconds()))
    if s < 120:
        return f"last value {s} s ago"
    return f"last value {s // 60} min ago"
