"""Binding by point of care (PV1-3) on a real database: a monitor no one assigned goes
to the chair its PV1-3 names in the clinic's table; a person's binding wins; the binding
is recorded as made by the point of care. And the listener re-reads the clinic's tables
while it runs (`chairside listen` and the app's thread share FeedListener)."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta

import pytest
from sqlalchemy import select

import db.feed_listener
from db.devices_repo import DeviceRepository
from db.feed_thread import FeedThread
from db.models import DeviceBindingRow
from db.settings_repo import SettingsRepository
from monitor.devices.feed_settings import TABLES_EVERY_S, FeedSettings
from monitor.devices.mllp_client import MonitorConnection, ack_code
from monitor.devices.points_of_care import parse_points_of_care
from tests.db.test_devices import to_store
from tests.monitor.devices.samples import EFFICIA, EFFICIA_TABLE, nm, oru


def at_place(place: str, control: str = "C1", device: str = "MON", sbp: str = "120") -> str:
    text = oru(nm("150021", sbp), control=control).replace("MON^0001", f"{device}^0001")
    return text.replace("PID|||1\r", f"PID|||1\rPV1||O|{place}\r")


@pytest.fixture
def devices(repo):
    repo.devices.points_of_care = parse_points_of_care("^^CHAIR4 = 4\nICU^Bed5 = 5")
    return repo.devices


def bindings(storage) -> list[tuple[str, str, bool, bool]]:
    with storage.transaction() as s:
        return [(b.chair, b.how, b.unbound_at is None, b.unassigned) for b in s.scalars(
            select(DeviceBindingRow).order_by(DeviceBindingRow.id))]


def test_an_unassigned_monitor_goes_to_the_chair_its_pv1_3_names(devices, storage, clock):
    devices.store([to_store(at_place("^^CHAIR4"))], clock.now())
    (monitor,) = devices.devices()
    assert (monitor.chair, monitor.bound_how, monitor.location) == ("4", "point of care",
                                                                    "CHAIR4")
    assert [o.chair for o in devices.observations()] == ["4"]  # its first message too
    assert bindings(storage) == [("4", "point of care", True, False)]


def test_a_monitor_assigned_by_hand_stays_whatever_its_pv1_3_says(devices, storage, clock):
    devices.store([to_store(at_place("^^ELSEWHERE"))], clock.now())
    (monitor,) = devices.devices()
    devices.bind(monitor.id, "2", clock.now())
    devices.store([to_store(at_place("^^CHAIR4", "C2"))], clock.now())
    assert [o.chair for o in devices.observations()] == [None, "2"]
    assert bindings(storage) == [("2", "assigned", True, False)]


def test_a_chair_with_a_monitor_bound_is_not_taken_by_another_pv1_3(devices, clock):
    devices.store([to_store(at_place("", device="A"))], clock.now())
    (a,) = devices.devices()
    devices.bind(a.id, "4", clock.now())
    devices.store([to_store(at_place("^^CHAIR4", "C2", device="B"))], clock.now())
    a, b = devices.devices()
    assert (a.chair, b.chair) == ("4", None)  # B waits for the nurse to assign it


def test_unassigned_by_a_person_it_is_not_bound_back_to_that_chair(devices, storage, clock):
    devices.store([to_store(at_place("^^CHAIR4"))], clock.now())
    (monitor,) = devices.devices()
    devices.unbind(monitor.id, clock.now())
    devices.store([to_store(at_place("^^CHAIR4", "C2"))], clock.now())
    assert devices.devices()[0].chair is None
    devices.store([to_store(at_place("ICU^Bed5", "C3"))], clock.now())  # moved
    assert devices.devices()[0].chair == "5"
    assert bindings(storage) == [("4", "point of care", False, True),
                                 ("5", "point of care", True, False)]


def test_a_binding_by_point_of_care_follows_the_monitor_when_its_pv1_3_changes(
        devices, storage, clock):
    devices.store([to_store(at_place("^^CHAIR4"))], clock.now())
    devices.store([to_store(at_place("ICU^Bed5", "C2"))], clock.now() + timedelta(minutes=1))
    assert devices.devices()[0].chair == "5"
    assert [o.chair for o in devices.observations()] == ["4", "5"]
    assert bindings(storage) == [("4", "point of care", False, False),
                                 ("5", "point of care", True, False)]


def test_without_a_table_pv1_3_binds_nothing(repo, clock):
    repo.devices.store([to_store(at_place("^^CHAIR4"))], clock.now())
    assert repo.devices.devices()[0].chair is None


def send(port: int, *messages: str) -> list[str]:
    async def go():
        conn = await MonitorConnection.open("127.0.0.1", port)
        try:
            return [ack_code(await conn.send(m)) for m in messages]
        finally:
            await conn.close()
    return asyncio.run(go())


def test_the_running_listener_reads_an_admins_edit_of_both_tables(sqlite_storage,
                                                                  monkeypatch):
    monkeypatch.setattr(db.feed_listener, "TABLES_EVERY_S", 0.05)
    settings = SettingsRepository(sqlite_storage)
    feed = FeedThread(str(sqlite_storage.url), FeedSettings(enabled=True, port=0))
    port = feed.start_listening()
    devices = DeviceRepository(sqlite_storage)
    try:
        assert send(port, EFFICIA) == ["AA"]
        assert devices.observations() == [] and devices.devices()[0].chair is None
        settings.set_setting("monitor_local_codes", EFFICIA_TABLE)
        settings.set_setting("monitor_points_of_care", "^^LOCATION34 = 3")
        time.sleep(0.5)  # ten re-reads' time
        assert send(port, EFFICIA.replace("MONITORABC000000002D", "NEXT")) == ["AA"]
    finally:
        feed.stop()
    seen = devices.observations()  # mapped by the vendor table read while running
    assert [o.values.get("sbp") for o in seen] == [122, None]  # NIBP's time, then OBR-7's
    assert {o.chair for o in seen} == {"3"}
    assert devices.devices()[0].bound_how == "point of care"


@pytest.mark.slow
def test_chairside_listen_reads_an_admins_edit_without_a_restart(tmp_path):
    """`chairside listen` in its own process: the point-of-care table written after it
    started applies to the simulator's messages that follow."""
    import os
    import socket
    import subprocess
    import sys

    from db.storage import Storage, sqlite_url
    from tests.db.test_feed_thread import ROOT

    path = tmp_path / "clinic.sqlite"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    listener = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--create", "--database", sqlite_url(path),
         "listen", "--port", str(port)], env=env, stdout=subprocess.PIPE, text=True)
    storage = Storage(sqlite_url(path))
    try:
        assert "listening for monitors" in listener.stdout.readline()
        SettingsRepository(storage).set_setting("monitor_points_of_care", "BAY7 = 7")
        time.sleep(2.5 * TABLES_EVERY_S)  # the listener re-reads the tables this often
        done = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "simulate", "--port", str(port),
             "--chair", "BAY7", "--time-scale", "100000", "--minutes", "1"],
            env=env, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
    finally:
        listener.terminate()
        listener.communicate(timeout=10)
    try:
        devices = DeviceRepository(storage)
        (monitor,) = devices.devices()
        assert (monitor.chair, monitor.bound_how) == ("7", "point of care")
        assert {o.chair for o in devices.observations()} == {"7"}
    finally:
        storage.close()
