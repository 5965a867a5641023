"""The clinic's own settings that have a rule: how many chairs the board shows."""

from __future__ import annotations

from monitor.errors import InvalidEntry

CHAIRS_LOW, CHAIRS_HIGH = 1, 16  # a software bound (the board's room), not a clinical number


def check_chair_count(text: str) -> int:
    """The number of chairs typed, or a refusal naming the range."""
    text = text.strip()
    if not text.isdigit() or not CHAIRS_LOW <= int(text) <= CHAIRS_HIGH:
        raise InvalidEntry(f"Number of chairs must be {CHAIRS_LOW}–{CHAIRS_HIGH}"
                           f"{f' (not {text})' if text else ''}.", "chair_count")
    return int(text)
