"""What a new pump rate means: the volume left to infuse and the minutes it takes at
that rate, each figure with its arithmetic so the nurse can check it by eye."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from monitor.numbers import dec, figure, tenth_decimal

NO_BAG = "This session has no bag recorded, so there is no volume to work from."


@dataclass(frozen=True)
class RateChange:
    concentration_mg_ml: float
    planned_ml: Decimal
    delivered_mg: Decimal
    delivered_ml: Decimal
    rate_ml_h: float | None  # the new rate typed, if any

    @property
    def left_ml(self) -> Decimal:
        return self.planned_ml - self.delivered_ml

    @property
    def minutes(self) -> int | None:
        """Minutes the volume left takes at the new rate (None: nothing left or no rate)."""
        if self.left_ml <= 0 or not self.rate_ml_h or self.rate_ml_h <= 0:
            return None
        return int((self.left_ml * 60 / dec(self.rate_ml_h)).quantize(Decimal(1),
                                                                      ROUND_HALF_UP))

    def lines(self) -> list[str]:
        conc, left = self.concentration_mg_ml, self.left_ml
        lines = [f"Planned volume: {figure(self.planned_ml)} mL",
                 f"Delivered so far: {figure(self.delivered_mg)} mg ÷ {figure(conc)} mg/mL = "
                 f"{figure(self.delivered_ml)} mL",
                 f"Left to infuse: {figure(self.planned_ml)} mL − {figure(self.delivered_ml)} "
                 f"mL = {figure(left)} mL"]
        rate = self.rate_ml_h
        if left <= 0:
            lines.append("The planned volume has been delivered.")
        elif rate is None or rate <= 0:
            lines.append("Type the new rate to see how long that takes.")
        else:
            lines.append(f"At {figure(rate)} mL/h: {figure(left)} mL ÷ {figure(rate)} mL/h × "
                         f"60 = {self.minutes} min")
        return lines


def rate_change(total_mg: float, concentration_mg_ml: float, delivered_mg: float,
                rate_ml_h: float | None) -> RateChange:
    """The sums for a rate change, each figure to 0.1 as written on paper."""
    delivered = tenth_decimal(delivered_mg)
    return RateChange(concentration_mg_ml, tenth_decimal(dec(total_mg) / dec(concentration_mg_ml)),
                      delivered, tenth_decimal(delivered / dec(concentration_mg_ml)), rate_ml_h)
