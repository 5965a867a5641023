"""The patient's line atop the chair view, the session review and the course: name, MRN,
birth date and age, allergies in the critical colour. Everything typed is escaped."""

from __future__ import annotations

from datetime import date
from html import escape

from export.colours import Colors
from monitor.records import Patient


def patient_line_html(p: Patient, c: Colors, today: date, name_pt: int) -> str:
    if p.allergies:
        allergies = f"<span style='color:{c.critical}'>Allergies: {escape(p.allergies)}</span>"
    elif p.no_known_allergies:
        allergies = "Allergies: none known (NKDA)"
    else:  # never asked: not the same as none
        allergies = f"<span style='color:{c.advisory}'>Allergies: not recorded</span>"
    return (f"<span style='font-size:{name_pt}pt; font-weight:600'>{escape(p.name)}</span>"
            f"&nbsp;&nbsp; MRN {escape(p.mrn)} · born {p.date_of_birth:%Y-%m-%d} "
            f"({p.age_on(today)} y) · {allergies}")
