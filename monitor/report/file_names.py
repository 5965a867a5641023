"""Default names for exported files: the patient's MRN and the date first, so a folder of
exports sorts by patient and then by day (``MRN123_2026-11-30_session.pdf``)."""

from __future__ import annotations

import re
from datetime import date, datetime

UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_part(text: str) -> str:
    """Letters, digits, '.', '_' and '-' only (an MRN with '/' or spaces stays one name
    on every file system); never empty, never hidden."""
    cleaned = UNSAFE.sub("-", text.strip()).strip(".-")
    return cleaned or "no-MRN"


def export_name(mrn: str, day: date, kind: str, extension: str) -> str:
    """e.g. ``MRN123_2026-11-30_session.pdf``; kind is "session", "course" or "vitals"."""
    return f"{safe_part(mrn)}_{day:%Y-%m-%d}_{kind}.{extension}"


def handover_name(now: datetime) -> str:
    """The handover sheet names no patient: ``handover_2026-11-30_1432.pdf``."""
    return f"handover_{now:%Y-%m-%d_%H%M}.pdf"
