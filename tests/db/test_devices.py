"""Monitors on a real database: raw observations stored once, bindings recorded and
audited, a chair's values for its session, and the nurse validating a set."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from db.models import AuditRow, DeviceBindingRow, DeviceObservationRow
from monitor.devices.records import ToStore
from monitor.devices.understand import understand
from monitor.errors import InvalidEntry
from monitor.records import NewPatient
from tests.monitor.devices.samples import PCD01_GE, nm, oru

UTC = timezone.utc


def to_store(text: str) -> ToStore:
    u = understand(text.encode())
    assert u.report is not None, u.reason
    return ToStore(u.report, u.text)


def monitor_message(clock, control: str, minutes_ago: float = 1, sbp: int = 120,
                    rr: bool = True) -> ToStore:
    at = (clock.now() - timedelta(minutes=minutes_ago)).strftime("%Y%m%d%H%M%S+0000")
    obx = [nm("150021", str(sbp), at=at), nm("150022", "80", at=at),
           nm("147842", "72", "264864^^MDC", at=at), nm("150456", "97", "262688^^MDC", at=at)]
    if rr:
        obx.append(nm("151562", "14", "/min", at=at))
    return to_store(oru(*obx, control=control, when=at))


def count(storage, row) -> int:
    with storage.transaction() as s:
        return s.scalar(select(func.count()).select_from(row))


def test_a_resent_message_is_stored_once(repo, storage, clock):
    item = to_store(PCD01_GE)
    repo.devices.store([item], clock.now())
    repo.devices.store([item, item], clock.now())
    assert count(storage, DeviceObservationRow) == 2  # its two observation times
    (device,) = repo.devices.devices()
    assert device.key == "080019FFFE0B4020" and device.chair is None


def test_the_same_control_id_at_another_time_is_another_observation(repo, storage, clock):
    repo.devices.store([monitor_message(clock, "7", 5)], clock.now())
    repo.devices.store([monitor_message(clock, "7", 1)], clock.now())
    assert count(storage, DeviceObservationRow) == 2


def test_the_raw_message_is_kept_as_received_even_without_values(repo, storage, clock):
    text = oru(nm("150021", "-999"), control="W1")
    repo.devices.store([to_store(text)], clock.now())
    with storage.transaction() as s:
        row = s.scalars(select(DeviceObservationRow)).one()
        assert row.message == text.rstrip("\r") and "no-value marker" in row.notes
    assert repo.devices.observations() == []  # nothing to chart


def test_values_go_to_the_chair_the_monitor_is_bound_to_then(repo, clock):
    repo.devices.store([monitor_message(clock, "1")], clock.now())
    (device,) = repo.devices.devices()
    repo.devices.bind(device.id, "3", clock.now())
    repo.devices.store([monitor_message(clock, "2")], clock.now())
    assert [o.chair for o in repo.devices.observations()] == [None, "3"]
    assert [o.values["sbp"] for o in repo.devices.observations(chair="3")] == [120]
    repo.devices.unbind(device.id, clock.now())
    repo.devices.store([monitor_message(clock, "3")], clock.now())
    assert len(repo.devices.observations(chair="3")) == 1


def test_binding_a_chair_unbinds_its_previous_monitor(repo, storage, clock):
    repo.devices.store([monitor_message(clock, "1"), to_store(PCD01_GE)], clock.now())
    a, b = repo.devices.devices()
    repo.devices.bind(a.id, "1", clock.now())
    repo.devices.bind(b.id, "1", clock.now())
    chairs = {d.key: d.chair for d in repo.devices.devices()}
    assert chairs == {a.key: None, b.key: "1"}
    assert count(storage, DeviceBindingRow) == 2  # the first kept, closed


@pytest.fixture
def session_on_chair_2(guarded, current_user, staff, clock):
    current_user.sign_in(staff["nurse"])
    patient = guarded.register_patient(NewPatient("M-1", "Sam Monitor", date(1980, 1, 2)))
    session = guarded.open_session(patient.id, "2", 70)
    clock.advance(minutes=10)  # the monitor's values come after the session opened
    return session


def test_binding_is_audited_as_the_signed_in_nurse(guarded, repo, storage, clock,
                                                   session_on_chair_2):
    repo.devices.store([monitor_message(clock, "1")], clock.now())
    (device,) = guarded.monitors()
    guarded.bind_monitor(device.id, "2")
    guarded.unbind_monitor(device.id)
    with storage.transaction() as s:
        actions = s.execute(select(AuditRow.action, AuditRow.username).where(
            AuditRow.table_name == "device_binding").order_by(AuditRow.seq)).all()
        binding = s.scalars(select(DeviceBindingRow)).one()
    assert actions == [("create", "kim"), ("update", "kim")]
    assert binding.created_by is not None and binding.unbound_at is not None


def test_the_nurse_validates_the_latest_set_with_its_source(guarded, repo, clock,
                                                            session_on_chair_2):
    sid = session_on_chair_2.id
    repo.devices.store([monitor_message(clock, "1")], clock.now())
    (device,) = guarded.monitors()
    guarded.bind_monitor(device.id, "2")
    repo.devices.store([monitor_message(clock, "2", 3, sbp=118),
                        monitor_message(clock, "3", 1, sbp=131)], clock.now())
    assert [o.values["sbp"] for o in guarded.monitor_values(sid)] == [118, 131]
    stored = guarded.validate_monitor_set(sid)
    assert stored.values.sbp == 131 and stored.source == f"monitor {device.key}"
    assert stored.taken_at == clock.now().replace(microsecond=0) - timedelta(minutes=1)
    record = guarded.load(sid)
    assert record.vitals[-1].id == stored.id  # in the record like a typed set


def test_a_missing_value_must_be_typed_and_nothing_is_invented(guarded, repo, clock,
                                                               session_on_chair_2):
    sid = session_on_chair_2.id
    repo.devices.store([monitor_message(clock, "1", rr=False)], clock.now())
    (device,) = guarded.monitors()
    guarded.bind_monitor(device.id, "2")
    repo.devices.store([monitor_message(clock, "2", rr=False)], clock.now())
    with pytest.raises(InvalidEntry, match="Respiratory rate"):
        guarded.validate_monitor_set(sid)
    assert guarded.validate_monitor_set(sid, {"rr": 16}).values.rr == 16


def test_no_values_from_before_the_session_or_another_chair(guarded, repo, clock,
                                                            session_on_chair_2):
    repo.devices.store([monitor_message(clock, "1")], clock.now())
    (device,) = guarded.monitors()
    guarded.bind_monitor(device.id, "5")
    repo.devices.store([monitor_message(clock, "2")], clock.now())
    with pytest.raises(InvalidEntry, match="No monitor values"):
        guarded.validate_monitor_set(session_on_chair_2.id)
    assert datetime(2026, 1, 1, tzinfo=UTC) < clock.now()


def test_what_a_monitor_sends_is_cut_to_the_columns(repo, storage, clock):
    long_id = "D" * 300
    text = oru(nm("150021", "120"), control="C" * 400).replace("MON^0001^EUI-64", long_id)
    repo.devices.store([to_store(text)], clock.now())
    (device,) = repo.devices.devices()
    assert device.key == long_id[:120]
    with storage.transaction() as s:
        assert len(s.scalars(select(DeviceObservationRow.control_id)).one()) == 199
    with pytest.raises(InvalidEntry):
        repo.devices.bind(device.id, "9" * 21, clock.now())


def test_the_latest_set_marked_as_an_artifact_is_never_validated(guarded, repo, clock,
                                                                session_on_chair_2):
    sid = session_on_chair_2.id
    repo.devices.store([monitor_message(clock, "1")], clock.now())
    (device,) = guarded.monitors()
    guarded.bind_monitor(device.id, "2")
    repo.devices.store([monitor_message(clock, "2", 3, sbp=124),
                        monitor_message(clock, "3", 1, sbp=210)], clock.now())
    marked = guarded.mark_monitor_artifact(sid)
    assert marked.values["sbp"] == 210
    assert [o.artifact for o in guarded.monitor_values(sid)] == [False, True]  # kept
    assert guarded.latest_monitor_set(sid).values["sbp"] == 124  # the set before it
    assert guarded.validate_monitor_set(sid).values.sbp == 124


def test_an_edited_set_keeps_its_source_who_validated_it_and_what_changed(
        guarded, repo, storage, clock, staff, session_on_chair_2):
    sid = session_on_chair_2.id
    repo.devices.store([monitor_message(clock, "1")], clock.now())
    (device,) = guarded.monitors()
    guarded.bind_monitor(device.id, "2")
    repo.devices.store([monitor_message(clock, "2", 1, sbp=182)], clock.now())
    latest = guarded.latest_monitor_set(sid)
    stored = guarded.validate_monitor_set(
        sid, {"sbp": 142, "dbp": 80, "hr": 72, "spo2": 97, "rr": 14, "temp_c": None},
        list(latest.observation_ids))
    assert stored.source == f"monitor {device.key}" and stored.device_edits == "sbp 182 142"
    assert stored.entered_by == staff["nurse"].user_id  # validated by the signed-in nurse
    (again,) = guarded.load(sid).vitals  # as stored
    assert (again.values.sbp, again.device_edits) == (142, "sbp 182 142")
    plain = guarded.validate_monitor_set(sid)  # one key: what the monitor sent
    assert (plain.values.sbp, plain.device_edits) == (182, "")
