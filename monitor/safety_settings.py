"""The clinic's settings for typed numbers and for the discharge and end-of-infusion
guards: resolutions, ranges, tolerances. Each is a default the clinic may change.

Where the clinical reference gives no number, the default is a *Chairside default*: a
working value chosen so that a typo is caught and a real clinic's practice is not, listed
with that label in docs/clinical-defaults.md.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from decimal import ROUND_FLOOR, Decimal

from monitor.errors import InvalidEntry
from monitor.number_entry import NumberRule
from monitor.protocol import DOSE_RANGE, PLANNED_MINUTES_RANGE, WEIGHT_RANGE


@dataclass(frozen=True)
class SafetySettings:
    # The pump's resolution: the rate is shown rounded once to it (issue 9: 0.1 mL/h,
    # the step of common volumetric pumps).
    pump_resolution_ml_h: str = "0.1"
    # Chairside defaults: the finest step a nurse may type.
    mg_per_kg_step: str = "0.001"
    weight_step_kg: str = "0.1"
    # Chairside defaults: the bag. 100 mg/mL is the strongest ketamine sold; diluted
    # bags are 0.5–2 mg/mL, so 1e4 mg/mL (or 1e-90) is a typo.
    concentration_low: str = "0.01"
    concentration_high: str = "100"
    concentration_step: str = "0.01"
    bag_volume_low: str = "1"
    bag_volume_high: str = "1000"
    bag_volume_step: str = "0.1"
    # Chairside defaults: a new pump rate is at most what empties the bag in this many
    # minutes, and never above what a volumetric pump runs (999.9 mL/h).
    bag_empty_minutes: int = 10
    rate_high: str = "999.9"
    # Chairside defaults: a medication dose in any unit on the drug list.
    medication_low: str = "0.001"
    medication_high: str = "1000"
    medication_step: str = "0.001"
    # Chairside default: "End infusion" this many minutes or more before the planned time
    # is a stop, recorded as stopped early with a reason.
    early_end_tolerance_min: int = 1
    # Issue 9 default: the Aldrete pre-fill reads vitals taken at most this long after the
    # infusion ended.
    aldrete_window_min: int = 15
    # Clinical reference: severity 7–10 is severe; MOAA/S 5 is the only fully alert score.
    severe_side_effect: int = 7
    alert_moaas: int = 5

    # --- rules for the typed fields --------------------------------------------------

    def mg_per_kg_rule(self, low: float = DOSE_RANGE.low,
                       high: float = DOSE_RANGE.high) -> NumberRule:
        return NumberRule("Dose", _d(low), _d(high), "mg/kg", self.mg_per_kg_step,
                          "mg_per_kg")

    def planned_minutes_rule(self) -> NumberRule:
        return NumberRule("Planned time", _d(PLANNED_MINUTES_RANGE.low),
                          _d(PLANNED_MINUTES_RANGE.high), "min", "1", "planned_minutes")

    def weight_rule(self) -> NumberRule:
        return NumberRule("Weight", _d(WEIGHT_RANGE.low), _d(WEIGHT_RANGE.high), "kg",
                          self.weight_step_kg, "weight_kg")

    def concentration_rule(self) -> NumberRule:
        return NumberRule("Bag concentration", self.concentration_low,
                          self.concentration_high, "mg/mL", self.concentration_step,
                          "concentration_mg_ml")

    def bag_volume_rule(self) -> NumberRule:
        return NumberRule("Bag volume", self.bag_volume_low, self.bag_volume_high, "mL",
                          self.bag_volume_step, "bag_volume_ml")

    def rate_rule(self, bag_volume_ml: float | None) -> NumberRule:
        """A new pump rate: one pump step up to the lower of the pump's maximum and the
        rate that empties the bag in ``bag_empty_minutes``."""
        high = Decimal(self.rate_high)
        if bag_volume_ml is not None:
            empties = Decimal(str(bag_volume_ml)) * 60 / self.bag_empty_minutes
            step = Decimal(self.pump_resolution_ml_h)
            high = min(high, (empties / step).to_integral_value(rounding=ROUND_FLOOR) * step)
        return NumberRule("Pump rate", self.pump_resolution_ml_h, str(high), "mL/h",
                          self.pump_resolution_ml_h, "rate_ml_h")

    def medication_rule(self, unit: str = "") -> NumberRule:
        return NumberRule("Dose given", self.medication_low, self.medication_high,
                          unit or "(unit)", self.medication_step, "dose")

    # --- stored as one JSON text in the clinic's settings ----------------------------

    def to_text(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_text(cls, text: str) -> SafetySettings:
        """Stored values over the defaults; unknown keys (a newer version) are ignored."""
        stored = json.loads(text) if text.strip() else {}
        known = {f.name for f in fields(cls)}
        return replace(cls(), **{k: v for k, v in stored.items() if k in known})


DEFAULT_SAFETY = SafetySettings()


def _d(x: float) -> str:
    return format(x, "g")


def check_safety(s: SafetySettings) -> SafetySettings:
    """Refuses settings that would refuse every entry (a range upside down...)."""
    for low, high, what in ((s.concentration_low, s.concentration_high, "concentration"),
                            (s.bag_volume_low, s.bag_volume_high, "bag volume"),
                            (s.medication_low, s.medication_high, "medication dose")):
        if not 0 < float(low) < float(high):
            raise InvalidEntry(f"The {what} range must run from above 0 up to a larger "
                               "number.", what)
    if not 0 < float(s.pump_resolution_ml_h) <= 1:
        raise InvalidEntry("The pump resolution must be above 0 and at most 1 mL/h.",
                           "pump_resolution_ml_h")
    return s
