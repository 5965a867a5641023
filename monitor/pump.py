"""Bag and pump arithmetic: volume to infuse, pump rate, and the dose delivered so far.

pump rate mL/h = (dose mg ÷ concentration mg/mL) ÷ (planned min ÷ 60), as in the
clinical reference. Each figure comes with the arithmetic so a nurse can check it by eye.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from monitor.errors import InvalidEntry
from monitor.numbers import dec as _dec
from monitor.numbers import tenth as _tenth
from monitor.protocol import DosePlan


@dataclass(frozen=True)
class PumpPlan:
    dose: DosePlan
    concentration_mg_ml: float
    bag_volume_ml: float

    @property
    def volume_ml(self) -> float:
        """Volume to infuse, to 0.1 mL."""
        return _tenth(_dec(self.dose.total_mg) / _dec(self.concentration_mg_ml))

    @property
    def rate_ml_h(self) -> float:
        """Pump rate for the planned minutes, to 0.1 mL/h (from the unrounded volume)."""
        return _tenth(_dec(self.dose.total_mg) * 60
                      / (_dec(self.concentration_mg_ml) * self.dose.planned_minutes))

    def arithmetic(self) -> list[str]:
        d = self.dose
        return [
            d.arithmetic(),
            f"{d.total_mg:g} mg ÷ {self.concentration_mg_ml:g} mg/mL = {self.volume_ml:g} mL "
            f"to infuse (bag {self.bag_volume_ml:g} mL)",
            f"{self.volume_ml:g} mL ÷ ({d.planned_minutes} min ÷ 60) = {self.rate_ml_h:g} mL/h",
        ]


def plan_pump(dose: DosePlan, concentration_mg_ml: float, bag_volume_ml: float) -> PumpPlan:
    """A checked pump plan; the bag must hold the volume the dose needs."""
    if not concentration_mg_ml > 0:
        raise InvalidEntry("Enter the bag's concentration in mg/mL (more than 0).",
                           "concentration_mg_ml")
    if not bag_volume_ml > 0:
        raise InvalidEntry("Enter the bag's volume in mL (more than 0).", "bag_volume_ml")
    plan = PumpPlan(dose, float(concentration_mg_ml), float(bag_volume_ml))
    if plan.volume_ml > bag_volume_ml:
        raise InvalidEntry(
            f"The dose needs {plan.volume_ml:g} mL at {concentration_mg_ml:g} mg/mL, more "
            f"than the bag's {bag_volume_ml:g} mL. Check the concentration and the bag.",
            "bag_volume_ml")
    return plan


def check_rate(rate_ml_h: float) -> float:
    if not rate_ml_h > 0:
        raise InvalidEntry("The pump rate must be more than 0 mL/h; to stop the drug, "
                           "pause or stop the infusion.", "rate_ml_h")
    return float(rate_ml_h)


def delivered_mg(segments: list[tuple[datetime, datetime]],
                 rates: list[tuple[datetime, float]], concentration_mg_ml: float) -> float:
    """Dose delivered, estimated from the pump rates over the running segments.

    Args:
        segments: spans when the drug ran (pauses excluded), in time order.
        rates: (from when, mL/h) in time order; the first is the rate at the start.
        concentration_mg_ml: the bag's concentration.
    """
    if not rates:
        return 0.0
    total_ml = 0.0
    for seg_start, seg_end in segments:
        for i, (rate_from, rate) in enumerate(rates):
            rate_to = rates[i + 1][0] if i + 1 < len(rates) else seg_end
            start, end = max(seg_start, rate_from), min(seg_end, rate_to)
            if end > start:
                total_ml += rate * (end - start).total_seconds() / 3600
    return total_ml * concentration_mg_ml
