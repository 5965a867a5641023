"""One audit entry, its canonical content and its hash."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from monitor.accounts.content_digest import canonical, sha256

# the hash a first entry chains to
GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditEvent:
    """What happened, before it is stored (the chain fields are added by storage).

    Attributes:
        action: what was done ("create", "update", "sign", "login failed", "export"...).
        table: the table touched, or "" for actions on no row (a login).
        row_id: the row touched, as text ("" when none).
        before, after: the row's fields before and after (JSON-able dicts), or None.
        detail: free words (where an export went, why a login failed).
    """

    action: str
    table: str = ""
    row_id: str = ""
    before: dict | None = None
    after: dict | None = None
    detail: str = ""


@dataclass(frozen=True)
class AuditEntry:
    seq: int  # 1, 2, 3... with no gaps
    at: datetime  # UTC
    user_id: int
    username: str
    workstation: str
    os_user: str
    event: AuditEvent
    prev_hash: str
    hash: str = ""

    def content(self) -> str:
        """Everything the hash covers, canonical (the entry's own hash excepted)."""
        e = self.event
        return canonical({
            "seq": self.seq, "at": self.at, "user_id": self.user_id,
            "username": self.username, "workstation": self.workstation,
            "os_user": self.os_user, "action": e.action, "table": e.table,
            "row_id": e.row_id, "before": e.before, "after": e.after, "detail": e.detail,
            "prev_hash": self.prev_hash,
        })

    def expected_hash(self) -> str:
        return sha256(self.prev_hash + self.content())
