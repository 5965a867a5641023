"""The audit report's rows (the admin's view, its CSV and its PDF): one per entry, the
same columns everywhere."""

from __future__ import annotations

from monitor.accounts.content_digest import canonical
from monitor.audit.entry import AuditEntry

COLUMNS = ("No.", "Time (UTC)", "User", "Workstation", "OS user", "Action", "Table", "Row",
           "Detail", "Changes")


def changes(entry: AuditEntry) -> str:
    """"sbp: 184 → 128; ..." for a change; the fields written for a create or delete."""
    before, after = entry.event.before or {}, entry.event.after or {}
    keys = sorted(set(before) | set(after))
    parts = []
    for key in keys:
        if key in before and key in after:
            parts.append(f"{key}: {_value(before[key])} → {_value(after[key])}")
        elif key in after:
            parts.append(f"{key}: {_value(after[key])}")
        else:
            parts.append(f"{key}: {_value(before[key])} (removed)")
    return "; ".join(parts)


def _value(value: object) -> str:
    if value is None:
        return "—"
    return value if isinstance(value, str) else canonical(value)


def row(entry: AuditEntry) -> tuple[str, ...]:
    e = entry.event
    return (str(entry.seq), f"{entry.at:%Y-%m-%d %H:%M:%S}", entry.username,
            entry.workstation, entry.os_user, e.action, e.table, e.row_id, e.detail,
            changes(entry))
