"""Two workstations press the same button at the same moment: one wins, the other is told,
and the session still loads (issue 8 §2). Real processes, real SQLite file / PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from db.repository import ClinicRepository
from monitor.clock import SystemClock
from monitor.records import NewPatient
from monitor.service import SessionService
from monitor.timeline import EventKind, Phase
from monitor.vitals import VitalsValues

pytestmark = pytest.mark.slow

CHILD = Path(__file__).with_name("race_child.py")
TRIES = 20


class Workstation:
    def __init__(self, url: str, name: str) -> None:
        self.proc = subprocess.Popen([sys.executable, str(CHILD), url, name],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout.readline().strip() == "ready"

    def send(self, line: str) -> None:
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def answer(self) -> str:
        return self.proc.stdout.readline().strip()

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=30)
        self.proc.stdout.close()


@pytest.fixture
def two_workstations(storage):
    url = storage.url.render_as_string(hide_password=False)
    pair = [Workstation(url, "Dr Ames"), Workstation(url, "Dr Bell")]
    yield pair
    for w in pair:
        w.close()


def race(pair, action: str, sid: int) -> list[str]:
    at = time.time() + 0.3
    for w in pair:
        w.send(f"{action} {sid} {at}")
    return sorted(w.answer() for w in pair)


def running_session(service: SessionService, n: int) -> int:
    patient = service.register_patient(NewPatient(f"R-{n}", f"Race {n}", date(1980, 1, 1)))
    sid = service.open_session(patient.id, f"Chair {n % 4 + 1}", weight_kg=70).id
    service.record_vitals(sid, VitalsValues(120, 75, 70, 98, 14))
    service.start_infusion(sid)
    return sid


def test_two_workstations_pausing_at_once_one_wins_the_other_is_told(storage,
                                                                     two_workstations):
    service = SessionService(ClinicRepository(storage), SystemClock())
    for n in range(TRIES):
        sid = running_session(service, n)
        answers = race(two_workstations, "pause", sid)
        assert answers[1] == "won", answers
        assert answers[0].startswith("lost ") and "was paused on another workstation at" \
            in answers[0], answers
        record = service.load(sid)
        assert record.timeline.warnings == []
        assert record.session.phase is Phase.PAUSED
        assert [e.kind for e in record.events].count(EventKind.PAUSE) == 1


def test_two_psychiatrists_signing_at_once_one_signature_is_kept_and_said(storage,
                                                                          two_workstations):
    from monitor.assessments import ALDRETE
    from monitor.discharge import DischargeCheck

    service = SessionService(ClinicRepository(storage), SystemClock())
    for n in range(TRIES // 2):
        sid = running_session(service, n)
        # on the wall clock: stopped at once and discharged with the guards overridden
        service.stop_early(sid, "race test")
        service.discharge(sid, DischargeCheck(dict.fromkeys(ALDRETE, 2), True, True),
                          "race test: observation not waited for")
        answers = race(two_workstations, "sign", sid)
        assert answers[1] == "won", answers
        session = service._repo.sessions.get_session(sid)
        assert session.signed_by in ("Dr Ames", "Dr Bell")
        # the loser is told who signed, or (a loaded machine: the winner's transaction,
        # with its digest and audit entries, outlasted the 0.5 s busy timeout) that nothing
        # was saved; never "signed"
        told = answers[0].startswith("lost ") and f"signed by {session.signed_by}" \
            in answers[0]
        assert told or answers[0].startswith("error StorageUnavailable: Not saved"), answers


def test_a_change_made_on_a_stale_screen_is_refused_with_what_happened(storage):
    service = SessionService(ClinicRepository(storage), SystemClock())
    sid = running_session(service, 1)
    seen = service._repo.sessions.get_session(sid).version  # what this workstation's screen shows
    service.pause(sid, "nausea")  # another workstation
    from monitor.errors import ChangedElsewhere

    with pytest.raises(ChangedElsewhere, match="was paused on another workstation"):
        service.pause(sid, "nausea", seen_version=seen)
    with pytest.raises(ChangedElsewhere):
        service.end_infusion(sid, seen_version=seen)
    events = service._repo.sessions.events(sid)
    assert [e.kind for e in events].count(EventKind.PAUSE) == 1
    assert service._repo.sessions.get_session(sid).phase is Phase.PAUSED


def test_a_note_never_undoes_a_phase_change_made_meanwhile(storage):
    """A note decided while infusing, stored after another workstation paused: the session
    stays paused (the note writes no phase)."""
    service = SessionService(ClinicRepository(storage), SystemClock())
    sid = running_session(service, 2)
    repo = service._repo
    service.pause(sid, "BP")
    repo.sessions.add_event(sid, EventKind.NOTE, SystemClock().now(), "late note", Phase.INFUSING)
    assert repo.sessions.get_session(sid).phase is Phase.PAUSED


def test_a_clock_stepped_back_two_minutes_refuses_nothing_and_elapsed_never_drops(storage):
    """One workstation whose wall clock is stepped back 2 minutes after every change: every
    change is taken, the session loads without a warning, and the elapsed time it shows
    never goes down (its clock stands still until the wall clock catches up)."""
    from datetime import datetime, timedelta, timezone

    wall = [datetime(2026, 11, 30, 14, 0, tzinfo=timezone.utc)]
    clock = SystemClock(lambda: wall[0])
    service = SessionService(ClinicRepository(storage), clock)
    patient = service.register_patient(NewPatient("C-1", "Clock Step", date(1980, 1, 1)))
    sid = service.open_session(patient.id, "Chair 1", weight_kg=70).id
    service.record_vitals(sid, VitalsValues(120, 75, 70, 98, 14))
    service.start_infusion(sid)
    shown = [timedelta(0)]
    for change in (lambda: service.pause(sid, "nausea"), lambda: service.resume(sid),
                   lambda: service.stop_early(sid, "minutes in: a stop")):
        wall[0] += timedelta(minutes=3)
        shown.append(service.load(sid).timeline.elapsed(clock.now()))
        wall[0] -= timedelta(minutes=2)  # stepped back
        change()
        shown.append(service.load(sid).timeline.elapsed(clock.now()))
    record = service.load(sid)
    assert record.timeline.warnings == []
    assert record.session.phase is Phase.OBSERVATION
    assert shown == sorted(shown)  # never backwards
    # ran 14:00–14:03, paused 14:03–14:04, ran 14:04–14:05 (the clock stood still meanwhile)
    assert shown[-1] == timedelta(minutes=4)


def test_two_workstations_two_minutes_apart_refuse_nothing_and_load(storage):
    from datetime import datetime, timedelta, timezone

    from monitor.clock import FixedClock

    t = datetime(2026, 11, 30, 14, 0, tzinfo=timezone.utc)
    ahead, behind = FixedClock(t), FixedClock(t - timedelta(minutes=2))

    def at_planned_end(service):
        """Both clocks past the planned 40 minutes of running, then the infusion ended."""
        ahead.advance(minutes=45)
        behind.advance(minutes=45)
        service.end_infusion(sid)
    repo = ClinicRepository(storage)
    a, b = SessionService(repo, ahead), SessionService(repo, behind)
    patient = a.register_patient(NewPatient("C-2", "Two Clocks", date(1980, 1, 1)))
    sid = a.open_session(patient.id, "Chair 2", weight_kg=70).id
    a.record_vitals(sid, VitalsValues(120, 75, 70, 98, 14))
    a.start_infusion(sid)
    for service, change in ((b, lambda s: s.pause(sid, "nausea")), (a, lambda s: s.resume(sid)),
                            (b, lambda s: s.pause(sid, "BP")), (a, lambda s: s.resume(sid)),
                            (b, at_planned_end)):
        ahead.advance(minutes=1)
        behind.advance(minutes=1)
        change(service)
    record = a.load(sid)
    assert record.timeline.warnings == []
    assert record.session.phase is Phase.OBSERVATION
    assert record.timeline.elapsed(ahead.now()) >= timedelta(0)
    assert [e.kind for e in record.events] == [EventKind.START, EventKind.PAUSE,
                                               EventKind.RESUME, EventKind.PAUSE,
                                               EventKind.RESUME, EventKind.END_INFUSION]
