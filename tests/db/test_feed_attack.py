"""An attack pass on the listener with real clients on loopback (python-hl7's client and
raw sockets) and real databases: published monitor messages, what the wild sends, a
monitor unplugged mid-session, several chairs fed at once."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import struct
import time
from datetime import datetime, timezone

import pytest

from db.devices_repo import DeviceRepository
from monitor.devices.framing import START, MllpFramer, frame
from monitor.devices.mllp_client import MonitorConnection, ack_code
from tests.db import test_feed_listener as base
from tests.monitor.devices.published_messages import (
    CDOG_TRAINING,
    COMEN,
    IPF_PCD01,
    MINDRAY_EGATEWAY,
    MINDRAY_VS8_DEMO,
    NORTHERN,
    XH80X_SENTINELS,
    XH80X_WAVEFORM,
)
from tests.monitor.devices.samples import nm, oru

UTC = timezone.utc
listening = base.listening  # the fixture: a listener on its own thread and loop
stored, talk = base.stored, base.talk


def msa(ack: str) -> tuple[str, str]:
    for segment in ack.replace("\n", "\r").split("\r"):
        if segment.startswith("MSA"):
            fields = segment.split(segment[3])
            return fields[1], fields[2]
    return "", ""


def sent(value: str, control: str, when: str, app: str = "MON^0001^EUI-64",
         pv1: str = "") -> str:
    """A monitor's NIBP systolic at ``when`` (UTC), from ``app`` (MSH-3)."""
    text = oru(nm("150021", value), control=control, when=when + "+0000")
    text = text.replace("MON^0001^EUI-64", app)
    return text.replace("PID|||1\r", f"PID|||1\rPV1||I|{pv1}\r") if pv1 else text


def by_key(storage) -> dict[str, list]:
    found: dict[str, list] = {}
    for o in DeviceRepository(storage).observations():
        found.setdefault(o.device_key, []).append(o)
    return found


# --- published messages ---------------------------------------------------------------

PUBLISHED = [  # message, the reply wanted (MSA-1, MSA-2)
    (MINDRAY_VS8_DEMO, ("CA", "1")),  # MSH-15 AL, MSH-16 NE: the accept ACK only
    (MINDRAY_EGATEWAY, ("CA", "23545")),
    (XH80X_SENTINELS, ("CA", "41")),
    (XH80X_WAVEFORM, ("CA", "42")),
    (NORTHERN, ("AA", "1362")),  # original mode
    (COMEN, ("AA", "202506100151270003")),
    (IPF_PCD01, ("AA", "MSGID1234")),  # MSH-15 NE, MSH-16 AL: the application ACK only
    (CDOG_TRAINING, ("AA", "msgId0")),
]


def test_published_messages_by_python_hl7_are_acked_and_stored_right(storage, listening):
    listening.tz = UTC  # the northern monitor's zoneless times
    acks = talk(listening.port, *[m for m, _ in PUBLISHED])
    assert [msa(a) for a in acks] == [want for _, want in PUBLISHED]
    rows = stored(storage)
    values = {k: sorted((o.observed_at, o.values) for o in obs)
              for k, obs in by_key(storage).items()}
    assert values == {
        "000F14049B507238": [(datetime(2026, 9, 12, 6, 30, tzinfo=UTC),
                              {"spo2": 98, "pulse": 65, "rr": 17, "hr": 66})],
        "northern": [(datetime(2025, 6, 12, 9, 8, 38, tzinfo=UTC), {"temp_c": 38.5}),
                     (datetime(2025, 6, 12, 9, 33, 19, tzinfo=UTC),
                      {"sbp": 142, "map": 114, "dbp": 100})],
        "NC_Monitor": [(datetime(2025, 6, 9, 17, 51, 27, tzinfo=UTC),
                        {"spo2": 97, "pulse": 59, "rr": 20, "temp_c": 37.0, "sbp": 120,
                         "dbp": 80, "map": 90})],
        "0123456789ABCDEF": [(datetime(2009, 8, 13, 4, 57, 15, tzinfo=UTC),
                              {"sbp": 120, "dbp": 80})],
    }
    # a monitor resends all it was not sure of: acknowledged again, stored once
    again = talk(listening.port, *[m for m, _ in PUBLISHED])
    assert [msa(a) for a in again] == [want for _, want in PUBLISHED]
    assert stored(storage) == rows


