"""The monitor feed under load: 8 monitors on loopback, each on its own connection,
sending PCD-01 ORU^R01 messages one after another (each waits for its ACK, as monitors
do), to `chairside listen` on a SQLite clinic (a child process, as in a clinic).

Measures messages stored and acknowledged per second (sustained over the run) and the
ACK latency (send → ACK read) p50/p99, then checks that every message is in the
database. Targets (issue 12): ≥ 2,000 msg/s, ACK p99 ≤ 20 ms.

    .venv/bin/python bench/hl7_feed.py [--monitors 8] [--seconds 10] [--postgres URL]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import common

from db.storage import Storage, sqlite_url
from monitor.devices.framing import MllpFramer, frame
from monitor.devices.mllp_client import ack_code
from monitor.devices.simulator import pcd01_message

TARGET_RATE = 2000.0
TARGET_P99_MS = 20.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


START = datetime(2026, 1, 1, 9, 0, tzinfo=timezone.utc)
VALUES = {"sbp": 128, "dbp": 80, "map": 96, "hr": 72, "spo2": 98, "rr": 14}
PREPARED: dict[int, list[bytes]] = {}  # a monitor's own CPU makes them, not the feed's


def prepare(monitors: int, count: int) -> None:
    for n in range(monitors):
        PREPARED[n] = [frame(pcd01_message(f"BENCH{n:04d}", f"b{n}-{i}",
                                           START + timedelta(seconds=i), VALUES,
                                           str(n + 1)).encode()) for i in range(count)]


def message(n: int, i: int) -> bytes:
    ready = PREPARED.get(n, [])
    if i < len(ready):
        return ready[i]
    return frame(pcd01_message(f"BENCH{n:04d}", f"b{n}-{i}", START + timedelta(seconds=i),
                               VALUES, str(n + 1)).encode())


async def monitor(port: int, n: int, until: float, latencies: list[float],
                  codes: dict[str, int], window: int) -> int:
    """One monitor: up to ``window`` messages sent ahead of their ACKs (1: each waits for
    its ACK, as most monitors do)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    framer, sent = MllpFramer(), 0
    in_flight: list[float] = []
    try:
        while time.perf_counter() < until or in_flight:
            while len(in_flight) < window and time.perf_counter() < until:
                in_flight.append(time.perf_counter())
                writer.write(message(n, sent))
                sent += 1
            for ack in framer.feed(await reader.read(65536)):
                latencies.append((time.perf_counter() - in_flight.pop(0)) * 1000)
                code = ack_code(ack.decode())
                codes[code] = codes.get(code, 0) + 1
    finally:
        writer.close()
    return sent


async def load(port: int, monitors: int, seconds: float, window: int) -> dict:
    latencies: list[float] = []
    codes: dict[str, int] = {}
    prepare(monitors, int(seconds * 1000))
    t0 = time.perf_counter()
    sent = await asyncio.gather(*(monitor(port, n, t0 + seconds, latencies, codes, window)
                                  for n in range(monitors)))
    elapsed = time.perf_counter() - t0
    return {"sent": sum(sent), "elapsed_s": elapsed, "codes": codes,
            "rate": codes.get("AA", 0) / elapsed,
            "p50_ms": common.percentile(latencies, 50),
            "p99_ms": common.percentile(latencies, 99)}


def run(monitors: int = 8, seconds: float = 10.0, url: str | None = None,
        window: int = 1, during: Callable[[], Any] | None = None) -> dict:
    """The listener in one child process, the monitors in another (or in this one when
    nothing else is measured ``during`` the load)."""
    folder = Path(tempfile.mkdtemp(prefix="chairside-hl7-bench-"))
    url = url or sqlite_url(folder / "clinic.sqlite")
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(common.ROOT)}
    listener = subprocess.Popen(
        [sys.executable, str(common.ROOT / "main.py"), "--create", "--database", url,
         "listen", "--port", str(port)], env=env, stdout=subprocess.PIPE, text=True)
    try:
        line = listener.stdout.readline() if listener.stdout else ""
        if "listening" not in line:
            raise RuntimeError(f"the listener did not start: {line!r}")
        if during is None:
            result = asyncio.run(load(port, monitors, seconds, window))
        else:
            clients = subprocess.Popen(
                [sys.executable, __file__, "--load-only", str(port), "--monitors",
                 str(monitors), "--seconds", str(seconds), "--window", str(window)],
                env=env, stdout=subprocess.PIPE, text=True)
            measured = during()
            out = clients.communicate(timeout=seconds + 120)[0]
            result = json.loads(out.strip().splitlines()[-1])
            result["during"] = measured
    finally:
        listener.terminate()
        listener.communicate(timeout=30)
    storage = Storage(url)
    try:
        with storage.engine.connect() as conn:
            from sqlalchemy import text
            result["rows"] = conn.execute(text("SELECT count(*) FROM device_observation")
                                          ).scalar()
    finally:
        storage.close()
    result.update(monitors=monitors, window=window, backend=storage.url.get_backend_name(),
                  rate_met=result["rate"] >= TARGET_RATE,
                  p99_met=result["p99_ms"] <= TARGET_P99_MS,
                  all_stored=result["rows"] == result["codes"].get("AA", 0))
    return result


def describe(r: dict) -> str:
    return (f"monitor feed ({r['backend']}, {r['monitors']} monitors, "
            f"{r['window']} in flight each, {r['elapsed_s']:.1f} s): "
            f"{r['rate']:,.0f} msg/s stored+ACKed "
            f"(target ≥ {TARGET_RATE:,.0f}: {'met' if r['rate_met'] else 'missed'}); "
            f"ACK p50 {r['p50_ms']:.2f} ms, p99 {r['p99_ms']:.2f} ms "
            f"(target ≤ {TARGET_P99_MS:.0f}: {'met' if r['p99_met'] else 'missed'}); "
            f"{r['rows']} rows for {r['codes'].get('AA', 0)} AA "
            f"({'all stored' if r['all_stored'] else 'MISMATCH'})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--monitors", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--window", type=int, default=1,
                        help="messages each monitor sends ahead of their ACKs")
    parser.add_argument("--postgres", metavar="URL", help="a PostgreSQL database instead")
    parser.add_argument("--json", metavar="FILE")
    parser.add_argument("--load-only", type=int, metavar="PORT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.load_only:  # the monitors alone, for run(during=...)
        print(json.dumps(asyncio.run(load(args.load_only, args.monitors, args.seconds,
                                          args.window))))
        return 0
    result = run(args.monitors, args.seconds, args.postgres, args.window)
    print(describe(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
