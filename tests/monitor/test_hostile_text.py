"""Every text field, fed hostile text through the service, on SQLite and PostgreSQL:
each value is refused with a message naming the field, or stored exactly as typed —
never a crash (PostgreSQL used to raise DataError on NUL and over-long names)."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from monitor.alarms import ACTIONS
from monitor.corrections import Status
from monitor.discharge import DischargeCheck, all_clear
from monitor.errors import InvalidEntry
from monitor.protocol import DEFAULT_PROTOCOL, Protocol, check_protocol
from monitor.records import NewPatient
from monitor.text_limits import LIMITS
from monitor.vitals import VitalsValues

NORMAL = VitalsValues(124, 78, 72, 98, 14, 36.7)
CRITICAL = VitalsValues(182, 104, 96, 96, 16)
BAG = {"concentration_mg_ml": 0.5, "bag_volume_ml": 100}

REFUSED = {"NUL": "Ana\x00Souza", "lone surrogate": "Ana \ud800", "10,001 characters": "x" * 10_001,
           # bidi controls reorder what is shown ("evil" displayed as "live"): issue 8
           "RTL override": "\u202eAna Souza", "RTL isolate": "Ana \u2067Souza\u2069"}
KEPT = {"right-to-left text and mark": "أحمد\u200f Ana", "emoji": "Ana 😀 Souza 👍🏽",
        "combining": "Ana Sou\u0301za\u0327"}
_mrns = itertools.count(1)


def _patient(service, name="Ana Souza", **texts):
    return service.register_patient(
        NewPatient(texts.pop("mrn", f"HX-{next(_mrns)}"), name, date(1984, 5, 2), **texts))


def _session(service, started=True, chair="2"):
    s = service.open_session(_patient(service).id, chair, weight_kg=70, **BAG)
    if started:
        service.record_vitals(s.id, NORMAL)
        service.start_infusion(s.id)
    return s


def _signed(service):
    s = _session(service)
    _end_and_observe(service, s)
    service.discharge(s.id, all_clear())
    service.sign(s.id, "Dr Lee")
    return s


def _last_event(service, s):
    return service._repo.sessions.events(s.id)[-1].text


def _alarm(service):
    s = _session(service)
    service.record_vitals(s.id, CRITICAL)
    return service._repo.care.alarms(s.id)[-1]


def _protocol(service, **texts):
    p = check_protocol(Protocol(**{**vars(DEFAULT_PROTOCOL), "id": None, **texts}))
    service._repo.settings.save_protocol(p, service.clock.now())
    return next(q for q in service._repo.settings.protocols() if q.name == p.name)


def _course(service, text):
    patient = _patient(service)
    service.start_course(patient.id, text, "induction")
    return service._repo.courses.courses_of(patient.id)[-1].name


def _pause(service, text):
    s = _session(service)
    service.pause(s.id, text)
    return _last_event(service, s)


def _stop(service, text):
    s = _session(service)
    service.stop_early(s.id, text)
    return _last_event(service, s)


def _note(service, text):
    s = _session(service)
    service.add_note(s.id, text)
    return _last_event(service, s)


def _start_override(service, text):
    s = _session(service, started=False)
    service.start_infusion(s.id, override_reason=text)
    return _last_event(service, s).removeprefix("Started without baseline vitals: ")


def _rate_reason(service, text):
    s = _session(service)
    service.change_rate(s.id, 50, text)
    return _last_event(service, s)


def _mark(service, text, field):
    s = _session(service)
    vitals = service._repo.sessions.vitals(s.id)[-1]
    args = {"reason": "cuff", "by": "Ann Lee", field: text}
    service.mark_entry(s.id, "vitals", vitals.id, Status.ARTIFACT, **args)
    return getattr(service._repo.sessions.corrections(s.id)[-1],
                   "reason" if field == "reason" else "made_by")


def _stored_side_effect(service, text, field):
    s = _session(service)
    service.record_side_effect(s.id, "other", 3, **{"description": "Tingling", field: text})
    return getattr(service._repo.sessions.side_effects(s.id)[-1], field)


def _assessment_note(service, text):
    s = _session(service)
    service.record_assessment(s.id, "moaas", 5, note=text)
    return service._repo.care.assessments(s.id)[-1].note


def _medication(service, text, field):
    s = _session(service)
    args = {"drug": "Ondansetron", "note": "", field: text}
    service.record_medication(s.id, args["drug"], 4, "mg", "IV", note=args["note"])
    return getattr(service._repo.care.medications(s.id)[-1], field)


def _acknowledge(service, text, field):
    alarm = _alarm(service)
    args = {"by": "Nurse Kim", "note": "", field: text}
    service.acknowledge_alarm(alarm.id, args["by"], ACTIONS[0], args["note"])
    stored = service._repo.care.get_alarm(alarm.id)
    return stored.acknowledged_by if field == "by" else stored.note


def _sign(service, text):
    s = _session(service)
    _end_and_observe(service, s)
    service.discharge(s.id, all_clear())
    service.sign(s.id, text)
    return service._repo.sessions.get_session(s.id).signed_by


def _addendum(service, text, field):
    s = _signed(service)
    args = {"text": "Dose was 35 mg", "reason": "typo", "author": "Dr Lee", field: text}
    service.add_addendum(s.id, args["text"], args["reason"], args["author"])
    return getattr(service._repo.review.addenda(s.id)[-1], field)


def _vitals_source(service, text):
    s = _session(service, started=False)
    service.record_vitals(s.id, NORMAL, source=text)
    return service._repo.sessions.vitals(s.id)[-1].source


def _end_and_observe(service, s):
    """The planned 40 minutes, then the protocol's 30 of observation."""
    service.clock.advance(minutes=40)
    service.end_infusion(s.id)
    service.clock.advance(minutes=30)