def test_a_published_message_split_at_every_byte_on_one_raw_connection(storage, listening):
    whole = frame(IPF_PCD01.encode())
    framer = MllpFramer()
    with socket.create_connection(("127.0.0.1", listening.port), timeout=10) as sock:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for cut in range(1, len(whole), 3):
            sock.sendall(whole[:cut])
            time.sleep(0.0005)  # two reads, not one
            sock.sendall(whole[cut:])
            acks = []
            while not acks:
                acks = framer.feed(sock.recv(4096))
            assert [msa(a.decode()) for a in acks] == [("AA", "MSGID1234")]
    assert stored(storage) == 1


# --- what the wild sends ----------------------------------------------------------------

def _recv_until(sock, count: int, timeout: float = 10) -> tuple[list[bytes], bool]:
    """ACK frames read, and whether the listener closed the connection."""
    sock.settimeout(timeout)
    framer, acks = MllpFramer(), []
    while len(acks) < count:
        try:
            chunk = sock.recv(65536)
        except TimeoutError:
            return acks, False
        except ConnectionResetError:
            return acks, True
        if not chunk:
            return acks, True
        acks += framer.feed(chunk)
    return acks, False


def test_a_frame_beyond_the_size_limit_gets_a_clean_close_not_silence(storage, listening):
    big = oru(nm("150021", "120"), control="BIG") + "NTE|1||" + "A" * 1_100_000 + "\r"
    with socket.create_connection(("127.0.0.1", listening.port), timeout=10) as sock:
        sock.sendall(frame(oru(nm("150021", "121"), control="before").encode()))
        sock.sendall(frame(big.encode()))
        acks, closed = _recv_until(sock, 2, timeout=5)
    assert [msa(a.decode()) for a in acks] == [("AA", "before")]
    assert closed  # the sender knows: it reconnects, never waits on an ACK forever
    assert talk(listening.port, oru(nm("150021", "122"), control="after"))[0]


def test_a_large_message_and_thousands_of_obx_are_stored(storage, listening):
    large = oru(nm("150021", "120"), control="L") + "NTE|1||" + "A" * 900_000 + "\r"
    many = oru(*[nm("150021", str(90 + i % 50)) for i in range(5000)], control="M")
    only_msh = "MSH|^~\\&|OnlyMSH||||20250101120000+0000||ORU^R01|X|P|2.6\r"
    acks = talk(listening.port, large, many, only_msh)
    assert [ack_code(a) for a in acks] == ["AA", "AA", "AA"]


def test_a_client_that_never_reads_its_acks_is_held_back_not_buffered(storage, listening):
    """Backpressure: once its ACKs back up, the listener stops reading from that monitor
    (TCP holds the rest) rather than queueing its messages in memory without end."""
    message = frame((oru(nm("150021", "120"), control="X") + "NTE|1||" + "B" * 4000
                     + "\r").encode())
    # small kernel buffers on both sides (accepted sockets take the listening socket's),
    # so that the ACKs back up after a few hundred rather than after megabytes
    for option in (socket.SO_RCVBUF, socket.SO_SNDBUF):
        listening._server.sockets[0].setsockopt(socket.SOL_SOCKET, option, 4096)
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)
    sock.connect(("127.0.0.1", listening.port))
    sock.settimeout(5)
    sent = 0
    try:
        for _ in range(5_000):
            sock.sendall(message)
            sent += 1
    except TimeoutError:
        pass
    time.sleep(0.5)
    read = listening.counters.frames
    sock.close()
    assert sent < 5_000  # the sender was held back…
    assert read < 2_000  # …and the listener did not take (and hold) what it sent


