"""Honest corrections at their boundaries, with a fixed clock, on SQLite and PostgreSQL:
an artifact SBP 185 stops driving the alarm, the schedule, the peak rise and the Aldrete
pre-fill; its recheck is linked; a signed session refuses a mark and says to write an
addendum; a discharged, unsigned session takes a note and a mark."""

from __future__ import annotations

from datetime import date

import pytest

from monitor.corrections import Status
from monitor.course import summarize
from monitor.discharge import all_clear, record_prefill
from monitor.errors import InvalidEntry, TransitionRefused
from monitor.records import NewPatient
from monitor.review import SessionLocked
from monitor.timeline import EventKind, Phase
from monitor.vitals import Tier, VitalsValues

BASELINE = VitalsValues(124, 78, 72, 98, 14, 36.7)
CUFF = VitalsValues(185, 95, 80, 97, 15, 36.8)  # the cuff slipped: SBP 185
RECHECK = VitalsValues(150, 90, 78, 97, 15, 36.8)
ARTIFACT = Status.ARTIFACT


@pytest.fixture
def sid(service, clock):
    """Baseline 124/78 at 14:00, started at 14:00, SBP 185 at 14:05 (critical alarm)."""
    patient = service.register_patient(NewPatient("C-1", "Cora Cuff", date(1980, 1, 1)))
    s = service.open_session(patient.id, "1", 72)
    service.record_vitals(s.id, BASELINE)
    service.start_infusion(s.id)
    clock.advance(minutes=5)
    cuff = service.record_vitals(s.id, CUFF)
    assert cuff.tier is Tier.CRITICAL
    return s.id


def cuff_of(service, sid):
    return next(v for v in service.load(sid).vitals if v.values.sbp == 185)


def test_an_artifact_stops_driving_alarm_schedule_and_peak_rise(service, clock, sid):
    record = service.load(sid)
    assert record.open_alarm() is not None
    assert summarize(record, clock.now()).sbp_rise == 61
    due_before = record.vitals_due(clock.now())
    cuff = cuff_of(service, sid)
    clock.advance(minutes=1)
    mark = service.mark_entry(sid, "vitals", cuff.id, ARTIFACT, "cuff", by="Ann Lee RN")
    assert (mark.status, mark.reason, mark.made_by) == (ARTIFACT, "cuff", "Ann Lee RN")
    assert mark.made_at == clock.now()
    record = service.load(sid)
    assert [v.id for v in record.vitals].count(cuff.id) == 1  # never deleted
    assert len(record.alarms) == 1  # the alarm stays, shown as an artifact's
    assert record.open_alarm() is None  # but is no longer open
    assert summarize(record, clock.now()).sbp_rise is None  # no other reading after start
    assert summarize(record, clock.now()).alarm_count == 0
    # the schedule no longer counts the artifact as the 14:05 set
    assert record.vitals_due(clock.now()).due_at < due_before.due_at


def test_a_recheck_is_linked_and_becomes_the_peak(service, clock, sid):
    cuff = cuff_of(service, sid)
    service.mark_entry(sid, "vitals", cuff.id, ARTIFACT, "cuff")
    clock.advance(minutes=2)
    recheck = service.record_vitals(sid, RECHECK, recheck_of=cuff.id, by="Ann Lee RN")
    record = service.load(sid)
    link = record.marks.recheck_of(recheck)
    assert link is not None and link.recheck_of == cuff.id and link.status is Status.RECHECK
    assert {v.id for v in record.vitals} >= {cuff.id, recheck.id}  # both kept
    assert summarize(record, clock.now()).sbp_rise == 150 - 124
    assert summarize(record, clock.now()).peak_bp == (150, 90)


def test_a_recheck_of_an_unmarked_reading_is_refused(service, clock, sid):
    cuff = cuff_of(service, sid)
    before = len(service.load(sid).vitals)
    with pytest.raises(InvalidEntry, match="Mark the reading"):
        service.record_vitals(sid, RECHECK, recheck_of=cuff.id)
    assert len(service.load(sid).vitals) == before


