"""The monitor feed under load: 8 monitors on loopback, each on its own connection,
sending PCD-01 ORU^R01 messages (built before the clock starts) to `chairside listen`
(a child process, as in a clinic) on a fresh SQLite clinic, and on a fresh PostgreSQL
database when a server is given.

Measured for each run: messages stored and acknowledged AA per second (sustained over
the run), ACK latency (send → ACK read) p50/p99, that every AA'd message is in the
database, the listener's CPU a message and its commits, and the clinic board's refresh
p95 while it runs (bench/board.py in this process, the monitors in a third one), each
refresh reading the chairs' monitors from the feed's database once, as the app's board
does (``BoardRead``: the open bindings and when each monitor last sent), and showing
them on the tiles. Several runs of each kind; the table gives medians (and the range).
Targets (issue 12 §5): ≥ 2,000 msg/s, ACK p99 ≤ 20 ms, board p95 ≤ 5 ms.

    PYTHONPATH=. .venv/bin/python bench/hl7_feed.py [--runs 3] [--seconds 10]
        [--windows 1 2] [--postgres URL] [--no-board] [--json FILE]

`--postgres URL`: a server where the user may create databases; each run gets a database
of its own (created, then dropped).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import common
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from db.devices_repo import DeviceRepository
from db.storage import Storage, sqlite_url
from monitor.devices.framing import MllpFramer, frame
from monitor.devices.mllp_client import ack_code
from monitor.devices.records import ToStore
from monitor.devices.simulator import pcd01_message
from monitor.devices.understand import understand

TARGET_RATE = 2000.0
TARGET_P99_MS = 20.0
TARGET_BOARD_P95_MS = 5.0
POSTGRES_ENV = "CHAIRSIDE_BENCH_FEED_POSTGRES_URL"  # make bench: also on this server
MONITORS = 8
MONITORS_NICE = 0  # --monitors-nice (simulated monitors: real ones have CPUs of their own)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


START = datetime(2026, 1, 1, 9, 0, tzinfo=timezone.utc)
VALUES = {"sbp": 128, "dbp": 80, "map": 96, "hr": 72, "spo2": 98, "rr": 14}
PREPARED: dict[int, list[bytes]] = {}  # a monitor's own CPU makes them, not the feed's


def text_of(n: int, i: int) -> str:
    return pcd01_message(f"BENCH{n:04d}", f"b{n}-{i}", START + timedelta(seconds=i),
                         VALUES, str(n + 1))


def prepare(monitors: int, count: int) -> None:
    for n in range(monitors):
        PREPARED[n] = [frame(text_of(n, i).encode()) for i in range(count)]


def message(n: int, i: int) -> bytes:
    ready = PREPARED.get(n, [])
    return ready[i] if i < len(ready) else frame(text_of(n, i).encode())


async def monitor(port: int, n: int, until: float, latencies: list[float],
                  codes: dict[str, int], window: int, pace: float | None = None) -> int:
    """One monitor: up to ``window`` messages sent ahead of their ACKs (1: each waits for
    its ACK, as most monitors do); at most ``pace`` messages a second when given."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    framer, sent, t0 = MllpFramer(), 0, time.perf_counter()
    in_flight: list[float] = []

    def due() -> float:  # seconds until the next message may leave
        return 0.0 if pace is None else t0 + sent / pace - time.perf_counter()

    try:
        while time.perf_counter() < until or in_flight:
            while (len(in_flight) < window and time.perf_counter() < until
                   and due() <= 0):
                in_flight.append(time.perf_counter())
                writer.write(message(n, sent))
                sent += 1
            if not in_flight:
                await asyncio.sleep(max(due(), 0.0))
                continue
            data = await reader.read(65536)
            if not data:
                break
            for ack in framer.feed(data):
                latencies.append((time.perf_counter() - in_flight.pop(0)) * 1000)
                code = ack_code(ack.decode())
                codes[code] = codes.get(code, 0) + 1
    finally:
        writer.close()
    return sent


