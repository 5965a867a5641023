"""The monitor feed killed mid-burst: `chairside listen` (a child process) takes 8 monitors'
messages, and is SIGKILLed while they are sending. Every message that was acknowledged AA
must be in the database afterwards (the ACK leaves only after the commit); messages
committed whose ACK never left are allowed (the monitor resends them; they are stored
once).

    PYTHONPATH=. .venv/bin/python bench/feed_crash.py [--rounds 3] [--postgres URL]

tests/db/test_feed_crash.py runs one round of it.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, text  # noqa: E402

from monitor.devices.framing import MllpFramer, frame  # noqa: E402
from monitor.devices.mllp_client import ack_code  # noqa: E402
from monitor.devices.simulator import pcd01_message  # noqa: E402

START = datetime(2026, 1, 1, 9, 0, tzinfo=timezone.utc)
VALUES = {"sbp": 128, "dbp": 80, "map": 96, "hr": 72, "spo2": 98, "rr": 14}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_listener(url: str, create: bool) -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), *(["--create"] if create else []),
         "--database", url, "listen", "--port", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = child.stdout.readline() if child.stdout else ""
    if "listening" not in line:
        child.kill()
        child.communicate(timeout=30)
        raise RuntimeError(f"the listener did not start: {line!r}")
    return child, port


def monitor(port: int, n: int, window: int, acked: list[str], stop: threading.Event
            ) -> None:
    """Sends until the listener dies, ``window`` messages ahead of their ACKs; notes
    the MSH-10 of every AA read."""
    framer, sent, waiting = MllpFramer(), 0, []
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            while not stop.is_set() or waiting:
                while len(waiting) < window and not stop.is_set():
                    control = f"k{n}-{sent}"
                    sock.sendall(frame(pcd01_message(
                        f"CRASH{n:04d}", control, START + timedelta(seconds=sent), VALUES,
                        str(n + 1)).encode()))
                    waiting.append(control)
                    sent += 1
                chunk = sock.recv(65536)
                if not chunk:
                    return
                for ack in framer.feed(chunk):
                    control = waiting.pop(0)
                    if ack_code(ack.decode()) == "AA":
                        acked.append(control)
    except OSError:  # the listener was killed: what was acknowledged is what counts
        return


def burst_then_kill(url: str, create: bool = True, monitors: int = 8, window: int = 2,
                    kill_after: float = 1.5) -> dict:
    child, port = start_listener(url, create)
    acked: list[str] = []
    stop = threading.Event()
    threads = [threading.Thread(target=monitor, args=(port, n, window, acked, stop),
                                daemon=True) for n in range(monitors)]
    for t in threads:
        t.start()
    time.sleep(kill_after)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    if child.stdout:
        child.stdout.close()
    stop.set()
    for t in threads:
        t.join(30)
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            stored = set(conn.execute(text(
                "SELECT control_id FROM device_observation")).scalars())
            integrity = (conn.execute(text("PRAGMA integrity_check")).scalar()
                         if engine.dialect.name == "sqlite" else "ok")
    finally:
        engine.dispose()
    acked_set = set(acked)
    return {"backend": engine.dialect.name, "killed_by": -child.returncode,
            "acked": len(acked_set), "stored": len(stored),
            "acked_missing": sorted(acked_set - stored),
            "stored_not_acked": len(stored - acked_set), "integrity": integrity}


def describe(r: dict) -> str:
    return (f"feed killed mid-burst ({r['backend']}, signal {r['killed_by']}): "
            f"{r['acked']} messages ACKed AA, {len(r['acked_missing'])} of them missing "
            f"(must be 0); {r['stored_not_acked']} committed whose ACK never left "
            f"(resent by the monitor, stored once); integrity {r['integrity']}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--postgres", metavar="URL",
                        help="an empty PostgreSQL database (upgraded by --create)")
    args = parser.parse_args()
    failed = 0
    for _ in range(args.rounds):
        folder = Path(tempfile.mkdtemp(prefix="chairside-feed-crash-"))
        url = args.postgres or f"sqlite:///{folder / 'clinic.sqlite'}"
        result = burst_then_kill(url)
        print(describe(result))
        failed += bool(result["acked_missing"])
        if args.postgres:
            engine = create_engine(url)
            with engine.begin() as conn:  # the next round starts empty
                conn.execute(text("DELETE FROM device_observation"))
            engine.dispose()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
