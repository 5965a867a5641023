"""An entry that loses a race stores nothing (issue 8 §2, attack pass): a discharge that
another workstation's discharge beat leaves no Aldrete of its own, and a note (or any entry)
racing a discharge never lands after it. Real SQLite files and PostgreSQL; the other
workstation is a second ``Storage`` (its own connections) on the same database, stepping in
at the worst moment."""

from __future__ import annotations

import time
from datetime import date

import pytest

from db.repository import ClinicRepository
from db.sessions_repo import SessionRepository
from db.storage import Storage
from monitor.discharge import all_clear
from monitor.errors import ChangedElsewhere, TransitionRefused
from monitor.records import NewPatient
from monitor.review import SessionLocked
from monitor.service import SessionService
from monitor.timeline import EventKind, Phase
from monitor.vitals import VitalsValues
from tests.db.test_races import TRIES, Workstation

NORMAL = VitalsValues(124, 78, 72, 98, 14, 36.7)


class SteppedIn(SessionRepository):
    """Sessions as one workstation reads them, with another workstation acting once right
    after this workstation's ``after``-th read of the session (so the two interleave the
    way a race does, at a chosen point)."""

    def __init__(self, storage: Storage, after: int, other) -> None:
        super().__init__(storage)
        self._reads_left, self._other = after, other
        self.stepped_in = False

    def _read(self) -> None:
        self._reads_left -= 1
        if self._reads_left == 0:
            self.stepped_in = True
            self._other()

    def get_session(self, session_id):
        found = super().get_session(session_id)
        self._read()
        return found

    def record(self, session_id):
        found = super().record(session_id)
        self._read()
        return found


@pytest.fixture
def second_workstation(storage, clock):
    other = Storage(storage.url.render_as_string(hide_password=False))
    yield SessionService(ClinicRepository(other), clock)
    other.close()


def in_observation(service, clock, n: int = 1) -> int:
    patient = service.register_patient(NewPatient(f"CH-70{n:02d}", "Ines Ortega",
                                                  date(1979, 2, 3)))
    sid = service.open_session(patient.id, "2", weight_kg=70).id
    service.record_vitals(sid, NORMAL)
    clock.advance(minutes=2)
    service.start_infusion(sid)
    clock.advance(minutes=40)
    service.end_infusion(sid)
    clock.advance(minutes=30)
    return sid


def workstation(storage, clock, after: int, other) -> tuple[SessionService, SteppedIn]:
    repo = ClinicRepository(storage)
    repo.sessions = sessions = SteppedIn(storage, after, other)
    return SessionService(repo, clock), sessions


@pytest.mark.parametrize("after_read", range(1, 8))
def test_a_discharge_that_loses_the_race_stores_no_aldrete(storage, clock, service,
                                                           second_workstation, after_read):
    """Whichever of this workstation's reads the other's discharge follows, the loser
    stores nothing: one discharge, one Aldrete, a session that loads cleanly."""
    sid = in_observation(service, clock)
    seen = service.get_session(sid).version
    here, sessions = workstation(storage, clock, after_read,
                                 lambda: second_workstation.discharge(sid, all_clear()))
    try:
        here.discharge(sid, all_clear(), seen_version=seen)
        lost = None
    except (ChangedElsewhere, TransitionRefused) as error:
        lost = error
    assert (lost is not None) == sessions.stepped_in
    if isinstance(lost, ChangedElsewhere):
        assert "discharged on another workstation" in str(lost)
    record = service.load(sid)
    assert [a.kind for a in record.assessments] == ["aldrete"]  # the winner's only
    assert [e.kind for e in record.events].count(EventKind.DISCHARGE) == 1
    assert record.timeline.warnings == []


def test_a_discharge_stores_its_aldrete_event_and_readiness_together(service, clock):
    sid = in_observation(service, clock)
    service.discharge(sid, all_clear())
    record = service.load(sid)
    assert record.session.phase is Phase.DISCHARGED
    assert [a.kind for a in record.assessments] == ["aldrete"]
    assert record.assessments[0].score == 10
    assert record.session.discharge_ready_at == record.assessments[0].at


def test_a_discharge_refused_by_its_checks_stores_nothing(service, clock):
    sid = in_observation(service, clock)
    service.discharge(sid, all_clear())
    before = service.load(sid)
    with pytest.raises(TransitionRefused):
        service.discharge(sid, all_clear())
    assert len(service.load(sid).assessments) == len(before.assessments)


