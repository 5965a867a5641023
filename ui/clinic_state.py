"""The sessions open in the clinic now, kept in memory for the board and the chair view.

Entries made on this workstation are added to these records as they are stored, so the
board refreshes every second without a query. ``reload`` picks up sessions opened or
discharged elsewhere (another workstation on the same PostgreSQL server).
"""

from __future__ import annotations

from monitor.service import SessionRecord, SessionService
from monitor.timeline import Phase


class ClinicState:
    def __init__(self, service: SessionService) -> None:
        self.service = service
        self.records: dict[int, SessionRecord] = {}

    def reload(self) -> None:
        """Loads sessions opened since, drops those discharged (here or elsewhere)."""
        open_ids = [s.id for s, _p in self.service.repo.open_sessions()]
        for sid in list(self.records):
            if sid not in open_ids:
                del self.records[sid]
        for sid in open_ids:
            if sid not in self.records:
                self.records[sid] = self.service.load(sid)

    def record(self, session_id: int) -> SessionRecord:
        """The shared record of an open session, or a fresh load of any other."""
        if session_id not in self.records:
            record = self.service.load(session_id)
            if record.session.phase is Phase.DISCHARGED:
                return record
            self.records[session_id] = record
        return self.records[session_id]

    def open_records(self) -> list[SessionRecord]:
        return [r for r in self.records.values() if r.session.phase is not Phase.DISCHARGED]
