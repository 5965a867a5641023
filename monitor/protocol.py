"""The protocol a session runs under, and the dose arithmetic.

Every number is a clinic setting with the default and allowed range given in
``shared/docs/clinical-reference.md``; a session keeps a copy of what it started with.
"""

from __future__ import annotations

from dataclasses import dataclass

from monitor.errors import InvalidEntry


@dataclass(frozen=True)
class Range:
    low: float
    high: float
    unit: str

    def check(self, label: str, value: float, field: str) -> float:
        if not (self.low <= value <= self.high):
            raise InvalidEntry(
                f"{label} {value:g} {self.unit} is outside the allowed "
                f"{self.low:g}–{self.high:g} {self.unit}.",
                field,
            )
        return value


DOSE_RANGE = Range(0.1, 1.0, "mg/kg")  # outside: refuse (clinical reference)
PLANNED_MINUTES_RANGE = Range(40, 60, "min")
OBSERVATION_MINUTES_RANGE = Range(15, 120, "min")
WEIGHT_RANGE = Range(30, 250, "kg")


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


DEFAULT_PROTOCOL = Protocol()


@dataclass(frozen=True)
class DosePlan:
    """What will be given, with the arithmetic a nurse can check by eye."""

    drug: str
    weight_kg: float
    mg_per_kg: float
    planned_minutes: int

    @property
    def total_mg(self) -> float:
        return round(self.weight_kg * self.mg_per_kg, 1)

    def arithmetic(self) -> str:
        return (
            f"{self.weight_kg:g} kg × {self.mg_per_kg:g} mg/kg = {self.total_mg:g} mg "
            f"over {self.planned_minutes} min"
        )


def plan_dose(drug: str, weight_kg: float, mg_per_kg: float, planned_minutes: int) -> DosePlan:
    """A checked dose plan; out-of-range values are refused naming the range."""
    WEIGHT_RANGE.check("Weight", weight_kg, "weight_kg")
    DOSE_RANGE.check("Dose", mg_per_kg, "mg_per_kg")
    PLANNED_MINUTES_RANGE.check("Planned time", planned_minutes, "planned_minutes")
    if int(planned_minutes) != planned_minutes:
        raise InvalidEntry("Planned time must be whole minutes.", "planned_minutes")
    return DosePlan(drug, float(weight_kg), float(mg_per_kg), int(planned_minutes))
