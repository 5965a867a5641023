"""Side effects: the kinds a nurse logs in one tap, and the 0–10 severity scale."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from monitor.errors import InvalidEntry

# key → label, in the order the buttons appear.
KINDS: dict[str, str] = {
    "dizziness": "Dizziness",
    "nausea": "Nausea",
    "vomiting": "Vomiting",
    "dissociation": "Dissociation",
    "anxiety": "Anxiety",
    "headache": "Headache",
    "blurred_vision": "Blurred vision",
    "sensory_sensitivity": "Sensory sensitivity",
    "fatigue": "Fatigue",
    "sedation": "Sedation",
    "other": "Other",
}

SEVERITY_MAX = 10


def severity_label(severity: int) -> str:
    """none (0), mild (1–3), moderate (4–6), severe (7–10): the clinical reference's bands."""
    if severity == 0:
        return "none"
    if severity <= 3:
        return "mild"
    if severity <= 6:
        return "moderate"
    return "severe"


@dataclass(frozen=True)
class SideEffect:
    id: int
    session_id: int
    kind: str
    severity: int
    at: datetime
    description: str = ""  # what, for "other"
    note: str = ""
    entered_at: datetime | None = None
    entered_by: int | None = None  # the user who entered it (None: before accounts)

    @property
    def label(self) -> str:
        if self.kind == "other":
            return f"Other: {self.description}"
        return KINDS[self.kind]

    def summary(self) -> str:
        text = f"{self.label} {self.severity}/10 ({severity_label(self.severity)})"
        return f"{text} — {self.note}" if self.note else text


def check_side_effect(kind: str, severity: int, description: str) -> None:
    if kind not in KINDS:
        raise InvalidEntry(f"Unknown side effect {kind!r}.", "kind")
    if kind == "other" and not description.strip():
        raise InvalidEntry("Say what the other side effect is.", "description")
    if not (0 <= severity <= SEVERITY_MAX) or int(severity) != severity:
        raise InvalidEntry(
            f"Severity {severity} is outside the scale: whole numbers 0–10 "
            "(0 none, 1–3 mild, 4–6 moderate, 7–10 severe).",
            "severity",
        )
