"""Alarms raised by vitals sets, and their acknowledgement.

A vitals set that crosses any limit raises one alarm of its worst tier. A critical alarm
stays on screen until someone acknowledges it: who, when, an optional note and the
action taken.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from monitor.errors import InvalidEntry
from monitor.vitals import AlarmFlag, Tier, worst

ACTIONS = (
    "Observed; no action needed",
    "Repeated the measurement",
    "Paused the infusion",
    "Slowed the infusion",
    "Stopped the infusion",
    "Gave medication",
    "Called the physician",
    "Other (see note)",
)


@dataclass(frozen=True)
class Alarm:
    id: int
    session_id: int
    vitals_id: int
    tier: Tier
    messages: tuple[str, ...]
    raised_at: datetime
    acknowledged_at: datetime | None = None
    acknowledged_by: str = ""
    action: str = ""
    note: str = ""
    acknowledged_by_user: int | None = None  # the signed-in user who acknowledged it

    @property
    def acknowledged(self) -> bool:
        return self.acknowledged_at is not None

    def summary(self) -> str:
        return f"{self.tier.value.capitalize()}: " + " ".join(self.messages)


def worst_tier(flags: list[AlarmFlag]) -> Tier | None:
    return worst(f.tier for f in flags)


def highest_open(alarms: list[Alarm]) -> Alarm | None:
    """The unacknowledged alarm to show first: critical before advisory, newest first."""
    open_ = [a for a in alarms if not a.acknowledged]
    return max(open_, key=lambda a: (a.tier is Tier.CRITICAL, a.raised_at), default=None)


def check_acknowledgement(by: str, action: str, note: str = "") -> None:
    if not by.strip():
        raise InvalidEntry("Enter who is acknowledging the alarm.", "by")
    if action not in ACTIONS:
        raise InvalidEntry("Choose the action taken.", "action")
    if action == ACTIONS[-1] and not note.strip():
        raise InvalidEntry("Say in the note what was done.", "note")
