"""Vitals sets: plausibility (typos are refused) and alarm limits (stored and flagged).

Numbers are the clinical reference's defaults. A value outside the plausibility limits is
almost certainly a typo (SBP 1200) and is not stored; a value beyond an alarm limit is a
clinical finding and is stored with a flag naming the limit crossed.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING

from monitor.errors import InvalidEntry

if TYPE_CHECKING:
    from monitor.alarms import Alarm


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    unit: str
    low: float  # plausibility
    high: float


MEASURES = {
    m.key: m
    for m in (
        Measure("sbp", "Systolic BP", "mmHg", 40, 300),
        Measure("dbp", "Diastolic BP", "mmHg", 20, 200),
        Measure("hr", "Heart rate", "/min", 20, 250),
        Measure("spo2", "SpO₂", "%", 50, 100),
        Measure("rr", "Respiratory rate", "/min", 2, 60),
        Measure("temp_c", "Temperature", "°C", 30, 43),
    )
}


@dataclass(frozen=True)
class VitalsValues:
    sbp: int
    dbp: int
    hr: int
    spo2: int
    rr: int
    temp_c: float | None = None


@dataclass(frozen=True)
class VitalsSet:
    """One stored reading. Times are UTC."""

    id: int
    session_id: int
    taken_at: datetime
    values: VitalsValues
    source: str
    entered_at: datetime
    flags: tuple[str, ...] = ()
    tier: Tier | None = None  # the worst tier among the flags, stored with the set
    alarm: Alarm | None = None  # the alarm it raised, when just recorded
    entered_by: int | None = None  # the user who entered it (None: before accounts)
    # a validated monitor set the nurse changed first (monitor.devices.edits); '' if not
    device_edits: str = ""

    @property
    def from_monitor(self) -> bool:
        return self.source.startswith("monitor ")

    @property
    def critical(self) -> bool:
        return self.tier is Tier.CRITICAL

    def with_alarm(self, alarm: Alarm) -> VitalsSet:
        return replace(self, alarm=alarm)


class VitalsRejected(InvalidEntry):
    """One or more typo-level values; ``problems`` maps each field to its message."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__(" ".join(problems.values()), next(iter(problems)))
        self.problems = problems


def plausibility_problems(values: VitalsValues) -> dict[str, str]:
    """Field → message for every value that cannot be real; empty when all are plausible."""
    problems: dict[str, str] = {}
    for f in fields(values):
        value = getattr(values, f.name)
        if value is None:
            continue
        m = MEASURES[f.name]
        if not (m.low <= value <= m.high):
            problems[f.name] = (
                f"{m.label} {value:g} is not plausible: allowed {m.low:g}–{m.high:g} {m.unit}."
            )
    if "sbp" not in problems and "dbp" not in problems and values.dbp >= values.sbp:
        problems["dbp"] = (
            f"Diastolic BP {values.dbp} must be below systolic BP {values.sbp}."
        )
    return problems


def check_plausible(values: VitalsValues) -> VitalsValues:
    problems = plausibility_problems(values)
    if problems:
        raise VitalsRejected(problems)
    return values


class Tier(str, Enum):
    ADVISORY = "advisory"
    CRITICAL = "critical"


_OPS = {">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le}
_WORDS = {">": "above", ">=": "at or above", "<": "below", "<=": "at or below"}


@dataclass(frozen=True)
class Limit:
    """One alarm rule: ``measure op threshold`` is a finding of ``tier``."""

    measure: str
    op: str
    threshold: float
    tier: Tier
    relative: bool = False  # a rise over the patient's own baseline

    def crossed(self, value: float) -> bool:
        return _OPS[self.op](value, self.threshold)

    @property
    def direction(self) -> str:
        return "high" if self.op in (">", ">=") else "low"


def worst(tiers: Iterable[Tier | None]) -> Tier | None:
    """Critical over advisory over none."""
    found = set(tiers)
    if Tier.CRITICAL in found:
        return Tier.CRITICAL
    return Tier.ADVISORY if Tier.ADVISORY in found else None


def tier_reached(limits: Iterable[Limit], measure: str, value: float | None,
                 relative: bool = False) -> Tier | None:
    """The worst alarm tier ``value`` reaches under ``limits`` (a session's own); with
    ``relative`` the value is a rise over the baseline."""
    if value is None:
        return None
    return worst(lim.tier for lim in limits
                 if lim.measure == measure and lim.relative == relative and lim.crossed(value))


def default_limits() -> tuple[Limit, ...]:
    """The clinical reference's working defaults (a clinic setting, not a guideline)."""
    A, C = Tier.ADVISORY, Tier.CRITICAL
    return (
        Limit("sbp", ">=", 180, C), Limit("sbp", ">", 160, A),
        Limit("sbp", "<", 80, C), Limit("sbp", "<", 90, A),
        Limit("dbp", ">=", 110, C), Limit("dbp", ">", 100, A),
        Limit("hr", ">", 130, C), Limit("hr", ">", 110, A),
        Limit("hr", "<", 40, C), Limit("hr", "<", 50, A),
        Limit("spo2", "<", 90, C), Limit("spo2", "<", 94, A),
        Limit("rr", ">", 30, C), Limit("rr", ">", 24, A),
        Limit("rr", "<", 8, C), Limit("rr", "<", 10, A),
        Limit("temp_c", ">", 39.0, C), Limit("temp_c", ">", 38.0, A),
        Limit("sbp", ">=", 40, C, relative=True), Limit("sbp", ">=", 30, A, relative=True),
        Limit("dbp", ">=", 25, C, relative=True), Limit("dbp", ">=", 20, A, relative=True),
    )  # fmt: skip


@dataclass(frozen=True)
class AlarmFlag:
    measure: str
    tier: Tier
    message: str


@dataclass
class AlarmCheck:
    limits: tuple[Limit, ...] = field(default_factory=default_limits)

    def flags(self, values: VitalsValues, baseline: VitalsValues | None = None) -> list[AlarmFlag]:
        """Every limit crossed, the worse tier only for each measure and direction."""
        found: dict[tuple[str, str, bool], AlarmFlag] = {}
        ordered = sorted(self.limits, key=lambda lim: lim.tier != Tier.CRITICAL)
        for lim in ordered:
            key = (lim.measure, lim.direction, lim.relative)
            if key in found:
                continue
            flag = self._check(lim, values, baseline)
            if flag:
                found[key] = flag
        return list(found.values())

    @staticmethod
    def _check(lim: Limit, values: VitalsValues, baseline: VitalsValues | None
               ) -> AlarmFlag | None:
        value = getattr(values, lim.measure)
        if value is None:
            return None
        m = MEASURES[lim.measure]
        if lim.relative:
            if baseline is None:
                return None
            base = getattr(baseline, lim.measure)
            rise = value - base
            crossed = lim.crossed(rise)
            message = (f"{m.label} {value:g} is {rise:+g} {m.unit} over baseline {base:g} "
                       f"({lim.tier.value} limit: rise of {lim.threshold:g} or more).")
        else:
            crossed = lim.crossed(value)
            message = (f"{m.label} {value:g} {m.unit} is {_WORDS[lim.op]} the "
                       f"{lim.tier.value} limit of {lim.threshold:g}.")
        return AlarmFlag(lim.measure, lim.tier, message) if crossed else None

    def lines(self, measure: str) -> list[tuple[float, Tier]]:
        """Absolute limits of one measure, for drawing on a chart."""
        return [(lim.threshold, lim.tier) for lim in self.limits
                if lim.measure == measure and not lim.relative]  # fmt: skip
