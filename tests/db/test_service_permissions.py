"""Permissions in the service layer, on a real database: every action × every role; a
refused action stores nothing (not even an audit entry of a change); the typed "who" comes
from the signed-in user; every entry records who made it; audit entries are written in
the change's own transaction."""

from __future__ import annotations

import inspect
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import func, select, text

from db import audit_log
from db.models import AuditRow, Base, VitalsRow
from monitor.accounts.guard import (
    METHOD_ACTIONS,
    SIGNED_ONLY,
    GuardedService,
    SignatureRequired,
    UnguardedAction,
)
from monitor.accounts.permissions import PERMISSIONS, PermissionRefused
from monitor.accounts.roles import Role
from monitor.alarms import ACTIONS
from monitor.assessments import ALDRETE
from monitor.audit.chain import first_break
from monitor.corrections import Status
from monitor.discharge import all_clear
from monitor.errors import NotFound
from monitor.records import NewPatient
from monitor.service import SessionService
from monitor.vitals import VitalsValues
from tests.conftest import PSYCHIATRIST_PASSWORD
from tests.monitor.test_review import a_completed_session

NOWHERE = 999_999  # a session, patient or alarm that does not exist
V = VitalsValues(120, 80, 70, 98, 14)

# arguments that pass every check up to the database, which then finds nothing (NotFound,
# or an empty answer for a read): getting that far proves the permission check let it by
CALLS = {
    "load": (NOWHERE,), "course": (NOWHERE,), "get_patient": (NOWHERE,),
    "get_session": (NOWHERE,), "find_patients": ("nobody",), "sessions_of": (NOWHERE,),
    "open_sessions": (), "active_session_for": (NOWHERE,), "entry_counts": ([],),
    "with_clock": (None,), "early_end": (NOWHERE,), "discharge_concerns": (NOWHERE,),
    "use_stored_safety": (),
    "possible_duplicates": (NewPatient("NB-1", "No Body", date(1900, 1, 2)),),
    "patients_with_mrn": ("nobody",),
    "record_vitals": (NOWHERE, V), "record_side_effect": (NOWHERE, "nausea", 3),
    "record_assessment": (NOWHERE, "madrs", 10),
    "record_aldrete": (NOWHERE, {key: 2 for key in ALDRETE}),
    "record_medication": (NOWHERE, "Ondansetron", 4, "mg", "IV"),
    "acknowledge_alarm": (NOWHERE, "", ACTIONS[0]),
    "start_infusion": (NOWHERE, "no cuff"), "pause": (NOWHERE, "restless"),
    "resume": (NOWHERE,), "stop_early": (NOWHERE, "nausea"), "end_infusion": (NOWHERE,),
    "change_rate": (NOWHERE, 50.0), "discharge": (NOWHERE, all_clear()),
    "add_note": (NOWHERE, "calm"), "sign": (NOWHERE, ""),
    "mark_entry": (NOWHERE, "vitals", NOWHERE, Status.ARTIFACT, "cuff"),
    "withdraw_mark": (NOWHERE, "vitals", NOWHERE, "wrong row"),
    "record_sound_silenced": (NOWHERE, "Alarm sound silenced for 2 min"),
    "add_addendum": (NOWHERE, "late entry", "forgot", ""),
    "courses_of": (NOWHERE,), "course_choices": (NOWHERE,),
    "start_course": (NOWHERE, "Induction", "induction"), "end_course": (NOWHERE,),
    "assign_to_course": (NOWHERE, NOWHERE),
    "monitors": (), "monitor_values": (NOWHERE,),
    "chair_monitor_values": ("no such chair", datetime(2026, 1, 1, tzinfo=timezone.utc)),
    "monitor_feed_position": (), "monitor_feeds": (),
    "new_monitor_values": (0,), "latest_monitor_set": (NOWHERE,),
    "bind_monitor": (NOWHERE, "1"), "unbind_monitor": (NOWHERE,),
    "validate_monitor_set": (NOWHERE,), "mark_monitor_artifact": (NOWHERE,),
}


def counts(storage) -> dict[str, int]:
    with storage.transaction() as s:
        return {t.name: s.scalar(select(func.count()).select_from(t))
                for t in Base.metadata.sorted_tables}


def test_every_service_action_is_in_the_table():
    public = {name for name, _ in inspect.getmembers(SessionService, inspect.isfunction)
              if not name.startswith("_")}
    assert public == set(METHOD_ACTIONS) | set(SIGNED_ONLY)
    assert not set(METHOD_ACTIONS) & set(SIGNED_ONLY)
    assert set(CALLS) | {"register_patient", "open_session"} == public


