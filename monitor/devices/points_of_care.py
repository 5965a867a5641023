"""The clinic's point-of-care table: what a monitor sends in PV1-3 → the chair it is at.

PV1-3 is a PL (person location): point of care ^ room ^ bed ^ … IHE PCD-01 senders fill
what the monitor was configured with, e.g. ``^^LOCATION34`` (the bed only) or
``SURGERY^^V2`` (unit and bed). Chairside reads the first three components
(``monitor.devices.reading.location``), so a table line is written as the monitor sends
it and compared the same way: case-insensitive, empty leading or trailing components
ignored (``^^CHAIR4`` and ``CHAIR4`` are one point of care).

An explicit binding of a monitor (by its device id, by a nurse) wins over this table.
"""

from __future__ import annotations

MAX_CHAIR = 20  # device_binding.chair


class PointOfCareProblem(ValueError):
    pass


def point_of_care(text: str) -> str:
    """The comparable form of a PV1-3 as read, or as an admin typed it."""
    parts = text.strip().split("^")[:3]
    return "^".join(p.strip() for p in parts).strip("^").upper()


def parse_points_of_care(text: str) -> dict[str, str]:
    """One mapping a line: ``POINT OF CARE = chair``, e.g. ``^^CHAIR4 = 4`` or
    ``ICU^Bed4 = 4``; '#' starts a comment. Raises ``PointOfCareProblem`` naming the line."""
    table: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        left, sep, chair = line.rpartition("=")
        key, chair = point_of_care(left), chair.strip()
        if not sep or not key or not chair or len(chair) > MAX_CHAIR:
            raise PointOfCareProblem(
                f"Line {number}: write 'POINT OF CARE = chair' (e.g. ^^CHAIR4 = 4).")
        if table.get(key, chair) != chair:
            raise PointOfCareProblem(f"Line {number}: {key} is already chair {table[key]}.")
        table[key] = chair
    return table


def chair_at(location: str, table: dict[str, str]) -> str | None:
    """The chair a monitor's PV1-3 names in the clinic's table, if any."""
    if not location or not table:
        return None
    return table.get(point_of_care(location))
