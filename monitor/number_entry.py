"""A number read exactly as it was typed, or refused with the allowed range.

A nurse types "0.125" and means 0.125: nothing here rounds, clamps, drops a key or falls
back to a previous value. Text that is not a plain decimal ("1e4", "inf", ".", "36,") is
refused with words, never handed on as an exception the crash dialog would show.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from monitor.errors import InvalidEntry

# Digits with at most one decimal point or comma, and digits on both sides of it: a
# trailing separator ("36,") is a number the nurse has not finished typing.
_PLAIN = re.compile(r"[+-]?\d+([.,]\d+)?")
MAX_TYPED = 16  # longer than any clinical figure; keeps decimal arithmetic exact


@dataclass(frozen=True)
class NumberRule:
    """What a field accepts: a range, a unit, and the finest step (its resolution).

    Attributes:
        label: the field's name in a message ("Dose").
        low, high: the allowed range, inclusive (decimal strings, as a setting holds them).
        unit: written after the bounds.
        step: the resolution; a value with more decimals than it is refused, not rounded.
        field: the form field a refusal points at.
    """

    label: str
    low: str
    high: str
    unit: str
    step: str = "1"
    field: str = ""

    @property
    def allowed(self) -> str:
        return f"{_plain(Decimal(self.low))}–{_plain(Decimal(self.high))} {self.unit}"

    def read(self, text: str) -> Decimal:
        """The value typed, exactly; refused (naming the range) when it is not a plain
        number, has more decimals than the step, or is outside the range."""
        return self.check(self.parse(text, to_step=False), text.strip())

    def parse(self, text: str, to_step: bool = True) -> Decimal:
        """The value typed, exactly, when it is a plain number to the step; the range is
        left to the caller (the vitals form leaves it to the plausibility check)."""
        typed = text.strip()
        if not typed:
            raise InvalidEntry(f"Enter {self.label.lower()} ({self.allowed}).", self.field)
        if not _PLAIN.fullmatch(typed):
            raise InvalidEntry(
                f"{self.label} “{typed}” is not a number: type digits, with one decimal "
                f"point if needed (allowed {self.allowed}).", self.field)
        if len(typed) > MAX_TYPED:
            raise InvalidEntry(f"{self.label} has too many digits (allowed {self.allowed}).",
                               self.field)
        value = Decimal(typed.replace(",", "."))
        if to_step:
            self._check_step(value, typed)
        return value

    def check(self, value: Decimal | float | int, typed: str | None = None) -> Decimal:
        """A value already a number (from storage or code), checked like a typed one."""
        value = value if isinstance(value, Decimal) else Decimal(str(value))
        shown = typed if typed is not None else _plain(value)
        if not value.is_finite() or not (Decimal(self.low) <= value <= Decimal(self.high)):
            raise InvalidEntry(f"{self.label} {shown} {self.unit} is outside the allowed "
                               f"{self.allowed}.", self.field)
        self._check_step(value, shown)
        return value

    def _check_step(self, value: Decimal, shown: str) -> None:
        if value % Decimal(self.step) != 0:
            raise InvalidEntry(
                f"{self.label} {shown} {self.unit} is finer than this field's resolution "
                f"of {_plain(Decimal(self.step))} {self.unit}; type it to that step "
                f"(allowed {self.allowed}).", self.field)


def read_optional(rule: NumberRule, text: str) -> Decimal | None:
    """None for an empty field; otherwise ``rule.read``."""
    return rule.read(text) if text.strip() else None


def _plain(x: Decimal) -> str:
    """Without exponent or trailing zeros: 0.1, 250, 0.005."""
    return format(x.normalize(), "f")