def test_a_method_missing_from_the_table_is_refused_as_a_bug(repo, clock, current_user):
    class Grown(SessionService):
        def forget_everything(self) -> None: ...

    with pytest.raises(UnguardedAction):
        GuardedService(Grown(repo, clock), current_user).forget_everything()


@pytest.mark.parametrize("role", list(Role))
def test_every_action_by_every_role(storage, accounts, everyone, current_user, guarded, service,
                                    role):
    from monitor.accounts.users import NewUser

    patient = None
    accounts.add_user(everyone, NewUser("one", "One Role", "", frozenset({role})),
                      "a long enough password", "8642")
    current_user.sign_in(accounts.sign_in("one", "a long enough password"))
    for name, args in {**CALLS, "register_patient": (NewPatient("P-1", "Pat One",
                                                                date(1980, 1, 2)),)}.items():
        allowed = role in PERMISSIONS[{**METHOD_ACTIONS, **SIGNED_ONLY}[name]]
        before = counts(storage)
        if name in SIGNED_ONLY:  # only with the password, through SigningService
            with pytest.raises(SignatureRequired if allowed else PermissionRefused):
                getattr(guarded, name)(*args)
            assert counts(storage) == before, name
        elif not allowed:
            with pytest.raises(PermissionRefused):
                getattr(guarded, name)(*args)
            assert counts(storage) == before, name
        elif name == "register_patient":
            patient = getattr(guarded, name)(*args)
            assert patient.id and counts(storage)["patient"] == before["patient"] + 1
        elif name == "with_clock":
            assert isinstance(guarded.with_clock(guarded.clock), GuardedService)
        elif name == "use_stored_safety":  # never hands out the unguarded service
            assert guarded.use_stored_safety() is guarded
        else:
            try:
                answer = getattr(guarded, name)(*args)
            except NotFound:
                continue
            assert not answer, name  # nothing there: an empty list, None or {}
    opened = role in PERMISSIONS[METHOD_ACTIONS["open_session"]]
    if opened:  # with a real patient: the nurse and psychiatrist open sessions
        session = guarded.open_session(patient.id, "1", 70)
        assert session.id
    else:
        with pytest.raises(PermissionRefused, match="nurse or psychiatrist"):
            guarded.open_session(1, "1", 70)


def test_nobody_signed_in_can_do_nothing(storage, guarded):
    before = counts(storage)
    for name, args in CALLS.items():
        if name == "with_clock":
            args = (guarded.clock,)
        with pytest.raises(PermissionRefused, match="nobody"):
            getattr(guarded, name)(*args)
    assert counts(storage) == before


def test_a_nurse_trying_to_sign_is_refused_and_nothing_is_stored(storage, service, clock,
                                                                staff, current_user,
                                                                guarded):
    current_user.sign_in(staff["psychiatrist"])
    sid = a_completed_session(guarded, clock)
    current_user.sign_in(staff["nurse"])
    before = counts(storage)
    with pytest.raises(PermissionRefused, match="Only a psychiatrist can sign a session"):
        guarded.sign(sid, "Dr Somebody")
    assert counts(storage) == before
    assert not service.get_session(sid).signed


def test_who_did_it_comes_from_the_signed_in_user(storage, service, clock, staff,
                                                  current_user, guarded, signing):
    kim, dana = staff["nurse"], staff["psychiatrist"]
    current_user.sign_in(kim)
    sid = a_completed_session(guarded, clock)  # with a critical reading: an alarm
    alarm = service.load(sid).alarms[0]
    guarded.acknowledge_alarm(alarm.id, "Somebody Else", ACTIONS[0])
    assert service.load(sid).alarms[0].acknowledged_by == "Kim Rivera, RN"
    current_user.sign_in(dana)
    before = counts(storage)
    with pytest.raises(SignatureRequired):  # the typed signer of old: refused
        guarded.sign(sid, "Dr Typed Name")
    with pytest.raises(SignatureRequired):
        guarded.add_addendum(sid, "Called home", "follow-up", "Typed Author")
    assert counts(storage) == before
    signing.sign(dana, sid, PSYCHIATRIST_PASSWORD)
    signing.add_addendum(dana, sid, "Called home", "follow-up", PSYCHIATRIST_PASSWORD)
    assert service.get_session(sid).signed_by == "Dana Whitfield, MD"
    assert service.load(sid).addenda[0].author == "Dana Whitfield, MD"
    with storage.engine.connect() as conn:
        for table in ("vitals_set", "side_effect", "session_event", "assessment",
                      "medication_given"):
            who = set(conn.execute(text(f"SELECT entered_by FROM {table}")).scalars())
            assert who == {kim.user_id}, table
        assert conn.execute(text("SELECT created_by FROM patient")).scalar() == kim.user_id
        assert conn.execute(text("SELECT created_by FROM infusion_session")).scalar() \
            == kim.user_id
        assert conn.execute(text("SELECT acknowledged_by_user FROM alarm")).scalar() \
            == kim.user_id
        assert conn.execute(text("SELECT author_user FROM addendum")).scalar() \
            == dana.user_id


