"""``chairside audit verify``: the chain whole, and every signed session still what was
signed. Reads through small ports so that it runs on any storage."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from monitor.accounts.addendum_signature import addendum_altered
from monitor.accounts.signature import Signature
from monitor.accounts.signing import signature_as_recorded, signature_status
from monitor.audit.chain import ChainBreak, first_break
from monitor.audit.entry import AuditEntry
from monitor.audit.replay import REPLAYED, Replay
from monitor.errors import NotFound
from monitor.session_record import SessionRecord


@dataclass
class VerifyReport:
    entries: int = 0
    chain_break: ChainBreak | None = None
    altered: list[tuple[int, str]] = field(default_factory=list)  # (session id, what)
    unverifiable: list[int] = field(default_factory=list)  # signed before 0007
    signatures_checked: int = 0
    # rows and users not as the trail says: (table, row id, what)
    changed_rows: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return self.chain_break is None and not self.altered and not self.changed_rows

    def lines(self) -> list[str]:
        out = []
        if self.chain_break is None:
            out.append(f"Audit trail intact: {self.entries} entries, chain whole.")
        else:
            out.append(f"AUDIT TRAIL BROKEN at {self.chain_break}.")
        for session_id, what in self.altered:
            out.append(f"Session {session_id} ALTERED AFTER SIGNING: {what}")
        out.extend(changed_row_line(*changed) for changed in self.changed_rows)
        out.append(f"Signatures checked: {self.signatures_checked}, "
                   f"{len(self.altered)} altered.")
        if self.unverifiable:
            ids = ", ".join(str(i) for i in self.unverifiable)
            out.append(f"Signed before signatures carried a digest (not verifiable): {ids}")
        return out


def changed_row_line(table: str, row: str, what: str) -> str:
    """``row``: the row's id, or a user's sign-in name."""
    if table == "app_user":
        return f"User {row} CHANGED OUTSIDE CHAIRSIDE: {what}"
    return f"Row {row} of {table} CHANGED OUTSIDE CHAIRSIDE: {what}"


def verify(entries: Iterable[AuditEntry], signed_ids: list[int],
           load: Callable[[int], SessionRecord],
           signature: Callable[[int], tuple[Signature, dict[str, str]] | None],
           rows: Callable[[str], dict[int, dict]] | None = None) -> VerifyReport:
    """``rows(table)``: the table's rows now, by id, as the trail stores them (JSON-plain);
    without it only the chain and the signatures are checked."""
    report = VerifyReport()
    replayed = Replay()
    signs: dict[int, AuditEntry] = {}  # the latest "sign" entry of each session
    first_at: datetime | None = None

    def counted(items: Iterable[AuditEntry]) -> Iterator[AuditEntry]:
        nonlocal first_at
        for entry in items:
            report.entries += 1
            first_at = first_at or entry.at
            if entry.event.action == "sign" and entry.event.row_id.isdigit():
                signs[int(entry.event.row_id)] = entry
            replayed.add(entry)
            yield entry

    report.chain_break = first_break(counted(entries))
    for session_id in sorted(set(signed_ids) | set(signs)):
        problem = _check_session(session_id, load, signature, signs.get(session_id), first_at)
        report.signatures_checked += 1
        if problem == "unverifiable":
            report.unverifiable.append(session_id)
        elif problem:
            report.altered.append((session_id, problem))
    if rows is not None:
        _check_rows(report, replayed, rows, set(signed_ids) | set(signs))
    return report


def _check_rows(report: VerifyReport, replayed: Replay,
                rows: Callable[[str], dict[int, dict]], signed: set[int]) -> None:
    """Every replayed table against the trail; an addendum of a signed session changed or
    gone also names its session (addenda are outside the session's digest)."""
    named = {sid for sid, _ in report.altered}
    for table in REPLAYED:
        now = rows(table)
        for row_id, what in replayed.differences(table, now):
            expected = replayed.expected.get((table, row_id), {})
            label = str((now.get(row_id) or expected).get("username", row_id)) \
                if table == "app_user" else str(row_id)
            report.changed_rows.append((table, label, what))
            session_id = expected.get("session_id")
            if table == "addendum" and session_id in signed and session_id not in named:
                report.altered.append((session_id, f"its addendum {row_id} was {what}"))
                named.add(session_id)


def _check_session(session_id: int, load: Callable[[int], SessionRecord],
                   signature: Callable[[int], tuple[Signature, dict[str, str]] | None],
                   sign_entry: AuditEntry | None, first_at: datetime | None) -> str:
    try:
        record = load(session_id)
    except NotFound:
        return "the session was deleted"
    stored = signature(session_id)
    if stored is None:
        if sign_entry is not None:
            return (f"its signature (audit entry {sign_entry.seq}) was deleted from the "
                    "database")
        at = record.session.signed_at
        if first_at is not None and at is not None and at >= first_at:
            return "marked signed without a signature (set in the database directly)"
        return "unverifiable"
    if sign_entry is None:
        if first_at is not None and stored[0].at >= first_at:
            return ("its signature's audit entry is missing (the newest audit entries were "
                    "removed?)")
    elif not signature_as_recorded(stored[0], sign_entry.user_id, sign_entry.event.after):
        return (f"its signature (name, meaning, time or digest) differs from the one audit "
                f"entry {sign_entry.seq} recorded")
    status = signature_status(record, stored)
    if status.is_altered:
        return status.what_changed() or "the content no longer matches its digest"
    altered = [str(a.id) for a in record.addenda if addendum_altered(a)]
    if altered:
        return f"its signed addendum {', '.join(altered)} no longer matches its digest"
    return ""