def test_an_artifact_baseline_is_no_baseline_for_alarms_or_prefill(service, clock):
    patient = service.register_patient(NewPatient("C-2", "Bo Base", date(1980, 1, 1)))
    s = service.open_session(patient.id, "2", 72)
    good = service.record_vitals(s.id, BASELINE)
    clock.advance(minutes=1)
    bad = service.record_vitals(s.id, VitalsValues(90, 50, 72, 98, 14))  # a cuff artifact
    service.mark_entry(s.id, "vitals", bad.id, ARTIFACT, "cuff loose")
    assert service.load(s.id).baseline().id == good.id
    service.start_infusion(s.id)
    clock.advance(minutes=40)
    service.end_infusion(s.id)
    clock.advance(minutes=5)
    after = service.record_vitals(s.id, CUFF)
    # flagged against the 124/78 baseline, not the 90/50 artifact
    assert after.flags[1].startswith("Systolic BP 185 is +61 mmHg over baseline 124")
    service.mark_entry(s.id, "vitals", after.id, ARTIFACT, "cuff")
    latest, fills = record_prefill(service.load(s.id), clock.now(), 15)
    assert latest is None and "circulation" not in fills  # the artifact fills nothing
    clock.advance(minutes=1)
    recheck = service.record_vitals(s.id, RECHECK, recheck_of=after.id)
    assert recheck.flags == ()  # against 90/50 it would be a critical rise of +60
    latest, fills = record_prefill(service.load(s.id), clock.now(), 15)
    assert latest is not None and latest.values == RECHECK
    assert fills["circulation"].why == "BP 150/90 vs baseline 124/78: 21.0 % change"


def test_every_kind_of_entry_can_be_marked_and_stops_counting(service, clock, sid):
    effect = service.record_side_effect(sid, "nausea", 8)
    given = service.record_medication(sid, "Ondansetron", 4, "mg", "IV")
    moaas = service.record_assessment(sid, "moaas", 3)
    note = service.add_note(sid, "Patient asleep")
    for kind, entry in (("side_effect", effect), ("medication", given),
                        ("assessment", moaas), ("note", note)):
        service.mark_entry(sid, kind, entry.id, Status.ENTERED_IN_ERROR, "wrong chair")
    record = service.load(sid)
    counted = record.effective()
    assert (counted.side_effects, counted.medications, counted.assessments) == ([], [], [])
    assert note.id not in [e.id for e in counted.events]
    assert (len(record.side_effects), len(record.medications)) == (1, 1)  # kept
    assert summarize(record, clock.now()).rescue_medications == ()
    assert summarize(record, clock.now()).worst_nausea is None
    assert service.discharge_concerns(sid) == []  # no severe effect, no MOAA/S 3


def test_a_mark_needs_a_reason_and_is_made_once(service, sid):
    cuff = cuff_of(service, sid)
    with pytest.raises(InvalidEntry, match="reason"):
        service.mark_entry(sid, "vitals", cuff.id, ARTIFACT, "  ")
    service.mark_entry(sid, "vitals", cuff.id, ARTIFACT, "cuff")
    with pytest.raises(InvalidEntry, match="already marked artifact"):
        service.mark_entry(sid, "vitals", cuff.id, Status.ENTERED_IN_ERROR, "again")
    with pytest.raises(InvalidEntry, match="not in this session"):
        service.mark_entry(sid, "vitals", cuff.id + 999, ARTIFACT, "cuff")
    start = service.load(sid).events[0]
    assert start.kind is EventKind.START
    with pytest.raises(InvalidEntry, match="not in this session"):
        service.mark_entry(sid, "note", start.id, ARTIFACT, "a phase change is not a note")
    assert len(service.load(sid).corrections) == 1


def _discharge(service, clock, sid):
    clock.advance(minutes=40)
    service.end_infusion(sid)
    clock.advance(minutes=31)
    service.discharge(sid, all_clear())
    assert service.get_session(sid).phase is Phase.DISCHARGED


def test_a_discharged_unsigned_session_takes_a_note_and_a_mark(service, clock, sid):
    _discharge(service, clock, sid)
    note = service.add_note(sid, "Called home: well")
    assert note.kind is EventKind.NOTE and service.load(sid).events[-1].id == note.id
    cuff = cuff_of(service, sid)
    service.mark_entry(sid, "vitals", cuff.id, ARTIFACT, "cuff")
    assert service.load(sid).open_alarm() is None
    with pytest.raises(TransitionRefused, match="takes notes, and an entry can be marked"):
        service.add_addendum(sid, "late", "Late entry", "Dr Q")


def test_a_signed_session_refuses_a_mark_and_says_to_write_an_addendum(service, clock, sid):
    _discharge(service, clock, sid)
    given = service.load(sid)
    service.sign(sid, "Dr Quinn")
    cuff = cuff_of(service, sid)
    with pytest.raises(TransitionRefused, match="write an addendum"):
        service.mark_entry(sid, "vitals", cuff.id, ARTIFACT, "cuff")
    with pytest.raises(SessionLocked, match="addendum"):
        service.add_note(sid, "late note")
    assert service.load(sid).corrections == []
    assert given.session.version < service.get_session(sid).version


