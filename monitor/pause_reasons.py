"""Quick picks for why an infusion is paused; free text may follow or replace them."""

from __future__ import annotations

PAUSE_REASONS: tuple[str, ...] = (
    "Patient request",
    "Nausea",
    "Blood pressure",
    "Line problem",
    "Other",
)
OTHER = PAUSE_REASONS[-1]


def with_pick(typed: str, pick: str, picks: tuple[str, ...] = PAUSE_REASONS) -> str:
    """The reason text after a quick pick: the pick, then whatever detail had been typed
    after an earlier pick ("Nausea: vomited once" → "Blood pressure: vomited once")."""
    detail = typed
    for earlier in picks:
        if typed == earlier or typed.startswith(earlier + ": "):
            detail = typed[len(earlier):].lstrip(": ")
            break
    if pick == OTHER:  # the free text alone
        return detail
    return f"{pick}: {detail}" if detail else pick
