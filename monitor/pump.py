"""Bag and pump arithmetic: volume to infuse, pump rate, and the dose delivered so far.

pump rate mL/h = (dose mg ÷ concentration mg/mL) ÷ (planned min ÷ 60), as in the
clinical reference. Each figure comes with the arithmetic so a nurse can check it by eye.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from monitor.errors import InvalidEntry
from monitor.numbers import dec as _dec
from monitor.numbers import tenth as _tenth
from monitor.protocol import DosePlan, exact_figure

DEFAULT_RESOLUTION = "0.1"  # mL/h; the clinic's setting is SafetySettings.pump_resolution_ml_h


@dataclass(frozen=True)
class PumpPlan:
    """Volume and rate computed from the exact dose, each rounded once for display: the
    volume to 0.1 mL, the rate to the pump's resolution (a clinic setting)."""

    dose: DosePlan
    concentration_mg_ml: float
    bag_volume_ml: float
    resolution_ml_h: str = DEFAULT_RESOLUTION

    @property
    def exact_volume_ml(self) -> Decimal:
        return self.dose.exact_mg / _dec(self.concentration_mg_ml)

    @property
    def exact_rate_ml_h(self) -> Decimal:
        # one division, so a rate that ends (20.8125) is exact and one that does not is
        # correct to 28 digits before it is rounded
        return (self.dose.exact_mg * 60
                / (_dec(self.concentration_mg_ml) * self.dose.planned_minutes))

    @property
    def volume_ml(self) -> float:
        """Volume to infuse, rounded once to 0.1 mL."""
        return _tenth(self.exact_volume_ml)

    @property
    def rate_ml_h(self) -> float:
        """The rate to set on the pump: the exact rate rounded once to its resolution."""
        return pump_setting(self.exact_rate_ml_h, self.resolution_ml_h)

    def arithmetic(self) -> list[str]:
        d = self.dose
        return [
            d.arithmetic(),
            f"{exact_figure(d.exact_mg)} mg ÷ {self.concentration_mg_ml:g} mg/mL = "
            f"{exact_figure(self.exact_volume_ml)} mL to infuse (bag {self.bag_volume_ml:g} mL)",
            f"{exact_figure(self.exact_volume_ml)} mL ÷ ({d.planned_minutes} min ÷ 60) = "
            f"{exact_figure(self.exact_rate_ml_h)} mL/h: set the pump to "
            f"{self.rate_ml_h:g} mL/h",
        ]


def pump_setting(rate_ml_h: Decimal | float, resolution_ml_h: str = DEFAULT_RESOLUTION) -> float:
    """A rate rounded once, halves up, to the pump's resolution (20.8125 → 20.8)."""
    step = Decimal(resolution_ml_h)
    steps = (_dec(rate_ml_h) / step).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return float(steps * step)


def plan_pump(dose: DosePlan, concentration_mg_ml: float, bag_volume_ml: float,
              resolution_ml_h: str = DEFAULT_RESOLUTION) -> PumpPlan:
    """A checked pump plan; the bag must hold the volume the dose needs."""
    if not concentration_mg_ml > 0:
        raise InvalidEntry("Enter the bag's concentration in mg/mL (more than 0).",
                           "concentration_mg_ml")
    if not bag_volume_ml > 0:
        raise InvalidEntry("Enter the bag's volume in mL (more than 0).", "bag_volume_ml")
    plan = PumpPlan(dose, float(concentration_mg_ml), float(bag_volume_ml), resolution_ml_h)
    if plan.exact_volume_ml > _dec(bag_volume_ml):
        raise InvalidEntry(
            f"The dose needs {exact_figure(plan.exact_volume_ml)} mL at "
            f"{concentration_mg_ml:g} mg/mL, more than the bag's {bag_volume_ml:g} mL. "
            "Check the concentration and the bag.", "bag_volume_ml")
    return plan


def check_rate(rate_ml_h: float) -> float:
    if not rate_ml_h > 0:
        raise InvalidEntry("The pump rate must be more than 0 mL/h; to stop the drug, "
                           "pause or stop the infusion.", "rate_ml_h")
    return float(rate_ml_h)


def delivered_mg(segments: list[tuple[datetime, datetime]],
                 rates: list[tuple[datetime, float]], concentration_mg_ml: float,
                 bag_volume_ml: float | None = None) -> float:
    """Dose delivered, estimated from the pump rates over the running segments, and never
    more than the bag holds (a pump cannot run on an empty bag).

    Args:
        segments: spans when the drug ran (pauses excluded), in time order.
        rates: (from when, mL/h) in time order; the first is the rate at the start.
        concentration_mg_ml: the bag's concentration.
        bag_volume_ml: the bag's volume, the most that can be delivered (None: no cap).
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
    if bag_volume_ml is not None:
        total_ml = min(total_ml, bag_volume_ml)
    return total_ml * concentration_mg_ml


def delivered_text(delivered: float, planned_mg: float, bag_mg: float | None = None) -> str:
    """"≈ 12.3 of 35 mg", saying plainly when the estimate is more than the plan (the
    infusion ran past its planned volume) or has reached all the bag holds."""
    text = f"≈ {_tenth(_dec(delivered)):g} of {planned_mg:g} mg"
    beyond = beyond_plan(delivered, planned_mg, bag_mg)
    return f"{text}: {beyond}" if beyond else text


def beyond_plan(delivered: float, planned_mg: float, bag_mg: float | None = None) -> str:
    """"" within the plan; otherwise what the estimate has gone past, in words."""
    if bag_mg is not None and delivered >= bag_mg:
        return f"the whole bag ({bag_mg:g} mg), more than the planned dose"
    if _tenth(_dec(delivered)) > planned_mg:
        return "more than the planned dose"
    return ""
