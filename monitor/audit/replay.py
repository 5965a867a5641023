"""What the audit trail says each clinical row and each account should hold now, replayed
from its create, change and delete entries, compared with what the tables hold: a row
edited, deleted or added with SQL (behind the app's back) shows as a difference, whether
its session is signed or not, and a user's roles changed by SQL too.

Only tables every write of which goes through the audited ORM (``db.audit_hook``) or the
accounts' own entries are replayed; the session row is not (phase changes are Core
UPDATEs, audited through their event row and covered by the signature's digest).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from monitor.audit.entry import AuditEntry

REPLAYED = ("patient", "vitals_set", "side_effect", "session_event", "alarm", "assessment",
            "medication_given", "addendum", "entry_correction", "app_user")
# what changes without an entry of its own: the sign-in counters (each try is audited
# with its own words, not as a row change)
UNAUDITED_FIELDS = {"app_user": frozenset({"failures", "last_failure_at", "locked_until"})}
# the accounts' own entries that change a user's row (``db.accounts_repo``)
USER_CHANGES = ("create user", "change roles", "deactivate user", "reactivate user")

Key = tuple[str, int]


@dataclass
class Replay:
    """Feed it the trail in order (``add``), then ``differences`` against the tables."""

    expected: dict[Key, dict] = field(default_factory=dict)
    deleted: set[Key] = field(default_factory=set)
    first_created: dict[str, int] = field(default_factory=dict)  # lowest id the trail made
    created_by_entry: dict[Key, int] = field(default_factory=dict)

    def add(self, entry: AuditEntry) -> None:
        e = entry.event
        if e.table not in REPLAYED or not e.row_id.isdigit():
            return
        key = (e.table, int(e.row_id))
        if e.action in ("create", "create user"):
            self.expected[key] = dict(e.after or {})
            self.created_by_entry[key] = entry.seq
            low = self.first_created.get(e.table)
            self.first_created[e.table] = key[1] if low is None else min(low, key[1])
        elif e.action == "delete":
            self.expected.pop(key, None)
            self.deleted.add(key)
        elif e.after and (e.table != "app_user" or e.action in USER_CHANGES):
            self.expected.setdefault(key, {}).update(e.after)

    def differences(self, table: str, rows: dict[int, dict]) -> list[tuple[int, str]]:
        """(row id, what) for each row of ``table`` that is not as the trail says."""
        found = []
        ignored = UNAUDITED_FIELDS.get(table, frozenset())
        for (t, row_id), want in sorted(self.expected.items()):
            if t != table:
                continue
            have = rows.get(row_id)
            if have is None:
                seq = self.created_by_entry.get((t, row_id))
                if seq is not None:
                    found.append((row_id, f"deleted (audit entry {seq} created it; no "
                                          "deletion was recorded)"))
                continue
            changed = sorted(k for k, v in want.items()
                             if k not in ignored and k in have and have[k] != v)
            if changed:
                found.append((row_id, f"changed without an audit entry: {', '.join(changed)}"))
        low = self.first_created.get(table)
        for row_id in sorted(rows):
            if low is not None and row_id > low and (table, row_id) not in self.expected \
                    and (table, row_id) not in self.deleted:
                found.append((row_id, "added without an audit entry"))
        return found


def replay(entries: Iterable[AuditEntry]) -> Replay:
    r = Replay()
    for entry in entries:
        r.add(entry)
    return r