async def load(port: int, monitors: int, seconds: float, window: int,
               rate: float | None = None, announce: bool = False) -> dict:
    """``rate``: the monitors together send at most this many messages a second;
    ``announce``: say "sending" on stdout once the messages are built."""
    latencies: list[float] = []
    codes: dict[str, int] = {}
    prepare(monitors, int(seconds * 1000))
    if announce:
        print("sending", flush=True)
    pace = rate / monitors if rate else None
    t0 = time.perf_counter()
    sent = await asyncio.gather(*(monitor(port, n, t0 + seconds, latencies, codes, window,
                                          pace) for n in range(monitors)))
    elapsed = time.perf_counter() - t0
    return {"sent": sum(sent), "elapsed_s": elapsed, "codes": codes,
            "rate": codes.get("AA", 0) / elapsed,
            "p50_ms": common.percentile(latencies, 50),
            "p99_ms": common.percentile(latencies, 99)}


# --- the database of one run -----------------------------------------------------------

def fresh_postgres(server: str, name: str) -> str:
    """A new, empty database on the server; its URL."""
    url = make_url(server)
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def drop_postgres(server: str, name: str) -> None:
    admin = create_engine(make_url(server), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def bound_clinic(url: str, monitors: int) -> None:
    """The schema, and each bench monitor known and bound to a chair (1..8), as in a
    clinic where the nurses assigned them: the stored rows carry their chair."""
    storage = Storage(url)
    try:
        storage.upgrade()
        repo = DeviceRepository(storage)
        now = datetime.now(timezone.utc)
        for n in range(monitors):
            u = understand(text_of(n, -1).encode())
            assert u.report is not None
            repo.store([ToStore(u.report, u.text, None)], now)
        for device in repo.devices():
            n = int(device.key.split("BENCH")[1][:4])
            repo.bind(device.id, str(n + 1), now)
    finally:
        storage.close()


class BoardRead:
    """What the app's board asks once a refresh (``service.monitor_feeds()`` →
    ``DeviceRepository.chair_feeds``): each chair's bound monitor and when it last sent,
    here from the feed's own database, the one the listener is writing to."""

    def __init__(self, url: str) -> None:
        from db.devices_repo import DeviceRepository

        self.storage = Storage(url)
        self.repo = DeviceRepository(self.storage)
        self.latest: dict[str, Any] = {}
        self.fetches = 0
        self.ms: list[float] = []

    def __call__(self) -> dict[str, Any]:
        t0 = time.perf_counter()
        try:
            self.latest = dict(self.repo.chair_feeds())
            self.fetches += 1
            return self.latest
        finally:
            self.ms.append((time.perf_counter() - t0) * 1000)

    def close(self) -> None:
        self.storage.close()


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU of a process so far (Linux /proc), None elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# --- one run ---------------------------------------------------------------------------

def run(monitors: int = MONITORS, seconds: float = 10.0, url: str | None = None,
        window: int = 1, during: Callable[[str], Any] | None = None,
        rate: float | None = None, monitors_nice: int = MONITORS_NICE,
        listener_nice: int = 0, in_app: bool = False) -> dict:
    """The listener in one child process, the monitors in another; ``during(url)`` is
    measured in this one meanwhile."""
    folder = Path(tempfile.mkdtemp(prefix="chairside-hl7-bench-"))
    url = url or sqlite_url(folder / "clinic.sqlite")
    bound_clinic(url, monitors)
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(common.ROOT)}
    load_before = os.getloadavg()[0]
    if in_app:
        return _in_app(url, port, env, monitors, seconds, window, during, rate,
                       monitors_nice, load_before)
    listener = subprocess.Popen(
        [sys.executable, str(common.ROOT / "main.py"), "--database", url,
         "listen", "--port", str(port)], env=env, stdout=subprocess.PIPE, text=True,
        preexec_fn=(lambda: os.nice(listener_nice)) if listener_nice else None)
    try:
        line = listener.stdout.readline() if listener.stdout else ""
        if "listening" not in line:
            raise RuntimeError(f"the listener did not start: {line!r} "
                               f"(exit status {listener.wait(30)})")
        cpu0 = cpu_seconds(listener.pid)
        # the monitors stand for devices with CPUs of their own: a process of their
        # own, niced when asked (``monitors_nice``: then the 2 cores go to the feed and
        # the board, but a niced client under other load reads its ACKs late)
        clients = _monitors(port, env, monitors, seconds, window, rate, monitors_nice)
        measured = while_sending(clients, during, url)
        out = clients.communicate(timeout=seconds + 120)[0]
        result = json.loads(out.strip().splitlines()[-1])
        if measured is not None:
            result["during"] = measured
        cpu1 = cpu_seconds(listener.pid)
    finally:
        listener.terminate()
        last = listener.communicate(timeout=30)[0]
    commits = re.search(r"(\d+) commits", last or "")
    aa = result["codes"].get("AA", 0)
    result["commits"] = int(commits.group(1)) if commits else None
    result["cpu_ms_per_msg"] = ((cpu1 - cpu0) * 1000 / aa
                                if cpu0 is not None and cpu1 is not None and aa else None)
    result["load_1min"] = [load_before, os.getloadavg()[0]]
    return _checked(result, url, monitors, window, rate, monitors_nice, listener_nice)


