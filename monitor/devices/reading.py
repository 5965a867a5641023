"""An ORU^R01 from a monitor → the sets of device values it carries (IHE PCD-01).

One set per observation time: the NIBP systolic, diastolic and mean of one measurement
share it, and so do the numerics of one periodic report. Only what a nurse could chart
is kept: numeric (NM) results, final/corrected/real-time (OBX-11 F, C, R), in a known
unit, not a sentinel, within the plausible range, not in demo mode. Everything else is
noted in ``skipped`` (for the log), never charted. Waveforms (ORU^W01, NA/MA arrays)
carry no sets.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any

from monitor.devices.codes import measure_of
from monitor.devices.message import Received, Segment, component, unescape
from monitor.devices.times import parse_dtm
from monitor.devices.units import to_app_unit
from monitor.vitals import MEASURES

ACCEPTED_STATUS = {"F", "C", "R"}
WAVEFORM_TYPES = {"NA", "MA"}
# "no value" as monitors encode it: IEEE 11073 FLOAT NaN/NRes/±INF and common fillers
SENTINELS = {-100.0, -999.0, -9999.0, 8388606.0, 8388607.0, 8388608.0, 8388610.0,
             2046.0, 2047.0, 2048.0, 2050.0}
DEMO_PROCESSING = {"D", "T"}  # MSH-11 debugging / training: a monitor in demo mode
DEMO_WORDS = ("DEMO", "SIMUL")  # in OBX-17 (observation method) or OBX-8 (Mindray)
# plausibility for what the app does not type (mean BP, pulse rate)
EXTRA_RANGES = {"map": (30.0, 250.0), "pulse": (20.0, 250.0)}


@dataclass(frozen=True)
class DeviceSet:
    observed_at: datetime  # UTC
    values: dict[str, float]


@dataclass(frozen=True)
class DeviceReport:
    device_id: str
    location: str  # PV1-3, the point of care, when sent
    control_id: str
    sets: tuple[DeviceSet, ...]
    demo: bool = False
    waveform: bool = False
    skipped: tuple[str, ...] = field(default=())


def device_id(received: Received) -> str:
    """OBX-18 (equipment instance, e.g. an EUI-64), else MSH-3, else MSH-4."""
    for obx in received.segments("OBX"):
        eui = component(obx, 18, 1)
        if eui:
            return eui[:120]
    h = received.header
    return (h.sending_application or h.sending_facility)[:120]


def location(received: Received) -> str:
    """PV1-3's point of care, room and bed (PL.1–3), e.g. "^^CHAIR4". A part sent in
    subcomponents is read whole, its empty ones left out: Comen's bed "^^&10" is "^^10"."""
    for pv1 in received.segments("PV1"):
        if len(pv1) <= 3:
            continue
        d = pv1.delimiters
        value = pv1[3].split(d.repetition, 1)[0]
        parts = ["&".join(s for s in (unescape(sub, d).strip()
                                      for sub in part.split(d.subcomponent)) if s)
                 for part in value.split(d.component)[:3]]
        text = "^".join(parts).strip("^")
        if text:
            return text[:120]
    return ""


def read_report(received: Received, tz: tzinfo | None = None,
                local: dict[tuple[str, str], str] | None = None) -> DeviceReport:
    header = received.header
    demo = header.processing_id in DEMO_PROCESSING
    waveform = header.trigger == "W01"
    sets: dict[datetime, dict[str, float]] = {}
    skipped: list[str] = []
    if not waveform:
        _collect(received, tz, local, demo, sets, skipped)
    return DeviceReport(
        device_id=device_id(received), location=location(received),
        control_id=header.control_id, demo=demo, waveform=waveform,
        sets=tuple(DeviceSet(at, values) for at, values in sorted(sets.items()) if values),
        skipped=tuple(skipped))


def _collect(received: Received, tz: tzinfo | None, local: Any, demo: bool,
             sets: dict[datetime, dict[str, float]], skipped: list[str]) -> None:
    times: dict[str, datetime | None] = {}  # a message repeats the same few times

    def time_of(text: str) -> datetime | None:
        if text not in times:
            times[text] = parse_dtm(text, tz)
        return times[text]

    sent_at = time_of(received.header.sent_at)
    request_at = None
    for segment in received.message:
        name = segment.name
        if name == "OBR":
            request_at = time_of(component(segment, 7))
        elif name == "OBX":
            at = time_of(component(segment, 14)) or request_at or sent_at
            found = _value(segment, local, demo, skipped)
            if found is None:
                continue
            if at is None:
                skipped.append(f"OBX {component(segment, 1)}: no observation time")
                continue
            key, value = found
            values = sets.setdefault(at, {})
            if key in values:
                skipped.append(f"OBX {component(segment, 1)}: second {key} at one time")
                continue
            values[key] = value


def _value(obx: Segment, local: Any, demo: bool,
           skipped: list[str]) -> tuple[str, float] | None:
    number = component(obx, 1)
    code, text, system = obx.parts(3, 3)
    key = measure_of(code, text, system, local)
    if key is None:
        return None  # not a vital sign Chairside charts: silently ignored
    kind = component(obx, 2).upper()

    def skip(why: str) -> tuple[str, float] | None:
        skipped.append(f"OBX {number} ({key}): {why}")
        return None

    if kind in WAVEFORM_TYPES:
        return skip("waveform array")
    if kind not in ("NM", ""):
        return skip(f"value type {kind}")
    status = component(obx, 11).upper()
    if status not in ACCEPTED_STATUS:
        return skip(f"result status '{status}'")
    # a Mindray monitor in demo mode flags each result DEMO in OBX-8 (abnormal flags)
    method = "".join(obx.parts(17, 2) + obx.parts(8, 1)).upper()
    if demo or any(word in method for word in DEMO_WORDS):
        return skip("demo mode")
    raw = component(obx, 5)
    try:
        value = float(raw)
    except ValueError:
        return skip(f"not a number: {raw[:20]!r}")
    if not math.isfinite(value) or value in SENTINELS:
        return skip(f"no-value marker {raw[:20]}")
    unit, unit_text = obx.parts(6, 2)
    converted = to_app_unit(key, value, unit, unit_text)
    if converted is None:
        return skip(f"unknown unit {unit!r}/{unit_text!r}")
    low, high = _range(key)
    if not low <= converted <= high:
        return skip(f"{converted:g} outside {low:g}–{high:g} (artifact)")
    return key, round(converted, 1)


def _range(key: str) -> tuple[float, float]:
    if key in EXTRA_RANGES:
        return EXTRA_RANGES[key]
    m = MEASURES[key]
    return float(m.low), float(m.high)