def test_a_client_that_stops_reading_its_acks_for_good_is_cut_off(storage, listening):
    """A peer whose ACKs stay backed up past the stall limit is disconnected (it will
    reconnect and resend, stored once), never held, with its messages, for ever."""
    listening.stalled_s = 1.0
    listening.replies_grace_s = 0.5
    for option in (socket.SO_RCVBUF, socket.SO_SNDBUF):
        listening._server.sockets[0].setsockopt(socket.SOL_SOCKET, option, 4096)
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.connect(("127.0.0.1", listening.port))
    sock.settimeout(5)
    small = frame(oru(nm("150021", "120"), control="C" * 80).encode())
    with contextlib.suppress(TimeoutError, OSError):
        for _ in range(20_000):  # its ACKs back up, and it never reads them: until the
            sock.sendall(small)  # listener stops reading it, then cuts it off
    deadline = time.monotonic() + 10
    while listening._clients and time.monotonic() < deadline:
        time.sleep(0.1)
    sock.close()
    assert not listening._clients  # the connection is gone
    assert ack_code(talk(listening.port, sent("121", "next", "20250101100000"))[0]) == "AA"


def test_idle_and_slow_connections_do_not_stop_a_monitor(storage, listening):
    idle = [socket.create_connection(("127.0.0.1", listening.port)) for _ in range(200)]
    slow = socket.create_connection(("127.0.0.1", listening.port))
    try:
        whole = frame(oru(nm("150021", "119"), control="slow").encode())
        for byte in whole[:40]:  # a slowloris: one byte at a time
            slow.sendall(bytes([byte]))
        started = time.monotonic()
        acks = talk(listening.port, oru(nm("150021", "120"), control="fast"))
        assert ack_code(acks[0]) == "AA" and time.monotonic() - started < 2
        slow.sendall(whole[40:])
        got, _ = _recv_until(slow, 1)
        assert [msa(a.decode()) for a in got] == [("AA", "slow")]
    finally:
        for s in [*idle, slow]:
            s.close()


def test_a_frame_begun_and_never_ended_in_time_gets_a_clean_close(storage, listening):
    listening.frame_timeout_s = 0.5
    whole = frame(oru(nm("150021", "119"), control="slow").encode())
    with socket.create_connection(("127.0.0.1", listening.port), timeout=10) as slow:
        started = time.monotonic()
        try:
            for byte in whole[:20]:  # a slowloris: one byte at a time
                slow.sendall(bytes([byte]))
                time.sleep(0.1)
            _, closed = _recv_until(slow, 1, timeout=3)
        except (BrokenPipeError, ConnectionResetError):
            closed = True  # closed while it was still trickling
        assert closed and time.monotonic() - started < 4
    # a monitor sending frame after frame (a partial one at every read) is not cut off
    messages = [sent(str(100 + i), f"p{i}", f"2025010109{i:02d}00") for i in range(40)]
    data = b"".join(frame(m.encode()) for m in messages)
    with socket.create_connection(("127.0.0.1", listening.port), timeout=10) as steady:
        for i in range(0, len(data), 200):
            steady.sendall(data[i:i + 200])
            time.sleep(0.02)  # 1.5 s in all, a frame unfinished at almost every read
        acks, closed = _recv_until(steady, 40)
    assert len(acks) == 40 and not closed


def test_unfinished_frames_of_all_connections_are_bounded_together(storage, listening):
    listening.unfinished_budget = 1_000_000
    part = START + b"MSH|^~\\&|X||||20250101||ORU^R01|P|P|2.6\rNTE|1||" + b"A" * 400_000
    socks = [socket.create_connection(("127.0.0.1", listening.port)) for _ in range(3)]
    try:
        for s in socks:
            s.sendall(part)
            time.sleep(0.3)
        closed = [_recv_until(s, 1, timeout=1)[1] for s in socks]
        assert closed == [False, False, True]  # the one that went past the budget
    finally:
        for s in socks:
            s.close()
    time.sleep(0.3)
    assert listening._unfinished == 0  # given back as they closed
    assert ack_code(talk(listening.port, sent("120", "after", "20250101100000"))[0]) == "AA"


# --- a monitor unplugged mid-session ---------------------------------------------------

