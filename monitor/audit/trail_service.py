"""The audit trail as an administrator reads it: searched, opened and exported, each
checked against the reader's roles, and opening and exporting it audited in turn."""

from __future__ import annotations

from typing import Protocol as Interface

from monitor.accounts.actor import Actor
from monitor.accounts.permissions import Action, require
from monitor.audit.entry import AuditEntry, AuditEvent
from monitor.audit.query import AuditQuery
from monitor.clock import Clock


class AuditStore(Interface):
    def search(self, query: AuditQuery) -> list[AuditEntry]: ...
    def actions(self) -> list[str]: ...
    def usernames(self) -> list[str]: ...


class Recorder(Interface):
    def record(self, actor: Actor, event: AuditEvent) -> None: ...


class AuditTrailService:
    def __init__(self, store: AuditStore, recorder: Recorder, clock: Clock) -> None:
        self.store = store
        self.recorder = recorder
        self.clock = clock

    def open(self, actor: Actor) -> None:
        """An admin opens the audit view: refused to anyone else, audited."""
        require(actor, Action.VIEW_AUDIT)
        self.recorder.record(actor, AuditEvent("open audit view", "audit_log"))

    def search(self, actor: Actor, query: AuditQuery) -> list[AuditEntry]:
        require(actor, Action.VIEW_AUDIT)
        return self.store.search(query)

    def choices(self, actor: Actor) -> tuple[list[str], list[str]]:
        """The user names and the kinds of entry the trail holds (for the filters)."""
        require(actor, Action.VIEW_AUDIT)
        return self.store.usernames(), self.store.actions()

    def exported(self, actor: Actor, query: AuditQuery, where: str, count: int) -> None:
        """Audits an export of the audit report (CSV or PDF) once written."""
        require(actor, Action.VIEW_AUDIT)
        self.recorder.record(actor, AuditEvent(
            "export", "audit_log", detail=f"audit report ({query.describe()}; {count} "
                                          f"entries) to {where}"))
