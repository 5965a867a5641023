"""The session summary's lines on the monitor feed: which monitors fed the chart, how
many values, and the silences longer than the clinic's setting (the gaps)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from monitor.devices.gaps import gaps
from monitor.devices.records import DeviceObservation


def feed_summary(values: list[DeviceObservation], silence: timedelta, until: datetime,
                 hm: Callable[[datetime], str]) -> str:
    """'' when no monitor fed this session (nothing to say)."""
    if not values:
        return ""
    devices = sorted({o.device_key for o in values})
    head = (f"{len(values)} monitor observations from {', '.join(devices)} "
            f"({hm(values[0].observed_at)}–{hm(values[-1].observed_at)}); charted for "
            "reference; in the record only where the nurse validated a set.")
    artifacts = sum(o.artifact for o in values)
    if artifacts:
        head += f" {artifacts} marked as artifacts by the nurse."
    found = gaps([o.observed_at for o in values], silence, now=until)  # and at the end
    limit = int(silence.total_seconds())
    if not found:
        return head + f" No silences longer than {limit} s."
    listed = "; ".join(f"{hm(g.start)}–{hm(g.end) if g.end else 'end'}" for g in found)
    return head + f" Silences longer than {limit} s (gaps): {listed}."