def _checked(result: dict, url: str, monitors: int, window: int, rate: float | None,
             monitors_nice: int, listener_nice: int | str) -> dict:
    """Every AA'd message in the database, and the verdicts."""
    aa = result["codes"].get("AA", 0)
    storage = Storage(url)
    try:
        with storage.engine.connect() as conn:
            result["rows"] = conn.execute(text(
                "SELECT count(*) FROM device_observation WHERE control_id LIKE 'b%-%' "
                "AND control_id NOT LIKE '%--1'")).scalar()
    finally:
        storage.close()
    result.update(monitors=monitors, window=window, backend=storage.url.get_backend_name(),
                  paced=rate, monitors_nice=monitors_nice, listener_nice=listener_nice,
                  rate_met=result["rate"] >= TARGET_RATE,
                  p99_met=result["p99_ms"] <= TARGET_P99_MS,
                  all_stored=result["rows"] == aa)
    return result


def while_sending(clients: subprocess.Popen, during: Callable[[str], Any] | None,
                  url: str) -> Any:
    """``during(url)`` once the monitors have started sending (building their messages
    takes them seconds: measured before, the board would be measured beside that)."""
    line = clients.stdout.readline() if clients.stdout else ""
    if line.strip() != "sending":
        raise RuntimeError(f"the monitors did not start: {line!r}")
    return during(url) if during is not None else None


def _monitors(port: int, env: dict, monitors: int, seconds: float, window: int,
              rate: float | None, nice: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, __file__, "--load-only", str(port), "--monitors",
         str(monitors), "--seconds", str(seconds), "--window", str(window),
         *(["--rate", str(rate)] if rate else [])],
        env=env, stdout=subprocess.PIPE, text=True,
        preexec_fn=(lambda: os.nice(nice)) if nice else None)


def _in_app(url: str, port: int, env: dict, monitors: int, seconds: float, window: int,
            during: Callable[[str], Any] | None, rate: float | None, monitors_nice: int,
            load_before: float) -> dict:
    """The feed as the app runs it for a single workstation: db.feed_thread.FeedThread
    in this process, beside the board (one interpreter, one GIL)."""
    from db.feed_thread import FeedThread
    from monitor.devices.feed_settings import FeedSettings

    feed = FeedThread(url, FeedSettings(True, "127.0.0.1", port))
    feed.start_listening()
    try:
        cpu0 = time.process_time()
        clients = _monitors(port, env, monitors, seconds, window, rate, monitors_nice)
        measured = while_sending(clients, during, url)
        out = clients.communicate(timeout=seconds + 120)[0]
        cpu1 = time.process_time()
        result = json.loads(out.strip().splitlines()[-1])
        if measured is not None:
            result["during"] = measured
        assert feed.listener is not None
        result["commits"] = feed.listener.counters.commits
    finally:
        feed.stop()
    aa = result["codes"].get("AA", 0)
    # the whole process: the feed thread and the board together
    result["cpu_ms_per_msg"] = (cpu1 - cpu0) * 1000 / aa if aa else None
    result["load_1min"] = [load_before, os.getloadavg()[0]]
    return _checked(result, url, monitors, window, rate, monitors_nice, "in app")


def board_alone() -> float:
    import board as board_bench
    from PySide6.QtCore import qInstallMessageHandler

    qInstallMessageHandler(board_bench.quiet_offscreen)
    return board_bench.run(True)["refresh_ms"]["p95"]


def board_while(url: str) -> dict:
    """The board's refresh timed while the feed runs, each refresh asking the feed's
    database what the app's board asks (``BoardRead``)."""
    import board as board_bench
    from PySide6.QtCore import qInstallMessageHandler

    qInstallMessageHandler(board_bench.quiet_offscreen)
    poll = BoardRead(url)
    try:
        measured = board_bench.run(True, read_feeds=poll)
    finally:
        poll.close()
    measured["device_fetches"] = poll.fetches
    measured["poll_ms"] = common.summary(poll.ms)
    measured["chairs_with_values"] = sum(v is not None for v in poll.latest.values())
    return measured