def _discharge_override(service, text):
    s = _session(service)
    _end_and_observe(service, s)
    no_escort = all_clear()
    service.discharge(s.id, DischargeCheck(no_escort.items, False, True), text)
    return _last_event(service, s).split("Override: ", 1)[1]


def _patient_text(field):
    def write(service, text):
        if field == "name":
            patient = _patient(service, name=text)
        else:
            patient = _patient(service, **{field: text})
        return getattr(service._repo.patients.get_patient(patient.id), field)
    return write


# (what, the rule, how to store a value through the service and read it back)
WRITERS = [
    ("MRN", "mrn", _patient_text("mrn")),
    ("patient name", "patient_name", _patient_text("name")),
    ("allergies", "allergies", _patient_text("allergies")),
    ("patient notes", "patient_notes", _patient_text("notes")),
    ("chair", "chair",
     lambda sv, t: sv._repo.sessions.get_session(_session(sv, False, t).id).chair),
    ("vitals source", "vitals_source", _vitals_source),
    ("session note", "note", _note),
    ("pause reason", "reason", _pause),
    ("stop reason", "reason", _stop),
    ("start override reason", "reason", _start_override),
    ("rate change reason", "reason", _rate_reason),
    ("discharge override reason", "override_reason", _discharge_override),
    ("side effect description", "side_effect_description",
     lambda sv, t: _stored_side_effect(sv, t, "description")),
    ("side effect note", "side_effect_note", lambda sv, t: _stored_side_effect(sv, t, "note")),
    ("assessment note", "assessment_note", _assessment_note),
    ("drug name", "drug", lambda sv, t: _medication(sv, t, "drug")),
    ("medication note", "medication_note", lambda sv, t: _medication(sv, t, "note")),
    ("acknowledged by", "acknowledged_by", lambda sv, t: _acknowledge(sv, t, "by")),
    ("acknowledgement note", "acknowledgement_note", lambda sv, t: _acknowledge(sv, t, "note")),
    ("signer", "signed_by", _sign),
    ("addendum", "addendum_text", lambda sv, t: _addendum(sv, t, "text")),
    ("addendum reason", "addendum_reason", lambda sv, t: _addendum(sv, t, "reason")),
    ("addendum author", "addendum_author", lambda sv, t: _addendum(sv, t, "author")),
    ("correction reason", "correction_reason", lambda sv, t: _mark(sv, t, "reason")),
    ("marked by", "correction_by", lambda sv, t: _mark(sv, t, "by")),
    ("protocol name", "protocol_name", lambda sv, t: _protocol(sv, name=t).name),
    ("protocol drug", "protocol_drug",
     lambda sv, t: _protocol(sv, name=f"P{next(_mrns)}", drug=t).drug),
    ("course name", "course_name", _course),
]
# The clinic name (settings screen) and the event text around a reason are checked in
# tests/ui/settings and through the reasons above; a user's names in tests/db/test_accounts.
ELSEWHERE = {"clinic_name", "event_text", "username", "printed_name", "credentials"}


def test_every_rule_is_fed_hostile_text_here():
    assert {rule for _, rule, _ in WRITERS} | ELSEWHERE == set(LIMITS)


@pytest.mark.parametrize(("what", "rule", "write"), WRITERS, ids=[w[0] for w in WRITERS])
def test_hostile_text_is_refused_with_a_message_or_stored_exactly(service, what, rule, write):
    assert write(service, "Ordinary-1").endswith("Ordinary-1")  # the writer works
    for kind, text in REFUSED.items():
        with pytest.raises(InvalidEntry) as refused:
            write(service, text)
        assert LIMITS[rule].label in str(refused.value), (what, kind)
    for kind, text in KEPT.items():
        try:
            stored = write(service, text)
        except InvalidEntry as refused:  # e.g. the MRN's own pattern
            assert refused.field == LIMITS[rule].field, (what, kind)
            continue
        assert stored == text, (what, kind)
