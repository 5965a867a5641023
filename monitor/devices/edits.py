"""What the nurse changed in a monitor set before validating it (the cuff misread, a
value the monitor did not send): stored with the vitals set, one line a measure,
``key device entered`` (``-`` for a value the monitor did not send, or left out), and
shown as "SBP 182 → 142 (monitor → entered)" on screen, in the log and in the PDF.

The device's own observation is never edited: it stays stored raw beside the set.
"""

from __future__ import annotations

from monitor.devices.latest import MonitorSet
from monitor.vitals import VitalsValues

FIELDS = ("sbp", "dbp", "hr", "spo2", "rr", "temp_c")
SHORT = {"sbp": "SBP", "dbp": "DBP", "hr": "HR", "spo2": "SpO₂", "rr": "RR", "temp_c": "Temp"}
NONE = "-"


def device_values(latest: MonitorSet) -> dict[str, float]:
    """The set as the monitor sent it, rounded as a validated set stores it (HR from the
    oximeter's pulse rate when no ECG)."""
    v = latest.recorded
    if "hr" not in v and "pulse" in v:
        v["hr"] = v["pulse"]
    return {k: v[k] for k in FIELDS if k in v}


def device_edits(latest: MonitorSet, entered: VitalsValues) -> str:
    """'' when the nurse validated what the monitor sent; else one line a changed measure."""
    sent = device_values(latest)
    lines = []
    for key in FIELDS:
        was, now = sent.get(key), getattr(entered, key)
        if was != now:
            lines.append(f"{key} {_number(was)} {_number(now)}")
    return "\n".join(lines)


def edit_lines(stored: str) -> list[str]:
    """'SBP 182 → 142', 'RR not sent → 16', 'Temp 36.9 → left out'."""
    shown = []
    for line in stored.splitlines():
        parts = line.split()
        if len(parts) != 3 or parts[0] not in SHORT:
            continue
        key, was, now = parts
        shown.append(f"{SHORT[key]} {'not sent' if was == NONE else was} → "
                     f"{'left out' if now == NONE else now}")
    return shown


def edited_text(stored: str) -> str:
    """'edited before validating: SBP 182 → 142 (monitor → entered)'; '' when not edited."""
    lines = edit_lines(stored)
    if not lines:
        return ""
    return "edited before validating: " + "; ".join(lines) + " (monitor → entered)"


def _number(value: float | None) -> str:
    return NONE if value is None else f"{value:g}"


def source_note(source: str, stored_edits: str) -> str:
    """A validated monitor set's source as the log and the PDF print it: 'from monitor
    X, validated' (the time is the set's, who validated it the row's "By"), and what
    was edited; '' for a typed set."""
    if not source.startswith("monitor "):
        return ""
    edited = edited_text(stored_edits)
    return f"from {source}, validated" + (f"; {edited}" if edited else "")
