"""The sessions the screens show, kept in memory, and the one path every stored entry
takes to reach them.

The service reports each change it stores (``monitor.changes.Change``); ``apply`` folds it
into every record held here (``SessionRecord.apply``) and emits ``entry_stored`` once.
The chair view, the board, the alarm strip and the review all listen to that one signal,
so no screen patches a record by hand or reads a session again after a change.

``reload`` picks up what happened on another workstation on the same PostgreSQL server:
sessions opened or discharged there, and entries made there into a session loaded here.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from monitor.changes import Change
from monitor.service import SessionRecord, SessionService
from monitor.timeline import Phase


class ClinicState(QObject):
    """Signals:
        entry_stored(int, object): a ``Change`` was stored into the session with this id
            and applied to the records held here.
    """

    entry_stored = Signal(int, object)

    def __init__(self, service: SessionService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.records: dict[int, SessionRecord] = {}  # the sessions open in the clinic
        self._held: dict[str, dict[int, SessionRecord]] = {}  # others on screen, by holder
        service.changes.subscribe(self.apply)

    def reload(self) -> set[int]:
        """Loads sessions opened since, drops those discharged, and reloads those with
        entries made elsewhere. Returns the ids of the records replaced."""
        open_ids = [s.id for s, _p in self.service.open_sessions()]
        for sid in list(self.records):
            if sid not in open_ids:
                del self.records[sid]
        stored = self.service.entry_counts([i for i in open_ids if i in self.records])
        changed = {sid for sid, counts in stored.items()
                   if counts != fingerprint(self.records[sid])}
        for sid in open_ids:
            if sid not in self.records or sid in changed:
                self.records[sid] = self.service.load(sid)
        return changed

    def refresh(self, session_id: int) -> SessionRecord:
        """The session as stored now, replacing every copy held (after another
        workstation changed it: ``ChangedElsewhere``)."""
        fresh = self.service.load(session_id)
        if session_id in self.records:
            self.records[session_id] = fresh
        for held in self._held.values():
            if session_id in held:
                held[session_id] = fresh
        # the screens follow as for any change that moved the session on
        self.entry_stored.emit(session_id, Change(session_id, session=fresh.session))
        return fresh

    def record(self, session_id: int) -> SessionRecord:
        """The shared record of an open session, or a fresh load of any other."""
        if session_id not in self.records:
            record = self.service.load(session_id)
            if record.session.phase is Phase.DISCHARGED:
                self.hold("chair", [record])
                return record
            self.records[session_id] = record
        return self.records[session_id]

    def hold(self, holder: str, records: list[SessionRecord]) -> None:
        """Records a screen shows besides the open ones (the review's course): changes
        stored into them are applied to them too, until the holder holds others."""
        self._held[holder] = {r.session.id: r for r in records}

    def open_records(self) -> list[SessionRecord]:
        return [r for r in self.records.values() if r.session.phase is not Phase.DISCHARGED]

    def apply(self, change: Change) -> None:
        """Folds a stored change into every record of that session, then tells the
        screens (called by the service, once per change)."""
        sid = change.session_id
        held = [self.records.get(sid), *(h.get(sid) for h in self._held.values())]
        for record in {id(r): r for r in held if r is not None}.values():
            record.apply(change)
        self.entry_stored.emit(sid, change)


def fingerprint(r: SessionRecord) -> tuple[int, ...]:
    """The same counts as ``SessionStore.entry_counts``, from the record in memory."""
    return (len(r.events), len(r.vitals), len(r.side_effects), len(r.alarms),
            len(r.assessments), len(r.medications), len(r.addenda), len(r.corrections),
            sum(1 for a in r.alarms if a.acknowledged))