def _reset(sock: socket.socket) -> None:
    """Pulls the cable the way a switch does: an RST, not a FIN."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


@pytest.mark.parametrize("cut", ["rst", "fin"])
def test_unplugged_mid_frame_then_back_on_the_same_chair(storage, listening, cut):
    devices = DeviceRepository(storage)
    talk(listening.port, sent("110", "first", "20250101090000"))
    (device,) = devices.devices()
    devices.bind(device.id, "3", datetime.now(UTC))
    messages = [sent(str(111 + i), f"m{i}", f"2025010109{i + 1:02d}00") for i in range(40)]
    sock = socket.create_connection(("127.0.0.1", listening.port), timeout=10)
    sock.sendall(b"".join(frame(m.encode()) for m in messages))  # sent ahead of ACKs
    acks, _ = _recv_until(sock, 10)
    acked = [msa(a.decode())[1] for a in acks]
    half = sent("99", "half", "20250101110000").encode()
    sock.sendall(START + half[:len(half) // 2])  # mid-frame…
    if cut == "rst":
        _reset(sock)  # …the cable is pulled
    else:  # …the monitor closes its side, and still reads what it is owed
        sock.shutdown(socket.SHUT_WR)
        rest, _ = _recv_until(sock, 40 - len(acks))
        acked += [msa(a.decode())[1] for a in rest]
        assert len(acked) == 40  # every whole frame answered…
        assert sock.recv(100) == b""  # …then a clean close
        sock.close()
    time.sleep(0.5)
    chair = devices.observations(chair="3")
    stored_ids = {o.observed_at.minute for o in chair if o.observed_at.hour == 9}
    assert {int(c[1:]) + 1 for c in acked} <= stored_ids  # nothing acknowledged is lost
    assert all(o.observed_at.hour != 11 for o in chair)  # the half frame: not stored
    if cut == "fin":
        assert listening.counters.unterminated == 1
    back = talk(listening.port, sent("130", "back", "20250101100000"))
    assert ack_code(back[0]) == "AA"
    latest = devices.observations(chair="3")[-1]
    assert latest.values == {"sbp": 130} and latest.device_key == device.key


# --- a clinic of chairs fed at once -------------------------------------------------------

def test_eight_monitors_at_once_each_chair_gets_only_its_own(storage, listening):
    devices = DeviceRepository(storage)
    listening.devices.points_of_care = {"^^CHAIR5": "5"}
    keys = [f"MON{n}" for n in range(8)]
    # each monitor introduces itself, then is bound to its chair
    talk(listening.port, *[sent("100", "hello", "20250101080000", app=k) for k in keys])
    for d in devices.devices():
        devices.bind(d.id, str(int(d.key[3:]) + 1), datetime.now(UTC))

    async def monitor(n: int) -> list[str]:
        conn = await MonitorConnection.open("127.0.0.1", listening.port)
        try:
            out = []
            for i in range(30):
                # the same MSH-10 from every monitor; monitor 0 says it is at chair 5
                text = sent(str(100 + n), f"c{i}", f"2025010109{i:02d}00", app=keys[n],
                            pv1="^^CHAIR5" if n == 0 else "")
                out.append(ack_code(await conn.send(text)))
            return out
        finally:
            await conn.close()

    async def clinic():
        return await asyncio.gather(*[monitor(n) for n in range(8)])

    results = asyncio.run(clinic())
    assert all(r == ["AA"] * 30 for r in results)
    for n in range(8):
        obs = [o for o in devices.observations(chair=str(n + 1))
               if o.observed_at.hour == 9]
        assert len(obs) == 30, n
        assert {o.device_key for o in obs} == {keys[n]}
        assert {o.values["sbp"] for o in obs} == {100 + n}
    # rebinding monitor 0 to chair 9 mid-session: what follows goes to chair 9
    zero = next(d for d in devices.devices() if d.key == "MON0")
    devices.bind(zero.id, "9", datetime.now(UTC))
    talk(listening.port, sent("150", "moved", "20250101100000", app="MON0"))
    assert [o.values for o in devices.observations(chair="9")] == [{"sbp": 150}]
    assert all(o.values["sbp"] != 150 for o in devices.observations(chair="1"))