def series(monitors: int, seconds: float, runs: int, window: int, board: bool,
           server: str | None, log: Callable[[str], None],
           rate: float | None = None, monitors_nice: int = MONITORS_NICE,
           listener_nice: int = 0, in_app: bool = False) -> list[dict]:
    results = []
    for i in range(runs):
        name = f"chairside_feed_bench_{os.getpid()}_{window}_{i}"
        url = fresh_postgres(server, name) if server else None
        # the board alone just before, on the same machine at the same load: what the
        # feed adds is the difference (other work on a shared machine slows both)
        alone = board_alone() if board else None
        try:
            r = run(monitors, seconds, url, window, board_while if board else None, rate,
                    monitors_nice, listener_nice, in_app)
        finally:
            if server:
                drop_postgres(server, name)
        if alone is not None:
            r["board_alone_p95"] = alone
        log(describe(r))
        results.append(r)
    return results


# --- the table -------------------------------------------------------------------------

def med(values: list[float]) -> str:
    values = [v for v in values if v is not None]
    if not values:
        return "–"
    m = statistics.median(values)
    digits = 0 if m >= 100 else 1 if m >= 10 else 2
    return (f"{m:,.{digits}f} ({min(values):,.{digits}f}–{max(values):,.{digits}f})"
            if len(values) > 1 else f"{m:,.{digits}f}")


def table(groups: list[list[dict]]) -> str:
    rows = [("backend", "in flight", "sending", "runs", "msg/s stored+AA", "ACK p50 ms",
             "ACK p99 ms", "board p95 ms", "board alone", "CPU ms/msg", "msg/commit",
             "load 1-min", "all stored")]
    for g in groups:
        boards = [r["during"]["refresh_ms"]["p95"] for r in g if "during" in r]
        rows.append((
            g[0]["backend"], str(g[0]["window"]),
            f"{g[0]['paced']:,.0f}/s" if g[0]["paced"] else "at will", str(len(g)),
            med([r["rate"] for r in g]), med([r["p50_ms"] for r in g]),
            med([r["p99_ms"] for r in g]), med(boards) if boards else "not measured",
            med([r["board_alone_p95"] for r in g if "board_alone_p95" in r]),
            med([r["cpu_ms_per_msg"] for r in g]),
            med([r["codes"].get("AA", 0) / r["commits"] for r in g if r["commits"]]),
            med([v for r in g for v in r["load_1min"]]),
            "yes" if all(r["all_stored"] for r in g) else "NO"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True))
             for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    verdicts = []
    for g in groups:
        rate = statistics.median(r["rate"] for r in g)
        p99 = statistics.median(r["p99_ms"] for r in g)
        boards = [r["during"]["refresh_ms"]["p95"] for r in g if "during" in r]
        board = statistics.median(boards) if boards else None
        pace = g[0]["paced"]
        # paced: the drain after the last send counts in the time, so 1,999.6 is kept up
        kept = rate >= (0.99 * pace if pace else TARGET_RATE)
        verdicts.append(
            f"{g[0]['backend']}, {g[0]['window']} in flight"
            + (f", paced at {pace:,.0f}/s: kept up " if pace else
               f": rate ≥ {TARGET_RATE:,.0f} ")
            + f"{'met' if kept else 'missed'}; "
            f"ACK p99 ≤ {TARGET_P99_MS:g} ms {'met' if p99 <= TARGET_P99_MS else 'missed'}"
            + ("" if board is None else
               f"; board p95 ≤ {TARGET_BOARD_P95_MS:g} ms "
               f"{'met' if board <= TARGET_BOARD_P95_MS else 'missed'}"))
    first = groups[0][0] if groups and groups[0] else {}
    where = ("the app's FeedThread beside the board" if first.get("listener_nice") ==
             "in app" else "`chairside listen`")
    return "\n".join([f"monitor feed: {MONITORS} monitors on loopback → {where}; "
                      f"niced: listener {first.get('listener_nice')}, monitors "
                      f"{first.get('monitors_nice')}; medians (min–max) of the runs",
                      *lines, "targets (medians):", *verdicts])


