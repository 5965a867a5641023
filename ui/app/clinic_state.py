"""The sessions open in the clinic now, kept in memory for the board and the chair view.

Entries made on this workstation are added to these records as they are stored, so the
board refreshes every second without a query. ``reload`` picks up what happened on
another workstation on the same PostgreSQL server: sessions opened or discharged there,
and entries made there into a session loaded here.
"""

from __future__ import annotations

from monitor.service import SessionRecord, SessionService
from monitor.timeline import Phase


class ClinicState:
    def __init__(self, service: SessionService) -> None:
        self.service = service
        self.records: dict[int, SessionRecord] = {}

    def reload(self) -> set[int]:
        """Loads sessions opened since, drops those discharged, and reloads those with
        entries made elsewhere. Returns the ids of the records replaced."""
        open_ids = [s.id for s, _p in self.service.repo.open_sessions()]
        for sid in list(self.records):
            if sid not in open_ids:
                del self.records[sid]
        stored = self.service.repo.entry_counts([i for i in open_ids if i in self.records])
        changed = {sid for sid, counts in stored.items()
                   if counts != fingerprint(self.records[sid])}
        for sid in open_ids:
            if sid not in self.records or sid in changed:
                self.records[sid] = self.service.load(sid)
        return changed

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


def fingerprint(r: SessionRecord) -> tuple[int, ...]:
    """The same counts as ``ClinicRepository.entry_counts``, from the record in memory."""
    return (len(r.events), len(r.vitals), len(r.side_effects), len(r.alarms),
            len(r.assessments), len(r.medications), len(r.addenda),
            sum(1 for a in r.alarms if a.acknowledged))
