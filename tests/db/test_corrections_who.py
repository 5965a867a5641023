"""Who marked an entry and when, on SQLite and PostgreSQL: the mark carries the signed-in
user's printed name (whatever was typed) and their id, is audited in its own transaction,
and the entry it marks is never changed; a role that cannot chart cannot mark."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from db import audit_log
from monitor.accounts.permissions import PermissionRefused
from monitor.audit.chain import first_break
from monitor.corrections import Status
from monitor.records import NewPatient
from monitor.vitals import VitalsValues


def cuff_session(guarded, clock):
    patient = guarded.register_patient(NewPatient("W-1", "Wyn Who", date(1980, 1, 1)))
    sid = guarded.open_session(patient.id, "1", 70).id
    guarded.record_vitals(sid, VitalsValues(124, 78, 72, 98, 14))
    guarded.start_infusion(sid)
    clock.advance(minutes=5)
    cuff = guarded.record_vitals(sid, VitalsValues(185, 95, 80, 97, 15))
    return sid, cuff


def test_the_mark_and_the_recheck_name_the_signed_in_nurse(storage, service, clock, staff,
                                                           current_user, guarded):
    kim = staff["nurse"]
    current_user.sign_in(kim)
    sid, cuff = cuff_session(guarded, clock)
    clock.advance(minutes=1)
    mark = guarded.mark_entry(sid, "vitals", cuff.id, Status.ARTIFACT, "cuff",
                              by="Somebody Else")
    assert (mark.made_by, mark.made_at) == ("Kim Rivera, RN", clock.now())
    recheck = guarded.record_vitals(sid, VitalsValues(150, 90, 78, 97, 15),
                                    recheck_of=cuff.id)
    record = service.load(sid)
    assert record.marks.recheck_of(recheck).made_by == "Kim Rivera, RN"
    kept = next(v for v in record.vitals if v.id == cuff.id)
    assert (kept.values, kept.flags) == (cuff.values, cuff.flags)  # kept as entered
    with storage.engine.connect() as conn:
        who = set(conn.execute(text("SELECT entered_by FROM entry_correction")).scalars())
        assert who == {kim.user_id}
    with storage.transaction() as s:
        trail = list(audit_log.entries(s))
    assert first_break(trail) is None
    made = [e for e in trail if e.event.table == "entry_correction"]
    assert [e.event.action for e in made] == ["create", "create"]
    assert not [e for e in trail if e.event.table == "vitals_set"
                and e.event.action != "create"]  # the marked reading is never changed


def test_a_role_that_cannot_chart_cannot_mark(storage, clock, staff, accounts, everyone,
                                              current_user, guarded):
    from monitor.accounts.roles import Role
    from monitor.accounts.users import NewUser

    current_user.sign_in(staff["nurse"])
    sid, cuff = cuff_session(guarded, clock)
    accounts.add_user(everyone, NewUser("adm", "Ada Admin", "", frozenset({Role.ADMIN})),
                      "a long enough password", "8642")
    current_user.sign_in(accounts.sign_in("adm", "a long enough password"))
    with pytest.raises(PermissionRefused):
        guarded.mark_entry(sid, "vitals", cuff.id, Status.ARTIFACT, "cuff")
    with storage.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM entry_correction")).scalar() == 0
