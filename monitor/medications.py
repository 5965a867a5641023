"""Medications and interventions given during a session.

Drugs come from a list the clinic keeps (drug, unit, route); the dose is typed by the
nurse. The app suggests no doses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from monitor.errors import InvalidEntry

UNITS = ("mg", "mcg", "g", "mL", "L/min", "units")
ROUTES = ("IV", "IM", "PO", "SL", "SC", "intranasal", "inhaled", "nasal cannula", "mask")


@dataclass(frozen=True)
class FormularyItem:
    id: int
    drug: str
    unit: str
    route: str


# A starting list, names only: the clinic edits it in Settings.
DEFAULT_FORMULARY = (
    ("Ondansetron", "mg", "IV"),
    ("Midazolam", "mg", "IV"),
    ("Lorazepam", "mg", "PO"),
    ("Labetalol", "mg", "IV"),
    ("Oxygen", "L/min", "nasal cannula"),
)


@dataclass(frozen=True)
class MedicationGiven:
    id: int
    session_id: int
    drug: str
    dose: float
    unit: str
    route: str
    at: datetime
    note: str = ""
    entered_at: datetime | None = None
    entered_by: int | None = None  # the user who entered it (None: before accounts)

    def summary(self) -> str:
        text = f"{self.drug} {self.dose:g} {self.unit} {self.route}"
        return f"{text} — {self.note}" if self.note else text


def check_medication(drug: str, dose: float, unit: str, route: str) -> None:
    if not drug.strip():
        raise InvalidEntry("Choose or type the drug.", "drug")
    if not dose > 0:
        raise InvalidEntry("Enter the dose given (more than 0).", "dose")
    if unit not in UNITS:
        raise InvalidEntry(f"Unit must be one of: {', '.join(UNITS)}.", "unit")
    if route not in ROUTES:
        raise InvalidEntry(f"Route must be one of: {', '.join(ROUTES)}.", "route")