def describe(r: dict) -> str:
    board = r.get("during")
    return (f"monitor feed ({r['backend']}, {r['monitors']} monitors, "
            f"{r['window']} in flight each, {r['elapsed_s']:.1f} s): "
            f"{r['rate']:,.0f} msg/s stored+ACKed; ACK p50 {r['p50_ms']:.2f} ms, "
            f"p99 {r['p99_ms']:.2f} ms; {r['rows']} rows for {r['codes'].get('AA', 0)} AA "
            f"({'all stored' if r['all_stored'] else 'MISMATCH'}); "
            f"{r['commits']} commits; listener CPU "
            + (f"{r['cpu_ms_per_msg']:.3f} ms/msg" if r["cpu_ms_per_msg"] else "?")
            + (f"; board p95 {board['refresh_ms']['p95']:.2f} ms (of which asking the "
               f"database p95 {board['poll_ms']['p95']:.2f} ms; alone just before "
               f"{r.get('board_alone_p95', float('nan')):.2f} ms; {board['device_fetches']} "
               f"fetches, {board['chairs_with_values']} chairs with values)"
               if board else "")
            + f"; load {r['load_1min'][0]:.2f} → {r['load_1min'][1]:.2f}")


def measure(runs: int = 3, seconds: float = 10.0, windows: tuple[int, ...] = (1, 2),
            board: bool = True, postgres: str | None = None, paced_window: int = 2,
            monitors_nice: int = MONITORS_NICE, listener_nice: int = 0,
            in_app: bool = False, paced_rate: float = TARGET_RATE,
            log: Callable[[str], None] = lambda _: None) -> list[list[dict]]:
    """As fast as the monitors can (each window), then paced at the target rate with the
    board timed meanwhile: its refreshes run back to back and take a core, which would
    halve the rate of an at-will run beside it, and the target names the board at the
    target rate, not at whatever saturates 2 cores."""
    servers: list[str | None] = [None] + ([postgres] if postgres else [])
    kinds: list[tuple[int, float | None]] = [(w, None) for w in windows]
    if paced_window:
        kinds.append((paced_window, paced_rate))
    return [series(MONITORS, seconds, runs, w, board and rate is not None, server, log,
                   rate, monitors_nice, listener_nice, in_app)
            for server in servers for w, rate in kinds]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--monitors", type=int, default=MONITORS)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--windows", type=int, nargs="*", default=[1, 2],
                        help="messages each monitor sends ahead of their ACKs")
    parser.add_argument("--postgres", metavar="URL",
                        help="also on this PostgreSQL server (a database a run)")
    parser.add_argument("--paced-window", type=int, default=2,
                        help="also runs paced at the target rate with this window "
                        "(0: none)")
    parser.add_argument("--monitors-nice", type=int, default=MONITORS_NICE,
                        help="niceness of the simulated monitors' process (0: not niced)")
    parser.add_argument("--listener-nice", type=int, default=0,
                        help="niceness of `chairside listen` (a feed that yields to the "
                        "screens on a shared workstation)")
    parser.add_argument("--in-app", action="store_true",
                        help="the feed on db.feed_thread.FeedThread in the bench process, "
                        "beside the board (as the app runs it), not `chairside listen`")
    parser.add_argument("--paced-rate", type=float, default=TARGET_RATE,
                        help="messages a second of the paced runs (all monitors together)")
    parser.add_argument("--no-board", action="store_true",
                        help="without the board's refresh measured meanwhile")
    parser.add_argument("--json", metavar="FILE")
    parser.add_argument("--load-only", type=int, metavar="PORT", help=argparse.SUPPRESS)
    parser.add_argument("--window", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--rate", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.load_only:  # the monitors alone, for run(during=...)
        print(json.dumps(asyncio.run(load(args.load_only, args.monitors, args.seconds,
                                          args.window, args.rate, announce=True))))
        return 0
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}, "
          f"{os.cpu_count()} CPUs", file=sys.stderr)
    groups = measure(args.runs, args.seconds, tuple(args.windows), not args.no_board,
                     args.postgres, args.paced_window, args.monitors_nice,
                     args.listener_nice, args.in_app, args.paced_rate,
                     log=lambda line: print(line, file=sys.stderr))
    print(table(groups))
    if args.json:
        Path(args.json).write_text(json.dumps(groups, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
