"""The protocol a session runs under, and the dose arithmetic.

Every number is a clinic setting with the default and allowed range given in
``shared/docs/clinical-reference.md``; a session keeps a copy of what it started with.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from monitor.errors import InvalidEntry
from monitor.numbers import dec, tenth
from monitor.text_limits import clean_fields
from monitor.vitals import MEASURES, Limit, Tier, default_limits


@dataclass(frozen=True)
class Range:
    low: float
    high: float
    unit: str
    fmt: str = "g"  # how the bounds are written: ".1f" gives 0.1–1.0

    def check(self, label: str, value: float, field: str) -> float:
        if not (self.low <= value <= self.high):
            raise InvalidEntry(
                f"{label} {value:g} {self.unit} is outside the allowed {self}.", field)
        return value

    def __str__(self) -> str:
        return f"{self.low:{self.fmt}}–{self.high:{self.fmt}} {self.unit}"


DOSE_RANGE = Range(0.1, 1.0, "mg/kg", ".1f")  # outside: refuse (clinical reference)
PLANNED_MINUTES_RANGE = Range(40, 60, "min")
OBSERVATION_MINUTES_RANGE = Range(15, 120, "min")
WEIGHT_RANGE = Range(30, 250, "kg")
# Not clinical numbers: bounds that keep a schedule meaningful (a set at least hourly).
INTERVAL_RANGE = Range(1, 60, "min")
GRACE_RANGE = Range(0, 30, "min")
ALDRETE_MINIMUM_RANGE = Range(0, 10, "points")


@dataclass(frozen=True)
class Protocol:
    """Defaults from the clinical reference; a clinic may change each one."""

    name: str = "Standard ketamine 0.5 mg/kg"
    drug: str = "Racemic ketamine IV"
    mg_per_kg: float = 0.5
    planned_minutes: int = 40
    observation_minutes: int = 30
    vitals_every_infusing_min: int = 10
    vitals_every_observation_min: int = 15
    overdue_after_min: int = 2
    discharge_min_aldrete: int = 9
    limits: tuple[Limit, ...] = field(default_factory=default_limits)
    id: int | None = None


DEFAULT_PROTOCOL = Protocol()


@dataclass(frozen=True)
class DosePlan:
    """What will be given, with the arithmetic a nurse can check by eye."""

    drug: str
    weight_kg: float
    mg_per_kg: float
    planned_minutes: int

    @property
    def exact_mg(self) -> Decimal:
        """weight × mg/kg, unrounded: what every later figure is computed from."""
        return exact_mg(self.weight_kg, self.mg_per_kg)

    @property
    def total_mg(self) -> float:
        """The dose as shown, rounded once to 0.1 mg."""
        return total_mg(self.weight_kg, self.mg_per_kg)

    def arithmetic(self) -> str:
        return (
            f"{self.weight_kg:g} kg × {self.mg_per_kg:g} mg/kg = {exact_figure(self.exact_mg)}"
            f" mg over {self.planned_minutes} min"
        )


def check_unique_name(p: Protocol, stored: Iterable[Protocol]) -> None:
    """Refuses a name another stored protocol has (case and outer spaces aside): a nurse
    picks a protocol by its name."""
    name = p.name.strip().casefold()
    for other in stored:
        if other.id != p.id and other.name.strip().casefold() == name:
            raise InvalidEntry(f"A protocol named {other.name!r} already exists.", "name")


def exact_mg(weight_kg: float, mg_per_kg: float) -> Decimal:
    """weight × mg/kg exactly, as typed (55.5 kg × 0.5 = 27.75 mg)."""
    return dec(weight_kg) * dec(mg_per_kg)


def total_mg(weight_kg: float, mg_per_kg: float) -> float:
    """The dose shown: the exact product rounded once to 0.1 mg, halves up
    (70.5 kg × 0.5 = 35.25 → 35.3 mg)."""
    return tenth(exact_mg(weight_kg, mg_per_kg))


def exact_figure(x: Decimal, places: int = 4) -> str:
    """An exact figure as written in the arithmetic lines: every decimal when it ends
    within ``places`` (13.875), else "≈" and ``places`` decimals (≈ 11.6667)."""
    try:
        short = x.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    except InvalidOperation:  # too large to write with those decimals: not a real bag
        return f"≈ {x:.4g}"
    text = format(short.normalize(), "f")
    return text if short == x else f"≈ {text}"


def plan_dose(drug: str, weight_kg: float, mg_per_kg: float, planned_minutes: int) -> DosePlan:
    """A checked dose plan; out-of-range values are refused naming the range."""
    WEIGHT_RANGE.check("Weight", weight_kg, "weight_kg")
    DOSE_RANGE.check("Dose", mg_per_kg, "mg_per_kg")
    PLANNED_MINUTES_RANGE.check("Planned time", planned_minutes, "planned_minutes")
    if int(planned_minutes) != planned_minutes:
        raise InvalidEntry("Planned time must be whole minutes.", "planned_minutes")
    return DosePlan(drug, float(weight_kg), float(mg_per_kg), int(planned_minutes))


def check_protocol(p: Protocol) -> Protocol:
    """Refuses a protocol with a value outside its allowed range, naming the range."""
    p = clean_fields(p, name="protocol_name", drug="protocol_drug")
    if not p.name.strip():
        raise InvalidEntry("Give the protocol a name.", "name")
    if not p.drug.strip():
        raise InvalidEntry("Name the drug.", "drug")
    DOSE_RANGE.check("Dose", p.mg_per_kg, "mg_per_kg")
    PLANNED_MINUTES_RANGE.check("Planned time", p.planned_minutes, "planned_minutes")
    OBSERVATION_MINUTES_RANGE.check("Observation", p.observation_minutes,
                                    "observation_minutes")
    INTERVAL_RANGE.check("Vitals interval while infusing", p.vitals_every_infusing_min,
                         "vitals_every_infusing_min")
    INTERVAL_RANGE.check("Vitals interval in observation", p.vitals_every_observation_min,
                         "vitals_every_observation_min")
    GRACE_RANGE.check("Overdue warning after", p.overdue_after_min, "overdue_after_min")
    ALDRETE_MINIMUM_RANGE.check("Discharge score", p.discharge_min_aldrete,
                                "discharge_min_aldrete")
    for lim in p.limits:
        check_limit(lim)
    return p


def check_limit(lim: Limit) -> None:
    """A limit must lie inside the measure's plausible range (a rise: 1 to the range)."""
    if lim.measure not in MEASURES:
        raise InvalidEntry(f"Unknown measure {lim.measure!r} in an alarm limit.", "limits")
    if lim.op not in (">", ">=", "<", "<="):
        raise InvalidEntry(f"Unknown comparison {lim.op!r} in an alarm limit.", "limits")
    m = MEASURES[lim.measure]
    low, high = (1, m.high - m.low) if lim.relative else (m.low, m.high)
    what = f"{m.label} {'rise ' if lim.relative else ''}{lim.tier.value} limit"
    Range(low, high, m.unit).check(what, lim.threshold, f"limit_{lim.measure}")


