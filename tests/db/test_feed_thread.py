"""The feed as the app runs it (its own thread, loop and connection) and `chairside
simulate` / `chairside listen` as commands."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from db.devices_repo import DeviceRepository
from db.feed_thread import FeedThread
from db.storage import Storage, sqlite_url
from monitor.devices.feed_settings import FeedSettings
from monitor.devices.simulator import play

ROOT = Path(__file__).resolve().parents[2]


def test_the_app_thread_stores_a_simulated_session(sqlite_storage):
    feed = FeedThread(str(sqlite_storage.url), FeedSettings(enabled=True, port=0))
    port = feed.start_listening()
    try:
        assert feed.said() == f"Monitor feed on 127.0.0.1:{port}"
        codes = asyncio.run(play("127.0.0.1", port, "4", time_scale=100000, minutes=6))
    finally:
        feed.stop()
    assert set(codes) == {"AA"}
    seen = DeviceRepository(sqlite_storage).observations()
    assert len(seen) >= 20 and not feed.is_alive()
    assert feed.said() == "Monitor feed stopped"  # never "on" once it is not


def test_a_port_in_use_is_said_not_crashed(sqlite_storage):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        feed = FeedThread(str(sqlite_storage.url), FeedSettings(enabled=True, port=port))
        with pytest.raises(OSError):
            feed.start_listening()


@pytest.mark.slow
def test_listen_and_simulate_commands(tmp_path):
    db = tmp_path / "clinic.sqlite"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    listener = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--create", "--database", sqlite_url(db),
         "listen", "--port", str(port)], env=env, stdout=subprocess.PIPE, text=True)
    try:
        assert "listening for monitors" in listener.stdout.readline()
        done = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "simulate", "--port", str(port),
             "--chair", "1", "--time-scale", "100000", "--minutes", "3"],
            env=env, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0 and "ACKs {'AA':" in done.stdout
    finally:
        listener.terminate()  # SIGTERM: a clean stop, with its counts
        out = listener.communicate(timeout=10)[0]
    assert "stopped;" in out and listener.returncode == 0
    storage = Storage(sqlite_url(db))
    try:
        assert len(DeviceRepository(storage).observations()) >= 10
    finally:
        storage.close()
