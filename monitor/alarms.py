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


ACTION_SEPARATOR = "; "
MAX_ACTIONS = 5  # five of the longest fit the stored 120 characters; more go in the note


def join_actions(actions: list[str]) -> str:
    """Several actions taken, in the order of ``ACTIONS``, as one stored text."""
    return ACTION_SEPARATOR.join(a for a in ACTIONS if a in actions)


def actions_in(action: str) -> list[str]:
    """The actions of a stored text: one ("Paused the infusion") or several. Read by
    matching whole actions ("Observed; no action needed" holds the separator itself);
    text that is not a list of actions comes back whole, to be refused."""
    found, rest = [], action
    while rest:
        match = next((a for a in ACTIONS
                      if rest == a or rest.startswith(a + ACTION_SEPARATOR)), None)
        if match is None:
            return [action]
        found.append(match)
        rest = rest[len(match) + len(ACTION_SEPARATOR):]
    return found


def check_acknowledgement(by: str, action: str, note: str = "") -> None:
    """``action`` is one of ``ACTIONS`` or several joined by ``join_actions``."""
    if not by.strip():
        raise InvalidEntry("Enter who is acknowledging the alarm.", "by")
    actions = actions_in(action)
    if not actions or any(a not in ACTIONS for a in actions):
        raise InvalidEntry("Choose the action taken.", "action")
    if len(actions) > 1 and ACTIONS[0] in actions:
        raise InvalidEntry(f"“{ACTIONS[0]}” goes alone: untick it or the other actions.",
                           "action")
    if len(actions) > MAX_ACTIONS:
        raise InvalidEntry(f"Choose at most {MAX_ACTIONS} actions; say the rest in the "
                           "note.", "action")
    if ACTIONS[-1] in actions and not note.strip():
        raise InvalidEntry("Say in the note what was done.", "note")