def test_an_addendum_names_the_structured_item_it_corrects(service, clock, sid):
    given = service.record_medication(sid, "Ondansetron", 4, "mg", "IV")
    _discharge(service, clock, sid)
    service.sign(sid, "Dr Quinn")
    addendum = service.add_addendum(sid, "Dose was 8 mg, not 4 mg", "Correction", "Dr Quinn",
                                    corrects=("medication", given.id))
    assert addendum.corrects == ("medication", given.id)
    assert service.load(sid).addenda[0].corrects == ("medication", given.id)
    with pytest.raises(InvalidEntry, match="not in this session"):
        service.add_addendum(sid, "x", "Correction", "Dr Quinn",
                             corrects=("medication", given.id + 99))


def test_a_mark_from_a_screen_that_missed_a_sign_off_is_refused(service, clock, sid):
    _discharge(service, clock, sid)
    seen = service.get_session(sid).version
    service.sign(sid, "Dr Quinn")
    cuff = cuff_of(service, sid)
    with pytest.raises(TransitionRefused, match="signed by Dr Quinn"):
        service.mark_entry(sid, "vitals", cuff.id, ARTIFACT, "cuff", seen_version=seen)


def test_a_baseline_marked_in_error_is_no_baseline_to_start_from(service, clock):
    patient = service.register_patient(NewPatient("C-3", "Nia None", date(1980, 1, 1)))
    s = service.open_session(patient.id, "3", 72)
    wrong = service.record_vitals(s.id, BASELINE)
    service.mark_entry(s.id, "vitals", wrong.id, Status.ENTERED_IN_ERROR, "other patient")
    with pytest.raises(TransitionRefused, match="Take a baseline vitals set"):
        service.start_infusion(s.id)
    assert service.get_session(s.id).phase is Phase.BASELINE
    service.record_vitals(s.id, BASELINE)
    assert service.start_infusion(s.id).kind is EventKind.START


def test_a_mark_made_by_mistake_is_withdrawn_and_the_entry_counts_again(service, clock,
                                                                        sid):
    from datetime import timezone

    from monitor.report.csv_rows import csv_rows
    from monitor.report.format import STRUCK, Times
    from monitor.report.session import session_report

    cuff = cuff_of(service, sid)
    service.mark_entry(sid, "vitals", cuff.id, ARTIFACT, "cuff", by="Ann Lee RN")
    assert service.load(sid).open_alarm() is None
    clock.advance(minutes=2)
    withdrawal = service.withdraw_mark(sid, "vitals", cuff.id, "marked the wrong row",
                                       by="Ann Lee RN")
    assert (withdrawal.status, withdrawal.reason) == (Status.WITHDRAWN,
                                                     "marked the wrong row")
    record = service.load(sid)
    assert record.open_alarm() is not None  # the real reading's alarm is open again
    assert cuff.id in [v.id for v in record.effective().vitals]
    assert summarize(record, clock.now()).sbp_rise == 61
    assert len(record.corrections) == 2  # the mark and its withdrawal, both kept
    times = Times(timezone.utc)
    [row] = [r for r in session_report(record, clock.now(), times).vitals.rows
             if "185/95" in r.cells]
    assert row.level != STRUCK
    assert ("Artifact mark withdrawn: marked the wrong row — by Ann Lee RN at 14:07 "
            "(it said: cuff, 14:05)") in row.cells[-1]
    details = [r[3] for r in csv_rows(record, times)]  # time UTC, local, kind, detail
    assert f"Vitals set #{cuff.id}: its mark withdrawn by Ann Lee RN: marked the wrong " \
           "row" in details
    # it can be marked again, and then it no longer counts again
    service.mark_entry(sid, "vitals", cuff.id, Status.ENTERED_IN_ERROR, "other chair")
    assert service.load(sid).open_alarm() is None


def test_a_withdrawal_needs_a_mark_a_reason_and_an_unsigned_session(service, clock, sid):
    cuff = cuff_of(service, sid)
    with pytest.raises(InvalidEntry, match="not marked"):
        service.withdraw_mark(sid, "vitals", cuff.id, "wrong row")
    service.mark_entry(sid, "vitals", cuff.id, ARTIFACT, "cuff")
    with pytest.raises(InvalidEntry, match="Give the reason"):
        service.withdraw_mark(sid, "vitals", cuff.id, "  ")
    _discharge(service, clock, sid)
    service.sign(sid, "Dr Quinn")
    with pytest.raises(TransitionRefused, match="write an addendum"):
        service.withdraw_mark(sid, "vitals", cuff.id, "wrong row")
    assert len(service.load(sid).corrections) == 1
