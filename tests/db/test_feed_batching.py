"""Group commit under real concurrent clients (raw sockets): many monitors' messages share
a commit, yet every message is stored exactly once and its AA leaves only once the row is
in the database, as another connection sees it; a message the database refuses inside a
batch gets its own AE and costs the others nothing."""

from __future__ import annotations

import socket
import threading

import pytest
from sqlalchemy import create_engine, text

from monitor.devices.framing import MllpFramer, frame
from monitor.devices.mllp_client import ack_code
from tests.db.test_feed_listener import listening  # noqa: F401 (fixture)
from tests.monitor.devices.samples import nm, oru

MONITORS = 12
EACH = 25


def message(monitor: int, number: int) -> bytes:
    body = oru(nm("150021", str(100 + number % 50)), control=f"m{monitor}-{number}",
               when=f"20250101{12 + number // 60:02d}{number % 60:02d}00+0000")
    return frame(body.replace("MON^0001^EUI-64", f"MON^{monitor:04d}^EUI-64").encode())


def ack_control(ack: bytes) -> str:
    msa = next(s for s in ack.decode().split("\r") if s.startswith("MSA"))
    return msa.split("|")[2]


class Seen:
    """Looks, from a connection of its own, whether a message's row is committed."""

    def __init__(self, url) -> None:
        self.engine = create_engine(url)

    def rows(self, control: str) -> int:
        with self.engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM device_observation "
                                     "WHERE control_id = :c"), {"c": control}).scalar()

    def close(self) -> None:
        self.engine.dispose()


def monitor(port: int, n: int, window: int, seen: Seen, problems: list[str],
            codes: list[str]) -> None:
    """Sends EACH messages, up to ``window`` ahead of their ACKs, and resends its fifth
    one (a monitor unsure it was acknowledged); checks each AA against the database the
    moment it is read."""
    plan = [message(n, i) for i in range(EACH)] + [message(n, 4)]
    expected = [f"m{n}-{i}" for i in range(EACH)] + [f"m{n}-4"]
    framer = MllpFramer()
    with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
        sent = answered = 0
        while answered < len(plan):
            while sent < len(plan) and sent - answered < window:
                sock.sendall(plan[sent])
                sent += 1
            chunk = sock.recv(65536)
            if not chunk:
                problems.append(f"monitor {n}: connection closed")
                return
            for ack in framer.feed(chunk):
                control, code = ack_control(ack), ack_code(ack.decode())
                codes.append(code)
                if control != expected[answered]:
                    problems.append(f"monitor {n}: ACK for {control}, "
                                    f"expected {expected[answered]}")
                if code == "AA" and seen.rows(control) != 1:
                    problems.append(f"{control}: AA read before its row was committed")
                answered += 1


def test_concurrent_monitors_each_message_stored_once_and_acked_after_commit(
        storage, listening):  # noqa: F811
    seen = Seen(storage.url)
    problems: list[str] = []
    codes: list[str] = []
    threads = [threading.Thread(target=monitor, args=(listening.port, n, 1 + n % 3, seen,
                                                      problems, codes))
               for n in range(MONITORS)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert not problems, problems[:5]
        assert codes == ["AA"] * (MONITORS * (EACH + 1))
        with storage.engine.connect() as conn:
            rows = conn.execute(text("SELECT control_id, count(*) FROM device_observation "
                                     "GROUP BY control_id")).all()
        assert len(rows) == MONITORS * EACH  # the resends stored nothing more
        assert {count for _, count in rows} == {1}
        c = listening.counters
        assert c.stored == MONITORS * (EACH + 1)
        assert c.commits < c.stored  # messages did share commits
    finally:
        seen.close()


POISON_SQLITE = """CREATE TRIGGER refuse_poison BEFORE INSERT ON device_observation
WHEN NEW.control_id = 'poison'
BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"""
POISON_POSTGRES = ["""CREATE FUNCTION refuse_poison() RETURNS trigger AS $$
BEGIN
  IF NEW.control_id = 'poison' THEN RAISE EXCEPTION 'refused by the test'; END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql""",
                   """CREATE TRIGGER refuse_poison BEFORE INSERT ON device_observation
FOR EACH ROW EXECUTE FUNCTION refuse_poison()"""]


def test_a_message_the_database_refuses_inside_a_batch_gets_ae_alone(
        storage, listening):  # noqa: F811
    """Nine good messages and one the database refuses (a real trigger), written in one
    go so that they are framed in one read and share one batch."""
    with storage.engine.begin() as conn:
        for statement in [POISON_SQLITE] if storage.is_sqlite else POISON_POSTGRES:
            conn.execute(text(statement))
    controls = [f"good-{i}" for i in range(9)]
    controls.insert(4, "poison")
    data = b"".join(frame(oru(nm("150021", "120"), control=c).encode()) for c in controls)
    with socket.create_connection(("127.0.0.1", listening.port), timeout=20) as sock:
        sock.sendall(data)
        framer, acks = MllpFramer(), []
        while len(acks) < len(controls):
            chunk = sock.recv(65536)
            assert chunk, "the listener closed the connection"
            acks += framer.feed(chunk)
    answers = {ack_control(a): ack_code(a.decode()) for a in acks}
    assert answers == {c: "AE" if c == "poison" else "AA" for c in controls}
    assert [ack_control(a) for a in acks] == controls  # in the order sent
    assert listening.counters.batches_split >= 1  # they were one batch, then split
    with storage.engine.connect() as conn:
        stored = dict(conn.execute(text("SELECT control_id, message "
                                        "FROM device_observation")).all())
    assert set(stored) == {c for c in controls if c != "poison"}
    for control, raw in stored.items():  # each stored as received, none mixed up
        assert raw == oru(nm("150021", "120"), control=control).rstrip("\r")


@pytest.mark.parametrize("window", [1, 4])
def test_one_connection_in_flight_window_is_answered_in_order(storage, listening,  # noqa: F811
                                                              window):
    seen = Seen(storage.url)
    problems: list[str] = []
    codes: list[str] = []
    try:
        monitor(listening.port, 7, window, seen, problems, codes)
    finally:
        seen.close()
    assert not problems, problems[:5]
    assert codes == ["AA"] * (EACH + 1)
