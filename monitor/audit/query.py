"""What the admin's audit view asks of the trail (issue 10 §3): by user, patient,
session, kind and period, newest or oldest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

# the most entries one search shows (the CSV and PDF export what is shown); narrowing
# the filter finds the rest
SEARCH_LIMIT = 5000


@dataclass(frozen=True)
class AuditQuery:
    """Every field optional: empty matches everything.

    Attributes:
        username: the user who acted (sign-in name, exact).
        patient_id: entries about this patient or any of their sessions' rows.
        session_id: entries about this session or its rows.
        action: the kind of entry ("create", "sign", "login failed", "export"...).
        since, until: the period, UTC, ``since`` included and ``until`` not.
        newest_first: the order.
        limit: at most this many entries.
    """

    username: str = ""
    patient_id: int | None = None
    session_id: int | None = None
    action: str = ""
    since: datetime | None = None
    until: datetime | None = None
    newest_first: bool = True
    limit: int = SEARCH_LIMIT

    def describe(self) -> str:
        """The filter in words, for the audit entry and the report's header."""
        parts = [f"user {self.username}" if self.username else "",
                 f"patient #{self.patient_id}" if self.patient_id is not None else "",
                 f"session #{self.session_id}" if self.session_id is not None else "",
                 f"kind '{self.action}'" if self.action else "",
                 f"from {self.since:%Y-%m-%d %H:%M} UTC" if self.since else "",
                 f"before {self.until:%Y-%m-%d %H:%M} UTC" if self.until else ""]
        return ", ".join(p for p in parts if p) or "all entries"
