"""Dates typed as people type them: "1975-03-14", "19750314", or the clinic's own short
form ("14/03/1975", "03/14/1975", "14.03.1975"). A two-digit year is refused (1915 or
2015?), so is anything that is not a real day; nothing is ever guessed or defaulted."""

from __future__ import annotations

import re
from datetime import date

from monitor.errors import InvalidEntry

# The order of day, month and year in the clinic's short date form.
DMY, MDY, YMD = "DMY", "MDY", "YMD"

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_PARTS = re.compile(r"^(\d{1,4})\s*[./\- ]\s*(\d{1,2})\s*[./\- ]\s*(\d{1,4})\.?$")


def order_of(short_format: str) -> str:
    """DMY, MDY or YMD from a locale's short date format ("dd/MM/yyyy", "M/d/yy")."""
    letters = [c for c in short_format.lower() if c in "dmy"]
    seen = "".join(dict.fromkeys(letters)).upper()
    return seen if seen in (DMY, MDY, YMD) else YMD


def example(order: str) -> str:
    return {DMY: "14/03/1975", MDY: "03/14/1975", YMD: "1975-03-14"}[order]


def parse_date(text: str, order: str = YMD, field: str = "date_of_birth",
               label: str = "date of birth") -> date:
    """The date typed; ISO and YYYYMMDD always, else day, month and year in ``order``.

    Raises:
        InvalidEntry: empty, a two-digit year, or not a date on the calendar.
    """
    typed = text.strip()
    if not typed:
        raise InvalidEntry(f"Enter the {label}.", field)
    for pattern in (_ISO, _COMPACT):
        if m := pattern.match(typed):
            return _day(int(m[1]), int(m[2]), int(m[3]), typed, field, label)
    m = _PARTS.match(typed)
    if m is None:
        raise InvalidEntry(f"“{typed}” is not a date: type it as 1975-03-14, 19750314 or "
                           f"{example(order)}.", field)
    a, b, c = m[1], m[2], m[3]
    if len(a) == 4:  # a year first is ISO order whatever the locale
        year, month, day = a, b, c
    elif order == MDY:
        month, day, year = a, b, c
    else:
        day, month, year = a, b, c
    if len(year) != 4:
        raise InvalidEntry(f"Type the year in full (four digits) in the {label}.", field)
    return _day(int(year), int(month), int(day), typed, field, label)


def _day(year: int, month: int, day: int, typed: str, field: str, label: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidEntry(f"“{typed}” is not a day on the calendar; check the {label}.",
                           field) from None