def test_every_entry_is_audited_with_before_and_after(storage, service, clock, staff,
                                                      current_user, guarded):
    current_user.sign_in(staff["nurse"])
    a_completed_session(guarded, clock)
    with storage.transaction() as s:
        trail = list(audit_log.entries(s))
    assert first_break(trail) is None
    creates = [e for e in trail if e.event.action == "create"]
    tables = {e.event.table for e in creates}
    assert {"patient", "infusion_session", "vitals_set", "side_effect", "session_event",
            "assessment", "medication_given", "alarm"} <= tables
    vitals = [e for e in creates if e.event.table == "vitals_set"]
    assert [e.event.after["sbp"] for e in vitals] == [120, 184, 128]
    assert {(e.username, e.workstation, e.os_user) for e in vitals} == {
        ("kim", "chair-ws-1", "nurse1")}
    ready = [e for e in trail if e.event.action == "update"
             and e.event.table == "infusion_session"]
    assert ready and ready[0].event.before == {"discharge_ready_at": None}


def test_an_entry_rolled_back_leaves_no_audit_entry(storage, service, clock, staff,
                                                    current_user, guarded):
    current_user.sign_in(staff["nurse"])
    sid = a_completed_session(guarded, clock)
    before = counts(storage)
    with pytest.raises(RuntimeError), storage.transaction() as s:
        s.add(VitalsRow(session_id=sid, taken_at=clock.now(), sbp=1, dbp=1, hr=1, spo2=1,
                        rr=1, source="manual", entered_at=clock.now(), flags=""))
        s.flush()  # the audit entry is written here, in this transaction
        assert s.scalar(select(func.count()).select_from(AuditRow)) == before["audit_log"] + 1
        raise RuntimeError("the disk is gone")
    assert counts(storage) == before


def test_settings_are_read_by_anyone_signed_in_and_changed_by_an_admin(
        storage, service, staff, everyone, current_user, guarded):
    import dataclasses

    from monitor.accounts.guard import SETTINGS_ACTIONS
    from monitor.clinic_settings import ClinicSettings

    public = {name for name, _ in inspect.getmembers(ClinicSettings, inspect.isfunction)
              if not name.startswith("_")}
    assert public == set(SETTINGS_ACTIONS)
    with pytest.raises(PermissionRefused, match="nobody"):
        guarded.settings.chair_count()
    current_user.sign_in(staff["nurse"])
    guarded.settings.ensure_defaults()
    protocol = guarded.settings.protocols()[0]
    assert guarded.settings.chair_count() >= 1
    before = counts(storage)
    with pytest.raises(PermissionRefused, match="Only an administrator can change protocols"):
        guarded.settings.save_protocol(dataclasses.replace(protocol, planned_minutes=45))
    with pytest.raises(PermissionRefused, match="administrator"):
        guarded.settings.set_setting("clinic_name", "Elsewhere")
    assert counts(storage) == before
    current_user.sign_in(everyone)
    guarded.settings.set_setting("clinic_name", "Harbour Mood Clinic")
    assert guarded.settings.clinic_name() == "Harbour Mood Clinic"
    with storage.transaction() as s:
        last = list(audit_log.entries(s))[-1]
    assert (last.event.table, last.username) == ("clinic_setting", "pat")


def test_the_collaborators_are_guarded_too(storage, service, clock, staff, current_user,
                                           guarded):
    """Found by the attack pass: ``guarded.review.sign`` let a nurse sign as any name, and
    ``guarded.care`` let anybody write, because plain attributes passed the guard."""
    current_user.sign_in(staff["psychiatrist"])
    sid = a_completed_session(guarded, clock)
    current_user.sign_in(staff["nurse"])
    before = counts(storage)
    with pytest.raises(UnguardedAction):
        guarded.review.sign(sid, "Dr Forged Signer")
    with pytest.raises(UnguardedAction):
        guarded.care.acknowledge_alarm(service.load(sid).alarms[0].id, "Ghost", ACTIONS[0])
    with pytest.raises(UnguardedAction):
        guarded.courses.start_course(1, "Induction", "induction")
    assert counts(storage) == before and not service.get_session(sid).signed
    assert guarded.review.patients_overview("") is not None  # the one read screens use
    current_user.sign_out()
    with pytest.raises(PermissionRefused):
        guarded.review.patients_overview("")
