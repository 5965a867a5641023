"""Numbers as a nurse checks them on paper: decimals as entered, rounded to 0.1 with
halves up, written without trailing zeros. One copy for the dose, the pump and the
rate-change arithmetic."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def dec(x: float | Decimal) -> Decimal:
    return Decimal(str(x))  # the decimal as entered (0.35, not 0.34999...)


def tenth_decimal(x: float | Decimal) -> Decimal:
    """To 0.1 with halves rounded up (26.25 → 26.3): round() would give 5.25 → 5.2 but
    2.75 → 2.8 (half to even, and binary floats that miss the half)."""
    return dec(x).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def tenth(x: float | Decimal) -> float:
    return float(tenth_decimal(x))


def figure(x: float | Decimal) -> str:
    """A number as a nurse writes it: "35", "26.3", no trailing zeros."""
    return format(dec(x).normalize(), "f")
