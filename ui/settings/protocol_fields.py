"""The protocol's fields: label, allowed range, default and where the default comes from.

Ranges and defaults are read from ``monitor.protocol`` so the captions cannot drift from
what ``check_protocol`` enforces; the sources are those of
``shared/docs/clinical-reference.md``.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel

from monitor.protocol import (
    ALDRETE_MINIMUM_RANGE,
    DEFAULT_PROTOCOL,
    DOSE_RANGE,
    GRACE_RANGE,
    INTERVAL_RANGE,
    OBSERVATION_MINUTES_RANGE,
    PLANNED_MINUTES_RANGE,
    Range,
)

KEEP_NOTE = "Sessions already open keep the protocol they started with."
SAVED = f"Saved. {KEEP_NOTE}"
LIMITS_NOTE = "Working defaults — no guideline number confirmed"
WHOLE = QRegularExpression(r"\d{0,5}")
DECIMAL = QRegularExpression(r"\d{0,5}([.,]\d{0,3})?")


@dataclass(frozen=True)
class FieldSpec:
    key: str  # the Protocol attribute, and InvalidEntry.field
    label: str
    source: str  # where the default comes from
    range: Range | None = None
    software_bound: bool = False  # the range is the program's, not a clinical number
    whole: bool = True


FIELDS = (
    FieldSpec("name", "Protocol name", "must be unique"),
    FieldSpec("drug", "Drug", "standard off-label psychiatric infusion"),
    FieldSpec("mg_per_kg", "Dose (mg/kg)", "standard research dose", DOSE_RANGE, whole=False),
    FieldSpec("planned_minutes", "Planned infusion (min)", "clinic practice: 40–60 min drip",
              PLANNED_MINUTES_RANGE),
    FieldSpec("observation_minutes", "Observation after (min)",
              "clinic practice 30–60 min; esketamine needs ≥ 2 h", OBSERVATION_MINUTES_RANGE),
    FieldSpec("vitals_every_infusing_min", "Vitals while infusing, every (min)",
              "Emory and Yale series", INTERVAL_RANGE, software_bound=True),
    FieldSpec("vitals_every_observation_min", "Vitals in observation, every (min)",
              "Emory series", INTERVAL_RANGE, software_bound=True),
    FieldSpec("overdue_after_min", "Vitals overdue warning after (min)",
              "a reminder halved charting gaps, Nair 2013", GRACE_RANGE, software_bound=True),
    FieldSpec("discharge_min_aldrete", "Discharge: Aldrete score at least",
              "modified Aldrete, total 0–10", ALDRETE_MINIMUM_RANGE),
)


def caption(spec: FieldSpec) -> str:
    """E.g. "0.1–1.0 mg/kg · default 0.5 (standard research dose)"."""
    default = getattr(DEFAULT_PROTOCOL, spec.key)
    if spec.range is None:
        return f"default {default} ({spec.source})" if spec.key == "drug" else spec.source
    r = spec.range
    low, high = (f"{r.low:.1f}", f"{r.high:.1f}") if not spec.whole else (f"{r.low:g}",
                                                                          f"{r.high:g}")
    bound = " (software bound)" if spec.software_bound else ""
    return f"{low}–{high} {r.unit}{bound} · default {default:g} ({spec.source})"


def muted(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("fieldCaption")
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