@pytest.mark.parametrize("entry", ["vitals", "side_effect", "medication", "assessment"])
def test_an_entry_racing_a_discharge_never_lands_after_it(storage, clock, service,
                                                         second_workstation, entry):
    sid = in_observation(service, clock)
    # this workstation reads the session (still open), then the other discharges it
    here, _ = workstation(storage, clock, 1,
                          lambda: second_workstation.discharge(sid, all_clear()))
    add = {
        "vitals": lambda: here.record_vitals(sid, NORMAL),
        "side_effect": lambda: here.record_side_effect(sid, "nausea", 1),
        "medication": lambda: here.record_medication(sid, "Ondansetron", 4, "mg", "IV"),
        "assessment": lambda: here.record_assessment(sid, "moaas", score=5),
    }[entry]
    with pytest.raises(TransitionRefused, match="discharged"):
        add()
    record = service.load(sid)
    assert record.events[-1].kind is EventKind.DISCHARGE
    assert [e.kind for e in record.events].count(EventKind.NOTE) == 0
    assert len(record.vitals) == 1 and record.side_effects == [] \
        and record.medications == []
    assert [a.kind for a in record.assessments] == ["aldrete"]


def test_a_note_racing_a_discharge_is_kept_after_it(storage, clock, service,
                                                   second_workstation):
    """Notes are taken until sign-off (issue 9 §4): one racing a discharge lands after
    it, in the order committed."""
    sid = in_observation(service, clock)
    here, _ = workstation(storage, clock, 1,
                          lambda: second_workstation.discharge(sid, all_clear()))
    here.add_note(sid, "Patient comfortable.")
    kinds = [e.kind for e in service.load(sid).events]
    assert kinds[-2:] == [EventKind.DISCHARGE, EventKind.NOTE]


def test_a_note_racing_a_sign_off_never_lands_after_it(storage, clock, service,
                                                      second_workstation):
    sid = in_observation(service, clock)
    service.discharge(sid, all_clear())
    here, _ = workstation(storage, clock, 1,
                          lambda: second_workstation.sign(sid, "Dr Ames"))
    with pytest.raises(SessionLocked, match="signed by Dr Ames"):
        here.add_note(sid, "Patient comfortable.")
    record = service.load(sid)
    assert record.session.signed and EventKind.NOTE not in [e.kind for e in record.events]


def test_a_note_on_an_open_session_changes_no_version(service, clock):
    sid = in_observation(service, clock)
    version = service.get_session(sid).version
    service.add_note(sid, "Resting.")
    assert service.get_session(sid).version == version


# --- two processes, the same moment -------------------------------------------------------

@pytest.fixture
def two_processes(storage):
    url = storage.url.render_as_string(hide_password=False)
    pair = [Workstation(url, "Nurse Ames"), Workstation(url, "Nurse Bell")]
    yield pair
    for w in pair:
        w.close()


def send_both(pair, actions: tuple[str, str], sid: int) -> list[str]:
    at = time.time() + 0.3
    for w, action in zip(pair, actions, strict=True):
        w.send(f"{action} {sid} {at}")
    return [w.answer() for w in pair]


@pytest.mark.slow
def test_two_processes_discharging_at_once_store_one_aldrete(storage, clock, service,
                                                             two_processes):
    for n in range(TRIES):
        sid = in_observation(service, clock, n)
        answers = sorted(send_both(two_processes, ("discharge", "discharge"), sid))
        assert answers[1] == "won" and answers[0].startswith("lost "), answers
        record = service.load(sid)
        assert [a.kind for a in record.assessments] == ["aldrete"]
        assert record.timeline.warnings == []


@pytest.mark.slow
def test_a_note_and_a_discharge_at_once_both_land_in_commit_order(storage, clock, service,
                                                                   two_processes):
    """Notes are taken until sign-off (issue 9 §4): a note sent with a discharge is kept,
    before or after it, and the session loads cleanly either way."""
    for n in range(TRIES):
        sid = in_observation(service, clock, n)
        discharged, noted = send_both(two_processes, ("discharge", "note"), sid)
        assert discharged == "won" and noted == "won", (discharged, noted)
        record = service.load(sid)
        kinds = [e.kind for e in record.events]
        assert kinds.count(EventKind.NOTE) == 1 and kinds.count(EventKind.DISCHARGE) == 1
        assert record.timeline.warnings == []
