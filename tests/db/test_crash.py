"""A crash (SIGKILL) loses no confirmed entry, and the clock resumes to the second."""

from __future__ import annotations

import json
import os
import queue
import signal
import sqlite3
import subprocess
import sys
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from db.repository import ClinicRepository
from db.storage import Storage, sqlite_url
from monitor.clock import SystemClock
from monitor.timeline import EventKind, Phase, Timeline

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
]

CHILD = Path(__file__).with_name("crash_child.py")
ROOT = CHILD.parents[2]
# patient, session, baseline, start, 3 vitals, side effect, pause, resume, side effect,
# and then a few of the vitals the child keeps writing while it is killed
CONFIRMED_BEFORE_KILL = 11 + 5


def read_lines(stream, lines: queue.Queue) -> None:
    for line in stream:
        lines.put(line)
    lines.put(None)


def run_child_until(path: Path, count: int) -> list[dict]:
    """Starts the child, collects ``count`` confirmed entries, then SIGKILLs it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, str(CHILD), str(path)], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue = queue.Queue()
    reader = threading.Thread(target=read_lines, args=(child.stdout, lines), daemon=True)
    reader.start()
    confirmed: list[dict] = []
    try:
        while len(confirmed) < count:
            line = lines.get(timeout=60)
            if line is None:
                pytest.fail(f"child ended early: {child.wait()} {child.stderr.read()}")
            confirmed.append(json.loads(line))
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()
        child.stderr.close()
        reader.join(timeout=30)
    assert child.returncode == -signal.SIGKILL
    return confirmed


def test_a_killed_session_keeps_every_confirmed_entry(tmp_path):
    path = tmp_path / "clinic.sqlite"
    confirmed = run_child_until(path, CONFIRMED_BEFORE_KILL)

    with sqlite3.connect(path) as check:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    check.close()

    storage = Storage(sqlite_url(path))
    try:
        assert storage.upgrade() is False  # the schema survived as well
        repo = ClinicRepository(storage)
        by_kind: dict[str, list[dict]] = {}
        for entry in confirmed:
            by_kind.setdefault(entry["kind"], []).append(entry)

        [patient] = by_kind["patient"]
        assert repo.patients.get_patient(patient["id"]).mrn == patient["mrn"]
        [session_line] = by_kind["session"]
        sid = session_line["id"]
        session = repo.sessions.get_session(sid)
        assert session.patient_id == patient["id"]
        assert session.phase is Phase.INFUSING

        stored_vitals = {v.id: v.values.sbp for v in repo.sessions.vitals(sid)}
        assert len(by_kind["vitals"]) >= 4 + 5
        for entry in by_kind["vitals"]:
            assert stored_vitals.get(entry["id"]) == entry["sbp"]

        stored_effects = {e.id: e.severity for e in repo.sessions.side_effects(sid)}
        assert {e["id"]: e["severity"] for e in by_kind["side_effect"]} == stored_effects

        events = {e.id: e for e in repo.sessions.events(sid)}
        for kind in ("start", "pause", "resume"):
            [entry] = by_kind[kind]
            event = events[entry["id"]]
            assert event.kind is EventKind(kind)
            assert event.at == datetime.fromisoformat(entry["at"])

        # The clock, recomputed from the stored events and the real time, matches what
        # the child saw: time since its start minus its pause.
        def wall(kind: str) -> datetime:
            return datetime.fromtimestamp(by_kind[kind][0]["wall"], timezone.utc)

        now = SystemClock().now()
        expected = (now - wall("start")) - (wall("resume") - wall("pause"))
        timeline = Timeline(session.planned_minutes, list(events.values()))
        assert timeline.phase is Phase.INFUSING
        assert abs(timeline.elapsed(now) - expected) < timedelta(seconds=1)
        [(pause_start, pause_end, reason)] = timeline.pause_spans(now)
        assert reason == "patient asked for a break"
        assert pause_end - pause_start >= timedelta(seconds=0.6)  # the child's pause
        assert timeline.elapsed(now) < now - timeline.started_at - timedelta(seconds=0.6)
    finally:
        storage.close()
