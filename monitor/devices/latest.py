"""The latest monitor set of a chair: the newest value of each measure, each with its
time, and the vitals set a nurse validates from it.

A monitor reports NIBP when a cuff cycle ends and the other numerics periodically, so
"the set" is assembled from the newest value of each. Missing values (no respiratory
rate without capnography) are typed by the nurse (``edits``); nothing is invented.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from monitor.devices.records import DeviceObservation
from monitor.errors import InvalidEntry
from monitor.vitals import MEASURES, VitalsValues

REQUIRED = ("sbp", "dbp", "hr", "spo2", "rr")


def as_recorded(key: str, value: float) -> float:
    """A monitor's value at the record's resolution (whole numbers; temperature to 0.1),
    half up as a nurse reads it (HR 74.5 is 75, not Python's 74). The screen shows this value and
    the validated set stores this value; the raw one stays in the device observation."""
    step = Decimal("0.1") if key == "temp_c" else Decimal(1)
    return float(Decimal(repr(value)).quantize(step, rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class MonitorSet:
    device_key: str
    values: dict[str, float]
    times: dict[str, datetime]
    observation_ids: tuple[int, ...] = ()  # the observations its values come from

    @property
    def taken_at(self) -> datetime:
        """The blood pressure's time (the slowest measure), else the newest."""
        return self.times.get("sbp") or max(self.times.values())

    def vitals(self, edits: dict[str, float | None] | None = None) -> VitalsValues:
        """The set to record: the monitor's values with the nurse's ``edits`` (a
        temperature edited to None is left out)."""
        values: dict[str, float | None] = dict(self.values)
        if "hr" not in values and "pulse" in values:
            values["hr"] = values["pulse"]  # the oximeter's pulse rate when no ECG
        values.update(edits or {})
        missing = [k for k in REQUIRED if values.get(k) is None]
        if missing:
            names = ", ".join(MEASURES[k].label for k in missing)
            raise InvalidEntry(f"The monitor sent no {names}: type it to validate the set.",
                               missing[0])
        temp = values.get("temp_c")
        v = {k: int(as_recorded(k, float(values[k] or 0))) for k in REQUIRED}  # all there
        return VitalsValues(sbp=v["sbp"], dbp=v["dbp"], hr=v["hr"], spo2=v["spo2"],
                            rr=v["rr"],
                            temp_c=as_recorded("temp_c", temp) if temp is not None else None)

    @property
    def recorded(self) -> dict[str, float]:
        """Each value as it is shown and as a validated set stores it (``as_recorded``)."""
        return {k: as_recorded(k, x) for k, x in self.values.items()}

    @property
    def source(self) -> str:
        return f"monitor {self.device_key}"[:40]


def latest_set(observations: Iterable[DeviceObservation]) -> MonitorSet | None:
    """From one chair's observations (one monitor: the one bound now); observations
    marked as artifacts are left out."""
    values: dict[str, float] = {}
    times: dict[str, datetime] = {}
    source: dict[str, int] = {}
    device = ""
    for o in sorted(observations, key=lambda o: (o.observed_at, o.id)):
        if device and o.device_key != device:
            values, times, source = {}, {}, {}  # another monitor took the chair: afresh
        device = o.device_key
        if o.artifact:  # the nurse said so: its values are not the patient's
            continue
        for key, value in o.values.items():
            values[key], times[key], source[key] = value, o.observed_at, o.id
    if not values:
        return None
    return MonitorSet(device, values, times, tuple(sorted(set(source.values()))))
