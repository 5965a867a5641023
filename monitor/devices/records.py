"""Monitors, their bindings to chairs and what they sent, as the screens see them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from monitor.devices.reading import DeviceReport


@dataclass(frozen=True)
class Device:
    id: int
    key: str  # the id it sends (OBX-18, MSH-3 or MSH-4)
    location: str  # PV1-3, when it sends one
    last_seen_at: datetime
    chair: str | None = None  # bound to now, if any
    bound_at: datetime | None = None
    bound_how: str = ""  # "assigned" (a person) or "point of care" (its PV1-3)


@dataclass(frozen=True)
class DeviceObservation:
    id: int
    device_id: int
    device_key: str
    chair: str | None
    observed_at: datetime
    received_at: datetime
    values: dict[str, float] = field(default_factory=dict)
    artifact: bool = False  # marked so by a nurse: drawn, never validated


@dataclass(frozen=True)
class ToStore:
    """One message the listener stores: its report and its text as received."""

    report: DeviceReport
    message: str
    sent_at: datetime | None = None  # MSH-7, the row's time when no set was read
