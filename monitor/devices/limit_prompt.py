"""A documentation prompt when the monitor's latest values cross the session's limits.

Chairside does not alarm on monitor values — the monitor's own alarms remain the alarm
system — but a value beyond a limit should reach the record: the nurse validates the set
(which then raises the app's alarm and its acknowledgement like a typed set) or documents
why not (an artifact, a note)."""

from __future__ import annotations

from collections.abc import Iterable

from monitor.devices.latest import MonitorSet
from monitor.vitals import MEASURES, Limit, VitalsValues, tier_reached


def documentation_prompt(latest: MonitorSet | None, limits: Iterable[Limit],
                         baseline: VitalsValues | None = None) -> str:
    """'' when nothing the monitor sent lately crosses a limit."""
    if latest is None:
        return ""
    limits = tuple(limits)
    found = []
    for key, value in latest.values.items():
        if key not in MEASURES:
            continue
        m = MEASURES[key]
        tier = tier_reached(limits, key, value)
        if tier is not None:
            found.append(f"{m.label} {value:g} {m.unit} ({tier.value})")
            continue
        base = getattr(baseline, key, None) if baseline is not None else None
        if base is None:
            continue
        rise = tier_reached(limits, key, value - base, relative=True)
        if rise is not None:
            found.append(f"{m.label} {value:g} ({value - base:+g} over baseline, "
                         f"{rise.value})")
    if not found:
        return ""
    return ("Monitor values beyond the session's limits: " + "; ".join(found)
            + ". Validate the set into the record (Ctrl+Shift+V) or document why not.")