def limits_to_json(limits: tuple[Limit, ...]) -> str:
    return json.dumps([{f.name: getattr(lim, f.name) for f in fields(Limit)}
                       for lim in limits])


def limits_from_json(text: str) -> tuple[Limit, ...]:
    """The limits as stored by ``limits_to_json``; ``ValueError`` naming what is wrong
    when the text is not that (damaged, half-written, hand-edited)."""
    try:
        stored = json.loads(text)
    except (TypeError, ValueError) as error:
        raise ValueError(f"not readable: {error}") from None
    if not isinstance(stored, list):
        raise ValueError("not a list of alarm limits")
    return tuple(_limit(d) for d in stored)


def _limit(d: object) -> Limit:
    names = [f.name for f in fields(Limit)]
    if not isinstance(d, dict) or sorted(d) != sorted(names):
        raise ValueError(f"an alarm limit is not {', '.join(names)}: {d!r}")
    threshold, relative = d["threshold"], d["relative"]
    if (not isinstance(threshold, (int, float)) or isinstance(threshold, bool)
            or not isinstance(relative, bool) or not isinstance(d["measure"], str)
            or not isinstance(d["op"], str)):
        raise ValueError(f"an alarm limit holds a value of the wrong kind: {d!r}")
    if d["measure"] not in MEASURES or d["op"] not in (">", ">=", "<", "<="):
        raise ValueError(f"an alarm limit names an unknown measure or comparison: {d!r}")
    if not math.isfinite(threshold):
        raise ValueError(f"an alarm limit's threshold is not a number: {d!r}")
    # the threshold is kept as stored, even outside today's ranges: it is what the
    # session ran with (the ranges are checked when a protocol is saved)
    return Limit(d["measure"], d["op"], threshold, Tier(d["tier"]), relative)


def unreadable_limits_warning(protocol_name: str | None) -> str:
    """What a session says when its stored alarm limits could not be read and others
    are used (``protocol_name``: the protocol's, None: the clinic's defaults)."""
    used = (f"the alarm limits of the protocol “{protocol_name}” (as it is now) are used"
            if protocol_name is not None else "the clinic's default alarm limits are used")
    return (f"The alarm limits stored with this session could not be read; {used} for its "
            "alarm flags. Check the flags against the protocol the session was run under.")
